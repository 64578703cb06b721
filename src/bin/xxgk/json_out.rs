//! The JSON of one report (`xxgk check --format json`), written straight
//! into bytes.
//!
//! The output is byte-identical to `serde_json::to_writer(&mut Vec<u8>, &w)`
//! of the same `wire::WireReport` (compact form: no spaces, fields in the
//! structs' order, `skip_serializing_if` fields left out, `None` as `null`),
//! only cheaper: keys (and the cells' usual `kind` words) are written as
//! constant bytes, strings are scanned for what to escape a word (8 bytes)
//! at a time and copied in runs, integers go through `itoa`; decimals (rare)
//! still go through serde_json. `src/wire.rs` stays
//! the one definition of the shape (the wasm serialises it with serde); the
//! structs are destructured here field by field, so a field added there does
//! not compile here until it is written, and the tests below compare the two
//! writers' bytes over the fixtures, the corpus and hand-made reports.
//!
//! Writing into a `Vec<u8>` cannot fail, so nothing here returns an error.

use xxgk_validator::wire::{
    WireCell, WireCells, WireDiagnostic, WireMistake, WireNumber, WireReport, WireSummary,
    WireSuspect, WireTables, WireVerdict,
};

/// Append the JSON of `w` to `out`.
pub fn report(out: &mut Vec<u8>, w: &WireReport) {
    let WireReport {
        source,
        encoding,
        source_kind,
        version,
        year,
        html,
        status,
        verdict,
        tables,
        summary,
        cells,
        diagnostics,
        mistakes,
        unit,
        part,
    } = w;
    out.extend_from_slice(b"{\"source\":");
    string(out, source);
    if let Some(e) = encoding {
        out.extend_from_slice(b",\"encoding\":");
        string(out, e);
    }
    if let Some(k) = source_kind {
        out.extend_from_slice(b",\"source_kind\":");
        string(out, k);
    }
    out.extend_from_slice(b",\"version\":");
    opt_string(out, *version);
    out.extend_from_slice(b",\"year\":");
    match year {
        Some(y) => uint(out, *y as u64),
        None => null(out),
    }
    out.extend_from_slice(b",\"html\":");
    boolean(out, *html);
    out.extend_from_slice(b",\"status\":");
    string(out, status);
    out.extend_from_slice(b",\"verdict\":");
    write_verdict(out, verdict);
    out.extend_from_slice(b",\"tables\":");
    write_tables(out, tables);
    out.extend_from_slice(b",\"summary\":");
    write_summary(out, summary);
    out.extend_from_slice(b",\"cells\":");
    write_cells(out, cells);
    out.extend_from_slice(b",\"diagnostics\":[");
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_diagnostic(out, d);
    }
    out.extend_from_slice(b"],\"mistakes\":[");
    for (i, m) in mistakes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_mistake(out, m);
    }
    out.extend_from_slice(b"],\"unit\":");
    opt_string(out, *unit);
    if let Some(p) = part {
        out.extend_from_slice(b",\"part\":");
        pair(out, *p);
    }
    out.push(b'}');
}

fn write_verdict(out: &mut Vec<u8>, v: &WireVerdict) {
    let WireVerdict {
        status,
        title,
        reasons,
        advice,
    } = v;
    out.extend_from_slice(b"{\"status\":");
    string(out, status);
    out.extend_from_slice(b",\"title\":");
    string(out, title);
    out.extend_from_slice(b",\"reasons\":");
    strings(out, reasons);
    out.extend_from_slice(b",\"advice\":");
    opt_string(out, *advice);
    out.push(b'}');
}

fn write_tables(out: &mut Vec<u8>, t: &WireTables) {
    let WireTables {
        disclosure,
        requests,
        appeals,
    } = t;
    out.extend_from_slice(b"{\"disclosure\":");
    boolean(out, *disclosure);
    out.extend_from_slice(b",\"requests\":");
    boolean(out, *requests);
    out.extend_from_slice(b",\"appeals\":");
    boolean(out, *appeals);
    out.push(b'}');
}

fn write_summary(out: &mut Vec<u8>, s: &WireSummary) {
    let WireSummary {
        errors,
        warnings,
        infos,
        mistakes,
    } = s;
    out.extend_from_slice(b"{\"errors\":");
    uint(out, *errors as u64);
    out.extend_from_slice(b",\"warnings\":");
    uint(out, *warnings as u64);
    out.extend_from_slice(b",\"infos\":");
    uint(out, *infos as u64);
    out.extend_from_slice(b",\"mistakes\":");
    uint(out, *mistakes as u64);
    out.push(b'}');
}

/// `{"key":{"text":…,"value":…,"kind":…,"span":[a,b]},…}`: most of the output.
fn write_cells(out: &mut Vec<u8>, cells: &WireCells) {
    let WireCells(cells) = cells;
    out.push(b'{');
    for (i, (key, cell)) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let WireCell {
            text,
            value,
            kind,
            span,
            span16,
        } = cell;
        string(out, key);
        out.extend_from_slice(b":{\"text\":");
        string(out, text);
        out.extend_from_slice(b",\"value\":");
        match value {
            Some(n) => number(out, *n),
            None => null(out),
        }
        out.extend_from_slice(b",\"kind\":");
        // One of a few words (`wire::value_of`), written without a scan;
        // anything else is escaped as any string.
        match *kind {
            "number" => out.extend_from_slice(b"\"number\""),
            "blank" => out.extend_from_slice(b"\"blank\""),
            "placeholder" => out.extend_from_slice(b"\"placeholder\""),
            "text" => out.extend_from_slice(b"\"text\""),
            other => string(out, other),
        }
        out.extend_from_slice(b",\"span\":");
        pair(out, *span);
        if let Some(s) = span16 {
            out.extend_from_slice(b",\"span16\":");
            pair(out, *s);
        }
        out.push(b'}');
    }
    out.push(b'}');
}

fn write_diagnostic(out: &mut Vec<u8>, d: &WireDiagnostic) {
    let WireDiagnostic {
        rule,
        title,
        severity,
        message,
        formula,
        cells,
        span,
        span16,
        expected,
        actual,
        difference,
        suggestion,
        suspect,
        alternatives,
    } = d;
    out.extend_from_slice(b"{\"rule\":");
    string(out, rule);
    out.extend_from_slice(b",\"title\":");
    string(out, title);
    out.extend_from_slice(b",\"severity\":");
    string(out, severity);
    out.extend_from_slice(b",\"message\":");
    string(out, message);
    if let Some(f) = formula {
        out.extend_from_slice(b",\"formula\":");
        string(out, f);
    }
    out.extend_from_slice(b",\"cells\":");
    strings(out, cells);
    out.extend_from_slice(b",\"span\":");
    match span {
        Some(s) => pair(out, *s),
        None => null(out),
    }
    if let Some(s) = span16 {
        out.extend_from_slice(b",\"span16\":");
        pair(out, *s);
    }
    out.extend_from_slice(b",\"expected\":");
    opt_int(out, *expected);
    out.extend_from_slice(b",\"actual\":");
    opt_int(out, *actual);
    out.extend_from_slice(b",\"difference\":");
    opt_int(out, *difference);
    if let Some(s) = suggestion {
        out.extend_from_slice(b",\"suggestion\":");
        string(out, s);
    }
    if let Some(s) = suspect {
        out.extend_from_slice(b",\"suspect\":");
        write_suspect(out, s);
    }
    if !alternatives.is_empty() {
        out.extend_from_slice(b",\"alternatives\":[");
        for (i, alt) in alternatives.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.push(b'[');
            for (j, s) in alt.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                write_suspect(out, s);
            }
            out.push(b']');
        }
        out.push(b']');
    }
    out.push(b'}');
}

fn write_suspect(out: &mut Vec<u8>, s: &WireSuspect) {
    let WireSuspect { cell, expected } = s;
    out.extend_from_slice(b"{\"cell\":");
    string(out, cell);
    out.extend_from_slice(b",\"expected\":");
    int(out, *expected);
    out.push(b'}');
}

fn write_mistake(out: &mut Vec<u8>, m: &WireMistake) {
    let WireMistake {
        cell,
        label,
        expected,
        message,
        diagnostics,
    } = m;
    out.extend_from_slice(b"{\"cell\":");
    opt_string(out, *cell);
    out.extend_from_slice(b",\"label\":");
    string(out, label);
    out.extend_from_slice(b",\"expected\":");
    opt_int(out, *expected);
    out.extend_from_slice(b",\"message\":");
    string(out, message);
    out.extend_from_slice(b",\"diagnostics\":[");
    for (i, n) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        uint(out, *n as u64);
    }
    out.extend_from_slice(b"]}");
}

// ------------------------------------------------------------ scalars

fn null(out: &mut Vec<u8>) {
    out.extend_from_slice(b"null");
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn uint(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn int(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn opt_int(out: &mut Vec<u8>, n: Option<i64>) {
    match n {
        Some(n) => int(out, n),
        None => null(out),
    }
}

fn pair(out: &mut Vec<u8>, [a, b]: [usize; 2]) {
    out.push(b'[');
    uint(out, a as u64);
    out.push(b',');
    uint(out, b as u64);
    out.push(b']');
}

/// `WireNumber` is untagged: a bare integer or a bare float.
fn number(out: &mut Vec<u8>, n: WireNumber) {
    match n {
        WireNumber::Int(n) => int(out, n),
        // Rare (amounts): serde_json itself, so that the float's digits
        // (ryu; `null` for NaN and infinities) are exactly its own. Writing
        // an f64 into a Vec cannot fail.
        WireNumber::Decimal(x) => {
            let _ = serde_json::to_writer(&mut *out, &x);
        }
    }
}

fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => null(out),
    }
}

fn strings(out: &mut Vec<u8>, ss: &[String]) {
    out.push(b'[');
    for (i, s) in ss.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, s);
    }
    out.push(b']');
}

/// A JSON string, escaped exactly as serde_json does: `"` `\` and the
/// control characters U+0000..U+001F only (`\b \t \n \f \r` by name, the
/// rest as `\u00xx` in lowercase hex); 0x7F, non-ASCII, U+2028/9 as they are.
pub fn string(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    out.reserve(rest.len() + 2);
    out.push(b'"');
    // Almost every string has nothing to escape: one scan, one copy.
    while let Some(at) = first_escape(rest) {
        let (run, tail) = rest.split_at(at.min(rest.len()));
        out.extend_from_slice(run);
        let Some((&c, tail)) = tail.split_first() else {
            break;
        };
        escape(out, c);
        rest = tail;
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Which bytes serde_json escapes.
static ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of every byte of `w` that is a zero byte, exact for the
/// lowest one (a borrow can only flag bytes above a real zero).
const fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(ONES) & !w & HIGHS
}

/// The high bit of the bytes of `w` (little-endian: byte `k` of the text is
/// bits `8k..8k+8`) to escape: below 0x20, `"` or `\`. Each of the three
/// masks is exact for its lowest flagged byte, so the lowest bit of the
/// union is the first byte to escape.
const fn escapes(w: u64) -> u64 {
    let low = w.wrapping_sub(ONES.wrapping_mul(0x20)) & !w & HIGHS;
    low | zero_bytes(w ^ ONES.wrapping_mul(b'"' as u64))
        | zero_bytes(w ^ ONES.wrapping_mul(b'\\' as u64))
}

/// The first byte of `b` that needs escaping.
fn first_escape(b: &[u8]) -> Option<usize> {
    let at = |hits: u64| (hits.trailing_zeros() / 8) as usize;
    if let Some(last) = b.last_chunk::<8>() {
        // Eight bytes at a time, then the last 8 bytes (overlapping the
        // bytes already seen, which are clean: no borrow comes from them).
        let mut i = 0;
        while let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let hits = escapes(u64::from_le_bytes(*chunk));
            if hits != 0 {
                return Some(i + at(hits));
            }
            i += 8;
        }
        if i == b.len() {
            return None;
        }
        let hits = escapes(u64::from_le_bytes(*last));
        return (hits != 0).then(|| b.len() - 8 + at(hits));
    }
    if let (Some(head), Some(tail)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        // 4..=7 bytes: the first four and the last four (overlapping) in one
        // word; when the first four are clean, no borrow crosses into the last.
        let w = u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32;
        let hits = escapes(w);
        return (hits != 0).then(|| match at(hits) {
            k @ 0..=3 => k,
            k => b.len() + k - 8,
        });
    }
    b.iter().position(|&c| ESCAPED[c as usize])
}

fn escape(out: &mut Vec<u8>, c: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let named: &[u8] = match c {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x0C => b"\\f",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(c >> 4) as usize & 15],
                HEX[(c & 15) as usize],
            ]);
            return;
        }
    };
    out.extend_from_slice(named);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{self, Input};
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};
    use xxgk_validator::wire;

    /// The oracle: serde_json's bytes for the same value.
    fn serde(w: &WireReport) -> Vec<u8> {
        serde_json::to_vec(w).unwrap_or_else(|e| panic!("serde_json: {e}"))
    }

    fn ours(w: &WireReport) -> Vec<u8> {
        let mut out = Vec::new();
        report(&mut out, w);
        out
    }

    #[track_caller]
    fn same(w: &WireReport, what: &str) {
        let (a, b) = (ours(w), serde(w));
        if a != b {
            let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            let from = at.saturating_sub(80);
            panic!(
                "{what}: differs at byte {at}\n ours: {}\nserde: {}",
                String::from_utf8_lossy(&a[from..(at + 80).min(a.len())]),
                String::from_utf8_lossy(&b[from..(at + 80).min(b.len())]),
            );
        }
    }

    /// What the files of a folder hold, by what the comparison exercised.
    #[derive(Default, Debug)]
    struct Seen {
        files: usize,
        reports: usize,
        cells: usize,
        decimals: usize,
        diagnostics: usize,
        suspects: usize,
        alternatives: usize,
        formulas: usize,
        suggestions: usize,
        mistakes: usize,
        parts: usize,
        kinds: std::collections::BTreeSet<&'static str>,
    }

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.map(|e| e.path()).unwrap_or_default())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                files(&p, out);
            } else if p.is_file() {
                out.push(p);
            }
        }
    }

    /// Every file of `dir` read as the CLI reads it, every report in it
    /// written by both writers, without and with UTF-16 spans.
    fn compare_folder(dir: &Path) -> Seen {
        let mut paths = Vec::new();
        files(dir, &mut paths);
        let mut seen = Seen::default();
        for path in paths {
            let i = Input::File {
                path: path.clone(),
                named: false,
            };
            // Files that are not reports (images, legacy .doc) are not
            // read; what is read is compared.
            let Ok(t) = input::read(&i, None, 64 << 20) else {
                continue;
            };
            seen.files += 1;
            seen.kinds.insert(t.kind);
            let source = i.source();
            for r in xxgk_validator::check_all(&t.text) {
                seen.reports += 1;
                seen.cells += r.cells.len();
                seen.decimals += r
                    .cells
                    .iter()
                    .filter(|c| matches!(c.value, xxgk_validator::Value::Decimal(_)))
                    .count();
                seen.diagnostics += r.diagnostics.len();
                seen.suspects += r.diagnostics.iter().filter(|d| d.suspect.is_some()).count();
                seen.alternatives += r
                    .diagnostics
                    .iter()
                    .filter(|d| !d.alternatives.is_empty())
                    .count();
                seen.formulas += r.diagnostics.iter().filter(|d| d.formula.is_some()).count();
                seen.suggestions += r
                    .diagnostics
                    .iter()
                    .filter(|d| d.suggestion.is_some())
                    .count();
                seen.mistakes += r.mistakes.len();
                seen.parts += usize::from(r.part.is_some());
                let what = path.display().to_string();
                let mut w = wire::report(&r, &source, Some(t.encoding), None);
                w.source_kind = Some(t.kind);
                same(&w, &what);
                let w = wire::report(&r, &source, None, Some(&t.text));
                same(&w, &format!("{what} (with span16)"));
            }
        }
        seen
    }

    #[test]
    fn fixtures_are_written_as_serde_json_writes_them() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let seen = compare_folder(&dir);
        eprintln!("{seen:?}");
        // The fixtures hold all kinds of input and of findings: the
        // comparison above must have covered them.
        assert!(seen.files >= 40, "{seen:?}");
        for kind in ["text", "html", "pdf", "docx"] {
            assert!(seen.kinds.contains(kind), "no {kind} read: {seen:?}");
        }
        assert!(seen.cells > 1000 && seen.diagnostics > 10, "{seen:?}");
        assert!(seen.suspects > 0 && seen.mistakes > 0, "{seen:?}");
        assert!(seen.decimals > 0 && seen.alternatives > 0, "{seen:?}");
    }

    #[test]
    fn several_reports_in_one_text_are_written_as_serde_json_writes_them() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        let text = format!(
            "{}\n\n{}",
            read("v2021-markdown-wrong-appeals-total.md"),
            read("v2019-tabs-clean.txt")
        );
        let reports = xxgk_validator::check_all(&text);
        assert_eq!(reports.len(), 2);
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for (k, r) in reports.iter().enumerate() {
            assert!(r.part.is_some(), "report {k} has no part");
            let w = wire::report(r, "两份.txt", Some("UTF-8"), Some(&text));
            if k > 0 {
                ours.push(b',');
                theirs.push(b',');
            }
            report(&mut ours, &w);
            theirs.extend(serde(&w));
        }
        assert!(String::from_utf8_lossy(&ours).contains("\"part\":["));
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    #[cfg_attr(
        not(xxgk_corpus),
        ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
    )]
    fn corpus_is_written_as_serde_json_writes_it() {
        let dir = option_env!("XXGK_CORPUS_DIR").unwrap_or("../shared/corpus");
        let seen = compare_folder(Path::new(dir));
        eprintln!("{seen:?}");
        assert!(seen.files >= 10 && seen.cells > 1000, "{seen:?}");
        assert!(seen.decimals > 0 && seen.diagnostics > 0, "{seen:?}");
    }

    /// Every character serde_json treats specially, and the ones it does
    /// not (0x7F, non-ASCII, U+2028/9, emoji, CJK).
    const AWKWARD: &[&str] = &[
        "",
        "\0\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\t\n\u{b}\u{c}\r\u{e}\u{f}",
        "\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f}",
        "\"quoted\" and \\back\\slashed\\",
        "\u{7f}\u{80}\u{2028}\u{2029}😀表三３",
        "本机关2023年度 \"收到\"\t申请\n共 12 件；\\ 完",
        "requests.received.natural",
        "a\"",
        "\\",
        "0123456789abcdef\u{1f}",
        "01234567\"",
        "0123456\"",
        "012345678\"9",
    ];

    fn awkward(i: usize) -> &'static str {
        AWKWARD[i % AWKWARD.len()]
    }

    fn cell(
        i: usize,
        value: Option<WireNumber>,
        span16: bool,
    ) -> (&'static str, WireCell<'static>) {
        (
            awkward(i + 6),
            WireCell {
                text: awkward(i),
                value,
                kind: ["number", "blank", "placeholder", "text", "too_large"][i % 5],
                span: [i, i + usize::MAX / 2],
                span16: span16.then_some([i * 7, usize::MAX]),
            },
        )
    }

    fn diagnostic(i: usize, all: bool) -> WireDiagnostic<'static> {
        let s = |k: usize| wire::WireSuspect {
            cell: awkward(i + k),
            expected: [0, -1, i64::MIN, i64::MAX, 42][(i + k) % 5],
        };
        WireDiagnostic {
            rule: awkward(i),
            title: awkward(i + 1),
            severity: ["error", "warning", "info"][i % 3],
            message: awkward(i + 2),
            formula: all.then(|| awkward(i + 3)),
            cells: &[],
            span: all.then_some([i, i + 3]),
            span16: all.then_some([i, i + 1]),
            expected: all.then_some(-7),
            actual: all.then_some(i64::MIN),
            difference: all.then_some(i64::MAX),
            suggestion: all.then(|| awkward(i + 4)),
            suspect: all.then(|| s(0)),
            alternatives: if all {
                vec![vec![s(1), s(2)], vec![], vec![s(3)]]
            } else {
                vec![]
            },
        }
    }

    /// A report with every optional field absent and every list empty, or
    /// with every optional field present and every list full.
    fn made(
        all: bool,
        reasons: &'static [String],
        cells: &'static [String],
    ) -> WireReport<'static> {
        let values = [
            Some(WireNumber::Int(3)),
            None,
            Some(WireNumber::Int(0)),
            Some(WireNumber::Int(-12)),
            Some(WireNumber::Int(i64::MIN)),
            Some(WireNumber::Int(i64::MAX)),
            Some(WireNumber::Decimal(0.5)),
            Some(WireNumber::Decimal(1e21)),
            Some(WireNumber::Decimal(123456.78)),
            Some(WireNumber::Decimal(-0.0)),
            Some(WireNumber::Decimal(168.61)),
            Some(WireNumber::Decimal(1e-7)),
            Some(WireNumber::Decimal(f64::NAN)),
            Some(WireNumber::Decimal(f64::INFINITY)),
            Some(WireNumber::Decimal(f64::MAX)),
        ];
        let mut diagnostics: Vec<_> = (0..if all { 6 } else { 0 })
            .map(|i| diagnostic(i, i % 2 == 0))
            .collect();
        if let Some(d) = diagnostics.first_mut() {
            d.cells = cells;
        }
        WireReport {
            source: if all { "目录/报告 \"1\".txt" } else { "-" },
            encoding: all.then_some("GB18030"),
            source_kind: all.then_some("pdf"),
            version: all.then_some("v2021"),
            year: all.then_some(u32::MAX),
            html: all,
            status: "errors",
            verdict: WireVerdict {
                status: "incomplete",
                title: "未能完整核对",
                reasons: if all { reasons } else { &[] },
                advice: all.then(|| awkward(3)),
            },
            tables: WireTables {
                disclosure: all,
                requests: !all,
                appeals: all,
            },
            summary: WireSummary {
                errors: usize::MAX,
                warnings: 0,
                infos: 17,
                mistakes: 1,
            },
            cells: WireCells(if all {
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| cell(i, *v, i % 3 != 0))
                    .collect()
            } else {
                vec![]
            }),
            diagnostics,
            mistakes: if all {
                vec![
                    WireMistake {
                        cell: Some(awkward(6)),
                        label: awkward(4),
                        expected: Some(-3),
                        message: awkward(5),
                        diagnostics: &[0, 2, usize::MAX],
                    },
                    WireMistake {
                        cell: None,
                        label: "",
                        expected: None,
                        message: awkward(1),
                        diagnostics: &[],
                    },
                ]
            } else {
                vec![]
            },
            unit: all.then(|| awkward(5)),
            part: all.then_some([12, 3456]),
        }
    }

    fn leak(v: Vec<String>) -> &'static [String] {
        Box::leak(v.into_boxed_slice())
    }

    #[test]
    fn hand_made_reports_are_written_as_serde_json_writes_them() {
        let reasons = leak(AWKWARD.iter().map(|s| s.to_string()).collect());
        let cells = leak(vec!["requests.received.natural".into(), "\u{0}\"".into()]);
        let full = made(true, reasons, cells);
        let bare = made(false, reasons, cells);
        same(&full, "every field present");
        same(&bare, "every optional field absent");
        // The awkward parts really are in the output, escaped.
        let text = String::from_utf8(ours(&full)).unwrap_or_default();
        for part in [
            "\\u0000\\u0001",
            "\\b\\t\\n\\u000b\\f\\r",
            "\\u001f",
            "\\\"quoted\\\"",
            "\\\\back\\\\",
            "\u{7f}\u{80}\u{2028}\u{2029}😀",
            "1e+21",
            "-0.0",
            "123456.78",
            "\"value\":null",
            "\"span16\":",
            "\"part\":[12,3456]",
            "\"alternatives\":[[",
            "\"formula\":",
        ] {
            assert!(text.contains(part), "{part} not in {text}");
        }
        let bare_text = String::from_utf8(ours(&bare)).unwrap_or_default();
        for absent in ["encoding", "source_kind", "part", "span16", "formula"] {
            assert!(!bare_text.contains(absent), "{absent} in {bare_text}");
        }
        // Several reports one after the other, as check_one writes them.
        let mut out = Vec::new();
        let mut expected = Vec::new();
        for (k, w) in [&full, &bare, &full].into_iter().enumerate() {
            if k > 0 {
                out.push(b',');
                expected.push(b',');
            }
            report(&mut out, w);
            expected.extend(serde(w));
        }
        assert_eq!(out, expected);
    }

    #[test]
    fn every_byte_at_every_position_is_escaped_as_serde_json_does() {
        // Every ASCII byte and a few non-ASCII characters, at every position
        // of strings of 0..=24 bytes (the word-at-a-time scan, the tail of a
        // long string and short strings), alone and after an escape.
        let mut odd: Vec<String> = (0u8..0x80).map(|c| char::from(c).to_string()).collect();
        odd.extend(["\u{80}", "\u{2028}", "😀", "表"].map(String::from));
        for len in 0..=24 {
            for pos in 0..=len {
                for c in &odd {
                    for prefix in ["", "\n", "\"x"] {
                        let s = format!("{prefix}{}{c}{}", "a".repeat(pos), "b".repeat(len - pos));
                        let mut out = Vec::new();
                        string(&mut out, &s);
                        let want = serde_json::to_vec(&s).unwrap_or_default();
                        assert_eq!(out, want, "{s:?}");
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_does(
            s in "(?s).{0,40}",
            bytes in proptest::collection::vec(0u8..0x80, 0..40),
        ) {
            for s in [s, String::from_utf8(bytes).unwrap_or_default()] {
                let mut out = Vec::new();
                string(&mut out, &s);
                prop_assert_eq!(out, serde_json::to_vec(&s).unwrap_or_default());
            }
        }

        #[test]
        fn any_cell_is_written_as_serde_json_writes_it(
            key in "(?s).{0,30}",
            text in "(?s).{0,12}",
            int in any::<i64>(),
            decimal in any::<f64>(),
            which in 0usize..3,
            span in any::<[usize; 2]>(),
            span16 in proptest::option::of(any::<[usize; 2]>()),
        ) {
            let value = [None, Some(WireNumber::Int(int)), Some(WireNumber::Decimal(decimal))][which];
            let mut w = made(false, &[], &[]);
            w.cells = WireCells(vec![(key.as_str(), WireCell { text: &text, value, kind: "number", span, span16 })]);
            w.unit = Some(&text);
            prop_assert_eq!(ours(&w), serde(&w));
        }
    }
}
