//! Where things go on a chart, before anything is drawn: text sizes and boxes, rows of labels
//! that do not overlap, a placer that finds free room for a label, ticks, axis titles, clipping.

use super::{disp, Axis, Chart};
use plotters::style::text_anchor::{HPos, VPos};

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

/// An axis title with its unit: `Fleet launch cost ($)`, `Launch price ($/kg)`, `Accelerators`.
pub fn axis_title(axis: &Axis, system: usize) -> String {
    titled(axis.label, &axis.unit, system)
}

/// A label with its unit in parentheses (none for a bare count): axis titles and the data
/// table's column headers alike.
pub(super) fn titled(label: &str, unit: &crate::units::Unit, system: usize) -> String {
    match unit.symbol(system) {
        s if s.is_empty() => label.to_string(),
        s => format!("{label} ({s})"),
    }
}

/// Tick sets for an axis (displayed units), densest first.
pub(super) fn tick_sets(min: f64, max: f64, log: bool) -> Vec<Vec<f64>> {
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

pub(super) fn linear_sets(min: f64, max: f64) -> Vec<Vec<f64>> {
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
pub(super) struct XTick {
    pub x: f64,
    pub label: String,
    pub centre: f64,
}

/// The x axis's ticks: the densest set whose labels, each over its tick and kept `pad` inside
/// a picture `w` wide, leave `gap` between neighbours (the line charts' and the bars' one rule).
pub(super) fn x_ticks(chart: &Chart, sys: usize, font_px: f64, (pad, gap, w): (f64, f64, f64), xpx: &dyn Fn(f64) -> f64) -> Vec<XTick> {
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

/// Tick positions for an axis, in displayed units, at most `max_count` (for tables).
pub fn ticks(min: f64, max: f64, log: bool, max_count: usize) -> Vec<f64> {
    tick_sets(min, max, log).into_iter().find(|t| t.len() <= max_count.max(2)).unwrap_or_else(|| vec![min, max])
}
