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

mod adjust;
mod api;
mod backend;
mod bindings;
mod chart;
mod controls;
mod export;
mod lazy;
mod theme;
mod tornado;
mod widget;

pub use api::{widget_list, widget_set, widget_state};

use crate::author::{self, Settings};
use crate::model::{self, Chart, Model, OutputSpec, ParamSpec, Range, Values};
use crate::scenario;
use crate::timing::Quiet;
use crate::uncertainty::Uncertain;
use crate::url;
use leptos::prelude::*;
use std::cell::Cell;
use std::sync::{Arc, Mutex};
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
    crate::install_platform();
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
    bindings::check_page(&doc, &namespaces);
    lazy::start_near_viewport(later, mount);
}

/// The placeholder's URL namespace: the author's `data-url-key`, else the widget id; a second
/// one with the same namespace on the page gets "-2", "-3"… so their links never collide. An
/// unknown widget id or an unusable `data-url-key` keeps the fallback and gets a visible note
/// instead (`None`).
fn namespace(el: &HtmlElement, namespaces: &mut Vec<String>) -> Option<String> {
    let id = el.get_attribute("data-essay-widget").unwrap_or_default();
    let failed = FAILED.with_borrow(|f| f.iter().rev().find(|(i, _)| *i == id).map(|(_, m)| m.clone()));
    let problem = match (model::find(&id), el.get_attribute("data-url-key")) {
        (_, _) if failed.is_some() => Some(("bad-model", failed.unwrap_or_default())),
        (None, _) => Some((
            "unknown-widget",
            format!("essay-widgets: there is no widget “{}” (known: {}).", scenario::echo(&id), model::ids().join(", ")),
        )),
        _ => None,
    };
    // An unusable data-url-key: the widget works under its own id, and says so (its notes, from
    // `author::settings`; the console; `data-error` for the author's tests).
    let key = el.get_attribute("data-url-key").filter(|k| scenario::valid_namespace(k));
    if let Some(bad) = el.get_attribute("data-url-key").filter(|_| key.is_none() && problem.is_none()) {
        web_sys::console::warn_1(&JsValue::from_str(&author::url_key_note(&bad, &id)));
        let _ = el.set_attribute("data-error", "bad-url-key");
    }
    if let Some((code, note)) = problem {
        // The author sees it in the console too (a warning: the page itself goes on).
        web_sys::console::warn_1(&JsValue::from_str(&note));
        if let Some(p) = el.owner_document().and_then(|d| d.create_element("p").ok()) {
            p.set_class_name("ew-error");
            let _ = p.set_attribute("role", "alert");
            p.set_text_content(Some(&note));
            let _ = el.append_child(&p);
        }
        let _ = el.set_attribute("data-error", code);
        return None;
    }
    let wanted = key.unwrap_or(id);
    let mut ns = wanted.clone();
    let mut n = 2;
    while namespaces.contains(&ns) {
        ns = format!("{wanted}-{n}");
        n += 1;
    }
    namespaces.push(ns.clone());
    Some(ns)
}

thread_local! {
    /// Model files that could not be used, by the widget id the page asked for, with the message
    /// their placeholders show.
    static FAILED: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Records that the model `id` cannot be used: its placeholders show `message` in a visible box
/// and keep their fallback.
fn model_failed(id: &str, message: String) {
    FAILED.with_borrow_mut(|f| f.push((id.to_string(), message)));
}

/// The model `id` loaded: an earlier failure of it no longer applies.
fn model_ok(id: &str) {
    FAILED.with_borrow_mut(|f| f.retain(|(i, _)| i != id));
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
    let notes: Vec<String> = author.notes.iter().cloned().chain(decoded.notes.into_iter().map(|n| n.text)).chain(theme::apply(&el)).collect();
    let base_out = model.compute(&Values::new(model.params(), &author.base));
    // Share lands the friend at the widget: a placeholder without an id gets its namespace as one
    // (stable: namespaces follow page order), unless the page uses that id already.
    if el.id().is_empty() && el.owner_document().is_some_and(|d| d.get_element_by_id(&ns).is_none()) {
        el.set_id(&ns);
    }
    let anchor = Some(el.id()).filter(|a| !a.is_empty());
    // Fixed facts about this widget live as long as the page, like the widget.
    let fixed: &'static Fixed = Box::leak(Box::new(Fixed { model, ns, uid: next_uid(), author, base_out, anchor }));
    el.set_inner_html("");
    let _ = el.class_list().add_1("ew");
    let host = el.clone();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        // The link's ranges; an input the link gives a plain value loses the author's range.
        let ranges: Vec<Option<Range>> = (0..decoded.values.len())
            .map(|i| decoded.ranges[i].or_else(|| fixed.author.base_ranges[i].filter(|_| decoded.values[i] == fixed.author.base[i])))
            .collect();
        let ctx = Ctx::new(fixed, decoded.values, ranges, notes);
        effects(ctx, host);
        view! { <widget::Widget ctx/> }
    });
    // Kept until the widget is unmounted (`unmount`: an `<essay-widget>` leaving the page).
    HANDLES.with_borrow_mut(|h| h.push((el.clone(), fixed.uid, Box::new(handle))));
    let _ = el.set_attribute("data-ready", "");
}

type Cleanup = (u32, Box<dyn FnOnce()>);

thread_local! {
    /// Each mounted widget's view, by placeholder and uid: dropping it removes the widget's DOM
    /// and disposes its signals and effects.
    static HANDLES: std::cell::RefCell<Vec<(HtmlElement, u32, Box<dyn std::any::Any>)>> = const { std::cell::RefCell::new(Vec::new()) };
    /// What a widget holds outside its view (observers, canvases), released when it unmounts.
    static CLEANUPS: std::cell::RefCell<Vec<Cleanup>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` when the widget `uid` unmounts.
pub(crate) fn on_unmount(uid: u32, f: impl FnOnce() + 'static) {
    CLEANUPS.with_borrow_mut(|c| c.push((uid, Box::new(f))));
}

/// Unmounts the widget in `el` (the loader's `<essay-widget>` calls it when the element leaves
/// the page): its DOM, signals, effects, observers and canvases go; the element can be mounted
/// again. Returns whether there was a widget.
#[wasm_bindgen]
pub fn unmount(el: HtmlElement) -> bool {
    let Some((_, uid, handle)) = HANDLES.with_borrow_mut(|h| h.iter().position(|(e, _, _)| *e == el).map(|k| h.swap_remove(k))) else {
        return false;
    };
    if let Some(ctx) = MOUNTED.with_borrow_mut(|m| m.iter().position(|(e, _)| *e == el).map(|k| m.remove(k).1)) {
        // Frames and timers already asked for find it gone.
        ctx.gone.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    drop(handle);
    let cleanups: Vec<Cleanup> = CLEANUPS.with_borrow_mut(|c| {
        let (mine, rest) = std::mem::take(c).into_iter().partition(|(u, _)| *u == uid);
        *c = rest;
        mine
    });
    cleanups.into_iter().for_each(|(_, f)| f());
    for name in ["data-ready", "data-ns", "data-error"] {
        let _ = el.remove_attribute(name);
    }
    let _ = el.class_list().remove_1("ew");
    true
}

/// What a widget does besides drawing itself, as one effect of its values: write the URL, follow
/// in the prose, speak in the live region once input settles, and tell the host page.
fn effects(ctx: Ctx, host: HtmlElement) {
    let f = ctx.fixed;
    let binds = bindings::find(ctx);
    let live = Quiet::new(LIVE_MS, move || {
        if ctx.is_gone() {
            return;
        }
        let mut said = untrack(|| ctx.summary());
        said.push_str(&spoken_uncertainty(ctx));
        ctx.set_ui(|u| u.live = said)
    });
    api::register(ctx, host.clone());
    // With ranges on, every readout carries its percentiles (plain numbers, canonical units).
    let readouts = host.clone();
    Effect::new(move |_| {
        let mc = ctx.mc.get();
        let Ok(list) = readouts.query_selector_all("[data-output]") else { return };
        for k in 0..list.length() {
            let Some(el) = list.item(k).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let j = el.get_attribute("data-output").map_or(usize::MAX, |key| model::index_of_output(f.model, &key));
            let p = mc.as_ref().and_then(|m| m.outputs.get(j).copied().flatten());
            for (n, name) in ["data-p5", "data-p50", "data-p95"].into_iter().enumerate() {
                let _ = match p {
                    Some(p) => el.set_attribute(name, &crate::num::format_f64(p[n])),
                    None => el.remove_attribute(name),
                };
            }
        }
    });
    Effect::new(move |first: Option<()>| {
        ctx.vals.track();
        ctx.ranges.track();
        bindings::update(&binds, ctx);
        // The URL, the live region and the host page follow the reader's changes, not the page
        // load.
        if first.is_some() {
            url::schedule(&f.ns, f.model, ctx.vals.get_untracked(), ctx.ranges.get_untracked(), &f.author.base);
            live.poke();
            api::changed(ctx, &host);
        }
    });
}

/// The ranges' effect in words, for the live region: the headline's interval and the claim.
fn spoken_uncertainty(ctx: Ctx) -> String {
    let Some(mc) = ctx.mc.get_untracked() else { return String::new() };
    let (model, sys) = (ctx.model(), ctx.system_now());
    let mut out = String::new();
    let head = crate::model::headline(model);
    if let (Some((_, o)), Some([p5, p50, p95])) = (head, head.and_then(|(j, _)| mc.outputs.get(j).copied().flatten())) {
        out = format!(
            " With your ranges, {}: median {}, 90\u{a0}% interval {} to {}.",
            crate::text::mid_sentence(o.label),
            o.unit.spoken(p50, sys),
            o.unit.spoken(p5, sys),
            o.unit.spoken(p95, sys)
        );
    }
    if let (Some(c), Some(p)) = (model.uncertainty.claim.as_ref(), mc.chance) {
        out.push_str(&format!(" {}: {}.", c.label, crate::units::percent_of(p)));
    }
    out
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

/// One mounted widget: a handle on its [`State`]. One pointer, `Copy`: components, closures and
/// handlers take it by value, and passing a pointer is a fraction of the code that passing the
/// signals themselves would be (measured in ARCHITECTURE.md, "Bundle size").
#[derive(Clone, Copy)]
pub struct Ctx(&'static State);

impl std::ops::Deref for Ctx {
    type Target = State;
    fn deref(&self) -> &State {
        self.0
    }
}

/// One mounted widget's fixed facts and signals.
///
/// Few signal types on purpose: every distinct type instantiates the reactive runtime's generic
/// code once more, so what the reader sees besides numbers is one [`Ui`] signal, and the unit
/// system and "moved" are read from the values.
pub struct State {
    /// Set when the widget unmounts: a frame or timer asked for before then does nothing.
    pub gone: std::sync::atomic::AtomicBool,
    pub fixed: &'static Fixed,
    /// The reader's values, in spec order.
    pub vals: RwSignal<Vec<f64>>,
    /// Each input's value on its own, as a memo of `vals`.
    pub values: Vec<Memo<f64>>,
    /// The readouts, in output order (NaN: not applicable now).
    pub outputs: Memo<Vec<f64>>,
    /// The unit system the values choose.
    pub units: Memo<usize>,
    /// Which switches are on, one bit per switch in spec order (what `shown_if` reads).
    pub switches: Memo<usize>,
    /// Messages, notes and other text around the numbers.
    pub ui: RwSignal<Ui>,
    /// Notified when the colour scheme changes (charts redraw in the new colours).
    pub scheme: Trigger,
    /// "Show data", formatted: a header row, then a row per x value (empty while closed).
    pub table: Memo<Vec<Vec<String>>>,
    /// The inputs given as a range (a 90 % interval), in spec order.
    pub ranges: RwSignal<Vec<Option<Range>>>,
    /// What the ranges do to the answer (Monte Carlo); None while no input is a range.
    pub mc: Memo<Option<Mc>>,
}

/// One Monte Carlo run. Every run is new to the memo (compared by pointer: a deep comparison of
/// the percentiles, tornado and bands measured at ~6 KB of wasm).
#[derive(Clone)]
pub struct Mc(pub Arc<Uncertain>);

impl PartialEq for Mc {
    fn eq(&self, other: &Mc) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Mc {
    type Target = Uncertain;
    fn deref(&self) -> &Uncertain {
        &self.0
    }
}

/// What a widget shows besides its numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ui {
    /// Problems with the link or the author's attributes, in words.
    pub notes: Vec<String>,
    /// The message under each input (a typed value refused or clamped).
    pub msgs: Vec<Option<String>>,
    /// The polite status line next to Share ("Link copied.").
    pub status: String,
    /// The text to copy by hand when the clipboard refused it, and its label.
    pub share: Option<(&'static str, String)>,
    /// The copy button that says "Copied" for now (`share` or `cite`).
    pub copied: Option<&'static str>,
    /// Whether "Show data" is open.
    pub table: bool,
    /// Whether the folded cards [0] and the comparison table's other rows [1] are shown ("Show
    /// more figures", "Show breakdown").
    pub more: [bool; 2],
    /// The control groups folded now, by name.
    pub closed: Vec<&'static str>,
    /// Where the chart's crosshair is (an x value), while the reader points at it.
    pub probe: Option<f64>,
    /// The live region's sentence.
    pub live: String,
}

impl Ctx {
    fn new(fixed: &'static Fixed, start: Vec<f64>, start_ranges: Vec<Option<Range>>, notes: Vec<String>) -> Ctx {
        let (model, specs) = (fixed.model, fixed.model.params());
        // Its buffers are reused by every update (a Mutex only because memos must be Sync).
        let engine = Mutex::new(crate::uncertainty::Engine::default());
        // A folded group starts closed unless the scenario moved one of its inputs.
        let moved = |i: usize| start[i] != specs[i].default || start_ranges[i].is_some();
        let mut closed: Vec<&'static str> = specs.iter().filter(|s| s.folded).map(|s| s.group).collect();
        closed.dedup();
        closed.retain(|g| !(0..specs.len()).any(|i| specs[i].group == *g && moved(i)));
        let ui = RwSignal::new(Ui { notes, msgs: vec![None; specs.len()], closed, ..Ui::default() });
        let vals = RwSignal::new(start);
        let ranges = RwSignal::new(start_ranges);
        let mc = Memo::new(move |_| {
            ranges.with(|r| {
                r.iter()
                    .any(Option::is_some)
                    .then(|| vals.with(|v| Mc(Arc::new(engine.lock().unwrap_or_else(|e| e.into_inner()).run(model, v, r, &fixed.base_out)))))
            })
        });
        // As long as the page, like the widget.
        Ctx(Box::leak(Box::new(State {
            gone: std::sync::atomic::AtomicBool::new(false),
            fixed,
            vals,
            values: (0..specs.len()).map(|i| Memo::new(move |_| vals.with(|v| v[i]))).collect(),
            outputs: Memo::new(move |_| vals.with(|v| model.compute(&Values::new(specs, v)))),
            units: Memo::new(move |_| vals.with(|v| model::unit_system(specs, v))),
            switches: Memo::new(move |_| vals.with(|v| switch_bits(specs, |i| v[i] != 0.0))),
            ui,
            scheme: Trigger::new(),
            table: Memo::new(move |_| if ui.with(|u| u.table) { vals.with(|v| data_table(fixed, v, &mc.with(|m| shown_of(m, model, model::unit_system(specs, v))))) } else { Vec::new() }),
            ranges,
            mc,
        })))
    }

    /// Whether the widget has been unmounted.
    pub fn is_gone(self) -> bool {
        self.gone.load(std::sync::atomic::Ordering::Relaxed)
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

    /// The unit system the values choose (tracked: changes only when it does).
    pub fn system(self) -> usize {
        self.units.get()
    }

    /// The unit system, not tracked.
    pub fn system_now(self) -> usize {
        self.units.get_untracked()
    }

    /// Whether the reader has moved away from the author's scenario (tracked).
    pub fn moved(self) -> bool {
        self.vals.with(|v| v != self.base()) || self.ranges.with(|r| *r != self.fixed.author.base_ranges)
    }

    /// Input `i`'s range, if it is one (tracked).
    pub fn range(self, i: usize) -> Option<Range> {
        self.ranges.with(|r| r[i])
    }

    /// Makes input `i` a range (its value becomes the range's median), or a plain value again.
    pub fn set_range(self, i: usize, range: Option<Range>) {
        let range = range.filter(|r| r.lo < r.hi);
        if let Some(r) = range {
            self.set(i, self.specs()[i].sanitize(r.median()).0);
        }
        if self.ranges.with_untracked(|x| x[i] != range) {
            self.ranges.update(|x| x[i] = range);
        }
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

    /// The chart's caption (0), what it is in words (1) or its marks' sources (2): tracked only
    /// through the chart view's input, the one value they depend on (no memo of their own: one
    /// more memo type would instantiate the reactive runtime's generic code again, ~4 KB).
    pub fn about(self, k: usize) -> String {
        if let Some(i) = self.specs().iter().position(|s| matches!(s.kind, model::Kind::View(..))) {
            self.value(i);
        }
        let c = self.vals.with_untracked(|v| self.model().chart(&Values::new(self.specs(), v)));
        match k {
            0 => crate::chart::caption(&c),
            1 => crate::chart::alt(&c),
            _ => crate::chart::sources(&c),
        }
    }

    /// Input `i`'s value (tracked: through a memo, so its readers rerun only when it changes).
    pub fn value(self, i: usize) -> f64 {
        self.values[i].get()
    }

    /// Whether a control or readout guarded by `shown_if` is visible now (tracked: changes only
    /// when a switch does).
    pub fn shown(self, shown_if: Option<&'static str>) -> bool {
        match shown_if.and_then(|k| model::index(self.specs(), k)) {
            Some(i) => self.switches.get() & switch_bits(self.specs(), |j| j == i) != 0,
            None => true,
        }
    }

    /// Runs `f` on the current values (tracked).
    pub fn with_values<T>(self, f: impl FnOnce(&Values) -> T) -> T {
        self.vals.with(|v| f(&Values::new(self.specs(), v)))
    }

    /// The chart as the reader sees it: away from the author's scenario, with it beside (dashed
    /// line, hollow point). Not tracked (paints and exports read it when they run).
    pub fn chart(self) -> Chart {
        let chart = self.vals.with_untracked(|vals| chart_of(self.fixed, vals, &self.shown_outputs()));
        let x_range =
            self.model().uncertainty.band.and_then(|(key, _)| model::index(self.specs(), key)).and_then(|i| self.ranges.with_untracked(|r| r[i]));
        match self.mc.get_untracked() {
            Some(mc) if model::bands_apply(self.model(), &chart) => model::with_bands(chart, mc.bands.clone(), x_range.map(|r| (r.lo, r.hi))),
            _ => chart,
        }
    }

    /// Each output as its readout shows it, where that is not its value in the scenario: with
    /// ranges on, its median (`[]` without ranges; see [`Model::chart_shown`]). Not tracked.
    pub fn shown_outputs(self) -> Vec<Option<f64>> {
        self.mc.with_untracked(|m| shown_of(m, self.model(), self.system_now()))
    }

    /// The summary as the readouts say it (tracked: the values and the ranges' results).
    pub fn summary(self) -> String {
        self.mc.track();
        self.with_values(|v| self.model().summary_shown(v, &self.shown_outputs()))
    }

    /// Reads the [`Ui`] (tracked).
    pub fn ui<T>(self, f: impl FnOnce(&Ui) -> T) -> T {
        self.ui.with(f)
    }

    /// Changes the [`Ui`], when `f` changes it.
    pub fn set_ui(self, f: impl FnOnce(&mut Ui)) {
        let mut next = self.ui.get_untracked();
        f(&mut next);
        if self.ui.with_untracked(|u| *u != next) {
            self.ui.set(next);
        }
    }

    /// Shows a message under input `i` (or clears it).
    pub fn msg(self, i: usize, text: Option<String>) {
        self.set_ui(|u| u.msgs[i] = text);
    }
}

/// A bit per switch (`Kind::Toggle`, in spec order; a model has far fewer than 32) for which
/// `on(index)` holds.
fn switch_bits(specs: &[ParamSpec], on: impl Fn(usize) -> bool) -> usize {
    let switches = specs.iter().enumerate().filter(|(_, s)| s.kind == model::Kind::Toggle);
    switches.enumerate().filter(|(_, (i, _))| on(*i)).fold(0, |m, (bit, _)| m | 1 << (bit % usize::BITS as usize))
}

/// The outputs the ranges move, as their readouts show them: their medians (see
/// [`Ctx::shown_outputs`]).
fn shown_of(mc: &Option<Mc>, model: &Model, system: usize) -> Vec<Option<f64>> {
    let median = |(p, o): (&Option<[f64; 3]>, &OutputSpec)| p.filter(|[p5, _, p95]| p95 > p5).map(|[_, p50, _]| o.unit.estimate(p50, system));
    mc.as_ref().map_or(Vec::new(), |m| m.outputs.iter().zip(model.outputs()).map(median).collect())
}

/// The chart for `vals` as the reader sees it (see [`Ctx::chart`]).
fn chart_of(fixed: &Fixed, vals: &[f64], shown: &[Option<f64>]) -> Chart {
    let (model, base) = (fixed.model, &fixed.author.base);
    let chart = model.chart_shown(&Values::new(model.params(), vals), shown);
    if vals == base.as_slice() {
        chart
    } else {
        model::compare(chart, model.chart(&Values::new(model.params(), &model::in_view(model.params(), base, vals))), &fixed.author.baseline_name())
    }
}

/// "Show data" for `vals`: the chart's numbers formatted as the widget shows them, a header row
/// first, the reader's x value marked "(yours)".
fn data_table(fixed: &Fixed, vals: &[f64], shown: &[Option<f64>]) -> Vec<Vec<String>> {
    let sys = model::unit_system(fixed.model.params(), vals);
    let t = crate::chart::table(&chart_of(fixed, vals, shown), sys);
    let rows = t.rows.iter().enumerate().map(|(r, row)| {
        // The x value (or the part's name), then the series formatted alike (the same unit of
        // thousands across a row).
        let mut cells = vec![t.labels.get(r).cloned().unwrap_or_else(|| t.units[0].format(row[0], sys))];
        cells.extend(t.units.get(1).map(|u| u.format_row(&row[1..], sys)).unwrap_or_default());
        if t.reader == Some(r) {
            cells[0].push_str(" (yours)");
        }
        cells
    });
    std::iter::once(t.headers.clone()).chain(rows).collect()
}

/// The reactive pieces of the views are made by these three functions, from plain `fn`s: every
/// reactive text, every reactive flag and every event handler of a widget is then one closure
/// type, so Leptos's generic code for them is compiled once, not once per call site (measured in
/// ARCHITECTURE.md, "Bundle size").
///
/// A text that follows the values: `f(ctx, a)`.
pub fn text<A: Copy + Send + Sync + 'static>(ctx: Ctx, a: A, f: fn(Ctx, A) -> String) -> impl Fn() -> String + Send + Sync + Copy + 'static {
    move || f(ctx, a)
}

/// A flag (an attribute present or not) that follows the values: `f(ctx, a)`.
pub fn flag<A: Copy + Send + Sync + 'static>(ctx: Ctx, a: A, f: fn(Ctx, A) -> bool) -> impl Fn() -> bool + Send + Sync + Copy + 'static {
    move || f(ctx, a)
}

/// An event handler: `f(ctx, a, event)`.
pub fn act<A: Copy + 'static, E: 'static>(ctx: Ctx, a: A, f: fn(Ctx, A, E)) -> impl FnMut(E) + Copy + 'static {
    move |e| f(ctx, a, e)
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
        ctx.scheme.notify();
    }
}

fn next_uid() -> u32 {
    thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}
