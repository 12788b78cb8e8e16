//! A breakdown: horizontal stacked bars, one per alternative.

use super::layout::XTick;
use super::*;

/// Draws a breakdown: a horizontal stacked bar per alternative, its name and total above it, each
/// part named inside it where the name and value fit, else in a key under the bar (a swatch of
/// its colour, then the name and value, flowing into lines); the value axis below. Part fills are
/// tints of their colour with a solid edge, so the text (in the text colour) keeps its contrast in
/// both themes.
pub(super) fn draw_bars<DB: DrawingBackend>(pen: &mut Pen<DB>, chart: &Chart) -> Drawn<Option<Layout>, DB> {
    let Metrics { h, line_h, pad, .. } = pen.m;
    let (left, right) = bar_columns(pen.m);
    let n = chart.bars.len() as f64;
    let (mut bars, mut fixed) = lay_out(chart, pen.style, pen.m, false);
    if (h - fixed) / n < line_h * 0.9 {
        (bars, fixed) = lay_out(chart, pen.style, pen.m, true);
    }
    let bar_h = ((h - fixed) / n).min(line_h * 3.2).floor();
    if bar_h < line_h * 0.9 {
        return Ok(None);
    }
    // Room left over goes between the bars.
    let spare = (h - fixed - bar_h * n).max(0.0);
    let between = line_h * 0.5 + if n > 1.0 { (spare / n).min(line_h * 2.5) } else { 0.0 };
    // The value axis's ticks, with gridlines behind each bar.
    let Metrics { w, s, font_px, .. } = pen.m;
    let sys = pen.style.system;
    let x_ticks = x_ticks(chart, sys, font_px, (pad, 10.0 * s, w), &|v| bar_x(chart, sys, (left, right), v));
    let mut y = pad;
    let top = y;
    for (b, (parts, lines)) in chart.bars.iter().zip(&bars) {
        y = bar(pen, chart, b, parts, *lines, (y, bar_h), &x_ticks)?;
        y += between;
    }
    let bottom = (y - between + line_h * 0.3).ceil();
    value_axis(pen, chart, x_ticks, (left, right), bottom)?;
    Ok(Some(Layout { plot: Rect { x0: left, y0: top, x1: right, y1: bottom }, x: chart.x.clone(), y: chart.y.clone(), system: sys }))
}

/// The bars' left and right ends at the axis's minimum and maximum, in pixels.
fn bar_columns(m: Metrics) -> (f64, f64) {
    (m.pad, m.w - m.pad - 6.0 * m.s)
}

/// The pixel of value `v` along the bars (values below the axis's minimum at its start).
fn bar_x(chart: &Chart, sys: usize, (left, right): (f64, f64), v: f64) -> f64 {
    map(&chart.x, sys, v.max(chart.x.min), left, right)
}

/// A bar's part: its extent and label, and where the label goes: inside, or at a place
/// `(x, line)` in the bar's key.
struct Part {
    x0: f64,
    x1: f64,
    text: String,
    color: RGBColor,
    key: Option<(f64, usize)>,
}

/// Each bar's parts and how many key lines it needs, and the height everything but the bars
/// takes (a title line, the key lines per bar; ticks and the axis title below). Names come with
/// their values; with `short`, names alone where that leaves no room for the bars (the readouts
/// and "Show data" have every value).
fn lay_out(chart: &Chart, style: &ChartStyle, m: Metrics, short: bool) -> (Vec<(Vec<Part>, usize)>, f64) {
    let Metrics { w, s, font_px, line_h, pad, .. } = m;
    let (t, sys, unit) = (&style.theme, style.system, &chart.x.unit);
    let (left, right) = bar_columns(m);
    let xpx = |v: f64| bar_x(chart, sys, (left, right), v);
    let swatch = (font_px * 0.8).round();
    let axis_h = 9.0 * s + line_h + line_h + pad;
    let mut bars: Vec<(Vec<Part>, usize)> = Vec::new();
    for b in &chart.bars {
        let mut at = chart.x.min;
        let (mut kx, mut line, mut any) = (left, 0, false);
        let parts: Vec<Part> = b
            .parts
            .iter()
            .map(|&(name, v, c)| {
                let (x0, x1) = (xpx(at), xpx(at + v.max(0.0)));
                at += v.max(0.0);
                let full = format!("{name} {}", unit.format(v, sys));
                let room = |text: &str| text_width(text, font_px) + 8.0 * s <= x1 - x0;
                let text = if short && !room(&full) { name.to_string() } else { full };
                let tw = text_width(&text, font_px);
                let key = (!room(&text)).then(|| {
                    let ew = swatch + 5.0 * s + tw;
                    if kx > left && kx + ew > w - pad {
                        kx = left;
                        line += 1;
                    }
                    any = true;
                    let place = (kx, line);
                    kx += ew + 12.0 * s;
                    place
                });
                Part { x0, x1, text, color: t.part(c), key }
            })
            .collect();
        bars.push((parts, if any { line + 1 } else { 0 }));
    }
    let keys: f64 = bars.iter().map(|(_, lines)| *lines as f64 * line_h + if *lines > 0 { 4.0 * s } else { 0.0 }).sum();
    let n = bars.len() as f64;
    let fixed = n * line_h + keys + (n - 1.0) * line_h * 0.5 + line_h * 0.3 + pad + axis_h;
    (bars, fixed)
}

/// One bar from `y` down, `bar_h` tall: its name and total, the gridlines behind it, its parts
/// (a tint with a solid edge), the names inside it and its key below. Returns the y under it.
fn bar<DB: DrawingBackend>(pen: &Pen<DB>, chart: &Chart, b: &Bar, parts: &[Part], lines: usize, (mut y, bar_h): (f64, f64), x_ticks: &[XTick]) -> Drawn<f64, DB> {
    let Metrics { s, font_px, line_h, .. } = pen.m;
    let (t, sys) = (pen.theme(), pen.style.system);
    let font = |c: &RGBColor, pos: Pos| pen.font(font_px, c, pos);
    let (left, _) = bar_columns(pen.m);
    let swatch = (font_px * 0.8).round();
    let grid = ShapeStyle::from(&t.grid).stroke_width(px(s).max(1) as u32);
    pen.role(Role::BarLabel);
    let title = format!("{} {}", b.label, chart.x.unit.format(b.total(), sys));
    pen.root.draw(&Text::new(title, (px(left), px(y)), font(&t.fg, Pos::new(HPos::Left, VPos::Top))))?;
    y += line_h;
    pen.role(Role::Grid);
    for tk in x_ticks {
        pen.root.draw(&PathElement::new(vec![(px(tk.x), px(y - 2.0 * s)), (px(tk.x), px(y + bar_h + 2.0 * s))], grid))?;
    }
    let tinted = |corners: [(i32, i32); 2], c: &RGBColor| -> Drawn<(), DB> {
        pen.root.draw(&Rectangle::new(corners, c.mix(0.25).filled()))?;
        pen.root.draw(&Rectangle::new(corners, ShapeStyle::from(c).stroke_width(px(1.5 * s).max(1) as u32)))
    };
    pen.role(Role::Bar);
    for p in parts.iter().filter(|p| p.x1 - p.x0 >= 0.5) {
        tinted([(px(p.x0), px(y)), (px(p.x1), px(y + bar_h))], &p.color)?;
    }
    pen.role(Role::BarLabel);
    for p in parts.iter().filter(|p| p.key.is_none()) {
        pen.root.draw(&Text::new(p.text.clone(), (px(p.x0 + 4.0 * s), px(y + bar_h / 2.0)), font(&t.fg, Pos::new(HPos::Left, VPos::Center))))?;
    }
    y += bar_h + if lines > 0 { 4.0 * s } else { 0.0 };
    for p in parts {
        let Some((kx, line)) = p.key else { continue };
        let yc = y + line as f64 * line_h + line_h / 2.0;
        pen.role(Role::Bar);
        tinted([(px(kx), px(yc - swatch / 2.0)), (px(kx + swatch), px(yc + swatch / 2.0))], &p.color)?;
        pen.role(Role::BarLabel);
        pen.root.draw(&Text::new(p.text.clone(), (px(kx + swatch + 5.0 * s), px(yc)), font(&t.muted, Pos::new(HPos::Left, VPos::Center))))?;
    }
    Ok(y + lines as f64 * line_h)
}

/// The value axis under the bars at `bottom`: tick labels, the line, and the title under the
/// ticks (the room a taller canvas leaves stays below it).
fn value_axis<DB: DrawingBackend>(pen: &Pen<DB>, chart: &Chart, x_ticks: Vec<XTick>, (left, right): (f64, f64), bottom: f64) -> Drawn<(), DB> {
    let Metrics { s, font_px, line_h, .. } = pen.m;
    let t = pen.theme();
    pen.role(Role::Tick);
    for tk in x_ticks {
        pen.root.draw(&Text::new(tk.label, (px(tk.centre), px(bottom + 9.0 * s)), pen.font(font_px, &t.muted, Pos::new(HPos::Center, VPos::Top))))?;
    }
    pen.role(Role::Axis);
    let axis = ShapeStyle::from(&t.muted).stroke_width(px(s).max(1) as u32);
    pen.root.draw(&PathElement::new(vec![(px(left), px(bottom)), (px(right), px(bottom))], axis))?;
    pen.role(Role::AxisTitle);
    let title = axis_title(&chart.x, pen.style.system);
    pen.root.draw(&Text::new(title, (px(right), px(bottom + 9.0 * s + line_h)), pen.font(font_px, &t.muted, Pos::new(HPos::Right, VPos::Top))))
}
