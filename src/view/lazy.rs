//! Widgets below the fold start when they come near the viewport (IntersectionObserver), so a
//! long essay does not build every widget and chart before the reader gets there.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How far outside the viewport a widget starts.
const MARGIN: &str = "300px 0px";

/// Calls `start` for each element once it is within [`MARGIN`] of the viewport; at once for all
/// of them where IntersectionObserver is not available.
pub fn start_near_viewport(elements: Vec<HtmlElement>, start: fn(HtmlElement)) {
    if elements.is_empty() {
        return;
    }
    let on_change = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(move |entries: js_sys::Array, observer: IntersectionObserver| {
        for entry in entries.iter().filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
            if entry.is_intersecting() {
                observer.unobserve(&entry.target());
                if let Ok(el) = entry.target().dyn_into::<HtmlElement>() {
                    start(el);
                }
            }
        }
    });
    let init = IntersectionObserverInit::new();
    init.set_root_margin(MARGIN);
    match IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &init) {
        Ok(observer) => {
            elements.iter().for_each(|el| observer.observe(el));
            // The observer lives until every widget has started; its callback as long as the page.
            on_change.forget();
        }
        Err(_) => elements.into_iter().for_each(start),
    }
}
