//! `xxgk compare LAST THIS`: one unit's report against last year's; and the
//! pairing that `xxgk check` does when given several files (the same unit's
//! consecutive years, matched by the unit named in the title).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use std::collections::HashMap;
use xxgk_validator::compare::{self, Comparison};
use xxgk_validator::statements::{normalise_unit, same_normalised, Heading};
use xxgk_validator::{wire, Report, Severity};

use crate::human;
use crate::input::{self, Input, ReadError};

#[derive(clap::Args)]
pub struct Args {
    /// 输出格式：human（默认）给人看；json 一个 JSON 文档
    #[arg(long, short = 'f', value_enum, default_value_t = crate::Format::Human,
          value_name = "格式", hide_default_value = true, hide_possible_values = true)]
    pub format: crate::Format,
    /// 是否着色：auto（默认，输出到终端且未设置 NO_COLOR 时着色）、always、never
    #[arg(long, value_enum, default_value_t = crate::ColorMode::Auto,
          value_name = "何时", hide_default_value = true, hide_possible_values = true)]
    pub color: crate::ColorMode,
    /// 上一年度的报告
    #[arg(value_name = "上年报告")]
    pub last: PathBuf,
    /// 本年度的报告
    #[arg(value_name = "本年报告")]
    pub this: PathBuf,
}

fn read(p: &Path) -> Result<(String, input::Text), String> {
    let i = Input::File {
        path: p.to_path_buf(),
        named: true,
    };
    match input::read(&i, None, input::DEFAULT_MAX_SIZE) {
        Ok(t) => Ok((i.source(), t)),
        Err(ReadError::Io(m)) | Err(ReadError::Binary { message: m, .. }) => Err(m),
    }
}

/// The first report of a text (a text with several: the first).
fn first(text: &str) -> Report {
    xxgk_validator::check_all(text)
        .into_iter()
        .next()
        .unwrap_or_default()
}

pub fn run(args: Args) -> io::Result<u8> {
    let (last, this) = match (read(&args.last), read(&args.this)) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            for e in [a.err(), b.err()].into_iter().flatten() {
                let _ = writeln!(io::stderr(), "xxgk: {e}");
            }
            return Ok(2);
        }
    };
    let (lr, mut tr) = (first(&last.1.text), first(&this.1.text));
    let c = compare::compare(&lr, &tr);
    let by = this.1.offset;
    let errors = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        crate::Format::Json => {
            // Spans index the file's bytes (after a stripped BOM).
            let mut shifted = c.clone();
            for d in &mut shifted.diagnostics {
                d.span = d
                    .span
                    .map(|s| xxgk_validator::Span::new(s.start + by, s.end + by));
            }
            let w = wire::comparison(&shifted, (&lr, &last.0), (&tr, &this.0), None);
            serde_json::to_writer_pretty(&mut out, &w).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        _ => {
            let style = human::Style {
                color: crate::use_color(args.color),
            };
            tr.diagnostics = c.diagnostics.clone();
            tr.mistakes.clear();
            let mut s = String::new();
            let _ = writeln!(
                s,
                "比较：{}（{}）→ {}（{}）",
                last.0,
                side(&lr),
                this.0,
                side(&tr)
            );
            human::render(
                &mut s,
                &this.0,
                &this.1.text,
                this.1.encoding,
                this.1.lossy,
                &tr,
                style,
            );
            changes(&mut s, &c);
            out.write_all(s.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(u8::from(errors > 0))
}

fn side(r: &Report) -> String {
    format!(
        "{} {}",
        r.unit.as_deref().unwrap_or("未识别单位"),
        r.year
            .map(|y| format!("{y}年度"))
            .unwrap_or_else(|| "未识别年份".into())
    )
}

/// The cells that changed, side by side.
fn changes(s: &mut String, c: &Comparison) {
    let changed: Vec<_> = c
        .changes
        .iter()
        .filter(|ch| ch.changed() && ch.last.is_some() && ch.this.is_some())
        .collect();
    if changed.is_empty() {
        let _ = writeln!(s, "两年表格中读到的各格数字没有变化。");
        return;
    }
    let _ = writeln!(s, "与上年相比有变化的格子（{} 个）：", changed.len());
    for ch in changed {
        let t = |x: &Option<String>| x.clone().filter(|t| !t.is_empty()).unwrap_or("空".into());
        let diff = ch
            .difference()
            .map(|d| format!("（{d:+}）"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {}：{} → {}{diff}",
            xxgk_validator::model::cell_label(&ch.key),
            t(&ch.last_text),
            t(&ch.this_text)
        );
    }
}

/// The reports of the inputs that are the year before another input of the
/// same unit, kept (without their text or findings) so that the later
/// report can be compared with them; each with its unit normalised.
#[derive(Default)]
pub struct Previous {
    reports: Vec<(String, Report)>,
}

/// What the pairing pass learnt of one input, handed to the check of that
/// input so that no work is done twice.
#[derive(Default)]
pub struct Known {
    /// The input as read (kept while the texts kept stay under
    /// [`KEEP_TEXT`] in all): not read again.
    pub read: Option<Result<input::Text, ReadError>>,
    /// Its reports, when the pass checked it in full: not checked again.
    pub reports: Option<Vec<Report>>,
    /// Its title ([`xxgk_validator::statements::heading`]: the unit it
    /// names), when the pass looked for it; found in `read` when that is
    /// kept, so that the check need not look for the title again.
    pub heading: Option<Heading>,
}

/// How many bytes of text the pairing pass keeps for the check, in all;
/// inputs beyond are read again when checked.
const KEEP_TEXT: usize = 256 << 20;

/// Inputs read at once by the pairing pass (bounds what is held beyond
/// [`KEEP_TEXT`]).
const CHUNK: usize = 256;

impl Previous {
    /// Read every input's title; check in full only the inputs that are
    /// the year before another input of the same unit (none when there is
    /// one input). Titles are looked for in the first 64 KB of each file.
    /// Returns, for each input, what was learnt of it on the way.
    pub fn build(
        inputs: &[Input],
        stdin: Option<&Result<Vec<u8>, String>>,
        max_size: u64,
    ) -> (Previous, Vec<Known>) {
        let mut known: Vec<Known> = inputs.iter().map(|_| Known::default()).collect();
        if inputs.len() < 2 {
            return (Previous::default(), known);
        }
        let read = |i: &Input| -> Result<input::Text, ReadError> {
            let bytes = match (i, stdin) {
                (Input::Stdin, Some(Ok(b))) => Some(b.as_slice()),
                _ => None,
            };
            input::read(i, bytes, max_size)
        };
        // (unit as written, (normalised unit, year)) of each input's title.
        type Title = (Option<String>, Option<(String, u32)>);
        let mut titles: Vec<Title> = Vec::with_capacity(inputs.len());
        let mut kept = 0usize;
        for (chunk, known) in inputs.chunks(CHUNK).zip(known.chunks_mut(CHUNK)) {
            let got: Vec<_> = chunk
                .par_iter()
                .map(|i| {
                    let r = read(i);
                    let text = r.as_ref().map(|t| t.text.as_str()).unwrap_or_default();
                    let heading = xxgk_validator::statements::heading(text);
                    let key = match (heading.unit(), heading.year()) {
                        (Some(u), Some(y)) => Some((normalise_unit(u), y)),
                        _ => None,
                    };
                    (r, heading, key)
                })
                .collect();
            for ((r, heading, key), k) in got.into_iter().zip(known.iter_mut()) {
                let unit = heading.unit().map(str::to_string);
                let size = r.as_ref().map(|t| t.text.len()).unwrap_or(0);
                if kept.saturating_add(size) <= KEEP_TEXT {
                    kept += size;
                    k.read = Some(r);
                }
                k.heading = Some(heading);
                titles.push((unit, key));
            }
        }
        let mut by_year: HashMap<u32, Vec<&str>> = HashMap::new();
        for (u, y) in titles.iter().filter_map(|t| t.1.as_ref()) {
            by_year.entry(*y).or_default().push(u);
        }
        let wanted: Vec<bool> = titles
            .iter()
            .map(|t| {
                let Some((u, y)) = t.1.as_ref() else {
                    return false;
                };
                y.checked_add(1)
                    .and_then(|n| by_year.get(&n))
                    .is_some_and(|next| next.iter().any(|v| same_normalised(u, v)))
            })
            .collect();
        // The wanted inputs checked in full; their reports are kept for
        // their own check too.
        let checked: Vec<Option<Vec<Report>>> = inputs
            .par_iter()
            .zip(known.par_iter_mut())
            .zip(wanted.par_iter())
            .map(|((i, k), &w)| {
                if !w {
                    return None;
                }
                let reports = match &k.read {
                    // The text the heading was found in.
                    Some(r) => r
                        .as_ref()
                        .map(|t| xxgk_validator::check_all_with(&t.text, k.heading.as_mut()))
                        .unwrap_or_else(|_| xxgk_validator::check_all("")),
                    None => match read(i) {
                        Ok(t) => xxgk_validator::check_all(&t.text),
                        Err(_) => xxgk_validator::check_all(""),
                    },
                };
                Some(reports)
            })
            .collect();
        let mut reports = Vec::new();
        for (k, c) in known.iter_mut().zip(checked) {
            let Some(c) = c else { continue };
            for r in c
                .iter()
                .filter(|r| r.unit.is_some() && r.year.is_some() && r.tables.any())
            {
                let mut r = r.clone();
                r.diagnostics.clear();
                r.mistakes.clear();
                reports.push((normalise_unit(r.unit.as_deref().unwrap_or("")), r));
            }
            // An input that could not be read is reported by its check.
            if matches!(k.read, Some(Ok(_)) | None) {
                k.reports = Some(c);
            }
        }
        (Previous { reports }, known)
    }

    /// Add the findings of comparing `r` with its unit's report of the year
    /// before, when exactly one such report was given.
    pub fn annotate(&self, r: &mut Report) {
        let (Some(unit), Some(year)) = (r.unit.as_deref(), r.year) else {
            return;
        };
        if self.reports.is_empty() {
            return;
        }
        let unit = normalise_unit(unit);
        let mut found = self.reports.iter().filter(|(u, last)| {
            last.year.and_then(|y| y.checked_add(1)) == Some(year) && same_normalised(u, &unit)
        });
        if let (Some((_, last)), None) = (found.next(), found.next()) {
            compare::add_previous(r, last);
        }
    }
}
