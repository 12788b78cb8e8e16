//! Native tests of the pure core: models against the hand calculations in
//! `SOURCES.md`, units and formatting, the URL codec, and chart drawing through
//! plotters' SVG backend. The `essay-render` command is tested in crates/render/tests.
#![cfg(not(target_arch = "wasm32"))]

use essay_core::model::{self, Kind, Model, Values};

/// Every widget of the kit: its model files (`www/models/`), in file order.
fn all() -> Vec<&'static Model> {
    model::builtins().to_vec()
}

/// One of the kit's widgets, by id, usable where a `&Model` is (`&ORBITAL`, `ORBITAL.params()`).
pub struct Builtin(&'static str);

impl std::ops::Deref for Builtin {
    type Target = Model;
    fn deref(&self) -> &'static Model {
        model::find(self.0).unwrap_or_else(|| panic!("no model file for {}", self.0))
    }
}

pub static ORBITAL: Builtin = Builtin("orbital-gpu-cost");
pub static DATACENTER: Builtin = Builtin("datacenter-power");
pub static FLASH: Builtin = Builtin("flash-scarcity");
pub static KV: Builtin = Builtin("kv-cache");
pub static OVG: Builtin = Builtin("orbital-vs-terrestrial");

/// A kit function evaluated on numbers (`drives(…)`), as a formula calls it.
fn formula(src: &str) -> f64 {
    let e = essay_core::formula::parse(src, &|_| None, &Vec::new).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    essay_core::formula::eval(&essay_core::formula::compile(&e), &[], &mut Vec::new())
}

/// A model's values with some inputs changed from the author's defaults.
fn with(m: &Model, changes: &[(&str, f64)]) -> Vec<f64> {
    let mut v = model::defaults(m.params());
    for (k, x) in changes {
        let i = m.params().iter().position(|s| s.key == *k).unwrap_or_else(|| panic!("no input {k}"));
        v[i] = *x;
    }
    v
}

/// An output of a model, by key.
fn out(m: &Model, vals: &[f64], key: &str) -> f64 {
    let i = m.outputs().iter().position(|o| o.key == key).unwrap_or_else(|| panic!("no output {key}"));
    m.compute(&Values::new(m.params(), vals))[i]
}

/// An output as the reader sees it (in the values' unit system).
fn shown(m: &Model, vals: &[f64], key: &str) -> String {
    let o = m.outputs().iter().find(|o| o.key == key).unwrap();
    o.show(out(m, vals, key), model::unit_system(m.params(), vals))
}

/// Property-test settings: `n` cases; shrunk failures are printed, not written to files.
fn cases(n: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config { cases: n, failure_persistence: None, ..Default::default() }
}

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!((actual - expected).abs() <= tolerance, "expected {expected} ± {tolerance}, got {actual}");
}

// Each area of the core is a module of this one binary (ripgrep's layout: one link step).
mod author;
mod chart;
mod datacenter;
mod flash;
mod kit;
mod kv_cache;
mod link_contract;
mod model_files;
mod orbit_vs_ground;
mod orbital;
mod range_links;
mod release;
mod render;
mod scenario;
mod snapshot;
mod text;
mod uncertainty;
mod units;
