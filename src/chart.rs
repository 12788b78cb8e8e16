//! Draws a [`Chart`] description on any plotters `DrawingBackend`: the page's `<canvas>`
//! (via plotters-canvas) and SVG (natively, for tests and no-JS fallbacks) share this code.
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
}

/// How to draw: device-pixel scale, unit system, colours.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel; every size is multiplied by it.
    pub scale: f64,
    /// Unit system to label axes in (see `crate::units::Unit`).
    pub system: usize,
    pub theme: Theme,
    /// Font sizes are multiplied by this (1 for every backend of ours).
    pub text_scale: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle { scale: 1.0, system: 0, theme: Theme::default(), text_scale: 1.0 }
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

/// Tick positions for an axis, in displayed units.
pub fn ticks(min: f64, max: f64, log: bool, max_count: usize) -> Vec<f64> {
    let max_count = max_count.max(2);
    if log && min > 0.0 {
        let (lo, hi) = (min.log10().floor() as i32, max.log10().ceil() as i32);
        let inside = |v: &f64| *v >= min * 0.999_999 && *v <= max * 1.000_001;
        let with_125: Vec<f64> = (lo..=hi).flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e))).filter(inside).collect();
        if with_125.len() <= max_count && with_125.len() >= 2 {
            // Few decades: 1-2-5 ticks, unless powers of ten alone already say enough.
            let decades: Vec<f64> = with_125.iter().copied().filter(|v| (v.log10().fract()).abs() < 1e-9).collect();
            return if decades.len() >= 3 { decades } else { with_125 };
        }
        for every in 1..=8 {
            let t: Vec<f64> = (lo..=hi).filter(|e| (e - lo) % every == 0).map(|e| 10f64.powi(e)).filter(inside).collect();
            if t.len() <= max_count && t.len() >= 2 {
                return t;
            }
        }
        if with_125.len() > max_count {
            return vec![min, max];
        }
        // Less than a decade: fall through to linear ticks.
    }
    let raw = (max - min) / (max_count as f64 - 1.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Rough width of a label in pixels (plotters on wasm measures text through the DOM, a forced
/// layout per call; an estimate is enough for layout).
fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.56
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

/// A label's box, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Where a label of `size` (w, h) for a horizontal line or band from pixel `y.0` to `y.1` goes:
/// at the left end of `span`, above, else below, else further right (above, then below), in the
/// first place that overlaps nothing in `taken` and stays inside `span`; above at the left when
/// no place is free.
pub fn place_label(taken: &[Rect], span: (f64, f64), y: (f64, f64), size: (f64, f64), gap: f64) -> Rect {
    let (w, h) = size;
    let at = |x: f64, above: bool| {
        let y0 = if above { y.0 - gap - h } else { y.1 + gap };
        Rect { x0: x, y0, x1: x + w, y1: y0 + h }
    };
    let mut x = span.0;
    while x + w <= span.1 {
        for above in [true, false] {
            let r = at(x, above);
            if taken.iter().all(|p| !p.overlaps(&r)) {
                return r;
            }
        }
        x += w + 4.0 * gap;
    }
    at(span.0, true)
}

/// Which of `boxes` the polylines `paths` (in pixels) pass through least: the index of the first
/// box with the fewest of the points sampled along the paths.
pub fn emptiest(boxes: &[Rect], paths: &[Vec<(f64, f64)>]) -> usize {
    let inside = |b: &Rect| {
        let mut n = 0;
        for path in paths {
            for w in path.windows(2) {
                let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                for k in 0..=32 {
                    let t = k as f64 / 32.0;
                    let (x, y) = (x0 + t * (x1 - x0), y0 + t * (y1 - y0));
                    n += usize::from(x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1);
                }
            }
        }
        n
    };
    let counts: Vec<usize> = boxes.iter().map(inside).collect();
    let fewest = counts.iter().copied().min().unwrap_or(0);
    counts.iter().position(|&c| c == fewest).unwrap_or(0)
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

/// Draws `chart` on `root`, filling it. The caller clears the area first if it needs to.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart, style: &ChartStyle) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    let s = style.scale;
    let t = &style.theme;
    let sys = style.system;
    let font_px = 12.0 * s;
    let small_px = 11.5 * s;
    let ts = style.text_scale;
    let font = |px: f64, c: &RGBColor, pos: Pos| text_style(&t.font, px * ts, *c, pos);
    let px = |v: f64| v.round() as i32;

    // Y tick labels decide the left margin.
    let (ymin_d, ymax_d) = (disp(&chart.y, sys, chart.y.min), disp(&chart.y, sys, chart.y.max));
    let approx_plot_h = h * 0.6;
    let y_ticks = ticks(ymin_d, ymax_d, chart.y.log, ((approx_plot_h / (28.0 * s)) as usize).clamp(2, 8));
    let y_labels: Vec<String> = y_ticks.iter().map(|&v| chart.y.unit.tick(chart.y.unit.from_display(v, sys), sys)).collect();
    let y_label_w = y_labels.iter().map(|l| text_width(l, font_px)).fold(0.0, f64::max);
    let left = (8.0 * s + y_label_w + 8.0 * s).ceil();
    let right = w - 14.0 * s;
    if right - left < 40.0 * s || h < 60.0 * s {
        return Ok(()); // Too small to say anything; the readouts still do.
    }

    // Mark labels sit in rows above the plot; lay them out before knowing the top.
    // Marks come in x order (a model invariant, tested), which the row stacking relies on.
    let order: Vec<usize> = (0..chart.marks.len()).collect();
    let centre = |i: usize| {
        let m = &chart.marks[i];
        let x0 = map(&chart.x, sys, m.x, left, right);
        match m.to {
            Some(to) => (x0 + map(&chart.x, sys, to, left, right)) / 2.0,
            None => x0,
        }
    };
    let spans: Vec<(f64, f64)> = order
        .iter()
        .map(|&i| {
            let half = text_width(chart.marks[i].label, small_px) / 2.0;
            // Kept inside the plot where it fits (max/min, not clamp: a label wider than a tiny
            // chart must not panic).
            let c = centre(i).max(left + half).min(right - half);
            (c - half, c + half)
        })
        .collect();
    let rows = stack_rows(&spans, 6.0 * s);
    let row_h = (small_px * 1.35).ceil();
    let n_rows = rows.iter().map(|r| r + 1).max().unwrap_or(0) as f64;
    let top = (8.0 * s + n_rows * row_h + 4.0 * s).ceil();
    let bottom = h - (font_px * 2.0 + 8.0 * s).ceil();
    if bottom - top < 20.0 * s || right - left < 40.0 * s {
        return Ok(()); // Too small to say anything; the readouts still do.
    }
    let xpx = |v: f64| map(&chart.x, sys, v, left, right);
    let ypx = |v: f64| map(&chart.y, sys, v, bottom, top);

    // Grid and y ticks.
    let grid = ShapeStyle::from(&t.grid).stroke_width(px(s).max(1) as u32);
    for (v, label) in y_ticks.iter().zip(&y_labels) {
        let y = ypx(chart.y.unit.from_display(*v, sys));
        root.draw(&PathElement::new(vec![(px(left), px(y)), (px(right), px(y))], grid))?;
        root.draw(&Text::new(label.clone(), (px(left - 8.0 * s), px(y)), font(font_px, &t.muted, Pos::new(HPos::Right, VPos::Center))))?;
    }
    // X ticks: as many as fit.
    let (xmin_d, xmax_d) = (disp(&chart.x, sys, chart.x.min), disp(&chart.x, sys, chart.x.max));
    let sample_w = text_width(&chart.x.unit.tick(chart.x.max, sys), font_px) + 14.0 * s;
    let x_ticks = ticks(xmin_d, xmax_d, chart.x.log, (((right - left) / sample_w) as usize).clamp(2, 10));
    for v in x_ticks {
        let canonical = chart.x.unit.from_display(v, sys);
        let x = xpx(canonical);
        root.draw(&PathElement::new(vec![(px(x), px(top)), (px(x), px(bottom))], grid))?;
        let label = chart.x.unit.tick(canonical, sys);
        let half = text_width(&label, font_px) / 2.0;
        let lx = x.max(left + half - 6.0 * s).min(w - half - 2.0 * s);
        root.draw(&Text::new(label, (px(lx), px(bottom + 6.0 * s)), font(font_px, &t.muted, Pos::new(HPos::Center, VPos::Top))))?;
    }
    // Axis line.
    let axis = ShapeStyle::from(&t.muted).stroke_width(px(s).max(1) as u32);
    root.draw(&PathElement::new(vec![(px(left), px(bottom)), (px(right), px(bottom))], axis))?;

    // Reference marks: bands and lines up into their label rows.
    for (k, &i) in order.iter().enumerate() {
        let m = &chart.marks[i];
        let x0 = xpx(m.x);
        let label_y = 8.0 * s + rows[k] as f64 * row_h;
        if let Some(to) = m.to {
            let x1 = xpx(to);
            root.draw(&Rectangle::new([(px(x0), px(top)), (px(x1), px(bottom))], t.mark.mix(0.12).filled()))?;
        } else {
            let line = ShapeStyle::from(&t.mark.mix(0.7)).stroke_width(px(1.2 * s).max(1) as u32);
            root.draw(&PathElement::new(vec![(px(x0), px(label_y + row_h - 2.0 * s)), (px(x0), px(bottom))], line))?;
        }
        let (l, r) = spans[k];
        root.draw(&Text::new(m.label.to_string(), (px((l + r) / 2.0), px(label_y)), font(small_px, &t.mark, Pos::new(HPos::Center, VPos::Top))))?;
    }

    // Reference levels: horizontal lines (or bands) across the plot, each labelled at the left,
    // just above or just below itself, wherever the label crosses no other level and no label
    // already placed.
    let line = ShapeStyle::from(&t.mark.mix(0.6)).stroke_width(px(s).max(1) as u32);
    let extents: Vec<Rect> = chart
        .levels
        .iter()
        .map(|m| {
            let (a, b) = (ypx(m.x), ypx(m.to.unwrap_or(m.x)));
            Rect { x0: left, x1: right, y0: a.min(b) - 0.5 * s, y1: a.max(b) + 0.5 * s }
        })
        .collect();
    let mut level_labels: Vec<(&str, Rect)> = Vec::new(); // drawn over the series, below
    for (i, m) in chart.levels.iter().enumerate().rev() {
        let e = extents[i];
        if e.y1 < top || e.y0 > bottom {
            continue;
        }
        match m.to {
            Some(_) => root.draw(&Rectangle::new([(px(left), px(e.y0)), (px(right), px(e.y1))], t.mark.mix(0.15).filled()))?,
            None => root.draw(&PathElement::new(vec![(px(left), px(ypx(m.x))), (px(right), px(ypx(m.x)))], line))?,
        }
        let taken = level_labels.iter().map(|(_, r)| r).chain(extents.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, r)| r));
        let size = (text_width(m.label, small_px), small_px * 1.2);
        let r = place_label(&taken.copied().collect::<Vec<_>>(), (left + 6.0 * s, right), (e.y0, e.y1), size, 2.0 * s);
        level_labels.push((m.label, r));
    }

    // A series' line: solid, or dashed for the author's baseline.
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
    // Series: the baseline and faint ones first, primary last (on top).
    let series = [Emphasis::Baseline, Emphasis::Faint, Emphasis::Tertiary, Emphasis::Secondary, Emphasis::Primary]
        .into_iter()
        .flat_map(|e| chart.series.iter().filter(move |s| s.emphasis == e));
    for se in series {
        stroke(se.points.iter().map(|&(x, y)| (px(xpx(x)), px(ypx(y)))).collect(), se.emphasis)?;
    }
    // The author's point, hollow, labelled below right in the muted colour.
    if let Some(b) = &chart.baseline {
        let (x, y) = (xpx(b.x), ypx(b.y));
        if (left..=right).contains(&x) && (top..=bottom).contains(&y) {
            root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), t.bg.filled()))?;
            root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), ShapeStyle::from(&t.muted).stroke_width(px(2.0 * s).max(1) as u32)))?;
            let label = format!("Essay: {}", b.label);
            let lx = (x + 8.0 * s).min(right - text_width(&label, small_px));
            root.draw(&Text::new(label, (px(lx), px(y + 7.0 * s)), font(small_px, &t.muted, Pos::new(HPos::Left, VPos::Top))))?;
        }
    }

    // Legend, when there is more than one series: in the corner of the plot that the lines
    // cross least (bottom right first, where rising lines leave room), on a veil.
    if chart.series.len() > 1 {
        let line_h = font_px * 1.4;
        let lw = chart.series.iter().map(|se| text_width(&se.name, font_px)).fold(0.0, f64::max);
        let (bw, bh) = (lw + 30.0 * s, line_h * chart.series.len() as f64);
        let inset = 8.0 * s;
        let (xl, xr, yt, yb) = (left + inset, right - inset - bw, top + inset, bottom - inset - bh);
        let corners = [(xr, yb), (xl, yt), (xl, yb), (xr, yt)].map(|(x0, y0)| Rect { x0, y0, x1: x0 + bw, y1: y0 + bh });
        let mut paths: Vec<Vec<(f64, f64)>> = chart.series.iter().map(|se| se.points.iter().map(|&(x, y)| (xpx(x), ypx(y))).collect()).collect();
        // The reader's point and its label (drawn up and to the left of it) count as taken too.
        if let Some(p) = &chart.point {
            let (x, y) = (xpx(p.x), ypx(p.y));
            paths.push(vec![(x - text_width(&p.label, font_px * 1.1), y - 12.0 * s), (x, y - 12.0 * s), (x, y)]);
        }
        let b = corners[emptiest(&corners, &paths)];
        root.draw(&Rectangle::new([(px(b.x0 - 4.0 * s), px(b.y0 - 2.0 * s)), (px(b.x1 + 4.0 * s), px(b.y1 + 2.0 * s))], t.bg.mix(0.85).filled()))?;
        for (k, se) in chart.series.iter().enumerate() {
            let yc = b.y0 + line_h * (k as f64 + 0.5);
            stroke(vec![(px(b.x0), px(yc)), (px(b.x0 + 18.0 * s), px(yc))], se.emphasis)?;
            root.draw(&Text::new(se.name.clone(), (px(b.x0 + 24.0 * s), px(yc)), font(font_px, &t.fg, Pos::new(HPos::Left, VPos::Center))))?;
        }
    }

    // Level labels over the series, on a veil of the background so a line never runs through
    // the text.
    for (label, r) in level_labels {
        root.draw(&Rectangle::new([(px(r.x0 - 2.0 * s), px(r.y0)), (px(r.x1 + 2.0 * s), px(r.y1))], t.bg.filled()))?;
        root.draw(&Text::new(label.to_string(), (px(r.x0), px(r.y0)), font(small_px, &t.mark, Pos::new(HPos::Left, VPos::Top))))?;
    }

    // The reader's point, with its value.
    if let Some(p) = &chart.point {
        let (x, y) = (xpx(p.x), ypx(p.y));
        root.draw(&Circle::new((px(x), px(y)), px(7.0 * s), t.bg.filled()))?;
        root.draw(&Circle::new((px(x), px(y)), px(5.0 * s), t.primary.filled()))?;
        let bold = TextStyle {
            font: FontDesc::new(FontFamily::Name(&t.font), font_px * 1.1 * ts, FontStyle::Bold),
            color: t.fg.to_backend_color(),
            pos: Pos::new(HPos::Left, VPos::Center),
        };
        let tw = text_width(&p.label, font_px * 1.1);
        // Upper left of the point, or to its right where the left edge is too close.
        let on_left = x - 10.0 * s - tw > left;
        let (lx, anchor) = if on_left { (x - 10.0 * s, HPos::Right) } else { (x + 10.0 * s, HPos::Left) };
        let ly = (y - 12.0 * s).max(top + font_px * 0.7);
        let x_from = if on_left { lx - tw - 3.0 * s } else { lx - 3.0 * s };
        root.draw(&Rectangle::new(
            [(px(x_from), px(ly - font_px * 0.75)), (px(x_from + tw + 6.0 * s), px(ly + font_px * 0.75))],
            t.bg.mix(0.85).filled(),
        ))?;
        root.draw(&Text::new(p.label.clone(), (px(lx), px(ly)), bold.pos(Pos::new(anchor, VPos::Center))))?;
    }
    Ok(())
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
}

impl Table {
    /// As CSV (RFC 4180): a header row, then numbers in the displayed units, unformatted and
    /// rounded to four significant digits (the inputs have three: more would be float noise).
    pub fn csv(&self, system: usize) -> String {
        let quote = |s: &str| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
        let mut out = self.headers.iter().map(|h| quote(h)).collect::<Vec<_>>().join(",");
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .zip(&self.units)
                .map(
                    |(v, u)| {
                        if v.is_finite() {
                            crate::num::format_f64(crate::model::round_sig(u.to_display(*v, system), 4))
                        } else {
                            String::new()
                        }
                    },
                )
                .collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// The table of `chart`'s series, read at the x axis's ticks and at the reader's x (straight lines
/// between points, in the axes' scales: exact for the models' lines).
pub fn table(chart: &Chart, system: usize) -> Table {
    let (x, y) = (&chart.x, &chart.y);
    let header = |label: &str, unit: &crate::units::Unit| match unit.symbol(system) {
        s if s.is_empty() => label.to_string(),
        s => format!("{label} ({s})"),
    };
    let mut xs: Vec<f64> = ticks(disp(x, system, x.min), disp(x, system, x.max), x.log, 8).iter().map(|&v| x.unit.from_display(v, system)).collect();
    let reader_x = chart.point.as_ref().map(|p| p.x);
    if let Some(rx) = reader_x {
        // Ticks come in order; the reader's x goes where it belongs.
        if !xs.iter().any(|&v| (v - rx).abs() <= 1e-9 * rx.abs()) {
            let at = xs.iter().position(|&v| v > rx).unwrap_or(xs.len());
            xs.insert(at, rx);
        }
    }
    let scale = |v: f64, log: bool| if log { v.ln() } else { v };
    let at = |points: &[(f64, f64)], at_x: f64| -> f64 {
        let w = points.windows(2).find(|w| (w[0].0.min(w[1].0)..=w[0].0.max(w[1].0)).contains(&at_x));
        let Some(w) = w else { return f64::NAN };
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let t = if x1 == x0 { 0.0 } else { (scale(at_x, x.log) - scale(x0, x.log)) / (scale(x1, x.log) - scale(x0, x.log)) };
        let v = scale(y0, y.log) + t * (scale(y1, y.log) - scale(y0, y.log));
        if y.log {
            v.exp()
        } else {
            v
        }
    };
    let mut headers = vec![header(x.label, &x.unit)];
    let mut units = vec![x.unit];
    for s in &chart.series {
        headers.push(header(&s.name, &y.unit));
        units.push(y.unit);
    }
    let rows = xs.iter().map(|&v| std::iter::once(v).chain(chart.series.iter().map(|s| at(&s.points, v))).collect()).collect();
    let reader = reader_x.and_then(|rx| xs.iter().position(|&v| (v - rx).abs() <= 1e-9 * rx.abs()));
    Table { headers, units, rows, reader }
}
