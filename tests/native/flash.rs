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
