//! An exported figure: a chart framed with its title, subtitle, sources and link.

use super::*;

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

/// A figure as an SVG document, with its title and description for screen readers.
pub fn figure_svg(chart: &Chart, fig: &Figure, size: (u32, u32), style: &ChartStyle) -> String {
    let bg = style.theme.bg;
    let scene = figure(chart, fig, size.0, size.1, style);
    crate::svg::write(&scene, Some(&crate::chart::hex((bg.0, bg.1, bg.2))), Some((&fig.title, &fig.description)))
}
