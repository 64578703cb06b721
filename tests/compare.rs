//! Year over year, what the text must state, several reports in one text,
//! and the CLI's `compare` and `check --format csv`.
//!
//! Fixtures: tests/compare-fixtures/ (synthetic, written by make.py there);
//! the real pair hongze-2023/2024 from the corpus when present.

use std::path::Path;
use std::process::Command;

use xxgk_validator::compare::{self, compare};
use xxgk_validator::{check, check_all, rules, Report, Severity, Status};

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/compare-fixtures")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fixture_path(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/compare-fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A real report of the corpus (found by build.rs; never copied here).
fn corpus(name: &str) -> String {
    let dir = option_env!("XXGK_CORPUS_DIR").unwrap_or("../shared/corpus");
    let path = format!("{dir}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rules_of(r: &Report) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.rule).collect()
}

fn new_rule(id: &str) -> bool {
    id.starts_with("compare.") || id.starts_with("text.processing_fee") || {
        id == rules::YEAR_MISMATCH || id == rules::YEAR_VERSION || id == rules::SEVERAL
    }
}

// ------------------------------------------------------------ unit, year

#[test]
fn unit_and_year_come_from_the_title() {
    let r = check(&fixture("unit-2023.txt"));
    assert_eq!(r.unit.as_deref(), Some("示例区人民政府办公室"));
    assert_eq!(r.year, Some(2023));
    let r = check(&fixture("unit-2024.txt"));
    assert_eq!(r.unit.as_deref(), Some("某市示例区人民政府办公室"));
    assert_eq!(r.year, Some(2024));
}

#[test]
fn title_year_against_the_statistical_period() {
    let text = fixture("year-mismatch.txt");
    let r = check(&text);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == rules::YEAR_MISMATCH)
        .expect("year mismatch found");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.expected, d.actual), (Some(2023), Some(2022)));
    let s = d.span.expect("span");
    assert_eq!(&text[s.start..s.end], "2022年1月1日至12月31日");
    assert!(d.message.contains("2023年度") && d.message.contains("2022年1月1日"));
    // The same report with the right period has no such finding.
    assert!(!rules_of(&check(&fixture("unit-2023.txt"))).contains(&rules::YEAR_MISMATCH));
}

#[test]
fn a_2021_format_table_in_a_report_titled_2020() {
    let text = fixture("unit-2023.txt").replacen("2023年政府信息公开", "2020年政府信息公开", 1);
    let r = check(&text);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == rules::YEAR_VERSION)
        .expect("year/version");
    assert!(d.message.contains("2020年度") && d.message.contains("2021年版"));
    let s = d.span.expect("span");
    assert_eq!(
        &text[s.start..s.end],
        "示例区人民政府办公室2020年政府信息公开"
    );
    // The period still says 2023.
    assert!(rules_of(&r).contains(&rules::YEAR_MISMATCH));
    assert!(!rules_of(&check(&fixture("unit-2023.txt"))).contains(&rules::YEAR_VERSION));
}

// ------------------------------------------------------------ 信息处理费

#[test]
fn processing_fee_stated_absent_or_contradicted() {
    // Stated (未收取 / 收取0元): nothing to say.
    for f in ["unit-2023.txt", "unit-2024.txt"] {
        let r = check(&fixture(f));
        assert!(
            !r.diagnostics
                .iter()
                .any(|d| d.rule.starts_with("text.processing_fee")),
            "{f}: {:?}",
            rules_of(&r)
        );
        assert_eq!(r.verdict.status, Status::Clean, "{f}");
    }
    // Absent — 表二's 行政事业性收费 (1.5 万元) does not count as the statement.
    let text = fixture("fee-absent.txt");
    let r = check(&text);
    let d: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == rules::FEE_MISSING)
        .collect();
    assert_eq!(d.len(), 1, "{:?}", rules_of(&r));
    assert_eq!(d[0].severity, Severity::Warning);
    let s = d[0].span.expect("span");
    assert_eq!(&text[s.start..s.end], "其他需要报告的事项");
    assert!(d[0].message.contains("信息处理费") && d[0].message.contains("行政事业性收费"));
    // A warning leaves the verdict as it is.
    assert_eq!(r.verdict.status, Status::Clean);
    // 表三 pasted alone is not a whole report: nothing said about the fee.
    let (a, b) = (
        text.find("三、收到和处理").unwrap_or(0),
        text.find("四、政府信息公开行政复议").unwrap_or(text.len()),
    );
    let alone = check(&text[a..b]);
    assert!(alone.tables.requests && !alone.tables.disclosure);
    assert!(!rules_of(&alone).contains(&rules::FEE_MISSING));

    // Contradicted: 未收取 in 一, 120元 in 六.
    let text = fixture("fee-conflict.txt");
    let r = check(&text);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == rules::FEE_CONFLICT)
        .expect("conflict found");
    assert!(!rules_of(&r).contains(&rules::FEE_MISSING));
    assert!(
        d.message.contains("未收取") && d.message.contains("120元"),
        "{}",
        d.message
    );
    let s = d.span.expect("span");
    let covered = &text[s.start..s.end];
    assert!(covered.starts_with("全年未收取信息处理费。"), "{covered}");
    assert!(covered.ends_with("共收取信息处理费120元。"), "{covered}");
}

// ------------------------------------------------------------ year over year

#[test]
fn consecutive_years_that_agree_give_no_finding() {
    let (last, this) = (
        check(&fixture("unit-2023.txt")),
        check(&fixture("unit-2024.txt")),
    );
    // “某市示例区人民政府办公室” is “示例区人民政府办公室” with its city in front.
    assert!(compare::follows(&last, &this));
    assert!(!compare::follows(&this, &last));
    let c = compare(&last, &this);
    assert_eq!((c.same_unit, c.consecutive), (Some(true), Some(true)));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    // Side by side: every cell, with last and this year's values.
    let ch = c
        .changes
        .iter()
        .find(|ch| ch.key == "requests.received.total")
        .expect("received.total");
    assert_eq!(ch.difference(), Some(10 - 13));
    assert!(ch.changed());
    let same = c
        .changes
        .iter()
        .find(|ch| ch.key == "requests.denied_secret.total")
        .expect("denied_secret.total");
    assert!(!same.changed());
    assert_eq!(c.changes.len(), this.cells.len());
}

#[test]
fn carried_in_must_be_last_years_carried_out() {
    let text = fixture("unit-2024-mismatch.txt");
    let (last, this) = (check(&fixture("unit-2023.txt")), check(&text));
    // The year's own tables add up: only the comparison finds it.
    assert_eq!(this.verdict.status, Status::Clean, "{:?}", rules_of(&this));
    let c = compare(&last, &this);
    let carried: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.rule == rules::CARRIED_OVER)
        .collect();
    let cols: Vec<&str> = carried.iter().map(|d| d.cells[0].as_str()).collect();
    assert_eq!(
        cols,
        ["requests.carried_in.natural", "requests.carried_in.total"]
    );
    for d in &carried {
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            (d.expected, d.actual, d.difference()),
            (Some(2), Some(3), Some(1))
        );
        // The span is this year's cell.
        let s = d.span.expect("span");
        assert_eq!(&text[s.start..s.end], "3");
        assert_eq!(this.cell(&d.cells[0]).map(|c| c.span), Some(s));
        for part in [
            "2024年度",
            "2023年度",
            "二、上年结转政府信息公开申请数量",
            "四、结转下年度继续办理",
            "为3",
            "为2",
            "相差1",
        ] {
            assert!(d.message.contains(part), "{part}: {}", d.message);
        }
    }
    assert!(carried[0].message.contains("「自然人」列"));
    assert!(carried[1].message.contains("「总计」列"));

    // 现行有效: 20 + 4 − 2 = 22, written 25.
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.rule == rules::IN_FORCE_CONTINUITY)
        .expect("in force");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.expected, d.actual), (Some(22), Some(25)));
    let s = d.span.expect("span");
    assert_eq!(&text[s.start..s.end], "25");
    assert!(d.message.contains("行政规范性文件") && d.message.contains("现行有效件数"));

    // Added to the later year's report: its verdict becomes 有错误.
    let mut r = this.clone();
    compare::add_previous(&mut r, &last);
    assert_eq!(r.verdict.status, Status::Errors);
    assert_eq!(r.count(Severity::Error), 2);
    assert!(r
        .mistakes
        .iter()
        .all(|m| m.diagnostics.iter().all(|&i| i < r.diagnostics.len())));
}

#[test]
fn copied_tables_are_flagged_but_two_quiet_years_are_not() {
    let (last, this) = (
        check(&fixture("unit-2023.txt")),
        check(&fixture("unit-2024-copied.txt")),
    );
    let c = compare(&last, &this);
    let d: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.rule == rules::COPIED_TABLES)
        .collect();
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("表三") && d[0].message.contains("表四"));
    assert!(d[0].message.contains("表二") && d[0].message.contains("2023年度"));
    // The honest pair is not copied.
    let good = compare(&last, &check(&fixture("unit-2024.txt")));
    assert!(!good
        .diagnostics
        .iter()
        .any(|d| d.rule == rules::COPIED_TABLES));
    // All zero two years running: alike, not flagged.
    let z = compare(
        &check(&fixture("zero-2023.txt")),
        &check(&fixture("zero-2024.txt")),
    );
    assert!(z.diagnostics.is_empty(), "{:?}", z.diagnostics);
}

#[test]
fn reports_of_other_units_or_years_are_said_not_to_be_a_pair() {
    let a = check(&fixture("unit-2023.txt"));
    let z = check(&fixture("zero-2024.txt"));
    let c = compare(&a, &z);
    assert_eq!(c.same_unit, Some(false));
    assert!(c.diagnostics.iter().any(|d| d.rule == rules::NOT_A_PAIR
        && d.message.contains("示例区人民政府办公室")
        && d.message.contains("无申请镇人民政府")));
    // Same report twice: not consecutive, no carried-over check.
    let c = compare(&a, &a);
    assert_eq!(c.consecutive, Some(false));
    assert!(!c.diagnostics.iter().any(|d| d.rule == rules::CARRIED_OVER));
}

#[test]
fn pairing_picks_the_same_units_previous_year() {
    let r23 = check(&fixture("unit-2023.txt"));
    let r24 = check(&fixture("unit-2024.txt"));
    let z23 = check(&fixture("zero-2023.txt"));
    let z24 = check(&fixture("zero-2024.txt"));
    let got = compare::pair(&[&r24, &z24, &r23, &z23]);
    assert_eq!(got, vec![Some(2), Some(3), None, None]);
    // Two reports of the same unit and year: which one came before is not
    // known, so none is chosen.
    let twin = check(&fixture("year-mismatch.txt"));
    assert_eq!(twin.unit, r23.unit);
    assert_eq!(compare::pair(&[&r24, &r23, &twin]), vec![None, None, None]);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn the_real_hongze_pair_agrees() {
    let last = check(&corpus("hongze-2023.pdftotext-layout.txt"));
    let this = check(&corpus("hongze-2024.pdftotext-layout.txt"));
    assert_eq!(last.unit.as_deref(), Some("洪泽区人民政府"));
    assert_eq!(this.unit.as_deref(), Some("淮安市洪泽区人民政府"));
    assert!(compare::follows(&last, &this));
    let c = compare(&last, &this);
    // carried_out 2023 = carried_in 2024 = 0; 现行有效 5 + 3 − 0 = 8.
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let ch = c
        .changes
        .iter()
        .find(|ch| ch.key == "disclosure.normative_docs.in_force")
        .expect("in_force");
    assert_eq!(ch.difference(), Some(3));
}

// ------------------------------------------------------------ several reports

#[test]
fn two_reports_in_one_text_are_split_with_exact_spans() {
    let text = fixture("two-reports.txt");
    let rs = check_all(&text);
    assert_eq!(rs.len(), 2);
    let second = text.find("另一县人民政府2024年").expect("second title");
    assert_eq!(rs[0].part.map(|p| (p.start, p.end)), Some((0, second)));
    assert_eq!(
        rs[1].part.map(|p| (p.start, p.end)),
        Some((second, text.len()))
    );
    assert_eq!(
        (rs[0].unit.as_deref(), rs[0].year),
        (Some("示例区人民政府办公室"), Some(2023))
    );
    assert_eq!(
        (rs[1].unit.as_deref(), rs[1].year),
        (Some("另一县人民政府"), Some(2024))
    );
    for r in &rs {
        assert_eq!(r.verdict.status, Status::Clean, "{:?}", rules_of(r));
        let part = r.part.expect("part");
        for c in &r.cells {
            assert_eq!(&text[c.span.start..c.span.end], c.text, "{}", c.key);
            assert!(c.span.start >= part.start && c.span.end <= part.end);
        }
        assert!(rules_of(r).contains(&rules::SEVERAL));
    }
    // Each part's own numbers, not the other's.
    let v = |r: &Report, k: &str| r.cell(k).and_then(|c| c.value.as_int());
    assert_eq!(v(&rs[0], "requests.received.total"), Some(13));
    assert_eq!(v(&rs[1], "requests.received.total"), Some(10));

    // `check` reads one and says plainly that there are two, and where.
    let r = check(&text);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == rules::SEVERAL)
        .expect("several");
    let line = text[..second].matches('\n').count() + 1;
    assert!(d.message.contains(&format!("第{line}行")), "{}", d.message);
    assert_eq!(d.span.map(|s| s.start), Some(second));

    // One report per text stays one, without the warning.
    let one = check_all(&fixture("unit-2023.txt"));
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].part, None);
    assert!(!rules_of(&one[0]).contains(&rules::SEVERAL));
}

#[test]
fn two_tables_without_a_title_between_are_reported_not_split() {
    let second = fixture("unit-2024.txt");
    let body = second.split_once('\n').map(|x| x.1).unwrap_or("");
    let text = format!("{}\n{body}", fixture("unit-2023.txt"));
    let rs = check_all(&text);
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0].part, None);
    let d = rs[0]
        .diagnostics
        .iter()
        .find(|d| d.rule == rules::SEVERAL)
        .expect("several");
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.message.contains("2份") && d.message.contains("第二张表三"),
        "{}",
        d.message
    );
    let s = d.span.expect("span");
    assert_eq!(&text[s.start..s.end], "本年新收政府信息公开申请数量");
    let at = s.start;
    assert!(at > text.find("四、结转下年度继续办理").unwrap_or(usize::MAX));
}

// ------------------------------------------------------------ real reports

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn new_rules_are_quiet_on_clean_real_reports() {
    for (name, unit) in [
        ("seed-000_1969cc7526291166.txt", None),
        ("seed-003_924043a2ff6d2acf.txt", Some("红旗区城乡建设局")),
        ("seed-004_f97d988c963e3b8a.txt", None),
        (
            "hongze-2024.pdftotext-layout.txt",
            Some("淮安市洪泽区人民政府"),
        ),
        ("huaian-2024.pdftotext-layout.txt", Some("淮安市人民政府")),
        ("city-2025.html", Some("测试市")),
        (
            "shanghai-office-2025.pdf-to-markdown.md",
            Some("上海市人民政府办公厅"),
        ),
    ] {
        let rs = check_all(&corpus(name));
        assert_eq!(rs.len(), 1, "{name}");
        let r = &rs[0];
        let new: Vec<_> = rules_of(r).into_iter().filter(|id| new_rule(id)).collect();
        assert!(new.is_empty(), "{name}: {new:?}");
        assert_eq!(r.unit.as_deref(), unit, "{name}");
    }
    // seed-002's 六 says only “无其他需要报告的事项”: the fee is genuinely
    // not stated. A warning; the verdict stays clean.
    let r = check(&corpus("seed-002_1f2f97cfe36f738a.txt"));
    let new: Vec<_> = rules_of(&r).into_iter().filter(|id| new_rule(id)).collect();
    assert_eq!(new, vec![rules::FEE_MISSING]);
    assert_eq!(r.verdict.status, Status::Clean);
}

// ------------------------------------------------------------ CLI

const BIN: &str = env!("CARGO_BIN_EXE_xxgk");

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run xxgk")
}

#[test]
fn cli_compare_human_and_json() {
    let (a, b) = (
        fixture_path("unit-2023.txt"),
        fixture_path("unit-2024-mismatch.txt"),
    );
    let o = run(&["compare", "--color", "never", &a, &b]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("compare.carried_over"), "{out}");
    assert!(out.contains("示例区人民政府办公室 2023年度"), "{out}");
    assert!(
        out.contains("表二「行政规范性文件」的「现行有效件数」：20 → 25（+5）"),
        "{out}"
    );

    let o = run(&["compare", "--format", "json", &a, &b]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["last"]["year"], 2023);
    assert_eq!(v["this"]["unit"], "示例区人民政府办公室");
    assert_eq!(v["same_unit"], true);
    assert_eq!(v["consecutive"], true);
    assert_eq!(v["summary"]["errors"], 2);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "compare.carried_over");
    assert_eq!(
        (d["expected"].as_i64(), d["actual"].as_i64()),
        (Some(2), Some(3))
    );
    let text = fixture("unit-2024-mismatch.txt");
    let (s, e) = (
        d["span"][0].as_u64().unwrap_or(0) as usize,
        d["span"][1].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[s..e], "3");
    let ch = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["key"] == "requests.carried_in.natural")
        .expect("change");
    assert_eq!(
        (ch["last"].as_i64(), ch["this"].as_i64()),
        (Some(1), Some(3))
    );
    assert_eq!(ch["difference"], 2);

    // Agreeing years: exit 0.
    let o = run(&[
        "compare",
        "--format",
        "json",
        &a,
        &fixture_path("unit-2024.txt"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    // A missing file: exit 2.
    let o = run(&["compare", &a, &fixture_path("no-such.txt")]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cli_check_pairs_years_of_a_unit_given_together() {
    let (a, b, z) = (
        fixture_path("unit-2023.txt"),
        fixture_path("unit-2024-mismatch.txt"),
        fixture_path("zero-2024.txt"),
    );
    // Alone, the later year is clean.
    assert_eq!(run(&["check", &b]).status.code(), Some(0));
    // With last year's report (given after it), the carried-over errors join it.
    let o = run(&["check", "--format", "json", &b, &z, &a]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 3);
    let rules_in = |r: &serde_json::Value| -> Vec<String> {
        r["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["rule"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(reports[0]["status"], "errors");
    assert_eq!(
        rules_in(&reports[0])
            .iter()
            .filter(|r| *r == "compare.carried_over")
            .count(),
        2
    );
    assert!(rules_in(&reports[1])
        .iter()
        .all(|r| !r.starts_with("compare.")));
    assert!(rules_in(&reports[2])
        .iter()
        .all(|r| !r.starts_with("compare.")));
    assert_eq!(reports[0]["unit"], "示例区人民政府办公室");
}

#[test]
fn cli_check_csv_parses_back() {
    let p = fixture_path("unit-2024-mismatch.txt");
    let a = fixture_path("unit-2023.txt");
    let fee = fixture_path("fee-absent.txt");
    let o = run(&["check", "--format", "csv", &p, &a, &fee]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.starts_with("\u{feff}".as_bytes()), "BOM");
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&o.stdout[3..]);
    let header: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "文件",
            "单位",
            "年度",
            "规则",
            "级别",
            "表格",
            "行",
            "列",
            "格子",
            "格内数字",
            "应为",
            "说明",
            "改正建议"
        ]
    );
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect();
    let carried: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[3] == "compare.carried_over")
        .collect();
    assert_eq!(carried.len(), 2);
    let r = carried[0];
    assert!(r[0].ends_with("unit-2024-mismatch.txt"));
    assert_eq!(r[1], "示例区人民政府办公室");
    assert_eq!(r[2], "2024");
    assert_eq!(r[4], "错误");
    assert_eq!(r[5], "表三 收到和处理政府信息公开申请情况");
    assert_eq!(r[6], "二、上年结转政府信息公开申请数量");
    assert_eq!(r[7], "自然人");
    assert_eq!(r[8], "requests.carried_in.natural");
    assert_eq!((r[9].as_str(), r[10].as_str()), ("3", "2"));
    assert!(r[11].contains("相差1"));
    // A message with a comma and quotes survives the quoting.
    let fee_row = rows
        .iter()
        .find(|r| r[3] == "text.processing_fee_missing")
        .expect("fee row");
    assert!(fee_row[0].ends_with("fee-absent.txt"));
    assert!(fee_row[11].contains("“六、其他需要报告的事项”") && fee_row[11].contains('，'));
    assert_eq!(rows.len(), 4, "{rows:?}");
}

// ------------------------------------------------------------ never panics

mod no_panic {
    use proptest::prelude::*;
    use xxgk_validator::{check, check_all, compare};

    /// Pieces that drive the new code paths, glued in any order with noise.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("2023年政府信息公开工作年度报告".to_string()),
            Just("示例区人民政府办公室".to_string()),
            Just("一、本年新收政府信息公开申请数量".to_string()),
            Just("二、上年结转政府信息公开申请数量".to_string()),
            Just("四、结转下年度继续办理".to_string()),
            Just("未收取信息处理费。".to_string()),
            Just("收取信息处理费12.5元".to_string()),
            Just("《政府信息公开信息处理费管理办法》".to_string()),
            Just("2022年1月1日至12月31日".to_string()),
            Just("六、其他需要报告的事项".to_string()),
            Just("<td>".to_string()),
            Just("\t".to_string()),
            Just("\n".to_string()),
            "[0-9]{1,3}",
            "\\PC{0,6}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_text_checks_and_compares_without_panic(a in text(), b in text()) {
            let joined = format!("{a}{b}");
            for r in check_all(&joined) {
                for c in &r.cells {
                    prop_assert_eq!(joined.get(c.span.start..c.span.end), Some(c.text.as_str()));
                }
                for d in &r.diagnostics {
                    if let Some(s) = d.span {
                        prop_assert!(joined.get(s.start..s.end).is_some(), "{} {:?}", d.rule, s);
                    }
                }
            }
            let c = compare::compare(&check(&a), &check(&b));
            for d in &c.diagnostics {
                if let Some(s) = d.span {
                    prop_assert!(b.get(s.start..s.end).is_some());
                }
            }
        }
    }
}
