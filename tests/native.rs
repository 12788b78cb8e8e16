//! Native tests of the pure core: models against the hand calculations in
//! `SOURCES.md`, units and formatting, the URL codec, and chart drawing through
//! plotters' SVG backend. One binary (ripgrep's layout); each area is a module.
#![cfg(not(target_arch = "wasm32"))]

use essay_widgets::model::{self, Kind, Model, Values};

/// Every widget of the kit: its model files (`www/models/`), in file order.
fn all() -> Vec<&'static Model> {
    model::builtins().to_vec()
}

/// One of the kit's widgets, by id, usable where a `&Model` is (`&ORBITAL`, `ORBITAL.params()`).
pub struct Builtin(&'static str);

impl std::ops::Deref for Builtin {
    type Target = Model;
    fn deref(&self) -> &'static Model {
        model::find(self.0).unwrap_or_else(|| panic!("no model file for {}", self.0))
    }
}

pub static ORBITAL: Builtin = Builtin("orbital-gpu-cost");
pub static DATACENTER: Builtin = Builtin("datacenter-power");
pub static FLASH: Builtin = Builtin("flash-scarcity");
pub static KV: Builtin = Builtin("kv-cache");
pub static OVG: Builtin = Builtin("orbital-vs-terrestrial");

/// A kit function evaluated on numbers (`drives(…)`), as a formula calls it.
fn formula(src: &str) -> f64 {
    let e = essay_widgets::formula::parse(src, &|_| None, &Vec::new).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    essay_widgets::formula::eval(&essay_widgets::formula::compile(&e), &[], &mut Vec::new())
}

/// A model's values with some inputs changed from the author's defaults.
fn with(m: &Model, changes: &[(&str, f64)]) -> Vec<f64> {
    let mut v = model::defaults(m.params());
    for (k, x) in changes {
        let i = m.params().iter().position(|s| s.key == *k).unwrap_or_else(|| panic!("no input {k}"));
        v[i] = *x;
    }
    v
}

/// An output of a model, by key.
fn out(m: &Model, vals: &[f64], key: &str) -> f64 {
    let i = m.outputs().iter().position(|o| o.key == key).unwrap_or_else(|| panic!("no output {key}"));
    m.compute(&Values::new(m.params(), vals))[i]
}

/// An output as the reader sees it (in the values' unit system).
fn shown(m: &Model, vals: &[f64], key: &str) -> String {
    let o = m.outputs().iter().find(|o| o.key == key).unwrap();
    o.show(out(m, vals, key), model::unit_system(m.params(), vals))
}

/// Property-test settings: `n` cases; shrunk failures are printed, not written to files.
fn cases(n: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config { cases: n, failure_persistence: None, ..Default::default() }
}

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!((actual - expected).abs() <= tolerance, "expected {expected} ± {tolerance}, got {actual}");
}

#[path = "native/model_files.rs"]
mod model_files;

mod kit {
    use super::*;

    #[test]
    fn every_registered_widget_is_well_formed() {
        let mut ids = Vec::new();
        for m in all() {
            let id = m.id();
            assert!(!id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{id} is not kebab-case");
            assert!(!ids.contains(&id), "duplicate id {id}");
            ids.push(id);
            assert_eq!(model::find(id).map(|f| f.id()), Some(id));
            let keys: Vec<&str> = m.params().iter().map(|s| s.key).chain(m.outputs().iter().map(|o| o.key)).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{id}: key {k} is not snake_case");
                assert!(!keys[..i].contains(k), "{id}: key {k} used twice");
            }
            for s in m.params() {
                assert!(!s.source.is_empty(), "{id}.{} has no source", s.key);
                if let Some(guard) = s.shown_if {
                    assert!(m.params().iter().any(|g| g.key == guard && g.kind == Kind::Toggle), "{id}.{}: shown_if {guard} is not a switch", s.key);
                }
            }
        }
        assert!(model::find("no-such-widget").is_none());
    }

    #[test]
    fn presets_and_slider_marks_are_well_formed_and_defaults_are_settled() {
        for m in all() {
            let specs = m.params();
            let d = model::defaults(specs);
            let mut settled = d.clone();
            model::settle(specs, &mut settled);
            assert_eq!(settled, d, "{}: the default preset must match the default value it fills", m.id());
            for s in specs {
                if let Kind::Preset(p) = s.kind {
                    assert_eq!(p.names.len(), p.values.len() + 1, "{}.{}: names = values + custom", m.id(), s.key);
                    assert_eq!(p.labels.len(), p.names.len(), "{}.{}", m.id(), s.key);
                    for fill in p.values {
                        assert_eq!(fill.len(), p.fills.len(), "{}.{}: one value per filled input", m.id(), s.key);
                        for (key, &v) in p.fills.iter().zip(*fill) {
                            let target = specs.iter().find(|t| t.key == *key).unwrap_or_else(|| panic!("{}.{} fills no {key}", m.id(), s.key));
                            assert!(matches!(target.kind, Kind::Number { .. }), "{}.{}: {key} is not a number", m.id(), s.key);
                            assert_eq!(target.sanitize(v), (v, None), "{}.{}: preset {v} not a valid {key}", m.id(), s.key);
                        }
                    }
                }
                for &(v, _) in s.marks {
                    assert_eq!(s.sanitize(v), (v, None), "{}.{}: slider mark {v} outside the range", m.id(), s.key);
                }
                assert!(s.marks.windows(2).all(|w| w[0].0 < w[1].0), "{}.{}: slider marks must ascend", m.id(), s.key);
            }
        }
    }

    #[test]
    fn every_default_is_inside_its_range_and_accepted_as_is() {
        for m in all() {
            for s in m.params() {
                if let Kind::Number { min, max, .. } = s.kind {
                    assert!(min < max && (min..=max).contains(&s.default), "{}.{}: {} not in {min}..{max}", m.id(), s.key, s.default);
                }
                assert_eq!(s.sanitize(s.default), (s.default, None), "{}.{}", m.id(), s.key);
            }
        }
    }

    #[test]
    fn sanitize_clamps_rounds_and_rejects() {
        use essay_widgets::units::{Style, Unit};
        use model::{Fix, ParamSpec, Scale};
        let spec = ParamSpec {
            key: "x",
            label: "X",
            kind: Kind::Number { min: 1.0, max: 10.0, step: 0.5, scale: Scale::Linear },
            unit: Unit::fixed(Style::Quantity, ""),
            default: 2.0,
            source: "test",
            cite: "",
            shown_if: None,
            marks: &[],
            group: "",
            folded: false,
        };
        assert_eq!(spec.sanitize(3.3), (3.5, None));
        assert_eq!(spec.sanitize(11.0), (10.0, Some(Fix::Clamped { to: 10.0 })));
        assert_eq!(spec.sanitize(-1e300), (1.0, Some(Fix::Clamped { to: 1.0 })));
        assert_eq!(spec.sanitize(f64::NAN), (2.0, Some(Fix::NotANumber)));
        assert_eq!(spec.sanitize(f64::INFINITY), (2.0, Some(Fix::NotANumber)));
        let toggle = ParamSpec { kind: Kind::Toggle, default: 0.0, ..spec };
        assert_eq!(toggle.sanitize(1.0), (1.0, None));
        assert_eq!(toggle.sanitize(0.5), (0.0, Some(Fix::NotAnOption)));
    }

    #[test]
    fn slider_positions_round_trip_and_snap_to_three_digits() {
        for m in all() {
            for s in m.params() {
                let Kind::Number { min, max, .. } = s.kind else {
                    continue;
                };
                assert_eq!(s.from_position(0.0, 0), min, "{}.{} left end", m.id(), s.key);
                assert_eq!(s.from_position(model::SLIDER_STEPS, 0), max, "{}.{} right end", m.id(), s.key);
                for pos in [1.0, 250.0, 500.0, 777.0, 999.0] {
                    let v = s.from_position(pos, 0);
                    assert!((min..=max).contains(&v));
                    // Within three positions, or one step of the input where a step is coarser.
                    let Kind::Number { step, scale, .. } = s.kind else { unreachable!() };
                    let step_positions = match scale {
                        model::Scale::Linear => step / (max - min) * model::SLIDER_STEPS,
                        model::Scale::Log => 0.0,
                    };
                    let tolerance = step_positions.ceil().max(3.0);
                    assert!((s.to_position(v) - pos).abs() <= tolerance, "{}.{}: {pos} -> {v} -> {}", m.id(), s.key, s.to_position(v));
                    assert_eq!(model::round_sig(v, 3), v, "{}.{}: {v} has more than 3 significant digits", m.id(), s.key);
                }
            }
        }
    }

    #[test]
    fn nice_bounds() {
        for (v, lo, hi) in [(18.9e6, 10e6, 20e6), (189e9, 100e9, 200e9), (3.0, 2.0, 5.0), (100.0, 100.0, 100.0), (0.07, 0.05, 0.1)] {
            close(model::nice_floor(v), lo, lo * 1e-12);
            close(model::nice_ceil(v), hi, hi * 1e-12);
        }
    }
}

mod orbital {
    use super::*;
    use essay_widgets::units::KG_PER_LB;

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
}

mod datacenter {
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
}

mod flash {
    use super::*;
    use proptest::prelude::*;

    /// The 2026 SSD price: $79/TB before the shortage × 2.23.
    const SSD_USD_PER_TB: f64 = 79.0 * 2.23;
    /// Electricity for `watts` over 5 years at PUE 1.2 and $80.6/MWh.
    fn power_bill(watts: f64) -> f64 {
        watts * 1.2 * 8760.0 * 5.0 / 1e6 * 80.6
    }

    #[test]
    fn sources_formulas_usable_effective_and_drive_counts() {
        for (k, p) in [(146.0, 4.0), (8.0, 2.0), (8.0, 3.0), (1.0, 2.0)] {
            // 10,000 TB effective at 1.87:1: raw = effective ÷ reduction × (k+p)/k, so that
            // usable = raw × k/(k+p) and effective = usable × reduction.
            let raw = 10_000.0 / 1.87 * (k + p) / k;
            close(raw * k / (k + p) * 1.87, 10_000.0, 1e-6);
            // drives = raw ÷ capacity, rounded up (and at least one stripe's k+p).
            let drives = formula(&format!("drives(10000, 1.87, {k}, {p}, 122.88)"));
            assert_eq!(drives, (raw / 122.88).ceil().max(k + p), "{k}+{p}");
            assert!(drives * 122.88 >= raw);
        }
        // Overheads as SOURCES §3 lists them: 146+4 ≈ 2.7 %, 8+2 = 25 %, 8+3 = 37.5 %, 3× = 200 %:
        // 1 PB on flash without reduction needs that much more raw capacity.
        for ((k, p), overhead) in [((146.0, 4.0), 0.0274), ((8.0, 2.0), 0.25), ((8.0, 3.0), 0.375), ((1.0, 2.0), 2.0)] {
            let v = with(&FLASH, &[("effective_pb", 1.0), ("reduction", 1.0), ("flash_k", k), ("flash_p", p)]);
            close(out(&FLASH, &v, "allflash_raw") - 1.0, overhead, 0.0005);
        }
        // An exact fit buys no extra drive: 300 TB raw on 30 TB drives is 10 drives.
        assert_eq!(formula("drives(240, 1, 8, 2, 30)"), 10.0);
        // A stripe spans k+p drives however little data there is; no data, no drives.
        assert_eq!(formula("drives(1, 1, 146, 4, 122.88)"), 150.0);
        assert_eq!(formula("drives(0, 1, 146, 4, 122.88)"), 0.0);
    }

    #[test]
    fn reproduces_the_hand_calculation_at_defaults() {
        let d = model::defaults(FLASH.params());
        // All-flash: 100 PB ÷ 1.87 × 150/146 = 54,941 TB raw → ⌈447.1⌉ = 448 SSDs of 122.88 TB.
        let af_raw = 100_000.0 / 1.87 * 150.0 / 146.0;
        close(out(&FLASH, &d, "allflash_raw"), af_raw / 1000.0, 1e-9);
        assert_eq!(out(&FLASH, &d, "allflash_ssds"), 448.0);
        assert_eq!(out(&FLASH, &d, "allflash_hdds"), 0.0);
        close(out(&FLASH, &d, "allflash_capex"), 448.0 * 122.88 * SSD_USD_PER_TB, 1e-3);
        close(out(&FLASH, &d, "allflash_energy"), power_bill(448.0 * 25.0), 1e-6);
        let af_total = 448.0 * 122.88 * SSD_USD_PER_TB + power_bill(448.0 * 25.0);
        close(out(&FLASH, &d, "allflash_total"), af_total, 1e-3);
        assert_eq!(shown(&FLASH, &d, "allflash_total"), "$9.7M");
        close(out(&FLASH, &d, "allflash_per_tb"), af_total / 100_000.0, 1e-9);
        // Hybrid: 20 % hot on flash needs ⌈89.4⌉ = 90 SSDs of capacity, but a 146+4 stripe spans
        // 150 drives, so 150; 80 PB on disk, 8+2, no reduction: 100,000 TB raw → ⌈3,333.3⌉ = 3,334
        // HDDs of 30 TB.
        assert_eq!(out(&FLASH, &d, "hybrid_ssds"), 150.0);
        assert_eq!(out(&FLASH, &d, "hybrid_hdds"), 3334.0);
        let hy_total = 150.0 * 122.88 * SSD_USD_PER_TB + 3334.0 * 30.0 * 49.0 + power_bill(150.0 * 25.0 + 3334.0 * 10.5);
        close(out(&FLASH, &d, "hybrid_total"), hy_total, 1e-3);
        // All-disk: 125,000 TB raw → ⌈4,166.7⌉ = 4,167 HDDs.
        assert_eq!(out(&FLASH, &d, "alldisk_hdds"), 4167.0);
        close(out(&FLASH, &d, "alldisk_total"), 4167.0 * 30.0 * 49.0 + power_bill(4167.0 * 10.5), 1e-3);
        // The shortage makes all-flash the dearest of the three here.
        assert!(af_total > hy_total && hy_total > out(&FLASH, &d, "alldisk_total"));
    }

    #[test]
    fn per_effective_tb_follows_the_sources_formula() {
        // Capex only: $ per effective TB = $ per raw TB × (k+p)/k ÷ reduction, up to one drive of
        // rounding (1 EB so that one drive is a rounding error).
        let v = with(&FLASH, &[("effective_pb", 1000.0), ("usd_per_mwh", 40.0)]);
        let formula = SSD_USD_PER_TB * 150.0 / 146.0 / 1.87;
        let capex_per_tb = out(&FLASH, &v, "allflash_capex") / 1e6;
        assert!(capex_per_tb >= formula && capex_per_tb - formula <= 122.88 * SSD_USD_PER_TB / 1e6, "{capex_per_tb} vs {formula}");
        let disk = 49.0 * 10.0 / 8.0; // no reduction on disk by default
        let disk_per_tb = out(&FLASH, &v, "alldisk_capex") / 1e6;
        assert!(disk_per_tb >= disk && disk_per_tb - disk <= 30.0 * 49.0 / 1e6);
        // Reduction on disk too divides the disk's cost by the ratio.
        let r = with(&FLASH, &[("effective_pb", 1000.0), ("disk_reduction", 1.0)]);
        close(out(&FLASH, &r, "alldisk_capex") / 1e6, disk / 1.87, 30.0 * 49.0 / 1e6);
    }

    #[test]
    fn break_even_is_where_the_totals_meet_to_the_cent() {
        for changes in [
            vec![],
            vec![("hot_pct", 5.0)],
            vec![("hot_pct", 60.0), ("reduction", 3.0)],
            vec![("effective_pb", 3.0), ("hdd_usd_per_tb", 15.0), ("flash_k", 8.0), ("flash_p", 2.0), ("flash_ec", 1.0)],
            vec![("flash_k", 8.0), ("flash_p", 2.0), ("flash_ec", 1.0), ("disk_reduction", 1.0)],
        ] {
            let v = with(&FLASH, &changes);
            let m = out(&FLASH, &v, "break_even");
            assert!(m.is_finite() && m > 0.0, "{changes:?}: {m}");
            let at = with(&FLASH, &[changes.as_slice(), &[("nand_x", m)]].concat());
            let (af, hy) = (out(&FLASH, &at, "allflash_total"), out(&FLASH, &at, "hybrid_total"));
            assert!((af - hy).abs() < 0.01, "{changes:?}: all-flash {af} vs hybrid {hy} at {m}");
            // Cheaper flash favours all-flash, dearer flash the hybrid.
            let below = with(&FLASH, &[changes.as_slice(), &[("nand_x", m * 0.9)]].concat());
            assert!(out(&FLASH, &below, "allflash_total") < out(&FLASH, &below, "hybrid_total"), "{changes:?}");
        }
        // Defaults: the shortage (2.23×) is past the break-even, so the hybrid wins today.
        let d = model::defaults(FLASH.params());
        assert!(out(&FLASH, &d, "break_even") < 2.23);
        // All data hot: the hybrid is the all-flash system; no break-even to speak of.
        assert!(out(&FLASH, &with(&FLASH, &[("hot_pct", 100.0)]), "break_even").is_nan());
        // 3 PB on 146+4: both flash tiers are one 150-drive stripe, so the hybrid only adds disks.
        let small = with(&FLASH, &[("effective_pb", 3.0)]);
        assert_eq!(out(&FLASH, &small, "allflash_ssds"), out(&FLASH, &small, "hybrid_ssds"));
        assert!(out(&FLASH, &small, "break_even").is_nan());
    }

    #[test]
    fn cold_backup_on_flash_vs_disk() {
        let d = model::defaults(FLASH.params());
        // 80 PB cold: on flash ÷ 1.87 × 150/146 = 43,953 TB → ⌈357.7⌉ = 358 SSDs; on disk × 10/8
        // = 100,000 TB → 3,334 HDDs.
        close(out(&FLASH, &d, "backup_flash"), 358.0 * 122.88 * SSD_USD_PER_TB + power_bill(358.0 * 25.0), 1e-3);
        close(out(&FLASH, &d, "backup_disk"), 3334.0 * 30.0 * 49.0 + power_bill(3334.0 * 10.5), 1e-3);
    }

    #[test]
    fn erasure_code_presets_fill_both_shard_counts() {
        let specs = FLASH.params();
        let idx = |k: &str| specs.iter().position(|s| s.key == k).unwrap();
        let mut v = model::defaults(specs);
        model::assign(specs, &mut v, idx("flash_ec"), 3.0); // 3 copies
        assert_eq!((v[idx("flash_k")], v[idx("flash_p")]), (1.0, 2.0));
        close(out(&FLASH, &v, "allflash_raw") * 1000.0, 3.0 * 100_000.0 / 1.87, 1e-6);
        // Editing one shard count makes the preset custom; the disk preset is untouched.
        model::assign(specs, &mut v, idx("flash_p"), 3.0);
        assert_eq!(specs[idx("flash_ec")].options()[v[idx("flash_ec")] as usize], "custom");
        assert_eq!(specs[idx("disk_ec")].options()[v[idx("disk_ec")] as usize], "8-2");
        model::assign(specs, &mut v, idx("flash_k"), 8.0);
        assert_eq!(specs[idx("flash_ec")].options()[v[idx("flash_ec")] as usize], "8-3");
    }

    #[test]
    fn chart_has_three_lines_the_break_even_and_the_reader() {
        let d = model::defaults(FLASH.params());
        let c = FLASH.chart(&Values::new(FLASH.params(), &d));
        assert_eq!(c.series.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["All-flash", "Hybrid", "All-disk"]);
        assert!(!c.x.log && !c.y.log && c.y.min == 0.0);
        assert!(c.marks.windows(2).all(|w| w[0].x < w[1].x), "marks in x order");
        let be = c.marks.iter().find(|m| m.label.contains("=")).expect("break-even mark");
        close(be.x, out(&FLASH, &d, "break_even"), 1e-12);
        // At the break-even the two lines cross.
        let y = |s: &model::Series, x: f64| {
            let ((x0, y0), (x1, y1)) = (s.points[0], s.points[1]);
            y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        };
        close(y(&c.series[0], be.x), y(&c.series[1], be.x), 0.01);
        // The reader's point is on the all-flash line at the current multiplier.
        let p = c.point.as_ref().unwrap();
        assert_eq!(p.x, 2.23);
        close(p.y, out(&FLASH, &d, "allflash_total"), 1e-3);
        assert!(c.series.iter().all(|s| s.points.iter().all(|&(_, y)| y <= c.y.max)));
        // All-disk holds no flash: flat.
        assert_eq!(c.series[2].points[0].1, c.series[2].points[1].1);
    }

    /// A valid scenario: each input anywhere in its range (whole shard counts).
    fn scenario() -> impl Strategy<Value = Vec<f64>> {
        let specs = FLASH.params();
        specs
            .iter()
            .map(|s| match s.kind {
                Kind::Number { min, max, .. } => (0.0..=1.0f64).prop_map(move |t| s.sanitize(min + t * (max - min)).0).boxed(),
                Kind::Toggle => prop_oneof![Just(0.0), Just(1.0)].boxed(),
                _ => Just(s.default).boxed(),
            })
            .collect::<Vec<_>>()
            .prop_map(|mut v| {
                model::settle(FLASH.params(), &mut v);
                v
            })
    }

    proptest! {
        #![proptest_config(cases(300))]

        #[test]
        fn cost_never_falls_when_a_price_rises(v in scenario(), key in prop::sample::select(vec!["nand_x", "ssd_usd_per_tb", "hdd_usd_per_tb", "usd_per_mwh", "pue", "years"]), bump in 1.0f64..2.0) {
            let specs = FLASH.params();
            let i = specs.iter().position(|s| s.key == key).unwrap();
            let mut dearer = v.clone();
            dearer[i] = specs[i].sanitize(v[i] * bump).0;
            for o in ["allflash_total", "hybrid_total", "alldisk_total", "backup_flash", "backup_disk", "allflash_per_tb"] {
                let (a, b) = (out(&FLASH, &v, o), out(&FLASH, &dearer, o));
                // (A backup of no cold data does not apply: NaN at both.)
                prop_assert!(b >= a - 1e-6 * a.abs() || (a.is_nan() && b.is_nan()), "{} fell from {} to {} when {} rose", o, a, b, key);
            }
        }

        #[test]
        fn every_output_is_finite_and_non_negative(v in scenario()) {
            for (o, x) in FLASH.outputs().iter().zip(FLASH.compute(&Values::new(FLASH.params(), &v))) {
                // What does not apply is NaN, and the readout says so in words.
                let applies = match o.key {
                    "break_even" => false,
                    "backup_flash" | "backup_disk" => v[model::index(FLASH.params(), "hot_pct").unwrap()] < 100.0,
                    _ => true,
                };
                prop_assert!(!applies || (x.is_finite() && x >= 0.0), "{} = {}", o.key, x);
                prop_assert!(x.is_finite() || !o.empty.is_empty(), "{} has no words for when it does not apply", o.key);
            }
        }
    }
}

mod orbit_vs_ground {
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
        let orbit_at = essay_widgets::chart::value_at(&c2, &c2.series[0].points, m.x);
        assert!((orbit_at / c2.series[1].points[0].1 - 1.0).abs() < 0.02, "{orbit_at}");
    }

    #[test]
    fn the_launch_price_key_is_the_orbital_widgets() {
        // A link that sets both widgets' launch price in $/kg reads the same number in each.
        let q = "?orbital-gpu-cost.launch_usd_per_kg=300&orbital-vs-terrestrial.launch_usd_per_kg=300";
        let a = essay_widgets::scenario::decode(&ORBITAL, "orbital-gpu-cost", q, &model::defaults(ORBITAL.params()));
        let b = essay_widgets::scenario::decode(&OVG, "orbital-vs-terrestrial", q, &model::defaults(OVG.params()));
        close(a.values[0] / 0.453_592_37, 300.0, 1e-3);
        close(b.values[model::index(OVG.params(), "launch_usd_per_kg").unwrap()], 300.0, 0.0);
    }
}

mod kv_cache {
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
            essay_widgets::chart::value_at(&time, &s.points, 131_072.0)
        };
        assert!((at("Reload from flash") / out(&KV, &d, "reload_flash") - 1.0).abs() < 0.01);
        assert!((at("Recompute the prefix") / out(&KV, &d, "recompute") - 1.0).abs() < 0.02);
        // Ranges band the size view only (the band's output is bytes).
        assert!(model::bands_apply(&KV, &size));
        assert!(!model::bands_apply(&KV, &time));
    }
}

mod release {
    /// The version the builder's snippets pin and the README's CDN examples name is the one
    /// `make dist` packs (Cargo.toml's): a release bump that forgets one fails here.
    #[test]
    fn the_pinned_version_everywhere_is_cargos() {
        let version = env!("CARGO_PKG_VERSION");
        let builder = std::fs::read_to_string("www/builder.html").unwrap();
        assert!(builder.contains(&format!(r#"<meta name="essay-widgets-version" content="{version}">"#)), "www/builder.html pins another version");
        let readme = std::fs::read_to_string("README.md").unwrap();
        let pinned: Vec<&str> = readme.split("essay-widgets@").skip(1).map(|rest| rest.split(['/', ' ', '`', ')']).next().unwrap()).collect();
        assert!(!pinned.is_empty());
        for p in pinned.iter().filter(|p| p.starts_with(|c: char| c.is_ascii_digit())) {
            assert_eq!(*p, version, "README pins essay-widgets@{p}");
        }
        let dist = std::fs::read_to_string("scripts/dist-readme.md").unwrap();
        assert!(dist.contains("essay-widgets@VERSION/"), "the package README's version is filled in by make dist");
    }
}

mod units {
    use essay_widgets::units::{self, parse, ParseError, Style, Unit};

    #[test]
    fn money_reads_like_the_essay() {
        for (v, want) in [
            (3.6e6, "$3.6M"),
            (5.0004e9, "$5.0B"),
            (50_000.0, "$50,000"),
            (1_200.0, "$1,200"),
            (0.16, "$0.16"),
            (141.2e6, "$141M"),
            (12.3e6, "$12.3M"),
            (999_960.0, "$1.0M"),
            (2.5e12, "$2.5T"),
            (-2.1e9, "-$2.1B"),
            (80.6, "$80.6"),
            (12.0, "$12"),
            (99.96, "$100"),
        ] {
            assert_eq!(units::money(v), want, "money({v})");
        }
    }

    #[test]
    fn a_table_row_of_money_follows_one_precision_rule_and_never_hides_small_values() {
        let usd = Unit::fixed(Style::Money, "");
        let row = |v: &[f64]| usd.format_row(v, 0).join(" | ");
        // The issue's example: not "$47,447 | $164K"; each value rounded as a readout rounds it.
        assert_eq!(row(&[47_447.0, 164_000.0]), "$47.4K | $164K");
        // A small flash tier next to a large one: not "$0.1M | $1.2M".
        assert_eq!(row(&[63_608.0, 1_200_000.0]), "$63.6K | $1.2M");
        assert_eq!(row(&[3_247_000.0, 3_297_000.0, 61_700.0]), "$3.2M | $3.3M | $61.7K");
        assert_eq!(row(&[6_361.0, 120_000.0, 2.0]), "$6.4K | $120K | $2.0");
        // A zero reads as one.
        assert_eq!(row(&[0.0, 3.6e6]), "$0 | $3.6M");
        // Rows below $10,000 in whole dollars; below $1,000 as the readouts show them.
        assert_eq!(row(&[3_263.1, 3_315.4, 63.6]), "$3,263 | $3,315 | $64");
        assert_eq!(row(&[97.46, 63.11, 0.16]), "$97.5 | $63.1 | $0.16");
        // Below a dollar in a large row: the readout's digits, never "$0" or "$0.0".
        assert_eq!(row(&[3_263.1, 0.42]), "$3,263 | $0.42");
        assert_eq!(row(&[47_447.0, 0.0042]), "$47.4K | $0.0042");
    }

    #[test]
    fn ticks_below_a_tenth_keep_two_significant_digits() {
        let usd = Unit::fixed(Style::Money, "");
        assert_eq!(usd.tick(0.0042, 0), "$0.0042");
        assert_eq!(usd.tick(0.005, 0), "$0.005");
        assert_eq!(usd.tick(0.05, 0), "$0.05");
        assert_eq!(usd.tick(0.25, 0), "$0.25");
        assert_eq!(units::compact(0.0001, 0), "0.0001");
    }

    #[test]
    fn quantities_counts_and_ticks() {
        assert_eq!(units::quantity(36.5), "36.5");
        assert_eq!(units::quantity(1360.777), "1,361");
        assert_eq!(units::quantity(4.95), "4.95");
        assert_eq!(units::group(1_234_567.891, 2), "1,234,567.89");
        let usd = Unit::fixed(Style::Money, "");
        for (v, want) in [(200.0, "$200"), (5e9, "$5B"), (2.5e9, "$2.5B"), (10_000.0, "$10K"), (0.5, "$0.5")] {
            assert_eq!(usd.tick(v, 0), want);
        }
        let count = Unit::fixed(Style::Count, " racks");
        assert_eq!(count.format(1389.0, 0), "1,389\u{a0}racks");
        assert_eq!(count.edit_text(72.0, 0), "72");
        assert_eq!(count.edit_text(100_000.0, 0), "100,000");
        assert_eq!(usd.format(f64::NAN, 0), "–");
    }

    #[test]
    fn si_prefixes_for_power_and_energy() {
        let w = Unit::fixed(Style::Si, "W");
        for (v, want) in [(200.04e6, "200\u{a0}MW"), (1.2e9, "1.2\u{a0}GW"), (999.7e6, "1\u{a0}GW"), (1_667.0, "1.67\u{a0}kW"), (12.0, "12\u{a0}W"), (15e12, "15\u{a0}TW")] {
            assert_eq!(w.format(v, 0), want, "format({v})");
        }
        for (v, want) in [(1e6, "1 MW"), (200e6, "200 MW"), (1e9, "1 GW"), (20e9, "20 GW"), (500e3, "500 kW")] {
            assert_eq!(w.tick(v, 0), want, "tick({v})");
        }
        assert_eq!(Unit::fixed(Style::Si, "Wh").format(1.7523e12, 0), "1.75\u{a0}TWh");
    }

    #[test]
    fn typed_numbers() {
        let ok = |t: &str, want: f64| assert_eq!(parse(t, "/lb"), Ok(want), "{t}");
        ok("1200", 1200.0);
        ok(" 1,200 ", 1200.0);
        ok("$1,200/lb", 1200.0);
        ok("$1,200 /LB", 1200.0);
        ok("1.2k", 1200.0);
        ok("5B", 5e9);
        ok("1e3", 1000.0);
        ok("-5", -5.0);
        ok(".5", 0.5);
        assert_eq!(parse("", ""), Err(ParseError::Empty));
        // Too large for a float: the largest one, which the field then clamps like 1e308.
        ok("1e999", f64::MAX);
        assert_eq!(parse("-0", "").map(f64::to_bits), Ok(0.0f64.to_bits()), "-0 reads as 0");
        for bad in ["abc", "NaN", "inf", "-inf", "infinity", "1.2.3", "$", "k", "0x10", "<script>", "1e", "e5", ".", "--1", "1-", "1e+"] {
            assert_eq!(parse(bad, ""), Err(ParseError::NotANumber), "{bad}");
        }
    }
}

mod scenario {
    use super::*;
    use essay_widgets::scenario::{decode, encode, encode_with, percent_decode, BadEncoding, MAX_QUERY_BYTES};
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;

    const NS: &str = "orbital-gpu-cost";

    fn base() -> Vec<f64> {
        model::defaults(ORBITAL.params())
    }

    #[test]
    fn defaults_write_nothing_and_changes_write_only_themselves() {
        assert_eq!(encode(&ORBITAL, NS, &base(), &base(), ""), "");
        let v = with(&ORBITAL, &[("launch_usd_per_lb", 800.0), ("units", 1.0), ("support", 1.0)]);
        assert_eq!(
            encode(&ORBITAL, NS, &v, &base(), ""),
            "?orbital-gpu-cost.v=2&orbital-gpu-cost.launch_usd_per_kg=1763.698&orbital-gpu-cost.support=on&orbital-gpu-cost.units=kg"
        );
    }

    #[test]
    fn round_trips_and_keeps_the_rest_of_the_query() {
        let v = with(&ORBITAL, &[("launch_usd_per_lb", 90.7185), ("gpus", 250_000.0), ("rack_kw", 132.5)]);
        let q = encode(&ORBITAL, NS, &v, &base(), "?utm_source=x&orbital-gpu-cost.gpus=1&other-widget.a=1");
        assert!(q.starts_with("?utm_source=x&other-widget.a=1&"), "{q}");
        let d = decode(&ORBITAL, NS, &q, &base());
        assert_eq!(d.values, v);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        // Back to the defaults: only the page's own parameters remain.
        assert_eq!(encode(&ORBITAL, NS, &base(), &base(), &q), "?utm_source=x&other-widget.a=1");
    }

    #[test]
    fn hostile_and_broken_values_are_reported_and_replaced() {
        let q = "?orbital-gpu-cost.launch_usd_per_lb=abc\
                 &orbital-gpu-cost.gpus=1e99\
                 &orbital-gpu-cost.support=maybe\
                 &orbital-gpu-cost.rack_lb=NaN\
                 &orbital-gpu-cost.gpus_per_rack=%ZZ\
                 &orbital-gpu-cost.units=%3Cscript%3Ealert(1)%3C%2Fscript%3E\
                 &orbital-gpu-cost.bogus=1\
                 &orbital-gpu-cost.rack_kw=-5";
        let d = decode(&ORBITAL, NS, q, &base());
        let expect = with(&ORBITAL, &[("gpus", 5_000_000.0), ("rack_kw", 10.0)]);
        assert_eq!(d.values, expect);
        assert_eq!(d.notes.len(), 8, "{:#?}", d.notes);
        let all = d.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n");
        for part in [
            "Launch price: “abc” is not a number; using $1,200/lb",
            "Fleet size (GPUs): 1e99 is outside the range",
            "using 5,000,000",
            "“maybe” is not one of off, on",
            "unknown setting “bogus”",
            "broken encoding",
        ] {
            assert!(all.contains(part), "notes lack {part:?}:\n{all}");
        }
        // The payload is quoted back as plain text, never interpreted.
        assert!(all.contains("“<script>alert(1)</script>” is not one of lb, kg"), "{all}");
    }

    #[test]
    fn a_reader_in_kg_shares_kg_and_a_kg_link_opens_in_kg() {
        // $350/kg, as a reader in kg mode sets it (the model holds $/lb, to its step).
        let per_lb = model::round_to_step(350.0 * essay_widgets::units::KG_PER_LB, 0.0001);
        let v = with(&ORBITAL, &[("units", 1.0), ("launch_usd_per_lb", per_lb)]);
        let q = encode(&ORBITAL, NS, &v, &base(), "");
        assert!(q.contains("orbital-gpu-cost.launch_usd_per_kg=350&") || q.ends_with("orbital-gpu-cost.launch_usd_per_kg=350"), "{q}");
        assert!(!q.contains("launch_usd_per_lb"), "{q}");
        let d = decode(&ORBITAL, NS, &q, &base());
        assert_eq!(d.values, v);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        // A link that gives only the price per kg opens in kg.
        let d = decode(&ORBITAL, NS, "orbital-gpu-cost.launch_usd_per_kg=350", &base());
        assert_eq!(d.values, v);
        // ...unless it says otherwise.
        let d = decode(&ORBITAL, NS, "orbital-gpu-cost.launch_usd_per_kg=350&orbital-gpu-cost.units=lb", &base());
        assert_eq!(d.values, with(&ORBITAL, &[("launch_usd_per_lb", per_lb)]));
        // No float noise in any link.
        for (link, kg) in [("launch_usd_per_kg=10", true), ("launch_usd_per_lb=800", false), ("launch_usd_per_kg=100000", true)] {
            let d = decode(&ORBITAL, NS, &format!("orbital-gpu-cost.{link}"), &base());
            let q = encode(&ORBITAL, NS, &d.values, &base(), "");
            assert!(q.contains(&format!("orbital-gpu-cost.{link}")), "{link}: {q}");
            assert_eq!(q.contains("units=kg"), kg, "{q}");
        }
    }

    #[test]
    fn overflowing_numbers_and_negative_zero_read_like_their_neighbours() {
        let note = |v: &str| {
            let d = decode(&ORBITAL, NS, &format!("orbital-gpu-cost.gpus={v}"), &base());
            (d.values, d.notes.into_iter().map(|n| n.text).collect::<Vec<_>>())
        };
        let (big, big_notes) = note("1e308");
        let (huge, huge_notes) = note("1e309");
        assert_eq!(huge, big, "1e309 is clamped like 1e308");
        assert_eq!(huge_notes.len(), 1, "{huge_notes:?}");
        assert!(huge_notes[0].contains("1e309 is outside the range"), "{huge_notes:?}");
        assert!(big_notes[0].contains("1e308 is outside the range"), "{big_notes:?}");
        // -0 is 0 (then clamped to the input's minimum like 0 is), never a "-0" in the link.
        let (minus, minus_notes) = note("-0");
        let (zero, _) = note("0");
        assert_eq!(minus.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), zero.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        assert!(!minus_notes.iter().any(|n| n.contains("not a number")), "{minus_notes:?}");
    }

    #[test]
    fn control_and_bidi_characters_in_a_link_are_named_in_the_note() {
        // U+202E (right-to-left override) would make the rest of the note read backwards.
        let d = decode(&ORBITAL, NS, "orbital-gpu-cost.units=%E2%80%AEgk&orbital-gpu-cost.gpus=1%002", &base());
        let all = d.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n");
        assert!(all.contains("“[U+202E]gk”"), "{all}");
        assert!(!all.contains('\u{202E}'), "{all}");
        // A NUL inside a number is named, not dropped (which would read as “12”).
        assert!(all.contains("“1[U+0000]2” is not a number"), "{all}");
        assert_eq!(d.values, base());
    }

    #[test]
    fn an_iframes_share_link_is_the_articles_address_with_the_widgets_keys() {
        use essay_widgets::scenario::share_link;
        let q = "?widget=kv-cache&kv-cache.v=1&kv-cache.context=4096&other.gpus=5";
        // The article's own query and fragment stay; its stale keys of this widget are replaced.
        assert_eq!(
            share_link("https://blog.example/post?ref=x&kv-cache.context=1#kv", q, "kv-cache"),
            "https://blog.example/post?ref=x&kv-cache.v=1&kv-cache.context=4096#kv"
        );
        assert_eq!(share_link("https://blog.example/post", "", "kv-cache"), "https://blog.example/post");
        // Only http(s) addresses, as plain text, are taken from the attribute.
        let at = |u: &'static str| essay_widgets::author::settings(&DATACENTER, "d", &move |n| (n == "data-share-url").then(|| u.to_string()));
        assert_eq!(at("https://blog.example/p").share_url.as_deref(), Some("https://blog.example/p"));
        for bad in ["javascript:alert(1)", "https://a b", "//evil.example", "https://x\"><img>"] {
            let s = at(bad);
            assert_eq!(s.share_url, None, "{bad}");
            assert!(s.notes.iter().any(|n| n.contains("is not an http(s) address")), "{bad}: {:?}", s.notes);
        }
    }

    #[test]
    fn duplicates_last_wins_other_namespaces_ignored() {
        let q = "orbital-gpu-cost.gpus=2000&orbital-gpu-cost.gpus=3000&datacenter-power.x=1&orbital-gpu-cost-2.gpus=9000";
        let d = decode(&ORBITAL, NS, q, &base());
        assert_eq!(d.values, with(&ORBITAL, &[("gpus", 3000.0)]));
        assert_eq!(d.notes.len(), 1);
        assert!(d.notes[0].text.contains("more than once"));
        let d2 = decode(&ORBITAL, "orbital-gpu-cost-2", q, &base());
        assert_eq!(d2.values, with(&ORBITAL, &[("gpus", 9000.0)]));
    }

    #[test]
    fn over_long_queries_are_cut_with_a_note() {
        let q = format!("orbital-gpu-cost.gpus=2000&pad={}", "x".repeat(MAX_QUERY_BYTES));
        let d = decode(&ORBITAL, NS, &q, &base());
        assert_eq!(d.values, with(&ORBITAL, &[("gpus", 2000.0)]));
        assert!(d.notes.iter().any(|n| n.text.contains("8 KB")));
    }

    #[test]
    fn presets_travel_by_name_and_explicit_values_win() {
            let specs = DATACENTER.params();
        let base = model::defaults(specs);
        let ns = "datacenter-power";
        let preset = specs.iter().position(|s| s.key == "gpu_model").unwrap();
        // A named preset is written as its name, not as the number it fills.
        let mut h100 = base.clone();
        model::assign(specs, &mut h100, preset, 0.0);
        assert_eq!(encode(&DATACENTER, ns, &h100, &base, ""), "?datacenter-power.v=2&datacenter-power.gpu_model=h100");
        assert_eq!(decode(&DATACENTER, ns, "datacenter-power.v=2&datacenter-power.gpu_model=H100", &base).values, h100);
        // A value of the reader's own is written as the number; the preset reads back as custom.
        let own = with(&DATACENTER, &[("kw_per_gpu", 1.25), ("gpu_model", 4.0)]);
        assert_eq!(encode(&DATACENTER, ns, &own, &base, ""), "?datacenter-power.v=2&datacenter-power.kw_per_gpu=1.25");
        assert_eq!(decode(&DATACENTER, ns, "datacenter-power.kw_per_gpu=1.25", &base).values, own);
        // Both given: the explicit number wins, in either order.
        for q in [
            "datacenter-power.v=2&datacenter-power.gpu_model=h100&datacenter-power.kw_per_gpu=1.25",
            "datacenter-power.kw_per_gpu=1.25&datacenter-power.gpu_model=h100&datacenter-power.v=2",
        ] {
            assert_eq!(decode(&DATACENTER, ns, q, &base).values, own, "{q}");
        }
        // A number that happens to equal a preset reads back as that preset.
        assert_eq!(decode(&DATACENTER, ns, "datacenter-power.kw_per_gpu=1.275", &base).values, h100);
        // An unknown preset name is reported; the author's accelerator stands.
        let d = decode(&DATACENTER, ns, "datacenter-power.gpu_model=tpu9000", &base);
        assert_eq!(d.values, base);
        assert!(d.notes[0].text.contains("“tpu9000” is not one of h100, b200"), "{:?}", d.notes);
    }

    #[test]
    fn links_from_older_format_versions_still_read_right() {
        // Version 1 links (no `v`) said `fleet_gpus`; version 2 says `gpus` and writes `v=2`.
        let want = with(&ORBITAL, &[("gpus", 200_000.0)]);
        for old in ["orbital-gpu-cost.fleet_gpus=200000", "orbital-gpu-cost.v=1&orbital-gpu-cost.fleet_gpus=200000"] {
            let d = decode(&ORBITAL, NS, old, &base());
            assert_eq!((d.values.as_slice(), d.notes.len()), (want.as_slice(), 0), "{old}: {:?}", d.notes);
        }
        assert_eq!(encode(&ORBITAL, NS, &want, &base(), ""), "?orbital-gpu-cost.v=2&orbital-gpu-cost.gpus=200000");
        // In a version 2 link the old name is just unknown.
        let d = decode(&ORBITAL, NS, "orbital-gpu-cost.v=2&orbital-gpu-cost.fleet_gpus=200000", &base());
        assert_eq!(d.values, base());
        assert!(d.notes[0].text.contains("unknown setting “fleet_gpus”"));
        // A version from the future (or garbage) is read as the current one, with a note.
        for v in ["9", "two", "1.5", "-1"] {
            let d = decode(&ORBITAL, NS, &format!("orbital-gpu-cost.v={v}&orbital-gpu-cost.gpus=200000"), &base());
            assert_eq!(d.values, want, "v={v}");
            assert!(d.notes[0].text.contains("format version") && d.notes[0].text.contains("read as version 2"), "{:?}", d.notes);
        }
    }

    /// A widget whose price moved from $/lb to $/kg at version 2 and whose count was renamed at 3.
    static MIGRATED: Model = Model {
        id: "migrated",
        title: "Migrated",
        params: &[
            model::ParamSpec {
                key: "usd_per_kg",
                label: "Price",
                kind: Kind::Number { min: 1.0, max: 1e6, step: 0.01, scale: model::Scale::Log },
                unit: essay_widgets::units::USD,
                default: 2000.0,
                source: "test",
                cite: "",
                shown_if: None,
                marks: &[],
                group: "",
                folded: false,
            },
            model::ParamSpec {
                key: "count",
                label: "Count",
                kind: Kind::Number { min: 1.0, max: 1000.0, step: 1.0, scale: model::Scale::Linear },
                unit: essay_widgets::units::COUNT,
                default: 1.0,
                source: "test",
                cite: "",
                shown_if: None,
                marks: &[],
                group: "",
                folded: false,
            },
        ],
        outputs: &[],
        logic: model::Logic::Rust {
            compute: |_, _| {},
            chart: |_| ORBITAL.chart(&Values::new(ORBITAL.params(), &model::defaults(ORBITAL.params()))),
            summary: |_| String::new(),
        },
        version: 3,
        migrations: &[
            model::Migration { to: 2, renames: &[("usd_per_lb", "usd_per_kg")], scales: &[("usd_per_kg", 1.0 / 0.453_592_37)], options: &[] },
            model::Migration { to: 3, renames: &[("n", "count")], scales: &[], options: &[] },
        ],
        uncertainty: essay_widgets::uncertainty::Spec { headline: "", band: None, claim: None, defaults: &[] },
    };

    #[test]
    fn migrations_rename_and_rescale_in_order() {
        let base = model::defaults(MIGRATED.params());
        // $1,000/lb in a version 1 link is $2,204.62/kg now; `n` became `count` at version 3.
        let d = decode(&MIGRATED, "m", "m.usd_per_lb=1000&m.n=7", &base);
        assert_eq!(d.values, vec![2204.62, 7.0], "{:?}", d.notes);
        // A version 2 link is already in $/kg, but still says `n`.
        let d = decode(&MIGRATED, "m", "m.v=2&m.usd_per_kg=1000&m.n=7", &base);
        assert_eq!(d.values, vec![1000.0, 7.0]);
        // Current links round-trip and say their version.
        let q = encode(&MIGRATED, "m", &[1000.0, 7.0], &base, "");
        assert_eq!(q, "?m.v=3&m.usd_per_kg=1000&m.count=7");
        assert_eq!(decode(&MIGRATED, "m", &q, &base).values, vec![1000.0, 7.0]);
    }

    /// A valid scenario of `m`: every number on its step grid inside its range, switches and
    /// choices among their options, presets chosen (and filled) or custom.
    fn scenario_of(m: &'static Model) -> impl Strategy<Value = Vec<f64>> {
        let parts: Vec<BoxedStrategy<f64>> = m
            .params()
            .iter()
            .map(|s| match s.kind {
                Kind::Number { min, max, scale, .. } => (0.0..=1.0f64)
                    .prop_map(move |t| {
                        let raw = match scale {
                            model::Scale::Linear => min + t * (max - min),
                            model::Scale::Log => min * (max / min).powf(t),
                        };
                        s.sanitize(raw).0
                    })
                    .boxed(),
                _ => (0..s.options().len()).prop_map(|k| k as f64).boxed(),
            })
            .collect();
        parts.prop_map(move |mut v| {
            // Apply the presets that are named (as a reader choosing them would), then settle.
            for (i, s) in m.params().iter().enumerate() {
                if let Kind::Preset(p) = s.kind {
                    if (v[i] as usize) < p.values.len() {
                        let x = v[i];
                        model::assign(m.params(), &mut v, i, x);
                    }
                }
            }
            model::settle(m.params(), &mut v);
            v
        })
    }

    /// Every value is one its input accepts as is, and presets agree with what they fill.
    fn assert_valid(m: &Model, v: &[f64]) -> Result<(), TestCaseError> {
        for (s, &x) in m.params().iter().zip(v) {
            prop_assert_eq!(s.sanitize(x), (x, None), "{}.{} = {}", m.id(), s.key, x);
        }
        let mut settled = v.to_vec();
        model::settle(m.params(), &mut settled);
        prop_assert_eq!(settled.as_slice(), v);
        Ok(())
    }

    fn any_widget() -> impl Strategy<Value = &'static Model> {
        prop::sample::select(all())
    }

    proptest! {
        #![proptest_config(cases(400))]

        #[test]
        fn decode_of_encode_is_the_scenario(
            (m, v) in any_widget().prop_flat_map(|m| (Just(m), scenario_of(m))),
            page in "(utm_[a-z]{1,5}=[a-z0-9]{0,5}&){0,3}",
        ) {
            let base = model::defaults(m.params());
            let q = encode(m, m.id(), &v, &base, &page);
            let d = decode(m, m.id(), &q, &base);
            prop_assert_eq!(&d.values, &v, "{}", q);
            prop_assert!(d.notes.is_empty(), "{:?}", d.notes);
            // The page's own parameters are all still there, in order, before the widget's.
            prop_assert!(q.trim_start_matches('?').starts_with(page.trim_end_matches('&')), "{} lost {}", q, page);
            // Only values that differ are written, each once.
            let written = q.matches(&format!("{}.", m.id())).count();
            let differ = v.iter().zip(&base).filter(|(a, b)| a != b).count();
            prop_assert!(written <= differ + 1, "{} pairs for {} changes: {}", written, differ, q);
        }

        #[test]
        fn ranges_round_trip_through_links(
            (m, v) in any_widget().prop_flat_map(|m| (Just(m), scenario_of(m))),
            pick in 0usize..64,
            a in 0.0..=1.0f64,
            b in 0.0..=1.0f64,
        ) {
            let base = model::defaults(m.params());
            let numbers: Vec<usize> = (0..v.len()).filter(|&i| matches!(m.params()[i].kind, Kind::Number { .. })).collect();
            let i = numbers[pick % numbers.len()];
            let Kind::Number { min, max, .. } = m.params()[i].kind else { unreachable!() };
            let (lo, hi) = (m.params()[i].sanitize(min + a.min(b) * (max - min)).0, m.params()[i].sanitize(min + a.max(b) * (max - min)).0);
            prop_assume!(lo < hi);
            let mut ranges = vec![None; v.len()];
            ranges[i] = Some(essay_widgets::uncertainty::Range { lo, hi });
            let q = encode_with(m, m.id(), &v, &ranges, &base, "");
            let d = decode(m, m.id(), &q, &base);
            prop_assert_eq!(&d.ranges, &ranges, "{}", q);
            prop_assert!(d.notes.is_empty(), "{:?}", d.notes);
            // The ranged input's value is its median.
            prop_assert!((d.values[i] - m.params()[i].sanitize(ranges[i].unwrap().median()).0).abs() < 1e-9);
        }

        #[test]
        fn decode_of_anything_is_safe_and_in_range(m in any_widget(), q in ".{0,300}") {
            let base = model::defaults(m.params());
            let d = decode(m, m.id(), &q, &base);
            assert_valid(m, &d.values)?;
        }
    }

    /// Queries built from this widget's keys, other namespaces and hostile values: what a
    /// fuzzer would try. `make test` runs a few thousand; `make fuzz` a million.
    fn hostile_query(m: &'static Model) -> impl Strategy<Value = String> {
        let keys: Vec<String> = m.params().iter().map(|s| s.key.to_string()).chain(["v".into(), "zzz".into(), "".into()]).collect();
        let ns = prop::sample::select(vec![format!("{}.", m.id()), String::new(), "other.".into(), format!("{}-2.", m.id())]);
        let value = prop_oneof![
            Just("NaN".to_string()),
            Just("Infinity".to_string()),
            Just("-1e308".to_string()),
            Just("1e400".to_string()),
            Just("%".to_string()),
            Just("%zz".to_string()),
            Just("%C3%28".to_string()),
            Just("%3Cscript%3E".to_string()),
            Just("on".to_string()),
            Just("custom".to_string()),
            "-?[0-9]{0,6}(\\.[0-9]{0,4})?(e-?[0-9]{1,3})?",
            // Ranges, good and bad halves, reversed, out of bounds, several tildes.
            "-?[0-9]{0,6}(\\.[0-9]{0,3})?~-?[0-9]{0,7}(e[0-9])?",
            Just("abc~5".to_string()),
            Just("5~abc".to_string()),
            Just("~".to_string()),
            Just("1~2~3".to_string()),
            Just("%7E".to_string()),
            ".{0,12}",
        ];
        let pair = (ns, prop::sample::select(keys), prop::option::of(value)).prop_map(|(ns, k, v)| match v {
            Some(v) => format!("{ns}{k}={v}"),
            None => format!("{ns}{k}"),
        });
        prop::collection::vec(pair, 0..24).prop_map(|pairs| pairs.join("&"))
    }

    #[test]
    fn fuzz_the_decoder() {
        let n = std::env::var("FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(3000);
        let mut runner = proptest::test_runner::TestRunner::new(cases(n));
        let strategy = any_widget().prop_flat_map(|m| (Just(m), hostile_query(m)));
        runner
            .run(&strategy, |(m, q)| {
                let base = model::defaults(m.params());
                let d = decode(m, m.id(), &q, &base);
                assert_valid(m, &d.values)?;
                // Whatever it read, writing it back and reading again gives the same scenario.
                for r in d.ranges.iter().flatten() {
                    prop_assert!(r.lo < r.hi && r.lo.is_finite() && r.hi.is_finite(), "{:?}", r);
                }
                let again = decode(m, m.id(), &encode_with(m, m.id(), &d.values, &d.ranges, &base, &q), &base);
                prop_assert_eq!(again.values, d.values);
                prop_assert_eq!(again.ranges, d.ranges);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b+c"), Ok("a b c".into()));
        assert_eq!(percent_decode("%E2%82%AC"), Ok("€".into()));
        assert_eq!(percent_decode("%"), Err(BadEncoding));
        assert_eq!(percent_decode("%4"), Err(BadEncoding));
        assert_eq!(percent_decode("%FF"), Err(BadEncoding));
    }
}

mod chart {
    use super::*;
    use essay_widgets::chart::{parse_color, stack_rows, ticks, ChartStyle};
    use essay_widgets::model::Kind;
    use plotters::prelude::*;

    /// The text of every `<text>` element, entities decoded.
    fn texts(svg: &str) -> Vec<String> {
        let unescape = |t: &str| t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        svg.split("<text").skip(1).filter_map(|t| Some(unescape(t.split_once('>')?.1.split('<').next()?.trim()))).collect()
    }

    fn svg_of(chart: &model::Chart, w: u32, h: u32) -> String {
        essay_widgets::render::chart_svg(chart, (w, h), &ChartStyle::for_svg(0)).expect("draws")
    }

    fn svg(m: &Model, vals: &[f64], w: u32, h: u32, style: &ChartStyle) -> String {
        essay_widgets::render::chart_svg(&m.chart(&Values::new(m.params(), vals)), (w, h), style).expect("draws")
    }

    #[test]
    fn lines_have_no_kinks_from_pixel_snapping() {
        use essay_widgets::scene::{Prim, FINE};
        // A straight line sampled at 60 points, at a slope no pixel grid divides: drawn, its
        // points stay on the straight line (whole pixels would put them up to half a pixel off).
        let axis = |label, max| model::Axis { label, unit: essay_widgets::units::PLAIN, log: false, min: 0.0, max };
        let points = (0..60).map(|i| (i as f64 * 1.7, i as f64 * 1.7 * 0.618)).collect();
        let chart = model::Chart {
            x: axis("x", 100.0),
            y: axis("y", 70.0),
            series: vec![model::Series { name: "Line".into(), points, emphasis: model::Emphasis::Primary }],
            marks: vec![],
            levels: vec![],
            point: None,
            baseline: None,
            bands: vec![],
            bars: vec![],
        };
        let scene = essay_widgets::scene::draw(&chart, &ChartStyle::default(), (680, 360));
        let path = scene.prims.iter().zip(&scene.roles).find_map(|(p, r)| match (p, r) {
            (Prim::Path { points, .. }, essay_widgets::chart::Role::Series) => Some(points.iter().map(|&(x, y)| (x as f64 / FINE as f64, y as f64 / FINE as f64)).collect::<Vec<_>>()),
            _ => None,
        });
        let path = path.expect("the line");
        assert_eq!(path.len(), 60);
        let (a, b) = (path[0], path[59]);
        let off = |p: (f64, f64)| ((b.1 - a.1) * (p.0 - a.0) - (b.0 - a.0) * (p.1 - a.1)).abs() / (b.0 - a.0).hypot(b.1 - a.1);
        let worst = path.iter().map(|&p| off(p)).fold(0.0, f64::max);
        assert!(worst <= 0.2, "a point {worst:.2} px off the straight line");
        // The SVG says the same points, in quarter pixels.
        let svg = essay_widgets::svg::write(&scene, None, None);
        assert!(svg.contains(".25,") || svg.contains(".5,") || svg.contains(".75,"), "sub-pixel points in the SVG");
    }

    #[test]
    fn a_mark_beyond_the_axis_stands_at_its_edge_and_says_where() {
        // Orbit breaks even only below the chart's $10/kg floor: the mark is at the left edge,
        // pointing left with its value; inside the axis it is a plain labelled line.
        let at = |sat: f64| with(&OVG, &[("view", 1.0), ("sat_usd_per_w", sat), ("gpu_fail_pct", 2.0)]);
        let even = |v: &[f64]| super::out(&OVG, v, "break_even_usd_per_kg");
        let low = (50..400).map(|k| at(k as f64 / 10.0)).find(|v| even(v) > 0.0 && even(v) < 10.0).expect("a break-even under $10/kg");
        let c = OVG.chart(&Values::new(OVG.params(), &low));
        assert!(c.x.min == 10.0 && even(&low) < c.x.min);
        // In the words of the break-even readout.
        let words = format!("\u{2190}\u{a0}Break-even {}", super::shown(&OVG, &low, "break_even_usd_per_kg"));
        let t = texts(&svg_of(&c, 680, 360));
        assert!(t.contains(&words), "{words} in {t:?}");
        let inside = at(5.0);
        let t = texts(&svg_of(&OVG.chart(&Values::new(OVG.params(), &inside)), 680, 360));
        assert!(t.iter().any(|x| x == "Break-even") && !t.iter().any(|x| x.contains('\u{2190}')), "{t:?}");
    }

    #[test]
    fn log_ticks_are_powers_of_ten_or_1_2_5() {
        assert_eq!(ticks(10.0, 100_000.0, true, 8), vec![10.0, 100.0, 1e3, 1e4, 1e5]);
        assert_eq!(ticks(10.0, 100_000.0, true, 3), vec![10.0, 1e3, 1e5]);
        assert_eq!(ticks(10e6, 200e9, true, 6), vec![1e7, 1e8, 1e9, 1e10, 1e11]);
        assert_eq!(ticks(1.0, 20.0, true, 8), vec![1.0, 2.0, 5.0, 10.0, 20.0]);
        assert_eq!(ticks(0.0, 100.0, false, 6), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(1.0, 3.0, false, 5), vec![1.0, 1.5, 2.0, 2.5, 3.0]);
    }

    #[test]
    fn mark_labels_never_share_a_row_when_they_overlap() {
        let spans = [(0.0, 50.0), (40.0, 90.0), (60.0, 100.0), (95.0, 120.0), (200.0, 230.0)];
        let rows = stack_rows(&spans, 4.0);
        for i in 0..spans.len() {
            for j in 0..i {
                if rows[i] == rows[j] {
                    assert!(spans[j].1 + 4.0 <= spans[i].0, "{i} and {j} overlap in row {}", rows[i]);
                }
            }
        }
        assert_eq!(rows[0], 0);
        assert_eq!(rows[4], 0);
    }

    #[test]
    fn compare_adds_the_essays_line_and_point_and_widens_the_axes() {
        let d = model::defaults(ORBITAL.params());
        let moved = with(&ORBITAL, &[("gpus", 1_000_000.0)]);
        let chart = |v: &[f64]| ORBITAL.chart(&Values::new(ORBITAL.params(), v));
        let c = model::compare(chart(&moved), chart(&d), "The essay");
        let essay = c.series.iter().find(|s| s.emphasis == model::Emphasis::Baseline).expect("the essay's line");
        assert_eq!(essay.points, chart(&d).series[0].points);
        let b = c.baseline.as_ref().expect("the essay's point");
        assert_eq!((b.x, b.label.as_str()), (1200.0, "$5.0B"));
        assert!(c.y.min <= chart(&d).y.min && c.y.max >= chart(&moved).y.max);
        // Only the price moved: same line, so no second line, but the essay's point stays marked.
        let price = with(&ORBITAL, &[("launch_usd_per_lb", 500.0)]);
        let c = model::compare(chart(&price), chart(&d), "The essay");
        assert!(c.series.iter().all(|s| s.emphasis != model::Emphasis::Baseline));
        assert!(c.baseline.is_some());
        // At the essay's numbers nothing is added.
        assert_eq!(model::compare(chart(&d), chart(&d), "The essay"), chart(&d));
        // The SVG draws the essay's point with its label.
        let t = texts(&svg_of(&model::compare(chart(&moved), chart(&d), "The essay"), 720, 380));
        assert!(t.iter().any(|x| x == "Essay: $5.0B"), "{t:?}");
        assert!(t.iter().any(|x| x == "The essay"), "legend names the dashed line: {t:?}");
    }

    #[test]
    fn the_axis_follows_the_reader_when_the_essays_line_would_squash_theirs() {
        // Flash at 1 PB instead of 100 PB (a linear axis): the essay's lines are 100 times
        // higher; the axis stays the reader's, not three lines on its floor.
        let flash = model::find("flash-scarcity").unwrap();
        let d = model::defaults(flash.params());
        let chart = |v: &[f64]| flash.chart(&Values::new(flash.params(), v));
        let small = with(flash, &[("effective_pb", 1.0)]);
        assert!(!chart(&small).y.log);
        let c = model::compare(chart(&small), chart(&d), "The essay");
        assert_eq!((c.y.min, c.y.max), (chart(&small).y.min, chart(&small).y.max));
        assert!(c.series.iter().any(|s| s.emphasis == model::Emphasis::Baseline), "the essay's line is still drawn, to the edge");
        // Within 1.5 times the reader's range the axis still widens to show both.
        let near = with(flash, &[("effective_pb", 70.0)]);
        assert!(model::compare(chart(&near), chart(&d), "The essay").y.max >= chart(&d).y.max);
        // On a log axis, in decades: a tenth of the orbital fleet still shows the essay's line.
        let o = model::defaults(ORBITAL.params());
        let ochart = |v: &[f64]| ORBITAL.chart(&Values::new(ORBITAL.params(), v));
        assert!(model::compare(ochart(&with(&ORBITAL, &[("gpus", 10_000.0)])), ochart(&o), "The essay").y.max >= ochart(&o).y.max);
    }

    #[test]
    fn on_a_phone_every_chart_keeps_half_its_height_for_the_data() {
        // Every view of every built-in, at its defaults and with its switches on, at the widths a
        // widget has on 320 and 375 px phones and a desktop column, drawn at 2× as on a phone.
        let mut short = Vec::new();
        for m in model::builtins() {
            let d = model::defaults(m.params());
            let mut scenarios = vec![d.clone()];
            let on: Vec<f64> = m.params().iter().zip(&d).map(|(p, &v)| if p.kind == Kind::Toggle { 1.0 } else { v }).collect();
            scenarios.push(on);
            for (i, p) in m.params().iter().enumerate() {
                if let Kind::View(options, _) = p.kind {
                    for k in 1..options.len() {
                        let mut v = d.clone();
                        v[i] = k as f64;
                        scenarios.push(v);
                    }
                }
            }
            for v in &scenarios {
                let chart = model::compare(m.chart(&Values::new(m.params(), v)), m.chart(&Values::new(m.params(), &d)), "The author's scenario");
                for w in [270.0, 335.0, 680.0] {
                    // As the browser sizes it: the width's height, grown where the labels need.
                    let style = ChartStyle { scale: 2.0, ..ChartStyle::default() };
                    let plot_h = |h: f64| {
                        let scene = essay_widgets::scene::draw(&chart, &style, ((w * 2.0) as u32, (h * 2.0) as u32));
                        scene.layout.map_or(0.0, |l| (l.plot.y1 - l.plot.y0) / 2.0)
                    };
                    let mut h = essay_widgets::chart::height_for(w);
                    for _ in 0..2 {
                        let Some(grown) = essay_widgets::chart::grown_height(h, plot_h(h)) else { break };
                        assert!(grown <= 1.75 * essay_widgets::chart::height_for(w), "{}: grows to {grown} px", m.id());
                        h = grown;
                    }
                    let share = plot_h(h) / h;
                    if share < 0.5 {
                        short.push(format!("{} (view {}) at {w}×{h} px: {:.0} %", m.id(), v[0], share * 100.0));
                    }
                }
            }
        }
        assert!(short.is_empty(), "plots with less than half of their chart's height:\n{}", short.join("\n"));
    }

    #[test]
    fn bar_parts_have_ten_distinct_colours_in_either_scheme() {
        let light = essay_widgets::chart::Theme::default();
        let dark = essay_widgets::chart::Theme { bg: plotters::style::RGBColor(0x0d, 0x11, 0x17), ..light.clone() };
        for t in [&light, &dark] {
            let all: Vec<_> = (0..10).map(|i| t.part(i)).collect();
            for i in 0..10 {
                for j in 0..i {
                    assert_ne!(all[i], all[j], "parts {i} and {j}");
                }
            }
            assert_eq!(t.part(10), t.part(0));
        }
        // The kit's breakdown gives no two categories one colour.
        let ovt = model::find("orbital-vs-terrestrial").unwrap();
        let on: Vec<f64> = ovt.params().iter().zip(model::defaults(ovt.params())).map(|(p, v)| if p.kind == Kind::Toggle { 1.0 } else { v }).collect();
        let chart = ovt.chart(&Values::new(ovt.params(), &on));
        assert!(chart.bars.iter().any(|b| b.parts.iter().any(|p| p.0 == "Radiators")), "radiators on: their part is drawn");
        let mut seen: Vec<(usize, &str)> = Vec::new();
        for bar in &chart.bars {
            for &(name, _, colour) in &bar.parts {
                if let Some((_, other)) = seen.iter().find(|(c, n)| *c == colour && *n != name) {
                    panic!("{name} and {other} share colour {colour}");
                }
                seen.push((colour, name));
            }
        }
    }

    #[test]
    fn lines_beyond_the_plot_stop_at_its_edge() {
        use essay_widgets::chart::clip_rows;
        // Pixels: y grows down; the plot is rows 10 to 100.
        let runs = clip_rows(&[(0.0, 50.0), (10.0, 0.0), (20.0, 50.0), (30.0, 60.0)], 10.0, 100.0);
        assert_eq!(runs, vec![vec![(0.0, 50.0), (8.0, 10.0)], vec![(12.0, 10.0), (20.0, 50.0), (30.0, 60.0)]]);
        assert_eq!(clip_rows(&[(0.0, 0.0), (10.0, 5.0)], 10.0, 100.0), Vec::<Vec<(f64, f64)>>::new(), "wholly above: nothing");
        assert_eq!(clip_rows(&[(0.0, 20.0), (10.0, 30.0)], 10.0, 100.0), vec![vec![(0.0, 20.0), (10.0, 30.0)]]);
    }

    #[test]
    fn the_data_table_reads_the_lines_at_the_ticks_and_the_reader() {
        use essay_widgets::chart::table;
        let d = model::defaults(ORBITAL.params());
        let t = table(&ORBITAL.chart(&Values::new(ORBITAL.params(), &d)), 0);
        assert_eq!(t.headers, ["Launch price ($/lb)", "Fleet launch cost ($)"]);
        let r = &t.rows[t.reader.expect("the reader's row")];
        assert_eq!(r[0], 1200.0);
        close(r[1], out(&ORBITAL, &d, "fleet_cost"), 1e-3);
        // Cost is proportional to price: every row says fleet cost = price × 3,000 lb × 1,389 racks.
        for row in &t.rows {
            close(row[1] / row[0], 3000.0 * 1389.0, 1e-6 * 3000.0 * 1389.0);
        }
        assert!(t.rows.windows(2).all(|w| w[0][0] < w[1][0]) && t.rows.len() >= 5);
        // Three lines on linear axes, read at the reader's multiplier, are the three totals.
        let f = model::defaults(FLASH.params());
        let t = table(&FLASH.chart(&Values::new(FLASH.params(), &f)), 0);
        assert_eq!(t.headers, ["NAND shortage multiplier (×)", "All-flash ($)", "Hybrid ($)", "All-disk ($)"]);
        let r = &t.rows[t.reader.unwrap()];
        for (k, key) in ["allflash_total", "hybrid_total", "alldisk_total"].iter().enumerate() {
            close(r[k + 1], out(&FLASH, &f, key), 1e-6);
        }
    }

    #[test]
    fn csv_has_units_in_headers_and_parses_back() {
        use essay_widgets::chart::table;
        let kg = with(&ORBITAL, &[("units", 1.0)]);
        let csv = table(&ORBITAL.chart(&Values::new(ORBITAL.params(), &kg)), 1).csv(1);
        let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
        assert_eq!(lines.next(), Some("Launch price ($/kg),Fleet launch cost ($)"));
        let rows: Vec<Vec<f64>> = lines.map(|l| l.split(',').map(|c| c.parse::<f64>().expect(c)).collect()).collect();
        // In kilograms: $1,200/lb is $2,646/kg at four significant digits, no more; the fleet
        // cost is the same $5.0004B, as $5.000B.
        let you = rows.iter().find(|r| r[0] == 2646.0).expect("the reader's row, rounded");
        assert_eq!(you[1], 5.0e9);
        for r in &rows {
            for x in r {
                assert_eq!(*x, model::round_sig(*x, 4), "no float noise in the CSV: {x}");
            }
        }
        assert!(rows.iter().any(|r| r[0] == 100.0 && r[1] > 0.0), "ticks in the displayed unit: $100/kg");
    }

    #[test]
    fn spoken_units_for_screen_readers() {
        use essay_widgets::units::{Style, Unit};
        let per_lb = Unit::fixed(Style::Money, "/lb");
        assert_eq!(per_lb.spoken(1200.0, 0), "$1,200 per lb");
        assert_eq!(Unit::fixed(Style::Quantity, ":1").spoken(1.87, 0), "1.87 to 1");
        assert_eq!(Unit::fixed(Style::Quantity, "×").spoken(2.23, 0), "2.23 times");
        assert_eq!(Unit::fixed(Style::Quantity, " %").spoken(20.0, 0), "20 percent");
    }

    /// WCAG contrast ratio of two colours.
    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let lum = |c: RGBColor| {
            let f = |v: u8| {
                let v = v as f64 / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn theme_colours_meet_wcag_contrast_in_light_and_dark() {
        let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/essay-widgets.css")).unwrap();
        let (light, dark) = css.split_once("[data-ew-dark]").expect("a dark block");
        let dark = dark.split('}').next().unwrap();
        let var = |block: &str, name: &str| {
            let at = block.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name}")) + name.len() + 1;
            parse_color(block[at..].split(';').next().unwrap()).unwrap()
        };
        for (scheme, block) in [("light", light), ("dark", dark)] {
            let bg = var(block, "--ew-bg");
            // Text (WCAG 1.4.3): 4.5:1. Lines and marks the chart's meaning depends on (1.4.11): 3:1.
            for name in ["--ew-fg", "--ew-muted", "--ew-accent", "--ew-mark", "--ew-error"] {
                let c = contrast(var(block, name), bg);
                assert!(c >= 4.5, "{scheme} {name}: {c:.2}:1 for text");
            }
            for name in ["--ew-accent-2", "--ew-accent-3", "--ew-faint"] {
                let c = contrast(var(block, name), bg);
                assert!(c >= 3.0, "{scheme} {name}: {c:.2}:1 for a chart line");
            }
        }
        // The SVG fallbacks' theme is the light one.
        let t = essay_widgets::chart::Theme::default();
        assert_eq!((t.primary, t.faint, t.bg), (var(light, "--ew-accent"), var(light, "--ew-faint"), var(light, "--ew-bg")));
    }

    /// What a reader would see overlap in a drawn scene: every pair of labels, every label and a
    /// line of data (series, marks, levels, the axis, connectors, legend swatches), every label and
    /// the points, and labels leaving the picture.
    fn overlaps(scene: &essay_widgets::scene::Scene) -> Vec<String> {
        use essay_widgets::chart::{text_box, Rect, Role};
        use essay_widgets::scene::{Prim, FINE};
        let mut texts: Vec<(Rect, String, Role)> = Vec::new();
        type Segment = ((f64, f64), (f64, f64), Role);
        let mut segments: Vec<Segment> = Vec::new();
        let mut dots: Vec<(Rect, Role)> = Vec::new();
        for (p, role) in scene.prims.iter().zip(&scene.roles) {
            let f = |c: (i32, i32)| (c.0 as f64, c.1 as f64);
            match p {
                Prim::Text { text, px, h, v, at, .. } => texts.push((text_box(text, *px as f64, f(*at), *h, *v).grow(-0.5), text.clone(), *role)),
                Prim::Line { from, to, .. } if !matches!(role, Role::Grid | Role::Band) => segments.push((f(*from), f(*to), *role)),
                Prim::Path { points, .. } if !matches!(role, Role::Grid | Role::Band) => {
                    let q = |c: (i32, i32)| (c.0 as f64 / FINE as f64, c.1 as f64 / FINE as f64);
                    segments.extend(points.windows(2).map(|w| (q(w[0]), q(w[1]), *role)));
                }
                Prim::Circle { center, r, .. } => {
                    let (x, y, r) = (center.0 as f64, center.1 as f64, *r as f64);
                    dots.push((Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r }, *role));
                }
                _ => {}
            }
        }
        let (w, h) = (scene.size.0 as f64, scene.size.1 as f64);
        let mut found = Vec::new();
        for (i, (a, ta, _)) in texts.iter().enumerate() {
            if a.x0 < -0.5 || a.y0 < -0.5 || a.x1 > w + 0.5 || a.y1 > h + 0.5 {
                found.push(format!("“{ta}” leaves the picture: {a:?}"));
            }
            for (b, tb, _) in &texts[i + 1..] {
                if a.overlaps(b) {
                    found.push(format!("“{ta}” overlaps “{tb}”"));
                }
            }
            for (p, q, role) in &segments {
                if a.crossed_by(*p, *q) {
                    found.push(format!("“{ta}” is crossed by a {role:?} line {p:?}–{q:?}"));
                }
            }
            for (d, role) in &dots {
                if a.overlaps(d) {
                    found.push(format!("“{ta}” covers the {role:?}"));
                }
            }
        }
        found
    }

    /// The chart widths a reader meets: 320, 375 and 768 px phones and tablets, and the demo's
    /// column at 1280 px (the widget's padding taken off), and a wide host.
    const WIDTHS: [u32; 5] = [240, 295, 640, 660, 900];

    #[test]
    fn no_label_ever_overlaps_another_label_a_line_or_a_point() {
        for m in all() {
            let base = model::defaults(m.params());
            // Every number input at both ends (the others at the author's values), and away from
            // the essay (with its line and point beside the reader's), in every view of the chart.
            let mut scenarios = vec![base.clone()];
            let views = m.params().iter().position(|s| matches!(s.kind, Kind::View(..)));
            for view in 0..views.map_or(1, |i| m.params()[i].options().len()) {
                let mut start = base.clone();
                if let Some(vi) = views {
                    start[vi] = view as f64;
                    scenarios.push(start.clone());
                }
                for (i, spec) in m.params().iter().enumerate() {
                    if let Kind::Number { min, max, .. } = spec.kind {
                        for x in [min, max] {
                            let mut v = start.clone();
                            model::assign(m.params(), &mut v, i, x);
                            scenarios.push(v);
                        }
                    }
                }
            }
            for v in &scenarios {
                let mine = m.chart(&Values::new(m.params(), v));
                let theirs = model::in_view(m.params(), &base, v);
                let chart = if *v == base { mine } else { model::compare(mine, m.chart(&Values::new(m.params(), &theirs)), "The essay") };
                for w in WIDTHS {
                    let h = ((w as f64 * 0.55).clamp(240.0, 380.0)).round() as u32;
                    let style = ChartStyle { system: model::unit_system(m.params(), v), ..ChartStyle::default() };
                    let scene = essay_widgets::scene::draw(&chart, &style, (w, h));
                    assert!(scene.layout.is_some(), "{} drawn at {w}×{h}", m.id());
                    let found = overlaps(&scene);
                    assert!(found.is_empty(), "{} at {w}×{h}, scenario {:?}: {found:#?}", m.id(), v);
                }
            }
        }
    }

    #[test]
    fn stacked_bars_are_drawn_in_proportion_with_every_part_named_once() {
        use essay_widgets::chart::Role;
        use essay_widgets::scene::Prim;
        let d = model::defaults(OVG.params());
        let chart = OVG.chart(&Values::new(OVG.params(), &d));
        for (w, h) in [(660, 363), (335, 240), (900, 380)] {
            let scene = essay_widgets::scene::draw(&chart, &ChartStyle::default(), (w, h));
            let layout = scene.layout.clone().expect("drawn");
            // The filled rectangles of the bars (a key's swatches are smaller than a bar).
            let fills: Vec<(i32, i32, i32)> = scene
                .prims
                .iter()
                .zip(&scene.roles)
                .filter_map(|(p, r)| match (p, r) {
                    (Prim::Rect { ul, br, fill: true, .. }, Role::Bar) if br.1 - ul.1 > 14 => Some((ul.0, br.0, ul.1)),
                    _ => None,
                })
                .collect();
            let parts: Vec<f64> = chart.bars.iter().flat_map(|b| b.parts.iter().map(|p| p.1)).collect();
            assert_eq!(fills.len(), parts.len(), "{w}×{h}");
            let px_per_usd = (layout.plot.x1 - layout.plot.x0) / chart.x.max;
            for ((x0, x1, _), v) in fills.iter().zip(&parts) {
                assert!(((x1 - x0) as f64 - v * px_per_usd).abs() <= 1.5, "{w}×{h}: {v} drawn {} px", x1 - x0);
            }
            // Each part's name is written once (inside its bar or in the key), with each bar's total.
            let texts: Vec<String> = scene
                .prims
                .iter()
                .zip(&scene.roles)
                .filter_map(|(p, r)| match (p, r) {
                    (Prim::Text { text, .. }, Role::BarLabel) => Some(text.clone()),
                    _ => None,
                })
                .collect();
            for b in &chart.bars {
                assert!(texts.contains(&format!("{} {}", b.label, essay_widgets::units::USD.format(b.total(), 0))), "{w}×{h}: {texts:?}");
                for p in &b.parts {
                    assert_eq!(texts.iter().filter(|t| t.starts_with(p.0)).count(), 1, "{w}×{h}: {} in {texts:?}", p.0);
                }
            }
        }
        // The table: a row per part, the totals last; CSV with the names.
        let t = essay_widgets::chart::table(&chart, 0);
        assert_eq!(t.headers, ["Part", "In orbit ($)", "On the ground ($)"]);
        assert_eq!(t.labels.last().unwrap(), "Total");
        close(t.rows.last().unwrap()[1], out(&OVG, &d, "orbital_total"), 1.0);
        assert!(t.rows[0][2].is_nan(), "hardware is not a ground part");
        let csv = t.csv(0);
        assert!(
            csv.lines().nth(1).unwrap().starts_with("Hardware,2.36e10,") || csv.lines().nth(1).unwrap().starts_with("Hardware,23600000000,"),
            "{csv}"
        );
        assert!(essay_widgets::chart::probe(&chart, 0.0, 0).starts_with("In orbit $51.1B: Hardware $23.6B, Launch $14.7B"));
    }

    #[test]
    fn the_overlap_check_can_fail() {
        // A label drawn over a line, and two labels on top of each other, are caught.
        use essay_widgets::chart::Role;
        use essay_widgets::scene::{Prim, Scene, FINE};
        use plotters_backend::text_anchor::{HPos, VPos};
        use plotters_backend::BackendColor;
        let black = BackendColor { alpha: 1.0, rgb: (0, 0, 0) };
        let text = |t: &str, at| Prim::Text {
            text: t.into(),
            family: "sans-serif".into(),
            px: 13,
            bold: false,
            color: black,
            h: HPos::Left,
            v: VPos::Top,
            at,
        };
        let mut scene = Scene::new((200, 100));
        scene.prims = vec![
            text("One label", (10, 10)),
            text("Another", (20, 12)),
            Prim::Path { points: vec![(0, 50 * FINE), (200 * FINE, 50 * FINE)], color: black, width: 2 },
            text("On the line", (50, 45)),
        ];
        scene.roles = vec![Role::PointLabel, Role::LevelLabel, Role::Series, Role::MarkLabel];
        let found = overlaps(&scene);
        assert!(found.iter().any(|f| f.contains("“One label” overlaps “Another”")), "{found:?}");
        assert!(found.iter().any(|f| f.contains("“On the line” is crossed by a Series line")), "{found:?}");
    }

    #[test]
    fn axes_have_titles_with_units_legible_ticks_and_three_x_labels_at_320_px() {
        use essay_widgets::chart::Role;
        use essay_widgets::scene::Prim;
        for m in all() {
            let v = model::defaults(m.params());
            let chart = m.chart(&Values::new(m.params(), &v));
            let scene = essay_widgets::scene::draw(&chart, &ChartStyle::default(), (240, 240));
            let of = |want: Role| -> Vec<(String, u32, i32)> {
                scene
                    .prims
                    .iter()
                    .zip(&scene.roles)
                    .filter(|(_, r)| **r == want)
                    .filter_map(|(p, _)| match p {
                        Prim::Text { text, px, at, .. } => Some((text.clone(), *px, at.1)),
                        _ => None,
                    })
                    .collect()
            };
            let titles: Vec<String> = of(Role::AxisTitle).into_iter().map(|t| t.0).collect();
            // A breakdown's bars are named above them: only its value axis has a title.
            let axes = if chart.bars.is_empty() { vec![&chart.y, &chart.x] } else { vec![&chart.x] };
            assert_eq!(titles.len(), axes.len(), "{}: {titles:?}", m.id());
            assert!(axes.iter().all(|a| titles.contains(&essay_widgets::chart::axis_title(a, 0))), "{}: {titles:?}", m.id());
            let ticks = of(Role::Tick);
            // 13 px at a 16 px widget font: at least 0.8 em.
            assert!(ticks.iter().all(|t| t.1 as f64 >= 0.8 * 16.0), "{}: {ticks:?}", m.id());
            let bottom = ticks.iter().map(|t| t.2).max().unwrap();
            let x_labels = ticks.iter().filter(|t| t.2 == bottom).count();
            assert!(x_labels >= 3, "{}: {x_labels} x tick labels at 320 px: {ticks:?}", m.id());
        }
        assert_eq!(
            essay_widgets::chart::axis_title(&ORBITAL.chart(&Values::new(ORBITAL.params(), &model::defaults(ORBITAL.params()))).x, 1),
            "Launch price ($/kg)"
        );
    }

    #[test]
    fn the_y_range_fits_the_data() {
        // Linear axes end at the next tidy value above the data: the data fill most of the height.
        for m in all() {
            let c = m.chart(&Values::new(m.params(), &model::defaults(m.params())));
            if !c.bars.is_empty() {
                // A breakdown's value axis ends at the next whole step above the longest bar.
                let top = c.bars.iter().map(|b| b.total()).fold(0.0, f64::max);
                assert!(top >= 0.7 * c.x.max && top <= c.x.max, "{}: bars reach {top} of {}", m.id(), c.x.max);
                continue;
            }
            if c.y.log {
                continue;
            }
            let top = c.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(f64::MIN, f64::max);
            assert!(top >= 0.7 * c.y.max, "{}: data reach {top} of {}", m.id(), c.y.max);
        }
    }

    #[test]
    fn colours_from_css() {
        assert_eq!(parse_color("#0b5cad"), Some(RGBColor(11, 92, 173)));
        assert_eq!(parse_color(" #fff "), Some(RGBColor(255, 255, 255)));
        assert_eq!(parse_color("rgb(88, 166, 255)"), Some(RGBColor(88, 166, 255)));
        assert_eq!(parse_color("rgba(1 2 3 / 50%)"), Some(RGBColor(1, 2, 3)));
        assert_eq!(parse_color("blue"), None);
        assert_eq!(parse_color("#12"), None);
    }

    #[test]
    fn svg_has_human_units_marks_and_the_readers_point() {
        let d = model::defaults(ORBITAL.params());
        let s = svg(&ORBITAL, &d, 720, 380, &ChartStyle::for_svg(0));
        assert!(s.starts_with("<svg") && s.trim_end().ends_with("</svg>"));
        let t = texts(&s);
        for part in [
            "$10",
            "$100",
            "$1K",
            "$10K",
            "$100M",
            "$1B",
            "$10B",
            "Falcon 9",
            "Falcon Heavy",
            "Starship goal",
            "Break-even",
            "$5.0B",
            "Launch price ($/lb)",
            "Fleet launch cost ($)",
        ] {
            assert!(t.iter().any(|x| x == part), "SVG lacks {part}: {t:?}");
        }
        assert!(t.iter().all(|x| !x.contains("000")), "raw unformatted number in the SVG: {t:?}");
        // In kilograms the x axis runs $10 … $100K, per kilogram, as its title says.
        let kg = with(&ORBITAL, &[("units", 1.0)]);
        let t = texts(&svg(&ORBITAL, &kg, 720, 380, &ChartStyle::for_svg(1)));
        for part in ["$10", "$100", "$1K", "$100K", "Launch price ($/kg)"] {
            assert!(t.iter().any(|x| x == part), "SVG lacks {part}: {t:?}");
        }
    }

    #[test]
    fn hidpi_scales_the_drawing_and_tiny_areas_do_not_fail() {
        let d = model::defaults(ORBITAL.params());
        let one = svg(&ORBITAL, &d, 360, 240, &ChartStyle::for_svg(0));
        let two = svg(&ORBITAL, &d, 720, 480, &ChartStyle { scale: 2.0, ..ChartStyle::for_svg(0) });
        // Tick labels are 13 px at 1×, 26 px at 2×.
        assert!(one.contains("font-size=\"13\""), "1× font size");
        assert!(two.contains("font-size=\"26\""), "2× font size");
        assert_eq!(texts(&one), texts(&two), "the same labels at both scales");
        // Too small to draw anything useful: no panic, no error.
        let tiny = svg(&ORBITAL, &d, 20, 10, &ChartStyle::for_svg(0));
        assert!(tiny.starts_with("<svg"));
    }
}

mod author {
    use super::*;
    use essay_widgets::author::{settings, theme, Settings};

    fn read(m: &Model, attrs: &[(&str, &str)]) -> Settings {
        let attrs: Vec<(String, String)> = attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        settings(m, m.id(), &|name| attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn no_attributes_means_the_widget_as_it_comes() {
        let s = read(&ORBITAL, &[]);
        assert_eq!(s.base, model::defaults(ORBITAL.params()));
        assert!(s.hidden.is_empty() && s.chart && s.chart_height.is_none() && s.title.is_none() && s.notes.is_empty());
    }

    #[test]
    fn the_starting_scenario_uses_the_url_format_without_the_namespace() {
        let s = read(&ORBITAL, &[("data-scenario", "launch_usd_per_lb=800&gpus=200000&units=kg")]);
        assert_eq!(s.base, with(&ORBITAL, &[("launch_usd_per_lb", 800.0), ("gpus", 200_000.0), ("units", 1.0)]));
        assert!(s.notes.is_empty());
        // Presets by name, as in links.
        // The author writes the current format: h100 is the all-in DGX H100, 10.2 kW ÷ 8.
        let s = read(&DATACENTER, &[("data-scenario", "gpu_model=h100")]);
        close(out(&DATACENTER, &s.base, "facility_load"), 100_000.0 * 10_200.0 / 8.0 * 1.2, 1e-3);
        // Bad values get the same notes as bad links, marked as the page's.
        let s = read(&ORBITAL, &[("data-scenario", "launch_usd_per_lb=cheap&gpus=1e12&warp=9")]);
        assert_eq!(s.base, with(&ORBITAL, &[("gpus", 5_000_000.0)]));
        assert_eq!(s.notes.len(), 3, "{:?}", s.notes);
        assert!(s.notes.iter().all(|n| n.starts_with("data-scenario: ")), "{:?}", s.notes);
        assert!(s.notes[0].contains("“cheap” is not a number"));
    }

    #[test]
    fn readouts_baseline_and_url_key() {
        let s = read(&ORBITAL, &[("data-outputs", "fleet_cost, racks warp"), ("data-baseline", "  the essay "), ("data-url-key", "a.b")]);
        assert_eq!(s.outputs, Some(vec!["fleet_cost", "racks"]));
        assert_eq!(s.baseline, "the essay");
        assert_eq!(s.baseline_name(), "The essay");
        assert_eq!(s.notes.len(), 2, "{:?}", s.notes);
        assert!(s.notes[0].contains("data-outputs: there is no readout “warp”"), "{:?}", s.notes);
        assert!(s.notes[1].contains("data-url-key: “a.b” must be letters"), "{:?}", s.notes);
        let s = read(&ORBITAL, &[("data-outputs", "none")]);
        assert_eq!(s.outputs, Some(vec![]));
        let s = read(&ORBITAL, &[]);
        assert_eq!((s.outputs, s.baseline.as_str()), (None, "the author's scenario"));
    }

    #[test]
    fn controls_chart_and_text() {
        let s = read(
            &ORBITAL,
            &[
                ("data-controls", "launch_usd_per_lb gpus"),
                ("data-hide", "gpus"),
                ("data-chart", "off"),
                ("data-title", " The launch bill "),
                ("data-caption", "Drag the price."),
            ],
        );
        let shown: Vec<&str> = ORBITAL.params().iter().map(|p| p.key).filter(|k| !s.hidden.contains(k)).collect();
        assert_eq!(shown, ["launch_usd_per_lb"]);
        assert!(!s.chart);
        assert_eq!((s.title.as_deref(), s.caption.as_deref()), (Some("The launch bill"), Some("Drag the price.")));
        assert_eq!(read(&ORBITAL, &[("data-controls", "none")]).hidden.len(), ORBITAL.params().len());
        assert_eq!(read(&ORBITAL, &[("data-chart-height", "300px")]).chart_height, Some(300.0));
        // Mistakes are named; the widget's own behaviour stands.
        let s = read(&ORBITAL, &[("data-hide", "gpus warp"), ("data-chart", "maybe"), ("data-chart-height", "9000")]);
        assert_eq!(s.hidden, ["gpus"]);
        assert!(s.chart && s.chart_height.is_none());
        let all = s.notes.join("\n");
        for part in ["data-hide: there is no input “warp”", "data-chart: “maybe” is not on or off", "data-chart-height: “9000”"] {
            assert!(all.contains(part), "{all}");
        }
    }

    #[test]
    fn themes() {
        assert_eq!(theme(None), Ok(None));
        assert_eq!(theme(Some("auto")), Ok(None));
        assert_eq!(theme(Some("dark")), Ok(Some(true)));
        assert_eq!(theme(Some(" light ")), Ok(Some(false)));
        assert!(theme(Some("<b>neon</b>")).unwrap_err().contains("“<b>neon</b>” is not light, dark or auto"));
    }
}

mod render {
    use super::*;
    use essay_widgets::render::{fallback_html, svg, SIZE};

    #[test]
    fn each_widget_renders_valid_svg_with_its_key_numbers() {
        for (m, key) in [("orbital-gpu-cost", "fleet_cost"), ("datacenter-power", "facility_load"), ("flash-scarcity", "allflash_total")] {
            let m = model::find(m).unwrap();
            let d = model::defaults(m.params());
            let doc = svg(m, &d, SIZE).expect("renders");
            assert!(doc.starts_with("<svg") && doc.trim_end().ends_with("</svg>"), "{}", m.id());
            assert_eq!(doc.matches("<text").count(), doc.matches("</text>").count(), "{}: balanced text elements", m.id());
            assert!(doc.contains(r#"width="720" height="380""#));
            // The reader's point carries the headline number, as the live chart does.
            let shown = shown(m, &d, key);
            assert!(doc.contains(&format!(">{shown}<")) || doc.contains(&format!(">\n{shown}\n<")), "{}: no {shown} in the SVG", m.id());
            // The summary states it too.
            assert!(m.summary(&Values::new(m.params(), &d)).contains(&shown), "{}", m.id());
        }
    }

    #[test]
    fn the_demo_pages_fallbacks_are_current() {
        // `make fallbacks` writes these; a model change that alters them must regenerate them.
        let root = env!("CARGO_MANIFEST_DIR");
        let index = std::fs::read_to_string(format!("{root}/index.html")).unwrap();
        for m in all() {
            let d = model::defaults(m.params());
            let path = format!("www/fallback/{}.svg", m.id());
            let committed = std::fs::read_to_string(format!("{root}/{path}")).unwrap_or_default();
            assert!(committed == svg(m, &d, SIZE).unwrap(), "{path} is stale: run `make fallbacks`");
            assert!(index.contains(&fallback_html(m, &d, &path, SIZE)), "index.html's fallback for {} is stale: run `make fallbacks`", m.id());
        }
    }
}

mod text {
    use essay_widgets::text::{esc, mid_sentence};

    #[test]
    fn escapes_everything_that_could_become_markup() {
        assert_eq!(esc(r#"<img src=x onerror="a('b')">&"#), "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
    }

    #[test]
    fn labels_read_mid_sentence() {
        assert_eq!(mid_sentence("Launch price"), "launch price");
        assert_eq!(mid_sentence("GPUs per rack"), "GPUs per rack");
        assert_eq!(mid_sentence("NAND shortage multiplier"), "NAND shortage multiplier");
    }
}

mod snapshot {
    use super::*;
    use essay_widgets::snapshot::{document, snapshot};

    #[test]
    fn the_json_has_every_key_in_spec_order_and_null_where_an_output_does_not_apply() {
        let d = model::defaults(ORBITAL.params());
        let json = serde_json::to_value(snapshot(&ORBITAL, &d, vec!["a note".into()])).unwrap();
        assert_eq!(json["widget"], "orbital-gpu-cost");
        // The essay: $1,200/lb × 3,000 lb = $3.6M a rack; ⌈100,000 / 72⌉ = 1,389 racks.
        assert_eq!(json["outputs"]["rack_cost"], 1200.0 * 3000.0);
        assert_eq!(json["outputs"]["fleet_cost"], 1389.0 * 1200.0 * 3000.0);
        assert_eq!(json["outputs"]["solar_mass"], serde_json::Value::Null, "support is off");
        assert_eq!(json["inputs"]["launch_usd_per_lb"], 1200.0);
        assert_eq!(json["notes"][0], "a note");
        let keys: Vec<&str> = json["inputs"].as_object().unwrap().keys().map(String::as_str).collect();
        let specs: Vec<&str> = ORBITAL.params().iter().map(|s| s.key).collect();
        let mut sorted = specs.clone();
        sorted.sort();
        assert!(keys == specs || keys == sorted, "every input, once: {keys:?}");
    }

    #[test]
    fn the_download_names_units_sources_and_the_link() {
        let d = with(&ORBITAL, &[("units", 1.0)]);
        let doc = serde_json::to_value(document(&ORBITAL, &d, 1, "https://x/?a=1".into())).unwrap();
        let price = &doc["inputs"][0];
        assert_eq!(price["key"], "launch_usd_per_lb");
        assert_eq!(price["unit"], "$/lb", "values are in the link's units");
        assert_eq!(price["shown"], "$2,646/kg", "as the reader sees it, in their unit system");
        assert!(price["source"].as_str().unwrap().contains("NASA Ames"));
        assert_eq!(doc["link"], "https://x/?a=1");
        assert_eq!(doc["outputs"][1]["key"], "fleet_cost");
        assert_eq!(doc["outputs"][1]["shown"], "$5.0B");
    }

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
            assert!(text.contains(&essay_widgets::text::esc(want)), "{want} in the card");
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
        assert_eq!(ids, crate::all().iter().map(|m| m.id()).collect::<Vec<_>>());
    }
}

/// Regressions from the review of the link contract (issue "Publishable"): each bug, as found.
mod link_contract {
    use super::*;
    use essay_widgets::scenario::{decode, is_for, valid_namespace};

    /// Which is cheaper across the chart's multipliers, from the totals themselves.
    fn cheaper_everywhere(v: &[f64]) -> Option<&'static str> {
        let nand = model::index(FLASH.params(), "nand_x").unwrap();
        let diffs: Vec<f64> = [0.01, 1.0, 2.0, 4.0, 100.0]
            .iter()
            .map(|&m| {
                let mut w = v.to_vec();
                w[nand] = m;
                out(&FLASH, &w, "allflash_total") - out(&FLASH, &w, "hybrid_total")
            })
            .collect();
        if diffs.iter().all(|d| *d < 0.0) {
            Some("all-flash")
        } else if diffs.iter().all(|d| *d > 0.0) {
            Some("hybrid")
        } else if diffs.iter().all(|d| *d == 0.0) {
            Some("same")
        } else {
            None
        }
    }

    #[test]
    fn the_flash_summary_says_which_is_cheaper_when_there_is_no_break_even() {
        // 3 PB: a 146+4 stripe spans 150 SSDs for either, and the hybrid adds disks on top.
        let small = with(&FLASH, &[("effective_pb", 3.0)]);
        assert_eq!(cheaper_everywhere(&small), Some("all-flash"));
        let said = FLASH.summary(&Values::new(FLASH.params(), &small));
        assert!(said.ends_with("all-flash costs less than the hybrid at any flash price."), "{said}");
        assert!(out(&FLASH, &small, "break_even").is_nan());
        // All data hot: the hybrid is all-flash.
        let hot = with(&FLASH, &[("hot_pct", 100.0)]);
        assert_eq!(cheaper_everywhere(&hot), Some("same"));
        let said = FLASH.summary(&Values::new(FLASH.params(), &hot));
        assert!(said.contains("the same cost") && !said.contains("costs more"), "{said}");
        assert_eq!(shown(&FLASH, &hot, "backup_flash"), "no cold data", "no $0.00");
        // Where the lines cross, the summary names the multiplier (at the defaults, 1.73×).
        let d = model::defaults(FLASH.params());
        assert_eq!(cheaper_everywhere(&d), None);
        assert!(FLASH.summary(&Values::new(FLASH.params(), &d)).ends_with("cost the same at 1.73× the pre-shortage price."));
        // Without any positive multiplier where they meet, the readout says so in words.
        assert_eq!(shown(&FLASH, &small, "break_even"), "never");
    }

    #[test]
    fn an_explicit_value_wins_over_a_multi_input_preset_and_the_rest_comes_from_it() {
        let base = model::defaults(FLASH.params());
        let d = decode(&FLASH, "f", "f.flash_ec=8-2&f.flash_k=10", &base);
        let get = |k: &str| d.values[model::index(FLASH.params(), k).unwrap()];
        assert_eq!((get("flash_k"), get("flash_p")), (10.0, 2.0), "10 from the link, 2 from 8+2");
        assert_eq!(FLASH.params()[model::index(FLASH.params(), "flash_ec").unwrap()].options()[get("flash_ec") as usize], "custom");
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }

    #[test]
    fn the_authors_scenario_is_read_in_the_current_format_and_old_links_keep_their_meaning() {
        // data-scenario: the author writes today's format, so h100 is the all-in DGX H100.
        let s = essay_widgets::author::settings(&DATACENTER, "d", &|n| (n == "data-scenario").then(|| "gpu_model=h100".to_string()));
        close(s.base[model::index(DATACENTER.params(), "kw_per_gpu").unwrap()], 10.2 / 8.0, 1e-9);
        // A link from before the presets changed (no v=2) still means the 700 W of the GPU alone.
        let base = model::defaults(DATACENTER.params());
        let old = decode(&DATACENTER, "d", "d.gpu_model=h100", &base);
        assert_eq!(old.values[model::index(DATACENTER.params(), "kw_per_gpu").unwrap()], 0.7);
        assert!(old.notes.is_empty(), "an old link is not an error");
        close(out(&DATACENTER, &old.values, "facility_load"), 100_000.0 * 700.0 * 1.2, 1e-6);
    }

    #[test]
    fn namespaces_cannot_contain_dots_so_none_is_a_prefix_of_another() {
        assert!(valid_namespace("orbital-gpu-cost") && valid_namespace("orbit_2"));
        for bad in ["a.b", "", "a b", "<img>", "ü", &"x".repeat(65)] {
            assert!(!valid_namespace(bad), "{bad:?}");
        }
        // A key is split at its first dot: `a.b.gpus` is namespace `a`'s unknown key `b.gpus`.
        assert!(is_for("a.b.gpus=5", "a"));
        assert!(!is_for("a.b.gpus=5", "a.b"));
        let d = decode(&ORBITAL, "a", "a.b.gpus=5", &model::defaults(ORBITAL.params()));
        assert!(d.notes[0].text.contains("Ignored unknown setting “b.gpus”"), "{:?}", d.notes);
    }

    #[test]
    fn a_notes_unit_does_not_depend_on_where_the_unit_system_stands_in_the_link() {
        let base = model::defaults(ORBITAL.params());
        for q in ["o.launch_usd_per_lb=1&o.units=kg", "o.units=kg&o.launch_usd_per_lb=1"] {
            let d = decode(&ORBITAL, "o", q, &base);
            // $1/lb is below $10/kg: clamped, said in kilograms either way.
            assert!(d.notes[0].text.contains("outside the range $10/kg–$100,000/kg; using $10/kg"), "{q}: {:?}", d.notes);
        }
    }

    #[test]
    fn a_clamped_value_is_said_as_its_field_shows_it() {
        let base = model::defaults(ORBITAL.params());
        let d = decode(&ORBITAL, "o", "o.units=kg&o.launch_usd_per_lb=999999", &base);
        let price = &ORBITAL.params()[0];
        let field = price.unit.edit_text(d.values[0], 1);
        assert!(d.notes[0].text.ends_with(&format!("using ${field}/kg.")), "{} vs {field}", d.notes[0].text);
    }
}

mod uncertainty {
    use crate::{DATACENTER, FLASH, ORBITAL};
    use essay_widgets::model::{self, Model};
    use essay_widgets::uncertainty::{inverse_normal, percentiles, split_range, Engine, Range, SAMPLES, Z95};

    const KG_PER_LB: f64 = 0.453_592_37;

    fn ranged(m: &Model, set: &[(&str, f64, f64)]) -> (Vec<f64>, Vec<Option<Range>>) {
        let vals = model::defaults(m.params());
        let mut ranges = vec![None; vals.len()];
        for (k, lo, hi) in set {
            ranges[model::index(m.params(), k).unwrap()] = Some(Range { lo: *lo, hi: *hi });
        }
        (vals, ranges)
    }

    /// The standard normal CDF, for checking the quantile function (Abramowitz–Stegun 7.1.26
    /// would do; this is the erfc series through the error function's Taylor terms).
    fn phi(z: f64) -> f64 {
        // Simpson's rule over the density from 0 to |z|.
        let n = 2000;
        let h = z.abs() / n as f64;
        let f = |t: f64| (-t * t / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let s: f64 = (0..=n)
            .map(|i| {
                f(i as f64 * h)
                    * if i == 0 || i == n {
                        1.0
                    } else if i % 2 == 1 {
                        4.0
                    } else {
                        2.0
                    }
            })
            .sum();
        0.5 + z.signum() * s * h / 3.0
    }

    #[test]
    fn the_quantile_function_inverts_the_normal_cdf() {
        for p in [0.001, 0.01, 0.025, 0.05, 0.2, 0.5, 0.8, 0.95, 0.975, 0.999] {
            assert!((phi(inverse_normal(p)) - p).abs() < 1e-7, "p = {p}");
        }
        assert!((inverse_normal(0.95) - Z95).abs() < 1e-8);
    }

    #[test]
    fn a_range_is_a_90_percent_interval_lognormal_when_positive() {
        let r = Range { lo: 300.0, hi: 1500.0 };
        assert!(r.lognormal());
        assert!((r.at(-Z95) - 300.0).abs() < 1e-9 && (r.at(Z95) - 1500.0).abs() < 1e-9);
        assert!((r.median() - (300.0f64 * 1500.0).sqrt()).abs() < 1e-9);
        let n = Range { lo: -2.0, hi: 4.0 };
        assert!(!n.lognormal());
        assert_eq!(n.median(), 1.0);
        assert!((n.at(Z95) - 4.0).abs() < 1e-12);
    }

    #[test]
    fn ranges_are_typed_in_every_usual_way() {
        for t in ["300 to 1,500", "300-1500", "300–1,500", "300 — 1500", "300~1500", " 300 - 1500 "] {
            let (a, b) = split_range(t).unwrap_or_else(|| panic!("{t}"));
            assert_eq!((a.replace(',', ""), b.replace(',', "")), ("300".into(), "1500".into()), "{t}");
        }
        assert_eq!(split_range("-5 to 3"), Some(("-5", "3")));
        assert_eq!(split_range("-5--3"), Some(("-5", "-3")));
        for not in ["1200", "-5", "1e-3", "2.5e-2", ""] {
            assert_eq!(split_range(not), None, "{not}");
        }
    }

    #[test]
    fn percentiles_by_selection_match_a_full_sort() {
        let mut rng = 12345u64;
        let mut xs: Vec<f64> = (0..10_001)
            .map(|_| {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (rng >> 11) as f64 / (1u64 << 53) as f64
            })
            .collect();
        let mut sorted = xs.clone();
        sorted.sort_by(f64::total_cmp);
        let want = [sorted[500], sorted[5000], sorted[9500]];
        assert_eq!(percentiles(&xs), want);
        // Negative values and mixed signs order as numbers do.
        xs.iter_mut().for_each(|x| *x -= 0.5);
        sorted.iter_mut().for_each(|x| *x -= 0.5);
        assert_eq!(percentiles(&xs), [sorted[500], sorted[5000], sorted[9500]]);
        assert_eq!(percentiles(&[-3.0, -1.0, -2.0]), [-3.0, -2.0, -1.0]);
    }

    #[test]
    fn orbital_launch_300_to_1500_per_kg_matches_the_lognormal_by_hand() {
        // $300–$1,500/kg is $136.08–$680.39/lb; the fleet cost is linear in the price:
        // price × 3,000 lb × 1,389 racks. So its percentiles are the price's, times 4.167M lb.
        let (vals, ranges) = ranged(&ORBITAL, &[("launch_usd_per_lb", 300.0 * KG_PER_LB, 1500.0 * KG_PER_LB)]);
        let u = Engine::default().run(&ORBITAL, &vals, &ranges, &ORBITAL.compute(&model::Values::new(ORBITAL.params(), &vals)));
        let fleet = model::index_of_output(&ORBITAL, "fleet_cost");
        let [p5, p50, p95] = u.outputs[fleet].unwrap();
        let lb = 3000.0 * 1389.0;
        let (h5, h50, h95) = (300.0 * KG_PER_LB * lb, (300.0f64 * 1500.0).sqrt() * KG_PER_LB * lb, 1500.0 * KG_PER_LB * lb);
        assert!(p5 < p50 && p50 < p95);
        for (got, want) in [(p5, h5), (p50, h50), (p95, h95)] {
            assert!((got / want - 1.0).abs() < 0.01, "{got:e} vs {want:e}");
        }
        // The claim: chance the fleet costs more than the essay's $5.0B (at $1,200/lb): the
        // price must pass $1,200/lb, z = ln(1200 / median) / σ with σ = ln 5 / (2 · 1.645).
        let z = (1200.0 / ((300.0f64 * 1500.0).sqrt() * KG_PER_LB)).ln() / (5f64.ln() / (2.0 * Z95));
        assert!((u.chance.unwrap() - phi(-z)).abs() < 0.001, "{:?} vs {}", u.chance, phi(-z));
        // The same link gives the same figures.
        let again = Engine::default().run(&ORBITAL, &vals, &ranges, &[]);
        assert_eq!(again.outputs, u.outputs);
        assert_eq!(again.bands, u.bands);
    }

    #[test]
    fn every_sourced_starting_range_is_inside_its_control_and_names_its_source() {
        for m in crate::all() {
            for d in m.uncertainty.defaults {
                let i = model::index(m.params(), d.key).unwrap_or_else(|| panic!("{}: no input {}", m.id(), d.key));
                let model::Kind::Number { min, max, .. } = m.params()[i].kind else { panic!("{}.{} is not a number", m.id(), d.key) };
                assert!(min <= d.lo && d.lo < d.hi && d.hi <= max, "{}.{}", m.id(), d.key);
                assert!(d.source.len() > 20, "{}.{} names its source", m.id(), d.key);
                let r = essay_widgets::uncertainty::default_range(m, i, 0.0);
                assert_eq!((r.lo, r.hi), (d.lo, d.hi));
            }
        }
    }

    #[test]
    fn the_tornado_puts_the_widest_swing_first() {
        let (vals, ranges) = ranged(&ORBITAL, &[("rack_lb", 2900.0, 3100.0), ("launch_usd_per_lb", 136.0, 680.0), ("gpus", 90_000.0, 110_000.0)]);
        let u = Engine::default().run(&ORBITAL, &vals, &ranges, &[]);
        let keys: Vec<&str> = u.tornado.iter().map(|s| s.key).collect();
        assert_eq!(keys[0], "launch_usd_per_lb");
        assert_eq!(keys.len(), 3);
        assert!(u.tornado.windows(2).all(|w| w[0].width() >= w[1].width()));
        // At the launch price's 5th percentile, others at their medians: by hand.
        let s = &u.tornado[0];
        let racks = (f64::sqrt(90_000.0 * 110_000.0) / 72.0).ceil();
        let want = 136.0 * f64::sqrt(2900.0 * 3100.0) * racks;
        assert!((s.at_lo / want - 1.0).abs() < 1e-9, "{} vs {want}", s.at_lo);
    }

    #[test]
    fn flash_chance_that_the_hybrid_is_cheaper_matches_the_break_even() {
        // NAND ×1.5–3.0 lognormal: the hybrid is cheaper above the 1.73× break-even, so the
        // chance is P(x > 1.7345) = Φ(−ln(1.7345/√4.5) / σ), σ = ln 2 / (2 · 1.645).
        let (vals, ranges) = ranged(&FLASH, &[("nand_x", 1.5, 3.0)]);
        let u = Engine::default().run(&FLASH, &vals, &ranges, &[]);
        let sigma = 2f64.ln() / (2.0 * Z95);
        let want = phi(-(1.734_530_442_749_261_8f64 / 4.5f64.sqrt()).ln() / sigma);
        assert!((u.chance.unwrap() - want).abs() < 0.01, "{} vs {want}", u.chance.unwrap());
        // Three bands, one per architecture, each p5 ≤ p50 ≤ p95... and none when only the x
        // input (nand_x) is ranged: the band needs another uncertain input.
        assert!(u.bands.is_empty());
        let (vals, ranges) = ranged(&FLASH, &[("reduction", 1.5, 2.5), ("hot_pct", 10.0, 30.0)]);
        let u = Engine::default().run(&FLASH, &vals, &ranges, &[]);
        assert_eq!(u.bands.len(), 3);
        for (_, b) in &u.bands {
            assert!(b.iter().all(|(_, a, m, c)| a <= m && m <= c));
        }
        // Data reduction moves all-flash (not all-disk, whose reduction is off).
        assert!(u.bands[0].1.iter().all(|(_, a, _, c)| c > a), "all-flash's band has width");
        assert!(u.bands[2].1.iter().all(|(_, a, _, c)| c == a), "all-disk's has none");
        assert_eq!(SAMPLES, 10_000);
    }

    #[test]
    fn datacenter_band_follows_the_gpu_axis() {
        let (vals, ranges) = ranged(&DATACENTER, &[("pue", 1.1, 1.56)]);
        let u = Engine::default().run(&DATACENTER, &vals, &ranges, &DATACENTER.compute(&model::Values::new(DATACENTER.params(), &vals)));
        let (_, band) = &u.bands[0];
        // Facility = gpus × 1.667 kW × PUE: at each x the band's median is x × 1,667 W × √(1.1·1.56).
        for (x, _, m, _) in band {
            let want = x * 1667.0 * (1.1f64 * 1.56).sqrt();
            assert!((m / want - 1.0).abs() < 0.01, "{x}: {m} vs {want}");
        }
    }
}

mod range_links {
    use crate::ORBITAL;
    use essay_widgets::model;
    use essay_widgets::scenario::decode;

    const NS: &str = "orbital-gpu-cost";

    fn d(q: &str) -> essay_widgets::scenario::Decoded {
        decode(&ORBITAL, NS, q, &model::defaults(ORBITAL.params()))
    }

    #[test]
    fn a_range_without_a_source_starts_at_numbers_a_person_would_type() {
        let i = model::index(ORBITAL.params(), "gpus").unwrap();
        let r = essay_widgets::uncertainty::default_range(&ORBITAL, i, 100_000.0);
        assert_eq!((r.lo, r.hi), (67_000.0, 150_000.0));
        let j = model::index(ORBITAL.params(), "gpus_per_rack").unwrap();
        let r = essay_widgets::uncertainty::default_range(&ORBITAL, j, 72.0);
        assert_eq!((r.lo, r.hi), (48.0, 110.0));
    }

    #[test]
    fn a_range_in_a_link_is_read_with_the_same_care_as_a_value() {
        let i = model::index(ORBITAL.params(), "launch_usd_per_lb").unwrap();
        let ok = d("orbital-gpu-cost.launch_usd_per_lb=500~1500");
        assert_eq!(ok.ranges[i].map(|r| (r.lo, r.hi)), Some((500.0, 1500.0)));
        assert!(ok.notes.is_empty());
        assert!((ok.values[i] - (500.0f64 * 1500.0).sqrt()).abs() < 1e-3, "the value is the median");
        // Percent-encoded tilde.
        assert_eq!(d("orbital-gpu-cost.launch_usd_per_lb=500%7E1500").ranges[i], ok.ranges[i]);
        // Low > high: swapped, with a note.
        let swapped = d("orbital-gpu-cost.launch_usd_per_lb=1500~500");
        assert_eq!(swapped.ranges[i], ok.ranges[i]);
        assert!(swapped.notes[0].text.contains("high to low"), "{:?}", swapped.notes);
        // A bad half: the other stands as a plain value, with a note naming the bad one.
        let half = d("orbital-gpu-cost.launch_usd_per_lb=abc~900");
        assert_eq!(half.ranges[i], None);
        assert_eq!(half.values[i], 900.0);
        assert!(half.notes[0].text.contains("“abc”"), "{:?}", half.notes);
        // Both bad: the default, with a note.
        let none = d("orbital-gpu-cost.launch_usd_per_lb=abc~xyz");
        assert_eq!((none.ranges[i], none.values[i]), (None, 1200.0));
        assert_eq!(none.notes.len(), 1);
        // Outside the input's bounds: clamped, with a note.
        let wide = d("orbital-gpu-cost.launch_usd_per_lb=0.001~1e9");
        let r = wide.ranges[i].unwrap();
        let model::Kind::Number { min, max, .. } = ORBITAL.params()[i].kind else { unreachable!() };
        assert_eq!((r.lo, r.hi), (min, max));
        assert!(wide.notes[0].text.contains("outside"), "{:?}", wide.notes);
        // Swapped and clamped: one note saying both, with the range used.
        let both = d("orbital-gpu-cost.launch_usd_per_lb=1e9~500");
        assert_eq!(both.notes.len(), 1, "{:?}", both.notes);
        assert!(both.notes[0].text.contains("was written high to low and goes outside") && both.notes[0].text.contains("using $500/lb to"), "{:?}", both.notes);
        // Both ends clamped to one value: said as one value, and no range.
        let flat = d("orbital-gpu-cost.launch_usd_per_lb=1e9~2e9");
        assert_eq!(flat.ranges[i], None);
        assert_eq!(flat.notes.len(), 1);
        assert!(!flat.notes[0].text.contains(" to $"), "one value, not “X to X”: {:?}", flat.notes);
        assert_eq!(essay_widgets::units::span("$32/MWh".into(), "$32/MWh".into(), "–"), "$32/MWh");
        assert_eq!(essay_widgets::units::span("$2".into(), "$3".into(), "–"), "$2–$3");
        // Units in the link apply to both ends ($/kg links are converted).
        let kg = d("orbital-gpu-cost.units=kg&orbital-gpu-cost.launch_usd_per_lb=300~1500");
        assert_eq!(kg.ranges[i].map(|r| (r.lo, r.hi)), Some((300.0, 1500.0)), "link values are canonical ($/lb)");
        // The alias readers write: a price per kilogram, in any link version.
        for q in ["orbital-gpu-cost.launch_usd_per_kg=300~1500", "orbital-gpu-cost.v=2&orbital-gpu-cost.launch_usd_per_kg=300~1500"] {
            let r = d(q).ranges[i].unwrap();
            assert!((r.lo - 300.0 * 0.453_592_37).abs() < 1e-4 && (r.hi - 1500.0 * 0.453_592_37).abs() < 1e-4, "{q}: {r:?} (on the step grid)");
        }
        // ...and only values under that name are scaled.
        assert_eq!(d("orbital-gpu-cost.v=2&orbital-gpu-cost.launch_usd_per_lb=900").values[i], 900.0);
    }
}
