//! The `human` output: each finding as an annotated snippet of the original
//! text (line number, the line, a caret line under the exact cells, aligned
//! for CJK by display width), the suggested fix, and a one-line summary.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;
use xxgk_validator::model::cell_label;
use xxgk_validator::report::Status;
use xxgk_validator::{Diagnostic, Report, Severity, Span};

/// Tabs are shown as this many spaces, so that carets line up.
const TAB_WIDTH: usize = 4;
/// Longer lines are cut around the marks.
const MAX_LINE_WIDTH: usize = 100;
/// At most this many source lines per finding; the rest are elided.
const MAX_LINES: usize = 6;

#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(self, sev: Severity, s: &str) -> String {
        self.paint(severity_color(sev), s)
    }
    fn gutter(self, s: &str) -> String {
        self.paint("1;34", s)
    }
    fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
    fn fix(self, s: &str) -> String {
        self.paint("1;32", s)
    }
    fn dim(self, s: &str) -> String {
        self.paint("2", s)
    }
}

fn severity_color(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// Where lines start in a text, for byte offset → (line, column).
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }
    /// 0-based line index of a byte offset.
    fn line_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
    /// Byte range of a line, without its line ending.
    fn range(&self, line: usize) -> (usize, usize) {
        let start = self.starts.get(line).copied().unwrap_or(self.text.len());
        let mut end = self
            .starts
            .get(line + 1)
            .map(|n| n - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end.max(start))
    }
    /// 1-based column in characters of a byte offset.
    fn column(&self, byte: usize) -> usize {
        let (start, _) = self.range(self.line_of(byte));
        self.text
            .get(start..byte)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1
    }
}

/// One underlined place in a line.
struct Mark {
    start: usize,
    end: usize,
    primary: bool,
    /// The cell's key, when the mark is a cell.
    key: Option<String>,
}

/// Clamp a span to the text and to char boundaries.
fn clamp(text: &str, s: Span) -> Span {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(s.start);
    Span::new(start, fix(s.end).max(start))
}

/// Render one file's findings and its summary line: first the mistakes
/// (one item per thing to fix, the broken rules it explains under it), then
/// the warnings and notes, then why the report could not be checked in full
/// (when so), and last the summary line.
pub fn render(
    out: &mut String,
    source: &str,
    text: &str,
    encoding: &str,
    lossy: bool,
    r: &Report,
    st: Style,
) {
    let lines = Lines::new(text);
    let mut shown = vec![false; r.diagnostics.len()];
    let n = r.mistakes.len();
    for (k, m) in r.mistakes.iter().enumerate() {
        let head = format!("要改的第 {} 处（共 {n} 处）", k + 1);
        let what = if m.cell.is_some() {
            m.message.clone()
        } else if m.diagnostics.iter().any(|&i| {
            r.diagnostics
                .get(i)
                .is_some_and(|d| !d.alternatives.is_empty())
        }) {
            format!("{}，无法确定是哪一格填错（可能的改法见下）", m.label)
        } else {
            // A finding no single cell explains: its own message says it.
            format!("{}（见下）", m.label)
        };
        let _ = writeln!(
            out,
            "{}{}{}",
            st.severity(Severity::Error, &head),
            st.bold("："),
            st.bold(&what)
        );
        let _ = writeln!(out);
        for &i in &m.diagnostics {
            if let (Some(d), Some(flag)) = (r.diagnostics.get(i), shown.get_mut(i)) {
                *flag = true;
                diagnostic(out, source, text, &lines, r, d, st, m.cell.is_some());
            }
        }
    }
    // Errors outside every mistake (none expected), then warnings and notes.
    for (d, _) in r.diagnostics.iter().zip(&shown).filter(|(_, s)| !**s) {
        diagnostic(out, source, text, &lines, r, d, st, false);
    }
    let v = &r.verdict;
    if v.status != Status::Clean && !v.reasons.is_empty() {
        let head = if v.status == Status::Incomplete {
            "未能完整核对"
        } else {
            "另有未核对的部分"
        };
        let _ = writeln!(out, "{}：", st.severity(Severity::Warning, head));
        for reason in &v.reasons {
            let _ = writeln!(out, "  · {reason}");
        }
        if let Some(a) = &v.advice {
            let _ = writeln!(out, "  {}", st.fix(&format!("建议：{a}")));
        }
    }
    let _ = writeln!(out, "{}", summary(source, encoding, lossy, r, st));
}

fn display_source(source: &str) -> &str {
    if source == "-" {
        "<stdin>"
    } else {
        source
    }
}

/// The verdict's words, coloured by status.
fn verdict_title(status: Status, st: Style) -> String {
    let sev = match status {
        Status::Errors => Severity::Error,
        Status::Incomplete => Severity::Warning,
        Status::Clean => return st.fix(status.title()),
    };
    st.severity(sev, status.title())
}

/// “path: v2021 2023年 · 有错误 · 要改 3 处（5 条规则不符）、1 处提醒”.
pub fn summary(source: &str, encoding: &str, lossy: bool, r: &Report, st: Style) -> String {
    let mut s = format!("{}: ", st.bold(display_source(source)));
    match r.version {
        Some(v) => s.push_str(v.key()),
        None => s.push_str("未识别格式"),
    }
    if let Some(y) = r.year {
        let _ = write!(s, " {y}年");
    }
    if r.html {
        s.push_str(" HTML");
    }
    if encoding != "UTF-8" || lossy {
        let _ = write!(
            s,
            " {encoding}{}",
            if lossy {
                "（有无法解码的字节）"
            } else {
                ""
            }
        );
    }
    let _ = write!(
        s,
        " · {} · {}",
        verdict_title(r.verdict.status, st),
        counts(r, st)
    );
    s
}

/// “要改 3 处（5 条规则不符）、1 处提醒、2 处说明” (zero counts of
/// warnings and notes left out, but never all of it).
fn counts(r: &Report, st: Style) -> String {
    let (e, w, i) = (
        r.count(Severity::Error),
        r.count(Severity::Warning),
        r.count(Severity::Info),
    );
    let mut parts = Vec::new();
    if e > 0 {
        parts.push(st.severity(
            Severity::Error,
            &format!("要改 {} 处（{e} 条规则不符）", r.mistakes.len()),
        ));
    } else {
        parts.push("0 处错误".to_string());
    }
    if w > 0 {
        parts.push(st.severity(Severity::Warning, &format!("{w} 处提醒")));
    } else {
        parts.push("0 处提醒".to_string());
    }
    if i > 0 {
        parts.push(format!("{i} 处说明"));
    }
    parts.join("、")
}

/// One line of the table shown after several files were checked.
pub struct Row {
    pub source: String,
    pub unit: Option<String>,
    pub year: Option<u32>,
    pub version: Option<&'static str>,
    pub status: Status,
    pub mistakes: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Row {
    /// `unit`: the issuing body, when the title names it (the core's
    /// reading of the title, which looks at the first 64 KB only).
    pub fn of(source: &str, unit: Option<String>, r: &Report) -> Row {
        Row {
            source: display_source(source).to_string(),
            unit,
            year: r.year,
            version: r.version.map(|v| v.key()),
            status: r.verdict.status,
            mistakes: r.mistakes.len(),
            errors: r.count(Severity::Error),
            warnings: r.count(Severity::Warning),
        }
    }
}

/// The compact table after several files: file, unit, year, version,
/// verdict, mistakes to fix (rules broken), warnings.
pub fn table(rows: &[Row], st: Style) -> String {
    let head = [
        "文件",
        "单位",
        "年度",
        "格式",
        "结论",
        "要改（规则不符）",
        "提醒",
    ];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.source.clone(),
                r.unit.clone().unwrap_or_else(|| "—".into()),
                r.year.map_or("—".into(), |y| y.to_string()),
                r.version.unwrap_or("—").to_string(),
                r.status.title().to_string(),
                if r.errors > 0 {
                    format!("{}（{}）", r.mistakes, r.errors)
                } else {
                    "0".into()
                },
                r.warnings.to_string(),
            ]
        })
        .collect();
    let width = |s: &str| -> usize { s.chars().map(|c| c.width().unwrap_or(0)).sum() };
    let mut w = head.map(width);
    for c in &cells {
        for (k, x) in c.iter().enumerate() {
            w[k] = w[k].max(width(x));
        }
    }
    let line = |c: &[String], paint: &dyn Fn(usize, &str) -> String| -> String {
        let mut s = String::new();
        for (k, x) in c.iter().enumerate() {
            if k > 0 {
                s.push_str("  ");
            }
            s.push_str(&paint(k, x));
            if k + 1 < c.len() {
                s.push_str(&" ".repeat(w[k] - width(x)));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = String::new();
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    let _ = writeln!(out, "{}", line(&head, &|_, x| st.bold(x)));
    for (c, r) in cells.iter().zip(rows) {
        let _ = writeln!(
            out,
            "{}",
            line(c, &|k, x| if k == 4 {
                verdict_title(r.status, st)
            } else {
                x.to_string()
            })
        );
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn diagnostic(
    out: &mut String,
    source: &str,
    text: &str,
    lines: &Lines,
    r: &Report,
    d: &Diagnostic,
    st: Style,
    in_mistake: bool,
) {
    let suspect_key = d.suspect.as_ref().map(|s| s.cell.as_str());
    let alt_keys: Vec<&str> = d
        .alternatives
        .iter()
        .flatten()
        .map(|s| s.cell.as_str())
        .collect();
    // The cells involved, the located one (or the alternatives) primary.
    let cell_mark = |k: &str, primary: bool| {
        let s = clamp(text, r.cell(k)?.span);
        Some(Mark {
            start: s.start,
            end: s.end,
            primary,
            key: Some(k.to_string()),
        })
    };
    let mut marks: Vec<Mark> = d
        .cells
        .iter()
        .filter_map(|k| {
            cell_mark(
                k,
                suspect_key == Some(k.as_str()) || alt_keys.contains(&k.as_str()),
            )
        })
        .collect();
    for k in suspect_key.into_iter().chain(alt_keys.iter().copied()) {
        if !marks.iter().any(|m| m.key.as_deref() == Some(k)) {
            marks.extend(cell_mark(k, true));
        }
    }
    marks.sort_by_key(|m| m.start);
    if marks.is_empty() {
        if let Some(s) = d.span {
            let s = clamp(text, s);
            marks.push(Mark {
                start: s.start,
                end: s.end,
                primary: true,
                key: None,
            });
        }
    }
    if !marks.iter().any(|m| m.primary) {
        // Nothing located: every involved cell is equally to be looked at.
        for m in &mut marks {
            m.primary = true;
        }
    }

    let head = format!("{}[{}]", d.severity.label(), d.rule);
    let _ = writeln!(
        out,
        "{}{} {}",
        st.severity(d.severity, &head),
        st.bold(":"),
        st.bold(&d.message)
    );

    // Where to point the location line: the located cell, else the first mark.
    let anchor = marks
        .iter()
        .find(|m| m.primary)
        .or(marks.first())
        .map(|m| m.start);
    let line_nums: Vec<usize> = {
        let mut v: Vec<usize> = marks.iter().map(|m| lines.line_of(m.start)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let width = line_nums
        .last()
        .map(|n| (n + 1).to_string().len())
        .unwrap_or(1);
    let pad = " ".repeat(width);
    match anchor {
        Some(a) => {
            let _ = writeln!(
                out,
                "{pad}{} {}:{}:{}",
                st.gutter("-->"),
                display_source(source),
                lines.line_of(a) + 1,
                lines.column(a)
            );
        }
        None => {
            let _ = writeln!(out, "{pad}{} {}", st.gutter("-->"), display_source(source));
        }
    }

    if !line_nums.is_empty() {
        let shown = choose_lines(&line_nums, &marks, lines, r);
        let _ = writeln!(out, "{pad} {}", st.gutter("|"));
        let mut prev: Option<usize> = None;
        for &ln in &shown {
            if let Some(p) = prev {
                if ln > p + 1 {
                    let hidden = marks
                        .iter()
                        .filter(|m| (p + 1..ln).contains(&lines.line_of(m.start)))
                        .count();
                    if hidden > 0 {
                        let _ = writeln!(
                            out,
                            "{} {}",
                            st.gutter("..."),
                            st.dim(&format!("（省略 {hidden} 格）"))
                        );
                    } else {
                        let _ = writeln!(out, "{}", st.gutter("..."));
                    }
                }
            }
            prev = Some(ln);
            let (ls, le) = lines.range(ln);
            let on_line: Vec<&Mark> = marks
                .iter()
                .filter(|m| lines.line_of(m.start) == ln)
                .collect();
            let num = format!("{:>width$}", ln + 1);
            for seg in annotate(text, ls, le, &on_line, d.severity, st) {
                let _ = writeln!(out, "{} {} {}", st.gutter(&num), st.gutter("|"), seg.src);
                let here: Vec<&Mark> = seg
                    .marks
                    .iter()
                    .filter_map(|&i| on_line.get(i).copied())
                    .collect();
                let label = line_label(&here, d, st);
                if label.is_empty() {
                    let _ = writeln!(out, "{pad} {} {}", st.gutter("|"), seg.under);
                } else {
                    let _ = writeln!(out, "{pad} {} {} {label}", st.gutter("|"), seg.under);
                }
            }
        }
    }

    if let Some(f) = &d.formula {
        let _ = writeln!(out, "{pad} {} 公式：{f}", st.gutter("="));
    }
    let alternatives = || -> String {
        d.alternatives
            .iter()
            .map(|set| {
                set.iter()
                    .map(|s| format!("{}应为 {}", cell_label(&s.cell), s.expected))
                    .collect::<Vec<_>>()
                    .join("，并且")
            })
            .collect::<Vec<_>>()
            .join("；或")
    };
    if in_mistake {
        // The mistake's heading says what to change; only the other
        // possibilities are added here.
        if !d.alternatives.is_empty() {
            let _ = writeln!(out, "{pad} {} 也可能：{}", st.gutter("="), alternatives());
        }
    } else if let (Some(_), Some(sug)) = (&d.suspect, &d.suggestion) {
        // The core's suggestion names the cell, its partner and the
        // alternatives in one sentence.
        let _ = writeln!(
            out,
            "{pad} {} {}",
            st.gutter("="),
            st.fix(&format!("建议：{sug}"))
        );
    } else if let Some(s) = &d.suspect {
        let _ = writeln!(
            out,
            "{pad} {} {}",
            st.gutter("="),
            st.fix(&format!("建议：{}应为 {}", cell_label(&s.cell), s.expected))
        );
        if !d.alternatives.is_empty() {
            let _ = writeln!(out, "{pad} {} 也可能：{}", st.gutter("="), alternatives());
        }
    } else if !d.alternatives.is_empty() {
        let _ = writeln!(
            out,
            "{pad} {} 有几种可能，无法确定是哪一格：{}",
            st.gutter("="),
            alternatives()
        );
    }
    if let Some(info) = xxgk_validator::rules::info(d.rule) {
        let _ = writeln!(
            out,
            "{pad} {} {}",
            st.gutter("="),
            st.dim(&format!("说明：{}", info.fix))
        );
    }
    out.push('\n');
}

/// The words after a caret line: the fix for a located cell shown there
/// (and the other possible fixes), and, when it shows one cell, which cell.
/// With several cells on the line, each fix names its column.
fn line_label(marks: &[&Mark], d: &Diagnostic, st: Style) -> String {
    let single = marks.len() == 1;
    // Cells of one row are told apart by their column; else by full label.
    let row = |k: &str| k.rsplit_once('.').map(|(r, _)| r.to_string());
    let first_row = marks.iter().find_map(|m| m.key.as_deref().and_then(row));
    let one_row = marks
        .iter()
        .all(|m| m.key.as_deref().and_then(row) == first_row);
    let mut labels: Vec<String> = Vec::new();
    for m in marks {
        let Some(k) = m.key.as_deref() else { continue };
        let name = match (single, one_row) {
            (true, _) => String::new(),
            (false, true) => short_label(k),
            (false, false) => cell_label(k),
        };
        if let Some(s) = d.suspect.as_ref().filter(|s| s.cell == k) {
            labels.push(st.fix(&format!("{name}应为 {}", s.expected)));
        }
        // Alternatives over several rows are listed in the note below only.
        let alts = d
            .alternatives
            .iter()
            .flatten()
            .filter(|_| single || one_row);
        for a in alts.filter(|a| a.cell == k) {
            let or = if d.suspect.is_some() { "或" } else { "可能" };
            labels.push(st.severity(Severity::Warning, &format!("{name}{or}应为 {}", a.expected)));
        }
    }
    let label = labels.join(" ");
    match marks {
        [Mark { key: Some(k), .. }] if label.is_empty() => st.dim(&cell_label(k)),
        [Mark { key: Some(k), .. }] => format!("{}：{label}", cell_label(k)),
        _ => label,
    }
}

/// The last 「…」 of a cell's label: its column (or appeals column).
fn short_label(key: &str) -> String {
    let l = cell_label(key);
    match (l.rfind('「'), l.rfind('」')) {
        (Some(a), Some(b)) if a < b => l[a..b + '」'.len_utf8()].to_string(),
        _ => l,
    }
}

/// The lines to show: all when few; else the first and the last, every
/// line with a primary mark, then lines with non-zero cells (they make the
/// sums), up to `MAX_LINES`.
fn choose_lines(nums: &[usize], marks: &[Mark], lines: &Lines, r: &Report) -> Vec<usize> {
    if nums.len() <= MAX_LINES {
        return nums.to_vec();
    }
    let line_of = |m: &Mark| lines.line_of(m.start);
    let mut keep: Vec<usize> = vec![nums[0], nums[nums.len() - 1]];
    keep.extend(marks.iter().filter(|m| m.primary).map(line_of));
    keep.sort_unstable();
    keep.dedup();
    let nonzero = marks.iter().filter(|m| {
        let v = m
            .key
            .as_deref()
            .and_then(|k| r.cell(k))
            .and_then(|c| c.value.as_f64());
        v.is_some_and(|v| v != 0.0)
    });
    for l in nonzero.map(line_of) {
        if keep.len() >= MAX_LINES {
            break;
        }
        if !keep.contains(&l) {
            keep.push(l);
        }
    }
    keep.sort_unstable();
    keep
}

/// One shown piece of a source line: its text, the caret line under it,
/// and which of the line's marks it shows (indices into the marks given).
struct Segment {
    src: String,
    under: String,
    marks: Vec<usize>,
}

/// At most this many pieces of one long line per finding.
const MAX_SEGMENTS: usize = 4;
/// Columns of context shown before the first mark of a cut line.
const CONTEXT: usize = 16;

/// The shown text of one line and the caret line under it. A line wider
/// than `MAX_LINE_WIDTH` is cut into windows around its marks: one piece per
/// cluster of marks that fits a window (pieces with a primary mark first in
/// importance, at most `MAX_SEGMENTS`), in line order.
fn annotate(
    text: &str,
    ls: usize,
    le: usize,
    marks: &[&Mark],
    sev: Severity,
    st: Style,
) -> Vec<Segment> {
    // Display columns of every char shown (start column, width, byte
    // offset). A long line is only looked at in bounded windows around the
    // marks, each gap between them one '…': memory and time follow what is
    // printed, not the length of the line (a whole HTML page can be one line).
    let mut cols: Vec<(usize, usize, usize, char)> = Vec::new();
    let mut col = 0;
    let mut seen = ls;
    for (a, b) in views(text, ls, le, marks) {
        if a > seen {
            cols.push((col, 1, seen, '…'));
            col += 1;
        }
        for (i, ch) in text.get(a..b).unwrap_or("").char_indices() {
            let w = if ch == '\t' {
                TAB_WIDTH
            } else {
                ch.width().unwrap_or(0)
            };
            cols.push((col, w, a + i, ch));
            col += w;
        }
        seen = b;
    }
    if seen < le {
        cols.push((col, 1, seen, '…'));
        col += 1;
    }
    let total = col;
    let col_of = |byte: usize| -> usize {
        let i = cols.partition_point(|c| c.2 < byte);
        cols.get(i).map(|c| c.0).unwrap_or(total)
    };
    // Column ranges of the marks; an empty span gets one caret.
    let ranges: Vec<(usize, usize, bool)> = marks
        .iter()
        .map(|m| {
            let a = col_of(m.start);
            let b = col_of(m.end.min(le)).max(a + 1);
            (a, b, m.primary)
        })
        .collect();
    if total <= MAX_LINE_WIDTH {
        let (src, under) = window(&cols, total, 0, total, &ranges, sev, st);
        return vec![Segment {
            src,
            under,
            marks: (0..marks.len()).collect(),
        }];
    }
    // Cluster the marks (in column order) into windows.
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| ranges[i].0);
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match clusters.last_mut() {
            Some(c) if ranges[i].1 <= ranges[c[0]].0 + MAX_LINE_WIDTH - CONTEXT => c.push(i),
            _ => clusters.push(vec![i]),
        }
    }
    if clusters.len() > MAX_SEGMENTS {
        let has_primary = |c: &Vec<usize>| c.iter().any(|&i| ranges[i].2);
        let mut keep: Vec<usize> = (0..clusters.len())
            .filter(|&k| has_primary(&clusters[k]))
            .collect();
        keep.truncate(MAX_SEGMENTS);
        // Then the last piece (where a column's total is), then the first.
        let last = clusters.len() - 1;
        for k in std::iter::once(last).chain(0..clusters.len()) {
            if keep.len() >= MAX_SEGMENTS {
                break;
            }
            if !keep.contains(&k) {
                keep.push(k);
            }
        }
        keep.sort_unstable();
        clusters = keep
            .into_iter()
            .map(|k| std::mem::take(&mut clusters[k]))
            .collect();
    }
    clusters
        .into_iter()
        .map(|c| {
            let first = c.iter().map(|&i| ranges[i].0).min().unwrap_or(0);
            let mut w0 = first.saturating_sub(CONTEXT);
            let w1 = (w0 + MAX_LINE_WIDTH).min(total);
            if w1 - w0 < MAX_LINE_WIDTH {
                w0 = w1.saturating_sub(MAX_LINE_WIDTH);
            }
            let rs: Vec<_> = c.iter().map(|&i| ranges[i]).collect();
            let (src, under) = window(&cols, total, w0, w1, &rs, sev, st);
            Segment {
                src,
                under,
                marks: c,
            }
        })
        .collect()
}

/// Lines longer than this many bytes are only looked at around the marks.
const LONG_LINE: usize = 8 * 1024;
/// Bytes looked at on each side of a mark in a long line: enough for a full
/// window of `MAX_LINE_WIDTH` columns of any characters (≤ 4 bytes each).
const VIEW_BYTES: usize = 4 * (MAX_LINE_WIDTH + CONTEXT);

/// The byte ranges of line `ls..le` to look at: the whole line when short;
/// else merged windows around the marks (a long mark counts by its start),
/// on char boundaries. The total is bounded by the number of marks.
fn views(text: &str, ls: usize, le: usize, marks: &[&Mark]) -> Vec<(usize, usize)> {
    if le.saturating_sub(ls) <= LONG_LINE {
        return vec![(ls, le)];
    }
    let floor = |mut i: usize| {
        while i > ls && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut w: Vec<(usize, usize)> = marks
        .iter()
        .map(|m| {
            let s = m.start.clamp(ls, le);
            let e = m.end.clamp(s, le).min(s.saturating_add(VIEW_BYTES));
            (
                floor(s.saturating_sub(VIEW_BYTES).max(ls)),
                floor(e.saturating_add(VIEW_BYTES).min(le)),
            )
        })
        .collect();
    w.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(w.len());
    for (a, b) in w {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Render columns `w0..w1` of a line, with '…' where it is cut, and the
/// caret line: '^' under primary marks, '-' under the others.
fn window(
    cols: &[(usize, usize, usize, char)],
    total: usize,
    w0: usize,
    w1: usize,
    ranges: &[(usize, usize, bool)],
    sev: Severity,
    st: Style,
) -> (String, String) {
    let mut src = String::new();
    let lead = usize::from(w0 > 0);
    if w0 > 0 {
        src.push('…');
    }
    for &(c, w, _, ch) in cols {
        if c < w0 {
            // A wide char cut by the window's left edge: keep the columns.
            if c + w > w0 {
                src.push_str(&" ".repeat(c + w - w0));
            }
            continue;
        }
        if c + w > w1 {
            continue;
        }
        if ch == '\t' {
            src.push_str(&" ".repeat(TAB_WIDTH));
        } else if ch.is_control() {
            src.push(' ');
        } else {
            src.push(ch);
        }
    }
    if w1 < total {
        src.push('…');
    }
    let width = w1 - w0 + lead + 1;
    let mut under = vec![' '; width];
    for &(a, b, primary) in ranges {
        let (a, b) = (a.max(w0), b.min(w1.max(a + 1)));
        for x in a..b {
            if let Some(slot) = under.get_mut(x - w0 + lead) {
                if primary || *slot == ' ' {
                    *slot = if primary { '^' } else { '-' };
                }
            }
        }
    }
    let under: String = under.into_iter().collect();
    let under = under.trim_end();
    // Colour the runs of carets.
    let mut painted = String::new();
    let mut run = String::new();
    let mut run_ch = ' ';
    for ch in under.chars() {
        if ch != run_ch && !run.is_empty() {
            painted.push_str(&paint_run(&run, run_ch, sev, st));
            run.clear();
        }
        run_ch = ch;
        run.push(ch);
    }
    painted.push_str(&paint_run(&run, run_ch, sev, st));
    (src, painted)
}

fn paint_run(run: &str, ch: char, sev: Severity, st: Style) -> String {
    match ch {
        '^' => st.severity(sev, run),
        '-' => st.gutter(run),
        _ => run.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_align_under_cjk_and_tabs() {
        let text = "表三\t总计 12\n下一行";
        let start = text.find("12").unwrap_or(0);
        let m = Mark {
            start,
            end: start + 2,
            primary: true,
            key: None,
        };
        let lines = Lines::new(text);
        let (ls, le) = lines.range(0);
        let segs = annotate(text, ls, le, &[&m], Severity::Error, Style { color: false });
        let (src, under) = (&segs[0].src, &segs[0].under);
        assert_eq!(src, "表三    总计 12");
        // 表三 = 4 columns, tab = 4, 总计 = 4, space = 1 → column 13.
        assert_eq!(*under, format!("{}^^", " ".repeat(13)));
        assert_eq!(lines.line_of(text.find("下").unwrap_or(0)), 1);
        assert_eq!(lines.column(start), 7);
    }

    #[test]
    fn empty_span_gets_one_caret() {
        let text = "a  b";
        let m = Mark {
            start: 2,
            end: 2,
            primary: true,
            key: None,
        };
        let segs = annotate(text, 0, 4, &[&m], Severity::Warning, Style { color: false });
        assert_eq!(segs[0].under, "  ^");
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let text = format!("{}目标{}", "字".repeat(200), "尾".repeat(200));
        let start = text.find("目标").unwrap_or(0);
        let m = Mark {
            start,
            end: start + "目标".len(),
            primary: true,
            key: None,
        };
        let segs = annotate(
            &text,
            0,
            text.len(),
            &[&m],
            Severity::Error,
            Style { color: false },
        );
        assert_eq!(segs.len(), 1);
        let (src, under) = (&segs[0].src, &segs[0].under);
        assert!(src.starts_with('…') && src.ends_with('…') && src.contains("目标"));
        let caret_col = under.find('^').unwrap_or(0);
        let before = &src[..src.find("目标").unwrap_or(0)];
        let before_w: usize = before.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(caret_col, before_w);
    }

    #[test]
    fn a_huge_line_is_only_looked_at_around_its_marks() {
        // 3 MB on one line, the mark in the middle: what is looked at is
        // bounded by the marks, not by the line.
        let text = format!("{}目标{}", "字".repeat(500_000), "尾".repeat(500_000));
        let start = text.find("目标").unwrap_or(0);
        let m = Mark {
            start,
            end: start + "目标".len(),
            primary: true,
            key: None,
        };
        let v = views(&text, 0, text.len(), &[&m]);
        let looked: usize = v.iter().map(|(a, b)| b - a).sum();
        assert!(looked <= 2 * VIEW_BYTES + 6, "{looked}");
        assert!(v
            .iter()
            .all(|&(a, b)| text.is_char_boundary(a) && text.is_char_boundary(b)));
        let segs = annotate(
            &text,
            0,
            text.len(),
            &[&m],
            Severity::Error,
            Style { color: false },
        );
        assert_eq!(segs.len(), 1);
        let (src, under) = (&segs[0].src, &segs[0].under);
        assert!(src.starts_with('…') && src.ends_with('…') && src.contains("目标"));
        let before = &src[..src.find("目标").unwrap_or(0)];
        let before_w: usize = before.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(under.find('^'), Some(before_w));
        assert!(src.chars().count() < 2 * MAX_LINE_WIDTH);
    }

    #[test]
    fn far_apart_marks_on_a_long_line_get_a_piece_each() {
        let text = format!(
            "{}A{}B{}",
            "字".repeat(100),
            "字".repeat(100),
            "字".repeat(100)
        );
        let a = text.find('A').unwrap_or(0);
        let b = text.find('B').unwrap_or(0);
        let ma = Mark {
            start: a,
            end: a + 1,
            primary: false,
            key: None,
        };
        let mb = Mark {
            start: b,
            end: b + 1,
            primary: true,
            key: None,
        };
        let segs = annotate(
            &text,
            0,
            text.len(),
            &[&ma, &mb],
            Severity::Error,
            Style { color: false },
        );
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].marks, vec![0]);
        assert_eq!(segs[1].marks, vec![1]);
        for (seg, (ch, caret)) in segs.iter().zip([('A', '-'), ('B', '^')]) {
            let before = &seg.src[..seg.src.find(ch).unwrap_or(0)];
            let w: usize = before.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(
                seg.under.chars().nth(w),
                Some(caret),
                "{}\n{}",
                seg.src,
                seg.under
            );
        }
    }
}
