//! A drawn chart as a list of primitives: `chart::draw` runs once, on a [`Scene`] (a plotters
//! `DrawingBackend` that records), and the canvas (`view::backend`) and SVG (`crate::svg`) replay
//! the same primitives. One drawing path, so both look alike, and one compiled copy of the chart
//! code in the wasm instead of one per backend.

use crate::chart::{self, ChartStyle};
use crate::model::Chart;
use plotters::prelude::{DrawingBackend, IntoDrawingArea};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// One drawing primitive, in device pixels.
#[derive(Clone)]
pub enum Prim {
    Line { from: BackendCoord, to: BackendCoord, color: BackendColor, width: u32 },
    Rect { ul: BackendCoord, br: BackendCoord, color: BackendColor, width: u32, fill: bool },
    Path { points: Vec<BackendCoord>, color: BackendColor, width: u32 },
    Polygon { points: Vec<BackendCoord>, color: BackendColor },
    Circle { center: BackendCoord, r: u32, color: BackendColor, width: u32, fill: bool },
    Text { text: String, family: String, px: u32, bold: bool, color: BackendColor, h: HPos, v: VPos, at: BackendCoord },
}

/// A recorded drawing of `size` device pixels.
#[derive(Clone, Default)]
pub struct Scene {
    pub size: (u32, u32),
    pub prims: Vec<Prim>,
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
    let mut scene = Scene { size, prims: Vec::new() };
    {
        let root = (&mut scene).into_drawing_area();
        // Recording cannot fail; a chart too small to say anything records nothing.
        let _ = chart::draw(&root, chart, style);
    }
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
        self.prims.push(Prim::Rect { ul: p, br: (p.0 + 1, p.1 + 1), color, width: 0, fill: true });
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, s: &S) -> R {
        self.prims.push(Prim::Line { from, to, color: s.color(), width: s.stroke_width() });
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, s: &S, fill: bool) -> R {
        self.prims.push(Prim::Rect { ul, br, color: s.color(), width: s.stroke_width(), fill });
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, s: &S) -> R {
        self.prims.push(Prim::Path { points: path.into_iter().collect(), color: s.color(), width: s.stroke_width() });
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, s: &S) -> R {
        self.prims.push(Prim::Polygon { points: path.into_iter().collect(), color: s.color() });
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, r: u32, s: &S, fill: bool) -> R {
        self.prims.push(Prim::Circle { center, r, color: s.color(), width: s.stroke_width(), fill });
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, s: &S) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        // The estimate the chart's own layout uses; the canvas and the SVG viewer render the glyphs.
        let px = s.size();
        Ok(((text.chars().count() as f64 * px * 0.56).ceil() as u32, px.ceil() as u32))
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, s: &S, at: BackendCoord) -> R {
        let anchor = s.anchor();
        self.prims.push(Prim::Text {
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
