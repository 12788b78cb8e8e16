//! Replays a recorded chart ([`crate::scene::Scene`]) on a 2D canvas context.
//!
//! Ours instead of the plotters-canvas crate for size: plotters-canvas formats every colour
//! (`rgba(r,g,b,a)`) and font size with `f64`'s `Display`, which alone pulls core's float
//! formatting (~15 KB of wasm) into the bundle. Here colours are `#rrggbb` plus `globalAlpha`
//! and font sizes whole pixels; 1 px horizontal and vertical lines sit on half pixels (crisp).
//!
//! The context's state (colours, line width, font, text alignment) is only set when it changes:
//! setting `font` re-parses the font string even when it is the same (measured in `make bench`:
//! most of a paint's time went to repeated state changes).

use crate::scene::{Prim, Scene, FINE};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord};
use web_sys::CanvasRenderingContext2d;

/// The canvas state last set, so that only changes are sent.
#[derive(Default, PartialEq)]
struct State {
    color: Option<(u8, u8, u8)>,
    alpha: Option<u64>,
    width: Option<u32>,
    font: Option<(u32, bool, usize)>,
    align: Option<(u8, u8)>,
}

struct Ctx<'a> {
    ctx: &'a CanvasRenderingContext2d,
    state: State,
}

impl Ctx<'_> {
    /// Sets the fill and stroke colour; false when the colour is fully transparent.
    fn color(&mut self, c: BackendColor) -> bool {
        if c.alpha <= 0.0 {
            return false;
        }
        if self.state.color != Some(c.rgb) {
            let hex = crate::chart::hex(c.rgb);
            self.ctx.set_fill_style_str(&hex);
            self.ctx.set_stroke_style_str(&hex);
            self.state.color = Some(c.rgb);
        }
        if self.state.alpha != Some(c.alpha.to_bits()) {
            self.ctx.set_global_alpha(c.alpha);
            self.state.alpha = Some(c.alpha.to_bits());
        }
        true
    }

    fn stroke(&mut self, c: BackendColor, width: u32) -> bool {
        if self.state.width != Some(width) {
            self.ctx.set_line_width(width as f64);
            self.state.width = Some(width);
        }
        self.color(c)
    }
}

/// Draws `scene` on the canvas (cleared first when `clear`).
pub fn replay(ctx: &CanvasRenderingContext2d, scene: &Scene, clear: bool) {
    ctx.set_global_alpha(1.0);
    if clear {
        ctx.clear_rect(0.0, 0.0, scene.size.0 as f64, scene.size.1 as f64);
    }
    ctx.set_line_join("round");
    let mut c = Ctx { ctx, state: State { alpha: Some(1f64.to_bits()), ..State::default() } };
    // Fonts are named by the scene's family list; one string per (size, weight), built once.
    let mut families: Vec<&str> = Vec::new();
    for p in &scene.prims {
        match p {
            Prim::Line { from, to, color, width } => {
                if c.stroke(*color, *width) {
                    let (a, b) = crisp(*from, *to);
                    ctx.begin_path();
                    ctx.move_to(a.0, a.1);
                    ctx.line_to(b.0, b.1);
                    ctx.stroke();
                }
            }
            Prim::Rect { ul, br, color, width, fill } => {
                let (x, y, w, h) = (ul.0 as f64, ul.1 as f64, (br.0 - ul.0) as f64, (br.1 - ul.1) as f64);
                if *fill && c.color(*color) {
                    ctx.fill_rect(x, y, w, h);
                } else if !*fill && c.stroke(*color, *width) {
                    ctx.stroke_rect(x, y, w, h);
                }
            }
            Prim::Path { points, color, width } => {
                if c.stroke(*color, *width) {
                    let whole = |p: BackendCoord| (p.0 / FINE, p.1 / FINE);
                    if let [a, b] = points[..] {
                        let (a, b) = if a.0 % FINE == 0 && a.1 % FINE == 0 && b.0 % FINE == 0 && b.1 % FINE == 0 {
                            crisp(whole(a), whole(b))
                        } else {
                            (quarter(a), quarter(b))
                        };
                        ctx.begin_path();
                        ctx.move_to(a.0, a.1);
                        ctx.line_to(b.0, b.1);
                    } else {
                        trace(ctx, points.iter().map(|&p| quarter(p)));
                    }
                    ctx.stroke();
                }
            }
            Prim::Polygon { points, color } => {
                if c.color(*color) {
                    trace(ctx, points.iter().map(|p| (p.0 as f64, p.1 as f64)));
                    ctx.close_path();
                    ctx.fill();
                }
            }
            Prim::Circle { center, r, color, width, fill } => {
                let visible = if *fill { c.color(*color) } else { c.stroke(*color, *width) };
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
                if c.color(*color) {
                    let f = families.iter().position(|x| x == family).unwrap_or_else(|| {
                        families.push(family);
                        families.len() - 1
                    });
                    if c.state.font != Some((*px, *bold, f)) {
                        ctx.set_font(&format!("{}{px}px {family}", if *bold { "bold " } else { "" }));
                        c.state.font = Some((*px, *bold, f));
                    }
                    let align = (*h as u8, *v as u8);
                    if c.state.align != Some(align) {
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
                        c.state.align = Some(align);
                    }
                    let _ = ctx.fill_text(text, at.0 as f64, at.1 as f64);
                }
            }
        }
    }
}

/// Begins a path through `points`.
fn trace(ctx: &CanvasRenderingContext2d, points: impl Iterator<Item = (f64, f64)>) {
    ctx.begin_path();
    for (n, p) in points.enumerate() {
        if n == 0 {
            ctx.move_to(p.0, p.1);
        } else {
            ctx.line_to(p.0, p.1);
        }
    }
}

/// A path's point in device pixels (it is held in `FINE` units).
fn quarter(p: BackendCoord) -> (f64, f64) {
    (p.0 as f64 / FINE as f64, p.1 as f64 / FINE as f64)
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
