//! Prose bindings: `<span data-essay-bind="NAMESPACE.KEY">$5.0B</span>` anywhere on the page
//! shows a widget's readout (`data-output` key) or input (`data-param` key), formatted as the
//! widget shows it, and follows it live (an effect of the widget's values). The element's own
//! text is the no-JS fallback. A key the widget does not have leaves the text alone and marks the
//! element `data-bind-error`; so does a namespace no widget on the page has (`check_page`).
//!
//! `<span data-essay-when="NAMESPACE.KEY=VALUE">…</span>` is prose that holds only in some
//! scenarios: shown while input KEY is VALUE (an option's name, `on`/`off`, or a number), hidden
//! otherwise; without scripts it shows. A sentence that says "no solar arrays" sits in one with
//! `support=off`, its counterpart in one with `support=on`.

use super::Ctx;
use crate::model::Model;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// One bound element and what it shows.
pub enum Bind {
    Output(Element, usize),
    Param(Element, usize),
    /// An adjustable number: a field in the sentence (`adjust`).
    Adjust(web_sys::HtmlInputElement, usize),
    /// Shown while input `.1` has the value `.2`.
    When(Element, usize, f64),
}

fn selector(ns: &str) -> String {
    format!("[data-essay-bind^=\"{ns}.\"], [data-essay-when^=\"{ns}.\"]")
}

/// Whether the page's prose binds anything to the widget in namespace `ns`.
pub fn any(doc: &web_sys::Document, ns: &str) -> bool {
    doc.query_selector(&selector(ns)).ok().flatten().is_some()
}

/// The page's elements bound to the widget `ctx`; numbers marked `data-adjust` become fields
/// (`adjust`).
pub fn find(ctx: Ctx) -> Vec<Bind> {
    let (model, ns) = (ctx.model(), ctx.fixed.ns.as_str());
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(list) = doc.query_selector_all(&selector(ns)) else { return Vec::new() };
    let prefix = format!("{ns}.");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|el| {
            if let Some(when) = el.get_attribute("data-essay-when") {
                return when_bind(model, &prefix, el, &when);
            }
            let attr = el.get_attribute("data-essay-bind")?;
            let key = attr.strip_prefix(&prefix)?;
            if let Some(i) = model.outputs().iter().position(|o| o.key == key) {
                Some(Bind::Output(el, i))
            } else if let Some(i) = crate::model::index(model.params(), key) {
                match el.has_attribute("data-adjust").then(|| super::adjust::attach(ctx, &el, i)).flatten() {
                    Some(field) => Some(Bind::Adjust(field, i)),
                    None => Some(Bind::Param(el, i)),
                }
            } else {
                let _ = el.set_attribute("data-bind-error", &format!("{} has no output or input “{key}”", model.id()));
                None
            }
        })
        .collect()
}

/// A `data-essay-when="NS.KEY=VALUE"` element, or `None` with `data-bind-error` set.
fn when_bind(model: &Model, prefix: &str, el: Element, when: &str) -> Option<Bind> {
    let (key, value) = when.strip_prefix(prefix)?.split_once('=').unwrap_or((when, ""));
    let found = crate::model::index(model.params(), key).map(|i| (i, crate::scenario::read_value(&model.params()[i], value)));
    match found {
        Some((i, Some(v))) => Some(Bind::When(el, i, v)),
        Some((i, None)) => {
            let spec = &model.params()[i];
            let _ = el.set_attribute("data-bind-error", &format!("“{}” is not a value of {}", crate::scenario::echo(value), spec.key));
            None
        }
        None => {
            let _ = el.set_attribute("data-bind-error", &format!("{} has no input “{}”", model.id(), crate::scenario::echo(key)));
            None
        }
    }
}

/// Marks the prose bindings whose namespace is malformed or belongs to no widget on the page
/// (`namespaces`: every placeholder's) with `data-bind-error`, as a missing key is marked.
pub fn check_page(doc: &web_sys::Document, namespaces: &[String]) {
    let Ok(list) = doc.query_selector_all("[data-essay-bind], [data-essay-when]") else { return };
    for el in (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()) {
        let attr = el.get_attribute("data-essay-bind").or_else(|| el.get_attribute("data-essay-when")).unwrap_or_default();
        let problem = match crate::scenario::split_key(attr.split('=').next().unwrap_or_default()) {
            None => format!("“{}” is not NAMESPACE.KEY", crate::scenario::echo(&attr)),
            Some((ns, _)) if !namespaces.iter().any(|n| n == ns) => format!("no widget on this page has the namespace “{ns}”"),
            Some(_) => continue,
        };
        let _ = el.set_attribute("data-bind-error", &problem);
    }
}

/// Input `i` as the prose shows it (tracked): its value, or a ranged input's range ("$960/lb to
/// $1,440/lb"), as its field says it.
pub fn input_text(ctx: Ctx, i: usize) -> String {
    let (spec, sys) = (&ctx.specs()[i], ctx.system());
    match ctx.ranges.with(|r| r[i]) {
        Some(r) => crate::units::span(crate::scenario::show(spec, r.lo, sys), crate::scenario::show(spec, r.hi, sys), " to "),
        None => crate::scenario::show(spec, ctx.values[i].get(), sys),
    }
}

/// Writes the current numbers into the bound elements (tracked: run inside an effect).
pub fn update(binds: &[Bind], ctx: Ctx) {
    for b in binds {
        let (el, text) = match b {
            // Exactly what the widget's readout (or table cell, formatted with its row) says.
            Bind::Output(el, i) if ctx.model().outputs()[*i].group.is_some() => (el, super::widget::cell(ctx, *i)),
            // The readout's own number: its median while ranges are on.
            Bind::Output(el, i) => (el, super::widget::shown(ctx, *i)),
            // A ranged input as its field says it: "$960/lb to $1,440/lb".
            Bind::Param(el, i) => (el, input_text(ctx, *i)),
            Bind::Adjust(field, i) => {
                super::adjust::show(ctx, *i, field);
                continue;
            }
            Bind::When(el, i, v) => {
                let holds = ctx.vals.with(|x| x[*i] == *v);
                if el.has_attribute("hidden") == holds {
                    let _ = if holds { el.remove_attribute("hidden") } else { el.set_attribute("hidden", "") };
                }
                continue;
            }
        };
        if el.text_content().as_deref() != Some(text.as_str()) {
            el.set_text_content(Some(&text));
        }
    }
}
