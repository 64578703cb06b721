//! Every real report in the corpus (`$XXGK_CORPUS` or `../shared/corpus`,
//! found by build.rs), read and checked: the values the tables really hold,
//! the errors their publishers really made, and nothing else. Corpus files are
//! read in place (other people's documents, never copied here). Without a
//! corpus every test here is listed as ignored, with the reason; the
//! project's own generated reports (tests/fixtures.rs) run everywhere.

use xxgk_validator::{check, Report, Severity, Value, Version};

#[path = "support/cells.rs"]
mod cells;
use cells::{appeals, int, row};

fn corpus(name: &str) -> String {
    let dir = option_env!("XXGK_CORPUS_DIR").unwrap_or("../shared/corpus");
    let path = format!("{dir}/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    String::from_utf8(bytes).expect("corpus files are UTF-8")
}

fn run(name: &str) -> (String, Report) {
    let text = corpus(name);
    let r = check(&text);
    // Positions are exact: every cell's span slices the input to its text.
    for c in &r.cells {
        assert_eq!(
            &text[c.span.start..c.span.end],
            c.text,
            "{name}: span of {}",
            c.key
        );
    }
    (text, r)
}

fn errors(r: &Report) -> Vec<(&str, Option<(&str, i64)>)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.rule,
                d.suspect.as_ref().map(|s| (s.cell.as_str(), s.expected)),
            )
        })
        .collect()
}

fn rules_of(r: &Report, sev: Severity) -> Vec<&str> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == sev)
        .map(|d| d.rule)
        .collect()
}

/// A clean report: all three tables, 200 (v2021) cells, no error, no warning.
fn assert_clean(r: &Report, version: Version) {
    assert_eq!(r.version, Some(version));
    assert!(
        r.tables.disclosure && r.tables.requests && r.tables.appeals,
        "{:?}",
        r.tables
    );
    assert_eq!(errors(r), vec![], "{:#?}", r.diagnostics);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn seed_000_one_cell_per_line_is_clean() {
    let (_, r) = run("seed-000_1969cc7526291166.txt");
    assert_clean(&r, Version::V2021);
    assert_eq!(rules_of(&r, Severity::Warning), Vec::<&str>::new());
    assert_eq!(r.year, Some(2022));
    assert_eq!(r.cells.len(), 10 + 25 * 7 + 15);
    assert_eq!(int(&r, "disclosure.penalty.decisions"), 8);
    assert_eq!(
        r.cell("disclosure.fees.amount").map(|c| c.value.clone()),
        Some(Value::Decimal(168.61))
    );
    assert_eq!(
        r.cell("disclosure.fees.amount").map(|c| c.text.as_str()),
        Some("168.61")
    );
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn seed_001_errors_are_found_and_located() {
    let (text, r) = run("seed-001_e29df57cb4037e37.txt");
    assert_eq!(r.version, Some(Version::V2019));
    assert_eq!(r.year, Some(2020));
    // Stray spaces (NBSP) around numbers are not part of the value.
    assert_eq!(row(&r, "received"), vec![3, 0, 0, 0, 0, 0, 3]);
    assert_eq!(row(&r, "granted"), vec![3, 0, 0, 0, 0, 0, 3]);
    assert_eq!(row(&r, "results_total"), vec![0; 7]);
    assert_eq!(int(&r, "disclosure.licensing.change"), 170);
    assert_eq!(
        r.cell("disclosure.licensing.change")
            .map(|c| c.text.as_str()),
        Some("+170")
    );
    assert_eq!(int(&r, "disclosure.fees.change"), -5);
    assert_eq!(
        r.cell("disclosure.procurement.amount")
            .map(|c| c.text.as_str()),
        Some("28204万元")
    );
    assert_eq!(appeals(&r, "review"), vec![0, 0, 1, 0, 0]);

    let mut errs = errors(&r);
    errs.sort();
    assert_eq!(
        errs,
        vec![
            ("appeals.group_total", Some(("appeals.review.total", 1))),
            (
                "requests.balance",
                Some(("requests.results_total.natural", 3))
            ),
            (
                "requests.balance",
                Some(("requests.results_total.total", 3))
            ),
            (
                "requests.results_total",
                Some(("requests.results_total.natural", 3))
            ),
            (
                "requests.results_total",
                Some(("requests.results_total.total", 3))
            ),
        ]
    );
    // The balance finding states both sides and the difference, as printed.
    let bal = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "requests.balance")
        .expect("balance");
    assert!(
        bal.message.contains("一(3)+二(0)=3，三(0)+四(0)=0，相差 3"),
        "{}",
        bal.message
    );
    assert_eq!(
        (bal.expected, bal.actual, bal.difference()),
        (Some(3), Some(0), Some(-3))
    );
    // Every involved cell is named, and the span covers them.
    assert_eq!(bal.cells.len(), 4);
    let sp = bal.span.expect("span");
    let first = r.cell("requests.received.natural").expect("cell").span;
    let last = r.cell("requests.carried_out.natural").expect("cell").span;
    assert_eq!((sp.start, sp.end), (first.start, last.end));
    assert!(text[sp.start..sp.end].contains("总计"));
    // The appeals finding says which other single change would also mend it.
    let ap = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "appeals.group_total")
        .expect("appeals");
    let sug = ap.suggestion.as_deref().unwrap_or("");
    assert!(sug.contains("「总计」应为 1"), "{sug}");
    assert!(
        !ap.message.contains("应为"),
        "the fix is apart: {}",
        ap.message
    );
    assert_eq!(ap.alternatives.len(), 1);
    assert_eq!(ap.alternatives[0][0].cell, "appeals.review.other");
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn seed_002_lone_pipe_rows_all_zero() {
    let (_, r) = run("seed-002_1f2f97cfe36f738a.txt");
    assert_clean(&r, Version::V2021);
    assert_eq!(r.cells.len(), 200);
    assert!(r.cells.iter().all(|c| c.value == Value::Int(0)), "all zero");
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn seed_003_tabs_with_lost_leading_tabs() {
    let (_, r) = run("seed-003_924043a2ff6d2acf.txt");
    assert_clean(&r, Version::V2021);
    assert_eq!(r.cells.len(), 200);
    assert_eq!(int(&r, "disclosure.licensing.decisions"), 28);
    assert_eq!(row(&r, "refused_confirm"), vec![0; 7]);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn seed_004_headings_with_stray_marks() {
    let (_, r) = run("seed-004_f97d988c963e3b8a.txt");
    assert_clean(&r, Version::V2021);
    assert_eq!(r.cells.len(), 200);
    assert_eq!(int(&r, "disclosure.licensing.decisions"), 146);
    assert_eq!(int(&r, "disclosure.penalty.decisions"), 2);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn hongze_2023_layout_appeals_totals_left_at_zero() {
    let (_, r) = run("hongze-2023.pdftotext-layout.txt");
    assert_eq!(r.version, Some(Version::V2021));
    assert_eq!(r.year, Some(2023));
    assert_eq!(row(&r, "received"), vec![21, 0, 0, 0, 0, 0, 21]);
    assert_eq!(row(&r, "partial"), vec![4, 0, 0, 0, 0, 0, 4]);
    // The label typo “其他法律行政止公开” still anchors its row.
    assert_eq!(row(&r, "denied_law"), vec![0; 7]);
    assert_eq!(row(&r, "other"), vec![0; 7]);
    assert_eq!(row(&r, "results_total"), vec![21, 0, 0, 0, 0, 0, 21]);
    assert_eq!(
        r.cell("disclosure.fees.amount").map(|c| c.value.clone()),
        Some(Value::Decimal(7730.28))
    );
    assert_eq!(appeals(&r, "review"), vec![10, 1, 0, 0, 0]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![5, 0, 0, 0, 0]);
    let mut errs = errors(&r);
    errs.sort();
    assert_eq!(
        errs,
        vec![
            ("appeals.group_total", Some(("appeals.review.total", 11))),
            (
                "appeals.group_total",
                Some(("appeals.suit_after_review.total", 5))
            ),
        ]
    );
    // A v2021 report with a single （六） row: warned, still checked.
    assert!(rules_of(&r, Severity::Warning).contains(&"format.single_other_row"));
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn hongze_2024_layout_is_clean() {
    let (_, r) = run("hongze-2024.pdftotext-layout.txt");
    assert_eq!(errors(&r), vec![], "{:#?}", r.diagnostics);
    assert_eq!(int(&r, "requests.results_total.total"), 95);
    assert_eq!(appeals(&r, "review"), vec![1, 1, 0, 0, 2]);
    assert_eq!(appeals(&r, "suit_direct"), vec![1, 0, 0, 0, 1]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![2, 0, 1, 0, 3]);
    // The prose contradicts the table: 17 applications stated, 95 in the table.
    let n: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "narrative.mismatch")
        .collect();
    assert_eq!(n.len(), 1, "{n:#?}");
    assert_eq!((n[0].actual, n[0].expected), (Some(17), Some(95)));
    assert!(
        n[0].message.contains("受理政府信息公开申请17件"),
        "{}",
        n[0].message
    );
    assert_eq!(n[0].cells, vec!["requests.received.total".to_string()]);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn narratives_that_restate_the_tables_raise_nothing() {
    // huaian restates 3119 received, 351 reviews, 46 suits; shanghai restates
    // 1295, 1191 concluded, 20 / 564 / 80 / 319 by kind of result; pingtan 21.
    for name in [
        "huaian-2024.pdftotext-layout.txt",
        "shanghai-office-2025.pdf-to-markdown.md",
        "pingtan-2020.scraped-text.txt",
        "seed-001_e29df57cb4037e37.txt",
    ] {
        let (_, r) = run(name);
        let n: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "narrative.mismatch")
            .map(|d| &d.message)
            .collect();
        assert!(n.is_empty(), "{name}: {n:?}");
    }
    // The same texts with one stated number altered are caught.
    for (name, from, to, claimed) in [
        (
            "huaian-2024.pdftotext-layout.txt",
            "申请 3119 件",
            "申请 3118 件",
            3118,
        ),
        (
            "shanghai-office-2025.pdf-to-markdown.md",
            "办结 1191 件",
            "办结 1190 件",
            1190,
        ),
    ] {
        let text = corpus(name).replacen(from, to, 1);
        let r = check(&text);
        let n: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "narrative.mismatch")
            .collect();
        assert_eq!(n.len(), 1, "{name}");
        assert_eq!(n[0].actual, Some(claimed));
        let sp = n[0].span.expect("span");
        assert!(
            text[sp.start..sp.end].contains(to.split(' ').nth(1).unwrap_or("")),
            "{name}"
        );
    }
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn huaian_2024_layout_is_clean() {
    let (_, r) = run("huaian-2024.pdftotext-layout.txt");
    assert_clean(&r, Version::V2021);
    assert_eq!(r.year, Some(2024));
    assert_eq!(row(&r, "received"), vec![3001, 53, 0, 0, 61, 4, 3119]);
    assert_eq!(int(&r, "requests.carried_in.total"), 34);
    // Numbers printed between the two lines of a wrapped label.
    assert_eq!(row(&r, "partial"), vec![447, 7, 0, 0, 0, 0, 454]);
    // “1、” numbering and a label wrapped over three lines.
    assert_eq!(row(&r, "other_overdue_fix"), vec![67, 3, 0, 0, 1, 0, 71]);
    assert_eq!(int(&r, "requests.results_total.total"), 3050);
    assert_eq!(int(&r, "requests.carried_out.total"), 103);
    assert_eq!(appeals(&r, "review"), vec![72, 64, 178, 37, 351]);
    assert_eq!(appeals(&r, "suit_direct"), vec![13, 4, 8, 1, 26]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![12, 1, 1, 6, 20]);
    assert_eq!(int(&r, "disclosure.licensing.decisions"), 447228);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn raw_pdftotext_is_not_guessed_at() {
    // Labels and numbers streamed in separate runs: the table is reported as
    // unreadable, never as arithmetic errors.
    for name in [
        "huaian-2024.pdftotext-raw.txt",
        "hongze-2023.pdftotext-raw.txt",
        "hongze-2024.pdftotext-raw.txt",
    ] {
        let (_, r) = run(name);
        assert_eq!(errors(&r), vec![], "{name}: {:#?}", r.diagnostics);
        assert!(r.tables.requests);
        assert!(
            !r.cells.iter().any(|c| c.key.starts_with("requests.")),
            "{name}: no requests cells"
        );
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.rule == "tables.incomplete" && d.message.contains("本表不做核对")),
            "{name}"
        );
    }
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn pingtan_2020_run_together_digits_and_broken_total() {
    let (_, r) = run("pingtan-2020.scraped-text.txt");
    assert_eq!(r.version, Some(Version::V2019));
    assert_eq!(r.year, Some(2020));
    // “200 000121” = 20,0,0,0,0,1,21: split by the row's own total.
    assert_eq!(row(&r, "received"), vec![20, 0, 0, 0, 0, 1, 21]);
    assert_eq!(row(&r, "granted"), vec![6, 0, 0, 0, 0, 1, 7]);
    assert_eq!(row(&r, "other"), vec![4, 0, 0, 0, 0, 0, 4]);
    assert_eq!(row(&r, "results_total"), vec![20, 0, 0, 0, 0, 1, 21]);
    assert_eq!(
        r.cell("requests.received.natural").map(|c| c.text.as_str()),
        Some("20")
    );
    let rt: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "requests.results_total")
        .collect();
    assert_eq!(rt.len(), 2);
    let nat = rt
        .iter()
        .find(|d| {
            d.cells
                .contains(&"requests.results_total.natural".to_string())
        })
        .expect("natural");
    assert_eq!((nat.expected, nat.actual), (Some(26), Some(20)));
    let tot = rt
        .iter()
        .find(|d| {
            d.cells
                .contains(&"requests.results_total.total".to_string())
        })
        .expect("total");
    assert_eq!((tot.expected, tot.actual), (Some(27), Some(21)));
    // Two different fixes fit equally: it says so rather than guess.
    assert!(nat.suspect.is_none());
    assert_eq!(nat.alternatives.len(), 2);
    assert!(rules_of(&r, Severity::Info).contains(&"text.run_together_digits"));
    // Ambiguous runs in table 二 (“7777166”) are not guessed.
    assert!(r.cell("disclosure.normative_docs.made").is_none());
    assert_eq!(int(&r, "disclosure.regulations.total_published"), 7);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn shanghai_2025_markdown_with_lost_labels() {
    let (_, r) = run("shanghai-office-2025.pdf-to-markdown.md");
    assert_eq!(errors(&r), vec![], "{:#?}", r.diagnostics);
    assert_eq!(r.year, Some(2025));
    assert_eq!(int(&r, "requests.received.total"), 1295);
    assert_eq!(int(&r, "requests.carried_in.total"), 189);
    assert_eq!(int(&r, "requests.results_total.total"), 1191);
    assert_eq!(int(&r, "requests.carried_out.total"), 293);
    // Two rows lost their labels in conversion: read by row order, and said so.
    assert_eq!(row(&r, "other_overdue_fix"), vec![40, 1, 0, 0, 2, 0, 43]);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.rule == "tables.incomplete" && d.message.contains("按表格行序")));
    assert_eq!(appeals(&r, "review"), vec![40, 0, 10, 5, 55]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![6, 0, 9, 7, 22]);
    // The conversion lost the heading of section 五: said, as a warning.
    let s: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "narrative.sections")
        .collect();
    assert_eq!(s.len(), 1);
    assert!(
        s[0].message.contains("五、存在的主要问题及改进情况"),
        "{}",
        s[0].message
    );
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn every_other_corpus_report_has_its_six_sections_in_order() {
    for name in [
        "seed-000_1969cc7526291166.txt",
        "seed-001_e29df57cb4037e37.txt",
        "seed-002_1f2f97cfe36f738a.txt",
        "seed-003_924043a2ff6d2acf.txt",
        "seed-004_f97d988c963e3b8a.txt",
        "hongze-2023.pdftotext-layout.txt",
        "huaian-2024.pdftotext-layout.txt",
        "pingtan-2020.scraped-text.txt",
        "city-2025.html",
    ] {
        let (_, r) = run(name);
        assert!(
            !r.diagnostics.iter().any(|d| d.rule == "narrative.sections"),
            "{name}"
        );
    }
    // And one with section 六 removed is caught.
    let text =
        corpus("seed-003_924043a2ff6d2acf.txt").replacen("六、其他需要报告的事项", "其他", 1);
    let r = check(&text);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.rule == "narrative.sections" && d.message.contains("六、其他需要报告的事项")));
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn city_2025_html_with_rowspans() {
    let (text, r) = run("city-2025.html");
    assert!(r.html);
    assert_clean(&r, Version::V2021);
    assert_eq!(r.cells.len(), 200);
    assert_eq!(int(&r, "requests.received.total"), 14069);
    assert_eq!(int(&r, "requests.carried_in.total"), 560);
    assert_eq!(int(&r, "requests.results_total.total"), 13810);
    assert_eq!(int(&r, "requests.carried_out.total"), 819);
    assert_eq!(appeals(&r, "review"), vec![376, 97, 196, 121, 790]);
    // Spans point into the HTML source, between the tags.
    let c = r.cell("requests.received.total").expect("cell");
    assert_eq!(&text[c.span.start - 4..c.span.end + 5], "<td>14069</td>");
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn not_a_report_says_so_and_nothing_else() {
    let (_, r) = run("README.md");
    assert!(!r.tables.any());
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].rule, "tables.not_found");
    assert!(r.diagnostics[0].message.contains("未找到标准表格"));
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn text_in_a_number_cell_is_an_error_and_leaves_its_sums_unchecked() {
    // seed-003 (tabs) with its 予以公开/商业企业 cell written as “不详”.
    let text = corpus("seed-003_924043a2ff6d2acf.txt").replacen(
        "(一) 予以公开\t0\t0\t",
        "(一) 予以公开\t0\t不详\t",
        1,
    );
    let r = check(&text);
    let c = r.cell("requests.granted.business").expect("cell");
    assert_eq!(
        (c.value.clone(), &text[c.span.start..c.span.end]),
        (Value::Text, "不详")
    );
    assert_eq!(row(&r, "received"), vec![0; 7]);
    let errs: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].rule, "value.not_number");
    assert!(
        errs[0]
            .message
            .contains("「（一）予以公开」行「商业企业」列填的是“不详”"),
        "{}",
        errs[0].message
    );
    // Its row total and its column total cannot be checked: said once, not computed as 0.
    let un: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "value.blank_unchecked")
        .collect();
    assert_eq!(un.len(), 1);
    assert!(
        un[0].message.starts_with("2 条合计关系"),
        "{}",
        un[0].message
    );
    assert_eq!(un[0].cells, vec!["requests.granted.business".to_string()]);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn a_blank_total_is_not_a_zero() {
    // seed-003's appeals row with 行政复议: 其他结果 1 and 总计 left blank.
    let text = corpus("seed-003_924043a2ff6d2acf.txt").replacen(
        "\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        "\n0\t0\t1\t0\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        1,
    );
    let r = check(&text);
    assert_eq!(
        r.cell("appeals.review.total").map(|c| c.value.clone()),
        Some(Value::Blank)
    );
    assert_eq!(appeals(&r, "suit_direct"), vec![0; 5]);
    let errs: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].rule, "value.blank_total");
    let s = errs[0].suspect.as_ref().expect("suspect");
    assert_eq!((s.cell.as_str(), s.expected), ("appeals.review.total", 1));
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn a_2022_report_in_the_2019_layout_is_warned() {
    let text = corpus("seed-001_e29df57cb4037e37.txt").replacen(
        "2020年通化市东昌区",
        "2022年通化市东昌区",
        1,
    );
    let r = check(&text);
    assert_eq!((r.year, r.version), (Some(2022), Some(Version::V2019)));
    let w: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "format.old_version")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].severity, Severity::Warning);
    // The original, a 2020 report, is in the right layout for its year.
    let (_, orig) = run("seed-001_e29df57cb4037e37.txt");
    assert!(!orig
        .diagnostics
        .iter()
        .any(|d| d.rule == "format.old_version"));
}
