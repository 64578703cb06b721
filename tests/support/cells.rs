//! Reading a report's counts in tests: one cell, a row of 表三, a group of 表四.
//! Shared by tests/files.rs and tests/corpus.rs (`#[path]` module).
#![allow(dead_code)]

use xxgk_validator::model::{APPEAL_COLS, REQUEST_COLS};
use xxgk_validator::{Report, Value};

/// The integer in cell `key`; panics (the test fails) on anything else.
pub fn int(r: &Report, key: &str) -> i64 {
    match r.cell(key).map(|c| &c.value) {
        Some(Value::Int(n)) => *n,
        other => panic!("{key}: {other:?}"),
    }
}

/// 表三's row `row`, its seven columns in order.
pub fn row(r: &Report, row: &str) -> Vec<i64> {
    REQUEST_COLS
        .iter()
        .map(|(c, _)| int(r, &format!("requests.{row}.{c}")))
        .collect()
}

/// 表四's group `group`, its five columns in order.
pub fn appeals(r: &Report, group: &str) -> Vec<i64> {
    APPEAL_COLS
        .iter()
        .map(|(c, _)| int(r, &format!("appeals.{group}.{c}")))
        .collect()
}
