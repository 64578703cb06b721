//! The result of checking one report: the cells read, with their exact places
//! in the input, and the findings (diagnostics) about them.
//!
//! These are plain data. `check` builds them; the CLI and the wasm boundary
//! turn them into their own shapes (see `wire`).

use crate::model::Version;

/// A half-open range of UTF-8 byte offsets into the input as given to `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// What a cell holds, once its text is read. Blank is not zero.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A whole number (counts; signed in v2019 `change`).
    Int(i64),
    /// A number with a fractional part, or money (written as in the text).
    Decimal(f64),
    /// Nothing in the cell.
    Blank,
    /// One of the empty-cell conventions: “/”, “-”, “—”, “无”.
    Placeholder,
    /// Text where a number belongs.
    Text,
    /// Digits too many to be a count (more than [`MAX_DIGITS`], or beyond
    /// `i64`): read as a number, never summed.
    TooLarge,
}

/// The most digits a count may have: 15 digits is a quadrillion
/// applications, far beyond any real report, and sums of up to a few dozen
/// such values stay far inside `i64`, so no arithmetic on read values can
/// overflow.
pub const MAX_DIGITS: usize = 15;

impl Value {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Decimal(x) => Some(*x),
            _ => None,
        }
    }
}

/// One table cell found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Canonical key, e.g. `requests.granted.natural` (FORMAT.md).
    pub key: String,
    /// The cell's text exactly as in the input (empty for a blank cell).
    pub text: String,
    pub value: Value,
    /// Where the text is; for a blank cell, an empty span where it would be.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
            Severity::Info => "说明",
        }
    }
}

/// A cell that, set to `expected`, would mend the finding (and every other
/// finding of the same explanation).
#[derive(Clone, Debug, PartialEq)]
pub struct Suspect {
    pub cell: String,
    pub expected: i64,
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `requests.row_total` (see `rules::CATALOG`).
    pub rule: &'static str,
    pub severity: Severity,
    /// Plain Chinese, naming table, row and column, the numbers and the difference.
    pub message: String,
    /// The rule in words with the numbers filled in, when it is a formula.
    pub formula: Option<String>,
    /// Every cell involved, by key.
    pub cells: Vec<String>,
    /// The place to point at: the covering span of the involved cells, or of
    /// the text the finding is about.
    pub span: Option<Span>,
    /// The value the rule expects and the value written (counts: integers).
    pub expected: Option<i64>,
    pub actual: Option<i64>,
    /// What to change, in one sentence, apart from the finding itself (the
    /// located cell and its value, or the alternatives).
    pub suggestion: Option<String>,
    /// The located culprit, when one cell explains this finding.
    pub suspect: Option<Suspect>,
    /// When several explanations fit equally: each is a set of cell changes.
    pub alternatives: Vec<Vec<Suspect>>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, message: String) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message,
            formula: None,
            cells: Vec::new(),
            span: None,
            expected: None,
            actual: None,
            suggestion: None,
            suspect: None,
            alternatives: Vec::new(),
        }
    }
    /// `actual - expected`, when both are known.
    pub fn difference(&self) -> Option<i64> {
        self.actual?.checked_sub(self.expected?)
    }
}

/// Which of the three tables were found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TablesFound {
    pub disclosure: bool,
    pub requests: bool,
    pub appeals: bool,
}

impl TablesFound {
    pub fn any(self) -> bool {
        self.disclosure || self.requests || self.appeals
    }
}

/// Everything the checker says about one input.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Report {
    /// The format version the tables are laid out in, when tables were found.
    pub version: Option<Version>,
    /// The year the report is for (from the title or statistical period).
    pub year: Option<u32>,
    /// Whether the input was read as HTML.
    pub html: bool,
    pub tables: TablesFound,
    /// Every cell found, in table order.
    pub cells: Vec<Cell>,
    /// Findings, most severe first, then in reading order.
    pub diagnostics: Vec<Diagnostic>,
    /// The error findings grouped by the one thing to fix.
    pub mistakes: Vec<Mistake>,
    /// What can honestly be said about the whole report.
    pub verdict: Verdict,
    /// The issuing unit, from the title (“XX区人民政府办公室”).
    pub unit: Option<String>,
    /// When the input held several reports (`check_all`): the part of the
    /// input this report was read from. Spans index the whole input.
    pub part: Option<Span>,
}

/// The three honest answers about a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    /// At least one error: 有错误.
    Errors,
    /// Every table of the version read in full, every rule checked, no
    /// error: 全部核对，未发现错误.
    Clean,
    /// Some table, row or rule could not be read or checked, and no error
    /// was found in what was: 未能完整核对.
    #[default]
    Incomplete,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Errors => "errors",
            Status::Clean => "clean",
            Status::Incomplete => "incomplete",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Status::Errors => "有错误",
            Status::Clean => "全部核对，未发现错误",
            Status::Incomplete => "未能完整核对",
        }
    }
}

/// The verdict: its status, and for anything short of a full check, why
/// (in plain Chinese) and what the person should do.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Verdict {
    pub status: Status,
    /// What was not read or not checked, one sentence each (also given with
    /// `Errors`, when part of the report could not be checked).
    pub reasons: Vec<String>,
    /// What to do so that the whole report can be checked.
    pub advice: Option<String>,
}

/// One thing to fix: the error findings that one cell (set to one value)
/// mends, or a single finding that no one cell explains.
#[derive(Clone, Debug, PartialEq)]
pub struct Mistake {
    /// The cell to change, when one cell explains every finding here.
    pub cell: Option<String>,
    /// The value that mends them.
    pub expected: Option<i64>,
    /// “表三「（七）总计」行「自然人」列” — the cell's, or the first finding's title.
    pub label: String,
    /// One sentence: what to change and which broken rules that mends.
    pub message: String,
    /// Indices into `Report::diagnostics`.
    pub diagnostics: Vec<usize>,
}

impl Report {
    pub fn cell(&self, key: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.key == key)
    }
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}
