//! Files read by their structure (src/input/): the corpus PDFs against
//! their `pdftotext -layout` text, generated .docx/.pdf fixtures, files
//! that cannot be read (each with its own reason), and the sniffing of
//! text encodings and binary noise.

use std::path::PathBuf;
use xxgk_validator::input::{self, Kind};
use xxgk_validator::{check, Report, Severity, Value};

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("XXGK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    dir.is_dir().then_some(dir)
}

/// The corpus file's bytes, or `None` (and a line saying the test was
/// skipped) when the corpus is not there.
fn corpus(test: &str, name: &str) -> Option<Vec<u8>> {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped {test}: corpus directory absent");
        return None;
    };
    std::fs::read(dir.join(name)).ok().or_else(|| {
        eprintln!("skipped {test}: {name} absent");
        None
    })
}

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/files/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Read a file and check it; every cell's span slices the derived text.
fn read_and_check(bytes: &[u8]) -> (input::Input, Report) {
    let inp = input::read(bytes).unwrap_or_else(|u| panic!("unreadable: {} {}", u.code, u.message));
    let r = check(&inp.text);
    for c in &r.cells {
        assert_eq!(
            inp.text.get(c.span.start..c.span.end),
            Some(c.text.as_str()),
            "span of {}",
            c.key
        );
    }
    (inp, r)
}

fn int(r: &Report, key: &str) -> i64 {
    match r.cell(key).map(|c| &c.value) {
        Some(Value::Int(n)) => *n,
        other => panic!("{key}: {other:?}"),
    }
}

fn row(r: &Report, row: &str) -> Vec<i64> {
    [
        "natural",
        "business",
        "research",
        "nonprofit",
        "legal",
        "other_org",
        "total",
    ]
    .iter()
    .map(|c| int(r, &format!("requests.{row}.{c}")))
    .collect()
}

fn appeals(r: &Report, group: &str) -> Vec<i64> {
    ["upheld", "corrected", "other", "pending", "total"]
        .iter()
        .map(|c| int(r, &format!("appeals.{group}.{c}")))
        .collect()
}

fn errors(r: &Report) -> Vec<(String, Option<(String, i64)>)> {
    let mut e: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.rule.to_string(),
                d.suspect.as_ref().map(|s| (s.cell.clone(), s.expected)),
            )
        })
        .collect();
    e.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    e
}

/// The PDF read by structure yields every cell the `pdftotext -layout` text
/// yields, with the same value, and the same errors.
fn pdf_matches_layout_text(test: &str, base: &str) -> Option<Report> {
    let pdf = corpus(test, &format!("{base}.pdf"))?;
    let txt = corpus(test, &format!("{base}.pdftotext-layout.txt"))?;
    let txt = String::from_utf8(txt).expect("UTF-8");
    let (inp, r) = read_and_check(&pdf);
    assert_eq!(inp.kind, Kind::Pdf);
    assert!(inp.pages.len() >= 3 && inp.pages[0] == 0, "{:?}", inp.pages);
    let t = check(&txt);
    assert!(
        t.cells.len() >= 180,
        "{base}: layout text reads {} cells",
        t.cells.len()
    );
    for c in &t.cells {
        let p = r
            .cell(&c.key)
            .unwrap_or_else(|| panic!("{base}: {} not read from the PDF", c.key));
        assert_eq!(p.value, c.value, "{base}: {}", c.key);
    }
    assert_eq!(r.version, t.version);
    assert_eq!(r.tables, t.tables);
    assert_eq!(errors(&r), errors(&t), "{base}");
    Some(r)
}

#[test]
fn corpus_hongze_2023_pdf() {
    let Some(r) = pdf_matches_layout_text("corpus_hongze_2023_pdf", "hongze-2023") else {
        return;
    };
    assert_eq!(row(&r, "received"), vec![21, 0, 0, 0, 0, 0, 21]);
    assert_eq!(row(&r, "results_total"), vec![21, 0, 0, 0, 0, 0, 21]);
    assert_eq!(appeals(&r, "review"), vec![10, 1, 0, 0, 0]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![5, 0, 0, 0, 0]);
    let e = errors(&r);
    assert!(
        e.iter().any(|(rule, s)| rule == "appeals.group_total"
            && s.as_ref().map(|s| s.0.as_str()) == Some("appeals.review.total")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|(rule, s)| rule == "appeals.group_total"
            && s.as_ref().map(|s| s.0.as_str()) == Some("appeals.suit_after_review.total")),
        "{e:?}"
    );
}

#[test]
fn corpus_hongze_2024_pdf() {
    let Some(r) = pdf_matches_layout_text("corpus_hongze_2024_pdf", "hongze-2024") else {
        return;
    };
    assert_eq!(int(&r, "requests.results_total.total"), 95);
    assert_eq!(appeals(&r, "review"), vec![1, 1, 0, 0, 2]);
    assert_eq!(appeals(&r, "suit_direct"), vec![1, 0, 0, 0, 1]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![2, 0, 1, 0, 3]);
    assert_eq!(errors(&r), vec![]);
}

#[test]
fn corpus_huaian_2024_pdf() {
    let Some(r) = pdf_matches_layout_text("corpus_huaian_2024_pdf", "huaian-2024") else {
        return;
    };
    assert_eq!(int(&r, "requests.received.total"), 3119);
    assert_eq!(int(&r, "requests.carried_in.total"), 34);
    assert_eq!(int(&r, "requests.results_total.total"), 3050);
    assert_eq!(int(&r, "requests.carried_out.total"), 103);
    assert_eq!(appeals(&r, "review"), vec![72, 64, 178, 37, 351]);
    assert_eq!(appeals(&r, "suit_direct"), vec![13, 4, 8, 1, 26]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![12, 1, 1, 6, 20]);
    assert_eq!(errors(&r), vec![]);
}
