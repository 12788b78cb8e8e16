use essay_core::units::{self, parse, ParseError, Style, Unit};

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
    // The example: not "$47,447 | $164K"; each value rounded as a readout rounds it.
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
