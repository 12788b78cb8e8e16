//! Browser tests of the Leptos components, in headless Chromium (`make test` runs them with
//! `wasm-pack test --headless --chrome`): the DOM contract every widget keeps (a control per
//! input, a readout per output, `data-ready`), text never becoming markup, the author's choices,
//! the comparison table, typed input, and the JS API. The end-to-end behaviour of whole pages
//! is in tests/e2e/.
#![cfg(target_arch = "wasm32")]

use essay_widgets::model::{self, Kind};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts placeholders (`(id, widget, [(attribute, value)])`) in a fresh container and returns it.
fn mount(placeholders: &[(&str, &str, &[(&str, &str)])]) -> Element {
    let doc = document();
    let host = doc.create_element("div").unwrap();
    for (id, widget, attrs) in placeholders {
        let el = doc.create_element("div").unwrap();
        el.set_id(id);
        el.set_attribute("data-essay-widget", widget).unwrap();
        el.set_attribute("data-eager", "").unwrap();
        // Every test's widgets get their own namespaces.
        el.set_attribute("data-url-key", id).unwrap();
        for (k, v) in *attrs {
            el.set_attribute(k, v).unwrap();
        }
        el.set_text_content(Some("fallback"));
        host.append_child(&el).unwrap();
    }
    doc.body().unwrap().append_child(&host).unwrap();
    essay_widgets::mount_all();
    host
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap()).collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).text_content().unwrap_or_default()
}

/// Lets the widgets' effects run (they run after the event that set them off).
async fn settle() {
    let p = js_sys::Promise::new(&mut |ok, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
fn every_widget_has_a_control_per_input_and_a_readout_per_output() {
    let ids: Vec<(String, &str)> = model::builtins().iter().map(|m| (format!("all-{}", m.id()), m.id())).collect();
    let specs: Vec<(&str, &str, &[(&str, &str)])> = ids.iter().map(|(id, w)| (id.as_str(), *w, &[][..])).collect();
    let host = mount(&specs);
    for (id, m) in ids.iter().zip(model::builtins()) {
        let root = host.query_selector(&format!("#{}", id.0)).unwrap().unwrap();
        assert!(root.has_attribute("data-ready"), "{} mounted", m.id());
        assert!(!root.text_content().unwrap().contains("fallback"), "{}: the fallback is replaced", m.id());
        for o in m.outputs() {
            assert_eq!(all(&root, &format!("[data-output=\"{}\"]", o.key)).len(), 1, "{}: readout {}", m.id(), o.key);
        }
        for s in m.params() {
            let want = match s.kind {
                Kind::Number { .. } => 3, // slider, range mode's high thumb, typed field
                Kind::Toggle => 1,
                _ => s.options().len(), // one radio per option
            };
            assert_eq!(all(&root, &format!("input[data-param=\"{}\"]", s.key)).len(), want, "{}: controls for {}", m.id(), s.key);
            if matches!(s.kind, Kind::Number { .. }) {
                // The high thumb is hidden until the input is a range, and the Range button names it.
                assert_eq!(all(&root, &format!("input[data-param=\"{}\"][data-end=\"high\"][hidden]", s.key)).len(), 1);
                assert_eq!(all(&root, &format!("button[data-range=\"{}\"][aria-pressed=\"false\"]", s.key)).len(), 1);
            }
        }
    }
}

#[wasm_bindgen_test]
async fn link_and_author_text_is_shown_as_text_never_as_markup() {
    let host = mount(&[(
        "hostile",
        "orbital-gpu-cost",
        &[("data-scenario", "support=<script>window.pwned=1</script>"), ("data-title", "<i>Title</i>"), ("data-caption", "A & <b>B</b>")],
    )]);
    settle().await;
    let root = host.first_element_child().unwrap();
    assert!(text(&root, ".ew-notes").contains("“<script>window.pwned=1</script>” is not one of off, on"));
    assert_eq!(text(&root, ".ew-title"), "<i>Title</i>");
    assert_eq!(text(&root, ".ew-lede"), "A & <b>B</b>");
    assert!(all(&root, "script, i, b").is_empty(), "no markup from the attributes");
    assert!(!root.query_selector(".ew-notes").unwrap().unwrap().has_attribute("hidden"), "the notes show");
}

#[wasm_bindgen_test]
fn the_chart_can_be_turned_off_and_the_notes_stay_hidden_when_there_are_none() {
    let host = mount(&[("no-chart", "datacenter-power", &[("data-chart", "off")])]);
    let root = host.first_element_child().unwrap();
    assert!(all(&root, "canvas").is_empty());
    assert!(root.query_selector(".ew-notes").unwrap().unwrap().has_attribute("hidden"));
    assert_eq!(text(&root, "[data-output=\"facility_load\"]"), "200\u{a0}MW"); // 100,000 × 1.667 kW × 1.2
}

#[wasm_bindgen_test]
fn grouped_readouts_form_one_table_a_column_per_group() {
    let host = mount(&[("compare", "flash-scarcity", &[])]);
    let table = host.query_selector(".ew-outputs ~ .ew-table-wrap table").unwrap().expect("a comparison table");
    let heads: Vec<String> = all(&table, "thead th").iter().map(|t| t.text_content().unwrap()).collect();
    assert_eq!(heads, ["All-flash", "Hybrid", "All-disk"]);
    let row = all(&table, "tbody tr").into_iter().find(|r| r.text_content().unwrap().contains("Total cost")).unwrap();
    let keys: Vec<String> = all(&row, "[data-output]").iter().map(|o| o.get_attribute("data-output").unwrap()).collect();
    assert_eq!(keys, ["allflash_total", "hybrid_total", "alldisk_total"]);
    // Ungrouped readouts stay cards.
    assert_eq!(all(&host, ".ew-outputs [data-output=\"break_even\"]").len(), 1);
}

#[wasm_bindgen_test]
async fn a_typed_value_moves_the_readouts_and_a_bad_one_is_refused_in_words() {
    let host = mount(&[("typed", "orbital-gpu-cost", &[])]);
    let field: HtmlInputElement = host.query_selector("input[type=\"text\"][data-param=\"launch_usd_per_lb\"]").unwrap().unwrap().dyn_into().unwrap();
    field.set_value("800");
    field
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let i = web_sys::EventInit::new();
                i.set_bubbles(true);
                i
            })
            .unwrap(),
        )
        .unwrap();
    settle().await;
    assert_eq!(text(&host, "[data-output=\"rack_cost\"]"), "$2.4M"); // $800 × 3,000 lb
    field.set_value("lots");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    assert_eq!(text(&host, "[data-msg=\"launch_usd_per_lb\"]"), "“lots” is not a number; kept $800/lb.");
    assert_eq!(field.value(), "800", "the field shows the value kept");
}

#[wasm_bindgen_test]
async fn the_js_api_reads_and_sets_a_widget_as_a_link_would() {
    let host = mount(&[("api", "orbital-gpu-cost", &[])]);
    let el: JsValue = host.first_element_child().unwrap().into();
    let get = |v: &JsValue, path: &[&str]| path.iter().fold(v.clone(), |v, k| js_sys::Reflect::get(&v, &(*k).into()).unwrap());
    let state = essay_widgets::widget_state(el.clone()).unwrap();
    assert_eq!(get(&state, &["widget"]), "orbital-gpu-cost");
    assert_eq!(get(&state, &["outputs", "rack_cost"]).as_f64(), Some(3.6e6));
    // Set by key, options by name; an unknown key is a note, not an error.
    let values = js_sys::Object::new();
    js_sys::Reflect::set(&values, &"launch_usd_per_lb".into(), &800.0.into()).unwrap();
    js_sys::Reflect::set(&values, &"units".into(), &"kg".into()).unwrap();
    js_sys::Reflect::set(&values, &"warp".into(), &9.0.into()).unwrap();
    let notes: js_sys::Array = essay_widgets::widget_set(el.clone(), &values).unwrap().dyn_into().unwrap();
    assert_eq!(notes.length(), 1);
    assert!(notes.get(0).as_string().unwrap().contains("“warp”"));
    settle().await;
    let state = essay_widgets::widget_state(el.clone()).unwrap();
    assert_eq!(get(&state, &["inputs", "units"]).as_f64(), Some(1.0));
    assert_eq!(get(&state, &["outputs", "rack_cost"]).as_f64(), Some(800.0 * 3000.0));
    assert_eq!(text(&host, "[data-output=\"rack_cost\"]"), "$2.4M");
    // Asking for a widget that is not there is an error, not a panic.
    assert!(essay_widgets::widget_state("no-such-namespace".into()).is_err());
}
