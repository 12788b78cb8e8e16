use essay_core::text::{esc, mid_sentence};

#[test]
fn escapes_everything_that_could_become_markup() {
    assert_eq!(esc(r#"<img src=x onerror="a('b')">&"#), "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
}

#[test]
fn labels_read_mid_sentence() {
    assert_eq!(mid_sentence("Launch price"), "launch price");
    assert_eq!(mid_sentence("GPUs per rack"), "GPUs per rack");
    assert_eq!(mid_sentence("NAND shortage multiplier"), "NAND shortage multiplier");
}
