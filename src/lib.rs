//! essay-widgets: live, shareable napkin-math widgets for essays about AI infrastructure.
//!
//! The crate has a pure core that builds and is tested natively — [`model`] (one file per
//! widget), [`units`], [`scenario`] (the URL codec) and [`chart`] (drawing on any plotters
//! backend) — and a browser shell that only exists on wasm32: `view` (mounting, DOM sync, canvas),
//! `url` (the one module that touches `window.location` and `history`) and the entry point
//! below, which finds `<div data-essay-widget="ID">` placeholders and mounts a widget in each.
//! See ARCHITECTURE.md.

pub mod author;
pub mod chart;
pub mod markup;
pub mod model;
pub mod num;
pub mod render;
pub mod scenario;
pub mod scene;
pub mod svg;
pub mod units;

#[cfg(target_arch = "wasm32")]
mod url;
#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
pub use view::mount_all;
