//! Taking a scenario away: the chart as PNG (twice its on-screen size) and SVG (same look), the
//! plotted numbers as CSV (units in the headers), the scenario as JSON (inputs with units and
//! sources, outputs, the link), and a citation (scenario, sources, link) for the clipboard.

use super::chart::Painter;
use super::Ctx;
use crate::model::{self, Kind};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

/// The link to the page as it is now, pointing at this widget's placeholder when it has an id.
pub fn link(ctx: Ctx) -> String {
    match &ctx.fixed.author.share_url {
        Some(base) => crate::url::link_at(base, &ctx.fixed.ns),
        None => crate::url::link(ctx.fixed.anchor.as_deref()),
    }
}

/// Runs a download button's action: `png`, `svg`, `csv` or `json`.
pub fn download(ctx: Ctx, (painter, what): (&'static Painter, &'static str), _: web_sys::MouseEvent) {
    let ns = &ctx.fixed.ns;
    let sys = ctx.system_now();
    let url = match what {
        "png" => painter.png(),
        "svg" => painter.svg().map(|s| data_url("image/svg+xml", &s)),
        "csv" => Some(data_url("text/csv", &crate::chart::table(&ctx.chart(), sys).csv(sys))),
        _ => json(ctx).map(|s| data_url("application/json", &s)),
    };
    if let Some(url) = url {
        save(&format!("{ns}.{what}"), &url);
    }
}

/// The scenario as a JSON document (serde-wasm-bindgen, then the browser's `JSON.stringify`).
fn json(ctx: Ctx) -> Option<String> {
    let doc = ctx.vals.with_untracked(|v| crate::snapshot::document(ctx.model(), v, ctx.system_now(), link(ctx)));
    let value = super::api::to_js(&doc)?;
    js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2)).ok()?.as_string()
}

pub(super) fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", crate::scenario::percent_encode(text))
}

/// Saves `url` as a file called `name` (a temporary `<a download>` outside the widget).
pub(super) fn save(name: &str, url: &str) {
    let doc = web_sys::window().and_then(|w| w.document());
    let body = doc.as_ref().and_then(|d| d.body());
    let a = doc.and_then(|d| d.create_element("a").ok()).and_then(|a| a.dyn_into::<HtmlElement>().ok());
    let (Some(a), Some(body)) = (a, body) else { return };
    let _ = a.set_attribute("href", url);
    let _ = a.set_attribute("download", name);
    let _ = body.append_child(&a);
    a.click();
    a.remove();
}

/// What to paste under a quote: the widget, every visible input and the headline results (with
/// the essay's values where they differ), the sources, and the link.
pub fn citation(ctx: Ctx) -> String {
    let (vals, sys, specs) = (ctx.vals.get_untracked(), ctx.system_now(), ctx.specs());
    let base = ctx.base();
    let show = |spec: &model::ParamSpec, v: f64| crate::scenario::show(spec, v, sys);
    let mut inputs = Vec::new();
    let mut sources: Vec<&str> = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        if !model::shown(specs, &vals, s.shown_if) || matches!(s.kind, Kind::UnitSystem(_) | Kind::View(..)) || s.source == model::DISPLAY_ONLY {
            continue;
        }
        let mut text = format!("{} {}", s.label, show(s, vals[i]));
        if vals[i] != base[i] {
            text.push_str(&format!(" ({}: {})", ctx.fixed.author.baseline, show(s, base[i])));
        }
        inputs.push(text);
        if !sources.contains(&s.source) {
            sources.push(s.source);
        }
    }
    let results: Vec<String> = ctx.outputs.with_untracked(|out| {
        ctx.model()
            .outputs()
            .iter()
            .zip(out)
            .filter(|(o, v)| o.headline && v.is_finite())
            .map(|(o, v)| format!("{} {}", o.label, o.show(*v, sys)))
            .collect()
    });
    format!(
        "{} (essay-widgets {}). Inputs: {}. Results: {}. Sources: {}. {}",
        ctx.model().title(),
        ctx.model().id(),
        inputs.join("; "),
        results.join("; "),
        sources.join("; "),
        link(ctx)
    )
}
