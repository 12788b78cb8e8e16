//! The tornado: which ranged input moves the headline most, as a drawn figure.

use super::*;

/// The tornado as words: what it shows, for its caption, figure title and `<desc>`.
pub fn tornado_title(model: &Model) -> String {
    let head = crate::model::headline(model).map_or("", |(_, o)| o.label);
    format!("What decides the answer: {} as each range goes from its 5th to its 95th percentile", mid_sentence(head))
}

/// The tornado (`crate::uncertainty::Swing`s, widest first) as a figure `width` device pixels
/// wide: a row per ranged input, a bar from the headline at the input's 5th percentile to its
/// 95th, a line at the headline with every range at its median; the title above, the
/// convention below. Drawn on the canvas (PNG) and as SVG from the same scene.
pub fn tornado(model: &Model, u: &crate::uncertainty::Uncertain, width: u32, style: &ChartStyle) -> crate::scene::Scene {
    use crate::chart::{text_width, Role};
    let s = style.scale;
    let t = &style.theme;
    let sys = style.system;
    let unit = crate::model::headline(model).map(|(_, o)| o.unit);
    let show = |v: f64| unit.map_or(String::new(), |u| u.format(v, sys));
    let (pad, w) = (16.0 * s, width as f64);
    let (title_px, text_px) = ((style.font_px * 1.2 * s).round(), (style.font_px * s).round());
    let inner = w - 2.0 * pad;
    let title = wrap(&tornado_title(model), title_px, inner);
    let note = wrap(
        &format!(
            "Others at their medians ({} at the line). Ranges are 90\u{a0}% intervals, lognormal when both ends are positive, else normal.",
            show(u.center)
        ),
        text_px * 0.9,
        inner,
    );
    let (title_h, line_h, row_h) = ((title_px * 1.3).ceil(), (text_px * 1.4).ceil(), (text_px * 2.2).ceil());
    let labels: Vec<String> = u.tornado.iter().map(|r| r.label.to_string()).collect();
    let label_w = labels.iter().map(|l| text_width(l, text_px)).fold(0.0, f64::max).min(inner * 0.4);
    let value_w = u.tornado.iter().flat_map(|r| [show(r.at_lo), show(r.at_hi)]).map(|v| text_width(&v, text_px)).fold(0.0, f64::max) + 6.0 * s;
    let (x0, x1) = (pad + label_w + 8.0 * s + value_w, w - pad - value_w);
    let top = pad + title.len() as f64 * title_h + 8.0 * s;
    let h = (top + u.tornado.len() as f64 * row_h + 8.0 * s + note.len() as f64 * line_h + pad).ceil() as u32;
    let mut scene = crate::scene::Scene::new((width, h));
    let color = |c: plotters::style::RGBColor, a: f64| plotters_backend::BackendColor { alpha: a, rgb: (c.0, c.1, c.2) };
    let mut y = pad;
    for line in &title {
        scene.text(line, &t.font, title_px as u32, true, color(t.fg, 1.0), (pad as i32, y as i32), Role::Frame);
        y += title_h;
    }
    let (lo, span) = u.tornado_scale();
    let at = |v: f64| x0 + (v - lo) / span * (x1 - x0).max(1.0);
    for (k, r) in u.tornado.iter().enumerate() {
        let y = top + k as f64 * row_h;
        let mid = y + row_h / 2.0;
        let label = wrap(&labels[k], text_px, label_w).into_iter().next().unwrap_or_default();
        scene.text(&label, &t.font, text_px as u32, false, color(t.fg, 1.0), (pad as i32, (mid - text_px * 0.6) as i32), Role::AxisTitle);
        let (a, b) = (at(r.at_lo.min(r.at_hi)), at(r.at_lo.max(r.at_hi)));
        let (ya, yb) = ((mid - row_h * 0.3) as i32, (mid + row_h * 0.3) as i32);
        // Below the median line in the second colour, above it in the first.
        let c = at(u.center);
        scene.fill((a as i32, ya), (c.min(b).max(a) as i32, yb), color(t.secondary, 0.85), Role::Series);
        scene.fill((c.max(a).min(b) as i32, ya), (b.max(a + 1.0) as i32, yb), color(t.primary, 0.85), Role::Series);
        let (left, right) = if r.at_lo <= r.at_hi { (show(r.at_lo), show(r.at_hi)) } else { (show(r.at_hi), show(r.at_lo)) };
        scene.text(
            &left,
            &t.font,
            text_px as u32,
            false,
            color(t.muted, 1.0),
            ((a - 4.0 * s - text_width(&left, text_px)) as i32, (mid - text_px * 0.6) as i32),
            Role::Tick,
        );
        scene.text(&right, &t.font, text_px as u32, false, color(t.muted, 1.0), ((b + 4.0 * s) as i32, (mid - text_px * 0.6) as i32), Role::Tick);
    }
    let c = at(u.center) as i32;
    scene.line((c, top as i32), (c, (top + u.tornado.len() as f64 * row_h) as i32), color(t.fg, 1.0), s.max(1.0) as u32, Role::Axis);
    let mut y = top + u.tornado.len() as f64 * row_h + 8.0 * s;
    for line in &note {
        scene.text(line, &t.font, (text_px * 0.9) as u32, false, color(t.muted, 1.0), (pad as i32, y as i32), Role::Frame);
        y += line_h;
    }
    scene
}
