//! `kv-cache`: how much memory a long conversation's attention cache (KV cache) needs, where a
//! fleet of sessions' caches live (HBM after the weights, host DRAM, flash), what the flash costs,
//! and when reloading a cached prefix beats recomputing it. Hand calculations: `SOURCES.md` §4:
//! Llama 3.1 70B at 128K tokens in BF16 = 2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B per
//! token × 131,072 tokens = 42.9 GB per session.

use super::shared;
use super::{Axis, Chart, Emphasis, Kind, Mark, Model, OutputSpec, ParamSpec, Point, Presets, Scale, Series, Values};
use crate::units::{Style, Unit, COUNT, PLAIN, USD};

const TOKENS: Unit = Unit::fixed(Style::Count, " tokens");
const TOKENS_PER_S: Unit = Unit::fixed(Style::Count, " tokens/s");
const GB: Unit = Unit::fixed(Style::Quantity, " GB");
const TB: Unit = Unit::fixed(Style::Quantity, " TB");
const GB_PER_S: Unit = Unit::fixed(Style::Quantity, " GB/s");
const BYTES: Unit = Unit::fixed(Style::Si, "B");
const BYTES_PER_TOKEN: Unit = Unit::fixed(Style::Count, " B");
const SECONDS: Unit = Unit::fixed(Style::Duration, "");
const BILLIONS: Unit = Unit::fixed(Style::Quantity, "B");

/// The context-length axis: 1K to 1M tokens.
pub const CONTEXT_MIN: f64 = 1_000.0;
pub const CONTEXT_MAX: f64 = 1_048_576.0;
/// Bytes per cached element for each KV precision (BF16, FP8, FP4).
pub const PRECISION_BYTES: [f64; 3] = [2.0, 1.0, 0.5];

const DETAILS: Option<&str> = Some("details");
const LLAMA: &str = "Meta, Llama 3.1 model cards and config.json (2024)";
const DGX: &str = "NVIDIA DGX H100 datasheet";

/// The architecture numbers each model preset fills, in this order.
const FILLS: [&str; 9] = ["layers", "kv_heads", "head_dim", "latent_dim", "window_layers", "window", "active_b", "attn_dim", "weights_gb"];

static MODELS: Presets = Presets {
    fills: &FILLS,
    names: &["llama-3.1-70b", "llama-3.1-405b", "deepseek-v3", "gpt-oss-120b", "custom"],
    labels: &["Llama 3.1 70B", "Llama 3.1 405B", "DeepSeek-V3 (MLA)", "gpt-oss-120b", "Custom"],
    values: &[
        // 64 query heads × 128; weights in BF16.
        &[80.0, 8.0, 128.0, 0.0, 0.0, 0.0, 70.6, 8_192.0, 141.0],
        // 128 query heads × 128; Meta's FP8 weights.
        &[126.0, 8.0, 128.0, 0.0, 0.0, 0.0, 405.0, 16_384.0, 405.0],
        // MLA caches a 512-wide latent plus a 64-wide RoPE key per layer; 37B active of 671B, FP8.
        &[61.0, 1.0, 128.0, 576.0, 0.0, 0.0, 37.0, 24_576.0, 671.0],
        // Half the layers attend to a 128-token window; 5.1B active of 117B, MXFP4 (60.8 GiB).
        &[36.0, 8.0, 64.0, 0.0, 18.0, 128.0, 5.1, 4_096.0, 65.3],
    ],
};

/// An architecture number, filled by the model preset and shown with the details.
const fn arch(
    key: &'static str,
    label: &'static str,
    (min, max, step): (f64, f64, f64),
    unit: Unit,
    default: f64,
    source: &'static str,
) -> ParamSpec {
    ParamSpec { shown_if: DETAILS, ..ParamSpec::number(key, label, (min, max, step, Scale::Linear), unit, default, source, LLAMA) }
}

static PARAMS: [ParamSpec; 24] = [
    ParamSpec::display("view", "Chart", Kind::View(&["size", "time"], &["Cache size", "Reload vs recompute"])),
    ParamSpec {
        key: "model",
        label: "Model",
        kind: Kind::Preset(&MODELS),
        unit: PLAIN,
        default: 0.0,
        source: "Layers, KV heads and head size from each model's published configuration (Meta; DeepSeek-V3 report; OpenAI gpt-oss model card)",
        cite: "Meta Llama 3.1 model cards; DeepSeek-V3 Technical Report (2024); OpenAI gpt-oss model card (2025)",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        key: "kv_precision",
        label: "KV cache precision",
        kind: Kind::Choice(&["BF16", "FP8", "FP4"]),
        unit: PLAIN,
        default: 0.0,
        source: "2, 1 or ½ byte per cached number; serving stacks (vLLM, TensorRT-LLM) offer FP8 KV caches, FP4 is emerging",
        cite: "",
        shown_if: None,
        marks: &[],
    },
    ParamSpec {
        marks: &[(8_192.0, "8K"), (131_072.0, "128K"), (1_048_576.0, "1M")],
        ..ParamSpec::number(
            "context",
            "Context length",
            (CONTEXT_MIN, CONTEXT_MAX, 1.0, Scale::Log),
            TOKENS,
            131_072.0,
            "Llama 3.1 accepts 128K tokens (131,072); long agentic sessions reach it",
            LLAMA,
        )
    },
    ParamSpec::number(
        "sessions",
        "Concurrent sessions",
        (1.0, 100_000.0, 1.0, Scale::Log),
        COUNT,
        100.0,
        "Illustrative: conversations whose caches are kept warm for one 8-GPU instance",
        "",
    ),
    ParamSpec {
        marks: &[(80.0, "H100"), (141.0, "H200"), (180.0, "B200"), (288.0, "B300")],
        ..ParamSpec::number(
            "hbm_gb",
            "HBM per GPU",
            (16.0, 400.0, 1.0, Scale::Linear),
            GB,
            80.0,
            "H100 SXM 80 GB, H200 141 GB, B200 180 GB (DGX B200), B300 288 GB (NVIDIA datasheets)",
            "NVIDIA H100, H200, DGX B200 and B300 datasheets",
        )
    },
    ParamSpec::number("gpus_per_instance", "GPUs per instance", (1.0, 72.0, 1.0, Scale::Linear), COUNT, 8.0, "A DGX/HGX server: 8 GPUs", DGX),
    ParamSpec::number("dram_tb", "Host DRAM", (0.0, 32.0, 0.01, Scale::Linear), TB, 2.0, "DGX H100: 2 TB of system memory", DGX),
    ParamSpec::number("flash_tb", "Flash for KV cache", (0.0, 1_000.0, 0.01, Scale::Linear), TB, 30.72, "DGX H100: 8 × 3.84 TB NVMe for data", DGX),
    shared::SSD_PRICE,
    shared::NAND_SHORTAGE,
    ParamSpec::number(
        "dram_gb_s",
        "DRAM → GPU read bandwidth",
        (10.0, 4_000.0, 1.0, Scale::Log),
        GB_PER_S,
        512.0,
        "PCIe 5.0 ×16: 64 GB/s each way per GPU, × 8 GPUs (PCI-SIG)",
        "PCI-SIG, PCI Express 5.0 specification",
    ),
    ParamSpec::number(
        "flash_gb_s",
        "Flash → GPU read bandwidth",
        (0.1, 1_000.0, 0.1, Scale::Log),
        GB_PER_S,
        56.0,
        "8 PCIe 4.0 NVMe drives × ~7 GB/s sequential read (Samsung PM1733 datasheet)",
        "Samsung PM1733 datasheet",
    ),
    ParamSpec::number(
        "prefill_tok_s",
        "Prefill throughput (short prompts)",
        (100.0, 1_000_000.0, 1.0, Scale::Log),
        TOKENS_PER_S,
        20_000.0,
        "calc: 8 × H100 at 989 TFLOPS (BF16 dense) × ~40 % utilisation ÷ (2 × 70.6B FLOPs per token) ≈ 22,000 tokens/s; longer prompts add attention work",
        "NVIDIA H100 datasheet (989 TFLOPS BF16 dense)",
    ),
    ParamSpec::display("details", "Show the model's architecture", Kind::Toggle),
    arch("layers", "Layers", (1.0, 200.0, 1.0), COUNT, 80.0, "Llama 3.1 70B: 80 layers"),
    arch("kv_heads", "KV heads (grouped-query attention)", (1.0, 128.0, 1.0), COUNT, 8.0, "Llama 3.1 70B: 8 KV heads for 64 query heads"),
    arch("head_dim", "Head size", (16.0, 512.0, 1.0), COUNT, 128.0, "Llama 3.1 70B: 128"),
    arch(
        "latent_dim",
        "Latent per layer (MLA; 0 = none)",
        (0.0, 4_096.0, 1.0),
        COUNT,
        0.0,
        "DeepSeek-V3's multi-head latent attention caches 512 + 64 numbers per token and layer instead of K and V",
    ),
    arch("window_layers", "Sliding-window layers", (0.0, 199.0, 1.0), COUNT, 0.0, "gpt-oss-120b: every other layer attends to a 128-token window"),
    arch("window", "Window", (0.0, 131_072.0, 1.0), TOKENS, 0.0, "gpt-oss-120b: 128 tokens"),
    arch("active_b", "Active parameters", (0.1, 2_000.0, 0.1), BILLIONS, 70.6, "Llama 3.1 70B: 70.6B; mixture-of-experts models count the active ones"),
    arch("attn_dim", "Attention width (query heads × head size)", (256.0, 65_536.0, 1.0), COUNT, 8_192.0, "Llama 3.1 70B: 64 × 128"),
    arch("weights_gb", "Weights in HBM", (1.0, 4_000.0, 0.1), GB, 141.0, "Llama 3.1 70B in BF16: 70.6B × 2 B ≈ 141 GB"),
];

/// The inputs, typed: sizes in bytes, bandwidth in bytes/s, money in US dollars.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    pub bytes_per_number: f64,
    pub context: f64,
    pub sessions: f64,
    pub hbm_bytes: f64,
    pub dram_bytes: f64,
    pub flash_bytes: f64,
    pub usd_per_tb: f64,
    pub dram_bps: f64,
    pub flash_bps: f64,
    pub prefill_tok_s: f64,
    pub layers: f64,
    pub kv_heads: f64,
    pub head_dim: f64,
    pub latent_dim: f64,
    pub window_layers: f64,
    pub window: f64,
    pub active_params: f64,
    pub attn_dim: f64,
    pub weights_bytes: f64,
}

impl Inputs {
    pub fn from_values(v: &Values) -> Inputs {
        let precision = (v.get("kv_precision") as usize).min(2);
        Inputs {
            bytes_per_number: PRECISION_BYTES[precision],
            context: v.get("context"),
            sessions: v.get("sessions"),
            hbm_bytes: v.get("hbm_gb") * v.get("gpus_per_instance") * 1e9,
            dram_bytes: v.get("dram_tb") * 1e12,
            flash_bytes: v.get("flash_tb") * 1e12,
            usd_per_tb: v.get("ssd_usd_per_tb") * v.get("nand_x"),
            dram_bps: v.get("dram_gb_s") * 1e9,
            flash_bps: v.get("flash_gb_s") * 1e9,
            prefill_tok_s: v.get("prefill_tok_s"),
            layers: v.get("layers"),
            kv_heads: v.get("kv_heads"),
            head_dim: v.get("head_dim"),
            latent_dim: v.get("latent_dim"),
            window_layers: v.get("window_layers"),
            window: v.get("window"),
            active_params: v.get("active_b") * 1e9,
            attn_dim: v.get("attn_dim"),
            weights_bytes: v.get("weights_gb") * 1e9,
        }
    }

    /// Bytes one layer caches per token: K and V for each KV head, or MLA's latent.
    pub fn per_layer(&self) -> f64 {
        if self.latent_dim > 0.0 {
            self.latent_dim * self.bytes_per_number
        } else {
            2.0 * self.kv_heads * self.head_dim * self.bytes_per_number
        }
    }

    /// Sliding-window layers (at least one layer attends to everything).
    fn windowed(&self) -> f64 {
        self.window_layers.min(self.layers - 1.0).max(0.0)
    }

    /// One session's cache at `tokens` of context: full layers keep every token, windowed
    /// layers the last `window`.
    pub fn session_bytes(&self, tokens: f64) -> f64 {
        let w = self.windowed();
        self.per_layer() * ((self.layers - w) * tokens + w * tokens.min(self.window))
    }

    /// Seconds to recompute a `tokens`-long prefix: the weights' 2 FLOPs per parameter and token
    /// at the short-prompt rate, plus attention, 2 × width FLOPs per pair of tokens a layer
    /// relates (half the square in a full layer, at most the window in a windowed one).
    pub fn recompute_s(&self, tokens: f64) -> f64 {
        let w = self.windowed();
        let m = tokens.min(self.window);
        let pairs = (self.layers - w) * tokens * tokens / 2.0 + w * (tokens * m - m * m / 2.0);
        let flops = 2.0 * self.active_params * tokens + 4.0 * self.attn_dim * pairs;
        flops / (2.0 * self.active_params * self.prefill_tok_s)
    }
}

/// Where a fleet's caches go, in bytes: HBM after the weights first, then DRAM, then flash.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub session: f64,
    pub total: f64,
    pub hbm_free: f64,
    pub in_hbm: f64,
    pub in_dram: f64,
    /// Flash needed (beyond HBM and DRAM), whether or not the flash tier holds it.
    pub flash_needed: f64,
    /// What does not fit even on the flash.
    pub overflow: f64,
}

pub fn placement(i: &Inputs) -> Placement {
    let session = i.session_bytes(i.context);
    let total = session * i.sessions;
    let hbm_free = (i.hbm_bytes - i.weights_bytes).max(0.0);
    let in_hbm = total.min(hbm_free);
    let in_dram = (total - in_hbm).min(i.dram_bytes);
    let flash_needed = total - in_hbm - in_dram;
    Placement { session, total, hbm_free, in_hbm, in_dram, flash_needed, overflow: (flash_needed - i.flash_bytes).max(0.0) }
}

/// The context length from which reloading a prefix from flash is quicker than recomputing it
/// (recomputing grows with the square of the length, reloading in proportion); NaN when
/// reloading wins at any length. Recompute − reload is a quadratic in the length on each side of
/// the window: its positive root, on the side where it falls.
pub fn break_even_tokens(i: &Inputs) -> f64 {
    let (p, n, r, d) = (i.per_layer(), i.active_params, i.prefill_tok_s, i.attn_dim);
    let (layers, w, win) = (i.layers, i.windowed(), i.window);
    let root = |a: f64, b: f64, c: f64| (-b + (b * b - 4.0 * a * c).max(0.0).sqrt()) / (2.0 * a);
    // Past the window: the windowed layers' cache and attention stop growing.
    let a = d * (layers - w) / (n * r);
    let long =
        root(a, 1.0 / r + 2.0 * d * w * win / (n * r) - p * (layers - w) / i.flash_bps, -d * w * win * win / (n * r) - p * w * win / i.flash_bps);
    // Within it, every layer is a full one.
    let t = if long >= win { long } else { (p * layers / i.flash_bps - 1.0 / r) / (d * layers / (n * r)) };
    if t >= 1.0 {
        t
    } else {
        f64::NAN
    }
}

static OUTPUTS: [OutputSpec; 14] = [
    OutputSpec { headline: true, ..OutputSpec::new("session_bytes", "KV cache per session", BYTES) },
    OutputSpec { headline: true, ..OutputSpec::new("flash_usd", "Flash for the overflow, at shortage prices", USD) },
    OutputSpec::new("bytes_per_token", "Bytes per token", BYTES_PER_TOKEN),
    OutputSpec::new("hbm_free", "HBM left after the weights", BYTES),
    OutputSpec::new("sessions_in_hbm", "Sessions that fit in HBM", COUNT),
    OutputSpec::new("total_bytes", "Cache for all sessions", BYTES),
    OutputSpec::new("in_hbm", "… in HBM", BYTES),
    OutputSpec::new("in_dram", "… in host DRAM", BYTES),
    OutputSpec::new("flash_needed", "… on flash", BYTES),
    OutputSpec { empty: "nothing", ..OutputSpec::new("overflow", "Beyond the flash you have", BYTES) },
    OutputSpec::new("reload_dram", "Reload one session from DRAM", SECONDS),
    OutputSpec::new("reload_flash", "Reload one session from flash", SECONDS),
    OutputSpec::new("recompute", "Recompute its prefix instead", SECONDS),
    OutputSpec { empty: "any length", ..OutputSpec::new("flash_beats_recompute", "Flash reload beats recompute from", TOKENS) },
];

pub static KV_CACHE: Model = Model {
    id: "kv-cache",
    title: "How much memory a long conversation needs",
    params: &PARAMS,
    outputs: &OUTPUTS,
    logic: super::Logic::Rust { compute: readouts, chart, summary },
    version: 1,
    migrations: &[],
    uncertainty: crate::uncertainty::Spec {
        headline: "flash_usd",
        band: Some(("context", &[("session_bytes", Emphasis::Primary)])),
        claim: Some(crate::uncertainty::Claim {
            label: "Chance that reloading from flash beats recomputing",
            output: "reload_flash",
            below: Some("recompute"),
        }),
        defaults: &[shared::NAND_RANGE],
    },
};

/// The readouts, in the order of `OUTPUTS`.
fn readouts(v: &Values, out: &mut Vec<f64>) {
    let i = Inputs::from_values(v);
    let p = placement(&i);
    out.extend([
        p.session,
        p.flash_needed / 1e12 * i.usd_per_tb,
        p.session / i.context,
        p.hbm_free,
        (p.hbm_free / p.session).floor(),
        p.total,
        p.in_hbm,
        p.in_dram,
        p.flash_needed,
        if p.overflow > 0.0 { p.overflow } else { f64::NAN },
        p.session / i.dram_bps,
        p.session / i.flash_bps,
        i.recompute_s(i.context),
        break_even_tokens(&i),
    ]);
}

/// One session's cache against the context length, with the tiers' capacities (view 0), or the
/// time to reload it from each tier against recomputing it (view 1).
fn chart(v: &Values) -> Chart {
    let i = Inputs::from_values(v);
    let xs = super::sample_with(CONTEXT_MIN, CONTEXT_MAX, 25, true, i.context);
    let line = |f: &dyn Fn(f64) -> f64| xs.iter().map(|&x| (x, f(x))).collect::<Vec<_>>();
    // Ticks read 1K … 1M; the title names the unit.
    let x = Axis { label: "Tokens of context", unit: COUNT, log: true, min: CONTEXT_MIN, max: CONTEXT_MAX };
    if v.get("view") == 0.0 {
        let p = placement(&i);
        let mut levels: Vec<Mark> = [
            (p.hbm_free, "HBM left after the weights"),
            (p.hbm_free + i.dram_bytes, "+ host DRAM"),
            (p.hbm_free + i.dram_bytes + i.flash_bytes, "+ flash"),
        ]
        .into_iter()
        .filter(|(b, _)| *b > 0.0)
        .map(|(b, label)| Mark { x: b, to: None, label, source: "" })
        .collect();
        levels.dedup_by(|a, b| a.x == b.x);
        let lo = i.session_bytes(CONTEXT_MIN);
        let hi = levels.iter().map(|m| m.x).fold(i.session_bytes(CONTEXT_MAX), f64::max);
        return Chart {
            x,
            y: Axis { label: "KV cache per session", unit: BYTES, log: true, min: super::nice_floor(lo), max: super::nice_ceil(hi * 1.5) },
            series: vec![Series { name: "KV cache per session".into(), points: line(&|t| i.session_bytes(t)), emphasis: Emphasis::Primary }],
            marks: vec![],
            levels,
            point: Some(Point { x: i.context, y: p.session, label: BYTES.format(p.session, 0) }),
            baseline: None,
            bands: Vec::new(),
            bars: Vec::new(),
        };
    }
    let flash = line(&|t| i.session_bytes(t) / i.flash_bps);
    let dram = line(&|t| i.session_bytes(t) / i.dram_bps);
    let recompute = line(&|t| i.recompute_s(t));
    let all = flash.iter().chain(&dram).chain(&recompute).map(|p| p.1);
    let (lo, hi) = all.fold((f64::MAX, 0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let even = break_even_tokens(&i);
    let marks = if even.is_finite() && (CONTEXT_MIN..=CONTEXT_MAX).contains(&even) {
        vec![Mark { x: even, to: None, label: "Flash beats recompute", source: "" }]
    } else {
        vec![]
    };
    let here = i.session_bytes(i.context) / i.flash_bps;
    Chart {
        x,
        y: Axis { label: "Time per session", unit: SECONDS, log: true, min: super::nice_floor(lo), max: super::nice_ceil(hi) },
        series: vec![
            Series { name: "Recompute the prefix".into(), points: recompute, emphasis: Emphasis::Secondary },
            Series { name: "Reload from DRAM".into(), points: dram, emphasis: Emphasis::Tertiary },
            Series { name: "Reload from flash".into(), points: flash, emphasis: Emphasis::Primary },
        ],
        marks,
        levels: vec![],
        point: Some(Point { x: i.context, y: here, label: SECONDS.format(here, 0) }),
        baseline: None,
        bands: Vec::new(),
        bars: Vec::new(),
    }
}

fn summary(v: &Values) -> String {
    let i = Inputs::from_values(v);
    let p = placement(&i);
    let (reload, recompute) = (p.session / i.flash_bps, i.recompute_s(i.context));
    let flash = if p.flash_needed > 0.0 {
        format!("{} spill to flash, {} at shortage prices", BYTES.format(p.flash_needed, 0), USD.format(p.flash_needed / 1e12 * i.usd_per_tb, 0))
    } else {
        "nothing spills to flash".to_string()
    };
    format!(
        "At {} of context, one session's KV cache is {} ({} per token); {} sessions need {}, of which {} fit in HBM after the weights and {}. Reloading a session from flash takes {}, recomputing it {}.",
        TOKENS.format(i.context, 0),
        BYTES.format(p.session, 0),
        BYTES_PER_TOKEN.format(p.session / i.context, 0),
        COUNT.format(i.sessions, 0),
        BYTES.format(p.total, 0),
        BYTES.format(p.in_hbm, 0),
        flash,
        SECONDS.format(reload, 0),
        SECONDS.format(recompute, 0),
    )
}
