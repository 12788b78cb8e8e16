//! Prose bindings: `<span data-essay-bind="NAMESPACE.KEY">$5.0B</span>` anywhere on the page
//! shows a widget's readout (`data-output` key) or input (`data-param` key), formatted as the
//! widget shows it, and follows it live (an effect of the widget's values). The element's own
//! text is the no-JS fallback. A key the widget does not have leaves the text alone and marks the
//! element `data-bind-error`.

use super::Ctx;
use crate::model::Model;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// One bound element and what it shows.
pub enum Bind {
    Output(Element, usize),
    Param(Element, usize),
}

fn selector(ns: &str) -> String {
    format!("[data-essay-bind^=\"{ns}.\"]")
}

/// Whether the page's prose binds anything to the widget in namespace `ns`.
pub fn any(doc: &web_sys::Document, ns: &str) -> bool {
    doc.query_selector(&selector(ns)).ok().flatten().is_some()
}

/// The page's elements bound to the widget in namespace `ns`.
pub fn find(model: &Model, ns: &str) -> Vec<Bind> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(list) = doc.query_selector_all(&selector(ns)) else { return Vec::new() };
    let prefix = format!("{ns}.");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|el| {
            let attr = el.get_attribute("data-essay-bind")?;
            let key = attr.strip_prefix(&prefix)?;
            if let Some(i) = model.outputs().iter().position(|o| o.key == key) {
                Some(Bind::Output(el, i))
            } else if let Some(i) = crate::model::index(model.params(), key) {
                Some(Bind::Param(el, i))
            } else {
                let _ = el.set_attribute("data-bind-error", &format!("{} has no output or input “{key}”", model.id()));
                None
            }
        })
        .collect()
}

/// Writes the current numbers into the bound elements (tracked: run inside an effect).
pub fn update(binds: &[Bind], ctx: Ctx) {
    let sys = ctx.system();
    for b in binds {
        let (el, text) = match b {
            // Exactly what the widget's readout (or table cell, formatted with its row) says.
            Bind::Output(el, i) if ctx.model().outputs()[*i].group.is_some() => (el, super::widget::cell(ctx, *i)),
            Bind::Output(el, i) => (el, ctx.model().outputs()[*i].show(ctx.outputs.with(|o| o[*i]), sys)),
            Bind::Param(el, i) => (el, crate::scenario::show(&ctx.specs()[*i], ctx.vals.with(|v| v[*i]), sys)),
        };
        if el.text_content().as_deref() != Some(text.as_str()) {
            el.set_text_content(Some(&text));
        }
    }
}
