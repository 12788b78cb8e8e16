/// The version the builder's snippets pin and the README's CDN examples name is the one
/// `make dist` packs (Cargo.toml's): a release bump that forgets one fails here.
#[test]
fn the_pinned_version_everywhere_is_cargos() {
    let version = env!("CARGO_PKG_VERSION");
    let builder = std::fs::read_to_string("www/builder.html").unwrap();
    assert!(builder.contains(&format!(r#"<meta name="essay-widgets-version" content="{version}">"#)), "www/builder.html pins another version");
    let readme = std::fs::read_to_string("README.md").unwrap();
    let pinned: Vec<&str> = readme.split("essay-widgets@").skip(1).map(|rest| rest.split(['/', ' ', '`', ')']).next().unwrap()).collect();
    assert!(!pinned.is_empty());
    for p in pinned.iter().filter(|p| p.starts_with(|c: char| c.is_ascii_digit())) {
        assert_eq!(*p, version, "README pins essay-widgets@{p}");
    }
    let dist = std::fs::read_to_string("scripts/dist-readme.md").unwrap();
    assert!(dist.contains("essay-widgets@VERSION/"), "the package README's version is filled in by make dist");
}
