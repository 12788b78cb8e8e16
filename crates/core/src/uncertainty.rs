//! Ranges as inputs, and what they do to the answer: Monte Carlo in the wasm.
//!
//! Convention (said in the UI next to a ranged field): a range `LOW to HIGH` is a **90 %
//! interval**, its ends the 5th and 95th percentiles; **lognormal** when both ends are positive,
//! **normal** otherwise (as Guesstimate and Squiggle read ranges; Causal uses triangular, we do
//! not). Samples are clamped into the control's own range (the model is only defined there).
//!
//! Determinism: the standard-normal draws come from Latin hypercube strata shuffled by a seeded
//! PCG32 (`oorandom`, no OS entropy), one stream per ranged input in spec order, so the same link
//! always gives the same figures. Buffers live in an [`Engine`] and are reused: an update
//! allocates only the model's own output vectors. Percentiles come from selection
//! (`select_nth_unstable_by`), never a full sort.

use crate::model::{headline, within, Kind, Model, ParamSpec, Range, Values, Z95};
use serde::Serialize;

/// Samples per update for the readouts, the chance and the tornado's medians.
pub const SAMPLES: usize = 10_000;
/// Samples per x value for the chart's band (the band is drawn at [`BAND_POINTS`] x values).
pub const BAND_SAMPLES: usize = 200;
/// x values the band is computed at.
pub const BAND_POINTS: usize = 25;
const SEED: u64 = 0x005e_ede5_5a1d_9e75;

/// The standard normal's quantile function (Acklam's rational approximation, relative error
/// below 1.2e-9), for `p` in (0, 1).
pub fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] =
        [-39.696_830_286_653_76, 220.946_098_424_520_5, -275.928_510_446_968_7, 138.357_751_867_269, -30.664_798_066_147_16, 2.506_628_277_459_239];
    const B: [f64; 5] = [-54.476_098_798_224_06, 161.585_836_858_040_9, -155.698_979_859_886_6, 66.801_311_887_719_72, -13.280_681_552_885_72];
    const C: [f64; 6] = [
        -0.007_784_894_002_430_293,
        -0.322_396_458_041_136_5,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let tail =
        |q: f64| (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0);
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The 5th, 50th and 95th percentiles of `xs`, by selection.
pub fn percentiles(xs: &[f64]) -> [f64; 3] {
    let mut keys: Vec<u64> = xs.iter().map(|&x| key(x)).collect();
    percentiles_of_keys(&mut keys)
}

/// An `f64` as a `u64` that sorts the same way (IEEE total order): selection then compares
/// integers, measured at about twice as fast as `total_cmp` in the wasm.
fn key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

fn unkey(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// [`percentiles`] of values already turned into [`key`]s (reordered in place).
fn percentiles_of_keys(keys: &mut [u64]) -> [f64; 3] {
    let n = keys.len();
    if n == 0 {
        return [f64::NAN; 3];
    }
    let at = |q: f64| ((q * (n - 1) as f64).round() as usize).min(n - 1);
    let (i5, i50, i95) = (at(0.05), at(0.5), at(0.95));
    let (lower, mid, upper) = keys.select_nth_unstable(i50);
    let p50 = *mid;
    let p5 = if i5 < i50 { *lower.select_nth_unstable(i5).1 } else { p50 };
    let p95 = if i95 > i50 { *upper.select_nth_unstable(i95 - i50 - 1).1 } else { p50 };
    [unkey(p5), unkey(p50), unkey(p95)]
}

/// One input's swing in the tornado: the headline output with this input at its 5th and 95th
/// percentiles, every other ranged input at its median.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Swing {
    pub key: &'static str,
    pub label: &'static str,
    pub range: Range,
    pub at_lo: f64,
    pub at_hi: f64,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.at_hi - self.at_lo).abs()
    }
}

/// What the ranges do to the answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Uncertain {
    /// Per output: 5th, 50th and 95th percentiles (None: not applicable in most samples).
    pub outputs: Vec<Option<[f64; 3]>>,
    /// The tornado, widest swing first, for the model's headline output.
    pub tornado: Vec<Swing>,
    /// The headline output's median with every ranged input at its median (the tornado's axis).
    pub center: f64,
    /// The chart's 5–95 % bands, as `(emphasis, [(x, p5, p50, p95)])`.
    pub bands: Vec<crate::model::Band>,
    /// The chance that the model's claim holds, 0–1.
    pub chance: Option<f64>,
}

impl Uncertain {
    /// The tornado's value axis: its lowest value and its span (every row's ends and the median
    /// line), for drawing bars on screen and in exports alike.
    pub fn tornado_scale(&self) -> (f64, f64) {
        let (lo, hi) = self
            .tornado
            .iter()
            .flat_map(|r| [r.at_lo, r.at_hi])
            .chain([self.center])
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        (lo, if hi > lo { hi - lo } else { 1.0 })
    }
}

/// Reusable buffers for [`Engine::run`].
#[derive(Default)]
pub struct Engine {
    /// Standard-normal draws, `SAMPLES` per ranged input (in order of ranged inputs).
    z: Vec<f64>,
    /// The output columns of the last run, `SAMPLES` per output.
    cols: Vec<f64>,
    vals: Vec<f64>,
    scratch: Vec<u64>,
    /// The ranged inputs' spec indices, and their drawn values for this run (`SAMPLES` each):
    /// one `exp` per input and sample, shared by the readouts and the band.
    drawn_at: Vec<usize>,
    drawn: Vec<f64>,
    /// One sample's outputs.
    out: Vec<f64>,
}

/// The inputs that carry a range, with their spec index.
fn ranged(ranges: &[Option<Range>]) -> impl Iterator<Item = (usize, Range)> + '_ {
    ranges.iter().enumerate().filter_map(|(i, r)| r.map(|r| (i, r)))
}

impl Engine {
    /// Makes sure `k` streams of draws exist (each the same for a given index, always).
    fn draws(&mut self, k: usize) {
        let have = self.z.len() / SAMPLES;
        for j in have..k {
            let mut rng = oorandom::Rand32::new(SEED.wrapping_add(j as u64));
            let start = self.z.len();
            self.z.extend((0..SAMPLES).map(|i| inverse_normal((i as f64 + rng.rand_float() as f64) / SAMPLES as f64)));
            let col = &mut self.z[start..];
            for i in (1..SAMPLES).rev() {
                col.swap(i, rng.rand_range(0..(i as u32 + 1)) as usize);
            }
        }
    }

    /// Draws every ranged input's `SAMPLES` values for this run (clamped into its bounds).
    fn prepare(&mut self, specs: &[ParamSpec], ranges: &[Option<Range>]) {
        self.drawn_at.clear();
        self.drawn.clear();
        for (j, (k, r)) in ranged(ranges).enumerate() {
            let spec = &specs[k];
            let (a, b) = if r.lognormal() { (r.lo.ln(), r.hi.ln()) } else { (r.lo, r.hi) };
            let (mu, sigma) = ((a + b) / 2.0, (b - a) / (2.0 * Z95));
            let z = &self.z[j * SAMPLES..(j + 1) * SAMPLES];
            if r.lognormal() {
                self.drawn.extend(z.iter().map(|z| within(spec, (mu + sigma * z).exp())));
            } else {
                self.drawn.extend(z.iter().map(|z| within(spec, mu + sigma * z)));
            }
            self.drawn_at.push(k);
        }
    }

    /// Sample `i`'s inputs into `self.vals` (from `vals`, ranged inputs drawn; see `prepare`).
    fn sample(&mut self, vals: &[f64], i: usize) {
        self.vals.clear();
        self.vals.extend_from_slice(vals);
        for (j, &k) in self.drawn_at.iter().enumerate() {
            self.vals[k] = self.drawn[j * SAMPLES + i];
        }
    }

    /// Runs the model over the ranges. `essay` is the author's scenario's outputs (the claim
    /// "more than the essay's figure" compares with it).
    pub fn run(&mut self, model: &Model, vals: &[f64], ranges: &[Option<Range>], essay: &[f64]) -> Uncertain {
        let specs = model.params();
        let k = ranged(ranges).count();
        let n_out = model.outputs().len();
        if k == 0 {
            return Uncertain::default();
        }
        self.draws(k);
        self.prepare(specs, ranges);
        self.cols.clear();
        self.cols.resize(n_out * SAMPLES, f64::NAN);
        let u = &model.uncertainty;
        let claim = u.claim.as_ref().and_then(|c| {
            let o = model.outputs().iter().position(|x| x.key == c.output)?;
            Some((o, c.below.and_then(|b| model.outputs().iter().position(|x| x.key == b))))
        });
        let mut holds = 0usize;
        if let Some(program) = model.program() {
            // A model file: each formula's operations run over the whole column of samples at
            // once (an input that is not ranged is one value every sample shares).
            let mut inputs: Vec<Vec<f64>> = vals.iter().map(|&v| vec![v]).collect();
            for (j, &k) in self.drawn_at.iter().enumerate() {
                inputs[k] = self.drawn[j * SAMPLES..(j + 1) * SAMPLES].to_vec();
            }
            for (o, col) in program.compute_columns(&inputs, SAMPLES).into_iter().enumerate() {
                self.cols[o * SAMPLES..(o + 1) * SAMPLES].copy_from_slice(&col);
            }
            if let Some((o, other)) = claim {
                for i in 0..SAMPLES {
                    let v = self.cols[o * SAMPLES + i];
                    let threshold = other.map_or(essay.get(o).copied().unwrap_or(f64::NAN), |b| self.cols[b * SAMPLES + i]);
                    holds += if other.is_some() { v < threshold } else { v > threshold } as usize;
                }
            }
        }
        for i in (0..SAMPLES).filter(|_| model.program().is_none()) {
            self.sample(vals, i);
            model.compute_into(&Values::new(specs, &self.vals), &mut self.out);
            let out = &self.out;
            for (o, v) in out.iter().enumerate() {
                self.cols[o * SAMPLES + i] = *v;
            }
            if let Some((o, other)) = claim {
                let threshold = other.map_or(essay.get(o).copied().unwrap_or(f64::NAN), |b| out[b]);
                let yes = if other.is_some() { out[o] < threshold } else { out[o] > threshold };
                holds += yes as usize;
            }
        }
        let mut outputs = Vec::with_capacity(n_out);
        for o in 0..n_out {
            self.scratch.clear();
            self.scratch.extend(self.cols[o * SAMPLES..(o + 1) * SAMPLES].iter().filter(|v| v.is_finite()).map(|&v| key(v)));
            outputs.push((self.scratch.len() * 2 > SAMPLES).then(|| percentiles_of_keys(&mut self.scratch)));
        }
        // The tornado, around every ranged input at its median.
        let mut center_vals = vals.to_vec();
        for (i, r) in ranged(ranges) {
            center_vals[i] = within(&specs[i], r.median());
        }
        let head = headline(model).map_or(0, |(i, _)| i);
        let at = |v: &[f64]| model.compute(&Values::new(specs, v)).get(head).copied().unwrap_or(f64::NAN);
        let center = at(&center_vals);
        let mut tornado: Vec<Swing> = ranged(ranges)
            .map(|(i, r)| {
                let mut v = center_vals.clone();
                v[i] = within(&specs[i], r.lo);
                let at_lo = at(&v);
                v[i] = within(&specs[i], r.hi);
                Swing { key: specs[i].key, label: specs[i].label, range: r, at_lo, at_hi: at(&v) }
            })
            .collect();
        // Widest first; a handful of rows: insertion sort (no sort routine linked for it).
        for k in 1..tornado.len() {
            let mut m = k;
            while m > 0 && tornado[m - 1].width() < tornado[m].width() {
                tornado.swap(m - 1, m);
                m -= 1;
            }
        }
        Uncertain { outputs, tornado, center, bands: self.bands(model, vals, ranges), chance: claim.map(|_| holds as f64 / SAMPLES as f64) }
    }

    /// The chart's bands: at each of [`BAND_POINTS`] x values, [`BAND_SAMPLES`] samples with the
    /// x input set to x. None when the only ranged input is the x axis's own.
    fn bands(&mut self, model: &Model, vals: &[f64], ranges: &[Option<Range>]) -> Vec<crate::model::Band> {
        let specs = model.params();
        let Some((x_key, series)) = model.uncertainty.band else { return Vec::new() };
        let Some(xi) = crate::model::index(specs, x_key) else { return Vec::new() };
        if ranged(ranges).all(|(i, _)| i == xi) {
            return Vec::new();
        }
        let Kind::Number { min, max, scale, .. } = specs[xi].kind else { return Vec::new() };
        let xs = crate::model::sample(min, max, BAND_POINTS, scale == crate::model::Scale::Log);
        let outs: Vec<usize> = series.iter().filter_map(|(k, _)| model.outputs().iter().position(|o| o.key == *k)).collect();
        let mut bands: Vec<crate::model::Band> = series.iter().map(|(_, e)| (*e, Vec::with_capacity(xs.len()))).collect();
        // Columns: one per band output, BAND_SAMPLES long.
        self.cols.clear();
        self.cols.resize(outs.len() * BAND_SAMPLES, f64::NAN);
        for &x in &xs {
            if let Some(program) = model.program() {
                // A model file: the band's samples column-wise, the x input one shared value.
                let mut inputs: Vec<Vec<f64>> = vals.iter().map(|&v| vec![v]).collect();
                for (j, &k) in self.drawn_at.iter().enumerate() {
                    inputs[k] = self.drawn[j * SAMPLES..j * SAMPLES + BAND_SAMPLES].to_vec();
                }
                inputs[xi] = vec![x];
                let all = program.compute_columns(&inputs, BAND_SAMPLES);
                for (c, &o) in outs.iter().enumerate() {
                    self.cols[c * BAND_SAMPLES..(c + 1) * BAND_SAMPLES].copy_from_slice(&all[o]);
                }
            }
            for i in (0..BAND_SAMPLES).filter(|_| model.program().is_none()) {
                self.sample(vals, i);
                self.vals[xi] = x;
                model.compute_into(&Values::new(specs, &self.vals), &mut self.out);
                for (c, &o) in outs.iter().enumerate() {
                    self.cols[c * BAND_SAMPLES + i] = self.out[o];
                }
            }
            for (c, band) in bands.iter_mut().enumerate() {
                self.scratch.clear();
                self.scratch.extend(self.cols[c * BAND_SAMPLES..(c + 1) * BAND_SAMPLES].iter().map(|&v| key(v)));
                let [p5, p50, p95] = percentiles_of_keys(&mut self.scratch);
                band.1.push((x, p5, p50, p95));
            }
        }
        bands
    }
}
