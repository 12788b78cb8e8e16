use crate::ORBITAL;
use essay_core::model;
use essay_core::scenario::decode;

const NS: &str = "orbital-gpu-cost";

fn d(q: &str) -> essay_core::scenario::Decoded {
    decode(&ORBITAL, NS, q, &model::defaults(ORBITAL.params()))
}

#[test]
fn a_range_without_a_source_starts_at_numbers_a_person_would_type() {
    let i = model::index(ORBITAL.params(), "gpus").unwrap();
    let r = essay_core::model::default_range(&ORBITAL, i, 100_000.0);
    assert_eq!((r.lo, r.hi), (67_000.0, 150_000.0));
    let j = model::index(ORBITAL.params(), "gpus_per_rack").unwrap();
    let r = essay_core::model::default_range(&ORBITAL, j, 72.0);
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
    assert_eq!(essay_core::units::span("$32/MWh".into(), "$32/MWh".into(), "–"), "$32/MWh");
    assert_eq!(essay_core::units::span("$2".into(), "$3".into(), "–"), "$2–$3");
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
