//! What the text of a report must state, beyond the tables: the issuing
//! unit and the year (from the title), whether the year of the title agrees
//! with the statistical period and with the tables' format, and — for the
//! 2021 format — whether 信息处理费 (the information processing fee of
//! 《政府信息公开信息处理费管理办法》) was charged, said once and consistently.
//!
//! Works on the text the readers scan (plain, or HTML turned into text) and
//! maps every span back to the input through `Source`.

use crate::compact::Compact;
use crate::model::Version;
use crate::report::{Diagnostic, Severity, Span};
use crate::rules;
use crate::source::Source;

/// The title of a report: “XX区人民政府办公室2023年政府信息公开工作年度报告”.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// The issuing unit, as written (whitespace removed), when the title names one.
    pub unit: Option<String>,
    pub year: Option<u32>,
    /// Where the title starts, in the scanned text (the unit's line when the
    /// unit stands on the line before).
    pub start: usize,
    /// Compact offset of the title's “信息公开…报告”.
    pub at: usize,
}

/// What the title phrase may be; compact (folded) forms.
const TITLE_PATS: &[&str] = &["信息公开工作年度报告", "信息公开年度报告"];

/// Every title in the text, in order: a “…信息公开工作年度报告” whose line
/// (or the line before) gives a year and no sentence punctuation, so that
/// references like “《关于做好2022年政府信息公开工作年度报告…》” are not titles.
pub fn titles(text: &str, c: &Compact) -> Vec<Title> {
    title_hits(c)
        .into_iter()
        .filter_map(|at| title_at(text, c, at))
        .collect()
}

/// The first title of the text.
pub fn title(text: &str, c: &Compact) -> Option<Title> {
    title_hits(c)
        .into_iter()
        .find_map(|at| title_at(text, c, at))
}

fn title_hits(c: &Compact) -> Vec<usize> {
    let mut hits: Vec<usize> = TITLE_PATS
        .iter()
        .flat_map(|p| c.find_all(p).take(64))
        .collect();
    hits.sort_unstable();
    hits.dedup();
    hits.truncate(64);
    hits
}

fn title_at(text: &str, c: &Compact, at: usize) -> Option<Title> {
    let s = c.src(at);
    let head = text.get(..s)?;
    let line_start = head.rfind(['\n', '\r', '\t']).map(|i| i + 1).unwrap_or(0);
    let line = head.get(line_start..)?;
    // Remnants of markup before the title (“<!DOCTYPE html>”).
    let line = line.rsplit_once('>').map(|(_, r)| r).unwrap_or(line);
    let mut prefix = squeeze(line);
    // “政府信息公开”, “政务信息公开”: the phrase's own first word.
    for w in ["政府", "政务"] {
        if let Some(p) = prefix.strip_suffix(w) {
            prefix = p.to_string();
            break;
        }
    }
    for junk in ["标题:", "标题：", "正文", "题目:", "题目："] {
        if let Some(p) = prefix.strip_prefix(junk) {
            prefix = p.to_string();
        }
    }
    if prefix.chars().count() > 60 || has_sentence_marks(&prefix) {
        return None;
    }
    let (year, rest) = cut_year(&prefix);
    let mut unit = clean_unit(&rest);
    let mut start = line_start;
    if unit.is_none() {
        // The unit on the line before (“淮安市人民政府\n2024年政府信息公开…”).
        let before = text.get(..line_start)?;
        let trimmed = before.trim_end();
        let prev_start = trimmed
            .rfind(['\n', '\r', '\t'])
            .map(|i| i + 1)
            .unwrap_or(0);
        let prev = squeeze(trimmed.get(prev_start..)?);
        let n = prev.chars().count();
        if year.is_some() && (2..=30).contains(&n) && !has_sentence_marks(&prev) {
            let (_, r) = cut_year(&prev);
            unit = clean_unit(&r);
            if unit.is_some() {
                start = prev_start;
            }
        }
    }
    if year.is_none() && unit.is_none() {
        return None;
    }
    Some(Title {
        unit,
        year,
        start,
        at,
    })
}

/// Whitespace removed, full-width ASCII folded.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|ch| !crate::compact::is_space(*ch))
        .map(|ch| match ch {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
            _ => ch,
        })
        .collect()
}

fn has_sentence_marks(s: &str) -> bool {
    s.contains([
        '《', '》', '，', ',', '。', '；', ';', '“', '”', '"', '、', '!', '！',
    ]) || s.contains("关于做好")
        || s.contains("印发")
}

/// The first “20dd年” or “20dd年度” cut out of `s`: (year, the rest).
fn cut_year(s: &str) -> (Option<u32>, String) {
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(4) {
        let is_year = b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && s.get(i + 4..).is_some_and(|r| r.starts_with('年'));
        if !is_year {
            continue;
        }
        let y: Option<u32> = s.get(i..i + 4).and_then(|d| d.parse().ok());
        let Some(y) = y.filter(|y| (2000..=2099).contains(y)) else {
            continue;
        };
        let mut end = i + 4 + "年".len();
        if s.get(end..).is_some_and(|r| r.starts_with('度')) {
            end += "度".len();
        }
        let rest = format!("{}{}", s.get(..i).unwrap_or(""), s.get(end..).unwrap_or(""));
        return (Some(y), rest);
    }
    (None, s.to_string())
}

fn clean_unit(s: &str) -> Option<String> {
    let u = s.trim_matches(|c: char| {
        c.is_ascii_punctuation() || c.is_whitespace() || "：:·•—－【】[]（）()".contains(c)
    });
    let u = u.strip_prefix("关于").unwrap_or(u);
    let n = u.chars().count();
    ((2..=40).contains(&n) && !u.chars().any(|c| c.is_ascii_digit())).then(|| u.to_string())
}

/// The unit's name made comparable: whitespace and full-width folded away,
/// a trailing “人民政府”/“政府” dropped (“通化市东昌区人民政府” and
/// “通化市东昌区” are one unit; “…人民政府办公室” keeps its name).
pub fn normalise_unit(u: &str) -> String {
    let s: String = squeeze(u).chars().map(crate::compact::fold).collect();
    let s = s.strip_suffix("人民政府").unwrap_or(&s);
    let s = s.strip_suffix("政府").unwrap_or(s);
    s.to_string()
}

/// Whether two unit names name the same unit: equal once normalised, or one
/// is the other with the higher region in front (“淮安市洪泽区人民政府” and
/// “洪泽区人民政府”).
pub fn same_unit(a: &str, b: &str) -> bool {
    same_normalised(&normalise_unit(a), &normalise_unit(b))
}

/// [`same_unit`] of two names already passed through [`normalise_unit`].
pub fn same_normalised(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    let Some(extra) = long.strip_suffix(short) else {
        return false;
    };
    let generic = ["人民政府", "政府", "办公室", "办公厅", "局", "委员会"];
    short.chars().count() >= 2
        && !generic.iter().any(|g| short.starts_with(g))
        && ["省", "市", "自治区", "州", "盟", "地区", "县", "区"]
            .iter()
            .any(|s| extra.ends_with(s))
}

/// The year of the statistical period: “2023年1月1日至(2023年)12月31日”.
fn period(c: &Compact) -> Option<(u32, usize, usize)> {
    for at in c.find_all("年1月1日").take(8) {
        let Some(y_start) = at.checked_sub(4) else {
            continue;
        };
        let y: u32 = match c.text.get(y_start..at).and_then(|d| d.parse().ok()) {
            Some(y) if (2000..=2099).contains(&y) => y,
            _ => continue,
        };
        let after = at + "年1月1日".len();
        let tail = c.text.get(after..c.floor(after + 24)).unwrap_or("");
        let joined = ["至", "-", "到", "~", "〜"]
            .iter()
            .any(|j| tail.starts_with(j));
        if let (true, Some(e)) = (joined, tail.find("12月31日")) {
            return Some((y, y_start, after + e + "12月31日".len()));
        }
    }
    None
}

/// What the statements about the text find, and the unit.
pub struct Found {
    pub unit: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The checks of this module on one report's text. `known`: the first
/// title of `src.text` when already looked for ([`Heading`]), else looked
/// for here.
pub fn check(
    input: &str,
    src: &Source,
    version: Option<Version>,
    tables: crate::report::TablesFound,
    known: Option<&TitleAt>,
) -> Found {
    let has_tables = tables.any();
    let text: &str = &src.text;
    let found = match known {
        Some(t) => t.clone(),
        None => first_title(text),
    };
    let title_span = found.as_ref().map(|f| src.span(f.1.start, f.1.end));
    let t = found.map(|f| f.0);
    let mut out = Vec::new();
    if has_tables {
        year_checks(text, src, t.as_ref(), title_span, version, &mut out);
        // Only of a whole report: the tables with their prose, not a
        // table pasted alone (looked for only when it matters; 总体情况
        // first, usually near the top).
        let whole = || {
            tables.disclosure
                && tables.requests
                && tables.appeals
                && ["总体情况", "其他需要报告的事项"]
                    .iter()
                    .any(|h| !loose_find(text, h, 1).is_empty())
        };
        if version == Some(Version::V2021) && whole() {
            fee_checks(input, text, src, &mut out);
        }
    }
    Found {
        unit: t.and_then(|t| t.unit),
        diagnostics: out,
    }
}

/// The first title of a scanned text ([`first_title`]): the title and its
/// span in that text.
pub type TitleAt = Option<(Title, Span)>;

/// How far into the text the title of a report is looked for.
const TITLE_WITHIN: usize = 16 * 1024;

/// The first title in the top of the text, found without a folded copy of
/// the whole: the title (its `start` in `text`, its `at` meaningless) and
/// the span of the title up to its “信息公开” (the unit's line too, when
/// apart), in `text`.
fn first_title(text: &str) -> Option<(Title, Span)> {
    let head = prefix(text, TITLE_WITHIN);
    let at_hit = |at: usize, end: usize| -> Option<(Title, Span)> {
        let (w0, w) = window(head, at, 400, end - at);
        let c = Compact::new(w);
        let cat = c.find_all("信息公开").find(|&x| w0 + c.src(x) >= at)?;
        let mut t = title_at(w, &c, cat)?;
        let span_end = w0 + c.src_end(cat + "信息公开".len(), w);
        t.start += w0;
        Some((Title { at: 0, ..t }, Span::new(t.start, span_end)))
    };
    // The places in order, the first that is a title winning: natively the
    // scan stops there (usually at the top of the text); the browser module
    // (size budgeted) collects the places first.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut found = None;
        loose_visit_each(head, TITLE_PATS, 16, &mut |at, end| {
            found = at_hit(at, end);
            found.is_some()
        });
        found
    }
    #[cfg(target_arch = "wasm32")]
    {
        let mut hits: Vec<(usize, usize)> = TITLE_PATS
            .iter()
            .flat_map(|p| loose_find(head, p, 16))
            .collect();
        hits.sort_unstable();
        hits.into_iter().find_map(|(at, end)| at_hit(at, end))
    }
}

/// The first `max` bytes of `text` (on a char boundary).
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// The window `[at - before, at + after)` of `text`, on char boundaries:
/// (its start, the window).
fn window(text: &str, at: usize, before: usize, after: usize) -> (usize, &str) {
    let mut s = at.saturating_sub(before).min(text.len());
    while s > 0 && !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = at.saturating_add(after).min(text.len());
    while e < text.len() && !text.is_char_boundary(e) {
        e += 1;
    }
    (s, text.get(s..e).unwrap_or(""))
}

/// Every place `pat` (folded, as `Compact` patterns are) occurs in `text`,
/// whitespace between its characters allowed, as byte ranges of `text`; at
/// most `limit`. Cheaper than a folded copy of the whole text when the
/// first character is rare.
pub(crate) fn loose_find(text: &str, pat: &str, limit: usize) -> Vec<(usize, usize)> {
    let mut pc = pat.chars();
    let Some(first) = pc.next() else {
        return Vec::new();
    };
    let rest = pc.as_str();
    let first_len = first.len_utf8();
    let needle = pat.get(..first_len).unwrap_or_default();
    let plain = is_plain(rest);
    let mut out = Vec::new();
    // The first character's bytes, found by a vectorised search; a whole
    // character's encoding only matches at a character boundary.
    for i in crate::search::find_iter(text, needle) {
        let base = i + first_len;
        let Some(end) = text
            .get(base..)
            .and_then(|tail| loose_match(tail, rest, plain))
        else {
            continue;
        };
        out.push((i, base + end));
        if out.len() >= limit {
            break;
        }
    }
    out
}

/// The first of the places [`loose_find`] gives (at most `limit`, in order)
/// for which `f` gives something: natively the scan stops there.
fn loose_find_map<T>(
    text: &str,
    pat: &str,
    limit: usize,
    f: &mut dyn FnMut(usize, usize) -> Option<T>,
) -> Option<T> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut out = None;
        loose_visit_each(text, &[pat], limit, &mut |at, end| {
            out = f(at, end);
            out.is_some()
        });
        out
    }
    #[cfg(target_arch = "wasm32")]
    {
        loose_find(text, pat, limit)
            .into_iter()
            .find_map(|(at, end)| f(at, end))
    }
}

/// [`loose_find`] of each of `pats`, which all start with the same
/// character, in one pass: at most `limit` places of each pattern, in the
/// order found.
#[cfg(test)]
fn loose_find_each(text: &str, pats: &[&str], limit: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    loose_visit_each(text, pats, limit, &mut |at, end| {
        out.push((at, end));
        false
    });
    out
}

/// The places of [`loose_find_each`], sorted, handed to `visit` one by one
/// until it returns true (found what it looked for): a caller that wants
/// the first good place stops the scan there.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn loose_visit_each(
    text: &str,
    pats: &[&str],
    limit: usize,
    visit: &mut dyn FnMut(usize, usize) -> bool,
) {
    let Some(first) = pats.first().and_then(|p| p.chars().next()) else {
        return;
    };
    let first_len = first.len_utf8();
    if !pats.iter().all(|p| p.starts_with(first)) {
        let mut all: Vec<(usize, usize)> = pats
            .iter()
            .flat_map(|p| loose_find(text, p, limit))
            .collect();
        all.sort_unstable();
        for (at, end) in all {
            if visit(at, end) {
                return;
            }
        }
        return;
    }
    let mut found = vec![0usize; pats.len()];
    let rests: Vec<(&str, bool)> = pats
        .iter()
        .map(|p| {
            let r = p.get(first_len..).unwrap_or("");
            (r, is_plain(r))
        })
        .collect();
    let mut here: Vec<usize> = Vec::new();
    let mut buf = [0u8; 4];
    let needle: &str = first.encode_utf8(&mut buf);
    for i in crate::search::find_iter(text, needle) {
        let base = i + first_len;
        let Some(tail) = text.get(base..) else {
            continue;
        };
        here.clear();
        for (&(rest, plain), n) in rests.iter().zip(found.iter_mut()) {
            if *n >= limit {
                continue;
            }
            if let Some(end) = loose_match(tail, rest, plain) {
                // Kept sorted as (place, end): a few at most.
                let at = here
                    .iter()
                    .position(|&e| e > base + end)
                    .unwrap_or(here.len());
                here.insert(at, base + end);
                *n += 1;
            }
        }
        for &end in &here {
            if visit(i, end) {
                return;
            }
        }
        if found.iter().all(|&n| n >= limit) {
            break;
        }
    }
}

/// How much of `rest` `tail` starts with byte for byte, as whole characters
/// that match as they are (what they fold to, not spaces): (its length, the
/// rest of `rest`). The common case, checked quickly (natively; the browser
/// module, whose size is budgeted, compares character by character).
#[cfg(not(target_arch = "wasm32"))]
fn exact_prefix<'r>(tail: &str, rest: &'r str, plain: bool) -> (usize, &'r str) {
    use crate::compact::{fold_quick, is_space};
    let same = tail
        .bytes()
        .zip(rest.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let mut k = same;
    while k > 0 && !rest.is_char_boundary(k) {
        k -= 1;
    }
    match rest.split_at_checked(k) {
        Some((done, left)) if plain || done.chars().all(|c| fold_quick(c) == c && !is_space(c)) => {
            (k, left)
        }
        _ => (0, rest),
    }
}

#[cfg(target_arch = "wasm32")]
fn exact_prefix<'r>(_: &str, rest: &'r str, _: bool) -> (usize, &'r str) {
    (0, rest)
}

/// Whether every character of `pat` matches only itself byte for byte: it
/// folds to itself and is not a space (checked once per pattern).
fn is_plain(pat: &str) -> bool {
    use crate::compact::{fold_quick, is_space};
    pat.chars().all(|c| fold_quick(c) == c && !is_space(c))
}

/// Whether `tail` starts with `rest` (folded), whitespace between its
/// characters allowed: the length of the match in `tail`. `plain`:
/// [`is_plain`]`(rest)`.
fn loose_match(tail: &str, rest: &str, plain: bool) -> Option<usize> {
    use crate::compact::{fold_quick, is_space};
    let (k, rest_left) = exact_prefix(tail, rest, plain);
    let mut it = tail.get(k..).unwrap_or("").char_indices();
    let mut end = k;
    for want in rest_left.chars() {
        loop {
            match it.next() {
                Some((_, ch)) if is_space(ch) => continue,
                Some((j, ch)) if fold_quick(ch) == want => {
                    end = k + j + ch.len_utf8();
                    break;
                }
                _ => return None,
            }
        }
    }
    Some(end)
}

fn year_checks(
    text: &str,
    src: &Source,
    t: Option<&Title>,
    title_span: Option<Span>,
    version: Option<Version>,
    out: &mut Vec<Diagnostic>,
) {
    let title_year = t.and_then(|t| t.year);
    // The statistical period, read in a folded copy of a window around
    // each “年1月1日”.
    // The first of the first 8 places that is the period (the scan stops
    // there); looked for only when the title gives a year.
    let period = || {
        loose_find_map(text, "年1月1日", 8, &mut |at, _| {
            let (w0, w) = window(text, at, 24, 64);
            let c = Compact::new(w);
            let (y, s, e) = period(&c)?;
            let span = src.span(w0 + c.src(s), w0 + c.src_end(e, w));
            Some((y, c.text.get(s..e).unwrap_or("").to_string(), span))
        })
    };
    if let Some((ty, (py, quote, span))) = title_year.and_then(|ty| Some((ty, period()?))) {
        if ty != py {
            let mut d = Diagnostic::new(
                rules::YEAR_MISMATCH,
                Severity::Warning,
                format!(
                    "标题写的是{ty}年度报告，统计期限却是{py}年1月1日至12月31日（“{quote}”），两个年份不一致。"
                ),
            );
            d.span = Some(span);
            d.expected = Some(i64::from(ty));
            d.actual = Some(i64::from(py));
            d.suggestion = Some(format!(
                "核对报告年度：{ty}年度报告的统计期限应为{ty}年1月1日至12月31日；若标题年份写错，请更正标题。"
            ));
            out.push(d);
        }
    }
    if let (Some(Version::V2021), Some(y)) = (version, title_year) {
        if y <= 2020 {
            let mut d = Diagnostic::new(
                rules::YEAR_VERSION,
                Severity::Warning,
                format!(
                    "标题写的是{y}年度报告，表格却是2021年版格式（表二“本年制发件数/本年废止件数/现行有效件数”）；2021年版格式自2021年度报告起施行，{y}年度报告不会用它，标题年份可能写错。"
                ),
            );
            d.span = title_span;
            d.suggestion = Some("核对标题中的年份。".into());
            out.push(d);
        }
    }
}

/// One statement about 信息处理费: where, and what it says.
struct Fee {
    /// The sentence in the input.
    span: Span,
    /// The amount in yuan as written (“0”, “3940”, “0.5万”), and whether it is zero.
    amount: Option<(String, bool)>,
    /// 未收取 / 没有收取 / 不收取 / 未产生 …
    negated: bool,
}

const NEGATIONS: &[&str] = &[
    "未收取",
    "没有收取",
    "不收取",
    "未产生",
    "没有产生",
    "未发生",
    "无收取",
    "未收",
    "免收",
    "均未",
    "无信息处理费",
    "不涉及",
];

fn fee_checks(input: &str, text: &str, src: &Source, out: &mut Vec<Diagnostic>) {
    let mut fees: Vec<Fee> = Vec::new();
    for (at, _) in loose_find(text, "处理费", 64) {
        // The sentence, in a folded copy of a window around the word.
        let (w0, w) = window(text, at, 400, 400);
        let c = Compact::new(w);
        let Some(cat) = c.find_all("处理费").find(|&x| w0 + c.src(x) >= at) else {
            continue;
        };
        let (mut start, end) = sentence(&c, cat);
        // Not the section heading before the sentence.
        let heading = "其他需要报告的事项";
        if let Some(h) = c.text.get(start..cat).and_then(|s| s.rfind(heading)) {
            start += h + heading.len();
        }
        let span = src.span(w0 + c.src(start), w0 + c.src_end(end, w));
        if fees.iter().any(|f| f.span.start == span.start) {
            continue;
        }
        let s = c.text.get(start..end).unwrap_or("");
        // The word only inside a title of a regulation (《…处理费管理办法》)
        // says nothing about this year's charges.
        let outside = strip_book_titles(s);
        if !outside.contains("处理费") && !outside.contains("收取") && !outside.contains("收费")
        {
            continue;
        }
        let negated = NEGATIONS.iter().any(|n| outside.contains(n));
        let amount = amount_in(&outside);
        if !negated && amount.is_none() {
            continue;
        }
        fees.push(Fee {
            span,
            amount,
            negated,
        });
    }
    if fees.is_empty() {
        let section = loose_find(text, "其他需要报告的事项", 1)
            .first()
            .map(|&(s, e)| src.span(s, e));
        let mut d = Diagnostic::new(
            rules::FEE_MISSING,
            Severity::Warning,
            "报告没有说明本年度是否收取信息处理费：2021年版格式要求在“六、其他需要报告的事项”中报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（收取金额，或未收取）。表二“行政事业性收费”的金额是另一回事，不能代替。".into(),
        );
        d.span = section.or(Some(Span::new(0, 0)));
        d.suggestion = Some(
            "在“六、其他需要报告的事项”中写明本年度收取信息处理费的情况，如“本年度未收取信息处理费”或“共收取信息处理费N元”。"
                .into(),
        );
        out.push(d);
        return;
    }
    let none = fees
        .iter()
        .find(|f| f.negated || f.amount.as_ref().is_some_and(|a| a.1));
    let some = fees
        .iter()
        .find(|f| !f.negated && f.amount.as_ref().is_some_and(|a| !a.1));
    if let (Some(n), Some(s)) = (none, some) {
        let quote = |f: &Fee| -> String {
            let sp = f.span;
            input
                .get(sp.start..sp.end)
                .unwrap_or("")
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .collect()
        };
        let amount = s.amount.as_ref().map(|a| a.0.clone()).unwrap_or_default();
        let mut d = Diagnostic::new(
            rules::FEE_CONFLICT,
            Severity::Warning,
            format!(
                "关于信息处理费，报告前后矛盾：一处说未收取（“{}”），另一处说收取了{amount}元（“{}”）。",
                quote(n),
                quote(s)
            ),
        );
        d.span = Some(n.span.cover(s.span));
        d.suggestion = Some("核对本年度实际收取的信息处理费，统一两处说法。".into());
        out.push(d);
    }
}

/// The sentence around compact offset `at`: from after the previous end mark
/// to the next one (“.” between digits is a decimal point, not an end).
fn sentence(c: &Compact, at: usize) -> (usize, usize) {
    let t = &c.text;
    let is_end = |i: usize, ch: char| -> bool {
        match ch {
            ';' | '；' | '!' | '?' | '。' | '\u{3000}' => true,
            '.' => {
                let prev = t.get(..i).and_then(|p| p.chars().next_back());
                let next = t.get(i + 1..).and_then(|n| n.chars().next());
                !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()))
            }
            _ => false,
        }
    };
    let from = c.floor(at.saturating_sub(300));
    let mut start = from;
    for (i, ch) in t.get(from..at).unwrap_or("").char_indices() {
        if is_end(from + i, ch) {
            start = from + i + ch.len_utf8();
        }
    }
    let to = c.floor(at + 300);
    let mut end = to;
    for (i, ch) in t.get(at..to).unwrap_or("").char_indices() {
        if is_end(at + i, ch) {
            end = at + i + ch.len_utf8();
            break;
        }
    }
    (start, end)
}

/// `s` without the 《…》 titles in it.
fn strip_book_titles(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for ch in s.chars() {
        match ch {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// The first money amount: digits followed by 元 or 万元, as written (digits
/// and the 万), and whether it is zero. “0元”, “3940元”, “0.05万元”, “零元”.
fn amount_in(s: &str) -> Option<(String, bool)> {
    if s.contains("零元") {
        return Some(("0".into(), true));
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let st = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
            i += 1;
        }
        let num = s.get(st..i).unwrap_or("");
        let rest = s.get(i..).unwrap_or("");
        let wan = rest.starts_with("万元");
        if rest.starts_with('元') || wan {
            let zero = num.chars().all(|c| matches!(c, '0' | '.' | ','));
            let shown = if wan {
                format!("{num}万")
            } else {
                num.to_string()
            };
            return Some((shown, zero));
        }
    }
    None
}

/// The unit and year of a report's title, cheaply: only the first 64 KB
/// of the input are looked at, and no table is read. For pairing many
/// files by unit before checking them.
pub fn unit_and_year(input: &str) -> (Option<String>, Option<u32>) {
    let h = heading(input);
    (h.unit().map(str::to_string), h.year())
}

/// The title of a report as [`unit_and_year`] finds it, kept so that the
/// check of the same input ([`crate::check_all_with`]) need not look for it
/// again.
pub struct Heading {
    found: TitleAt,
    /// The HTML input read (when `whole`): the check's reading of the same
    /// input, handed to it instead of reading it again.
    src: Option<Source<'static>>,
    /// The length of the input it was found in.
    len: usize,
    /// Whether that input is read as HTML.
    html: bool,
    /// Whether `found` is also the first title of the whole input as the
    /// check scans it: plain text (the title is looked for in the first
    /// 16 KB, all within the 64 KB looked at), or HTML of at most 64 KB.
    whole: bool,
}

impl Heading {
    /// The unit the title names.
    pub fn unit(&self) -> Option<&str> {
        self.found.as_ref().and_then(|f| f.0.unit.as_deref())
    }

    /// The year of the title.
    pub fn year(&self) -> Option<u32> {
        self.found.as_ref().and_then(|f| f.0.year)
    }

    /// The first title of `input` as the check scans it (read as HTML when
    /// `html`), when this heading holds it. The heading must have been
    /// found in this same input ([`heading`]); one found in another text of
    /// the same length and kind would be taken for it.
    pub(crate) fn title_of(&self, input: &str, html: bool) -> Option<&TitleAt> {
        (self.whole && self.len == input.len() && self.html == html).then_some(&self.found)
    }

    /// The HTML input as read, taken out of the heading (once), under the
    /// same condition as [`Heading::title_of`].
    pub(crate) fn take_source(&mut self, input: &str, html: bool) -> Option<Source<'static>> {
        self.title_of(input, html)?;
        self.src.take()
    }
}

/// The [`Heading`] of an input: [`unit_and_year`], and what the check of
/// the same input can take from it.
pub fn heading(input: &str) -> Heading {
    let mut end = input.len().min(64 * 1024);
    while end > 0 && !input.is_char_boundary(end) {
        end -= 1;
    }
    let head = input.get(..end).unwrap_or("");
    let html = crate::source::looks_like_html(head);
    let src = if html {
        Source::html(head)
    } else {
        Source::plain(head)
    };
    let whole = if end == input.len() {
        true
    } else {
        // The check decides HTML on the input's first 64 KB exactly (the
        // head may stop up to 3 bytes short); plain text scanned as it is.
        !html && !crate::source::looks_like_html(input)
    };
    let found = first_title(&src.text);
    Heading {
        found,
        // All of the input was read (the head is the input): the same
        // reading as the check's.
        src: (html && end == input.len()).then(|| src.into_owned()),
        len: input.len(),
        html,
        whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<Title> {
        title(s, &Compact::new(s))
    }

    #[test]
    fn unit_and_year_from_titles() {
        let u = |s: &str| t(s).and_then(|t| t.unit);
        let y = |s: &str| t(s).and_then(|t| t.year);
        assert_eq!(
            u("XX区人民政府办公室2023年政府信息公开工作年度报告\n根据"),
            Some("XX区人民政府办公室".into())
        );
        assert_eq!(
            y("XX区人民政府办公室2023年政府信息公开工作年度报告"),
            Some(2023)
        );
        assert_eq!(
            u("正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告"),
            Some("上海市人民政府办公厅".into())
        );
        assert_eq!(
            u("            淮安市人民政府\n     2024 年政府信息公开工作年度报告\n"),
            Some("淮安市人民政府".into())
        );
        assert_eq!(
            u("标题: 平潭综合实验区2020年度政府信息公开工作年度报告"),
            Some("平潭综合实验区".into())
        );
        // A reference in a sentence is not a title.
        assert_eq!(
            t("根据《广西壮族自治区人民政府办公厅关于做好2022年政府信息公开工作年度报告编制工作的通知》"),
            None
        );
    }

    #[test]
    fn a_heading_holds_the_title_of_the_whole_input_or_nothing() {
        let plain = format!(
            "淮安市人民政府\n2024年政府信息公开工作年度报告\n{}",
            "其他说明。\n".repeat(6000)
        );
        let html = format!(
            "<html><body><p>XX区人民政府2023年政府信息公开工作年度报告</p>{}</body></html>",
            "<p>其他说明。</p>".repeat(200)
        );
        let long_html = format!("{html}{}", "<p>其他说明。</p>".repeat(4000));
        for (t, is_html) in [(&plain, false), (&html, true), (&long_html, true)] {
            let mut h = heading(t);
            let src = if is_html {
                Source::html(t)
            } else {
                Source::plain(t)
            };
            let whole = first_title(&src.text);
            assert!(whole.is_some());
            match h.title_of(t, is_html) {
                Some(found) => assert_eq!(found, &whole),
                // Only HTML longer than the 64 KB looked at is not known.
                None => assert!(is_html && t.len() > 64 * 1024),
            }
            // Never for another kind of reading, or another length.
            assert!(h.title_of(t, !is_html).is_none());
            assert!(h.title_of(&t[..t.len() - 1], is_html).is_none());
            // The HTML read once, handed over once, the same reading.
            match h.take_source(t, is_html) {
                Some(s) => {
                    assert!(is_html && t.len() <= 64 * 1024);
                    assert_eq!(s.text, src.text);
                    for at in [0, s.text.len() / 3, s.text.len() / 2, s.text.len()] {
                        assert_eq!(s.span(at, s.text.len()), src.span(at, src.text.len()));
                    }
                }
                None => assert!(!is_html || t.len() > 64 * 1024),
            }
            assert!(h.take_source(t, is_html).is_none());
        }
        assert!(plain.len() > 64 * 1024 && heading(&plain).title_of(&plain, false).is_some());
    }

    #[test]
    fn units_match_with_or_without_the_higher_region() {
        assert!(same_unit("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_unit("通化市东昌区", "通化市东昌区人民政府"));
        assert!(same_unit("ＸＸ区 人民政府", "XX区人民政府"));
        assert!(!same_unit("淮安市人民政府", "洪泽区人民政府"));
        assert!(!same_unit("XX区人民政府办公室", "XX区人民政府"));
        assert!(!same_unit("淮安市人民政府办公室", "办公室"));
    }

    #[test]
    fn amounts_and_sentences() {
        assert_eq!(
            amount_in("全年收取政府信息公开信息处理费3940元"),
            Some(("3940".into(), false))
        );
        assert_eq!(amount_in("收取信息处理费0元"), Some(("0".into(), true)));
        assert_eq!(
            amount_in("收取信息处理费0.05万元"),
            Some(("0.05万".into(), false))
        );
        assert_eq!(amount_in("收取信息处理费2笔"), None);
        let c = Compact::new("六、其他需要报告的事项。本年度共收取信息处理费12.5元。其他无。");
        let at = c.text.find("处理费").unwrap_or(0);
        let (s, e) = sentence(&c, at);
        assert_eq!(&c.text[s..e], "本年度共收取信息处理费12.5元.");
    }

    /// The first implementation: a char search, then the rest folded char
    /// by char. `loose_find` must give exactly what it gives.
    fn loose_find_reference(text: &str, pat: &str, limit: usize) -> Vec<(usize, usize)> {
        let mut pc = pat.chars();
        let Some(first) = pc.next() else {
            return Vec::new();
        };
        let rest: Vec<char> = pc.collect();
        let mut out = Vec::new();
        for (i, _) in text.match_indices(first) {
            let mut end = i + first.len_utf8();
            let mut it = text.get(end..).unwrap_or("").char_indices();
            let base = end;
            let mut ok = true;
            for &want in &rest {
                loop {
                    match it.next() {
                        Some((_, ch)) if crate::compact::is_space(ch) => continue,
                        Some((j, ch)) if crate::compact::fold(ch) == want => {
                            end = base + j + ch.len_utf8();
                            break;
                        }
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    break;
                }
            }
            if ok {
                out.push((i, end));
                if out.len() >= limit {
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn loose_find_matches_the_char_by_char_reference() {
        let pieces = [
            "信息公开",
            "工作",
            "年度报告",
            "年度",
            "报告",
            " ",
            "\n",
            "\u{3000}",
            "|",
            "信",
            "息",
            "開",
            "1月1日",
            "年",
            "１",
            "处理费",
            "處理費",
            "其它",
            "其他需要报告的事项",
            "X",
            "\t",
            "——",
            "。",
        ];
        let pats = [
            "信息公开工作年度报告",
            "信息公开年度报告",
            "年1月1日",
            "处理费",
            "其他需要报告的事项",
        ];
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..3000 {
            let n = next(30) as usize;
            let text: String = (0..n)
                .map(|_| pieces[next(pieces.len() as u64) as usize])
                .collect();
            for p in pats {
                for limit in [1, 3, 16] {
                    assert_eq!(
                        loose_find(&text, p, limit),
                        loose_find_reference(&text, p, limit),
                        "{text:?} {p}"
                    );
                }
            }
            let mut both: Vec<(usize, usize)> = TITLE_PATS
                .iter()
                .flat_map(|p| loose_find_reference(&text, p, 2))
                .collect();
            both.sort_unstable();
            let mut each = loose_find_each(&text, TITLE_PATS, 2);
            each.sort_unstable();
            assert_eq!(each, both, "{text:?}");
            // The first place found by the stopping scan: the first of
            // loose_find's for which the test holds.
            for p in pats {
                for k in 0..3 {
                    let want = loose_find(&text, p, 3)
                        .into_iter()
                        .find(|&(at, _)| at % 3 == k);
                    let got = loose_find_map(&text, p, 3, &mut |at, end| {
                        (at % 3 == k).then_some((at, end))
                    });
                    assert_eq!(got, want, "{text:?} {p}");
                }
            }
        }
    }
}
