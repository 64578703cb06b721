//! What can honestly be said about a whole report, decided once: the
//! three-state verdict (有错误 / 全部核对，未发现错误 / 未能完整核对) from which
//! cells of the version's three tables were read and which rules could be
//! checked; and the error findings grouped into mistakes, one per thing a
//! person has to fix.
//!
//! Every renderer (CLI, JSON, page, widget) takes the verdict from here and
//! never recomputes it.

use crate::model::{self, Version, APPEAL_COLS, APPEAL_GROUPS, REQUEST_COLS};
use crate::report::{Cell, Diagnostic, Mistake, Severity, Status, Value, Verdict};
use crate::rules;

/// What the verdict is decided from.
pub struct Coverage<'a> {
    pub version: Option<Version>,
    /// Table 三 has the single （六）其他处理 row.
    pub single_other: bool,
    pub cells: &'a [Cell],
    pub diagnostics: &'a [Diagnostic],
}

/// Generic advice when part of a report could not be read.
const ADVICE_PASTE: &str = "请把报告全文原样粘贴进来（从Word/WPS或网页复制均可），或直接打开报告的原文件；表格补全后再核对。";
/// Advice when nothing that looks like the tables was found.
const ADVICE_NOT_FOUND: &str = "请确认粘贴的是政府信息公开工作年度报告的全文，包括“二、主动公开政府信息情况”到“四、行政复议、行政诉讼情况”三张统计表；如果表格在PDF里是图片，需要用原始Word/WPS文件。";

/// The table and row of a cell key (“requests.granted.natural” →
/// (“requests”, “granted”)); keys are short, so a byte scan beats a
/// char searcher.
fn table_row(key: &str) -> Option<(&str, &str)> {
    let dot = |s: &str| s.bytes().position(|b| b == b'.');
    let t_end = dot(key)?;
    let rest = key.get(t_end + 1..)?;
    let r_end = dot(rest).unwrap_or(rest.len());
    Some((key.get(..t_end)?, rest.get(..r_end)?))
}

pub fn verdict(cov: &Coverage) -> Verdict {
    let mut reasons = Vec::new();
    // Cells read per (table, row): a row is read when all its columns are.
    // Counted by row slot (model::KeyTable), a cell of a canonical key found
    // by one hash lookup, any other by its table and row.
    let keys = model::KeyTable::get();
    let mut per_row = vec![0usize; keys.rows()];
    for c in cov.cells {
        let slot = match keys.id(&c.key) {
            Some(id) => keys.row_of(id),
            None => table_row(&c.key).and_then(|(t, r)| model::KeyTable::row_slot(t, r)),
        };
        if let Some(n) = slot.and_then(|s| per_row.get_mut(s)) {
            *n += 1;
        }
    }
    let complete = |slot: usize, n: usize| per_row.get(slot).is_some_and(|k| *k >= n);

    if cov.cells.is_empty() {
        // The reader may know why (a report in the pre-2019 template).
        let why = cov
            .diagnostics
            .iter()
            .find(|d| d.rule == rules::NOT_FOUND && d.message.starts_with("这是2019年以前"))
            .map(|d| d.message.clone());
        reasons.push(why.unwrap_or_else(|| "没有找到任何统计表，表格都未核对。".to_string()));
    } else {
        let version = cov.version.unwrap_or(Version::V2021);
        // 表二: rows of the version.
        let rows = model::disclosure_rows(version);
        let missing: Vec<&str> = rows
            .iter()
            .zip(keys.disclosure_slots(version))
            .filter(|(r, &s)| !complete(s, r.cols.len()))
            .map(|(r, _)| r.label)
            .collect();
        table_reason(
            &mut reasons,
            "表二（主动公开政府信息情况）",
            &missing,
            rows.len(),
        );
        // 表三: rows of this layout.
        let mut n_rows = 0;
        let missing: Vec<&str> = model::request_rows_at(cov.single_other)
            .inspect(|_| n_rows += 1)
            .filter(|(s, _)| !complete(*s, REQUEST_COLS.len()))
            .map(|(_, r)| r.label)
            .collect();
        table_reason(
            &mut reasons,
            "表三（收到和处理政府信息公开申请情况）",
            &missing,
            n_rows,
        );
        // 表四: the three groups (slots after table 三's rows).
        let missing: Vec<&str> = APPEAL_GROUPS
            .iter()
            .enumerate()
            .filter(|(g, _)| !complete(model::REQUEST_ROWS.len() + g, APPEAL_COLS.len()))
            .map(|(_, g)| g.1)
            .collect();
        table_reason(
            &mut reasons,
            "表四（行政复议、行政诉讼情况）",
            &missing,
            APPEAL_GROUPS.len(),
        );
    }
    // Rules that could not be computed (blank, text, too-large cells).
    for d in cov
        .diagnostics
        .iter()
        .filter(|d| d.rule == rules::UNCHECKED)
    {
        reasons.push(d.message.clone());
    }
    let errors = cov
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let status = if errors {
        Status::Errors
    } else if reasons.is_empty() && cov.version.is_some() {
        Status::Clean
    } else {
        Status::Incomplete
    };
    if status == Status::Incomplete && reasons.is_empty() {
        reasons.push("无法判断表格的格式版本，未能核对。".to_string());
    }
    let advice = (!reasons.is_empty()).then(|| {
        // A reader that knows why (e.g. text copied out of a PDF viewer)
        // says what to do in its finding's suggestion.
        cov.diagnostics
            .iter()
            .filter(|d| d.rule == rules::INCOMPLETE || d.rule == rules::NOT_FOUND)
            .find_map(|d| d.suggestion.clone())
            .unwrap_or_else(|| {
                if cov.cells.is_empty() {
                    ADVICE_NOT_FOUND.to_string()
                } else if cov.diagnostics.iter().any(|d| d.rule == rules::UNCHECKED)
                    && reasons.len() == 1
                {
                    "把空着的格子按实际填上数字（没有发生的填 0），再核对一次。".to_string()
                } else {
                    ADVICE_PASTE.to_string()
                }
            })
    });
    Verdict {
        status,
        reasons,
        advice,
    }
}

fn table_reason(reasons: &mut Vec<String>, name: &str, missing: &[&str], all: usize) {
    // 表二 has no sums: its unread rows are simply not checked.
    let what = if name.starts_with("表二") {
        "这些行的数字未核对"
    } else {
        "涉及这些行的合计未核对"
    };
    if missing.is_empty() {
        return;
    }
    if missing.len() == all {
        reasons.push(format!("没有读到{name}，该表未核对。"));
        return;
    }
    let shown: Vec<String> = missing.iter().take(4).map(|l| format!("「{l}」")).collect();
    let more = if missing.len() > 4 {
        format!("等 {} 行", missing.len())
    } else {
        String::new()
    };
    reasons.push(format!(
        "{name}有 {} 行没有读出：{}{more}，{what}。",
        missing.len(),
        shown.join("")
    ));
}

/// The error findings grouped by the one cell (and value) that mends them;
/// an error no single cell explains is a mistake of its own.
pub fn mistakes(cells: &[Cell], diagnostics: &[Diagnostic]) -> Vec<Mistake> {
    let mut out: Vec<Mistake> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if d.severity != Severity::Error {
            continue;
        }
        if let Some(s) = &d.suspect {
            if let Some(m) = out.iter_mut().find(|m| {
                m.cell.as_deref() == Some(s.cell.as_str()) && m.expected == Some(s.expected)
            }) {
                m.diagnostics.push(i);
                continue;
            }
            out.push(Mistake {
                cell: Some(s.cell.clone()),
                expected: Some(s.expected),
                label: model::cell_label(&s.cell),
                message: String::new(),
                diagnostics: vec![i],
            });
        } else {
            out.push(Mistake {
                cell: None,
                expected: None,
                label: rules::info(d.rule)
                    .map(|r| r.title.to_string())
                    .unwrap_or_default(),
                message: match &d.suggestion {
                    Some(s) => format!("{}{s}", d.message),
                    None => d.message.clone(),
                },
                diagnostics: vec![i],
            });
        }
    }
    for m in out.iter_mut().filter(|m| m.cell.is_some()) {
        let (Some(key), Some(expected)) = (m.cell.as_deref(), m.expected) else {
            continue;
        };
        let now = cells
            .iter()
            .find(|c| c.key == key)
            .map(|c| match c.value {
                Value::Blank => "空格".to_string(),
                _ => c.text.trim().to_string(),
            })
            .unwrap_or_default();
        // “办理结果合计不符” → 办理结果合计: the relations this cell mends.
        let names: Vec<String> = m
            .diagnostics
            .iter()
            .filter_map(|&i| rules::info(diagnostics[i].rule))
            .map(|r| match r.title.strip_suffix("不符") {
                Some(n) => n.to_string(),
                None => format!("「{}」", r.title),
            })
            .collect();
        let n = names.len();
        let mends = match names.as_slice() {
            [one] => format!("改正这一格，{one}即相符"),
            [init @ .., last] => format!(
                "改正这一格，{}和{last}{}处不符都得到纠正",
                init.join("、"),
                count_zh(n)
            ),
            [] => String::new(),
        };
        m.message = format!("{}应为 {expected}（现为 {now}）：{mends}。", m.label);
    }
    out
}

/// 2 → 两, 3 → 三 … up to 十; larger counts in digits.
fn count_zh(n: usize) -> String {
    const ZH: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    ZH.get(n)
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("{n} "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Span, Suspect};

    fn err(rule: &'static str, suspect: Option<(&str, i64)>) -> Diagnostic {
        let mut d = Diagnostic::new(rule, Severity::Error, format!("{rule} broken"));
        d.suspect = suspect.map(|(c, e)| Suspect {
            cell: c.into(),
            expected: e,
        });
        d
    }

    #[test]
    fn findings_one_cell_explains_are_one_mistake() {
        let cells = vec![Cell {
            key: "requests.results_total.natural".into(),
            text: "0".into(),
            value: Value::Int(0),
            span: Span::new(0, 1),
        }];
        let ds = vec![
            err(
                rules::RESULTS_TOTAL,
                Some(("requests.results_total.natural", 3)),
            ),
            err(rules::GROUP_TOTAL, Some(("appeals.review.total", 1))),
            err(rules::BALANCE, Some(("requests.results_total.natural", 3))),
            err(rules::NOT_NUMBER, None),
        ];
        let m = mistakes(&cells, &ds);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].diagnostics, vec![0, 2]);
        assert_eq!(
            m[0].message,
            "表三「（七）总计」行「自然人」列应为 3（现为 0）：改正这一格，办理结果合计和勾稽关系两处不符都得到纠正。"
        );
        assert_eq!(m[1].diagnostics, vec![1]);
        assert_eq!(m[2].cell, None);
        assert_eq!(m[2].diagnostics, vec![3]);
    }

    #[test]
    fn nothing_read_is_incomplete_never_clean() {
        let v = verdict(&Coverage {
            version: None,
            single_other: false,
            cells: &[],
            diagnostics: &[],
        });
        assert_eq!(v.status, Status::Incomplete);
        assert!(v.reasons[0].contains("没有找到任何统计表"));
        assert!(v.advice.is_some());
    }
    /// The first implementation: cells counted per (table, row) in a map
    /// keyed by the strings. `verdict` must decide exactly as it did.
    #[allow(clippy::all)]
    fn verdict_reference(cov: &Coverage) -> Verdict {
        let mut reasons = Vec::new();
        // Cells read per (table, row): a row is read when all its columns are.
        let mut per_row: rustc_hash::FxHashMap<(&str, &str), usize> = Default::default();
        for c in cov.cells {
            if let Some(tr) = table_row(&c.key) {
                *per_row.entry(tr).or_default() += 1;
            }
        }
        let complete = |t: &str, r: &str, n: usize| per_row.get(&(t, r)).is_some_and(|k| *k >= n);

        if cov.cells.is_empty() {
            // The reader may know why (a report in the pre-2019 template).
            let why = cov
                .diagnostics
                .iter()
                .find(|d| d.rule == rules::NOT_FOUND && d.message.starts_with("这是2019年以前"))
                .map(|d| d.message.clone());
            reasons.push(why.unwrap_or_else(|| "没有找到任何统计表，表格都未核对。".to_string()));
        } else {
            let version = cov.version.unwrap_or(Version::V2021);
            // 表二: rows of the version.
            let rows = model::disclosure_rows(version);
            let missing: Vec<&str> = rows
                .iter()
                .filter(|r| !complete("disclosure", r.key, r.cols.len()))
                .map(|r| r.label)
                .collect();
            table_reason(
                &mut reasons,
                "表二（主动公开政府信息情况）",
                &missing,
                rows.len(),
            );
            // 表三: rows of this layout.
            let rows: Vec<&model::Row> = model::request_rows(cov.single_other).collect();
            let missing: Vec<&str> = rows
                .iter()
                .filter(|r| !complete("requests", r.key, REQUEST_COLS.len()))
                .map(|r| r.label)
                .collect();
            table_reason(
                &mut reasons,
                "表三（收到和处理政府信息公开申请情况）",
                &missing,
                rows.len(),
            );
            // 表四: the three groups.
            let missing: Vec<&str> = APPEAL_GROUPS
                .iter()
                .filter(|g| !complete("appeals", g.0, APPEAL_COLS.len()))
                .map(|g| g.1)
                .collect();
            table_reason(
                &mut reasons,
                "表四（行政复议、行政诉讼情况）",
                &missing,
                APPEAL_GROUPS.len(),
            );
        }
        // Rules that could not be computed (blank, text, too-large cells).
        for d in cov
            .diagnostics
            .iter()
            .filter(|d| d.rule == rules::UNCHECKED)
        {
            reasons.push(d.message.clone());
        }
        let errors = cov
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        let status = if errors {
            Status::Errors
        } else if reasons.is_empty() && cov.version.is_some() {
            Status::Clean
        } else {
            Status::Incomplete
        };
        if status == Status::Incomplete && reasons.is_empty() {
            reasons.push("无法判断表格的格式版本，未能核对。".to_string());
        }
        let advice = (!reasons.is_empty()).then(|| {
            // A reader that knows why (e.g. text copied out of a PDF viewer)
            // says what to do in its finding's suggestion.
            cov.diagnostics
                .iter()
                .filter(|d| d.rule == rules::INCOMPLETE || d.rule == rules::NOT_FOUND)
                .find_map(|d| d.suggestion.clone())
                .unwrap_or_else(|| {
                    if cov.cells.is_empty() {
                        ADVICE_NOT_FOUND.to_string()
                    } else if cov.diagnostics.iter().any(|d| d.rule == rules::UNCHECKED)
                        && reasons.len() == 1
                    {
                        "把空着的格子按实际填上数字（没有发生的填 0），再核对一次。".to_string()
                    } else {
                        ADVICE_PASTE.to_string()
                    }
                })
        });
        Verdict {
            status,
            reasons,
            advice,
        }
    }

    #[test]
    fn verdict_matches_the_string_keyed_reference() {
        use crate::report::Span;
        let keys = model::KeyTable::get();
        // Canonical keys, and some that are not (a row alone, an unknown
        // column of a known row, an unknown row).
        let mut pool: Vec<String> = (0..keys.len()).map(|i| keys.key(i).to_string()).collect();
        pool.extend(
            [
                "requests.granted",
                "requests.granted.nobody",
                "disclosure.fees.odd",
                "appeals.review.x.y",
                "requests.nothing.total",
                "tables",
                "",
            ]
            .map(String::from),
        );
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..400 {
            // From a few cells to nearly all, with repeats.
            let n = next(if round % 2 == 0 { 40 } else { 300 }) as usize;
            let mut cells: Vec<Cell> = Vec::new();
            let full = round % 5 == 0;
            let count = if full { pool.len() } else { n };
            for k in 0..count {
                if full && round % 10 == 5 && next(30) == 0 {
                    continue;
                }
                let key = if full {
                    pool[k].clone()
                } else {
                    pool[next(pool.len() as u64) as usize].clone()
                };
                cells.push(Cell {
                    key,
                    text: "1".into(),
                    value: Value::Int(1),
                    span: Span::new(0, 1),
                });
            }
            if full && round % 10 == 0 {
                // A whole table dropped.
                cells.retain(|c| !c.key.starts_with("appeals."));
            }
            let diagnostics = if round % 3 == 0 {
                vec![Diagnostic::new(
                    rules::UNCHECKED,
                    Severity::Warning,
                    "x".into(),
                )]
            } else {
                Vec::new()
            };
            for version in [None, Some(Version::V2019), Some(Version::V2021)] {
                for single_other in [false, true] {
                    let cov = Coverage {
                        version,
                        single_other,
                        cells: &cells,
                        diagnostics: &diagnostics,
                    };
                    let (a, b) = (verdict(&cov), verdict_reference(&cov));
                    assert_eq!(a.status, b.status);
                    assert_eq!(a.reasons, b.reasons);
                    assert_eq!(a.advice, b.advice);
                }
            }
        }
    }
}
