//! Inputs that mean the same in several widgets (electricity, facility overhead, time), defined
//! once with their sources. A widget uses one as is, or adjusts it with struct update syntax
//! (`ParamSpec { shown_if: …, ..shared::PUE }`); keys stay the same, so links read alike.

use super::{Kind, ParamSpec, Scale};
use crate::units::{Style, Unit, PLAIN};

pub const HOURS_PER_YEAR: f64 = 8_760.0;

pub const USD_PER_MWH: Unit = Unit::fixed(Style::Money, "/MWh");
pub const YEARS: Unit = Unit::fixed(Style::Quantity, " yr");

pub const ELECTRICITY_PRICE: ParamSpec = ParamSpec {
    key: "usd_per_mwh",
    label: "Electricity price",
    kind: Kind::Number { min: 40.0, max: 250.0, step: 0.1, scale: Scale::Linear },
    unit: USD_PER_MWH,
    default: 80.6,
    source: "US industrial average ≈ $80/MWh (2023); states range ~$60–190 (EIA Electric Power Monthly, Table 5.6.A)",
    cite: "EIA, Electric Power Monthly, Table 5.6.A (2023)",
    shown_if: None,
    marks: &[],
};

pub const PUE: ParamSpec = ParamSpec {
    key: "pue",
    label: "PUE (facility ÷ IT power)",
    kind: Kind::Number { min: 1.0, max: 2.0, step: 0.01, scale: Scale::Linear },
    unit: PLAIN,
    default: 1.2,
    source: "Hyperscale ~1.1–1.2 (Google environmental reports); industry average 1.56 (Uptime Institute survey, 2024)",
    cite: "Uptime Institute, Global Data Center Survey (2024); Google environmental reports",
    shown_if: None,
    marks: &[(1.1, "Hyperscale"), (1.56, "Industry average")],
};

pub const YEARS_OF_OPERATION: ParamSpec = ParamSpec {
    key: "years",
    label: "Years of operation",
    kind: Kind::Number { min: 1.0, max: 15.0, step: 1.0, scale: Scale::Linear },
    unit: YEARS,
    default: 5.0,
    source: "AI servers are depreciated over ~5–6 years (hyperscaler annual reports)",
    cite: "Hyperscaler annual reports (server depreciation)",
    shown_if: None,
    marks: &[],
};

/// What `watts` drawn around the clock for `years`, with facility overhead `pue`, cost at
/// `usd_per_mwh`.
pub fn electricity_cost(watts: f64, pue: f64, years: f64, usd_per_mwh: f64) -> f64 {
    watts * pue * HOURS_PER_YEAR * years / 1e6 * usd_per_mwh
}
