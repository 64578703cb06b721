//! The browser boundary: the only module that knows wasm-bindgen.
//!
//! Exports `check(text)`, `checkHtml(html)`, `htmlText(html)`, `rules()`,
//! in the batch module only `checkAll(text)`, `compareTexts(last, this)`, `pairYears`,
//! and for files `sniffText(bytes)` and `isHtml(text)`;
//! built with the `files` feature (www/pkg-files) also `readFile(bytes)`: a
//! file's bytes become text by the core's own reader ([`crate::input`]),
//! which tells its type by its first bytes, exactly as the CLI reads files.
//! The checks return plain JavaScript objects in the stable wire shape of
//! [`crate::wire`] (the same shape as `xxgk check --format json`), with spans
//! both as UTF-8 byte offsets (`span`) and as UTF-16 code-unit offsets
//! (`span16`, what JS strings, DOM Ranges and the CSS Custom Highlight API
//! count).
//!
//! Nothing here can fail for any input: the core never panics, and shaping
//! into JS objects only fails on an out-of-memory, which is reported as a JS
//! `Error` rather than a trap.

// `xxgk_wasm_api_tests` is set by scripts/test-web only (see below);
// `xxgk_files_only` by scripts/build-wasm.mjs for the files module
// (www/pkg-files): the reader alone (readFile, …), without the checker,
// which the first-load module has; `xxgk_batch` for the batch module
// (www/pkg-batch, loaded by the page's batch only): the checker and the
// batch's exports (checkAll, compareTexts, pairYears), kept out of the
// first load (and in the API tests' build).
#![allow(unexpected_cfgs)]

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(not(xxgk_files_only))]
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
#[cfg(not(xxgk_files_only))]
#[wasm_bindgen(js_name = check, unchecked_return_type = "Report")]
pub fn check(text: &str, source: Option<String>) -> Result<JsValue, JsError> {
    check_as(text, source, None)
}

/// [`check`] of the text `readFile` made of a file, as the CLI checks a
/// file: `kind` (`pdf`, `docx`, `html`, `text`) becomes the report's
/// `source_kind`.
#[cfg(not(xxgk_files_only))]
#[wasm_bindgen(js_name = checkFileText, unchecked_return_type = "Report")]
pub fn check_file_text(
    text: &str,
    source: Option<String>,
    kind: Option<String>,
) -> Result<JsValue, JsError> {
    check_as(text, source, kind_of(kind.as_deref()))
}

#[cfg(not(xxgk_files_only))]
fn check_as(
    text: &str,
    source: Option<String>,
    kind: Option<crate::input::Kind>,
) -> Result<JsValue, JsError> {
    let r = crate::check(text);
    let mut w = wire::report(&r, source.as_deref().unwrap_or("input"), None, Some(text));
    w.source_kind = kind.map(crate::input::Kind::as_str);
    to_js(&w)
}

/// Check one report given as plain text, even if it contains markup.
#[cfg(not(xxgk_files_only))]
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
#[cfg(not(xxgk_files_only))]
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

/// Check every report in a text ([`crate::check_all`]): one report when it
/// holds one, else one per report (each with `part`, its UTF-8 byte range;
/// spans index the whole text).
/// `kind` as in [`check_file_text`]. For the page's batch (www/batch.js).
#[cfg(any(xxgk_batch, xxgk_wasm_api_tests))]
#[wasm_bindgen(js_name = checkAll, unchecked_return_type = "Report[]")]
pub fn check_all(
    text: &str,
    source: Option<String>,
    kind: Option<String>,
) -> Result<JsValue, JsError> {
    let kind = kind_of(kind.as_deref());
    let source = source.as_deref().unwrap_or("input");
    let reports = crate::check_all(text);
    let out: Vec<_> = reports
        .iter()
        .map(|r| {
            let mut w = wire::report(r, source, None, Some(text));
            w.source_kind = kind.map(crate::input::Kind::as_str);
            w
        })
        .collect();
    to_js(&out)
}

#[cfg(not(xxgk_files_only))]
fn kind_of(kind: Option<&str>) -> Option<crate::input::Kind> {
    match kind {
        Some("pdf") => Some(crate::input::Kind::Pdf),
        Some("docx") => Some(crate::input::Kind::Docx),
        Some("html") => Some(crate::input::Kind::Html),
        Some("text") => Some(crate::input::Kind::Text),
        _ => None,
    }
}

/// Year over year ([`crate::compare::compare`]): the first report of `this`
/// text against the first of `last` (last year's), as `xxgk compare LAST
/// THIS --format json` gives it; spans (and `span16`) index `this`.
#[cfg(any(xxgk_batch, xxgk_wasm_api_tests))]
#[wasm_bindgen(js_name = compareTexts, unchecked_return_type = "Comparison")]
pub fn compare_texts(
    last: &str,
    this: &str,
    last_source: Option<String>,
    this_source: Option<String>,
) -> Result<JsValue, JsError> {
    let first = |t: &str| crate::check_all(t).into_iter().next().unwrap_or_default();
    let (lr, tr) = (first(last), first(this));
    let c = crate::compare::compare(&lr, &tr);
    to_js(&wire::comparison(
        &c,
        (&lr, last_source.as_deref().unwrap_or("last")),
        (&tr, this_source.as_deref().unwrap_or("this")),
        Some(this),
    ))
}

/// For each report (its title's `unit` and `year`, 0 when unknown), the
/// index of the same unit's report of the year before, or -1
/// ([`crate::compare::pair`]: none when two candidates).
#[cfg(any(xxgk_batch, xxgk_wasm_api_tests))]
#[wasm_bindgen(js_name = pairYears)]
pub fn pair_years(units: Vec<String>, years: Vec<u32>) -> Vec<i32> {
    let reports: Vec<crate::Report> = units
        .into_iter()
        .zip(years.iter().copied().chain(std::iter::repeat(0)))
        .map(|(u, y)| crate::Report {
            unit: Some(u).filter(|u| !u.is_empty()),
            year: Some(y).filter(|&y| y > 0),
            ..Default::default()
        })
        .collect();
    let refs: Vec<&crate::Report> = reports.iter().collect();
    crate::compare::pair(&refs)
        .into_iter()
        .map(|p| p.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1))
        .collect()
}

/// The text the checker reads in HTML: every cell starts with a tab, rows and
/// blocks end lines, markup is dropped and entities decoded. Nothing in the
/// HTML is parsed by a browser, so nothing in it runs, loads or is styled: the
/// page shows this text instead of parsing pasted HTML in a document.
#[cfg(not(xxgk_files_only))]
#[wasm_bindgen(js_name = htmlText)]
pub fn html_text(html: &str) -> String {
    crate::source::Source::html(html).text.into_owned()
}

/// The core's sniff of a file's first bytes ([`crate::input::sniff`]): the
/// WHATWG label of its text encoding (`utf-8`, `utf-16le`, `utf-16be`,
/// `gb18030`) for the browser's TextDecoder, or `null` when it is not text
/// (PDF, Word, an image, a legacy .doc, empty, …: `readFile` of the files
/// module reads it or says why not). The first-load module has the sniff
/// only, not the reader: text is decoded by the browser.
#[wasm_bindgen(js_name = sniffText)]
pub fn sniff_text(bytes: &[u8]) -> Option<String> {
    use crate::input::sniff::{Encoding, Sniffed};
    match crate::input::sniff::sniff(bytes) {
        Sniffed::Text(Encoding::Utf8 { .. }) => Some("utf-8"),
        Sniffed::Text(Encoding::Utf16Le { .. }) => Some("utf-16le"),
        Sniffed::Text(Encoding::Utf16Be { .. }) => Some("utf-16be"),
        Sniffed::Text(Encoding::Gb18030) => Some("gb18030"),
        _ => None,
    }
    .map(str::to_string)
}

/// Whether the core reads this text as HTML ([`crate::looks_like_html`]).
#[wasm_bindgen(js_name = isHtml)]
pub fn is_html(text: &str) -> bool {
    crate::looks_like_html(text)
}

#[cfg(feature = "files")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireFile {
    ok: bool,
    /// `text`, `html`, `pdf` or `docx` (ok).
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    /// The `Unreadable` code (not ok).
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    lossy: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// Where each PDF page starts in `text`, in UTF-16 code units.
    pages16: Vec<usize>,
}

/// UTF-16 offsets of the given UTF-8 byte offsets (sorted ascending) in `text`.
#[cfg(feature = "files")]
fn utf16_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut want = bytes.iter().copied().peekable();
    let mut u16 = 0;
    for (at, ch) in text.char_indices() {
        while want.next_if(|&b| b <= at).is_some() {
            out.push(u16);
        }
        u16 += ch.len_utf16();
    }
    for _ in want {
        out.push(u16);
    }
    out
}

#[cfg(all(feature = "files", not(feature = "gbk")))]
#[wasm_bindgen]
extern "C" {
    // The browser's own decoder (the WHATWG Encoding Standard's gb18030):
    // the wasm modules leave out the `gbk` feature's tables.
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, input: &[u8]) -> Result<String, JsValue>;
}

/// Decode GB18030/GBK text with the browser's TextDecoder, once the core's
/// sniff has said the bytes are GBK (`needs_gbk`).
#[cfg(all(feature = "files", not(feature = "gbk")))]
fn browser_gbk(bytes: &[u8]) -> Option<crate::input::Input> {
    let text = TextDecoder::new("gb18030").ok()?.decode(bytes).ok()?;
    let kind = if crate::looks_like_html(&text) {
        crate::input::Kind::Html
    } else {
        crate::input::Kind::Text
    };
    Some(crate::input::Input {
        kind,
        encoding: "GB18030",
        lossy: text.contains('\u{FFFD}'),
        text,
        offset: 0,
        pages: Vec::new(),
    })
}

#[cfg(all(feature = "files", feature = "gbk"))]
fn browser_gbk(_: &[u8]) -> Option<crate::input::Input> {
    None
}

/// Read a file's bytes as the CLI does (`input::read`: the type from the
/// bytes, never the name). Returns `{ ok: true, kind, encoding, lossy, text,
/// pages16 }` — `text` is what to check and what spans index — or `{ ok:
/// false, code, message }` with the core's plain-Chinese reason. Only in
/// modules built with the `files` feature (www/pkg-files).
#[cfg(feature = "files")]
#[wasm_bindgen(js_name = readFile, unchecked_return_type = "FileText")]
pub fn read_file(bytes: &[u8]) -> Result<JsValue, JsError> {
    let read = match crate::input::read(bytes) {
        Err(u) if u.code == "needs_gbk" => browser_gbk(bytes).ok_or(u),
        r => r,
    };
    let out = match read {
        Ok(i) => WireFile {
            ok: true,
            kind: Some(i.kind.as_str()),
            code: None,
            message: None,
            encoding: Some(i.encoding),
            lossy: i.lossy,
            pages16: utf16_offsets(&i.text, &i.pages),
            text: Some(i.text),
        },
        Err(u) => WireFile {
            ok: false,
            kind: None,
            code: Some(u.code),
            message: Some(u.message),
            encoding: None,
            lossy: false,
            text: None,
            pages16: Vec::new(),
        },
    };
    to_js(&out)
}

/// Every rule: id, severity, Chinese title and docs (what / why / fix).
#[cfg(not(xxgk_files_only))]
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
  /** What the text came from (`checkFileText`, or the CLI's files). */
  source_kind?: "pdf" | "docx" | "html" | "text";
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
  /** The issuing unit, from the title (“XX区人民政府办公室”), or null. */
  unit: string | null;
  /** `checkAll` of a text holding several reports: this one's UTF-8 byte range. */
  part?: Span;
}

/** A file read by `readFile`: its text, or why it cannot be read. */
export interface FileText {
  ok: boolean;
  /** When ok: what the file is. */
  kind?: "text" | "html" | "pdf" | "docx";
  /** When not ok: `empty`, `image`, `legacy_office`, `pdf_no_text`, `pdf_encrypted`, `corrupt_zip`, `too_large`, `needs_files`, … */
  code?: string;
  /** When not ok: plain Chinese, what the file is and what to do. */
  message?: string;
  encoding?: string;
  /** Some bytes could not be decoded and became U+FFFD. */
  lossy: boolean;
  /** When ok: the text to check (spans index it). */
  text?: string;
  /** For PDF: where each page starts in `text` (UTF-16 code units). */
  pages16: number[];
}

/** A rule of the catalogue. The docs (`what`, `why`, `fix`) are in `rules()`
 * only when the module was built with the `rule-docs` feature; the page's
 * first-load module is built without it and the widget fetches them from
 * `rule-docs.json` (same fields, by `id`) when a person opens them. */
export interface Rule {
  id: string;
  severity: Severity;
  title: string;
  what?: string;
  why?: string;
  fix?: string;
}
/** One cell of two years' reports side by side. */
export interface Change {
  key: string;
  /** 表三「…」行「…」列 */
  label: string;
  last: number | null;
  this: number | null;
  last_text: string | null;
  this_text: string | null;
  /** `this - last`, for two counts. */
  difference: number | null;
  changed: boolean;
}

/** `compareTexts(last, this)`: what `xxgk compare --format json` prints. */
export interface Comparison {
  last: { source: string; unit: string | null; year: number | null; version: Version | null };
  this: { source: string; unit: string | null; year: number | null; version: Version | null };
  same_unit: boolean | null;
  consecutive: boolean | null;
  summary: Summary;
  /** Spans index THIS year's text. */
  diagnostics: Diagnostic[];
  changes: Change[];
}
"#;
