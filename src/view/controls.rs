//! Controls for any parameter spec: a slider with a typed field for numbers, a switch for
//! toggles, a segmented group for choices and unit systems. Every control carries
//! `data-param="KEY"` (public: tests, docs and prose bindings use it).
//!
//! The markup is static (`crate::markup`); input arrives through four listeners delegated to the
//! widget root ([`on_input`], [`on_change`], [`on_keydown`], [`on_click`]) and [`sync`] brings the
//! DOM up to date after every change. One listener per event kind, not one per control, keeps the
//! code small and the page light.

use super::Widget;
use crate::model::{self, Fix, Kind};
use crate::scenario::echo;
use std::rc::Rc;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

type W = Rc<Widget>;

/// The input element an event came from, with its parameter index.
fn target(w: &Widget, ev: &web_sys::Event) -> Option<(HtmlInputElement, usize)> {
    let input = ev.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let i = model::index(w.specs, &input.get_attribute("data-param")?)?;
    Some((input, i))
}

/// Slider moves: every `input` event updates the values (the URL waits until input settles).
pub fn on_input(w: &W, ev: web_sys::Event) {
    let Some((input, i)) = target(w, &ev) else {
        return;
    };
    if input.type_() == "range" {
        let (spec, sys) = (&w.specs[i], w.system());
        let pos = crate::num::parse_f64(&input.value()).unwrap_or(0.0);
        let current = w.vals.borrow()[i];
        let mut value = spec.from_position(pos, sys);
        // A small move (one arrow key, a slow drag) can land on the same rounded value: keep going
        // the same way to the next value the reader can see, so every step changes something.
        let dir = (pos - spec.to_position(current)).signum();
        let mut p = pos;
        while value == current && dir != 0.0 && (0.0..=model::SLIDER_STEPS).contains(&(p + dir)) {
            p += dir;
            value = spec.from_position(p, sys);
        }
        w.set(i, value);
        show_msg(&input, w.specs[i].key, None);
    }
}

/// Committed changes: typed text (Enter or leaving the field), switches, choices.
pub fn on_change(w: &W, ev: web_sys::Event) {
    let Some((input, i)) = target(w, &ev) else {
        return;
    };
    let spec = &w.specs[i];
    match input.type_().as_str() {
        "text" => commit(w, i, &input),
        "checkbox" => w.set(i, if input.checked() { 1.0 } else { 0.0 }),
        "radio" => {
            if let Some(k) = spec.options().iter().position(|o| *o == input.value()) {
                w.set(i, k as f64);
            }
        }
        _ => {}
    }
}

/// Enter in a typed field commits it (the `change` that follows finds nothing new). On a
/// slider, Page Up and Page Down take a tenth of the range (arrows, Home and End are the
/// browser's own).
pub fn on_keydown(w: &W, ev: web_sys::Event) {
    let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key()) else {
        return;
    };
    let Some((input, i)) = target(w, &ev) else {
        return;
    };
    match (key.as_str(), input.type_().as_str()) {
        ("Enter", "text") => commit(w, i, &input),
        ("PageUp" | "PageDown", "range") => {
            ev.prevent_default();
            let pos = crate::num::parse_f64(&input.value()).unwrap_or(0.0);
            let big = model::SLIDER_STEPS / 10.0;
            let next = (if key == "PageUp" { pos + big } else { pos - big }).clamp(0.0, model::SLIDER_STEPS);
            w.set(i, w.specs[i].from_position(next, w.system()));
        }
        _ => {}
    }
}

/// Takes a typed value: parsed in the displayed unit, clamped into range with a message, or
/// refused with a message (the field then shows the current value again).
fn commit(w: &W, i: usize, input: &HtmlInputElement) {
    let spec = &w.specs[i];
    let sys = w.system();
    let current = w.vals.borrow()[i];
    let typed = input.value();
    if typed == spec.unit.edit_text(current, sys) {
        return;
    }
    let (min, max) = match spec.kind {
        Kind::Number { min, max, .. } => (min, max),
        _ => return,
    };
    let (value, msg) = match spec.unit.parse(&typed, sys) {
        Err(_) => (current, Some(format!("“{}” is not a number; kept {}.", echo(&typed), spec.unit.format(current, sys)))),
        Ok(raw) => match spec.sanitize(raw) {
            (v, Some(Fix::Clamped { to })) => (
                v,
                Some(format!(
                    "{} is outside {}–{}; set to {}.",
                    echo(typed.trim()),
                    spec.unit.format(min, sys),
                    spec.unit.format(max, sys),
                    spec.unit.format(to, sys)
                )),
            ),
            (v, _) => (v, None),
        },
    };
    w.set(i, value);
    input.set_value(&spec.unit.edit_text(value, sys));
    show_msg(input, spec.key, msg.as_deref());
}

/// Shows (or clears) the message under a control.
fn show_msg(from: &Element, key: &str, msg: Option<&str>) {
    let Some(p) = from.closest(".ew-param").ok().flatten().and_then(|c| c.query_selector(&format!("[data-msg=\"{key}\"]")).ok().flatten()) else {
        return;
    };
    p.set_text_content(msg);
    let _ = p.toggle_attribute_with_force("hidden", msg.is_none());
}

/// Brings every control and readout under `root` up to date with the values: controls, readouts,
/// the difference of each headline from the essay's number, and whether Reset is offered.
pub fn sync(w: &Widget, vals: &[f64], outputs: &[f64]) {
    let model = w.model;
    let specs = model.params();
    let moved = vals != w.base;
    let sys = model::unit_system(specs, vals);
    let focused = w.root.owner_document().and_then(|d| d.active_element());
    if w.dom.borrow().is_none() {
        *w.dom.borrow_mut() = Some(Dom::find(w));
    }
    let dom = w.dom.borrow();
    let Some(dom) = dom.as_ref() else { return };
    for ((spec, &v), els) in specs.iter().zip(vals).zip(&dom.params) {
        let hide = w.hidden.contains(&spec.key) || !model::shown(specs, vals, spec.shown_if);
        for el in &els.containers {
            if el.has_attribute("hidden") != hide {
                let _ = el.toggle_attribute_with_force("hidden", hide);
            }
        }
        for input in &els.inputs {
            match input.type_().as_str() {
                "range" => {
                    set_value(input, &(spec.to_position(v) as u32).to_string());
                    let _ = input.set_attribute("aria-valuetext", &spec.unit.spoken(v, sys));
                }
                // Never rewrite a field while the reader is typing in it.
                "text" if focused.as_ref() != Some(input.as_ref()) => set_value(input, &spec.unit.edit_text(v, sys)),
                "checkbox" => input.set_checked(v != 0.0),
                "radio" => input.set_checked(spec.options().get(v as usize) == Some(&input.value().as_str())),
                _ => {}
            }
        }
        for el in &els.suffixes {
            set_text(el, spec.unit.suffix(sys).trim());
        }
    }
    for el in &dom.reset {
        let _ = el.toggle_attribute_with_force("hidden", !moved);
    }
    for (((o, &x), &b), els) in model.outputs().iter().zip(outputs).zip(w.base_out).zip(&dom.outputs) {
        for el in &els.deltas {
            let d = x - b;
            let show = moved && d.is_finite() && d.abs() > 1e-9 * b.abs().max(1e-12);
            if show {
                let sign = if d > 0.0 { "+" } else { "−" };
                set_text(el, &format!("{sign}{} vs the essay", o.unit.format(d.abs(), sys)));
            }
            let _ = el.toggle_attribute_with_force("hidden", !show);
        }
        for el in &els.outs {
            set_text(el, &o.unit.format(x, sys));
        }
        for card in &els.cards {
            let _ = card.toggle_attribute_with_force("hidden", !model::shown(specs, vals, o.shown_if));
        }
    }
}

/// Writes text only when it changed (an unchanged write still costs the page a layout).
fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

fn set_value(input: &HtmlInputElement, value: &str) {
    if input.value() != value {
        input.set_value(value);
    }
}

/// A widget's elements that [`sync`] writes, found once (its markup never changes shape).
pub struct Dom {
    params: Vec<ParamEls>,
    outputs: Vec<OutEls>,
    reset: Vec<Element>,
    /// The chart's canvas, the "Show data" details and its table slot (absent with the chart off).
    pub canvas: Option<Element>,
    pub data: Option<Element>,
    pub table: Option<Element>,
}

struct ParamEls {
    containers: Vec<Element>,
    inputs: Vec<HtmlInputElement>,
    suffixes: Vec<Element>,
}

struct OutEls {
    outs: Vec<Element>,
    cards: Vec<Element>,
    deltas: Vec<Element>,
}

impl Dom {
    fn find(w: &Widget) -> Dom {
        let all = |selector: &str| -> Vec<Element> {
            let Ok(list) = w.root.query_selector_all(selector) else { return Vec::new() };
            (0..list.length()).filter_map(|n| list.item(n)?.dyn_into::<Element>().ok()).collect()
        };
        let params = w
            .specs
            .iter()
            .map(|s| ParamEls {
                containers: all(&format!("[data-for=\"{}\"]", s.key)),
                inputs: all(&format!("input[data-param=\"{}\"]", s.key)).into_iter().filter_map(|e| e.dyn_into().ok()).collect(),
                suffixes: all(&format!("[data-suffix=\"{}\"]", s.key)),
            })
            .collect();
        let outputs = w
            .model
            .outputs()
            .iter()
            .map(|o| {
                let outs = all(&format!("[data-output=\"{}\"]", o.key));
                let cards = outs.iter().filter_map(|e| e.closest(".ew-out").ok().flatten()).collect();
                OutEls { outs, cards, deltas: all(&format!("[data-delta=\"{}\"]", o.key)) }
            })
            .collect();
        let one = |selector: &str| w.root.query_selector(selector).ok().flatten();
        Dom { params, outputs, reset: all("[data-action=\"reset\"]"), canvas: one("canvas"), data: one(".ew-data"), table: one("[data-table]") }
    }
}

/// Clicks: the link notes' Dismiss, Share and Reset buttons, and reference marks under a
/// slider (which set the value they name).
pub fn on_click(w: &W, ev: web_sys::Event) {
    let Some(button) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let find = |selector: &str| w.root.query_selector(selector).ok().flatten();
    match button.get_attribute("data-action").as_deref() {
        Some("dismiss") => hide(find(".ew-notes")),
        Some("reset") => {
            w.replace(w.base.to_vec());
            hide(find(".ew-notes"));
            hide(find(".ew-share"));
            if let Ok(list) = w.root.query_selector_all(".ew-msg") {
                (0..list.length()).filter_map(|n| list.item(n)?.dyn_into::<Element>().ok()).for_each(|m| hide(Some(m)));
            }
            say(&find(".ew-status"), "Back to the essay's numbers.");
        }
        Some("share") => copy(w, &button, super::export::link(w), "link"),
        Some(action @ ("png" | "svg" | "csv" | "cite")) => super::export::run(w, &button, action),
        _ if button.tag_name().eq_ignore_ascii_case("summary") => {
            // The "Show data" table fills in once the details element has opened.
            let w = w.clone();
            super::after(0, move || super::export::refresh_table(&w));
        }
        _ => {}
    }
    let set = button.get_attribute("data-set").and_then(|k| model::index(w.specs, &k));
    let value = button.get_attribute("data-value").and_then(|v| crate::num::parse_f64(&v));
    if let (Some(i), Some(v)) = (set, value) {
        w.set(i, w.specs[i].sanitize(v).0);
    }
}

fn hide(el: Option<Element>) {
    if let Some(el) = el {
        let _ = el.set_attribute("hidden", "");
    }
}

/// Puts a short message in the widget's polite status line (read out by screen readers).
fn say(status: &Option<Element>, text: &str) {
    if let Some(s) = status {
        s.set_text_content(Some(text));
    }
}

/// Copies `text` with the Clipboard API, then says so on `button` ("Copied") and in the
/// status line; where there is no clipboard or the browser refuses, shows the text in the
/// widget's field, selected, to copy by hand. `what` names it: "link", "citation".
pub fn copy(w: &Widget, button: &Element, text: String, what: &'static str) {
    use js_sys::{Function, Reflect};
    let find = |selector: &str| w.root.query_selector(selector).ok().flatten();
    let (status, fallback) = (find(".ew-status"), find(".ew-share"));
    let show_field = {
        let (status, text) = (status.clone(), text.clone());
        move || {
            let Some(p) = &fallback else { return };
            let _ = p.remove_attribute("hidden");
            if let Some(label) = p.query_selector("label").ok().flatten() {
                label.set_text_content(Some(if what == "link" { "Link to this scenario" } else { "Citation" }));
            }
            if let Some(input) = p.query_selector("input").ok().flatten().and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) {
                input.set_value(&text);
                let _ = input.focus();
                input.select();
            }
            say(&status, &format!("Copy the {what} below (Ctrl+C or ⌘C)."));
        }
    };
    let get = |from: &wasm_bindgen::JsValue, name: &str| Reflect::get(from, &name.into()).ok().filter(|v| v.is_object() || v.is_function());
    let clipboard = web_sys::window().and_then(|w| get(&w, "navigator")).and_then(|n| get(&n, "clipboard"));
    let write = clipboard.as_ref().and_then(|c| get(c, "writeText")).and_then(|f| f.dyn_into::<Function>().ok());
    let promise = match (clipboard, write) {
        (Some(c), Some(f)) => f.call1(&c, &text.as_str().into()).ok(),
        _ => None,
    };
    let then = promise.as_ref().and_then(|p| get(p, "then")).and_then(|f| f.dyn_into::<Function>().ok());
    let (Some(promise), Some(then)) = (promise, then) else {
        show_field();
        return;
    };
    let (button, label) = (button.clone(), button.text_content().unwrap_or_default());
    let copied = Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
        button.set_text_content(Some("Copied"));
        say(&status, if what == "link" { "Link copied." } else { "Citation copied." });
        super::after(2000, move || button.set_text_content(Some(&label)));
    });
    let refused = Closure::once_into_js(move |_: wasm_bindgen::JsValue| show_field());
    let _ = then.call2(&promise, &copied, &refused);
}
