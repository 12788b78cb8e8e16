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
pub mod model;
pub mod num;
pub mod render;
pub mod scenario;
pub mod scene;
pub mod snapshot;
pub mod svg;
pub mod text;
pub mod units;

#[cfg(target_arch = "wasm32")]
mod url;
#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
pub use view::{mount_all, widget_list, widget_set, widget_state};
