//! The browser shell, as Leptos components: finds the placeholders, mounts one [`Widget`] in
//! each, and keeps the page-facing parts (URL, prose bindings, themes, the JS API) in step.
//!
//! State lives in signals, one set per mounted widget ([`Ctx`]): the reader's values in one
//! `RwSignal<Vec<f64>>` that changes only through [`Ctx::set`]/[`Ctx::replace`] (which go
//! through `model::assign`), the outputs as a `Memo`, and small signals for what the reader sees
//! besides numbers (notes, messages, the status line). Everything else derives from them: the
//! components' reactive attributes and text, and effects for the chart's paint, the URL writer,
//! the prose bindings, the live region and the change event.
//!
//! Architecture invariant: nothing here knows a particular widget. Everything widget-specific
//! comes from the `Model` (params, outputs, compute, chart); the view renders any model. The
//! pure core (`model`, `scenario`, `units`, `chart`, `scene`, `svg`) never sees Leptos.

mod api;
mod backend;
mod bindings;
mod chart;
mod controls;
mod export;
mod lazy;
mod theme;
mod widget;

use crate::author::{self, Settings};
use crate::model::{self, Chart, Model, ParamSpec, Values};
use crate::scenario;
use crate::url;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Mounts a widget in every `[data-essay-widget]` placeholder that does not have one yet. The
/// loader calls it once the module is ready; a page that adds placeholders later may call it
/// again (`essayWidgets.mount()`): page-wide listeners are registered once, and placeholders that
/// already have a namespace are left as they are.
///
/// Each placeholder gets its URL namespace at once, in page order (so links do not depend on
/// scrolling). Widgets start when they come within 300 px of the viewport, except those with
/// `data-eager`, those the link or the author's prose bindings refer to (their numbers must be
/// right at once), and all of them where IntersectionObserver is missing.
#[wasm_bindgen]
pub fn mount_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    thread_local!(static WATCHING: Cell<bool> = const { Cell::new(false) });
    if !WATCHING.replace(true) {
        theme::watch(&doc);
    }
    let Ok(list) = doc.query_selector_all("[data-essay-widget]") else { return };
    let elements: Vec<HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok()).collect();
    let mut namespaces: Vec<String> = elements.iter().filter_map(|el| el.get_attribute("data-ns")).collect();
    let query = url::query();
    let mut later: Vec<HtmlElement> = Vec::new();
    for el in elements.into_iter().filter(|el| !el.has_attribute("data-ns") && !el.has_attribute("data-error")) {
        let Some(ns) = namespace(&el, &mut namespaces) else { continue };
        let _ = el.set_attribute("data-ns", &ns);
        let in_link = query.trim_start_matches('?').split('&').any(|pair| scenario::is_for(pair, &ns));
        if in_link || bindings::any(&doc, &ns) || el.has_attribute("data-eager") {
            mount(el);
        } else {
            later.push(el);
        }
    }
    lazy::start_near_viewport(later, mount);
}

/// The placeholder's URL namespace: the author's `data-url-key`, else the widget id; a second
/// one with the same namespace on the page gets "-2", "-3"… so their links never collide. An
/// unknown widget id or an unusable `data-url-key` keeps the fallback and gets a visible note
/// instead (`None`).
fn namespace(el: &HtmlElement, namespaces: &mut Vec<String>) -> Option<String> {
    let id = el.get_attribute("data-essay-widget").unwrap_or_default();
    let problem = match (model::find(&id), el.get_attribute("data-url-key")) {
        (None, _) => Some((
            "unknown-widget",
            format!(
                "essay-widgets: there is no widget “{}” (known: {}).",
                scenario::echo(&id),
                model::REGISTRY.iter().map(|m| m.id()).collect::<Vec<_>>().join(", ")
            ),
        )),
        (Some(_), Some(key)) if !scenario::valid_namespace(&key) => Some((
            "bad-url-key",
            format!("essay-widgets: data-url-key “{}” must be letters, digits, “-” or “_”.", scenario::echo(&key)),
        )),
        _ => None,
    };
    if let Some((code, note)) = problem {
        if let Some(p) = el.owner_document().and_then(|d| d.create_element("p").ok()) {
            p.set_class_name("ew-error");
            p.set_text_content(Some(&note));
            let _ = el.append_child(&p);
        }
        let _ = el.set_attribute("data-error", code);
        return None;
    }
    let wanted = el.get_attribute("data-url-key").unwrap_or(id);
    let mut ns = wanted.clone();
    let mut n = 2;
    while namespaces.contains(&ns) {
        ns = format!("{wanted}-{n}");
        n += 1;
    }
    namespaces.push(ns.clone());
    Some(ns)
}

/// Mounts one placeholder whose namespace is set: the author's settings, then the link, on top
/// of the model's defaults.
fn mount(el: HtmlElement) {
    let id = el.get_attribute("data-essay-widget").unwrap_or_default();
    let (Some(model), Some(ns)) = (model::find(&id), el.get_attribute("data-ns")) else { return };
    if el.has_attribute("data-ready") {
        return;
    }
    let author = author::settings(model, &ns, &|name| el.get_attribute(name));
    let decoded = scenario::decode(model, &ns, &url::query(), &author.base);
    let notes: Vec<String> =
        author.notes.iter().cloned().chain(decoded.notes.into_iter().map(|n| n.text)).chain(theme::apply(&el)).collect();
    let base_out = model.compute(&Values::new(model.params(), &author.base));
    let anchor = Some(el.id()).filter(|a| !a.is_empty());
    // Fixed facts about this widget live as long as the page, like the widget.
    let fixed: &'static Fixed = Box::leak(Box::new(Fixed { model, ns, uid: next_uid(), author, base_out, anchor }));
    el.set_inner_html("");
    let _ = el.class_list().add_1("ew");
    let host = el.clone();
    leptos::mount::mount_to(el.clone(), move || {
        let ctx = Ctx::new(fixed, decoded.values, notes);
        effects(ctx, host);
        view! { <widget::Widget ctx/> }
    })
    // The widget lives as long as the page.
    .forget();
    let _ = el.set_attribute("data-ready", "");
}

/// What a widget does besides drawing itself, each an effect of its values: write the URL, follow
/// in the prose, speak in the live region once input settles, and tell the host page.
fn effects(ctx: Ctx, host: HtmlElement) {
    let f = ctx.fixed;
    // The URL follows the reader's changes, never the page load.
    Effect::new(move |first: Option<()>| {
        let v = ctx.vals.get();
        if first.is_some() {
            url::schedule(&f.ns, f.model, v, &f.author.base);
        }
    });
    let binds = bindings::find(f.model, &f.ns);
    if !binds.is_empty() {
        Effect::new(move |_| bindings::update(&binds, ctx));
    }
    let live = Quiet::new(LIVE_MS, move || ctx.live.set(ctx.with_values(|v| f.model.summary(v))));
    Effect::new(move |first: Option<()>| {
        ctx.vals.track();
        if first.is_some() {
            live.poke();
        }
    });
    api::register(ctx, host);
}

/// How long input must be quiet before the live region speaks.
const LIVE_MS: f64 = 900.0;

/// What stays the same for the life of a mounted widget.
pub struct Fixed {
    pub model: &'static Model,
    /// Its URL namespace.
    pub ns: String,
    /// Keeps element ids unique on the page.
    pub uid: u32,
    /// The author's settings; `author.base` is the author's scenario (Reset returns to it).
    pub author: Settings,
    /// The author's scenario's outputs (the headlines' "vs the essay").
    pub base_out: Vec<f64>,
    /// The placeholder's id, when it has one (Share links point at it).
    pub anchor: Option<String>,
}

/// One mounted widget: its fixed facts and its signals. `Copy`, so components take it by value.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub fixed: &'static Fixed,
    /// The reader's values, in spec order.
    pub vals: RwSignal<Vec<f64>>,
    /// The readouts, in output order (NaN: not applicable now).
    pub outputs: Memo<Vec<f64>>,
    /// The unit system the values choose.
    pub system: Memo<usize>,
    /// Whether the reader has moved away from the author's scenario.
    pub moved: Memo<bool>,
    /// Problems with the link or the author's attributes, in words.
    pub notes: RwSignal<Vec<String>>,
    /// The message under each input (a typed value refused or clamped).
    pub msgs: RwSignal<Vec<Option<String>>>,
    /// The polite status line next to Share ("Link copied.").
    pub status: RwSignal<String>,
    /// The text to copy by hand when the clipboard refused it, and what it is.
    pub share: RwSignal<Option<(&'static str, String)>>,
    /// Bumped when the colour scheme changes (charts redraw in the new colours).
    pub scheme: RwSignal<u32>,
    /// The live region's sentence.
    pub live: RwSignal<String>,
}

impl Ctx {
    fn new(fixed: &'static Fixed, start: Vec<f64>, notes: Vec<String>) -> Ctx {
        let (model, specs) = (fixed.model, fixed.model.params());
        let vals = RwSignal::new(start);
        Ctx {
            fixed,
            vals,
            outputs: Memo::new(move |_| vals.with(|v| model.compute(&Values::new(specs, v)))),
            system: Memo::new(move |_| vals.with(|v| model::unit_system(specs, v))),
            moved: Memo::new(move |_| vals.with(|v| *v != fixed.author.base)),
            notes: RwSignal::new(notes),
            msgs: RwSignal::new(vec![None; specs.len()]),
            status: RwSignal::new(String::new()),
            share: RwSignal::new(None),
            scheme: RwSignal::new(0),
            live: RwSignal::new(String::new()),
        }
    }

    pub fn model(self) -> &'static Model {
        self.fixed.model
    }

    pub fn specs(self) -> &'static [ParamSpec] {
        self.fixed.model.params()
    }

    /// The author's scenario.
    pub fn base(self) -> &'static [f64] {
        &self.fixed.author.base
    }

    /// Sets input `i` (and whatever a preset fills); see [`Ctx::replace`].
    pub fn set(self, i: usize, x: f64) {
        let mut next = self.vals.get_untracked();
        model::assign(self.specs(), &mut next, i, x);
        self.replace(next);
    }

    /// Takes new values, when they differ from the current ones: the one write path.
    pub fn replace(self, next: Vec<f64>) {
        if self.vals.with_untracked(|v| *v != next) {
            self.vals.set(next);
        }
    }

    /// Input `i`'s value, as a memo (its readers rerun only when it changes).
    pub fn value(self, i: usize) -> Memo<f64> {
        let vals = self.vals;
        Memo::new(move |_| vals.with(|v| v[i]))
    }

    /// Whether a control or readout guarded by `shown_if` is visible now (tracked).
    pub fn shown(self, shown_if: Option<&'static str>) -> bool {
        shown_if.is_none() || self.vals.with(|v| model::shown(self.specs(), v, shown_if))
    }

    /// Runs `f` on the current values (tracked).
    pub fn with_values<T>(self, f: impl FnOnce(&Values) -> T) -> T {
        self.vals.with(|v| f(&Values::new(self.specs(), v)))
    }

    /// The chart as the reader sees it: away from the author's scenario, with it beside (dashed
    /// line, hollow point). Not tracked (paints and exports read it when they run).
    pub fn chart(self) -> Chart {
        let (model, base) = (self.model(), self.base());
        self.vals.with_untracked(|vals| {
            let chart = model.chart(&Values::new(self.specs(), vals));
            if vals == base {
                chart
            } else {
                model::compare(chart, model.chart(&Values::new(self.specs(), base)))
            }
        })
    }

    /// Shows a message under input `i` (or clears it).
    pub fn msg(self, i: usize, text: Option<String>) {
        if self.msgs.with_untracked(|m| m[i] != text) {
            self.msgs.update(|m| m[i] = text);
        }
    }
}

thread_local! {
    /// Every mounted widget on the page (the JS API, colour-scheme changes).
    static MOUNTED: std::cell::RefCell<Vec<(HtmlElement, Ctx)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// After the colour scheme changed: re-applies every mounted widget's theme and has its chart
/// redrawn in the new colours (at once while printing starts or ends: the print snapshot is
/// taken before the next animation frame).
pub(crate) fn restyle_all() {
    for (el, ctx) in MOUNTED.with_borrow(|m| m.clone()) {
        theme::apply(&el);
        ctx.scheme.update(|n| *n += 1);
    }
}

/// Runs an action once input has been quiet for a while: each [`Quiet::poke`] pushes the moment
/// back. One timer at most is pending, and every timer fires (it re-arms itself when the moment
/// moved), so no callback is ever left behind: clearing timers would leak their closures.
pub(crate) struct Quiet {
    ms: f64,
    due: Cell<f64>,
    armed: Cell<bool>,
    action: Box<dyn Fn()>,
}

impl Quiet {
    pub fn new(ms: f64, action: impl Fn() + 'static) -> Rc<Quiet> {
        Rc::new(Quiet { ms, due: Cell::new(0.0), armed: Cell::new(false), action: Box::new(action) })
    }

    /// Runs the action `ms` after the last poke.
    pub fn poke(self: &Rc<Self>) {
        self.due.set(js_sys::Date::now() + self.ms);
        if !self.armed.replace(true) {
            self.arm(self.ms);
        }
    }

    fn arm(self: &Rc<Self>, wait: f64) {
        let me = self.clone();
        after(wait.ceil() as i32, move || {
            let left = me.due.get() - js_sys::Date::now();
            if left > 1.0 {
                me.arm(left);
            } else {
                me.armed.set(false);
                (me.action)();
            }
        });
    }
}

/// Runs `f` once after `ms` milliseconds. (No handle: a cleared timer would never free `f`; see
/// [`Quiet`].)
pub(crate) fn after(ms: i32, f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
    }
}

/// Runs `f` once before the next repaint.
pub(crate) fn next_frame(f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

fn next_uid() -> u32 {
    thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}
