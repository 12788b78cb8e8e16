//! The widget kit's pure half: what a widget *is*, independent of any browser.
//!
//! A widget is a [`Model`] static: a list of input [`ParamSpec`]s, a static list of
//! [`OutputSpec`]s, a pure `compute` from input values to output values, and a pure `chart`
//! description ([`Chart`]) that `crate::chart` knows how to draw on any plotters backend.
//! Values travel as plain `f64`s in spec order ([`Values`]); switches are 0/1 and choices are
//! the index of the chosen option.
//!
//! Architecture invariant: nothing in `model/` touches the DOM, signals, the URL or I/O. It cannot
//! fail: every function here is total over finite inputs inside the specs' ranges, and callers
//! ([`ParamSpec::sanitize`]) guarantee that is all it ever sees.
//!
//! A widget is a model file (`www/models/ID.toml`, or the author's own): `crate::modelfile`
//! reads one into a [`Model`]. Adding a widget = one model file and its check figures.

mod ranges;

pub use crate::chart::spec::{compare, nice_ceil, nice_floor, sample, sample_with, with_bands, Axis, Band, Bar, Chart, Emphasis, Mark, Point, Series};
use crate::units::Unit;
pub use ranges::{default_range, headline, sourced, split_range, Claim, DefaultRange, Range, Spec, Z95};
pub(crate) use ranges::within;

/// Models loaded from model files on this page (the newest first, so a model loaded again —
/// the builder's live editor — replaces the older one).
static LOADED: std::sync::Mutex<Vec<&'static Model>> = std::sync::Mutex::new(Vec::new());

/// Looks a widget up by its public id (`data-essay-widget="…"`): a model loaded on this page,
/// else (natively, and in the browser tests) one of the kit's model files.
pub fn find(id: &str) -> Option<&'static Model> {
    let loaded = LOADED.lock().ok().and_then(|l| l.iter().rev().copied().find(|m| m.id() == id));
    #[cfg(any(not(target_arch = "wasm32"), feature = "builtins"))]
    let loaded = loaded.or_else(|| builtins().iter().copied().find(|m| m.id() == id));
    loaded
}

/// The kit's model files (`www/models/*.toml`, embedded at build time), loaded once, in file
/// order. Not in the shipped wasm: a page fetches the models it shows.
#[cfg(any(not(target_arch = "wasm32"), feature = "builtins"))]
pub fn builtins() -> &'static [&'static Model] {
    static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/models.rs"));
    static MODELS: std::sync::OnceLock<Vec<&'static Model>> = std::sync::OnceLock::new();
    // A kit model that does not load is a bug `cargo test` reports (tests/native/model_files.rs);
    // here it is left out rather than taking the page down.
    MODELS.get_or_init(|| FILES.iter().filter_map(|(_, text)| crate::modelfile::load(text).ok().map(|l| l.model)).collect())
}

/// Makes a loaded model file findable by its id.
pub fn register(m: &'static Model) {
    if let Ok(mut l) = LOADED.lock() {
        l.push(m);
    }
}

/// The ids of every model this page can mount: the kit's (natively), then loaded files.
pub fn ids() -> Vec<&'static str> {
    #[allow(unused_mut)]
    let mut ids: Vec<&'static str> = Vec::new();
    #[cfg(any(not(target_arch = "wasm32"), feature = "builtins"))]
    ids.extend(builtins().iter().map(|m| m.id()));
    for m in LOADED.lock().map(|l| l.clone()).unwrap_or_default() {
        if !ids.contains(&m.id()) {
            ids.push(m.id());
        }
    }
    ids
}

/// A widget: its inputs, outputs, arithmetic and chart, as a model file describes them
/// (`crate::modelfile::load`; tests may also build one from Rust functions).
pub struct Model {
    /// Public kebab-case id, also the URL namespace (`orbital-gpu-cost`).
    pub id: &'static str,
    /// Title shown above the widget.
    pub title: &'static str,
    /// The inputs, in display order.
    pub params: &'static [ParamSpec],
    /// The readouts, in display order.
    pub outputs: &'static [OutputSpec],
    /// The arithmetic, the chart and the summary: Rust functions, or a model file's program.
    pub logic: Logic,
    /// The widget's link format version: 1 until a key is renamed or its meaning changes; then
    /// bump it and add a [`Migration`] so that older links keep reading right.
    pub version: u32,
    /// How links of older versions map to this one, in ascending `to` order.
    pub migrations: &'static [Migration],
    /// What ranges as inputs show: the tornado's output, the chart's bands, the essay's claim.
    pub uncertainty: Spec,
}

/// What a model computes with.
pub enum Logic {
    /// Rust functions. `compute` appends output values in the order of `outputs` to the vector
    /// given (cleared by the caller; Monte Carlo reuses one for every sample; `NaN` means "not
    /// applicable now"); `chart` says what to draw; `summary` is one sentence that sums the
    /// scenario up (the chart's text alternative).
    Rust { compute: fn(&Values, &mut Vec<f64>), chart: fn(&Values) -> Chart, summary: fn(&Values) -> String },
    /// A model file's compiled formulas, charts and summary (`crate::modelfile`).
    File(&'static crate::modelfile::Program),
}

/// A [`Migration`] with `to: ALIAS` applies to links of every version: another name for a key,
/// read in every link (`launch_usd_per_kg` for `launch_usd_per_lb`, its value scaled), never
/// written. Keep it last.
pub const ALIAS: u32 = u32::MAX;

/// What changed in a widget's link format at version `to`.
#[derive(Debug)]
pub struct Migration {
    pub to: u32,
    /// `(old key, new key)`.
    pub renames: &'static [(&'static str, &'static str)],
    /// `(new key, factor)`: older values are multiplied by the factor (a unit or scale change).
    pub scales: &'static [(&'static str, f64)],
    /// `(key, old option, key it becomes, number)`: an option whose meaning changed is read as
    /// the number it used to stand for (a preset's old value, as a value of the reader's own).
    pub options: &'static [(&'static str, &'static str, &'static str, f64)],
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Model({})", self.id)
    }
}

impl Model {
    pub fn id(&self) -> &'static str {
        self.id
    }
    pub fn title(&self) -> &'static str {
        self.title
    }
    pub fn params(&self) -> &'static [ParamSpec] {
        self.params
    }
    pub fn outputs(&self) -> &'static [OutputSpec] {
        self.outputs
    }
    pub fn compute(&self, v: &Values) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.outputs.len());
        self.compute_into(v, &mut out);
        out
    }

    /// [`Model::compute`] into `out` (cleared first), without allocating once it has room.
    pub fn compute_into(&self, v: &Values, out: &mut Vec<f64>) {
        out.clear();
        match self.logic {
            Logic::Rust { compute, .. } => compute(v, out),
            Logic::File(p) => p.compute(v.as_slice(), out),
        }
    }
    pub fn chart(&self, v: &Values) -> Chart {
        self.chart_shown(v, &[])
    }

    /// The chart as the readouts show the outputs: where `shown[o]` is set (ranges on: output
    /// `o`'s median), that number stands for output `o` wherever the chart shows it (the
    /// reader's point, bar parts and totals, a mark at an output), so the chart and the readouts
    /// say one number for one quantity. The lines stay the scenario's own.
    pub fn chart_shown(&self, v: &Values, shown: &[Option<f64>]) -> Chart {
        match self.logic {
            Logic::Rust { chart, .. } => chart(v),
            Logic::File(p) => p.chart(self.params, v.as_slice(), shown),
        }
    }

    pub fn summary(&self, v: &Values) -> String {
        self.summary_shown(v, &[])
    }

    /// The summary with the outputs as the readouts show them (see [`Model::chart_shown`]).
    pub fn summary_shown(&self, v: &Values, shown: &[Option<f64>]) -> String {
        match self.logic {
            Logic::Rust { summary, .. } => summary(v),
            Logic::File(p) => p.summary(self.params, v.as_slice(), shown),
        }
    }

    /// Output `j`'s value `v` as its readout says it in the scenario `vals` (whose values may
    /// choose the words for "no value": `empty` as a list).
    pub fn show(&self, j: usize, v: f64, vals: &[f64], system: usize) -> String {
        match self.program().filter(|_| !v.is_finite()).and_then(|p| p.empty_at(j, vals)) {
            Some(words) => words.into(),
            None => self.outputs[j].show(v, system),
        }
    }

    /// The compiled program of a model file (`None` for a Rust model).
    pub fn program(&self) -> Option<&'static crate::modelfile::Program> {
        match self.logic {
            Logic::File(p) => Some(p),
            Logic::Rust { .. } => None,
        }
    }
}

/// How a numeric input moves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    Linear,
    /// Slider position is proportional to log10(value); min must be > 0.
    Log,
}

/// What kind of control an input is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A number with a slider and a typed field.
    Number { min: f64, max: f64, step: f64, scale: Scale },
    /// An on/off switch stored as 0 or 1.
    Toggle,
    /// One of several labelled options, stored as the option's index.
    Choice(&'static [&'static str]),
    /// Chooses the unit system the widget displays (index into each [`Unit`]'s systems).
    /// Never read by `compute`: it changes how numbers are shown, not what they are.
    UnitSystem(&'static [&'static str]),
    /// Which chart the widget shows, for widgets with several (`names` as links spell them,
    /// `labels` as the reader sees them). Never read by `compute`; the chart function reads it.
    View(&'static [&'static str], &'static [&'static str]),
    /// Named values for other (numeric) inputs: choosing one fills them, and they stay
    /// editable. Stored as the index of the preset that matches the filled inputs' values, or of
    /// the last option ("custom") when none does; [`settle`] keeps it so.
    Preset(&'static Presets),
}

/// The options of a [`Kind::Preset`]: `names` and `labels` have one entry more than `values`,
/// the last one being "custom" (the filled inputs hold values of the reader's own).
#[derive(Debug, PartialEq)]
pub struct Presets {
    /// The keys of the numeric inputs the presets fill.
    pub fills: &'static [&'static str],
    /// URL names (`h100`), the last one `custom`.
    pub names: &'static [&'static str],
    /// What the reader sees (`H100`).
    pub labels: &'static [&'static str],
    /// The values each preset puts in the filled inputs (in `fills` order, canonical units).
    pub values: &'static [&'static [f64]],
}

/// The `source` of an input that only changes what is shown (a details switch), not a number:
/// left out of citations.
pub const DISPLAY_ONLY: &str = "Display only";

/// One input of a widget. Keys are public (URLs, `data-param`, docs): never rename one without a
/// URL-format migration.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub unit: Unit,
    pub default: f64,
    /// Where the default comes from, in words, shown next to the control.
    pub source: &'static str,
    /// The publication(s) the default comes from, as a citation lists them (`""` when the
    /// default is the essay's own choice, or the input only changes what is shown).
    pub cite: &'static str,
    /// Show this control only while the switch with this key is on.
    pub shown_if: Option<&'static str>,
    /// Reference values marked under a slider (value, label); a click sets the value.
    pub marks: &'static [(f64, &'static str)],
    /// The heading this control sits under (`"Orbit"`; `""`: none). Consecutive inputs with one
    /// group share the heading.
    pub group: &'static str,
    /// The group starts folded (the model file's `folded = ["More"]`): a reader opens it; a link
    /// or the author's scenario that moves one of its inputs opens it at once.
    pub folded: bool,
}

/// One readout of a widget. Keys are public (`data-output`, prose bindings, docs).
#[derive(Clone, Copy, Debug)]
pub struct OutputSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    /// Show this readout only while the switch with this key is on.
    pub shown_if: Option<&'static str>,
    /// Emphasised readouts are the headline numbers.
    pub headline: bool,
    /// A column name (`"All-flash"`): grouped readouts form one table under the cards, a column
    /// per group and a row per label, so alternatives can be compared side by side.
    pub group: Option<&'static str>,
    /// What the readout says, in words, when its value does not apply (`compute` gives NaN):
    /// "never", "no cold data".
    pub empty: &'static str,
    /// A card that starts behind "Show more figures" (unless the author lists readouts with
    /// `data-outputs`): the few that answer the title come first.
    pub folded: bool,
    /// A readout that names one of several things (`labels = ["All-flash", "Hybrid"]`): the
    /// formula gives the index, the reader sees the label.
    pub labels: &'static [&'static str],
}

impl OutputSpec {
    /// A readout, always shown, not a headline, in no group, "not applicable" when it does not
    /// apply (struct update syntax changes any of these).
    pub const fn new(key: &'static str, label: &'static str, unit: Unit) -> OutputSpec {
        OutputSpec { key, label, unit, shown_if: None, headline: false, group: None, empty: "", folded: false, labels: &[] }
    }

    /// The readout as a reader sees it: the formatted value, or in words when it does not apply.
    pub fn show(&self, v: f64, system: usize) -> String {
        if !self.labels.is_empty() && v.is_finite() {
            self.labels.get(v.round().max(0.0) as usize).copied().unwrap_or("–").into()
        } else if v.is_finite() {
            self.unit.format(v, system)
        } else if self.empty.is_empty() {
            "not applicable".into()
        } else {
            self.empty.into()
        }
    }
}

/// Why a value was changed on its way in.
#[derive(Clone, Debug, PartialEq)]
pub enum Fix {
    /// Not a finite number (or not a number at all).
    NotANumber,
    /// Outside the range: clamped to the nearest end.
    Clamped { to: f64 },
    /// Not one of the allowed values (switch or choice): reset to the default.
    NotAnOption,
}

impl ParamSpec {
    /// A number input, always shown, without reference marks (struct update syntax adds them:
    /// `ParamSpec { marks: &[…], ..ParamSpec::number(…) }`).
    #[allow(clippy::too_many_arguments)]
    pub const fn number(
        key: &'static str,
        label: &'static str,
        (min, max, step, scale): (f64, f64, f64, Scale),
        unit: Unit,
        default: f64,
        source: &'static str,
        cite: &'static str,
    ) -> ParamSpec {
        ParamSpec { key, label, kind: Kind::Number { min, max, step, scale }, unit, default, source, cite, shown_if: None, marks: &[], group: "", folded: false }
    }

    /// An input that only changes what is shown (a details switch, the chart's view): starts at
    /// 0 (off, the first option) and is left out of citations ([`DISPLAY_ONLY`]).
    pub const fn display(key: &'static str, label: &'static str, kind: Kind) -> ParamSpec {
        ParamSpec { key, label, kind, unit: crate::units::PLAIN, default: 0.0, source: DISPLAY_ONLY, cite: "", shown_if: None, marks: &[], group: "", folded: false }
    }

    /// Returns a value this input accepts: `raw` itself, or a corrected one and why.
    /// Numbers are clamped to the range and rounded to the step; switches and choices outside
    /// their options fall back to the default.
    pub fn sanitize(&self, raw: f64) -> (f64, Option<Fix>) {
        if !raw.is_finite() {
            return (self.default, Some(Fix::NotANumber));
        }
        match self.kind {
            Kind::Number { min, max, step, .. } => {
                if raw < min {
                    (min, Some(Fix::Clamped { to: min }))
                } else if raw > max {
                    (max, Some(Fix::Clamped { to: max }))
                } else {
                    // max/min, not clamp: clamp's NaN assertion formats floats, pulling ~15 KB of
                    // float printing into the bundle.
                    (round_to_step(raw, step).max(min).min(max), None)
                }
            }
            Kind::Toggle => match raw {
                x if x == 0.0 || x == 1.0 => (raw, None),
                _ => (self.default, Some(Fix::NotAnOption)),
            },
            Kind::Choice(_) | Kind::UnitSystem(_) | Kind::View(..) | Kind::Preset(_) => {
                let opts = self.options();
                if raw >= 0.0 && raw.fract() == 0.0 && (raw as usize) < opts.len() {
                    (raw, None)
                } else {
                    (self.default, Some(Fix::NotAnOption))
                }
            }
        }
    }

    /// Where `value` sits on this input's slider, from 0 to [`SLIDER_STEPS`].
    pub fn to_position(&self, value: f64) -> f64 {
        match self.kind {
            Kind::Number { min, max, scale, .. } => {
                let t = match scale {
                    Scale::Linear => (value - min) / (max - min),
                    Scale::Log => (value / min).ln() / (max / min).ln(),
                };
                (t.clamp(0.0, 1.0) * SLIDER_STEPS).round()
            }
            _ => 0.0,
        }
    }

    /// The value at slider position `pos` (0 to [`SLIDER_STEPS`]), rounded to three significant
    /// digits *as the reader sees them* in unit system `system`, so a dragged value reads and
    /// shares cleanly (`$2,650/kg`, not `$2,647.31/kg`).
    pub fn from_position(&self, pos: f64, system: usize) -> f64 {
        let Kind::Number { min, max, scale, .. } = self.kind else {
            return self.default;
        };
        let t = (pos / SLIDER_STEPS).clamp(0.0, 1.0);
        let raw = match scale {
            Scale::Linear => min + t * (max - min),
            Scale::Log => min * (max / min).powf(t),
        };
        let shown = round_sig(self.unit.to_display(raw, system), 3);
        let value = self.unit.from_display(shown, system);
        // The ends stay reachable exactly.
        let value = if pos <= 0.0 {
            min
        } else if pos >= SLIDER_STEPS {
            max
        } else {
            value
        };
        self.sanitize(value).0
    }

    /// The option names of a switch, choice, unit system or preset (`["off", "on"]` for a
    /// switch), as URLs spell them.
    pub fn options(&self) -> &'static [&'static str] {
        match self.kind {
            Kind::Toggle => &["off", "on"],
            Kind::Choice(o) | Kind::UnitSystem(o) | Kind::View(o, _) => o,
            Kind::Preset(p) => p.names,
            Kind::Number { .. } => &[],
        }
    }

    /// The option labels a reader sees (the names, except for presets).
    pub fn option_labels(&self) -> &'static [&'static str] {
        match self.kind {
            Kind::Preset(p) => p.labels,
            Kind::View(_, labels) => labels,
            _ => self.options(),
        }
    }
}

/// Sets input `i` to `x` (already sanitized) and keeps presets consistent: choosing a preset
/// fills its inputs; changing a filled input re-selects the preset that matches, or "custom".
pub fn assign(specs: &[ParamSpec], vals: &mut [f64], i: usize, x: f64) {
    fill(specs, vals, i, x);
    settle(specs, vals);
}

/// Sets input `i` to `x` and, when it is a preset, the inputs it fills; does not settle (for
/// applying several presets at once, then settling once).
pub fn fill(specs: &[ParamSpec], vals: &mut [f64], i: usize, x: f64) {
    vals[i] = x;
    if let Kind::Preset(p) = specs[i].kind {
        if let Some(fill) = p.values.get(x as usize) {
            for (key, &v) in p.fills.iter().zip(*fill) {
                if let Some(t) = index(specs, key) {
                    vals[t] = v;
                }
            }
        }
    }
}

/// Points every preset at the option matching the values of the inputs it fills.
pub fn settle(specs: &[ParamSpec], vals: &mut [f64]) {
    for (i, s) in specs.iter().enumerate() {
        if let Kind::Preset(p) = s.kind {
            let current = |key: &str| index(specs, key).map_or(f64::NAN, |t| vals[t]);
            let matches = |fill: &[f64]| p.fills.iter().zip(fill).all(|(k, &x)| (x - current(k)).abs() <= 1e-9 * x.abs().max(1.0));
            vals[i] = p.values.iter().position(|fill| matches(fill)).unwrap_or(p.values.len()) as f64;
        }
    }
}

/// Whether input `i` is filled by a preset that currently names its value (so a link can say
/// `gpu_model=h100` instead of the number).
pub fn named_by_preset(specs: &[ParamSpec], vals: &[f64], i: usize) -> bool {
    specs.iter().zip(vals).any(|(s, &v)| matches!(s.kind, Kind::Preset(p) if p.fills.contains(&specs[i].key) && (v as usize) < p.values.len()))
}

/// How many positions a slider has.
pub const SLIDER_STEPS: f64 = 1000.0;

pub use crate::units::round_sig;

/// Rounds to the nearest multiple of `step`, and removes the binary noise that leaves (so the
/// value prints as a short decimal).
pub fn round_to_step(x: f64, step: f64) -> f64 {
    if step <= 0.0 {
        return x;
    }
    let y = (x / step).round() * step;
    let p = 10f64.powi(decimals_of(step).min(12) as i32);
    (y * p).round() / p
}

fn decimals_of(x: f64) -> u32 {
    let mut d = 0;
    let mut v = x.abs();
    while d < 12 && (v - v.round()).abs() > 1e-9 * v.max(1.0) {
        v *= 10.0;
        d += 1;
    }
    d
}

/// A widget's input values, in spec order, read by key.
#[derive(Clone, Copy)]
pub struct Values<'a> {
    specs: &'static [ParamSpec],
    vals: &'a [f64],
}

impl<'a> Values<'a> {
    pub fn new(specs: &'static [ParamSpec], vals: &'a [f64]) -> Self {
        debug_assert_eq!(specs.len(), vals.len());
        Values { specs, vals }
    }

    /// The value of the input `key`. An unknown key is a bug in a model: it reads as NaN (and
    /// trips a debug assertion), which the per-model tests catch.
    pub fn get(&self, key: &str) -> f64 {
        let found = index(self.specs, key).and_then(|i| self.vals.get(i));
        debug_assert!(found.is_some(), "unknown parameter key {key}");
        found.copied().unwrap_or(f64::NAN)
    }

    /// A switch's state.
    pub fn on(&self, key: &str) -> bool {
        self.get(key) != 0.0
    }

    pub fn as_slice(&self) -> &[f64] {
        self.vals
    }
}

/// The position of output `key` among the model's outputs (a bug in the caller when missing).
pub fn index_of_output(model: &Model, key: &str) -> usize {
    model.outputs().iter().position(|o| o.key == key).unwrap_or(usize::MAX)
}

/// The position of input `key` among `specs`.
pub fn index(specs: &[ParamSpec], key: &str) -> Option<usize> {
    // Models read their inputs by the same string literals their specs hold, which the linker
    // merges: the same address first (a pointer comparison per spec, what Monte Carlo's 20,000
    // model runs per update need), then by content.
    specs
        .iter()
        .position(|s| std::ptr::eq(s.key.as_ptr(), key.as_ptr()) && s.key.len() == key.len())
        .or_else(|| specs.iter().position(|s| s.key == key))
}

/// The author's defaults of a model, in spec order.
pub fn defaults(specs: &[ParamSpec]) -> Vec<f64> {
    specs.iter().map(|s| s.default).collect()
}

/// The index of the unit system the values choose (0 when the model has none).
pub fn unit_system(specs: &[ParamSpec], vals: &[f64]) -> usize {
    specs.iter().zip(vals).find(|(s, _)| matches!(s.kind, Kind::UnitSystem(_))).map(|(_, v)| *v as usize).unwrap_or(0)
}

/// Whether a control or readout guarded by `shown_if` is visible for these values.
pub fn shown(specs: &[ParamSpec], vals: &[f64], shown_if: Option<&str>) -> bool {
    match shown_if {
        None => true,
        Some(k) => specs.iter().zip(vals).any(|(s, v)| s.key == k && *v != 0.0),
    }
}

/// The author's scenario `base` seen in the reader's chart view (`vals`): what the reader's chart
/// is compared with.
pub fn in_view(specs: &[ParamSpec], base: &[f64], vals: &[f64]) -> Vec<f64> {
    specs.iter().zip(base.iter().zip(vals)).map(|(s, (&b, &v))| if matches!(s.kind, Kind::View(..)) { v } else { b }).collect()
}

/// Whether the model's bands belong on `chart`: lines (not bars) on a y axis in the band
/// outputs' unit (a widget with several views bands only the view of its band's outputs).
pub fn bands_apply(model: &Model, chart: &Chart) -> bool {
    let Some((_, outs)) = model.uncertainty.band else { return false };
    chart.bars.is_empty() && outs.iter().all(|(k, _)| model.outputs().iter().any(|o| o.key == *k && o.unit == chart.y.unit))
}
