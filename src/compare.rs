//! Year over year: one unit's report against its report of the year before.
//!
//! - 表三 `carried_in` of this year equals last year's `carried_out`, column
//!   by column (FORMAT.md §8) — the same applications, counted twice;
//! - 表二 (v2021) 现行有效件数 continues: this year's `in_force` = last
//!   year's `in_force` + this year's `issued` − `repealed` (a warning:
//!   documents also expire);
//! - 表三 and 表四 identical to last year's, not all zero: a copied report;
//! - every cell side by side, for renderers.
//!
//! Spans of the findings point into THIS year's text; the other report is
//! named by its year in the message.

use crate::model::{Version, REQUEST_COLS};
use crate::report::{Diagnostic, Report, Severity, Value};
use crate::rules;
use crate::statements::same_unit;

/// One cell of either report, side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub key: String,
    pub last: Option<Value>,
    pub this: Option<Value>,
    pub last_text: Option<String>,
    pub this_text: Option<String>,
}

impl Change {
    /// `this - last`, for two counts.
    pub fn difference(&self) -> Option<i64> {
        match (&self.last, &self.this) {
            (Some(Value::Int(a)), Some(Value::Int(b))) => b.checked_sub(*a),
            _ => None,
        }
    }
    /// Whether the two differ (a cell read on one side only counts as changed).
    pub fn changed(&self) -> bool {
        self.last != self.this
    }
}

/// The comparison of two reports.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Comparison {
    /// Both titles name a unit: are they the same unit?
    pub same_unit: Option<bool>,
    /// Both years known: does this year follow last year?
    pub consecutive: Option<bool>,
    /// Findings, most severe first; spans into this year's text.
    pub diagnostics: Vec<Diagnostic>,
    /// Every cell of either report, in this year's table order (then last
    /// year's cells this year lacks).
    pub changes: Vec<Change>,
}

/// Whether `this` is the report of the year after `last`, by the same unit.
pub fn follows(last: &Report, this: &Report) -> bool {
    let unit = match (&last.unit, &this.unit) {
        (Some(a), Some(b)) => same_unit(a, b),
        _ => false,
    };
    unit && matches!((last.year, this.year), (Some(a), Some(b)) if a.checked_add(1) == Some(b))
}

/// For each report, the index of the report of the same unit for the year
/// before, when there is exactly one such (two candidates: none is chosen).
pub fn pair(reports: &[&Report]) -> Vec<Option<usize>> {
    reports
        .iter()
        .map(|this| {
            let mut found = reports
                .iter()
                .enumerate()
                .filter(|(_, last)| follows(last, this))
                .map(|(i, _)| i);
            match (found.next(), found.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            }
        })
        .collect()
}

/// Compare `this` year's report with `last` year's.
pub fn compare(last: &Report, this: &Report) -> Comparison {
    let same = match (&last.unit, &this.unit) {
        (Some(a), Some(b)) => Some(same_unit(a, b)),
        _ => None,
    };
    let consecutive = match (last.year, this.year) {
        (Some(a), Some(b)) => Some(a.checked_add(1) == Some(b)),
        _ => None,
    };
    let ly = year_name(last.year, "上一年度");
    let ty = year_name(this.year, "本年度");
    let mut out = Vec::new();
    if same == Some(false) || consecutive == Some(false) {
        let mut why = Vec::new();
        if let (Some(false), Some(a), Some(b)) = (same, &last.unit, &this.unit) {
            why.push(format!("单位不同（“{a}”与“{b}”）"));
        }
        if let (Some(false), Some(a), Some(b)) = (consecutive, last.year, this.year) {
            why.push(format!("年份不相邻（{a}年度与{b}年度）"));
        }
        let mut d = Diagnostic::new(
            rules::NOT_A_PAIR,
            Severity::Warning,
            format!(
                "这两份报告不是同一单位相邻两年的报告：{}；上年结转和现行有效件数的跨年核对{}。",
                why.join("，"),
                if consecutive == Some(false) {
                    "没有进行"
                } else {
                    "仅供参考"
                }
            ),
        );
        d.span = this.cells.first().map(|c| c.span);
        out.push(d);
    }
    if consecutive != Some(false) {
        carried_over(last, this, &ly, &ty, &mut out);
        in_force(last, this, &ly, &ty, &mut out);
    }
    copied(last, this, &ly, &mut out);
    out.sort_by_key(|d| (d.severity, d.span.map(|s| s.start).unwrap_or(usize::MAX)));
    Comparison {
        same_unit: same,
        consecutive,
        diagnostics: out,
        changes: changes(last, this),
    }
}

/// Add the comparison with last year's report to this year's report: its
/// findings join the others, and the verdict and mistakes are decided again.
pub fn add_previous(this: &mut Report, last: &Report) {
    let c = compare(last, this);
    if c.diagnostics.is_empty() {
        return;
    }
    this.diagnostics.extend(c.diagnostics);
    crate::reports::refresh(this);
}

fn year_name(y: Option<u32>, fallback: &str) -> String {
    y.map(|y| format!("{y}年度"))
        .unwrap_or_else(|| fallback.to_string())
}

fn int(r: &Report, key: &str) -> Option<i64> {
    r.cell(key).and_then(|c| c.value.as_int())
}

fn carried_over(last: &Report, this: &Report, ly: &str, ty: &str, out: &mut Vec<Diagnostic>) {
    for (col, col_label) in REQUEST_COLS {
        let in_key = format!("requests.carried_in.{col}");
        let out_key = format!("requests.carried_out.{col}");
        let (Some(now), Some(before)) = (int(this, &in_key), int(last, &out_key)) else {
            continue;
        };
        if now == before {
            continue;
        }
        let diff = now - before;
        let mut d = Diagnostic::new(
            rules::CARRIED_OVER,
            Severity::Error,
            format!(
                "{ty}报告表三「二、上年结转政府信息公开申请数量」行「{col_label}」列为{now}，而{ly}报告表三「四、结转下年度继续办理」行「{col_label}」列为{before}，两者应相等，相差{diff}。"
            ),
        );
        d.formula = Some(format!("{ty}上年结转({now}) = {ly}结转下年度({before})"));
        d.cells = vec![in_key.clone()];
        d.span = this.cell(&in_key).map(|c| c.span);
        d.expected = Some(before);
        d.actual = Some(now);
        d.suggestion = Some(format!(
            "核对两年的报告：若{ly}报告无误，把{ty}「二、上年结转」行「{col_label}」列改为{before}；若{ly}报告填错，请在本报告中说明。"
        ));
        out.push(d);
    }
}

fn in_force(last: &Report, this: &Report, ly: &str, ty: &str, out: &mut Vec<Diagnostic>) {
    if last.version != Some(Version::V2021) || this.version != Some(Version::V2021) {
        return;
    }
    for (row, label) in [
        ("regulations", "规章"),
        ("normative_docs", "行政规范性文件"),
    ] {
        let k = |r: &Report, c: &str| int(r, &format!("disclosure.{row}.{c}"));
        let (Some(before), Some(issued), Some(repealed), Some(now)) = (
            k(last, "in_force"),
            k(this, "issued"),
            k(this, "repealed"),
            k(this, "in_force"),
        ) else {
            continue;
        };
        let expected = before + issued - repealed;
        if expected == now {
            continue;
        }
        let key = format!("disclosure.{row}.in_force");
        let mut d = Diagnostic::new(
            rules::IN_FORCE_CONTINUITY,
            Severity::Warning,
            format!(
                "{ty}报告表二「{label}」的「现行有效件数」为{now}，而{ly}报告的现行有效件数{before}加本年制发{issued}件、减本年废止{repealed}件应为{expected}，相差{}。",
                now - expected
            ),
        );
        d.formula = Some(format!(
            "{ly}现行有效({before}) + 本年制发({issued}) − 本年废止({repealed}) = {expected}，{ty}现行有效为{now}"
        ));
        d.cells = vec![
            format!("disclosure.{row}.issued"),
            format!("disclosure.{row}.repealed"),
            key.clone(),
        ];
        d.span = this.cell(&key).map(|c| c.span);
        d.expected = Some(expected);
        d.actual = Some(now);
        d.suggestion =
            Some("核对现行有效件数；如有文件到期自动失效或统计口径变化，可在报告中说明。".into());
        out.push(d);
    }
}

/// The cells of one table, as (key, value), when the table was read.
fn table<'r>(r: &'r Report, prefix: &str) -> Vec<(&'r str, &'r Value)> {
    r.cells
        .iter()
        .filter(|c| c.key.starts_with(prefix))
        .map(|c| (c.key.as_str(), &c.value))
        .collect()
}

fn copied(last: &Report, this: &Report, ly: &str, out: &mut Vec<Diagnostic>) {
    if !(this.tables.requests && this.tables.appeals && last.tables.requests && last.tables.appeals)
    {
        return;
    }
    let same = |p: &str| {
        let (a, b) = (table(last, p), table(this, p));
        !a.is_empty() && a == b
    };
    if !(same("requests.") && same("appeals.")) {
        return;
    }
    let nonzero = this
        .cells
        .iter()
        .filter(|c| c.key.starts_with("requests.") || c.key.starts_with("appeals."))
        .filter(|c| c.value.as_f64().is_some_and(|x| x != 0.0))
        .count();
    if nonzero == 0 {
        // Two years with no application and no appeal: all zero, alike.
        return;
    }
    let disclosure_too = this.tables.disclosure && same("disclosure.");
    let mut d = Diagnostic::new(
        rules::COPIED_TABLES,
        Severity::Warning,
        format!(
            "表三（收到和处理政府信息公开申请情况）和表四（行政复议、行政诉讼情况）的每一格都与{ly}报告相同{}（共{nonzero}个非零格），多为沿用上年报告未更新数据。",
            if disclosure_too {
                "，表二（主动公开政府信息情况）也完全相同"
            } else {
                ""
            }
        ),
    );
    d.cells = this
        .cells
        .iter()
        .filter(|c| c.key.starts_with("requests.") || c.key.starts_with("appeals."))
        .map(|c| c.key.clone())
        .collect();
    d.span = this
        .cells
        .iter()
        .filter(|c| c.key.starts_with("requests.") || c.key.starts_with("appeals."))
        .map(|c| c.span)
        .reduce(crate::Span::cover);
    d.suggestion =
        Some("按本年度的实际数据重新填写表格；若两年数据确实相同，可在报告中说明。".into());
    out.push(d);
}

fn changes(last: &Report, this: &Report) -> Vec<Change> {
    let mut out: Vec<Change> = this
        .cells
        .iter()
        .map(|c| {
            let l = last.cell(&c.key);
            Change {
                key: c.key.clone(),
                last: l.map(|l| l.value.clone()),
                this: Some(c.value.clone()),
                last_text: l.map(|l| l.text.clone()),
                this_text: Some(c.text.clone()),
            }
        })
        .collect();
    for c in &last.cells {
        if this.cell(&c.key).is_none() {
            out.push(Change {
                key: c.key.clone(),
                last: Some(c.value.clone()),
                this: None,
                last_text: Some(c.text.clone()),
                this_text: None,
            });
        }
    }
    out
}
