//! Finding the three tables in the text and reading their cells.
//!
//! The reader anchors on row labels and their fixed order (FORMAT.md §4),
//! never on headers or a raw stream of numbers: each row's label is found by
//! a tolerant search (see `compact`), and the row's values are the value
//! tokens between its label and the next row's (see `tokens`). This one
//! mechanism reads every layout: one cell per line, tab- or pipe-separated,
//! space-aligned PDF text with wrapped labels, HTML fields, and text whose
//! digits ran together (see `split`; the splits of all rows are decided at
//! once with the table's rules, and said in one note per table).
//!
//! When rows cannot be read label to label — a converter put labels after
//! their numbers or stacked several labels before several value rows — and
//! the table holds exactly one line of seven values per template row, it is
//! read by order, confirmed by the rows' totals, and said so. A table whose
//! labels and numbers were streamed apart (text copied out of a PDF viewer)
//! is not read at all, with advice in plain words. A report in the pre-2019
//! template is recognised and not checked.

use crate::compact::Compact;
use crate::model::{self, Version};
use crate::report::{Cell, Diagnostic, Severity, Span, TablesFound, Value};
use crate::rules;
use crate::source::Source;
use crate::split::{self, Split};
use crate::tokens::{self, Tok};

pub struct Extracted {
    pub version: Option<Version>,
    /// The report year (see `narrative::year`).
    pub year: Option<u32>,
    /// Numbers the prose before the tables states about them.
    pub statements: Vec<crate::narrative::Found>,
    /// Table `requests` has the single （六）其他处理 row.
    pub single_other: bool,
    pub tables: TablesFound,
    pub cells: Vec<Cell>,
    /// Findings about reading (incomplete rows, split digits).
    pub diagnostics: Vec<Diagnostic>,
    /// The report uses the tables of before 2019 (申请数、办结数、同意公开…),
    /// which the current rules do not apply to.
    pub old_template: bool,
}

/// How a row label is numbered, for stripping the numbering that precedes it.
#[derive(Clone, Copy)]
enum Num {
    /// 一、 二、 四、
    Section(&'static str),
    /// (一) … (七)
    Paren(&'static str),
    /// 1. 2、 …
    Digit(char),
}

struct RowSpec {
    key: &'static str,
    pats: &'static [&'static str],
    num: Num,
}

const fn rs(key: &'static str, pats: &'static [&'static str], num: Num) -> RowSpec {
    RowSpec { key, pats, num }
}

use Num::{Digit, Paren, Section};

const HEAD: [RowSpec; 20] = [
    rs("received", &["本年新收"], Section("一")),
    rs("carried_in", &["上年结转"], Section("二")),
    rs("granted", &["予以公开"], Paren("一")),
    rs("partial", &["部分公开"], Paren("二")),
    rs("denied_secret", &["属于国家秘密", "国家秘密"], Digit('1')),
    rs(
        "denied_law",
        &["其他法律", "行政法规禁止", "法规禁止", "行政止公开"],
        Digit('2'),
    ),
    rs("denied_safety", &["危及", "三安全一稳定"], Digit('3')),
    rs(
        "denied_third_party",
        &["保护第三方", "第三方合法"],
        Digit('4'),
    ),
    rs(
        "denied_internal",
        &["属于三类", "三类内部", "内部事务"],
        Digit('5'),
    ),
    rs(
        "denied_process",
        &["属于四类", "四类过程", "过程性信息"],
        Digit('6'),
    ),
    rs(
        "denied_enforcement",
        &["属于行政执法", "行政执法案卷"],
        Digit('7'),
    ),
    rs("denied_query", &["属于行政查询", "行政查询"], Digit('8')),
    rs("unable_none", &["本机关不掌握", "不掌握相关"], Digit('1')),
    rs("unable_create", &["没有现成", "另行制作"], Digit('2')),
    rs("unable_unclear", &["补正后", "仍不明确"], Digit('3')),
    rs("refused_complaint", &["信访举报", "投诉类"], Digit('1')),
    rs("refused_repeat", &["重复申请"], Digit('2')),
    rs(
        "refused_publication",
        &["要求提供公开出版物", "公开出版物"],
        Digit('3'),
    ),
    rs(
        "refused_massive",
        &["无正当理由大量", "大量反复"],
        Digit('4'),
    ),
    rs(
        "refused_confirm",
        &["要求行政机关确认", "重新出具"],
        Digit('5'),
    ),
];
const OTHER_THREE: [RowSpec; 3] = [
    rs(
        "other_overdue_fix",
        &["申请人无正当理由逾期不补正", "逾期不补正"],
        Digit('1'),
    ),
    rs(
        "other_overdue_fee",
        &["申请人逾期未按收费", "逾期未按收费", "缴纳费用"],
        Digit('2'),
    ),
    rs("other_misc", &["其他"], Digit('3')),
];
const OTHER_ONE: RowSpec = rs("other", &["其他处理"], Paren("六"));
const TAIL: [RowSpec; 2] = [
    rs("results_total", &["总计", "合计"], Paren("七")),
    rs("carried_out", &["结转下年", "结转下一年"], Section("四")),
];

/// How far (in compact bytes) the next row's label may be from the last.
const WINDOW: usize = 2400;
/// Candidate starts of table `requests` tried at most.
const MAX_STARTS: usize = 24;

/// A row label found: compact range of its core, and of its numbering.
#[derive(Clone, Copy)]
struct Hit {
    spec: &'static RowSpec,
    /// Compact offset where the label (with its numbering) starts.
    label_start: usize,
    core_end: usize,
}

pub fn extract(input: &str, src: &Source) -> Extracted {
    let text: &str = &src.text;
    let c = Compact::new(text);
    let mut ex = Extracted {
        version: detect_version(&c),
        year: crate::narrative::year(&c),
        statements: Vec::new(),
        single_other: false,
        tables: TablesFound::default(),
        // Room for a whole report's cells (表三 alone has 25 × 7).
        cells: Vec::with_capacity(256),
        diagnostics: Vec::new(),
        old_template: false,
    };
    let cx = Ctx {
        input,
        src,
        text,
        c: &c,
    };

    // ---- requests
    // Each “本年新收” may start the table (the narrative mentions it too):
    // follow the row labels from each, keep the chain that reads best.
    let starts: Vec<usize> = c.find_all("本年新收").take(MAX_STARTS).collect();
    let hits = match starts.as_slice() {
        [] => Vec::new(),
        [one] => chain(&c, *one),
        many => {
            many.iter()
                .map(|&s| chain(&c, s))
                .map(|h| (score(&cx, &h), h))
                .fold((0usize, Vec::new()), |best, cur| {
                    if cur.0 > best.0 {
                        cur
                    } else {
                        best
                    }
                })
                .1
        }
    };
    let mut requests_end = 0;
    if hits.len() >= 4 {
        ex.tables.requests = true;
        ex.single_other = hits.iter().any(|h| h.spec.key == "other");
        read_requests(&cx, &hits, &mut ex);
        requests_end = hits.last().map(|h| h.core_end).unwrap_or(0);
    }
    // The version, when headers did not tell: from the （六） rows.
    if ex.version.is_none() && ex.tables.requests {
        ex.version = Some(if ex.single_other {
            Version::V2019
        } else {
            Version::V2021
        });
    }

    // ---- appeals
    read_appeals(&cx, requests_end, &mut ex);

    // ---- disclosure
    let disclosure_end = if ex.tables.requests {
        hits.first().map(|h| h.label_start).unwrap_or(c.text.len())
    } else {
        c.find_any(
            &["收到和处理政府信息公开申请", "本列数据的勾稽关系"],
            0,
            usize::MAX,
        )
        .map(|m| m.0)
        .unwrap_or(c.text.len())
    };
    read_disclosure(&cx, disclosure_end, &mut ex);
    // The prose ends where the first table begins.
    let prose_end = c
        .find_any(&["第二十条", "本列数据的勾稽关系"], 0, usize::MAX)
        .map(|m| m.0)
        .unwrap_or(disclosure_end)
        .min(disclosure_end);
    if ex.tables.any() {
        let span_of = |s: usize, e: usize| src.span(c.src(s), c.src_end(e, text));
        if let Some(d) = crate::narrative::sections(&c, &span_of) {
            ex.diagnostics.push(d);
        }
    }
    ex.statements = crate::narrative::statements(&c, prose_end)
        .into_iter()
        .map(|s| {
            let span = src.span(c.src(s.start), c.src_end(s.end, text));
            let q = src.span(c.src(s.sentence.0), c.src_end(s.sentence.1, text));
            let quote: String = input
                .get(q.start..q.end)
                .unwrap_or("")
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .collect();
            crate::narrative::Found {
                claim: s.claim,
                value: s.value,
                span,
                quote,
            }
        })
        .collect();
    // A report in the pre-2019 template: its tables are not the current
    // ones, and no current rule applies to them.
    if !ex.tables.requests && old_template(&c, ex.year) {
        ex.old_template = true;
        ex.tables = TablesFound::default();
        ex.cells.clear();
        ex.diagnostics.clear();
        ex.version = None;
        return ex;
    }
    if ex.version.is_none() && ex.tables.any() {
        ex.version = Some(Version::V2021);
    }
    ex
}

/// Words of the tables of reports before 2019 (2008 条例 era), absent from
/// the current template.
fn old_template(c: &Compact, year: Option<u32>) -> bool {
    const OLD: &[&str] = &[
        "收到申请数",
        "申请总数",
        "办结数",
        "同意公开",
        "同意部分公开",
        "信息不存在",
        "非本机关",
        "非本行政机关",
        "申请内容不明确",
        "主动公开情况",
        "依申请公开情况",
        "行政复议和诉讼",
        "行政复议数量",
        "行政诉讼数量",
        "被纠错",
        "当面申请",
        "网上申请",
        "信函申请",
        "收取费用",
    ];
    // Words only the current template has rule it out.
    if c.find_any(
        &["第二十条第(", "本年新收", "本年度办理结果"],
        0,
        usize::MAX,
    )
    .is_some()
    {
        return false;
    }
    let mut seen = [false; 19];
    for (k, _) in c.find_each(OLD, 0, usize::MAX) {
        if let Some(s) = seen.get_mut(k) {
            *s = true;
        }
    }
    // A report for 2019 or later is in a current template, whatever its words.
    let n = seen.iter().filter(|s| **s).count();
    match year {
        Some(y) if y >= 2019 => false,
        Some(_) => n >= 2,
        None => n >= 4,
    }
}

struct Ctx<'a> {
    input: &'a str,
    src: &'a Source<'a>,
    text: &'a str,
    c: &'a Compact,
}

impl Ctx<'_> {
    fn cell(&self, key: String, start: usize, end: usize, value: Value) -> Cell {
        let span = self.src.span(start, end);
        let text = self
            .input
            .get(span.start..span.end)
            .unwrap_or("")
            .to_string();
        Cell {
            key,
            text,
            value,
            span,
        }
    }
    fn label_span(&self, h: &Hit) -> Span {
        self.src.span(
            self.c.src(h.label_start),
            self.c.src_end(h.core_end, self.text),
        )
    }
}

fn detect_version(c: &Compact) -> Option<Version> {
    const V21: &[&str] = &[
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年收费金额",
        "逾期不补正",
        "收费通知",
    ];
    const V19: &[&str] = &[
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "政府集中采购",
        "采购总金额",
    ];
    // Which of the words occur at all: one vectorised search each (no word
    // is the start of another, so no place holds two).
    let occurs = |p: &'static str| c.find_any(&[p], 0, usize::MAX).is_some();
    let n21 = V21.iter().filter(|p| occurs(p)).count();
    let n19 = V19.iter().filter(|p| occurs(p)).count();
    match n21.cmp(&n19) {
        std::cmp::Ordering::Greater => Some(Version::V2021),
        std::cmp::Ordering::Less => Some(Version::V2019),
        std::cmp::Ordering::Equal => None,
    }
}

/// Find the rows of table `requests` in order, starting at a `received` label.
fn chain(c: &Compact, start: usize) -> Vec<Hit> {
    let mut hits = Vec::with_capacity(26);
    let mut pos = start;
    let find =
        |spec: &'static RowSpec, pos: &mut usize, window: usize, hits: &mut Vec<Hit>| -> bool {
            match c.find_any(spec.pats, *pos, *pos + window) {
                Some((s, e)) => {
                    hits.push(Hit {
                        spec,
                        label_start: label_start(c, s, spec.num),
                        core_end: e,
                    });
                    *pos = e;
                    true
                }
                None => false,
            }
        };
    for spec in HEAD.iter() {
        find(spec, &mut pos, WINDOW, &mut hits);
    }
    // （六）: three sub-rows (v2021) or one row, decided by what the text has
    // before （七）总计.
    let total_at = c
        .find_any(TAIL[0].pats, pos, pos + WINDOW * 3)
        .map(|m| m.0)
        .unwrap_or(pos + WINDOW);
    let three = c.find_any(OTHER_THREE[0].pats, pos, total_at).is_some()
        || c.find_any(OTHER_THREE[1].pats, pos, total_at).is_some();
    if three {
        for (i, spec) in OTHER_THREE.iter().enumerate() {
            let window = if i == 2 { 600 } else { WINDOW };
            let w = window.min(total_at.saturating_sub(pos));
            find(spec, &mut pos, w, &mut hits);
        }
    } else {
        find(&OTHER_ONE, &mut pos, WINDOW, &mut hits);
    }
    for spec in TAIL.iter() {
        find(spec, &mut pos, WINDOW, &mut hits);
    }
    hits
}

/// Where a label starts once its numbering (and a leading 属于) is included.
fn label_start(c: &Compact, core: usize, num: Num) -> usize {
    let before = c.before(core, 24);
    let mut cut = before.len();
    // Strip `parts` (written one after the other) from the end of
    // `before[..cut]`, without building the string.
    let strip = |cut: &mut usize, parts: &[&str]| -> bool {
        let mut at = *cut;
        for p in parts.iter().rev() {
            match before.get(..at).and_then(|b| b.strip_suffix(p)) {
                Some(r) => at = r.len(),
                None => return false,
            }
        }
        *cut = at;
        true
    };
    match num {
        Num::Section(n) => {
            let _ = strip(&mut cut, &[n, "、"])
                || strip(&mut cut, &[n, "."])
                || strip(&mut cut, &[n, ","]);
        }
        Num::Paren(n) => {
            let _ = strip(&mut cut, &["(", n, ")"]) || strip(&mut cut, &[n, "、"]);
        }
        Num::Digit(d) => {
            let mut buf = [0u8; 4];
            let d: &str = d.encode_utf8(&mut buf);
            strip(&mut cut, &["属于"]);
            let _ = strip(&mut cut, &[d, "."])
                || strip(&mut cut, &[d, "、"])
                || strip(&mut cut, &[d, ","]);
        }
    }
    core - (before.len() - cut)
}

/// The derived-text range of the values of hit `i`: from its label to the next's.
fn region(cx: &Ctx, hits: &[Hit], i: usize, end_default: usize) -> (usize, usize) {
    let from = cx.c.src_end(hits[i].core_end, cx.text);
    let to = match hits.get(i + 1) {
        Some(n) => cx.c.src(n.label_start),
        None => end_default,
    };
    (from, to.max(from))
}

/// What one row's region holds.
enum Read {
    /// Exactly the row's cells, as written.
    Cells(Vec<Tok>),
    /// Digits run together: every split the row's own arithmetic allows (a
    /// few at most), or — when none does and there are exactly as many
    /// digits as cells — the one possible split (`forced`).
    Runs { cands: Vec<Vec<Tok>>, forced: bool },
    /// Nothing that makes the row: the region's tokens, for what is said
    /// of it.
    Unread(Vec<Tok>),
}

/// Most splits of one row kept as alternatives.
const MAX_CANDS: usize = 6;

fn row_read(
    cx: &Ctx,
    from: usize,
    to: usize,
    n: usize,
    ok: &dyn Fn(&[i64]) -> bool,
    take_first: bool,
) -> Read {
    let toks = tokens::scan(cx.text, from, to);
    if let Some(p) = tokens::pick(&toks, n) {
        return Read::Cells(p);
    }
    let vals: Vec<&Tok> = toks.iter().filter(|t| t.is_value()).collect();
    if let Some(p) = blank_lines(cx.text, from, to, &vals, n) {
        return Read::Cells(p);
    }
    if vals.len() < n
        && !vals.is_empty()
        && vals.iter().all(|t| t.bare_digits)
        && one_line(cx, &vals)
    {
        let runs: Vec<(usize, &str)> = vals
            .iter()
            .map(|t| (t.start, &cx.text[t.start..t.end]))
            .collect();
        let to_toks = |pieces: Vec<split::Piece>| -> Vec<Tok> {
            pieces
                .into_iter()
                .map(|(s, e, v)| Tok {
                    start: s,
                    end: e,
                    value: Value::Int(v),
                    bare_digits: true,
                })
                .collect()
        };
        match split::candidates(&runs, n, ok, MAX_CANDS) {
            Some(c) if !c.is_empty() => {
                return Read::Runs {
                    cands: c.into_iter().map(to_toks).collect(),
                    forced: false,
                }
            }
            // Forced only for one unbroken run: “14 0 0 0 3 0” is a blank
            // cell more likely than 1,4,….
            Some(_) if runs.len() == 1 => {
                if let Some(f) = split::forced(&runs, n) {
                    return Read::Runs {
                        cands: vec![to_toks(f)],
                        forced: true,
                    };
                }
            }
            _ => {}
        }
    }
    if take_first && vals.len() > n {
        return Read::Cells(vals.into_iter().take(n).cloned().collect());
    }
    Read::Unread(toks)
}

/// Cells separated by blank lines, one per line: where the gap between two
/// values (or before the first, after the last) is one separator longer
/// than the others, a cell was left empty. Read only when that makes
/// exactly `n` cells.
fn blank_lines(text: &str, from: usize, to: usize, vals: &[&Tok], n: usize) -> Option<Vec<Tok>> {
    let ws = |s: &str| s.chars().all(|c| c.is_whitespace());
    let newlines = |s: &str| s.matches('\n').count();
    let blank = |at: usize| Tok {
        start: at,
        end: at,
        value: Value::Blank,
        bare_digits: false,
    };
    if vals.is_empty() {
        // A row left empty: only blank lines, as many separators as cells
        // and one more.
        let gap = text.get(from..to)?;
        let nl = newlines(gap);
        let fits = ws(gap) && n > 0 && nl % (n + 1) == 0 && nl / (n + 1) >= 2;
        return fits.then(|| vec![blank(from); n]);
    }
    if vals.len() >= n {
        return None;
    }
    // Each value alone on its line.
    // (Looked at from the value outwards: the first other character decides.)
    let alone = vals.iter().all(|t| {
        let before = text.get(..t.start).unwrap_or("");
        let after = text.get(t.end..).unwrap_or("");
        before
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace)
            && after
                .chars()
                .take_while(|&c| c != '\n')
                .all(char::is_whitespace)
    });
    if !alone {
        return None;
    }
    let gaps: Vec<usize> = vals
        .windows(2)
        .map(|w| {
            text.get(w[0].end..w[1].start)
                .filter(|g| ws(g))
                .map(newlines)
        })
        .collect::<Option<Vec<usize>>>()?;
    // Whitespace right before the first value and right after the last.
    let head = text.get(from..vals[0].start)?;
    let head = &head[head.trim_end().len()..];
    let last = vals[vals.len() - 1];
    let tail = text.get(last.end..to.max(last.end))?;
    let tail = &tail[..tail.len() - tail.trim_start().len()];
    // The separator: the shortest gap before, between or after the values.
    let sep = gaps
        .iter()
        .copied()
        .chain([newlines(head), newlines(tail)])
        .filter(|g| *g > 0)
        .min()?;
    if sep < 2 {
        return None;
    }
    let blanks = |g: usize| (g / sep).saturating_sub(1);
    let mut out: Vec<Tok> = Vec::with_capacity(n);
    for _ in 0..blanks(newlines(head)) {
        out.push(blank(vals[0].start));
    }
    for (k, t) in vals.iter().enumerate() {
        out.push((*t).clone());
        if let Some(g) = gaps.get(k) {
            for _ in 0..blanks(*g) {
                out.push(blank(t.end));
            }
        }
    }
    for _ in 0..blanks(newlines(tail)) {
        out.push(blank(last.end));
    }
    (out.len() == n).then_some(out)
}

/// Digits run together only where a page lost its cell borders: within one
/// line. Numbers on lines of their own are cells of their own.
fn one_line(cx: &Ctx, vals: &[&Tok]) -> bool {
    match (vals.first(), vals.last()) {
        (Some(a), Some(b)) => cx
            .text
            .get(a.start..b.end)
            .is_some_and(|s| !s.contains('\n')),
        _ => false,
    }
}

/// Cells of one row read from its region: exactly `n` (and whether digits
/// run together were split), or None.
fn row_values(
    cx: &Ctx,
    from: usize,
    to: usize,
    n: usize,
    ok: &dyn Fn(&[i64]) -> bool,
    take_first: bool,
) -> Option<(Vec<Tok>, bool)> {
    match row_read(cx, from, to, n, ok, take_first) {
        Read::Cells(v) => Some((v, false)),
        Read::Runs { mut cands, .. } if cands.len() == 1 => Some((cands.remove(0), true)),
        _ => None,
    }
}

fn score(cx: &Ctx, hits: &[Hit]) -> usize {
    let end = hits
        .last()
        .map(|h| cx.c.src_end(h.core_end, cx.text) + 400)
        .unwrap_or(0)
        .min(cx.text.len());
    (0..hits.len())
        .map(|i| {
            let (f, t) = region(cx, hits, i, end);
            let n = tokens::scan(cx.text, f, t)
                .iter()
                .filter(|t| t.is_value())
                .count();
            1 + if n == 7 { 2 } else { 0 }
        })
        .sum()
}

fn incomplete(cx: &Ctx, ex: &mut Extracted, what: String, span: Span) {
    let mut d = Diagnostic::new(rules::INCOMPLETE, Severity::Warning, what);
    d.span = Some(span);
    let _ = cx;
    ex.diagnostics.push(d);
}

/// One stretch of table 三 read from a label to the next.
struct Stretch<'a> {
    rows: Vec<&'static RowSpec>,
    read: Read,
    hit: &'a Hit,
}

fn read_requests(cx: &Ctx, hits: &[Hit], ex: &mut Extracted) {
    // The last row's values end where table 四 or section 五 begins.
    let last_end = hits.last().map(|h| h.core_end).unwrap_or(0);
    let stop =
        cx.c.find_any(
            &["行政复议", "五、", "复议后起诉"],
            last_end,
            last_end + WINDOW * 2,
        )
        .map(|m| cx.c.src(m.0))
        .unwrap_or_else(|| cx.c.src(last_end + 2000).min(cx.text.len()));
    // The rows this layout should have, in order.
    let expected: Vec<&'static RowSpec> = HEAD
        .iter()
        .chain(if ex.single_other {
            std::slice::from_ref(&OTHER_ONE)
        } else {
            &OTHER_THREE[..]
        })
        .chain(TAIL.iter())
        .collect();
    let seq_of = |key: &str| expected.iter().position(|s| s.key == key);
    let mut notes = Vec::new();
    let mut stretches: Vec<Stretch> = Vec::with_capacity(hits.len());
    for (i, h) in hits.iter().enumerate() {
        let (from, to) = region(cx, hits, i, stop);
        let last = i + 1 == hits.len();
        let label = row_label(h.spec.key);
        // Rows between this label and the next whose labels were lost.
        let here = seq_of(h.spec.key).unwrap_or(0);
        let next = hits
            .get(i + 1)
            .and_then(|n| seq_of(n.spec.key))
            .unwrap_or(if last { here + 1 } else { expected.len() });
        let gap: Vec<&RowSpec> = expected
            .get(here + 1..next)
            .map(|g| g.to_vec())
            .unwrap_or_default();
        let mut rows_here: Vec<&'static RowSpec> = vec![h.spec];
        let mut read = row_read(cx, from, to, 7, &split::row_sums, last);
        let with_gap = match &read {
            Read::Unread(toks) if !gap.is_empty() => tokens::pick(toks, 7 * (1 + gap.len())),
            _ => None,
        };
        if let Some(p) = with_gap {
            rows_here.extend(gap.iter().copied());
            let names: Vec<&str> = gap.iter().map(|g| row_label(g.key)).collect();
            notes.push((
                format!("表三中没有找到「{}」的行标签（可能在转换中丢失），已按表格行序把「{label}」之后的数字依次读作这些行。", names.join("」「")),
                cx.src.span(p[7].start, p[p.len() - 1].end),
            ));
            read = Read::Cells(p);
        }
        stretches.push(Stretch {
            rows: rows_here,
            read,
            hit: h,
        });
    }
    resolve_runs(&mut stretches, ex.single_other);
    // Rows that could not be read from label to label: a converter may have
    // put labels after their numbers, or stacked several labels before
    // several rows of numbers. When the table holds exactly one line of
    // seven values per row of the template, in order, and the rows add up,
    // read them by order.
    if stretches.iter().any(|s| matches!(s.read, Read::Unread(_))) {
        if let Some(rows) = by_order(cx, hits, stop, expected.len()) {
            let sums: Vec<bool> = rows
                .iter()
                .map(|r| {
                    let v: Option<Vec<i64>> = r.iter().map(|t| t.value.as_int()).collect();
                    v.is_some_and(|v| split::row_sums(&v))
                })
                .collect();
            let broken: Vec<&str> = expected
                .iter()
                .zip(&sums)
                .filter(|(_, ok)| !**ok)
                .map(|(s, _)| row_label(s.key))
                .collect();
            if broken.len() <= 1 {
                for (spec, toks) in expected.iter().zip(&rows) {
                    for (key, t) in model::request_row_keys(spec.key).iter().zip(toks) {
                        ex.cells
                            .push(cx.cell(key.clone(), t.start, t.end, t.value.clone()));
                    }
                }
                let span = rows
                    .iter()
                    .flat_map(|r| r.first().zip(r.last()))
                    .map(|(a, b)| cx.src.span(a.start, b.end))
                    .reduce(Span::cover)
                    .unwrap_or_default();
                let confirm = match broken.as_slice() {
                    [] => "每行的合计都相符".to_string(),
                    [one] => format!("除「{one}」外每行的合计都相符"),
                    _ => String::new(),
                };
                incomplete(
                    cx,
                    ex,
                    format!(
                        "表三的行名称和数字在转换中没有排在一起（名称在数字之后，或几行名称叠在一起），已按表格行序逐行读取全部 {} 行数字，{confirm}。",
                        rows.len()
                    ),
                    span,
                );
                return;
            }
        }
    }

    let mut cells = Vec::with_capacity(stretches.iter().map(|s| s.rows.len() * 7).sum());
    let mut read_rows = 0;
    let mut split_rows: Vec<(&str, Vec<Tok>, bool)> = Vec::new();
    let mut empty_stretches = 0;
    for st in &stretches {
        let label = row_label(st.hit.spec.key);
        let vals = match &st.read {
            Read::Cells(v) => Some(v.clone()),
            Read::Runs { cands, forced } if cands.len() == 1 => {
                split_rows.push((label, cands[0].clone(), *forced));
                Some(cands[0].clone())
            }
            Read::Runs { cands, .. } => {
                let alts: Vec<String> = cands.iter().map(|c| join(c)).collect();
                notes.push((
                    format!(
                        "表三「{label}」行的数字连在一起，有 {} 种拆法都与表中各项合计相符：{}。无法确定是哪一种，本行未读取。",
                        alts.len(),
                        alts.join("；或 ")
                    ),
                    cx.label_span(st.hit),
                ));
                None
            }
            Read::Unread(toks) => {
                let vals: Vec<Tok> = toks.iter().filter(|t| t.is_value()).cloned().collect();
                let n = vals.len();
                if n == 0 {
                    empty_stretches += 1;
                }
                let digits: usize = vals
                    .iter()
                    .map(|t| cx.text[t.start..t.end].chars().count())
                    .sum();
                let msg = if n > 0 && n < 7 && digits > 7 && vals.iter().all(|t| t.bare_digits) {
                    let written: Vec<&str> =
                        vals.iter().map(|t| &cx.text[t.start..t.end]).collect();
                    format!(
                        "表三「{label}」行的数字连在一起（{}），没有一种拆成 7 格的方法能让本行合计相符，本行无法核对。",
                        written.join(" ")
                    )
                } else {
                    format!("表三「{label}」行：找到 {n} 个数字，应有 7 个（六类申请人和总计），本行无法核对。")
                };
                notes.push((msg, cx.label_span(st.hit)));
                None
            }
        };
        if let Some(vals) = vals {
            for (row, chunk) in st.rows.iter().zip(vals.chunks(7)) {
                read_rows += 1;
                for (key, t) in model::request_row_keys(row.key).iter().zip(chunk) {
                    cells.push(cx.cell(key.clone(), t.start, t.end, t.value.clone()));
                }
            }
        }
    }
    // A table whose rows mostly cannot be read (labels and numbers streamed
    // apart, as in text copied out of a PDF viewer) is not checked at all:
    // no guessing.
    // Rows a page simply does not show (a partial table) are not counted
    // against it: only the rows whose labels are there.
    let present: usize = stretches.iter().map(|s| s.rows.len()).sum();
    if read_rows * 3 < present.max(4) * 2 {
        let span = hits.first().map(|h| cx.label_span(h)).unwrap_or_default();
        let mut d = Diagnostic::new(
            rules::INCOMPLETE,
            Severity::Warning,
            format!(
                "表三只读出了 {read_rows} 行（应有 {} 行）：行名称和数字没有按行排在一起，本表不做核对。",
                expected.len()
            ),
        );
        d.span = Some(span);
        d.suggestion = Some(if empty_stretches >= 3 {
            ADVICE_PDF_VIEWER.to_string()
        } else {
            ADVICE_SCRAMBLED.to_string()
        });
        ex.diagnostics.push(d);
        return;
    }
    ex.cells.extend(cells);
    let first_note = ex.diagnostics.len();
    for (msg, span) in notes {
        incomplete(cx, ex, msg, span);
    }
    // Several labels with nothing after them: part of the table was
    // streamed apart, as a PDF viewer copies it.
    if empty_stretches >= 3 {
        if let Some(d) = ex.diagnostics.get_mut(first_note) {
            d.suggestion = Some(ADVICE_PDF_VIEWER.to_string());
        }
    }
    if !split_rows.is_empty() {
        split_summary(cx, ex, &split_rows);
    }
    let found: Vec<&str> = hits.iter().map(|h| h.spec.key).collect();
    let missing: Vec<&str> = expected
        .iter()
        .filter(|s| {
            !found.contains(&s.key)
                && !ex
                    .cells
                    .iter()
                    .any(|c| c.key.starts_with(&format!("requests.{}.", s.key)))
        })
        .map(|s| row_label(s.key))
        .collect();
    if !missing.is_empty() {
        let span = hits.first().map(|h| cx.label_span(h)).unwrap_or_default();
        incomplete(
            cx,
            ex,
            format!("表三中没有找到这些行：{}。", missing.join("、")),
            span,
        );
    }
}

/// Advice when labels and numbers were streamed apart by a PDF viewer.
const ADVICE_PDF_VIEWER: &str = "这段文字像是从PDF阅读器复制的，表格的行列已经打乱；请直接把PDF文件拖进来（或打开原Word/WPS文件）。";
/// Advice when a table's rows are out of shape for another reason.
const ADVICE_SCRAMBLED: &str =
    "表格的行列在复制或转换时打乱了；请从原Word/WPS文件或网页原文复制表格，或直接把PDF文件拖进来。";

/// Rows whose digits ran together and split more than one way: keep the
/// splits that make the whole table add up (results totals, the balance),
/// trying every combination of the rows' candidates at once.
fn resolve_runs(stretches: &mut [Stretch], single_other: bool) {
    const MAX_COMBOS: usize = 4096;
    let amb: Vec<usize> = stretches
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(&s.read, Read::Runs { cands, .. } if cands.len() > 1))
        .map(|(i, _)| i)
        .collect();
    if amb.is_empty() {
        return;
    }
    let combos = amb
        .iter()
        .try_fold(1usize, |acc, &i| match &stretches[i].read {
            Read::Runs { cands, .. } => acc.checked_mul(cands.len()),
            _ => Some(acc),
        });
    if combos.is_none_or(|c| c > MAX_COMBOS) {
        return;
    }
    let ints = |v: &[Tok]| -> Option<Vec<i64>> { v.iter().map(|t| t.value.as_int()).collect() };
    // The rows known without doubt.
    let mut known: Vec<(&'static str, Vec<i64>)> = Vec::new();
    for s in stretches.iter() {
        let vals = match &s.read {
            Read::Cells(v) => ints(v),
            Read::Runs { cands, .. } if cands.len() == 1 => ints(&cands[0]),
            _ => None,
        };
        if let Some(v) = vals {
            for (row, chunk) in s.rows.iter().zip(v.chunks(7)) {
                known.push((row.key, chunk.to_vec()));
            }
        }
    }
    let parts: Vec<&str> = model::result_parts(single_other).collect();
    let holds = |rows: &[(&'static str, Vec<i64>)]| -> bool {
        let get = |k: &str| rows.iter().find(|r| r.0 == k).map(|r| &r.1);
        let mut checked = false;
        for c in 0..7 {
            if let Some(t) = get("results_total") {
                let comp: Option<i64> = parts.iter().map(|p| get(p).map(|r| r[c])).sum();
                if let Some(sum) = comp {
                    checked = true;
                    if sum != t[c] {
                        return false;
                    }
                }
            }
            if let (Some(a), Some(b), Some(t), Some(o)) = (
                get("received"),
                get("carried_in"),
                get("results_total"),
                get("carried_out"),
            ) {
                checked = true;
                if a[c] + b[c] != t[c] + o[c] {
                    return false;
                }
            }
        }
        checked
    };
    let sizes: Vec<usize> = amb
        .iter()
        .map(|&i| match &stretches[i].read {
            Read::Runs { cands, .. } => cands.len(),
            _ => 1,
        })
        .collect();
    let total: usize = sizes.iter().product();
    let mut fits: Vec<Vec<usize>> = Vec::new();
    for mut k in 0..total {
        let choice: Vec<usize> = sizes
            .iter()
            .map(|n| {
                let c = k % n;
                k /= n;
                c
            })
            .collect();
        let mut rows = known.clone();
        for (&i, &c) in amb.iter().zip(&choice) {
            if let Read::Runs { cands, .. } = &stretches[i].read {
                if let Some(v) = cands.get(c).and_then(|v| ints(v)) {
                    rows.push((stretches[i].rows[0].key, v));
                }
            }
        }
        if holds(&rows) {
            fits.push(choice);
        }
    }
    // Each row keeps the splits some fitting combination uses: one left is
    // the reading; several are alternatives. No fit at all (the table has
    // an error of its own) decides nothing.
    if fits.is_empty() {
        return;
    }
    for (n, &i) in amb.iter().enumerate() {
        let mut used: Vec<usize> = fits.iter().map(|f| f[n]).collect();
        used.sort_unstable();
        used.dedup();
        if let Read::Runs { cands, .. } = &mut stretches[i].read {
            let kept: Vec<Vec<Tok>> = used.iter().filter_map(|&c| cands.get(c).cloned()).collect();
            if !kept.is_empty() {
                *cands = kept;
            }
        }
    }
}

/// Table 三 read by order: every line between the column headers and the
/// table's end that holds values must hold exactly seven (blanks written
/// between pipes or tabs count), and there must be `n` such lines.
fn by_order(cx: &Ctx, hits: &[Hit], stop: usize, n: usize) -> Option<Vec<Vec<Tok>>> {
    let c = cx.c;
    let first = hits.first()?.label_start;
    let back = c.floor(first.saturating_sub(1500));
    let hay = &c.text[back..c.floor(first)];
    let head_end = ["法律服务机构", "其他", "总计", "申请人情况"]
        .iter()
        .filter_map(|p| hay.rfind(p).map(|i| back + i + p.len()))
        .max()
        .unwrap_or(first);
    let start = c.src(head_end).min(stop);
    let text = cx.text.get(start..stop)?;
    let mut rows = Vec::new();
    let mut pos = start;
    for line in text.split_inclusive('\n') {
        let (ls, le) = (pos, pos + line.len());
        pos = le;
        let toks = tokens::scan(cx.text, ls, le);
        if !toks.iter().any(Tok::is_value) {
            continue;
        }
        rows.push(tokens::pick(&toks, 7)?);
        if rows.len() > n {
            return None;
        }
    }
    (rows.len() == n).then_some(rows)
}

fn row_label(key: &str) -> &'static str {
    model::request_row(key).map(|r| r.label).unwrap_or("")
}

/// One note for all the rows of table 三 whose digits ran together: how
/// each was split.
fn split_summary(cx: &Ctx, ex: &mut Extracted, rows: &[(&str, Vec<Tok>, bool)]) {
    let details: Vec<String> = rows
        .iter()
        .map(|(label, vals, forced)| {
            if *forced {
                format!("「{label}」{}（恰好 7 位数字，只有这一种拆法）", join(vals))
            } else {
                format!("「{label}」{}", join(vals))
            }
        })
        .collect();
    let mut d = Diagnostic::new(
        rules::SPLIT_DIGITS,
        Severity::Info,
        format!(
            "表三 {} 行数字粘连，已按合计拆分：{}。",
            rows.len(),
            details.join("；")
        ),
    );
    d.span = rows
        .iter()
        .flat_map(|r| r.1.first().zip(r.1.last()))
        .map(|(a, b)| cx.src.span(a.start, b.end))
        .reduce(Span::cover);
    ex.diagnostics.push(d);
}

/// Say that digits run together were split, and how.
fn split_note(cx: &Ctx, ex: &mut Extracted, what: &str, by: &str, vals: &[Tok]) {
    let mut d = Diagnostic::new(
        rules::SPLIT_DIGITS,
        Severity::Info,
        format!("{what}连在一起，已按{by}拆分为：{}。", join(vals)),
    );
    d.span = vals
        .first()
        .zip(vals.last())
        .map(|(a, b)| cx.src.span(a.start, b.end));
    ex.diagnostics.push(d);
}

fn join(vals: &[Tok]) -> String {
    vals.iter()
        .map(|t| match t.value {
            Value::Int(n) => n.to_string(),
            _ => "?".into(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn read_appeals(cx: &Ctx, after: usize, ex: &mut Extracted) {
    let c = cx.c;
    let anchor = c
        .find_any(&["复议后起诉"], after, usize::MAX)
        .or_else(|| c.find_any(&["行政诉讼"], after, usize::MAX))
        .or_else(|| {
            c.find_any(&["行政复议"], after, usize::MAX)
                .filter(|_| after > 0)
        });
    let Some((a_start, a_end)) = anchor else {
        return;
    };
    // Only a table: the header words must be there — or, when the headers
    // were lost (OCR reads them as 数据1…), exactly the table's 15 numbers.
    let head_from = c.floor(a_start.saturating_sub(600));
    let headed = c.text[head_from..c.floor((a_end + 900).min(c.text.len()))].contains("维持");
    let from = c.src_end(a_end, cx.text);
    let to = c
        .find_any(&["五、", "(一)"], a_end, a_end + 6000)
        .map(|m| c.src(m.0))
        .unwrap_or_else(|| c.src(a_end + 6000).max(from).min(cx.text.len()));
    let toks = tokens::scan(cx.text, from, to);
    let vals: Vec<Tok> = toks.iter().filter(|t| t.is_value()).cloned().collect();
    if !headed && vals.len() != 15 {
        return;
    }
    let chosen: Option<(Vec<Tok>, bool)> = if vals.len() >= 15 {
        Some((vals[..15].to_vec(), false))
    } else if let Some(p) = tokens::pick(&toks, 15) {
        Some((p, false))
    } else if let Some(p) = blank_lines(cx.text, from, to, &vals.iter().collect::<Vec<_>>(), 15) {
        Some((p, false))
    } else if !vals.is_empty()
        && vals.iter().all(|t| t.bare_digits)
        && one_line(cx, &vals.iter().collect::<Vec<_>>())
    {
        let runs: Vec<(usize, &str)> = vals
            .iter()
            .map(|t| (t.start, &cx.text[t.start..t.end]))
            .collect();
        let pieces = match split::split(&runs, 15, &split::appeal_sums) {
            Split::Unique(p) => Some(p),
            // Exactly 15 digits in one run: one way only, even if a group's
            // total breaks.
            Split::Unresolved if runs.len() == 1 => split::forced(&runs, 15),
            Split::Unresolved => None,
        };
        pieces.map(|p| {
            (
                p.into_iter()
                    .map(|(s, e, v)| Tok {
                        start: s,
                        end: e,
                        value: Value::Int(v),
                        bare_digits: true,
                    })
                    .collect(),
                true,
            )
        })
    } else {
        None
    };
    ex.tables.appeals = true;
    let label_span = cx.src.span(c.src(a_start), c.src_end(a_end, cx.text));
    match chosen {
        Some((vals, was_split)) => {
            for (t, key) in vals.iter().zip(model::appeal_keys()) {
                ex.cells
                    .push(cx.cell(key.clone(), t.start, t.end, t.value.clone()));
            }
            if was_split {
                let ints: Vec<i64> = vals.iter().filter_map(|t| t.value.as_int()).collect();
                let by = if split::appeal_sums(&ints) {
                    "各组合计"
                } else {
                    "位数（恰好 15 位数字，只有这一种拆法）"
                };
                split_note(cx, ex, "表四的 15 个数字", by, &vals);
            }
        }
        None => incomplete(
            cx,
            ex,
            format!(
                "表四：找到 {} 个数字，应有 15 个（三组各五项），无法核对。",
                vals.len()
            ),
            label_span,
        ),
    }
}

struct DSpec {
    key: &'static str,
    pats: &'static [&'static str],
}

const DISCLOSURE_PATS: &[DSpec] = &[
    DSpec {
        key: "regulations",
        pats: &["规章"],
    },
    DSpec {
        key: "normative_docs",
        pats: &["规范性文件"],
    },
    DSpec {
        key: "licensing",
        pats: &["行政许可"],
    },
    DSpec {
        key: "other_services",
        pats: &["其他对外管理服务事项", "其他对外管理"],
    },
    DSpec {
        key: "penalty",
        pats: &["行政处罚"],
    },
    DSpec {
        key: "coercion",
        pats: &["行政强制"],
    },
    DSpec {
        key: "fees",
        pats: &["行政事业性收费", "事业性收费"],
    },
    DSpec {
        key: "procurement",
        pats: &["政府集中采购", "集中采购"],
    },
];

fn read_disclosure(cx: &Ctx, end: usize, ex: &mut Extracted) {
    let c = cx.c;
    let heading = c
        .find_any(&["主动公开政府信息情况", "主动公开政府信息的情况"], 0, end)
        .map(|m| m.1)
        .unwrap_or(0);
    let Some((start, _)) = c.find_any(&["第二十条"], heading, end) else {
        return;
    };
    let version = ex.version.unwrap_or(Version::V2021);
    let rows = model::disclosure_rows(version);
    // Every label found, and the headings that bound regions.
    let mut found: Vec<(usize, usize, &model::DisclosureRow)> = Vec::new();
    for r in rows {
        let Some(spec) = DISCLOSURE_PATS.iter().find(|s| s.key == r.key) else {
            continue;
        };
        if let Some((s, e)) = c.find_any(spec.pats, start, end) {
            // 行政规范性文件: the label starts at 行政.
            let s = if r.key == "normative_docs" && c.before(s, 6) == "行政" {
                s - 6
            } else {
                s
            };
            found.push((s, e, r));
        }
    }
    if found.is_empty() {
        return;
    }
    ex.tables.disclosure = true;
    let mut bounds: Vec<usize> = found.iter().map(|f| f.0).collect();
    for pat in ["第二十条", "信息内容", "三、", "## "] {
        let mut from = start;
        while let Some((s, e)) = c.find_any(&[pat], from, end) {
            bounds.push(s);
            from = e;
        }
    }
    bounds.push(end);
    bounds.sort_unstable();
    let mut split_rows: Vec<(&str, Vec<Tok>)> = Vec::new();
    for (s, e, r) in &found {
        let next = bounds.iter().copied().find(|b| *b >= *e).unwrap_or(end);
        let (from, to) = (c.src_end(*e, cx.text), c.src(next));
        let n = r.cols.len();
        let label_span = cx.src.span(c.src(*s), c.src_end(*e, cx.text));
        match row_values(cx, from, to.max(from), n, &|_| true, true) {
            Some((vals, was_split)) => {
                if was_split {
                    split_rows.push((r.label, vals.clone()));
                }
                for (t, (col, _, _)) in vals.iter().zip(r.cols.iter()) {
                    ex.cells.push(cx.cell(
                        format!("disclosure.{}.{}", r.key, col),
                        t.start,
                        t.end,
                        t.value.clone(),
                    ));
                }
            }
            None => {
                let vals: Vec<Tok> = tokens::scan(cx.text, from, to.max(from))
                    .into_iter()
                    .filter(|t| t.is_value())
                    .collect();
                let digits: usize = vals
                    .iter()
                    .filter(|t| t.bare_digits)
                    .map(|t| cx.text[t.start..t.end].chars().count())
                    .sum();
                let runs = !vals.is_empty()
                    && vals.len() < n
                    && vals.iter().all(|t| t.bare_digits)
                    && digits > n;
                let msg = if runs {
                    let written: Vec<&str> =
                        vals.iter().map(|t| &cx.text[t.start..t.end]).collect();
                    format!(
                        "表二「{}」的数字连在一起（{}），拆成 {n} 格的方法不止一种，本行未读取。",
                        r.label,
                        written.join(" ")
                    )
                } else {
                    format!(
                        "表二「{}」：找到 {} 个数字，应有 {n} 个，本行未读取。",
                        r.label,
                        vals.len()
                    )
                };
                incomplete(cx, ex, msg, label_span);
            }
        }
    }
    if !split_rows.is_empty() {
        let details: Vec<String> = split_rows
            .iter()
            .map(|(label, vals)| format!("「{label}」{}", join(vals)))
            .collect();
        let mut d = Diagnostic::new(
            rules::SPLIT_DIGITS,
            Severity::Info,
            format!(
                "表二 {} 行数字粘连，已拆分（只有这一种拆法）：{}。",
                split_rows.len(),
                details.join("；")
            ),
        );
        d.span = split_rows
            .iter()
            .flat_map(|r| r.1.first().zip(r.1.last()))
            .map(|(a, b)| cx.src.span(a.start, b.end))
            .reduce(Span::cover);
        ex.diagnostics.push(d);
    }
}
