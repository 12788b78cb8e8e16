//! Replays a recorded chart ([`crate::scene::Scene`]) on a 2D canvas context.
//!
//! Ours instead of the plotters-canvas crate for size: plotters-canvas formats every colour
//! (`rgba(r,g,b,a)`) and font size with `f64`'s `Display`, which alone pulls core's float
//! formatting (~15 KB of wasm) into the bundle. Here colours are `#rrggbb` plus `globalAlpha`
//! and font sizes whole pixels; 1 px horizontal and vertical lines sit on half pixels (crisp).

use crate::scene::{Prim, Scene};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord};
use web_sys::CanvasRenderingContext2d;

/// Clears the canvas and draws `scene` on it.
pub fn replay(ctx: &CanvasRenderingContext2d, scene: &Scene) {
    ctx.set_global_alpha(1.0);
    ctx.clear_rect(0.0, 0.0, scene.size.0 as f64, scene.size.1 as f64);
    for p in &scene.prims {
        match p {
            Prim::Line { from, to, color, width } => {
                if stroke(ctx, *color, *width) {
                    let (a, b) = crisp(*from, *to);
                    ctx.begin_path();
                    ctx.move_to(a.0, a.1);
                    ctx.line_to(b.0, b.1);
                    ctx.stroke();
                }
            }
            Prim::Rect { ul, br, color, width, fill } => {
                let (x, y, w, h) = (ul.0 as f64, ul.1 as f64, (br.0 - ul.0) as f64, (br.1 - ul.1) as f64);
                if *fill && set_color(ctx, *color) {
                    ctx.fill_rect(x, y, w, h);
                } else if !*fill && stroke(ctx, *color, *width) {
                    ctx.stroke_rect(x, y, w, h);
                }
            }
            Prim::Path { points, color, width } => {
                if stroke(ctx, *color, *width) {
                    if let [a, b] = points[..] {
                        let (a, b) = crisp(a, b);
                        ctx.begin_path();
                        ctx.move_to(a.0, a.1);
                        ctx.line_to(b.0, b.1);
                    } else {
                        trace(ctx, points);
                    }
                    ctx.set_line_join("round");
                    ctx.stroke();
                }
            }
            Prim::Polygon { points, color } => {
                if set_color(ctx, *color) {
                    trace(ctx, points);
                    ctx.close_path();
                    ctx.fill();
                }
            }
            Prim::Circle { center, r, color, width, fill } => {
                let visible = if *fill { set_color(ctx, *color) } else { stroke(ctx, *color, *width) };
                if visible {
                    ctx.begin_path();
                    let _ = ctx.arc(center.0 as f64, center.1 as f64, *r as f64, 0.0, std::f64::consts::TAU);
                    if *fill {
                        ctx.fill();
                    } else {
                        ctx.stroke();
                    }
                }
            }
            Prim::Text { text, family, px, bold, color, h, v, at } => {
                if set_color(ctx, *color) {
                    ctx.set_font(&format!("{}{px}px {family}", if *bold { "bold " } else { "" }));
                    ctx.set_text_baseline(match v {
                        VPos::Top => "top",
                        VPos::Center => "middle",
                        VPos::Bottom => "bottom",
                    });
                    ctx.set_text_align(match h {
                        HPos::Left => "start",
                        HPos::Right => "end",
                        HPos::Center => "center",
                    });
                    let _ = ctx.fill_text(text, at.0 as f64, at.1 as f64);
                }
            }
        }
    }
}

/// Sets the fill and stroke colour; false when the colour is fully transparent.
fn set_color(ctx: &CanvasRenderingContext2d, c: BackendColor) -> bool {
    if c.alpha <= 0.0 {
        return false;
    }
    let hex = crate::chart::hex(c.rgb);
    ctx.set_fill_style_str(&hex);
    ctx.set_stroke_style_str(&hex);
    ctx.set_global_alpha(c.alpha);
    true
}

fn stroke(ctx: &CanvasRenderingContext2d, c: BackendColor, width: u32) -> bool {
    ctx.set_line_width(width as f64);
    set_color(ctx, c)
}

/// Begins a path through `points`.
fn trace(ctx: &CanvasRenderingContext2d, points: &[BackendCoord]) {
    ctx.begin_path();
    for (n, p) in points.iter().enumerate() {
        if n == 0 {
            ctx.move_to(p.0 as f64, p.1 as f64);
        } else {
            ctx.line_to(p.0 as f64, p.1 as f64);
        }
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
