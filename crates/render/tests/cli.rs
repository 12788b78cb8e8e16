//! The `essay-render` command, run as a reader's script would: its JSON, its cards, `--all`.

#[test]
fn essay_render_prints_the_json_of_one_widget_or_all_of_them() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_essay-render")).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let one = run(&["orbital-gpu-cost", "--json"]);
    assert_eq!(one["outputs"]["fleet_cost"], 1389.0 * 3.6e6);
    assert_eq!(one["outputs"]["rack_cost"], 3.6e6);
    let moved = run(&["orbital-gpu-cost", "launch_usd_per_lb=800&gpus=abc", "--json"]);
    assert_eq!(moved["outputs"]["rack_cost"], 800.0 * 3000.0);
    assert!(moved["notes"][0].as_str().unwrap().contains("“abc” is not a number"));
    let kg = run(&["orbital-gpu-cost", "launch_usd_per_lb=1", "--units", "kg", "--json"]);
    assert_eq!(kg["inputs"]["units"], 1.0);
    // No ranges, no uncertainty block; a range gives p5/p50/p95 (lognormal by hand:
    // $300–$1,500/kg × 0.45359237 × 3,000 lb × 1,389 racks).
    assert!(one.get("uncertainty").is_none());
    let ranged = run(&["orbital-gpu-cost", "launch_usd_per_kg=300~1500", "--json"]);
    let u = &ranged["uncertainty"];
    assert_eq!(u["samples"], 10_000);
    assert!(u["convention"].as_str().unwrap().contains("90 % interval"));
    let lb = 0.453_592_37 * 3000.0 * 1389.0;
    for (k, want) in [("p5", 300.0 * lb), ("p50", (300.0f64 * 1500.0).sqrt() * lb), ("p95", 1500.0 * lb)] {
        let got = u["outputs"]["fleet_cost"][k].as_f64().unwrap();
        assert!((got / want - 1.0).abs() < 0.01, "{k}: {got} vs {want}");
    }
    assert_eq!(u["tornado"][0]["key"], "launch_usd_per_lb");
    assert!(u["chance"]["probability"].as_f64().unwrap() < 0.01);
    // Issue 14's check figures, from the command line.
    let ovt = run(&["orbital-vs-terrestrial", "--json"]);
    for (k, want) in
        [("orbital_total", 51.1e9), ("hardware", 23.6e9), ("launch", 14.7e9), ("gpu_replacement", 10.6e9), ("terrestrial_total", 15.85e9)]
    {
        let got = ovt["outputs"][k].as_f64().unwrap();
        assert!((got / want - 1.0).abs() < 0.005, "{k}: {got}");
    }
    assert!(ovt["outputs"]["break_even_usd_per_kg"].is_null());
    let kv = run(&["kv-cache", "--json"]);
    assert_eq!(kv["outputs"]["bytes_per_token"], 327_680.0);
    assert_eq!(kv["outputs"]["session_bytes"], 327_680.0 * 131_072.0);
    // A social preview card: 1200×630, as SVG (the title, the headlines, the chart and the
    // link in it) and as PNG (text drawn: dark pixels in the title's band).
    let dir = std::env::temp_dir().join(format!("ew-card-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("card.svg");
    run(&["orbital-gpu-cost", "launch_usd_per_lb=500", "--card", svg.to_str().unwrap(), "--link", "example.com/post", "--json"]);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains(r#"width="1200" height="630""#), "{}", &text[..200]);
    for want in ["What it costs to put GPUs in orbit", "$1.5M", "$2.1B", "example.com/post", "Launch price ($/lb)"] {
        assert!(text.contains(&essay_core::text::esc(want)), "{want} in the card");
    }
    let png = dir.join("card.png");
    run(&["orbital-vs-terrestrial", "--card", png.to_str().unwrap(), "--title", "Orbit or ground?", "--json"]);
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1200, 630));
    let dark = |y0: u32, y1: u32| {
        (y0..y1).flat_map(|y| (0..1200).map(move |x| (x, y))).filter(|&(x, y)| pixmap.pixel(x, y).unwrap().red() < 100).count()
    };
    assert!(dark(30, 80) > 2_000, "title drawn: {} dark pixels", dark(30, 80));
    assert!(dark(560, 630) < dark(30, 80), "the bottom is not all ink");
    std::fs::remove_dir_all(&dir).unwrap();
    let all = run(&["--all", "--json"]);
    let ids: Vec<&str> = all.as_array().unwrap().iter().map(|w| w["widget"].as_str().unwrap()).collect();
    assert_eq!(ids, essay_core::model::builtins().iter().map(|m| m.id()).collect::<Vec<_>>());
}
