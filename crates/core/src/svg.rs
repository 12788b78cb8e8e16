//! A recorded chart ([`crate::scene::Scene`]) as an SVG document: "Download SVG" in the browser
//! and the no-JS fallbacks natively, from the same drawing as the canvas.
//!
//! Ours rather than plotters' `SVGBackend`: that one formats opacities with `f64`'s `Display`
//! (core's float printing, ~15 KB of wasm) and scales font sizes by 1/1.24. Here coordinates are
//! whole pixels, opacities go through `units::fixed`, and sizes are the canvas's. Pure string
//! work: tested natively.

use crate::scene::{Prim, Scene};
use crate::text::esc;
use crate::units::fixed;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::BackendColor;
use std::fmt::Write;

/// `scene` as an SVG document, on a solid `background` (`#rrggbb`) when given, with a `<title>`
/// and `<desc>` when `about` names them (what a screen reader or a search engine reads).
pub fn write(scene: &Scene, background: Option<&str>, about: Option<(&str, &str)>) -> String {
    let (w, h) = scene.size;
    let mut out = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">"#);
    if let Some((title, desc)) = about {
        let _ = write!(out, "<title>{}</title><desc>{}</desc>", esc(title), esc(desc));
    }
    if let Some(bg) = background {
        let _ = write!(out, r#"<rect width="{w}" height="{h}" fill="{}"/>"#, esc(bg));
    }
    let points = |pts: &[(i32, i32)]| pts.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ");
    // A path's points are in quarter pixels: `12.25` (written without float formatting).
    let quarters = |pts: &[(i32, i32)]| pts.iter().map(|&(x, y)| format!("{},{}", quarter(x), quarter(y))).collect::<Vec<_>>().join(" ");
    for p in &scene.prims {
        let _ = match p {
            Prim::Line { from, to, color, width } => stroke(*color, *width)
                .map(|s| write!(out, r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {s}/>"#, from.0, from.1, to.0, to.1)),
            Prim::Rect { ul, br, color, width, fill } => {
                let (x, y, rw, rh) = (ul.0.min(br.0), ul.1.min(br.1), (br.0 - ul.0).abs(), (br.1 - ul.1).abs());
                paint(*color, *width, *fill).map(|s| write!(out, r#"<rect x="{x}" y="{y}" width="{rw}" height="{rh}" {s}/>"#))
            }
            Prim::Path { points: pts, color, width } => {
                stroke(*color, *width).map(|s| write!(out, r#"<polyline points="{}" {s} stroke-linejoin="round"/>"#, quarters(pts)))
            }
            Prim::Polygon { points: pts, color } => {
                color_attr("fill", *color).map(|s| write!(out, r#"<polygon points="{}" {s}/>"#, points(pts)))
            }
            Prim::Circle { center, r, color, width, fill } => {
                paint(*color, *width, *fill).map(|s| write!(out, r#"<circle cx="{}" cy="{}" r="{r}" {s}/>"#, center.0, center.1))
            }
            Prim::Text { text, family, px, bold, color, h, v, at } => color_attr("fill", *color).map(|fill| {
                let baseline = match v {
                    VPos::Top => "hanging",
                    VPos::Center => "central",
                    VPos::Bottom => "text-after-edge",
                };
                let align = match h {
                    HPos::Left => "start",
                    HPos::Right => "end",
                    HPos::Center => "middle",
                };
                write!(
                    out,
                    r#"<text x="{}" y="{}" font-family="{}" font-size="{px}"{} text-anchor="{align}" dominant-baseline="{baseline}" {fill}>{}</text>"#,
                    at.0,
                    at.1,
                    esc(family),
                    if *bold { r#" font-weight="bold""# } else { "" },
                    esc(text)
                )
            }),
        };
    }
    out.push_str("</svg>\n");
    out
}

/// `fill="#rrggbb" fill-opacity=".."` (or `stroke…`), or `None` when fully transparent.
fn color_attr(kind: &str, c: BackendColor) -> Option<String> {
    if c.alpha <= 0.0 {
        return None;
    }
    let mut s = format!(r#"{kind}="{}""#, crate::chart::hex(c.rgb));
    if c.alpha < 1.0 {
        let _ = write!(s, r#" {kind}-opacity="{}""#, fixed(c.alpha, 3));
    }
    Some(s)
}

fn stroke(c: BackendColor, width: u32) -> Option<String> {
    color_attr("stroke", c).map(|s| format!(r#"{s} stroke-width="{width}" fill="none""#))
}

fn paint(c: BackendColor, width: u32, fill: bool) -> Option<String> {
    if fill {
        color_attr("fill", c)
    } else {
        stroke(c, width)
    }
}

/// `v` quarter pixels as a number of pixels: `49`, `12.25`, `-0.5`.
fn quarter(v: i32) -> String {
    let (sign, a) = if v < 0 { ("-", -(v as i64)) } else { ("", v as i64) };
    let f = crate::scene::FINE as i64;
    let frac = match a % f * (100 / f) {
        0 => "",
        25 => ".25",
        50 => ".5",
        _ => ".75",
    };
    format!("{sign}{}{frac}", a / f)
}
