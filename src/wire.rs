//! The stable outside shape of a report: what `xxgk check --format json`
//! prints and what the wasm `check()` returns. Documented in README.md
//! ("JSON output"); change it only by adding fields.
//!
//! This module only shapes data (serde `Serialize`); it writes no JSON itself,
//! so the core stays free of any output format. Spans are UTF-8 byte offsets
//! (`span`); when built with the input text, UTF-16 code-unit offsets
//! (`span16`, what JavaScript strings and DOM ranges count) are added too.
//!
//! The CLI writes `WireReport` with its own JSON writer
//! (src/bin/xxgk/json_out.rs), byte-identical to serde_json's: it mirrors
//! these structs (field order, `rename`, `skip_serializing_if`), and its tests
//! (`cargo test --bin xxgk json_out`) fail when they drift apart.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::report::{Cell, Diagnostic, Mistake, Report, Span, Suspect, Value, Verdict};
use crate::rules;

#[derive(Serialize)]
pub struct WireBatch<'a> {
    pub reports: Vec<WireReport<'a>>,
}

#[derive(Serialize)]
pub struct WireReport<'a> {
    /// File path, `-` for stdin, or what the caller named the input.
    pub source: &'a str,
    /// How the bytes were decoded (`UTF-8`, `GB18030`, …), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'a str>,
    /// What the text came from: `"pdf"`, `"docx"`, `"html"`, `"text"`
    /// (`input::Kind::as_str`), when the caller read a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_kind: Option<&'static str>,
    pub version: Option<&'static str>,
    pub year: Option<u32>,
    pub html: bool,
    /// `errors`, `clean` or `incomplete`: the verdict's status.
    pub status: &'static str,
    pub verdict: WireVerdict<'a>,
    pub tables: WireTables,
    pub summary: WireSummary,
    pub cells: WireCells<'a>,
    pub diagnostics: Vec<WireDiagnostic<'a>>,
    /// The error findings grouped by the one thing to fix.
    pub mistakes: Vec<WireMistake<'a>>,
    /// The issuing unit, from the title.
    pub unit: Option<&'a str>,
    /// When the input held several reports: the byte range of this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<[usize; 2]>,
}

#[derive(Serialize)]
pub struct WireVerdict<'a> {
    pub status: &'static str,
    /// 有错误 / 全部核对，未发现错误 / 未能完整核对
    pub title: &'static str,
    pub reasons: &'a [String],
    pub advice: Option<&'a str>,
}

#[derive(Serialize)]
pub struct WireMistake<'a> {
    pub cell: Option<&'a str>,
    pub label: &'a str,
    pub expected: Option<i64>,
    pub message: &'a str,
    /// Indices into `diagnostics`.
    pub diagnostics: &'a [usize],
}

/// A cell's number: an integer for counts (`3`, never `3.0`), a decimal
/// only for amounts and for text that really has a decimal point.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
#[serde(untagged)]
pub enum WireNumber {
    Int(i64),
    Decimal(f64),
}

#[derive(Serialize)]
pub struct WireTables {
    pub disclosure: bool,
    pub requests: bool,
    pub appeals: bool,
}

#[derive(Serialize)]
pub struct WireSummary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Things to fix (`mistakes`); `errors` counts broken rules.
    pub mistakes: usize,
}

/// Cells as a JSON object keyed by canonical key, in table order.
pub struct WireCells<'a>(pub Vec<(&'a str, WireCell<'a>)>);

impl Serialize for WireCells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
pub struct WireCell<'a> {
    pub text: &'a str,
    /// The number, or null for blank, placeholder, text or too large.
    pub value: Option<WireNumber>,
    /// `number`, `blank`, `placeholder`, `text` or `too_large`.
    pub kind: &'static str,
    pub span: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span16: Option<[usize; 2]>,
}

#[derive(Serialize)]
pub struct WireDiagnostic<'a> {
    pub rule: &'static str,
    pub title: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<&'a str>,
    pub cells: &'a [String],
    pub span: Option<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span16: Option<[usize; 2]>,
    pub expected: Option<i64>,
    pub actual: Option<i64>,
    pub difference: Option<i64>,
    /// What to change, apart from the finding (the located cell, or the
    /// alternatives).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspect: Option<WireSuspect<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Vec<WireSuspect<'a>>>,
}

#[derive(Serialize)]
pub struct WireSuspect<'a> {
    pub cell: &'a str,
    pub expected: i64,
}

/// Maps UTF-8 byte offsets of one text to UTF-16 code-unit offsets.
pub struct Utf16Map {
    /// (byte offset, utf16 offset) for every offset asked for, sorted.
    points: Vec<(usize, usize)>,
}

impl Utf16Map {
    /// One pass over `text` for all `offsets` (any order, any count).
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Utf16Map {
        offsets.sort_unstable();
        offsets.dedup();
        let mut points = Vec::with_capacity(offsets.len());
        let mut want = offsets.into_iter().peekable();
        let mut u16pos = 0usize;
        for (i, ch) in text.char_indices() {
            while let Some(&o) = want.peek() {
                if o <= i {
                    points.push((o, u16pos));
                    want.next();
                } else {
                    break;
                }
            }
            u16pos += ch.len_utf16();
        }
        for o in want {
            points.push((o, u16pos));
        }
        Utf16Map { points }
    }
    pub fn get(&self, byte: usize) -> usize {
        match self.points.binary_search_by_key(&byte, |p| p.0) {
            Ok(i) => self.points[i].1,
            Err(i) => self
                .points
                .get(i.saturating_sub(1))
                .map(|p| p.1)
                .unwrap_or(0),
        }
    }
    fn span(&self, s: Span) -> [usize; 2] {
        [self.get(s.start), self.get(s.end)]
    }
}

fn value_of(c: &Cell) -> (Option<WireNumber>, &'static str) {
    match c.value {
        Value::Int(n) => (Some(WireNumber::Int(n)), "number"),
        Value::Decimal(x) => (Some(WireNumber::Decimal(x)), "number"),
        Value::Blank => (None, "blank"),
        Value::Placeholder => (None, "placeholder"),
        Value::Text => (None, "text"),
        Value::TooLarge => (None, "too_large"),
    }
}

fn verdict(v: &Verdict) -> WireVerdict<'_> {
    WireVerdict {
        status: v.status.key(),
        title: v.status.title(),
        reasons: &v.reasons,
        advice: v.advice.as_deref(),
    }
}

fn mistake(m: &Mistake) -> WireMistake<'_> {
    WireMistake {
        cell: m.cell.as_deref(),
        label: &m.label,
        expected: m.expected,
        message: &m.message,
        diagnostics: &m.diagnostics,
    }
}

fn suspect(s: &Suspect) -> WireSuspect<'_> {
    WireSuspect {
        cell: &s.cell,
        expected: s.expected,
    }
}

fn diagnostic<'a>(d: &'a Diagnostic, u16: Option<&Utf16Map>) -> WireDiagnostic<'a> {
    WireDiagnostic {
        rule: d.rule,
        title: rules::info(d.rule).map(|r| r.title).unwrap_or(""),
        severity: d.severity.key(),
        message: &d.message,
        formula: d.formula.as_deref(),
        cells: &d.cells,
        span: d.span.map(|s| [s.start, s.end]),
        span16: d.span.and_then(|s| u16.map(|m| m.span(s))),
        expected: d.expected,
        actual: d.actual,
        difference: d.difference(),
        suggestion: d.suggestion.as_deref(),
        suspect: d.suspect.as_ref().map(suspect),
        alternatives: d
            .alternatives
            .iter()
            .map(|a| a.iter().map(suspect).collect())
            .collect(),
    }
}

/// Shape a report. With `text` (the exact input given to `check`), UTF-16
/// spans are added.
pub fn report<'a>(
    r: &'a Report,
    source: &'a str,
    encoding: Option<&'a str>,
    text: Option<&str>,
) -> WireReport<'a> {
    let u16 = text.map(|t| {
        let mut offs = Vec::with_capacity(r.cells.len() * 2 + r.diagnostics.len() * 2);
        for c in &r.cells {
            offs.extend([c.span.start, c.span.end]);
        }
        for s in r.diagnostics.iter().filter_map(|d| d.span) {
            offs.extend([s.start, s.end]);
        }
        Utf16Map::new(t, offs)
    });
    let u16 = u16.as_ref();
    WireReport {
        source,
        encoding,
        source_kind: None,
        version: r.version.map(|v| v.key()),
        year: r.year,
        html: r.html,
        status: r.verdict.status.key(),
        verdict: verdict(&r.verdict),
        tables: WireTables {
            disclosure: r.tables.disclosure,
            requests: r.tables.requests,
            appeals: r.tables.appeals,
        },
        summary: WireSummary {
            errors: r.count(crate::Severity::Error),
            warnings: r.count(crate::Severity::Warning),
            infos: r.count(crate::Severity::Info),
            mistakes: r.mistakes.len(),
        },
        cells: WireCells(
            r.cells
                .iter()
                .map(|c| {
                    let (value, kind) = value_of(c);
                    let cell = WireCell {
                        text: &c.text,
                        value,
                        kind,
                        span: [c.span.start, c.span.end],
                        span16: u16.map(|m| m.span(c.span)),
                    };
                    (c.key.as_str(), cell)
                })
                .collect(),
        ),
        diagnostics: r.diagnostics.iter().map(|d| diagnostic(d, u16)).collect(),
        mistakes: r.mistakes.iter().map(mistake).collect(),
        unit: r.unit.as_deref(),
        part: r.part.map(|p| [p.start, p.end]),
    }
}

/// One entry of the rule catalogue, for `rules()` in the browser and `xxgk rules`.
/// The docs are left out when the build has none (the first-load wasm module,
/// built without the `rule-docs` feature: the page fetches www/rule-docs.json).
#[derive(Serialize)]
pub struct WireRule {
    pub id: &'static str,
    pub severity: &'static str,
    pub title: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub what: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub why: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub fix: &'static str,
}

pub fn rule_catalog() -> Vec<WireRule> {
    rules::CATALOG
        .iter()
        .map(|r| WireRule {
            id: r.id,
            severity: r.severity.key(),
            title: r.title,
            what: r.what,
            why: r.why,
            fix: r.fix,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        // “表” is 3 bytes / 1 unit; “😀” 4 bytes / 2 units; “３” 3 bytes / 1 unit.
        let t = "表😀３a";
        let m = Utf16Map::new(t, vec![0, 3, 7, 10, 11]);
        assert_eq!(
            [m.get(0), m.get(3), m.get(7), m.get(10), m.get(11)],
            [0, 1, 3, 4, 5]
        );
    }
}

// ------------------------------------------------------------ comparison

/// Two reports compared year over year: what `xxgk compare --format json`
/// prints.
#[derive(Serialize)]
pub struct WireComparison<'a> {
    pub last: WireSide,
    pub this: WireSide,
    /// Whether the two are the same unit (from their titles), when both name one.
    pub same_unit: Option<bool>,
    /// Whether this year follows last year, when both years are known.
    pub consecutive: Option<bool>,
    pub summary: WireSummary,
    /// Findings; spans index THIS year's text.
    pub diagnostics: Vec<WireDiagnostic<'a>>,
    /// Every cell of either report, side by side.
    pub changes: Vec<WireChange>,
}

#[derive(Serialize)]
pub struct WireSide {
    pub source: String,
    pub unit: Option<String>,
    pub year: Option<u32>,
    pub version: Option<&'static str>,
}

#[derive(Serialize)]
pub struct WireChange {
    pub key: String,
    pub label: String,
    pub last: Option<WireNumber>,
    pub this: Option<WireNumber>,
    /// The cells' text as written (absent when the cell was not read).
    pub last_text: Option<String>,
    pub this_text: Option<String>,
    /// `this - last` for two counts.
    pub difference: Option<i64>,
    pub changed: bool,
}

pub fn comparison<'a>(
    c: &'a crate::compare::Comparison,
    last: (&Report, &str),
    this: (&Report, &str),
    this_text: Option<&str>,
) -> WireComparison<'a> {
    let u16 = this_text.map(|t| {
        let offs = c
            .diagnostics
            .iter()
            .filter_map(|d| d.span)
            .flat_map(|s| [s.start, s.end])
            .collect();
        Utf16Map::new(t, offs)
    });
    let side = |r: &Report, s: &str| WireSide {
        source: s.to_string(),
        unit: r.unit.clone(),
        year: r.year,
        version: r.version.map(|v| v.key()),
    };
    let count = |sev| c.diagnostics.iter().filter(|d| d.severity == sev).count();
    let num = |v: &Option<Value>| match v {
        Some(Value::Int(n)) => Some(WireNumber::Int(*n)),
        Some(Value::Decimal(x)) => Some(WireNumber::Decimal(*x)),
        _ => None,
    };
    WireComparison {
        last: side(last.0, last.1),
        this: side(this.0, this.1),
        same_unit: c.same_unit,
        consecutive: c.consecutive,
        summary: WireSummary {
            errors: count(crate::Severity::Error),
            warnings: count(crate::Severity::Warning),
            infos: count(crate::Severity::Info),
            mistakes: 0,
        },
        diagnostics: c
            .diagnostics
            .iter()
            .map(|d| diagnostic(d, u16.as_ref()))
            .collect(),
        changes: c
            .changes
            .iter()
            .map(|ch| WireChange {
                key: ch.key.clone(),
                label: crate::model::cell_label(&ch.key),
                last: num(&ch.last),
                this: num(&ch.this),
                last_text: ch.last_text.clone(),
                this_text: ch.this_text.clone(),
                difference: ch.difference(),
                changed: ch.changed(),
            })
            .collect(),
    }
}
