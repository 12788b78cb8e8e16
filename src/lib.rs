//! essay-widgets: live, shareable napkin-math widgets for essays about AI infrastructure.
//!
//! This package is the browser shell, compiled to wasm32 by wasm-pack: `view` (Leptos components,
//! mounted by `mount_all` in every `<div data-essay-widget="ID">` placeholder, and the JS API) and
//! `url` (the one module that touches `window.location` and `history`). The engine they drive is
//! `essay-core` (crates/core), pure Rust that builds and is tested natively; its modules are
//! re-exported here under their own names. See ARCHITECTURE.md.

pub use essay_core::{author, chart, formula, model, modelfile, num, render, scenario, scene, snapshot, svg, text, toml, uncertainty, units};

#[cfg(target_arch = "wasm32")]
mod timing;
#[cfg(target_arch = "wasm32")]
mod url;
#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
pub use view::{mount_all, widget_list, widget_set, widget_state};

/// Hands the engine the browser's float text conversions (see `essay_core::num`). Runs when the
/// module is instantiated; every entry point calls it again, which costs one atomic load.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn install_platform() {
    num::install(num::Floats {
        parse: js_sys::parse_float,
        format: |v| js_sys::Number::from(v).to_string_with_radix(10).ok().and_then(|s| s.as_string()).unwrap_or_default(),
    });
}

/// `make bench` only (`--features bench`): one Monte Carlo update of widget `id` for the link
/// `query` (the readouts' 10,000 samples, the band and the tornado), on a kept engine as the
/// page's is; returns the headline's median so the work cannot be optimised away.
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = benchMonteCarlo)]
pub fn bench_monte_carlo(id: &str, query: &str) -> f64 {
    install_platform();
    thread_local! {
        static ENGINE: std::cell::RefCell<uncertainty::Engine> = std::cell::RefCell::new(uncertainty::Engine::default());
    }
    let Some(model) = model::find(id) else { return f64::NAN };
    let d = scenario::decode(model, id, query, &model::defaults(model.params()));
    let u = ENGINE.with(|e| e.borrow_mut().run(model, &d.values, &d.ranges, &[]));
    u.outputs.iter().flatten().next().map_or(f64::NAN, |p| p[1])
}
