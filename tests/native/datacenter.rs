use super::*;

fn dc(changes: &[(&str, f64)]) -> Vec<f64> {
    with(&DATACENTER, changes)
}

#[test]
fn reproduces_the_sources_cross_check_at_defaults() {
    // SOURCES.md §2: 100,000 GPUs × 1.67 kW × PUE 1.2 = 200 MW; × 8,760 h = 1.75 TWh/yr;
    // × $80.6/MWh ≈ $141M/yr; ≈ $0.16 per GPU-hour. (The preset is 120 kW ÷ 72 = 1.667 kW.)
    let d = model::defaults(DATACENTER.params());
    close(out(&DATACENTER, &d, "it_load"), 100_000.0 * 120e3 / 72.0, 0.05e6);
    close(out(&DATACENTER, &d, "facility_load"), 200e6, 0.5e6);
    close(out(&DATACENTER, &d, "energy_year"), 1.75e12, 0.005e12);
    close(out(&DATACENTER, &d, "bill_year"), 141e6, 0.5e6);
    close(out(&DATACENTER, &d, "gpu_hour"), 0.16, 0.005);
    // 1.75 TWh of the 176 TWh all US datacenters used in 2023 ≈ 1 %.
    close(out(&DATACENTER, &d, "us_share"), 1.75 / 176.0, 0.0001);
    // Five years of the same bill.
    close(out(&DATACENTER, &d, "bill_total"), 5.0 * out(&DATACENTER, &d, "bill_year"), 1e-3);
    for (key, want) in [
        ("facility_load", "200\u{a0}MW"),
        ("it_load", "167\u{a0}MW"),
        ("energy_year", "1.75\u{a0}TWh"),
        ("bill_year", "$141M"),
        ("bill_total", "$706M"),
        ("gpu_hour", "$0.16"),
        ("us_share", "0.996\u{a0}%"), // 1.7523 / 176
    ] {
        assert_eq!(shown(&DATACENTER, &d, key), want, "{key}");
    }
}

#[test]
fn grows_where_it_should_and_only_there() {
    let d = model::defaults(DATACENTER.params());
    let keys: Vec<&str> = DATACENTER.outputs().iter().map(|o| o.key).collect();
    // (input, higher value, the outputs that must rise; every other output must not change).
    for (input, hi, rising) in [
        ("gpus", 200_000.0, &["facility_load", "bill_year", "it_load", "energy_year", "bill_total", "us_share"][..]),
        ("kw_per_gpu", 1.9, &["facility_load", "bill_year", "it_load", "energy_year", "bill_total", "gpu_hour", "us_share"]),
        ("pue", 1.56, &["facility_load", "bill_year", "energy_year", "bill_total", "gpu_hour", "us_share"]),
        ("usd_per_mwh", 190.0, &["bill_year", "bill_total", "gpu_hour"]),
        ("years", 10.0, &["bill_total"]),
    ] {
        let v = dc(&[(input, hi)]);
        for k in &keys {
            let (a, b) = (out(&DATACENTER, &d, k), out(&DATACENTER, &v, k));
            if rising.contains(k) {
                assert!(b > a, "{k} should rise with {input}: {a} → {b}");
            } else {
                close(b, a, 1e-9 * a.abs());
            }
        }
    }
    // A lower average load cuts the energy and the bill, never the grid connection.
    let half = dc(&[("util_pct", 50.0)]);
    assert_eq!(out(&DATACENTER, &half, "facility_load"), out(&DATACENTER, &d, "facility_load"));
    close(out(&DATACENTER, &half, "bill_year"), out(&DATACENTER, &d, "bill_year") / 2.0, 1e-3);
}

#[test]
fn presets_fill_the_power_input_and_follow_it() {
    let specs = DATACENTER.params();
    let idx = |k: &str| specs.iter().position(|s| s.key == k).unwrap();
    let (preset, kw) = (idx("gpu_model"), idx("kw_per_gpu"));
    let mut v = model::defaults(specs);
    assert_eq!(v[kw], 1.667, "GB200 NVL72 by default");
    // All-in per GPU: DGX H100 10.2 kW ÷ 8, DGX B200 14.3 kW ÷ 8, GB300 NVL72 135 kW ÷ 72 (SOURCES.md §2).
    for (name, want) in [("h100", 10.2 / 8.0), ("b200", 14.3 / 8.0), ("gb300-nvl72", 135.0 / 72.0), ("gb200-nvl72", 1.667)] {
        let k = specs[preset].options().iter().position(|o| *o == name).unwrap();
        model::assign(specs, &mut v, preset, k as f64);
        close(v[kw], want, 1e-9);
        assert_eq!(v[preset], k as f64, "{name}");
    }
    // Editing the power picks the preset that matches it, or "custom".
    model::assign(specs, &mut v, kw, 1.275);
    assert_eq!(specs[preset].options()[v[preset] as usize], "h100");
    model::assign(specs, &mut v, kw, 1.25);
    assert_eq!(specs[preset].options()[v[preset] as usize], "custom");
    // Choosing "custom" itself changes nothing.
    let before = v.clone();
    model::assign(specs, &mut v, preset, 4.0);
    assert_eq!(v, before);
    // H100 servers: 100,000 × 1.275 kW × 1.2 = 153 MW.
    close(out(&DATACENTER, &with(&DATACENTER, &[("kw_per_gpu", 1.275)]), "facility_load"), 153e6, 1.0);
}

#[test]
fn chart_has_campus_levels_and_the_readers_point() {
    let d = model::defaults(DATACENTER.params());
    let c = DATACENTER.chart(&Values::new(DATACENTER.params(), &d));
    assert!(c.x.log && c.y.log);
    assert_eq!((c.x.min, c.x.max), (1_000.0, 5_000_000.0));
    let p = c.point.as_ref().unwrap();
    assert_eq!((p.x, p.label.as_str()), (100_000.0, "200\u{a0}MW"));
    assert_eq!(p.y, out(&DATACENTER, &d, "facility_load"));
    assert!(c.levels.windows(2).all(|w| w[0].x < w[1].x), "levels must come in ascending order");
    // Real campuses: Meta Prometheus ~1 GW and Stargate Abilene ~1.2 GW (SOURCES §2), as a band.
    let band = c.levels.iter().find(|m| m.label.contains("Prometheus")).expect("a 1 GW campus");
    assert_eq!((band.x, band.to), (1e9, Some(1.2e9)));
    assert!(band.label.contains("Abilene") && band.source.contains("Meta") && band.source.contains("OpenAI"));
    // Every level and both series lie inside the axis range.
    assert!(c.levels.iter().all(|m| m.x > c.y.min && m.x < c.y.max));
    for s in &c.series {
        assert!(s.points.iter().all(|&(_, y)| y >= c.y.min && y <= c.y.max), "{}", s.name);
    }
    // The facility line sits above the IT line by the PUE.
    let (it, fac) = (&c.series[0].points, &c.series[1].points);
    close(fac[0].1 / it[0].1, 1.2, 1e-12);
    // The hungriest corner still fits.
    let max = dc(&[("kw_per_gpu", 3.0), ("pue", 2.0)]);
    let c = DATACENTER.chart(&Values::new(DATACENTER.params(), &max));
    assert!(c.series[1].points.iter().all(|&(_, y)| y <= c.y.max));
}

#[test]
fn summary_states_the_key_numbers() {
    let d = model::defaults(DATACENTER.params());
    let s = DATACENTER.summary(&Values::new(DATACENTER.params(), &d));
    for part in ["100,000\u{a0}accelerators", "200\u{a0}MW", "1.75\u{a0}TWh", "$141M", "$80.6/MWh", "$0.16 per GPU-hour", "0.996\u{a0}%"] {
        assert!(s.contains(part), "summary lacks {part}: {s}");
    }
}
