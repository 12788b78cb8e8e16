use super::*;
use essay_core::scenario::{decode, encode, encode_with, percent_decode, BadEncoding, MAX_QUERY_BYTES};
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
    let per_lb = model::round_to_step(350.0 * essay_core::units::KG_PER_LB, 0.0001);
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
    use essay_core::scenario::share_link;
    let q = "?widget=kv-cache&kv-cache.v=1&kv-cache.context=4096&other.gpus=5";
    // The article's own query and fragment stay; its stale keys of this widget are replaced.
    assert_eq!(
        share_link("https://blog.example/post?ref=x&kv-cache.context=1#kv", q, "kv-cache"),
        "https://blog.example/post?ref=x&kv-cache.v=1&kv-cache.context=4096#kv"
    );
    assert_eq!(share_link("https://blog.example/post", "", "kv-cache"), "https://blog.example/post");
    // Only http(s) addresses, as plain text, are taken from the attribute.
    let at = |u: &'static str| essay_core::author::settings(&DATACENTER, "d", &move |n| (n == "data-share-url").then(|| u.to_string()));
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
            unit: essay_core::units::USD,
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
            unit: essay_core::units::COUNT,
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
    uncertainty: essay_core::model::Spec { headline: "", band: None, claim: None, defaults: &[] },
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
        ranges[i] = Some(essay_core::model::Range { lo, hi });
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
