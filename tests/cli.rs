//! The `xxgk` binary: exit codes, the JSON document, encodings, stdin,
//! directories, and snapshots of the human output. Run on the project's own
//! generated reports (tests/fixtures/) everywhere, and also on the real corpus
//! (`$XXGK_CORPUS` or `../shared/corpus/`, found by build.rs) when it is
//! there; the tests that only make sense on real reports are listed as
//! ignored, with the reason, when it is not.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_xxgk");

const SEED000: &str = "seed-000_1969cc7526291166.txt";
const SEED001: &str = "seed-001_e29df57cb4037e37.txt";
const HONGZE23: &str = "hongze-2023.pdftotext-layout.txt";

// The project's own reports (tests/support/gen.rs): a clean v2021 report with
// seed-000's numbers, seed-001's mistakes in a v2019 report (blank lines, stray
// no-break spaces), and the hongze pattern (表四 totals left at 0) as
// `pdftotext -layout` prints it.
const FX_CLEAN: &str = "v2021-pipes-clean.txt";
const FX_ERRORS: &str = "v2019-blank-lines-seed-001-pattern.txt";
const FX_PDF: &str = "v2021-single-other-pdf-layout-appeals-totals-zero.txt";
const FX_HTML: &str = "v2021-html-clean.html";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture(name: &str) -> PathBuf {
    fixture_dir().join(name)
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(option_env!("XXGK_CORPUS_DIR").unwrap_or("../shared/corpus"))
}

/// The fixture, and the real report beside it when the corpus is there.
fn both(fx: &str, real: &str) -> Vec<PathBuf> {
    let mut v = vec![fixture(fx)];
    if cfg!(xxgk_corpus) {
        v.push(corpus(real));
    }
    v
}

/// A file that starts like a PDF.
fn fake_pdf(path: &Path) {
    std::fs::write(
        path,
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
    )
    .expect("write pdf");
}

fn corpus(name: &str) -> PathBuf {
    corpus_dir().join(name)
}

fn run(args: &[&str]) -> Output {
    run_in(None, args, None)
}

fn run_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("run xxgk");
    if let Some(mut si) = child.stdin.take() {
        if let Some(b) = stdin {
            si.write_all(b).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait xxgk")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The one JSON document on stdout.
fn json(o: &Output) -> Value {
    let s = stdout(o);
    let v: Value = serde_json::from_str(&s)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{s}"));
    assert!(v["reports"].is_array(), "no reports array: {s}");
    v
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("xxgk-cli-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("make temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rules_of(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["rule"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn errors_of(report: &Value) -> Vec<&Value> {
    report["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter(|d| d["severity"] == "error").collect())
        .unwrap_or_default()
}

/// Every cell's span slices `bytes` to exactly the cell's text; every
/// diagnostic span lies inside `bytes`. Returns how many cells there were.
fn assert_spans_slice(bytes: &[u8], report: &Value) -> usize {
    let cells = report["cells"].as_object().expect("cells object");
    for (key, c) in cells {
        let s = c["span"].as_array().expect("span");
        let (a, b) = (
            s[0].as_u64().expect("start") as usize,
            s[1].as_u64().expect("end") as usize,
        );
        assert!(
            a <= b && b <= bytes.len(),
            "{key}: span {a}..{b} outside the file"
        );
        let text = c["text"].as_str().expect("text");
        assert_eq!(
            std::str::from_utf8(&bytes[a..b]).ok(),
            Some(text),
            "{key}: span {a}..{b} does not slice to its text"
        );
    }
    for d in report["diagnostics"].as_array().expect("diagnostics") {
        if let Some(s) = d["span"].as_array() {
            let b = s[1].as_u64().expect("end") as usize;
            assert!(
                s[0].as_u64() <= s[1].as_u64() && b <= bytes.len(),
                "diagnostic span outside: {d}"
            );
        }
    }
    cells.len()
}

// ------------------------------------------------------------- exit codes

#[test]
fn clean_report_exits_0() {
    for p in both(FX_CLEAN, SEED000) {
        let o = run(&["check", p.to_str().unwrap_or_default()]);
        assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains("0 处错误"), "{}", stdout(&o));
    }
}

#[test]
fn report_with_errors_exits_1() {
    for p in both(FX_ERRORS, SEED001) {
        let o = run(&["check", p.to_str().unwrap_or_default()]);
        assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
        assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    }
}

#[test]
fn missing_file_exits_2_names_it_and_still_checks_the_others() {
    let missing = fixture_dir().join("no-such-report.txt");
    let o = run(&[
        "check",
        "--format",
        "json",
        missing.to_str().unwrap_or_default(),
        fixture(FX_ERRORS).to_str().unwrap_or_default(),
        fixture(FX_CLEAN).to_str().unwrap_or_default(),
    ]);
    // 2 wins over the 1 of seed-001's errors.
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("no-such-report.txt"),
        "stderr: {}",
        stderr(&o)
    );
    let v = json(&o);
    let sources: Vec<String> = v["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| {
            Some(
                Path::new(r["source"].as_str()?)
                    .file_name()?
                    .to_string_lossy()
                    .into_owned(),
            )
        })
        .collect();
    assert_eq!(sources, vec![FX_ERRORS, FX_CLEAN]);

    // The same in human form: the other file's summary is printed.
    let o = run(&[
        "check",
        "--color",
        "never",
        missing.to_str().unwrap_or_default(),
        fixture(FX_CLEAN).to_str().unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stdout(&o).contains(FX_CLEAN) && stdout(&o).contains("1 个无法读取"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&run(&["check"])), 2);
    assert_eq!(code(&run(&["check", "--format", "xml", "x"])), 2);
    assert_eq!(code(&run(&["frobnicate"])), 2);
}

#[test]
fn damaged_pdf_is_refused_with_the_reason() {
    let tmp = TempDir::new("fakepdf");
    let path = tmp.0.join("report.pdf");
    fake_pdf(&path);
    let o = run(&["check", path.to_str().unwrap_or_default()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("report.pdf") && stderr(&o).contains("找不到任何页面"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn named_pdf_is_read_by_its_structure() {
    // A PDF made by scripts/make-file-fixtures with one wrong cell.
    let o = run(&[
        "check",
        "--format",
        "json",
        fixture("files/v2021-wrong-cell.pdf")
            .to_str()
            .unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    let r = &v["reports"][0];
    assert_eq!(r["source_kind"], "pdf");
    assert_eq!(r["status"], "errors");
    assert_eq!(r["summary"]["mistakes"], 1);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn corpus_pdf_hongze_2023_has_its_appeals_errors() {
    let o = run(&[
        "check",
        "--format",
        "json",
        corpus("hongze-2023.pdf").to_str().unwrap_or_default(),
    ]);
    // hongze-2023's appeals totals are wrong: found in the PDF itself.
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    let r = &v["reports"][0];
    assert_eq!(r["source_kind"], "pdf");
    let fixes: Vec<(&str, i64)> = r["mistakes"]
        .as_array()
        .expect("mistakes")
        .iter()
        .filter_map(|m| Some((m["cell"].as_str()?, m["expected"].as_i64()?)))
        .collect();
    assert_eq!(
        fixes,
        vec![
            ("appeals.review.total", 11),
            ("appeals.suit_after_review.total", 5)
        ]
    );
}

// ------------------------------------------------------------------- JSON

#[test]
fn json_of_the_seed_001_pattern_has_the_documented_fields_and_located_errors() {
    json_seed_001(&fixture(FX_ERRORS));
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn json_of_seed_001_has_the_documented_fields_and_located_errors() {
    json_seed_001(&corpus(SEED001));
}

/// seed-001's mistakes, in the real report or in the fixture with its numbers.
fn json_seed_001(path: &Path) {
    let o = run(&[
        "check",
        "--format",
        "json",
        path.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r["source"], path.to_str().unwrap_or_default());
    assert_eq!(r["encoding"], "UTF-8");
    assert_eq!(r["version"], "v2019");
    assert_eq!(r["year"], 2020);
    for field in ["html", "tables", "summary", "cells", "diagnostics"] {
        assert!(!r[field].is_null(), "missing {field}");
    }
    let bytes = std::fs::read(path).expect("read seed-001");
    assert!(assert_spans_slice(&bytes, r) >= 22 + 23 * 7 + 15);

    let cells = &r["cells"];
    assert_eq!(cells["requests.granted.natural"]["value"], 3.0);
    assert_eq!(cells["requests.granted.total"]["value"], 3.0);
    assert_eq!(cells["requests.results_total.natural"]["value"], 0.0);
    assert_eq!(cells["appeals.review.other"]["value"], 1.0);
    assert_eq!(cells["appeals.review.total"]["value"], 0.0);
    assert_eq!(cells["disclosure.licensing.change"]["value"], 170.0);

    let rules = rules_of(r);
    for rule in [
        "requests.results_total",
        "requests.balance",
        "appeals.group_total",
    ] {
        assert!(rules.iter().any(|x| x == rule), "no {rule} in {rules:?}");
    }
    // Located: results 总计 should be 3 in the 自然人 and 总计 columns, 行政复议 总计 1.
    let suspects: Vec<(String, i64)> = errors_of(r)
        .iter()
        .filter_map(|d| {
            Some((
                d["suspect"]["cell"].as_str()?.to_string(),
                d["suspect"]["expected"].as_i64()?,
            ))
        })
        .collect();
    for want in [
        ("requests.results_total.natural", 3),
        ("requests.results_total.total", 3),
        ("appeals.review.total", 1),
    ] {
        assert!(
            suspects.iter().any(|(c, n)| c == want.0 && *n == want.1),
            "no suspect {want:?} in {suspects:?}"
        );
    }
    for d in errors_of(r) {
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(d["cells"].as_array().is_some_and(|c| !c.is_empty()), "{d}");
        assert!(d["span"].is_array(), "{d}");
    }
    assert_eq!(
        r["summary"]["errors"].as_u64(),
        Some(errors_of(r).len() as u64)
    );
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn json_of_the_whole_corpus_is_one_document_in_input_order() {
    let dir = corpus_dir();
    let o = run(&[
        "check",
        "--format",
        "json",
        dir.to_str().unwrap_or_default(),
    ]);
    // seed-001, pingtan and hongze-2023 have errors; nothing is unreadable
    // (PDFs and .docx are read by their structure).
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    let reports = v["reports"].as_array().expect("reports");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            [".txt", ".md", ".html", ".pdf", ".docx"]
                .iter()
                .any(|x| n.ends_with(x))
        })
        .collect();
    names.sort();
    let got: Vec<String> = reports
        .iter()
        .filter_map(|r| r["source"].as_str())
        .map(|s| {
            Path::new(s)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(got, names);
    for r in reports {
        let src = r["source"].as_str().expect("source");
        let mut bytes = std::fs::read(src).expect("read back");
        // PDF and .docx spans index the text derived from the document.
        if matches!(r["source_kind"].as_str(), Some("pdf" | "docx")) {
            bytes = xxgk_validator::input::read(&bytes)
                .map(|i| i.text.into_bytes())
                .unwrap_or_default();
        }
        assert_spans_slice(&bytes, r);
        let has_errors = !errors_of(r).is_empty();
        let name = Path::new(src)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expect_errors = name.starts_with("seed-001")
            || name.starts_with("pingtan-2020")
            || name.starts_with("hongze-2023");
        if name != "hongze-2023.pdftotext-raw.txt" {
            assert_eq!(has_errors, expect_errors, "{name}: {:?}", rules_of(r));
        }
    }
    let html = reports
        .iter()
        .find(|r| {
            r["source"]
                .as_str()
                .is_some_and(|s| s.ends_with("city-2025.html"))
        })
        .expect("city");
    assert_eq!(html["html"], true);
    assert_eq!(html["cells"]["requests.received.total"]["value"], 14069.0);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn json_values_of_clean_reports() {
    let o = run(&[
        "check",
        "--format",
        "json",
        corpus(SEED000).to_str().unwrap_or_default(),
        corpus("huaian-2024.pdftotext-layout.txt")
            .to_str()
            .unwrap_or_default(),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v = json(&o);
    let s0 = &v["reports"][0];
    assert_eq!(s0["version"], "v2021");
    assert_eq!(s0["year"], 2022);
    // Counts are integers on the wire (8, never 8.0); amounts are decimals.
    assert_eq!(s0["cells"]["disclosure.penalty.decisions"]["value"], 8);
    assert!(s0["cells"]["disclosure.penalty.decisions"]["value"].is_i64());
    assert_eq!(s0["cells"]["disclosure.fees.amount"]["value"], 168.61);
    let h = &v["reports"][1];
    let c = &h["cells"];
    assert_eq!(
        [
            &c["requests.received.total"]["value"],
            &c["requests.carried_in.total"]["value"],
            &c["requests.results_total.total"]["value"],
            &c["requests.carried_out.total"]["value"]
        ],
        [
            &Value::from(3119),
            &Value::from(34),
            &Value::from(3050),
            &Value::from(103)
        ]
    );
    assert_eq!(c["appeals.review.total"]["value"], 351);
    assert!(c["appeals.review.total"]["value"].is_i64());
}

// -------------------------------------------------------- encodings, stdin

/// Encode a corpus file, check the copy, and compare with the UTF-8 run.
fn check_encoded(path: &Path, enc: &'static encoding_rs::Encoding, want: &str) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path).expect("read report");
    let (bytes, _, unmappable) = enc.encode(&text);
    assert!(!unmappable, "{name} fits in {want}");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the copy is not UTF-8"
    );
    let tmp = TempDir::new(want);
    let p = tmp.0.join(format!("{name}.{want}"));
    std::fs::write(&p, &bytes).expect("write encoded copy");

    let orig = run(&[
        "check",
        "--format",
        "json",
        path.to_str().unwrap_or_default(),
    ]);
    let utf8 = json(&orig);
    let o = run(&["check", "--format", "json", p.to_str().unwrap_or_default()]);
    assert_eq!(code(&o), code(&orig));
    let v = json(&o);
    let r = &v["reports"][0];
    assert_eq!(r["encoding"], want);
    // Same findings and cells; spans index the decoded (UTF-8) text.
    assert!(!r["cells"].as_object().expect("cells").is_empty());
    assert_eq!(r["cells"], utf8["reports"][0]["cells"]);
    assert_eq!(r["diagnostics"], utf8["reports"][0]["diagnostics"]);
    assert_spans_slice(text.as_bytes(), r);

    let o = run(&["check", "--color", "never", p.to_str().unwrap_or_default()]);
    assert!(
        stdout(&o).contains(&format!(" {want} · ")),
        "summary names the encoding: {}",
        stdout(&o)
    );
}

#[test]
fn gbk_input_is_detected_and_read_like_utf8() {
    for p in both(FX_PDF, HONGZE23) {
        check_encoded(&p, encoding_rs::GBK, "GBK");
    }
}

#[test]
fn gb18030_input_is_detected_and_read_like_utf8() {
    // Both have U+00A0, which only GB18030's four-byte form encodes.
    for p in both(FX_ERRORS, SEED001) {
        check_encoded(&p, encoding_rs::GB18030, "GB18030");
    }
}

#[test]
fn utf8_bom_is_stripped_and_spans_still_index_the_file() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(fixture(FX_CLEAN)).expect("read fixture"));
    let tmp = TempDir::new("bom");
    let p = tmp.0.join("bom.txt");
    std::fs::write(&p, &bytes).expect("write");
    let o = run(&["check", "--format", "json", p.to_str().unwrap_or_default()]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    assert_eq!(v["reports"][0]["encoding"], "UTF-8");
    assert!(assert_spans_slice(&bytes, &v["reports"][0]) > 0);
}

#[test]
fn stdin_dash_is_checked_like_the_file() {
    for p in both(FX_ERRORS, SEED001) {
        stdin_like_file(&p);
    }
}

fn stdin_like_file(path: &Path) {
    let bytes = std::fs::read(path).expect("read report");
    let o = run_in(None, &["check", "--format", "json", "-"], Some(&bytes));
    assert_eq!(code(&o), 1);
    let v = json(&o);
    assert_eq!(v["reports"][0]["source"], "-");
    let file = json(&run(&[
        "check",
        "--format",
        "json",
        path.to_str().unwrap_or_default(),
    ]));
    assert_eq!(
        v["reports"][0]["diagnostics"],
        file["reports"][0]["diagnostics"]
    );

    let o = run_in(None, &["check", "--color", "never", "-"], Some(&bytes));
    assert!(
        stdout(&o).contains("<stdin>: v2019 2020年"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn directories_are_walked_recursively_in_name_order() {
    let tmp = TempDir::new("walk");
    let sub = tmp.0.join("b-sub").join("deeper");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::copy(fixture(FX_CLEAN), tmp.0.join("c.txt")).expect("copy");
    std::fs::copy(fixture(FX_CLEAN), sub.join("a.md")).expect("copy");
    std::fs::copy(fixture(FX_CLEAN), tmp.0.join("a-noext")).expect("copy");
    std::fs::copy(fixture(FX_HTML), tmp.0.join("d.htm")).expect("copy");
    // A real PDF (made by scripts/make-file-fixtures) is read in a batch.
    std::fs::copy(fixture("files/v2021-clean.pdf"), sub.join("report.pdf")).expect("copy");
    std::fs::write(tmp.0.join("notes.rs"), "fn main() {}").expect("write");
    std::fs::write(tmp.0.join("blob"), b"\x00\x01\x02binary").expect("write");
    std::fs::write(tmp.0.join(".hidden.txt"), "hidden").expect("write");

    let o = run_in(Some(&tmp.0), &["check", "--format", "json", "."], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let got: Vec<&str> = v["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| r["source"].as_str())
        .collect();
    assert_eq!(
        got,
        vec![
            "./a-noext",
            "./b-sub/deeper/a.md",
            "./b-sub/deeper/report.pdf",
            "./c.txt",
            "./d.htm"
        ]
    );
    let err = stderr(&o);
    assert!(err.contains("blob"), "skipped files are named: {err}");
}

// ----------------------------------------------------------- human output

fn human(name: &str) -> (i32, String) {
    human_in(&corpus_dir(), name)
}

fn human_in(dir: &Path, name: &str) -> (i32, String) {
    let o = run_in(Some(dir), &["check", "--color", "never", name], None);
    (code(&o), stdout(&o))
}

#[test]
fn human_output_of_the_fixtures() {
    let (c, out) = human_in(&fixture_dir(), FX_ERRORS);
    assert_eq!(c, 1);
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with(&format!("{FX_ERRORS}: v2019 2020年 · "))),
        "{out}"
    );
    assert!(!out.contains('\x1b'));
    insta::assert_snapshot!("fixture-seed-001-pattern", out);
    let (c, out) = human_in(&fixture_dir(), FX_PDF);
    assert_eq!(c, 1);
    assert!(out.contains("appeals.group_total"), "{out}");
    insta::assert_snapshot!("fixture-pdf-layout-appeals-totals-zero", out);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn human_output_of_seed_001() {
    let (c, out) = human(SEED001);
    assert_eq!(c, 1);
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with(&format!("{SEED001}: v2019 2020年 · "))),
        "{out}"
    );
    assert!(!out.contains('\x1b'));
    insta::assert_snapshot!("seed-001", out);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn human_output_of_hongze_2023() {
    let (c, out) = human(HONGZE23);
    assert_eq!(c, 1);
    assert!(out.contains("appeals.group_total"), "{out}");
    insta::assert_snapshot!("hongze-2023", out);
}

#[test]
fn carets_sit_under_the_located_cell() {
    carets_under_cells(&human_in(&fixture_dir(), FX_PDF).1);
    if cfg!(xxgk_corpus) {
        carets_under_cells(&human(HONGZE23).1);
    }
}

fn carets_under_cells(out: &str) {
    // For every snippet line followed by a caret line, the carets' display
    // columns must cover text that is the located cell's (a number).
    let lines: Vec<&str> = out.lines().collect();
    let mut checked = 0;
    for w in lines.windows(2) {
        let (src, under) = (w[0], w[1]);
        let Some((gutter, code)) = src.split_once(" | ") else {
            continue;
        };
        if gutter.trim().parse::<usize>().is_err() || !under.contains('^') {
            continue;
        }
        let marks = &under[gutter.len() + 3..];
        let caret_col = marks.find('^').unwrap_or(0);
        let mut col = 0;
        let mut under_text = String::new();
        for ch in code.chars() {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if col >= caret_col && marks.as_bytes().get(col) == Some(&b'^') {
                under_text.push(ch);
            }
            col += w;
        }
        assert!(
            !under_text.is_empty() && under_text.chars().all(|c| c.is_ascii_digit()),
            "carets under {under_text:?}:\n{src}\n{under}"
        );
        checked += 1;
    }
    assert!(checked >= 2, "{out}");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let p = fixture(FX_ERRORS);
    let p = p.to_str().unwrap_or_default();
    assert!(stdout(&run(&["check", "--color", "always", p])).contains("\x1b[1;31m"));
    // Auto: stdout is a pipe here, so no colour.
    assert!(!stdout(&run(&["check", p])).contains('\x1b'));
    let mut cmd = Command::new(BIN);
    let o = cmd
        .args(["check", "--color", "never", p])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&o.stdout).contains('\x1b'));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = fixture_dir();
    let d = dir.to_str().unwrap_or_default();
    let mut args = vec!["check", "--color", "never"];
    args.extend(std::iter::repeat_n(d, 40));
    let mut child = Command::new(BIN)
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut so = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    so.read_exact(&mut first).expect("some output");
    drop(so);
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read stderr");
    let status = child.wait().expect("wait");
    assert!(status.code().is_some(), "killed by a signal: {status:?}");
    assert!(!err.contains("panicked"), "{err}");
}

// ------------------------------------------------------------------ rules

#[test]
fn rules_lists_the_whole_catalogue() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for r in xxgk_validator::wire::rule_catalog() {
        assert!(
            out.contains(r.id) && out.contains(r.title),
            "{} missing",
            r.id
        );
    }
    let v: Value =
        serde_json::from_slice(&run(&["rules", "--format", "json"]).stdout).expect("rules JSON");
    let ids: Vec<&str> = v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"requests.balance") && ids.contains(&"appeals.group_total"));
    assert_eq!(ids.len(), xxgk_validator::rules::CATALOG.len());
}
