//! Writes the project's own generated reports: `cargo run --example make-fixtures`.
//!
//! - tests/fixtures/<name>: every fixture of tests/support/gen.rs (reports in
//!   every layout the readers support, v2021 and v2019, clean and with planted
//!   mistakes), plus not-a-report.txt;
//! - www/samples/: the page's 示例 reports and their index.json;
//! - www/rule-docs.json: the rules' docs, which the page fetches on demand.
//!
//! Their expected outputs (tests/fixtures/<name>.expect) are written by
//! `UPDATE_EXPECT=1 cargo test --test fixtures`; tests/fixtures.rs fails when
//! a committed file differs from what this generator produces now.
#[path = "../tests/support/gen.rs"]
mod gen;

use std::path::Path;

fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("wrote {}", path.display());
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/fixtures");
    std::fs::create_dir_all(&dir).expect("tests/fixtures");
    let all = gen::fixtures();
    for f in &all {
        write(&dir.join(f.file), &f.text());
    }
    write(&dir.join("not-a-report.txt"), &gen::not_a_report());
    let samples = root.join("www/samples");
    std::fs::create_dir_all(&samples).expect("www/samples");
    for (name, from, _, _) in gen::SAMPLES {
        let f = all.iter().find(|f| f.file == from).expect("sample fixture");
        write(&samples.join(name), &f.text());
    }
    write(&samples.join("index.json"), &gen::samples_index());
    write(&root.join("www/rule-docs.json"), &gen::rule_docs_json());
}
