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

/// Stefan–Boltzmann constant, W/(m²·K⁴).
pub const SIGMA: f64 = 5.670_374_419e-8;
/// Emissivity of a radiator coating (white paint / OSR, ~0.9).
pub const EMISSIVITY: f64 = 0.9;
/// A radiator radiates from both faces.
pub const RADIATOR_SIDES: f64 = 2.0;

const CELSIUS: Unit = Unit::fixed(Style::Quantity, " °C");
const KG_PER_M2: Unit = Unit::fixed(Style::Quantity, " kg/m²");

/// Radiator area (m²) that rejects `watts` at `temp_c`, two-sided, to a 0 K sink:
/// A = P / (sides · ε · σ · T⁴).
pub fn radiator_area_m2(watts: f64, temp_c: f64) -> f64 {
    let t = temp_c + 273.15;
    watts / (RADIATOR_SIDES * EMISSIVITY * SIGMA * t.powi(4))
}

pub const RADIATOR_TEMPERATURE: ParamSpec = ParamSpec {
    key: "radiator_c",
    label: "Radiator temperature",
    kind: Kind::Number { min: 20.0, max: 150.0, step: 1.0, scale: Scale::Linear },
    unit: CELSIUS,
    default: 70.0,
    source: "Coolant loop at 60–80 °C; two-sided, ε = 0.9, radiating to deep space (Stefan–Boltzmann law)",
    cite: "",
    shown_if: None,
    marks: &[],
};

pub const RADIATOR_DENSITY: ParamSpec = ParamSpec {
    key: "radiator_kg_m2",
    label: "Radiator areal density",
    kind: Kind::Number { min: 1.0, max: 20.0, step: 0.1, scale: Scale::Linear },
    unit: KG_PER_M2,
    default: 7.0,
    source: "~7 kg/m² deployable two-sided, 5–10 (spacedc-mdao model data, 2026; low confidence)",
    cite: "spacedc-mdao model data (2026)",
    shown_if: None,
    marks: &[],
};

/// The NAND multiplier's sourced starting range in range mode (flash-scarcity, kv-cache).
pub const NAND_RANGE: crate::uncertainty::DefaultRange = crate::uncertainty::DefaultRange {
    key: "nand_x",
    lo: 1.5,
    hi: 3.0,
    source: "Half the 2026 shortage (+123 %, Phison via DigiTimes) to a further doubling of SSD prices",
};

/// "×" after a number (a multiplier).
pub const TIMES: Unit = Unit::fixed(Style::Quantity, "×");
pub const USD_PER_TB: Unit = Unit::fixed(Style::Money, "/TB");

/// The 2026 NAND shortage, as a multiplier on SSD prices (flash-scarcity, kv-cache).
pub const NAND_SHORTAGE: ParamSpec = ParamSpec {
    key: "nand_x",
    label: "NAND shortage multiplier (SSD price × this)",
    kind: Kind::Number { min: super::flash::NAND_X_MIN, max: super::flash::NAND_X_MAX, step: 0.01, scale: Scale::Linear },
    unit: TIMES,
    default: 2.23,
    source: "1 Tb TLC die $4.80 → $10.70 (+123 %), 2026 output sold out (Phison CEO via DigiTimes, 2025); applied to the whole SSD price",
    cite: "Phison CEO via DigiTimes (2025); TrendForce",
    shown_if: None,
    marks: &[(1.0, "Pre-shortage"), (2.23, "2026")],
};

/// SSD price per TB before the shortage (flash-scarcity, kv-cache).
pub const SSD_PRICE: ParamSpec = ParamSpec {
    key: "ssd_usd_per_tb",
    label: "SSD price before the shortage",
    kind: Kind::Number { min: 20.0, max: 300.0, step: 0.1, scale: Scale::Linear },
    unit: USD_PER_TB,
    default: 79.0,
    source: "Flash $0.079/GB, early 2025 (Computer Weekly)",
    cite: "Computer Weekly (early 2025)",
    shown_if: None,
    marks: &[],
};
