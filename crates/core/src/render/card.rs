//! A social preview card (Open Graph `summary_large_image`) for a scenario.

use super::*;

/// An Open Graph / social preview card's size in pixels (what Facebook, LinkedIn, Bluesky and X
/// show for a `summary_large_image`).
pub const CARD: (u32, u32) = (1200, 630);

/// A social preview card for a scenario, [`CARD`] pixels: the title, the headline readouts large
/// enough to read in a feed (previews are shown ~500 px wide, so everything is laid out at half
/// size and drawn at twice the scale), the chart, and the link to the scenario.
pub fn card(model: &Model, vals: &[f64], title: &str, link: &str) -> crate::scene::Scene {
    use crate::chart::Role;
    let values = Values::new(model.params(), vals);
    let system = model::unit_system(model.params(), vals);
    let style = ChartStyle { scale: 2.0, system, ..ChartStyle::default() };
    let (s, t) = (style.scale, &style.theme);
    let (w, h) = (CARD.0 as f64, CARD.1 as f64);
    let pad = 20.0 * s;
    let color = |c: plotters::style::RGBColor| plotters_backend::BackendColor { alpha: 1.0, rgb: (c.0, c.1, c.2) };
    let mut scene = crate::scene::Scene::new(CARD);
    let title_px = 22.0 * s;
    let mut y = pad;
    for line in wrap(title, title_px, w - 2.0 * pad).iter().take(2) {
        scene.text(line, &t.font, title_px as u32, true, color(t.fg), (pad as i32, y as i32), Role::Frame);
        y += (title_px * 1.25).ceil();
    }
    // The headline readouts, side by side (at most three).
    let out = model.compute(&values);
    // The cards first, then the comparison table's headline row (named by its columns).
    let mut heads: Vec<_> =
        model.outputs().iter().zip(&out).filter(|(o, v)| o.headline && v.is_finite() && model::shown(model.params(), vals, o.shown_if)).collect();
    heads.sort_by_key(|(o, _)| o.group.is_some());
    let heads: Vec<(&str, String)> = heads.into_iter().take(3).map(|(o, v)| (o.group.unwrap_or(o.label), o.unit.format(*v, system))).collect();
    let (label_px, value_px) = (12.0 * s, 26.0 * s);
    if !heads.is_empty() {
        y += 6.0 * s;
        let col = (w - 2.0 * pad) / heads.len() as f64;
        // Labels in at most two lines; the values on one line below the longest.
        let labels: Vec<Vec<String>> = heads.iter().map(|(l, _)| wrap(l, label_px, col - 12.0 * s).into_iter().take(2).collect()).collect();
        let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as f64;
        for (k, ((_, value), label)) in heads.iter().zip(&labels).enumerate() {
            let x = (pad + k as f64 * col) as i32;
            for (n, line) in label.iter().enumerate() {
                scene.text(line, &t.font, label_px as u32, false, color(t.muted), (x, (y + n as f64 * label_px * 1.25) as i32), Role::Frame);
            }
            scene.text(
                value,
                &t.font,
                value_px as u32,
                true,
                color(t.primary),
                (x, (y + label_lines * label_px * 1.25 + 2.0 * s) as i32),
                Role::Frame,
            );
        }
        y += label_lines * label_px * 1.25 + 2.0 * s + value_px * 1.2;
    }
    let foot_px = 11.0 * s;
    let foot = wrap(link, foot_px, w - 2.0 * pad).into_iter().next().unwrap_or_default();
    let chart_top = y + 4.0 * s;
    let chart_h = (h - chart_top - pad - foot_px * 1.6).max(0.0);
    // The chart a little smaller than the headline (its labels are secondary), so a breakdown's
    // bars fit as well as a line chart's plot.
    let chart_style = ChartStyle { scale: 1.6, ..style.clone() };
    scene.layout = scene.chart(&model.chart(&values), &chart_style, (0, chart_top as i32), (CARD.0, chart_h as u32));
    scene.text(&foot, &t.font, foot_px as u32, false, color(t.muted), (pad as i32, (h - pad - foot_px * 1.25) as i32), Role::Frame);
    scene
}

/// The card as an SVG document, with its title and the scenario's sentence as its description.
pub fn card_svg(model: &Model, vals: &[f64], title: &str, link: &str) -> String {
    let bg = ChartStyle::default().theme.bg;
    let summary = model.summary(&Values::new(model.params(), vals));
    crate::svg::write(&card(model, vals, title, link), Some(&crate::chart::hex((bg.0, bg.1, bg.2))), Some((title, &summary)))
}
