//! Finds the real-report corpus used by the corpus tests (tests/corpus.rs and
//! the corpus parts of tests/cli.rs): `$XXGK_CORPUS`, else `../shared/corpus`
//! beside the repository. When found, the tests are compiled with
//! `--cfg xxgk_corpus` and `XXGK_CORPUS_DIR` names the folder; when absent,
//! those tests are listed by `cargo test` as ignored, with the reason. The
//! corpus is other people's documents and is never part of the repository;
//! the project's own generated reports (tests/fixtures/) always run.
//!
//! After placing a corpus where there was none, set `XXGK_CORPUS` (or touch
//! this file) so that cargo runs this script again.
use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(xxgk_corpus)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=XXGK_CORPUS");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = match std::env::var_os("XXGK_CORPUS") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => manifest.join("../shared/corpus"),
    };
    // A corpus is a folder holding the reports the tests name.
    if dir.join("seed-001_e29df57cb4037e37.txt").is_file() {
        let dir = dir.canonicalize().unwrap_or(dir);
        println!("cargo::rustc-cfg=xxgk_corpus");
        println!("cargo::rustc-env=XXGK_CORPUS_DIR={}", dir.display());
        // Files added to or changed in the corpus re-run the tests' build.
        println!("cargo::rerun-if-changed={}", dir.display());
    }
}
