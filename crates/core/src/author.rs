//! What an author sets on a placeholder, read from its attributes. Pure: attributes come in
//! through a lookup function, so this is tested natively.
//!
//! | attribute | meaning |
//! | --- | --- |
//! | `data-scenario="KEY=VALUE&…"` | the starting scenario, in the URL format without the namespace |
//! | `data-controls="KEY KEY …"` | show only these controls (`none`: no controls) |
//! | `data-hide="KEY KEY …"` | hide these controls |
//! | `data-outputs="KEY KEY …"` | show only these readouts (`none`: no readouts); prose bindings still reach the rest |
//! | `data-chart="off"` | no chart (`on` is the default) |
//! | `data-chart-height="PX"` | chart height in CSS pixels, 160–800 (default: from the width) |
//! | `data-title="…"`, `data-caption="…"` | replace the title; add a caption under it |
//! | `data-baseline="the essay"` | what the headlines compare with ("+$10.0B vs the essay"); default "the author's scenario" |
//! | `data-share-url="https://…"` | the address Share offers, with the scenario's keys (the article's, for a widget in an iframe) |
//! | `data-url-key="…"` | the URL namespace (letters, digits, `-`, `_`; else the widget id, with a note) |
//! | `data-theme="light\|dark\|auto"` | (on the placeholder or any ancestor) colour scheme |
//!
//! A value that cannot be used is reported the way a bad link is: a visible note, and the
//! widget's own default in its place.

use crate::model::Model;
use crate::scenario::{self, echo};

/// The author's choices for one placeholder.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The starting values (the model's defaults overridden by `data-scenario`).
    pub base: Vec<f64>,
    /// The starting ranges (`data-scenario="launch_usd_per_lb=500~1500"`), in spec order.
    pub base_ranges: Vec<Option<crate::model::Range>>,
    /// Controls the author hid, by input key.
    pub hidden: Vec<&'static str>,
    /// The readouts the author shows (`data-outputs`), by output key; `None`: all of them.
    pub outputs: Option<Vec<&'static str>>,
    pub chart: bool,
    pub chart_height: Option<f64>,
    pub title: Option<String>,
    pub caption: Option<String>,
    /// What the reader's numbers are compared with, in words (`data-baseline`): "vs the
    /// author's scenario", "Back to the essay."
    pub baseline: String,
    /// The address Share offers instead of the page's (`data-share-url`: the article's, for a
    /// widget in an iframe), with the scenario's keys put in its query.
    pub share_url: Option<String>,
    /// What could not be used, in words.
    pub notes: Vec<String>,
}

/// The chart heights an author may ask for, in CSS pixels.
pub const CHART_HEIGHT: (f64, f64) = (160.0, 800.0);

/// Reads the author's attributes (`attr("data-scenario")` → its value, if set).
pub fn settings(model: &Model, ns: &str, attr: &dyn Fn(&str) -> Option<String>) -> Settings {
    let defaults = crate::model::defaults(model.params());
    let mut notes = Vec::new();
    let mut base_ranges = vec![None; defaults.len()];
    let base = match attr("data-scenario").filter(|s| !s.trim().is_empty()) {
        Some(s) => {
            let mut query: Vec<String> = s.trim().trim_start_matches('?').split('&').filter(|p| !p.is_empty()).map(|p| format!("{ns}.{p}")).collect();
            // An author writes the current format (a link may be older: it says so).
            if !query.iter().any(|p| p.starts_with(&format!("{ns}.{}=", scenario::VERSION_KEY))) {
                query.insert(0, format!("{ns}.{}={}", scenario::VERSION_KEY, model.version));
            }
            let d = scenario::decode(model, ns, &query.join("&"), &defaults);
            notes.extend(d.notes.into_iter().map(|n| format!("data-scenario: {}", n.text)));
            base_ranges = d.ranges;
            d.values
        }
        None => defaults,
    };
    // A list of keys (`data-controls="a b"`, `none` for none), each one of `known` (`what` names
    // them in the note for one that is not).
    let words = |name: &str, known: &[&'static str], what: &str, notes: &mut Vec<String>| -> Option<Vec<&'static str>> {
        let text = attr(name)?;
        let mut found = Vec::new();
        for word in text.split([' ', ',']).filter(|w| !w.is_empty() && *w != "none") {
            match known.iter().find(|k| **k == word) {
                Some(k) => found.push(*k),
                None => notes.push(format!("{name}: there is no {what} “{}”.", echo(word))),
            }
        }
        Some(found)
    };
    let inputs: Vec<&'static str> = model.params().iter().map(|s| s.key).collect();
    let keys = |name: &str, notes: &mut Vec<String>| words(name, &inputs, "input", notes);
    let mut hidden: Vec<&'static str> = match keys("data-controls", &mut notes) {
        Some(shown) => model.params().iter().map(|s| s.key).filter(|k| !shown.contains(k)).collect(),
        None => Vec::new(),
    };
    hidden.extend(keys("data-hide", &mut notes).unwrap_or_default());
    let readouts: Vec<&'static str> = model.outputs().iter().map(|o| o.key).collect();
    let outputs = words("data-outputs", &readouts, "readout", &mut notes);
    let chart = match attr("data-chart").as_deref().map(str::trim) {
        None | Some("" | "on") => true,
        Some("off") => false,
        Some(other) => {
            notes.push(format!("data-chart: “{}” is not on or off; the chart is on.", echo(other)));
            true
        }
    };
    let chart_height = attr("data-chart-height").and_then(|h| {
        let px = h.trim().trim_end_matches("px");
        match crate::num::parse_f64(px) {
            Some(v) if (CHART_HEIGHT.0..=CHART_HEIGHT.1).contains(&v) => Some(v),
            _ => {
                // (Literal numbers: formatting an f64 would link float printing into the bundle.)
                notes.push(format!("data-chart-height: “{}” is not a height from 160 to 800 pixels; the chart sizes itself.", echo(&h)));
                None
            }
        }
    });
    if let Some(key) = attr("data-url-key").filter(|k| !scenario::valid_namespace(k)) {
        notes.push(url_key_note(&key, model.id()));
    }
    let text = |name: &str| attr(name).map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    // At most 40 characters, as plain text (echo also names control characters).
    let baseline = text("data-baseline").map_or_else(|| BASELINE.to_string(), |b| echo(&b).trim_end_matches('…').to_string());
    let share_url = text("data-share-url").filter(|u| {
        let ok = (u.starts_with("https://") || u.starts_with("http://")) && u.len() <= 2000 && !u.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<');
        if !ok {
            notes.push(format!("data-share-url: “{}” is not an http(s) address; Share offers this page's.", echo(u)));
        }
        ok
    });
    Settings { base, base_ranges, hidden, outputs, chart, chart_height, title: text("data-title"), caption: text("data-caption"), baseline, share_url, notes }
}

/// The note for a `data-url-key` that cannot name a widget in links.
pub fn url_key_note(key: &str, id: &str) -> String {
    format!("data-url-key: “{}” must be letters, digits, “-” or “_”; links use “{id}”.", echo(key))
}

/// What the headlines compare with when the author does not say (`data-baseline`).
pub const BASELINE: &str = "the author's scenario";

impl Settings {
    /// The baseline as a name that starts a line of a legend or a table heading ("The
    /// author's scenario").
    pub fn baseline_name(&self) -> String {
        // ASCII only: Unicode's case tables would cost the bundle kilobytes.
        let mut c = self.baseline.chars();
        c.next().map(|f| std::iter::once(f.to_ascii_uppercase()).chain(c).collect()).unwrap_or_default()
    }
}

/// The colour scheme asked for by a `data-theme` value: `Some(true)` dark, `Some(false)`
/// light, `None` follow the reader's system. Anything else is `Err` (and reads as auto).
pub fn theme(value: Option<&str>) -> Result<Option<bool>, String> {
    match value.map(str::trim) {
        None | Some("" | "auto") => Ok(None),
        Some("dark") => Ok(Some(true)),
        Some("light") => Ok(Some(false)),
        Some(other) => Err(format!("data-theme: “{}” is not light, dark or auto; following the system.", echo(other))),
    }
}
