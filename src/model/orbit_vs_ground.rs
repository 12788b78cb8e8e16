//! `orbital-vs-terrestrial`: what a gigawatt of compute power costs in orbit (solar-powered
//! satellites) and on the ground (on-site gas turbines) over an analysis period. Reproduces
//! A. McCalip's calculator ("Economics of Orbital vs Terrestrial Data Centers", Dec 2025) at its
//! defaults, and goes beyond it with radiators from the Stefan–Boltzmann law and the launch price
//! at which orbit breaks even. Figures and hand calculations: `SOURCES.md` §5:
//! orbit $51.1B (hardware 23.6, launch 14.7, operations 1.18, GPU replacement 10.6, NRE 1.0),
//! ground $15.85B (turbines 2.16, facility 12.5, fuel 1.19) for 1 GW over 5 years.

use super::shared::{self, HOURS_PER_YEAR, USD_PER_MWH};
use super::{Axis, Bar, Chart, Emphasis, Kind, Mark, Model, OutputSpec, ParamSpec, Point, Presets, Scale, Series, Values};
use crate::units::{Style, Unit, COUNT, PERCENT, USD};

const GW: Unit = Unit::fixed(Style::Quantity, " GW");
const USD_PER_KG: Unit = Unit::fixed(Style::Money, "/kg");
const USD_PER_W: Unit = Unit::fixed(Style::Money, "/W");
const USD_PER_KW: Unit = Unit::fixed(Style::Money, "/kW");
const USD_PER_MMBTU: Unit = Unit::fixed(Style::Money, "/MMBtu");
const BTU_PER_KWH: Unit = Unit::fixed(Style::Quantity, " BTU/kWh");
const W_PER_KG: Unit = Unit::fixed(Style::Quantity, " W/kg");
const KW: Unit = Unit::fixed(Style::Quantity, " kW");
const PER_YEAR: Unit = Unit::fixed(Style::Quantity, " %/yr");
use super::shared::TIMES;
/// Mass held in kg, shown in tonnes.
const TONNES: Unit = Unit { style: Style::Quantity, suffix: [" t", " t"], factor: [1e-3, 1e-3] };
const M2: Unit = Unit::fixed(Style::Quantity, " m²");

/// The chart's and the slider's launch-price range, $/kg (the orbital-gpu-cost widget's).
pub const PRICE_MIN: f64 = 10.0;
pub const PRICE_MAX: f64 = 100_000.0;
/// Payload of the heavy launcher the launch count assumes (Starship-class), kg.
pub const VEHICLE_KG: f64 = 100_000.0;
/// Yearly operations, as a share of the satellites' hardware (McCalip).
pub const OPS_SHARE: f64 = 0.01;

const MCCALIP: &str = "A. McCalip, “Economics of Orbital vs Terrestrial Data Centers” (Dec 2025)";
const DETAILS: Option<&str> = Some("details");
const RADIATORS: Option<&str> = Some("radiators");

static SATELLITES: Presets = Presets {
    fills: &["w_per_kg"],
    names: &["iss", "starlink-v1", "starlink-v2-mini", "starlink-v3", "custom"],
    labels: &["ISS", "Starlink V1", "Starlink V2 Mini", "Starlink V3", "Custom"],
    values: &[&[3.0], &[24.7], &[36.5], &[31.6]],
};

/// A bucket of the facility's cost per watt (McCalip's four), shown with the details.
const fn bucket(key: &'static str, label: &'static str, default: f64) -> ParamSpec {
    ParamSpec {
        shown_if: DETAILS,
        ..ParamSpec::number(
            key,
            label,
            (0.0, 20.0, 0.01, Scale::Linear),
            USD_PER_W,
            default,
            "McCalip's facility build-out: electrical $5.25, mechanical $3.00, civil $2.50, network and fit-out $1.75 per W ($12.50/W)",
            MCCALIP,
        )
    }
}

static PARAMS: [ParamSpec; 25] = [
    ParamSpec::display("view", "Chart", Kind::View(&["breakdown", "launch-price"], &["Breakdown", "Against launch price"])),
    ParamSpec::number("target_gw", "Compute power wanted", (0.1, 100.0, 0.01, Scale::Log), GW, 1.0, "McCalip's calculator: 1 GW delivered, on average", MCCALIP),
    ParamSpec {
        label: "Analysis period",
        source: "McCalip's calculator: 5 years, about a satellite's life in low Earth orbit (Starlink; Project Suncatcher)",
        cite: MCCALIP,
        ..shared::YEARS_OF_OPERATION
    },
    ParamSpec {
        marks: &[(200.0, "Suncatcher"), (2_720.0, "Falcon 9")],
        ..ParamSpec::number(
            "launch_usd_per_kg",
            "Launch price",
            (PRICE_MIN, PRICE_MAX, 0.0001, Scale::Log),
            USD_PER_KG,
            500.0,
            "McCalip's near-term reusable launch, $500/kg; Falcon 9 list ≈ $2,720/kg (NASA Ames, ICES-2018-81); the key is the orbital-gpu-cost widget's",
            MCCALIP,
        )
    },
    ParamSpec::number(
        "sat_usd_per_w",
        "Satellite hardware",
        (1.0, 100.0, 0.01, Scale::Log),
        USD_PER_W,
        22.0,
        "McCalip: $22 per watt of solar-powered compute satellite (bus, arrays, GPUs)",
        MCCALIP,
    ),
    ParamSpec {
        key: "satellite",
        label: "Satellite design (specific power)",
        kind: Kind::Preset(&SATELLITES),
        unit: crate::units::PLAIN,
        default: 2.0,
        source: "Whole-satellite W/kg: ISS ≈ 3, Starlink V1 24.7, V2 Mini 36.5, V3 31.6 (McCalip, from public masses and array power)",
        cite: MCCALIP,
        shown_if: None,
        marks: &[],
    },
    ParamSpec::number(
        "w_per_kg",
        "Specific power (whole satellite)",
        (1.0, 200.0, 0.1, Scale::Log),
        W_PER_KG,
        36.5,
        "Starlink V2 Mini ≈ 36.5 W/kg (McCalip, Dec 2025); solar arrays alone ~30, ISS ROSA ≈ 59 (NASA)",
        MCCALIP,
    ),
    ParamSpec::number(
        "gpu_fail_pct",
        "GPU failures",
        (0.0, 30.0, 0.1, Scale::Linear),
        PER_YEAR,
        9.0,
        "≈ 9 %/yr: Meta's Llama 3 run, 148 GPU and 72 HBM interruptions in 54 days on 16,384 H100s; failed GPUs in orbit are replaced by new hardware",
        "Meta, “The Llama 3 Herd of Models” (2024)",
    ),
    ParamSpec {
        key: "radiators",
        label: "Add radiators (Stefan–Boltzmann)",
        kind: Kind::Toggle,
        unit: crate::units::PLAIN,
        default: 0.0,
        source: "Off in McCalip's model; on: every watt of compute is rejected as heat by a two-sided radiator, ε = 0.9, to deep space, and launched",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    ParamSpec { shown_if: RADIATORS, ..shared::RADIATOR_TEMPERATURE },
    ParamSpec { shown_if: RADIATORS, ..shared::RADIATOR_DENSITY },
    ParamSpec::number(
        "turbine_usd_per_kw",
        "Gas turbines (on site)",
        (300.0, 5_000.0, 1.0, Scale::Linear),
        USD_PER_KW,
        1_800.0,
        "McCalip: $1,800/kW for on-site gas turbines, sized for the facility's load (× PUE)",
        MCCALIP,
    ),
    ParamSpec::number(
        "heat_rate",
        "Turbine heat rate",
        (5_000.0, 12_000.0, 100.0, Scale::Linear),
        BTU_PER_KWH,
        6_200.0,
        "6,200 BTU/kWh, a modern combined-cycle plant (McCalip; EIA average heat rates ~6,400–7,600 for combined cycle)",
        MCCALIP,
    ),
    ParamSpec::number(
        "gas_usd_per_mmbtu",
        "Natural gas price",
        (1.0, 20.0, 0.01, Scale::Linear),
        USD_PER_MMBTU,
        4.3,
        "McCalip: $4.30/MMBtu; Henry Hub annual averages 2020–2024 ranged $2.03–$6.45 (EIA)",
        MCCALIP,
    ),
    shared::PUE,
    ParamSpec::number(
        "capacity_factor_pct",
        "Turbine capacity factor",
        (50.0, 100.0, 1.0, Scale::Linear),
        PERCENT,
        85.0,
        "McCalip: 85 % (maintenance and outages); the fuel is burnt for this share of the hours",
        MCCALIP,
    ),
    ParamSpec::display("details", "Show satellite size, degradation, NRE and the facility's buckets", Kind::Toggle),
    ParamSpec {
        shown_if: DETAILS,
        ..ParamSpec::number("sat_kw", "Satellite size", (1.0, 1_000.0, 0.1, Scale::Log), KW, 27.0, "McCalip: 27 kW per compute satellite", MCCALIP)
    },
    ParamSpec {
        shown_if: DETAILS,
        ..ParamSpec::number(
            "sunlight_pct",
            "Time in sunlight",
            (50.0, 100.0, 0.1, Scale::Linear),
            PERCENT,
            98.0,
            "McCalip: 98 %, a dawn–dusk sun-synchronous orbit (almost no eclipse)",
            MCCALIP,
        )
    },
    ParamSpec {
        shown_if: DETAILS,
        ..ParamSpec::number(
            "degradation_pct",
            "Solar cell degradation",
            (0.0, 10.0, 0.1, Scale::Linear),
            PER_YEAR,
            2.5,
            "McCalip: 2.5 %/yr in LEO radiation; arrays are oversized to deliver the target on average over the period",
            MCCALIP,
        )
    },
    ParamSpec {
        shown_if: DETAILS,
        ..ParamSpec::number("nre_usd", "Engineering (NRE)", (0.0, 10e9, 1e6, Scale::Linear), USD, 1e9, "McCalip: $1,000M one-off design and qualification", MCCALIP)
    },
    bucket("electrical_usd_per_w", "Facility: electrical", 5.25),
    bucket("mechanical_usd_per_w", "Facility: mechanical", 3.0),
    bucket("civil_usd_per_w", "Facility: civil", 2.5),
    bucket("fitout_usd_per_w", "Facility: network and fit-out", 1.75),
];

/// The inputs, typed: power in W, money in US dollars, shares as fractions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    pub target_w: f64,
    pub years: f64,
    pub launch_usd_per_kg: f64,
    pub sat_usd_per_w: f64,
    pub w_per_kg: f64,
    pub sat_w: f64,
    pub sunlight: f64,
    pub degradation: f64,
    pub gpu_fail: f64,
    pub nre: f64,
    pub radiators: bool,
    pub radiator_c: f64,
    pub radiator_kg_m2: f64,
    pub turbine_usd_per_kw: f64,
    pub facility_usd_per_w: f64,
    pub heat_rate: f64,
    pub gas_usd_per_mmbtu: f64,
    pub pue: f64,
    pub capacity_factor: f64,
}

impl Inputs {
    pub fn from_values(v: &Values) -> Inputs {
        Inputs {
            target_w: v.get("target_gw") * 1e9,
            years: v.get("years"),
            launch_usd_per_kg: v.get("launch_usd_per_kg"),
            sat_usd_per_w: v.get("sat_usd_per_w"),
            w_per_kg: v.get("w_per_kg"),
            sat_w: v.get("sat_kw") * 1e3,
            sunlight: v.get("sunlight_pct") / 100.0,
            degradation: v.get("degradation_pct") / 100.0,
            gpu_fail: v.get("gpu_fail_pct") / 100.0,
            nre: v.get("nre_usd"),
            radiators: v.on("radiators"),
            radiator_c: v.get("radiator_c"),
            radiator_kg_m2: v.get("radiator_kg_m2"),
            turbine_usd_per_kw: v.get("turbine_usd_per_kw"),
            facility_usd_per_w: v.get("electrical_usd_per_w") + v.get("mechanical_usd_per_w") + v.get("civil_usd_per_w") + v.get("fitout_usd_per_w"),
            heat_rate: v.get("heat_rate"),
            gas_usd_per_mmbtu: v.get("gas_usd_per_mmbtu"),
            pue: v.get("pue"),
            capacity_factor: v.get("capacity_factor_pct") / 100.0,
        }
    }
}

/// The orbital side, in W, kg and US dollars.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Orbit {
    /// Mean over the years of the arrays' remaining output, (1 − degradation)^y.
    pub avg_cf: f64,
    pub satellites: f64,
    /// Solar power launched: satellites × satellite size.
    pub installed_w: f64,
    /// The satellites' mass (specific power), without radiators.
    pub mass_kg: f64,
    pub radiator_m2: f64,
    pub radiator_kg: f64,
    pub hardware: f64,
    pub launch: f64,
    pub radiator_launch: f64,
    pub operations: f64,
    pub replacement: f64,
    pub nre: f64,
    pub total: f64,
}

/// The ground side, in US dollars.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ground {
    pub turbines: f64,
    pub facility: f64,
    pub fuel: f64,
    pub total: f64,
    /// Energy delivered to the IT load over the period (the turbines' capacity factor applied).
    pub energy_mwh: f64,
}

pub fn orbit(i: &Inputs) -> Orbit {
    let r = 1.0 - i.degradation;
    let n = i.years.max(1.0);
    // Mean of r^y for y = 0..n−1 (a geometric series).
    let avg_cf = if i.degradation <= 0.0 { 1.0 } else { (1.0 - r.powf(n)) / (n * i.degradation) };
    let p0 = i.target_w / (avg_cf * i.sunlight);
    let satellites = (p0 / i.sat_w).ceil();
    let installed_w = satellites * i.sat_w;
    let mass_kg = installed_w / i.w_per_kg;
    let (radiator_m2, radiator_kg) = if i.radiators {
        let a = shared::radiator_area_m2(installed_w, i.radiator_c);
        (a, a * i.radiator_kg_m2)
    } else {
        (0.0, 0.0)
    };
    let hardware = i.sat_usd_per_w * installed_w;
    let launch = i.launch_usd_per_kg * mass_kg;
    let radiator_launch = i.launch_usd_per_kg * radiator_kg;
    let operations = OPS_SHARE * hardware * i.years;
    let replacement = i.gpu_fail * hardware * i.years;
    let total = hardware + launch + radiator_launch + operations + replacement + i.nre;
    Orbit {
        avg_cf,
        satellites,
        installed_w,
        mass_kg,
        radiator_m2,
        radiator_kg,
        hardware,
        launch,
        radiator_launch,
        operations,
        replacement,
        nre: i.nre,
        total,
    }
}

pub fn ground(i: &Inputs) -> Ground {
    let turbines = i.turbine_usd_per_kw * i.pue / 1000.0 * i.target_w;
    let facility = i.facility_usd_per_w * i.target_w;
    let energy_mwh = i.target_w / 1e6 * HOURS_PER_YEAR * i.years * i.capacity_factor;
    // $/MWh of fuel: BTU per kWh × $ per million BTU ÷ 1,000, for the facility's load (× PUE).
    let fuel = i.heat_rate * i.gas_usd_per_mmbtu / 1000.0 * i.pue * energy_mwh;
    Ground { turbines, facility, fuel, total: turbines + facility + fuel, energy_mwh }
}

/// The launch price ($/kg) at which orbit costs what the ground does, from both sides already
/// computed; NaN when even a free launch leaves orbit dearer.
pub fn break_even(o: &Orbit, g: &Ground) -> f64 {
    let rest = o.total - o.launch - o.radiator_launch;
    let p = (g.total - rest) / (o.mass_kg + o.radiator_kg);
    if p > 0.0 {
        p
    } else {
        f64::NAN
    }
}

/// A row of the comparison table: the orbital or the ground column.
const fn cell(key: &'static str, label: &'static str, unit: Unit, group: &'static str) -> OutputSpec {
    OutputSpec { group: Some(group), ..OutputSpec::new(key, label, unit) }
}

const ORBIT: &str = "In orbit";
const GROUND: &str = "On the ground";

static OUTPUTS: [OutputSpec; 23] = [
    OutputSpec { headline: true, ..OutputSpec::new("ratio", "Orbit costs, times the ground", TIMES) },
    OutputSpec { empty: "never, even at $0/kg", ..OutputSpec::new("break_even_usd_per_kg", "Launch price at which orbit breaks even", USD_PER_KG) },
    OutputSpec::new("mass_kg", "Mass to orbit", TONNES),
    OutputSpec::new("satellites", "Satellites", COUNT),
    OutputSpec::new("launches", "Launches of a 100 t vehicle", COUNT),
    OutputSpec { shown_if: RADIATORS, ..OutputSpec::new("radiator_area", "Radiator area", M2) },
    OutputSpec { shown_if: RADIATORS, ..OutputSpec::new("radiator_mass", "Radiator mass", TONNES) },
    OutputSpec { headline: true, ..cell("orbital_total", "Total", USD, ORBIT) },
    OutputSpec { headline: true, ..cell("terrestrial_total", "Total", USD, GROUND) },
    cell("orbital_usd_per_w", "Per watt", USD_PER_W, ORBIT),
    cell("terrestrial_usd_per_w", "Per watt", USD_PER_W, GROUND),
    cell("orbital_usd_per_mwh", "Per MWh", USD_PER_MWH, ORBIT),
    cell("terrestrial_usd_per_mwh", "Per MWh", USD_PER_MWH, GROUND),
    cell("hardware", "Satellite hardware", USD, ORBIT),
    cell("launch", "Launch", USD, ORBIT),
    OutputSpec { empty: "not included", ..cell("radiator_launch", "Radiator launch", USD, ORBIT) },
    cell("operations", "Operations", USD, ORBIT),
    cell("gpu_replacement", "GPU replacement", USD, ORBIT),
    cell("nre", "Engineering (NRE)", USD, ORBIT),
    cell("turbines", "Gas turbines", USD, GROUND),
    cell("facility", "Facility", USD, GROUND),
    cell("fuel", "Fuel", USD, GROUND),
    OutputSpec::new("fuel_usd_per_mwh", "Fuel per MWh delivered", USD_PER_MWH),
];

pub static ORBIT_VS_GROUND: Model = Model {
    id: "orbital-vs-terrestrial",
    title: "A gigawatt of compute: in orbit or on the ground?",
    params: &PARAMS,
    outputs: &OUTPUTS,
    logic: super::Logic::Rust { compute: readouts, chart, summary },
    version: 1,
    migrations: &[],
    uncertainty: crate::uncertainty::Spec {
        headline: "orbital_total",
        band: Some(("launch_usd_per_kg", &[("orbital_total", Emphasis::Primary), ("terrestrial_total", Emphasis::Secondary)])),
        claim: Some(crate::uncertainty::Claim {
            label: "Chance that orbit is cheaper than the ground",
            output: "orbital_total",
            below: Some("terrestrial_total"),
        }),
        defaults: &[
            crate::uncertainty::DefaultRange {
                key: "launch_usd_per_kg",
                lo: 200.0,
                hi: 2_720.0,
                source: "$200–$2,720/kg: Project Suncatcher's break-even to Falcon 9's list price",
            },
            crate::uncertainty::DefaultRange {
                key: "gas_usd_per_mmbtu",
                lo: 2.03,
                hi: 6.45,
                source: "$2.03–$6.45/MMBtu: Henry Hub annual averages 2020–2024 (EIA)",
            },
        ],
    },
};

/// The readouts, in the order of `OUTPUTS`.
fn readouts(v: &Values, out: &mut Vec<f64>) {
    let i = Inputs::from_values(v);
    let (o, g) = (orbit(&i), ground(&i));
    let mass = o.mass_kg + o.radiator_kg;
    let orbit_mwh = i.target_w / 1e6 * HOURS_PER_YEAR * i.years;
    let if_radiators = |x: f64| if i.radiators { x } else { f64::NAN };
    out.extend([
        o.total / g.total,
        break_even(&o, &g),
        mass,
        o.satellites,
        (mass / VEHICLE_KG).ceil(),
        if_radiators(o.radiator_m2),
        if_radiators(o.radiator_kg),
        o.total,
        g.total,
        o.total / i.target_w,
        g.total / i.target_w,
        o.total / orbit_mwh,
        g.total / g.energy_mwh,
        o.hardware,
        o.launch,
        if_radiators(o.radiator_launch),
        o.operations,
        o.replacement,
        o.nre,
        g.turbines,
        g.facility,
        g.fuel,
        g.fuel / g.energy_mwh,
    ]);
}

/// The breakdown (view 0) or both totals against the launch price (view 1).
fn chart(v: &Values) -> Chart {
    let i = Inputs::from_values(v);
    let (o, g) = (orbit(&i), ground(&i));
    let empty = Chart {
        x: Axis { label: "Cost over the period", unit: USD, log: false, min: 0.0, max: 1.0 },
        y: Axis { label: "", unit: USD, log: false, min: 0.0, max: 1.0 },
        series: Vec::new(),
        marks: Vec::new(),
        levels: Vec::new(),
        point: None,
        baseline: None,
        bands: Vec::new(),
        bars: Vec::new(),
    };
    if v.get("view") == 0.0 {
        let mut orbit_parts = vec![("Hardware", o.hardware, 0), ("Launch", o.launch, 1)];
        if i.radiators {
            orbit_parts.push(("Radiators", o.radiator_launch, 1));
        }
        orbit_parts.extend([("Operations", o.operations, 2), ("GPU replacement", o.replacement, 3), ("NRE", o.nre, 4)]);
        let top = o.total.max(g.total);
        // A tidy end: the next whole step of the leading digit (60B for 51.1B).
        let step = 10f64.powf(top.log10().floor());
        return Chart {
            x: Axis { max: (top / step).ceil() * step, ..empty.x },
            bars: vec![
                Bar { label: "In orbit", parts: orbit_parts },
                Bar { label: "On the ground", parts: vec![("Turbines", g.turbines, 2), ("Facility", g.facility, 0), ("Fuel", g.fuel, 1)] },
            ],
            ..empty
        };
    }
    let at = |price: f64| orbit(&Inputs { launch_usd_per_kg: price, ..i }).total;
    let xs = super::sample_with(PRICE_MIN, PRICE_MAX, 25, true, i.launch_usd_per_kg);
    let lo = at(PRICE_MIN).min(g.total);
    let hi = at(PRICE_MAX).max(g.total);
    let even = break_even(&o, &g);
    let mut marks = vec![
        Mark { x: 10.0, to: Some(20.0), label: "Starship goal", source: "Starship goal $10–20/kg (Musk, 2019–2022; aspirational)" },
        Mark { x: 2_720.0, to: None, label: "Falcon 9", source: "Falcon 9 $62M / 22,800 kg ≈ $2,720/kg (NASA Ames, ICES-2018-81)" },
    ];
    if even.is_finite() && (PRICE_MIN..=PRICE_MAX).contains(&even) {
        marks.insert(1, Mark { x: even, to: None, label: "Break-even", source: "" });
    }
    Chart {
        x: Axis { label: "Launch price", unit: USD_PER_KG, log: true, min: PRICE_MIN, max: PRICE_MAX },
        y: Axis { label: "Cost over the period", unit: USD, log: true, min: super::nice_floor(lo), max: super::nice_ceil(hi) },
        series: vec![
            Series { name: "In orbit".into(), points: xs.iter().map(|&x| (x, at(x))).collect(), emphasis: Emphasis::Primary },
            Series { name: "On the ground".into(), points: vec![(PRICE_MIN, g.total), (PRICE_MAX, g.total)], emphasis: Emphasis::Secondary },
        ],
        marks,
        point: Some(Point { x: i.launch_usd_per_kg, y: o.total, label: USD.format(o.total, 0) }),
        ..empty
    }
}

fn summary(v: &Values) -> String {
    let i = Inputs::from_values(v);
    let (o, g) = (orbit(&i), ground(&i));
    let even = break_even(&o, &g);
    let verdict = if o.total <= g.total {
        format!("orbit is cheaper, at {} of the ground's cost", PERCENT.format(o.total / g.total * 100.0, 0))
    } else {
        format!("orbit costs {} as much", TIMES.format(o.total / g.total, 0))
    };
    let even = if even.is_finite() {
        format!("Orbit breaks even at {}.", USD_PER_KG.format(even, 0))
    } else {
        "Even a free launch would leave orbit dearer.".to_string()
    };
    format!(
        "{} of compute for {} years costs {} in orbit ({} satellites, {} to launch at {}) and {} on the ground with gas turbines: {}. {}",
        GW.format(i.target_w / 1e9, 0),
        crate::units::quantity(i.years),
        USD.format(o.total, 0),
        COUNT.format(o.satellites, 0),
        TONNES.format(o.mass_kg + o.radiator_kg, 0),
        USD_PER_KG.format(i.launch_usd_per_kg, 0),
        USD.format(g.total, 0),
        verdict,
        even,
    )
}
