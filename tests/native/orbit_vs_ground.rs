use super::*;

/// McCalip's model by hand (issue 14, SOURCES.md §5), 1 GW over 5 years.
#[test]
fn reproduces_mccalips_check_figures_within_half_a_percent() {
    let d = model::defaults(OVG.params());
    // Mean array output over 5 years at 2.5 %/yr: (1 + .975 + .975² + .975³ + .975⁴) / 5.
    let avg: f64 = (0..5).map(|y| 0.975f64.powi(y)).sum::<f64>() / 5.0;
    let p0 = 1e9 / (avg * 0.98);
    let sats = (p0 / 27e3).ceil();
    let watts = sats * 27e3;
    assert_eq!(out(&OVG, &d, "satellites"), sats);
    let hardware = 22.0 * watts;
    let launch = 500.0 * watts / 36.5;
    for (key, want) in [
        ("hardware", 23.6e9),
        ("launch", 14.7e9),
        ("operations", 1.18e9),
        ("gpu_replacement", 10.6e9),
        ("nre", 1.0e9),
        ("orbital_total", 51.1e9),
        ("terrestrial_total", 15.85e9),
    ] {
        let got = out(&OVG, &d, key);
        assert!((got / want - 1.0).abs() < 0.005, "{key}: {got} vs {want}");
    }
    close(out(&OVG, &d, "hardware"), hardware, 1.0);
    close(out(&OVG, &d, "launch"), launch, 1.0);
    close(out(&OVG, &d, "operations"), 0.01 * hardware * 5.0, 1.0);
    close(out(&OVG, &d, "gpu_replacement"), 0.09 * hardware * 5.0, 1.0);
    // Ground: turbines $1,800/kW × PUE 1.2 = $2.16/W; facility 5.25 + 3 + 2.5 + 1.75 = $12.50/W;
    // fuel 6,200 BTU/kWh × $4.30/MMBtu ÷ 1,000 = $26.66/MWh × 1.2 × 1 GW × 8,760 h × 5 × 0.85.
    close(out(&OVG, &d, "turbines"), 2.16e9, 1.0);
    close(out(&OVG, &d, "facility"), 12.5e9, 1.0);
    let mwh = 1e3 * 8760.0 * 5.0 * 0.85;
    close(out(&OVG, &d, "fuel"), 26.66 * 1.2 * mwh, 1.0);
    close(out(&OVG, &d, "terrestrial_total"), 2.16e9 + 12.5e9 + 26.66 * 1.2 * mwh, 1.0);
    close(out(&OVG, &d, "terrestrial_usd_per_mwh"), out(&OVG, &d, "terrestrial_total") / mwh, 1e-9);
    close(out(&OVG, &d, "ratio"), out(&OVG, &d, "orbital_total") / out(&OVG, &d, "terrestrial_total"), 1e-12);
    // 29,390 t in 100 t launches.
    assert_eq!(out(&OVG, &d, "launches"), (watts / 36.5 / 100_000.0).ceil());
    for (key, want) in
        [("orbital_total", "$51.1B"), ("terrestrial_total", "$15.9B"), ("ratio", "3.22×"), ("break_even_usd_per_kg", "never, even at $0/kg")]
    {
        assert_eq!(shown(&OVG, &d, key), want, "{key}");
    }
}

#[test]
fn at_the_break_even_launch_price_both_cost_the_same() {
    // Cheap satellites make orbit break even at a launch price: there, the totals meet.
    let v = with(&OVG, &[("sat_usd_per_w", 5.0), ("gpu_fail_pct", 2.0)]);
    let even = out(&OVG, &v, "break_even_usd_per_kg");
    assert!(even > 10.0 && even < 500.0, "{even}");
    let at = with(&OVG, &[("sat_usd_per_w", 5.0), ("gpu_fail_pct", 2.0), ("launch_usd_per_kg", even)]);
    close(out(&OVG, &at, "orbital_total") / out(&OVG, &at, "terrestrial_total"), 1.0, 1e-9);
    // Radiators add mass, so the break-even falls.
    let rad = with(&OVG, &[("sat_usd_per_w", 5.0), ("gpu_fail_pct", 2.0), ("radiators", 1.0)]);
    // Stefan–Boltzmann by hand: every installed watt (satellites × 27 kW), two-sided, ε 0.9, at 70 °C.
    let installed_w = out(&OVG, &rad, "satellites") * 27e3;
    let area = installed_w / (2.0 * 0.9 * 5.670_374_419e-8 * (70.0f64 + 273.15).powi(4));
    close(out(&OVG, &rad, "radiator_area"), area, 1e-3);
    close(out(&OVG, &rad, "radiator_mass"), area * 7.0, 1e-3);
    assert!(out(&OVG, &rad, "break_even_usd_per_kg") < even);
    // Off, the radiator readouts do not apply.
    assert!(out(&OVG, &v, "radiator_area").is_nan());
}

#[test]
fn the_breakdown_is_two_stacked_bars_whose_parts_are_the_readouts() {
    let d = model::defaults(OVG.params());
    let c = OVG.chart(&Values::new(OVG.params(), &d));
    assert_eq!(c.bars.len(), 2);
    assert!(c.series.is_empty());
    close(c.bars[0].total(), out(&OVG, &d, "orbital_total"), 1.0);
    close(c.bars[1].total(), out(&OVG, &d, "terrestrial_total"), 1.0);
    let parts: Vec<&str> = c.bars[0].parts.iter().map(|p| p.0).collect();
    assert_eq!(parts, ["Hardware", "Launch", "Operations", "GPU replacement", "NRE"]);
    // The other view: both totals against the launch price, the reader on the orbit line.
    let lines = OVG.chart(&Values::new(OVG.params(), &with(&OVG, &[("view", 1.0)])));
    assert!(lines.bars.is_empty());
    assert_eq!(lines.series.len(), 2);
    let p = lines.point.unwrap();
    close(p.y, out(&OVG, &d, "orbital_total"), 1.0);
    // No crossing at the defaults: no break-even mark; with one, it is marked where the lines meet.
    assert!(!lines.marks.iter().any(|m| m.label == "Break-even"));
    let cheap = with(&OVG, &[("view", 1.0), ("sat_usd_per_w", 5.0), ("gpu_fail_pct", 2.0)]);
    let c2 = OVG.chart(&Values::new(OVG.params(), &cheap));
    let m = c2.marks.iter().find(|m| m.label == "Break-even").expect("break-even mark");
    close(m.x, out(&OVG, &cheap, "break_even_usd_per_kg"), 1e-6);
    let orbit_at = essay_core::chart::value_at(&c2, &c2.series[0].points, m.x);
    assert!((orbit_at / c2.series[1].points[0].1 - 1.0).abs() < 0.02, "{orbit_at}");
}

#[test]
fn the_launch_price_key_is_the_orbital_widgets() {
    // A link that sets both widgets' launch price in $/kg reads the same number in each.
    let q = "?orbital-gpu-cost.launch_usd_per_kg=300&orbital-vs-terrestrial.launch_usd_per_kg=300";
    let a = essay_core::scenario::decode(&ORBITAL, "orbital-gpu-cost", q, &model::defaults(ORBITAL.params()));
    let b = essay_core::scenario::decode(&OVG, "orbital-vs-terrestrial", q, &model::defaults(OVG.params()));
    close(a.values[0] / 0.453_592_37, 300.0, 1e-3);
    close(b.values[model::index(OVG.params(), "launch_usd_per_kg").unwrap()], 300.0, 0.0);
}
