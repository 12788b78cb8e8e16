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
    use essay_core::units::{Style, Unit};
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
