//! The browser boundary: the only module that knows wasm-bindgen.
//!
//! Exports `check(text)`, `checkHtml(html)`, `htmlText(html)` and `rules()`.
//! The checks return plain JavaScript objects in the stable wire shape of
//! [`crate::wire`] (the same shape as `xxgk check --format json`), with spans
//! both as UTF-8 byte offsets (`span`) and as UTF-16 code-unit offsets
//! (`span16`, what JS strings, DOM Ranges and the CSS Custom Highlight API
//! count).
//!
//! Nothing here can fail for any input: the core never panics, and shaping
//! into JS objects only fails on an out-of-memory, which is reported as a JS
//! `Error` rather than a trap.

// `xxgk_wasm_api_tests` is set by scripts/test-web only (see below).
#![allow(unexpected_cfgs)]

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::wire;

/// Installs the panic hook, so that a bug would show a Rust message in the
/// console instead of a bare `unreachable` trap.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: maps become plain objects, None becomes null, and
    // integers become numbers; the result is what JSON.parse would give for
    // the CLI's JSON output.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("无法生成检查结果：{e}")))
}

/// Check one report given as text; HTML (a saved page or a clipboard
/// fragment with `<table>`) is recognised and read as HTML. `source` names
/// the input in the report (default `input`).
#[wasm_bindgen(js_name = check, unchecked_return_type = "Report")]
pub fn check(text: &str, source: Option<String>) -> Result<JsValue, JsError> {
    let r = crate::check(text);
    to_js(&wire::report(
        &r,
        source.as_deref().unwrap_or("input"),
        None,
        Some(text),
    ))
}

/// Check one report given as plain text, even if it contains markup.
#[wasm_bindgen(js_name = checkText, unchecked_return_type = "Report")]
pub fn check_text(text: &str, source: Option<String>) -> Result<JsValue, JsError> {
    let r = crate::check_text(text);
    to_js(&wire::report(
        &r,
        source.as_deref().unwrap_or("input"),
        None,
        Some(text),
    ))
}

/// Check one report given as HTML (e.g. the clipboard's `text/html`). Spans
/// are offsets into `html`.
#[wasm_bindgen(js_name = checkHtml, unchecked_return_type = "Report")]
pub fn check_html(html: &str, source: Option<String>) -> Result<JsValue, JsError> {
    let r = crate::check_html(html);
    to_js(&wire::report(
        &r,
        source.as_deref().unwrap_or("input"),
        None,
        Some(html),
    ))
}

/// The text the checker reads in HTML: every cell starts with a tab, rows and
/// blocks end lines, markup is dropped and entities decoded. Nothing in the
/// HTML is parsed by a browser, so nothing in it runs, loads or is styled: the
/// page shows this text instead of parsing pasted HTML in a document.
#[wasm_bindgen(js_name = htmlText)]
pub fn html_text(html: &str) -> String {
    crate::source::Source::html(html).text.into_owned()
}

/// Every rule: id, severity, Chinese title and docs (what / why / fix).
#[wasm_bindgen(js_name = rules, unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&wire::rule_catalog())
}

/// The crate version, e.g. `0.1.0`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

// The API tests (tests/wasm_api.rs) are compiled into the library's own test
// build: as an integration test they would need the `xxgk` binary built for
// wasm32 too, which cargo insists on and which cannot be. scripts/test-web
// sets `--cfg xxgk_wasm_api_tests` and runs `cargo test --lib` under node.
#[cfg(all(test, xxgk_wasm_api_tests))]
#[path = "../tests/wasm_api.rs"]
mod api_tests;

// The types of everything returned, exactly as `wire.rs` shapes it. Fields
// marked `?` are left out when empty; `| null` ones are always present.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** `[start, end)`: UTF-8 byte offsets (`span`) or UTF-16 code units (`span16`). */
export type Span = [number, number];

/** Format version of the tables (FORMAT.md §1). */
export type Version = "v2019" | "v2021";

export type Severity = "error" | "warning" | "info";

/** How a cell's text was read. Blank is not zero. `too_large`: a number too large to be a count. */
export type CellKind = "number" | "blank" | "placeholder" | "text" | "too_large";

export interface Cell {
  /** The cell's text exactly as in the input ("" for a blank cell). */
  text: string;
  /** The number (an integer for counts), or null for blank, placeholder, text or too_large. */
  value: number | null;
  kind: CellKind;
  span: Span;
  /** Present when the input text was given (always, from this module). */
  span16?: Span;
}

/** A cell that, set to `expected`, mends the finding. */
export interface Suspect {
  /** Canonical cell key, e.g. `requests.results_total.natural`. */
  cell: string;
  expected: number;
}

export interface Diagnostic {
  /** Stable rule id, e.g. `requests.balance` (see `rules()`). */
  rule: string;
  /** The rule's Chinese title. */
  title: string;
  severity: Severity;
  /** Plain Chinese, naming table, row and column, numbers and difference. */
  message: string;
  /** The rule with the numbers filled in, when it is a formula. */
  formula?: string;
  /** Every cell involved, by key. */
  cells: string[];
  span: Span | null;
  span16?: Span;
  expected: number | null;
  actual: number | null;
  /** `actual - expected`, when both are known. */
  difference: number | null;
  /** The located culprit, when one cell explains the finding. */
  suspect?: Suspect;
  /** When several explanations fit equally: each a set of cell changes. */
  alternatives?: Suspect[][];
  /** The fix, as a sentence (not repeated in `message`). */
  suggestion?: string;
}

/** errors: an error was found; clean: everything read and checked, no error; incomplete: otherwise. */
export type Status = "errors" | "clean" | "incomplete";

export interface Verdict {
  status: Status;
  /** 有错误 / 全部核对，未发现错误 / 未能完整核对 */
  title: string;
  /** Plain Chinese: what was not read or could not be checked. */
  reasons: string[];
  /** What to do about it, or null. */
  advice: string | null;
}

/** One thing to fix: the error findings one cell (set to `expected`) mends, or one finding. */
export interface Mistake {
  /** The cell to change, or null when no single cell explains the finding. */
  cell: string | null;
  /** 表三「（七）总计」行「自然人」列, or the rule's title. */
  label: string;
  expected: number | null;
  /** One sentence: what to change and which rules it mends. */
  message: string;
  /** Indices into `diagnostics`. */
  diagnostics: number[];
}

export interface Tables {
  disclosure: boolean;
  requests: boolean;
  appeals: boolean;
}

export interface Summary {
  /** Broken rules (error findings). */
  errors: number;
  warnings: number;
  infos: number;
  /** Things to fix (`mistakes.length`). */
  mistakes: number;
}

export interface Report {
  /** What the caller named the input (`input` by default). */
  source: string;
  /** How the bytes were decoded; never set by the browser API. */
  encoding?: string;
  version: Version | null;
  year: number | null;
  /** Whether the input was read as HTML. */
  html: boolean;
  /** The verdict's status. */
  status: Status;
  verdict: Verdict;
  tables: Tables;
  summary: Summary;
  /** Every cell found, keyed by canonical key, in table order. */
  cells: Record<string, Cell>;
  /** Most severe first, then in reading order. */
  diagnostics: Diagnostic[];
  /** The error findings grouped by the one thing to fix, in reading order. */
  mistakes: Mistake[];
}

export interface Rule {
  id: string;
  severity: Severity;
  title: string;
  what: string;
  why: string;
  fix: string;
}
"#;
