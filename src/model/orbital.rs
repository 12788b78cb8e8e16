//! `orbital-gpu-cost`: what it costs to launch GPU racks to orbit, and what power and cooling
//! hardware adds. Reproduces the essay's napkin math at its defaults:
//! $1,200/lb × 3,000 lb = $3.6M per 72-GPU rack; 100,000 GPUs = 1,389 racks ≈ $5.0B.
//! Figures and sources: `SOURCES.md` §1.

use super::shared;
use super::{Axis, Chart, Emphasis, Kind, Mark, Migration, Model, OutputSpec, ParamSpec, Point, Scale, Series, Values};
use crate::units::{Style, Unit, COUNT, KG_PER_LB, PLAIN, USD};

pub use super::shared::{radiator_area_m2, EMISSIVITY, RADIATOR_SIDES, SIGMA};

/// The chart's and the slider's launch-price range: $10/kg to $100,000/kg, held in $/lb.
pub const PRICE_MIN: f64 = 10.0 * KG_PER_LB;
pub const PRICE_MAX: f64 = 100_000.0 * KG_PER_LB;

pub const USD_PER_MASS: Unit = Unit { style: Style::Money, suffix: ["/lb", "/kg"], factor: [1.0, 1.0 / KG_PER_LB] };
pub const MASS: Unit = Unit { style: Style::Quantity, suffix: [" lb", " kg"], factor: [1.0, KG_PER_LB] };
const RACKS: Unit = Unit::fixed(Style::Count, " racks");
const KW: Unit = Unit::fixed(Style::Quantity, " kW");
const W_PER_KG: Unit = Unit::fixed(Style::Quantity, " W/kg");
const M2: Unit = Unit::fixed(Style::Quantity, " m²");

const SUPPORT: Option<&str> = Some("support");

static PARAMS: [ParamSpec; 10] = [
    ParamSpec {
        key: "launch_usd_per_lb",
        label: "Launch price",
        kind: Kind::Number { min: PRICE_MIN, max: PRICE_MAX, step: 0.0001, scale: Scale::Log },
        unit: USD_PER_MASS,
        default: 1200.0,
        source: "Falcon 9 list price ÷ max payload: $62M / 22,800 kg ≈ $1,233/lb (NASA Ames, H. Jones, ICES-2018-81)",
        cite: "H. Jones, “The Recent Large Reduction in Space Launch Cost”, NASA Ames, ICES-2018-81",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "rack_lb",
        label: "Rack mass",
        kind: Kind::Number { min: 500.0, max: 10_000.0, step: 0.01, scale: Scale::Linear },
        unit: MASS,
        default: 3000.0,
        source: "GB200 NVL72 rack ≈ 1,360 kg / 3,000 lb (The Register, ServeTheHome, 2024)",
        cite: "The Register; ServeTheHome (2024): GB200 NVL72 rack mass",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "gpus_per_rack",
        label: "GPUs per rack",
        kind: Kind::Number { min: 1.0, max: 576.0, step: 1.0, scale: Scale::Linear },
        unit: COUNT,
        default: 72.0,
        source: "NVL72: 72 Blackwell GPUs + 36 Grace CPUs per rack (NVIDIA)",
        cite: "NVIDIA, GB200 NVL72 specifications",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "gpus",
        label: "Fleet size (GPUs)",
        kind: Kind::Number { min: 1_000.0, max: 5_000_000.0, step: 1.0, scale: Scale::Log },
        unit: COUNT,
        default: 100_000.0,
        source: "The essay's example: a 100,000-GPU cluster, today's frontier scale",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "support",
        label: "Include power and cooling hardware",
        kind: Kind::Toggle,
        unit: PLAIN,
        default: 0.0,
        source: "Off in the essay: its $5B \"does not include any supporting infrastructure\"",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "rack_kw",
        label: "Rack power",
        kind: Kind::Number { min: 10.0, max: 300.0, step: 0.1, scale: Scale::Linear },
        unit: KW,
        default: 120.0,
        source: "NVL72 ≈ 120 kW (power shelves 132 kW; GB300 120–140 kW): The Register, Supermicro",
        cite: "The Register; Supermicro: NVL72 rack power",
        shown_if: SUPPORT,
        marks: &[],
    },
    ParamSpec {
        key: "solar_w_per_kg",
        label: "Solar specific power",
        kind: Kind::Number { min: 10.0, max: 200.0, step: 0.1, scale: Scale::Log },
        unit: W_PER_KG,
        default: 36.5,
        source: "Starlink V2 mini, whole satellite ≈ 36.5 W/kg (McCalip, Dec 2025); arrays ~30, ISS ROSA ≈ 59",
        cite: "A. McCalip, “Economics of Orbital vs Terrestrial Data Centers” (Dec 2025); NASA state-of-the-art reports",
        shown_if: SUPPORT,
        marks: &[],
    },
    ParamSpec { shown_if: SUPPORT, ..shared::RADIATOR_TEMPERATURE },
    ParamSpec { shown_if: SUPPORT, ..shared::RADIATOR_DENSITY },
    ParamSpec {
        key: "units",
        label: "Units",
        kind: Kind::UnitSystem(&["lb", "kg"]),
        unit: PLAIN,
        default: 0.0,
        source: "Display only; the essay works in pounds",
        cite: "",
        shown_if: None,
        marks: &[],
    },
];

/// A readout that applies only with the power and cooling hardware switched on.
const fn support_output(key: &'static str, label: &'static str, unit: Unit) -> OutputSpec {
    OutputSpec { key, label, unit, shown_if: SUPPORT, headline: false, group: None, empty: "not included" }
}

static OUTPUTS: [OutputSpec; 9] = [
    OutputSpec { key: "rack_cost", label: "Launch cost per rack", unit: USD, shown_if: None, headline: true, group: None, empty: "" },
    OutputSpec { key: "fleet_cost", label: "Fleet launch cost", unit: USD, shown_if: None, headline: true, group: None, empty: "" },
    OutputSpec { key: "gpu_cost", label: "Per GPU", unit: USD, shown_if: None, headline: false, group: None, empty: "" },
    OutputSpec { key: "racks", label: "Racks needed", unit: RACKS, shown_if: None, headline: false, group: None, empty: "" },
    support_output("solar_mass", "Solar array per rack", MASS),
    support_output("radiator_area", "Radiator area per rack", M2),
    support_output("radiator_mass", "Radiator per rack", MASS),
    support_output("rack_mass", "Mass per rack, rack alone", MASS),
    support_output("total_mass", "Mass per rack, all-in", MASS),
];

/// The inputs, typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    pub launch_usd_per_lb: f64,
    pub rack_lb: f64,
    pub gpus_per_rack: f64,
    pub gpus: f64,
    pub support: bool,
    pub rack_kw: f64,
    pub solar_w_per_kg: f64,
    pub radiator_c: f64,
    pub radiator_kg_m2: f64,
}

impl Inputs {
    pub fn from_values(v: &Values) -> Inputs {
        Inputs {
            launch_usd_per_lb: v.get("launch_usd_per_lb"),
            rack_lb: v.get("rack_lb"),
            gpus_per_rack: v.get("gpus_per_rack"),
            gpus: v.get("gpus"),
            support: v.on("support"),
            rack_kw: v.get("rack_kw"),
            solar_w_per_kg: v.get("solar_w_per_kg"),
            radiator_c: v.get("radiator_c"),
            radiator_kg_m2: v.get("radiator_kg_m2"),
        }
    }
}

/// The outputs, typed. Masses in lb, money in US dollars.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outputs {
    pub solar_lb: f64,
    pub radiator_m2: f64,
    pub radiator_lb: f64,
    /// Mass launched per rack (rack + supporting hardware when included).
    pub total_lb: f64,
    pub rack_cost: f64,
    pub gpu_cost: f64,
    pub racks: f64,
    pub fleet_cost: f64,
}

pub fn compute(i: &Inputs) -> Outputs {
    let watts = i.rack_kw * 1000.0;
    let solar_lb = watts / i.solar_w_per_kg / KG_PER_LB;
    // T⁴ only when it counts (Monte Carlo runs this 15,000 times an update).
    let radiator_m2 = if i.support { radiator_area_m2(watts, i.radiator_c) } else { f64::NAN };
    let radiator_lb = radiator_m2 * i.radiator_kg_m2 / KG_PER_LB;
    let total_lb = if i.support { i.rack_lb + solar_lb + radiator_lb } else { i.rack_lb };
    let rack_cost = i.launch_usd_per_lb * total_lb;
    // A partial rack still has to fly: round up.
    let racks = (i.gpus / i.gpus_per_rack).ceil();
    Outputs { solar_lb, radiator_m2, radiator_lb, total_lb, rack_cost, gpu_cost: rack_cost / i.gpus_per_rack, racks, fleet_cost: racks * rack_cost }
}

/// Reference launch prices, in $/kg.
pub const FALCON_9_USD_PER_KG: f64 = 62e6 / 22_800.0;
pub const FALCON_HEAVY_USD_PER_KG: f64 = 150e6 / 63_800.0;
pub const SHUTTLE_USD_PER_KG: f64 = 54_500.0;
pub const BREAK_EVEN_USD_PER_KG: f64 = 200.0;
pub const STARSHIP_GOAL_USD_PER_KG: (f64, f64) = (10.0, 20.0);

pub static ORBITAL: Model = Model {
    id: "orbital-gpu-cost",
    title: "What it costs to put GPUs in orbit",
    params: &PARAMS,
    outputs: &OUTPUTS,
    logic: super::Logic::Rust { compute: readouts, chart, summary },
    version: 2,
    migrations: &[
        // v2 (2026-11): `fleet_gpus` became `gpus`, the key `datacenter-power` uses.
        Migration { to: 2, renames: &[("fleet_gpus", "gpus")], scales: &[], options: &[] },
        // Any version: the price per kilogram, as readers write it (`launch_usd_per_kg=300~1500`).
        Migration {
            to: super::ALIAS,
            renames: &[("launch_usd_per_kg", "launch_usd_per_lb")],
            scales: &[("launch_usd_per_lb", KG_PER_LB)],
            options: &[],
        },
    ],
    uncertainty: crate::uncertainty::Spec {
        headline: "fleet_cost",
        band: Some(("launch_usd_per_lb", &[("fleet_cost", Emphasis::Primary)])),
        claim: Some(crate::uncertainty::Claim { label: "Chance that the fleet costs more than the essay's", output: "fleet_cost", below: None }),
        // Per lb here: × 0.45359237 (SOURCES.md, "Default ranges").
        defaults: &[crate::uncertainty::DefaultRange {
            key: "launch_usd_per_lb",
            lo: 300.0 * KG_PER_LB,
            hi: 1500.0 * KG_PER_LB,
            source: "$300–$1,500/kg: between the ≲ $200/kg break-even (Project Suncatcher) and Falcon 9's ≈ $2,720/kg list price",
        }],
    },
};

/// The readouts, in the order of `OUTPUTS`.
fn readouts(v: &Values, out: &mut Vec<f64>) {
    let i = Inputs::from_values(v);
    let o = compute(&i);
    let if_support = |x: f64| if i.support { x } else { f64::NAN };
    out.extend([
        o.rack_cost,
        o.fleet_cost,
        o.gpu_cost,
        o.racks,
        if_support(o.solar_lb),
        if_support(o.radiator_m2),
        if_support(o.radiator_lb),
        if_support(i.rack_lb),
        if_support(o.total_lb),
    ]);
}

fn chart(v: &Values) -> Chart {
    let i = Inputs::from_values(v);
    let fleet_at = |price: f64, support: bool| compute(&Inputs { launch_usd_per_lb: price, support, ..i }).fleet_cost;
    let xs = super::sample(PRICE_MIN, PRICE_MAX, 2, true);
    let line = |support: bool| xs.iter().map(|&x| (x, fleet_at(x, support))).collect::<Vec<_>>();
    let mut series = vec![Series {
        name: if i.support { "Rack only".into() } else { "Fleet launch cost".into() },
        points: line(false),
        emphasis: if i.support { Emphasis::Faint } else { Emphasis::Primary },
    }];
    if i.support {
        series.push(Series { name: "With power and cooling".into(), points: line(true), emphasis: Emphasis::Primary });
    }
    let lo = fleet_at(PRICE_MIN, false);
    let hi = fleet_at(PRICE_MAX, i.support);
    let here = fleet_at(i.launch_usd_per_lb, i.support);
    let per_lb = |usd_per_kg: f64| usd_per_kg * KG_PER_LB;
    Chart {
        x: Axis { label: "Launch price", unit: USD_PER_MASS, log: true, min: PRICE_MIN, max: PRICE_MAX },
        y: Axis { label: "Fleet launch cost", unit: USD, log: true, min: super::nice_floor(lo), max: super::nice_ceil(hi) },
        series,
        marks: vec![
            Mark {
                x: per_lb(STARSHIP_GOAL_USD_PER_KG.0),
                to: Some(per_lb(STARSHIP_GOAL_USD_PER_KG.1)),
                label: "Starship goal",
                source: "Starship goal $10–20/kg (Musk, 2019–2022; aspirational)",
            },
            Mark {
                x: per_lb(BREAK_EVEN_USD_PER_KG),
                to: None,
                label: "Break-even",
                source: "space datacenters break even at ≲ $200/kg (Google, Project Suncatcher, arXiv 2511.19468, 2025)",
            },
            Mark {
                x: per_lb(FALCON_HEAVY_USD_PER_KG),
                to: None,
                label: "Falcon Heavy",
                source: "Falcon Heavy expendable $150M / 63,800 kg ≈ $2,351/kg (Musk, 2018)",
            },
            Mark {
                x: per_lb(FALCON_9_USD_PER_KG),
                to: None,
                label: "Falcon 9",
                source: "Falcon 9 $62M / 22,800 kg ≈ $2,720/kg (NASA Ames, ICES-2018-81)",
            },
            Mark { x: per_lb(SHUTTLE_USD_PER_KG), to: None, label: "Shuttle", source: "Space Shuttle ≈ $54,500/kg (CSIS Aerospace Security)" },
        ],
        levels: vec![],
        baseline: None,
        bands: Vec::new(),
        bars: Vec::new(),
        point: Some(Point { x: i.launch_usd_per_lb, y: here, label: USD.format(here, 0) }),
    }
}

fn summary(v: &Values) -> String {
    let i = Inputs::from_values(v);
    let o = compute(&i);
    let sys = super::unit_system(&PARAMS, v.as_slice());
    // The comparison the chart makes: the price against the break-even for space datacenters.
    let times = i.launch_usd_per_lb / (BREAK_EVEN_USD_PER_KG * KG_PER_LB);
    let versus = if (times - 1.0).abs() < 0.005 {
        "the $200/kg at which space datacenters would break even".to_string()
    } else if times > 1.0 {
        format!("{}× the $200/kg at which space datacenters would break even", crate::units::quantity(times))
    } else {
        format!("{} of the $200/kg at which space datacenters would break even", crate::units::PERCENT.format(times * 100.0, 0))
    };
    format!(
        "At {} to orbit, {} GPUs in {} racks of {} cost {} to launch ({} per rack, {} per GPU), {}. That price is {}.",
        USD_PER_MASS.format(i.launch_usd_per_lb, sys),
        COUNT.format(i.gpus, sys),
        COUNT.format(o.racks, sys),
        MASS.format(o.total_lb, sys),
        USD.format(o.fleet_cost, sys),
        USD.format(o.rack_cost, sys),
        USD.format(o.gpu_cost, sys),
        if i.support { "including solar arrays and radiators" } else { "launch only, before any power or cooling hardware" },
        versus,
    )
}
