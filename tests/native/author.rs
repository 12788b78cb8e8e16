use super::*;
use essay_core::author::{settings, theme, Settings};

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
