//! Units: how a canonical value is shown to a reader and read back from what they type.
//!
//! Models compute in one canonical unit per quantity (the essay's: $/lb, lb). A [`Unit`] knows
//! the suffix and conversion factor for each unit system a widget offers (index 0 = the
//! canonical one, 1 = metric where it differs), and how to format numbers in three registers:
//! readouts (`$3.6M`), axis ticks (`$200/kg`) and editable fields (`2,645.55`).
//!
//! Architecture invariant: pure string/number code; no allocation-heavy parsing, no panics on any
//! input (typed text reaches [`parse`] unfiltered).

/// Pounds to kilograms (exact, by definition).
pub const KG_PER_LB: f64 = 0.453_592_37;

/// Units several widgets use.
pub const USD: Unit = Unit::fixed(Style::Money, "");
pub const COUNT: Unit = Unit::fixed(Style::Count, "");
/// A bare number (ratios such as PUE, switches, choices).
pub const PLAIN: Unit = Unit::fixed(Style::Quantity, "");
pub const PERCENT: Unit = Unit::fixed(Style::Quantity, " %");

/// How the number part is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Style {
    /// Dollars: `$1,200`, `$0.16`, `$3.6M`, `$5.0B`.
    Money,
    /// A whole count: `1,389`.
    Count,
    /// A measured quantity with about three significant digits: `36.5`, `1,361`.
    Quantity,
    /// A quantity with an SI prefix chosen for its size, three significant digits: the suffix is
    /// the base unit (`W` gives `200 MW`, `1.2 GW`; `Wh` gives `1.76 TWh`).
    Si,
    /// A time held in seconds, shown in the unit that suits it: `850 µs`, `42 ms`, `8.5 s`,
    /// `12 min`, `3.2 h` (ticks stay in µs, ms and s). The suffix is not used.
    Duration,
}

/// A displayable unit: style plus suffix and factor per unit system.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    pub style: Style,
    /// Suffix per unit system (`"/lb"`, `"/kg"`); include a leading space where one belongs.
    pub suffix: [&'static str; 2],
    /// Displayed = canonical × factor, per unit system.
    pub factor: [f64; 2],
}

impl Unit {
    /// A unit that looks the same in every unit system.
    pub const fn fixed(style: Style, suffix: &'static str) -> Unit {
        Unit { style, suffix: [suffix, suffix], factor: [1.0, 1.0] }
    }

    pub fn suffix(&self, system: usize) -> &'static str {
        self.suffix[system.min(1)]
    }

    /// Canonical → displayed.
    pub fn to_display(&self, canonical: f64, system: usize) -> f64 {
        canonical * self.factor[system.min(1)]
    }

    /// Displayed → canonical.
    pub fn from_display(&self, shown: f64, system: usize) -> f64 {
        shown / self.factor[system.min(1)]
    }

    /// A readout: `$3.6M`, `1,389`, `4,648 kg`, a no-break space between the number and its
    /// unit (`42.9 GB`, `90 %` never split over two lines).
    pub fn format(&self, canonical: f64, system: usize) -> String {
        let text = self.format_spaced(canonical, system);
        match text.find(' ') {
            Some(i) => format!("{}\u{a0}{}", &text[..i], &text[i + 1..]),
            None => text,
        }
    }

    fn format_spaced(&self, canonical: f64, system: usize) -> String {
        if !canonical.is_finite() {
            return "–".into();
        }
        let v = self.to_display(canonical, system);
        let body = match self.style {
            Style::Money => money(v),
            Style::Count => group(v.round(), 0),
            Style::Quantity => quantity(v),
            Style::Si => {
                let (scaled, prefix) = si(round_sig(v, 3));
                return format!("{} {prefix}{}", quantity(scaled), self.suffix(system));
            }
            Style::Duration => return duration(v),
        };
        format!("{body}{}", self.suffix(system))
    }

    /// A number read off samples or a pointer (a median, an interval's end, the crosshair),
    /// rounded to the three significant digits it can claim, as the reader sees it (in the
    /// displayed unit): one precision rule for every estimate on screen.
    pub fn estimate(&self, canonical: f64, system: usize) -> f64 {
        self.from_display(round_sig(self.to_display(canonical, system), 3), system)
    }

    /// An axis tick: as short as possible (`$200`, `$5B`, `100K`, `1 GW`). A per-something
    /// suffix (`/lb`, `/MWh`) is left to the axis title, which names the unit.
    pub fn tick(&self, canonical: f64, system: usize) -> String {
        let v = self.to_display(canonical, system);
        let body = compact(v.abs(), 0);
        let sign = if v < 0.0 { "-" } else { "" };
        let suffix = self.suffix(system);
        let suffix = if suffix.starts_with('/') { "" } else { suffix };
        match self.style {
            Style::Money => format!("{sign}${body}{suffix}"),
            Style::Si => {
                let (scaled, prefix) = si(v.abs());
                format!("{sign}{} {prefix}{suffix}", compact(scaled, 0))
            }
            Style::Duration => match v.abs() {
                a if a < 1e-3 => format!("{sign}{} µs", compact(a * 1e6, 0)),
                a if a < 1.0 => format!("{sign}{} ms", compact(a * 1e3, 0)),
                a => format!("{sign}{} s", group(a, if a < 10.0 { 1 } else { 0 }).trim_end_matches(".0")),
            },
            _ => format!("{sign}{body}{suffix}"),
        }
    }

    /// The text an editable field shows: the displayed value, unabbreviated, grouped, without the
    /// unit. Values that are short decimals (what a reader typed, a default, a slider's rounded
    /// step) show exactly (`2,645.55`, `122.88`); values with the noise of a unit conversion show
    /// four significant digits (`$21.5/lb` in kg is `47.4`, not `47.3994`).
    pub fn edit_text(&self, canonical: f64, system: usize) -> String {
        let v = self.to_display(canonical, system);
        if v == 0.0 || !v.is_finite() {
            return "0".into();
        }
        let exact = (1..=6).map(|d| round_sig(v, d)).find(|r| (r - v).abs() <= 1e-9 * v.abs());
        let shown = exact.unwrap_or_else(|| round_sig(v, 4));
        let mag = shown.abs().log10().floor() as i32;
        let decimals = (5 - mag).clamp(0, 6) as usize;
        trim_zeros(group(shown, decimals))
    }

    /// A value exactly as its field shows it, with the unit (`$45,359/kg`, `10,000 lb`): what a
    /// message about a field's value says, so the two agree.
    pub fn exact(&self, canonical: f64, system: usize) -> String {
        let money = if self.style == Style::Money { "$" } else { "" };
        let suffix = match self.style {
            Style::Si => format!(" {}", self.suffix(system)),
            _ => self.suffix(system).to_string(),
        };
        format!("{money}{}{suffix}", self.edit_text(canonical, system))
    }

    /// Readouts of one row of a table, formatted alike, by one precision rule for the row: money
    /// rows reaching $10,000 give every value its own suffix and one decimal below 100 of it, as
    /// the readouts do (`$47.4K | $164K | $1.2M`, never `$47,447 | $164K`, nor `$0.1M | $1.2M`,
    /// which hides a small value); rows from $1,000 are in whole dollars (`$3,263 | $64`); below that, each value as a readout
    /// shows it (`$97.5 | $63.1`).
    /// Everything else as [`Unit::format`].
    pub fn format_row(&self, values: &[f64], system: usize) -> Vec<String> {
        let hi = values.iter().filter(|v| v.is_finite()).fold(0f64, |m, v| m.max(self.to_display(*v, system).abs()));
        values
            .iter()
            .map(|&v| {
                let d = self.to_display(v, system);
                let sign = if d < 0.0 { "-" } else { "" };
                match self.style {
                    // Below a dollar a value keeps its readout's digits (`$0.42`, `$0.0042`): a
                    // whole-dollar row would show it as `$0`.
                    Style::Money if v.is_finite() && d.abs() >= 1.0 && hi >= 1000.0 => {
                        let (scaled, suffix) = if hi >= 10_000.0 { scale(d.abs()) } else { (d.abs(), "") };
                        // As a readout rounds money (`$9.7M`, `$141M`), each value with its own suffix.
                        let decimals = if hi < 10_000.0 || scaled >= 99.95 { 0 } else { 1 };
                        format!("{sign}${}{suffix}{}", group(scaled, decimals), self.suffix(system))
                    }
                    _ => self.format(v, system),
                }
            })
            .collect()
    }

    /// A value as a screen reader should say it: `$1,200 per lb`, `1.87 to 1`, `2.23 times`.
    pub fn spoken(&self, canonical: f64, system: usize) -> String {
        // Char by char (no substring search: that links a string-matching engine into the wasm).
        let mut out = String::new();
        let text = self.format_spaced(canonical, system);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' => out.push_str(" per "),
                '×' => out.push_str(" times"),
                '%' => out.push_str("percent"),
                ':' if chars.peek() == Some(&'1') => out.push_str(" to "),
                c => out.push(c),
            }
        }
        out
    }

    /// The unit as a column header shows it: `$/lb`, `$`, `kW`, `W`, or `""` for a bare count.
    pub fn symbol(&self, system: usize) -> String {
        let suffix = self.suffix(system).trim();
        match self.style {
            Style::Money => format!("${suffix}"),
            // Each tick names its own unit.
            Style::Duration => String::new(),
            _ => suffix.to_string(),
        }
    }

    /// Reads what a reader typed, in this unit's displayed form, back to a canonical value.
    pub fn parse(&self, text: &str, system: usize) -> Result<f64, ParseError> {
        parse(text, self.suffix(system)).map(|v| self.from_display(v, system))
    }
}

/// Why typed text was not a number.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    Empty,
    NotANumber,
}

/// Parses a typed number: tolerates a leading `$`, thousands separators (`,` `_` and spaces), the
/// unit's own suffix, and the multipliers `k`, `M`, `B`/`G`, `T` (`1.2k`, `5B`). Rejects
/// anything not finite (`NaN`, `inf`).
pub fn parse(text: &str, suffix: &str) -> Result<f64, ParseError> {
    let mut s = text.trim();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let suffix = suffix.trim();
    if !suffix.is_empty() && s.len() >= suffix.len() {
        let cut = s.len() - suffix.len();
        if s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(suffix) {
            s = s[..cut].trim_end();
        }
    }
    let s = s.strip_prefix('$').unwrap_or(s);
    let (s, neg) = match s.strip_prefix('-') {
        Some(rest) => (rest.strip_prefix('$').unwrap_or(rest), true),
        None => (s, false),
    };
    let cleaned: String = s.chars().filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}')).collect();
    let (digits, mult) = match cleaned.chars().last() {
        Some('k' | 'K') => (&cleaned[..cleaned.len() - 1], 1e3),
        Some('m' | 'M') => (&cleaned[..cleaned.len() - 1], 1e6),
        Some('b' | 'B' | 'g' | 'G') => (&cleaned[..cleaned.len() - 1], 1e9),
        Some('t' | 'T') => (&cleaned[..cleaned.len() - 1], 1e12),
        _ => (cleaned.as_str(), 1.0),
    };
    if digits.starts_with(['+', '-']) {
        return Err(ParseError::NotANumber);
    }
    match crate::num::parse_f64(digits).map(|v| (v * mult).min(f64::MAX)) {
        Some(v) if v.is_finite() => Ok((if neg { -v } else { v }) + 0.0),
        _ => Err(ParseError::NotANumber),
    }
}

/// A time in seconds as a readout shows it, in the unit that suits it, three significant digits.
pub fn duration(seconds: f64) -> String {
    let a = round_sig(seconds.abs(), 3);
    let (v, unit) = match a {
        a if a < 1e-3 => (a * 1e6, "µs"),
        a if a < 1.0 => (a * 1e3, "ms"),
        a if a < 100.0 => (a, "s"),
        a if a < 7_200.0 => (a / 60.0, "min"),
        a => (a / 3_600.0, "h"),
    };
    let sign = if seconds < 0.0 { "-" } else { "" };
    format!("{sign}{} {unit}", quantity(round_sig(v, 3)))
}

/// Dollars for a readout: cents under $10, dimes under $100 (`$80.6`, `$12`), whole dollars
/// under $100,000, then K/M/B/T with one decimal below 100 of the unit (`$3.6M`, `$5.0B`,
/// `$141M`).
pub fn money(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let body = if a == 0.0 {
        "0".to_string()
    } else if a < 0.1 {
        // Below ten cents, two significant digits (`$0.025`, `$0.0042`), never `$0.00`.
        fixed(a, (1 - a.log10().floor() as i32).clamp(2, 12) as usize)
    } else if a < 10.0 {
        group(a, 2)
    } else if a < 99.95 {
        trim_zeros(fixed(a, 1))
    } else if a < 100_000.0 {
        group(a.round(), 0)
    } else {
        let (scaled, suffix) = scale(a);
        let decimals = if scaled < 99.95 { 1 } else { 0 };
        let text = fixed(scaled, decimals);
        // 999.96K rounds to "1000K": move up a unit instead.
        if text.starts_with("1000") && suffix != "T" {
            let (s2, suf2) = scale(a.max(next_unit(suffix)));
            format!("{}{suf2}", fixed(s2, 1))
        } else {
            format!("{text}{suffix}")
        }
    };
    format!("{sign}${body}")
}

fn next_unit(suffix: &str) -> f64 {
    match suffix {
        "K" => 1e6,
        "M" => 1e9,
        _ => 1e12,
    }
}

/// `a` (≥ 0) scaled to an SI prefix: `(200.0, "M")` for 2e8.
fn si(a: f64) -> (f64, &'static str) {
    [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")].into_iter().find(|(p, _)| a.abs() >= *p).map_or((a, ""), |(p, prefix)| (a / p, prefix))
}

/// Rounds to `digits` significant digits.
pub fn round_sig(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = digits - 1 - x.abs().log10().floor() as i32;
    // Whole powers of ten are exact as floats; their reciprocals are not (200000 must not come
    // back as 199999.99999999997).
    if e >= 0 {
        let p = 10f64.powi(e);
        (x * p).round() / p
    } else {
        let q = 10f64.powi(-e);
        (x / q).round() * q
    }
}

fn scale(a: f64) -> (f64, &'static str) {
    if a >= 1e12 {
        (a / 1e12, "T")
    } else if a >= 1e9 {
        (a / 1e9, "B")
    } else if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "K")
    } else {
        (a, "")
    }
}

/// About three significant digits; whole numbers from 100 up, grouped from 1,000 up.
pub fn quantity(v: f64) -> String {
    let a = v.abs();
    let decimals = if a >= 100.0 || a == 0.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        (2 - a.log10().floor() as i32).clamp(2, 6) as usize
    };
    trim_zeros(group(v, decimals))
}

/// The shortest label for a tick: `10`, `200`, `2.5K`, `5B`, `100K`. `min_decimals` forces
/// decimals (rarely needed).
pub fn compact(a: f64, min_decimals: usize) -> String {
    if a < 1_000.0 {
        let d = match a {
            a if a >= 10.0 || a == 0.0 => min_decimals,
            // Below 0.1, two significant digits (`0.0042`, `0.005`), never a rounded `0`.
            a if a < 0.1 => min_decimals.max((1 - a.log10().floor() as i32).clamp(2, 9) as usize),
            _ => min_decimals.max(2),
        };
        return trim_zeros(fixed(a, d));
    }
    let (scaled, suffix) = scale(a);
    format!("{}{suffix}", trim_zeros(fixed(scaled, 2)))
}

fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `|v|` with exactly `decimals` decimals (at most 9), rounded half away from zero: what
/// `format!("{:.N}")` gives for the magnitudes we show, without pulling core's exact float
/// formatting (Grisu/Dragon, ~10 KB of wasm) into the bundle.
pub fn fixed(v: f64, decimals: usize) -> String {
    let decimals = decimals.min(9);
    let p = 10u64.pow(decimals as u32);
    // Saturates for |v| > 1.8e19 / 10^decimals, far beyond any value a widget shows.
    let scaled = (v.abs() * p as f64).round() as u64;
    let int = scaled / p;
    if decimals == 0 {
        return int.to_string();
    }
    let frac = (scaled % p).to_string();
    format!("{int}.{}{frac}", "0".repeat(decimals - frac.len()))
}

/// Fixed decimals with thousands separators: `group(1234567.891, 2)` = `1,234,567.89`.
pub fn group(v: f64, decimals: usize) -> String {
    let text = fixed(v, decimals);
    let (int, frac) = match text.find('.') {
        Some(i) => text.split_at(i),
        None => (text.as_str(), ""),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(frac);
    out
}

/// A probability as a reader reads it: `83 %`, `0.3 %`, `< 0.1 %`, `> 99.9 %`.
pub fn percent_of(p: f64) -> String {
    let pct = p * 100.0;
    match pct {
        x if x <= 0.0 => "< 0.01\u{a0}%".into(),
        x if x >= 100.0 => "> 99.99\u{a0}%".into(),
        x if !(1.0..=99.0).contains(&x) => format!("{}\u{a0}%", group(x, 2)),
        x => format!("{}\u{a0}%", group(x, 0)),
    }
}

/// An interval as text: `lo` and `hi` joined by `sep` (`–`, ` to `), or one value when they read
/// the same (`$32/MWh`, never `$32/MWh–$32/MWh`).
pub fn span(lo: String, hi: String, sep: &str) -> String {
    if lo == hi {
        lo
    } else {
        format!("{lo}{sep}{hi}")
    }
}
