//! How a model reads ranges: the 90 % interval type, the model file's uncertainty block (which
//! output the tornado explains, bands, the essay's claim, sourced default ranges) and a control's
//! starting range. Data only: the Monte Carlo engine that uses them is `crate::uncertainty`.

use super::{Emphasis, Kind, Model, OutputSpec, ParamSpec};
use serde::Serialize;

/// The standard normal's 95th percentile: a 90 % interval is the median ± this many σ.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// A 90 % interval typed or linked for a numeric input, in canonical units (`lo <= hi`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    pub lo: f64,
    pub hi: f64,
}

impl Range {
    /// Lognormal when both ends are positive, else normal.
    pub fn lognormal(&self) -> bool {
        self.lo > 0.0
    }
    /// The median: the geometric mean of the ends (lognormal) or their mean.
    pub fn median(&self) -> f64 {
        self.at(0.0)
    }
    /// The value at standard-normal quantile `z` (`at(-Z95) == lo`, `at(Z95) == hi`).
    pub fn at(&self, z: f64) -> f64 {
        if self.lognormal() {
            let (a, b) = (self.lo.ln(), self.hi.ln());
            ((a + b) / 2.0 + z * (b - a) / (2.0 * Z95)).exp()
        } else {
            (self.lo + self.hi) / 2.0 + z * (self.hi - self.lo) / (2.0 * Z95)
        }
    }
    /// "lognormal" or "normal", for notes and the JSON.
    pub fn family(&self) -> &'static str {
        if self.lognormal() {
            "lognormal"
        } else {
            "normal"
        }
    }
}

/// Splits a typed or linked range into its two halves: `300 to 1,500`, `300-1500`, `300–1,500`,
/// `300—1500`, `300~1500`. A leading minus, or one after an exponent's `e`, is a sign, not a
/// separator. `None` when the text is not a range.
pub fn split_range(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    for sep in [" to ", "~", "–", "—"] {
        if let Some((a, b)) = t.split_once(sep) {
            return Some((a.trim(), b.trim()));
        }
    }
    let bytes = t.as_bytes();
    for (i, &c) in bytes.iter().enumerate().skip(1) {
        if c != b'-' {
            continue;
        }
        let before = t[..i].trim_end();
        let prev = before.as_bytes().last().copied().unwrap_or(b' ');
        let exponent = matches!(prev, b'e' | b'E') && before.len() == i;
        if (prev.is_ascii_digit() || prev == b'.' || prev == b'%') && !exponent {
            return Some((before, t[i + 1..].trim()));
        }
    }
    None
}

/// How the model's uncertainty is presented: which output the tornado explains, which series get
/// a band, the claim the essay makes, and default ranges from the sources.
pub struct Spec {
    /// The output the tornado explains (the widget's headline claim).
    pub headline: &'static str,
    /// The chart's x input and the outputs whose series get a band, with their colours.
    pub band: Option<(&'static str, &'static [(&'static str, Emphasis)])>,
    /// Where the essay makes a claim: its probability under the reader's ranges.
    pub claim: Option<Claim>,
    /// The ranges controls start with when the reader switches them into range mode, from the
    /// sources. Other inputs start at ÷1.5 to ×1.5 of their value.
    pub defaults: &'static [DefaultRange],
}

/// A sourced starting range for input `key`, in canonical units; `source` is shown under the
/// field while the range is this one.
pub struct DefaultRange {
    pub key: &'static str,
    pub lo: f64,
    pub hi: f64,
    pub source: &'static str,
}

/// A claim the essay makes, as a probability: `output` above the essay's own figure, or (with
/// `below`) `output` below another output.
pub struct Claim {
    /// "Chance that the fleet costs more than the essay's" (the essay's figure follows).
    pub label: &'static str,
    pub output: &'static str,
    pub below: Option<&'static str>,
}

/// The output the tornado explains (`Spec::headline`), with its index.
pub fn headline(model: &Model) -> Option<(usize, &'static OutputSpec)> {
    model.outputs().iter().enumerate().find(|(_, o)| o.key == model.uncertainty.headline)
}

/// The range a control starts with in range mode: the spec's sourced default, else ±50 % of the
/// value (lognormal-symmetric: ÷1.5 to ×1.5), within the control's bounds.
pub fn default_range(model: &Model, i: usize, v: f64) -> Range {
    let spec = &model.params()[i];
    // Without a source: ÷1.5 to ×1.5, rounded to two digits as a person would type them
    // (`67,000 to 150,000`, not `66,667`).
    let round = |x: f64| crate::units::round_sig(x, 2);
    let (lo, hi) = sourced(model, i).map_or_else(
        || if v > 0.0 { (round(v / 1.5), round(v * 1.5)) } else { (round(v - 0.5 * v.abs().max(1.0)), round(v + 0.5 * v.abs().max(1.0))) },
        |d| (d.lo, d.hi),
    );
    Range { lo: within(spec, lo), hi: within(spec, hi) }
}

/// Input `i`'s sourced starting range, if it has one.
pub fn sourced(model: &Model, i: usize) -> Option<&'static DefaultRange> {
    model.uncertainty.defaults.iter().find(|d| d.key == model.params()[i].key)
}

/// `v` within a number input's bounds (samples and default ranges stay where the model is
/// defined).
pub(crate) fn within(spec: &ParamSpec, v: f64) -> f64 {
    match spec.kind {
        Kind::Number { min, max, .. } => v.max(min).min(max),
        _ => v,
    }
}
