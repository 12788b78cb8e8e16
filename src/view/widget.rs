//! The [`Widget`] component and its parts that are not controls or the chart: the header with
//! Share and Reset, the link notes, the readouts and the comparison table, and the live region.

use super::chart::ChartFigure;
use super::controls::{Control, CopyButton};
use super::{act, flag, text, Ctx};
use crate::model::Kind;
use leptos::either::Either;
use leptos::prelude::*;

/// One widget: header (title, unit switch, Reset and Share), the copy-by-hand field, the
/// author's caption, link notes, readouts, the comparison table, the chart and the controls.
#[component]
pub fn Widget(ctx: Ctx) -> impl IntoView {
    let f = ctx.fixed;
    let title = f.author.title.clone().unwrap_or_else(|| f.model.title().to_string());
    let name = title.clone();
    // The unit system sits in the header, the chart's view over the chart, the rest below it.
    let place = |i: &usize| match ctx.specs()[*i].kind {
        Kind::UnitSystem(_) => 0,
        Kind::View(..) => 1,
        _ => 2,
    };
    let controls = |at: u8| (0..ctx.specs().len()).filter(move |i| place(i) == at).map(|i| view! { <Control ctx i/> }).collect_view();
    let outputs = ctx.model().outputs();
    view! {
        <section class="ew-widget" aria-label=name>
            <header class="ew-head">
                <h3 class="ew-title">{title}</h3>
                {controls(0)}
                <div class="ew-actions">
                    <button type="button" class="ew-button" data-action="reset" data-off=flag(ctx, 0, unmoved) on:click=act(ctx, 0, reset)>"Reset"</button>
                    <CopyButton ctx action="share"/>
                    <span class="ew-status" role="status">{text(ctx, 0, status)}</span>
                </div>
            </header>
            <p class="ew-share" hidden=flag(ctx, 0, no_share)>
                <label for=format!("ew{}-link", f.uid)>{text(ctx, 0, share_label)}</label>
                <input type="text" id=format!("ew{}-link", f.uid) class="ew-share-text" readonly prop:value=text(ctx, 0, share_text)/>
            </p>
            {f.author.caption.clone().map(|c| view! { <p class="ew-lede">{c}</p> })}
            <div class="ew-notes" role="status" hidden=flag(ctx, 0, no_notes)>
                <p class="ew-notes-title">"Some values could not be used as given:"</p>
                <ul>{(0..NOTES).map(|k| view! { <li hidden=flag(ctx, k, no_note)>{text(ctx, k, note)}</li> }).collect_view()}</ul>
                <button type="button" class="ew-button" data-action="dismiss" on:click=act(ctx, 0, dismiss)>"Dismiss"</button>
            </div>
            <dl class="ew-outputs">
                {outputs.iter().enumerate().filter(|(_, o)| o.group.is_none()).map(|(j, o)| view! {
                    <div class=if o.headline { "ew-out ew-headline" } else { "ew-out" } hidden=flag(ctx, j, output_hidden)>
                        <dt>{o.label}</dt>
                        <dd>
                            <output data-output=o.key>{text(ctx, j, shown)}<span class="ew-interval">{text(ctx, j, interval)}</span></output>
                            {o.headline.then(|| view! { <span class="ew-delta" data-delta=o.key><span>{text(ctx, j, delta)}</span>" "<span>{text(ctx, j, delta_words)}</span></span> })}
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
            <MoreButton ctx k=0/>
            <CompareTable ctx/>
            <p class="ew-chance" data-chance="" hidden=flag(ctx, 0, no_chance)>{text(ctx, 0, chance)}</p>
            {f.author.chart.then(|| view! { {controls(1)} <ChartFigure ctx/> })}
            <super::tornado::Tornado ctx/>
            <div class="ew-controls">{controls(2)}</div>
            // Read out once input settles: one sentence with the outcome.
            <p class="ew-sr" aria-live="polite" data-live="">{text(ctx, 0, live)}</p>
        </section>
    }
}

fn unmoved(ctx: Ctx, _: usize) -> bool {
    !ctx.moved()
}

fn status(ctx: Ctx, _: usize) -> String {
    ctx.ui(|u| u.status.clone())
}

fn live(ctx: Ctx, _: usize) -> String {
    ctx.ui(|u| u.live.clone())
}

fn no_share(ctx: Ctx, _: usize) -> bool {
    ctx.ui(|u| u.share.is_none())
}

fn share_label(ctx: Ctx, _: usize) -> String {
    ctx.ui(|u| u.share.as_ref().map_or("", |(label, _)| *label)).to_string()
}

fn share_text(ctx: Ctx, _: usize) -> String {
    ctx.ui(|u| u.share.as_ref().map(|(_, text)| text.clone())).unwrap_or_default()
}

fn no_notes(ctx: Ctx, _: usize) -> bool {
    ctx.ui(|u| u.notes.is_empty())
}

/// The most notes listed one by one; the last line counts the rest.
const NOTES: usize = 8;

fn note(ctx: Ctx, k: usize) -> String {
    ctx.ui(|u| match u.notes.len() {
        n if n > NOTES && k == NOTES - 1 => format!("…and {} more.", n - k),
        _ => u.notes.get(k).cloned().unwrap_or_default(),
    })
}

fn no_note(ctx: Ctx, k: usize) -> bool {
    ctx.ui(|u| u.notes.len() <= k)
}

fn dismiss(ctx: Ctx, _: usize, _: web_sys::MouseEvent) {
    ctx.set_ui(|u| u.notes.clear());
}

/// Back to the author's scenario, with every message cleared.
fn reset(ctx: Ctx, _: usize, ev: web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    // Reset hides itself: focus moves to Share beside it, never to the page's <body>.
    let share = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|b| b.parent_element());
    if let Some(el) = share.and_then(|p| p.query_selector("[data-action=share]").ok().flatten()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    ctx.replace(ctx.base().to_vec());
    ctx.ranges.set(ctx.fixed.author.base_ranges.clone());
    ctx.set_ui(|u| {
        u.notes.clear();
        u.share = None;
        u.msgs.iter_mut().for_each(|x| *x = None);
        u.status = format!("Back to {}.", ctx.fixed.author.baseline);
    });
}

fn output_hidden(ctx: Ctx, j: usize) -> bool {
    let o = &ctx.model().outputs()[j];
    !ctx.shown(o.shown_if) || folded(ctx, j) || ctx.fixed.author.outputs.as_ref().is_some_and(|keep| !keep.contains(&o.key))
}

/// Output `j` in the comparison table: formatted like the rest of its row (`$47.4K | $164K`).
/// Prose bindings show the same text as the readout (`bindings::update`).
pub(super) fn cell(ctx: Ctx, j: usize) -> String {
    if let Some([_, p50, _]) = percentiles(ctx, j) {
        return ctx.model().outputs()[j].show(p50, ctx.system());
    }
    let outputs = ctx.model().outputs();
    let o = &outputs[j];
    let row: Vec<usize> = (0..outputs.len()).filter(|&k| outputs[k].group.is_some() && outputs[k].label == o.label).collect();
    let values: Vec<f64> = ctx.outputs.with(|x| row.iter().map(|&k| x[k]).collect());
    let at = row.iter().position(|&k| k == j).unwrap_or(0);
    if values[at].is_finite() {
        o.unit.format_row(&values, ctx.system()).swap_remove(at)
    } else {
        ctx.vals.with(|v| ctx.model().show(j, values[at], v, ctx.system()))
    }
}

/// Output `j` as the reader sees it (the median while ranges are on).
pub(super) fn shown(ctx: Ctx, j: usize) -> String {
    let o = &ctx.model().outputs()[j];
    match percentiles(ctx, j) {
        Some([_, p50, _]) => o.show(p50, ctx.system()),
        None => ctx.vals.with(|v| ctx.model().show(j, ctx.outputs.with(|x| x[j]), v, ctx.system())),
    }
}

/// Output `j`'s percentiles while ranges move it, as estimates are shown (three significant
/// digits, [`crate::units::Unit::estimate`]).
fn percentiles(ctx: Ctx, j: usize) -> Option<[f64; 3]> {
    let (unit, sys) = (ctx.model().outputs()[j].unit, ctx.system());
    ctx.mc.with(|m| m.as_ref().and_then(|m| m.outputs[j])).filter(|[p5, _, p95]| p95 > p5).map(|p| p.map(|v| unit.estimate(v, sys)))
}

/// With ranges on, what follows the median in the readout: ", 90 %: $2.1B–$8.4B" (so the readout
/// reads "$5.0B, 90 %: $2.1B–$8.4B"), else "".
fn interval(ctx: Ctx, j: usize) -> String {
    let o = &ctx.model().outputs()[j];
    let sys = ctx.system();
    match percentiles(ctx, j).filter(|_| o.labels.is_empty()).map(|[p5, _, p95]| (o.show(p5, sys), o.show(p95, sys))) {
        // An interval that reads as one value is no interval.
        Some((a, b)) if a != b => format!(", 90\u{a0}%: {a}–{b}"),
        _ => String::new(),
    }
}

/// The interval on a line of its own under a table cell's median (" 90 %: $2.1B–$8.4B").
fn interval_below(ctx: Ctx, j: usize) -> String {
    let t = interval(ctx, j);
    t.strip_prefix(',').map_or(t.clone(), str::to_string)
}

/// The essay's claim as a probability under the reader's ranges, or "" without ranges.
fn chance(ctx: Ctx, _: usize) -> String {
    let (Some(claim), Some(p)) = (ctx.model().uncertainty.claim.as_ref(), ctx.mc.with(|m| m.as_ref().and_then(|m| m.chance))) else {
        return String::new();
    };
    let outputs = ctx.model().outputs();
    let essay = match claim.below {
        Some(_) => String::new(),
        None => outputs
            .iter()
            .position(|o| o.key == claim.output)
            .map_or(String::new(), |o| format!(" {}", outputs[o].show(ctx.fixed.base_out[o], ctx.system()))),
    };
    format!("{}{essay}: {}", claim.label, crate::units::percent_of(p))
}

fn no_chance(ctx: Ctx, _: usize) -> bool {
    ctx.mc.with(|m| m.as_ref().is_none_or(|m| m.chance.is_none()))
}

/// How far output `j` is from the author's scenario ("+$10.0B vs the essay"), or "" at it (the
/// line stays, empty, so nothing below moves).
fn delta(ctx: Ctx, j: usize) -> String {
    let (o, b) = (&ctx.model().outputs()[j], ctx.fixed.base_out[j]);
    // From the number the readout shows: the median while ranges are on.
    let d = percentiles(ctx, j).map_or_else(|| ctx.outputs.with(|x| x[j]), |[_, p50, _]| p50) - b;
    // (A readout that names a thing has no difference to say: its label changes instead.)
    if ctx.moved() && o.labels.is_empty() && d.is_finite() && d.abs() > 1e-9 * b.abs().max(1e-12) {
        format!("{}{}", if d > 0.0 { "+" } else { "−" }, o.unit.format(d.abs(), ctx.system()))
    } else {
        String::new()
    }
}

/// What the delta compares with ("vs the essay"), after its number: on the number's line when
/// it fits, else not shown (the number never is cut; the line never wraps and moves the page).
fn delta_words(ctx: Ctx, j: usize) -> String {
    if delta(ctx, j).is_empty() {
        String::new()
    } else {
        format!("vs {}", ctx.fixed.author.baseline)
    }
}

/// What folds behind a "more" button: the cards a model marks `folded` (`k` = 0), unless the
/// author chose readouts; the comparison table's rows other than the headlines (`k` = 1), when it
/// has headline rows and at least three others. Their number (labels, for the table).
fn folds(ctx: Ctx, k: usize) -> usize {
    let outputs = ctx.model().outputs();
    if k == 0 {
        return match ctx.fixed.author.outputs {
            Some(_) => 0,
            None => outputs.iter().filter(|o| o.folded && ctx.shown(o.shown_if)).count(),
        };
    }
    let rows = table_rows(outputs);
    let others = rows.iter().filter(|r| !r.1).count();
    if others < rows.len() && others >= 3 {
        others
    } else {
        0
    }
}

/// The comparison table's rows: a label per row, in order of first appearance, with whether it
/// is a headline row and its first output.
fn table_rows(outputs: &[crate::model::OutputSpec]) -> Vec<(&'static str, bool, usize)> {
    let mut rows: Vec<(&'static str, bool, usize)> = Vec::new();
    for (j, o) in outputs.iter().enumerate().filter(|(_, o)| o.group.is_some()) {
        if !rows.iter().any(|(l, _, _)| *l == o.label) {
            rows.push((o.label, o.headline, j));
        }
    }
    rows
}

/// Output `j` waits behind its "more" button.
fn folded(ctx: Ctx, j: usize) -> bool {
    let o = &ctx.model().outputs()[j];
    let k = usize::from(o.group.is_some());
    (o.folded || (k == 1 && !o.headline)) && folds(ctx, k) > 0 && ctx.ui(|u| !u.more[k])
}

fn no_more(ctx: Ctx, k: usize) -> bool {
    folds(ctx, k) == 0
}

fn more_open(ctx: Ctx, k: usize) -> String {
    ctx.ui(|u| u.more[k]).to_string()
}

fn more_label(ctx: Ctx, k: usize) -> String {
    match (k, ctx.ui(|u| u.more[k])) {
        (0, false) => match folds(ctx, 0) {
            1 => "Show 1 more figure".into(),
            n => format!("Show {n} more figures"),
        },
        (0, true) => "Show fewer figures".into(),
        (_, false) => "Show breakdown".into(),
        (_, true) => "Hide breakdown".into(),
    }
}

fn toggle_more(ctx: Ctx, k: usize, _: web_sys::MouseEvent) {
    ctx.set_ui(|u| u.more[k] = !u.more[k]);
}

/// The button that shows what folds behind it (`folds`), with the number of cards it hides.
#[component]
fn MoreButton(ctx: Ctx, k: usize) -> impl IntoView {
    view! {
        <button type="button" class="ew-button ew-more" data-action=if k == 0 { "more" } else { "breakdown" } hidden=flag(ctx, k, no_more)
            aria-expanded=text(ctx, k, more_open) on:click=act(ctx, k, toggle_more)>{text(ctx, k, more_label)}</button>
    }
}

/// The grouped readouts as one table: a column per group, a row per label, in order of first
/// appearance (`OutputSpec::group`).
#[component]
fn CompareTable(ctx: Ctx) -> impl IntoView {
    let outputs = ctx.model().outputs();
    let mut groups: Vec<&'static str> = Vec::new();
    for g in outputs.iter().filter_map(|o| o.group) {
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let rows = table_rows(outputs);
    (!groups.is_empty()).then(|| {
        let cells = |label: &'static str| {
            groups
                .iter()
                .map(|g| match outputs.iter().position(|o| o.label == label && o.group == Some(*g)) {
                    Some(j) => Either::Left(view! {
                        <td><output data-output=outputs[j].key>{text(ctx, j, cell)}<span class="ew-interval">{text(ctx, j, interval_below)}</span></output></td>
                    }),
                    None => Either::Right(view! { <td></td> }),
                })
                .collect_view()
        };
        view! {
            <div class="ew-table-wrap">
                <table class="ew-table">
                    <thead><tr><td></td>{groups.iter().map(|g| view! { <th scope="col">{*g}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.iter().map(|&(label, headline, j)| view! {
                            <tr class=if headline { "ew-headline" } else { "" } hidden=flag(ctx, j, folded)><th scope="row">{label}</th>{cells(label)}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <MoreButton ctx k=1/>
            </div>
        }
    })
}
