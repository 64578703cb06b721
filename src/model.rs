//! The format's vocabulary: versions, tables, rows, columns and their canonical
//! keys and Chinese labels, exactly as `shared/spec/FORMAT.md` names them.
//!
//! Everything else in the crate speaks in these keys. Nothing here parses text
//! or checks arithmetic; it only says what exists and what it is called.

use serde::Serialize;
use std::sync::OnceLock;

/// The two statutory layouts of the report (FORMAT.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Version {
    #[serde(rename = "v2019")]
    V2019,
    #[serde(rename = "v2021")]
    V2021,
}

impl Version {
    pub fn key(self) -> &'static str {
        match self {
            Version::V2019 => "v2019",
            Version::V2021 => "v2021",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Version::V2019 => "2019年版格式（国办公开办函〔2019〕60号）",
            Version::V2021 => "2021年版格式（国办公开办函〔2021〕30号）",
        }
    }
}

/// What a cell is supposed to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A non-negative integer count.
    Count,
    /// A signed integer (v2019 `change`, “+170”, “-5”).
    Signed,
    /// A non-negative decimal amount (万元, or with a unit in the cell).
    Money,
}

/// One row of a table: its key, its Chinese label, and its group's label
/// (for rows under a group heading such as （三）不予公开).
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub group: &'static str,
}

const fn row(key: &'static str, label: &'static str, group: &'static str) -> Row {
    Row { key, label, group }
}

// ---------------------------------------------------------------- requests

/// Columns of table `requests` (申请人情况), in printed order.
pub const REQUEST_COLS: [(&str, &str); 7] = [
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other_org", "其他法人或组织"),
    ("total", "总计"),
];
/// Index of the `total` column in [`REQUEST_COLS`].
pub const TOTAL_COL: usize = 6;

const DENIED: &str = "（三）不予公开";
const UNABLE: &str = "（四）无法提供";
const REFUSED: &str = "（五）不予处理";
const OTHER: &str = "（六）其他处理";

/// Every row key of table `requests` that any version uses, in printed order.
/// `other` (single （六） row) and the three `other_*` rows are alternatives.
pub const REQUEST_ROWS: [Row; 26] = [
    row("received", "一、本年新收政府信息公开申请数量", ""),
    row("carried_in", "二、上年结转政府信息公开申请数量", ""),
    row("granted", "（一）予以公开", ""),
    row("partial", "（二）部分公开", ""),
    row("denied_secret", "1.属于国家秘密", DENIED),
    row("denied_law", "2.其他法律行政法规禁止公开", DENIED),
    row("denied_safety", "3.危及“三安全一稳定”", DENIED),
    row("denied_third_party", "4.保护第三方合法权益", DENIED),
    row("denied_internal", "5.属于三类内部事务信息", DENIED),
    row("denied_process", "6.属于四类过程性信息", DENIED),
    row("denied_enforcement", "7.属于行政执法案卷", DENIED),
    row("denied_query", "8.属于行政查询事项", DENIED),
    row("unable_none", "1.本机关不掌握相关政府信息", UNABLE),
    row("unable_create", "2.没有现成信息需要另行制作", UNABLE),
    row("unable_unclear", "3.补正后申请内容仍不明确", UNABLE),
    row("refused_complaint", "1.信访举报投诉类申请", REFUSED),
    row("refused_repeat", "2.重复申请", REFUSED),
    row("refused_publication", "3.要求提供公开出版物", REFUSED),
    row("refused_massive", "4.无正当理由大量反复申请", REFUSED),
    row(
        "refused_confirm",
        "5.要求行政机关确认或重新出具已获取信息",
        REFUSED,
    ),
    row("other_overdue_fix", "1.申请人无正当理由逾期不补正", OTHER),
    row(
        "other_overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用",
        OTHER,
    ),
    row("other_misc", "3.其他", OTHER),
    row("other", "（六）其他处理", ""),
    row("results_total", "（七）总计", ""),
    row("carried_out", "四、结转下年度继续办理", ""),
];

/// The rows of table `requests` in one layout, in order: the three
/// （六）其他处理 sub-rows (v2021) or the single （六） row.
pub fn request_rows(single_other: bool) -> impl Iterator<Item = &'static Row> {
    request_rows_at(single_other).map(|(_, r)| r)
}

/// [`request_rows`] with each row's place in [`REQUEST_ROWS`] (its row
/// slot in [`KeyTable`]).
pub fn request_rows_at(single_other: bool) -> impl Iterator<Item = (usize, &'static Row)> {
    REQUEST_ROWS.iter().enumerate().filter(move |(_, r)| {
        if single_other {
            !r.key.starts_with("other_")
        } else {
            r.key != "other"
        }
    })
}

/// Row keys whose values add up to `results_total` (FORMAT.md §6), for the
/// three-row and the single-row form of （六）.
pub fn result_parts(single_other: bool) -> impl Iterator<Item = &'static str> {
    request_rows(single_other)
        .map(|r| r.key)
        .skip(2)
        .take_while(|k| *k != "results_total")
}

/// The cell key `requests.<row>.<col>` (col by index in [`REQUEST_COLS`]),
/// from a table built once: cell keys are made for every report read.
pub fn request_key(row: &str, col: usize) -> String {
    request_row_keys(row).get(col).cloned().unwrap_or_default()
}

/// The cell keys of one row of table `requests`, in column order (those of
/// the first row for a row that is not one).
pub fn request_row_keys(row: &str) -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        REQUEST_ROWS
            .iter()
            .flat_map(|r| {
                REQUEST_COLS
                    .iter()
                    .map(move |c| format!("requests.{}.{}", r.key, c.0))
            })
            .collect()
    });
    let r = REQUEST_ROWS.iter().position(|r| r.key == row).unwrap_or(0);
    let n = REQUEST_COLS.len();
    keys.get(r * n..r * n + n).unwrap_or_default()
}

/// The 15 cell keys of table `appeals`, in printed order, built once.
pub fn appeal_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        APPEAL_GROUPS
            .iter()
            .flat_map(|g| {
                APPEAL_COLS
                    .iter()
                    .map(move |c| format!("appeals.{}.{}", g.0, c.0))
            })
            .collect()
    })
}

pub fn request_row(key: &str) -> Option<&'static Row> {
    REQUEST_ROWS.iter().find(|r| r.key == key)
}

// ---------------------------------------------------------------- appeals

/// Groups of table `appeals`, in printed order.
pub const APPEAL_GROUPS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("suit_direct", "行政诉讼·未经复议直接起诉"),
    ("suit_after_review", "行政诉讼·复议后起诉"),
];
/// Columns of every appeals group, in printed order; the last is the total.
pub const APPEAL_COLS: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

// ---------------------------------------------------------------- disclosure

/// One row of table `disclosure`: block, row key, label, and its columns.
#[derive(Clone, Copy, Debug)]
pub struct DisclosureRow {
    pub block: &'static str,
    pub block_label: &'static str,
    pub key: &'static str,
    pub label: &'static str,
    pub cols: &'static [(&'static str, &'static str, Kind)],
}

const V21_ART1: &[(&str, &str, Kind)] = &[
    ("issued", "本年制发件数", Kind::Count),
    ("repealed", "本年废止件数", Kind::Count),
    ("in_force", "现行有效件数", Kind::Count),
];
const V21_DECISIONS: &[(&str, &str, Kind)] = &[("decisions", "本年处理决定数量", Kind::Count)];
const V21_FEES: &[(&str, &str, Kind)] = &[("amount", "本年收费金额（万元）", Kind::Money)];

const V19_ART1: &[(&str, &str, Kind)] = &[
    ("made", "本年新制作数量", Kind::Count),
    ("published", "本年新公开数量", Kind::Count),
    ("total_published", "对外公开总数量", Kind::Count),
];
const V19_ITEMS: &[(&str, &str, Kind)] = &[
    ("prev_items", "上一年项目数量", Kind::Count),
    ("change", "本年增/减", Kind::Signed),
    ("decisions", "处理决定数量", Kind::Count),
];
const V19_FEES: &[(&str, &str, Kind)] = &[
    ("prev_items", "上一年项目数量", Kind::Count),
    ("change", "本年增/减", Kind::Signed),
];
const V19_PROCUREMENT: &[(&str, &str, Kind)] = &[
    ("items", "采购项目数量", Kind::Count),
    ("amount", "采购总金额", Kind::Money),
];

const fn drow(
    block: &'static str,
    block_label: &'static str,
    key: &'static str,
    label: &'static str,
    cols: &'static [(&'static str, &'static str, Kind)],
) -> DisclosureRow {
    DisclosureRow {
        block,
        block_label,
        key,
        label,
        cols,
    }
}

pub const DISCLOSURE_V2021: [DisclosureRow; 6] = [
    drow(
        "art20_1",
        "第二十条第（一）项",
        "regulations",
        "规章",
        V21_ART1,
    ),
    drow(
        "art20_1",
        "第二十条第（一）项",
        "normative_docs",
        "行政规范性文件",
        V21_ART1,
    ),
    drow(
        "art20_5",
        "第二十条第（五）项",
        "licensing",
        "行政许可",
        V21_DECISIONS,
    ),
    drow(
        "art20_6",
        "第二十条第（六）项",
        "penalty",
        "行政处罚",
        V21_DECISIONS,
    ),
    drow(
        "art20_6",
        "第二十条第（六）项",
        "coercion",
        "行政强制",
        V21_DECISIONS,
    ),
    drow(
        "art20_8",
        "第二十条第（八）项",
        "fees",
        "行政事业性收费",
        V21_FEES,
    ),
];

pub const DISCLOSURE_V2019: [DisclosureRow; 8] = [
    drow(
        "art20_1",
        "第二十条第（一）项",
        "regulations",
        "规章",
        V19_ART1,
    ),
    drow(
        "art20_1",
        "第二十条第（一）项",
        "normative_docs",
        "规范性文件",
        V19_ART1,
    ),
    drow(
        "art20_5",
        "第二十条第（五）项",
        "licensing",
        "行政许可",
        V19_ITEMS,
    ),
    drow(
        "art20_5",
        "第二十条第（五）项",
        "other_services",
        "其他对外管理服务事项",
        V19_ITEMS,
    ),
    drow(
        "art20_6",
        "第二十条第（六）项",
        "penalty",
        "行政处罚",
        V19_ITEMS,
    ),
    drow(
        "art20_6",
        "第二十条第（六）项",
        "coercion",
        "行政强制",
        V19_ITEMS,
    ),
    drow(
        "art20_8",
        "第二十条第（八）项",
        "fees",
        "行政事业性收费",
        V19_FEES,
    ),
    drow(
        "art20_9",
        "第二十条第（九）项",
        "procurement",
        "政府集中采购",
        V19_PROCUREMENT,
    ),
];

pub fn disclosure_rows(v: Version) -> &'static [DisclosureRow] {
    match v {
        Version::V2019 => &DISCLOSURE_V2019,
        Version::V2021 => &DISCLOSURE_V2021,
    }
}

// ---------------------------------------------------------------- key ids

/// Every canonical cell key of the three tables (both versions), each with a
/// small dense number, and the (table, row) each is in: the checks index
/// cells by these numbers instead of hashing key strings again and again.
pub struct KeyTable {
    keys: Vec<String>,
    /// Row slot of each key: see [`KeyTable::row_slot`].
    rows: Vec<u16>,
    index: rustc_hash::FxHashMap<&'static str, u16>,
    /// How many row slots there are.
    n_rows: usize,
    /// The row slots of [`DISCLOSURE_V2019`] and [`DISCLOSURE_V2021`], in order.
    disclosure_v2019: Vec<usize>,
    disclosure_v2021: Vec<usize>,
}

/// The distinct row keys of table `disclosure`, both versions, in order.
fn disclosure_row_keys() -> impl Iterator<Item = &'static DisclosureRow> {
    DISCLOSURE_V2021
        .iter()
        .chain(DISCLOSURE_V2019.iter())
        .enumerate()
        .filter(|(i, d)| {
            !DISCLOSURE_V2021
                .iter()
                .chain(DISCLOSURE_V2019.iter())
                .take(*i)
                .any(|e| e.key == d.key)
        })
        .map(|(_, d)| d)
}

impl KeyTable {
    /// The table, built once.
    pub fn get() -> &'static KeyTable {
        static KEYS: OnceLock<Vec<(String, u16)>> = OnceLock::new();
        static TABLE: OnceLock<KeyTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            let all = KEYS.get_or_init(|| {
                let mut all: Vec<(String, u16)> = Vec::new();
                for (r, row) in REQUEST_ROWS.iter().enumerate() {
                    for c in REQUEST_COLS.iter() {
                        all.push((format!("requests.{}.{}", row.key, c.0), r as u16));
                    }
                }
                for (g, group) in APPEAL_GROUPS.iter().enumerate() {
                    for c in APPEAL_COLS.iter() {
                        let slot = (REQUEST_ROWS.len() + g) as u16;
                        all.push((format!("appeals.{}.{}", group.0, c.0), slot));
                    }
                }
                let base = REQUEST_ROWS.len() + APPEAL_GROUPS.len();
                for (r, d) in disclosure_row_keys().enumerate() {
                    let cols = DISCLOSURE_V2021
                        .iter()
                        .chain(DISCLOSURE_V2019.iter())
                        .filter(|e| e.key == d.key)
                        .flat_map(|e| e.cols.iter());
                    for c in cols {
                        let key = format!("disclosure.{}.{}", d.key, c.0);
                        if !all.iter().any(|(k, _)| *k == key) {
                            all.push((key, (base + r) as u16));
                        }
                    }
                }
                all
            });
            let index = all
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.as_str(), i as u16))
                .collect();
            let slots = |rows: &[DisclosureRow]| -> Vec<usize> {
                rows.iter()
                    .filter_map(|d| KeyTable::row_slot("disclosure", d.key))
                    .collect()
            };
            KeyTable {
                keys: all.iter().map(|(k, _)| k.clone()).collect(),
                rows: all.iter().map(|(_, r)| *r).collect(),
                index,
                n_rows: REQUEST_ROWS.len() + APPEAL_GROUPS.len() + disclosure_row_keys().count(),
                disclosure_v2019: slots(&DISCLOSURE_V2019),
                disclosure_v2021: slots(&DISCLOSURE_V2021),
            }
        })
    }

    /// How many keys there are (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The id of a canonical key; None for any other string.
    pub fn id(&self, key: &str) -> Option<usize> {
        self.index.get(key).map(|&i| usize::from(i))
    }

    /// The key of an id.
    pub fn key(&self, id: usize) -> &str {
        self.keys.get(id).map(String::as_str).unwrap_or("")
    }

    /// The row slot of a key's id (see [`KeyTable::row_slot`]).
    pub fn row_of(&self, id: usize) -> Option<usize> {
        self.rows.get(id).map(|&r| usize::from(r))
    }

    /// How many row slots there are.
    pub fn rows(&self) -> usize {
        self.n_rows
    }

    /// The row slots of [`disclosure_rows`]`(v)`, parallel to it.
    pub fn disclosure_slots(&self, v: Version) -> &[usize] {
        match v {
            Version::V2019 => &self.disclosure_v2019,
            Version::V2021 => &self.disclosure_v2021,
        }
    }

    /// The slot of (table, row): `requests` rows in [`REQUEST_ROWS`] order,
    /// then the `appeals` groups, then the `disclosure` rows of both
    /// versions; None for a row no version has.
    pub fn row_slot(table: &str, row: &str) -> Option<usize> {
        match table {
            "requests" => REQUEST_ROWS.iter().position(|r| r.key == row),
            "appeals" => APPEAL_GROUPS
                .iter()
                .position(|g| g.0 == row)
                .map(|g| REQUEST_ROWS.len() + g),
            "disclosure" => disclosure_row_keys()
                .position(|d| d.key == row)
                .map(|d| REQUEST_ROWS.len() + APPEAL_GROUPS.len() + d),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- labels

/// The Chinese name of a table key.
pub fn table_label(table: &str) -> &'static str {
    match table {
        "disclosure" => "表二 主动公开政府信息情况",
        "requests" => "表三 收到和处理政府信息公开申请情况",
        "appeals" => "表四 政府信息公开行政复议、行政诉讼情况",
        _ => "",
    }
}

/// A human label for a full cell key such as `requests.granted.natural`:
/// “表三「（一）予以公开」行「自然人」列”.
pub fn cell_label(key: &str) -> String {
    let mut it = key.splitn(3, '.');
    let (t, r, c) = (
        it.next().unwrap_or(""),
        it.next().unwrap_or(""),
        it.next().unwrap_or(""),
    );
    match t {
        "requests" => {
            let row = request_row(r).map(|r| r.label).unwrap_or(r);
            let group = request_row(r).map(|r| r.group).unwrap_or("");
            let col = REQUEST_COLS
                .iter()
                .find(|x| x.0 == c)
                .map(|x| x.1)
                .unwrap_or(c);
            if group.is_empty() {
                format!("表三「{row}」行「{col}」列")
            } else {
                format!("表三「{group}{row}」行「{col}」列")
            }
        }
        "appeals" => {
            let g = APPEAL_GROUPS
                .iter()
                .find(|x| x.0 == r)
                .map(|x| x.1)
                .unwrap_or(r);
            let col = APPEAL_COLS
                .iter()
                .find(|x| x.0 == c)
                .map(|x| x.1)
                .unwrap_or(c);
            format!("表四「{g}」的「{col}」")
        }
        "disclosure" => {
            let d = DISCLOSURE_V2021
                .iter()
                .chain(DISCLOSURE_V2019.iter())
                .find(|d| d.key == r);
            let label = d.map(|d| d.label).unwrap_or(r);
            let col = d
                .into_iter()
                .chain(DISCLOSURE_V2019.iter().filter(|d| d.key == r))
                .flat_map(|d| d.cols.iter())
                .find(|x| x.0 == c)
                .map(|x| x.1)
                .unwrap_or(c);
            format!("表二「{label}」的「{col}」")
        }
        _ => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_parts_follow_the_version() {
        let three: Vec<_> = result_parts(false).collect();
        assert_eq!(three.len(), 21);
        assert!(three.contains(&"other_misc") && !three.contains(&"other"));
        let one: Vec<_> = result_parts(true).collect();
        assert_eq!(one.len(), 19);
        assert_eq!(one.last(), Some(&"other"));
    }

    #[test]
    fn key_ids_name_every_canonical_key_once() {
        let t = KeyTable::get();
        // 26 request rows × 7, 3 groups × 5, and the disclosure cells of
        // both versions: 规章 and 规范性文件 3 + 3 each, 行政许可, 行政处罚,
        // 行政强制 and 行政事业性收费 3 each (处理决定数量 / 收费金额 shared
        // or not), 其他对外管理服务事项 3, 政府集中采购 2.
        assert_eq!(t.len(), 26 * 7 + 15 + (6 + 6 + 3 + 3 + 3 + 3 + 3 + 2));
        assert_eq!(t.rows(), 26 + 3 + 8);
        for id in 0..t.len() {
            assert_eq!(t.id(t.key(id)), Some(id));
        }
        let id = t.id("requests.denied_law.total");
        assert_eq!(id.map(|i| t.key(i)), Some("requests.denied_law.total"));
        assert_eq!(
            id.and_then(|i| t.row_of(i)),
            KeyTable::row_slot("requests", "denied_law")
        );
        let fee = t.id("disclosure.fees.change").and_then(|i| t.row_of(i));
        assert_eq!(fee, KeyTable::row_slot("disclosure", "fees"));
        assert!(fee.is_some_and(|f| f < t.rows()));
        for v in [Version::V2019, Version::V2021] {
            let by_name: Vec<Option<usize>> = disclosure_rows(v)
                .iter()
                .map(|d| KeyTable::row_slot("disclosure", d.key))
                .collect();
            let slots: Vec<Option<usize>> =
                t.disclosure_slots(v).iter().map(|&s| Some(s)).collect();
            assert_eq!(slots, by_name);
        }
        for (i, r) in request_rows_at(true) {
            assert_eq!(KeyTable::row_slot("requests", r.key), Some(i));
        }
        assert_eq!(t.id("requests.denied_law"), None);
        assert_eq!(t.id("requests.nothing.total"), None);
        assert_eq!(KeyTable::row_slot("appeals", "granted"), None);
        for d in DISCLOSURE_V2021.iter().chain(DISCLOSURE_V2019.iter()) {
            for c in d.cols {
                assert!(t.id(&format!("disclosure.{}.{}", d.key, c.0)).is_some());
            }
        }
    }

    #[test]
    fn cell_labels_are_chinese() {
        assert_eq!(
            cell_label("requests.denied_law.total"),
            "表三「（三）不予公开2.其他法律行政法规禁止公开」行「总计」列"
        );
        assert_eq!(
            cell_label("appeals.review.total"),
            "表四「行政复议」的「总计」"
        );
        assert_eq!(
            cell_label("disclosure.fees.amount"),
            "表二「行政事业性收费」的「本年收费金额（万元）」"
        );
    }
}
