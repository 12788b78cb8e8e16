//! A plotters `DrawingBackend` for a 2D canvas context.
//!
//! We use this instead of the plotters-canvas crate for size: plotters-canvas formats every colour
//! (`rgba(r,g,b,a)`) and font size with `f64`'s `Display`, which alone pulls core's float
//! formatting (~15 KB of wasm) into the bundle. Here colours are `#rrggbb` plus `globalAlpha`,
//! font sizes whole pixels, and text is measured with the canvas's own `measureText` (plotters'
//! default measures through a temporary DOM element, one forced layout per label).

use crate::svg::BackendError;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct Canvas {
    ctx: CanvasRenderingContext2d,
    size: (u32, u32),
}

type R = Result<(), DrawingErrorKind<BackendError>>;

impl Canvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        Some(Canvas { ctx, size: (canvas.width(), canvas.height()) })
    }

    /// Clears the whole canvas (drawing never clears by itself).
    pub fn clear(&self) {
        self.ctx.set_global_alpha(1.0);
        self.ctx.clear_rect(0.0, 0.0, self.size.0 as f64, self.size.1 as f64);
    }

    /// Sets the fill and stroke colour; false when the colour is fully transparent.
    fn color(&self, c: BackendColor) -> bool {
        if c.alpha <= 0.0 {
            return false;
        }
        let (r, g, b) = c.rgb;
        let hex = format!("#{r:02x}{g:02x}{b:02x}");
        self.ctx.set_fill_style_str(&hex);
        self.ctx.set_stroke_style_str(&hex);
        self.ctx.set_global_alpha(c.alpha);
        true
    }

    fn line<S: BackendStyle>(&self, style: &S) -> bool {
        self.ctx.set_line_width(style.stroke_width() as f64);
        self.color(style.color())
    }

    /// Begins a path through `points`.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>) {
        self.ctx.begin_path();
        for (n, p) in points.into_iter().enumerate() {
            if n == 0 {
                self.ctx.move_to(p.0 as f64, p.1 as f64);
            } else {
                self.ctx.line_to(p.0 as f64, p.1 as f64);
            }
        }
    }

    fn font<S: BackendTextStyle>(&self, style: &S) {
        let px = style.size().round() as u32;
        self.ctx.set_font(&format!("{} {px}px {}", style.style().as_str(), style.family().as_str()));
    }
}

/// Moves horizontal and vertical lines to half pixels, so 1 px lines stay sharp.
fn crisp(a: BackendCoord, b: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = ((a.0 as f64, a.1 as f64), (b.0 as f64, b.1 as f64));
    if a.0 == b.0 {
        a.0 += 0.5;
        b.0 += 0.5;
    }
    if a.1 == b.1 {
        a.1 += 0.5;
        b.1 += 0.5;
    }
    (a, b)
}

impl DrawingBackend for Canvas {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> R {
        Ok(())
    }
    fn present(&mut self) -> R {
        Ok(())
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> R {
        if self.color(c) {
            self.ctx.fill_rect(p.0 as f64, p.1 as f64, 1.0, 1.0);
        }
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        if self.line(style) {
            let (a, b) = crisp(from, to);
            self.ctx.begin_path();
            self.ctx.move_to(a.0, a.1);
            self.ctx.line_to(b.0, b.1);
            self.ctx.stroke();
        }
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> R {
        let (x, y, w, h) = (ul.0 as f64, ul.1 as f64, (br.0 - ul.0) as f64, (br.1 - ul.1) as f64);
        if fill {
            if self.color(style.color()) {
                self.ctx.fill_rect(x, y, w, h);
            }
        } else if self.line(style) {
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        if !self.line(style) {
            return Ok(());
        }
        let pts: Vec<BackendCoord> = path.into_iter().collect();
        if let [a, b] = pts[..] {
            return self.draw_line(a, b, style);
        }
        self.trace(pts);
        self.ctx.set_line_join("round");
        self.ctx.stroke();
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        if self.color(style.color()) {
            self.trace(path);
            self.ctx.close_path();
            self.ctx.fill();
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, style: &S, fill: bool) -> R {
        let visible = if fill { self.color(style.color()) } else { self.line(style) };
        if visible {
            self.ctx.begin_path();
            let _ = self.ctx.arc(c.0 as f64, c.1 as f64, r as f64, 0.0, std::f64::consts::TAU);
            if fill {
                self.ctx.fill();
            } else {
                self.ctx.stroke();
            }
        }
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<BackendError>> {
        self.font(style);
        let width = self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> R {
        if !self.color(style.color()) {
            return Ok(());
        }
        self.font(style);
        let anchor = style.anchor();
        self.ctx.set_text_baseline(match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.ctx.set_text_align(match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        let _ = self.ctx.fill_text(text, pos.0 as f64, pos.1 as f64);
        Ok(())
    }
}
