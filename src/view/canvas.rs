//! The chart on a `<canvas>`: sized to its container (ResizeObserver), with a backing store of
//! CSS size × devicePixelRatio so it is crisp on HiDPI screens, colours read from the widget's
//! CSS custom properties, and at most one redraw per animation frame.

use super::backend::Canvas;
use super::Widget;
use crate::chart::{self, parse_color, ChartStyle, Theme};
use crate::model::{self, Values};
use plotters::prelude::IntoDrawingArea;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};

/// The chart's height for a given width, in CSS pixels.
fn height_for(width: f64) -> f64 {
    (width * 0.55).clamp(240.0, 380.0).round()
}

/// The widget's canvas and the element whose width it follows.
fn parts(w: &Widget) -> Option<(HtmlCanvasElement, HtmlElement)> {
    let wrap = w.root.query_selector(".ew-canvas-wrap").ok()??.dyn_into::<HtmlElement>().ok()?;
    let canvas = wrap.query_selector("canvas").ok()??.dyn_into::<HtmlCanvasElement>().ok()?;
    Some((canvas, wrap))
}

/// Redraws whenever the container's width changes (layout, rotation, zoom), and once now.
pub fn attach(w: &Rc<Widget>) {
    let Some((_, wrap)) = parts(w) else {
        return;
    };
    let last_width = Cell::new(wrap.client_width());
    let (observed, widget) = (wrap.clone(), w.clone());
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        if observed.client_width() != last_width.get() {
            last_width.set(observed.client_width());
            request(&widget);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&wrap);
    }
    // The observer lives as long as the page; so does its callback.
    on_resize.forget();
    request(w);
}

/// Asks for a redraw in the next animation frame; any number of requests before it draws once.
pub fn request(w: &Rc<Widget>) {
    if w.redraw_pending.replace(true) {
        return;
    }
    let w = w.clone();
    super::next_frame(move || {
        w.redraw_pending.set(false);
        paint_now(&w);
    });
}

/// Draws the chart now.
pub fn paint_now(w: &Widget) {
    if let Some((canvas, wrap)) = parts(w) {
        paint(w, &canvas, &wrap);
    }
}

/// Sizes the backing store and draws the model's chart.
fn paint(w: &Widget, canvas: &HtmlCanvasElement, wrap: &HtmlElement) {
    let (model, vals, base) = (w.model, w.values(), w.base);
    let Some(window) = web_sys::window() else {
        return;
    };
    let css_w = wrap.client_width() as f64;
    if css_w <= 0.0 {
        return;
    }
    let css_h = w.chart_height.unwrap_or_else(|| height_for(css_w));
    let dpr = window.device_pixel_ratio().clamp(1.0, 4.0);
    let (bw, bh) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != bw || canvas.height() != bh {
        canvas.set_width(bw);
        canvas.set_height(bh);
        let _ = HtmlElement::style(canvas).set_property("height", &format!("{}px", css_h as u32));
    }
    let Some(backend) = Canvas::new(canvas) else {
        return;
    };
    backend.clear();
    let root = backend.into_drawing_area();
    let specs = model.params();
    let style = ChartStyle { scale: dpr, system: model::unit_system(specs, &vals), theme: theme(&window, wrap), ..ChartStyle::default() };
    let values = Values::new(specs, &vals);
    let _ = canvas.set_attribute("aria-label", &model.summary(&values));
    // Away from the author's scenario, the chart shows it too (dashed line, hollow point).
    let mut shown = model.chart(&values);
    if vals != base {
        shown = model::compare(shown, model.chart(&Values::new(specs, base)));
    }
    let _ = chart::draw(&root, &shown, &style);
    let _ = root.present();
}

/// Chart colours and font from the widget's CSS custom properties (`--ew-fg`, …), so a page's
/// theme (and dark mode) reaches the canvas.
fn theme(window: &web_sys::Window, el: &HtmlElement) -> Theme {
    let mut t = Theme::default();
    let Ok(Some(css)) = window.get_computed_style(el) else {
        return t;
    };
    let var = |name: &str| css.get_property_value(name).ok().and_then(|v| parse_color(&v));
    for (name, slot) in [
        ("--ew-fg", &mut t.fg),
        ("--ew-muted", &mut t.muted),
        ("--ew-grid", &mut t.grid),
        ("--ew-accent", &mut t.primary),
        ("--ew-accent-2", &mut t.secondary),
        ("--ew-accent-3", &mut t.tertiary),
        ("--ew-faint", &mut t.faint),
        ("--ew-mark", &mut t.mark),
        ("--ew-bg", &mut t.bg),
    ] {
        if let Some(c) = var(name) {
            *slot = c;
        }
    }
    if let Ok(family) = css.get_property_value("font-family") {
        if !family.trim().is_empty() {
            t.font = family;
        }
    }
    t
}
