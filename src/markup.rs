//! The static markup of a widget, as an HTML string: header, link notes, readouts, chart frame
//! and controls. The view mounts it once and then only updates values (`view::controls::sync`).
//!
//! Why a string: a large `view!` tree compiles to code that creates each element and attribute
//! one call at a time (~30 KB of wasm for one widget); markup text is a fraction of that and
//! compresses well. Every piece of text goes through [`esc`], so nothing — a spec's label or an
//! untrusted value quoted in a note — can become markup.
//!
//! Architecture invariant: pure (`&str`/`String`), no DOM; the public `data-param`,
//! `data-output` keys come straight from the specs.

use crate::author::Settings;
use crate::model::{Chart, Kind, Model, ParamSpec};
use crate::units::Style;
use std::fmt::Write;

/// Escapes text for use in HTML content and double-quoted attribute values.
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

/// The widget's inner markup. `uid` keeps element ids unique on the page; `notes` are the
/// problems found in the author's attributes and the link (shown as text); `author` is what the
/// author chose on the placeholder (title, caption, chart on or off).
pub fn widget(model: &Model, uid: u32, notes: &[String], chart: &Chart, author: &Settings) -> String {
    let mut h = String::with_capacity(8 * 1024);
    let title = author.title.as_deref().unwrap_or(model.title());
    let _ = write!(h, r#"<header class="ew-head"><h3 class="ew-title">{}</h3>"#, esc(title));
    for s in model.params().iter().filter(|s| matches!(s.kind, Kind::UnitSystem(_))) {
        control(&mut h, uid, s);
    }
    // Share copies the link to this scenario (or, where the clipboard is refused, shows it
    // selected); Reset appears once the reader has moved away from the author's scenario.
    let _ = write!(
        h,
        r#"<div class="ew-actions"><button type="button" class="ew-button" data-action="reset" hidden>Reset</button><button type="button" class="ew-button" data-action="share">Share</button><span class="ew-status" role="status"></span></div></header><p class="ew-share" hidden><label for="ew{uid}-link">Link to this scenario</label><input type="text" id="ew{uid}-link" class="ew-share-text" readonly></p>"#
    );
    if let Some(c) = &author.caption {
        let _ = write!(h, r#"<p class="ew-lede">{}</p>"#, esc(c));
    }
    let _ = write!(
        h,
        r#"<div class="ew-notes" role="status"{}><p class="ew-notes-title">Some values could not be used as given:</p><ul>"#,
        if notes.is_empty() { " hidden" } else { "" }
    );
    for n in notes {
        let _ = write!(h, "<li>{}</li>", esc(n));
    }
    h.push_str(r#"</ul><button type="button" class="ew-button" data-action="dismiss">Dismiss</button></div><dl class="ew-outputs">"#);
    for o in model.outputs().iter().filter(|o| o.group.is_none()) {
        let key = esc(o.key);
        let _ = write!(
            h,
            r#"<div class="ew-out{}"><dt>{}</dt><dd><output data-output="{key}"></output>{}</dd></div>"#,
            if o.headline { " ew-headline" } else { "" },
            esc(o.label),
            // Headlines say how far the reader is from the essay's numbers.
            if o.headline { format!(r#"<span class="ew-delta" data-delta="{key}" hidden></span>"#) } else { String::new() }
        );
    }
    h.push_str("</dl>");
    compare_table(&mut h, model.outputs());
    let x_lower = mid_sentence(chart.x.label);
    let log = match (chart.x.log, chart.y.log) {
        (true, true) => " (both axes logarithmic)",
        (true, false) => " (logarithmic x axis)",
        (false, true) => " (logarithmic y axis)",
        (false, false) => "",
    };
    let sources = chart.marks.iter().chain(&chart.levels).map(|m| m.source).collect::<Vec<_>>().join("; ");
    if author.chart {
        let _ = write!(
            h,
            r#"<figure class="ew-chart"><figcaption class="ew-caption">{} against {}{log}</figcaption><div class="ew-canvas-wrap"><canvas role="img"></canvas></div><p class="ew-chart-src">Marks: {}.</p><div class="ew-export"><details class="ew-data"><summary>Show data</summary><div class="ew-table-wrap" data-table></div></details><span class="ew-export-label">Download</span><button type="button" class="ew-button" data-action="png">PNG</button><button type="button" class="ew-button" data-action="svg">SVG</button><button type="button" class="ew-button" data-action="csv">CSV</button><button type="button" class="ew-button" data-action="cite">Copy citation</button></div></figure>"#,
            esc(chart.y.label),
            esc(&x_lower),
            esc(&sources)
        );
    }
    h.push_str(r#"<div class="ew-controls">"#);
    for s in model.params().iter().filter(|s| !matches!(s.kind, Kind::UnitSystem(_))) {
        control(&mut h, uid, s);
    }
    // Read out once input settles: one sentence with the outcome (see view::Widget::replace).
    h.push_str(r#"</div><p class="ew-sr" aria-live="polite" data-live></p>"#);
    h
}

/// One input's control. Every input element carries `data-param="KEY"`.
fn control(h: &mut String, uid: u32, s: &ParamSpec) {
    let (key, label, source) = (esc(s.key), esc(s.label), esc(s.source));
    let id = format!("ew{uid}-{key}");
    let _ = match s.kind {
        Kind::Number { .. } => write!(
            h,
            r#"<div class="ew-param" data-for="{key}"><label class="ew-label" for="{id}">{label}</label><div class="ew-row"><span class="ew-track"><input type="range" class="ew-slider" data-param="{key}" min="0" max="1000" step="1" aria-label="{label}" aria-describedby="{id}-src">{}</span><span class="ew-field">{}<input type="text" id="{id}" class="ew-input" inputmode="decimal" autocomplete="off" spellcheck="false" data-param="{key}" aria-describedby="{id}-src"><span class="ew-affix" aria-hidden="true" data-suffix="{key}"></span></span></div><p class="ew-msg" role="alert" data-msg="{key}" hidden></p><p class="ew-src" id="{id}-src">{source}</p></div>"#,
            slider_marks(s),
            if s.unit.style == Style::Money { r#"<span class="ew-affix" aria-hidden="true">$</span>"# } else { "" }
        ),
        Kind::Preset(_) => {
            let _ = write!(
                h,
                r#"<fieldset class="ew-param ew-preset" data-for="{key}" aria-describedby="{id}-src"><legend class="ew-label">{label}</legend><div class="ew-seg">"#
            );
            // "Custom" only reports that the filled input holds the reader's own value.
            radios(h, &id, s, true);
            write!(h, r#"</div><p class="ew-src" id="{id}-src">{source}</p></fieldset>"#)
        }
        Kind::Toggle => write!(
            h,
            r#"<div class="ew-param ew-param-toggle" data-for="{key}"><label class="ew-switch"><input type="checkbox" role="switch" data-param="{key}" aria-describedby="{id}-src"><span class="ew-switch-track" aria-hidden="true"></span><span class="ew-label">{label}</span></label><p class="ew-src" id="{id}-src">{source}</p></div>"#
        ),
        Kind::Choice(_) | Kind::UnitSystem(_) => {
            let _ = write!(h, r#"<fieldset class="ew-seg" data-for="{key}" title="{source}"><legend class="ew-seg-label">{label}</legend>"#);
            radios(h, &id, s, false);
            write!(h, "</fieldset>")
        }
    };
}

/// One radio button per option of a choice, unit system or preset (the last one disabled when
/// `last_disabled`), valued by the option's name and labelled with its label.
fn radios(h: &mut String, id: &str, s: &ParamSpec, last_disabled: bool) {
    let last = s.options().len() - 1;
    for (k, (name, text)) in s.options().iter().zip(s.option_labels()).enumerate() {
        let _ = write!(
            h,
            r#"<label class="ew-seg-opt"><input type="radio" name="{id}" value="{}" data-param="{}"{}><span>{}</span></label>"#,
            esc(name),
            esc(s.key),
            if last_disabled && k == last { " disabled" } else { "" },
            esc(text)
        );
    }
}

/// Reference values under a slider, as buttons that set the value (`Hyperscale 1.1`), each on a
/// row of its own so labels never overlap; a label starts, centres or ends at its tick depending
/// on where the tick sits, so it stays over the track. `--t` is
/// the position along the track (0 to 1), `--row` the label's row. Values are shown in the first
/// unit system.
fn slider_marks(s: &ParamSpec) -> String {
    if s.marks.is_empty() {
        return String::new();
    }
    let mut h = format!(r#"<span class="ew-ticks" style="--rows:{}">"#, s.marks.len());
    // The rightmost mark gets the top row: the lines of marks further left then run down past
    // labels that reach left from their ticks, not through them.
    let n = s.marks.len();
    for (i, &(v, label)) in s.marks.iter().enumerate() {
        let row = n - 1 - i;
        let t = s.to_position(v) / crate::model::SLIDER_STEPS;
        let shown = esc(&s.unit.format(v, 0));
        let _ = write!(
            h,
            r#"<button type="button" class="ew-tick{}" style="--t:{};--row:{row}" data-set="{}" data-value="{}" aria-label="{} {shown}: set {} to it">{} {shown}</button>"#,
            if t > 0.7 {
                " ew-tick-end"
            } else if t > 0.3 {
                " ew-tick-mid"
            } else {
                ""
            },
            crate::units::fixed(t, 3),
            esc(s.key),
            esc(&crate::num::format_f64(v)),
            esc(label),
            esc(s.label),
            esc(label)
        );
    }
    h.push_str("</span>");
    h
}

/// The grouped readouts as one table: a column per group, a row per label, in order of first
/// appearance (`OutputSpec::group`).
fn compare_table(h: &mut String, outputs: &[crate::model::OutputSpec]) {
    let mut groups: Vec<&str> = Vec::new();
    let mut rows: Vec<(&str, bool)> = Vec::new();
    for o in outputs {
        let Some(g) = o.group else { continue };
        if !groups.contains(&g) {
            groups.push(g);
        }
        if !rows.iter().any(|(l, _)| *l == o.label) {
            rows.push((o.label, o.headline));
        }
    }
    if groups.is_empty() {
        return;
    }
    h.push_str(r#"<div class="ew-table-wrap"><table class="ew-table"><thead><tr><td></td>"#);
    for g in &groups {
        let _ = write!(h, r#"<th scope="col">{}</th>"#, esc(g));
    }
    h.push_str("</tr></thead><tbody>");
    for (label, headline) in rows {
        let _ = write!(h, r#"<tr{}><th scope="row">{}</th>"#, if headline { r#" class="ew-headline""# } else { "" }, esc(label));
        for g in &groups {
            match outputs.iter().find(|o| o.label == label && o.group == Some(*g)) {
                Some(o) => write!(h, r#"<td><output data-output="{}"></output></td>"#, esc(o.key)),
                None => write!(h, "<td></td>"),
            }
            .ok();
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div>");
}

/// The chart's numbers as an HTML table (for "Show data"): formatted as the widget shows them,
/// the reader's row marked.
pub fn data_table(t: &crate::chart::Table, system: usize) -> String {
    let mut h = String::from(r#"<table class="ew-table"><thead><tr>"#);
    for head in &t.headers {
        let _ = write!(h, r#"<th scope="col">{}</th>"#, esc(head));
    }
    h.push_str("</tr></thead><tbody>");
    for (i, row) in t.rows.iter().enumerate() {
        let you = t.reader == Some(i);
        h.push_str(if you { r#"<tr class="ew-headline">"# } else { "<tr>" });
        for (k, (v, unit)) in row.iter().zip(&t.units).enumerate() {
            let text = unit.format(*v, system);
            let _ = match (k, you) {
                (0, true) => write!(h, r#"<th scope="row">{} (yours)</th>"#, esc(&text)),
                (0, false) => write!(h, r#"<th scope="row">{}</th>"#, esc(&text)),
                _ => write!(h, "<td>{}</td>", esc(&text)),
            };
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}
