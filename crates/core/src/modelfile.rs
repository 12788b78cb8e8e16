//! Model files: a widget written as data. [`load`] reads a TOML model file (README, "The model
//! file, field by field") into a [`Model`] the whole kit runs — the view, links, ranges and
//! Monte Carlo, exports, fallbacks — exactly as it runs a built-in: the formulas compiled once
//! to slot-indexed code ([`Program`]), the texts and specs made `'static` for the life of the
//! page (a model is loaded once per page, so the few KB are never freed).
//!
//! Every problem is an [`Error`] naming its line ("line 14: unknown name `gpu_per_rack` — did
//! you mean `gpus_per_rack`?"); problems that still leave a working widget (an output whose
//! declared unit does not match its formula's dimensions) are warnings beside it.
//!
//! Architecture invariant: pure; never panics on any input (`make fuzz`); a model's formulas
//! only ever read its own inputs, constants and other formulas, and links only set inputs.

use crate::formula::{self, Bin, Expr, Func, Op};
use crate::model::{self, Axis, Bar, Chart, Emphasis, Kind, Mark, Migration, Model, OutputSpec, ParamSpec, Point, Presets, Scale, Series, Values};
use crate::toml::{self, Item, Table, Value};
use crate::model::{Claim, DefaultRange, Spec};
use crate::units::{Style, Unit, KG_PER_LB, PLAIN};
use std::cell::RefCell;

/// A problem in a model file, and its line (1-based; 0 when it concerns the whole file).
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

type Result<T> = std::result::Result<T, Error>;

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T> {
    Err(Error { line, message: message.into() })
}

/// A loaded model file: the model, and what its author should know (unit mismatches).
#[derive(Debug)]
pub struct Loaded {
    pub model: &'static Model,
    pub warnings: Vec<Error>,
}

/// Most inputs, outputs and intermediate values a model may declare (each).
pub const MAX_ITEMS: usize = 200;

/// The compiled half of a model file: what `compute`, `chart` and `summary` run.
#[derive(Debug)]
pub struct Program {
    /// Slots: the inputs (in spec order), then the `[let]` values, then the outputs.
    n_inputs: usize,
    /// The formulas in dependency order: `(slot, code)`.
    order: Vec<(usize, Vec<Op>)>,
    /// Each output's slot, and the switch (input index) it is shown under.
    outputs: Vec<(usize, Option<usize>)>,
    n_slots: usize,
    charts: Vec<ChartSpec>,
    /// The chart-view input, when there are several charts.
    view: Option<usize>,
    summary: Vec<(Option<Vec<Op>>, Vec<Piece>)>,
    /// Each slot's unit (for the summary's placeholders).
    units: Vec<Unit>,
    /// The label of each choice input's options, by input index (for `{key}` of a choice).
    labels: Vec<&'static [&'static str]>,
    /// `(output, [(when, words)])`: an output's `empty` words chosen by the scenario; the first
    /// whose `when` holds, else the output's own `empty`.
    empties: Vec<(usize, Vec<(Vec<Op>, &'static str)>)>,
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Slot(usize),
    /// `{gpus|GPU|GPUs}`: the number (without its unit), then the singular noun when it reads
    /// "1", else the plural.
    Counted(usize, String, String),
}

#[derive(Debug)]
enum ChartSpec {
    Lines {
        x: usize,
        x_label: &'static str,
        y_label: &'static str,
        y_unit: Unit,
        log_y: bool,
        /// The y axis reaches at least down to / up to these (room for a label, say).
        y_min: Option<f64>,
        y_max: Option<f64>,
        /// The axis's top is the data's × this, before rounding (room for labels).
        headroom: f64,
        /// The x axis's unit, when it is not the x input's (ticks `1K … 1M` for a count of tokens).
        x_unit: Option<Unit>,
        points: usize,
        lines: Vec<LineSpec>,
        point: Option<usize>,
        marks: Vec<MarkSpec>,
        levels: Vec<MarkSpec>,
    },
    Bars {
        label: &'static str,
        unit: Unit,
        /// `(label, parts as (name, slot, colour), the total's slot and line)`.
        bars: Vec<(&'static str, Vec<(&'static str, usize, usize)>, Option<(usize, usize)>)>,
    },
}

#[derive(Debug)]
struct LineSpec {
    slot: usize,
    name: &'static str,
    /// `None`: the next of primary, secondary, tertiary among the lines drawn.
    emphasis: Option<Emphasis>,
    when: Option<Vec<Op>>,
    set: Vec<(usize, f64)>,
}

#[derive(Debug)]
struct MarkSpec {
    /// Drawn only where this holds.
    when: Option<Vec<Op>>,
    at: Vec<Op>,
    to: Option<Vec<Op>>,
    label: &'static str,
    source: &'static str,
}

thread_local! {
    static SCRATCH: RefCell<(Vec<f64>, Vec<f64>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Program {
    /// Every slot's value for input values `vals` (slots start with the inputs).
    fn run_into(&self, vals: &[f64], slots: &mut Vec<f64>, stack: &mut Vec<f64>) {
        slots.clear();
        slots.extend_from_slice(&vals[..vals.len().min(self.n_inputs)]);
        slots.resize(self.n_slots, f64::NAN);
        for (slot, code) in &self.order {
            let v = formula::eval(code, slots, stack);
            slots[*slot] = v;
        }
    }

    /// The outputs, in output order (NaN where an output's switch is off).
    pub fn compute(&self, vals: &[f64], out: &mut Vec<f64>) {
        SCRATCH.with(|s| {
            let Ok(mut s) = s.try_borrow_mut() else { return };
            let (slots, stack) = &mut *s;
            self.run_into(vals, slots, stack);
            out.extend(self.outputs.iter().map(|&(slot, shown)| if shown.is_some_and(|i| vals.get(i) == Some(&0.0)) { f64::NAN } else { slots[slot] }));
        })
    }

    fn slots(&self, vals: &[f64]) -> Vec<f64> {
        let (mut slots, mut stack) = (Vec::new(), Vec::new());
        self.run_into(vals, &mut slots, &mut stack);
        slots
    }

    /// Output `o`'s words for "no value" in the scenario `vals`, where a `when` chooses them.
    pub fn empty_at(&self, o: usize, vals: &[f64]) -> Option<&'static str> {
        let (_, cases) = self.empties.iter().find(|e| e.0 == o)?;
        let (here, mut stack) = (self.slots(vals), Vec::new());
        cases.iter().find(|(when, _)| formula::eval(when, &here, &mut stack) != 0.0).map(|c| c.1)
    }

    /// [`Program::slots`], with output `o`'s slot holding `shown[o]` where that is set.
    fn shown_slots(&self, vals: &[f64], shown: &[Option<f64>]) -> Vec<f64> {
        let mut slots = self.slots(vals);
        for (&(slot, _), v) in self.outputs.iter().zip(shown) {
            if let Some(v) = v {
                slots[slot] = *v;
            }
        }
        slots
    }

    /// The outputs of many scenarios at once, evaluated column by column (Monte Carlo): `cols[i]`
    /// is input `i`'s column (length `n`, or 1 for a value every sample shares). Returns a column
    /// per output.
    pub fn compute_columns(&self, cols: &[Vec<f64>], n: usize) -> Vec<Vec<f64>> {
        let mut slots: Vec<Vec<f64>> = cols.iter().take(self.n_inputs).cloned().collect();
        slots.resize(self.n_slots, vec![f64::NAN]);
        let mut spare = Vec::new();
        for (slot, code) in &self.order {
            let refs: Vec<&[f64]> = slots.iter().map(|c| c.as_slice()).collect();
            let col = formula::eval_columns(code, &refs, n, &mut spare);
            slots[*slot] = col;
        }
        self.outputs
            .iter()
            .map(|&(slot, shown)| {
                let col = &slots[slot];
                let mut out = if col.len() == n { col.clone() } else { vec![col.first().copied().unwrap_or(f64::NAN); n] };
                // NaN where the output's switch is off (a switch is one value or a column).
                if let Some(switch) = shown.and_then(|s| cols.get(s)) {
                    for (i, v) in out.iter_mut().enumerate() {
                        if switch.get(i).or(switch.first()) == Some(&0.0) {
                            *v = f64::NAN;
                        }
                    }
                }
                out
            })
            .collect()
    }

    pub fn chart(&self, specs: &'static [ParamSpec], vals: &[f64], shown: &[Option<f64>]) -> Chart {
        let chosen = self.view.and_then(|i| vals.get(i)).map_or(0, |v| *v as usize);
        let Some(spec) = self.charts.get(chosen).or(self.charts.first()) else { return empty_chart() };
        let here = self.shown_slots(vals, shown);
        let (mut stack, mut scratch) = (Vec::new(), Vec::new());
        let mut at = |code: &[Op]| formula::eval(code, &here, &mut stack);
        match spec {
            ChartSpec::Lines { x, x_label, y_label, y_unit, log_y, y_min, y_max, headroom, x_unit, points, lines, point, marks, levels } => {
                let Kind::Number { min, max, scale, .. } = specs[*x].kind else { return empty_chart() };
                let log_x = scale == Scale::Log;
                let xs = model::sample_with(min, max, *points, log_x, vals[*x]);
                let mut series = Vec::new();
                let mut next = [Emphasis::Primary, Emphasis::Secondary, Emphasis::Tertiary].into_iter();
                for line in lines {
                    if line.when.as_ref().is_some_and(|w| at(w) == 0.0) {
                        continue;
                    }
                    let mut v = vals.to_vec();
                    for &(i, value) in &line.set {
                        v[i] = value;
                    }
                    let pts = xs
                        .iter()
                        .map(|&xv| {
                            v[*x] = xv;
                            self.run_into(&v, &mut scratch, &mut Vec::new());
                            (xv, scratch[line.slot])
                        })
                        .collect();
                    let emphasis = line.emphasis.or_else(|| next.next()).unwrap_or(Emphasis::Tertiary);
                    series.push(Series { name: line.name.into(), points: pts, emphasis });
                }
                let point = point.map(|slot| Point { x: vals[*x], y: here[slot], label: y_unit.format(here[slot], model::unit_system(specs, vals)) }).filter(|p| p.y.is_finite());
                let mark = |m: &MarkSpec, at: &mut dyn FnMut(&[Op]) -> f64| Mark { x: at(&m.at), to: m.to.as_ref().map(|t| at(t)), label: m.label, source: m.source };
                let mut shown = |list: &[MarkSpec]| {
                    let mut v: Vec<Mark> = Vec::new();
                    for m in list {
                        if m.when.as_ref().is_none_or(|w| at(w) != 0.0) {
                            v.push(mark(m, &mut at));
                        }
                    }
                    v.retain(|m| m.x.is_finite());
                    sort_by(&mut v, |a, b| a.x < b.x);
                    v
                };
                let marks = shown(marks);
                let levels = shown(levels);
                // The axis holds the lines, the reader's point and the levels.
                let ys: Vec<f64> = series
                    .iter()
                    .flat_map(|s| s.points.iter().map(|p| p.1))
                    .chain(point.as_ref().map(|p| p.y))
                    .chain(levels.iter().map(|l| l.x))
                    .chain(y_min.iter().chain(y_max.iter()).copied())
                    .filter(|y| y.is_finite() && (!log_y || *y > 0.0))
                    .collect();
                let (lo, hi) = ys.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &y| (l.min(y), h.max(y)));
                let (y_min, y_max) = if !lo.is_finite() {
                    if *log_y {
                        (1.0, 10.0)
                    } else {
                        (0.0, 1.0)
                    }
                } else if *log_y {
                    let (a, b) = (model::nice_floor(lo), model::nice_ceil(hi * headroom));
                    if a >= b {
                        (a / 10.0, b * 10.0)
                    } else {
                        (a, b)
                    }
                } else {
                    let a = lo.min(0.0);
                    let b = if hi > 0.0 { model::nice_ceil(hi * headroom) } else { 1.0 };
                    (a, if b > a { b } else { a + 1.0 })
                };
                Chart {
                    x: Axis { label: x_label, unit: x_unit.unwrap_or(specs[*x].unit), log: log_x, min, max },
                    y: Axis { label: y_label, unit: *y_unit, log: *log_y, min: y_min, max: y_max },
                    series,
                    marks,
                    levels,
                    point,
                    baseline: None,
                    bands: Vec::new(),
                    bars: Vec::new(),
                }
            }
            ChartSpec::Bars { label, unit, bars } => {
                let bars: Vec<Bar> = bars
                    .iter()
                    .map(|(name, parts, total)| Bar {
                        label: name,
                        parts: parts.iter().map(|&(n, slot, colour)| (n, here[slot], colour)).filter(|p| p.1.is_finite()).collect(),
                        total: total.map(|(t, _)| here[t]),
                    })
                    .collect();
                let hi = bars.iter().map(|b| b.length().max(b.total())).fold(0f64, f64::max);
                // A tidy end: the next whole step of the leading digit (60B for 51.1B).
                let step = 10f64.powf(hi.log10().floor());
                let max = if hi > 0.0 && hi.is_finite() { (hi / step).ceil() * step } else { 1.0 };
                Chart {
                    x: Axis { label, unit: *unit, log: false, min: 0.0, max },
                    y: Axis { label: "", unit: *unit, log: false, min: 0.0, max: 1.0 },
                    bars,
                    ..empty_chart()
                }
            }
        }
    }

    pub fn summary(&self, specs: &'static [ParamSpec], vals: &[f64], shown: &[Option<f64>]) -> String {
        let here = self.shown_slots(vals, shown);
        let system = model::unit_system(specs, vals);
        let mut stack = Vec::new();
        let mut out = String::new();
        for (when, pieces) in &self.summary {
            if when.as_ref().is_some_and(|w| formula::eval(w, &here, &mut stack) == 0.0) {
                continue;
            }
            for p in pieces {
                match p {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Slot(s) => {
                        let v = here[*s];
                        match self.labels.get(*s).filter(|l| !l.is_empty()) {
                            Some(labels) => out.push_str(labels.get(v as usize).copied().unwrap_or("")),
                            None => out.push_str(&self.units[*s].format(v, system)),
                        }
                    }
                    Piece::Counted(s, one, many) => {
                        // The number alone: the nouns say what is counted.
                        let text = Unit { suffix: ["", ""], ..self.units[*s] }.format(here[*s], system);
                        let noun = if text == "1" { one } else { many };
                        out.push_str(&format!("{text}\u{a0}{noun}"));
                    }
                }
            }
        }
        out
    }
}

fn empty_chart() -> Chart {
    Chart {
        x: Axis { label: "", unit: PLAIN, log: false, min: 0.0, max: 1.0 },
        y: Axis { label: "", unit: PLAIN, log: false, min: 0.0, max: 1.0 },
        series: Vec::new(),
        marks: Vec::new(),
        levels: Vec::new(),
        point: None,
        baseline: None,
        bands: Vec::new(),
        bars: Vec::new(),
    }
}

/// A number as a message writes it (the kit's formatter: float `Display` costs the wasm ~15 KB).
fn n(x: f64) -> String {
    crate::num::format_f64(x)
}

/// Sorts a short list in place, stably (insertion: one small function, where the standard
/// library's sort instantiates kilobytes of code per element type in the wasm).
fn sort_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_slice<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

/// The fields of one table, read once each; [`Fields::done`] reports any the format does not
/// know (a typo is an error with a suggestion, not a silently ignored line).
struct Fields<'a> {
    t: &'a Table,
    line: usize,
    what: String,
    used: RefCell<Vec<&'static str>>,
}

impl<'a> Fields<'a> {
    fn new(t: &'a Table, line: usize, what: impl Into<String>) -> Self {
        Fields { t, line, what: what.into(), used: RefCell::new(Vec::new()) }
    }
    fn item(&self, name: &'static str) -> Option<&'a Item> {
        self.used.borrow_mut().push(name);
        self.t.get(name)
    }
    fn wrong<T>(&self, name: &str, item: &Item, want: &str) -> Result<T> {
        fail(item.line, format!("`{name}` of {} must be {want}, not {}", self.what, item.value.kind()))
    }
    fn str(&self, name: &'static str) -> Result<Option<(String, usize)>> {
        match self.item(name) {
            None => Ok(None),
            Some(Item { value: Value::Str(s), line }) => Ok(Some((s.clone(), *line))),
            Some(i) => self.wrong(name, i, "text in quotes"),
        }
    }
    fn text(&self, name: &'static str) -> Result<String> {
        Ok(self.str(name)?.map(|s| s.0).unwrap_or_default())
    }
    fn need_str(&self, name: &'static str) -> Result<(String, usize)> {
        match self.str(name)? {
            Some(s) => Ok(s),
            None => fail(self.line, format!("{} needs `{name} = \"…\"`", self.what)),
        }
    }
    fn num(&self, name: &'static str) -> Result<Option<(f64, usize)>> {
        match self.item(name) {
            None => Ok(None),
            Some(Item { value: Value::Num(x), line }) => Ok(Some((*x, *line))),
            Some(i) => self.wrong(name, i, "a number"),
        }
    }
    fn need_num(&self, name: &'static str) -> Result<(f64, usize)> {
        match self.num(name)? {
            Some(s) => Ok(s),
            None => fail(self.line, format!("{} needs `{name} = NUMBER`", self.what)),
        }
    }
    fn bool(&self, name: &'static str) -> Result<Option<bool>> {
        match self.item(name) {
            None => Ok(None),
            Some(Item { value: Value::Bool(b), .. }) => Ok(Some(*b)),
            Some(i) => self.wrong(name, i, "true or false"),
        }
    }
    fn list(&self, name: &'static str) -> Result<&'a [Item]> {
        match self.item(name) {
            None => Ok(&[]),
            Some(Item { value: Value::Arr(a), .. }) => Ok(a),
            Some(i) => self.wrong(name, i, "a list `[…]`"),
        }
    }
    fn strings(&self, name: &'static str) -> Result<Vec<(String, usize)>> {
        self.list(name)?
            .iter()
            .map(|i| match &i.value {
                Value::Str(s) => Ok((s.clone(), i.line)),
                _ => self.wrong(name, i, "a list of texts in quotes"),
            })
            .collect()
    }
    fn tables(&self, name: &'static str) -> Result<Vec<(&'a Table, usize)>> {
        self.list(name)?
            .iter()
            .map(|i| match &i.value {
                Value::Table(t) => Ok((t, i.line)),
                _ => self.wrong(name, i, "a list of tables `{ … }`"),
            })
            .collect()
    }
    fn table(&self, name: &'static str) -> Result<Option<(&'a Table, usize)>> {
        match self.item(name) {
            None => Ok(None),
            Some(Item { value: Value::Table(t), line }) => Ok(Some((t, *line))),
            Some(i) => self.wrong(name, i, "a table"),
        }
    }
    fn done(self) -> Result<()> {
        let used = self.used.borrow();
        for (key, item) in &self.t.entries {
            if !used.iter().any(|u| u == key) {
                let known: Vec<String> = used.iter().map(|s| s.to_string()).collect();
                let hint = formula::suggest(key, &known).map(|s| format!(" — did you mean `{s}`?")).unwrap_or_else(|| format!(" (known: {})", known.join(", ")));
                return fail(item.line, format!("{} has no field `{key}`{hint}", self.what));
            }
        }
        Ok(())
    }
}

/// Physical dimensions, as exponents of: money, mass, time, energy, data, length, temperature.
type Dim = [i8; 7];
const NONE: Dim = [0; 7];

/// Reads a unit written in plain text (`$/lb`, `kW`, `tokens/s`, `GPUs`) into the kit's unit
/// and its dimensions.
pub fn unit(text: &str) -> std::result::Result<(Unit, Dim), String> {
    let t = text.trim();
    let fixed = |style, suffix: String| Unit::fixed(style, leak(suffix));
    let spaced = |s: &str| format!(" {s}");
    match t {
        "" => return Ok((PLAIN, NONE)),
        "$" | "USD" => return Ok((crate::units::USD, dim(&[(0, 1)]))),
        "%" => return Ok((crate::units::PERCENT, NONE)),
        // Billions, as model sizes are written: `70.6B`.
        "billion" => return Ok((fixed(Style::Quantity, "B".into()), NONE)),
        // A whole count, without a unit word: `100,000`.
        "count" => return Ok((crate::units::COUNT, NONE)),
        // A fraction (0.25), shown as a percentage (25 %).
        "share" => return Ok((Unit { style: Style::Quantity, suffix: [" %", " %"], factor: [100.0, 100.0] }, NONE)),
        "×" | "x" => return Ok((fixed(Style::Quantity, "×".into()), NONE)),
        ":1" => return Ok((fixed(Style::Quantity, ":1".into()), NONE)),
        "s" => return Ok((Unit::fixed(Style::Duration, ""), dim(&[(2, 1)]))),
        "lb" => return Ok((Unit { style: Style::Quantity, suffix: [" lb", " kg"], factor: [1.0, KG_PER_LB] }, dim(&[(1, 1)]))),
        "kg" => return Ok((Unit { style: Style::Quantity, suffix: [" kg", " lb"], factor: [1.0, 1.0 / KG_PER_LB] }, dim(&[(1, 1)]))),
        "$/lb" => return Ok((Unit { style: Style::Money, suffix: ["/lb", "/kg"], factor: [1.0, 1.0 / KG_PER_LB] }, dim(&[(0, 1), (1, -1)]))),
        "$/kg" => return Ok((Unit { style: Style::Money, suffix: ["/kg", "/lb"], factor: [1.0, KG_PER_LB] }, dim(&[(0, 1), (1, -1)]))),
        "W" | "Wh" | "B" => return Ok((Unit::fixed(Style::Si, leak(t.into())), base(t).map(|b| b.1).unwrap_or(NONE))),
        _ => {}
    }
    // `kg in t`: held in the first unit, shown in the second (of the same kind).
    if let Some((held, shown)) = t.split_once(" in ") {
        let (held, shown) = (held.trim(), shown.trim());
        return match (base(held), base(shown), scale_of(held), scale_of(shown)) {
            (Some((_, a)), Some((_, b)), Some(x), Some(y)) if a == b => Ok((Unit { style: Style::Quantity, suffix: [leak(spaced(shown)), leak(spaced(shown))], factor: [x / y, x / y] }, a)),
            _ => Err(format!("`{t}`: “HELD in SHOWN” needs two known units of one kind (`kg in t`, `W in GW`)")),
        };
    }
    // A compound: NUMERATOR[/DENOMINATOR], each a known unit or a count noun ("GPUs").
    let (num, den) = match t.split_once('/') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (t, None),
    };
    let part = |p: &str| -> std::result::Result<Dim, String> {
        if p == "$" {
            return Ok(dim(&[(0, 1)]));
        }
        if p == "%" {
            return Ok(NONE);
        }
        if let Some((_, d)) = base(p) {
            return Ok(d);
        }
        // `m²`, `m2`: a length squared.
        if let Some(stem) = p.strip_suffix('²').or_else(|| p.strip_suffix('2')) {
            if let Some((_, d)) = base(stem) {
                return Ok(d.map(|x| x * 2));
            }
        }
        if !p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic() || !c.is_ascii() || c == '-' || c == ' ') {
            if let Some(known) = KNOWN.iter().find(|k| k.eq_ignore_ascii_case(p)) {
                return Err(format!("unknown unit `{p}` — did you mean `{known}`?"));
            }
            // A short word one letter from a known unit is a slip (`lbs`, `hr`), not a count noun.
            let known: Vec<String> = KNOWN.iter().map(|k| k.to_string()).collect();
            if let Some(near) = formula::suggest(p, &known).filter(|_| p.chars().count() <= 4) {
                return Err(format!("unknown unit `{p}` — did you mean `{near}`? (a word of your own, like `GPUs`, is a count)"));
            }
            // A count noun: GPUs, tokens, racks, sessions.
            return Ok(NONE);
        }
        Err(format!("unknown unit `{p}` in `{t}` (README, \"Units\", lists the known ones)"))
    };
    let n = part(num)?;
    let d = match den {
        Some(d) => part(d)?,
        None => NONE,
    };
    let dims: Dim = std::array::from_fn(|i| n[i] - d[i]);
    let noun = base(num).is_none() && num != "$" && num != "%" && !num.ends_with('²') && !num.ends_with('2');
    let unit = if num == "$" {
        fixed(Style::Money, format!("/{}", den.unwrap_or("")))
    } else if noun && !t.contains(' ') {
        // One word is a whole count (`1,389 racks`); several are a quantity (`70.6 billion parameters`).
        fixed(Style::Count, spaced(t))
    } else if noun {
        fixed(Style::Quantity, spaced(t))
    } else {
        fixed(Style::Quantity, spaced(&t.strip_suffix("m2").map_or_else(|| t.to_string(), |stem| format!("{stem}m²"))))
    };
    Ok((unit, dims))
}

/// A unit with its number written another way: `style = "count"` shows bytes as `327,680 B`,
/// not `328 kB`.
fn restyle(f: &Fields, unit: Unit, text: &str) -> Result<Unit> {
    let style = match f.str("style")? {
        None => return Ok(unit),
        Some((s, _)) if s == "count" => Style::Count,
        Some((s, _)) if s == "quantity" => Style::Quantity,
        Some((s, l)) => return fail(l, format!("`style` is \"count\" (whole numbers) or \"quantity\" (three digits), not “{}”", crate::scenario::echo(&s))),
    };
    let t = text.trim();
    Ok(if unit.style == Style::Money || t.is_empty() { Unit { style, ..unit } } else { Unit::fixed(style, leak(format!(" {t}"))) })
}

const KNOWN: &[&str] = &["W", "kW", "MW", "GW", "TW", "Wh", "kWh", "MWh", "GWh", "TWh", "B", "KB", "MB", "GB", "TB", "PB", "EB", "s", "ms", "min", "h", "d", "days", "yr", "lb", "kg", "g", "t", "J", "BTU", "MMBtu", "m", "km", "°C", "K", "FLOPS", "TFLOPS", "PFLOPS"];

fn dim(parts: &[(usize, i8)]) -> Dim {
    let mut d = NONE;
    for &(i, e) in parts {
        d[i] = e;
    }
    d
}

/// A base unit's name and dimensions.
fn base(p: &str) -> Option<(&'static str, Dim)> {
    let d = match p {
        "W" | "kW" | "MW" | "GW" | "TW" => dim(&[(3, 1), (2, -1)]),
        "Wh" | "kWh" | "MWh" | "GWh" | "TWh" | "J" | "BTU" | "MMBtu" => dim(&[(3, 1)]),
        "B" | "KB" | "MB" | "GB" | "TB" | "PB" | "EB" => dim(&[(4, 1)]),
        "s" | "ms" | "µs" | "min" | "h" | "d" | "day" | "days" | "yr" | "year" | "years" => dim(&[(2, 1)]),
        "lb" | "kg" | "g" | "t" => dim(&[(1, 1)]),
        "m" | "km" | "cm" | "mm" => dim(&[(5, 1)]),
        "°C" | "K" => dim(&[(6, 1)]),
        "FLOPS" | "GFLOPS" | "TFLOPS" | "PFLOPS" => dim(&[(2, -1)]),
        _ => return None,
    };
    KNOWN.iter().find(|k| **k == p).map(|k| (*k, d)).or(Some(("", d)))
}

/// How many of the kind's base unit (kg, W, Wh, B, s, m) one of `p` is.
fn scale_of(p: &str) -> Option<f64> {
    Some(match p {
        "kg" | "W" | "Wh" | "B" | "s" | "m" => 1.0,
        "g" => 1e-3,
        "t" => 1e3,
        "lb" => KG_PER_LB,
        "kW" | "kWh" | "KB" | "km" => 1e3,
        "MW" | "MWh" | "MB" => 1e6,
        "GW" | "GWh" | "GB" => 1e9,
        "TW" | "TWh" | "TB" => 1e12,
        "PB" => 1e15,
        "ms" => 1e-3,
        "min" => 60.0,
        "h" => 3600.0,
        _ => return None,
    })
}

fn show_dim(d: &Dim) -> String {
    const NAMES: [&str; 7] = ["money", "mass", "time", "energy", "data", "length", "temperature"];
    let parts: Vec<String> = d.iter().zip(NAMES).filter(|(e, _)| **e != 0).map(|(e, n)| if *e == 1 { n.to_string() } else { format!("{n}^{e}") }).collect();
    if parts.is_empty() {
        "a plain number".into()
    } else {
        parts.join(" × ")
    }
}

/// What a formula's value is measured in, as far as the unit check can tell.
#[derive(Clone, Copy, Debug, PartialEq)]
enum D {
    /// A bare number: takes the dimensions it is combined with.
    Free,
    Known(Dim),
    /// Cannot tell (a mismatch already reported, or a function of a dimensioned value).
    Unknown,
}

fn dims_of(e: &Expr, slot_dims: &[D], const_dims: &[D], warn: &mut Vec<String>) -> D {
    let add = |a: D, b: D, warn: &mut Vec<String>, what: &str| match (a, b) {
        (D::Free, x) | (x, D::Free) => x,
        (D::Known(p), D::Known(q)) if p == q => a,
        (D::Known(p), D::Known(q)) => {
            warn.push(format!("{what} {} and {}", show_dim(&p), show_dim(&q)));
            D::Unknown
        }
        _ => D::Unknown,
    };
    match e {
        Expr::Num(_) => D::Free,
        Expr::Const(_, i) => const_dims.get(*i).copied().unwrap_or(D::Free),
        Expr::Slot(s) => slot_dims.get(*s).copied().unwrap_or(D::Unknown),
        Expr::Neg(a) => dims_of(a, slot_dims, const_dims, warn),
        Expr::Not(_) => D::Free,
        Expr::Bin(b, x, y) => {
            let (p, q) = (dims_of(x, slot_dims, const_dims, warn), dims_of(y, slot_dims, const_dims, warn));
            match b {
                Bin::Add | Bin::Sub => add(p, q, warn, "adds"),
                Bin::Lt | Bin::Le | Bin::Gt | Bin::Ge | Bin::Eq | Bin::Ne => {
                    add(p, q, warn, "compares");
                    D::Free
                }
                Bin::And | Bin::Or => D::Free,
                Bin::Mul | Bin::Div => match (p, q) {
                    (D::Free, D::Free) => D::Free,
                    (D::Unknown, _) | (_, D::Unknown) => D::Unknown,
                    _ => {
                        let k = |d: D| if let D::Known(d) = d { d } else { NONE };
                        let s = if *b == Bin::Mul { 1 } else { -1 };
                        D::Known(std::array::from_fn(|i| k(p)[i] + s * k(q)[i]))
                    }
                },
                Bin::Pow => match (p, &**y) {
                    (D::Free, _) => D::Free,
                    (D::Known(d), Expr::Num(n)) if n.fract() == 0.0 && n.abs() < 8.0 => D::Known(d.map(|x| x * *n as i8)),
                    (D::Known(d), _) if d == NONE => D::Known(NONE),
                    _ => D::Unknown,
                },
            }
        }
        Expr::Call(f, args) => {
            let ds: Vec<D> = args.iter().map(|a| dims_of(a, slot_dims, const_dims, warn)).collect();
            match f {
                Func::If => add(ds[1], ds[2], warn, "chooses between"),
                Func::Min | Func::Max | Func::Clamp => {
                    let from = if *f == Func::Clamp { &ds[..] } else { &ds[..] };
                    from.iter().skip(1).fold(from[0], |a, b| add(a, *b, warn, "compares"))
                }
                Func::Ceil | Func::Floor | Func::Round | Func::Abs => ds[0],
                Func::Drives => D::Free,
                Func::Sqrt => match ds[0] {
                    D::Known(d) if d.iter().all(|x| x % 2 == 0) => D::Known(d.map(|x| x / 2)),
                    D::Free => D::Free,
                    _ => D::Unknown,
                },
                Func::Exp | Func::Ln | Func::Log10 => D::Free,
            }
        }
    }
}

/// Built-in constants formulas can name: name, value, what it is (README), its dimensions.
pub const CONSTANTS: &[(&str, f64, &str, Dim)] = &[
    ("pi", std::f64::consts::PI, "π", NONE),
    ("kg_per_lb", KG_PER_LB, "kilograms in a pound (exact)", NONE),
    ("lb_per_kg", 1.0 / KG_PER_LB, "pounds in a kilogram", NONE),
    ("hours_per_year", 8760.0, "hours in a 365-day year", NONE),
    ("seconds_per_hour", 3600.0, "seconds in an hour", NONE),
    // W/(m²·K⁴): energy / time / length² / temperature⁴.
    ("sigma", 5.670_374_419e-8, "the Stefan–Boltzmann constant, W/(m²·K⁴)", [0, 0, -1, 1, 0, -2, -4]),
    ("kelvin", 273.15, "0 °C in kelvin (add it to a °C value)", NONE),
    ("nan", f64::NAN, "no value: an output that does not apply (its `empty` words are shown)", NONE),
];

fn valid_key(k: &str) -> bool {
    let mut c = k.chars();
    c.next().is_some_and(|f| f.is_ascii_lowercase()) && c.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') && k.len() <= 40
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 60 && id.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// Reads a model file. Nothing is leaked unless the whole file is good.
pub fn load(src: &str) -> std::result::Result<Loaded, Error> {
    let root = toml::parse(src).map_err(|e| Error { line: e.line, message: e.message })?;
    build(&root)
}

/// One input as read, before it becomes a spec.
struct InputDef {
    key: String,
    line: usize,
    spec: ParamSpec,
    dims: D,
    range: Option<(f64, f64, String)>,
    labels: &'static [&'static str],
}

fn build(root: &Table) -> Result<Loaded> {
    let top = Fields::new(root, 0, "the model");
    let (id, id_line) = top.need_str("id")?;
    if !valid_id(&id) {
        return fail(id_line, format!("the id “{}” must be kebab-case: lower-case letters and digits joined by “-” (`prefill-cost`)", crate::scenario::echo(&id)));
    }
    let (title, _) = top.need_str("title")?;
    let version = match top.num("version")? {
        None => 1,
        Some((v, l)) if v < 1.0 || v > 1e6 || v.fract() != 0.0 => return fail(l, "`version` must be a whole number from 1"),
        Some((v, _)) => v as u32,
    };

    // Inputs.
    let mut inputs: Vec<InputDef> = Vec::new();
    let input_tables = top.tables("input")?;
    if input_tables.len() > MAX_ITEMS {
        return fail(0, format!("a model may have at most {MAX_ITEMS} inputs"));
    }
    // The publication most inputs cite, for number and preset inputs that name none of their own.
    let cite = top.text("cite")?;
    for (t, line) in &input_tables {
        let mut def = input(t, *line)?;
        if t.get("cite").is_none() && matches!(def.spec.kind, Kind::Number { .. } | Kind::Preset(_)) && !cite.is_empty() {
            def.spec.cite = leak(cite.clone());
        }
        if let Some(prev) = inputs.iter().find(|i| i.key == def.key) {
            return fail(*line, format!("the input `{}` is declared twice (first on line {})", def.key, prev.line));
        }
        inputs.push(def);
    }
    // `shown_if` and presets' `fills` name switches and numbers declared anywhere.
    for (n, (t, line)) in input_tables.iter().enumerate() {
        if let Some(Item { value: Value::Str(k), line: l }) = t.get("shown_if") {
            match inputs.iter().position(|i| &i.key == k) {
                Some(j) if inputs[j].spec.kind == Kind::Toggle => inputs[n].spec.shown_if = Some(inputs[j].spec.key),
                Some(_) => return fail(*l, format!("`shown_if = \"{k}\"`: `{k}` is not a switch")),
                None => return fail(*l, unknown_input(k, &inputs)),
            }
        }
        if let Kind::Preset(p) = inputs[n].spec.kind {
            for key in p.fills {
                match inputs.iter().find(|i| i.key == *key) {
                    Some(i) if matches!(i.spec.kind, Kind::Number { .. }) => {}
                    Some(_) => return fail(*line, format!("the preset `{}` fills `{key}`, which is not a number input", inputs[n].key)),
                    None => return fail(*line, unknown_input(key, &inputs)),
                }
            }
        }
    }
    // Groups: consecutive inputs under one heading; `folded` names the groups that start closed.
    for (n, (_, line)) in input_tables.iter().enumerate().skip(1) {
        let g = inputs[n].spec.group;
        if !g.is_empty() && g != inputs[n - 1].spec.group && inputs[..n - 1].iter().any(|i| i.spec.group == g) {
            return fail(*line, format!("the group “{g}” is split: put its inputs next to each other"));
        }
    }
    for (g, l) in top.strings("folded")? {
        if !inputs.iter().any(|i| i.spec.group == g) {
            return fail(l, format!("`folded` names the group “{}”, which no input has (`group = \"…\"`)", crate::scenario::echo(&g)));
        }
        inputs.iter_mut().filter(|i| i.spec.group == g).for_each(|i| i.spec.folded = true);
    }
    // A preset that names its starting option fills its inputs' defaults with that option.
    for k in 0..inputs.len() {
        if let (Kind::Preset(p), d) = (inputs[k].spec.kind, inputs[k].spec.default) {
            if let Some(fill) = p.values.get(d as usize).filter(|_| d.is_finite()) {
                for (key, &v) in p.fills.iter().zip(*fill) {
                    if let Some(t) = inputs.iter_mut().find(|i| i.key == *key) {
                        if t.spec.sanitize(v) != (v, None) {
                            return fail(inputs[k].line, format!("the preset `{}` sets `{key}` to {}, outside its range", inputs[k].key, n(v)));
                        }
                        t.spec.default = v;
                    }
                }
            }
        }
    }
    for i in inputs.iter_mut().filter(|i| i.spec.default.is_nan()) {
        i.spec.default = 0.0;
    }

    // Several charts: a view input chooses between them.
    let chart_tables = top.tables("chart")?;
    if chart_tables.len() > 12 {
        return fail(0, "a model may have at most 12 charts");
    }
    // Several charts: a view input chooses between them, where an `[[input]]` of `kind = "view"`
    // puts it (else last, as `view`).
    let declared = inputs.iter().position(|i| matches!(i.spec.kind, Kind::View(..)));
    let view = if chart_tables.len() > 1 {
        let mut names = Vec::new();
        let mut labels = Vec::new();
        for (t, line) in &chart_tables {
            let name = match t.get("name") {
                Some(Item { value: Value::Str(s), .. }) if !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_') => s.clone(),
                _ => return fail(*line, "with several charts, each needs `name = \"…\"` (lower-case: links carry it)"),
            };
            let label = match t.get("label") {
                Some(Item { value: Value::Str(s), .. }) => s.clone(),
                _ => name.clone(),
            };
            names.push(&*leak(name));
            labels.push(&*leak(label));
        }
        let kind = Kind::View(leak_slice(names), leak_slice(labels));
        match declared {
            Some(at) => {
                inputs[at].spec.kind = kind;
                Some(at)
            }
            None if inputs.iter().any(|i| i.key == "view") => return fail(0, "with several charts, the key `view` is the chart's: declare it as `kind = \"view\"`"),
            None => {
                inputs.push(InputDef { key: "view".into(), line: 0, spec: ParamSpec::display("view", "Chart", kind), dims: D::Free, range: None, labels: &[] });
                Some(inputs.len() - 1)
            }
        }
    } else {
        if let Some(at) = declared {
            return fail(inputs[at].line, "an input of `kind = \"view\"` chooses between charts: this model has fewer than two");
        }
        None
    };

    // Names: inputs, [let] values, outputs; constants.
    let n_inputs = inputs.len();
    // `name = "formula"`, or `name = { formula = "…", unit = "…" }` for a value the summary shows.
    let lets: Vec<(String, String, usize, Unit, Option<Dim>)> = match top.table("let")? {
        None => Vec::new(),
        Some((t, _)) => t
            .entries
            .iter()
            .map(|(k, i)| match &i.value {
                Value::Str(f) => Ok((k.clone(), f.clone(), i.line, PLAIN, None)),
                Value::Num(x) => Ok((k.clone(), n(*x), i.line, PLAIN, None)),
                Value::Table(t) => {
                    let f = Fields::new(t, i.line, format!("the value `{k}`"));
                    let formula = f.need_str("formula")?.0;
                    let (u, ul) = f.str("unit")?.unwrap_or_default();
                    let (unit, dims) = unit(&u).map_err(|m| Error { line: ul.max(i.line), message: m })?;
                    let dims = match f.str("checked_as")? {
                        None => dims,
                        Some((c, cl)) => self::unit(&c).map_err(|m| Error { line: cl, message: m })?.1,
                    };
                    f.done()?;
                    // A declared unit is checked, like an output's.
                    Ok((k.clone(), formula, i.line, unit, Some(dims)))
                }
                _ => fail(i.line, format!("`{k}` under [let] must be a formula in quotes")),
            })
            .collect::<Result<_>>()?,
    };
    // `name = NUMBER`, or `name = { value = NUMBER, unit = "…", source = "…" }` (the unit is
    // what the unit check reads).
    let consts: Vec<(String, f64, D)> = match top.table("constants")? {
        None => Vec::new(),
        Some((t, _)) => t
            .entries
            .iter()
            .map(|(k, i)| match &i.value {
                Value::Num(x) => Ok((k.clone(), *x, D::Free)),
                Value::Table(t) => {
                    let f = Fields::new(t, i.line, format!("the constant `{k}`"));
                    let value = f.need_num("value")?.0;
                    let (u, ul) = f.str("unit")?.unwrap_or_default();
                    let dims = unit(&u).map_err(|m| Error { line: ul.max(i.line), message: m })?.1;
                    let _ = f.text("source")?;
                    f.done()?;
                    Ok((k.clone(), value, if u.is_empty() { D::Free } else { D::Known(dims) }))
                }
                _ => fail(i.line, format!("the constant `{k}` must be a number, or `{{ value = …, unit = \"…\" }}`")),
            })
            .collect::<Result<_>>()?,
    };
    for (k, _, _) in &consts {
        if !valid_key(k) || CONSTANTS.iter().any(|c| c.0 == k) || formula::FUNCTIONS.iter().any(|f| f.0 == k) {
            return fail(0, format!("the constant `{k}` needs a new lower_snake_case name"));
        }
    }
    let const_dims: Vec<D> = CONSTANTS.iter().map(|c| if c.3 == NONE { D::Free } else { D::Known(c.3) }).chain(consts.iter().map(|c| c.2)).collect();
    let output_tables = top.tables("output")?;
    if output_tables.is_empty() {
        return fail(0, "a model needs at least one [[output]] with a formula");
    }
    if output_tables.len() > MAX_ITEMS || lets.len() > MAX_ITEMS {
        return fail(0, format!("a model may have at most {MAX_ITEMS} outputs and {MAX_ITEMS} [let] values"));
    }
    let mut names: Vec<String> = inputs.iter().map(|i| i.key.clone()).collect();
    for (k, _, line, _, _) in &lets {
        check_new(k, *line, &names, &consts)?;
        names.push(k.clone());
    }
    let (mut out_defs, mut empty_items) = (Vec::new(), Vec::new());
    for (t, line) in &output_tables {
        let f = Fields::new(t, *line, "an [[output]]");
        let (key, kl) = f.need_str("key")?;
        let what = format!("the output `{key}`");
        let f = Fields { what, ..f };
        check_new(&key, kl, &names, &consts)?;
        names.push(key.clone());
        let label = f.need_str("label")?.0;
        let (unit_text, ul) = f.str("unit")?.unwrap_or_default();
        let (unit, dims) = unit(&unit_text).map_err(|m| Error { line: ul.max(*line), message: m })?;
        let unit = restyle(&f, unit, &unit_text)?;
        // What the unit check compares the formula with, where the label carries part of the
        // unit ("Power cost per GPU-hour" in `$`, checked as `$/h`).
        let dims = match f.str("checked_as")? {
            None => dims,
            Some((c, cl)) => self::unit(&c).map_err(|m| Error { line: cl, message: m })?.1,
        };
        let (formula, fl) = f.need_str("formula")?;
        let shown_if = match f.str("shown_if")? {
            None => None,
            Some((k, l)) => match inputs.iter().position(|i| i.key == k) {
                Some(j) if inputs[j].spec.kind == Kind::Toggle => Some(j),
                Some(_) => return fail(l, format!("`shown_if = \"{k}\"`: `{k}` is not a switch")),
                None => return fail(l, unknown_input(&k, &inputs)),
            },
        };
        let spec = OutputSpec {
            key: leak(key.clone()),
            label: leak(label),
            unit,
            shown_if: shown_if.map(|j| inputs[j].spec.key),
            headline: f.bool("headline")?.unwrap_or(false),
            group: f.str("group")?.map(|g| &*leak(g.0)),
            empty: leak(fallback(f.item("empty"), &key)?),
            folded: f.bool("folded")?.unwrap_or(false),
            labels: leak_slice(f.strings("labels")?.into_iter().map(|l| &*leak(l.0)).collect()),
        };
        if spec.folded && (spec.headline || spec.group.is_some()) {
            return fail(*line, format!("`folded` is for cards: the output `{key}` is a headline or in a group"));
        }
        f.done()?;
        out_defs.push((spec, formula, fl, shown_if, dims, ul.max(*line)));
        empty_items.push(t.get("empty"));
    }

    let slot_of = |name: &str| names.iter().position(|n| n == name);
    let resolve = |name: &str| -> Option<Expr> {
        slot_of(name).map(Expr::Slot).or_else(|| consts.iter().position(|c| c.0 == name).map(|i| Expr::Const(consts[i].1, CONSTANTS.len() + i))).or_else(|| CONSTANTS.iter().position(|c| c.0 == name).map(|i| Expr::Const(CONSTANTS[i].1, i)))
    };
    let known = || names.iter().cloned().chain(consts.iter().map(|c| c.0.clone())).chain(CONSTANTS.iter().map(|c| c.0.to_string())).collect::<Vec<_>>();
    let compile = |src: &str, line: usize| -> Result<Expr> { formula::parse(src, &resolve, &known).map_err(|e| Error { line, message: format!("{} (in `{}`)", e.message, clip(src)) }) };

    // Formulas: [let] values, then outputs, each in its slot.
    let n_lets = lets.len();
    let mut trees: Vec<(usize, Expr, usize)> = Vec::new();
    for (n, (_, src, line, _, _)) in lets.iter().enumerate() {
        trees.push((n_inputs + n, compile(src, *line)?, *line));
    }
    for (n, d) in out_defs.iter().enumerate() {
        trees.push((n_inputs + n_lets + n, compile(&d.1, d.2)?, d.2));
    }
    let n_slots = n_inputs + n_lets + out_defs.len();
    let order = dependency_order(&trees, &names, n_inputs)?;
    // Words for an output without a value that depend on the scenario (`empty` as a list).
    let mut empties = Vec::new();
    for (o, item) in empty_items.into_iter().enumerate() {
        let cases: Vec<(Vec<Op>, &'static str)> =
            cases(item, "empty", "words", &compile)?.into_iter().filter_map(|(text, _, when)| Some((when?, &*leak(text)))).collect();
        if !cases.is_empty() {
            empties.push((o, cases));
        }
    }

    // The unit check: each output's formula against its declared unit.
    let mut warnings = Vec::new();
    let mut slot_dims: Vec<D> = inputs.iter().map(|i| i.dims).collect();
    slot_dims.resize(n_slots, D::Unknown);
    for &k in &order {
        let (slot, tree, line) = &trees[k];
        let mut w = Vec::new();
        let d = dims_of(tree, &slot_dims, &const_dims, &mut w);
        let name = &names[*slot];
        for m in w {
            warnings.push(Error { line: *line, message: format!("`{name}` {m}: check its units") });
        }
        let declared_let = (*slot >= n_inputs && *slot < n_inputs + n_lets).then(|| lets[*slot - n_inputs].4).flatten();
        if let Some(declared) = declared_let {
            if let D::Known(found) = d {
                if found != declared {
                    warnings.push(Error { line: *line, message: format!("`{name}` is declared as {} but its formula gives {}", show_dim(&declared), show_dim(&found)) });
                }
            }
            slot_dims[*slot] = D::Known(declared);
        } else if *slot >= n_inputs + n_lets {
            let declared = out_defs[*slot - n_inputs - n_lets].4;
            if let D::Known(found) = d {
                if found != declared {
                    let def = &out_defs[*slot - n_inputs - n_lets];
                    warnings.push(Error {
                        line: def.5,
                        message: format!("`{name}` is declared in `{}` ({}) but its formula gives {}", def.0.unit.symbol(0).trim(), show_dim(&declared), show_dim(&found)),
                    });
                }
            }
            slot_dims[*slot] = D::Known(declared);
        } else {
            slot_dims[*slot] = d;
        }
    }

    let mut units: Vec<Unit> = inputs.iter().map(|i| i.spec.unit).collect();
    units.extend(lets.iter().map(|l| l.3));
    units.extend(out_defs.iter().map(|d| d.0.unit));
    let mut labels: Vec<&'static [&'static str]> = inputs.iter().map(|i| i.labels).collect();
    labels.resize(n_slots, &[]);
    // A readout with labels shows one in the summary too.
    for (n, d) in out_defs.iter().enumerate() {
        if let Some(l) = labels.get_mut(n_slots - out_defs.len() + n) {
            *l = d.0.labels;
        }
    }
    let input_index = |k: &str| inputs.iter().position(|i| i.key == k);

    // Charts.
    let mut charts = Vec::new();
    for (t, line) in &chart_tables {
        charts.push(chart(t, *line, &inputs, &out_defs, &slot_of, &compile, n_inputs + n_lets)?);
    }

    // The summary: one sentence, or a list of sentences with conditions.
    let mut summary = Vec::new();
    for (text, line, when) in cases(top.item("summary"), "summary", "sentences", &compile)? {
        summary.push((when, template(&text, line, &slot_of, &known)?));
    }

    // Links: migrations from older versions.
    let mut migrations = Vec::new();
    for (t, line) in top.tables("migration")? {
        let f = Fields::new(t, line, "a [[migration]]");
        let to = match f.item("to") {
            Some(Item { value: Value::Num(v), .. }) if *v >= 1.0 && v.fract() == 0.0 && *v <= version as f64 => *v as u32,
            Some(Item { value: Value::Str(s), .. }) if s == "any" => model::ALIAS,
            _ => return fail(line, format!("a [[migration]] needs `to = VERSION` (2 to {version}) or `to = \"any\"` (another name read in every link)")),
        };
        let pairs = |name: &'static str| -> Result<Vec<(String, Item)>> {
            Ok(match f.table(name)? {
                None => Vec::new(),
                Some((t, _)) => t.entries.clone(),
            })
        };
        let mut renames = Vec::new();
        for (old, item) in pairs("renames")? {
            match &item.value {
                Value::Str(new) if input_index(new).is_some() => renames.push((&*leak(old), &*leak(new.clone()))),
                Value::Str(new) => return fail(item.line, unknown_input(new, &inputs)),
                _ => return fail(item.line, "`renames` maps an old key to a new one: `old_key = \"new_key\"`"),
            }
        }
        let mut scales = Vec::new();
        for (key, item) in pairs("scales")? {
            match (&item.value, input_index(&key)) {
                (Value::Num(x), Some(_)) if *x != 0.0 => scales.push((&*leak(key), *x)),
                (_, None) => return fail(item.line, unknown_input(&key, &inputs)),
                _ => return fail(item.line, "`scales` gives a key its factor: `key = 0.4536`"),
            }
        }
        let mut options = Vec::new();
        for (o, ol) in f.tables("options")? {
            let g = Fields::new(o, ol, "a migration option");
            let key = g.need_str("key")?.0;
            let old = g.need_str("old")?.0;
            let (becomes, bl) = g.need_str("becomes")?;
            let value = g.need_num("value")?.0;
            g.done()?;
            if input_index(&becomes).is_none() {
                return fail(bl, unknown_input(&becomes, &inputs));
            }
            options.push((&*leak(key), &*leak(old), &*leak(becomes), value));
        }
        f.done()?;
        migrations.push(Migration { to, renames: leak_slice(renames), scales: leak_slice(scales), options: leak_slice(options) });
    }
    sort_by(&mut migrations, |a, b| a.to < b.to);

    // Ranges: the tornado's output, the bands, the claim.
    let headline_default = out_defs.iter().find(|d| d.0.headline).or(out_defs.first()).map(|d| d.0.key).unwrap_or("");
    let mut spec = Spec { headline: headline_default, band: None, claim: None, defaults: &[] };
    if let Some((t, line)) = top.table("uncertainty")? {
        let f = Fields::new(t, line, "[uncertainty]");
        let output = |k: &str, l: usize| out_defs.iter().find(|d| d.0.key == k).map(|d| d.0.key).ok_or_else(|| Error { line: l, message: unknown_output(k, &out_defs) });
        if let Some((h, l)) = f.str("headline")? {
            spec.headline = output(&h, l)?;
        }
        let band = f.strings("band")?;
        if !band.is_empty() {
            let x = chart_tables.iter().find(|(t, _)| t.get("x").is_some()).and_then(|(t, _)| match t.get("x") {
                Some(Item { value: Value::Str(s), .. }) => inputs.iter().find(|i| &i.key == s).map(|i| i.spec.key),
                _ => None,
            });
            let Some(x) = x else { return fail(line, "`band` draws bands along the x input of the first line chart: this model has none") };
            let colours = [Emphasis::Primary, Emphasis::Secondary, Emphasis::Tertiary];
            let outs = band.iter().enumerate().map(|(n, (k, l))| output(k, *l).map(|k| (k, colours[n.min(2)]))).collect::<Result<Vec<_>>>()?;
            spec.band = Some((x, leak_slice(outs)));
        }
        if let Some((c, cl)) = f.table("claim")? {
            let g = Fields::new(c, cl, "the claim");
            let label = g.need_str("label")?.0;
            let (o, ol) = g.need_str("output")?;
            let below = g.str("below")?.map(|(b, l)| output(&b, l)).transpose()?;
            g.done()?;
            spec.claim = Some(Claim { label: leak(label), output: output(&o, ol)?, below });
        }
        f.done()?;
    }
    spec.defaults = leak_slice(
        inputs.iter().filter_map(|i| i.range.as_ref().map(|(lo, hi, source)| DefaultRange { key: i.spec.key, lo: *lo, hi: *hi, source: leak(source.clone()) })).collect(),
    );
    top.done()?;

    let program = Program {
        n_inputs,
        order: order.iter().map(|&k| (trees[k].0, formula::compile(&trees[k].1))).collect(),
        outputs: out_defs.iter().enumerate().map(|(n, d)| (n_inputs + n_lets + n, d.3)).collect(),
        n_slots,
        charts,
        view,
        summary,
        units,
        labels,
        empties,
    };

    // Every output is a number at the defaults, unless it says what it shows when it does not apply.
    let mut params: Vec<ParamSpec> = inputs.iter().map(|i| i.spec).collect();
    let mut defaults = model::defaults(&params);
    model::settle(&params, &mut defaults);
    // A preset's default is the option its filled inputs' defaults match (else "custom").
    for (p, d) in params.iter_mut().zip(&defaults) {
        p.default = *d;
    }
    let mut out = Vec::new();
    program.compute(&defaults, &mut out);
    for (d, v) in out_defs.iter().zip(&out) {
        if !d.0.labels.is_empty() && v.is_finite() && (v.fract() != 0.0 || *v < 0.0 || *v as usize >= d.0.labels.len()) {
            return fail(d.2, format!("`{}` has {} labels, so its formula must give 0 to {} (it gives {} at the defaults)", d.0.key, d.0.labels.len(), d.0.labels.len() - 1, n(*v)));
        }
        let off = d.3.is_some_and(|j| defaults[j] == 0.0);
        if !v.is_finite() && !off && d.0.empty.is_empty() {
            return fail(d.2, format!("`{}` is not a number at the defaults (a division by zero, or a value that does not apply? then say so with `empty = \"…\"`)", d.0.key));
        }
    }

    // A bar's total is what its parts add up to (checked where the author can see it: at the
    // defaults).
    let at_defaults = program.slots(&defaults);
    for chart in &program.charts {
        let ChartSpec::Bars { bars, .. } = chart else { continue };
        for (label, parts, total) in bars {
            let Some((t, line)) = *total else { continue };
            let sum: f64 = parts.iter().map(|p| at_defaults[p.1]).sum();
            if (at_defaults[t] - sum).abs() > 1e-9 * sum.abs().max(1.0) {
                let key = out_defs[t - (n_inputs + n_lets)].0.key;
                return fail(line, format!("the bar “{label}” says its total is `{key}`, but at the defaults `{key}` is {} and its parts add up to {}", n(at_defaults[t]), n(sum)));
            }
        }
    }

    let model: &'static Model = Box::leak(Box::new(Model {
        id: leak(id),
        title: leak(title),
        params: leak_slice(params),
        outputs: leak_slice(out_defs.into_iter().map(|d| d.0).collect()),
        logic: model::Logic::File(Box::leak(Box::new(program))),
        version,
        migrations: leak_slice(migrations),
        uncertainty: spec,
    }));
    Ok(Loaded { model, warnings })
}

/// An output's `empty` words where no `when` holds: the text, or the list's last entry, which
/// must be a plain text.
fn fallback(item: Option<&Item>, key: &str) -> Result<String> {
    match item.map(|i| (&i.value, i.line)) {
        None => Ok(String::new()),
        Some((Value::Str(s), _)) => Ok(s.clone()),
        Some((Value::Arr(items), line)) => match items.last().map(|i| &i.value) {
            Some(Value::Str(s)) => Ok(s.clone()),
            _ => fail(line, format!("the output `{key}`'s `empty` list must end with a plain text: the words when no `when` holds")),
        },
        Some((_, line)) => fail(line, format!("`empty` of the output `{key}` must be a text, or a list of texts with `when`")),
    }
}

/// A text, or a list of texts each with an optional `when` formula (the first that holds is
/// used): `summary`'s sentences, an output's `empty` words. `(text, line, when)`.
fn cases(item: Option<&Item>, name: &str, what: &str, compile: &dyn Fn(&str, usize) -> Result<Expr>) -> Result<Vec<(String, usize, Option<Vec<Op>>)>> {
    let mut out = Vec::new();
    match item {
        None => {}
        Some(Item { value: Value::Str(s), line }) => out.push((s.clone(), *line, None)),
        Some(Item { value: Value::Arr(items), .. }) => {
            for i in items {
                match &i.value {
                    Value::Str(s) => out.push((s.clone(), i.line, None)),
                    Value::Table(t) => {
                        let f = Fields::new(t, i.line, format!("a `{name}` entry"));
                        let (text, tl) = f.need_str("text")?;
                        let when = f.str("when")?.map(|(w, l)| compile(&w, l).map(|e| formula::compile(&e))).transpose()?;
                        f.done()?;
                        out.push((text, tl, when));
                    }
                    _ => return fail(i.line, format!("`{name}` lists {what}: texts, or `{{ text = \"…\", when = \"formula\" }}`")),
                }
            }
        }
        Some(i) => return fail(i.line, format!("`{name}` must be a text, or a list of {what}")),
    }
    Ok(out)
}

fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

fn check_new(k: &str, line: usize, names: &[String], consts: &[(String, f64, D)]) -> Result<()> {
    if !valid_key(k) {
        return fail(line, format!("the name “{}” must be lower_snake_case: a–z, digits and “_”, starting with a letter", crate::scenario::echo(k)));
    }
    if names.iter().any(|n| n == k) {
        return fail(line, format!("the name `{k}` is used twice"));
    }
    if consts.iter().any(|c| c.0 == k) || CONSTANTS.iter().any(|c| c.0 == k) || formula::FUNCTIONS.iter().any(|f| f.0 == k) || matches!(k, "and" | "or" | "not") {
        return fail(line, format!("`{k}` is already a constant or function name"));
    }
    Ok(())
}

fn unknown_input(k: &str, inputs: &[InputDef]) -> String {
    let keys: Vec<String> = inputs.iter().map(|i| i.key.clone()).collect();
    let hint = formula::suggest(k, &keys).map(|s| format!(" — did you mean `{s}`?")).unwrap_or_default();
    format!("there is no input `{k}`{hint}")
}

fn unknown_output(k: &str, outs: &[(OutputSpec, String, usize, Option<usize>, Dim, usize)]) -> String {
    let keys: Vec<String> = outs.iter().map(|o| o.0.key.to_string()).collect();
    let hint = formula::suggest(k, &keys).map(|s| format!(" — did you mean `{s}`?")).unwrap_or_default();
    format!("there is no output `{k}`{hint}")
}

/// The formulas in an order where each comes after what it reads; a cycle is an error naming it.
fn dependency_order(trees: &[(usize, Expr, usize)], names: &[String], n_inputs: usize) -> Result<Vec<usize>> {
    let by_slot = |s: usize| trees.iter().position(|t| t.0 == s);
    let deps: Vec<Vec<usize>> = trees
        .iter()
        .map(|t| {
            let mut s = Vec::new();
            formula::slots(&t.1, &mut s);
            s.into_iter().filter(|&s| s >= n_inputs).filter_map(by_slot).collect()
        })
        .collect();
    // 0 = not visited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; trees.len()];
    let mut order = Vec::new();
    for start in 0..trees.len() {
        if state[start] != 0 {
            continue;
        }
        // Iterative depth-first search (no recursion depth to exhaust).
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&d) = deps[node].get(*next) {
                *next += 1;
                match state[d] {
                    0 => {
                        state[d] = 1;
                        path.push((d, 0));
                    }
                    1 => {
                        let from = path.iter().position(|p| p.0 == d).unwrap_or(0);
                        let cycle: Vec<&str> = path[from..].iter().map(|p| names[trees[p.0].0].as_str()).chain([names[trees[d].0].as_str()]).collect();
                        return fail(trees[d].2, format!("the formulas go round in a circle: {}", cycle.join(" → ")));
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                order.push(node);
                path.pop();
            }
        }
    }
    Ok(order)
}

/// Splits a sentence into text and `{name}` placeholders (`{{` for a brace).
fn template(text: &str, line: usize, slot_of: &dyn Fn(&str) -> Option<usize>, known: &dyn Fn() -> Vec<String>) -> Result<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut buf = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        buf.push_str(&rest[..i]);
        let (c, after) = (rest.as_bytes()[i], &rest[i + 1..]);
        if after.starts_with(c as char) {
            buf.push(c as char);
            rest = &after[1..];
            continue;
        }
        if c == b'}' {
            return fail(line, "a `}` without its `{` in the summary (write `}}` for a brace)");
        }
        let Some(end) = after.find('}') else { return fail(line, "a `{` without its `}` in the summary") };
        let mut parts = after[..end].split('|').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let nouns: Vec<&str> = parts.collect();
        if !nouns.is_empty() && (nouns.len() != 2 || nouns.iter().any(|n| n.is_empty())) {
            return fail(line, format!("`{{{}}}`: a counted noun is `{{{name}|one|many}}` (`{{gpus|GPU|GPUs}}`)", &after[..end]));
        }
        match slot_of(name) {
            Some(s) => {
                pieces.push(Piece::Text(std::mem::take(&mut buf)));
                pieces.push(match nouns[..] {
                    [one, many] => Piece::Counted(s, one.to_string(), many.to_string()),
                    _ => Piece::Slot(s),
                });
            }
            None => {
                let hint = formula::suggest(name, &known()).map(|s| format!(" — did you mean `{s}`?")).unwrap_or_default();
                return fail(line, format!("unknown name `{name}` in the summary{hint}"));
            }
        }
        rest = &after[end + 1..];
    }
    buf.push_str(rest);
    pieces.push(Piece::Text(buf));
    Ok(pieces)
}

fn input(t: &Table, line: usize) -> Result<InputDef> {
    let f = Fields::new(t, line, "an [[input]]");
    let (key, kl) = f.need_str("key")?;
    if !valid_key(&key) || matches!(key.as_str(), "and" | "or" | "not") || formula::FUNCTIONS.iter().any(|x| x.0 == key) || CONSTANTS.iter().any(|c| c.0 == key) {
        return fail(kl, format!("the key “{}” must be a new lower_snake_case name: a–z, digits and “_”, starting with a letter", crate::scenario::echo(&key)));
    }
    let f = Fields { what: format!("the input `{key}`"), ..f };
    let label = f.need_str("label")?.0;
    let source = f.text("source")?;
    let cite = f.text("cite")?;
    let _ = f.str("shown_if")?; // resolved once every input is known
    let kind_name = f.str("kind")?.map(|k| k.0).unwrap_or_else(|| "number".into());
    let mut labels: &'static [&'static str] = &[];
    let (kind, unit, dims, default, range) = match kind_name.as_str() {
        "number" => {
            let (unit_text, ul) = f.str("unit")?.unwrap_or_default();
            let (unit, dims) = self::unit(&unit_text).map_err(|m| Error { line: ul.max(line), message: m })?;
            let unit = restyle(&f, unit, &unit_text)?;
            let (min, ml) = f.need_num("min")?;
            let (max, xl) = f.need_num("max")?;
            let (default, dl) = f.need_num("default")?;
            let scale = match f.str("scale")? {
                None => Scale::Linear,
                Some((s, _)) if s == "linear" => Scale::Linear,
                Some((s, _)) if s == "log" => Scale::Log,
                Some((s, l)) => return fail(l, format!("`scale` is \"linear\" or \"log\", not “{}”", crate::scenario::echo(&s))),
            };
            if min >= max {
                return fail(xl, format!("`max` ({}) must be above `min` ({})", n(max), n(min)));
            }
            if scale == Scale::Log && min <= 0.0 {
                return fail(ml, "a log scale needs `min` above 0");
            }
            if !(min..=max).contains(&default) {
                return fail(dl, format!("the default {} of `{key}` is outside its range {} to {}", n(default), n(min), n(max)));
            }
            let step = match f.num("step")? {
                Some((s, l)) if s < 0.0 || s > max - min => return fail(l, "`step` must be 0 (any value) or a positive number smaller than the range"),
                Some((s, _)) => s,
                None if unit.style == Style::Count => 1.0,
                None => 0.0,
            };
            let range = match f.table("range")? {
                None => None,
                Some((r, rl)) => {
                    let g = Fields::new(r, rl, format!("the range of `{key}`"));
                    let lo = g.need_num("lo")?.0;
                    let hi = g.need_num("hi")?.0;
                    let source = g.text("source")?;
                    g.done()?;
                    if !(min <= lo && lo < hi && hi <= max) {
                        return fail(rl, format!("the range {} to {} must rise and sit inside {} to {}", n(lo), n(hi), n(min), n(max)));
                    }
                    Some((lo, hi, source))
                }
            };
            (Kind::Number { min, max, step, scale }, unit, D::Known(dims), default, range)
        }
        "switch" => (Kind::Toggle, PLAIN, D::Free, if f.bool("default")?.unwrap_or(false) { 1.0 } else { 0.0 }, None),
        // Which chart is shown: its options are the charts' names (filled in once they are read).
        "view" => (Kind::View(&[], &[]), PLAIN, D::Free, 0.0, None),
        "choice" | "units" => {
            let options = f.strings("options")?;
            if options.len() < 2 || options.len() > 12 {
                return fail(line, format!("`{key}` needs `options = [\"…\", \"…\"]`: 2 to 12 of them"));
            }
            for (o, l) in &options {
                if o.is_empty() || o.len() > 40 || !o.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
                    return fail(*l, format!("the option “{}” must be letters, digits, “_” or “-” (links carry it)", crate::scenario::echo(o)));
                }
            }
            let shown = f.strings("labels")?;
            if !shown.is_empty() && shown.len() != options.len() {
                return fail(line, "`labels` needs one label per option");
            }
            let names = leak_slice(options.iter().map(|o| &*leak(o.0.clone())).collect());
            labels = if shown.is_empty() { names } else { leak_slice(shown.into_iter().map(|o| &*leak(o.0)).collect()) };
            let default = match f.str("default")? {
                None => 0.0,
                Some((d, l)) => match options.iter().position(|o| o.0 == d) {
                    Some(i) => i as f64,
                    None => return fail(l, format!("the default “{}” is not one of the options", crate::scenario::echo(&d))),
                },
            };
            // The control shows the option names; `labels` are what the summary says.
            let kind = if kind_name == "units" { Kind::UnitSystem(names) } else { Kind::Choice(names) };
            (kind, PLAIN, D::Free, default, None)
        }
        "preset" => {
            let fills = f.strings("fills")?;
            let opts = f.tables("options")?;
            if fills.is_empty() || opts.is_empty() {
                return fail(line, format!("the preset `{key}` needs `fills = [\"key\", …]` and `options = [{{ name = \"…\", label = \"…\", values = […] }}, …]`"));
            }
            let mut names = Vec::new();
            let mut shown = Vec::new();
            let mut values = Vec::new();
            for (o, ol) in opts {
                let g = Fields::new(o, ol, "a preset option");
                let name = g.need_str("name")?.0;
                let label = g.text("label")?;
                let vals: Vec<f64> = g
                    .list("values")?
                    .iter()
                    .map(|i| match i.value {
                        Value::Num(x) => Ok(x),
                        _ => fail(i.line, "a preset's `values` are numbers, one per filled input"),
                    })
                    .collect::<Result<_>>()?;
                g.done()?;
                if vals.len() != fills.len() {
                    return fail(ol, format!("the preset option `{name}` has {} values for {} filled inputs", vals.len(), fills.len()));
                }
                shown.push(&*leak(if label.is_empty() { name.clone() } else { label }));
                names.push(&*leak(name));
                values.push(&*leak_slice(vals));
            }
            names.push("custom");
            shown.push(leak(f.str("custom_label")?.map(|c| c.0).unwrap_or_else(|| "Custom".into())));
            // The option it starts at (its values become the filled inputs' defaults), else the
            // one the filled inputs' own defaults match.
            let start = match f.str("default")? {
                None => None,
                Some((d, l)) => match names.iter().position(|n| *n == d) {
                    Some(i) if i < values.len() => Some(i),
                    _ => return fail(l, format!("the default “{}” is not one of the preset's options", crate::scenario::echo(&d))),
                },
            };
            labels = leak_slice(shown.clone());
            let presets: &'static Presets = Box::leak(Box::new(Presets {
                fills: leak_slice(fills.into_iter().map(|k| &*leak(k.0)).collect()),
                names: leak_slice(names),
                labels: leak_slice(shown),
                values: leak_slice(values),
            }));
            (Kind::Preset(presets), PLAIN, D::Free, start.map_or(f64::NAN, |i| i as f64), None)
        }
        other => return fail(line, format!("`kind` is \"number\", \"switch\", \"choice\", \"preset\", \"units\" or \"view\", not “{}”", crate::scenario::echo(other))),
    };
    let mut marks = Vec::new();
    for (m, ml) in f.tables("marks")? {
        let g = Fields::new(m, ml, "a slider mark");
        let at = g.need_num("at")?.0;
        let label = g.need_str("label")?.0;
        g.done()?;
        marks.push((at, &*leak(label)));
    }
    let group = f.text("group")?;
    f.done()?;
    let spec = ParamSpec {
        key: leak(key.clone()),
        label: leak(label),
        kind,
        unit,
        default,
        source: leak(source),
        cite: leak(cite),
        shown_if: None,
        marks: leak_slice(marks),
        group: leak(group),
        folded: false,
    };
    Ok(InputDef { key, line, spec, dims, range, labels })
}

#[allow(clippy::too_many_arguments)]
fn chart(
    t: &Table,
    line: usize,
    inputs: &[InputDef],
    outs: &[(OutputSpec, String, usize, Option<usize>, Dim, usize)],
    slot_of: &dyn Fn(&str) -> Option<usize>,
    compile: &dyn Fn(&str, usize) -> Result<Expr>,
    first_output: usize,
) -> Result<ChartSpec> {
    let f = Fields::new(t, line, "a [[chart]]");
    let _ = (f.str("name")?, f.str("label")?);
    let output = |k: &str, l: usize| -> Result<(usize, &OutputSpec)> {
        match slot_of(k).filter(|s| *s >= first_output) {
            Some(s) => Ok((s, &outs[s - first_output].0)),
            None => fail(l, unknown_output(k, outs)),
        }
    };
    let code = |item: &Item| -> Result<Vec<Op>> {
        match &item.value {
            Value::Num(x) => Ok(vec![Op::Num(*x)]),
            Value::Str(s) => Ok(formula::compile(&compile(s, item.line)?)),
            _ => fail(item.line, "a mark's `at` and `to` are numbers or formulas in quotes"),
        }
    };
    let marks = |name: &'static str| -> Result<Vec<MarkSpec>> {
        let mut v = Vec::new();
        for (m, ml) in f.tables(name)? {
            let g = Fields::new(m, ml, "a chart mark");
            let at = match g.item("at") {
                Some(i) => code(i)?,
                None => return fail(ml, "a chart mark needs `at = NUMBER` (or a formula)"),
            };
            let to = g.item("to").map(code).transpose()?;
            let when = g.str("when")?.map(|(w, wl)| compile(&w, wl).map(|e| formula::compile(&e))).transpose()?;
            let label = g.need_str("label")?.0;
            let source = g.text("source")?;
            g.done()?;
            v.push(MarkSpec { when, at, to, label: leak(label), source: leak(source) });
        }
        Ok(v)
    };
    let bars = f.tables("bars")?;
    let spec = if !bars.is_empty() {
        let mut out = Vec::new();
        let mut unit = None;
        for (b, bl) in bars {
            let g = Fields::new(b, bl, "a bar");
            let label = g.need_str("label")?.0;
            let mut parts = Vec::new();
            for (p, pl) in g.tables("parts")? {
                let h = Fields::new(p, pl, "a bar part");
                let name = h.need_str("name")?.0;
                let (o, ol) = h.need_str("output")?;
                let colour = h.num("colour")?.map_or(parts.len(), |c| c.0.clamp(0.0, 11.0) as usize);
                h.done()?;
                let (slot, spec) = output(&o, ol)?;
                unit.get_or_insert(spec.unit);
                parts.push((&*leak(name), slot, colour));
            }
            let total = match g.str("total")? {
                Some((t, tl)) => Some((output(&t, tl)?.0, tl)),
                None => None,
            };
            g.done()?;
            out.push((&*leak(label), parts, total));
        }
        ChartSpec::Bars { label: leak(f.text("x_label")?), unit: unit.unwrap_or(PLAIN), bars: out }
    } else {
        let (x_key, xl) = f.need_str("x")?;
        let x = match inputs.iter().position(|i| i.key == x_key) {
            Some(i) if matches!(inputs[i].spec.kind, Kind::Number { .. }) => i,
            Some(_) => return fail(xl, format!("the chart's x `{x_key}` must be a number input")),
            None => return fail(xl, unknown_input(&x_key, inputs)),
        };
        let mut lines = Vec::new();
        for (l, ll) in f.tables("lines")? {
            let g = Fields::new(l, ll, "a chart line");
            let (o, ol) = g.need_str("output")?;
            let (slot, spec) = output(&o, ol)?;
            let name = g.str("name")?.map(|s| s.0).unwrap_or_else(|| spec.label.to_string());
            let emphasis = match g.str("style")? {
                None => None,
                Some((s, sl)) => Some(match s.as_str() {
                    "primary" => Emphasis::Primary,
                    "secondary" => Emphasis::Secondary,
                    "tertiary" => Emphasis::Tertiary,
                    "faint" => Emphasis::Faint,
                    _ => return fail(sl, "a line's `style` is \"primary\", \"secondary\", \"tertiary\" or \"faint\""),
                }),
            };
            let when = g.str("when")?.map(|(w, wl)| compile(&w, wl).map(|e| formula::compile(&e))).transpose()?;
            let mut set = Vec::new();
            if let Some((s, _)) = g.table("set")? {
                for (k, item) in &s.entries {
                    let Some(i) = inputs.iter().position(|d| &d.key == k) else { return fail(item.line, unknown_input(k, inputs)) };
                    let v = match item.value {
                        Value::Num(x) => x,
                        Value::Bool(b) => f64::from(u8::from(b)),
                        _ => return fail(item.line, "`set` gives inputs numbers (or true/false for switches)"),
                    };
                    set.push((i, v));
                }
            }
            g.done()?;
            lines.push(LineSpec { slot, name: leak(name), emphasis, when, set });
        }
        if lines.is_empty() {
            return fail(line, "a line chart needs `lines = [{ output = \"…\" }, …]` (or `bars` for a breakdown)");
        }
        let y_unit = outs[lines[0].slot - first_output].0.unit;
        let y_label = f.str("y_label")?.map(|s| s.0).unwrap_or_else(|| outs[lines[0].slot - first_output].0.label.to_string());
        let x_label = f.str("x_label")?.map(|s| s.0).unwrap_or_else(|| inputs[x].spec.label.to_string());
        let log_y = f.bool("log_y")?.unwrap_or(false);
        let (y_min, y_max) = (f.num("y_min")?.map(|v| v.0), f.num("y_max")?.map(|v| v.0));
        let headroom = f.num("y_headroom")?.map_or(1.0, |v| v.0.clamp(1.0, 10.0));
        let x_unit = f.str("x_unit")?.map(|(u, l)| unit(&u).map(|u| u.0).map_err(|m| Error { line: l, message: m })).transpose()?;
        let points = f.num("points")?.map_or(60, |p| p.0.clamp(2.0, 400.0) as usize);
        let point = match f.str("point")? {
            None => Some(lines[0].slot),
            Some((p, _)) if p == "none" => None,
            Some((p, pl)) => Some(output(&p, pl)?.0),
        };
        ChartSpec::Lines { x, x_label: leak(x_label), y_label: leak(y_label), y_unit, log_y, y_min, y_max, headroom, x_unit, points, lines, point, marks: marks("marks")?, levels: marks("levels")? }
    };
    f.done()?;
    Ok(spec)
}

/// `Model::compute` for a file model.
pub fn compute(p: &Program, v: &Values, out: &mut Vec<f64>) {
    p.compute(v.as_slice(), out)
}
