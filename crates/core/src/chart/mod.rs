//! Draws a [`Chart`] description on any plotters `DrawingBackend` (in practice the recording
//! [`crate::scene::Scene`], which the canvas and the SVG writer replay).
//!
//! We do our own axis layout instead of plotters' mesh: log axes get ticks at 1-2-5 × 10ⁿ,
//! tick labels use the axis unit (`$200/kg`, `$5B`), reference-mark labels are stacked in rows
//! so they never overlap, and every size is multiplied by `scale` (the device-pixel ratio) so
//! the chart is crisp on HiDPI screens. Plotters draws the primitives.
//!
//! Architecture invariant: no DOM and no model knowledge; the only input is a [`Chart`] value
//! and a [`ChartStyle`]. Drawing errors are the backend's and are returned, never panicked on.

mod bars;
mod layout;
pub mod spec;
mod words;

pub use layout::{axis_title, clip_rows, grown_height, height_for, stack_rows, text_box, text_width, ticks, Placer, Rect};
use bars::draw_bars;
use layout::{titled, x_ticks};
pub use words::{alt, bars_in_words, caption, probe, sources, subtitle, table, value_at, Table};

pub use spec::{Axis, Bar, Chart, Emphasis, Mark, Point, Series};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Subdivisions of a device pixel in a solid line's points (`scene::Prim::Path`): the chart
/// hands its lines over at that precision, so a gentle curve has no kinks at whole pixels.
pub const FINE: i32 = 4;

/// Colours and type. Defaults suit a light page; the view reads overrides from CSS variables.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub font: String,
    pub fg: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub primary: RGBColor,
    pub secondary: RGBColor,
    pub tertiary: RGBColor,
    pub faint: RGBColor,
    pub mark: RGBColor,
    /// Fill behind the point label so it stays legible over lines.
    pub bg: RGBColor,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            font: "sans-serif".into(),
            fg: RGBColor(0x1f, 0x23, 0x28),
            muted: RGBColor(0x57, 0x60, 0x6a),
            grid: RGBColor(0xe1, 0xe4, 0xe8),
            primary: RGBColor(0x0b, 0x5c, 0xad),
            secondary: RGBColor(0xb4, 0x3c, 0x0c),
            tertiary: RGBColor(0x1a, 0x7f, 0x37),
            faint: RGBColor(0x8c, 0x95, 0x9f),
            mark: RGBColor(0x6e, 0x40, 0xc9),
            bg: RGBColor(0xff, 0xff, 0xff),
        }
    }
}

impl Theme {
    /// The colour of a series of this emphasis.
    pub fn color(&self, e: Emphasis) -> RGBColor {
        match e {
            Emphasis::Primary => self.primary,
            Emphasis::Secondary => self.secondary,
            Emphasis::Tertiary => self.tertiary,
            Emphasis::Faint | Emphasis::Baseline => self.faint,
        }
    }

    /// The colour of part `i` of a stacked bar ([`Bar`]): the series colours, the
    /// marks' and the text's, in turn.
    /// Parts 5 to 9 are five more hues (teal, magenta, ochre, brown, slate), lighter on a dark
    /// background, so a model can give each of up to ten categories a colour of its own.
    pub fn part(&self, i: usize) -> RGBColor {
        let dark = (self.bg.0 as u32 + self.bg.1 as u32 + self.bg.2 as u32) < 384;
        const LIGHT: [(u8, u8, u8); 5] = [(0x0e, 0x7c, 0x86), (0xb0, 0x2f, 0x7c), (0x9a, 0x67, 0x00), (0x7a, 0x4a, 0x2a), (0x4a, 0x5a, 0x8c)];
        const DARK: [(u8, u8, u8); 5] = [(0x39, 0xc5, 0xcf), (0xf0, 0x7a, 0xc0), (0xe3, 0xb3, 0x41), (0xd0, 0x9a, 0x6e), (0x9d, 0xad, 0xe0)];
        match i % 10 {
            k @ 0..=4 => [self.primary, self.secondary, self.tertiary, self.mark, self.fg][k],
            k => {
                let (r, g, b) = if dark { DARK[k - 5] } else { LIGHT[k - 5] };
                RGBColor(r, g, b)
            }
        }
    }
}

/// How to draw: device-pixel scale, unit system, colours.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel; every size is multiplied by it.
    pub scale: f64,
    /// Unit system to label axes in (see `crate::units::Unit`).
    pub system: usize,
    pub theme: Theme,
    /// The text size in CSS pixels (the page's: 0.8125 of the widget's font, 13 px at 16 px),
    /// before `scale`. Every label is at least this (tick text ≥ 0.8 em of the widget's font).
    pub font_px: f64,
    /// Name the lines in a legend above the plot. Off, each line is named beside itself where
    /// there is room, and [`draw`] gives `None` where there is not (the scene then draws again,
    /// with the legend).
    pub legend: bool,
}

/// The chart's text size at a 16 px widget font.
pub const FONT_PX: f64 = 13.0;

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle { scale: 1.0, system: 0, theme: Theme::default(), font_px: FONT_PX, legend: false }
    }
}

impl ChartStyle {
    /// The style for SVG (`crate::svg`): the canvas's, in unit system `system`.
    pub fn for_svg(system: usize) -> Self {
        ChartStyle { system, ..ChartStyle::default() }
    }
}

/// `#rrggbb` for a colour's red, green and blue.
pub fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Parses `#rgb`, `#rrggbb` or `rgb(r, g, b)` / `rgba(…)` (alpha ignored), as CSS gives them.
pub fn parse_color(s: &str) -> Option<RGBColor> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        let n = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        return match hex.len() {
            3 => Some(RGBColor(n(0, 1)? * 17, n(1, 1)? * 17, n(2, 1)? * 17)),
            6 => Some(RGBColor(n(0, 2)?, n(2, 2)?, n(4, 2)?)),
            _ => None,
        };
    }
    let inner = s.strip_prefix("rgba(").or_else(|| s.strip_prefix("rgb("))?.strip_suffix(')')?;
    let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty());
    let mut next = || crate::num::parse_f64(parts.next()?.trim()).map(|v| v.round().clamp(0.0, 255.0) as u8);
    Some(RGBColor(next()?, next()?, next()?))
}

/// What a drawn primitive is, so tests can tell a label from a line (the scene records it with
/// each primitive; the canvas and SVG ignore it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    #[default]
    Grid,
    Axis,
    Tick,
    AxisTitle,
    /// A shaded reference band (marks and levels).
    Band,
    Mark,
    MarkLabel,
    /// The short line from a mark's label down to the plot.
    Connector,
    Level,
    LevelLabel,
    Series,
    Legend,
    LegendLabel,
    Point,
    PointLabel,
    Baseline,
    BaselineLabel,
    /// Titles, subtitles and footers of an exported figure.
    Frame,
    /// A part of a stacked bar.
    Bar,
    /// A bar's name and total, and its parts' names and values.
    BarLabel,
}

/// Maps a data value on an axis to a pixel between `a` and `b`.
fn map(axis: &Axis, system: usize, v: f64, a: f64, b: f64) -> f64 {
    let (lo, hi, x) = (disp(axis, system, axis.min), disp(axis, system, axis.max), disp(axis, system, v));
    let t = if axis.log { (x / lo).ln() / (hi / lo).ln() } else { (x - lo) / (hi - lo) };
    a + t * (b - a)
}

fn disp(axis: &Axis, system: usize, v: f64) -> f64 {
    axis.unit.to_display(v, system)
}

/// A text style. The family is passed through as a CSS font list (`FontFamily::Name`): the
/// `From<&str>` conversion lower-cases it, which costs the wasm bundle Unicode case tables.
fn text_style(family: &str, px: f64, color: RGBColor, pos: Pos) -> TextStyle<'_> {
    TextStyle { font: FontDesc::new(FontFamily::Name(family), px, FontStyle::Normal), color: color.to_backend_color(), pos }
}

/// Where a chart's plot landed, in device pixels, and how to read its x axis: for the crosshair.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub plot: Rect,
    pub x: Axis,
    pub y: Axis,
    pub system: usize,
}

impl Layout {
    /// The x value (canonical units) at pixel `px`, inside the axis's range.
    pub fn x_at(&self, px: f64) -> f64 {
        let t = ((px - self.plot.x0) / (self.plot.x1 - self.plot.x0)).clamp(0.0, 1.0);
        let (lo, hi) = (disp(&self.x, self.system, self.x.min), disp(&self.x, self.system, self.x.max));
        let shown = if self.x.log { lo * (hi / lo).powf(t) } else { lo + t * (hi - lo) };
        self.x.unit.from_display(shown, self.system)
    }

    /// The pixel of x value `v`.
    pub fn x_px(&self, v: f64) -> f64 {
        map(&self.x, self.system, v, self.plot.x0, self.plot.x1)
    }

    /// The pixel of y value `v`.
    pub fn y_px(&self, v: f64) -> f64 {
        map(&self.y, self.system, v, self.plot.y1, self.plot.y0)
    }
}

/// The sizes every chart kind lays out with, in device pixels: the area, the scale, the text
/// size and its line height, the padding.
#[derive(Clone, Copy)]
struct Metrics {
    w: f64,
    h: f64,
    s: f64,
    font_px: f64,
    line_h: f64,
    pad: f64,
}

impl Metrics {
    fn of((w, h): (u32, u32), style: &ChartStyle) -> Metrics {
        let (s, font_px) = (style.scale, style.font_px * style.scale);
        Metrics { w: w as f64, h: h as f64, s, font_px, line_h: (font_px * 1.35).ceil(), pad: 4.0 * s }
    }
}

/// A drawing's result type on backend `DB`.
type Drawn<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A whole device pixel.
fn px(v: f64) -> i32 {
    v.round() as i32
}

/// What each phase of a drawing works with: the area, the style and its sizes, who is told each
/// primitive's role, and the placer that keeps labels off each other and off the data.
struct Pen<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    style: &'a ChartStyle,
    m: Metrics,
    role: &'a dyn Fn(Role),
    placer: Placer,
}

impl<'a, DB: DrawingBackend> Pen<'a, DB> {
    fn role(&self, r: Role) {
        (self.role)(r)
    }

    fn theme(&self) -> &'a Theme {
        &self.style.theme
    }

    fn font(&self, px: f64, c: &RGBColor, pos: Pos) -> TextStyle<'a> {
        text_style(&self.style.theme.font, px, *c, pos)
    }

    /// Text in the body size at `at`, anchored `(h, v)`, in the muted colour; the placer is told.
    fn label(&mut self, text: String, at: (f64, f64), (h, v): (HPos, VPos)) -> Drawn<(), DB> {
        self.placer.text(text_box(&text, self.m.font_px, at, h, v));
        let style = self.font(self.m.font_px, &self.theme().muted, Pos::new(h, v));
        self.root.draw(&Text::new(text, (px(at.0), px(at.1)), style))
    }

    /// A series' line (or its legend swatch) as its emphasis draws it: the essay's dashed.
    fn stroke(&self, pts: Vec<(i32, i32)>, e: Emphasis) -> Drawn<(), DB> {
        let width = match e {
            Emphasis::Primary => 2.5,
            Emphasis::Faint => 1.5,
            _ => 2.0,
        };
        let s = self.m.s;
        let style = ShapeStyle::from(&self.theme().color(e)).stroke_width(px(width * s).max(1) as u32);
        match e {
            Emphasis::Baseline => self.root.draw(&DashedPathElement::new(pts, px(6.0 * s), px(4.0 * s), style)),
            _ => self.root.draw(&PathElement::new(pts, style)),
        }
    }
}

/// Draws `chart` on `root`, filling it; `role` is told what each following primitive is. Every
/// label goes where it overlaps no other label, line or point, or is left out (the readouts say
/// it anyway); the legend and the mark labels sit above the plot, never over the data. Returns
/// where the plot is, or `None` when the area is too small to say anything.
///
/// The phases, in drawing order: [`frame`] (where everything goes), [`axes`], [`marks`] and
/// [`levels`], [`series`] (bands, then lines, main line last), [`points`], then the labels that
/// must find free room — [`point_labels`], [`level_labels`], [`line_labels`] — and the [`legend`].
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: &ChartStyle,
    role: &dyn Fn(Role),
    fine: &dyn Fn(Vec<(i32, i32)>),
) -> Drawn<Option<Layout>, DB> {
    let m = Metrics::of(root.dim_in_pixel(), style);
    if m.w < 120.0 * m.s || m.h < 100.0 * m.s {
        return Ok(None); // Too small to say anything; the readouts still do.
    }
    let mut pen = Pen { root, style, m, role, placer: Placer::default() };
    if !chart.bars.is_empty() {
        return draw_bars(&mut pen, chart);
    }
    let Some(f) = frame(chart, style, m) else { return Ok(None) };
    axes(&mut pen, chart, &f)?;
    marks(&mut pen, chart, &f)?;
    levels(&mut pen, chart, &f)?;
    let drawn = series(&mut pen, chart, &f, fine)?;
    let (point, base) = points(&mut pen, chart, &f)?;
    point_labels(&mut pen, &f, point, base)?;
    level_labels(&mut pen, chart, &f)?;
    if !line_labels(&mut pen, chart, &f, &drawn)? {
        return Ok(None);
    }
    legend(&mut pen, &f)?;
    Ok(Some(f.at))
}

/// Where a line chart's parts go, decided before anything is drawn.
struct Frame<'c> {
    /// The plot and its axes (`x_px`, `y_px`).
    at: Layout,
    y_title: String,
    y_title_at: (f64, f64),
    /// The legend's entries (several series and `style.legend`) and where each starts.
    legend: Vec<&'c Series>,
    legend_at: Vec<(f64, f64)>,
    swatch: f64,
    /// The y axis's ticks (displayed units) and their labels.
    y_ticks: Vec<f64>,
    y_labels: Vec<String>,
    /// The mark labels, their spans across the picture and their rows, from `marks_top` down.
    marks_top: f64,
    mark_labels: Vec<String>,
    spans: Vec<(f64, f64)>,
    rows: Vec<usize>,
}

impl Frame<'_> {
    /// A level's (or level band's) extent in pixels, top first.
    fn level_span(&self, m: &Mark) -> (f64, f64) {
        let (a, b) = (self.at.y_px(m.x), self.at.y_px(m.to.unwrap_or(m.x)));
        (a.min(b), a.max(b))
    }

    /// Whether a point at pixel `(x, y)` is inside the plot.
    fn holds(&self, (x, y): (f64, f64)) -> bool {
        let p = &self.at.plot;
        (p.x0..=p.x1).contains(&x) && (p.y0..=p.y1).contains(&y)
    }
}

/// Lays out a line chart: above the plot the y axis's title, the legend (wrapping into rows) and
/// the mark labels (in rows, centred on their mark where they fit); left of it the y tick labels;
/// below it the x tick labels and the x axis's title. `None` when the plot would be too small.
fn frame<'c>(chart: &'c Chart, style: &ChartStyle, m: Metrics) -> Option<Frame<'c>> {
    let Metrics { w, h, s, font_px, line_h, pad } = m;
    let sys = style.system;
    let y_title = axis_title(&chart.y, sys);
    let mut top = pad;
    let y_title_at = (pad, top);
    top += line_h;
    // Legend entries wrap into rows.
    let legend: Vec<&Series> = if chart.series.len() > 1 && style.legend { chart.series.iter().collect() } else { Vec::new() };
    let swatch = 20.0 * s;
    let mut legend_at: Vec<(f64, f64)> = Vec::new();
    let (mut lx, mut ly) = (pad, top);
    for se in &legend {
        let ew = swatch + 6.0 * s + text_width(&se.name, font_px);
        if lx > pad && lx + ew > w - pad {
            lx = pad;
            ly += line_h;
        }
        legend_at.push((lx, ly));
        lx += ew + 14.0 * s;
    }
    if !legend.is_empty() {
        top = ly + line_h;
    }

    // The y ticks decide the left margin (at most one label per 2.4 lines of plot).
    let (ymin_d, ymax_d) = (disp(&chart.y, sys, chart.y.min), disp(&chart.y, sys, chart.y.max));
    let approx_plot_h = (h - top - 3.0 * line_h).max(line_h);
    let y_ticks = ticks(ymin_d, ymax_d, chart.y.log, ((approx_plot_h / (line_h * 2.2)) as usize).clamp(2, 8));
    let y_labels: Vec<String> = y_ticks.iter().map(|&v| chart.y.unit.tick(chart.y.unit.from_display(v, sys), sys)).collect();
    let y_label_w = y_labels.iter().map(|l| text_width(l, font_px)).fold(0.0, f64::max);
    // Room between the labels and the plot for a point drawn on its edge.
    let left = (pad + y_label_w + 10.0 * s).ceil();
    let right = w - (10.0 * s).ceil();
    if right - left < 60.0 * s {
        return None;
    }
    let xpx = |v: f64| map(&chart.x, sys, v, left, right);

    // A mark beyond the x axis stands at its edge, its label pointing the way with its value
    // ("← Break-even $3/kg"): a reader is told where it is, not left without it.
    let mark_labels: Vec<String> = chart
        .marks
        .iter()
        .map(|m| match beyond(&chart.x, m) {
            0 => m.label.to_string(),
            side => {
                let v = chart.x.unit.format(m.x, sys);
                if side < 0 { format!("\u{2190}\u{a0}{} {v}", m.label) } else { format!("{} {v}\u{a0}\u{2192}", m.label) }
            }
        })
        .collect();
    // Mark labels in rows above the plot, centred on their mark where they fit.
    let spans: Vec<(f64, f64)> = chart
        .marks
        .iter()
        .zip(&mark_labels)
        .map(|(m, label)| {
            let c = match m.to {
                Some(to) => (xpx(m.x) + xpx(to)) / 2.0,
                None => xpx(m.x.max(chart.x.min).min(chart.x.max)),
            };
            // Over the plot's columns (the y tick labels are to its left).
            let half = text_width(label, font_px) / 2.0;
            let c = c.max(left + half).min(w - pad - half);
            (c - half, c + half)
        })
        .collect();
    let rows = stack_rows(&spans, 8.0 * s);
    let n_rows = rows.iter().map(|r| r + 1).max().unwrap_or(0);
    let marks_top = top;
    // (Half a line more: the top y tick label is centred on the plot's top edge.)
    top += n_rows as f64 * line_h + line_h * 0.5;
    let top = top.ceil();
    // Below the plot: the x tick labels and the x axis's title.
    let bottom = (h - pad - line_h - line_h - 8.0 * s).floor();
    if bottom - top < 40.0 * s {
        return None;
    }
    let at = Layout { plot: Rect { x0: left, y0: top, x1: right, y1: bottom }, x: chart.x.clone(), y: chart.y.clone(), system: sys };
    Some(Frame { at, y_title, y_title_at, legend, legend_at, swatch, y_ticks, y_labels, marks_top, mark_labels, spans, rows })
}

/// The grid, the tick labels (x: the densest set whose labels fit side by side), the x axis and
/// both axes' titles (y at the top left, x under its tick labels, at the right).
fn axes<DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &Chart, f: &Frame) -> Drawn<(), DB> {
    let Metrics { w, h, s, font_px, line_h, pad } = pen.m;
    let Rect { x0: left, y0: top, x1: right, y1: bottom } = f.at.plot;
    let sys = pen.style.system;
    let t = pen.theme();
    pen.role(Role::Grid);
    let grid = ShapeStyle::from(&t.grid).stroke_width(px(s).max(1) as u32);
    let y_at: Vec<f64> = f.y_ticks.iter().map(|v| f.at.y_px(chart.y.unit.from_display(*v, sys))).collect();
    for y in &y_at {
        pen.root.draw(&PathElement::new(vec![(px(left), px(*y)), (px(right), px(*y))], grid))?;
    }
    pen.role(Role::Tick);
    for (y, label) in y_at.iter().zip(&f.y_labels) {
        pen.label(label.clone(), (left - 10.0 * s, *y), (HPos::Right, VPos::Center))?;
    }
    let x_ticks = x_ticks(chart, sys, font_px, (pad, 10.0 * s, w), &|v| f.at.x_px(v));
    pen.role(Role::Grid);
    for tk in &x_ticks {
        pen.root.draw(&PathElement::new(vec![(px(tk.x), px(top)), (px(tk.x), px(bottom))], grid))?;
    }
    pen.role(Role::Tick);
    for tk in x_ticks {
        pen.label(tk.label, (tk.centre, bottom + 9.0 * s), (HPos::Center, VPos::Top))?;
    }
    pen.role(Role::Axis);
    let axis = ShapeStyle::from(&t.muted).stroke_width(px(s).max(1) as u32);
    pen.root.draw(&PathElement::new(vec![(px(left), px(bottom)), (px(right), px(bottom))], axis))?;
    pen.placer.line((left, bottom), (right, bottom));
    pen.role(Role::AxisTitle);
    pen.label(f.y_title.clone(), f.y_title_at, (HPos::Left, VPos::Top))?;
    pen.label(axis_title(&chart.x, sys), (right, h - pad - line_h), (HPos::Right, VPos::Top))
}

/// Reference marks: bands and lines inside the plot; labels in their rows above, with a short
/// line down to the plot where that crosses no label of a row below.
fn marks<DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &Chart, f: &Frame) -> Drawn<(), DB> {
    let Metrics { s, font_px, line_h, .. } = pen.m;
    let Rect { y0: top, y1: bottom, .. } = f.at.plot;
    let t = pen.theme();
    let (spans, rows) = (&f.spans, &f.rows);
    for (k, m) in chart.marks.iter().enumerate() {
        let off = m.to.is_none() && beyond(&chart.x, m) != 0;
        let x0 = f.at.x_px(if off { m.x.max(chart.x.min).min(chart.x.max) } else { m.x });
        let label_y = f.marks_top + rows[k] as f64 * line_h;
        if let Some(to) = m.to {
            pen.role(Role::Band);
            pen.root.draw(&Rectangle::new([(px(x0), px(top)), (px(f.at.x_px(to)), px(bottom))], t.mark.mix(0.12).filled()))?;
        } else if !off {
            pen.role(Role::Mark);
            let line = ShapeStyle::from(&t.mark.mix(0.7)).stroke_width(px(1.2 * s).max(1) as u32);
            pen.root.draw(&PathElement::new(vec![(px(x0), px(top)), (px(x0), px(bottom))], line))?;
            pen.placer.line((x0, top), (x0, bottom));
        }
        let (l, r) = spans[k];
        pen.placer.text(Rect { x0: l, y0: label_y, x1: r, y1: label_y + font_px * 1.25 });
        pen.role(Role::MarkLabel);
        let style = pen.font(font_px, &t.mark, Pos::new(HPos::Center, VPos::Top));
        pen.root.draw(&Text::new(f.mark_labels[k].clone(), (px((l + r) / 2.0), px(label_y)), style))?;
        let cx = match m.to {
            Some(to) => (x0 + f.at.x_px(to)) / 2.0,
            None => x0,
        };
        let from = label_y + font_px * 1.25 + 1.0 * s;
        let blocked = spans.iter().enumerate().any(|(j, &(l2, r2))| rows[j] > rows[k] && cx >= l2 - 2.0 * s && cx <= r2 + 2.0 * s);
        if !off && !blocked && cx >= l && cx <= r && top - from > 2.0 * s {
            pen.role(Role::Connector);
            let line = ShapeStyle::from(&t.mark.mix(0.7)).stroke_width(px(1.2 * s).max(1) as u32);
            pen.root.draw(&PathElement::new(vec![(px(cx), px(from)), (px(cx), px(top))], line))?;
        }
    }
    Ok(())
}

/// Horizontal reference levels (lines or bands) across the plot.
fn levels<DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &Chart, f: &Frame) -> Drawn<(), DB> {
    let Rect { x0: left, y0: top, x1: right, y1: bottom } = f.at.plot;
    let t = pen.theme();
    for m in &chart.levels {
        let (y0, y1) = f.level_span(m);
        if y1 < top || y0 > bottom {
            continue;
        }
        match m.to {
            Some(_) => {
                pen.role(Role::Band);
                pen.root.draw(&Rectangle::new([(px(left), px(y0)), (px(right), px(y1))], t.mark.mix(0.15).filled()))?;
                pen.placer.line((left, y0), (right, y0));
                pen.placer.line((left, y1), (right, y1));
            }
            None => {
                pen.role(Role::Level);
                let line = ShapeStyle::from(&t.mark.mix(0.6)).stroke_width(px(pen.m.s).max(1) as u32);
                pen.root.draw(&PathElement::new(vec![(px(left), px(y0)), (px(right), px(y0))], line))?;
                pen.placer.line((left, y0), (right, y0));
            }
        }
    }
    Ok(())
}

/// With ranges on, each band (5th–95th percentile) shaded in its series' colour with its median
/// as a thin dashed line; then the series, the essay's and faint ones first, the main line last
/// (on top). A solid line's points also go to `fine` in quarter pixels. Returns each line's drawn
/// runs (pixels), for its direct label.
fn series<'c, DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &'c Chart, f: &Frame, fine: &dyn Fn(Vec<(i32, i32)>)) -> Drawn<Vec<Line<'c>>, DB> {
    let s = pen.m.s;
    let t = pen.theme();
    let (xpx, ypx) = (|v: f64| f.at.x_px(v), |v: f64| f.at.y_px(v));
    for (e, pts) in &chart.bands {
        let ok = |y: f64| y.is_finite() && (!chart.y.log || y > 0.0);
        let pts: Vec<&(f64, f64, f64, f64)> = pts.iter().filter(|p| ok(p.1) && ok(p.3)).collect();
        if pts.len() < 2 {
            continue;
        }
        pen.role(Role::Band);
        let upper = pts.iter().map(|p| (px(xpx(p.0)), px(ypx(p.3))));
        let lower = pts.iter().rev().map(|p| (px(xpx(p.0)), px(ypx(p.1))));
        pen.root.draw(&Polygon::new(upper.chain(lower).collect::<Vec<_>>(), t.color(*e).mix(0.2).filled()))?;
        pen.role(Role::Series);
        let mid: Vec<(i32, i32)> = pts.iter().filter(|p| ok(p.2)).map(|p| (px(xpx(p.0)), px(ypx(p.2)))).collect();
        pen.placer.path(&mid.iter().map(|&(x, y)| (x as f64, y as f64)).collect::<Vec<_>>());
        pen.root.draw(&DashedPathElement::new(mid, px(3.0 * s), px(3.0 * s), ShapeStyle::from(&t.color(*e)).stroke_width(px(s).max(1) as u32)))?;
    }
    pen.role(Role::Series);
    let order = [Emphasis::Baseline, Emphasis::Faint, Emphasis::Tertiary, Emphasis::Secondary, Emphasis::Primary];
    let mut drawn = Vec::new();
    for se in order.into_iter().flat_map(|e| chart.series.iter().filter(move |s| s.emphasis == e)) {
        let pts: Vec<(f64, f64)> = se.points.iter().map(|&(x, y)| (xpx(x), ypx(y))).collect();
        // A line beyond the axis (the author's, when the axis follows the reader) stops at its edge.
        let runs = clip_rows(&pts, f.at.plot.y0, f.at.plot.y1);
        for run in &runs {
            pen.placer.path(run);
            // A solid line's points in quarter pixels too ([`FINE`]; plotters' drawing
            // area holds whole pixels only): no kinks from snapping each to a whole pixel.
            if se.emphasis != Emphasis::Baseline {
                let q = FINE as f64;
                fine(run.iter().map(|&(x, y)| ((x * q).round() as i32, (y * q).round() as i32)).collect());
            }
            pen.stroke(run.iter().map(|&(x, y)| (px(x), px(y))).collect(), se.emphasis)?;
        }
        drawn.push((se, runs));
    }
    Ok(drawn)
}

/// A series as drawn: its runs inside the plot, in pixels.
type Line<'c> = (&'c Series, Vec<Vec<(f64, f64)>>);

/// A point of the chart inside the plot, with its pixel position.
type Placed<'c> = Option<(&'c Point, f64, f64)>;

/// The points: the reader's (filled) and the essay's (hollow), each blocking its labels' way.
fn points<'c, DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &'c Chart, f: &Frame) -> Drawn<(Placed<'c>, Placed<'c>), DB> {
    let s = pen.m.s;
    let t = pen.theme();
    let inside = |p: &'c Option<Point>| p.as_ref().map(|p| (p, f.at.x_px(p.x), f.at.y_px(p.y))).filter(|&(_, x, y)| f.holds((x, y)));
    let (point, base) = (inside(&chart.point), inside(&chart.baseline));
    let dot = |x: f64, y: f64, r: f64| Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r };
    if let Some((_, x, y)) = point {
        pen.placer.block(dot(x, y, 7.0 * s));
    }
    if let Some((_, x, y)) = base {
        pen.placer.block(dot(x, y, 6.0 * s));
    }
    if let Some((_, x, y)) = base {
        pen.role(Role::Baseline);
        pen.root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), t.bg.filled()))?;
        pen.root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), ShapeStyle::from(&t.muted).stroke_width(px(2.0 * s).max(1) as u32)))?;
    }
    if let Some((_, x, y)) = point {
        pen.role(Role::Point);
        pen.root.draw(&Circle::new((px(x), px(y)), px(7.0 * s), t.bg.filled()))?;
        pen.root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), t.primary.filled()))?;
    }
    Ok((point, base))
}

/// Places for a label of `text` at `tpx` around a point at `(x, y)`: close first, then a little
/// further out (past a nearby line).
fn around(x: f64, y: f64, text: &str, tpx: f64, s: f64) -> impl Iterator<Item = Rect> {
    let (tw, th) = (text_width(text, tpx), tpx * 1.25);
    [9.0, 20.0, 34.0, 52.0].into_iter().flat_map(move |d| {
        let d = d * s;
        [
            (x - d - tw, y - d - th),
            (x + d, y - d - th),
            (x + d, y + d),
            (x - d - tw, y + d),
            (x - d - tw, y - th / 2.0),
            (x + d, y - th / 2.0),
            (x - tw / 2.0, y - d - th),
            (x - tw / 2.0, y + d),
        ]
        .map(|(x0, y0)| Rect { x0, y0, x1: x0 + tw, y1: y0 + th })
    })
}

/// The points' labels, where they meet nothing: the reader's in bold, then the essay's.
fn point_labels<DB: DrawingBackend>(pen: &mut Pen<DB>, f: &Frame, point: Placed, base: Placed) -> Drawn<(), DB> {
    let Metrics { s, font_px, .. } = pen.m;
    let gap = 3.0 * s;
    let t = pen.theme();
    if let Some((p, x, y)) = point {
        let tpx = font_px * 1.08;
        if let Some(r) = pen.placer.take(around(x, y, &p.label, tpx, s), gap, &f.at.plot) {
            pen.role(Role::PointLabel);
            let bold = TextStyle {
                font: FontDesc::new(FontFamily::Name(&t.font), tpx, FontStyle::Bold),
                color: t.fg.to_backend_color(),
                pos: Pos::new(HPos::Left, VPos::Top),
            };
            pen.root.draw(&Text::new(p.label.clone(), (px(r.x0), px(r.y0)), bold))?;
        }
    }
    if let Some((b, x, y)) = base {
        let label = format!("Essay: {}", b.label);
        if let Some(r) = pen.placer.take(around(x, y, &label, font_px, s), gap, &f.at.plot) {
            pen.role(Role::BaselineLabel);
            let style = pen.font(font_px, &t.muted, Pos::new(HPos::Left, VPos::Top));
            pen.root.draw(&Text::new(label, (px(r.x0), px(r.y0)), style))?;
        }
    }
    Ok(())
}

/// Each level's label along its level, above or below it, where it meets nothing.
fn level_labels<DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &Chart, f: &Frame) -> Drawn<(), DB> {
    let Metrics { s, font_px, .. } = pen.m;
    let gap = 3.0 * s;
    let Rect { x0: left, y0: top, x1: right, y1: bottom } = f.at.plot;
    for m in chart.levels.iter().rev() {
        let (y0, y1) = f.level_span(m);
        if y1 < top || y0 > bottom {
            continue;
        }
        let (tw, th) = (text_width(m.label, font_px), font_px * 1.25);
        let xs = [left + 6.0 * s, right - 6.0 * s - tw, (left + right - tw) / 2.0, left + (right - left) * 0.25, left + (right - left) * 0.6];
        let candidates = xs.into_iter().flat_map(|x0| [(x0, y0 - 2.0 * gap - th), (x0, y1 + 2.0 * gap)]).map(|(x0, ya)| Rect {
            x0,
            y0: ya,
            x1: x0 + tw,
            y1: ya + th,
        });
        if let Some(r) = pen.placer.take(candidates, gap, &f.at.plot) {
            pen.role(Role::LevelLabel);
            let style = pen.font(font_px, &pen.theme().mark, Pos::new(HPos::Left, VPos::Top));
            pen.root.draw(&Text::new(m.label.to_string(), (px(r.x0), px(r.y0)), style))?;
        }
    }
    Ok(())
}

/// Without a legend, each line named beside itself, in its colour, where the label meets
/// nothing: near its right end, else further along it, above or below; the main line first.
/// `false` when a name finds no room (the caller draws the chart again with a legend).
fn line_labels<DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &Chart, f: &Frame, drawn: &[Line]) -> Drawn<bool, DB> {
    if pen.style.legend || chart.series.len() <= 1 {
        return Ok(true);
    }
    let Metrics { s, font_px, .. } = pen.m;
    let gap = 3.0 * s;
    let Rect { x0: left, x1: right, .. } = f.at.plot;
    let t = pen.theme();
    for (se, runs) in drawn.iter().rev() {
        let (tw, th) = (text_width(&se.name, font_px), font_px * 1.25);
        let on_line = |x: f64| {
            runs.iter().flat_map(|r| r.windows(2)).find(|w| w[0].0 <= x && x <= w[1].0).map(|w| {
                let t = if w[1].0 > w[0].0 { (x - w[0].0) / (w[1].0 - w[0].0) } else { 0.0 };
                w[0].1 + t * (w[1].1 - w[0].1)
            })
        };
        // Above or below the line, centred on a point of it; or off a corner of that point
        // (clear of a steep line on its outer side).
        let d = 2.0 * gap;
        let candidates = [0.98, 0.85, 0.7, 0.5, 0.3, 0.12].into_iter().filter_map(|f| {
            let x = left + f * (right - left);
            let x0 = if f > 0.9 { x - tw } else { x - tw / 2.0 };
            on_line(x).map(|y| {
                [(x0, y - d - th), (x0, y + d), (x - d - tw, y - d - th), (x + d, y + d), (x + d, y - d - th), (x - d - tw, y + d)]
                    .map(|(x0, y0)| Rect { x0, y0, x1: x0 + tw, y1: y0 + th })
            })
        });
        let Some(r) = pen.placer.take(candidates.flatten().collect::<Vec<_>>(), gap, &f.at.plot) else {
            return Ok(false);
        };
        pen.role(Role::LegendLabel);
        let c = match se.emphasis {
            Emphasis::Faint | Emphasis::Baseline => t.muted,
            e => t.color(e),
        };
        let style = pen.font(font_px, &c, Pos::new(HPos::Left, VPos::Top));
        pen.root.draw(&Text::new(se.name.clone(), (px(r.x0), px(r.y0)), style))?;
    }
    Ok(true)
}

/// The legend, above the plot: a swatch (dashed for the essay's line) and the name.
fn legend<DB: DrawingBackend>(pen: &mut Pen<DB>, f: &Frame) -> Drawn<(), DB> {
    let Metrics { s, font_px, line_h, .. } = pen.m;
    for (se, &(x, y)) in f.legend.iter().zip(&f.legend_at) {
        let yc = y + line_h / 2.0;
        pen.role(Role::Legend);
        pen.stroke(vec![(px(x), px(yc)), (px(x + f.swatch), px(yc))], se.emphasis)?;
        pen.role(Role::LegendLabel);
        let style = pen.font(font_px, &pen.theme().fg, Pos::new(HPos::Left, VPos::Center));
        pen.root.draw(&Text::new(se.name.clone(), (px(x + f.swatch + 6.0 * s), px(yc)), style))?;
    }
    Ok(())
}

/// Where a point mark is against the axis: -1 below its minimum, 1 above its maximum, else 0
/// (bands, which the axis clips, are inside).
fn beyond(axis: &Axis, m: &Mark) -> i8 {
    match m.to {
        Some(_) => 0,
        None if m.x < axis.min => -1,
        None if m.x > axis.max => 1,
        None => 0,
    }
}
