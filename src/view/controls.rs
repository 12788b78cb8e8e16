//! Controls for any parameter spec: a slider with a typed field and reference marks for numbers,
//! a switch for toggles, a segmented group for choices, unit systems and presets; and the buttons
//! that copy text (Share, Copy citation). Every control carries `data-param="KEY"` (public:
//! tests, docs and prose bindings use it).
//!
//! Keys: arrows, Page Up/Down (a tenth of the range), Home and End are the range input's own;
//! a typed value is committed by the text field's `change` (Enter, or leaving the field).
//!
//! Architecture invariant: the only place that turns reader input into values, always through
//! `ParamSpec::sanitize` and [`Ctx::set`].

use super::{act, flag, text, Ctx};
use crate::model::{self, Fix, Kind};
use crate::scenario::echo;
use crate::units::Style;
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement};

/// The control for input `i`, by its kind; the first of a group brings the group's heading.
#[component]
pub fn Control(ctx: Ctx, i: usize) -> impl IntoView {
    let specs = ctx.specs();
    let g = specs[i].group;
    let heading = (!g.is_empty() && (i == 0 || specs[i - 1].group != g)).then(|| {
        view! {
            <h4 class="ew-group-title" hidden=flag(ctx, i, group_hidden)>
                <button type="button" class="ew-group-toggle" data-group=g aria-expanded=text(ctx, i, group_open) on:click=act(ctx, i, toggle_group)>
                    {g}<span class="ew-group-list" hidden=flag(ctx, i, group_shown)>{text(ctx, i, group_names)}</span>
                </button>
            </h4>
        }
    });
    let control = match specs[i].kind {
        Kind::Number { .. } => Either::Left(view! { <NumberControl ctx i/> }),
        _ => Either::Right(view! { <Options ctx i/> }),
    };
    (heading, control)
}

/// Whether control `i` is hidden: by the author (`data-controls`, `data-hide`), by its switch,
/// or in a folded group.
fn hidden(ctx: Ctx, i: usize) -> bool {
    let spec = &ctx.specs()[i];
    off(ctx, i) || (!spec.group.is_empty() && ctx.ui(|u| u.closed.contains(&spec.group)))
}

/// Hidden by the author or by its switch.
fn off(ctx: Ctx, i: usize) -> bool {
    let spec = &ctx.specs()[i];
    ctx.fixed.author.hidden.contains(&spec.key) || !ctx.shown(spec.shown_if)
}

/// The inputs of the group whose first input is `i`.
fn group(ctx: Ctx, i: usize) -> impl Iterator<Item = usize> {
    let g = ctx.specs()[i].group;
    (i..ctx.specs().len()).take_while(move |&k| ctx.specs()[k].group == g)
}

/// A group heading is hidden when the author or the switches hide every control under it.
fn group_hidden(ctx: Ctx, i: usize) -> bool {
    group(ctx, i).all(|k| off(ctx, k))
}

/// What a folded group holds: the labels of the controls it would show.
fn group_names(ctx: Ctx, i: usize) -> String {
    group(ctx, i).filter(|&k| !off(ctx, k)).map(|k| ctx.specs()[k].label).collect::<Vec<_>>().join(", ")
}

fn group_shown(ctx: Ctx, i: usize) -> bool {
    ctx.ui(|u| !u.closed.contains(&ctx.specs()[i].group))
}

fn group_open(ctx: Ctx, i: usize) -> String {
    group_shown(ctx, i).to_string()
}

fn toggle_group(ctx: Ctx, i: usize, _: web_sys::MouseEvent) {
    let g = ctx.specs()[i].group;
    ctx.set_ui(|u| match u.closed.iter().position(|c| *c == g) {
        Some(k) => {
            u.closed.remove(k);
        }
        None => u.closed.push(g),
    });
}

/// What the first slider sets: the value, or the range's low end in range mode.
fn low(ctx: Ctx, i: usize) -> f64 {
    ctx.range(i).map_or_else(|| ctx.value(i), |r| r.lo)
}

fn high(ctx: Ctx, i: usize) -> f64 {
    ctx.range(i).map_or_else(|| ctx.value(i), |r| r.hi)
}

fn slider_position(ctx: Ctx, i: usize) -> String {
    (ctx.specs()[i].to_position(low(ctx, i)) as u32).to_string()
}

/// Where the low and high thumbs sit along the track, 0 to 1 (`--t` of their labels).
fn low_t(ctx: Ctx, i: usize) -> String {
    crate::units::fixed(ctx.specs()[i].to_position(low(ctx, i)) / model::SLIDER_STEPS, 3)
}

fn high_t(ctx: Ctx, i: usize) -> String {
    crate::units::fixed(ctx.specs()[i].to_position(high(ctx, i)) / model::SLIDER_STEPS, 3)
}

fn high_position(ctx: Ctx, i: usize) -> String {
    (ctx.specs()[i].to_position(high(ctx, i)) as u32).to_string()
}

fn spoken(ctx: Ctx, i: usize) -> String {
    ctx.specs()[i].unit.spoken(low(ctx, i), ctx.system())
}

fn spoken_high(ctx: Ctx, i: usize) -> String {
    ctx.specs()[i].unit.spoken(high(ctx, i), ctx.system())
}

fn slider_label(ctx: Ctx, i: usize) -> String {
    let label = ctx.specs()[i].label;
    if ctx.range(i).is_some() {
        format!("{label}, low end (5th percentile)")
    } else {
        label.to_string()
    }
}

fn high_label(ctx: Ctx, i: usize) -> String {
    format!("{}, high end (95th percentile)", ctx.specs()[i].label)
}

fn ranged(ctx: Ctx, i: usize) -> bool {
    ctx.range(i).is_some()
}

fn not_ranged(ctx: Ctx, i: usize) -> bool {
    ctx.range(i).is_none()
}

fn pressed(ctx: Ctx, i: usize) -> String {
    ctx.range(i).is_some().to_string()
}

/// Said next to a ranged field: how the range is read, and where a starting range comes from.
fn range_note(ctx: Ctx, i: usize) -> String {
    let range = ctx.range(i);
    let family = range.map_or("", |r| r.family());
    // The convention once, under the first ranged field; the others say only how theirs is read.
    let mut note = if (0..i).any(|k| ctx.range(k).is_some()) {
        format!("Read as {family}.")
    } else {
        format!("A range is a 90\u{a0}% interval: low thumb the 5th percentile, high thumb the 95th. Read as {family} (as Guesstimate and Squiggle do). Readouts show the median and the 90\u{a0}% interval of 10,000 samples.")
    };
    if let Some(d) = crate::model::sourced(ctx.model(), i).filter(|_| range == Some(crate::model::default_range(ctx.model(), i, 0.0))) {
        note.push_str(&format!(" Starting range: {}.", d.source));
    }
    note
}

fn field_text(ctx: Ctx, i: usize) -> String {
    let (unit, sys) = (&ctx.specs()[i].unit, ctx.system());
    match ctx.range(i) {
        Some(r) => format!("{} to {}", unit.edit_text(r.lo, sys), unit.edit_text(r.hi, sys)),
        None => unit.edit_text(ctx.value(i), sys),
    }
}

fn suffix(ctx: Ctx, i: usize) -> String {
    ctx.specs()[i].unit.suffix(ctx.system()).trim().to_string()
}

fn message(ctx: Ctx, i: usize) -> String {
    ctx.ui(|u| u.msgs[i].clone()).unwrap_or_default()
}

/// A number: slider (with reference marks under it), typed field, message, source.
#[component]
fn NumberControl(ctx: Ctx, i: usize) -> impl IntoView {
    let spec = &ctx.specs()[i];
    let key = spec.key;
    let id = format!("ew{}-{key}", ctx.fixed.uid);
    let src = format!("{id}-src");
    let marks = spec.marks.iter().enumerate().map(|(k, &(v, label))| {
        // The rightmost mark gets the top row: the lines of marks further left then run down
        // past labels that reach left from their ticks, not through them.
        let row = spec.marks.len() - 1 - k;
        let t = spec.to_position(v) / model::SLIDER_STEPS;
        let side = if t > 0.7 {
            "ew-tick ew-tick-end"
        } else if t > 0.3 {
            "ew-tick ew-tick-mid"
        } else {
            "ew-tick"
        };
        let value = spec.unit.format(v, 0);
        let aria = format!("{label} {value}: set {} to it", spec.label);
        view! {
            <button type="button" class=side style=("--t", crate::units::fixed(t, 3)) data-row=row.to_string() data-set=spec.key
                data-value=crate::num::format_f64(v)
                aria-label=aria on:click=act(ctx, (i, k), set_mark)>
                {label}<span class="ew-tick-v">" "{value}</span>
            </button>
        }
    });
    let ticks =
        (!spec.marks.is_empty()).then(|| view! { <span class="ew-ticks" data-rows=spec.marks.len().to_string()>{marks.collect_view()}</span> });
    view! {
        <div class="ew-param" data-for=key hidden=flag(ctx, i, hidden) data-ranged=flag(ctx, i, ranged)>
            <div class="ew-param-head">
                <label class="ew-label" for=id.clone()>{spec.label}</label>
                <button type="button" class="ew-button ew-range-toggle" data-range=key aria-pressed=text(ctx, i, pressed)
                    title="Enter a range: a 90 % interval" on:click=act(ctx, i, toggle_range)>"Range"</button>
            </div>
            <div class="ew-row">
                <span class="ew-track">
                    <input type="range" class="ew-slider" data-param=key min="0" max="1000" step="1" aria-label=text(ctx, i, slider_label)
                        aria-describedby=src.clone() aria-valuetext=text(ctx, i, spoken)
                        prop:value=text(ctx, i, slider_position) on:input=act(ctx, i, slide)/>
                    // Range mode's second thumb: the 95th percentile.
                    <input type="range" class="ew-slider ew-slider-high" data-param=key data-end="high" min="0" max="1000" step="1"
                        hidden=flag(ctx, i, not_ranged) aria-label=text(ctx, i, high_label) aria-valuetext=text(ctx, i, spoken_high)
                        prop:value=text(ctx, i, high_position) on:input=act(ctx, i, slide_high)/>
                    // In range mode, which thumb is which, over each (the names say it too).
                    <span class="ew-ends" aria-hidden="true" hidden=flag(ctx, i, not_ranged)>
                        <span class="ew-end" style=("--t", text(ctx, i, low_t))>"low"</span>
                        <span class="ew-end" style=("--t", text(ctx, i, high_t))>"high"</span>
                    </span>
                    {ticks}
                </span>
                <span class="ew-field">
                    {(spec.unit.style == Style::Money).then(|| view! { <span class="ew-affix" aria-hidden="true">"$"</span> })}
                    <input type="text" id=id class="ew-input" inputmode="decimal" autocomplete="off" spellcheck="false" data-param=key
                        aria-describedby=src.clone() prop:value=text(ctx, i, field_text) on:change=act(ctx, i, typed)/>
                    <span class="ew-affix" aria-hidden="true" data-suffix=key>{text(ctx, i, suffix)}</span>
                </span>
            </div>
            <p class="ew-msg" role="alert" data-msg=key>{text(ctx, i, message)}</p>
            <p class="ew-range-note" data-range-note=key hidden=flag(ctx, i, not_ranged)>{text(ctx, i, range_note)}</p>
            <p class="ew-src" id=src>{spec.source}</p>
        </div>
    }
}

/// Slider moves: every `input` event updates the values (the URL waits until input settles).
fn slide(ctx: Ctx, i: usize, ev: Event) {
    let spec = &ctx.specs()[i];
    let (sys, current) = (ctx.system_now(), ctx.values[i].get_untracked());
    let pos = crate::num::parse_f64(&event_target_value(&ev)).unwrap_or(0.0);
    let mut next = spec.from_position(pos, sys);
    // A small move (one arrow key, a slow drag) can land on the same rounded value: keep going the
    // same way to the next value the reader can see, so every step changes something.
    let dir = (pos - spec.to_position(current)).signum();
    let mut p = pos;
    while next == current && dir != 0.0 && (0.0..=model::SLIDER_STEPS).contains(&(p + dir)) {
        p += dir;
        next = spec.from_position(p, sys);
    }
    match ctx.range(i) {
        // Range mode: this thumb is the low end, never past the high one.
        Some(r) => ctx.set_range(i, Some(crate::model::Range { lo: next.min(r.hi), hi: r.hi })),
        None => ctx.set(i, next),
    }
    ctx.msg(i, None);
}

/// The high thumb in range mode.
fn slide_high(ctx: Ctx, i: usize, ev: Event) {
    let spec = &ctx.specs()[i];
    let pos = crate::num::parse_f64(&event_target_value(&ev)).unwrap_or(0.0);
    let next = spec.from_position(pos, ctx.system_now());
    if let Some(r) = ctx.range(i) {
        ctx.set_range(i, Some(crate::model::Range { lo: r.lo, hi: next.max(r.lo) }));
    }
}

/// Range mode on (from the sources' range, or ±50 %) or off (the median stays).
fn toggle_range(ctx: Ctx, i: usize, _: web_sys::MouseEvent) {
    let next = match ctx.range(i) {
        Some(_) => None,
        None => Some(crate::model::default_range(ctx.model(), i, ctx.values[i].get_untracked())),
    };
    ctx.set_range(i, next);
    ctx.msg(i, None);
}

/// A reference mark under a slider: sets the value it names.
fn set_mark(ctx: Ctx, (i, k): (usize, usize), _: web_sys::MouseEvent) {
    let spec = &ctx.specs()[i];
    ctx.set(i, spec.sanitize(spec.marks[k].0).0);
}

/// Takes a typed value: parsed in the displayed unit, clamped into range with a message, or
/// refused with a message (the field then shows the current value again).
fn typed(ctx: Ctx, i: usize, ev: Event) {
    let input = event_target::<HtmlInputElement>(&ev);
    let spec = &ctx.specs()[i];
    let sys = ctx.system_now();
    let current = ctx.vals.with_untracked(|v| v[i]);
    let typed = input.value();
    if typed == spec.unit.edit_text(current, sys) {
        return;
    }
    let Kind::Number { min, max, .. } = spec.kind else { return };
    if let Some((a, b)) = crate::model::split_range(&typed) {
        typed_range(ctx, i, (a, b), &input);
        return;
    }
    let (value, msg) = match spec.unit.parse(&typed, sys) {
        Err(_) => (current, Some(format!("“{}” is not a number; kept {}.", echo(&typed), spec.unit.exact(current, sys)))),
        Ok(raw) => match spec.sanitize(raw) {
            (v, Some(Fix::Clamped { to })) => (
                v,
                Some(format!(
                    "{} is outside {}–{}; set to {}.",
                    echo(typed.trim()),
                    spec.unit.exact(min, sys),
                    spec.unit.exact(max, sys),
                    spec.unit.exact(to, sys)
                )),
            ),
            (v, _) => (v, None),
        },
    };
    ctx.set_range(i, None);
    ctx.set(i, value);
    // The field shows the value taken (an unchanged value does not rewrite it).
    input.set_value(&spec.unit.edit_text(value, sys));
    ctx.msg(i, msg);
}

/// A typed range (`300 to 1,500`): each end parsed in the displayed unit and kept inside the
/// input's bounds, swapped when written high to low, each fix said in the message.
fn typed_range(ctx: Ctx, i: usize, (a, b): (&str, &str), input: &HtmlInputElement) {
    let spec = &ctx.specs()[i];
    let sys = ctx.system_now();
    let (lo, hi) = match (spec.unit.parse(a, sys), spec.unit.parse(b, sys)) {
        (Ok(x), Ok(y)) => (x, y),
        _ => {
            let bad = if spec.unit.parse(a, sys).is_err() { a } else { b };
            ctx.msg(i, Some(format!("“{}” is not a number; the range was not changed.", echo(bad))));
            input.set_value(&field_text(ctx, i));
            return;
        }
    };
    let mut msg = Vec::new();
    if lo > hi {
        msg.push("Read high to low; swapped.".to_string());
    }
    let ((lo, f1), (hi, f2)) = (spec.sanitize(lo.min(hi)), spec.sanitize(lo.max(hi)));
    if f1.is_some() || f2.is_some() {
        let Kind::Number { min, max, .. } = spec.kind else { return };
        msg.push(format!("Kept inside {}–{}.", spec.unit.exact(min, sys), spec.unit.exact(max, sys)));
    }
    if lo < hi {
        ctx.set_range(i, Some(crate::model::Range { lo, hi }));
    } else {
        ctx.set_range(i, None);
        ctx.set(i, lo);
    }
    input.set_value(&field_text(ctx, i));
    ctx.msg(i, (!msg.is_empty()).then(|| msg.join(" ")));
}

fn checked(ctx: Ctx, (i, k): (usize, usize)) -> bool {
    ctx.value(i) as usize == k
}

/// A choice among options: a switch for toggles (a checkbox, option 1 = on), else a segmented
/// group of radio buttons (a choice, a unit system, or presets, whose last option "Custom" only
/// reports that the filled inputs hold the reader's own values).
#[component]
fn Options(ctx: Ctx, i: usize) -> impl IntoView {
    let spec = &ctx.specs()[i];
    let name = format!("ew{}-{}", ctx.fixed.uid, spec.key);
    let src = format!("{name}-src");
    let described = src.clone();
    if spec.kind == Kind::Toggle {
        return Either::Left(view! {
            <div class="ew-param ew-param-toggle" data-for=spec.key hidden=flag(ctx, i, hidden)>
                <label class="ew-switch">
                    <input type="checkbox" role="switch" data-param=spec.key aria-describedby=described
                        prop:checked=flag(ctx, (i, 1), checked) on:change=act(ctx, i, toggle)/>
                    <span class="ew-switch-track" aria-hidden="true"></span>
                    <span class="ew-label">{spec.label}</span>
                </label>
                <p class="ew-src" id=src>{spec.source}</p>
            </div>
        });
    }
    let last = spec.options().len() - 1;
    let custom = matches!(spec.kind, Kind::Preset(_));
    let radios = spec
        .options()
        .iter()
        .zip(spec.option_labels())
        .enumerate()
        .map(|(k, (&option, &label))| {
            view! {
                <label class="ew-seg-opt">
                    <input type="radio" name=name.clone() value=option data-param=spec.key disabled=custom && k == last
                        prop:checked=flag(ctx, (i, k), checked) on:change=act(ctx, (i, k), choose)/>
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    // A unit system sits in the header: compact, its note as a tooltip.
    let compact = matches!(spec.kind, Kind::UnitSystem(_) | Kind::View(..));
    let class = match spec.kind {
        Kind::UnitSystem(_) => "ew-units",
        Kind::View(..) => "ew-units ew-view",
        _ => "ew-param ew-choice",
    };
    Either::Right(view! {
        <fieldset class=class data-for=spec.key aria-describedby=described
            hidden=flag(ctx, i, hidden) title=compact.then_some(spec.source)>
            <legend class="ew-label">{spec.label}</legend>
            <div class="ew-seg">{radios}</div>
            {(!compact).then(|| view! { <p class="ew-src" id=src>{spec.source}</p> })}
        </fieldset>
    })
}

fn toggle(ctx: Ctx, i: usize, ev: Event) {
    ctx.set(i, if event_target_checked(&ev) { 1.0 } else { 0.0 });
}

fn choose(ctx: Ctx, (i, k): (usize, usize), _: Event) {
    ctx.set(i, k as f64);
}

/// A button that copies text for the reader: "Share" (the link) or "Copy citation" (`action`
/// `share` or `cite`). Says "Copied" for two seconds; where the clipboard refuses, shows the text
/// to copy by hand.
#[component]
pub fn CopyButton(ctx: Ctx, action: &'static str) -> impl IntoView {
    view! { <button type="button" class="ew-button" data-action=action on:click=act(ctx, action, copy)>{text(ctx, action, copy_label)}</button> }
}

fn copy_label(ctx: Ctx, action: &'static str) -> String {
    let copied = ctx.ui(|u| u.copied == Some(action));
    (if copied {
        "Copied"
    } else if action == "share" {
        "Share"
    } else {
        "Copy citation"
    })
    .to_string()
}

/// Copies the link (or the citation) with the Clipboard API, then says so (`copied` for two
/// seconds, and the status line); where there is no clipboard or the browser refuses, shows the
/// text in the widget's field, selected, to copy by hand.
fn copy(ctx: Ctx, action: &'static str, _: web_sys::MouseEvent) {
    use js_sys::{Function, Reflect};
    let link = action == "share";
    let (what, text) = if link { ("link", super::export::link(ctx)) } else { ("citation", super::export::citation(ctx)) };
    let show_field = {
        let text = text.clone();
        move || {
            let how = if super::theme::touch() { "" } else { " (Ctrl+C or ⌘C)" };
            ctx.set_ui(|u| {
                u.share = Some((if link { "Link to this scenario" } else { "Citation" }, text));
                u.status = format!("Copy the {what} below{how}.");
            });
            // Once the field is showing.
            let id = format!("ew{}-link", ctx.fixed.uid);
            crate::timing::after(0, move || {
                let input = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
                if let Some(input) = input.and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) {
                    let _ = input.focus();
                    input.select();
                }
            });
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
        ctx.set_ui(|u| {
            u.copied = Some(action);
            u.status = format!("{} copied.", if link { "Link" } else { "Citation" });
        });
        crate::timing::after(2000, move || ctx.set_ui(|u| u.copied = None));
    });
    let refused = Closure::once_into_js(move |_: wasm_bindgen::JsValue| show_field());
    let _ = then.call2(&promise, &done, &refused);
}
