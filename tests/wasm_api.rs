//! The browser API (`src/wasm.rs`) as JavaScript sees it, run in node by
//! wasm-bindgen-test-runner. scripts/test-web runs it as
//!
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg xxgk_wasm_api_tests" \
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!     cargo test --target wasm32-unknown-unknown --lib api_tests
//!
//! src/wasm.rs includes this file as its test module (the `wasm` module is
//! private, and an integration test for wasm32 would make cargo build the
//! native-only `xxgk` binary for wasm32 too). Reports are read back through serde with
//! `deny_unknown_fields`, so the shape is exactly the wire shape and the
//! TypeScript types in src/wasm.rs.
#![cfg(target_arch = "wasm32")]
#![allow(unexpected_cfgs)]
#![cfg(xxgk_wasm_api_tests)]

use crate::wasm;
use js_sys::{Array, JsString, Object, Reflect};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// The project's own generated reports (tests/fixtures/, see
// tests/support/gen.rs), committed, so this builds in a plain clone: a clean
// v2021 report with seed-000's numbers (one cell per line with `|`), the
// seed-001 mistakes in a v2019 report (blank-line separated), and an HTML
// report with rowspan/colspan (city-2025's numbers).
const SEED0: &str = include_str!("fixtures/v2021-pipes-clean.txt");
const SEED1: &str = include_str!("fixtures/v2019-blank-lines-seed-001-pattern.txt");
const CITY: &str = include_str!("fixtures/v2021-html-clean.html");

// ---- the wire shape, as src/wasm.rs's TypeScript declares it

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Report {
    source: String,
    encoding: Option<String>,
    version: Option<String>,
    year: Option<u32>,
    html: bool,
    status: String,
    verdict: Verdict,
    tables: Tables,
    summary: Summary,
    cells: std::collections::BTreeMap<String, Cell>,
    diagnostics: Vec<Diagnostic>,
    mistakes: Vec<Mistake>,
    unit: Option<String>,
    #[serde(default)]
    source_kind: Option<String>,
    #[serde(default)]
    part: Option<[usize; 2]>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Verdict {
    status: String,
    title: String,
    reasons: Vec<String>,
    advice: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Mistake {
    cell: Option<String>,
    label: String,
    expected: Option<i64>,
    message: String,
    diagnostics: Vec<usize>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Tables {
    disclosure: bool,
    requests: bool,
    appeals: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    mistakes: usize,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Cell {
    text: String,
    value: Option<f64>,
    kind: String,
    span: [usize; 2],
    span16: Option<[usize; 2]>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Diagnostic {
    rule: String,
    title: String,
    severity: String,
    message: String,
    formula: Option<String>,
    cells: Vec<String>,
    span: Option<[usize; 2]>,
    span16: Option<[usize; 2]>,
    expected: Option<i64>,
    actual: Option<i64>,
    difference: Option<i64>,
    #[serde(default)]
    suggestion: Option<String>,
    suspect: Option<Suspect>,
    #[serde(default)]
    alternatives: Vec<Vec<Suspect>>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Suspect {
    cell: String,
    expected: i64,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Rule {
    id: String,
    severity: String,
    title: String,
    what: String,
    why: String,
    fix: String,
}

fn read(v: &JsValue) -> Report {
    serde_wasm_bindgen::from_value(v.clone()).expect("a report in the wire shape")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object()
        && !v.is_instance_of::<js_sys::Map>()
        && !Array::is_array(v)
        && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new())
}

fn suspects(r: &Report) -> Vec<(&str, i64)> {
    r.diagnostics
        .iter()
        .filter_map(|d| d.suspect.as_ref())
        .map(|s| (s.cell.as_str(), s.expected))
        .collect()
}

// ---- tests

#[wasm_bindgen_test]
fn check_returns_plain_json_compatible_objects() {
    let v = wasm::check(SEED0, None).unwrap();
    assert!(is_plain_object(&v));
    assert!(
        is_plain_object(&get(&v, "cells")),
        "cells is an object, not a Map"
    );
    assert!(Array::is_array(&get(&v, "diagnostics")));
    // Missing values are null (present), not undefined.
    let r = read(&v);
    assert_eq!(r.source, "input");
    assert!(r.encoding.is_none());
    // What JSON.stringify gives parses back to the same shape (JSON-compatible).
    let json = js_sys::JSON::stringify(&v).unwrap();
    let back = js_sys::JSON::parse(&String::from(json)).unwrap();
    let r2 = read(&back);
    assert_eq!(r2.cells.len(), r.cells.len());
    let named = read(&wasm::check(SEED0, Some("草稿.txt".into())).unwrap());
    assert_eq!(named.source, "草稿.txt");
}

#[wasm_bindgen_test]
fn a_clean_report_has_no_errors() {
    let r = read(&wasm::check(SEED0, None).unwrap());
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(r.version.as_deref(), Some("v2021"));
    assert!(r.tables.disclosure && r.tables.requests && r.tables.appeals);
    assert_eq!(r.cells["disclosure.penalty.decisions"].value, Some(8.0));
    assert_eq!(r.cells["disclosure.fees.amount"].value, Some(168.61));
    assert_eq!(
        (r.status.as_str(), r.verdict.status.as_str()),
        ("clean", "clean")
    );
    assert_eq!(r.verdict.title, "全部核对，未发现错误");
    assert!(r.verdict.reasons.is_empty() && r.verdict.advice.is_none());
    assert!(r.mistakes.is_empty() && r.summary.mistakes == 0);
    let _ = (r.year, r.html, r.summary.warnings, r.summary.infos);
}

#[wasm_bindgen_test]
fn seed_001_locates_the_wrong_cells_and_their_right_values() {
    let r = read(&wasm::check(SEED1, None).unwrap());
    assert!(r.summary.errors > 0);
    assert_eq!(r.version.as_deref(), Some("v2019"));
    assert_eq!(r.year, Some(2020));
    let s = suspects(&r);
    assert!(s.contains(&("requests.results_total.natural", 3)), "{s:?}");
    assert!(s.contains(&("requests.results_total.total", 3)), "{s:?}");
    assert!(s.contains(&("appeals.review.total", 1)), "{s:?}");
    for d in &r.diagnostics {
        assert!(!d.rule.is_empty() && !d.title.is_empty() && !d.message.is_empty());
        assert!(["error", "warning", "info"].contains(&d.severity.as_str()));
        if let (Some(a), Some(e), Some(diff)) = (d.actual, d.expected, d.difference) {
            assert_eq!(diff, a - e);
        }
        let _ = (&d.formula, &d.cells, &d.alternatives, &d.suggestion);
    }
    // Five broken rules, three things to fix.
    assert_eq!(r.status, "errors");
    assert_eq!(r.verdict.title, "有错误");
    assert_eq!(r.summary.mistakes, r.mistakes.len());
    let fixes: Vec<(Option<&str>, Option<i64>)> = r
        .mistakes
        .iter()
        .map(|m| (m.cell.as_deref(), m.expected))
        .collect();
    for want in [
        ("requests.results_total.natural", 3),
        ("requests.results_total.total", 3),
        ("appeals.review.total", 1),
    ] {
        assert!(fixes.contains(&(Some(want.0), Some(want.1))), "{fixes:?}");
    }
    for m in &r.mistakes {
        assert!(!m.label.is_empty() && !m.message.is_empty());
        assert!(m
            .diagnostics
            .iter()
            .all(|&i| r.diagnostics[i].severity == "error"));
    }
    let balance = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "requests.balance")
        .expect("balance");
    assert!(balance.span.is_some() && balance.span16.is_some());
    // One mistake per cell to fix; the verdict says 有错误.
    assert_eq!(r.status, "errors");
    assert_eq!(r.verdict.status, "errors");
    assert_eq!(r.verdict.title, "有错误");
    let m: Vec<(Option<&str>, Option<i64>, usize)> = r
        .mistakes
        .iter()
        .map(|m| (m.cell.as_deref(), m.expected, m.diagnostics.len()))
        .collect();
    assert_eq!(
        m,
        [
            (Some("requests.results_total.natural"), Some(3), 2),
            (Some("requests.results_total.total"), Some(3), 2),
            (Some("appeals.review.total"), Some(1), 1),
        ]
    );
    assert_eq!(r.summary.mistakes, 3);
    assert!(r
        .mistakes
        .iter()
        .all(|m| !m.label.is_empty() && !m.message.is_empty()));
    let _ = (&r.verdict.reasons, &r.verdict.advice);
    let _ = r.diagnostics.iter().map(|d| &d.suggestion).count();
}

#[wasm_bindgen_test]
fn html_text_is_the_text_the_checker_reads() {
    let t = wasm::html_text(CITY);
    assert!(!t.contains("<td") && !t.contains("<tr"), "no markup left");
    assert!(t.contains("本年新收"));
    // The text reads as the same tables.
    let from_text = read(&wasm::check_text(&t, None).unwrap());
    let from_html = read(&wasm::check_html(CITY, None).unwrap());
    assert_eq!(
        from_text.cells["requests.received.total"].value,
        Some(14069.0)
    );
    assert_eq!(
        from_text.cells["requests.received.total"].value,
        from_html.cells["requests.received.total"].value
    );
    // Scripts and styles are dropped; entities decoded; odd input is fine.
    let t = wasm::html_text(
        "<style>p{x:1}</style><script>alert(1)</script><p style=\"a\" onclick=\"b\">a&amp;b</p>",
    );
    assert!(
        !t.contains("alert") && !t.contains("x:1") && t.contains("a&b"),
        "{t:?}"
    );
    assert_eq!(wasm::html_text(""), "");
    let _ = wasm::html_text("<td><td</t\u{0}>\u{feff}<");
}

#[wasm_bindgen_test]
fn spans_are_utf8_bytes_and_utf16_units_with_chinese_fullwidth_digits_and_emoji() {
    // seed-000 with an emoji title line (2 UTF-16 units, 4 bytes each) and
    // every lone “0” cell written with a full-width digit (3 bytes, 1 unit).
    let text = format!(
        "😀📊 年度报告（草稿）🇨🇳\n{}",
        SEED0.replace("\n0 |", "\n０ |").replace("\n8 |", "\n８ |")
    );
    assert!(text.contains("０ |") && text.contains("８ |"));
    let js_text = JsString::from(text.as_str());
    assert_ne!(js_text.length() as usize, text.len());

    let v = wasm::check(&text, None).unwrap();
    let r = read(&v);
    assert!(r.cells.len() > 50, "cells read: {}", r.cells.len());
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(r.cells["disclosure.penalty.decisions"].value, Some(8.0));
    let mut fullwidth = 0;
    for (key, c) in &r.cells {
        let [b0, b1] = c.span;
        assert_eq!(&text[b0..b1], c.text, "UTF-8 span of {key}");
        let [u0, u1] = c.span16.expect("span16");
        let at: String = js_text.substring(u0 as u32, u1 as u32).into();
        assert_eq!(at, c.text, "UTF-16 span of {key}");
        if c.text.contains('０') || c.text.contains('８') {
            fullwidth += 1;
            assert_eq!(c.kind, "number", "{key}: {:?}", c.text);
            assert!(c.value.is_some());
        }
    }
    assert!(fullwidth > 20, "full-width cells: {fullwidth}");

    // Diagnostics' spans too (seed-001 with the same decorations).
    let text = format!("🙂 {}", SEED1.replace("\n0\n", "\n０\n"));
    let js_text = JsString::from(text.as_str());
    let r = read(&wasm::check(&text, None).unwrap());
    assert!(r.summary.errors > 0);
    for d in &r.diagnostics {
        if let (Some([b0, b1]), Some([u0, u1])) = (d.span, d.span16) {
            let a = &text[b0..b1];
            let b: String = js_text.substring(u0 as u32, u1 as u32).into();
            assert_eq!(a, b, "{}", d.rule);
        }
    }
}

#[wasm_bindgen_test]
fn check_html_reads_tables_and_spans_point_into_the_html() {
    let r = read(&wasm::check_html(CITY, None).unwrap());
    assert!(r.html);
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(r.cells["requests.received.total"].value, Some(14069.0));
    assert_eq!(r.cells["requests.carried_out.total"].value, Some(819.0));
    let js = JsString::from(CITY);
    for (key, c) in &r.cells {
        let [u0, u1] = c.span16.unwrap();
        let at: String = js.substring(u0 as u32, u1 as u32).into();
        assert_eq!(at, c.text, "{key}");
    }
    // check() recognises HTML by itself.
    assert!(read(&wasm::check(CITY, None).unwrap()).html);
}

#[wasm_bindgen_test]
fn check_text_never_reads_markup_as_tables() {
    let r = read(&wasm::check_text("<table><tr><td>1</td></tr></table>", None).unwrap());
    assert!(!r.html);
}

#[wasm_bindgen_test]
fn odd_input_never_throws() {
    let long = "（七）总计 ".repeat(20_000);
    for s in [
        "",
        "\0",
        "<img src=x onerror=alert(1)><script>alert(1)</script>",
        "一、本年新收政府信息公开申请数量 9999999999999999999999 -1 1.5 ０ /",
        "\u{feff}\r\n\r\n|||\t\t",
        long.as_str(),
    ] {
        let v = wasm::check(s, None).unwrap();
        read(&v);
        read(&wasm::check_html(s, None).unwrap());
        read(&wasm::check_text(s, None).unwrap());
    }
    let r = read(&wasm::check("这不是年度报告。", None).unwrap());
    assert!(!r.tables.requests);
    assert!(r.diagnostics.iter().any(|d| d.rule == "tables.not_found"));
}

#[wasm_bindgen_test]
fn rules_lists_every_rule_with_chinese_docs() {
    let v = wasm::rules().unwrap();
    assert!(Array::is_array(&v));
    let rules: Vec<Rule> = serde_wasm_bindgen::from_value(v).unwrap();
    assert!(rules.len() >= 10);
    for id in [
        "requests.row_total",
        "requests.results_total",
        "requests.balance",
        "appeals.group_total",
    ] {
        let r = rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(r.severity, "error");
        assert!(r
            .title
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert!(!r.what.is_empty() && !r.why.is_empty() && !r.fix.is_empty());
    }
    assert!(!wasm::version().is_empty());
}

#[wasm_bindgen_test]
fn the_exports_are_what_js_calls() {
    // The JS names (check, checkHtml, checkText, rules) are the wasm-bindgen
    // exports; calling through a JS function value proves the ABI round trip.
    let f: js_sys::Function =
        wasm_bindgen::closure::Closure::<dyn Fn(String) -> JsValue>::new(|s: String| {
            wasm::check(&s, None).unwrap()
        })
        .into_js_value()
        .unchecked_into();
    let v = f.call1(&JsValue::NULL, &JsValue::from_str(SEED0)).unwrap();
    assert_eq!(read(&v).summary.errors, 0);
}

// ---- the batch module's exports (www/pkg-batch: checkAll, compareTexts, pairYears)

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Comparison {
    last: Side,
    this: Side,
    same_unit: Option<bool>,
    consecutive: Option<bool>,
    summary: Summary,
    diagnostics: Vec<Diagnostic>,
    changes: Vec<Change>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Side {
    source: String,
    unit: Option<String>,
    year: Option<u32>,
    version: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Change {
    key: String,
    label: String,
    last: Option<f64>,
    this: Option<f64>,
    last_text: Option<String>,
    this_text: Option<String>,
    difference: Option<i64>,
    changed: bool,
}

/// SEED0 (示例市龙湖区住房和城乡建设局, 2022) a year on, carrying 5
/// applications over into 2023 (2022 carried none over).
fn seed0_next_year() -> String {
    let t = SEED0.replace("2022", "2023");
    let at = t
        .find("二、上年结转政府信息公开申请数量 |\n0 |")
        .expect("the fixture's 上年结转 row");
    let cell = at + "二、上年结转政府信息公开申请数量 |\n".len();
    format!("{}5{}", &t[..cell], &t[cell + 1..])
}

#[wasm_bindgen_test]
fn check_all_gives_one_report_per_titled_report_with_spans_into_the_whole_text() {
    let text = format!("{SEED0}\n\n{SEED1}");
    let v = wasm::check_all(&text, Some("two.txt".into()), Some("text".into())).unwrap();
    assert!(Array::is_array(&v));
    let reports: Vec<Report> = serde_wasm_bindgen::from_value(v).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports.iter().map(|r| r.year).collect::<Vec<_>>(),
        [Some(2022), Some(2020)]
    );
    assert_eq!(
        reports
            .iter()
            .map(|r| r.version.as_deref())
            .collect::<Vec<_>>(),
        [Some("v2021"), Some("v2019")]
    );
    let (a, b) = (reports[0].part.unwrap(), reports[1].part.unwrap());
    assert_eq!(a[0], 0);
    assert_eq!(a[1], b[0]);
    assert_eq!(b[1], text.len());
    // The second report's cells index the whole text, inside its part.
    for c in reports[1].cells.values() {
        assert!(c.span[0] >= b[0] && c.span[1] <= b[1]);
        assert_eq!(&text[c.span[0]..c.span[1]], c.text);
    }
    // Each says the text held two, and the second keeps SEED1's mistakes.
    for r in &reports {
        assert_eq!(r.source_kind.as_deref(), Some("text"));
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.rule == "text.several_reports"));
    }
    assert_eq!(reports[1].status, "errors");
    // One report: the same as `check`, in an array of one.
    let one: Vec<Report> =
        serde_wasm_bindgen::from_value(wasm::check_all(SEED0, None, None).unwrap()).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].part, None);
    assert_eq!(one[0].status, "clean");
    assert_eq!(one[0].unit.as_deref(), Some("示例市龙湖区住房和城乡建设局"));
}

#[wasm_bindgen_test]
fn compare_texts_finds_carried_in_unlike_last_years_carried_out() {
    let next = seed0_next_year();
    let v = wasm::compare_texts(
        SEED0,
        &next,
        Some("2022.txt".into()),
        Some("2023.txt".into()),
    )
    .unwrap();
    let c: Comparison = serde_wasm_bindgen::from_value(v).unwrap();
    assert_eq!((c.last.year, c.this.year), (Some(2022), Some(2023)));
    assert_eq!((c.same_unit, c.consecutive), (Some(true), Some(true)));
    assert_eq!(c.this.source, "2023.txt");
    assert_eq!(c.last.unit.as_deref(), Some("示例市龙湖区住房和城乡建设局"));
    assert_eq!(c.this.version.as_deref(), Some("v2021"));
    assert_eq!(
        c.summary.errors,
        c.diagnostics
            .iter()
            .filter(|d| d.severity == "error")
            .count()
    );
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.rule == "compare.carried_over")
        .expect("the carried-over finding");
    assert_eq!(d.severity, "error");
    assert!(d.cells.iter().any(|k| k == "requests.carried_in.natural"));
    // Its span is in this year's text, in bytes and UTF-16 units.
    let [s, e] = d.span.unwrap();
    assert_eq!(&next[s..e], "5");
    let [s16, e16] = d.span16.unwrap();
    let units: Vec<u16> = next.encode_utf16().collect();
    assert_eq!(String::from_utf16(&units[s16..e16]).unwrap(), "5");
    let ch = c
        .changes
        .iter()
        .find(|ch| ch.key == "requests.carried_in.natural")
        .unwrap();
    assert_eq!(
        (ch.last, ch.this, ch.difference, ch.changed),
        (Some(0.0), Some(5.0), Some(5), true)
    );
    assert!(ch.label.contains("上年结转"));
    assert_eq!(
        (ch.last_text.as_deref(), ch.this_text.as_deref()),
        (Some("0"), Some("5"))
    );
    // The same report twice: nothing carried wrongly, but the tables copied.
    let same: Comparison =
        serde_wasm_bindgen::from_value(wasm::compare_texts(SEED0, SEED0, None, None).unwrap())
            .unwrap();
    assert!(!same
        .diagnostics
        .iter()
        .any(|d| d.rule == "compare.carried_over"));
    assert_eq!(same.consecutive, Some(false));
}

#[wasm_bindgen_test]
fn pair_years_finds_the_same_units_year_before_and_no_pair_when_two_could_be() {
    let units = [
        "示例市龙湖区住房和城乡建设局",
        "示例市龙湖区住房和城乡建设局",
        "示例县教育局",
        "龙湖区住房和城乡建设局",
        "示例县教育局",
        "示例县教育局",
        "",
    ]
    .map(String::from)
    .to_vec();
    let years = vec![2022, 2023, 2023, 2024, 2022, 2022, 2023];
    assert_eq!(wasm::pair_years(units, years), [-1, 0, -1, 1, -1, -1, -1]);
}
