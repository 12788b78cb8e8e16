//! Controls for any parameter spec: a slider with a typed field for numbers, a switch for
//! toggles, a segmented group for choices and unit systems. Every control carries
//! `data-param="KEY"` (public: tests, docs and prose bindings use it).

use crate::model::{self, Fix, Kind, ParamSpec, SLIDER_STEPS};
use crate::scenario::echo;
use crate::units::Style;
use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// What every control of one widget shares.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub specs: &'static [ParamSpec],
    pub vals: RwSignal<Vec<f64>>,
    pub system: Memo<usize>,
    pub uid: u32,
}

impl Ctx {
    fn value(self, i: usize) -> f64 {
        self.vals.with(|v| v[i])
    }
    fn set(self, i: usize, x: f64) {
        self.vals.update(|v| {
            if v[i] != x {
                v[i] = x;
            }
        });
    }
    fn visible(self, spec: &ParamSpec) -> bool {
        self.vals.with(|v| model::shown(self.specs, v, spec.shown_if))
    }
}

/// The control for input `i`.
pub fn control(ctx: Ctx, i: usize, spec: &'static ParamSpec) -> AnyView {
    match spec.kind {
        Kind::Number { .. } => number(ctx, i, spec),
        Kind::Toggle => toggle(ctx, i, spec),
        Kind::Choice(_) | Kind::UnitSystem(_) => choice(ctx, i, spec),
    }
}

fn number(ctx: Ctx, i: usize, spec: &'static ParamSpec) -> AnyView {
    let msg = RwSignal::new(None::<String>);
    let id = format!("ew{}-{}", ctx.uid, spec.key);
    let src_id = format!("{id}-src");
    let (min, max) = match spec.kind {
        Kind::Number { min, max, .. } => (min, max),
        _ => (0.0, 0.0),
    };
    let on_slide = move |ev: web_sys::Event| {
        let pos = crate::num::parse_f64(&event_target_value(&ev)).unwrap_or(0.0);
        ctx.set(i, spec.from_position(pos, ctx.system.get_untracked()));
        msg.set(None);
    };
    // A typed value is taken on Enter or when the field loses focus.
    let commit = move |input: HtmlInputElement| {
        let sys = ctx.system.get_untracked();
        let current = ctx.vals.with_untracked(|v| v[i]);
        let typed = input.value();
        // Enter commits, and the `change` that follows must not undo the message it left.
        if typed == spec.unit.edit_text(current, sys) {
            return;
        }
        match spec.unit.parse(&typed, sys) {
            Err(_) => {
                msg.set(Some(format!(
                    "“{}” is not a number; kept {}.",
                    echo(&typed),
                    spec.unit.format(current, sys)
                )));
                input.set_value(&spec.unit.edit_text(current, sys));
            }
            Ok(raw) => {
                let (v, fix) = spec.sanitize(raw);
                msg.set(match fix {
                    Some(Fix::Clamped { to }) => Some(format!(
                        "{} is outside {}–{}; set to {}.",
                        echo(typed.trim()),
                        spec.unit.format(min, sys),
                        spec.unit.format(max, sys),
                        spec.unit.format(to, sys)
                    )),
                    _ => None,
                });
                ctx.set(i, v);
                input.set_value(&spec.unit.edit_text(v, sys));
            }
        }
    };
    let prefix = (spec.unit.style == Style::Money).then(|| view! { <span class="ew-affix" aria-hidden="true">"$"</span> });
    view! {
        <div class="ew-param" hidden=move || !ctx.visible(spec)>
            <label class="ew-label" for=id.clone()>{spec.label}</label>
            <div class="ew-row">
                <input
                    type="range"
                    class="ew-slider"
                    data-param=spec.key
                    min="0"
                    max=SLIDER_STEPS.to_string()
                    step="1"
                    aria-label=spec.label
                    aria-describedby=src_id.clone()
                    aria-valuetext=move || spec.unit.format(ctx.value(i), ctx.system.get())
                    prop:value=move || spec.to_position(ctx.value(i)).to_string()
                    on:input=on_slide
                />
                <span class="ew-field">
                    {prefix}
                    <input
                        type="text"
                        id=id
                        class="ew-input"
                        inputmode="decimal"
                        autocomplete="off"
                        spellcheck="false"
                        data-param=spec.key
                        aria-describedby=src_id.clone()
                        prop:value=move || spec.unit.edit_text(ctx.value(i), ctx.system.get())
                        on:change=move |ev| commit(event_target(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                commit(event_target(&ev));
                            }
                        }
                    />
                    <span class="ew-affix" aria-hidden="true">{move || spec.unit.suffix(ctx.system.get()).trim()}</span>
                </span>
            </div>
            <p class="ew-msg" role="alert" hidden=move || msg.with(Option::is_none)>{move || msg.get()}</p>
            <p class="ew-src" id=src_id>{spec.source}</p>
        </div>
    }
    .into_any()
}

fn toggle(ctx: Ctx, i: usize, spec: &'static ParamSpec) -> AnyView {
    let src_id = format!("ew{}-{}-src", ctx.uid, spec.key);
    view! {
        <div class="ew-param ew-param-toggle" hidden=move || !ctx.visible(spec)>
            <label class="ew-switch">
                <input
                    type="checkbox"
                    role="switch"
                    data-param=spec.key
                    aria-describedby=src_id.clone()
                    prop:checked=move || ctx.value(i) != 0.0
                    on:change=move |ev| ctx.set(i, if event_target_checked(&ev) { 1.0 } else { 0.0 })
                />
                <span class="ew-switch-track" aria-hidden="true"></span>
                <span class="ew-label">{spec.label}</span>
            </label>
            <p class="ew-src" id=src_id>{spec.source}</p>
        </div>
    }
    .into_any()
}

fn choice(ctx: Ctx, i: usize, spec: &'static ParamSpec) -> AnyView {
    let name = format!("ew{}-{}", ctx.uid, spec.key);
    let options = spec
        .options()
        .iter()
        .enumerate()
        .map(|(k, label)| {
            view! {
                <label class="ew-seg-opt">
                    <input
                        type="radio"
                        name=name.clone()
                        value=*label
                        data-param=spec.key
                        prop:checked=move || ctx.value(i) == k as f64
                        on:change=move |_| ctx.set(i, k as f64)
                    />
                    <span>{*label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ew-seg" hidden=move || !ctx.visible(spec) title=spec.source>
            <legend class="ew-seg-label">{spec.label}</legend>
            {options}
        </fieldset>
    }
    .into_any()
}
