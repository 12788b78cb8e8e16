//! essay-core: the pure engine of essay-widgets. It builds and is tested natively and never sees
//! the browser — its `Cargo.toml` names no leptos, web-sys or js-sys, so a browser call here is a
//! compile error. What it needs from a platform is handed in ([`num::install`]).
//!
//! [`modelfile`] reads a model file (TOML, via [`toml`]) into a [`model`] whose [`formula`]s are
//! compiled once; [`units`] and [`text`] format readouts; [`scenario`] is the URL codec;
//! [`uncertainty`] the Monte Carlo engine; [`chart`] draws through plotters into a recorded
//! [`scene`], which the shell's canvas backend and [`svg`] replay; [`render`] and [`snapshot`] give
//! the data that leaves the crate (fallback sentences, JSON) with serde; [`author`] checks a model
//! file for its author. See ARCHITECTURE.md.

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
