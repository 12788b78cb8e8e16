//! Timers for the shell: run once after a delay, once before the next repaint, or once input has
//! been quiet for a while. A leaf: it knows nothing of widgets or the URL (both use it).

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
