//! `essay-render`: a widget's chart as SVG, its scenario as one sentence or as JSON, from the same
//! Rust model the live widget runs: for readers without JavaScript (RSS, email, platforms that
//! strip scripts: put the SVG and the sentence inside the placeholder as its fallback), and for
//! scripts that want the numbers.
//!
//! ```text
//! essay-render WIDGET-ID [SCENARIO] [--svg out.svg] [--text] [--html] [--json] [--size 720x380] [--units kg]
//!              [--card card.png|card.svg] [--title TEXT] [--link URL]
//! essay-render --all [--svg-dir DIR] [--html] [--text] [--json]
//! essay-render --model FILE.toml [WIDGET-ID] [SCENARIO] [...]
//! ```
//! `--model FILE` loads a model file (repeatable); without a widget id, the file's own widget is
//! rendered. Problems are printed as `FILE:LINE: message` (errors exit with 2, unit warnings do
//! not). `--all` renders every model file of the kit (`www/models/`).
//! SCENARIO is the placeholder's `data-scenario` format (`launch_usd_per_lb=800&gpus=200000`).
//! `--text` prints the sentence; `--html` prints a ready fallback (`<img>` + sentence) for a
//! placeholder whose SVG is at the given `--svg` path; `--json` prints
//! `{"widget", "inputs": {key: number}, "outputs": {key: number|null}, "notes": [...]}` (values
//! in the link's units). `--all` does the same for every widget in the registry at its defaults
//! (`--json` then prints an array, `--svg-dir` writes `DIR/ID.svg`). Bad values are reported on
//! stderr and in the JSON's notes, and the widget's defaults stand, as in the browser.
//! `--card` writes a 1200×630 social preview of the scenario (PNG or SVG by the extension): the
//! title (`--title`, else the widget's), the headline readouts, the chart and `--link` (the
//! scenario's address, for the `og:image` of a post).

use essay_core::model::{self, Kind, Model, Values};
use essay_core::{render, snapshot};
use std::process::ExitCode;

const USAGE: &str = "usage: essay-render WIDGET-ID [SCENARIO] [--svg PATH] [--text] [--html] [--json] [--size WxH] [--units NAME]\n                    [--card PATH.png|PATH.svg] [--title TEXT] [--link URL]\n       essay-render --all [--svg-dir DIR] [--html] [--text] [--json]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("essay-render: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[derive(Default)]
struct Opts {
    positional: Vec<String>,
    all: bool,
    svg: Option<String>,
    svg_dir: Option<String>,
    text: bool,
    html: bool,
    json: bool,
    size: Option<(u32, u32)>,
    units: Option<String>,
    card: Option<String>,
    title: Option<String>,
    link: Option<String>,
    models: Vec<String>,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| it.next().cloned().ok_or(format!("{a} needs {what}"));
        match a.as_str() {
            "--all" => o.all = true,
            "--svg" => o.svg = Some(value("a path")?),
            "--svg-dir" => o.svg_dir = Some(value("a folder")?),
            "--text" => o.text = true,
            "--html" => o.html = true,
            "--json" => o.json = true,
            "--units" => o.units = Some(value("a unit system, e.g. kg")?),
            "--card" => o.card = Some(value("a path ending in .png or .svg")?),
            "--title" => o.title = Some(value("a title")?),
            "--link" => o.link = Some(value("the scenario's address")?),
            "--model" => o.models.push(value("a model file")?),
            "--size" => {
                let s = value("WxH")?;
                let (w, h) = s.split_once('x').ok_or("--size is WxH, e.g. 720x380")?;
                o.size = Some((w.parse().map_err(|_| "bad width")?, h.parse().map_err(|_| "bad height")?));
            }
            "-h" | "--help" => return Err(String::new()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => o.positional.push(a.clone()),
        }
    }
    Ok(o)
}

/// Loads a model file, printing its warnings; an error names the file and line.
fn load(path: &str) -> Result<&'static Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let loaded = essay_core::modelfile::load(&text).map_err(|e| format!("{path}:{}: {}", e.line, e.message))?;
    for w in &loaded.warnings {
        eprintln!("{path}:{}: warning: {}", w.line, w.message);
    }
    model::register(loaded.model);
    Ok(loaded.model)
}

fn run(args: &[String]) -> Result<(), String> {
    let o = parse(args)?;
    let mut loaded = Vec::new();
    for path in &o.models {
        loaded.push(load(path)?);
    }
    if o.all {
        if !o.positional.is_empty() || o.svg.is_some() || o.card.is_some() {
            return Err("--all renders every widget at its defaults: no widget id, scenario, --svg or --card".into());
        }
        let mut docs = Vec::new();
        for m in model::builtins() {
            let svg = o.svg_dir.as_ref().map(|d| format!("{d}/{}.svg", m.id()));
            docs.push(one(m, "", svg.as_deref(), &o)?);
        }
        if o.json {
            println!("{}", serde_json::to_string_pretty(&docs).map_err(|e| e.to_string())?);
        }
        return Ok(());
    }
    // With --model and no id, the file's widget; a first positional that is a scenario stays one.
    let mut pos = o.positional.iter().map(String::as_str);
    let first = pos.next();
    let (id, scenario) = match (loaded.last(), first) {
        (Some(m), Some(p)) if model::find(p).is_none() && p.contains('=') => (m.id(), Some(p)),
        (Some(m), None) => (m.id(), None),
        (_, Some(p)) => (p, pos.next()),
        (None, None) => return Err("which widget?".into()),
    };
    let model = model::find(id).ok_or_else(|| format!("there is no widget “{id}” (known: {})", model::ids().join(", ")))?;
    let doc = one(model, scenario.unwrap_or(""), o.svg.as_deref(), &o)?;
    if o.json {
        println!("{}", serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?);
    }
    Ok(())
}

/// An SVG rasterised at its own size (resvg, with the system's fonts; "sans-serif" is the
/// first of Liberation Sans, DejaVu Sans, Arial that is installed).
fn png(svg: &str) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    let has = |name: &str| db.faces().any(|f| f.families.iter().any(|(n, _)| n == name));
    if let Some(family) = ["Liberation Sans", "DejaVu Sans", "Arial"].into_iter().find(|n| has(n)) {
        db.set_sans_serif_family(family);
    }
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("card: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("card: empty size")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("card: {e}"))
}

/// Renders one widget as asked; returns its snapshot (for `--json`).
fn one(model: &'static Model, scenario: &str, svg: Option<&str>, o: &Opts) -> Result<snapshot::Snapshot, String> {
    let scenario = match &o.units {
        Some(u) => {
            let spec = model.params().iter().find(|s| matches!(s.kind, Kind::UnitSystem(_)));
            let spec = spec.ok_or(format!("{} has no unit systems to choose from", model.id()))?;
            let known = spec.options();
            if !known.contains(&u.as_str()) {
                return Err(format!("--units {u}: {} knows {}", model.id(), known.join(", ")));
            }
            // The unit system goes first, so the scenario's values read in it.
            [format!("{}={u}", spec.key), scenario.to_string()].join("&")
        }
        None => scenario.to_string(),
    };
    let author = essay_core::author::settings(model, model.id(), &|name| (name == "data-scenario").then(|| scenario.clone()));
    for n in &author.notes {
        eprintln!("essay-render: {}: {n}", model.id());
    }
    let vals = &author.base;
    let size = o.size.unwrap_or(render::SIZE);
    if let Some(path) = svg {
        std::fs::write(path, render::svg(model, vals, size)?).map_err(|e| format!("{path}: {e}"))?;
    }
    if let Some(path) = &o.card {
        let title = o.title.clone().unwrap_or_else(|| model.title().to_string());
        let link = o.link.clone().unwrap_or_else(|| format!("essay-widgets · {}", model.id()));
        let svg = render::card_svg(model, vals, &title, &link);
        match path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()) {
            Some(ext) if ext == "svg" => std::fs::write(path, svg).map_err(|e| format!("{path}: {e}"))?,
            Some(ext) if ext == "png" => std::fs::write(path, png(&svg)?).map_err(|e| format!("{path}: {e}"))?,
            _ => return Err(format!("--card {path}: the file name must end in .png or .svg")),
        }
    }
    if o.text {
        println!("{}", model.summary(&Values::new(model.params(), vals)));
    }
    if o.html {
        let src = svg.ok_or("--html needs --svg or --svg-dir (the image's path)")?;
        println!("{}", render::fallback_html(model, vals, src, size));
    }
    let mut snap = snapshot::snapshot(model, vals, author.notes.clone());
    let defaults = essay_core::model::defaults(model.params());
    let essay = model.compute(&Values::new(model.params(), &defaults));
    snap.uncertainty = snapshot::uncertainty(model, vals, &author.base_ranges, &essay);
    Ok(snap)
}
