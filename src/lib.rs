//! xxgk-validator: reads the statistical tables of a 政府信息公开工作年度报告
//! from text as people paste it (or HTML), and checks their arithmetic.
//!
//! The whole public surface is [`check`], [`check_text`] and [`check_html`],
//! each returning a [`Report`]; [`wire`] shapes a report for JSON. The core
//! never panics and never fails: any input yields a report.
//! See ARCHITECTURE.md for the code map.

mod check;
mod compact;
pub mod compare;
mod extract;
pub mod input;
mod locate;
pub mod model;
mod narrative;
mod radicals;
pub mod report;
mod reports;
pub mod rules;
mod search;
mod source;
mod split;
pub mod statements;
mod tokens;
pub mod verdict;
#[cfg(target_arch = "wasm32")]
mod wasm;
pub mod wire;

pub use model::Version;
pub use report::{
    Cell, Diagnostic, Mistake, Report, Severity, Span, Status, Suspect, TablesFound, Value, Verdict,
};
pub use reports::{check_all, check_all_with};
pub use source::looks_like_html;

/// Check one report given as text; HTML (a saved page or a clipboard
/// fragment with `<table>`) is recognised and read as HTML.
pub fn check(input: &str) -> Report {
    if source::looks_like_html(input) {
        check_html(input)
    } else {
        check_text(input)
    }
}

/// Check one report given as plain text, even if it contains markup.
pub fn check_text(input: &str) -> Report {
    run(input, source::Source::plain(input))
}

/// Check one report given as HTML.
pub fn check_html(input: &str) -> Report {
    run(input, source::Source::html(input))
}

fn run(input: &str, src: source::Source) -> Report {
    run_with(input, src, true, None)
}

/// [`run`]; `may_be_several`: false when the caller already knows the text
/// holds one 表三 at most (no warning about several reports to look for);
/// `title`: the first title of `src.text`, when already found.
pub(crate) fn run_with(
    input: &str,
    src: source::Source,
    may_be_several: bool,
    title: Option<&statements::TitleAt>,
) -> Report {
    let mut ex = extract::extract(input, &src);
    let year = ex.year;
    let mut diagnostics = std::mem::take(&mut ex.diagnostics);
    diagnostics.extend(check::check(&ex.cells, ex.version, ex.single_other));
    diagnostics.extend(narrative::check(&ex.statements, &ex.cells));
    let stated = statements::check(input, &src, ex.version, ex.tables, title);
    diagnostics.extend(stated.diagnostics);
    if may_be_several {
        diagnostics.extend(reports::several(input, &src));
    }
    if ex.old_template {
        let mut d = Diagnostic::new(
            rules::NOT_FOUND,
            Severity::Warning,
            "这是2019年以前的旧格式报告，不适用现行表格：它的统计表（申请数、办结数、同意公开等）与现行格式不同，本工具不核对其中的数字。".into(),
        );
        d.span = Some(Span::new(0, 0));
        d.suggestion = Some("2019年以前的旧格式报告不在核对范围内；如需核对，请使用按现行格式（2019年或2021年版）编制的年度报告。".into());
        diagnostics.push(d);
    } else if !ex.tables.any() {
        let mut d = Diagnostic::new(
            rules::NOT_FOUND,
            Severity::Warning,
            "未找到标准表格：这段文字中没有政府信息公开年度报告格式规定的统计表（主动公开、依申请公开、复议诉讼）。可能不是年度报告、是2019年以前的旧式报告，或表格是图片。".into(),
        );
        d.span = Some(Span::new(0, 0));
        d.suggestion = Some("请确认粘贴的是年度报告全文（含三张统计表）；如果表格在PDF里是图片，请用原始Word/WPS文件。".into());
        diagnostics.push(d);
    } else {
        format_warnings(&ex, year, &mut diagnostics);
    }
    // Most severe first; within a severity, in reading order.
    diagnostics.sort_by_key(|d| (d.severity, d.span.map(|s| s.start).unwrap_or(usize::MAX)));
    let verdict = verdict::verdict(&verdict::Coverage {
        version: ex.version,
        single_other: ex.single_other,
        cells: &ex.cells,
        diagnostics: &diagnostics,
    });
    let mistakes = verdict::mistakes(&ex.cells, &diagnostics);
    Report {
        version: ex.version,
        year,
        html: src.html,
        tables: ex.tables,
        cells: ex.cells,
        diagnostics,
        mistakes,
        verdict,
        unit: stated.unit,
        part: None,
    }
}

fn format_warnings(ex: &extract::Extracted, year: Option<u32>, out: &mut Vec<Diagnostic>) {
    let first = ex.cells.first().map(|c| c.span);
    if let (Some(Version::V2019), Some(y)) = (ex.version, year) {
        if y >= 2021 {
            let mut d = Diagnostic::new(
                rules::OLD_FORMAT,
                Severity::Warning,
                format!("这是{y}年度的报告，却使用了2019年版表格；2021年度起应使用国办公开办函〔2021〕30号规定的新格式。"),
            );
            d.span = first;
            out.push(d);
        }
    }
    if ex.version == Some(Version::V2021)
        && ex.single_other
        && ex
            .cells
            .iter()
            .any(|c| c.key.starts_with("requests.other."))
    {
        let mut d = Diagnostic::new(
            rules::SINGLE_OTHER,
            Severity::Warning,
            "表三「（六）其他处理」只有一行；2021年版格式应分为三个子项（逾期不补正、逾期未缴费、其他）。合计仍按一行核对。".into(),
        );
        d.cells = model::REQUEST_COLS
            .iter()
            .map(|c| format!("requests.other.{}", c.0))
            .collect();
        d.span = ex
            .cells
            .iter()
            .filter(|c| c.key.starts_with("requests.other."))
            .map(|c| c.span)
            .reduce(Span::cover);
        out.push(d);
    }
}
