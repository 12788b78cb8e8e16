//! `essay-render`: a widget's chart as SVG and its scenario as one sentence, from the same Rust
//! model the live widget runs, for readers without JavaScript (RSS, email, platforms that strip
//! scripts). Put both inside the placeholder as its fallback.
//!
//! ```text
//! cargo run --bin essay-render -- orbital-gpu-cost [SCENARIO] [--svg out.svg] [--text] [--html]
//!     [--size 720x380] [--units kg]
//! ```
//! SCENARIO is the placeholder's `data-scenario` format (`launch_usd_per_lb=800&gpus=200000`).
//! `--text` prints the sentence; `--html` prints a ready fallback (`<img>` + sentence) for a
//! placeholder whose SVG is at the given `--svg` path. Bad values are reported on stderr, and
//! the widget's defaults stand, as in the browser.

// A native tool: on wasm32 (where plotters has no SVG backend) it is an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use essay_widgets::model::{self, Values};
    use essay_widgets::render;
    use std::process::ExitCode;

    const USAGE: &str = "usage: essay-render WIDGET-ID [SCENARIO] [--svg PATH] [--text] [--html] [--size WxH]";

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("essay-render: {e}\n{USAGE}");
                ExitCode::from(2)
            }
        }
    }

    fn run(args: &[String]) -> Result<(), String> {
        let mut positional = Vec::new();
        let (mut svg, mut text, mut html, mut size) = (None, false, false, render::SIZE);
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--svg" => svg = Some(it.next().ok_or("--svg needs a path")?.clone()),
                "--text" => text = true,
                "--html" => html = true,
                "--size" => {
                    let s = it.next().ok_or("--size needs WxH")?;
                    let (w, h) = s.split_once('x').ok_or("--size is WxH, e.g. 720x380")?;
                    size = (w.parse().map_err(|_| "bad width")?, h.parse().map_err(|_| "bad height")?);
                }
                "-h" | "--help" => return Err("".into()),
                _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
                _ => positional.push(a.clone()),
            }
        }
        let id = positional.first().ok_or("which widget?")?;
        let model = model::find(id).ok_or_else(|| {
            let known: Vec<&str> = model::REGISTRY.iter().map(|m| m.id()).collect();
            format!("there is no widget “{id}” (known: {})", known.join(", "))
        })?;
        let scenario = positional.get(1).cloned().unwrap_or_default();
        let author = essay_widgets::author::settings(model, id, &|name| (name == "data-scenario").then(|| scenario.clone()));
        for n in &author.notes {
            eprintln!("essay-render: {n}");
        }
        let vals = &author.base;
        if let Some(path) = &svg {
            std::fs::write(path, render::svg(model, vals, size)?).map_err(|e| format!("{path}: {e}"))?;
        }
        if text {
            println!("{}", model.summary(&Values::new(model.params(), vals)));
        }
        if html {
            let src = svg.as_deref().ok_or("--html needs --svg (the image's path)")?;
            println!("{}", render::fallback_html(model, vals, src, size));
        }
        Ok(())
    }
}
