//! A chart in words and numbers: its caption, text alternative and subtitle, the sources of its
//! marks, what the crosshair says, and the table behind it ("Show data", CSV).

use super::{axis_title, disp, ticks, titled, Bar, Chart};

/// The chart's caption: `Fleet launch cost against launch price`, or a breakdown's
/// `Cost over 5 years, by part`.
pub fn caption(chart: &Chart) -> String {
    if chart.bars.is_empty() {
        format!("{} against {}{}", chart.y.label, crate::text::mid_sentence(chart.x.label), crate::text::log_note(chart.x.log, chart.y.log))
    } else {
        format!("{}, by part", chart.x.label)
    }
}

/// What the chart is, for its text alternative: `Chart of fleet launch cost against launch
/// price`, `Bar chart of cost over 5 years, by part`.
pub fn alt(chart: &Chart) -> String {
    use crate::text::mid_sentence;
    if chart.bars.is_empty() {
        format!("Chart of {} against {}", mid_sentence(chart.y.label), mid_sentence(chart.x.label))
    } else {
        format!("Bar chart of {}, by part", mid_sentence(chart.x.label))
    }
}

/// The subtitle of an exported figure: the caption with the axes' units.
pub fn subtitle(chart: &Chart, system: usize) -> String {
    if chart.bars.is_empty() {
        format!(
            "{} against {}{}",
            axis_title(&chart.y, system),
            crate::text::mid_sentence(&axis_title(&chart.x, system)),
            crate::text::log_note(chart.x.log, chart.y.log)
        )
    } else {
        format!("{}, by part", axis_title(&chart.x, system))
    }
}

/// The sources of a chart's reference marks and levels, in order.
pub fn sources(chart: &Chart) -> String {
    chart.marks.iter().chain(&chart.levels).map(|m| m.source).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; ")
}

/// The numbers behind a chart: a row per x value (the axis ticks and the reader's x), a column per
/// series after the x column, values in canonical units. For "Show data" and CSV export.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Column titles with their unit (`Launch price ($/lb)`).
    pub headers: Vec<String>,
    /// The unit of each column.
    pub units: Vec<crate::units::Unit>,
    pub rows: Vec<Vec<f64>>,
    /// The row of the reader's scenario.
    pub reader: Option<usize>,
    /// Each row's name, in place of its first number (a breakdown's parts); empty for lines.
    pub labels: Vec<String>,
}

impl Table {
    /// As CSV (RFC 4180): a header row, then numbers in the displayed units, unformatted and
    /// rounded to four significant digits (the inputs have three: more would be float noise).
    pub fn csv(&self, system: usize) -> String {
        let quote = |s: &str| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
        let mut out = self.headers.iter().map(|h| quote(h)).collect::<Vec<_>>().join(",");
        out.push_str("\r\n");
        for (r, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .zip(&self.units)
                .enumerate()
                .map(|(c, (v, u))| match self.labels.get(r) {
                    Some(label) if c == 0 => quote(label),
                    _ if v.is_finite() => crate::num::format_f64(crate::units::round_sig(u.to_display(*v, system), 4)),
                    _ => String::new(),
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// A series' value at `x` (straight lines between its points, in the axes' scales: exact for the
/// models' lines), or NaN outside its points.
pub fn value_at(chart: &Chart, points: &[(f64, f64)], x: f64) -> f64 {
    let scale = |v: f64, log: bool| if log { v.ln() } else { v };
    let (xl, yl) = (chart.x.log, chart.y.log);
    let Some(w) = points.windows(2).find(|w| (w[0].0.min(w[1].0)..=w[0].0.max(w[1].0)).contains(&x)) else { return f64::NAN };
    let ((x0, y0), (x1, y1)) = (w[0], w[1]);
    let t = if x1 == x0 { 0.0 } else { (scale(x, xl) - scale(x0, xl)) / (scale(x1, xl) - scale(x0, xl)) };
    let v = scale(y0, yl) + t * (scale(y1, yl) - scale(y0, yl));
    if yl {
        v.exp()
    } else {
        v
    }
}

/// What the crosshair says at `x`: "At $500/lb: Fleet launch cost $2.1B; The essay's scenario
/// $3.0B".
pub fn probe(chart: &Chart, x: f64, system: usize) -> String {
    if !chart.bars.is_empty() {
        return bars_in_words(chart, system);
    }
    let values: Vec<String> = chart
        .series
        .iter()
        .filter_map(|s| {
            let v = value_at(chart, &s.points, x);
            v.is_finite().then(|| format!("{} {}", s.name, chart.y.unit.format(chart.y.unit.estimate(v, system), system)))
        })
        .collect();
    // Read off a pointer: three significant digits, as every estimate ("At 153,000", not
    // 153,091); at the reader's own x, that value as the reader set it.
    let at = if chart.point.as_ref().is_some_and(|p| p.x == x) { x } else { chart.x.unit.estimate(x, system) };
    format!("At {}: {}", chart.x.unit.format(at, system), values.join("; "))
}

/// A breakdown in words: "In orbit $51.1B: Hardware $23.6B, Launch $14.7B; On the ground …".
pub fn bars_in_words(chart: &Chart, system: usize) -> String {
    let u = &chart.x.unit;
    let bar = |b: &Bar| {
        let parts: Vec<String> = b.parts.iter().map(|p| format!("{} {}", p.0, u.format(p.1, system))).collect();
        format!("{} {}: {}", b.label, u.format(b.total(), system), parts.join(", "))
    };
    chart.bars.iter().map(bar).collect::<Vec<_>>().join("; ")
}

/// A breakdown's table: a row per part (empty where a bar has no such part), then the totals; a
/// column per bar.
fn bars_table(chart: &Chart, system: usize) -> Table {
    let u = chart.x.unit;
    let mut labels: Vec<String> = Vec::new();
    for b in &chart.bars {
        for p in &b.parts {
            if !labels.iter().any(|l| l == p.0) {
                labels.push(p.0.to_string());
            }
        }
    }
    let value = |b: &Bar, l: &str| b.parts.iter().find(|p| p.0 == l).map_or(f64::NAN, |p| p.1);
    let mut rows: Vec<Vec<f64>> = labels.iter().map(|l| std::iter::once(f64::NAN).chain(chart.bars.iter().map(|b| value(b, l))).collect()).collect();
    rows.push(std::iter::once(f64::NAN).chain(chart.bars.iter().map(|b| b.total())).collect());
    labels.push("Total".into());
    let headers = std::iter::once("Part".to_string()).chain(chart.bars.iter().map(|b| titled(b.label, &u, system))).collect();
    Table { headers, units: vec![u; chart.bars.len() + 1], rows, reader: None, labels }
}

/// The table of `chart`'s series, read at the x axis's ticks and at the reader's x (straight lines
/// between points, in the axes' scales: exact for the models' lines).
pub fn table(chart: &Chart, system: usize) -> Table {
    if !chart.bars.is_empty() {
        return bars_table(chart, system);
    }
    let (x, y) = (&chart.x, &chart.y);
    let header = |label: &str, unit: &crate::units::Unit| titled(label, unit, system);
    let mut xs: Vec<f64> = ticks(disp(x, system, x.min), disp(x, system, x.max), x.log, 8).iter().map(|&v| x.unit.from_display(v, system)).collect();
    let reader_x = chart.point.as_ref().map(|p| p.x);
    if let Some(rx) = reader_x {
        // Ticks come in order; the reader's x goes where it belongs.
        if !xs.iter().any(|&v| (v - rx).abs() <= 1e-9 * rx.abs()) {
            let at = xs.iter().position(|&v| v > rx).unwrap_or(xs.len());
            xs.insert(at, rx);
        }
    }
    let mut headers = vec![header(x.label, &x.unit)];
    let mut units = vec![x.unit];
    for s in &chart.series {
        headers.push(header(&s.name, &y.unit));
        units.push(y.unit);
    }
    let rows = xs.iter().map(|&v| std::iter::once(v).chain(chart.series.iter().map(|s| value_at(chart, &s.points, v))).collect()).collect();
    let reader = reader_x.and_then(|rx| xs.iter().position(|&v| (v - rx).abs() <= 1e-9 * rx.abs()));
    Table { headers, units, rows, reader, labels: Vec::new() }
}
