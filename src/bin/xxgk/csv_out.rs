//! `xxgk check --format csv`: one row per finding, for spreadsheets.
//! UTF-8 with a BOM (so that Excel reads the Chinese right), RFC 4180
//! quoting (by the `csv` crate).

use xxgk_validator::model::{
    request_row, table_label, APPEAL_COLS, APPEAL_GROUPS, DISCLOSURE_V2019, DISCLOSURE_V2021,
    REQUEST_COLS,
};
use xxgk_validator::{Diagnostic, Report};

pub const HEADER: [&str; 13] = [
    "文件",
    "单位",
    "年度",
    "规则",
    "级别",
    "表格",
    "行",
    "列",
    "格子",
    "格内数字",
    "应为",
    "说明",
    "改正建议",
];

/// The BOM and the header row.
pub fn header() -> String {
    let mut s = String::from("\u{feff}");
    s.push_str(&record(&HEADER.map(str::to_string)));
    s
}

fn record(fields: &[String]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if w.write_record(fields).is_err() {
        return String::new();
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// (table, row, column) labels of a cell key.
fn labels(key: &str) -> (String, String, String) {
    let mut it = key.splitn(3, '.');
    let (t, r, c) = (
        it.next().unwrap_or(""),
        it.next().unwrap_or(""),
        it.next().unwrap_or(""),
    );
    let table = table_label(t).to_string();
    let (row, col) = match t {
        "requests" => (
            request_row(r)
                .map(|x| format!("{}{}", x.group, x.label))
                .unwrap_or_else(|| r.to_string()),
            REQUEST_COLS
                .iter()
                .find(|x| x.0 == c)
                .map(|x| x.1.to_string())
                .unwrap_or_else(|| c.to_string()),
        ),
        "appeals" => (
            APPEAL_GROUPS
                .iter()
                .find(|x| x.0 == r)
                .map(|x| x.1.to_string())
                .unwrap_or_else(|| r.to_string()),
            APPEAL_COLS
                .iter()
                .find(|x| x.0 == c)
                .map(|x| x.1.to_string())
                .unwrap_or_else(|| c.to_string()),
        ),
        "disclosure" => {
            let d = DISCLOSURE_V2021
                .iter()
                .chain(DISCLOSURE_V2019.iter())
                .filter(|d| d.key == r)
                .find(|d| d.cols.iter().any(|x| x.0 == c));
            (
                d.map(|d| d.label.to_string())
                    .unwrap_or_else(|| r.to_string()),
                d.and_then(|d| d.cols.iter().find(|x| x.0 == c))
                    .map(|x| x.1.to_string())
                    .unwrap_or_else(|| c.to_string()),
            )
        }
        _ => (String::new(), String::new()),
    };
    (table, row, col)
}

/// The cell a finding is about: its located culprit, else its only cell,
/// else (for a rule over several cells) its last, the total.
fn cell_of(d: &Diagnostic) -> Option<&str> {
    d.suspect
        .as_ref()
        .map(|s| s.cell.as_str())
        .or_else(|| d.cells.last().map(String::as_str))
}

/// One row per finding of `r`.
pub fn rows(source: &str, r: &Report) -> String {
    let mut out = String::new();
    for d in &r.diagnostics {
        let key = cell_of(d);
        let (table, row, col) = key.map(labels).unwrap_or_default();
        let cell = key.and_then(|k| r.cell(k));
        let expected = d
            .suspect
            .as_ref()
            .map(|s| s.expected)
            .or(d.expected)
            .map(|e| e.to_string())
            .unwrap_or_default();
        let fields = [
            source.to_string(),
            r.unit.clone().unwrap_or_default(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            d.rule.to_string(),
            d.severity.label().to_string(),
            table,
            row,
            col,
            key.unwrap_or("").to_string(),
            cell.map(|c| c.text.trim().to_string()).unwrap_or_default(),
            expected,
            d.message.clone(),
            d.suggestion.clone().unwrap_or_default(),
        ];
        out.push_str(&record(&fields));
    }
    out
}

/// The rule catalogue as CSV (`xxgk rules --format csv`).
pub fn rules(catalog: &[xxgk_validator::wire::WireRule]) -> String {
    let mut s = String::from("\u{feff}");
    s.push_str(&record(
        &["编号", "级别", "标题", "检查", "原因", "改正"].map(str::to_string),
    ));
    for r in catalog {
        s.push_str(&record(&[
            r.id.to_string(),
            r.severity.to_string(),
            r.title.to_string(),
            r.what.to_string(),
            r.why.to_string(),
            r.fix.to_string(),
        ]));
    }
    s
}
