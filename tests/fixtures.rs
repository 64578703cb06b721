//! The project's own generated reports (tests/fixtures/, written by
//! `cargo run --example make-fixtures` from tests/support/gen.rs): every
//! layout the readers support, v2021 and v2019, clean and with planted
//! mistakes. These run everywhere, with or without the real-report corpus.
//!
//! - the committed files are exactly what the generator makes now;
//! - each fixture reads back what the generator meant (version, year, every
//!   cell's value and text, exact spans) and every planted mistake is found
//!   and located with the value that mends it, and nothing else is reported;
//! - each fixture's findings match its expected-output file
//!   (`<fixture>.expect`, rust-analyzer style); `UPDATE_EXPECT=1 cargo test
//!   --test fixtures` rewrites those files, to be reviewed in the diff.
#[path = "support/gen.rs"]
mod gen;

use std::path::{Path, PathBuf};
use xxgk_validator::{check, Report, Severity, Status, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_dir() -> PathBuf {
    root().join("tests/fixtures")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run `cargo run --example make-fixtures`)",
            path.display()
        )
    })
}

#[test]
fn committed_fixtures_are_what_the_generator_makes_now() {
    let mut want: Vec<(PathBuf, String)> = Vec::new();
    let all = gen::fixtures();
    for f in &all {
        want.push((fixture_dir().join(f.file), f.text()));
    }
    want.push((fixture_dir().join("not-a-report.txt"), gen::not_a_report()));
    for (name, from, _, _) in gen::SAMPLES {
        let f = all
            .iter()
            .find(|f| f.file == from)
            .expect("sample's fixture");
        want.push((root().join("www/samples").join(name), f.text()));
    }
    want.push((root().join("www/samples/index.json"), gen::samples_index()));
    want.push((root().join("www/rule-docs.json"), gen::rule_docs_json()));
    let stale: Vec<String> = want
        .iter()
        .filter(|(p, text)| std::fs::read_to_string(p).ok().as_deref() != Some(text.as_str()))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "differ from the generator (run `cargo run --example make-fixtures`): {stale:#?}"
    );
    // Nothing else lies in tests/fixtures/: every input is generated, every
    // .expect belongs to one. Subfolders hold other generators' fixtures
    // (files/: scripts/make-file-fixtures).
    for e in std::fs::read_dir(fixture_dir()).expect("tests/fixtures") {
        let e = e.expect("entry");
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        let input = name.strip_suffix(".expect").unwrap_or(&name);
        assert!(
            input == "not-a-report.txt" || all.iter().any(|f| f.file == input),
            "tests/fixtures/{name} is not made by the generator"
        );
    }
}

/// Every cell's span slices the input to exactly its text; every
/// diagnostic's span lies inside the input.
fn assert_spans(name: &str, text: &str, r: &Report) {
    for c in &r.cells {
        assert_eq!(
            text.get(c.span.start..c.span.end),
            Some(c.text.as_str()),
            "{name}: span of {}",
            c.key
        );
    }
    for d in &r.diagnostics {
        if let Some(s) = d.span {
            assert!(
                text.get(s.start..s.end).is_some(),
                "{name}: span of {}",
                d.rule
            );
        }
    }
}

#[test]
fn every_fixture_reads_back_what_was_generated() {
    let fixtures = gen::fixtures();
    assert!(fixtures.len() >= 18);
    for f in &fixtures {
        let name = f.file;
        let t = &f.tables;
        let text = read(&fixture_dir().join(name));
        let r = check(&text);
        assert_spans(name, &text, &r);
        assert_eq!(r.version, Some(t.version), "{name}");
        assert_eq!(r.year, Some(f.prose.year), "{name}");
        assert_eq!(r.html, f.layout == gen::Layout::Html, "{name}");
        assert!(
            r.tables.disclosure && r.tables.requests && r.tables.appeals,
            "{name}: {:?}",
            r.tables
        );
        // Every cell, and nothing else, with the value and the text printed.
        assert_eq!(r.cells.len(), t.cells.len(), "{name}");
        for (k, _) in &t.cells {
            let c = r.cell(k).unwrap_or_else(|| panic!("{name}: no cell {k}"));
            assert_eq!(c.value.as_f64(), t.printed_value(k), "{name}: value of {k}");
            let printed = t.text(k);
            let printed = printed.trim_matches(|ch: char| ch.is_whitespace());
            match printed {
                "" => assert_eq!(c.value, Value::Blank, "{name}: {k}"),
                "不详" => assert_eq!(c.value, Value::Text, "{name}: {k}"),
                _ => assert_eq!(c.text, printed, "{name}: text of {k}"),
            }
        }
        // Every planted mistake is found and located with its right value.
        let errors: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        for (cell, want) in &f.planted {
            assert!(
                errors.iter().any(|d| d
                    .suspect
                    .as_ref()
                    .is_some_and(|s| s.cell == *cell && s.expected == *want)),
                "{name}: {cell} should be {want}: {:#?}",
                errors
            );
        }
        // And nothing else: every error involves a planted cell, or is the
        // text in a number cell.
        // Cells printed as words where a number belongs (“不详”).
        let texts: Vec<&str> = t
            .text
            .iter()
            .filter(|(_, s)| !s.trim().is_empty() && !s.chars().any(|ch| ch.is_ascii_digit()))
            .map(|(k, _)| k.as_str())
            .collect();
        for d in &errors {
            let about_planted = f
                .planted
                .iter()
                .any(|(k, _)| d.cells.iter().any(|c| c == k));
            let about_text = d.rule == "value.not_number"
                && texts.iter().any(|k| d.cells.iter().any(|c| c == k));
            assert!(
                about_planted || about_text,
                "{name}: unexpected {}: {}",
                d.rule,
                d.message
            );
        }
        if f.planted.is_empty() && texts.is_empty() {
            assert!(errors.is_empty(), "{name}: {errors:#?}");
            // All three tables read in full, every rule checked.
            assert_eq!(
                r.verdict.status,
                Status::Clean,
                "{name}: {:?}",
                r.verdict.reasons
            );
            assert!(r.mistakes.is_empty(), "{name}");
        } else {
            assert_eq!(r.verdict.status, Status::Errors, "{name}");
            // One mistake per thing to fix: each planted cell, with its value.
            for (cell, want) in &f.planted {
                assert!(
                    r.mistakes
                        .iter()
                        .any(|m| m.cell.as_deref() == Some(*cell) && m.expected == Some(*want)),
                    "{name}: no mistake {cell}={want}: {:#?}",
                    r.mistakes
                );
            }
            let mistakes = f.planted.len() + texts.len();
            assert_eq!(r.mistakes.len(), mistakes, "{name}: {:#?}", r.mistakes);
        }
        let mut warnings: Vec<&str> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Error)
            .map(|d| d.rule)
            .collect();
        warnings.sort();
        let mut want: Vec<&str> = Vec::new();
        if t.single_other {
            want.push("format.single_other_row");
        }
        if !f.edits.is_empty() {
            want.push("text.run_together_digits");
        }
        if !texts.is_empty() {
            want.push("value.blank_unchecked");
        }
        want.sort();
        assert_eq!(warnings, want, "{name}");
    }
}

/// What the checker found, one line each, in the expected-output format.
fn describe(text: &str, r: &Report) -> String {
    let mut o = String::new();
    let v = r.version.map(|v| v.key()).unwrap_or("none");
    let y = r
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "none".into());
    o.push_str(&format!("version {v}\nyear {y}\nhtml {}\n", r.html));
    o.push_str(&format!(
        "tables disclosure={} requests={} appeals={}\n",
        r.tables.disclosure, r.tables.requests, r.tables.appeals
    ));
    o.push_str(&format!("status {}\n", r.verdict.status.key()));
    for reason in &r.verdict.reasons {
        o.push_str(&format!("reason {reason}\n"));
    }
    o.push_str(&format!("cells {}\n", r.cells.len()));
    for c in &r.cells {
        o.push_str(&format!("cell {} {:?} {:?}\n", c.key, c.value, c.text));
    }
    for d in &r.diagnostics {
        let mut line = format!("{} {}", d.severity.key(), d.rule);
        if let Some(s) = &d.suspect {
            line.push_str(&format!(" suspect {}={}", s.cell, s.expected));
        }
        for a in &d.alternatives {
            let alt: Vec<String> = a
                .iter()
                .map(|s| format!("{}={}", s.cell, s.expected))
                .collect();
            line.push_str(&format!(" or {}", alt.join("+")));
        }
        if let (Some(e), Some(a)) = (d.expected, d.actual) {
            line.push_str(&format!(" expected {e} actual {a}"));
        }
        if !d.cells.is_empty() {
            line.push_str(&format!(" cells {}", d.cells.join(",")));
        }
        if let Some(s) = d.span {
            let at: String = text
                .get(s.start..s.end)
                .unwrap_or("")
                .chars()
                .take(24)
                .collect();
            line.push_str(&format!(" at {}..{} {at:?}", s.start, s.end));
        }
        o.push_str(&line);
        o.push('\n');
    }
    for m in &r.mistakes {
        let cell = m.cell.as_deref().unwrap_or("-");
        let want = m
            .expected
            .map(|e| e.to_string())
            .unwrap_or_else(|| "-".into());
        let ds: Vec<String> = m.diagnostics.iter().map(|i| i.to_string()).collect();
        o.push_str(&format!(
            "mistake {cell}={want} diagnostics {}\n",
            ds.join(",")
        ));
    }
    o
}

#[test]
fn every_fixture_matches_its_expected_output() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1");
    let mut names: Vec<&str> = gen::fixtures().iter().map(|f| f.file).collect();
    names.push("not-a-report.txt");
    let mut differ = Vec::new();
    for name in names {
        let text = read(&fixture_dir().join(name));
        let r = check(&text);
        assert_spans(name, &text, &r);
        let got = format!(
            "# {name}: what the checker must find. Rewrite with\n# UPDATE_EXPECT=1 cargo test --test fixtures, then review the diff.\n{}",
            describe(&text, &r)
        );
        let path = fixture_dir().join(format!("{name}.expect"));
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            if update {
                std::fs::write(&path, &got).expect("write .expect");
            } else {
                let first = got
                    .lines()
                    .zip(want.lines().chain(std::iter::repeat("<end of file>")))
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("\n  now:      {a}\n  expected: {b}"))
                    .unwrap_or_default();
                differ.push(format!("{name}{first}"));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "findings differ from tests/fixtures/*.expect (UPDATE_EXPECT=1 rewrites them):\n{}",
        differ.join("\n")
    );
}

#[test]
fn text_that_is_not_a_report_says_so_and_nothing_else() {
    let r = check(&read(&fixture_dir().join("not-a-report.txt")));
    assert!(!r.tables.any());
    let rules: Vec<&str> = r.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, vec!["tables.not_found"]);
    assert!(r.diagnostics[0].message.contains("未找到标准表格"));
}
