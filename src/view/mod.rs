//! The browser shell: finds placeholders, mounts one generic Leptos widget per placeholder, and
//! draws its chart on a canvas. The only place with signals.
//!
//! Architecture invariant: nothing here knows a particular widget. Everything widget-specific
//! comes from the `Model` (params, outputs, compute, chart); the view renders any model.

mod backend;
mod canvas;
mod controls;

use crate::model::{self, Model, Values};
use crate::scenario::{self, Note};
use crate::url;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

/// The widget stylesheet, injected once per page so authors need only the one script.
const CSS: &str = include_str!("../../www/essay-widgets.css");

/// Mounts a widget in every `[data-essay-widget]` placeholder that does not have one yet.
/// Runs when the module starts; safe to call again after adding placeholders.
#[wasm_bindgen(start)]
pub fn mount_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    inject_css(&doc);
    let Ok(list) = doc.query_selector_all("[data-essay-widget]") else {
        return;
    };
    let mut namespaces: Vec<String> = Vec::new();
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if el.has_attribute("data-ready") {
            if let Some(ns) = el.get_attribute("data-ns") {
                namespaces.push(ns);
            }
            continue;
        }
        mount(el, &mut namespaces);
    }
}

fn inject_css(doc: &Document) {
    if doc.get_element_by_id("essay-widgets-css").is_some() {
        return;
    }
    let (Ok(style), Some(head)) = (doc.create_element("style"), doc.head()) else {
        return;
    };
    style.set_id("essay-widgets-css");
    style.set_text_content(Some(CSS));
    // First in <head>, so the page's own rules (and custom properties) win ties.
    let _ = head.insert_before(&style, head.first_child().as_ref());
}

/// Mounts one placeholder. An unknown widget id leaves the fallback content in place and adds a
/// visible note, so the author sees the typo and the reader still has the fallback.
fn mount(el: HtmlElement, namespaces: &mut Vec<String>) {
    let id = el.get_attribute("data-essay-widget").unwrap_or_default();
    let Some(model) = model::find(&id) else {
        let known: Vec<&str> = model::REGISTRY.iter().map(|m| m.id()).collect();
        let note = format!("essay-widgets: there is no widget “{}” (known: {}).", scenario::echo(&id), known.join(", "));
        if let Some(doc) = el.owner_document() {
            if let Ok(p) = doc.create_element("p") {
                p.set_class_name("ew-error");
                p.set_text_content(Some(&note));
                let _ = el.append_child(&p);
            }
        }
        let _ = el.set_attribute("data-error", "unknown-widget");
        return;
    };
    // The URL namespace: the author's data-url-key, else the widget id; a second widget with the
    // same namespace on one page gets "-2", "-3"… so their links never collide.
    let wanted = el.get_attribute("data-url-key").filter(|k| !k.is_empty()).unwrap_or_else(|| id.clone());
    let mut ns = wanted.clone();
    let mut n = 2;
    while namespaces.contains(&ns) {
        ns = format!("{wanted}-{n}");
        n += 1;
    }
    namespaces.push(ns.clone());

    let base = model::defaults(model.params());
    let decoded = scenario::decode(model, &ns, &url::query(), &base);
    el.set_inner_html("");
    el.class_list().add_1("ew").ok();
    let _ = el.set_attribute("data-ns", &ns);
    let host = el.clone();
    leptos::mount::mount_to(el, move || widget(model, ns, base, decoded.values, decoded.notes)).forget();
    let _ = host.set_attribute("data-ready", "");
}

/// One widget. The markup is static (`crate::markup`); one effect keeps it in step with the
/// values, and four delegated handlers turn reader input into values (see `controls`).
fn widget(model: &'static Model, ns: String, base: Vec<f64>, start: Vec<f64>, link_notes: Vec<Note>) -> impl IntoView {
    let specs = model.params();
    let first_chart = model.chart(&Values::new(specs, &start));
    let notes: Vec<String> = link_notes.into_iter().map(|n| n.text).collect();
    let html = crate::markup::widget(model, next_uid(), &notes, &first_chart);
    let vals = RwSignal::new(start);
    let system = Memo::new(move |_| vals.with(|v| model::unit_system(specs, v)));
    let ctx = controls::Ctx { specs, vals, system };
    let root = NodeRef::<leptos::html::Section>::new();

    // Keep the DOM in step with the values, and write the URL after the reader changes
    // something (never on load: a link is left as it came until the reader acts).
    Effect::new(move |prev: Option<()>| {
        let v = vals.get();
        if let Some(el) = root.get() {
            let out = model.compute(&Values::new(specs, &v));
            controls::sync(&el, model, &v, &out);
        }
        if prev.is_some() {
            url::schedule(&ns, model, v, base.clone());
        }
    });
    canvas::attach(model, vals, root);

    view! {
        <section
            class="ew-widget"
            aria-label=model.title()
            node_ref=root
            inner_html=html
            on:input=move |ev| controls::on_input(ctx, ev)
            on:change=move |ev| controls::on_change(ctx, ev)
            on:keydown=move |ev| controls::on_keydown(ctx, ev)
            on:click=move |ev| controls::on_click(ctx, ev)
        ></section>
    }
}

fn next_uid() -> u32 {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}
