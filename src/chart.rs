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

use crate::model::{Axis, Chart, Emphasis};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

    /// The colour of part `i` of a stacked bar ([`crate::model::Bar`]): the series colours, the
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

/// A label's width in pixels at `font_px`, estimated per character class for a proportional
/// sans-serif on the generous side (plotters on wasm measures text through the DOM, a forced layout
/// per call; the layout needs a width it can trust not to be too small).
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.30,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 0.38,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.92,
            'A'..='Z' | '$' | '€' | '£' | '×' | '–' | '—' | '≈' => 0.72,
            '0'..='9' => 0.62,
            _ => 0.60,
        })
        .sum();
    em * font_px
}

/// The box of a text of `px` pixels anchored at `at` as plotters anchors it.
pub fn text_box(text: &str, px: f64, at: (f64, f64), h: HPos, v: VPos) -> Rect {
    let (w, hgt) = (text_width(text, px), px * 1.25);
    let x0 = match h {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2.0,
        HPos::Right => at.0 - w,
    };
    let y0 = match v {
        VPos::Top => at.1,
        VPos::Center => at.1 - hgt / 2.0,
        VPos::Bottom => at.1 - hgt,
    };
    Rect { x0, y0, x1: x0 + w, y1: y0 + hgt }
}

/// Assigns each label (by its left and right edge, in x order) the first row where it does not
/// overlap the previous label of that row. Returns the row of each label.
pub fn stack_rows(spans: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut row_ends: Vec<f64> = Vec::new();
    spans
        .iter()
        .map(|&(l, r)| match row_ends.iter().position(|&end| end + gap <= l) {
            Some(i) => {
                row_ends[i] = r;
                i
            }
            None => {
                row_ends.push(r);
                row_ends.len() - 1
            }
        })
        .collect()
}

/// A box, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Grown by `d` on every side.
    pub fn grow(&self, d: f64) -> Rect {
        Rect { x0: self.x0 - d, y0: self.y0 - d, x1: self.x1 + d, y1: self.y1 + d }
    }

    /// Whether the segment from `a` to `b` passes through this box.
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        // Liang–Barsky clipping of the segment against the box.
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - self.x0), (dx, self.x1 - a.0), (-dy, a.1 - self.y0), (dy, self.y1 - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
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

/// Keeps track of what is drawn where, and finds free places for labels.
#[derive(Default)]
pub struct Placer {
    texts: Vec<Rect>,
    segments: Vec<((f64, f64), (f64, f64))>,
    blocks: Vec<Rect>,
}

impl Placer {
    pub fn text(&mut self, r: Rect) {
        self.texts.push(r);
    }
    pub fn line(&mut self, a: (f64, f64), b: (f64, f64)) {
        self.segments.push((a, b));
    }
    pub fn path(&mut self, pts: &[(f64, f64)]) {
        for w in pts.windows(2) {
            self.line(w[0], w[1]);
        }
    }
    pub fn block(&mut self, r: Rect) {
        self.blocks.push(r);
    }
    /// Whether `r`, with `gap` around it, meets nothing placed and stays inside `inside`.
    pub fn free(&self, r: &Rect, gap: f64, inside: &Rect) -> bool {
        let g = r.grow(gap);
        r.x0 >= inside.x0
            && r.x1 <= inside.x1
            && r.y0 >= inside.y0
            && r.y1 <= inside.y1
            && self.texts.iter().chain(&self.blocks).all(|t| !t.overlaps(&g))
            && self.segments.iter().all(|(a, b)| !g.crossed_by(*a, *b))
    }
    /// The first of `candidates` that is free, taken.
    pub fn take(&mut self, candidates: impl IntoIterator<Item = Rect>, gap: f64, inside: &Rect) -> Option<Rect> {
        let r = candidates.into_iter().find(|r| self.free(r, gap, inside))?;
        self.texts.push(r);
        Some(r)
    }
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

/// An axis title with its unit: `Fleet launch cost ($)`, `Launch price ($/kg)`, `Accelerators`.
pub fn axis_title(axis: &Axis, system: usize) -> String {
    titled(axis.label, &axis.unit, system)
}

/// A label with its unit in parentheses (none for a bare count): axis titles and the data
/// table's column headers alike.
fn titled(label: &str, unit: &crate::units::Unit, system: usize) -> String {
    match unit.symbol(system) {
        s if s.is_empty() => label.to_string(),
        s => format!("{label} ({s})"),
    }
}

/// Tick sets for an axis (displayed units), densest first.
fn tick_sets(min: f64, max: f64, log: bool) -> Vec<Vec<f64>> {
    let mut sets = Vec::new();
    if log && min > 0.0 {
        let (lo, hi) = (min.log10().floor() as i32, max.log10().ceil() as i32);
        let inside = |v: &f64| *v >= min * 0.999_999 && *v <= max * 1.000_001;
        sets.push((lo..=hi).flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e))).filter(inside).collect::<Vec<_>>());
        for every in 1..=6 {
            sets.push((lo..=hi).filter(|e| (e - lo).rem_euclid(every) == 0).map(|e| 10f64.powi(e)).filter(inside).collect());
        }
        if (hi - lo) <= 1 {
            sets.extend(linear_sets(min, max));
        }
    } else {
        sets.extend(linear_sets(min, max));
    }
    sets.retain(|t| t.len() >= 2);
    sets.sort_by_key(|t| std::cmp::Reverse(t.len()));
    sets.dedup();
    sets
}

fn linear_sets(min: f64, max: f64) -> Vec<Vec<f64>> {
    let span = max - min;
    // Also catches a NaN span.
    if span.is_nan() || span <= 0.0 {
        return vec![vec![min, max]];
    }
    let mag = 10f64.powf((span / 12.0).log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0]
        .iter()
        .map(|m| m * mag)
        .map(|step| {
            let (first, last) = ((min / step - 1e-9).ceil() as i64, (max / step + 1e-9).floor() as i64);
            (first..=last).map(|i| i as f64 * step).collect()
        })
        .collect()
}

/// An x tick: where it is, its label, and the centre its label goes to (over the tick, kept
/// inside the picture).
struct XTick {
    x: f64,
    label: String,
    centre: f64,
}

/// The x axis's ticks: the densest set whose labels, each over its tick and kept `pad` inside
/// a picture `w` wide, leave `gap` between neighbours (the line charts' and the bars' one rule).
fn x_ticks(chart: &Chart, sys: usize, font_px: f64, (pad, gap, w): (f64, f64, f64), xpx: &dyn Fn(f64) -> f64) -> Vec<XTick> {
    let unit = &chart.x.unit;
    let at = |set: &[f64]| -> Vec<XTick> {
        set.iter()
            .map(|&v| {
                let x = xpx(unit.from_display(v, sys));
                let label = unit.tick(unit.from_display(v, sys), sys);
                let half = text_width(&label, font_px) / 2.0;
                XTick { x, centre: x.max(half + pad).min(w - half - pad), label }
            })
            .collect()
    };
    let fits = |ticks: &[XTick]| {
        ticks.windows(2).all(|p| p[0].centre + text_width(&p[0].label, font_px) / 2.0 + gap <= p[1].centre - text_width(&p[1].label, font_px) / 2.0)
    };
    let (lo, hi) = (disp(&chart.x, sys, chart.x.min), disp(&chart.x, sys, chart.x.max));
    tick_sets(lo, hi, chart.x.log).iter().map(|set| at(set)).find(|t| fits(t)).unwrap_or_else(|| at(&[lo, hi]))
}

/// Tick positions for an axis, in displayed units, at most `max_count` (for tables).
/// The chart's height for a width, in CSS pixels (the author's `data-chart-height` aside).
pub fn height_for(width: f64) -> f64 {
    (width * 0.55).clamp(240.0, 380.0).round()
}

/// The height a chart of height `h` needs so that its plot (`plot_h` tall now) keeps at least
/// half of it for the data: what the legend, the mark labels and the axes take, twice; `None`
/// when `h` is enough. (On a phone the labels' rows are a fixed cost the plot must not pay.)
pub fn grown_height(h: f64, plot_h: f64) -> Option<f64> {
    (plot_h < h / 2.0).then(|| (2.0 * (h - plot_h)).ceil())
}

/// The parts of the polyline `pts` (pixels) between the rows `top` and `bottom`, cut where it
/// crosses them.
pub fn clip_rows(pts: &[(f64, f64)], top: f64, bottom: f64) -> Vec<Vec<(f64, f64)>> {
    let inside = |y: f64| (top - 0.5..=bottom + 0.5).contains(&y);
    let cross = |a: (f64, f64), b: (f64, f64), y: f64| (a.0 + (b.0 - a.0) * (y - a.1) / (b.1 - a.1), y);
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (k, &p) in pts.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| pts[j]);
        match (prev, inside(p.1)) {
            (_, true) if !run.is_empty() || prev.is_none() => run.push(p),
            // Coming in: from the edge it crossed.
            (Some(a), true) => {
                let edge = if a.1 < top { top } else { bottom };
                run = vec![cross(a, p, edge), p];
            }
            (_, true) => run.push(p),
            // Going out: to the edge, and the run ends.
            (Some(a), false) if !run.is_empty() => {
                let edge = if p.1 < top { top } else { bottom };
                run.push(cross(a, p, edge));
                runs.push(std::mem::take(&mut run));
            }
            _ => {}
        }
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    runs.retain(|r| r.len() >= 2);
    runs
}

pub fn ticks(min: f64, max: f64, log: bool, max_count: usize) -> Vec<f64> {
    tick_sets(min, max, log).into_iter().find(|t| t.len() <= max_count.max(2)).unwrap_or_else(|| vec![min, max])
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

/// Draws `chart` on `root`, filling it; `role` is told what each following primitive is. Every
/// label goes where it overlaps no other label, line or point, or is left out (the readouts say
/// it anyway); the legend and the mark labels sit above the plot, never over the data. Returns
/// where the plot is, or `None` when the area is too small to say anything.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: &ChartStyle,
    role: &dyn Fn(Role),
    fine: &dyn Fn(Vec<(i32, i32)>),
) -> Result<Option<Layout>, DrawingAreaErrorKind<DB::ErrorType>> {
    let m = Metrics::of(root.dim_in_pixel(), style);
    let Metrics { w, h, s, font_px, line_h, pad } = m;
    let t = &style.theme;
    let sys = style.system;
    let gap = 3.0 * s;
    let font = |px: f64, c: &RGBColor, pos: Pos| text_style(&t.font, px, *c, pos);
    let px = |v: f64| v.round() as i32;
    let mut placer = Placer::default();
    let canvas = Rect { x0: 0.0, y0: 0.0, x1: w, y1: h };
    if w < 120.0 * s || h < 100.0 * s {
        return Ok(None); // Too small to say anything; the readouts still do.
    }
    if !chart.bars.is_empty() {
        return draw_bars(root, chart, style, m, role);
    }

    // Above the plot: the y axis's title, the legend, the mark labels.
    let y_title = axis_title(&chart.y, sys);
    let mut top = pad;
    let y_title_at = (pad, top);
    top += line_h;
    // Legend entries wrap into rows.
    let legend: Vec<&crate::model::Series> = if chart.series.len() > 1 && style.legend { chart.series.iter().collect() } else { Vec::new() };
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
        return Ok(None);
    }
    let xpx0 = |v: f64| map(&chart.x, sys, v, left, right);

    // Mark labels in rows above the plot, centred on their mark where they fit.
    let place_labels = |labels: &[String]| -> (Vec<(f64, f64)>, Vec<usize>) {
        let spans: Vec<(f64, f64)> = chart
            .marks
            .iter()
            .zip(labels)
            .map(|(m, label)| {
                let c = match m.to {
                    Some(to) => (xpx0(m.x) + xpx0(to)) / 2.0,
                    None => xpx0(m.x.max(chart.x.min).min(chart.x.max)),
                };
                // Over the plot's columns (the y tick labels are to its left).
                let half = text_width(label, font_px) / 2.0;
                let c = c.max(left + half).min(w - pad - half);
                (c - half, c + half)
            })
            .collect();
        let rows = stack_rows(&spans, 8.0 * s);
        (spans, rows)
    };
    // A mark beyond the x axis stands at its edge, its label pointing the way with its value
    // ("← Break-even $3/kg"): a reader is told where it is, not left without it.
    let labels: Vec<String> = chart
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
    let (spans, rows) = place_labels(&labels);
    let n_rows = rows.iter().map(|r| r + 1).max().unwrap_or(0);
    let marks_top = top;
    // (Half a line more: the top y tick label is centred on the plot's top edge.)
    top += n_rows as f64 * line_h + line_h * 0.5;
    let top = top.ceil();
    // Below the plot: the x tick labels and the x axis's title.
    let bottom = (h - pad - line_h - line_h - 8.0 * s).floor();
    if bottom - top < 40.0 * s {
        return Ok(None);
    }
    let xpx = |v: f64| map(&chart.x, sys, v, left, right);
    let ypx = |v: f64| map(&chart.y, sys, v, bottom, top);
    let plot = Rect { x0: left, y0: top, x1: right, y1: bottom };

    // Grid, y tick labels.
    role(Role::Grid);
    let grid = ShapeStyle::from(&t.grid).stroke_width(px(s).max(1) as u32);
    let y_at: Vec<f64> = y_ticks.iter().map(|v| ypx(chart.y.unit.from_display(*v, sys))).collect();
    for y in &y_at {
        root.draw(&PathElement::new(vec![(px(left), px(*y)), (px(right), px(*y))], grid))?;
    }
    role(Role::Tick);
    for (y, label) in y_at.iter().zip(&y_labels) {
        let at = (left - 10.0 * s, *y);
        placer.text(text_box(label, font_px, at, HPos::Right, VPos::Center));
        root.draw(&Text::new(label.clone(), (px(at.0), px(at.1)), font(font_px, &t.muted, Pos::new(HPos::Right, VPos::Center))))?;
    }
    // X ticks: the densest set whose labels fit side by side.
    let x_ticks = x_ticks(chart, sys, font_px, (pad, 10.0 * s, w), &xpx);
    role(Role::Grid);
    for tk in &x_ticks {
        root.draw(&PathElement::new(vec![(px(tk.x), px(top)), (px(tk.x), px(bottom))], grid))?;
    }
    role(Role::Tick);
    for tk in &x_ticks {
        let at = (tk.centre, bottom + 9.0 * s);
        placer.text(text_box(&tk.label, font_px, at, HPos::Center, VPos::Top));
        root.draw(&Text::new(tk.label.clone(), (px(at.0), px(at.1)), font(font_px, &t.muted, Pos::new(HPos::Center, VPos::Top))))?;
    }
    role(Role::Axis);
    let axis = ShapeStyle::from(&t.muted).stroke_width(px(s).max(1) as u32);
    root.draw(&PathElement::new(vec![(px(left), px(bottom)), (px(right), px(bottom))], axis))?;
    placer.line((left, bottom), (right, bottom));

    // Axis titles: y at the top left, x under its tick labels, at the right.
    role(Role::AxisTitle);
    placer.text(text_box(&y_title, font_px, y_title_at, HPos::Left, VPos::Top));
    root.draw(&Text::new(y_title, (px(y_title_at.0), px(y_title_at.1)), font(font_px, &t.muted, Pos::new(HPos::Left, VPos::Top))))?;
    let x_title = axis_title(&chart.x, sys);
    let x_title_at = (right, h - pad - line_h);
    placer.text(text_box(&x_title, font_px, x_title_at, HPos::Right, VPos::Top));
    root.draw(&Text::new(x_title, (px(x_title_at.0), px(x_title_at.1)), font(font_px, &t.muted, Pos::new(HPos::Right, VPos::Top))))?;

    // Reference marks: bands and lines inside the plot; labels in their rows above, with a short
    // line down to the plot where that crosses no label of a row below.
    for (k, m) in chart.marks.iter().enumerate() {
        let off = m.to.is_none() && beyond(&chart.x, m) != 0;
        let x0 = xpx(if off { m.x.max(chart.x.min).min(chart.x.max) } else { m.x });
        let label_y = marks_top + rows[k] as f64 * line_h;
        if let Some(to) = m.to {
            role(Role::Band);
            root.draw(&Rectangle::new([(px(x0), px(top)), (px(xpx(to)), px(bottom))], t.mark.mix(0.12).filled()))?;
        } else if !off {
            role(Role::Mark);
            let line = ShapeStyle::from(&t.mark.mix(0.7)).stroke_width(px(1.2 * s).max(1) as u32);
            root.draw(&PathElement::new(vec![(px(x0), px(top)), (px(x0), px(bottom))], line))?;
            placer.line((x0, top), (x0, bottom));
        }
        let (l, r) = spans[k];
        let label_box = Rect { x0: l, y0: label_y, x1: r, y1: label_y + font_px * 1.25 };
        placer.text(label_box);
        role(Role::MarkLabel);
        root.draw(&Text::new(labels[k].clone(), (px((l + r) / 2.0), px(label_y)), font(font_px, &t.mark, Pos::new(HPos::Center, VPos::Top))))?;
        let cx = match m.to {
            Some(to) => (x0 + xpx(to)) / 2.0,
            None => x0,
        };
        let from = label_y + font_px * 1.25 + 1.0 * s;
        let blocked = spans.iter().enumerate().any(|(j, &(l2, r2))| rows[j] > rows[k] && cx >= l2 - 2.0 * s && cx <= r2 + 2.0 * s);
        if !off && !blocked && cx >= l && cx <= r && top - from > 2.0 * s {
            role(Role::Connector);
            let line = ShapeStyle::from(&t.mark.mix(0.7)).stroke_width(px(1.2 * s).max(1) as u32);
            root.draw(&PathElement::new(vec![(px(cx), px(from)), (px(cx), px(top))], line))?;
        }
    }

    // Horizontal reference levels (lines or bands) across the plot.
    let level_extent = |m: &crate::model::Mark| {
        let (a, b) = (ypx(m.x), ypx(m.to.unwrap_or(m.x)));
        (a.min(b), a.max(b))
    };
    for m in &chart.levels {
        let (y0, y1) = level_extent(m);
        if y1 < top || y0 > bottom {
            continue;
        }
        match m.to {
            Some(_) => {
                role(Role::Band);
                root.draw(&Rectangle::new([(px(left), px(y0)), (px(right), px(y1))], t.mark.mix(0.15).filled()))?;
                placer.line((left, y0), (right, y0));
                placer.line((left, y1), (right, y1));
            }
            None => {
                role(Role::Level);
                let line = ShapeStyle::from(&t.mark.mix(0.6)).stroke_width(px(s).max(1) as u32);
                root.draw(&PathElement::new(vec![(px(left), px(y0)), (px(right), px(y0))], line))?;
                placer.line((left, y0), (right, y0));
            }
        }
    }

    // Series: the baseline and faint ones first, primary last (on top).
    let stroke = |pts: Vec<(i32, i32)>, e: Emphasis| {
        let width = match e {
            Emphasis::Primary => 2.5,
            Emphasis::Faint => 1.5,
            _ => 2.0,
        };
        let style = ShapeStyle::from(&t.color(e)).stroke_width(px(width * s).max(1) as u32);
        match e {
            Emphasis::Baseline => root.draw(&DashedPathElement::new(pts, px(6.0 * s), px(4.0 * s), style)),
            _ => root.draw(&PathElement::new(pts, style)),
        }
    };
    // With ranges on: each band (5th–95th percentile) shaded in its series' colour, and its
    // median as a thin dashed line; the series themselves go on top.
    for (e, pts) in &chart.bands {
        let ok = |y: f64| y.is_finite() && (!chart.y.log || y > 0.0);
        let pts: Vec<&(f64, f64, f64, f64)> = pts.iter().filter(|p| ok(p.1) && ok(p.3)).collect();
        if pts.len() < 2 {
            continue;
        }
        role(Role::Band);
        let upper = pts.iter().map(|p| (px(xpx(p.0)), px(ypx(p.3))));
        let lower = pts.iter().rev().map(|p| (px(xpx(p.0)), px(ypx(p.1))));
        root.draw(&Polygon::new(upper.chain(lower).collect::<Vec<_>>(), t.color(*e).mix(0.2).filled()))?;
        role(Role::Series);
        let mid: Vec<(i32, i32)> = pts.iter().filter(|p| ok(p.2)).map(|p| (px(xpx(p.0)), px(ypx(p.2)))).collect();
        placer.path(&mid.iter().map(|&(x, y)| (x as f64, y as f64)).collect::<Vec<_>>());
        root.draw(&DashedPathElement::new(mid, px(3.0 * s), px(3.0 * s), ShapeStyle::from(&t.color(*e)).stroke_width(px(s).max(1) as u32)))?;
    }
    role(Role::Series);
    let order = [Emphasis::Baseline, Emphasis::Faint, Emphasis::Tertiary, Emphasis::Secondary, Emphasis::Primary];
    // Each line's drawn runs (pixels), for its direct label.
    let mut drawn: Vec<(&crate::model::Series, Vec<Vec<(f64, f64)>>)> = Vec::new();
    for se in order.into_iter().flat_map(|e| chart.series.iter().filter(move |s| s.emphasis == e)) {
        let pts: Vec<(f64, f64)> = se.points.iter().map(|&(x, y)| (xpx(x), ypx(y))).collect();
        // A line beyond the axis (the author's, when the axis follows the reader) stops at its edge.
        let runs = clip_rows(&pts, top, bottom);
        for run in &runs {
            placer.path(run);
            // A solid line's points in quarter pixels too (`scene::FINE`; plotters' drawing
            // area holds whole pixels only): no kinks from snapping each to a whole pixel.
            if se.emphasis != Emphasis::Baseline {
                let q = crate::scene::FINE as f64;
                fine(run.iter().map(|&(x, y)| ((x * q).round() as i32, (y * q).round() as i32)).collect());
            }
            stroke(run.iter().map(|&(x, y)| (px(x), px(y))).collect(), se.emphasis)?;
        }
        drawn.push((se, runs));
    }

    // The points: the reader's (filled) and the essay's (hollow), blocking their labels' way.
    let point = chart.point.as_ref().map(|p| (p, xpx(p.x), ypx(p.y))).filter(|(_, x, y)| (left..=right).contains(x) && (top..=bottom).contains(y));
    let base = chart.baseline.as_ref().map(|p| (p, xpx(p.x), ypx(p.y))).filter(|(_, x, y)| (left..=right).contains(x) && (top..=bottom).contains(y));
    let dot = |x: f64, y: f64, r: f64| Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r };
    if let Some((_, x, y)) = point {
        placer.block(dot(x, y, 7.0 * s));
    }
    if let Some((_, x, y)) = base {
        placer.block(dot(x, y, 6.0 * s));
    }
    if let Some((_, x, y)) = base {
        role(Role::Baseline);
        root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), t.bg.filled()))?;
        root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), ShapeStyle::from(&t.muted).stroke_width(px(2.0 * s).max(1) as u32)))?;
    }
    if let Some((_, x, y)) = point {
        role(Role::Point);
        root.draw(&Circle::new((px(x), px(y)), px(7.0 * s), t.bg.filled()))?;
        root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), t.primary.filled()))?;
    }

    // Labels inside the plot go where they meet nothing: around their point, or along their level.
    // Around a point: close first, then a little further out (past a nearby line).
    let around = |x: f64, y: f64, text: &str, tpx: f64| {
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
    };
    if let Some((p, x, y)) = point {
        let tpx = font_px * 1.08;
        if let Some(r) = placer.take(around(x, y, &p.label, tpx), gap, &plot) {
            role(Role::PointLabel);
            let bold = TextStyle {
                font: FontDesc::new(FontFamily::Name(&t.font), tpx, FontStyle::Bold),
                color: t.fg.to_backend_color(),
                pos: Pos::new(HPos::Left, VPos::Top),
            };
            root.draw(&Text::new(p.label.clone(), (px(r.x0), px(r.y0)), bold))?;
        }
    }
    if let Some((b, x, y)) = base {
        let label = format!("Essay: {}", b.label);
        if let Some(r) = placer.take(around(x, y, &label, font_px), gap, &plot) {
            role(Role::BaselineLabel);
            root.draw(&Text::new(label, (px(r.x0), px(r.y0)), font(font_px, &t.muted, Pos::new(HPos::Left, VPos::Top))))?;
        }
    }
    for m in chart.levels.iter().rev() {
        let (y0, y1) = level_extent(m);
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
        if let Some(r) = placer.take(candidates, gap, &plot) {
            role(Role::LevelLabel);
            root.draw(&Text::new(m.label.to_string(), (px(r.x0), px(r.y0)), font(font_px, &t.mark, Pos::new(HPos::Left, VPos::Top))))?;
        }
    }

    // Without a legend, each line named beside itself, in its colour, where the label meets
    // nothing: near its right end, else further along it, above or below; the main line first.
    if !style.legend && chart.series.len() > 1 {
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
            let Some(r) = placer.take(candidates.flatten().collect::<Vec<_>>(), gap, &plot) else {
                return Ok(None);
            };
            role(Role::LegendLabel);
            let c = match se.emphasis {
                Emphasis::Faint | Emphasis::Baseline => t.muted,
                e => t.color(e),
            };
            root.draw(&Text::new(se.name.clone(), (px(r.x0), px(r.y0)), font(font_px, &c, Pos::new(HPos::Left, VPos::Top))))?;
        }
    }

    // The legend, above the plot: a swatch (dashed for the essay's line) and the name.
    for (se, &(x, y)) in legend.iter().zip(&legend_at) {
        let yc = y + line_h / 2.0;
        role(Role::Legend);
        stroke(vec![(px(x), px(yc)), (px(x + swatch), px(yc))], se.emphasis)?;
        role(Role::LegendLabel);
        root.draw(&Text::new(se.name.clone(), (px(x + swatch + 6.0 * s), px(yc)), font(font_px, &t.fg, Pos::new(HPos::Left, VPos::Center))))?;
    }
    let _ = canvas;
    Ok(Some(Layout { plot, x: chart.x.clone(), y: chart.y.clone(), system: sys }))
}

/// Draws a breakdown: a horizontal stacked bar per alternative, its name and total above it, each
/// part named inside it where the name and value fit, else in a key under the bar (a swatch of
/// its colour, then the name and value, flowing into lines); the value axis below. Part fills are
/// tints of their colour with a solid edge, so the text (in the text colour) keeps its contrast in
/// both themes.
fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: &ChartStyle,
    Metrics { w, h, s, font_px, line_h, pad }: Metrics,
    role: &dyn Fn(Role),
) -> Result<Option<Layout>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (t, sys) = (&style.theme, style.system);
    let font = |c: &RGBColor, pos: Pos| text_style(&t.font, font_px, *c, pos);
    let px = |v: f64| v.round() as i32;
    let unit = &chart.x.unit;
    let (left, right) = (pad, w - pad - 6.0 * s);
    let xpx = |v: f64| map(&chart.x, sys, v.max(chart.x.min), left, right);
    let swatch = (font_px * 0.8).round();
    // Each part's extent and label, and where the label goes: inside, or at a place in the key.
    struct Part {
        x0: f64,
        x1: f64,
        text: String,
        color: RGBColor,
        key: Option<(f64, usize)>,
    }
    // Heights: a title line, the bar and its key lines per bar; ticks and the axis title below.
    let axis_h = 9.0 * s + line_h + line_h + pad;
    // Names with their values; where that leaves no room for the bars, names alone (the
    // readouts and "Show data" have every value).
    let lay_out = |short: bool| {
        let mut bars: Vec<(Vec<Part>, usize)> = Vec::new();
        for b in &chart.bars {
            let mut at = chart.x.min;
            let (mut kx, mut line, mut any) = (left, 0, false);
            let parts: Vec<Part> = b
                .parts
                .iter()
                .map(|&(name, v, c)| {
                    let (x0, x1) = (xpx(at), xpx(at + v.max(0.0)));
                    at += v.max(0.0);
                    let full = format!("{name} {}", unit.format(v, sys));
                    let room = |text: &str| text_width(text, font_px) + 8.0 * s <= x1 - x0;
                    let text = if short && !room(&full) { name.to_string() } else { full };
                    let tw = text_width(&text, font_px);
                    let key = (!room(&text)).then(|| {
                        let ew = swatch + 5.0 * s + tw;
                        if kx > left && kx + ew > w - pad {
                            kx = left;
                            line += 1;
                        }
                        any = true;
                        let place = (kx, line);
                        kx += ew + 12.0 * s;
                        place
                    });
                    Part { x0, x1, text, color: t.part(c), key }
                })
                .collect();
            bars.push((parts, if any { line + 1 } else { 0 }));
        }
        let keys: f64 = bars.iter().map(|(_, lines)| *lines as f64 * line_h + if *lines > 0 { 4.0 * s } else { 0.0 }).sum();
        let n = bars.len() as f64;
        let fixed = n * line_h + keys + (n - 1.0) * line_h * 0.5 + line_h * 0.3 + pad + axis_h;
        (bars, fixed)
    };
    let n = chart.bars.len() as f64;
    let (mut bars, mut fixed) = lay_out(false);
    if (h - fixed) / n < line_h * 0.9 {
        (bars, fixed) = lay_out(true);
    }
    let bar_h = ((h - fixed) / n).min(line_h * 3.2).floor();
    if bar_h < line_h * 0.9 {
        return Ok(None);
    }
    // Room left over goes between the bars.
    let spare = (h - fixed - bar_h * n).max(0.0);
    let between = line_h * 0.5 + if n > 1.0 { (spare / n).min(line_h * 2.5) } else { 0.0 };
    // The value axis's ticks, with gridlines behind each bar.
    let x_ticks = x_ticks(chart, sys, font_px, (pad, 10.0 * s, w), &xpx);
    let grid = ShapeStyle::from(&t.grid).stroke_width(px(s).max(1) as u32);
    let mut y = pad;
    let top = y;
    for (b, (parts, lines)) in chart.bars.iter().zip(&bars) {
        role(Role::BarLabel);
        let title = format!("{} {}", b.label, unit.format(b.total(), sys));
        root.draw(&Text::new(title, (px(left), px(y)), font(&t.fg, Pos::new(HPos::Left, VPos::Top))))?;
        y += line_h;
        role(Role::Grid);
        for tk in &x_ticks {
            root.draw(&PathElement::new(vec![(px(tk.x), px(y - 2.0 * s)), (px(tk.x), px(y + bar_h + 2.0 * s))], grid))?;
        }
        role(Role::Bar);
        for p in parts.iter().filter(|p| p.x1 - p.x0 >= 0.5) {
            let corners = [(px(p.x0), px(y)), (px(p.x1), px(y + bar_h))];
            root.draw(&Rectangle::new(corners, p.color.mix(0.25).filled()))?;
            root.draw(&Rectangle::new(corners, ShapeStyle::from(&p.color).stroke_width(px(1.5 * s).max(1) as u32)))?;
        }
        role(Role::BarLabel);
        for p in parts.iter().filter(|p| p.key.is_none()) {
            root.draw(&Text::new(p.text.clone(), (px(p.x0 + 4.0 * s), px(y + bar_h / 2.0)), font(&t.fg, Pos::new(HPos::Left, VPos::Center))))?;
        }
        y += bar_h + if *lines > 0 { 4.0 * s } else { 0.0 };
        for p in parts {
            let Some((kx, line)) = p.key else { continue };
            let yc = y + line as f64 * line_h + line_h / 2.0;
            role(Role::Bar);
            let corners = [(px(kx), px(yc - swatch / 2.0)), (px(kx + swatch), px(yc + swatch / 2.0))];
            root.draw(&Rectangle::new(corners, p.color.mix(0.25).filled()))?;
            root.draw(&Rectangle::new(corners, ShapeStyle::from(&p.color).stroke_width(px(1.5 * s).max(1) as u32)))?;
            role(Role::BarLabel);
            root.draw(&Text::new(p.text.clone(), (px(kx + swatch + 5.0 * s), px(yc)), font(&t.muted, Pos::new(HPos::Left, VPos::Center))))?;
        }
        y += *lines as f64 * line_h + between;
    }
    let bottom = (y - between + line_h * 0.3).ceil();
    role(Role::Tick);
    for tk in x_ticks {
        root.draw(&Text::new(tk.label, (px(tk.centre), px(bottom + 9.0 * s)), font(&t.muted, Pos::new(HPos::Center, VPos::Top))))?;
    }
    role(Role::Axis);
    let axis = ShapeStyle::from(&t.muted).stroke_width(px(s).max(1) as u32);
    root.draw(&PathElement::new(vec![(px(left), px(bottom)), (px(right), px(bottom))], axis))?;
    role(Role::AxisTitle);
    // The title under the ticks (the room a taller canvas leaves stays below it).
    root.draw(&Text::new(axis_title(&chart.x, sys), (px(right), px(bottom + 9.0 * s + line_h)), font(&t.muted, Pos::new(HPos::Right, VPos::Top))))?;
    Ok(Some(Layout { plot: Rect { x0: left, y0: top, x1: right, y1: bottom }, x: chart.x.clone(), y: chart.y.clone(), system: sys }))
}

/// Where a point mark is against the axis: -1 below its minimum, 1 above its maximum, else 0
/// (bands, which the axis clips, are inside).
fn beyond(axis: &Axis, m: &crate::model::Mark) -> i8 {
    match m.to {
        Some(_) => 0,
        None if m.x < axis.min => -1,
        None if m.x > axis.max => 1,
        None => 0,
    }
}

/// The chart's caption: `Fleet launch cost against launch price`, or a breakdown's
/// `Cost over 5 years, by part`.
pub fn caption(chart: &Chart) -> String {
    if chart.bars.is_empty() {
        format!("{} against {}{}", chart.y.label, crate::text::mid_sentence(chart.x.label), crate::text::log_note(chart.x.log, chart.y.log))
    } else {
        format!("{}, by part", chart.x.label)
    }
}

/// What the chart is, for its text alternative: `Chart of fleet launch cost against launch
/// price`, `Bar chart of cost over 5 years, by part`.
pub fn alt(chart: &Chart) -> String {
    use crate::text::mid_sentence;
    if chart.bars.is_empty() {
        format!("Chart of {} against {}", mid_sentence(chart.y.label), mid_sentence(chart.x.label))
    } else {
        format!("Bar chart of {}, by part", mid_sentence(chart.x.label))
    }
}

/// The subtitle of an exported figure: the caption with the axes' units.
pub fn subtitle(chart: &Chart, system: usize) -> String {
    if chart.bars.is_empty() {
        format!(
            "{} against {}{}",
            axis_title(&chart.y, system),
            crate::text::mid_sentence(&axis_title(&chart.x, system)),
            crate::text::log_note(chart.x.log, chart.y.log)
        )
    } else {
        format!("{}, by part", axis_title(&chart.x, system))
    }
}

/// The sources of a chart's reference marks and levels, in order.
pub fn sources(chart: &Chart) -> String {
    chart.marks.iter().chain(&chart.levels).map(|m| m.source).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; ")
}

/// The numbers behind a chart: a row per x value (the axis ticks and the reader's x), a column per
/// series after the x column, values in canonical units. For "Show data" and CSV export.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Column titles with their unit (`Launch price ($/lb)`).
    pub headers: Vec<String>,
    /// The unit of each column.
    pub units: Vec<crate::units::Unit>,
    pub rows: Vec<Vec<f64>>,
    /// The row of the reader's scenario.
    pub reader: Option<usize>,
    /// Each row's name, in place of its first number (a breakdown's parts); empty for lines.
    pub labels: Vec<String>,
}

impl Table {
    /// As CSV (RFC 4180): a header row, then numbers in the displayed units, unformatted and
    /// rounded to four significant digits (the inputs have three: more would be float noise).
    pub fn csv(&self, system: usize) -> String {
        let quote = |s: &str| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
        let mut out = self.headers.iter().map(|h| quote(h)).collect::<Vec<_>>().join(",");
        out.push_str("\r\n");
        for (r, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .zip(&self.units)
                .enumerate()
                .map(|(c, (v, u))| match self.labels.get(r) {
                    Some(label) if c == 0 => quote(label),
                    _ if v.is_finite() => crate::num::format_f64(crate::model::round_sig(u.to_display(*v, system), 4)),
                    _ => String::new(),
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// A series' value at `x` (straight lines between its points, in the axes' scales: exact for the
/// models' lines), or NaN outside its points.
pub fn value_at(chart: &Chart, points: &[(f64, f64)], x: f64) -> f64 {
    let scale = |v: f64, log: bool| if log { v.ln() } else { v };
    let (xl, yl) = (chart.x.log, chart.y.log);
    let Some(w) = points.windows(2).find(|w| (w[0].0.min(w[1].0)..=w[0].0.max(w[1].0)).contains(&x)) else { return f64::NAN };
    let ((x0, y0), (x1, y1)) = (w[0], w[1]);
    let t = if x1 == x0 { 0.0 } else { (scale(x, xl) - scale(x0, xl)) / (scale(x1, xl) - scale(x0, xl)) };
    let v = scale(y0, yl) + t * (scale(y1, yl) - scale(y0, yl));
    if yl {
        v.exp()
    } else {
        v
    }
}

/// What the crosshair says at `x`: "At $500/lb: Fleet launch cost $2.1B; The essay's scenario
/// $3.0B".
pub fn probe(chart: &Chart, x: f64, system: usize) -> String {
    if !chart.bars.is_empty() {
        return bars_in_words(chart, system);
    }
    let values: Vec<String> = chart
        .series
        .iter()
        .filter_map(|s| {
            let v = value_at(chart, &s.points, x);
            v.is_finite().then(|| format!("{} {}", s.name, chart.y.unit.format(chart.y.unit.estimate(v, system), system)))
        })
        .collect();
    // Read off a pointer: three significant digits, as every estimate ("At 153,000", not
    // 153,091); at the reader's own x, that value as the reader set it.
    let at = if chart.point.as_ref().is_some_and(|p| p.x == x) { x } else { chart.x.unit.estimate(x, system) };
    format!("At {}: {}", chart.x.unit.format(at, system), values.join("; "))
}

/// A breakdown in words: "In orbit $51.1B: Hardware $23.6B, Launch $14.7B; On the ground …".
pub fn bars_in_words(chart: &Chart, system: usize) -> String {
    let u = &chart.x.unit;
    let bar = |b: &crate::model::Bar| {
        let parts: Vec<String> = b.parts.iter().map(|p| format!("{} {}", p.0, u.format(p.1, system))).collect();
        format!("{} {}: {}", b.label, u.format(b.total(), system), parts.join(", "))
    };
    chart.bars.iter().map(bar).collect::<Vec<_>>().join("; ")
}

/// A breakdown's table: a row per part (empty where a bar has no such part), then the totals; a
/// column per bar.
fn bars_table(chart: &Chart, system: usize) -> Table {
    let u = chart.x.unit;
    let mut labels: Vec<String> = Vec::new();
    for b in &chart.bars {
        for p in &b.parts {
            if !labels.iter().any(|l| l == p.0) {
                labels.push(p.0.to_string());
            }
        }
    }
    let value = |b: &crate::model::Bar, l: &str| b.parts.iter().find(|p| p.0 == l).map_or(f64::NAN, |p| p.1);
    let mut rows: Vec<Vec<f64>> = labels.iter().map(|l| std::iter::once(f64::NAN).chain(chart.bars.iter().map(|b| value(b, l))).collect()).collect();
    rows.push(std::iter::once(f64::NAN).chain(chart.bars.iter().map(|b| b.total())).collect());
    labels.push("Total".into());
    let headers = std::iter::once("Part".to_string()).chain(chart.bars.iter().map(|b| titled(b.label, &u, system))).collect();
    Table { headers, units: vec![u; chart.bars.len() + 1], rows, reader: None, labels }
}

/// The table of `chart`'s series, read at the x axis's ticks and at the reader's x (straight lines
/// between points, in the axes' scales: exact for the models' lines).
pub fn table(chart: &Chart, system: usize) -> Table {
    if !chart.bars.is_empty() {
        return bars_table(chart, system);
    }
    let (x, y) = (&chart.x, &chart.y);
    let header = |label: &str, unit: &crate::units::Unit| titled(label, unit, system);
    let mut xs: Vec<f64> = ticks(disp(x, system, x.min), disp(x, system, x.max), x.log, 8).iter().map(|&v| x.unit.from_display(v, system)).collect();
    let reader_x = chart.point.as_ref().map(|p| p.x);
    if let Some(rx) = reader_x {
        // Ticks come in order; the reader's x goes where it belongs.
        if !xs.iter().any(|&v| (v - rx).abs() <= 1e-9 * rx.abs()) {
            let at = xs.iter().position(|&v| v > rx).unwrap_or(xs.len());
            xs.insert(at, rx);
        }
    }
    let mut headers = vec![header(x.label, &x.unit)];
    let mut units = vec![x.unit];
    for s in &chart.series {
        headers.push(header(&s.name, &y.unit));
        units.push(y.unit);
    }
    let rows = xs.iter().map(|&v| std::iter::once(v).chain(chart.series.iter().map(|s| value_at(chart, &s.points, v))).collect()).collect();
    let reader = reader_x.and_then(|rx| xs.iter().position(|&v| (v - rx).abs() <= 1e-9 * rx.abs()));
    Table { headers, units, rows, reader, labels: Vec::new() }
}
