use super::*;
use essay_core::snapshot::{document, snapshot};

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
    // Order, read from the text (serde_json's `Value` sorts its keys, the text does not): every
    // input once, in spec order, then every output.
    let text = serde_json::to_string(&snapshot(&ORBITAL, &d, Vec::new())).unwrap();
    let object = |name: &str| {
        let start = text.find(&format!("\"{name}\":{{")).unwrap_or_else(|| panic!("no {name} in {text}")) + name.len() + 4;
        let body = &text[start..start + text[start..].find('}').unwrap()];
        body.split(',').map(|kv| kv.split_once(':').unwrap().0.trim_matches('"').to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(object("inputs"), ORBITAL.params().iter().map(|s| s.key).collect::<Vec<_>>());
    assert_eq!(object("outputs"), ORBITAL.outputs().iter().map(|o| o.key).collect::<Vec<_>>());
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
