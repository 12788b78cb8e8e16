//! A chart described as data: axes, series, reference marks and levels, the reader's point,
//! bands and stacked bars. Model files produce it ([`crate::model`]); [`super::draw`] draws it.
//! It knows nothing of models or backends.

use crate::units::Unit;

/// A chart, described as data. [`super::draw`] draws it; models never see a backend.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub x: Axis,
    pub y: Axis,
    pub series: Vec<Series>,
    /// Vertical reference marks (a line, or a band when `to` is set), labelled at the top.
    pub marks: Vec<Mark>,
    /// Horizontal reference levels (`Mark::x` is the y value), labelled at the left, in
    /// ascending order.
    pub levels: Vec<Mark>,
    /// The reader's current scenario, emphasised.
    pub point: Option<Point>,
    /// The author's scenario, when the reader has moved away from it (see [`compare`]).
    pub baseline: Option<Point>,
    /// With ranges on: the 5–95 % band and the median line around series, `(emphasis,
    /// [(x, p5, p50, p95)])` (`crate::uncertainty`).
    pub bands: Vec<Band>,
    /// A breakdown instead of lines: horizontal stacked bars, one per alternative, their lengths
    /// on the x axis (the y axis is not drawn). `series`, `marks`, `levels` and the points are
    /// left empty with bars.
    pub bars: Vec<Bar>,
}

/// One stacked bar: a total and the parts it is made of, left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// What the bar is (`In orbit`), written above it.
    pub label: &'static str,
    /// `(name, value, colour)`: values in the x axis's unit, colour an index into the chart's
    /// palette (`super::Theme::part`), so a part keeps its colour in every scenario.
    pub parts: Vec<(&'static str, f64, usize)>,
    /// The output the bar adds up to (`total = "KEY"`), when the model names one: with ranges
    /// on, the readouts show its median, which is not the sum of the parts' medians.
    pub total: Option<f64>,
}

impl Bar {
    /// The bar's length: the sum of its parts.
    pub fn length(&self) -> f64 {
        self.parts.iter().map(|p| p.1).sum()
    }

    /// What the bar adds up to, as its label and the readouts say it: its total output, else
    /// its length.
    pub fn total(&self) -> f64 {
        self.total.filter(|t| t.is_finite()).unwrap_or_else(|| self.length())
    }
}

/// The reader's chart with the author's scenario beside it: the author's main line (dashed,
/// when it differs from the reader's, named `name`) and point, and axes wide enough for both.
pub fn compare(mut current: Chart, base: Chart, name: &str) -> Chart {
    // A breakdown compares with the readouts' "vs the essay", not with a second set of bars; a
    // chart compares only with the same view of the essay's scenario (see [`in_view`]).
    if !current.bars.is_empty() || !base.bars.is_empty() {
        return current;
    }
    let main = |c: &Chart| c.series.iter().find(|s| s.emphasis == Emphasis::Primary).map(|s| s.points.clone());
    let ours = main(&current);
    // A line within half a percent of the reader's is the same line to the eye: one legend entry.
    // Compared where both lines have a point: each may hold its own scenario's x besides the
    // shared samples.
    let same = |a: &[(f64, f64)], b: &[(f64, f64)]| {
        let common: Vec<(f64, f64)> = a.iter().filter_map(|p| b.iter().find(|q| q.0 == p.0).map(|q| (p.1, q.1))).collect();
        common.len() >= 2 && common.len() + 1 >= a.len().max(b.len()) && common.iter().all(|(x, y)| (x - y).abs() <= 0.005 * x.abs().max(y.abs()))
    };
    if let Some(theirs) = main(&base).filter(|b| !ours.as_ref().is_some_and(|o| same(o, b))) {
        current.series.push(Series { name: name.into(), points: theirs, emphasis: Emphasis::Baseline });
    }
    if base.point != current.point {
        current.baseline = base.point;
    }
    // The axis follows the reader's scenario: it widens for the author's line only while the
    // reader's axis keeps two thirds of the height (in decades on a log axis); else the author's
    // line leaves the plot at its edge, and the readouts' deltas still compare.
    let f = |v: f64| if current.y.log { v.log10() } else { v };
    let fits = f(base.y.max) - f(current.y.min) <= 1.5 * (f(current.y.max) - f(current.y.min));
    if fits {
        current.y.min = current.y.min.min(base.y.min);
        current.y.max = current.y.max.max(base.y.max);
    }
    current
}

/// A 5–95 % band around a series: its colour, and `(x, p5, p50, p95)` along the x axis.
pub type Band = (Emphasis, Vec<(f64, f64, f64, f64)>);

/// `chart` with the ranges' bands, its y axis widened to hold them, and the x input's own range
/// (when it has one) shaded across the plot.
pub fn with_bands(mut chart: Chart, bands: Vec<Band>, x_range: Option<(f64, f64)>) -> Chart {
    if let Some((lo, hi)) = x_range {
        chart.marks.push(Mark { x: lo.max(chart.x.min), to: Some(hi.min(chart.x.max)), label: "Your range (90 %)", source: "" });
    }
    for (_, pts) in &bands {
        for &(_, lo, _, hi) in pts {
            if lo.is_finite() && (!chart.y.log || lo > 0.0) && lo < chart.y.min {
                chart.y.min = if chart.y.log { nice_floor(lo) } else { lo.min(0.0) };
            }
            if hi.is_finite() && hi > chart.y.max {
                chart.y.max = nice_ceil(hi);
            }
        }
    }
    chart.bands = bands;
    chart
}

#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub label: &'static str,
    pub unit: Unit,
    pub log: bool,
    pub min: f64,
    pub max: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Emphasis {
    /// The main series, in the accent colour.
    Primary,
    /// A secondary series, in the second colour.
    Secondary,
    /// A third series, in the third colour.
    Tertiary,
    /// Context (components, the part without an option), faint.
    Faint,
    /// The author's scenario, for comparison: faint and dashed.
    Baseline,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    pub emphasis: Emphasis,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub x: f64,
    /// When set, a shaded band from `x` to `to`.
    pub to: Option<f64>,
    pub label: &'static str,
    /// Where the figure comes from (listed under the chart).
    pub source: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

/// The largest 1, 2 or 5 × 10ⁿ at or below `v` (> 0): a tidy lower end for a log axis.
pub fn nice_floor(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    [5.0, 2.0, 1.0].iter().map(|m| m * p).find(|x| *x <= v * (1.0 + 1e-12)).unwrap_or(p)
}

/// The smallest 1, 2 or 5 × 10ⁿ at or above `v` (> 0): a tidy upper end for a log axis.
pub fn nice_ceil(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|x| *x >= v * (1.0 - 1e-12)).unwrap_or(10.0 * p)
}

/// [`sample`] with `at` (the reader's x) among the points, so a line and the crosshair read the
/// readout's value exactly there.
pub fn sample_with(min: f64, max: f64, n: usize, log: bool, at: f64) -> Vec<f64> {
    let mut xs = sample(min, max, n, log);
    if at > min && at < max && !xs.contains(&at) {
        let k = xs.iter().position(|&x| x > at).unwrap_or(xs.len());
        xs.insert(k, at);
    }
    xs
}

/// `n` points spread evenly (in log space when `log`) from `min` to `max`.
pub fn sample(min: f64, max: f64, n: usize, log: bool) -> Vec<f64> {
    let n = n.max(2);
    (0..n)
        .map(|i| {
            let t = i as f64 / (n - 1) as f64;
            if log {
                (min.ln() + t * (max.ln() - min.ln())).exp()
            } else {
                min + t * (max - min)
            }
        })
        .collect()
}
