//! The verdict on real reports: 有错误 / 全部核对，未发现错误 / 未能完整核对,
//! decided once in the core. A report whose tables were not all read is
//! never called clean.

use xxgk_validator::{check, Status};

fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("XXGK_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
        });
    dir.is_dir().then_some(dir)
}

fn status_of(name: &str) -> Option<(Status, Vec<String>, usize)> {
    let text = std::fs::read_to_string(corpus_dir()?.join(name)).ok()?;
    let r = check(&text);
    Some((r.verdict.status, r.verdict.reasons, r.mistakes.len()))
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn verdicts_of_the_corpus() {
    let Some(_) = corpus_dir() else {
        panic!("the corpus is missing a file this test needs (verdicts_of_the_corpus)");
    };
    for (name, want, mistakes) in [
        ("seed-000_1969cc7526291166.txt", Status::Clean, 0),
        ("seed-001_e29df57cb4037e37.txt", Status::Errors, 3),
        ("seed-002_1f2f97cfe36f738a.txt", Status::Clean, 0),
        ("seed-003_924043a2ff6d2acf.txt", Status::Clean, 0),
        ("seed-004_f97d988c963e3b8a.txt", Status::Clean, 0),
        ("hongze-2023.pdftotext-layout.txt", Status::Errors, 2),
        ("hongze-2024.pdftotext-layout.txt", Status::Clean, 0),
        ("huaian-2024.pdftotext-layout.txt", Status::Clean, 0),
        ("city-2025.html", Status::Clean, 0),
        // Text copied out of a PDF viewer: 表三 and 表四 are not read, so
        // nothing may be called error-free.
        ("hongze-2023.pdftotext-raw.txt", Status::Incomplete, 0),
        ("huaian-2024.pdftotext-raw.txt", Status::Incomplete, 0),
    ] {
        let (status, reasons, n) = status_of(name).expect(name);
        assert_eq!((status, n), (want, mistakes), "{name}: {reasons:?}");
        if want == Status::Incomplete {
            assert!(
                reasons
                    .iter()
                    .any(|r| r.contains("表三") && r.contains("未核对")),
                "{name}: {reasons:?}"
            );
        } else {
            assert!(reasons.is_empty(), "{name}: {reasons:?}");
        }
    }
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn seed_001_is_three_mistakes_of_five_broken_rules() {
    let Some(dir) = corpus_dir() else {
        panic!("the corpus is missing a file this test needs (seed_001_is_three_mistakes_of_five_broken_rules)");
    };
    let text =
        std::fs::read_to_string(dir.join("seed-001_e29df57cb4037e37.txt")).expect("seed-001");
    let r = check(&text);
    assert_eq!(r.count(xxgk_validator::Severity::Error), 5);
    let m: Vec<(Option<&str>, Option<i64>, usize)> = r
        .mistakes
        .iter()
        .map(|m| (m.cell.as_deref(), m.expected, m.diagnostics.len()))
        .collect();
    assert_eq!(
        m,
        vec![
            (Some("requests.results_total.natural"), Some(3), 2),
            (Some("requests.results_total.total"), Some(3), 2),
            (Some("appeals.review.total"), Some(1), 1),
        ]
    );
    assert!(
        r.mistakes[0].message.contains("两处不符都得到纠正"),
        "{}",
        r.mistakes[0].message
    );
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn text_that_is_not_a_report_is_incomplete_with_advice() {
    for text in ["", "今天天气很好。", "\u{0}\u{1}binary"] {
        let r = check(text);
        assert_eq!(r.verdict.status, Status::Incomplete, "{text:?}");
        assert!(r.verdict.advice.is_some());
    }
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn a_blank_cell_in_a_sum_makes_the_report_incomplete_not_clean() {
    let Some(dir) = corpus_dir() else {
        panic!("the corpus is missing a file this test needs (a_blank_cell_in_a_sum_makes_the_report_incomplete_not_clean)");
    };
    // seed-003 is tab-separated: blank one component of 表四's first group.
    let text =
        std::fs::read_to_string(dir.join("seed-003_924043a2ff6d2acf.txt")).expect("seed-003");
    let clean = check(&text);
    assert_eq!(clean.verdict.status, Status::Clean);
    let cell = clean.cell("appeals.review.upheld").expect("cell").clone();
    assert_eq!(cell.text, "0");
    let mut edited = text.clone();
    edited.replace_range(cell.span.start..cell.span.end, "/");
    let r = check(&edited);
    assert_eq!(r.verdict.status, Status::Incomplete, "{:?}", r.verdict);
    assert!(r.verdict.reasons.iter().any(|s| s.contains("无法核对")));
}
