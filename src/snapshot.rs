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
        .map(|(o, v)| OutputDoc { key: o.key, label: o.label, value: v.is_finite().then_some(v), unit: o.unit.symbol(0), shown: o.show(v, system) })
        .collect();
    Document { widget: model.id(), title: model.title(), link, inputs, outputs }
}
