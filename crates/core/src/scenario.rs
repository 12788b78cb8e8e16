//! The scenario codec: URL query string ⇄ a widget's values. Pure: `&str` in, `String` out.
//!
//! Format (v1), documented in the README:
//! - one query pair per changed input, `NAMESPACE.KEY=VALUE`; the namespace is the widget id
//!   (or the placeholder's `data-url-key`), the key the input's public key;
//! - only values that differ from the author's scenario are written;
//! - numbers in the shortest text that reads back to the same `f64`; switches as `on`/`off`;
//!   choices by their option name (`units=kg`);
//! - pairs that are not this widget's (other widgets', the page's own) are kept as they were,
//!   in order; the `#fragment` is never touched (the caller keeps it).
//!
//! Decoding never fails: whatever is wrong with a pair is reported as a [`Note`] in plain
//! language, and the value falls back to the author's (or is clamped into range).
//!
//! Architecture invariant: no DOM, no `window`; `crate::url` is the only caller that touches the
//! real location.

use crate::model::{Fix, Kind, Model, ParamSpec};
use crate::model::Range;

/// Longest query string we read; anything beyond is ignored with a note.
pub const MAX_QUERY_BYTES: usize = 8 * 1024;

/// Something the decoder ignored or adjusted, in words a reader understands.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// The input concerned, when there is one.
    pub key: Option<&'static str>,
    pub text: String,
}

/// What a query string says about one widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// One value per input, in spec order, each inside its input's range.
    pub values: Vec<f64>,
    pub notes: Vec<Note>,
    /// The inputs given as a range (`KEY=LOW~HIGH`), in spec order; such an input's value is the
    /// range's median.
    pub ranges: Vec<Option<Range>>,
}

/// Reads a widget's scenario from a query string (with or without the leading `?`).
/// `base` holds the starting values (the author's scenario) that the link's values override.
pub fn decode(model: &Model, ns: &str, query: &str, base: &[f64]) -> Decoded {
    let specs = model.params();
    let mut d = Decoded { values: base.to_vec(), notes: Vec::new(), ranges: vec![None; specs.len()] };
    let mut pairs = own_pairs(query, ns, &mut d.notes);
    let version = link_version(model, &pairs, &mut d.notes);
    pairs.retain(|(n, _)| n != VERSION_KEY);
    migrate_options(model, version, &mut pairs);
    // The unit system first, so every other value's note speaks in it, wherever it stands.
    let is_units = |name: &str| crate::model::index(specs, name).is_some_and(|i| matches!(specs[i].kind, Kind::UnitSystem(_)));
    pairs.sort_by_key(|(n, _)| !is_units(n));
    let link = Link { model, version, pairs: &pairs, base };
    let mut seen: Vec<&'static str> = Vec::new();
    // Filled inputs given explicitly, with their values (they win over their preset below).
    let mut explicit: Vec<(usize, f64)> = Vec::new();
    for (name, raw_val) in &pairs {
        if let Some((idx, v)) = link.read(name, raw_val, &mut d, &mut seen) {
            explicit.retain(|(i, _)| *i != idx);
            explicit.extend(v.map(|v| (idx, v)));
        }
    }
    fill_presets(specs, &mut d.values, &seen, explicit);
    d
}

/// This widget's pairs in `query`, as (name without the namespace, raw value); at most
/// [`MAX_QUERY_BYTES`] of it are read.
fn own_pairs(query: &str, ns: &str, notes: &mut Vec<Note>) -> Vec<(String, String)> {
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY_BYTES {
        let mut cut = MAX_QUERY_BYTES;
        while !query.is_char_boundary(cut) {
            cut -= 1;
        }
        query = &query[..cut];
        notes.push(Note { key: None, text: "The link is longer than 8 KB; only its first 8 KB were read.".into() });
    }
    let mut pairs = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_val) = pair.split_once('=').unwrap_or((pair, ""));
        match percent_decode(raw_key) {
            Ok(key) => {
                if let Some((_, name)) = split_key(&key).filter(|(n, _)| *n == ns) {
                    pairs.push((name.to_owned(), raw_val.to_owned()));
                }
            }
            Err(BadEncoding) if raw_key.split_once('.').is_some_and(|(n, _)| n == ns) => {
                notes.push(Note { key: None, text: format!("Ignored a setting with broken encoding: “{}”.", echo(raw_key)) });
            }
            Err(BadEncoding) => {}
        }
    }
    pairs
}

/// A link being read: the widget, the link's format version, its pairs (current names, the unit
/// system's first) and the author's values that stand where a pair is bad.
struct Link<'a> {
    model: &'a Model,
    version: u32,
    pairs: &'a [(String, String)],
    base: &'a [f64],
}

impl Link<'_> {
    /// Reads one pair into `d` (its value or range, or the author's value and a note). Returns
    /// the input it set, with the value it gave it explicitly (`None`: the author's value stands),
    /// or `None` when the pair names no input or cannot be decoded.
    fn read(&self, name: &str, raw_val: &str, d: &mut Decoded, seen: &mut Vec<&'static str>) -> Option<(usize, Option<f64>)> {
        let (model, specs) = (self.model, self.model.params());
        let alias = name;
        let (name, scale) = migrate(model, self.version, name);
        let Some(idx) = crate::model::index(specs, name) else {
            d.notes.push(Note { key: None, text: format!("Ignored unknown setting “{}”.", echo(name)) });
            return None;
        };
        let spec = &specs[idx];
        // A value under a unit system's name (`launch_usd_per_kg`) opens the widget in that
        // system, unless the link names one.
        if let Some(u) = specs.iter().position(|s| matches!(s.kind, Kind::UnitSystem(_))) {
            if let Some(sys) = (1..2).find(|&sys| system_alias(model, spec, sys).is_some_and(|(a, _)| a == alias)) {
                if !self.pairs.iter().any(|(n, _)| n == specs[u].key) {
                    d.values[u] = sys as f64;
                }
            }
        }
        if seen.contains(&spec.key) {
            d.notes.push(Note { key: Some(spec.key), text: format!("{} appears more than once in the link; the last one counts.", spec.label) });
        } else {
            seen.push(spec.key);
        }
        let fallback = self.base[idx];
        let Ok(text) = percent_decode(raw_val) else {
            d.values[idx] = fallback;
            d.notes.push(Note { key: Some(spec.key), text: format!("{}: “{}” has broken encoding; kept the default.", spec.label, echo(raw_val)) });
            return None;
        };
        let system = crate::model::unit_system(specs, &d.values);
        d.ranges[idx] = None;
        let given = match text.split_once('~').filter(|_| matches!(spec.kind, Kind::Number { .. })) {
            Some((lo, hi)) => read_range(spec, lo, hi, scale, system, &mut d.notes).map(|r| {
                let (v, _) = spec.sanitize(r.median());
                d.ranges[idx] = (r.lo < r.hi).then_some(r);
                v
            }),
            None => read_one(spec, &text, scale, system, fallback, &mut d.notes),
        };
        d.values[idx] = given.unwrap_or(fallback);
        Some((idx, given))
    }
}

/// One value of `spec`'s kind from a link (`text` decoded, `scale` from a renamed key): the
/// value inside the input's range, with a note when it was clamped; `None` with a note when the
/// text is not such a value (the author's `fallback` stands).
fn read_one(spec: &ParamSpec, text: &str, scale: f64, system: usize, fallback: f64, notes: &mut Vec<Note>) -> Option<f64> {
    match read_value(spec, text).map(|raw| spec.sanitize(raw * scale)) {
        Some((v, None)) => Some(v),
        Some((v, Some(Fix::Clamped { to }))) => {
            let (min, max) = range(spec);
            notes.push(Note {
                key: Some(spec.key),
                text: format!(
                    "{}: {} is outside the range {}–{}; using {}.",
                    spec.label,
                    echo(text),
                    exact(spec, min, system),
                    exact(spec, max, system),
                    exact(spec, to, system)
                ),
            });
            Some(v)
        }
        // Not a value of this input's kind, or not finite: the author's value stands.
        _ => {
            notes.push(Note {
                key: Some(spec.key),
                text: format!("{}: “{}” is not {}; using {}.", spec.label, echo(text), expected(spec), exact(spec, fallback, system)),
            });
            None
        }
    }
}

/// Presets fill their inputs first, then an explicit value for a filled input wins over its
/// preset (`flash_ec=8-2&flash_k=10` is 10+2). All of them fill before anything settles, so one
/// preset cannot overwrite another's choice.
fn fill_presets(specs: &[ParamSpec], values: &mut [f64], seen: &[&'static str], explicit: Vec<(usize, f64)>) {
    for (i, s) in specs.iter().enumerate() {
        if let Kind::Preset(_) = s.kind {
            if seen.contains(&s.key) {
                let x = values[i];
                crate::model::fill(specs, values, i, x);
            }
        }
    }
    for (i, v) in explicit {
        if !matches!(specs[i].kind, Kind::Preset(_)) {
            values[i] = v;
        }
    }
    crate::model::settle(specs, values);
}

/// Reads the halves of a linked range (`LOW~HIGH`): a bad half is dropped with a note (the other
/// stands as a plain value), ends outside the input's bounds are clamped with a note, and
/// `LOW > HIGH` is swapped with a note. `None` when neither half is a number.
fn read_range(spec: &ParamSpec, lo: &str, hi: &str, scale: f64, system: usize, notes: &mut Vec<Note>) -> Option<Range> {
    let half = |t: &str| crate::num::parse_f64(t.trim()).map(|v| v * scale).filter(|v| v.is_finite());
    let (a, b) = match (half(lo), half(hi)) {
        (Some(a), Some(b)) => (a, b),
        (one, other) => {
            let bad = if one.is_none() { lo } else { hi };
            let good = one.or(other);
            notes.push(Note {
                key: Some(spec.key),
                text: match good {
                    Some(g) => {
                        format!("{}: “{}” in the range is not a number; using {}.", spec.label, echo(bad), exact(spec, spec.sanitize(g).0, system))
                    }
                    None => format!("{}: “{}~{}” is not a range of numbers; kept the default.", spec.label, echo(lo), echo(hi)),
                },
            });
            let g = good?;
            (g, g)
        }
    };
    let swapped = a > b;
    let ((lo, fix_lo), (hi, fix_hi)) = (spec.sanitize(a.min(b)), spec.sanitize(a.max(b)));
    // One note for the range, whatever was wrong with it (swapped, clamped or both); a range
    // that ends as one value says so.
    let mut wrong = Vec::new();
    if swapped {
        wrong.push("was written high to low".to_string());
    }
    if fix_lo.is_some() || fix_hi.is_some() {
        let (min, max) = range(spec);
        wrong.push(format!("goes outside {}–{}", exact(spec, min, system), exact(spec, max, system)));
    }
    if !wrong.is_empty() {
        let using = crate::units::span(exact(spec, lo, system), exact(spec, hi, system), " to ");
        notes.push(Note { key: Some(spec.key), text: format!("{}: the range {}; using {using}.", spec.label, wrong.join(" and ")) });
    }
    Some(Range { lo, hi })
}

/// The key that carries a widget's link format version (`orbital-gpu-cost.v=2`). Absent means 1.
pub const VERSION_KEY: &str = "v";

/// The format version a link was written in: its `v` pair (the last one), else 1. A version this
/// build does not know is read as the current one, with a note.
fn link_version(model: &Model, pairs: &[(String, String)], notes: &mut Vec<Note>) -> u32 {
    let Some((_, raw)) = pairs.iter().rev().find(|(n, _)| n == VERSION_KEY) else {
        return 1;
    };
    let text = percent_decode(raw).unwrap_or_default();
    match crate::num::parse_f64(text.trim()) {
        Some(v) if v.fract() == 0.0 && v >= 1.0 && v <= model.version as f64 => v as u32,
        _ => {
            notes.push(Note {
                key: None,
                text: format!(
                    "The link says it is format version “{}”, which this page does not know; it was read as version {}.",
                    echo(&text),
                    model.version
                ),
            });
            model.version
        }
    }
}

/// Options whose meaning changed since format `version` become the numbers they stood for
/// (`Migration::options`).
fn migrate_options(model: &Model, version: u32, pairs: &mut [(String, String)]) {
    for m in model.migrations.iter().filter(|m| m.to > version) {
        for (name, value) in pairs.iter_mut() {
            let text = percent_decode(value).unwrap_or_default();
            if let Some((_, _, to, x)) = m.options.iter().find(|(k, old, _, _)| k == name && old.eq_ignore_ascii_case(text.trim())) {
                *name = (*to).to_string();
                *value = crate::num::format_f64(*x);
            }
        }
    }
}

/// A key from a link written in format `version`, as the current version names it, and the
/// factor its value is multiplied by (unit or range changes), after every later migration.
fn migrate<'a>(model: &Model, version: u32, name: &'a str) -> (&'a str, f64) {
    let (mut name, mut scale) = (name, 1.0);
    for m in model.migrations.iter().filter(|m| m.to > version) {
        let renamed = m.renames.iter().find(|(old, _)| *old == name);
        if let Some((_, new)) = renamed {
            name = new;
        }
        // An alias (`to: ALIAS`) scales only the values that came under its other name.
        if m.to != crate::model::ALIAS || renamed.is_some() {
            if let Some((_, f)) = m.scales.iter().find(|(k, _)| *k == name) {
                scale *= f;
            }
        }
    }
    (name, scale)
}

/// Writes a widget's scenario into `query` (the page's current query string, with or without
/// `?`): this widget's old pairs go, every other pair stays in place, and the values that differ
/// from `base` are appended. Returns the new query with its `?`, or `""` when nothing is left.
pub fn encode(model: &Model, ns: &str, values: &[f64], base: &[f64], query: &str) -> String {
    encode_with(model, ns, values, &[], base, query)
}

/// [`encode`] with ranges: a ranged input is written as `KEY=LOW~HIGH` (its value, the median,
/// is not).
pub fn encode_with(model: &Model, ns: &str, values: &[f64], ranges: &[Option<Range>], base: &[f64], query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    let prefix = format!("{ns}.");
    let mut pairs: Vec<String> = query.split('&').filter(|p| !p.is_empty()).filter(|p| !is_for(p, ns)).map(str::to_owned).collect();
    let specs = model.params();
    let system = crate::model::unit_system(specs, values);
    // Links from version 2 on say which version they are (leading this widget's pairs).
    let mut wrote_version = false;
    for (i, ((spec, &v), &b)) in specs.iter().zip(values).zip(base).enumerate() {
        // A named preset is written instead of the number it fills (`gpu_model=h100`); "custom"
        // is never written (the number is).
        let derived = match spec.kind {
            Kind::Preset(p) => v as usize >= p.values.len(),
            _ => crate::model::named_by_preset(specs, values, i),
        };
        let range = ranges.get(i).copied().flatten();
        if (v != b && !derived) || range.is_some() {
            if model.version > 1 && !wrote_version {
                pairs.push(format!("{prefix}{VERSION_KEY}={}", model.version));
                wrote_version = true;
            }
            // A reader in another unit system shares the value as they see it, under the name
            // the model reads in that system (`launch_usd_per_kg=350`), when it has one.
            let (key, scale) = system_alias(model, spec, system).unwrap_or((spec.key, 1.0));
            let text = match range {
                Some(r) => format!("{}~{}", write_scaled(spec, r.lo, scale), write_scaled(spec, r.hi, scale)),
                None => write_scaled(spec, v, scale),
            };
            pairs.push(format!("{prefix}{key}={}", percent_encode(&text)));
        }
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// The other name an input is read under in every link (a `to = "any"` migration) whose scale
/// is exactly unit system `system`'s conversion (`launch_usd_per_kg` for `launch_usd_per_lb` in
/// kg): the name a link uses in that system.
fn system_alias(model: &Model, spec: &ParamSpec, system: usize) -> Option<(&'static str, f64)> {
    let factor = spec.unit.factor[system.min(1)];
    if system == 0 || factor == 1.0 || !matches!(spec.kind, Kind::Number { .. }) {
        return None;
    }
    model.migrations.iter().filter(|m| m.to == crate::model::ALIAS).find_map(|m| {
        let (old, _) = m.renames.iter().find(|(_, new)| *new == spec.key)?;
        let (_, f) = m.scales.iter().find(|(k, _)| *k == spec.key)?;
        ((f * factor - 1.0).abs() < 1e-9).then_some((*old, *f))
    })
}

/// Whether a query pair (`key=value`) belongs to the widget in namespace `ns`: the one test of
/// the codec, the URL writer and lazy start.
/// The address `base` (the article's, for a widget in an iframe) carrying namespace `ns`'s keys
/// from the page's `query` in place of its own: what Share offers with `data-share-url`.
pub fn share_link(base: &str, query: &str, ns: &str) -> String {
    let (rest, fragment) = base.split_once('#').map_or((base, None), |(r, f)| (r, Some(f)));
    let (path, own) = rest.split_once('?').unwrap_or((rest, ""));
    let pairs: Vec<&str> = own
        .split('&')
        .filter(|p| !p.is_empty() && !is_for(p, ns))
        .chain(query.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && is_for(p, ns)))
        .collect();
    let mut out = path.to_string();
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

pub fn is_for(pair: &str, ns: &str) -> bool {
    let key = pair.split_once('=').map_or(pair, |(k, _)| k);
    percent_decode(key).is_ok_and(|k| split_key(&k).is_some_and(|(n, _)| n == ns))
}

/// A link key split at its first `.` into a namespace and the input's key
/// (`orbital-gpu-cost.gpus`), when the namespace is a valid one. Namespaces never contain a
/// `.`, so `a.b.gpus` is namespace `a`'s (unknown) key `b.gpus`, never a namespace `a.b`.
pub fn split_key(key: &str) -> Option<(&str, &str)> {
    let (ns, k) = key.split_once('.')?;
    (valid_namespace(ns) && !k.is_empty()).then_some((ns, k))
}

/// Whether `ns` can name a widget in links: ASCII letters, digits, `-` and `_` (no `.`, which
/// separates it from the key), at most 64 of them.
pub fn valid_namespace(ns: &str) -> bool {
    !ns.is_empty() && ns.len() <= 64 && ns.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A number as a link under a name whose values are multiplied by `scale` spells it: the
/// fewest significant digits that read back as exactly `v` (`350` for $350/kg held as
/// $158.7573/lb; never `4.535923700000001`).
fn write_scaled(spec: &ParamSpec, v: f64, scale: f64) -> String {
    if !matches!(spec.kind, Kind::Number { .. }) {
        return write_value(spec, v);
    }
    let shown = v / scale;
    (1..=15)
        .map(|d| crate::units::round_sig(shown, d))
        .find(|&t| spec.sanitize(t * scale) == (v, None))
        .map_or_else(|| crate::num::format_f64(shown), crate::num::format_f64)
}

/// A value as the URL spells it.
pub fn write_value(spec: &ParamSpec, v: f64) -> String {
    match spec.kind {
        Kind::Number { .. } => write_scaled(spec, v, 1.0),
        Kind::Toggle | Kind::Choice(_) | Kind::UnitSystem(_) | Kind::View(..) | Kind::Preset(_) => {
            spec.options().get(v as usize).map_or_else(|| crate::num::format_f64(v), |s| (*s).to_owned())
        }
    }
}

/// Reads a value as the URL spells it; `None` when it is not one.
pub fn read_value(spec: &ParamSpec, text: &str) -> Option<f64> {
    let t = text.trim();
    match spec.kind {
        Kind::Number { .. } => crate::num::parse_f64(t),
        Kind::Toggle => match t.to_ascii_lowercase().as_str() {
            "on" | "1" | "true" | "yes" => Some(1.0),
            "off" | "0" | "false" | "no" => Some(0.0),
            _ => None,
        },
        Kind::Choice(_) | Kind::UnitSystem(_) | Kind::View(..) | Kind::Preset(_) => {
            spec.options().iter().position(|o| o.eq_ignore_ascii_case(t)).map(|i| i as f64)
        }
    }
}

fn expected(spec: &ParamSpec) -> String {
    match spec.kind {
        Kind::Number { .. } => "a number".into(),
        _ => format!("one of {}", spec.options().join(", ")),
    }
}

fn range(spec: &ParamSpec) -> (f64, f64) {
    match spec.kind {
        Kind::Number { min, max, .. } => (min, max),
        _ => (0.0, 0.0),
    }
}

/// A value exactly as its field shows it (`$45,359/kg`), or the option's name.
pub fn exact(spec: &ParamSpec, v: f64, system: usize) -> String {
    match spec.kind {
        Kind::Number { .. } => spec.unit.exact(v, system),
        _ => write_value(spec, v),
    }
}

/// A value as a reader sees it (`$1,200/lb`, `on`, `kg`).
pub fn show(spec: &ParamSpec, v: f64, system: usize) -> String {
    match spec.kind {
        Kind::Number { .. } => spec.unit.format(v, system),
        _ => write_value(spec, v),
    }
}

/// Untrusted text, made safe and short to quote back in a note: at most 40 characters, control
/// and bidirectional formatting characters named (`1[U+0000]2`, `[U+202E]`) rather than obeyed or
/// silently dropped (a dropped NUL would make `1%002` read as “12”; an obeyed U+202E would make
/// the note read backwards). (The view renders notes as text nodes, never as markup.)
pub fn echo(s: &str) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == 40 {
            out.push('…');
            break;
        }
        let bidi = matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            // (Hex by hand: `{:X}` would link another formatter into the bundle.)
            out.push_str("[U+");
            let code = c as u32;
            let digits = if code > 0xFFFF { 6 } else { 4 };
            out.extend((0..digits).rev().map(|k| char::from_digit((code >> (4 * k)) & 0xF, 16).unwrap_or('0').to_ascii_uppercase()));
            out.push(']');
        } else {
            out.push(c);
        }
    }
    out
}

/// A `%` escape that is cut short or not hex, or bytes that are not UTF-8.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BadEncoding;

/// Decodes `%XX` escapes and `+` (as a space). Errors on a broken escape or invalid UTF-8.
pub fn percent_decode(s: &str) -> Result<String, BadEncoding> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (b.get(i + 1).and_then(|&c| hex(c)), b.get(i + 2).and_then(|&c| hex(c))) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => return Err(BadEncoding),
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| BadEncoding)
}

/// Escapes everything but unreserved characters (RFC 3986) and `,` `:`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~' | b',' | b':') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}
