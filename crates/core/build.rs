//! Lists the kit's model files (`www/models/*.toml`) for `model::builtins()`: native builds
//! (`cargo test`, `essay-render`) and the wasm's browser tests embed them; the shipped wasm does
//! not (a page fetches only the models it shows).
use std::fmt::Write;

fn main() {
    let dir = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../www/models");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect()).unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let id = f.file_stem().unwrap().to_string_lossy();
        writeln!(out, "    ({id:?}, include_str!({:?})),", f.display().to_string()).unwrap();
    }
    out.push(']');
    std::fs::write(std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("models.rs"), out).unwrap();
}
