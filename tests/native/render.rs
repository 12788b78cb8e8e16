use super::*;
use essay_core::render::{fallback_html, svg, SIZE};

#[test]
fn each_widget_renders_valid_svg_with_its_key_numbers() {
    // Every widget of the registry, not a hand-picked few: a model file added tomorrow is checked too.
    let widgets = all();
    assert_eq!(widgets.len(), std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/www/models")).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "toml")).count());
    for m in widgets {
        let d = model::defaults(m.params());
        let doc = svg(m, &d, SIZE).expect("renders");
        assert!(doc.starts_with("<svg") && doc.trim_end().ends_with("</svg>"), "{}", m.id());
        assert_eq!(doc.matches("<text").count(), doc.matches("</text>").count(), "{}: balanced text elements", m.id());
        assert!(doc.contains(r#"width="720" height="380""#));
        // What the chart says in words is in the picture: the reader's point with its number,
        // or each bar's name and total (`In orbit $51.1B`).
        let values = Values::new(m.params(), &d);
        let chart = m.chart(&values);
        let said: Vec<String> = match &chart.point {
            Some(p) => vec![p.label.clone()],
            None => chart.bars.iter().map(|b| format!("{} {}", b.label, chart.x.unit.format(b.total(), 0))).collect(),
        };
        assert!(!said.is_empty(), "{}: neither a point nor bars", m.id());
        for text in said {
            assert!(doc.contains(&format!(">{}<", essay_core::text::esc(&text))), "{}: no “{text}” in the SVG", m.id());
        }
        // The summary states the headline number.
        let (_, head) = model::headline(m).unwrap_or_else(|| panic!("{}: no headline output", m.id()));
        let shown = shown(m, &d, head.key);
        assert!(m.summary(&values).contains(&shown), "{}: no {shown} in the summary", m.id());
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
