//! essay-widgets: live, shareable napkin-math widgets for essays about AI infrastructure.
//!
//! The crate has a pure core that builds and is tested natively — [`model`] (one file per
//! widget), [`units`], [`scenario`] (the URL codec), [`chart`] (drawing through plotters into a
//! recorded [`scene`]), [`svg`] and [`snapshot`] (data that leaves the crate, with serde) — and a
//! browser shell that only exists on wasm32: `view` (Leptos components, mounted by `mount_all`
//! in every `<div data-essay-widget="ID">` placeholder) and `url` (the one module that touches
//! `window.location` and `history`).
//! See ARCHITECTURE.md.

pub mod author;
pub mod chart;
pub mod formula;
pub mod model;
pub mod modelfile;
pub mod num;
pub mod render;
pub mod scenario;
pub mod scene;
pub mod snapshot;
pub mod svg;
pub mod text;
pub mod toml;
pub mod uncertainty;
pub mod units;

#[cfg(target_arch = "wasm32")]
mod url;
#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
pub use view::{mount_all, widget_list, widget_set, widget_state};

/// `make bench` only (`--features bench`): one Monte Carlo update of widget `id` for the link
/// `query` (the readouts' 10,000 samples, the band and the tornado), on a kept engine as the
/// page's is; returns the headline's median so the work cannot be optimised away.
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = benchMonteCarlo)]
pub fn bench_monte_carlo(id: &str, query: &str) -> f64 {
    thread_local! {
        static ENGINE: std::cell::RefCell<uncertainty::Engine> = std::cell::RefCell::new(uncertainty::Engine::default());
    }
    let Some(model) = model::find(id) else { return f64::NAN };
    let d = scenario::decode(model, id, query, &model::defaults(model.params()));
    let u = ENGINE.with(|e| e.borrow_mut().run(model, &d.values, &d.ranges, &[]));
    u.outputs.iter().flatten().next().map_or(f64::NAN, |p| p[1])
}
