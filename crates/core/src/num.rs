//! Number parsing shared by the URL codec, typed fields and CSS colours.
//!
//! The float text conversions are a pair of functions the platform hands in ([`install`]). The
//! browser shell installs the browser's (`parseFloat`, `Number#toString`: correctly rounded and
//! shortest round-trip, like Rust's): Rust's own `f64::from_str` carries a ~20 KB table of powers
//! of five into the bundle, and float `Display` another ~15 KB, and this crate cannot name
//! js-sys. Native builds default to Rust's. The parser is only ever given strings that
//! [`is_decimal`] accepted, so both sides agree exactly.

use std::sync::OnceLock;

/// The platform's float text conversions: `parse` reads a string [`is_decimal`] accepted (NaN if
/// it cannot), `format` writes the shortest text that reads back as exactly the value.
#[derive(Clone, Copy)]
pub struct Floats {
    pub parse: fn(&str) -> f64,
    pub format: fn(f64) -> String,
}

static FLOATS: OnceLock<Floats> = OnceLock::new();

/// Hands in the platform's conversions; the first call wins (the shell calls it at start-up and
/// at each entry point, so the order of entry does not matter).
pub fn install(floats: Floats) {
    let _ = FLOATS.set(floats);
}

#[cfg(not(target_arch = "wasm32"))]
const DEFAULT: Floats = Floats { parse: |s| s.parse().unwrap_or(f64::NAN), format: |v| format!("{v}") };
// On wasm nothing is linked in until the shell installs the browser's: an uninstalled engine reads
// no number and writes empty text (visible at once in every test), rather than carrying 35 KB.
#[cfg(target_arch = "wasm32")]
const DEFAULT: Floats = Floats { parse: |_| f64::NAN, format: |_| String::new() };

fn floats() -> Floats {
    FLOATS.get().copied().unwrap_or(DEFAULT)
}

/// Whether `s` is a plain decimal number: optional sign, digits with an optional point (at least
/// one digit), optional exponent. No `inf`, `NaN`, hex, spaces or thousands separators.
pub fn is_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Parses a plain decimal number (see [`is_decimal`]); `None` for anything else. A number too
/// large for a float (`1e309`) reads as the largest one (`1e308` is clamped with a note, so is
/// this), and `-0` as 0.
pub fn parse_f64(s: &str) -> Option<f64> {
    if !is_decimal(s) {
        return None;
    }
    let v = (floats().parse)(s);
    // (max/min, not clamp: see `ParamSpec::sanitize`.)
    #[allow(clippy::manual_clamp)]
    (!v.is_nan()).then_some(v.max(-f64::MAX).min(f64::MAX) + 0.0)
}

/// The shortest decimal text that reads back as exactly `v` (`800`, `90.7185`, `0.1`). Plain
/// notation for 1e-6 ≤ |v| < 1e21 (all our values); beyond, the two platforms may differ in
/// exponent notation, which [`parse_f64`] reads either way.
pub fn format_f64(v: f64) -> String {
    (floats().format)(v)
}
