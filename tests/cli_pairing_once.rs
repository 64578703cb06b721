//! `xxgk check` with several files does the year-pairing pass's work once:
//! the texts it read and the reports it checked are handed on to the check
//! of each file. What is printed must be what checking each file on its own
//! gives (plus the comparison with last year's report).

use std::path::Path;
use std::process::{Command, Output};

fn fixture_path(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/compare-fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run xxgk")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("json")
}

fn rules(r: &serde_json::Value) -> Vec<String> {
    r["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn last_years_report_checked_while_pairing_is_the_one_printed() {
    let (last, this) = (
        fixture_path("unit-2023.txt"),
        fixture_path("unit-2024-mismatch.txt"),
    );
    let alone = json(&run(&["check", "--format", "json", &last]));
    let both = json(&run(&["check", "--format", "json", &this, &last]));
    let reports = both["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 2);
    // 2023 was checked in full by the pairing pass (it is the year before
    // another input) and that check is what is printed: the same report as
    // when the file is checked alone.
    assert_eq!(reports[1], alone["reports"][0]);
    assert_eq!(reports[1]["year"], 2023);
    // And 2024 was compared with it.
    assert!(
        rules(&reports[0]).iter().any(|r| r.starts_with("compare.")),
        "{:?}",
        rules(&reports[0])
    );
    // The later year checked alone has no comparison findings.
    let this_alone = json(&run(&["check", "--format", "json", &this]));
    assert!(rules(&this_alone["reports"][0])
        .iter()
        .all(|r| !r.starts_with("compare.")));
}

#[test]
fn the_summary_table_names_the_unit_of_each_file() {
    let (last, this) = (
        fixture_path("unit-2023.txt"),
        fixture_path("unit-2024-mismatch.txt"),
    );
    let o = run(&["check", "--color", "never", &this, &last]);
    let out = String::from_utf8_lossy(&o.stdout);
    for (path, year) in [(&this, "2024"), (&last, "2023")] {
        // The table's line: the file, then its columns (the file's own
        // heading line has “: ” after the name instead).
        let line = out
            .lines()
            .find(|l| {
                l.strip_prefix(path.as_str())
                    .is_some_and(|rest| rest.starts_with(' ') && rest.contains(year))
            })
            .unwrap_or_else(|| panic!("no table line for {path} in:\n{out}"));
        assert!(line.contains("示例区人民政府办公室"), "{line}");
    }
    // One file alone gets no table (and no unit column).
    let o = run(&["check", "--color", "never", &last]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("示例区人民政府办公室"));
}
