//! Number parsing shared by the URL codec, typed fields and CSS colours.
//!
//! On wasm the work is done by the browser (`parseFloat`, `Number#toString`: correctly rounded and
//! shortest round-trip, like Rust's): Rust's own `f64::from_str` carries a ~20 KB table of powers
//! of five into the bundle, and float `Display` another ~15 KB. The parser is only ever given
//! strings that [`is_decimal`] accepted, so both sides agree exactly.

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
    #[cfg(target_arch = "wasm32")]
    let v = js_sys::parse_float(s);
    #[cfg(not(target_arch = "wasm32"))]
    let v: f64 = s.parse().ok()?;
    // (max/min, not clamp: see `ParamSpec::sanitize`.)
    (!v.is_nan()).then_some(v.max(-f64::MAX).min(f64::MAX) + 0.0)
}

/// The shortest decimal text that reads back as exactly `v` (`800`, `90.7185`, `0.1`). Plain
/// notation for 1e-6 ≤ |v| < 1e21 (all our values); beyond, the two platforms may differ in
/// exponent notation, which [`parse_f64`] reads either way.
pub fn format_f64(v: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Number::from(v).to_string_with_radix(10).ok().and_then(|s| s.as_string()).unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    return format!("{v}");
}
