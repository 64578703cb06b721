//! Any bytes (read as lossy UTF-8) through `check`, `check_text` and
//! `check_html`: no panic, and every span the core reports lies inside the
//! input on char boundaries; for plain text, a cell's span slices the input
//! to exactly the cell's text.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run check` (from the repo root).
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_validator::{check, check_html, check_text, wire, Report, Span};

fn span_ok(input: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= input.len()
        && input.is_char_boundary(s.start)
        && input.is_char_boundary(s.end)
}

fn verify(input: &str, r: &Report, exact_text: bool) {
    for c in &r.cells {
        assert!(
            span_ok(input, c.span),
            "cell {} span {:?} out of input",
            c.key,
            c.span
        );
        if exact_text {
            assert_eq!(
                &input[c.span.start..c.span.end],
                c.text,
                "cell {} text != input[span]",
                c.key
            );
        }
    }
    for d in &r.diagnostics {
        if let Some(s) = d.span {
            assert!(
                span_ok(input, s),
                "diagnostic {} span {:?} out of input",
                d.rule,
                s
            );
        }
    }
    // The wire shape (with UTF-16 spans) must build too.
    let _ = wire::report(r, "fuzz", None, Some(input));
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let r = check(&input);
    verify(&input, &r, !r.html);
    verify(&input, &check_text(&input), true);
    verify(&input, &check_html(&input), false);
});
