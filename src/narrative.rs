//! What the prose around the tables says: the report year (from the title or
//! the statistical period), the numbers it states about the tables, and
//! whether the six sections are all there, in order.

use crate::compact::Compact;

/// The year the report is for: “2023年…年度报告” in the title, else the
/// statistical period “2023年1月1日至12月31日”.
pub fn year(c: &Compact) -> Option<u32> {
    let title = c
        .find_all("年度报告")
        .take(4)
        .find_map(|at| last_year(c.before(at, 90)));
    let period = || {
        c.find_all("年1月1日")
            .take(4)
            .find_map(|at| last_year(c.before(at + "年".len(), 8)))
    };
    // Last resort: the first “2022年度” in the text (“2022年度我局…”).
    let first_year = || {
        c.find_all("年度")
            .take(8)
            .find_map(|at| last_year(c.before(at + "年".len(), 8)))
    };
    title.or_else(period).or_else(first_year)
}

/// The last “20dd年” in `s`.
fn last_year(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(4)).rev().find_map(|i| {
        let d = &b[i..i + 4];
        let is_year = d.iter().all(u8::is_ascii_digit)
            && s[i + 4..].starts_with('年')
            && (i == 0 || !b[i - 1].is_ascii_digit());
        let y: u32 = if is_year {
            s[i..i + 4].parse().ok()?
        } else {
            return None;
        };
        (2000..=2099).contains(&y).then_some(y)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_from_title_or_period() {
        assert_eq!(
            year(&Compact::new(
                "平潭综合实验区2020年政府信息公开工作年度报告 根据"
            )),
            Some(2020)
        );
        assert_eq!(
            year(&Compact::new(
                "淮安市人民政府\n 2024 年政府信息公开工作年度报告"
            )),
            Some(2024)
        );
        assert_eq!(
            year(&Compact::new("统计期限为２０２５年１月１日至12月31日")),
            Some(2025)
        );
        assert_eq!(year(&Compact::new("无年份")), None);
    }
}

/// A number the prose states about the tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// 共收到/受理政府信息公开申请N件 — received (or received + carried in).
    Received,
    /// 办结N件 — results total.
    Concluded,
    /// 结转下年度N件 — carried out.
    CarriedOut,
    /// 予以公开N件.
    Granted,
    /// 予以公开及部分公开N件.
    GrantedOrPartial,
    /// 不予公开N件, 无法提供N件, 不予处理N件, 其他处理N件: a group's sum.
    Denied,
    Unable,
    Refused,
    Other,
    /// 行政复议N件.
    Review,
    /// 行政诉讼N件 (both kinds of suit).
    Suits,
}

const CLAIMS: &[(&str, Claim)] = &[
    ("收到政府信息公开申请", Claim::Received),
    ("受理政府信息公开申请", Claim::Received),
    ("新收政府信息公开申请", Claim::Received),
    ("收到依申请公开", Claim::Received),
    ("受理依申请公开", Claim::Received),
    ("办结", Claim::Concluded),
    ("结转下年度", Claim::CarriedOut),
    ("结转至下年度", Claim::CarriedOut),
    ("结转到下年度", Claim::CarriedOut),
    ("予以公开及部分公开", Claim::GrantedOrPartial),
    ("予以公开", Claim::Granted),
    ("不予公开", Claim::Denied),
    ("无法提供", Claim::Unable),
    ("不予处理", Claim::Refused),
    ("其他处理", Claim::Other),
    ("行政复议", Claim::Review),
    ("行政诉讼", Claim::Suits),
];

/// A stated number: what it claims, the number, where (compact offsets of
/// the phrase), and the sentence it stands in (compact offsets, for quoting).
pub struct Statement {
    pub claim: Claim,
    pub value: i64,
    pub start: usize,
    pub end: usize,
    pub sentence: (usize, usize),
}

/// The claims of the prose in compact text before `end` (where the tables start):
/// a keyword, at most two filler characters (共计为有达), a number, then 件.
///
/// Found from the 件 back: the digits before it, at most two fillers, and a
/// keyword ending there, which must be the first listed keyword starting at
/// its place (as a search of the keywords in reading order finds them;
/// [`statement_tests`] holds that search as the reference).
pub fn statements(c: &Compact, end: usize) -> Vec<Statement> {
    let end = c.floor(end);
    let hay = c.text.get(..end).unwrap_or("");
    const FILLERS: &str = "共计为有达";
    const JIAN: &str = "件";
    // (place, keyword, where the 件 is)
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for p in crate::search::find_iter(hay, JIAN) {
        let before = hay.as_bytes().get(..p).unwrap_or(&[]);
        let digits = before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            continue;
        }
        let s0 = p - digits;
        // Where the keyword may end: right before the digits, or before one
        // or two fillers.
        let mut ends = [Some(s0), None, None];
        let mut e = s0;
        for slot in ends.iter_mut().skip(1) {
            match hay.get(..e).and_then(|h| h.chars().next_back()) {
                Some(f) if FILLERS.contains(f) => {
                    e -= f.len_utf8();
                    *slot = Some(e);
                }
                _ => break,
            }
        }
        for e in ends.into_iter().flatten() {
            let Some(head) = hay.get(..e) else { continue };
            for (k, (kw, _)) in CLAIMS.iter().enumerate() {
                if !head.ends_with(kw) {
                    continue;
                }
                let at = e - kw.len();
                let rest = hay.get(at..).unwrap_or("");
                // An earlier listed keyword starting here takes the place.
                if CLAIMS
                    .get(..k)
                    .unwrap_or(&[])
                    .iter()
                    .any(|(p, _)| rest.starts_with(p))
                {
                    continue;
                }
                found.push((at, k, p));
            }
        }
    }
    found.sort_unstable();
    let mut out: Vec<Statement> = Vec::new();
    for (at, k, p) in found {
        let Some((_, claim)) = CLAIMS.get(k) else {
            continue;
        };
        let Some(value) = hay
            .get(p - count_digits_before(hay, p)..p)
            .and_then(|d| d.parse::<i64>().ok())
        else {
            continue;
        };
        let stop = p + JIAN.len();
        // A longer keyword already took this place (予以公开及部分公开 over 予以公开).
        if out.iter().any(|s| s.start <= at && at < s.end) {
            continue;
        }
        out.push(Statement {
            claim: *claim,
            value,
            start: at,
            end: stop,
            sentence: sentence(hay, at, stop),
        });
    }
    out
}

/// How many ASCII digits stand right before byte `p` of `s`.
fn count_digits_before(s: &str, p: usize) -> usize {
    s.as_bytes()
        .get(..p)
        .unwrap_or(&[])
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// The sentence around `[from, to)`, at most ~60 characters each side.
fn sentence(t: &str, from: usize, to: usize) -> (usize, usize) {
    let is_stop = |c: char| matches!(c, '。' | '；' | ';' | '\n') || c == '.';
    let mut s = from;
    for (n, (i, c)) in t[..from].char_indices().rev().enumerate() {
        if is_stop(c) || n >= 60 {
            break;
        }
        s = i;
    }
    let mut e = to;
    for (n, (i, c)) in t[to..].char_indices().enumerate() {
        e = to + i;
        if is_stop(c) || n >= 60 {
            break;
        }
        e = to + i + c.len_utf8();
    }
    (s, e)
}

#[cfg(test)]
mod statement_tests {
    use super::*;

    /// The first implementation: the keywords searched in reading order
    /// (the first listed winning at a place), each followed forward.
    /// The claims of the prose in compact text before `end` (where the tables start):
    /// a keyword, at most two filler characters (共计为有达), a number, then 件.
    pub fn statements_reference(c: &Compact, end: usize) -> Vec<Statement> {
        let end = c.floor(end);
        let hay = &c.text[..end];
        let mut out: Vec<Statement> = Vec::new();
        let kws: Vec<&str> = CLAIMS.iter().map(|c| c.0).collect();
        for (k, at) in c.find_each(&kws, 0, end) {
            let (kw, claim) = &CLAIMS[k];
            {
                let mut rest = &hay[at + kw.len()..];
                for _ in 0..2 {
                    match rest.chars().next() {
                        Some(f) if "共计为有达".contains(f) => rest = &rest[f.len_utf8()..],
                        _ => break,
                    }
                }
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || digits > 9 || !rest[digits..].starts_with('件') {
                    continue;
                }
                let Ok(value) = rest[..digits].parse::<i64>() else {
                    continue;
                };
                let stop = hay.len() - rest.len() + digits + '件'.len_utf8();
                // A longer keyword already took this place (予以公开及部分公开 over 予以公开).
                if out.iter().any(|s| s.start <= at && at < s.end) {
                    continue;
                }
                out.push(Statement {
                    claim: *claim,
                    value,
                    start: at,
                    end: stop,
                    sentence: sentence(hay, at, stop),
                });
            }
        }
        out.sort_by_key(|s| s.start);
        out
    }

    #[test]
    fn statements_match_the_forward_search() {
        let pieces = [
            "收到政府信息公开申请",
            "受理依申请公开",
            "办结",
            "结转下年度",
            "结转至下年度",
            "予以公开及部分公开",
            "予以公开",
            "部分公开",
            "不予公开",
            "不予处理",
            "其他处理",
            "行政复议",
            "行政诉讼",
            "共",
            "计",
            "为",
            "有",
            "达",
            "12",
            "7",
            "0",
            "1234567890",
            "件",
            "件",
            "。",
            "，",
            "\n",
            "文",
            "申请",
            "公开",
            "予以",
            "予以公开12件",
            "办结共7件",
            "受理政府信息公开申请为有0件",
            "不予公开计1234567890件",
            "结转下年度12件",
            "予以公开及部分公开达3件",
        ];
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut claims = 0;
        for _ in 0..4000 {
            let n = next(40) as usize;
            let text: String = (0..n)
                .map(|_| pieces[next(pieces.len() as u64) as usize])
                .collect();
            let c = Compact::new(&text);
            let ends = [c.text.len(), next(c.text.len() as u64 + 1) as usize];
            for end in ends {
                let got: Vec<_> = statements(&c, end)
                    .into_iter()
                    .map(|s| (s.claim, s.value, s.start, s.end, s.sentence))
                    .collect();
                let want: Vec<_> = statements_reference(&c, end)
                    .into_iter()
                    .map(|s| (s.claim, s.value, s.start, s.end, s.sentence))
                    .collect();
                assert_eq!(got, want, "{text:?} {end}");
                claims += got.len();
            }
        }
        assert!(claims > 1000, "{claims}");
    }

    #[test]
    fn stated_numbers_are_found_with_their_sentence() {
        let c = Compact::new("2023年全区受理政府信息公开申请 21 件，均在法定期限答复。其中，予以公开及部分公开 208 件，不予公开20件。");
        let s = statements(&c, c.text.len());
        let got: Vec<(Claim, i64)> = s.iter().map(|s| (s.claim, s.value)).collect();
        assert_eq!(
            got,
            vec![
                (Claim::Received, 21),
                (Claim::GrantedOrPartial, 208),
                (Claim::Denied, 20)
            ]
        );
        let (a, b) = s[0].sentence;
        assert_eq!(
            &c.text[a..b],
            "2023年全区受理政府信息公开申请21件,均在法定期限答复"
        );
    }
}

/// A statement placed in the input: its span and the quoted sentence.
pub struct Found {
    pub claim: Claim,
    pub value: i64,
    pub span: crate::Span,
    pub quote: String,
}

fn total(cells: &[crate::Cell], key: &str) -> Option<i64> {
    cells
        .iter()
        .find(|c| c.key == key)
        .and_then(|c| c.value.as_int())
}

/// The table's cells a claim is about, summed; None when any is missing.
fn table_value(claim: Claim, cells: &[crate::Cell]) -> Option<(i64, Vec<String>, &'static str)> {
    let sum_rows = |prefix: &str, exact: &[&str]| -> Option<(i64, Vec<String>)> {
        let keys: Vec<String> = crate::model::REQUEST_ROWS
            .iter()
            .filter(|r| (!prefix.is_empty() && r.key.starts_with(prefix)) || exact.contains(&r.key))
            .map(|r| format!("requests.{}.total", r.key))
            .filter(|k| cells.iter().any(|c| &c.key == k))
            .collect();
        if keys.is_empty() {
            return None;
        }
        let mut s: i64 = 0;
        for k in &keys {
            s = s.checked_add(total(cells, k)?)?;
        }
        Some((s, keys))
    };
    let (v, keys) = match claim {
        Claim::Received => sum_rows("", &["received"])?,
        Claim::Concluded => sum_rows("", &["results_total"])?,
        Claim::CarriedOut => sum_rows("", &["carried_out"])?,
        Claim::Granted => sum_rows("", &["granted"])?,
        Claim::GrantedOrPartial => sum_rows("", &["granted", "partial"])?,
        Claim::Denied => sum_rows("denied_", &[])?,
        Claim::Unable => sum_rows("unable_", &[])?,
        Claim::Refused => sum_rows("refused_", &[])?,
        Claim::Other => sum_rows("other_", &["other"])?,
        Claim::Review => {
            let k = "appeals.review.total".to_string();
            (total(cells, &k)?, vec![k])
        }
        Claim::Suits => {
            let a = "appeals.suit_direct.total".to_string();
            let b = "appeals.suit_after_review.total".to_string();
            (
                total(cells, &a)?.checked_add(total(cells, &b)?)?,
                vec![a, b],
            )
        }
    };
    let what = match claim {
        Claim::Received => "表三「本年新收」总计",
        Claim::Concluded => "表三「（七）总计」",
        Claim::CarriedOut => "表三「结转下年度继续办理」总计",
        Claim::Granted => "表三「予以公开」总计",
        Claim::GrantedOrPartial => "表三「予以公开」与「部分公开」总计之和",
        Claim::Denied => "表三「不予公开」各项总计之和",
        Claim::Unable => "表三「无法提供」各项总计之和",
        Claim::Refused => "表三「不予处理」各项总计之和",
        Claim::Other => "表三「其他处理」各项总计之和",
        Claim::Review => "表四「行政复议」总计",
        Claim::Suits => "表四两类行政诉讼总计之和",
    };
    Some((v, keys, what))
}

/// Warnings where the prose contradicts the tables (FORMAT.md §8).
pub fn check(found: &[Found], cells: &[crate::Cell]) -> Vec<crate::Diagnostic> {
    let mut out = Vec::new();
    for f in found {
        let Some((v, keys, what)) = table_value(f.claim, cells) else {
            continue;
        };
        // “共受理N件” may count last year's carried-in applications too.
        let alt = (f.claim == Claim::Received)
            .then(|| {
                total(cells, "requests.received.total")?
                    .checked_add(total(cells, "requests.carried_in.total")?)
            })
            .flatten();
        if f.value == v || alt == Some(f.value) {
            continue;
        }
        let mut d = crate::Diagnostic::new(
            crate::rules::NARRATIVE,
            crate::Severity::Warning,
            format!(
                "正文写“{}”，即 {} 件；但{what}为 {v}，相差 {}。",
                f.quote,
                f.value,
                f.value.saturating_sub(v).saturating_abs()
            ),
        );
        d.span = Some(f.span);
        d.cells = keys;
        d.expected = Some(v);
        d.actual = Some(f.value);
        out.push(d);
    }
    out
}

/// The six sections (FORMAT.md §2): numbering, name, and words one of which
/// follows the numbering closely in the heading.
const SECTIONS: [(&str, &str, &[&str]); 6] = [
    (
        "一",
        "总体情况",
        &["总体情况", "基本情况", "概述", "概况", "总体"],
    ),
    ("二", "主动公开政府信息情况", &["主动公开"]),
    (
        "三",
        "收到和处理政府信息公开申请情况",
        &[
            "收到和处理",
            "依申请公开",
            "依申请",
            "收到",
            "处理政府信息公开申请",
        ],
    ),
    (
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        &["行政复议", "行政诉讼", "复议"],
    ),
    (
        "五",
        "存在的主要问题及改进情况",
        &[
            "存在的主要问题",
            "存在的问题",
            "存在问题",
            "主要问题",
            "问题及",
            "问题和",
            "问题与",
            "不足",
            "改进",
        ],
    ),
    (
        "六",
        "其他需要报告的事项",
        // 其它 is folded to 其他 (see `compact::fold`).
        &[
            "其他需要报告",
            "其他需报告",
            "其他事项",
            "其他需要",
            "需要报告的事项",
        ],
    ),
];

/// What may follow a section's numeral (folded: full-width “．，：” are ASCII).
const NUM_MARKS: [&str; 4] = ["、", ".", ",", ":"];

/// Where each section's heading is (compact offsets), in order; None where
/// no heading follows the previous one.
fn section_headings(c: &Compact) -> [Option<(usize, usize)>; 6] {
    let mut found = [None; 6];
    let mut from = 0;
    for (k, (zh, _, words)) in SECTIONS.iter().enumerate() {
        let hay = &c.text[from.min(c.text.len())..];
        let hit = crate::search::find_iter(hay, zh)
            .map(|i| from + i)
            .filter_map(|at| {
                let rest = &c.text[at + zh.len()..];
                let mark = NUM_MARKS.iter().find(|m| rest.starts_with(**m))?;
                Some((at, at + zh.len() + mark.len()))
            })
            .find(|&(_, end)| {
                let after = &c.text[end..];
                let head: usize = after
                    .char_indices()
                    .nth(16)
                    .map(|(i, _)| i)
                    .unwrap_or(after.len());
                words.iter().any(|w| after[..head].contains(w))
            });
        if let Some((at, end)) = hit {
            found[k] = Some((at, end));
            from = end;
        }
    }
    found
}

/// A warning when a section is missing or out of order.
pub fn sections(
    c: &Compact,
    span_of: &dyn Fn(usize, usize) -> crate::Span,
) -> Option<crate::Diagnostic> {
    let found = section_headings(c);
    let missing: Vec<String> = SECTIONS
        .iter()
        .zip(found.iter())
        .filter(|(_, f)| f.is_none())
        .map(|((num, name, _), _)| format!("{num}、{name}"))
        .collect();
    // No heading at all: an excerpt (a table pasted alone), not a report
    // with its sections out of order.
    if missing.is_empty() || found.iter().filter(|f| f.is_some()).count() < 2 {
        return None;
    }
    let mut d = crate::Diagnostic::new(
        crate::rules::SECTIONS,
        crate::Severity::Warning,
        format!(
            "没有按顺序找到这些部分的标题：{}。年度报告应依次包含一至六共六个部分。",
            missing.join("；")
        ),
    );
    // Point at the heading before the first gap, or the start.
    let first_gap = found.iter().position(Option::is_none).unwrap_or(0);
    d.span = Some(match first_gap.checked_sub(1).and_then(|k| found[k]) {
        Some((s, e)) => span_of(s, e),
        None => span_of(0, 0),
    });
    Some(d)
}

#[cfg(test)]
mod section_tests {
    use super::*;

    #[test]
    fn six_sections_in_order_or_not() {
        let all = "一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项";
        assert!(section_headings(&Compact::new(all))
            .iter()
            .all(Option::is_some));
        let no_five = all.replace("五、存在的主要问题及改进情况", "");
        let f = section_headings(&Compact::new(&no_five));
        assert_eq!(
            f.iter().map(Option::is_some).collect::<Vec<_>>(),
            vec![true, true, true, true, false, true]
        );
        // 六 before 五: 五 is not found after 四… then 六 is.
        let swapped = "一、总体情况 二、主动公开 三、收到和处理 四、行政复议 六、其他需要报告的事项 五、存在的问题";
        let f = section_headings(&Compact::new(swapped));
        assert!(f[4].is_some() && f[5].is_none(), "{f:?}");
    }
}
