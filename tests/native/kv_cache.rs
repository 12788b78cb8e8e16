use super::*;

#[test]
fn llama_70b_at_128k_in_bf16_is_42_9_gb() {
    // SOURCES.md §4: 2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B per token; × 131,072 tokens.
    let d = model::defaults(KV.params());
    assert_eq!(out(&KV, &d, "bytes_per_token"), 2.0 * 80.0 * 8.0 * 128.0 * 2.0);
    assert_eq!(out(&KV, &d, "session_bytes"), 327_680.0 * 131_072.0);
    assert_eq!(shown(&KV, &d, "session_bytes"), "42.9\u{a0}GB");
    assert_eq!(shown(&KV, &d, "bytes_per_token"), "327,680\u{a0}B");
    // FP8 halves it; 8K tokens is 2.7 GB.
    assert_eq!(out(&KV, &with(&KV, &[("kv_precision", 1.0)]), "session_bytes"), 327_680.0 * 131_072.0 / 2.0);
    assert_eq!(shown(&KV, &with(&KV, &[("context", 8_192.0)]), "session_bytes"), "2.68\u{a0}GB");
}

#[test]
fn the_fleet_fills_hbm_then_dram_then_flash() {
    // 8 × 80 GB − 141 GB of weights = 499 GB: 11 sessions of 42.9 GB. 100 sessions = 4.29 TB:
    // 499 GB in HBM, 2 TB in DRAM, the rest (1.80 TB) on flash at $79/TB × 2.23.
    let d = model::defaults(KV.params());
    let session: f64 = 327_680.0 * 131_072.0;
    assert_eq!(out(&KV, &d, "hbm_free"), 499e9);
    assert_eq!(out(&KV, &d, "sessions_in_hbm"), (499e9 / session).floor());
    assert_eq!(out(&KV, &d, "sessions_in_hbm"), 11.0);
    let spill = 100.0 * session - 499e9 - 2e12;
    close(out(&KV, &d, "flash_needed"), spill, 1.0);
    close(out(&KV, &d, "flash_usd"), spill / 1e12 * 79.0 * 2.23, 1e-6);
    assert!(out(&KV, &d, "overflow").is_nan(), "30.72 TB of flash holds it");
    let many = with(&KV, &[("sessions", 10_000.0)]);
    close(out(&KV, &many, "overflow"), 10_000.0 * session - 499e9 - 2e12 - 30.72e12, 1.0);
    // Weights bigger than the HBM leave none for caches.
    let mut big = with(&KV, &[("hbm_gb", 40.0)]);
    model::assign(KV.params(), &mut big, 1, 1.0);
    assert_eq!(out(&KV, &big, "hbm_free"), 0.0);
    assert_eq!(out(&KV, &big, "sessions_in_hbm"), 0.0);
}

#[test]
fn presets_give_each_architectures_cache() {
    let per_token = |preset: f64, tokens: f64| {
        let v = with(&KV, &[("model", preset), ("context", tokens)]);
        let mut v = v;
        model::assign(KV.params(), &mut v, 1, preset);
        out(&KV, &v, "session_bytes") / tokens
    };
    // Llama 3.1 405B: 2 × 126 × 8 × 128 × 2 B.
    assert_eq!(per_token(1.0, 131_072.0), 2.0 * 126.0 * 8.0 * 128.0 * 2.0);
    // DeepSeek-V3 (MLA): 61 layers × (512 + 64) × 2 B, no separate K and V.
    assert_eq!(per_token(2.0, 131_072.0), 61.0 * 576.0 * 2.0);
    // gpt-oss-120b: 18 full layers × 2 × 8 × 64 × 2 B per token, and 18 windowed layers that
    // keep only the last 128 tokens.
    let full = 18.0 * 2.0 * 8.0 * 64.0 * 2.0;
    close(per_token(3.0, 131_072.0) * 131_072.0, full * 131_072.0 + full * 128.0, 1e-3);
    close(per_token(3.0, 100.0) * 100.0, 2.0 * full * 100.0, 1e-9);
}

#[test]
fn recompute_grows_with_the_square_and_the_break_even_is_where_they_meet() {
    let d = model::defaults(KV.params());
    // By hand: 131,072 tokens at 20,000 tokens/s = 6.55 s, × (1 + 80 × 8,192 × 131,072 ÷ 70.6e9).
    let t = 131_072.0;
    close(out(&KV, &d, "recompute"), t / 20_000.0 * (1.0 + 80.0 * 8192.0 * t / 70.6e9), 1e-9);
    close(out(&KV, &d, "reload_flash"), 327_680.0 * t / 56e9, 1e-12);
    close(out(&KV, &d, "reload_dram"), 327_680.0 * t / 512e9, 1e-12);
    // Flash at 56 GB/s reloads faster than recomputing at any length.
    assert!(out(&KV, &d, "flash_beats_recompute").is_nan());
    assert_eq!(shown(&KV, &d, "flash_beats_recompute"), "any length");
    // A slow network store (1 GB/s): recomputing wins short prompts, reloading long ones.
    for preset in [0.0, 3.0] {
        let mut v = with(&KV, &[("flash_gb_s", 1.0)]);
        model::assign(KV.params(), &mut v, 1, preset);
        let even = out(&KV, &v, "flash_beats_recompute");
        assert!(even.is_finite() && even > if preset == 0.0 { 1_000.0 } else { 1.0 }, "{even}");
        // Recompute − reload at `t` tokens of context, from the readouts.
        let at = |t: f64| {
            let mut w = v.clone();
            w[model::index(KV.params(), "context").unwrap()] = t;
            (out(&KV, &w, "recompute"), out(&KV, &w, "reload_flash"))
        };
        let gap = |t: f64| at(t).0 - at(t).1;
        close(gap(even) / at(even).0, 0.0, 1e-9);
        assert!(gap(even * 0.9) < 0.0 && gap(even * 1.1) > 0.0);
    }
}

#[test]
fn both_views_chart_what_the_readouts_say() {
    let d = model::defaults(KV.params());
    let size = KV.chart(&Values::new(KV.params(), &d));
    // The headline's "100 sessions need 4.29 TB": the point is all sessions' cache, drawn
    // against the pooled HBM, DRAM and flash it fills.
    close(size.point.as_ref().unwrap().y, out(&KV, &d, "total_bytes"), 1.0);
    close(out(&KV, &d, "total_bytes"), 100.0 * 327_680.0 * 131_072.0, 1.0);
    assert_eq!(size.series.iter().map(|s| (s.name.as_str(), s.emphasis)).collect::<Vec<_>>(), [("All sessions", model::Emphasis::Primary), ("One session", model::Emphasis::Faint)]);
    let levels: Vec<f64> = size.levels.iter().map(|m| m.x).collect();
    assert_eq!(levels, [499e9, 499e9 + 2e12, 499e9 + 2e12 + 30.72e12]);
    let time = KV.chart(&Values::new(KV.params(), &with(&KV, &[("view", 1.0)])));
    let names: Vec<&str> = time.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Recompute the prefix", "Reload from DRAM", "Reload from flash"]);
    let at = |name: &str| {
        let s = time.series.iter().find(|s| s.name == name).unwrap();
        essay_core::chart::value_at(&time, &s.points, 131_072.0)
    };
    assert!((at("Reload from flash") / out(&KV, &d, "reload_flash") - 1.0).abs() < 0.01);
    assert!((at("Recompute the prefix") / out(&KV, &d, "recompute") - 1.0).abs() < 0.02);
    // Ranges band the size view only (the band's output is bytes).
    assert!(model::bands_apply(&KV, &size));
    assert!(!model::bands_apply(&KV, &time));
}
