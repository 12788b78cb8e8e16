//! The chart on a `<canvas>`: sized to its container (ResizeObserver), with a backing store of
//! CSS size × devicePixelRatio so it is crisp on HiDPI screens, colours read from the widget's
//! CSS custom properties, and at most one redraw per animation frame.

use super::backend;
use super::Widget;
use crate::chart::{parse_color, ChartStyle, Theme};
use crate::model::{Chart, Values};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement};

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

/// The chart's size in CSS pixels: the container's width, the author's or the default height.
pub fn css_size(w: &Widget, wrap: &HtmlElement) -> (f64, f64) {
    let css_w = wrap.client_width() as f64;
    (css_w, w.chart_height.unwrap_or_else(|| height_for(css_w)))
}

/// The chart's drawing style at `scale` device pixels per CSS pixel, in the page's colours (read
/// from CSS once, then kept until the colour scheme changes: see `view::restyle_all`).
pub fn style(w: &Widget, wrap: &HtmlElement, scale: f64) -> ChartStyle {
    let cached = w.theme.borrow().clone();
    let theme = cached.unwrap_or_else(|| {
        let t = web_sys::window().map(|win| theme(&win, wrap)).unwrap_or_default();
        *w.theme.borrow_mut() = Some(t.clone());
        t
    });
    ChartStyle { scale, system: w.system(), theme, ..ChartStyle::default() }
}

/// Sizes the backing store and draws the chart as the reader sees it.
fn paint(w: &Widget, canvas: &HtmlCanvasElement, wrap: &HtmlElement) {
    let (css_w, css_h) = css_size(w, wrap);
    if css_w <= 0.0 {
        return;
    }
    let dpr = web_sys::window().map_or(1.0, |win| win.device_pixel_ratio()).clamp(1.0, 4.0);
    if draw_on(&w.shown_chart(), canvas, (css_w, css_h), &style(w, wrap, dpr)) {
        let _ = HtmlElement::style(canvas).set_property("height", &format!("{}px", css_h as u32));
    }
}

/// The chart's text alternative, for these values and their readouts: what is plotted, the
/// reader's scenario in one sentence and, away from the essay's numbers, the comparison the chart
/// shows. Set when the values change (not on every paint).
pub fn describe(w: &Widget, canvas: &Element, vals: &[f64], out: &[f64]) {
    let mut label = format!("{} {}", w.chart_name, w.model.summary(&Values::new(w.specs, vals)));
    if vals != w.base {
        let sys = w.system();
        let diffs: Vec<String> = w
            .model
            .outputs()
            .iter()
            .zip(out.iter().zip(w.base_out))
            .filter(|(o, (x, b))| o.headline && x.is_finite() && b.is_finite() && x != b)
            .map(|(o, (x, b))| {
                format!("{} {} against the essay's {}", crate::markup::mid_sentence(o.label), o.unit.format(*x, sys), o.unit.format(*b, sys))
            })
            .collect();
        if !diffs.is_empty() {
            label.push_str(&format!(" Compared with the essay: {}.", diffs.join("; ")));
        }
    }
    let _ = canvas.set_attribute("aria-label", &label);
}

/// Draws the chart on `canvas` at `css` size × `style.scale`; true when the backing store was
/// resized.
fn draw_on(chart: &Chart, canvas: &HtmlCanvasElement, css: (f64, f64), style: &ChartStyle) -> bool {
    let (bw, bh) = ((css.0 * style.scale).round() as u32, (css.1 * style.scale).round() as u32);
    let resized = canvas.width() != bw || canvas.height() != bh;
    if resized {
        canvas.set_width(bw);
        canvas.set_height(bh);
    }
    if let Some(ctx) = context(canvas) {
        backend::replay(&ctx, &crate::scene::draw(chart, style, (bw, bh)));
    }
    resized
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()
}

/// The chart as a PNG at twice its on-screen size (a `data:` URL), on the widget's background.
pub fn png(w: &Widget) -> Option<String> {
    let (_, wrap) = parts(w)?;
    let canvas = w.root.owner_document()?.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?;
    let style = style(w, &wrap, 2.0);
    draw_on(&w.shown_chart(), &canvas, css_size(w, &wrap), &style);
    // Exported images are opaque: paint the background under the chart.
    let ctx = context(&canvas)?;
    let bg = style.theme.bg;
    ctx.set_global_composite_operation("destination-over").ok()?;
    ctx.set_fill_style_str(&crate::chart::hex((bg.0, bg.1, bg.2)));
    ctx.fill_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    canvas.to_data_url().ok()
}

/// The chart as SVG at its on-screen size, in the page's colours.
pub fn svg(w: &Widget) -> Option<String> {
    let (_, wrap) = parts(w)?;
    let (cw, ch) = css_size(w, &wrap);
    crate::render::chart_svg(&w.shown_chart(), (cw as u32, ch as u32), &style(w, &wrap, 1.0)).ok()
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
