//! Controls for any parameter spec: a slider with a typed field and reference marks for numbers,
//! a switch for toggles, a segmented group for choices, unit systems and presets; and the buttons
//! that copy text (Share, Copy citation). Every control carries `data-param="KEY"` (public:
//! tests, docs and prose bindings use it).
//!
//! Architecture invariant: the only place that turns reader input into values, always through
//! `ParamSpec::sanitize` and [`Ctx::set`].

use super::Ctx;
use crate::model::{self, Fix, Kind};
use crate::scenario::echo;
use crate::units::Style;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// The control for input `i`, by its kind.
#[component]
pub fn Control(ctx: Ctx, i: usize) -> impl IntoView {
    match ctx.specs()[i].kind {
        Kind::Number { .. } => EitherOf3::A(view! { <NumberControl ctx i/> }),
        Kind::Toggle => EitherOf3::B(view! { <Switch ctx i/> }),
        Kind::Choice(_) | Kind::UnitSystem(_) | Kind::Preset(_) => EitherOf3::C(view! { <Choice ctx i/> }),
    }
}

/// Whether control `i` is hidden: by the author (`data-controls`, `data-hide`) or by its switch.
fn hidden(ctx: Ctx, i: usize) -> Memo<bool> {
    let spec = &ctx.specs()[i];
    let by_author = ctx.fixed.author.hidden.contains(&spec.key);
    Memo::new(move |_| by_author || !ctx.shown(spec.shown_if))
}

/// A number: slider (with reference marks under it), typed field, message, source.
#[component]
fn NumberControl(ctx: Ctx, i: usize) -> impl IntoView {
    let spec = &ctx.specs()[i];
    let key = spec.key;
    let id = format!("ew{}-{key}", ctx.fixed.uid);
    let src = format!("{id}-src");
    let value = ctx.value(i);
    let hide = hidden(ctx, i);
    let msg = Memo::new(move |_| ctx.msgs.with(|m| m[i].clone()));
    // Slider moves: every `input` event updates the values (the URL waits until input settles).
    let slide = move |ev: web_sys::Event| {
        let (sys, current) = (ctx.system.get_untracked(), value.get_untracked());
        let pos = crate::num::parse_f64(&event_target_value(&ev)).unwrap_or(0.0);
        let mut next = spec.from_position(pos, sys);
        // A small move (one arrow key, a slow drag) can land on the same rounded value: keep going
        // the same way to the next value the reader can see, so every step changes something.
        let dir = (pos - spec.to_position(current)).signum();
        let mut p = pos;
        while next == current && dir != 0.0 && (0.0..=model::SLIDER_STEPS).contains(&(p + dir)) {
            p += dir;
            next = spec.from_position(p, sys);
        }
        ctx.set(i, next);
        ctx.msg(i, None);
    };
    // Page Up and Page Down take a tenth of the range (arrows, Home and End are the browser's).
    let page = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if key == "PageUp" || key == "PageDown" {
            ev.prevent_default();
            let pos = spec.to_position(value.get_untracked());
            let big = model::SLIDER_STEPS / 10.0;
            let next = (if key == "PageUp" { pos + big } else { pos - big }).clamp(0.0, model::SLIDER_STEPS);
            ctx.set(i, spec.from_position(next, ctx.system.get_untracked()));
        }
    };
    // Typed values are committed with Enter or on leaving the field.
    let typed = move |ev: web_sys::Event| commit(ctx, i, &event_target::<HtmlInputElement>(&ev));
    let enter = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            commit(ctx, i, &event_target::<HtmlInputElement>(&ev));
        }
    };
    let marks = spec.marks.iter().enumerate().map(|(k, &(v, label))| {
        // The rightmost mark gets the top row: the lines of marks further left then run down
        // past labels that reach left from their ticks, not through them.
        let row = spec.marks.len() - 1 - k;
        let t = spec.to_position(v) / model::SLIDER_STEPS;
        let side = if t > 0.7 { "ew-tick ew-tick-end" } else if t > 0.3 { "ew-tick ew-tick-mid" } else { "ew-tick" };
        let text = format!("{label} {}", spec.unit.format(v, 0));
        view! {
            <button type="button" class=side style=("--t", crate::units::fixed(t, 3)) data-row=row.to_string()
                aria-label=format!("{text}: set {} to it", spec.label) on:click=move |_| ctx.set(i, spec.sanitize(v).0)>
                {text.clone()}
            </button>
        }
    });
    let ticks = (!spec.marks.is_empty()).then(|| view! { <span class="ew-ticks" data-rows=spec.marks.len().to_string()>{marks.collect_view()}</span> });
    view! {
        <div class="ew-param" data-for=key hidden=move || hide.get()>
            <label class="ew-label" for=id.clone()>{spec.label}</label>
            <div class="ew-row">
                <span class="ew-track">
                    <input type="range" class="ew-slider" data-param=key min="0" max="1000" step="1" aria-label=spec.label
                        aria-describedby=src.clone()
                        aria-valuetext=move || spec.unit.spoken(value.get(), ctx.system.get())
                        prop:value=move || (spec.to_position(value.get()) as u32).to_string()
                        on:input=slide on:keydown=page/>
                    {ticks}
                </span>
                <span class="ew-field">
                    {(spec.unit.style == Style::Money).then(|| view! { <span class="ew-affix" aria-hidden="true">"$"</span> })}
                    <input type="text" id=id class="ew-input" inputmode="decimal" autocomplete="off" spellcheck="false" data-param=key
                        aria-describedby=src.clone()
                        prop:value=move || spec.unit.edit_text(value.get(), ctx.system.get())
                        on:change=typed on:keydown=enter/>
                    <span class="ew-affix" aria-hidden="true" data-suffix=key>{move || spec.unit.suffix(ctx.system.get()).trim()}</span>
                </span>
            </div>
            <p class="ew-msg" role="alert" data-msg=key hidden=move || msg.with(Option::is_none)>{move || msg.get().unwrap_or_default()}</p>
            <p class="ew-src" id=src>{spec.source}</p>
        </div>
    }
}

/// Takes a typed value: parsed in the displayed unit, clamped into range with a message, or
/// refused with a message (the field then shows the current value again).
fn commit(ctx: Ctx, i: usize, input: &HtmlInputElement) {
    let spec = &ctx.specs()[i];
    let sys = ctx.system.get_untracked();
    let current = ctx.vals.with_untracked(|v| v[i]);
    let typed = input.value();
    // Enter commits; the `change` that follows finds nothing new.
    if typed == spec.unit.edit_text(current, sys) {
        return;
    }
    let Kind::Number { min, max, .. } = spec.kind else { return };
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
    // The field shows the value taken (the value's own update does not rewrite it when unchanged).
    input.set_value(&spec.unit.edit_text(value, sys));
    ctx.msg(i, msg);
}

/// An on/off switch.
#[component]
fn Switch(ctx: Ctx, i: usize) -> impl IntoView {
    let spec = &ctx.specs()[i];
    let src = format!("ew{}-{}-src", ctx.fixed.uid, spec.key);
    let value = ctx.value(i);
    let hide = hidden(ctx, i);
    view! {
        <div class="ew-param ew-param-toggle" data-for=spec.key hidden=move || hide.get()>
            <label class="ew-switch">
                <input type="checkbox" role="switch" data-param=spec.key aria-describedby=src.clone()
                    prop:checked=move || value.get() != 0.0
                    on:change=move |ev| ctx.set(i, if event_target_checked(&ev) { 1.0 } else { 0.0 })/>
                <span class="ew-switch-track" aria-hidden="true"></span>
                <span class="ew-label">{spec.label}</span>
            </label>
            <p class="ew-src" id=src>{spec.source}</p>
        </div>
    }
}

/// A segmented group of radio buttons: a choice, a unit system, or presets (whose last option,
/// "Custom", only reports that the filled inputs hold the reader's own values).
#[component]
fn Choice(ctx: Ctx, i: usize) -> impl IntoView {
    let spec = &ctx.specs()[i];
    let name = format!("ew{}-{}", ctx.fixed.uid, spec.key);
    let src = format!("{name}-src");
    let src_ref = src.clone();
    let value = ctx.value(i);
    let hide = hidden(ctx, i);
    let preset = matches!(spec.kind, Kind::Preset(_));
    let last = spec.options().len() - 1;
    let radios = spec
        .options()
        .iter()
        .zip(spec.option_labels())
        .enumerate()
        .map(|(k, (&option, &label))| {
            view! {
                <label class="ew-seg-opt">
                    <input type="radio" name=name.clone() value=option data-param=spec.key disabled=preset && k == last
                        prop:checked=move || value.get() as usize == k
                        on:change=move |_| ctx.set(i, k as f64)/>
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    if preset {
        EitherOf3::A(view! {
            <fieldset class="ew-param ew-preset" data-for=spec.key aria-describedby=src_ref hidden=move || hide.get()>
                <legend class="ew-label">{spec.label}</legend>
                <div class="ew-seg">{radios}</div>
                <p class="ew-src" id=src>{spec.source}</p>
            </fieldset>
        })
    } else if matches!(spec.kind, Kind::UnitSystem(_)) {
        EitherOf3::B(view! {
            <fieldset class="ew-seg" data-for=spec.key title=spec.source hidden=move || hide.get()>
                <legend class="ew-seg-label">{spec.label}</legend>
                {radios}
            </fieldset>
        })
    } else {
        EitherOf3::C(view! {
            <fieldset class="ew-param ew-choice" data-for=spec.key aria-describedby=src_ref hidden=move || hide.get()>
                <legend class="ew-label">{spec.label}</legend>
                <div class="ew-seg">{radios}</div>
                <p class="ew-src" id=src>{spec.source}</p>
            </fieldset>
        })
    }
}

/// A button that copies text for the reader: "Share" (the link) or "Copy citation". Says
/// "Copied" for two seconds; where the clipboard refuses, shows the text to copy by hand.
#[component]
pub fn CopyButton(ctx: Ctx, action: &'static str, label: &'static str, what: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let click = move |_| {
        let text = if action == "share" { super::export::link(ctx) } else { super::export::citation(ctx) };
        copy(ctx, text, what, copied);
    };
    view! {
        <button type="button" class="ew-button" data-action=action on:click=click>{move || if copied.get() { "Copied" } else { label }}</button>
    }
}

/// Copies `text` with the Clipboard API, then says so (`copied` for two seconds, and the status
/// line); where there is no clipboard or the browser refuses, shows the text in the widget's
/// field, selected, to copy by hand. `what` names it: "link", "citation".
fn copy(ctx: Ctx, text: String, what: &'static str, copied: RwSignal<bool>) {
    use js_sys::{Function, Reflect};
    let show_field = {
        let text = text.clone();
        move || {
            ctx.share.set(Some((if what == "link" { "Link to this scenario" } else { "Citation" }, text)));
            let how = if super::theme::touch() { "" } else { " (Ctrl+C or ⌘C)" };
            ctx.status.set(format!("Copy the {what} below{how}."));
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
    let done = Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
        copied.set(true);
        ctx.status.set(if what == "link" { "Link copied." } else { "Citation copied." }.into());
        super::after(2000, move || copied.set(false));
    });
    let refused = Closure::once_into_js(move |_: wasm_bindgen::JsValue| show_field());
    let _ = then.call2(&promise, &done, &refused);
}
