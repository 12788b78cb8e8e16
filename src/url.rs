//! The one module that touches `window.location` and `history`.
//!
//! Widgets hand their latest values to [`schedule`]; one page-wide timer writes them all with a
//! single `history.replaceState` once input has been quiet for [`QUIET_MS`]. So dragging never
//! writes on every `input` event (Safari throws after 100 `replaceState` calls in 30 s: at most
//! one write per 400 ms keeps us under 75), and the page's own query parameters, other widgets'
//! keys and the `#fragment` are kept (the codec in `crate::scenario` decides the text).
//!
//! Architecture invariant: no decisions here — string work is `crate::scenario`'s. Failures of the
//! History API (sandboxed iframes, `file:` pages) are ignored: the widget keeps working, the link
//! just does not update.

use crate::model::Model;
use crate::timing::Quiet;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// How long input must be quiet before the URL is written.
pub const QUIET_MS: f64 = 400.0;

struct Pending {
    ns: String,
    model: &'static Model,
    values: Vec<f64>,
    ranges: Vec<Option<crate::model::Range>>,
    base: &'static [f64],
}

thread_local! {
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static QUIET: Rc<Quiet> = Quiet::new(QUIET_MS, flush);
}

/// The page's current query string (with its `?`), or `""`.
pub fn query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Records a widget's latest values and (re)starts the quiet timer.
pub fn schedule(ns: &str, model: &'static Model, values: Vec<f64>, ranges: Vec<Option<crate::model::Range>>, base: &'static [f64]) {
    PENDING.with_borrow_mut(|p| match p.iter_mut().find(|e| e.ns == ns) {
        Some(e) => (e.values, e.ranges) = (values, ranges),
        None => p.push(Pending { ns: ns.to_owned(), model, values, ranges, base }),
    });
    QUIET.with(|q| q.poke());
}

/// Writes every pending widget's values into the URL now.
pub fn flush() {
    let pending = PENDING.with_borrow_mut(std::mem::take);
    if pending.is_empty() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let loc = window.location();
    let mut q = loc.search().unwrap_or_default();
    for p in &pending {
        q = crate::scenario::encode_with(p.model, &p.ns, &p.values, &p.ranges, p.base, &q);
    }
    let (path, hash) = (loc.pathname().unwrap_or_default(), loc.hash().unwrap_or_default());
    if loc.search().unwrap_or_default() != q {
        if let Ok(history) = window.history() {
            // The host page's own history state stays as it was.
            let state = history.state().unwrap_or(JsValue::NULL);
            let _ = history.replace_state_with_url(&state, "", Some(&format!("{path}{q}{hash}")));
        }
    }
}

/// The link to the page as it is now (pending values written first), pointing at `anchor` (the
/// widget's placeholder id) when the page's own URL has no `#fragment`.
pub fn link(anchor: Option<&str>) -> String {
    flush();
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let href = loc.href().unwrap_or_default();
    match anchor {
        Some(a) if loc.hash().unwrap_or_default().is_empty() => format!("{}#{}", href.trim_end_matches('#'), crate::scenario::percent_encode(a)),
        _ => href,
    }
}

/// The link `base` with this page's keys of namespace `ns` (pending values written first).
pub fn link_at(base: &str, ns: &str) -> String {
    flush();
    crate::scenario::share_link(base, &query(), ns)
}
