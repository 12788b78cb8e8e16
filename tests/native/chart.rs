use super::*;
use essay_core::chart::{parse_color, stack_rows, ticks, ChartStyle};
use essay_core::model::Kind;
use plotters::prelude::*;

/// The text of every `<text>` element, entities decoded.
fn texts(svg: &str) -> Vec<String> {
    let unescape = |t: &str| t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    svg.split("<text").skip(1).filter_map(|t| Some(unescape(t.split_once('>')?.1.split('<').next()?.trim()))).collect()
}

fn svg_of(chart: &model::Chart, w: u32, h: u32) -> String {
    essay_core::render::chart_svg(chart, (w, h), &ChartStyle::for_svg(0)).expect("draws")
}

fn svg(m: &Model, vals: &[f64], w: u32, h: u32, style: &ChartStyle) -> String {
    essay_core::render::chart_svg(&m.chart(&Values::new(m.params(), vals)), (w, h), style).expect("draws")
}

#[test]
fn lines_have_no_kinks_from_pixel_snapping() {
    use essay_core::scene::{Prim, FINE};
    // A straight line sampled at 60 points, at a slope no pixel grid divides: drawn, its
    // points stay on the straight line (whole pixels would put them up to half a pixel off).
    let axis = |label, max| model::Axis { label, unit: essay_core::units::PLAIN, log: false, min: 0.0, max };
    let points = (0..60).map(|i| (i as f64 * 1.7, i as f64 * 1.7 * 0.618)).collect();
    let chart = model::Chart {
        x: axis("x", 100.0),
        y: axis("y", 70.0),
        series: vec![model::Series { name: "Line".into(), points, emphasis: model::Emphasis::Primary }],
        marks: vec![],
        levels: vec![],
        point: None,
        baseline: None,
        bands: vec![],
        bars: vec![],
    };
    let scene = essay_core::scene::draw(&chart, &ChartStyle::default(), (680, 360));
    let path = scene.prims.iter().zip(&scene.roles).find_map(|(p, r)| match (p, r) {
        (Prim::Path { points, .. }, essay_core::chart::Role::Series) => Some(points.iter().map(|&(x, y)| (x as f64 / FINE as f64, y as f64 / FINE as f64)).collect::<Vec<_>>()),
        _ => None,
    });
    let path = path.expect("the line");
    assert_eq!(path.len(), 60);
    let (a, b) = (path[0], path[59]);
    let off = |p: (f64, f64)| ((b.1 - a.1) * (p.0 - a.0) - (b.0 - a.0) * (p.1 - a.1)).abs() / (b.0 - a.0).hypot(b.1 - a.1);
    let worst = path.iter().map(|&p| off(p)).fold(0.0, f64::max);
    assert!(worst <= 0.2, "a point {worst:.2} px off the straight line");
    // The SVG says the same points, in quarter pixels.
    let svg = essay_core::svg::write(&scene, None, None);
    assert!(svg.contains(".25,") || svg.contains(".5,") || svg.contains(".75,"), "sub-pixel points in the SVG");
}

#[test]
fn a_mark_beyond_the_axis_stands_at_its_edge_and_says_where() {
    // Orbit breaks even only below the chart's $10/kg floor: the mark is at the left edge,
    // pointing left with its value; inside the axis it is a plain labelled line.
    let at = |sat: f64| with(&OVG, &[("view", 1.0), ("sat_usd_per_w", sat), ("gpu_fail_pct", 2.0)]);
    let even = |v: &[f64]| super::out(&OVG, v, "break_even_usd_per_kg");
    let low = (50..400).map(|k| at(k as f64 / 10.0)).find(|v| even(v) > 0.0 && even(v) < 10.0).expect("a break-even under $10/kg");
    let c = OVG.chart(&Values::new(OVG.params(), &low));
    assert!(c.x.min == 10.0 && even(&low) < c.x.min);
    // In the words of the break-even readout.
    let words = format!("\u{2190}\u{a0}Break-even {}", super::shown(&OVG, &low, "break_even_usd_per_kg"));
    let t = texts(&svg_of(&c, 680, 360));
    assert!(t.contains(&words), "{words} in {t:?}");
    let inside = at(5.0);
    let t = texts(&svg_of(&OVG.chart(&Values::new(OVG.params(), &inside)), 680, 360));
    assert!(t.iter().any(|x| x == "Break-even") && !t.iter().any(|x| x.contains('\u{2190}')), "{t:?}");
}

#[test]
fn log_ticks_are_powers_of_ten_or_1_2_5() {
    assert_eq!(ticks(10.0, 100_000.0, true, 8), vec![10.0, 100.0, 1e3, 1e4, 1e5]);
    assert_eq!(ticks(10.0, 100_000.0, true, 3), vec![10.0, 1e3, 1e5]);
    assert_eq!(ticks(10e6, 200e9, true, 6), vec![1e7, 1e8, 1e9, 1e10, 1e11]);
    assert_eq!(ticks(1.0, 20.0, true, 8), vec![1.0, 2.0, 5.0, 10.0, 20.0]);
    assert_eq!(ticks(0.0, 100.0, false, 6), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    assert_eq!(ticks(1.0, 3.0, false, 5), vec![1.0, 1.5, 2.0, 2.5, 3.0]);
}

#[test]
fn mark_labels_never_share_a_row_when_they_overlap() {
    let spans = [(0.0, 50.0), (40.0, 90.0), (60.0, 100.0), (95.0, 120.0), (200.0, 230.0)];
    let rows = stack_rows(&spans, 4.0);
    for i in 0..spans.len() {
        for j in 0..i {
            if rows[i] == rows[j] {
                assert!(spans[j].1 + 4.0 <= spans[i].0, "{i} and {j} overlap in row {}", rows[i]);
            }
        }
    }
    assert_eq!(rows[0], 0);
    assert_eq!(rows[4], 0);
}

#[test]
fn compare_adds_the_essays_line_and_point_and_widens_the_axes() {
    let d = model::defaults(ORBITAL.params());
    let moved = with(&ORBITAL, &[("gpus", 1_000_000.0)]);
    let chart = |v: &[f64]| ORBITAL.chart(&Values::new(ORBITAL.params(), v));
    let c = model::compare(chart(&moved), chart(&d), "The essay");
    let essay = c.series.iter().find(|s| s.emphasis == model::Emphasis::Baseline).expect("the essay's line");
    assert_eq!(essay.points, chart(&d).series[0].points);
    let b = c.baseline.as_ref().expect("the essay's point");
    assert_eq!((b.x, b.label.as_str()), (1200.0, "$5.0B"));
    assert!(c.y.min <= chart(&d).y.min && c.y.max >= chart(&moved).y.max);
    // Only the price moved: same line, so no second line, but the essay's point stays marked.
    let price = with(&ORBITAL, &[("launch_usd_per_lb", 500.0)]);
    let c = model::compare(chart(&price), chart(&d), "The essay");
    assert!(c.series.iter().all(|s| s.emphasis != model::Emphasis::Baseline));
    assert!(c.baseline.is_some());
    // At the essay's numbers nothing is added.
    assert_eq!(model::compare(chart(&d), chart(&d), "The essay"), chart(&d));
    // The SVG draws the essay's point with its label.
    let t = texts(&svg_of(&model::compare(chart(&moved), chart(&d), "The essay"), 720, 380));
    assert!(t.iter().any(|x| x == "Essay: $5.0B"), "{t:?}");
    assert!(t.iter().any(|x| x == "The essay"), "legend names the dashed line: {t:?}");
}

#[test]
fn the_axis_follows_the_reader_when_the_essays_line_would_squash_theirs() {
    // Flash at 1 PB instead of 100 PB (a linear axis): the essay's lines are 100 times
    // higher; the axis stays the reader's, not three lines on its floor.
    let flash = model::find("flash-scarcity").unwrap();
    let d = model::defaults(flash.params());
    let chart = |v: &[f64]| flash.chart(&Values::new(flash.params(), v));
    let small = with(flash, &[("effective_pb", 1.0)]);
    assert!(!chart(&small).y.log);
    let c = model::compare(chart(&small), chart(&d), "The essay");
    assert_eq!((c.y.min, c.y.max), (chart(&small).y.min, chart(&small).y.max));
    assert!(c.series.iter().any(|s| s.emphasis == model::Emphasis::Baseline), "the essay's line is still drawn, to the edge");
    // Within 1.5 times the reader's range the axis still widens to show both.
    let near = with(flash, &[("effective_pb", 70.0)]);
    assert!(model::compare(chart(&near), chart(&d), "The essay").y.max >= chart(&d).y.max);
    // On a log axis, in decades: a tenth of the orbital fleet still shows the essay's line.
    let o = model::defaults(ORBITAL.params());
    let ochart = |v: &[f64]| ORBITAL.chart(&Values::new(ORBITAL.params(), v));
    assert!(model::compare(ochart(&with(&ORBITAL, &[("gpus", 10_000.0)])), ochart(&o), "The essay").y.max >= ochart(&o).y.max);
}

#[test]
fn on_a_phone_every_chart_keeps_half_its_height_for_the_data() {
    // Every view of every built-in, at its defaults and with its switches on, at the widths a
    // widget has on 320 and 375 px phones and a desktop column, drawn at 2× as on a phone.
    let mut short = Vec::new();
    for m in model::builtins() {
        let d = model::defaults(m.params());
        let mut scenarios = vec![d.clone()];
        let on: Vec<f64> = m.params().iter().zip(&d).map(|(p, &v)| if p.kind == Kind::Toggle { 1.0 } else { v }).collect();
        scenarios.push(on);
        for (i, p) in m.params().iter().enumerate() {
            if let Kind::View(options, _) = p.kind {
                for k in 1..options.len() {
                    let mut v = d.clone();
                    v[i] = k as f64;
                    scenarios.push(v);
                }
            }
        }
        for v in &scenarios {
            let chart = model::compare(m.chart(&Values::new(m.params(), v)), m.chart(&Values::new(m.params(), &d)), "The author's scenario");
            for w in [270.0, 335.0, 680.0] {
                // As the browser sizes it: the width's height, grown where the labels need.
                let style = ChartStyle { scale: 2.0, ..ChartStyle::default() };
                let plot_h = |h: f64| {
                    let scene = essay_core::scene::draw(&chart, &style, ((w * 2.0) as u32, (h * 2.0) as u32));
                    scene.layout.map_or(0.0, |l| (l.plot.y1 - l.plot.y0) / 2.0)
                };
                let mut h = essay_core::chart::height_for(w);
                for _ in 0..2 {
                    let Some(grown) = essay_core::chart::grown_height(h, plot_h(h)) else { break };
                    assert!(grown <= 1.75 * essay_core::chart::height_for(w), "{}: grows to {grown} px", m.id());
                    h = grown;
                }
                let share = plot_h(h) / h;
                if share < 0.5 {
                    short.push(format!("{} (view {}) at {w}×{h} px: {:.0} %", m.id(), v[0], share * 100.0));
                }
            }
        }
    }
    assert!(short.is_empty(), "plots with less than half of their chart's height:\n{}", short.join("\n"));
}

#[test]
fn bar_parts_have_ten_distinct_colours_in_either_scheme() {
    let light = essay_core::chart::Theme::default();
    let dark = essay_core::chart::Theme { bg: plotters::style::RGBColor(0x0d, 0x11, 0x17), ..light.clone() };
    for t in [&light, &dark] {
        let all: Vec<_> = (0..10).map(|i| t.part(i)).collect();
        for i in 0..10 {
            for j in 0..i {
                assert_ne!(all[i], all[j], "parts {i} and {j}");
            }
        }
        assert_eq!(t.part(10), t.part(0));
    }
    // The kit's breakdown gives no two categories one colour.
    let ovt = model::find("orbital-vs-terrestrial").unwrap();
    let on: Vec<f64> = ovt.params().iter().zip(model::defaults(ovt.params())).map(|(p, v)| if p.kind == Kind::Toggle { 1.0 } else { v }).collect();
    let chart = ovt.chart(&Values::new(ovt.params(), &on));
    assert!(chart.bars.iter().any(|b| b.parts.iter().any(|p| p.0 == "Radiators")), "radiators on: their part is drawn");
    let mut seen: Vec<(usize, &str)> = Vec::new();
    for bar in &chart.bars {
        for &(name, _, colour) in &bar.parts {
            if let Some((_, other)) = seen.iter().find(|(c, n)| *c == colour && *n != name) {
                panic!("{name} and {other} share colour {colour}");
            }
            seen.push((colour, name));
        }
    }
}

#[test]
fn lines_beyond_the_plot_stop_at_its_edge() {
    use essay_core::chart::clip_rows;
    // Pixels: y grows down; the plot is rows 10 to 100.
    let runs = clip_rows(&[(0.0, 50.0), (10.0, 0.0), (20.0, 50.0), (30.0, 60.0)], 10.0, 100.0);
    assert_eq!(runs, vec![vec![(0.0, 50.0), (8.0, 10.0)], vec![(12.0, 10.0), (20.0, 50.0), (30.0, 60.0)]]);
    assert_eq!(clip_rows(&[(0.0, 0.0), (10.0, 5.0)], 10.0, 100.0), Vec::<Vec<(f64, f64)>>::new(), "wholly above: nothing");
    assert_eq!(clip_rows(&[(0.0, 20.0), (10.0, 30.0)], 10.0, 100.0), vec![vec![(0.0, 20.0), (10.0, 30.0)]]);
}

#[test]
fn the_data_table_reads_the_lines_at_the_ticks_and_the_reader() {
    use essay_core::chart::table;
    let d = model::defaults(ORBITAL.params());
    let t = table(&ORBITAL.chart(&Values::new(ORBITAL.params(), &d)), 0);
    assert_eq!(t.headers, ["Launch price ($/lb)", "Fleet launch cost ($)"]);
    let r = &t.rows[t.reader.expect("the reader's row")];
    assert_eq!(r[0], 1200.0);
    close(r[1], out(&ORBITAL, &d, "fleet_cost"), 1e-3);
    // Cost is proportional to price: every row says fleet cost = price × 3,000 lb × 1,389 racks.
    for row in &t.rows {
        close(row[1] / row[0], 3000.0 * 1389.0, 1e-6 * 3000.0 * 1389.0);
    }
    assert!(t.rows.windows(2).all(|w| w[0][0] < w[1][0]) && t.rows.len() >= 5);
    // Three lines on linear axes, read at the reader's multiplier, are the three totals.
    let f = model::defaults(FLASH.params());
    let t = table(&FLASH.chart(&Values::new(FLASH.params(), &f)), 0);
    assert_eq!(t.headers, ["NAND shortage multiplier (×)", "All-flash ($)", "Hybrid ($)", "All-disk ($)"]);
    let r = &t.rows[t.reader.unwrap()];
    for (k, key) in ["allflash_total", "hybrid_total", "alldisk_total"].iter().enumerate() {
        close(r[k + 1], out(&FLASH, &f, key), 1e-6);
    }
}

#[test]
fn csv_has_units_in_headers_and_parses_back() {
    use essay_core::chart::table;
    let kg = with(&ORBITAL, &[("units", 1.0)]);
    let csv = table(&ORBITAL.chart(&Values::new(ORBITAL.params(), &kg)), 1).csv(1);
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(lines.next(), Some("Launch price ($/kg),Fleet launch cost ($)"));
    let rows: Vec<Vec<f64>> = lines.map(|l| l.split(',').map(|c| c.parse::<f64>().expect(c)).collect()).collect();
    // In kilograms: $1,200/lb is $2,646/kg at four significant digits, no more; the fleet
    // cost is the same $5.0004B, as $5.000B.
    let you = rows.iter().find(|r| r[0] == 2646.0).expect("the reader's row, rounded");
    assert_eq!(you[1], 5.0e9);
    for r in &rows {
        for x in r {
            assert_eq!(*x, model::round_sig(*x, 4), "no float noise in the CSV: {x}");
        }
    }
    assert!(rows.iter().any(|r| r[0] == 100.0 && r[1] > 0.0), "ticks in the displayed unit: $100/kg");
}

#[test]
fn spoken_units_for_screen_readers() {
    use essay_core::units::{Style, Unit};
    let per_lb = Unit::fixed(Style::Money, "/lb");
    assert_eq!(per_lb.spoken(1200.0, 0), "$1,200 per lb");
    assert_eq!(Unit::fixed(Style::Quantity, ":1").spoken(1.87, 0), "1.87 to 1");
    assert_eq!(Unit::fixed(Style::Quantity, "×").spoken(2.23, 0), "2.23 times");
    assert_eq!(Unit::fixed(Style::Quantity, " %").spoken(20.0, 0), "20 percent");
}

/// WCAG contrast ratio of two colours.
fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let lum = |c: RGBColor| {
        let f = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn theme_colours_meet_wcag_contrast_in_light_and_dark() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/essay-widgets.css")).unwrap();
    let (light, dark) = css.split_once("[data-ew-dark]").expect("a dark block");
    let dark = dark.split('}').next().unwrap();
    let var = |block: &str, name: &str| {
        let at = block.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name}")) + name.len() + 1;
        parse_color(block[at..].split(';').next().unwrap()).unwrap()
    };
    for (scheme, block) in [("light", light), ("dark", dark)] {
        let bg = var(block, "--ew-bg");
        // Text (WCAG 1.4.3): 4.5:1. Lines and marks the chart's meaning depends on (1.4.11): 3:1.
        for name in ["--ew-fg", "--ew-muted", "--ew-accent", "--ew-mark", "--ew-error"] {
            let c = contrast(var(block, name), bg);
            assert!(c >= 4.5, "{scheme} {name}: {c:.2}:1 for text");
        }
        for name in ["--ew-accent-2", "--ew-accent-3", "--ew-faint"] {
            let c = contrast(var(block, name), bg);
            assert!(c >= 3.0, "{scheme} {name}: {c:.2}:1 for a chart line");
        }
    }
    // The SVG fallbacks' theme is the light one.
    let t = essay_core::chart::Theme::default();
    assert_eq!((t.primary, t.faint, t.bg), (var(light, "--ew-accent"), var(light, "--ew-faint"), var(light, "--ew-bg")));
}

/// What a reader would see overlap in a drawn scene: every pair of labels, every label and a
/// line of data (series, marks, levels, the axis, connectors, legend swatches), every label and
/// the points, and labels leaving the picture.
fn overlaps(scene: &essay_core::scene::Scene) -> Vec<String> {
    use essay_core::chart::{text_box, Rect, Role};
    use essay_core::scene::{Prim, FINE};
    let mut texts: Vec<(Rect, String, Role)> = Vec::new();
    type Segment = ((f64, f64), (f64, f64), Role);
    let mut segments: Vec<Segment> = Vec::new();
    let mut dots: Vec<(Rect, Role)> = Vec::new();
    for (p, role) in scene.prims.iter().zip(&scene.roles) {
        let f = |c: (i32, i32)| (c.0 as f64, c.1 as f64);
        match p {
            Prim::Text { text, px, h, v, at, .. } => texts.push((text_box(text, *px as f64, f(*at), *h, *v).grow(-0.5), text.clone(), *role)),
            Prim::Line { from, to, .. } if !matches!(role, Role::Grid | Role::Band) => segments.push((f(*from), f(*to), *role)),
            Prim::Path { points, .. } if !matches!(role, Role::Grid | Role::Band) => {
                let q = |c: (i32, i32)| (c.0 as f64 / FINE as f64, c.1 as f64 / FINE as f64);
                segments.extend(points.windows(2).map(|w| (q(w[0]), q(w[1]), *role)));
            }
            Prim::Circle { center, r, .. } => {
                let (x, y, r) = (center.0 as f64, center.1 as f64, *r as f64);
                dots.push((Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r }, *role));
            }
            _ => {}
        }
    }
    let (w, h) = (scene.size.0 as f64, scene.size.1 as f64);
    let mut found = Vec::new();
    for (i, (a, ta, _)) in texts.iter().enumerate() {
        if a.x0 < -0.5 || a.y0 < -0.5 || a.x1 > w + 0.5 || a.y1 > h + 0.5 {
            found.push(format!("“{ta}” leaves the picture: {a:?}"));
        }
        for (b, tb, _) in &texts[i + 1..] {
            if a.overlaps(b) {
                found.push(format!("“{ta}” overlaps “{tb}”"));
            }
        }
        for (p, q, role) in &segments {
            if a.crossed_by(*p, *q) {
                found.push(format!("“{ta}” is crossed by a {role:?} line {p:?}–{q:?}"));
            }
        }
        for (d, role) in &dots {
            if a.overlaps(d) {
                found.push(format!("“{ta}” covers the {role:?}"));
            }
        }
    }
    found
}

/// The chart widths a reader meets: 320, 375 and 768 px phones and tablets, and the demo's
/// column at 1280 px (the widget's padding taken off), and a wide host.
const WIDTHS: [u32; 5] = [240, 295, 640, 660, 900];

#[test]
fn no_label_ever_overlaps_another_label_a_line_or_a_point() {
    for m in all() {
        let base = model::defaults(m.params());
        // Every number input at both ends (the others at the author's values), and away from
        // the essay (with its line and point beside the reader's), in every view of the chart.
        let mut scenarios = vec![base.clone()];
        let views = m.params().iter().position(|s| matches!(s.kind, Kind::View(..)));
        for view in 0..views.map_or(1, |i| m.params()[i].options().len()) {
            let mut start = base.clone();
            if let Some(vi) = views {
                start[vi] = view as f64;
                scenarios.push(start.clone());
            }
            for (i, spec) in m.params().iter().enumerate() {
                if let Kind::Number { min, max, .. } = spec.kind {
                    for x in [min, max] {
                        let mut v = start.clone();
                        model::assign(m.params(), &mut v, i, x);
                        scenarios.push(v);
                    }
                }
            }
        }
        for v in &scenarios {
            let mine = m.chart(&Values::new(m.params(), v));
            let theirs = model::in_view(m.params(), &base, v);
            let chart = if *v == base { mine } else { model::compare(mine, m.chart(&Values::new(m.params(), &theirs)), "The essay") };
            for w in WIDTHS {
                let h = ((w as f64 * 0.55).clamp(240.0, 380.0)).round() as u32;
                let style = ChartStyle { system: model::unit_system(m.params(), v), ..ChartStyle::default() };
                let scene = essay_core::scene::draw(&chart, &style, (w, h));
                assert!(scene.layout.is_some(), "{} drawn at {w}×{h}", m.id());
                let found = overlaps(&scene);
                assert!(found.is_empty(), "{} at {w}×{h}, scenario {:?}: {found:#?}", m.id(), v);
            }
        }
    }
}

#[test]
fn stacked_bars_are_drawn_in_proportion_with_every_part_named_once() {
    use essay_core::chart::Role;
    use essay_core::scene::Prim;
    let d = model::defaults(OVG.params());
    let chart = OVG.chart(&Values::new(OVG.params(), &d));
    for (w, h) in [(660, 363), (335, 240), (900, 380)] {
        let scene = essay_core::scene::draw(&chart, &ChartStyle::default(), (w, h));
        let layout = scene.layout.clone().expect("drawn");
        // The filled rectangles of the bars (a key's swatches are smaller than a bar).
        let fills: Vec<(i32, i32, i32)> = scene
            .prims
            .iter()
            .zip(&scene.roles)
            .filter_map(|(p, r)| match (p, r) {
                (Prim::Rect { ul, br, fill: true, .. }, Role::Bar) if br.1 - ul.1 > 14 => Some((ul.0, br.0, ul.1)),
                _ => None,
            })
            .collect();
        let parts: Vec<f64> = chart.bars.iter().flat_map(|b| b.parts.iter().map(|p| p.1)).collect();
        assert_eq!(fills.len(), parts.len(), "{w}×{h}");
        let px_per_usd = (layout.plot.x1 - layout.plot.x0) / chart.x.max;
        for ((x0, x1, _), v) in fills.iter().zip(&parts) {
            assert!(((x1 - x0) as f64 - v * px_per_usd).abs() <= 1.5, "{w}×{h}: {v} drawn {} px", x1 - x0);
        }
        // Each part's name is written once (inside its bar or in the key), with each bar's total.
        let texts: Vec<String> = scene
            .prims
            .iter()
            .zip(&scene.roles)
            .filter_map(|(p, r)| match (p, r) {
                (Prim::Text { text, .. }, Role::BarLabel) => Some(text.clone()),
                _ => None,
            })
            .collect();
        for b in &chart.bars {
            assert!(texts.contains(&format!("{} {}", b.label, essay_core::units::USD.format(b.total(), 0))), "{w}×{h}: {texts:?}");
            for p in &b.parts {
                assert_eq!(texts.iter().filter(|t| t.starts_with(p.0)).count(), 1, "{w}×{h}: {} in {texts:?}", p.0);
            }
        }
    }
    // The table: a row per part, the totals last; CSV with the names.
    let t = essay_core::chart::table(&chart, 0);
    assert_eq!(t.headers, ["Part", "In orbit ($)", "On the ground ($)"]);
    assert_eq!(t.labels.last().unwrap(), "Total");
    close(t.rows.last().unwrap()[1], out(&OVG, &d, "orbital_total"), 1.0);
    assert!(t.rows[0][2].is_nan(), "hardware is not a ground part");
    let csv = t.csv(0);
    assert!(
        csv.lines().nth(1).unwrap().starts_with("Hardware,2.36e10,") || csv.lines().nth(1).unwrap().starts_with("Hardware,23600000000,"),
        "{csv}"
    );
    assert!(essay_core::chart::probe(&chart, 0.0, 0).starts_with("In orbit $51.1B: Hardware $23.6B, Launch $14.7B"));
}

#[test]
fn the_overlap_check_can_fail() {
    // A label drawn over a line, and two labels on top of each other, are caught.
    use essay_core::chart::Role;
    use essay_core::scene::{Prim, Scene, FINE};
    use plotters_backend::text_anchor::{HPos, VPos};
    use plotters_backend::BackendColor;
    let black = BackendColor { alpha: 1.0, rgb: (0, 0, 0) };
    let text = |t: &str, at| Prim::Text {
        text: t.into(),
        family: "sans-serif".into(),
        px: 13,
        bold: false,
        color: black,
        h: HPos::Left,
        v: VPos::Top,
        at,
    };
    let mut scene = Scene::new((200, 100));
    scene.prims = vec![
        text("One label", (10, 10)),
        text("Another", (20, 12)),
        Prim::Path { points: vec![(0, 50 * FINE), (200 * FINE, 50 * FINE)], color: black, width: 2 },
        text("On the line", (50, 45)),
    ];
    scene.roles = vec![Role::PointLabel, Role::LevelLabel, Role::Series, Role::MarkLabel];
    let found = overlaps(&scene);
    assert!(found.iter().any(|f| f.contains("“One label” overlaps “Another”")), "{found:?}");
    assert!(found.iter().any(|f| f.contains("“On the line” is crossed by a Series line")), "{found:?}");
}

#[test]
fn axes_have_titles_with_units_legible_ticks_and_three_x_labels_at_320_px() {
    use essay_core::chart::Role;
    use essay_core::scene::Prim;
    for m in all() {
        let v = model::defaults(m.params());
        let chart = m.chart(&Values::new(m.params(), &v));
        let scene = essay_core::scene::draw(&chart, &ChartStyle::default(), (240, 240));
        let of = |want: Role| -> Vec<(String, u32, i32)> {
            scene
                .prims
                .iter()
                .zip(&scene.roles)
                .filter(|(_, r)| **r == want)
                .filter_map(|(p, _)| match p {
                    Prim::Text { text, px, at, .. } => Some((text.clone(), *px, at.1)),
                    _ => None,
                })
                .collect()
        };
        let titles: Vec<String> = of(Role::AxisTitle).into_iter().map(|t| t.0).collect();
        // A breakdown's bars are named above them: only its value axis has a title.
        let axes = if chart.bars.is_empty() { vec![&chart.y, &chart.x] } else { vec![&chart.x] };
        assert_eq!(titles.len(), axes.len(), "{}: {titles:?}", m.id());
        assert!(axes.iter().all(|a| titles.contains(&essay_core::chart::axis_title(a, 0))), "{}: {titles:?}", m.id());
        let ticks = of(Role::Tick);
        // 13 px at a 16 px widget font: at least 0.8 em.
        assert!(ticks.iter().all(|t| t.1 as f64 >= 0.8 * 16.0), "{}: {ticks:?}", m.id());
        let bottom = ticks.iter().map(|t| t.2).max().unwrap();
        let x_labels = ticks.iter().filter(|t| t.2 == bottom).count();
        assert!(x_labels >= 3, "{}: {x_labels} x tick labels at 320 px: {ticks:?}", m.id());
    }
    assert_eq!(
        essay_core::chart::axis_title(&ORBITAL.chart(&Values::new(ORBITAL.params(), &model::defaults(ORBITAL.params()))).x, 1),
        "Launch price ($/kg)"
    );
}

#[test]
fn the_y_range_fits_the_data() {
    // Linear axes end at the next tidy value above the data: the data fill most of the height.
    for m in all() {
        let c = m.chart(&Values::new(m.params(), &model::defaults(m.params())));
        if !c.bars.is_empty() {
            // A breakdown's value axis ends at the next whole step above the longest bar.
            let top = c.bars.iter().map(|b| b.total()).fold(0.0, f64::max);
            assert!(top >= 0.7 * c.x.max && top <= c.x.max, "{}: bars reach {top} of {}", m.id(), c.x.max);
            continue;
        }
        if c.y.log {
            continue;
        }
        let top = c.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(f64::MIN, f64::max);
        assert!(top >= 0.7 * c.y.max, "{}: data reach {top} of {}", m.id(), c.y.max);
    }
}

#[test]
fn colours_from_css() {
    assert_eq!(parse_color("#0b5cad"), Some(RGBColor(11, 92, 173)));
    assert_eq!(parse_color(" #fff "), Some(RGBColor(255, 255, 255)));
    assert_eq!(parse_color("rgb(88, 166, 255)"), Some(RGBColor(88, 166, 255)));
    assert_eq!(parse_color("rgba(1 2 3 / 50%)"), Some(RGBColor(1, 2, 3)));
    assert_eq!(parse_color("blue"), None);
    assert_eq!(parse_color("#12"), None);
}

#[test]
fn svg_has_human_units_marks_and_the_readers_point() {
    let d = model::defaults(ORBITAL.params());
    let s = svg(&ORBITAL, &d, 720, 380, &ChartStyle::for_svg(0));
    assert!(s.starts_with("<svg") && s.trim_end().ends_with("</svg>"));
    let t = texts(&s);
    for part in [
        "$10",
        "$100",
        "$1K",
        "$10K",
        "$100M",
        "$1B",
        "$10B",
        "Falcon 9",
        "Falcon Heavy",
        "Starship goal",
        "Break-even",
        "$5.0B",
        "Launch price ($/lb)",
        "Fleet launch cost ($)",
    ] {
        assert!(t.iter().any(|x| x == part), "SVG lacks {part}: {t:?}");
    }
    assert!(t.iter().all(|x| !x.contains("000")), "raw unformatted number in the SVG: {t:?}");
    // In kilograms the x axis runs $10 … $100K, per kilogram, as its title says.
    let kg = with(&ORBITAL, &[("units", 1.0)]);
    let t = texts(&svg(&ORBITAL, &kg, 720, 380, &ChartStyle::for_svg(1)));
    for part in ["$10", "$100", "$1K", "$100K", "Launch price ($/kg)"] {
        assert!(t.iter().any(|x| x == part), "SVG lacks {part}: {t:?}");
    }
}

#[test]
fn hidpi_scales_the_drawing_and_tiny_areas_do_not_fail() {
    let d = model::defaults(ORBITAL.params());
    let one = svg(&ORBITAL, &d, 360, 240, &ChartStyle::for_svg(0));
    let two = svg(&ORBITAL, &d, 720, 480, &ChartStyle { scale: 2.0, ..ChartStyle::for_svg(0) });
    // Tick labels are 13 px at 1×, 26 px at 2×.
    assert!(one.contains("font-size=\"13\""), "1× font size");
    assert!(two.contains("font-size=\"26\""), "2× font size");
    assert_eq!(texts(&one), texts(&two), "the same labels at both scales");
    // Too small to draw anything useful: no panic, no error.
    let tiny = svg(&ORBITAL, &d, 20, 10, &ChartStyle::for_svg(0));
    assert!(tiny.starts_with("<svg"));
}
