//! Static renderings of a widget (the SVG backend in `crate::svg`): the chart as SVG and a
//! fallback snippet (image + the model's one-sentence summary) for readers without JavaScript.
//! Used by the `essay-render` command, the browser's "Download SVG", and tests that keep the
//! demo's fallbacks current. Exported figures, social cards and the tornado each have a module.

use crate::chart::ChartStyle;
use crate::model::{self, Chart, Model, Values};
use crate::text::{esc, mid_sentence};

mod card;
mod figure;
mod tornado;

pub use card::{card, card_svg, CARD};
pub use figure::{figure, figure_svg, wrap, Figure};
pub use tornado::{tornado, tornado_title};

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
