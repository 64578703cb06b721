//! Several reports in one text: two titles “20XX年…政府信息公开工作年度报告”
//! each followed by its own tables, or two 表三 blocks.
//!
//! [`check_all`] splits such a text at the titles and checks each part, with
//! spans into the whole text; [`several`] gives the warning that the one
//! report checked by `check` is not the only one in the text.

use crate::compact::Compact;
use crate::report::{Diagnostic, Report, Severity, Span};
use crate::rules;
use crate::source::Source;
use crate::statements;

/// The start of 表三 in compact text, confirmed by the next row's label.
const ANCHOR: &str = "本年新收政府信息公开申请数量";
const NEXT_ROW: &str = "上年结转政府信息公开申请数量";

/// What a text holds: where each 表三 starts (compact offsets) and, for each
/// after the first, where its report starts (offset in the scanned text),
/// when a title stands between it and the table before.
struct Layout {
    anchors: Vec<usize>,
    /// One per anchor after the first: the report's start, and its title.
    starts: Vec<Option<(usize, String)>>,
}

fn layout(text: &str, c: &Compact) -> Layout {
    let anchors: Vec<usize> = c
        .find_all(ANCHOR)
        .take(16)
        .filter(|&a| {
            let to = c.floor(a + ANCHOR.len() + 600);
            c.text
                .get(a + ANCHOR.len()..to)
                .is_some_and(|s| s.contains(NEXT_ROW))
        })
        .collect();
    if anchors.len() < 2 {
        return Layout {
            anchors,
            starts: Vec::new(),
        };
    }
    let titles = statements::titles(text, c);
    let starts = anchors
        .windows(2)
        .map(|w| {
            titles
                .iter()
                .rev()
                .find(|t| t.at > w[0] && t.at < w[1])
                .map(|t| {
                    let name = format!(
                        "{}{}政府信息公开工作年度报告",
                        t.unit.as_deref().unwrap_or(""),
                        t.year.map(|y| format!("{y}年")).unwrap_or_default()
                    );
                    (t.start, name)
                })
        })
        .collect();
    Layout { anchors, starts }
}

/// Whether the text may hold two 表三, found without a folded copy of the
/// whole text (the common case is one).
fn maybe_several(text: &str) -> bool {
    statements::loose_find(text, ANCHOR, 16)
        .into_iter()
        .filter(|&(_, e)| {
            let mut to = e.saturating_add(1200).min(text.len());
            while to < text.len() && !text.is_char_boundary(to) {
                to += 1;
            }
            text.get(e..to)
                .is_some_and(|w| !statements::loose_find(w, NEXT_ROW, 1).is_empty())
        })
        .count()
        >= 2
}

fn line_of(input: &str, at: usize) -> usize {
    input
        .get(..at)
        .map(|s| s.matches('\n').count())
        .unwrap_or(0)
        + 1
}

/// The warning for a text that holds more than one report (none when it
/// holds one): where the second begins.
pub fn several(input: &str, src: &Source) -> Vec<Diagnostic> {
    let text: &str = &src.text;
    if !maybe_several(text) {
        return Vec::new();
    }
    let c = &Compact::new(text);
    let l = layout(text, c);
    if l.anchors.len() < 2 {
        return Vec::new();
    }
    let second = l.anchors.get(1).copied().unwrap_or(0);
    let (span, what) = match l.starts.first() {
        Some(Some((start, name))) => (src.span(*start, *start), format!("“{name}”")),
        _ => (
            src.span(c.src(second), c.src_end(second + ANCHOR.len(), &src.text)),
            "第二张表三（“一、本年新收政府信息公开申请数量”）".to_string(),
        ),
    };
    let at = span.start;
    let mut d = Diagnostic::new(
        rules::SEVERAL,
        Severity::Warning,
        format!(
            "这段文字中有{}份年度报告（{}张表三），第二份从第{}行起：{what}。这里只核对了其中一份的表格，请把各份报告分开，逐份核对。",
            l.anchors.len(),
            l.anchors.len(),
            line_of(input, at)
        ),
    );
    d.span = Some(span);
    d.suggestion = Some("一次只粘贴一份报告。".into());
    vec![d]
}

/// Check every report in the text. A text with one report gives one report
/// (as [`crate::check`]); a text with several, each headed by its title,
/// gives one report per part, with spans into the whole text and `part`
/// set. When the parts cannot be told apart (no title between two 表三),
/// one report is given, with the warning that there are several.
pub fn check_all(input: &str) -> Vec<Report> {
    check_all_with(input, None)
}

/// [`check_all`], given what [`statements::heading`] found in this same
/// input: the title is then not looked for again, nor HTML read again (its
/// reading is taken out of the heading). Same reports.
pub fn check_all_with(input: &str, mut heading: Option<&mut statements::Heading>) -> Vec<Report> {
    let html = crate::source::looks_like_html(input);
    let known = heading.as_mut().and_then(|h| h.take_source(input, html));
    let src = match known {
        Some(s) => s,
        None if html => Source::html(input),
        None => Source::plain(input),
    };
    // The common case, one report: checked with the text already derived
    // (and already known to hold one 表三 at most).
    if !maybe_several(&src.text) {
        let title = heading.as_deref().and_then(|h| h.title_of(input, html));
        return vec![crate::run_with(input, src, false, title)];
    }
    let text: &str = &src.text;
    let whole = || {
        if html {
            crate::check_html(input)
        } else {
            crate::check_text(input)
        }
    };
    let c = Compact::new(text);
    let l = layout(text, &c);
    if l.anchors.len() < 2 || l.starts.iter().any(Option::is_none) {
        return vec![whole()];
    }
    let mut bounds = vec![0usize];
    for (s, _) in l.starts.iter().flatten() {
        let at = src.span(*s, *s).start;
        if at > bounds.last().copied().unwrap_or(0) {
            bounds.push(at);
        }
    }
    bounds.push(input.len());
    let n = bounds.len() - 1;
    let mut out = Vec::with_capacity(n);
    for (k, w) in bounds.windows(2).enumerate() {
        let (s, e) = (w[0], w[1]);
        let Some(part) = input.get(s..e) else {
            return vec![whole()];
        };
        let mut r = if html {
            crate::check_html(part)
        } else {
            crate::check_text(part)
        };
        shift(&mut r, s);
        r.part = Some(Span::new(s, e));
        let mut d = Diagnostic::new(
            rules::SEVERAL,
            Severity::Warning,
            format!(
                "这段文字中有{n}份年度报告，已按标题分开逐份核对；这是第{}份，从第{}行起。",
                k + 1,
                line_of(input, s)
            ),
        );
        d.span = Some(Span::new(s, s));
        d.suggestion =
            Some("各份报告已分别核对，无需处理；如果只想核对其中一份，请只粘贴那一份。".into());
        r.diagnostics.push(d);
        refresh(&mut r);
        out.push(r);
    }
    out
}

fn shift(r: &mut Report, by: usize) {
    let sh = |s: Span| Span::new(s.start + by, s.end + by);
    for c in &mut r.cells {
        c.span = sh(c.span);
    }
    for d in &mut r.diagnostics {
        d.span = d.span.map(sh);
    }
}

/// Sort the findings again and decide the verdict and mistakes again, after
/// findings were added to a report.
pub(crate) fn refresh(r: &mut Report) {
    r.diagnostics
        .sort_by_key(|d| (d.severity, d.span.map(|s| s.start).unwrap_or(usize::MAX)));
    let single_other = r.cells.iter().any(|c| c.key.starts_with("requests.other."));
    r.verdict = crate::verdict::verdict(&crate::verdict::Coverage {
        version: r.version,
        single_other,
        cells: &r.cells,
        diagnostics: &r.diagnostics,
    });
    r.mistakes = crate::verdict::mistakes(&r.cells, &r.diagnostics);
}
