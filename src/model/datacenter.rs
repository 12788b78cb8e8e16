//! `datacenter-power`: what an AI campus draws from the grid and what its electricity costs.
//! Reproduces the cross-check of `SOURCES.md` §2 at its defaults:
//! 100,000 GPUs × 1.667 kW (120 kW ÷ 72) × PUE 1.2 = 200 MW; × 8,760 h = 1.75 TWh/yr; × $80.6/MWh ≈ $141M/yr;
//! ≈ $0.16 per GPU-hour.

use super::shared::{self, HOURS_PER_YEAR, USD_PER_MWH};
use super::{Axis, Chart, Emphasis, Kind, Mark, Migration, Model, OutputSpec, ParamSpec, Point, Presets, Scale, Series, Values};
use crate::units::{Style, Unit, COUNT, PERCENT, PLAIN, USD};
/// US datacenter electricity use in 2023, Wh (LBNL, Dec 2024).
pub const US_DATACENTERS_2023_WH: f64 = 176e12;

/// The chart's and the slider's accelerator range.
pub const GPUS_MIN: f64 = 1_000.0;
pub const GPUS_MAX: f64 = 5_000_000.0;

const KW: Unit = Unit::fixed(Style::Quantity, " kW");
pub const WATTS: Unit = Unit::fixed(Style::Si, "W");
const WATT_HOURS: Unit = Unit::fixed(Style::Si, "Wh");
/// A fraction shown as a percentage.
const SHARE: Unit = Unit { style: Style::Quantity, suffix: [" %", " %"], factor: [100.0, 100.0] };

/// All-in power per accelerator, kW: the whole server or rack divided by its GPUs, so the four
/// compare like for like (CPUs, memory, NICs, switches and fans included).
pub const KW_DGX_H100: f64 = 10.2 / 8.0;
pub const KW_DGX_B200: f64 = 14.3 / 8.0;
pub const KW_GB200_NVL72: f64 = 1.667;
pub const KW_GB300_NVL72: f64 = 135.0 / 72.0;

static ACCELERATORS: Presets = Presets {
    fills: &["kw_per_gpu"],
    names: &["h100", "b200", "gb200-nvl72", "gb300-nvl72", "custom"],
    labels: &["H100 (DGX)", "B200 (DGX)", "GB200 NVL72", "GB300 NVL72", "Custom"],
    values: &[&[KW_DGX_H100], &[KW_DGX_B200], &[KW_GB200_NVL72], &[KW_GB300_NVL72]],
};

static PARAMS: [ParamSpec; 7] = [
    ParamSpec {
        key: "gpus",
        label: "Accelerators",
        kind: Kind::Number { min: GPUS_MIN, max: GPUS_MAX, step: 1.0, scale: Scale::Log },
        unit: COUNT,
        default: 100_000.0,
        source: "The essay's example: a 100,000-GPU campus, today's frontier scale",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "gpu_model",
        label: "Accelerator",
        kind: Kind::Preset(&ACCELERATORS),
        unit: PLAIN,
        default: 2.0,
        source: "All-in per GPU, whole system ÷ GPUs: DGX H100 10.2 kW ÷ 8 = 1.275 kW, DGX B200 14.3 kW ÷ 8 ≈ 1.79 kW (NVIDIA datasheets, maximum); GB200 NVL72 120 kW ÷ 72 ≈ 1.667 kW, GB300 NVL72 ≈ 135 kW ÷ 72 = 1.875 kW (The Register, Supermicro)",
        cite: "NVIDIA DGX H100 and DGX B200 datasheets; The Register (2024); Supermicro",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "kw_per_gpu",
        label: "All-in power per accelerator",
        kind: Kind::Number { min: 0.3, max: 3.0, step: 0.0001, scale: Scale::Linear },
        unit: KW,
        default: 1.667,
        source: "Whole server or rack ÷ its GPUs (CPUs, memory, NICs, switches, fans); GB200 NVL72 ≈ 120 kW ÷ 72 (NVIDIA; The Register, 2024)",
        cite: "NVIDIA DGX H100 and DGX B200 datasheets; The Register (2024); Supermicro",
        shown_if: None,
        marks: &[],
    },
    shared::PUE,
    ParamSpec {
        key: "util_pct",
        label: "Average load (share of peak)",
        kind: Kind::Number { min: 10.0, max: 100.0, step: 1.0, scale: Scale::Linear },
        unit: PERCENT,
        default: 100.0,
        source: "Full draw, as in the essay's cross-check; a lower average cuts the energy, not the grid connection",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    shared::ELECTRICITY_PRICE,
    shared::YEARS_OF_OPERATION,
];

static OUTPUTS: [OutputSpec; 7] = [
    OutputSpec { key: "facility_load", label: "Grid draw (facility)", unit: WATTS, shown_if: None, headline: true, group: None, empty: "" },
    OutputSpec { key: "bill_year", label: "Power bill per year", unit: USD, shown_if: None, headline: true, group: None, empty: "" },
    OutputSpec { key: "it_load", label: "IT load", unit: WATTS, shown_if: None, headline: false, group: None, empty: "" },
    OutputSpec { key: "energy_year", label: "Energy per year", unit: WATT_HOURS, shown_if: None, headline: false, group: None, empty: "" },
    OutputSpec { key: "bill_total", label: "Power bill, whole period", unit: USD, shown_if: None, headline: false, group: None, empty: "" },
    OutputSpec { key: "gpu_hour", label: "Power cost per GPU-hour", unit: USD, shown_if: None, headline: false, group: None, empty: "" },
    OutputSpec {
        key: "us_share",
        label: "Share of all US datacenter use (2023)",
        unit: SHARE,
        shown_if: None,
        headline: false,
        group: None,
        empty: "",
    },
];

/// The inputs, typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    pub gpus: f64,
    pub kw_per_gpu: f64,
    pub pue: f64,
    pub util_pct: f64,
    pub usd_per_mwh: f64,
    pub years: f64,
}

impl Inputs {
    pub fn from_values(v: &Values) -> Inputs {
        Inputs {
            gpus: v.get("gpus"),
            kw_per_gpu: v.get("kw_per_gpu"),
            pue: v.get("pue"),
            util_pct: v.get("util_pct"),
            usd_per_mwh: v.get("usd_per_mwh"),
            years: v.get("years"),
        }
    }
}

/// The outputs, typed: power in W, energy in Wh, money in US dollars, share as a fraction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outputs {
    pub it_w: f64,
    pub facility_w: f64,
    pub energy_wh_year: f64,
    pub bill_year: f64,
    pub bill_total: f64,
    pub usd_per_gpu_hour: f64,
    pub us_share: f64,
}

pub fn compute(i: &Inputs) -> Outputs {
    let it_w = i.gpus * i.kw_per_gpu * 1000.0;
    // The grid connection is sized for peak; cooling and conversion overhead (PUE) is taken to
    // scale with the load.
    let facility_w = it_w * i.pue;
    let energy_wh_year = facility_w * i.util_pct / 100.0 * HOURS_PER_YEAR;
    let bill_year = energy_wh_year / 1e6 * i.usd_per_mwh;
    Outputs {
        it_w,
        facility_w,
        energy_wh_year,
        bill_year,
        bill_total: bill_year * i.years,
        usd_per_gpu_hour: bill_year / (i.gpus * HOURS_PER_YEAR),
        us_share: energy_wh_year / US_DATACENTERS_2023_WH,
    }
}

pub static DATACENTER: Model = Model {
    id: "datacenter-power",
    title: "What an AI campus draws from the grid, and what it pays",
    params: &PARAMS,
    outputs: &OUTPUTS,
    logic: super::Logic::Rust { compute: readouts, chart, summary },
    version: 2,
    migrations: &[
        // v2 (2026-11): the H100, B200 and GB300 presets became all-in per GPU (whole system ÷
        // GPUs, like the NVL72's); v1 links meant the GPU alone (H100 0.7, B200 1.0 kW) and GB300
        // at 1.9 kW, and keep those numbers.
        Migration {
            to: 2,
            renames: &[],
            scales: &[],
            options: &[
                ("gpu_model", "h100", "kw_per_gpu", 0.7),
                ("gpu_model", "b200", "kw_per_gpu", 1.0),
                ("gpu_model", "gb300-nvl72", "kw_per_gpu", 1.9),
            ],
        },
    ],
    uncertainty: crate::uncertainty::Spec {
        headline: "bill_year",
        band: Some(("gpus", &[("facility_load", Emphasis::Primary)])),
        claim: Some(crate::uncertainty::Claim { label: "Chance that the power bill tops the essay's", output: "bill_year", below: None }),
        defaults: &[
            crate::uncertainty::DefaultRange {
                key: "pue",
                lo: 1.1,
                hi: 1.56,
                source: "Hyperscale 1.1 (Google) to the industry average 1.56 (Uptime Institute, 2024)",
            },
            crate::uncertainty::DefaultRange {
                key: "usd_per_mwh",
                lo: 60.0,
                hi: 190.0,
                source: "The cheapest to the dearest US states, ~$60–190/MWh (EIA Electric Power Monthly, Table 5.6.A)",
            },
        ],
    },
};

/// The readouts, in the order of `OUTPUTS`.
fn readouts(v: &Values, out: &mut Vec<f64>) {
    let o = compute(&Inputs::from_values(v));
    out.extend([o.facility_w, o.bill_year, o.it_w, o.energy_wh_year, o.bill_total, o.usd_per_gpu_hour, o.us_share]);
}

fn chart(v: &Values) -> Chart {
    let i = Inputs::from_values(v);
    let at = |gpus: f64| compute(&Inputs { gpus, ..i });
    let xs = super::sample(GPUS_MIN, GPUS_MAX, 2, true);
    let line = |f: fn(&Outputs) -> f64| xs.iter().map(|&x| (x, f(&at(x)))).collect::<Vec<_>>();
    let here = compute(&i);
    let gw = 1e9;
    let level = |x: f64, to: Option<f64>, label: &'static str, source: &'static str| Mark { x, to, label, source };
    Chart {
        x: Axis { label: "Accelerators", unit: COUNT, log: true, min: GPUS_MIN, max: GPUS_MAX },
        y: Axis {
            label: "Facility power",
            unit: WATTS,
            log: true,
            min: super::nice_floor(at(GPUS_MIN).it_w),
            // Room above the highest reference level for its label.
            max: super::nice_ceil(at(GPUS_MAX).facility_w.max(40.0 * gw)),
        },
        series: vec![
            Series { name: "IT load".into(), points: line(|o| o.it_w), emphasis: Emphasis::Faint },
            Series { name: "Facility (× PUE)".into(), points: line(|o| o.facility_w), emphasis: Emphasis::Primary },
        ],
        marks: vec![],
        levels: vec![
            // Two campuses 20 % apart: one band, one label, legible at any size.
            level(
                gw,
                Some(1.2 * gw),
                "Prometheus 1 GW, Abilene 1.2 GW",
                "Meta Prometheus, Ohio ~1 GW, online 2026 (Meta, 2025); Stargate Abilene, Texas ~1.2 GW (OpenAI, Oracle, Crusoe, 2025)",
            ),
            level(5.0 * gw, None, "Meta Hyperion 5 GW", "Meta Hyperion, Louisiana 2 GW growing to 5 GW (Meta, 2025)"),
            level(10.0 * gw, None, "OpenAI–NVIDIA plan 10 GW", "OpenAI–NVIDIA letter of intent for 10 GW (2025)"),
        ],
        baseline: None,
        bands: Vec::new(),
        bars: Vec::new(),
        point: Some(Point { x: i.gpus, y: here.facility_w, label: WATTS.format(here.facility_w, 0) }),
    }
}

fn summary(v: &Values) -> String {
    let i = Inputs::from_values(v);
    let o = compute(&i);
    format!(
        "{} accelerators at {} each, with a PUE of {}, draw {} from the grid; at {} average load they use {} a year ({} of all US datacenters in 2023), which costs {} a year at {} ({} per GPU-hour).",
        COUNT.format(i.gpus, 0),
        KW.format(i.kw_per_gpu, 0),
        PLAIN.format(i.pue, 0),
        WATTS.format(o.facility_w, 0),
        PERCENT.format(i.util_pct, 0),
        WATT_HOURS.format(o.energy_wh_year, 0),
        SHARE.format(o.us_share, 0),
        USD.format(o.bill_year, 0),
        USD_PER_MWH.format(i.usd_per_mwh, 0),
        USD.format(o.usd_per_gpu_hour, 0),
    )
}
