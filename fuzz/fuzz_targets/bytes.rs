//! Any bytes through the core's input reader (encoding detection, UTF-16
//! with and without BOM, GBK/GB18030, PDF and .docx structure) and then
//! `check`: no panic, and every span lies inside the decoded text on char
//! boundaries.
//!
//! Run: `cargo +nightly fuzz run bytes -- -dict=fuzz/xxgk.dict` (from the
//! repo root).
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_validator::{check, input, Span};

fn span_ok(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = input::read(data) else { return };
    let r = check(&doc.text);
    for c in &r.cells {
        assert!(
            span_ok(&doc.text, c.span),
            "cell {} span {:?}",
            c.key,
            c.span
        );
    }
    for d in &r.diagnostics {
        if let Some(s) = d.span {
            assert!(span_ok(&doc.text, s), "diagnostic {} span {:?}", d.rule, s);
        }
        let _ = d.difference();
    }
});
