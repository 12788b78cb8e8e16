//! A plotters `DrawingBackend` that writes SVG into a `String`: the chart as a vector image, the
//! same drawing code as the canvas (`crate::chart::draw`), used for "Download SVG" in the
//! browser and for the no-JS fallbacks natively.
//!
//! Ours rather than plotters' `SVGBackend`: that one formats opacities with `f64`'s `Display`
//! (core's float printing, ~15 KB of wasm) and scales font sizes by 1/1.24. Here coordinates are
//! whole pixels, opacities go through `units::fixed`, and sizes are the canvas's. Pure string
//! work: tested natively.

use crate::markup::esc;
use crate::units::fixed;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use std::fmt::Write;

/// The error of our drawing backends (SVG here; the canvas in `view::backend`). Writing SVG text
/// cannot fail; a canvas call fails only on a detached or zero-sized canvas.
#[derive(Debug)]
pub struct BackendError;

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("drawing backend error")
    }
}

impl std::error::Error for BackendError {}

type R = Result<(), DrawingErrorKind<BackendError>>;

/// An SVG document being drawn into a `String`; `present` (plotters' `root.present()`) closes it.
pub struct Svg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
}

impl<'a> Svg<'a> {
    /// A `w`×`h` document in `out`, optionally on a solid background (`#rrggbb`).
    pub fn new(out: &'a mut String, size: (u32, u32), background: Option<&str>) -> Svg<'a> {
        let (w, h) = size;
        let _ = write!(out, r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#);
        if let Some(bg) = background {
            let _ = write!(out, r#"<rect width="{w}" height="{h}" fill="{}"/>"#, esc(bg));
        }
        Svg { out, size, closed: false }
    }

    /// `fill="#rrggbb" fill-opacity=".."` (or `stroke…`), or `None` when fully transparent.
    fn paint(kind: &str, c: BackendColor) -> Option<String> {
        if c.alpha <= 0.0 {
            return None;
        }
        let (r, g, b) = c.rgb;
        let mut s = format!(r##"{kind}="#{r:02x}{g:02x}{b:02x}""##);
        if c.alpha < 1.0 {
            let _ = write!(s, r#" {kind}-opacity="{}""#, fixed(c.alpha, 3));
        }
        Some(s)
    }

    fn stroke<S: BackendStyle>(style: &S) -> Option<String> {
        Self::paint("stroke", style.color()).map(|s| format!(r#"{s} stroke-width="{}" fill="none""#, style.stroke_width()))
    }
}

impl DrawingBackend for Svg<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> R {
        Ok(())
    }
    fn present(&mut self) -> R {
        if !std::mem::replace(&mut self.closed, true) {
            self.out.push_str("</svg>\n");
        }
        Ok(())
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> R {
        if let Some(fill) = Self::paint("fill", c) {
            let _ = write!(self.out, r#"<rect x="{}" y="{}" width="1" height="1" {fill}/>"#, p.0, p.1);
        }
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, style: &S) -> R {
        if let Some(stroke) = Self::stroke(style) {
            let _ = write!(self.out, r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {stroke}/>"#, a.0, a.1, b.0, b.1);
        }
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> R {
        let paint = if fill { Self::paint("fill", style.color()) } else { Self::stroke(style) };
        if let Some(paint) = paint {
            let (x, y, w, h) = (ul.0.min(br.0), ul.1.min(br.1), (br.0 - ul.0).abs(), (br.1 - ul.1).abs());
            let _ = write!(self.out, r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" {paint}/>"#);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        if let Some(stroke) = Self::stroke(style) {
            let points: Vec<String> = path.into_iter().map(|(x, y)| format!("{x},{y}")).collect();
            let _ = write!(self.out, r#"<polyline points="{}" {stroke} stroke-linejoin="round"/>"#, points.join(" "));
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        if let Some(fill) = Self::paint("fill", style.color()) {
            let points: Vec<String> = path.into_iter().map(|(x, y)| format!("{x},{y}")).collect();
            let _ = write!(self.out, r#"<polygon points="{}" {fill}/>"#, points.join(" "));
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, style: &S, fill: bool) -> R {
        let paint = if fill { Self::paint("fill", style.color()) } else { Self::stroke(style) };
        if let Some(paint) = paint {
            let _ = write!(self.out, r#"<circle cx="{}" cy="{}" r="{r}" {paint}/>"#, c.0, c.1);
        }
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<BackendError>> {
        // The same estimate the chart layout uses; a browser renders the real glyphs.
        let px = style.size();
        Ok(((text.chars().count() as f64 * px * 0.56).ceil() as u32, px.ceil() as u32))
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> R {
        let Some(fill) = Self::paint("fill", style.color()) else {
            return Ok(());
        };
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "hanging",
            VPos::Center => "central",
            VPos::Bottom => "text-after-edge",
        };
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let weight = if style.style().as_str() == "bold" { r#" font-weight="bold""# } else { "" };
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-family="{}" font-size="{}"{weight} text-anchor="{align}" dominant-baseline="{baseline}" {fill}>{}</text>"#,
            pos.0,
            pos.1,
            esc(style.family().as_str()),
            style.size().round() as u32,
            esc(text)
        );
        Ok(())
    }
}
