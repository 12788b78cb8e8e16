//! The browser shell: finds placeholders, mounts one generic widget per placeholder, keeps its
//! DOM in step with its values, and draws its chart on a canvas.
//!
//! Each widget is one [`Widget`]: its values in a `RefCell`, changed only through
//! [`Widget::set`]/[`Widget::replace`], which then bring the readouts and controls up to date,
//! ask for one chart redraw in the next animation frame, and schedule the URL write. Input arrives
//! through four listeners delegated to the widget's root (see `controls`). No framework: see
//! ARCHITECTURE.md ("Bundle size": the stack changes) for why Leptos was taken out.
//!
//! Architecture invariant: nothing here knows a particular widget. Everything widget-specific
//! comes from the `Model` (params, outputs, compute, chart); the view renders any model.

mod backend;
mod bindings;
mod canvas;
mod controls;
mod export;
mod lazy;
mod theme;

use crate::author;
use crate::model::{self, Model, ParamSpec, Values};
use crate::scenario::{self, Note};
use crate::url;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The widget stylesheet, injected once per page so authors need only the one script.
const CSS: &str = include_str!("../../www/essay-widgets.css");

/// Mounts a widget in every `[data-essay-widget]` placeholder that does not have one yet.
/// Runs when the module starts; safe to call again after adding placeholders.
///
/// Each placeholder gets its URL namespace at once, in page order (so links do not depend on
/// scrolling). Widgets start when they come within 300 px of the viewport, except those with
/// `data-eager`, those the link or the author's prose bindings refer to (their numbers must be
/// right at once), and all of them where IntersectionObserver is missing.
#[wasm_bindgen(start)]
pub fn mount_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    inject_css(&doc);
    theme::watch(&doc);
    let Ok(list) = doc.query_selector_all("[data-essay-widget]") else {
        return;
    };
    let query = url::query();
    let mut namespaces: Vec<String> = Vec::new();
    let mut later: Vec<HtmlElement> = Vec::new();
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if let Some(ns) = el.get_attribute("data-ns") {
            namespaces.push(ns); // mounted, or waiting to start
            continue;
        }
        let Some(ns) = namespace(&el, &mut namespaces) else {
            continue;
        };
        let _ = el.set_attribute("data-ns", &ns);
        let in_link = query.trim_start_matches('?').split('&').any(|pair| scenario::is_for(pair, &ns));
        let bound = bindings::any(&doc, &ns);
        if in_link || bound || el.has_attribute("data-eager") {
            mount(el);
        } else {
            later.push(el);
        }
    }
    lazy::start_near_viewport(later, mount);
}

/// The placeholder's URL namespace: the author's `data-url-key`, else the widget id; a second
/// one with the same namespace on the page gets "-2", "-3"… so their links never collide. An
/// unknown widget id keeps its fallback and gets a visible note instead (`None`).
fn namespace(el: &HtmlElement, namespaces: &mut Vec<String>) -> Option<String> {
    let id = el.get_attribute("data-essay-widget").unwrap_or_default();
    if model::find(&id).is_none() {
        let known: Vec<&str> = model::REGISTRY.iter().map(|m| m.id()).collect();
        let note = format!("essay-widgets: there is no widget “{}” (known: {}).", scenario::echo(&id), known.join(", "));
        if let Some(p) = el.owner_document().and_then(|d| d.create_element("p").ok()) {
            p.set_class_name("ew-error");
            p.set_text_content(Some(&note));
            let _ = el.append_child(&p);
        }
        let _ = el.set_attribute("data-error", "unknown-widget");
        return None;
    }
    let wanted = el.get_attribute("data-url-key").filter(|k| !k.is_empty()).unwrap_or(id);
    let mut ns = wanted.clone();
    let mut n = 2;
    while namespaces.contains(&ns) {
        ns = format!("{wanted}-{n}");
        n += 1;
    }
    namespaces.push(ns.clone());
    Some(ns)
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

/// Mounts one placeholder whose namespace is set: the author's settings, then the link, on top
/// of the model's defaults.
fn mount(el: HtmlElement) {
    let id = el.get_attribute("data-essay-widget").unwrap_or_default();
    let (Some(model), Some(ns)) = (model::find(&id), el.get_attribute("data-ns")) else {
        return;
    };
    let author = author::settings(model, &ns, &|name| el.get_attribute(name));
    let decoded = scenario::decode(model, &ns, &url::query(), &author.base);
    let theme_note = theme::apply(&el);
    let notes: Vec<String> = author.notes.iter().cloned().chain(decoded.notes.into_iter().map(|n: Note| n.text)).chain(theme_note).collect();
    let Some(root) = el.owner_document().and_then(|d| d.create_element("section").ok()) else {
        return;
    };
    el.set_inner_html("");
    el.class_list().add_1("ew").ok();
    root.set_class_name("ew-widget");
    let _ = root.set_attribute("aria-label", author.title.as_deref().unwrap_or(model.title()));
    let first_chart = model.chart(&Values::new(model.params(), &decoded.values));
    root.set_inner_html(&crate::markup::widget(model, next_uid(), &notes, &first_chart, &author));
    let _ = el.append_child(&root);
    // The author's scenario lives as long as the page, like the widget: leak it once so the URL
    // writer can hold it by reference.
    let base_out: &'static [f64] = Vec::leak(model.compute(&Values::new(model.params(), &author.base)));
    let binds = bindings::find(model, &ns);
    let w = Rc::new_cyclic(|me: &std::rc::Weak<Widget>| Widget {
        model,
        specs: model.params(),
        ns,
        root,
        vals: RefCell::new(decoded.values),
        base: Vec::leak(author.base),
        base_out,
        hidden: author.hidden,
        chart_height: author.chart_height,
        chart_name: format!(
            "Chart of {} against {}.",
            crate::markup::mid_sentence(first_chart.y.label),
            crate::markup::mid_sentence(first_chart.x.label)
        ),
        binds,
        redraw_pending: Cell::new(false),
        theme: RefCell::new(None),
        dom: RefCell::new(None),
        // The live region's action holds its widget weakly (the widget holds the action).
        live: Quiet::new(LIVE_MS, {
            let me = me.clone();
            move || {
                if let Some(w) = me.upgrade() {
                    if let Some(live) = w.root.query_selector("[data-live]").ok().flatten() {
                        live.set_text_content(Some(&w.model.summary(&Values::new(w.specs, &w.values()))));
                    }
                }
            }
        }),
    });
    for (kind, handler) in [
        ("input", controls::on_input as fn(&Rc<Widget>, web_sys::Event)),
        ("change", controls::on_change),
        ("keydown", controls::on_keydown),
        ("click", controls::on_click),
    ] {
        let target = w.clone();
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev| handler(&target, ev));
        let _ = w.root.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        // Listeners live as long as the page, like the widget.
        listener.forget();
    }
    w.refresh();
    canvas::attach(&w);
    MOUNTED.with_borrow_mut(|m| m.push(w));
    let _ = el.set_attribute("data-ready", "");
}

thread_local! {
    /// Every mounted widget on the page (for page-wide events: colour-scheme changes).
    static MOUNTED: RefCell<Vec<Rc<Widget>>> = const { RefCell::new(Vec::new()) };
}

/// After the colour scheme changed: re-applies every mounted widget's theme and redraws its chart
/// in the new colours, in the next animation frame or `now`.
pub(crate) fn restyle_all(now: bool) {
    let widgets: Vec<Rc<Widget>> = MOUNTED.with_borrow(|m| m.clone());
    for w in &widgets {
        if let Some(placeholder) = w.root.parent_element() {
            theme::apply(&placeholder);
        }
        w.theme.borrow_mut().take();
        if now {
            canvas::paint_now(w);
        } else {
            canvas::request(w);
        }
    }
}

/// One mounted widget.
pub struct Widget {
    pub model: &'static Model,
    pub specs: &'static [ParamSpec],
    /// Its URL namespace.
    pub ns: String,
    /// The `<section class="ew-widget">` holding its markup.
    pub root: Element,
    /// The reader's values, in spec order.
    pub vals: RefCell<Vec<f64>>,
    /// The author's scenario and its readouts.
    pub base: &'static [f64],
    pub base_out: &'static [f64],
    /// Controls the author hid (`data-controls`, `data-hide`).
    pub hidden: Vec<&'static str>,
    /// The author's chart height, CSS pixels (`data-chart-height`).
    pub chart_height: Option<f64>,
    /// "Chart of Y against X.": the start of the chart's text alternative.
    pub chart_name: String,
    /// Elements of the page's prose bound to this widget (`data-essay-bind`).
    pub binds: Vec<bindings::Bind>,
    pub(crate) redraw_pending: Cell<bool>,
    /// The chart's colours, read from CSS at the first paint (cleared when the scheme changes).
    pub(crate) theme: RefCell<Option<crate::chart::Theme>>,
    /// The elements `controls::sync` writes, found at the first sync.
    pub(crate) dom: RefCell<Option<controls::Dom>>,
    /// Speaks the outcome in the live region once input settles.
    live: Rc<Quiet>,
}

/// How long input must be quiet before the live region speaks.
const LIVE_MS: f64 = 900.0;

impl Widget {
    /// The values now (a copy: no borrow outlives the call).
    pub fn values(&self) -> Vec<f64> {
        self.vals.borrow().clone()
    }

    /// The unit system the values choose.
    pub fn system(&self) -> usize {
        model::unit_system(self.specs, &self.vals.borrow())
    }

    /// Sets input `i` (and whatever a preset fills); see [`Widget::replace`].
    pub fn set(self: &Rc<Self>, i: usize, x: f64) {
        let mut next = self.values();
        model::assign(self.specs, &mut next, i, x);
        self.replace(next);
    }

    /// Takes new values; when anything changed, updates the DOM, asks for a redraw and schedules
    /// the URL write (the link follows the reader's changes, never the page load).
    pub fn replace(self: &Rc<Self>, next: Vec<f64>) {
        if *self.vals.borrow() == next {
            return;
        }
        *self.vals.borrow_mut() = next.clone();
        self.refresh();
        url::schedule(&self.ns, self.model, next, self.base);
        // Once input settles, the live region reads one sentence with the outcome.
        self.live.poke();
    }

    /// The chart as the reader sees it: away from the author's scenario, with it beside (dashed
    /// line, hollow point).
    pub fn shown_chart(&self) -> model::Chart {
        let vals = self.values();
        let chart = self.model.chart(&Values::new(self.specs, &vals));
        if vals == self.base {
            chart
        } else {
            model::compare(chart, self.model.chart(&Values::new(self.specs, self.base)))
        }
    }

    /// Brings readouts and controls up to date, and asks for a chart redraw.
    fn refresh(self: &Rc<Self>) {
        let vals = self.values();
        let out = self.model.compute(&Values::new(self.specs, &vals));
        controls::sync(self, &vals, &out);
        bindings::update(self, &vals, &out);
        export::refresh_table(self);
        if let Some(c) = self.dom.borrow().as_ref().and_then(|d| d.canvas.as_ref()) {
            canvas::describe(self, c, &vals, &out);
        }
        canvas::request(self);
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
fn next_frame(f: impl FnOnce() + 'static) {
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
