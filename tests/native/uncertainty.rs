use crate::{close, out, with, DATACENTER, FLASH, ORBITAL};
use essay_core::model::{self, split_range, Model, Range, Z95};
use essay_core::uncertainty::{inverse_normal, percentiles, Engine, SAMPLES};

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
            let r = essay_core::model::default_range(m, i, 0.0);
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
    // NAND ×1.5–3.0 lognormal: the hybrid is cheaper above the break-even multiplier b (about
    // 1.73×), so the chance is P(x > b) = Φ(−ln(b/√4.5) / σ), σ = ln 2 / (2 · 1.645). b is found
    // here where the two totals cross (bisection on the model's arithmetic), not read from it.
    let (vals, ranges) = ranged(&FLASH, &[("nand_x", 1.5, 3.0)]);
    let u = Engine::default().run(&FLASH, &vals, &ranges, &[]);
    let gap = |x: f64| {
        let v = with(&FLASH, &[("nand_x", x)]);
        out(&FLASH, &v, "allflash_total") - out(&FLASH, &v, "hybrid_total")
    };
    let (mut lo, mut hi) = (1.0, 3.0);
    assert!(gap(lo) < 0.0 && gap(hi) > 0.0, "all-flash cheaper at 1×, dearer at 3×");
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if gap(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    close(lo, 1.73, 0.01);
    let sigma = 2f64.ln() / (2.0 * Z95);
    let want = phi(-(lo / 4.5f64.sqrt()).ln() / sigma);
    let chance = u.chance.unwrap();
    assert!((chance - want).abs() < 0.01, "{chance} vs {want}");
    // A count of the SAMPLES draws: a whole number of them.
    let k = chance * SAMPLES as f64;
    assert!((k - k.round()).abs() < 1e-6, "{k} of {SAMPLES} draws");
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
