//! The README's JSON example is the real output: every field it shows is in
//! `xxgk check --format json` of the committed sample with errors, with the
//! same value and the same JSON type (a count is `3`, never `3.0`).

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The ```json block under “## JSON output”, without its `//` comments.
fn readme_example() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let section = &readme[readme.find("## JSON output").expect("JSON section")..];
    let start = section.find("```json\n").expect("json block") + "```json\n".len();
    let end = start + section[start..].find("\n```").expect("block end");
    let json: String = section[start..end]
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("README example: {e}\n{json}"))
}

/// `shown` is an excerpt of `real`: objects by key, arrays as a subsequence
/// (objects in arrays: each matches some element), scalars equal.
fn excerpt_of(shown: &Value, real: &Value, at: &str) -> Result<(), String> {
    match (shown, real) {
        (Value::Object(s), Value::Object(r)) => {
            for (k, v) in s {
                let rv = r.get(k).ok_or(format!("{at}.{k}: not in the output"))?;
                excerpt_of(v, rv, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(s), Value::Array(r)) => {
            let mut from = 0;
            for (i, v) in s.iter().enumerate() {
                let hit = if v.is_object() {
                    r.iter()
                        .position(|x| excerpt_of(v, x, at).is_ok())
                        .map(|p| p + 1)
                } else {
                    r[from..].iter().position(|x| x == v).map(|p| from + p + 1)
                };
                from = hit.ok_or(format!(
                    "{at}[{i}] = {v}: in none of the output's {} items",
                    r.len()
                ))?;
                if v.is_object() {
                    from = 0;
                }
            }
            Ok(())
        }
        (s, r) if s == r => Ok(()),
        (s, r) => Err(format!("{at}: README has {s}, the output has {r}")),
    }
}

#[test]
fn the_readme_json_example_is_the_real_output() {
    let shown = readme_example();
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--format",
            "json",
            "www/samples/errors-2020-v2019.txt",
        ])
        .output()
        .expect("run xxgk");
    let real: Value = serde_json::from_slice(&out.stdout).expect("json");
    if let Err(e) = excerpt_of(&shown, &real, "") {
        panic!("{e}");
    }
    // Counts are integers on the wire, in the example as in the output.
    let cell = &real["reports"][0]["cells"]["requests.results_total.natural"]["value"];
    assert!(cell.is_i64(), "{cell}");
}
