//! The chart figure: a `<canvas>` painted from an effect (the recorded scene replayed, see
//! `crate::scene`), sized to its container with a backing store of CSS size × devicePixelRatio
//! (crisp on HiDPI screens), in the colours of the widget's CSS custom properties, at most once
//! per animation frame; its text alternative, the marks' sources, "Show data" and the export
//! buttons.

use super::controls::CopyButton;
use super::{act, backend, export, flag, text, Ctx};
use crate::chart::{parse_color, ChartStyle, Theme};
use crate::model::Chart;
use leptos::either::Either;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

/// What paints one widget's chart.
pub struct Painter {
    ctx: Ctx,
    /// The canvas in the page, found by its id once mounted.
    canvas: RefCell<Option<HtmlCanvasElement>>,
    pending: Cell<bool>,
    /// The container's width in CSS pixels, as the ResizeObserver last reported it (reading
    /// `clientWidth` at paint time would force a layout of the page right after the readouts
    /// changed: measured at 1.4 ms of every 3 ms paint).
    width: Cell<f64>,
    /// The height the chart has grown to at this width, CSS pixels (`chart::grown_height`): it
    /// only grows, so a slider's move never makes the page below jump back and forth.
    grown: Cell<(f64, f64)>,
    /// The CSS height last set on the canvas.
    styled: Cell<f64>,
    /// The chart's colours and text size, read from CSS at the first paint, kept until the
    /// scheme changes.
    theme: RefCell<Option<(Theme, f64)>>,
    /// Where the last paint put the plot, in CSS pixels (the crosshair reads it).
    layout: RefCell<Option<crate::chart::Layout>>,
}

impl Painter {
    /// Asks for a paint in the next animation frame; any number of requests before it paint once.
    fn request(&'static self) {
        if self.pending.replace(true) {
            return;
        }
        let me = self;
        crate::timing::next_frame(move || {
            me.pending.set(false);
            me.paint();
        });
    }

    /// The chart's size in CSS pixels: the container's width, the author's or the default height.
    pub fn css_size(&self) -> Option<(f64, f64)> {
        let w = self.width.get();
        let grown = Some(self.grown.get()).filter(|g| g.0 == w).map_or(0.0, |g| g.1);
        (w > 0.0).then(|| (w, self.ctx.fixed.author.chart_height.unwrap_or_else(|| crate::chart::height_for(w).max(grown))))
    }

    /// The drawing style at `scale` device pixels per CSS pixel, in the page's colours.
    pub fn style(&self, scale: f64) -> ChartStyle {
        let cached = self.theme.borrow().clone();
        let (theme, font_px) = cached.unwrap_or_else(|| {
            let t = match (web_sys::window(), self.wrap()) {
                (Some(win), Some(wrap)) => theme(&win, &wrap),
                _ => (Theme::default(), crate::chart::FONT_PX),
            };
            *self.theme.borrow_mut() = Some(t.clone());
            t
        });
        ChartStyle { scale, system: self.ctx.system_now(), theme, font_px, legend: false }
    }

    /// Sizes the backing store and draws the chart as the reader sees it, now.
    ///
    /// Drawn on the page's canvas itself. (A canvas outside the document, copied with
    /// `drawImage`, once kept text from forcing a style update; measured again with the issue-21
    /// trace, the copy cost 1.3 ms of a ranged update's 7.5 ms of script, the forced style update
    /// under 0.1 ms, and the copy doubled the chart's memory. An `OffscreenCanvas` handed to a
    /// `bitmaprenderer` canvas measured slower still: 5.4 ms of script against 1.9 per update.)
    fn paint(&self) {
        if self.ctx.is_gone() {
            return;
        }
        let (Some(canvas), Some(mut css)) = (self.canvas.borrow().clone(), self.css_size()) else { return };
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 4.0);
        let (chart, style) = (self.ctx.chart(), self.style(dpr));
        let mut layout = draw_on(&chart, &canvas, css, &style);
        // Labels' rows took more than half: the chart grows (unless the author set its height).
        let plot_h = layout.as_ref().map_or(0.0, |l| (l.plot.y1 - l.plot.y0) / dpr);
        // (Twice at most: a taller plot has more y ticks, whose labels may take a little more.)
        let mut plot_h = plot_h;
        for _ in 0..2 {
            let Some(h) = crate::chart::grown_height(css.1, plot_h).filter(|h| *h <= 800.0 && self.ctx.fixed.author.chart_height.is_none()) else { break };
            self.grown.set((css.0, h));
            css.1 = h;
            layout = draw_on(&chart, &canvas, css, &style);
            plot_h = layout.as_ref().map_or(0.0, |l| (l.plot.y1 - l.plot.y0) / dpr);
        }
        *self.layout.borrow_mut() = layout.map(|mut l| {
            l.plot = crate::chart::Rect { x0: l.plot.x0 / dpr, y0: l.plot.y0 / dpr, x1: l.plot.x1 / dpr, y1: l.plot.y1 / dpr };
            l
        });
        if self.styled.replace(css.1) != css.1 {
            let _ = HtmlElement::style(&canvas).set_property("height", &format!("{}px", css.1 as u32));
        }
        if let Some(c) = context(&canvas) {
            if let Some(x) = self.ctx.ui.with_untracked(|u| u.probe) {
                self.crosshair(&c, x, dpr);
            }
        }
    }

    /// The crosshair at x value `x`: a line across the plot and a dot on every series.
    fn crosshair(&self, c: &CanvasRenderingContext2d, x: f64, dpr: f64) {
        let layout = self.layout.borrow();
        let Some(l) = layout.as_ref() else { return };
        let chart = self.ctx.chart();
        let theme = self.style(dpr).theme;
        let px = l.x_px(x) * dpr;
        c.set_global_alpha(1.0);
        c.set_stroke_style_str(&crate::chart::hex((theme.fg.0, theme.fg.1, theme.fg.2)));
        c.set_line_width(dpr);
        c.begin_path();
        c.move_to(px.round() + 0.5, l.plot.y0 * dpr);
        c.line_to(px.round() + 0.5, l.plot.y1 * dpr);
        c.stroke();
        for s in &chart.series {
            let v = crate::chart::value_at(&chart, &s.points, x);
            if v.is_finite() {
                let col = theme.color(s.emphasis);
                c.set_fill_style_str(&crate::chart::hex((col.0, col.1, col.2)));
                c.begin_path();
                let _ = c.arc(px, l.y_px(v) * dpr, 4.0 * dpr, 0.0, std::f64::consts::TAU);
                c.fill();
            }
        }
    }

    /// The canvas's container (its width is the chart's).
    fn wrap(&self) -> Option<web_sys::Element> {
        self.canvas.borrow().as_ref()?.parent_element()
    }

    /// The figure to export: the chart at its on-screen size framed by the title, a subtitle with
    /// the units, the sources and the link to this scenario.
    fn figure(&self, scale: f64) -> Option<(crate::scene::Scene, crate::render::Figure, ChartStyle)> {
        let (w, h) = self.css_size()?;
        let (ctx, style) = (self.ctx, self.style(scale));
        let chart = ctx.chart();
        let title = ctx.fixed.author.title.clone().unwrap_or_else(|| ctx.model().title().to_string());
        let fig = ctx.vals.with_untracked(|v| crate::render::Figure::of(ctx.model(), v, &ctx.shown_outputs(), &chart, &title, &export::link(ctx), style.system));
        let scene = crate::render::figure(&chart, &fig, (w * scale).round() as u32, (h * scale).round() as u32, &style);
        Some((scene, fig, style))
    }

    /// The figure as a PNG at twice its on-screen size (a `data:` URL), on the widget's background.
    pub fn png(&self) -> Option<String> {
        let (scene, _, style) = self.figure(2.0)?;
        scene_png(&scene, style.theme.bg)
    }

    /// The figure as SVG at its on-screen size, in the page's colours, with a title and
    /// description.
    pub fn svg(&self) -> Option<String> {
        let (scene, fig, style) = self.figure(1.0)?;
        let bg = style.theme.bg;
        Some(crate::svg::write(&scene, Some(&crate::chart::hex((bg.0, bg.1, bg.2))), Some((&fig.title, &fig.description))))
    }

    /// The x value under CSS pixel `x` of the canvas, when it is over the plot.
    fn x_at(&self, x: f64) -> Option<f64> {
        let l = self.layout.borrow();
        let l = l.as_ref()?;
        (x >= l.plot.x0 - 2.0 && x <= l.plot.x1 + 2.0).then(|| l.x_at(x))
    }

    /// The CSS pixel of x value `v`, and the plot's extent.
    fn px_of(&self, v: f64) -> Option<(f64, crate::chart::Rect)> {
        let l = self.layout.borrow();
        let l = l.as_ref()?;
        Some((l.x_px(v), l.plot))
    }
}

/// A scene as a PNG data URL, on an opaque background.
pub fn scene_png(scene: &crate::scene::Scene, bg: plotters::style::RGBColor) -> Option<String> {
    let canvas = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?;
    canvas.set_width(scene.size.0);
    canvas.set_height(scene.size.1);
    let ctx = context(&canvas)?;
    // Exported images are opaque: the background first.
    ctx.set_fill_style_str(&crate::chart::hex((bg.0, bg.1, bg.2)));
    ctx.fill_rect(0.0, 0.0, scene.size.0 as f64, scene.size.1 as f64);
    backend::replay(&ctx, scene, false);
    canvas.to_data_url().ok()
}

/// The figure: caption, canvas, the marks' sources, "Show data" and the export buttons.
#[component]
pub fn ChartFigure(ctx: Ctx) -> impl IntoView {
    // As long as the page, like the widget.
    let painter: &'static Painter = Box::leak(Box::new(Painter {
        ctx,
        canvas: RefCell::new(None),
        pending: Cell::new(false),
        width: Cell::new(0.0),
        grown: Cell::new((0.0, 0.0)),
        styled: Cell::new(0.0),
        theme: RefCell::new(None),
        layout: RefCell::new(None),
    }));
    // One effect: new values are painted in the next frame; a new colour scheme at once, in its
    // colours (printing takes its snapshot before the next frame); and, from the first run, the
    // container's width is watched (layout, rotation, zoom).
    Effect::new({
        let p = painter;
        move |seen: Option<(Vec<f64>, ())>| {
            let vals = ctx.vals.get();
            ctx.scheme.track();
            // The ranges' bands.
            ctx.mc.track();
            // The crosshair follows the pointer or the keys: repaint.
            ctx.ui(|u| u.probe);
            match seen {
                None => {
                    observe_width(p);
                    p.request();
                }
                // Not the values: the colour scheme.
                Some((before, ())) if before == vals => {
                    p.theme.borrow_mut().take();
                    p.paint();
                }
                _ => p.request(),
            }
            (vals, ())
        }
    });
    view! {
        <figure class="ew-chart">
            <figcaption class="ew-caption">{text(ctx, 0, about)}</figcaption>
            <div class="ew-canvas-wrap">
                <canvas role="img" tabindex="0" id=format!("ew{}-chart", ctx.fixed.uid) aria-label=text(ctx, 0, describe)
                    aria-describedby=format!("ew{}-probe", ctx.fixed.uid)
                    on:pointermove=act(ctx, painter, point_at) on:pointerdown=act(ctx, painter, point_at) on:pointerleave=act(ctx, painter, point_left)
                    on:keydown=act(ctx, painter, probe_key) on:focus=act(ctx, painter, probe_focus) on:blur=act(ctx, painter, probe_blur)></canvas>
            </div>
            // What the crosshair reads (or how to get it): a line of its own, so nothing moves.
            <p class="ew-probe" id=format!("ew{}-probe", ctx.fixed.uid) aria-live="polite">{text(ctx, 0, probe_text)}</p>
            <p class="ew-chart-src" hidden=flag(ctx, 2, no_about)>"Marks: "{text(ctx, 2, about)}"."</p>
            <div class="ew-export">
                <details class="ew-data" on:toggle=act(ctx, 0, data_toggled)>
                    <summary>"Show data"</summary>
                    <div class="ew-table-wrap" data-table=""><DataTable ctx/></div>
                </details>
                <span class="ew-export-label">"Download"</span>
                {[("png", "PNG"), ("svg", "SVG"), ("csv", "CSV"), ("json", "JSON")].map(|(what, label)| view! {
                    <button type="button" class="ew-button" data-action=what on:click=act(ctx, (painter, what), export::download)>{label}</button>
                })}
                <CopyButton ctx action="cite"/>
            </div>
        </figure>
    }
}

/// The chart's caption (0), what it is (1) or its marks' sources (2).
fn about(ctx: Ctx, k: usize) -> String {
    ctx.about(k)
}

fn no_about(ctx: Ctx, k: usize) -> bool {
    ctx.about(k).is_empty()
}

/// Keeps the container's width and repaints whenever it changes (layout, rotation, zoom).
fn observe_width(painter: &'static Painter) {
    let id = format!("ew{}-chart", painter.ctx.fixed.uid);
    let canvas =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)).and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok());
    *painter.canvas.borrow_mut() = canvas;
    let Some(wrap) = painter.wrap().and_then(|w| w.dyn_into::<HtmlElement>().ok()) else { return };
    painter.width.set(wrap.client_width() as f64);
    let observed = wrap.clone();
    // Called after layout, where reading the width costs nothing.
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
        let w = observed.client_width() as f64;
        if w != painter.width.get() {
            painter.width.set(w);
            painter.request();
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(&wrap);
    }
    // The observer and its callback live as long as the widget; its canvases' pixels go with it.
    super::on_unmount(painter.ctx.fixed.uid, move || {
        if let Some(o) = observer {
            o.disconnect();
        }
        drop(on_resize);
        if let Some(c) = painter.canvas.take() {
            c.set_width(0);
            c.set_height(0);
        }
        painter.layout.take();
    });
}

/// The chart's text alternative: what is plotted, the reader's scenario in one sentence and,
/// away from the essay's numbers, the comparison the chart shows.
fn describe(ctx: Ctx, _: usize) -> String {
    let mut label = format!("{}. {}", ctx.about(1), ctx.summary());
    if ctx.moved() {
        let sys = ctx.system();
        let diffs: Vec<String> = ctx.outputs.with(|out| {
            ctx.model()
                .outputs()
                .iter()
                .zip(out.iter().zip(&ctx.fixed.base_out))
                .filter(|(o, (x, b))| o.headline && x.is_finite() && b.is_finite() && x != b)
                .map(|(o, (x, b))| {
                    format!("{} {} against {} in {}", crate::text::mid_sentence(o.label), o.unit.format(*x, sys), o.unit.format(*b, sys), ctx.fixed.author.baseline)
                })
                .collect()
        });
        if !diffs.is_empty() {
            label.push_str(&format!(" Compared with {}: {}.", ctx.fixed.author.baseline, diffs.join("; ")));
        }
    }
    label
}

/// The most rows and columns "Show data" has: the x axis's ticks (at most 8) and the reader's x;
/// the x column and the series (at most four, the essay's line included).
const TABLE_ROWS: usize = 10;
const TABLE_COLS: usize = 5;

/// "Show data": the chart's numbers as a table, formatted as the widget shows them, the reader's
/// row marked. A fixed grid whose cells follow [`Ctx::table`] (rows and columns the chart does
/// not have are hidden): every cell is the same kind of reactive text.
#[component]
fn DataTable(ctx: Ctx) -> impl IntoView {
    let cells = |r: usize| {
        (0..TABLE_COLS)
            .map(move |c| {
                if c == 0 {
                    Either::Left(view! { <th scope="row" hidden=flag(ctx, (r, c), no_cell)>{text(ctx, (r, c), cell)}</th> })
                } else {
                    Either::Right(view! { <td hidden=flag(ctx, (r, c), no_cell)>{text(ctx, (r, c), cell)}</td> })
                }
            })
            .collect_view()
    };
    view! {
        <table class="ew-table">
            <thead><tr>{(0..TABLE_COLS).map(|c| view! { <th scope="col" hidden=flag(ctx, (0, c), no_cell)>{text(ctx, (0, c), cell)}</th> }).collect_view()}</tr></thead>
            <tbody>
                {(1..=TABLE_ROWS).map(|r| view! { <tr hidden=flag(ctx, (r, 0), no_cell) data-yours=flag(ctx, (r, 0), yours)>{cells(r)}</tr> }).collect_view()}
            </tbody>
        </table>
    }
}

/// The text of a cell of "Show data" (row 0: the headers).
fn cell(ctx: Ctx, (r, c): (usize, usize)) -> String {
    ctx.table.with(|t| t.get(r).and_then(|row| row.get(c)).cloned()).unwrap_or_default()
}

fn no_cell(ctx: Ctx, (r, c): (usize, usize)) -> bool {
    ctx.table.with(|t| t.get(r).is_none_or(|row| row.len() <= c))
}

fn yours(ctx: Ctx, (r, _): (usize, usize)) -> bool {
    ctx.table.with(|t| t.get(r).and_then(|row| row.first()).is_some_and(|x| x.ends_with(" (yours)")))
}

/// Draws the chart on `canvas` at `css` size × `style.scale`, sizing its backing store; where
/// the plot went.
fn draw_on(chart: &Chart, canvas: &HtmlCanvasElement, css: (f64, f64), style: &ChartStyle) -> Option<crate::chart::Layout> {
    let (bw, bh) = ((css.0 * style.scale).round() as u32, (css.1 * style.scale).round() as u32);
    if canvas.width() != bw || canvas.height() != bh {
        canvas.set_width(bw);
        canvas.set_height(bh);
    }
    let ctx = context(canvas)?;
    let scene = crate::scene::draw(chart, style, (bw, bh));
    backend::replay(&ctx, &scene, true);
    scene.layout
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()
}

/// Chart colours and font from the widget's CSS custom properties (`--ew-fg`, …), so a page's
/// theme (and dark mode) reaches the canvas.
fn theme(window: &web_sys::Window, el: &web_sys::Element) -> (Theme, f64) {
    let mut t = Theme::default();
    let Ok(Some(css)) = window.get_computed_style(el) else { return (t, crate::chart::FONT_PX) };
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
    // Chart text at 0.8125 em of the widget's font (13 px at 16 px): at least 0.8 em.
    let size = css.get_property_value("font-size").ok().and_then(|v| crate::num::parse_f64(v.trim().trim_end_matches("px")));
    (t, size.map_or(crate::chart::FONT_PX, |px| (px * 0.8125).round().max(10.0)))
}

/// The pointer over the chart: the crosshair follows it.
fn point_at(ctx: Ctx, painter: &'static Painter, ev: web_sys::PointerEvent) {
    if let Some(x) = painter.x_at(ev.offset_x() as f64) {
        ctx.set_ui(|u| u.probe = Some(x));
    }
}

/// A mouse leaving the chart takes the crosshair with it (a finger's stays until the next tap).
fn point_left(ctx: Ctx, _: &'static Painter, ev: web_sys::PointerEvent) {
    if ev.pointer_type() == "mouse" {
        ctx.set_ui(|u| u.probe = None);
    }
}

/// Focus on the chart puts the crosshair on the reader's point.
fn probe_focus(ctx: Ctx, _: &'static Painter, _: web_sys::FocusEvent) {
    let x = ctx.chart().point.map(|p| p.x);
    ctx.set_ui(|u| u.probe = x);
}

fn probe_blur(ctx: Ctx, _: &'static Painter, _: web_sys::FocusEvent) {
    ctx.set_ui(|u| u.probe = None);
}

/// Arrows move the crosshair a fortieth of the plot, Home and End to the ends, Escape hides it.
fn probe_key(ctx: Ctx, painter: &'static Painter, ev: web_sys::KeyboardEvent) {
    let Some(x) = ctx.ui.with_untracked(|u| u.probe).or_else(|| ctx.chart().point.map(|p| p.x)) else { return };
    let Some((px, plot)) = painter.px_of(x) else { return };
    let step = (plot.x1 - plot.x0) / 40.0;
    let to = match ev.key().as_str() {
        "ArrowRight" | "ArrowUp" => px + step,
        "ArrowLeft" | "ArrowDown" => px - step,
        "Home" => plot.x0,
        "End" => plot.x1,
        "Escape" => {
            ctx.set_ui(|u| u.probe = None);
            return;
        }
        _ => return,
    };
    ev.prevent_default();
    let value = painter.x_at(to.max(plot.x0).min(plot.x1));
    ctx.set_ui(|u| u.probe = value);
}

/// The crosshair's values in words, or how to get them.
fn probe_text(ctx: Ctx, _: usize) -> String {
    ctx.vals.track();
    match ctx.ui(|u| u.probe) {
        Some(x) => crate::chart::probe(&ctx.chart(), x, ctx.system()),
        None if super::theme::touch() => "Tap the chart to read its values.".into(),
        None => "Point at the chart, or focus it and press ← →, to read its values.".into(),
    }
}

fn data_toggled(ctx: Ctx, _: usize, ev: web_sys::Event) {
    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
    ctx.set_ui(|u| u.table = open);
}
