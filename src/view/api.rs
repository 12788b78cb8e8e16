//! The host page's JavaScript API (wrapped by the loader as `essayWidgets`, see README "JS API"):
//! read a mounted widget's scenario and outputs, set values, and hear about changes. Data crosses
//! as plain JS objects through serde-wasm-bindgen ([`crate::snapshot`]).
//!
//! Values set from JavaScript go the way a link's do (`scenario::decode`: numbers in the link's
//! canonical units, options by name, presets filling their inputs, bad values reported), so the
//! API can never put a widget in a state a link could not.

use super::{Ctx, MOUNTED};
use crate::snapshot::{self, Snapshot};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement};

/// Serializes to a plain JS value (objects, not `Map`s).
pub fn to_js<T: serde::Serialize>(value: &T) -> Option<JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()
}

/// Registers a mounted widget with the API.
pub fn register(ctx: Ctx, host: HtmlElement) {
    MOUNTED.with_borrow_mut(|m| m.push((host, ctx)));
}

/// Tells the page that a widget's values changed: `essay-widgets:change` on its placeholder,
/// bubbling, with `{widget, ns}` as `detail` (the state itself is read on demand, `widgetState`:
/// serializing it on every slider step for nobody would cost every reader time).
pub fn changed(ctx: Ctx, host: &HtmlElement) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    if let Some(detail) = to_js(&Changed { widget: ctx.model().id(), ns: &ctx.fixed.ns }) {
        init.set_detail(&detail);
    }
    if let Ok(ev) = CustomEvent::new_with_event_init_dict("essay-widgets:change", &init) {
        let _ = host.dispatch_event(&ev);
    }
}

/// The `detail` of a change event.
#[derive(serde::Serialize)]
struct Changed<'a> {
    widget: &'static str,
    ns: &'a str,
}

fn state_of(ctx: Ctx) -> Snapshot {
    let notes = ctx.ui.with_untracked(|u| u.notes.clone());
    let mut s = ctx.vals.with_untracked(|v| snapshot::snapshot(ctx.model(), v, notes));
    s.ns = Some(ctx.fixed.ns.clone());
    s
}

/// The mounted widget a target names: its placeholder (or an element inside it) or its URL
/// namespace.
fn find(target: &JsValue) -> Result<Ctx, JsError> {
    let el = target.dyn_ref::<Element>().and_then(|e| e.closest("[data-essay-widget]").ok().flatten());
    let ns = target.as_string();
    MOUNTED
        .with_borrow(|m| {
            m.iter()
                .find(|(host, ctx)| el.as_ref().is_some_and(|e| e == host.unchecked_ref::<Element>()) || ns.as_deref() == Some(ctx.fixed.ns.as_str()))
                .map(|(_, c)| *c)
        })
        .ok_or_else(|| JsError::new("essay-widgets: no mounted widget there (pass its placeholder element or its URL namespace)"))
}

/// `{widget, ns, inputs: {key: number}, outputs: {key: number|null}, notes: [...]}`.
#[wasm_bindgen(js_name = widgetState)]
pub fn widget_state(target: JsValue) -> Result<JsValue, JsError> {
    to_js(&state_of(find(&target)?)).ok_or_else(|| JsError::new("essay-widgets: could not serialize"))
}

/// Sets values, `{key: number | option name | boolean}`, as a link would; returns the notes about
/// what could not be used as given (an empty array when everything was).
///
/// (The object is read with `Object.entries`, not serde: deserializing through serde links its
/// error messages, which format floats: +14 KB of wasm for one call.)
#[wasm_bindgen(js_name = widgetSet)]
pub fn widget_set(target: JsValue, values: &js_sys::Object) -> Result<JsValue, JsError> {
    let ctx = find(&target)?;
    let ns = &ctx.fixed.ns;
    // Values from the page are in the current format (not a version-1 link's).
    let version = format!("{}={}", crate::scenario::percent_encode(&format!("{ns}.{}", crate::scenario::VERSION_KEY)), ctx.model().version);
    let query: Vec<String> = std::iter::once(version)
        .chain(js_sys::Object::entries(values).iter().filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            let (key, value) = (pair.get(0).as_string()?, pair.get(1));
            let text = match (value.as_f64(), value.as_bool(), value.as_string()) {
                (Some(x), _, _) => crate::num::format_f64(x),
                (_, Some(b), _) => (if b { "on" } else { "off" }).to_string(),
                (_, _, Some(s)) => s,
                _ => String::from("(not a number, a string or a boolean)"),
            };
            Some(format!("{}={}", crate::scenario::percent_encode(&format!("{ns}.{key}")), crate::scenario::percent_encode(&text)))
        }))
        .collect();
    let decoded = crate::scenario::decode(ctx.model(), ns, &query.join("&"), &ctx.vals.get_untracked());
    ctx.replace(decoded.values);
    // A range (`"300~1500"`) turns the input's range on; a plain value turns it off.
    let given: Vec<String> = js_sys::Object::keys(values).iter().filter_map(|k| k.as_string()).collect();
    for (i, spec) in ctx.specs().iter().enumerate() {
        if given.iter().any(|k| k == spec.key) {
            ctx.set_range(i, decoded.ranges[i]);
        }
    }
    let notes: Vec<String> = decoded.notes.into_iter().map(|n| n.text).collect();
    to_js(&notes).ok_or_else(|| JsError::new("essay-widgets: could not serialize"))
}

/// The placeholders of every mounted widget, in the order they started.
#[wasm_bindgen(js_name = widgetList)]
pub fn widget_list() -> js_sys::Array {
    MOUNTED.with_borrow(|m| m.iter().map(|(el, _)| JsValue::from(el.clone())).collect())
}

/// The widget's scenario as a placeholder's `data-scenario` says it: what differs from the
/// widget's own defaults, in the link format without the namespace (the builder page's
/// snippets).
#[wasm_bindgen(js_name = widgetScenario)]
pub fn widget_scenario(target: JsValue) -> Result<String, JsError> {
    let ctx = find(&target)?;
    let defaults = crate::model::defaults(ctx.specs());
    let query =
        ctx.vals.with_untracked(|v| ctx.ranges.with_untracked(|r| crate::scenario::encode_with(ctx.model(), &ctx.fixed.ns, v, r, &defaults, "")));
    let prefix = format!("{}.", ctx.fixed.ns);
    let version = format!("{}=", crate::scenario::VERSION_KEY);
    // The query starts with `?`: the first pair must not lose its namespace to it.
    Ok(query.trim_start_matches('?').split('&').filter_map(|p| p.strip_prefix(&prefix)).filter(|p| !p.starts_with(&version)).collect::<Vec<_>>().join("&"))
}

/// A widget's no-JS fallback for a `data-scenario`: `[svg, sentence, alt]`, made by the code
/// `essay-render --svg --html` runs.
#[wasm_bindgen(js_name = widgetFallback)]
pub fn widget_fallback(id: &str, scenario: &str) -> Result<js_sys::Array, JsError> {
    let model = crate::model::find(id).ok_or_else(|| JsError::new("essay-widgets: no such widget"))?;
    let author = crate::author::settings(model, id, &|name| (name == "data-scenario").then(|| scenario.to_string()));
    let values = crate::model::Values::new(model.params(), &author.base);
    let svg = crate::render::svg(model, &author.base, crate::render::SIZE).map_err(|e| JsError::new(&e))?;
    let alt = format!("{}.", crate::chart::alt(&model.chart(&values)));
    Ok([svg, model.summary(&values), alt].iter().map(|s| JsValue::from_str(s)).collect())
}

/// The ids of every widget this page can mount: the built-ins, then loaded model files.
#[wasm_bindgen(js_name = widgetIds)]
pub fn widget_ids() -> js_sys::Array {
    crate::model::ids().into_iter().map(JsValue::from_str).collect()
}

/// What loading a model file said: `{id, errors, warnings}`, each problem `{line, message}`.
#[derive(serde::Serialize)]
struct LoadReport<'a> {
    id: &'a str,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

#[derive(serde::Serialize)]
struct Problem {
    line: usize,
    message: String,
    /// `line N: message`, as the widget's error box says it.
    text: String,
}

fn problems(list: &[crate::modelfile::Error]) -> Vec<Problem> {
    list.iter().map(|e| Problem { line: e.line, message: e.message.clone(), text: e.to_string() }).collect()
}

/// Loads a model file's text (the loader calls it for every `<script type="application/toml"
/// data-essay-model>` and every placeholder's `data-model` file, before mounting). `expect` is the
/// widget id the page asks for (a placeholder's `data-essay-widget`, or the script's
/// `data-essay-model` value; empty when unknown): a file that cannot be read, or whose id is
/// another, leaves that id's placeholders with the error in a visible box. `source` names the
/// file in messages. Returns `{id, errors, warnings}`; warnings also go to the console.
#[wasm_bindgen(js_name = loadModel)]
pub fn load_model(text: &str, expect: &str, source: &str) -> JsValue {
    let (id, errors, warnings) = match crate::modelfile::load(text) {
        Ok(l) if !expect.is_empty() && l.model.id() != expect => {
            let e = crate::modelfile::Error { line: 0, message: format!("the model file says `id = \"{}\"`, but the page asks for “{expect}”", l.model.id()) };
            (expect.to_string(), vec![e], l.warnings)
        }
        Ok(l) => {
            crate::model::register(l.model);
            super::model_ok(l.model.id());
            (l.model.id().to_string(), Vec::new(), l.warnings)
        }
        Err(e) => (expect.to_string(), vec![e], Vec::new()),
    };
    let from = if source.is_empty() { String::new() } else { format!(" ({})", crate::scenario::echo(source)) };
    for w in &warnings {
        web_sys::console::warn_1(&JsValue::from_str(&format!("essay-widgets: model “{id}”{from}, {w}")));
    }
    if let Some(e) = errors.first() {
        super::model_failed(&id, format!("essay-widgets: the model “{}”{from} cannot be used: {e}", crate::scenario::echo(&id)));
    }
    to_js(&LoadReport { id: &id, errors: problems(&errors), warnings: problems(&warnings) }).unwrap_or(JsValue::NULL)
}

/// A model file that could not be fetched (`source` as the page names it, `reason` as the
/// browser said it): the placeholders of widget `expect` get the message.
#[wasm_bindgen(js_name = modelMissing)]
pub fn model_missing(expect: &str, source: &str, reason: &str) {
    super::model_failed(expect, format!("essay-widgets: could not load the model file {} ({}).", crate::scenario::echo(source), crate::scenario::echo(reason)));
}
