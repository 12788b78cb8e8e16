//! The chart figure: a `<canvas>` painted from an effect (the recorded scene replayed, see
//! `crate::scene`), sized to its container with a backing store of CSS size × devicePixelRatio
//! (crisp on HiDPI screens), in the colours of the widget's CSS custom properties, at most once
//! per animation frame; its text alternative, the marks' sources, "Show data" and the export
//! buttons.

use super::controls::CopyButton;
use super::{backend, export, Ctx};
use crate::chart::{parse_color, ChartStyle, Theme};
use crate::model::Chart;
use leptos::html;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

/// What paints one widget's chart.
pub struct Painter {
    ctx: Ctx,
    canvas: NodeRef<html::Canvas>,
    wrap: NodeRef<html::Div>,
    pending: Cell<bool>,
    /// The chart's colours, read from CSS at the first paint, kept until the scheme changes.
    theme: RefCell<Option<Theme>>,
}

impl Painter {
    /// Asks for a paint in the next animation frame; any number of requests before it paint once.
    fn request(self: &Rc<Self>) {
        if self.pending.replace(true) {
            return;
        }
        let me = self.clone();
        super::next_frame(move || {
            me.pending.set(false);
            me.paint();
        });
    }

    /// The chart's size in CSS pixels: the container's width, the author's or the default height.
    pub fn css_size(&self) -> Option<(f64, f64)> {
        let w = self.wrap.get_untracked()?.client_width() as f64;
        (w > 0.0).then(|| (w, self.ctx.fixed.author.chart_height.unwrap_or_else(|| height_for(w))))
    }

    /// The drawing style at `scale` device pixels per CSS pixel, in the page's colours.
    pub fn style(&self, scale: f64) -> ChartStyle {
        let cached = self.theme.borrow().clone();
        let theme = cached.unwrap_or_else(|| {
            let t = match (web_sys::window(), self.wrap.get_untracked()) {
                (Some(win), Some(wrap)) => theme(&win, &wrap),
                _ => Theme::default(),
            };
            *self.theme.borrow_mut() = Some(t.clone());
            t
        });
        ChartStyle { scale, system: self.ctx.system.get_untracked(), theme, ..ChartStyle::default() }
    }

    /// Sizes the backing store and draws the chart as the reader sees it, now.
    fn paint(&self) {
        let (Some(canvas), Some(css)) = (self.canvas.get_untracked(), self.css_size()) else { return };
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 4.0);
        if draw_on(&self.ctx.chart(), &canvas, css, &self.style(dpr)) {
            let _ = HtmlElement::style(&canvas).set_property("height", &format!("{}px", css.1 as u32));
        }
    }

    /// The chart as a PNG at twice its on-screen size (a `data:` URL), on the widget's background.
    pub fn png(&self) -> Option<String> {
        let doc = web_sys::window()?.document()?;
        let canvas = doc.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?;
        let style = self.style(2.0);
        draw_on(&self.ctx.chart(), &canvas, self.css_size()?, &style);
        // Exported images are opaque: paint the background under the chart.
        let ctx = context(&canvas)?;
        let bg = style.theme.bg;
        ctx.set_global_composite_operation("destination-over").ok()?;
        ctx.set_fill_style_str(&crate::chart::hex((bg.0, bg.1, bg.2)));
        ctx.fill_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
        canvas.to_data_url().ok()
    }

    /// The chart as SVG at its on-screen size, in the page's colours.
    pub fn svg(&self) -> Option<String> {
        let (w, h) = self.css_size()?;
        crate::render::chart_svg(&self.ctx.chart(), (w as u32, h as u32), &self.style(1.0)).ok()
    }
}

/// The chart's height for a given width, in CSS pixels.
fn height_for(width: f64) -> f64 {
    (width * 0.55).clamp(240.0, 380.0).round()
}

/// The figure: caption, canvas, the marks' sources, "Show data" and the export buttons.
#[component]
pub fn ChartFigure(ctx: Ctx) -> impl IntoView {
    let first = ctx.chart();
    let caption = format!("{} against {}{}", first.y.label, crate::text::mid_sentence(first.x.label), crate::text::log_note(first.x.log, first.y.log));
    let sources = first.marks.iter().chain(&first.levels).map(|m| m.source).collect::<Vec<_>>().join("; ");
    let name = format!("Chart of {} against {}.", crate::text::mid_sentence(first.y.label), crate::text::mid_sentence(first.x.label));
    let painter = Rc::new(Painter { ctx, canvas: NodeRef::new(), wrap: NodeRef::new(), pending: Cell::new(false), theme: RefCell::new(None) });
    // New values: one paint in the next frame.
    Effect::new({
        let p = painter.clone();
        move |_| {
            ctx.vals.track();
            p.request();
        }
    });
    // A new colour scheme: new colours, painted at once (printing takes its snapshot before the
    // next frame).
    Effect::new({
        let p = painter.clone();
        move |first: Option<()>| {
            ctx.scheme.track();
            if first.is_some() {
                p.theme.borrow_mut().take();
                p.paint();
            }
        }
    });
    // The container's width changes (layout, rotation, zoom): repaint.
    Effect::new({
        let p = painter.clone();
        move |_| {
            if let Some(wrap) = p.wrap.get() {
                observe_width(&wrap, p.clone());
            }
        }
    });
    let open = RwSignal::new(false);
    let download = {
        let p = painter.clone();
        move |what: &'static str| {
            let p = p.clone();
            move |_| export::download(ctx, &p, what)
        }
    };
    view! {
        <figure class="ew-chart">
            <figcaption class="ew-caption">{caption}</figcaption>
            <div class="ew-canvas-wrap" node_ref=painter.wrap>
                <canvas role="img" node_ref=painter.canvas aria-label=move || describe(ctx, &name)></canvas>
            </div>
            <p class="ew-chart-src">"Marks: "{sources}"."</p>
            <div class="ew-export">
                <details class="ew-data" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                    <summary>"Show data"</summary>
                    <div class="ew-table-wrap" data-table="">{move || open.get().then(|| view! { <DataTable ctx/> })}</div>
                </details>
                <span class="ew-export-label">"Download"</span>
                <button type="button" class="ew-button" data-action="png" on:click=download("png")>"PNG"</button>
                <button type="button" class="ew-button" data-action="svg" on:click=download("svg")>"SVG"</button>
                <button type="button" class="ew-button" data-action="csv" on:click=download("csv")>"CSV"</button>
                <button type="button" class="ew-button" data-action="json" on:click=download("json")>"JSON"</button>
                <CopyButton ctx action="cite" label="Copy citation" what="citation"/>
            </div>
        </figure>
    }
}

/// Repaints whenever `wrap`'s width changes.
fn observe_width(wrap: &HtmlElement, painter: Rc<Painter>) {
    let last = Cell::new(wrap.client_width());
    let observed = wrap.clone();
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
        if observed.client_width() != last.get() {
            last.set(observed.client_width());
            painter.request();
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(wrap);
    }
    // The observer lives as long as the page; so does its callback.
    on_resize.forget();
}

/// The chart's text alternative: what is plotted, the reader's scenario in one sentence and,
/// away from the essay's numbers, the comparison the chart shows.
fn describe(ctx: Ctx, name: &str) -> String {
    let mut label = format!("{name} {}", ctx.with_values(|v| ctx.model().summary(v)));
    if ctx.moved.get() {
        let sys = ctx.system.get();
        let diffs: Vec<String> = ctx.outputs.with(|out| {
            ctx.model()
                .outputs()
                .iter()
                .zip(out.iter().zip(&ctx.fixed.base_out))
                .filter(|(o, (x, b))| o.headline && x.is_finite() && b.is_finite() && x != b)
                .map(|(o, (x, b))| format!("{} {} against the essay's {}", crate::text::mid_sentence(o.label), o.unit.format(*x, sys), o.unit.format(*b, sys)))
                .collect()
        });
        if !diffs.is_empty() {
            label.push_str(&format!(" Compared with the essay: {}.", diffs.join("; ")));
        }
    }
    label
}

/// "Show data": the chart's numbers as a table, formatted as the widget shows them, the reader's
/// row marked.
#[component]
fn DataTable(ctx: Ctx) -> impl IntoView {
    move || {
        ctx.vals.track();
        let sys = ctx.system.get();
        let t = crate::chart::table(&ctx.chart(), sys);
        let units = t.units.clone();
        let rows = t.rows.iter().enumerate().map(|(r, row)| {
            let you = t.reader == Some(r);
            let cells = row.iter().zip(&units).enumerate().map(|(k, (v, unit))| {
                let text = unit.format(*v, sys);
                match (k, you) {
                    (0, true) => leptos::either::EitherOf3::A(view! { <th scope="row">{format!("{text} (yours)")}</th> }),
                    (0, false) => leptos::either::EitherOf3::B(view! { <th scope="row">{text}</th> }),
                    _ => leptos::either::EitherOf3::C(view! { <td>{text}</td> }),
                }
            });
            view! { <tr class=if you { "ew-headline" } else { "" }>{cells.collect_view()}</tr> }
        });
        view! {
            <table class="ew-table">
                <thead><tr>{t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
        }
    }
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

/// Chart colours and font from the widget's CSS custom properties (`--ew-fg`, …), so a page's
/// theme (and dark mode) reaches the canvas.
fn theme(window: &web_sys::Window, el: &web_sys::Element) -> Theme {
    let mut t = Theme::default();
    let Ok(Some(css)) = window.get_computed_style(el) else { return t };
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
