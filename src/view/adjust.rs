//! Adjustable numbers in the prose: `<span data-essay-bind="NS.KEY" data-adjust>$1,200/lb</span>`
//! on an input becomes a number the reader changes inside the sentence. A native text field (so
//! it works with every keyboard, screen reader and touch screen) with the spin button's keys:
//! ↑/↓ one step (1 % of the slider), Page Up/Down ten, Home/End the ends; typing a value and
//! Enter (or leaving the field) sets it as the widget's own field would. Dragging sideways moves
//! it too. It is announced as a spin button with the value in words (`aria-valuetext`), and the
//! widget's slider, readouts and link follow, as they follow the slider.

use super::Ctx;
use leptos::prelude::*;
use crate::model::{Kind, SLIDER_STEPS};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, KeyboardEvent, PointerEvent};

/// Slider positions per pixel dragged (1,000 positions end to end: 500 px).
const PER_PX: f64 = 2.0;

/// Puts a field for input `i` into the bound element `el`; `None` for an input that is not a
/// number (switches and choices stay text).
pub fn attach(ctx: Ctx, el: &Element, i: usize) -> Option<HtmlInputElement> {
    let spec = &ctx.specs()[i];
    if !matches!(spec.kind, Kind::Number { .. }) {
        return None;
    }
    let doc = el.owner_document()?;
    let input: HtmlInputElement = doc.create_element("input").ok()?.dyn_into().ok()?;
    input.set_type("text");
    input.set_class_name("ew-adjust");
    let _ = input.set_attribute("role", "spinbutton");
    let _ = input.set_attribute("inputmode", "decimal");
    let _ = input.set_attribute("autocomplete", "off");
    let _ = input.set_attribute("spellcheck", "false");
    let _ = input.set_attribute("aria-label", &format!("{} (↑ ↓ to change, or type a value)", spec.label));
    let _ = input.set_attribute("data-param", spec.key);
    // The fallback text is what the widget shows at its start: it stays for the no-JS reader.
    el.set_text_content(None);
    let _ = el.append_child(&input);
    let by = move |steps: f64| {
        let (spec, sys) = (&ctx.specs()[i], ctx.system_now());
        let pos = (spec.to_position(ctx.value(i)) + steps).clamp(0.0, SLIDER_STEPS);
        ctx.set_range(i, None);
        ctx.set(i, spec.from_position(pos, sys));
    };
    let on_key = Closure::<dyn FnMut(KeyboardEvent)>::new(move |ev: KeyboardEvent| {
        let steps = match ev.key().as_str() {
            "ArrowUp" => 10.0,
            "ArrowDown" => -10.0,
            "PageUp" => 100.0,
            "PageDown" => -100.0,
            "Home" => -SLIDER_STEPS,
            "End" => SLIDER_STEPS,
            "Enter" => {
                commit(ctx, i, &ev);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        by(steps);
    });
    let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| commit(ctx, i, &ev));
    // A drag: a pointer pressed and moved sideways more than 4 px; a press without one is a click
    // into the field.
    let drag: Rc<Cell<Option<(f64, f64, bool)>>> = Rc::new(Cell::new(None));
    let (d1, d2, d3) = (drag.clone(), drag.clone(), drag);
    let on_down = Closure::<dyn FnMut(PointerEvent)>::new(move |ev: PointerEvent| {
        d1.set(Some((ev.client_x() as f64, ctx.specs()[i].to_position(ctx.value(i)), false)));
    });
    let on_move = Closure::<dyn FnMut(PointerEvent)>::new(move |ev: PointerEvent| {
        let Some((x0, p0, dragging)) = d2.get() else { return };
        let dx = ev.client_x() as f64 - x0;
        if !dragging && dx.abs() < 4.0 {
            return;
        }
        if !dragging {
            if let Some(t) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                let _ = t.set_pointer_capture(ev.pointer_id());
            }
        }
        d2.set(Some((x0, p0, true)));
        ev.prevent_default();
        let (spec, sys) = (&ctx.specs()[i], ctx.system_now());
        ctx.set_range(i, None);
        ctx.set(i, spec.from_position((p0 + dx * PER_PX).clamp(0.0, SLIDER_STEPS), sys));
    });
    let on_up = Closure::<dyn FnMut(PointerEvent)>::new(move |_: PointerEvent| d3.set(None));
    let target: &web_sys::EventTarget = input.as_ref();
    let _ = target.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let _ = target.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    let _ = target.add_event_listener_with_callback("pointerdown", on_down.as_ref().unchecked_ref());
    let _ = target.add_event_listener_with_callback("pointermove", on_move.as_ref().unchecked_ref());
    for up in ["pointerup", "pointercancel"] {
        let _ = target.add_event_listener_with_callback(up, on_up.as_ref().unchecked_ref());
    }
    // The listeners live as long as the widget; when it goes, the sentence gets its text back.
    let (field, host) = (input.clone(), el.clone());
    super::on_unmount(ctx.fixed.uid, move || {
        let text = field.value();
        drop((on_key, on_change, on_down, on_move, on_up));
        host.set_text_content(Some(&text));
    });
    Some(input)
}

/// Sets what the reader typed, as the widget's own field does (a bad value: the field shows the
/// current value again).
fn commit(ctx: Ctx, i: usize, ev: &web_sys::Event) {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
    let (spec, sys) = (&ctx.specs()[i], ctx.system_now());
    match spec.unit.parse(&input.value(), sys) {
        Ok(raw) => {
            ctx.set_range(i, None);
            ctx.set(i, spec.sanitize(raw).0);
        }
        Err(_) => {}
    }
    show(ctx, i, &input);
}

/// Writes the current value into the field and its spin button attributes.
pub fn show(ctx: Ctx, i: usize, input: &HtmlInputElement) {
    let (spec, sys) = (&ctx.specs()[i], ctx.system());
    let v = ctx.values[i].get();
    // A ranged input says its range, as its field does (a key or a drag makes it one value).
    let text = super::bindings::input_text(ctx, i);
    if input.value() != text {
        input.set_value(&text);
    }
    let _ = input.set_attribute("size", &text.chars().count().max(2).to_string());
    let _ = input.set_attribute("aria-valuetext", &text);
    let _ = input.set_attribute("aria-valuenow", &crate::num::format_f64(spec.unit.to_display(v, sys)));
    if let Kind::Number { min, max, .. } = spec.kind {
        let _ = input.set_attribute("aria-valuemin", &crate::num::format_f64(spec.unit.to_display(min, sys)));
        let _ = input.set_attribute("aria-valuemax", &crate::num::format_f64(spec.unit.to_display(max, sys)));
    }
}
