//! A widget's scenario as data that leaves the crate: `essay-render --json`, the JS API's
//! `state()`, and the "JSON" download. Plain structs with serde's derive; the shell serializes
//! them with serde-wasm-bindgen, the command with serde_json.
//!
//! Architecture invariant: pure. Keys are the public `data-param`/`data-output` keys, in spec
//! order; values are in canonical units (the ones links use); outputs that do not apply (NaN)
//! are `null`.

use crate::model::{Kind, Model, Values};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Serialize as Derive;

/// Key → value pairs that serialize as one object, in their order.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyed<T>(pub Vec<(&'static str, T)>);

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// `{"widget", "inputs": {key: number}, "outputs": {key: number|null}, "notes": [...]}`.
#[derive(Clone, Debug, PartialEq, Derive)]
pub struct Snapshot {
    pub widget: &'static str,
    /// The URL namespace on the page (the JS API only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ns: Option<String>,
    pub inputs: Keyed<f64>,
    pub outputs: Keyed<Option<f64>>,
    pub notes: Vec<String>,
    /// With ranges on: each ranged input's 90 % interval, each output's 5th/50th/95th
    /// percentiles (Monte Carlo, [`crate::uncertainty`]), the tornado and the essay's claim.
    /// `essay-render --json` only (the page reads percentiles from `data-p5/p50/p95`; in the
    /// wasm this would cost ~3 KB of serializers).
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<UncertaintyDoc>,
}

#[cfg(not(target_arch = "wasm32"))]
/// `{"ranges": {key: {lo, hi}}, "outputs": {key: {p5, p50, p95}|null}, "tornado": [...], "chance": 0.83}`.
#[derive(Clone, Debug, PartialEq, Derive)]
pub struct UncertaintyDoc {
    pub convention: &'static str,
    pub samples: usize,
    pub ranges: Keyed<crate::model::Range>,
    pub outputs: Keyed<Option<Percentiles>>,
    pub tornado: Vec<crate::uncertainty::Swing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chance: Option<Chance>,
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, PartialEq, Derive)]
pub struct Percentiles {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, PartialEq, Derive)]
pub struct Chance {
    pub claim: &'static str,
    pub probability: f64,
}

#[cfg(not(target_arch = "wasm32"))]
/// What to say about how ranges are read (the UI says the same next to a ranged field).
pub const CONVENTION: &str = "a range is a 90 % interval (5th–95th percentile), lognormal when both ends are positive, normal otherwise";

#[cfg(not(target_arch = "wasm32"))]
/// The uncertainty part of a snapshot, for `ranges` (None when no input is ranged).
pub fn uncertainty(model: &'static Model, vals: &[f64], ranges: &[Option<crate::model::Range>], essay: &[f64]) -> Option<UncertaintyDoc> {
    if ranges.iter().all(Option::is_none) {
        return None;
    }
    let u = crate::uncertainty::Engine::default().run(model, vals, ranges, essay);
    Some(UncertaintyDoc {
        convention: CONVENTION,
        samples: crate::uncertainty::SAMPLES,
        ranges: Keyed(model.params().iter().zip(ranges).filter_map(|(s, r)| Some((s.key, (*r)?))).collect()),
        outputs: Keyed(model.outputs().iter().zip(&u.outputs).map(|(o, p)| (o.key, p.map(|[p5, p50, p95]| Percentiles { p5, p50, p95 }))).collect()),
        tornado: u.tornado,
        chance: model.uncertainty.claim.as_ref().zip(u.chance).map(|(c, p)| Chance { claim: c.label, probability: p }),
    })
}

/// The scenario `vals` of `model` and what it computes.
pub fn snapshot(model: &'static Model, vals: &[f64], notes: Vec<String>) -> Snapshot {
    let out = model.compute(&Values::new(model.params(), vals));
    Snapshot {
        widget: model.id(),
        ns: None,
        inputs: Keyed(model.params().iter().zip(vals).map(|(s, &v)| (s.key, v)).collect()),
        outputs: Keyed(model.outputs().iter().zip(out).map(|(o, v)| (o.key, v.is_finite().then_some(v))).collect()),
        notes,
        #[cfg(not(target_arch = "wasm32"))]
        uncertainty: None,
    }
}

/// One input in the JSON download: what it is, its value in canonical units and as the reader
/// sees it, and where the default comes from.
#[derive(Clone, Debug, PartialEq, Derive)]
pub struct InputDoc {
    pub key: &'static str,
    pub label: &'static str,
    pub value: f64,
    /// The canonical unit (`$/lb`), or the option's name for switches and choices.
    pub unit: String,
    pub shown: String,
    pub source: &'static str,
}

/// One output in the JSON download.
#[derive(Clone, Debug, PartialEq, Derive)]
pub struct OutputDoc {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Option<f64>,
    pub unit: String,
    pub shown: String,
}

/// The "JSON" download: the scenario with units and sources, its outputs and the link.
#[derive(Clone, Debug, PartialEq, Derive)]
pub struct Document {
    pub widget: &'static str,
    pub title: &'static str,
    pub link: String,
    pub inputs: Vec<InputDoc>,
    pub outputs: Vec<OutputDoc>,
}

/// The download for scenario `vals` shown in unit system `system`.
pub fn document(model: &'static Model, vals: &[f64], system: usize, link: String) -> Document {
    let out = model.compute(&Values::new(model.params(), vals));
    let inputs = model
        .params()
        .iter()
        .zip(vals)
        .map(|(s, &v)| InputDoc {
            key: s.key,
            label: s.label,
            value: v,
            unit: match s.kind {
                Kind::Number { .. } => s.unit.symbol(0),
                _ => crate::scenario::write_value(s, v),
            },
            shown: crate::scenario::show(s, v, system),
            source: s.source,
        })
        .collect();
    let outputs = model
        .outputs()
        .iter()
        .zip(out)
        .enumerate()
        .map(|(j, (o, v))| OutputDoc { key: o.key, label: o.label, value: v.is_finite().then_some(v), unit: o.unit.symbol(0), shown: model.show(j, v, vals, system) })
        .collect();
    Document { widget: model.id(), title: model.title(), link, inputs, outputs }
}
