//! A drawn chart as a list of primitives: `chart::draw` runs once, on a [`Scene`] (a plotters
//! `DrawingBackend` that records), and the canvas (`view::backend`) and SVG (`crate::svg`) replay
//! the same primitives. One drawing path, so both look alike, and one compiled copy of the chart
//! code in the wasm instead of one per backend.

use crate::chart::{self, ChartStyle, Role};
use crate::model::Chart;
use plotters::prelude::{DrawingBackend, IntoDrawingArea};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use std::cell::Cell;
use std::rc::Rc;

/// One drawing primitive, in device pixels.
#[derive(Clone)]
pub enum Prim {
    Line { from: BackendCoord, to: BackendCoord, color: BackendColor, width: u32 },
    Rect { ul: BackendCoord, br: BackendCoord, color: BackendColor, width: u32, fill: bool },
    /// A polyline, in quarter device pixels ([`FINE`]): a chart's lines are drawn at that
    /// precision, so a gentle curve has no kinks where whole pixels would snap it.
    Path { points: Vec<BackendCoord>, color: BackendColor, width: u32 },
    Polygon { points: Vec<BackendCoord>, color: BackendColor },
    Circle { center: BackendCoord, r: u32, color: BackendColor, width: u32, fill: bool },
    Text { text: String, family: String, px: u32, bold: bool, color: BackendColor, h: HPos, v: VPos, at: BackendCoord },
}

pub use crate::chart::FINE;

/// A recorded drawing of `size` device pixels.
#[derive(Clone, Default)]
pub struct Scene {
    pub size: (u32, u32),
    pub prims: Vec<Prim>,
    /// What each primitive is (same order as `prims`).
    pub roles: Vec<Role>,
    /// Where the plot is (for the crosshair), when the chart was drawn.
    pub layout: Option<chart::Layout>,
    /// The role of what is drawn next (set by `chart::draw`).
    role: Rc<Cell<Role>>,
    /// Where the chart being drawn starts (device pixels), and the next solid line's points in
    /// [`FINE`] units from there (`chart::draw` hands them over just before drawing the line).
    origin: (i32, i32),
    fine: Rc<std::cell::RefCell<Option<Vec<BackendCoord>>>>,
}

impl Scene {
    fn push(&mut self, p: Prim) {
        self.prims.push(p);
        self.roles.push(self.role.get());
    }

    /// An empty scene of `size` device pixels.
    pub fn new(size: (u32, u32)) -> Scene {
        Scene { size, ..Scene::default() }
    }

    /// Draws `chart` into this scene, within the area from `origin` of `size` device pixels; the
    /// primitives drawn get `role` (see `chart::Role`).
    pub fn chart(&mut self, chart: &Chart, style: &ChartStyle, origin: (i32, i32), size: (u32, u32)) -> Option<chart::Layout> {
        let cell = self.role.clone();
        let set = move |r: Role| cell.set(r);
        let next = self.fine.clone();
        let fine = move |pts: Vec<BackendCoord>| *next.borrow_mut() = Some(pts);
        let draw = |scene: &mut Scene, style: &ChartStyle| {
            let full = scene.size;
            let root = scene.into_drawing_area();
            let area = root.margin(
                origin.1.max(0) as u32,
                full.1.saturating_sub(origin.1.max(0) as u32 + size.1),
                origin.0.max(0) as u32,
                full.0.saturating_sub(origin.0.max(0) as u32 + size.0),
            );
            // Recording cannot fail; a chart too small to say anything records nothing.
            chart::draw(&area, chart, style, &set, &fine).ok().flatten()
        };
        self.origin = origin;
        // Lines named beside themselves; where they cannot all be, a legend instead.
        let n = self.prims.len();
        let mut layout = draw(self, style);
        if layout.is_none() && !style.legend {
            self.prims.truncate(n);
            self.roles.truncate(n);
            layout = draw(self, &ChartStyle { legend: true, ..style.clone() });
        }
        // Layouts are relative to the area: move them to the scene's coordinates.
        layout.map(|mut l| {
            let (dx, dy) = (origin.0 as f64, origin.1 as f64);
            l.plot = chart::Rect { x0: l.plot.x0 + dx, y0: l.plot.y0 + dy, x1: l.plot.x1 + dx, y1: l.plot.y1 + dy };
            l
        })
    }

    /// A filled rectangle with `role`.
    pub fn fill(&mut self, ul: BackendCoord, br: BackendCoord, color: BackendColor, role: Role) {
        self.role.set(role);
        self.push(Prim::Rect { ul, br, color, width: 0, fill: true });
    }

    /// A line with `role`.
    pub fn line(&mut self, from: BackendCoord, to: BackendCoord, color: BackendColor, width: u32, role: Role) {
        self.role.set(role);
        self.push(Prim::Line { from, to, color, width });
    }

    /// A line of text with `role` (titles and footers of an exported figure).
    #[allow(clippy::too_many_arguments)]
    pub fn text(&mut self, text: &str, family: &str, px: u32, bold: bool, color: BackendColor, at: BackendCoord, role: Role) {
        self.role.set(role);
        self.push(Prim::Text { text: text.to_string(), family: family.to_string(), px, bold, color, h: HPos::Left, v: VPos::Top, at });
    }
}

/// Recording never fails; this only satisfies the trait.
#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("unreachable")
    }
}

impl std::error::Error for Never {}

type R = Result<(), DrawingErrorKind<Never>>;

/// `chart` drawn at `size` device pixels in `style`.
pub fn draw(chart: &Chart, style: &ChartStyle, size: (u32, u32)) -> Scene {
    let mut scene = Scene::new(size);
    scene.layout = scene.chart(chart, style, (0, 0), size);
    scene
}

impl DrawingBackend for &mut Scene {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> R {
        Ok(())
    }
    fn present(&mut self) -> R {
        Ok(())
    }
    fn draw_pixel(&mut self, p: BackendCoord, color: BackendColor) -> R {
        self.push(Prim::Rect { ul: p, br: (p.0 + 1, p.1 + 1), color, width: 0, fill: true });
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, s: &S) -> R {
        self.push(Prim::Line { from, to, color: s.color(), width: s.stroke_width() });
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, s: &S, fill: bool) -> R {
        self.push(Prim::Rect { ul, br, color: s.color(), width: s.stroke_width(), fill });
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, s: &S) -> R {
        // A solid line's points as the chart handed them over (FINE units from the area's
        // corner); every other path in whole pixels.
        let (ox, oy) = self.origin;
        let whole: Vec<BackendCoord> = path.into_iter().collect();
        let points = match self.fine.borrow_mut().take() {
            Some(fine) if fine.len() == whole.len() => fine.into_iter().map(|(x, y)| (x + FINE * ox, y + FINE * oy)).collect(),
            _ => whole.into_iter().map(|(x, y)| (x * FINE, y * FINE)).collect(),
        };
        self.push(Prim::Path { points, color: s.color(), width: s.stroke_width() });
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, s: &S) -> R {
        self.push(Prim::Polygon { points: path.into_iter().collect(), color: s.color() });
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, r: u32, s: &S, fill: bool) -> R {
        self.push(Prim::Circle { center, r, color: s.color(), width: s.stroke_width(), fill });
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, s: &S) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        // The estimate the chart's own layout uses; the canvas and the SVG viewer render the glyphs.
        let px = s.size();
        Ok(((text.chars().count() as f64 * px * 0.56).ceil() as u32, px.ceil() as u32))
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, s: &S, at: BackendCoord) -> R {
        let anchor = s.anchor();
        self.push(Prim::Text {
            text: text.to_string(),
            family: s.family().as_str().to_string(),
            px: s.size().round() as u32,
            bold: s.style().as_str() == "bold",
            color: s.color(),
            h: anchor.h_pos,
            v: anchor.v_pos,
            at,
        });
        Ok(())
    }
}
