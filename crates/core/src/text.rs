//! Text helpers for the places that write markup as text (SVG, the no-JS fallback snippet) and
//! for labels used inside sentences. The live widget never writes markup from strings: Leptos
//! puts every text into text nodes and attribute values.
//!
//! Architecture invariant: pure `&str` → `String`.

/// Escapes text for use in HTML/XML content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A label as it reads mid-sentence: "Launch price" → "launch price"; "GPUs" and "NAND …" stay.
pub fn mid_sentence(label: &str) -> String {
    match label.as_bytes() {
        [a, b, ..] if b.is_ascii_lowercase() => format!("{}{}", a.to_ascii_lowercase() as char, &label[1..]),
        _ => label.to_string(),
    }
}

/// How the chart's axes are scaled, for a caption: " (both axes logarithmic)", or "".
pub fn log_note(x_log: bool, y_log: bool) -> &'static str {
    match (x_log, y_log) {
        (true, true) => " (both axes logarithmic)",
        (true, false) => " (logarithmic x axis)",
        (false, true) => " (logarithmic y axis)",
        (false, false) => "",
    }
}
