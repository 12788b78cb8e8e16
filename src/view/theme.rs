//! Light or dark: `data-theme="light|dark|auto"` on the placeholder or any ancestor (the host
//! page's own switch, say on `<html>`), else the reader's system setting. The widget gets
//! `data-ew-dark` when dark (the stylesheet's dark colours key on it), and its chart is redrawn
//! whenever the answer changes: the system setting flips, or the page changes a `data-theme`.
//! Printing is always light (dark text on paper), charts included: they are redrawn before the
//! print and again after it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit};

const DARK: &str = "(prefers-color-scheme: dark)";

thread_local!(static PRINTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });

fn system_dark() -> bool {
    web_sys::window().and_then(|w| w.match_media(DARK).ok().flatten()).is_some_and(|m| m.matches())
}

/// Sets or clears `data-ew-dark` on a placeholder; returns a note when its `data-theme` (or an
/// ancestor's) is not one of light, dark or auto.
pub fn apply(el: &Element) -> Option<String> {
    let owner = el.closest("[data-theme]").ok().flatten();
    let (dark, note) = match crate::author::theme(owner.and_then(|o| o.get_attribute("data-theme")).as_deref()) {
        Ok(choice) => (choice.unwrap_or_else(system_dark), None),
        Err(note) => (system_dark(), Some(note)),
    };
    let _ = el.toggle_attribute_with_force("data-ew-dark", dark && !PRINTING.get());
    note
}

/// Re-applies every mounted widget's theme and redraws its chart.
fn refresh() {
    super::restyle_all();
}

/// Whether the reader's main pointer is a finger (no keyboard shortcuts to mention).
pub fn touch() -> bool {
    web_sys::window().and_then(|w| w.match_media("(pointer: coarse)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Follows the system setting and the page's `data-theme` attributes from now on.
pub fn watch(doc: &Document) {
    let on_change = Closure::<dyn FnMut()>::new(refresh);
    if let Some(query) = web_sys::window().and_then(|w| w.match_media(DARK).ok().flatten()) {
        let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    }
    if let (Ok(observer), Some(root)) = (MutationObserver::new(on_change.as_ref().unchecked_ref()), doc.document_element()) {
        let init = MutationObserverInit::new();
        init.set_attributes(true);
        init.set_subtree(true);
        init.set_attribute_filter(&js_sys::Array::of1(&"data-theme".into()));
        let _ = observer.observe_with_options(&root, &init);
    }
    for (event, printing) in [("beforeprint", true), ("afterprint", false)] {
        let on_print = Closure::<dyn FnMut()>::new(move || {
            PRINTING.set(printing);
            refresh();
        });
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback(event, on_print.as_ref().unchecked_ref());
        }
        on_print.forget();
    }
    // These live as long as the page.
    on_change.forget();
}
