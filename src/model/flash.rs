//! `flash-scarcity`: all-flash vs hybrid (flash + disk) vs all-disk storage through the 2026
//! NAND shortage. Per architecture: raw capacity, drives, capex, electricity and total cost for
//! the capacity readers need, with erasure coding and data reduction in the picture; plus the
//! shortage multiplier at which all-flash and hybrid cost the same. `SOURCES.md` §3:
//! usable = raw × k/(k+p); effective = usable × reduction; drives = raw ÷ drive capacity
//! (rounded up: a partial drive is a whole drive; and never fewer than the k+p drives a stripe
//! spans); watts = drives × W per drive.

use super::shared::{self, electricity_cost};
use super::{Axis, Chart, Emphasis, Kind, Mark, Model, OutputSpec, ParamSpec, Point, Presets, Scale, Series, Values};
use crate::units::{Style, Unit, COUNT, PERCENT, PLAIN, USD};

/// The chart's and the slider's shortage-multiplier range.
pub const NAND_X_MIN: f64 = 1.0;
pub const NAND_X_MAX: f64 = 4.0;
/// The 2026 jump: 1 Tb TLC die $4.80 → $10.70.
pub const NAND_X_2026: f64 = 10.70 / 4.80;

const PB: Unit = Unit::fixed(Style::Quantity, " PB");
const TB: Unit = Unit::fixed(Style::Quantity, " TB");
const WATT: Unit = Unit::fixed(Style::Quantity, " W");
use super::shared::TIMES;
const TO_ONE: Unit = Unit::fixed(Style::Quantity, ":1");
use super::shared::USD_PER_TB;
const SHARDS: Unit = Unit::fixed(Style::Count, "");

const DETAILS: Option<&str> = Some("details");

/// Erasure-coding layouts as data + parity shards; 3× replication is one data copy and two more.
const fn codes(fills: &'static [&'static str]) -> Presets {
    Presets {
        fills,
        names: &["146-4", "8-2", "8-3", "3x", "custom"],
        labels: &["146+4", "8+2", "8+3", "3 copies", "Custom"],
        values: &[&[146.0, 4.0], &[8.0, 2.0], &[8.0, 3.0], &[1.0, 2.0]],
    }
}
static FLASH_CODES: Presets = codes(&["flash_k", "flash_p"]);
static DISK_CODES: Presets = codes(&["disk_k", "disk_p"]);
const CODE_SOURCE: &str =
    "Wide stripes 146+4 ≈ 2.7 % overhead (VAST), but a stripe needs k+p drives: 150 at least; 8+2 = 25 %; 8+3 = 37.5 %; 3× replication = 200 % (arithmetic)";

/// A shard count: data shards from 1 (`min` 1), parity shards from 0.
const fn shards(key: &'static str, label: &'static str, min: f64, max: f64, default: f64) -> ParamSpec {
    ParamSpec {
        key,
        label,
        kind: Kind::Number { min, max, step: 1.0, scale: Scale::Linear },
        unit: SHARDS,
        default,
        source: CODE_SOURCE,
        cite: "VAST Data (Jan 2026): wide stripes",
        shown_if: DETAILS,
        marks: &[],
    }
}

static PARAMS: [ParamSpec; 21] = [
    ParamSpec {
        key: "effective_pb",
        label: "Capacity needed (effective)",
        kind: Kind::Number { min: 1.0, max: 1000.0, step: 0.01, scale: Scale::Log },
        unit: PB,
        default: 100.0,
        source: "Illustrative: the shared storage of a large AI cluster (Solidigm's exabyte TCO study uses 1 EB)",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    shared::NAND_SHORTAGE,
    ParamSpec {
        key: "reduction",
        label: "Data reduction on flash",
        kind: Kind::Number { min: 1.0, max: 5.0, step: 0.01, scale: Scale::Linear },
        unit: TO_ONE,
        default: 1.87,
        source: "Median, capacity-weighted, across deployed exabytes (VAST Data, \"Scaling Through Flash Scarcity\", Jan 2026)",
        cite: "VAST Data, “Scaling Through Flash Scarcity with Purpose Built Architecture” (Jan 2026)",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "hot_pct",
        label: "Hot data (on flash in the hybrid)",
        kind: Kind::Number { min: 0.0, max: 100.0, step: 1.0, scale: Scale::Linear },
        unit: PERCENT,
        default: 20.0,
        source: "The essay's assumption: hot working sets are commonly 10–30 % of capacity",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    shared::SSD_PRICE,
    ParamSpec {
        key: "hdd_usd_per_tb",
        label: "HDD price",
        kind: Kind::Number { min: 5.0, max: 150.0, step: 0.1, scale: Scale::Linear },
        unit: USD_PER_TB,
        default: 49.0,
        source: "SAS HDD $0.049/GB, early 2025 (Computer Weekly); vendors claim HDD is 5–6× cheaper per TB (Western Digital, Seagate)",
        cite: "Computer Weekly (early 2025); Western Digital; Seagate",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "flash_ec",
        label: "Erasure coding on flash",
        kind: Kind::Preset(&FLASH_CODES),
        unit: PLAIN,
        default: 0.0,
        source: CODE_SOURCE,
        cite: "VAST Data (Jan 2026): 146+4 stripes",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "disk_ec",
        label: "Erasure coding on disk",
        kind: Kind::Preset(&DISK_CODES),
        unit: PLAIN,
        default: 1.0,
        source: "8+2 is common for disk pools; the same choices as for flash",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "disk_reduction",
        label: "Data reduction applies on disk too",
        kind: Kind::Toggle,
        unit: PLAIN,
        default: 0.0,
        source: "Off: the 1.87:1 is measured on all-flash systems; disk tiers often store data as written",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    ParamSpec::display("details", "Show drives, power and shard counts", Kind::Toggle),
    shards("flash_k", "Flash data shards", 1.0, 200.0, 146.0),
    shards("flash_p", "Flash parity shards (extra copies for replication)", 0.0, 16.0, 4.0),
    shards("disk_k", "Disk data shards", 1.0, 200.0, 8.0),
    shards("disk_p", "Disk parity shards (extra copies for replication)", 0.0, 16.0, 2.0),
    ParamSpec {
        key: "ssd_tb",
        label: "SSD capacity",
        kind: Kind::Number { min: 1.0, max: 256.0, step: 0.01, scale: Scale::Linear },
        unit: TB,
        default: 122.88,
        source: "122.88 TB QLC SSD (Solidigm, 2024–25); 245 TB announced",
        cite: "Solidigm (2024–25)",
        shown_if: DETAILS,
        marks: &[],
    },
    ParamSpec {
        key: "ssd_w",
        label: "SSD power",
        kind: Kind::Number { min: 1.0, max: 40.0, step: 0.1, scale: Scale::Linear },
        unit: WATT,
        default: 25.0,
        source: "QLC SSD 25 W active, 5 W idle (Solidigm spec sheets)",
        cite: "Solidigm spec sheets",
        shown_if: DETAILS,
        marks: &[],
    },
    ParamSpec {
        key: "hdd_tb",
        label: "HDD capacity",
        kind: Kind::Number { min: 1.0, max: 50.0, step: 0.1, scale: Scale::Linear },
        unit: TB,
        default: 30.0,
        source: "30–32 TB HAMR HDD (Seagate, 2024–25)",
        cite: "Seagate (2024–25)",
        shown_if: DETAILS,
        marks: &[],
    },
    ParamSpec {
        key: "hdd_w",
        label: "HDD power",
        kind: Kind::Number { min: 1.0, max: 20.0, step: 0.1, scale: Scale::Linear },
        unit: WATT,
        default: 10.5,
        source: "30 TB HDD ≈ 10.5 W, 0.35 W/TB (Seagate spec sheet)",
        cite: "Seagate spec sheet",
        shown_if: DETAILS,
        marks: &[],
    },
    ParamSpec { shown_if: DETAILS, ..shared::ELECTRICITY_PRICE },
    ParamSpec { shown_if: DETAILS, ..shared::PUE },
    ParamSpec {
        source: "A typical storage refresh cycle (the essay's assumption; Solidigm's exabyte TCO study uses 10 years)",
        cite: "",
        shown_if: DETAILS,
        ..shared::YEARS_OF_OPERATION
    },
];

/// The three architectures, in column order.
pub const ARCHITECTURES: [&str; 3] = ["All-flash", "Hybrid", "All-disk"];

/// One table row per measure, one column per architecture: `(key suffix, label, unit, headline)`.
const ROWS: [(&str, &str, Unit, bool); 7] = [
    ("raw", "Raw capacity", PB, false),
    ("ssds", "SSDs", COUNT, false),
    ("hdds", "HDDs", COUNT, false),
    ("capex", "Drives (capex)", USD, false),
    ("energy", "Electricity, whole period", USD, false),
    ("total", "Total cost", USD, false),
    ("per_tb", "Per effective TB", USD, true),
];

macro_rules! arch_outputs {
    ($($prefix:literal, $group:literal);*) => {
        [$(
            arch_output(concat!($prefix, "_raw"), 0, $group),
            arch_output(concat!($prefix, "_ssds"), 1, $group),
            arch_output(concat!($prefix, "_hdds"), 2, $group),
            arch_output(concat!($prefix, "_capex"), 3, $group),
            arch_output(concat!($prefix, "_energy"), 4, $group),
            arch_output(concat!($prefix, "_total"), 5, $group),
            arch_output(concat!($prefix, "_per_tb"), 6, $group),
        )*]
    };
}

const fn arch_output(key: &'static str, row: usize, group: &'static str) -> OutputSpec {
    OutputSpec { key, label: ROWS[row].1, unit: ROWS[row].2, shown_if: None, headline: ROWS[row].3, group: Some(group), empty: "" }
}

static OUTPUTS: [OutputSpec; 24] = {
    let t = arch_outputs!("allflash", "All-flash"; "hybrid", "Hybrid"; "alldisk", "All-disk");
    [
        OutputSpec {
            key: "break_even",
            label: "All-flash and hybrid cost the same at a NAND multiplier of",
            unit: TIMES,
            shown_if: None,
            headline: true,
            group: None,
            empty: "never",
        },
        OutputSpec {
            key: "backup_flash",
            label: "A backup copy of the cold data, on flash",
            unit: USD,
            shown_if: None,
            headline: false,
            group: None,
            empty: "no cold data",
        },
        OutputSpec {
            key: "backup_disk",
            label: "The same copy on disk",
            unit: USD,
            shown_if: None,
            headline: false,
            group: None,
            empty: "no cold data",
        },
        t[0],
        t[1],
        t[2],
        t[3],
        t[4],
        t[5],
        t[6],
        t[7],
        t[8],
        t[9],
        t[10],
        t[11],
        t[12],
        t[13],
        t[14],
        t[15],
        t[16],
        t[17],
        t[18],
        t[19],
        t[20],
    ]
};

/// The inputs, typed. Capacities in TB (`effective_pb` in PB), prices in US dollars.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    pub effective_pb: f64,
    pub nand_x: f64,
    pub reduction: f64,
    pub hot_pct: f64,
    pub ssd_usd_per_tb: f64,
    pub hdd_usd_per_tb: f64,
    pub disk_reduction: bool,
    pub flash_k: f64,
    pub flash_p: f64,
    pub disk_k: f64,
    pub disk_p: f64,
    pub ssd_tb: f64,
    pub ssd_w: f64,
    pub hdd_tb: f64,
    pub hdd_w: f64,
    pub usd_per_mwh: f64,
    pub pue: f64,
    pub years: f64,
}

impl Inputs {
    pub fn from_values(v: &Values) -> Inputs {
        Inputs {
            effective_pb: v.get("effective_pb"),
            nand_x: v.get("nand_x"),
            reduction: v.get("reduction"),
            hot_pct: v.get("hot_pct"),
            ssd_usd_per_tb: v.get("ssd_usd_per_tb"),
            hdd_usd_per_tb: v.get("hdd_usd_per_tb"),
            disk_reduction: v.on("disk_reduction"),
            flash_k: v.get("flash_k"),
            flash_p: v.get("flash_p"),
            disk_k: v.get("disk_k"),
            disk_p: v.get("disk_p"),
            ssd_tb: v.get("ssd_tb"),
            ssd_w: v.get("ssd_w"),
            hdd_tb: v.get("hdd_tb"),
            hdd_w: v.get("hdd_w"),
            usd_per_mwh: v.get("usd_per_mwh"),
            pue: v.get("pue"),
            years: v.get("years"),
        }
    }

    /// The data reduction ratio on the disk tier.
    fn disk_ratio(&self) -> f64 {
        if self.disk_reduction {
            self.reduction
        } else {
            1.0
        }
    }
}

/// One kind of drive holding some effective capacity.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tier {
    /// Raw capacity needed, TB: effective ÷ reduction × (k+p)/k.
    pub raw_tb: f64,
    /// Whole drives: raw ÷ drive capacity, rounded up, at least k+p (one stripe's width).
    pub drives: f64,
    /// Drives × drive capacity × $/TB.
    pub capex: f64,
    /// Electricity for the drives over the period, with facility overhead.
    pub energy: f64,
}

impl Tier {
    pub fn total(&self) -> f64 {
        self.capex + self.energy
    }
}

/// Drives for `effective_tb` of data reduced `ratio`:1 and coded `k`+`p`.
#[allow(clippy::too_many_arguments)]
pub fn tier(i: &Inputs, effective_tb: f64, ratio: f64, k: f64, p: f64, drive_tb: f64, usd_per_tb: f64, watts: f64) -> Tier {
    let raw_tb = effective_tb / ratio * (k + p) / k;
    // A hair of slack so that float noise in an exact fit does not buy one more drive.
    let needed = (raw_tb / drive_tb * (1.0 - 1e-12)).ceil();
    // A k+p stripe spans k+p drives: a small tier with a wide stripe still needs that many.
    let drives = if effective_tb > 0.0 { needed.max(k + p) } else { 0.0 };
    Tier { raw_tb, drives, capex: drives * drive_tb * usd_per_tb, energy: electricity_cost(drives * watts, i.pue, i.years, i.usd_per_mwh) }
}

/// Flash holding `effective_tb`, at the current shortage.
pub fn flash(i: &Inputs, effective_tb: f64) -> Tier {
    tier(i, effective_tb, i.reduction, i.flash_k, i.flash_p, i.ssd_tb, i.ssd_usd_per_tb * i.nand_x, i.ssd_w)
}

/// Disk holding `effective_tb`.
pub fn disk(i: &Inputs, effective_tb: f64) -> Tier {
    tier(i, effective_tb, i.disk_ratio(), i.disk_k, i.disk_p, i.hdd_tb, i.hdd_usd_per_tb, i.hdd_w)
}

/// One architecture: its flash and disk tiers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arch {
    pub flash: Tier,
    pub disk: Tier,
}

impl Arch {
    pub fn total(&self) -> f64 {
        self.flash.total() + self.disk.total()
    }
}

/// All-flash, hybrid and all-disk, for the inputs' capacity.
pub fn architectures(i: &Inputs) -> [Arch; 3] {
    let e = i.effective_pb * 1000.0;
    let hot = e * i.hot_pct / 100.0;
    [
        Arch { flash: flash(i, e), disk: Tier::default() },
        Arch { flash: flash(i, hot), disk: disk(i, e - hot) },
        Arch { flash: Tier::default(), disk: disk(i, e) },
    ]
}

/// How all-flash and the hybrid compare as the NAND price moves: both totals are straight lines
/// in the shortage multiplier (only the SSD price moves).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BreakEven {
    /// They cost the same at this multiplier (> 0): all-flash is cheaper below it.
    At(f64),
    /// All-flash is cheaper at any multiplier.
    AllFlashCheaper,
    /// The hybrid is cheaper at any multiplier.
    HybridCheaper,
    /// They are the same system (all data hot, or the same drives): the same cost at any price.
    Same,
}

/// Where all-flash and the hybrid meet (see [`BreakEven`]).
pub fn relation(i: &Inputs) -> BreakEven {
    // Each total is intercept (at 0×) + slope × multiplier.
    let ([b_af, b_hy, _], [t_af, t_hy, _]) = (totals_at(i, 0.0), totals_at(i, 1.0));
    let (a_af, a_hy) = (t_af - b_af, t_hy - b_hy);
    let same = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    if same(a_af, a_hy) && same(b_af, b_hy) {
        return BreakEven::Same;
    }
    let m = (b_hy - b_af) / (a_af - a_hy);
    if m > 0.0 && m.is_finite() && !same(a_af, a_hy) {
        return BreakEven::At(m);
    }
    // No crossing above 0: one is cheaper everywhere; compare at the chart's middle.
    let [af, hy, _] = totals_at(i, (NAND_X_MIN + NAND_X_MAX) / 2.0);
    if af < hy {
        BreakEven::AllFlashCheaper
    } else {
        BreakEven::HybridCheaper
    }
}

/// The shortage multiplier at which all-flash and hybrid cost the same, or NaN when no positive
/// multiplier does (one is cheaper at any flash price, or they are the same system).
pub fn break_even(i: &Inputs) -> f64 {
    match relation(i) {
        BreakEven::At(m) => m,
        _ => f64::NAN,
    }
}

/// The three architectures' totals at shortage multiplier `m`, the other inputs as they are.
pub fn totals_at(i: &Inputs, m: f64) -> [f64; 3] {
    architectures(&Inputs { nand_x: m, ..*i }).map(|a| a.total())
}

/// What one extra copy of the cold data costs on flash and on disk: `(flash, disk)`; NaN when
/// all the data is hot.
pub fn cold_backup(i: &Inputs) -> (f64, f64) {
    let cold = i.effective_pb * 1000.0 * (1.0 - i.hot_pct / 100.0);
    if cold <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    (flash(i, cold).total(), disk(i, cold).total())
}

pub static FLASH: Model = Model {
    id: "flash-scarcity",
    title: "All-flash, hybrid or disk when NAND is scarce",
    params: &PARAMS,
    outputs: &OUTPUTS,
    logic: super::Logic::Rust { compute: readouts, chart, summary },
    version: 1,
    migrations: &[],
    uncertainty: crate::uncertainty::Spec {
        headline: "hybrid_total",
        band: Some((
            "nand_x",
            &[("allflash_total", Emphasis::Primary), ("hybrid_total", Emphasis::Secondary), ("alldisk_total", Emphasis::Tertiary)],
        )),
        claim: Some(crate::uncertainty::Claim {
            label: "Chance that the hybrid is cheaper than all-flash",
            output: "hybrid_total",
            below: Some("allflash_total"),
        }),
        defaults: &[shared::NAND_RANGE],
    },
};

/// The readouts, in the order of `OUTPUTS`.
fn readouts(v: &Values, out: &mut Vec<f64>) {
    let i = Inputs::from_values(v);
    let e_tb = i.effective_pb * 1000.0;
    let (backup_flash, backup_disk) = cold_backup(&i);
    out.extend([break_even(&i), backup_flash, backup_disk]);
    for a in architectures(&i) {
        let total = a.total();
        out.extend([
            (a.flash.raw_tb + a.disk.raw_tb) / 1000.0,
            a.flash.drives,
            a.disk.drives,
            a.flash.capex + a.disk.capex,
            a.flash.energy + a.disk.energy,
            total,
            total / e_tb,
        ]);
    }
}

fn chart(v: &Values) -> Chart {
    let i = Inputs::from_values(v);
    let at = |m: f64| totals_at(&i, m);
    let (lo, hi) = (at(NAND_X_MIN), at(NAND_X_MAX));
    let emphasis = [Emphasis::Primary, Emphasis::Secondary, Emphasis::Tertiary];
    let series = (0..3)
        .map(|k| Series { name: ARCHITECTURES[k].into(), points: vec![(NAND_X_MIN, lo[k]), (NAND_X_MAX, hi[k])], emphasis: emphasis[k] })
        .collect();
    let mark = |x: f64, label: &'static str, source: &'static str| Mark { x, to: None, label, source };
    let mut marks = vec![
        mark(1.0, "Pre-shortage", "pre-shortage SSD price, early 2025 (Computer Weekly)"),
        mark(NAND_X_2026, "2026: +123 %", "NAND die $4.80 → $10.70, +123 % (Phison via DigiTimes, 2025)"),
    ];
    let m = break_even(&i);
    if (NAND_X_MIN..=NAND_X_MAX).contains(&m) {
        marks.push(mark(m, "All-flash = hybrid", "break-even computed from the inputs above"));
    }
    marks.sort_by(|a, b| a.x.total_cmp(&b.x));
    let here = at(i.nand_x)[0];
    Chart {
        x: Axis { label: "NAND shortage multiplier", unit: TIMES, log: false, min: NAND_X_MIN, max: NAND_X_MAX },
        y: Axis {
            label: "Total cost over the period",
            unit: USD,
            log: false,
            min: 0.0,
            max: super::nice_ceil(hi.iter().chain(&lo).fold(0.0, |a, &b| a.max(b))),
        },
        series,
        marks,
        levels: vec![],
        baseline: None,
        bands: Vec::new(),
        bars: Vec::new(),
        point: Some(Point { x: i.nand_x, y: here, label: USD.format(here, 0) }),
    }
}

fn summary(v: &Values) -> String {
    let i = Inputs::from_values(v);
    let [af, hy, ad] = architectures(&i).map(|a| a.total());
    format!(
        "For {} of effective capacity over {}, at {} the pre-shortage SSD price, all-flash costs {}, a hybrid with {} of data on flash {}, and all-disk {}; {}",
        PB.format(i.effective_pb, 0),
        COUNT.format(i.years, 0) + if i.years == 1.0 { " year" } else { " years" },
        TIMES.format(i.nand_x, 0),
        USD.format(af, 0),
        PERCENT.format(i.hot_pct, 0),
        USD.format(hy, 0),
        USD.format(ad, 0),
        match relation(&i) {
            BreakEven::At(m) if (m - i.nand_x).abs() < 0.005 => "this is the price at which all-flash and hybrid cost the same.".to_string(),
            BreakEven::At(m) => format!("all-flash and hybrid cost the same at {} the pre-shortage price.", TIMES.format(m, 0)),
            BreakEven::AllFlashCheaper => "all-flash costs less than the hybrid at any flash price.".to_string(),
            BreakEven::HybridCheaper => "all-flash costs more than the hybrid at any flash price.".to_string(),
            BreakEven::Same => "with all the data hot, the hybrid is all-flash, at the same cost.".to_string(),
        },
    )
}
