//! Check throughput over the real-report corpus (`$XXGK_CORPUS` or
//! `../shared/corpus/`) when it is there, else over the project's own
//! generated reports (tests/fixtures/), in bytes of report text per second:
//!
//! - `one_core/<file>`: `check` of each corpus text file, one thread;
//! - `one_core/corpus`: every corpus text file in turn, one thread;
//! - `all_cores/corpus_x16`: the corpus 16 times over, checked with rayon on
//!   all cores (what `xxgk check DIR` does with a large batch).
//!
//! Run: `cargo bench --bench throughput`. Criterion prints MB/s (“thrpt”).
//! `scripts/bench-grep` compares the CLI with `grep -c` over the same text.

use std::path::Path;
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rayon::prelude::*;

/// The report texts of a folder (.txt, .md, .html; not README.md), by name.
fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    matches!(ext, "txt" | "md" | "html") && name != "README.md"
                })
                .filter_map(|p| {
                    let text = std::fs::read_to_string(&p).ok()?;
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, text))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The corpus when present (build.rs found it), else the committed fixtures.
fn corpus() -> Vec<(String, String)> {
    let real = option_env!("XXGK_CORPUS_DIR").map(|d| texts(Path::new(d)));
    match real {
        Some(files) if !files.is_empty() => files,
        _ => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            eprintln!(
                "throughput: no corpus; measuring the generated reports in {}",
                dir.display()
            );
            texts(&dir)
        }
    }
}

fn one_core(c: &mut Criterion) {
    let files = corpus();
    assert!(
        !files.is_empty(),
        "no reports found: neither the corpus nor tests/fixtures/"
    );
    let mut g = c.benchmark_group("one_core");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for (name, text) in &files {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| xxgk_validator::check(black_box(t)))
        });
    }
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("corpus", |b| {
        b.iter(|| {
            for (_, t) in &files {
                black_box(xxgk_validator::check(black_box(t)));
            }
        })
    });
    g.finish();
}

fn all_cores(c: &mut Criterion) {
    let files = corpus();
    let batch: Vec<&str> = (0..16)
        .flat_map(|_| files.iter().map(|f| f.1.as_str()))
        .collect();
    let total: usize = batch.iter().map(|t| t.len()).sum();
    let mut g = c.benchmark_group("all_cores");
    g.measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(
        format!("corpus_x16_{}threads", rayon::current_num_threads()),
        |b| {
            b.iter(|| {
                let errors: usize = batch
                    .par_iter()
                    .map(|t| xxgk_validator::check(black_box(t)).diagnostics.len())
                    .sum();
                black_box(errors)
            })
        },
    );
    g.finish();
}

criterion_group!(benches, one_core, all_cores);
criterion_main!(benches);
