//! The [`Widget`] component and its parts that are not controls or the chart: the header with
//! Share and Reset, the link notes, the readouts and the comparison table, and the live region.

use super::chart::ChartFigure;
use super::controls::{Control, CopyButton};
use super::Ctx;
use crate::model::{Kind, OutputSpec};
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;

/// One widget: header (title, unit switch, Reset and Share), the copy-by-hand field, the
/// author's caption, link notes, readouts, the comparison table, the chart and the controls.
#[component]
pub fn Widget(ctx: Ctx) -> impl IntoView {
    let f = ctx.fixed;
    let title = f.author.title.clone().unwrap_or_else(|| f.model.title().to_string());
    let is_unit = |i: &usize| matches!(ctx.specs()[*i].kind, Kind::UnitSystem(_));
    let controls = |header: bool| {
        (0..ctx.specs().len()).filter(move |i| is_unit(i) == header).map(|i| view! { <Control ctx i/> }).collect_view()
    };
    view! {
        <section class="ew-widget" aria-label=title.clone()>
            <header class="ew-head">
                <h3 class="ew-title">{title.clone()}</h3>
                {controls(true)}
                <div class="ew-actions">
                    <button type="button" class="ew-button" data-action="reset" hidden=move || !ctx.moved.get() on:click=move |_| reset(ctx)>
                        "Reset"
                    </button>
                    <CopyButton ctx action="share" label="Share" what="link"/>
                    <span class="ew-status" role="status">{move || ctx.status.get()}</span>
                </div>
            </header>
            <ShareField ctx/>
            {f.author.caption.clone().map(|c| view! { <p class="ew-lede">{c}</p> })}
            <Notes ctx/>
            <dl class="ew-outputs">
                {ctx.model().outputs().iter().enumerate().filter(|(_, o)| o.group.is_none()).map(|(j, o)| view! { <Readout ctx j o/> }).collect_view()}
            </dl>
            <CompareTable ctx/>
            {f.author.chart.then(|| view! { <ChartFigure ctx/> })}
            <div class="ew-controls">{controls(false)}</div>
            // Read out once input settles: one sentence with the outcome.
            <p class="ew-sr" aria-live="polite" data-live="">{move || ctx.live.get()}</p>
        </section>
    }
}

/// Back to the author's scenario, with every message cleared.
fn reset(ctx: Ctx) {
    ctx.replace(ctx.base().to_vec());
    ctx.notes.set(Vec::new());
    ctx.share.set(None);
    ctx.msgs.update(|m| m.iter_mut().for_each(|x| *x = None));
    ctx.status.set("Back to the essay's numbers.".into());
}

/// Output `j` as the reader sees it.
fn shown(ctx: Ctx, j: usize) -> String {
    let o = &ctx.model().outputs()[j];
    o.unit.format(ctx.outputs.with(|x| x[j]), ctx.system.get())
}

/// How far output `j` is from the author's scenario ("+$10.0B vs the essay"), when it is.
fn delta(ctx: Ctx, j: usize) -> Option<String> {
    let (o, b) = (&ctx.model().outputs()[j], ctx.fixed.base_out[j]);
    let d = ctx.outputs.with(|x| x[j]) - b;
    (ctx.moved.get() && d.is_finite() && d.abs() > 1e-9 * b.abs().max(1e-12))
        .then(|| format!("{}{} vs the essay", if d > 0.0 { "+" } else { "−" }, o.unit.format(d.abs(), ctx.system.get())))
}

/// One readout card; a headline says how far it is from the essay's number.
#[component]
fn Readout(ctx: Ctx, j: usize, o: &'static OutputSpec) -> impl IntoView {
    let d = Memo::new(move |_| if o.headline { delta(ctx, j) } else { None });
    view! {
        <div class=if o.headline { "ew-out ew-headline" } else { "ew-out" } hidden=move || !ctx.shown(o.shown_if)>
            <dt>{o.label}</dt>
            <dd>
                <output data-output=o.key>{move || shown(ctx, j)}</output>
                {o.headline.then(|| view! {
                    <span class="ew-delta" data-delta=o.key hidden=move || d.with(Option::is_none)>{move || d.get().unwrap_or_default()}</span>
                })}
            </dd>
        </div>
    }
}

/// The grouped readouts as one table: a column per group, a row per label, in order of first
/// appearance (`OutputSpec::group`).
#[component]
fn CompareTable(ctx: Ctx) -> impl IntoView {
    let outputs = ctx.model().outputs();
    let mut groups: Vec<&'static str> = Vec::new();
    let mut rows: Vec<(&'static str, bool)> = Vec::new();
    for o in outputs {
        let Some(g) = o.group else { continue };
        if !groups.contains(&g) {
            groups.push(g);
        }
        if !rows.iter().any(|(l, _)| *l == o.label) {
            rows.push((o.label, o.headline));
        }
    }
    (!groups.is_empty()).then(|| {
        let cells = |label: &'static str| {
            groups
                .iter()
                .map(|g| match outputs.iter().position(|o| o.label == label && o.group == Some(*g)) {
                    Some(j) => Either::Left(view! { <td><output data-output=outputs[j].key>{move || shown(ctx, j)}</output></td> }),
                    None => Either::Right(view! { <td></td> }),
                })
                .collect_view()
        };
        view! {
            <div class="ew-table-wrap">
                <table class="ew-table">
                    <thead><tr><td></td>{groups.iter().map(|g| view! { <th scope="col">{*g}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.iter().map(|&(label, headline)| view! {
                            <tr class=if headline { "ew-headline" } else { "" }><th scope="row">{label}</th>{cells(label)}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

/// Problems with the link or the author's attributes, as text, until dismissed.
#[component]
fn Notes(ctx: Ctx) -> impl IntoView {
    view! {
        <div class="ew-notes" role="status" hidden=move || ctx.notes.with(Vec::is_empty)>
            <p class="ew-notes-title">"Some values could not be used as given:"</p>
            <ul>{move || ctx.notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            <button type="button" class="ew-button" data-action="dismiss" on:click=move |_| ctx.notes.set(Vec::new())>"Dismiss"</button>
        </div>
    }
}

/// The link (or citation) shown selected, to copy by hand, when the clipboard refused it.
#[component]
fn ShareField(ctx: Ctx) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let id = format!("ew{}-link", ctx.fixed.uid);
    Effect::new(move |_| {
        if let (Some((_, text)), Some(el)) = (ctx.share.get(), input.get()) {
            el.set_value(&text);
            // Once the field is showing (the render effects run first).
            super::after(0, move || {
                let _ = el.focus();
                el.select();
            });
        }
    });
    view! {
        <p class="ew-share" hidden=move || ctx.share.with(Option::is_none)>
            <label for=id.clone()>{move || ctx.share.with(|s| s.as_ref().map_or("", |(what, _)| *what))}</label>
            <input type="text" id=id class="ew-share-text" readonly node_ref=input/>
        </p>
    }
}
