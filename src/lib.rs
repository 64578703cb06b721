//! xxgk-validator: reads the statistical tables of a 政府信息公开工作年度报告
//! from text as people paste it (or HTML), and checks their arithmetic.
//!
//! The whole public surface is [`check`], [`check_text`] and [`check_html`],
//! each returning a [`Report`]; [`wire`] shapes a report for JSON. The core
//! never panics and never fails: any input yields a report.
//! See ARCHITECTURE.md for the code map.

pub mod model;
pub mod report;
pub mod rules;
pub mod wire;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::Version;
pub use report::{Cell, Diagnostic, Report, Severity, Span, Suspect, TablesFound, Value};

/// Check one report given as text; HTML (a saved page or a clipboard
/// fragment with `<table>`) is recognised and read as HTML.
pub fn check(input: &str) -> Report {
    let _ = input;
    Report::default()
}

/// Check one report given as plain text, even if it contains markup.
pub fn check_text(input: &str) -> Report {
    check(input)
}

/// Check one report given as HTML.
pub fn check_html(input: &str) -> Report {
    check(input)
}
