//! Controls for any parameter spec: a slider with a typed field for numbers, a switch for
//! toggles, a segmented group for choices and unit systems. Every control carries
//! `data-param="KEY"` (public: tests, docs and prose bindings use it).
//!
//! The markup is static (`crate::markup`); input arrives through four handlers delegated to the
//! widget root ([`on_input`], [`on_change`], [`on_keydown`], [`on_click`]) and the DOM is brought
//! up to date by one effect per widget ([`sync`]). One closure per event kind instead of one per attribute keeps the
//! bundle small: each reactive attribute closure costs a monomorphised render effect.

use crate::model::{self, Fix, Kind, ParamSpec};
use crate::scenario::echo;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// What every control of one widget shares.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub specs: &'static [ParamSpec],
    pub vals: RwSignal<Vec<f64>>,
    pub system: Memo<usize>,
}

impl Ctx {
    /// Sets input `i` (and whatever a preset fills), notifying only when something changed.
    fn set(self, i: usize, x: f64) {
        let mut next = self.vals.get_untracked();
        model::assign(self.specs, &mut next, i, x);
        if self.vals.with_untracked(|v| *v != next) {
            self.vals.set(next);
        }
    }
    fn index(self, key: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.key == key)
    }
}

/// The input element an event came from, with its parameter index.
fn target(ctx: Ctx, ev: &web_sys::Event) -> Option<(HtmlInputElement, usize)> {
    let input = ev.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let i = ctx.index(&input.get_attribute("data-param")?)?;
    Some((input, i))
}

/// Slider moves: every `input` event updates the values (the URL waits until input settles).
pub fn on_input(ctx: Ctx, ev: web_sys::Event) {
    let Some((input, i)) = target(ctx, &ev) else {
        return;
    };
    if input.type_() == "range" {
        let pos = crate::num::parse_f64(&input.value()).unwrap_or(0.0);
        ctx.set(i, ctx.specs[i].from_position(pos, ctx.system.get_untracked()));
        show_msg(&input, ctx.specs[i].key, None);
    }
}

/// Committed changes: typed text (Enter or leaving the field), switches, choices.
pub fn on_change(ctx: Ctx, ev: web_sys::Event) {
    let Some((input, i)) = target(ctx, &ev) else {
        return;
    };
    let spec = &ctx.specs[i];
    match input.type_().as_str() {
        "text" => commit(ctx, i, &input),
        "checkbox" => ctx.set(i, if input.checked() { 1.0 } else { 0.0 }),
        "radio" => {
            if let Some(k) = spec.options().iter().position(|o| *o == input.value()) {
                ctx.set(i, k as f64);
            }
        }
        _ => {}
    }
}

/// Enter in a typed field commits it (the `change` that follows finds nothing new).
pub fn on_keydown(ctx: Ctx, ev: web_sys::KeyboardEvent) {
    if ev.key() == "Enter" {
        if let Some((input, i)) = target(ctx, &ev) {
            if input.type_() == "text" {
                commit(ctx, i, &input);
            }
        }
    }
}

/// Takes a typed value: parsed in the displayed unit, clamped into range with a message, or
/// refused with a message (the field then shows the current value again).
fn commit(ctx: Ctx, i: usize, input: &HtmlInputElement) {
    let spec = &ctx.specs[i];
    let sys = ctx.system.get_untracked();
    let current = ctx.vals.with_untracked(|v| v[i]);
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
    ctx.set(i, value);
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

/// Brings every control and readout under `root` up to date with the values.
pub fn sync(root: &Element, model: &'static model::Model, vals: &[f64], outputs: &[f64]) {
    let specs = model.params();
    let sys = model::unit_system(specs, vals);
    let focused = root.owner_document().and_then(|d| d.active_element());
    let each = |selector: &str, f: &dyn Fn(Element)| {
        if let Ok(list) = root.query_selector_all(selector) {
            for n in 0..list.length() {
                if let Some(el) = list.item(n).and_then(|e| e.dyn_into::<Element>().ok()) {
                    f(el);
                }
            }
        }
    };
    for (spec, &v) in specs.iter().zip(vals) {
        let key = spec.key;
        each(&format!("[data-for=\"{key}\"]"), &|el| {
            let _ = el.toggle_attribute_with_force("hidden", !model::shown(specs, vals, spec.shown_if));
        });
        each(&format!("input[data-param=\"{key}\"]"), &|el| {
            let Ok(input) = el.dyn_into::<HtmlInputElement>() else {
                return;
            };
            match input.type_().as_str() {
                "range" => {
                    input.set_value(&(spec.to_position(v) as u32).to_string());
                    let _ = input.set_attribute("aria-valuetext", &spec.unit.format(v, sys));
                }
                // Never rewrite a field while the reader is typing in it.
                "text" if focused.as_ref() != Some(input.as_ref()) => input.set_value(&spec.unit.edit_text(v, sys)),
                "checkbox" => input.set_checked(v != 0.0),
                "radio" => input.set_checked(spec.options().get(v as usize) == Some(&input.value().as_str())),
                _ => {}
            }
        });
        each(&format!("[data-suffix=\"{key}\"]"), &|el| el.set_text_content(Some(spec.unit.suffix(sys).trim())));
    }
    for (o, &x) in model.outputs().iter().zip(outputs) {
        each(&format!("[data-output=\"{}\"]", o.key), &|el| {
            el.set_text_content(Some(&o.unit.format(x, sys)));
            if let Some(card) = el.closest(".ew-out").ok().flatten() {
                let _ = card.toggle_attribute_with_force("hidden", !model::shown(specs, vals, o.shown_if));
            }
        });
    }
}

/// Clicks: the link notes' Dismiss button, and reference marks under a slider (which set the
/// value they name).
pub fn on_click(ctx: Ctx, ev: web_sys::MouseEvent) {
    let Some(button) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if button.get_attribute("data-action").as_deref() == Some("dismiss") {
        if let Some(notes) = button.closest(".ew-notes").ok().flatten() {
            let _ = notes.set_attribute("hidden", "");
        }
    }
    let set = button.get_attribute("data-set").and_then(|k| ctx.index(&k));
    let value = button.get_attribute("data-value").and_then(|v| crate::num::parse_f64(&v));
    if let (Some(i), Some(v)) = (set, value) {
        ctx.set(i, ctx.specs[i].sanitize(v).0);
    }
}
