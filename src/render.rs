//! Static renderings of a widget (the SVG backend in `crate::svg`): the chart as SVG and a
//! fallback snippet (image + the model's one-sentence summary) for readers without JavaScript.
//! Used by the `essay-render` command, the browser's "Download SVG", and tests that keep the
//! demo's fallbacks current.

use crate::chart::ChartStyle;
use crate::model::{self, Chart, Model, Values};
use crate::text::{esc, mid_sentence};

/// The fallback chart size, CSS pixels.
pub const SIZE: (u32, u32) = (720, 380);

/// The chart for `vals`, as an SVG document on a white background.
pub fn svg(model: &Model, vals: &[f64], size: (u32, u32)) -> Result<String, String> {
    let style = ChartStyle::for_svg(model::unit_system(model.params(), vals));
    chart_svg(&model.chart(&Values::new(model.params(), vals)), size, &style)
}

/// Any chart as an SVG document, on the style's background colour.
pub fn chart_svg(chart: &Chart, size: (u32, u32), style: &ChartStyle) -> Result<String, String> {
    let bg = style.theme.bg;
    let scene = crate::scene::draw(chart, style, size);
    Ok(crate::svg::write(&scene, Some(&crate::chart::hex((bg.0, bg.1, bg.2))), None))
}

/// What frames a chart in an exported figure, like a data-journalism download: the title, a
/// subtitle saying what is plotted against what (with units), the sources, and the link back.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub title: String,
    pub subtitle: String,
    pub sources: String,
    pub link: String,
    /// The chart's text alternative (the SVG's `<desc>`).
    pub description: String,
}

impl Figure {
    /// The frame for `chart` of `model` at `vals` (its outputs as the readouts show them,
    /// `shown`: see `Model::chart_shown`): the sources are the inputs' citations and the chart's
    /// marks', each once.
    pub fn of(model: &Model, vals: &[f64], shown: &[Option<f64>], chart: &Chart, title: &str, link: &str, system: usize) -> Figure {
        let mut sources: Vec<&str> = Vec::new();
        for c in model.params().iter().map(|p| p.cite).chain(chart.marks.iter().chain(&chart.levels).map(|m| m.source)) {
            if !c.is_empty() && !sources.contains(&c) {
                sources.push(c);
            }
        }
        let values = Values::new(model.params(), vals);
        Figure {
            title: title.to_string(),
            subtitle: crate::chart::subtitle(chart, system),
            sources: format!("Sources: {}.", sources.join("; ")),
            link: link.to_string(),
            description: format!("{}. {}", crate::chart::alt(chart), model.summary_shown(&values, shown)),
        }
    }
}

/// `text` broken into lines of at most `width` pixels at `px`.
pub fn wrap(text: &str, px: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if !line.is_empty() && crate::chart::text_width(&candidate, px) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `chart` framed as an exported figure `width` device pixels wide, with a chart `chart_h` high:
/// the title and subtitle above, the sources and the link below.
pub fn figure(chart: &Chart, fig: &Figure, width: u32, chart_h: u32, style: &ChartStyle) -> crate::scene::Scene {
    use crate::chart::Role;
    let s = style.scale;
    let (pad, w) = (16.0 * s, width as f64);
    let t = &style.theme;
    let (title_px, text_px) = ((style.font_px * 1.45 * s).round(), (style.font_px * s).round());
    let inner = w - 2.0 * pad;
    let title = wrap(&fig.title, title_px, inner);
    let subtitle = wrap(&fig.subtitle, text_px, inner);
    let footer: Vec<String> = wrap(&fig.sources, text_px, inner).into_iter().chain(wrap(&fig.link, text_px, inner)).collect();
    let (title_h, line_h) = ((title_px * 1.3).ceil(), (text_px * 1.4).ceil());
    let head = pad + title.len() as f64 * title_h + subtitle.len() as f64 * line_h + 8.0 * s;
    let foot = 8.0 * s + footer.len() as f64 * line_h + pad;
    let h = (head + chart_h as f64 + foot).ceil() as u32;
    let mut scene = crate::scene::Scene::new((width, h));
    let color = |c: plotters::style::RGBColor| plotters_backend::BackendColor { alpha: 1.0, rgb: (c.0, c.1, c.2) };
    let mut y = pad;
    for line in &title {
        scene.text(line, &t.font, title_px as u32, true, color(t.fg), (pad as i32, y as i32), Role::Frame);
        y += title_h;
    }
    for line in &subtitle {
        scene.text(line, &t.font, text_px as u32, false, color(t.muted), (pad as i32, y as i32), Role::Frame);
        y += line_h;
    }
    scene.layout = scene.chart(chart, style, (0, head as i32), (width, chart_h));
    let mut y = head + chart_h as f64 + 8.0 * s;
    for line in &footer {
        scene.text(line, &t.font, text_px as u32, false, color(t.muted), (pad as i32, y as i32), Role::Frame);
        y += line_h;
    }
    scene
}

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

/// A figure as an SVG document, with its title and description for screen readers.
pub fn figure_svg(chart: &Chart, fig: &Figure, size: (u32, u32), style: &ChartStyle) -> String {
    let bg = style.theme.bg;
    let scene = figure(chart, fig, size.0, size.1, style);
    crate::svg::write(&scene, Some(&crate::chart::hex((bg.0, bg.1, bg.2))), Some((&fig.title, &fig.description)))
}

/// A placeholder's fallback content: the chart image at `src` and the summary sentence.
pub fn fallback_html(model: &Model, vals: &[f64], src: &str, size: (u32, u32)) -> String {
    let values = Values::new(model.params(), vals);
    let c = model.chart(&values);
    format!(
        r#"<figure class="ew-fallback"><img src="{}" width="{}" height="{}" alt="{}"><figcaption>{}</figcaption></figure>"#,
        esc(src),
        size.0,
        size.1,
        esc(&format!("{}.", crate::chart::alt(&c))),
        esc(&model.summary(&values))
    )
}

/// The tornado as words: what it shows, for its caption, figure title and `<desc>`.
pub fn tornado_title(model: &Model) -> String {
    let head = crate::uncertainty::headline(model).map_or("", |(_, o)| o.label);
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
    let unit = crate::uncertainty::headline(model).map(|(_, o)| o.unit);
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
