//! The sensitivity (tornado) figure, shown while any input is a range: which assumption decides
//! the answer. On screen it is a table (a row per ranged input, widest swing first, each with a
//! bar drawn as inline SVG attributes: no `style=`, so strict CSP holds), so screen readers and
//! keyboards get it as data; PNG and SVG downloads draw the same rows through the scene path
//! (`render::tornado`), CSV gives the numbers.

use super::{act, flag, text, Ctx};
use crate::chart::{ChartStyle, Theme, FONT_PX};
use crate::model::Kind;
use crate::uncertainty::Swing;
use leptos::prelude::*;

/// The tornado under the chart: hidden while no input is a range.
#[component]
pub fn Tornado(ctx: Ctx) -> impl IntoView {
    // A fixed grid of rows, one per numeric input at most (rows beyond the ranged ones hide).
    let rows = ctx.specs().iter().filter(|s| matches!(s.kind, Kind::Number { .. })).count();
    let title = crate::render::tornado_title(ctx.model());
    view! {
        <figure class="ew-tornado" data-tornado="" hidden=flag(ctx, 0, off)>
            <figcaption class="ew-caption">{title}</figcaption>
            <div class="ew-table-wrap">
                <table class="ew-table ew-tornado-table">
                    <thead><tr>
                        <th scope="col">"Input (90\u{a0}% range)"</th><th scope="col">"At its 5th"</th>
                        <th scope="col">"At its 95th"</th><th scope="col">"Swing"</th>
                    </tr></thead>
                    <tbody>
                        {(0..rows).map(|k| view! {
                            <tr hidden=flag(ctx, k, no_row) data-key=text(ctx, k, row_key)>
                                <th scope="row">{text(ctx, k, row_label)}</th>
                                <td>{text(ctx, k, row_lo)}</td>
                                <td>{text(ctx, k, row_hi)}</td>
                                <td class="ew-swing">
                                    <svg class="ew-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                                        <rect class="ew-bar-lo" y="1" height="8" x=text(ctx, k, lo_x) width=text(ctx, k, lo_w)/>
                                        <rect class="ew-bar-hi" y="1" height="8" x=text(ctx, k, hi_x) width=text(ctx, k, hi_w)/>
                                        <line x1=text(ctx, k, center_x) x2=text(ctx, k, center_x) y1="0" y2="10"/>
                                    </svg>
                                    <span class="ew-sr">{text(ctx, k, row_swing)}</span>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            // The bars' colours, said once (the table's columns say it in words too).
            <p class="ew-tornado-note ew-tornado-key">
                <span class="ew-key ew-key-lo" aria-hidden="true"></span>"the input at its 5th percentile "
                <span class="ew-key ew-key-hi" aria-hidden="true"></span>"at its 95th"
            </p>
            <p class="ew-tornado-note">{text(ctx, 0, note)}</p>
            <div class="ew-export">
                <span class="ew-export-label">"Download"</span>
                {[("png", "PNG"), ("svg", "SVG"), ("csv", "CSV")].map(|(what, label)| view! {
                    <button type="button" class="ew-button" data-tornado-export=what on:click=act(ctx, what, download)>{label}</button>
                })}
            </div>
        </figure>
    }
}

fn off(ctx: Ctx, _: usize) -> bool {
    ctx.mc.with(|m| m.as_ref().is_none_or(|m| m.tornado.is_empty()))
}

/// Row `k` of the tornado, widest swing first.
fn row(ctx: Ctx, k: usize) -> Option<Swing> {
    ctx.mc.with(|m| m.as_ref().and_then(|m| m.tornado.get(k).cloned()))
}

fn no_row(ctx: Ctx, k: usize) -> bool {
    row(ctx, k).is_none()
}

fn row_key(ctx: Ctx, k: usize) -> String {
    row(ctx, k).map_or(String::new(), |r| r.key.to_string())
}

/// The headline output's unit.
fn show(ctx: Ctx, v: f64) -> String {
    crate::model::headline(ctx.model()).map_or(String::new(), |(_, o)| o.show(v, ctx.system()))
}

fn row_label(ctx: Ctx, k: usize) -> String {
    let Some(r) = row(ctx, k) else { return String::new() };
    let spec = ctx.specs().iter().find(|s| s.key == r.key);
    let sys = ctx.system();
    spec.map_or(String::new(), |s| format!("{}, {}", r.label, crate::units::span(s.unit.format(r.range.lo, sys), s.unit.format(r.range.hi, sys), " to ")))
}

fn row_lo(ctx: Ctx, k: usize) -> String {
    row(ctx, k).map_or(String::new(), |r| show(ctx, r.at_lo))
}

fn row_hi(ctx: Ctx, k: usize) -> String {
    row(ctx, k).map_or(String::new(), |r| show(ctx, r.at_hi))
}

fn row_swing(ctx: Ctx, k: usize) -> String {
    row(ctx, k).map_or(String::new(), |r| format!("swing {}", show(ctx, r.width())))
}

/// The bars' scale: every row's ends and the median line, as 0–100.
fn scale(ctx: Ctx) -> (f64, f64, f64) {
    ctx.mc.with(|m| {
        let Some(m) = m.as_ref() else { return (0.0, 1.0, 0.0) };
        let (lo, span) = m.tornado_scale();
        (lo, span, m.center)
    })
}

fn at(ctx: Ctx, v: f64) -> f64 {
    let (lo, span, _) = scale(ctx);
    ((v - lo) / span * 100.0).clamp(0.0, 100.0)
}

/// The bar's part below the median line (second colour) and above it (first colour).
fn parts(ctx: Ctx, k: usize) -> ((f64, f64), (f64, f64)) {
    let Some(r) = row(ctx, k) else { return ((0.0, 0.0), (0.0, 0.0)) };
    let (a, b, c) = (at(ctx, r.at_lo.min(r.at_hi)), at(ctx, r.at_lo.max(r.at_hi)), at(ctx, scale(ctx).2));
    let mid = c.max(a).min(b);
    ((a, mid - a), (mid, (b - mid).max(0.5)))
}

fn num(v: f64) -> String {
    crate::units::fixed(v, 2)
}

fn lo_x(ctx: Ctx, k: usize) -> String {
    num(parts(ctx, k).0 .0)
}
fn lo_w(ctx: Ctx, k: usize) -> String {
    num(parts(ctx, k).0 .1)
}
fn hi_x(ctx: Ctx, k: usize) -> String {
    num(parts(ctx, k).1 .0)
}
fn hi_w(ctx: Ctx, k: usize) -> String {
    num(parts(ctx, k).1 .1)
}
fn center_x(ctx: Ctx, _: usize) -> String {
    num(at(ctx, scale(ctx).2))
}

fn note(ctx: Ctx, _: usize) -> String {
    let center = ctx.mc.with(|m| m.as_ref().map_or(f64::NAN, |m| m.center));
    format!(
        "Each row: the headline with that input at the ends of its range, every other range at its median ({} at the line). Widest swing first.",
        show(ctx, center)
    )
}

/// The tornado's downloads: `png` (twice the size), `svg`, `csv`.
fn download(ctx: Ctx, what: &'static str, _: web_sys::MouseEvent) {
    let Some(mc) = ctx.mc.get_untracked() else { return };
    let model = ctx.model();
    let sys = ctx.system_now();
    let style = |scale: f64| ChartStyle { scale, system: sys, theme: Theme::default(), font_px: FONT_PX, legend: false };
    let name = format!("{}.tornado.{what}", ctx.fixed.ns);
    let url = match what {
        "png" => super::chart::scene_png(&crate::render::tornado(model, &mc, 1440, &style(2.0)), Theme::default().bg),
        "svg" => {
            let scene = crate::render::tornado(model, &mc, 720, &style(1.0));
            let bg = Theme::default().bg;
            let title = crate::render::tornado_title(model);
            Some(super::export::data_url(
                "image/svg+xml",
                &crate::svg::write(&scene, Some(&crate::chart::hex((bg.0, bg.1, bg.2))), Some((&title, &note(ctx, 0)))),
            ))
        }
        _ => Some(super::export::data_url("text/csv", &csv(ctx, &mc.tornado))),
    };
    if let Some(url) = url {
        super::export::save(&name, &url);
    }
}

/// The tornado as CSV: the input, its range and the headline at each end (canonical units).
fn csv(ctx: Ctx, rows: &[Swing]) -> String {
    let model = ctx.model();
    let head = crate::model::headline(model).map(|(_, o)| o);
    let unit = head.map_or(String::new(), |o| o.unit.symbol(0));
    let label = head.map_or("", |o| o.label);
    let mut out = format!("Input,Low end,High end,{label} at low end ({unit}),{label} at high end ({unit})\r\n");
    for r in rows {
        let spec = ctx.specs().iter().find(|s| s.key == r.key);
        let u = spec.map_or(String::new(), |s| s.unit.symbol(0));
        let n = |v: f64| crate::num::format_f64(crate::units::round_sig(v, 4));
        out.push_str(&format!("{} ({u}),{},{},{},{}\r\n", r.label, n(r.range.lo), n(r.range.hi), n(r.at_lo), n(r.at_hi)));
    }
    out
}
