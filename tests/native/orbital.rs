use super::*;
use essay_core::units::KG_PER_LB;

#[test]
fn reproduces_the_essay_at_defaults() {
    let d = model::defaults(ORBITAL.params());
    // $1,200/lb × 3,000 lb = $3,600,000 per 72-GPU rack.
    assert_eq!(out(&ORBITAL, &d, "rack_cost"), 1200.0 * 3000.0);
    assert_eq!(shown(&ORBITAL, &d, "rack_cost"), "$3.6M");
    // 100,000 / 72 = 1,388.9 → 1,389 racks.
    assert_eq!(out(&ORBITAL, &d, "racks"), 1389.0);
    assert_eq!(shown(&ORBITAL, &d, "racks"), "1,389\u{a0}racks");
    // 1,389 × $3.6M = $5,000,400,000 ≈ $5.0B.
    assert_eq!(out(&ORBITAL, &d, "fleet_cost"), 1389.0 * 3.6e6);
    assert_eq!(shown(&ORBITAL, &d, "fleet_cost"), "$5.0B");
    assert_eq!(out(&ORBITAL, &d, "gpu_cost"), 50_000.0);
    // Supporting hardware is off: its readouts are not applicable.
    assert!(out(&ORBITAL, &d, "total_mass").is_nan());
}

#[test]
fn supporting_hardware_matches_sources_example() {
    // SOURCES.md §1: 120 kW at 36.5 W/kg is ~3,300 kg of solar alone, so ~4,650 kg per rack
    // instead of 1,360 kg, ≈ $12M per rack at $1,200/lb (rack + solar, no radiator).
    let v = with(&ORBITAL, &[("support", 1.0), ("radiator_kg_m2", 0.0)]);
    close(out(&ORBITAL, &v, "solar_mass") * KG_PER_LB, 120_000.0 / 36.5, 1e-6);
    close(out(&ORBITAL, &v, "solar_mass") * KG_PER_LB, 3_300.0, 15.0);
    close(out(&ORBITAL, &v, "total_mass") * KG_PER_LB, 4_650.0, 5.0);
    close(out(&ORBITAL, &v, "rack_cost"), 12.3e6, 0.05e6);
}

#[test]
fn radiator_area_matches_the_physics() {
    // A = P / (2 · ε · σ · T⁴): ~76–96 m² two-sided for 120 kW at 80–60 °C (SOURCES §1, ε = 0.9).
    let area = |c: f64| out(&ORBITAL, &with(&ORBITAL, &[("support", 1.0), ("radiator_c", c)]), "radiator_area");
    close(area(80.0), 75.8, 0.5);
    close(area(60.0), 95.7, 0.5);
    // Hand calculation at the default 70 °C: 120,000 / (2 × 0.9 × 5.670374e-8 × 343.15⁴).
    let hand = 120_000.0 / (2.0 * 0.9 * 5.670_374_419e-8 * 343.15f64.powi(4));
    let v = with(&ORBITAL, &[("support", 1.0)]);
    close(out(&ORBITAL, &v, "radiator_area"), hand, 1e-9);
    // Default areal density 7 kg/m² → radiator mass.
    close(out(&ORBITAL, &v, "radiator_mass") * KG_PER_LB, hand * 7.0, 1e-6);
    // All-in mass = rack + solar + radiator, and the cost follows it.
    let total = out(&ORBITAL, &v, "total_mass");
    close(total, 3000.0 + (120_000.0 / 36.5 + hand * 7.0) / KG_PER_LB, 1e-6);
    close(out(&ORBITAL, &v, "rack_cost"), 1200.0 * total, 1e-3);
}

#[test]
fn units_convert_between_pounds_and_kilograms() {
    let price = ORBITAL.params().iter().find(|s| s.key == "launch_usd_per_lb").unwrap();
    // $1,200/lb ÷ 0.45359237 kg/lb = $2,645.55/kg.
    assert_eq!(price.unit.format(1200.0, 1), "$2,646/kg");
    // The field shows four significant digits of a converted value, not its float noise.
    assert_eq!(price.unit.edit_text(1200.0, 1), "2,646");
    assert_eq!(price.unit.edit_text(price.unit.from_display(2645.55, 1), 1), "2,645.55", "a typed value shows as typed");
    close(price.unit.parse("2,645.55", 1).unwrap(), 1200.0, 0.01);
    // Falcon 9: $62M / 22,800 kg = $2,719/kg ≈ $1,233/lb, where the essay's $1,200 comes from.
    let chart = ORBITAL.chart(&Values::new(ORBITAL.params(), &model::defaults(ORBITAL.params())));
    close(chart.marks.iter().find(|m| m.label == "Falcon 9").unwrap().x, 1233.0, 1.0);
    let mass = ORBITAL.params().iter().find(|s| s.key == "rack_lb").unwrap();
    assert_eq!(mass.unit.format(3000.0, 1), "1,361\u{a0}kg");
    close(mass.unit.parse("1360.78\u{a0}kg", 1).unwrap(), 3000.0, 0.01);
    // Readouts follow the unit system; money does not change.
    let kg = with(&ORBITAL, &[("units", 1.0), ("support", 1.0)]);
    assert_eq!(shown(&ORBITAL, &kg, "rack_mass"), "1,361\u{a0}kg");
    assert_eq!(shown(&ORBITAL, &kg, "fleet_cost"), shown(&ORBITAL, &with(&ORBITAL, &[("support", 1.0)]), "fleet_cost"));
}

#[test]
fn cost_rises_with_every_cost_driver() {
    let base = model::defaults(ORBITAL.params());
    let cost = |v: &[f64]| out(&ORBITAL, v, "fleet_cost");
    for (key, lo, hi) in [("launch_usd_per_lb", 100.0, 5000.0), ("rack_lb", 1000.0, 6000.0), ("gpus", 10_000.0, 1_000_000.0)] {
        assert!(cost(&with(&ORBITAL, &[(key, lo)])) < cost(&with(&ORBITAL, &[(key, hi)])), "{key}");
    }
    // More GPUs per rack → fewer racks → less to launch.
    assert!(cost(&with(&ORBITAL, &[("gpus_per_rack", 144.0)])) < cost(&base));
    // Supporting hardware only adds mass; more power adds more, better solar adds less.
    let s = |changes: &[(&str, f64)]| {
        let mut c = vec![("support", 1.0)];
        c.extend_from_slice(changes);
        cost(&with(&ORBITAL, &c))
    };
    assert!(s(&[]) > cost(&base));
    assert!(s(&[("rack_kw", 200.0)]) > s(&[]));
    assert!(s(&[("solar_w_per_kg", 100.0)]) < s(&[]));
    assert!(s(&[("radiator_c", 100.0)]) < s(&[]));
    assert!(s(&[("radiator_kg_m2", 3.0)]) < s(&[]));
}

#[test]
fn chart_puts_the_reader_on_the_line_and_marks_the_references() {
    let d = model::defaults(ORBITAL.params());
    let c = ORBITAL.chart(&Values::new(ORBITAL.params(), &d));
    let p = c.point.as_ref().unwrap();
    assert_eq!(p.x, 1200.0);
    assert_eq!(p.y, out(&ORBITAL, &d, "fleet_cost"));
    assert_eq!(p.label, "$5.0B");
    assert!(c.x.log && c.y.log);
    // $10/kg to $100,000/kg.
    close(c.x.unit.to_display(c.x.min, 1), 10.0, 1e-9);
    close(c.x.unit.to_display(c.x.max, 1), 100_000.0, 1e-6);
    assert!(c.y.min <= c.series[0].points[0].1 && c.y.max >= c.series[0].points.last().unwrap().1);
    let labels: Vec<&str> = c.marks.iter().map(|m| m.label).collect();
    assert!(c.marks.windows(2).all(|w| w[0].x < w[1].x), "marks must come in x order");
    for want in ["Falcon 9", "Falcon Heavy", "Starship goal", "Break-even"] {
        assert!(labels.contains(&want), "missing mark {want}");
    }
    let be = c.marks.iter().find(|m| m.label == "Break-even").unwrap();
    close(c.x.unit.to_display(be.x, 1), 200.0, 1e-9);
    // Switching on the supporting hardware adds a second, higher line.
    let s = with(&ORBITAL, &[("support", 1.0)]);
    let c2 = ORBITAL.chart(&Values::new(ORBITAL.params(), &s));
    assert_eq!(c2.series.len(), 2);
    assert!(c2.series[1].points[0].1 > c2.series[0].points[0].1);
}

#[test]
fn summary_states_the_key_numbers() {
    let d = model::defaults(ORBITAL.params());
    let s = ORBITAL.summary(&Values::new(ORBITAL.params(), &d));
    // $1,200/lb = $2,645.55/kg = 13.2 × the $200/kg break-even.
    for part in ["$1,200/lb", "100,000\u{a0}GPUs", "1,389\u{a0}racks", "$5.0B", "$3.6M", "13.2× the $200/kg"] {
        assert!(s.contains(part), "summary lacks {part}: {s}");
    }
}
