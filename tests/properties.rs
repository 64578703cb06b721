//! Properties over generated reports (tests/support/gen.rs, the generator of
//! the committed fixtures too), v2021, v2021 with one （六） row and v2019:
//! - a random consistent table, rendered into every layout people paste,
//!   comes back cell for cell, with no finding;
//! - any single changed cell of `requests` or `appeals` is detected, and in
//!   `requests` located with the value that mends it;
//! - no input, however broken, makes the checker panic.

#[path = "support/gen.rs"]
mod gen;

use gen::{Layout, Tables};
use proptest::prelude::*;
use xxgk_validator::model::{Version, APPEAL_GROUPS};
use xxgk_validator::{check, Severity, Value};

/// A random consistent report: v2021, v2021 with a single （六） row, or
/// v2019; every sum of FORMAT.md §6 holds (tests/support/gen.rs).
fn tables() -> impl Strategy<Value = Tables> {
    prop_oneof![
        Just((Version::V2021, false)),
        Just((Version::V2021, true)),
        Just((Version::V2019, false)),
    ]
    .prop_flat_map(|(version, single_other)| {
        let t = Tables::zero(version, single_other);
        let disclosure = t
            .cells
            .iter()
            .filter(|c| c.0.starts_with("disclosure."))
            .count();
        let parts = gen::request_rows(version, single_other).len() - 4;
        (
            Just(t),
            prop::collection::vec(0i64..60, disclosure),
            prop::collection::vec(prop::collection::vec(0i64..40, 6), parts),
            prop::collection::vec(0i64..30, 6),
            prop::collection::vec(0i64..30, 6),
            prop::collection::vec(0i64..20, 12),
        )
    })
    .prop_map(|(mut t, disc, part_rows, carried_in, carried_out, ap)| {
        let keys: Vec<String> = t
            .cells
            .iter()
            .filter(|c| c.0.starts_with("disclosure."))
            .map(|c| c.0.clone())
            .collect();
        for (k, v) in keys.iter().zip(disc) {
            // v2019 本年增/减 is signed.
            t.set(k, if k.ends_with(".change") { v - 30 } else { v });
        }
        // Documents in force / published in all: at least this year's.
        for row in ["regulations", "normative_docs"] {
            let (this_year, all) = match t.version {
                Version::V2021 => ("issued", "in_force"),
                Version::V2019 => ("published", "total_published"),
            };
            let n = t.get(&format!("disclosure.{row}.{this_year}"))
                + t.get(&format!("disclosure.{row}.{all}"));
            t.set(&format!("disclosure.{row}.{all}"), n);
        }
        let rows = gen::request_rows(t.version, t.single_other);
        for (r, vals) in rows[2..rows.len() - 2].iter().zip(&part_rows) {
            t.set_row(r, [vals[0], vals[1], vals[2], vals[3], vals[4], vals[5]]);
        }
        let six = |v: &[i64]| [v[0], v[1], v[2], v[3], v[4], v[5]];
        t.set_row("carried_in", six(&carried_in));
        t.set_row("carried_out", six(&carried_out));
        for ((g, _), chunk) in APPEAL_GROUPS.iter().zip(ap.chunks(4)) {
            t.set_group(g, [chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        t.fill_totals();
        t
    })
}

fn prose(t: &Tables) -> gen::Prose {
    gen::Prose {
        body: "测试区".into(),
        year: if t.version == Version::V2019 {
            2020
        } else {
            2023
        },
    }
}

fn render(t: &Tables, l: Layout) -> String {
    gen::render(&gen::rows(t, &prose(t)), l)
}

fn layout() -> impl Strategy<Value = Layout> {
    prop::sample::select(gen::LAYOUTS.to_vec())
}

fn read_back(text: &str) -> Vec<(String, Option<f64>)> {
    check(text)
        .cells
        .iter()
        .map(|c| (c.key.clone(), c.value.as_f64()))
        .collect()
}

fn expected(t: &Tables) -> Vec<(String, Option<f64>)> {
    t.cells
        .iter()
        .map(|(k, _)| (k.clone(), t.printed_value(k)))
        .collect()
}

fn sorted(mut v: Vec<(String, Option<f64>)>) -> Vec<(String, Option<f64>)> {
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn consistent_tables_come_back_exactly(t in tables(), l in layout()) {
        let text = render(&t, l);
        let r = check(&text);
        prop_assert_eq!(sorted(read_back(&text)), sorted(expected(&t)), "layout {:?}", l);
        let allowed = |d: &&xxgk_validator::Diagnostic| t.single_other && d.rule == "format.single_other_row";
        let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity != Severity::Info && !allowed(d)).map(|d| d.message.clone()).collect();
        prop_assert!(errs.is_empty(), "layout {:?}: {:?}", l, errs);
        for c in &r.cells {
            prop_assert_eq!(&text[c.span.start..c.span.end], c.text.as_str());
        }
    }

    #[test]
    fn one_changed_cell_is_found_and_located(t in tables(), l in layout(), pick in 0usize..190, delta in 1i64..9) {
        // Only requests and appeals cells (after table 二's, in table order).
        let first = t.cells.iter().position(|c| c.0.starts_with("requests.")).unwrap_or(0);
        let i = first + pick % (t.cells.len() - first);
        let (key, orig) = t.cells[i].clone();
        let mut bad = t.clone();
        bad.cells[i].1 = orig + delta;
        let text = render(&bad, l);
        let r = check(&text);
        let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(!errs.is_empty(), "{} changed in {:?}: nothing found", key, l);
        prop_assert!(errs.iter().all(|d| d.cells.contains(&key)), "every finding involves {}", key);
        let named = |d: &&xxgk_validator::Diagnostic| {
            d.suspect.as_ref().is_some_and(|s| s.cell == key && s.expected == orig)
                || d.alternatives.iter().any(|a| a.iter().any(|s| s.cell == key && s.expected == orig))
        };
        if key.starts_with("requests.") {
            // One row rule and one column rule cross at the cell: located exactly.
            for d in &errs {
                let s = d.suspect.as_ref();
                prop_assert_eq!(s.map(|s| (s.cell.as_str(), s.expected)), Some((key.as_str(), orig)), "{}", d.message);
            }
        } else {
            // A group of 四 has one rule: any of its five cells could be wrong;
            // the changed one is among the named fixes.
            prop_assert!(errs.iter().any(named), "{} not named: {:?}", key, errs.iter().map(|d| &d.message).collect::<Vec<_>>());
        }
    }

    #[test]
    fn never_panics_on_any_text(s in ".{0,400}") {
        let r = check(&s);
        for c in &r.cells {
            prop_assert!(s.get(c.span.start..c.span.end).is_some());
        }
    }

    #[test]
    fn never_panics_on_table_like_noise(parts in prop::collection::vec(prop_oneof![
        Just("本年新收".to_string()), Just("（七）总计".to_string()), Just("复议后起诉".to_string()),
        Just("维持".to_string()), Just("１２".to_string()), Just("7.属于".to_string()), Just("<td>".to_string()),
        Just("&#x1F600;".to_string()), Just("😀".to_string()), Just("（".to_string()), Just("|".to_string()),
        Just("\t".to_string()), Just("\n".to_string()), Just(" ".to_string()), Just("-3-".to_string()),
        Just("0".to_string()), Just("000121".to_string()), Just("逾期不补正".to_string()), Just("其他".to_string()),
        "[0-9]{1,20}", "[\\u{4e00}-\\u{4e20}]{1,3}",
    ], 0..300)) {
        let s: String = parts.concat();
        let r = check(&s);
        for c in &r.cells {
            prop_assert!(s.get(c.span.start..c.span.end).is_some());
            if let Value::Int(_) = c.value { prop_assert!(!c.text.is_empty()); }
        }
    }
}
