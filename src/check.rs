//! The checks: the arithmetic of FORMAT.md §6, the value checks of §7, the
//! soft checks of table 二, and the located culprit for broken totals.
//!
//! Input is the cells `extract` read; output is findings. A rule whose cells
//! are not all numbers is not guessed at: a blank is not a zero.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::model::KeyTable;

use crate::locate::{self, Equation};
use crate::model::{self, Kind, Version, APPEAL_COLS, APPEAL_GROUPS, REQUEST_COLS, TOTAL_COL};
use crate::report::{Cell, Diagnostic, Severity, Span, Suspect, Value};
use crate::rules;

/// One instance of a sum rule: `total` = Σ `parts` (for balance: the left
/// side's cells are `parts`, the right side's are `rhs`).
struct Sum {
    rule: &'static str,
    /// Cells added on the left.
    parts: Vec<String>,
    /// Cells added on the right (the printed total, or 三+四).
    rhs: Vec<String>,
    /// What the sum is over, for messages: 表三「（一）予以公开」行 / 「自然人」列.
    place: String,
    /// Labels for the formula, parallel to parts and rhs.
    part_labels: Vec<String>,
    rhs_labels: Vec<String>,
    /// The ids (model::KeyTable) of `parts` and `rhs`.
    part_ids: Vec<usize>,
    rhs_ids: Vec<usize>,
}

/// The cells of a report by key id ([`KeyTable`]); as a map built from the
/// cells in order, the last cell of a key wins. Keys that are not canonical
/// are not kept: no rule names them.
struct ByKey<'a> {
    keys: &'static KeyTable,
    slots: Vec<Option<&'a Cell>>,
}

impl<'a> ByKey<'a> {
    fn new(cells: &'a [Cell]) -> ByKey<'a> {
        let keys = KeyTable::get();
        let mut slots = vec![None; keys.len()];
        for c in cells {
            if let Some(s) = keys.id(&c.key).and_then(|i| slots.get_mut(i)) {
                *s = Some(c);
            }
        }
        ByKey { keys, slots }
    }

    /// The cell of an id.
    fn at(&self, id: usize) -> Option<&'a Cell> {
        self.slots.get(id).copied().flatten()
    }

    /// The cell of a key.
    fn get(&self, key: &str) -> Option<&'a Cell> {
        self.keys.id(key).and_then(|i| self.at(i))
    }
}

/// The id of a canonical key (usize::MAX, which names no cell, for any other).
fn id_of(key: &str) -> usize {
    KeyTable::get().id(key).unwrap_or(usize::MAX)
}

impl Sum {
    /// Every cell of the rule: the left side's, then the right side's.
    fn keys(&self) -> Vec<&str> {
        self.parts
            .iter()
            .chain(self.rhs.iter())
            .map(String::as_str)
            .collect()
    }
}

pub fn check(cells: &[Cell], version: Option<Version>, single_other: bool) -> Vec<Diagnostic> {
    let by_key = ByKey::new(cells);
    let mut out = Vec::new();
    value_checks(cells, version, &mut out);

    let (sums, requests_n) = templates(single_other);
    let requests_n = *requests_n;

    // The rules left unchecked (indices into `sums`).
    let mut unchecked: Vec<usize> = Vec::new();
    // Numeric sums, for locating.
    let mut numeric: Vec<usize> = Vec::new();
    let mut broken_diag: HashMap<usize, usize> = HashMap::default();
    let mut ints: Vec<Option<i64>> = Vec::with_capacity(32);
    for (i, s) in sums.iter().enumerate() {
        // Each cell looked up once; a rule with a cell not read is skipped
        // (reported as incomplete already).
        ints.clear();
        let mut read = true;
        for &k in s.part_ids.iter().chain(s.rhs_ids.iter()) {
            match by_key.at(k) {
                Some(c) => ints.push(c.value.as_int()),
                None => {
                    read = false;
                    break;
                }
            }
        }
        if !read {
            continue;
        }
        if ints.iter().any(Option::is_none) {
            // A blank total with non-zero parts is an error; other gaps leave the rule unchecked.
            let total_blank = s.rhs.len() == 1
                && s.rhs_ids
                    .first()
                    .and_then(|&k| by_key.at(k))
                    .is_some_and(|c| is_empty(&c.value));
            // Every cell of the rule was read: `ints` holds the parts' values.
            let parts: &[Option<i64>] = ints.get(..s.parts.len()).unwrap_or(&[]);
            if s.rule != rules::BALANCE
                && total_blank
                && parts.iter().all(Option::is_some)
                && parts.iter().any(|v| *v != Some(0))
            {
                let sum = parts
                    .iter()
                    .flatten()
                    .fold(0i64, |a, b| a.saturating_add(*b));
                let mut d = Diagnostic::new(
                    rules::BLANK_TOTAL,
                    Severity::Error,
                    format!(
                        "{}：总计格为空，但各分项之和为 {sum}。空格不等于零，请填入 {sum}。",
                        s.place
                    ),
                );
                let all: Vec<&str> = s.keys();
                d.cells = all.iter().map(|k| k.to_string()).collect();
                d.span = cover(&by_key, &all);
                d.expected = Some(sum);
                d.suspect = Some(Suspect {
                    cell: s.rhs[0].clone(),
                    expected: sum,
                });
                out.push(d);
            } else {
                unchecked.push(i);
            }
            continue;
        }
        numeric.push(i);
        let n = s.parts.len();
        // Read values have at most 15 digits (report::MAX_DIGITS), so these
        // sums cannot overflow; saturating all the same.
        let add = |a: i64, b: &Option<i64>| a.saturating_add(b.unwrap_or(0));
        let left = ints[..n].iter().fold(0, add);
        let right = ints[n..].iter().fold(0, add);
        if left == right {
            continue;
        }
        broken_diag.insert(i, out.len());
        out.push(sum_diagnostic(s, &by_key, left, right));
    }

    // Locate culprits: table 三 as one system, each group of table 四 alone.
    let groups: Vec<Vec<usize>> = {
        let req: Vec<usize> = numeric
            .iter()
            .copied()
            .filter(|&i| i < requests_n)
            .collect();
        let mut g = vec![req];
        for k in 0..APPEAL_GROUPS.len() {
            g.push(
                numeric
                    .iter()
                    .copied()
                    .filter(|&i| i == requests_n + k)
                    .collect(),
            );
        }
        g
    };
    for group in groups {
        if !group.iter().any(|i| broken_diag.contains_key(i)) {
            continue;
        }
        locate_group(sums, &group, &by_key, &broken_diag, &mut out);
    }

    if !unchecked.is_empty() {
        let places: Vec<&str> = unchecked.iter().map(|&i| sums[i].place.as_str()).collect();
        // The cells that are not numbers, by id (the rules name canonical
        // keys only: one id per key).
        let mut ids: Vec<usize> = unchecked
            .iter()
            .flat_map(|&i| sums[i].part_ids.iter().chain(sums[i].rhs_ids.iter()))
            .copied()
            .filter(|&id| by_key.at(id).is_none_or(|c| c.value.as_int().is_none()))
            .collect();
        ids.dedup();
        let what = unreadable_kinds(&by_key, &ids);
        let mut d = Diagnostic::new(
            rules::UNCHECKED,
            Severity::Warning,
            format!(
                "{} 条合计关系含有{what}，无法核对：{}。{}",
                places.len(),
                places
                    .iter()
                    .take(6)
                    .copied()
                    .collect::<Vec<_>>()
                    .join("；")
                    + if places.len() > 6 { "……" } else { "" },
                if what.contains("空格") {
                    "空格不等于零，没有发生的请填 0。"
                } else {
                    ""
                }
            ),
        );
        d.span = ids
            .iter()
            .filter_map(|&id| by_key.at(id))
            .map(|c| c.span)
            .reduce(Span::cover);
        d.cells = ids
            .iter()
            .map(|&id| by_key.keys.key(id).to_string())
            .collect();
        out.push(d);
    }
    disclosure_checks(&by_key, version, &mut out);
    out
}

/// What stops the unchecked rules, in words: “空格或“/”“-”“无””, “文字”, …
fn unreadable_kinds(by_key: &ByKey, ids: &[usize]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for &id in ids {
        let w = match by_key.at(id).map(|c| &c.value) {
            Some(Value::Blank | Value::Placeholder) => "空格或“/”“-”“无”",
            Some(Value::Text) => "文字",
            Some(Value::TooLarge) => "位数过多的数字",
            Some(Value::Decimal(_)) => "小数",
            _ => continue,
        };
        if !kinds.contains(&w) {
            kinds.push(w);
        }
    }
    if kinds.is_empty() {
        "无法计算的格子".into()
    } else {
        kinds.join("、")
    }
}

fn is_empty(v: &Value) -> bool {
    matches!(v, Value::Blank | Value::Placeholder)
}

fn cover(by_key: &ByKey, keys: &[&str]) -> Option<Span> {
    keys.iter()
        .filter_map(|k| by_key.get(k))
        .map(|c| c.span)
        .reduce(Span::cover)
}

fn row_label(r: &str) -> &'static str {
    model::request_row(r).map(|r| r.label).unwrap_or("")
}

fn short_row(r: &str) -> String {
    let l = row_label(r);
    // “1.属于国家秘密” under （三）: name the group too.
    match model::request_row(r) {
        Some(row) if !row.group.is_empty() => format!("{}{}", row.group, l),
        _ => l.to_string(),
    }
}

/// Every sum rule of a layout, built once: (rules, how many are table 三's).
/// Rules whose cells a report lacks are skipped when checking.
fn templates(single_other: bool) -> &'static (Vec<Sum>, usize) {
    static ONE: OnceLock<(Vec<Sum>, usize)> = OnceLock::new();
    static THREE: OnceLock<(Vec<Sum>, usize)> = OnceLock::new();
    let cell = if single_other { &ONE } else { &THREE };
    cell.get_or_init(|| {
        let mut sums = Vec::new();
        requests_sums(single_other, &mut sums);
        let n = sums.len();
        appeals_sums(&mut sums);
        // Every key looked up once, here.
        for s in &mut sums {
            s.part_ids = s.parts.iter().map(|k| id_of(k)).collect();
            s.rhs_ids = s.rhs.iter().map(|k| id_of(k)).collect();
        }
        (sums, n)
    })
}

fn requests_sums(single_other: bool, sums: &mut Vec<Sum>) {
    // Rows of this layout.
    let rows: Vec<&str> = model::request_rows(single_other).map(|r| r.key).collect();
    for r in &rows {
        sums.push(Sum {
            rule: rules::ROW_TOTAL,
            parts: REQUEST_COLS[..TOTAL_COL]
                .iter()
                .map(|c| format!("requests.{r}.{}", c.0))
                .collect(),
            rhs: vec![format!("requests.{r}.total")],
            place: format!("表三「{}」行", short_row(r)),
            part_labels: REQUEST_COLS[..TOTAL_COL]
                .iter()
                .map(|c| c.1.to_string())
                .collect(),
            rhs_labels: vec!["总计".into()],
            part_ids: Vec::new(),
            rhs_ids: Vec::new(),
        });
    }
    let parts: Vec<&str> = model::result_parts(single_other).collect();
    for (c, clabel) in REQUEST_COLS.iter() {
        sums.push(Sum {
            rule: rules::RESULTS_TOTAL,
            parts: parts.iter().map(|r| format!("requests.{r}.{c}")).collect(),
            rhs: vec![format!("requests.results_total.{c}")],
            place: format!("表三「{clabel}」列"),
            part_labels: parts.iter().map(|r| short_row(r)).collect(),
            rhs_labels: vec!["（七）总计".into()],
            part_ids: Vec::new(),
            rhs_ids: Vec::new(),
        });
    }
    for (c, clabel) in REQUEST_COLS.iter() {
        sums.push(Sum {
            rule: rules::BALANCE,
            parts: vec![
                format!("requests.received.{c}"),
                format!("requests.carried_in.{c}"),
            ],
            rhs: vec![
                format!("requests.results_total.{c}"),
                format!("requests.carried_out.{c}"),
            ],
            place: format!("表三「{clabel}」列"),
            part_labels: vec!["一".into(), "二".into()],
            rhs_labels: vec!["三".into(), "四".into()],
            part_ids: Vec::new(),
            rhs_ids: Vec::new(),
        });
    }
}

fn appeals_sums(sums: &mut Vec<Sum>) {
    for (g, glabel) in APPEAL_GROUPS.iter() {
        sums.push(Sum {
            rule: rules::GROUP_TOTAL,
            parts: APPEAL_COLS[..4]
                .iter()
                .map(|c| format!("appeals.{g}.{}", c.0))
                .collect(),
            rhs: vec![format!("appeals.{g}.total")],
            place: format!("表四「{glabel}」"),
            part_labels: APPEAL_COLS[..4].iter().map(|c| c.1.to_string()).collect(),
            rhs_labels: vec!["总计".into()],
            part_ids: Vec::new(),
            rhs_ids: Vec::new(),
        });
    }
}

fn sum_diagnostic(s: &Sum, by_key: &ByKey, left: i64, right: i64) -> Diagnostic {
    let v = |k: &String| by_key.get(k).and_then(|c| c.value.as_int()).unwrap_or(0);
    // Long sums list their non-zero terms and count the zeros.
    let terms = |keys: &[String], labels: &[String]| -> String {
        let all: Vec<(&String, i64)> = keys.iter().zip(labels).map(|(k, l)| (l, v(k))).collect();
        let shown: Vec<String> = all
            .iter()
            .filter(|t| all.len() <= 6 || t.1 != 0)
            .map(|(l, n)| format!("{l}({n})"))
            .collect();
        let zeros = all.len() - shown.len();
        match (shown.is_empty(), zeros) {
            (true, _) => format!("其余 {zeros} 项均为 0"),
            (false, 0) => shown.join(" + "),
            (false, _) => format!("{} + 其余 {zeros} 项(均为 0)", shown.join(" + ")),
        }
    };
    let diff = left.saturating_sub(right).saturating_abs();
    let (message, formula) = if s.rule == rules::BALANCE {
        (
            format!(
                "{}勾稽关系不符：一({})+二({})={left}，三({})+四({})={right}，相差 {diff}。",
                s.place,
                v(&s.parts[0]),
                v(&s.parts[1]),
                v(&s.rhs[0]),
                v(&s.rhs[1])
            ),
            format!(
                "本年新收({}) + 上年结转({}) = 办理结果总计({}) + 结转下年度({})",
                v(&s.parts[0]),
                v(&s.parts[1]),
                v(&s.rhs[0]),
                v(&s.rhs[1])
            ),
        )
    } else {
        let what = match s.rule {
            rules::ROW_TOTAL => "六类申请人之和",
            rules::RESULTS_TOTAL => "（一）至（六）各项办理结果之和",
            _ => "四项之和",
        };
        let total_name = &s.rhs_labels[0];
        (
            format!(
                "{}：{what}为 {left}，但「{total_name}」填的是 {right}，相差 {diff}。",
                s.place
            ),
            format!(
                "{total_name}({right}) = {} = {left}",
                terms(&s.parts, &s.part_labels)
            ),
        )
    };
    let keys: Vec<&str> = s.keys();
    let mut d = Diagnostic::new(s.rule, Severity::Error, message);
    d.formula = Some(formula);
    d.cells = keys.iter().map(|k| k.to_string()).collect();
    d.span = cover(by_key, &keys);
    d.expected = Some(left);
    d.actual = Some(right);
    d
}

fn is_total_key(k: &str) -> bool {
    k.ends_with(".total") || k.starts_with("requests.results_total.")
}

fn locate_group<'k>(
    sums: &'k [Sum],
    group: &[usize],
    by_key: &ByKey,
    broken: &HashMap<usize, usize>,
    out: &mut [Diagnostic],
) {
    // Index the cells of the group's equations, in the order they come
    // (by key id: the rules name canonical keys only).
    let mut keys: Vec<&'k str> = Vec::new();
    let mut values: Vec<i64> = Vec::new();
    let mut index: Vec<usize> = vec![usize::MAX; by_key.keys.len()];
    let mut idx = |k: &'k str, id: usize| -> usize {
        match index.get_mut(id) {
            Some(at) if *at != usize::MAX => *at,
            slot => {
                keys.push(k);
                values.push(by_key.at(id).and_then(|c| c.value.as_int()).unwrap_or(0));
                if let Some(at) = slot {
                    *at = keys.len() - 1;
                }
                keys.len() - 1
            }
        }
    };
    let eqs: Vec<Equation> = group
        .iter()
        .map(|&i| {
            let s = &sums[i];
            let mut terms = Vec::with_capacity(s.parts.len() + s.rhs.len());
            for (k, &id) in s.parts.iter().zip(&s.part_ids) {
                terms.push((idx(k, id), 1));
            }
            for (k, &id) in s.rhs.iter().zip(&s.rhs_ids) {
                terms.push((idx(k, id), -1));
            }
            Equation { terms }
        })
        .collect();
    let located = locate::locate(&eqs, &values, &|i| is_total_key(keys[i]));
    let to_suspects = |e: &locate::Explanation| -> Vec<Suspect> {
        e.changes
            .iter()
            .map(|&(i, v)| Suspect {
                cell: keys[i].to_string(),
                expected: v,
            })
            .collect()
    };
    let describe = |e: &locate::Explanation| -> String {
        e.changes
            .iter()
            .map(|&(i, v)| format!("{}应为 {v}", model::cell_label(keys[i])))
            .collect::<Vec<_>>()
            .join("，")
    };
    for (pos, &si) in group.iter().enumerate() {
        let Some(&di) = broken.get(&si) else { continue };
        let d = &mut out[di];
        let eq = &eqs[pos];
        match located.best {
            0 => d.suggestion = Some("本表有多处不符，无法确定是哪一格填错，请逐格核对。".into()),
            1 => {
                let best = &located.explanations[0];
                // The cell of the explanation that lies in this rule.
                let mine: Vec<&(usize, i64)> = best
                    .changes
                    .iter()
                    .filter(|c| eq.terms.iter().any(|t| t.0 == c.0))
                    .collect();
                if let [only] = mine.as_slice() {
                    d.suspect = Some(Suspect {
                        cell: keys[only.0].to_string(),
                        expected: only.1,
                    });
                }
                let mut msg = match mine.as_slice() {
                    _ if best.changes.len() == 1 => format!("最可能是{}。", describe(best)),
                    // Lead with this finding's own cell, then its partner.
                    [own] => {
                        let partner = locate::Explanation {
                            changes: best
                                .changes
                                .iter()
                                .filter(|c| c.0 != own.0)
                                .copied()
                                .collect(),
                        };
                        let own = locate::Explanation {
                            changes: vec![**own],
                        };
                        format!(
                            "最可能是{}（连同{}：改正这 {} 格后所有不符的关系都成立）。",
                            describe(&own),
                            describe(&partner),
                            best.changes.len()
                        )
                    }
                    _ => format!(
                        "最可能是这 {} 格填错：{}（改正后所有不符的关系都成立）。",
                        best.changes.len(),
                        describe(best)
                    ),
                };
                let others: Vec<String> = located.explanations[1..]
                    .iter()
                    .take(3)
                    .map(describe)
                    .collect();
                if !others.is_empty() {
                    msg.push_str(&format!("也可能是：{}。", others.join("；或")));
                }
                d.suggestion = Some(msg);
                d.alternatives = located.explanations[1..].iter().map(to_suspects).collect();
            }
            n => {
                let all: Vec<String> = located.explanations[..n]
                    .iter()
                    .take(4)
                    .map(describe)
                    .collect();
                d.suggestion = Some(format!(
                    "有 {n} 种同样可能的改法，无法确定：{}。",
                    all.join("；或")
                ));
                d.alternatives = located.explanations[..n].iter().map(to_suspects).collect();
            }
        }
    }
}

fn kind_of(key: &str, version: Option<Version>) -> Kind {
    if let Some(rest) = key.strip_prefix("disclosure.") {
        let mut it = rest.split('.');
        let (r, c) = (it.next().unwrap_or(""), it.next().unwrap_or(""));
        let rows = model::disclosure_rows(version.unwrap_or(Version::V2021));
        return rows
            .iter()
            .filter(|d| d.key == r)
            .flat_map(|d| d.cols.iter())
            .find(|x| x.0 == c)
            .map(|x| x.2)
            .unwrap_or(Kind::Count);
    }
    Kind::Count
}

fn value_checks(cells: &[Cell], version: Option<Version>, out: &mut Vec<Diagnostic>) {
    for c in cells {
        // Only a negative whole number or a decimal is judged by its kind.
        let kind = match c.value {
            Value::Int(n) if n < 0 => kind_of(&c.key, version),
            Value::Decimal(_) => kind_of(&c.key, version),
            _ => Kind::Count,
        };
        let label = || model::cell_label(&c.key);
        let (rule, msg) = match (&c.value, kind) {
            (Value::Int(n), Kind::Count | Kind::Money) if *n < 0 => (
                rules::NEGATIVE,
                format!("{}填的是 {n}，数量不能为负数。", label()),
            ),
            (Value::Decimal(x), Kind::Money) if *x < 0.0 => (
                rules::NEGATIVE,
                format!("{}填的是 {}，金额不能为负数。", label(), c.text.trim()),
            ),
            (Value::Decimal(x), Kind::Count | Kind::Signed) if x.fract() != 0.0 => (
                rules::NOT_INTEGER,
                format!("{}填的是 {}，件数应为整数。", label(), c.text.trim()),
            ),
            (Value::Text, _) => (
                rules::NOT_NUMBER,
                format!("{}填的是“{}”，这里应填数字。", label(), c.text.trim()),
            ),
            (Value::TooLarge, _) => {
                let digits = c.text.chars().filter(char::is_ascii_digit).count();
                let shown: String = c.text.trim().chars().take(16).collect();
                let more = if c.text.trim().chars().count() > 16 {
                    "……"
                } else {
                    ""
                };
                (
                    rules::TOO_LARGE,
                    format!(
                        "{}填的是 {shown}{more}（{digits} 位数字），不可能是件数：可能是几个格子的数字连在了一起，或是录入错误。涉及本格的合计关系无法核对。",
                        label()
                    ),
                )
            }
            _ => continue,
        };
        let mut d = Diagnostic::new(rule, Severity::Error, msg);
        d.cells = vec![c.key.clone()];
        d.span = Some(c.span);
        out.push(d);
    }
}

/// A soft check of 表二: rule, the two columns, and its message.
type SoftCheck = (
    &'static str,
    &'static str,
    &'static str,
    fn(&str, i64, i64) -> String,
);

/// The key `disclosure.<row>.<col>` of the soft checks' cells, without
/// building it.
fn disclosure_key(row: &str, col: &str) -> &'static str {
    match (row, col) {
        ("regulations", "published") => "disclosure.regulations.published",
        ("regulations", "total_published") => "disclosure.regulations.total_published",
        ("regulations", "issued") => "disclosure.regulations.issued",
        ("regulations", "in_force") => "disclosure.regulations.in_force",
        ("normative_docs", "published") => "disclosure.normative_docs.published",
        ("normative_docs", "total_published") => "disclosure.normative_docs.total_published",
        ("normative_docs", "issued") => "disclosure.normative_docs.issued",
        ("normative_docs", "in_force") => "disclosure.normative_docs.in_force",
        _ => "",
    }
}

fn disclosure_checks(by_key: &ByKey, version: Option<Version>, out: &mut Vec<Diagnostic>) {
    let get = |k: &str| by_key.get(k).and_then(|c| c.value.as_int());
    for row in ["regulations", "normative_docs"] {
        let label = if row == "regulations" {
            "规章"
        } else {
            "规范性文件"
        };
        let (rule, a, b, msg): SoftCheck = match version {
            Some(Version::V2019) => (
                rules::TOTAL_PUBLISHED,
                "published",
                "total_published",
                |l, a, b| format!("表二「{l}」：对外公开总数量 {b} 小于本年新公开数量 {a}。"),
            ),
            _ => (rules::IN_FORCE, "issued", "in_force", |l, a, b| {
                format!("表二「{l}」：现行有效件数 {b} 小于本年制发件数 {a}，请确认是否填反。")
            }),
        };
        let (ka, kb) = (disclosure_key(row, a), disclosure_key(row, b));
        if let (Some(x), Some(y)) = (get(ka), get(kb)) {
            if y < x {
                let sev = rules::info(rule)
                    .map(|r| r.severity)
                    .unwrap_or(Severity::Warning);
                let mut d = Diagnostic::new(rule, sev, msg(label, x, y));
                d.span = cover(by_key, &[ka, kb]);
                d.cells = vec![ka.to_string(), kb.to_string()];
                d.expected = Some(x);
                d.actual = Some(y);
                out.push(d);
            }
        }
    }
}
