//! Taking a scenario away: the chart as PNG (twice its on-screen size) and SVG (same look), the
//! plotted numbers as CSV (units in the headers) and in a "Show data" table, and a citation
//! (scenario, sources, link) for the clipboard.

use super::{canvas, controls, Widget};
use crate::model::{self, Kind, Values};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The link to the page as it is now, pointing at this widget's placeholder when it has an id.
pub fn link(w: &Widget) -> String {
    let anchor = w.root.parent_element().map(|p| p.id()).filter(|id| !id.is_empty());
    crate::url::link(anchor.as_deref())
}

/// Runs an export button's action.
pub fn run(w: &Rc<Widget>, button: &Element, action: &str) {
    let sys = w.system();
    let (name, url) = match action {
        "png" => (format!("{}.png", w.ns), canvas::png(w)),
        "svg" => (format!("{}.svg", w.ns), canvas::svg(w).map(|s| data_url("image/svg+xml", &s))),
        "csv" => (format!("{}.csv", w.ns), Some(data_url("text/csv", &crate::chart::table(&w.shown_chart(), sys).csv(sys)))),
        _ => return controls::copy(w, button, citation(w), "citation"),
    };
    if let Some(url) = url {
        download(w, &name, &url);
    }
}

/// Fills the "Show data" table, when it is open.
pub fn refresh_table(w: &Widget) {
    let dom = w.dom.borrow();
    let Some(dom) = dom.as_ref() else { return };
    let open = dom.data.as_ref().is_some_and(|d| d.has_attribute("open"));
    if let (true, Some(slot)) = (open, &dom.table) {
        let sys = w.system();
        slot.set_inner_html(&crate::markup::data_table(&crate::chart::table(&w.shown_chart(), sys), sys));
    }
}

fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", crate::scenario::percent_encode(text))
}

/// Saves `url` as a file called `name` (a temporary `<a download>`, outside the widget: its click
/// must not reach the widget's own click listener, which is running).
fn download(w: &Widget, name: &str, url: &str) {
    let doc = w.root.owner_document();
    let body = doc.as_ref().and_then(|d| d.body());
    let a = doc.and_then(|d| d.create_element("a").ok()).and_then(|a| a.dyn_into::<HtmlElement>().ok());
    let (Some(a), Some(body)) = (a, body) else {
        return;
    };
    let _ = a.set_attribute("href", url);
    let _ = a.set_attribute("download", name);
    let _ = body.append_child(&a);
    a.click();
    a.remove();
}

/// What to paste under a quote: the widget, every visible input and the headline results (with
/// the essay's values where they differ), the sources, and the link.
pub fn citation(w: &Widget) -> String {
    let (vals, sys) = (w.values(), w.system());
    let show = |spec: &model::ParamSpec, v: f64| crate::scenario::show(spec, v, sys);
    let mut inputs = Vec::new();
    let mut sources: Vec<&str> = Vec::new();
    for (i, s) in w.specs.iter().enumerate() {
        if !model::shown(w.specs, &vals, s.shown_if) || matches!(s.kind, Kind::UnitSystem(_)) || s.source == model::DISPLAY_ONLY {
            continue;
        }
        let mut text = format!("{} {}", s.label, show(s, vals[i]));
        if vals[i] != w.base[i] {
            text.push_str(&format!(" (essay: {})", show(s, w.base[i])));
        }
        inputs.push(text);
        if !sources.contains(&s.source) {
            sources.push(s.source);
        }
    }
    let out = w.model.compute(&Values::new(w.specs, &vals));
    let results: Vec<String> = w
        .model
        .outputs()
        .iter()
        .zip(&out)
        .filter(|(o, v)| o.headline && v.is_finite())
        .map(|(o, v)| format!("{} {}", o.label, o.unit.format(*v, sys)))
        .collect();
    format!(
        "{} (essay-widgets {}). Inputs: {}. Results: {}. Sources: {}. {}",
        w.model.title(),
        w.model.id(),
        inputs.join("; "),
        results.join("; "),
        sources.join("; "),
        link(w)
    )
}
