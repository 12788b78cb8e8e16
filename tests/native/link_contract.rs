//! Regressions from the review of the link contract (issue "Publishable"): each bug, as found.

use super::*;
use essay_core::scenario::{decode, is_for, valid_namespace};

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
    let s = essay_core::author::settings(&DATACENTER, "d", &|n| (n == "data-scenario").then(|| "gpu_model=h100".to_string()));
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
