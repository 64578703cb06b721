//! Files read by their structure (src/input/): the corpus PDFs against
//! their `pdftotext -layout` text, generated .docx/.pdf fixtures, files
//! that cannot be read (each with its own reason), and the sniffing of
//! text encodings and binary noise.

use std::path::PathBuf;
use xxgk_validator::input::{self, Kind};
use xxgk_validator::{check, Report, Severity};

#[path = "support/cells.rs"]
mod cells;
use cells::{appeals, int, row};

/// A corpus file's bytes (`$XXGK_CORPUS` or `../shared/corpus`, found by
/// build.rs; without it the corpus tests are listed as ignored).
fn corpus(name: &str) -> Vec<u8> {
    let dir = option_env!("XXGK_CORPUS_DIR").unwrap_or("../shared/corpus");
    let path = PathBuf::from(dir).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/files/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Read a file and check it; every cell's span slices the derived text.
fn read_and_check(bytes: &[u8]) -> (input::Input, Report) {
    let inp = input::read(bytes).unwrap_or_else(|u| panic!("unreadable: {} {}", u.code, u.message));
    let r = check(&inp.text);
    for c in &r.cells {
        assert_eq!(
            inp.text.get(c.span.start..c.span.end),
            Some(c.text.as_str()),
            "span of {}",
            c.key
        );
    }
    (inp, r)
}

fn errors(r: &Report) -> Vec<(String, Option<(String, i64)>)> {
    let mut e: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.rule.to_string(),
                d.suspect.as_ref().map(|s| (s.cell.clone(), s.expected)),
            )
        })
        .collect();
    e.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    e
}

/// The PDF read by structure yields every cell the `pdftotext -layout` text
/// yields, with the same value, and the same errors.
fn pdf_matches_layout_text(base: &str) -> Report {
    let pdf = corpus(&format!("{base}.pdf"));
    let txt = corpus(&format!("{base}.pdftotext-layout.txt"));
    let txt = String::from_utf8(txt).expect("UTF-8");
    let (inp, r) = read_and_check(&pdf);
    assert_eq!(inp.kind, Kind::Pdf);
    assert!(inp.pages.len() >= 3 && inp.pages[0] == 0, "{:?}", inp.pages);
    let t = check(&txt);
    assert!(
        t.cells.len() >= 180,
        "{base}: layout text reads {} cells",
        t.cells.len()
    );
    for c in &t.cells {
        let p = r
            .cell(&c.key)
            .unwrap_or_else(|| panic!("{base}: {} not read from the PDF", c.key));
        assert_eq!(p.value, c.value, "{base}: {}", c.key);
    }
    assert_eq!(r.version, t.version);
    assert_eq!(r.tables, t.tables);
    assert_eq!(errors(&r), errors(&t), "{base}");
    r
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn corpus_hongze_2023_pdf() {
    let r = pdf_matches_layout_text("hongze-2023");
    assert_eq!(row(&r, "received"), vec![21, 0, 0, 0, 0, 0, 21]);
    assert_eq!(row(&r, "results_total"), vec![21, 0, 0, 0, 0, 0, 21]);
    assert_eq!(appeals(&r, "review"), vec![10, 1, 0, 0, 0]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![5, 0, 0, 0, 0]);
    let e = errors(&r);
    assert!(
        e.iter().any(|(rule, s)| rule == "appeals.group_total"
            && s.as_ref().map(|s| s.0.as_str()) == Some("appeals.review.total")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|(rule, s)| rule == "appeals.group_total"
            && s.as_ref().map(|s| s.0.as_str()) == Some("appeals.suit_after_review.total")),
        "{e:?}"
    );
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn corpus_hongze_2024_pdf() {
    let r = pdf_matches_layout_text("hongze-2024");
    assert_eq!(int(&r, "requests.results_total.total"), 95);
    assert_eq!(appeals(&r, "review"), vec![1, 1, 0, 0, 2]);
    assert_eq!(appeals(&r, "suit_direct"), vec![1, 0, 0, 0, 1]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![2, 0, 1, 0, 3]);
    assert_eq!(errors(&r), vec![]);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn corpus_huaian_2024_pdf() {
    let r = pdf_matches_layout_text("huaian-2024");
    assert_eq!(int(&r, "requests.received.total"), 3119);
    assert_eq!(int(&r, "requests.carried_in.total"), 34);
    assert_eq!(int(&r, "requests.results_total.total"), 3050);
    assert_eq!(int(&r, "requests.carried_out.total"), 103);
    assert_eq!(appeals(&r, "review"), vec![72, 64, 178, 37, 351]);
    assert_eq!(appeals(&r, "suit_direct"), vec![13, 4, 8, 1, 26]);
    assert_eq!(appeals(&r, "suit_after_review"), vec![12, 1, 1, 6, 20]);
    assert_eq!(errors(&r), vec![]);
}

// ------------------------------------------------------------ fixtures

/// `name what v1 … v7` lines written by scripts/make-file-fixtures.
fn expected(name: &str, what: &str) -> Vec<i64> {
    let text = String::from_utf8(fixture("expected.txt")).expect("UTF-8");
    text.lines()
        .find_map(|l| {
            let mut w = l.split(' ');
            (w.next() == Some(name) && w.next() == Some(what))
                .then(|| w.filter_map(|n| n.parse().ok()).collect())
        })
        .unwrap_or_else(|| panic!("expected.txt: {name} {what}"))
}

fn fixture_report(file: &str, kind: Kind) -> Report {
    let (inp, r) = read_and_check(&fixture(file));
    assert_eq!(inp.kind, kind, "{file}");
    r
}

#[test]
fn generated_clean_reports_read_in_full_from_pdf_and_docx() {
    for (name, version, cells) in [
        ("v2021-clean", xxgk_validator::Version::V2021, 200),
        ("v2019-clean", xxgk_validator::Version::V2019, 198),
    ] {
        for (ext, kind) in [("pdf", Kind::Pdf), ("docx", Kind::Docx)] {
            let r = fixture_report(&format!("{name}.{ext}"), kind);
            assert_eq!(r.version, Some(version), "{name}.{ext}");
            assert_eq!(r.cells.len(), cells, "{name}.{ext}");
            assert_eq!(
                row(&r, "received"),
                expected(name, "received"),
                "{name}.{ext}"
            );
            assert_eq!(
                row(&r, "granted"),
                expected(name, "granted"),
                "{name}.{ext}"
            );
            assert_eq!(
                row(&r, "results_total"),
                expected(name, "results_total"),
                "{name}.{ext}"
            );
            assert_eq!(errors(&r), vec![], "{name}.{ext}");
        }
    }
}

#[test]
fn generated_single_wrong_cell_is_found_and_located_in_pdf_and_docx() {
    let granted = expected("v2021-wrong-cell", "granted");
    // The planted cell: 自然人 of （一）予以公开 is one more than its row total allows.
    let right = granted[6] - granted[1..6].iter().sum::<i64>();
    assert_eq!(granted[0], right + 1);
    for (ext, kind) in [("pdf", Kind::Pdf), ("docx", Kind::Docx)] {
        let r = fixture_report(&format!("v2021-wrong-cell.{ext}"), kind);
        assert_eq!(int(&r, "requests.granted.natural"), granted[0]);
        let cell = Some(("requests.granted.natural".to_string(), right));
        assert_eq!(
            errors(&r),
            vec![
                ("requests.results_total".to_string(), cell.clone()),
                ("requests.row_total".to_string(), cell),
            ],
            "{ext}"
        );
    }
}

/// PDFs printed by Chromium (scripts/make-chromium-pdfs.mjs) map 一, 二, 人,
/// 民, 行… to the Kangxi radicals and CJK radical forms that look the same
/// (⼀ ⼆ ⼈ ⺠ ⾏) in their ToUnicode tables; read as they are, 表二 and most of
/// 表三's labels match nothing.
#[test]
fn chromium_pdfs_with_radicals_for_ideographs_read_like_the_others() {
    let r = fixture_report("v2021-clean.chromium.pdf", Kind::Pdf);
    assert_eq!(r.version, Some(xxgk_validator::Version::V2021));
    assert_eq!(r.cells.len(), 200);
    for what in ["received", "granted", "results_total"] {
        assert_eq!(row(&r, what), expected("v2021-clean", what), "{what}");
    }
    assert_eq!(errors(&r), vec![]);
    assert_eq!(r.unit.as_deref(), Some("示例县测试局"));
    let inp = input::read(&fixture("v2021-clean.chromium.pdf")).expect("readable");
    assert!(
        !inp.text
            .chars()
            .any(|c| ('\u{2e80}'..='\u{2fdf}').contains(&c)),
        "no radical is left in the text"
    );
    assert!(inp.text.contains("中华人民共和国政府信息公开条例"));

    let granted = expected("v2021-wrong-cell", "granted");
    let right = granted[6] - granted[1..6].iter().sum::<i64>();
    let r = fixture_report("v2021-wrong-cell.chromium.pdf", Kind::Pdf);
    let cell = Some(("requests.granted.natural".to_string(), right));
    assert_eq!(
        errors(&r),
        vec![
            ("requests.results_total".to_string(), cell.clone()),
            ("requests.row_total".to_string(), cell),
        ]
    );
}

#[test]
fn object_streams_read_like_plain_objects() {
    let plain = input::read(&fixture("v2021-clean.pdf")).expect("readable");
    let packed = fixture("v2021-clean-objstm.pdf");
    assert!(packed.windows(6).any(|w| w == b"ObjStm"));
    let packed = input::read(&packed).expect("readable");
    assert_eq!(packed.text, plain.text);
    assert_eq!(packed.pages, plain.pages);
}

#[test]
fn generated_pdf_pages_are_recorded() {
    let inp = input::read(&fixture("v2021-clean.pdf")).expect("readable");
    assert!(inp.pages.len() >= 2, "{:?}", inp.pages);
    assert_eq!(inp.pages[0], 0);
    assert!(inp
        .pages
        .windows(2)
        .all(|w| w[0] < w[1] && inp.text.is_char_boundary(w[1])));
    // The second page starts with the rows that follow the first page's last one.
    let second = &inp.text[inp.pages[1]..];
    assert!(!second.contains("示例县测试局2023年政府信息公开工作年度报告"));
}

// ------------------------------------------------------ unreadable files

#[test]
fn each_bad_file_has_its_own_reason() {
    for (file, code, says) in [
        ("empty.txt", "empty", "0字节"),
        ("image.png", "image", "图片"),
        ("legacy.doc", "legacy_office", "另存为 .docx"),
        ("truncated.docx", "corrupt_zip", "损坏"),
        ("encrypted.pdf", "pdf_encrypted", "加密"),
        ("scanned.pdf", "pdf_no_text", "扫描件"),
    ] {
        match input::read(&fixture(file)) {
            Ok(i) => panic!("{file} read as {:?}", i.kind),
            Err(u) => {
                assert_eq!(u.code, code, "{file}");
                assert!(u.message.contains(says), "{file}: {}", u.message);
            }
        }
    }
}

#[test]
fn pdf_whose_fonts_do_not_say_their_text_is_refused_not_read_as_garbage() {
    // The fixture with its ToUnicode CMaps hidden (same length, so the
    // file stays well-formed): its subset fonts number glyphs 1, 2, 3, …
    let bytes = fixture("v2021-clean.pdf");
    let key = b"/ToUnicode";
    let mut hidden = bytes.clone();
    let mut n = 0;
    let mut i = 0;
    while i + key.len() <= hidden.len() {
        if &hidden[i..i + key.len()] == key {
            hidden[i + key.len() - 1] = b'X';
            n += 1;
        }
        i += 1;
    }
    assert!(n > 0);
    assert_eq!(
        input::read(&hidden).err().map(|u| u.code),
        Some("pdf_unmapped")
    );
}

#[test]
fn damaged_pdfs_and_zips_never_panic() {
    // Every prefix and some corrupted copies of a real PDF and .docx:
    // read or refused, never a panic.
    for file in ["v2021-clean.pdf", "v2021-clean.docx"] {
        let bytes = fixture(file);
        for cut in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
            let _ = input::read(&bytes[..cut]);
        }
        let mut x = 0x2545_F491u32;
        for _ in 0..40 {
            let mut b = bytes.clone();
            for _ in 0..16 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let i = x as usize % b.len();
                b[i] = (x >> 8) as u8;
            }
            let _ = input::read(&b);
        }
    }
}

// -------------------------------------------------------------- sniffing

#[test]
fn text_encodings_are_detected() {
    let s = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t21\t0\t0\n";
    let utf16 = |le: bool| -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    };
    let with_bom = |bom: &[u8], b: Vec<u8>| [bom.to_vec(), b].concat();
    let (gbk, _, _) = encoding_rs::GBK.encode(s);
    let (gb18030, _, _) = encoding_rs::GB18030.encode("总计𠀀 3");
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("utf8", s.as_bytes().to_vec(), "UTF-8", s),
        (
            "utf8 bom",
            with_bom(&[0xEF, 0xBB, 0xBF], s.as_bytes().to_vec()),
            "UTF-8",
            s,
        ),
        (
            "utf16le bom",
            with_bom(&[0xFF, 0xFE], utf16(true)),
            "UTF-16LE",
            s,
        ),
        (
            "utf16be bom",
            with_bom(&[0xFE, 0xFF], utf16(false)),
            "UTF-16BE",
            s,
        ),
        ("utf16le", utf16(true), "UTF-16LE", s),
        ("utf16be", utf16(false), "UTF-16BE", s),
        ("gbk", gbk.into_owned(), "GBK", s),
        ("gb18030", gb18030.into_owned(), "GB18030", "总计𠀀 3"),
    ];
    for (name, bytes, enc, text) in cases {
        let i = input::read(&bytes).unwrap_or_else(|u| panic!("{name}: {}", u.code));
        assert_eq!(
            (i.encoding, i.text.as_str(), i.kind),
            (enc, text, Kind::Text),
            "{name}"
        );
        assert!(!i.lossy, "{name}");
    }
    let html =
        input::read("<html><body><table><tr><td>1</td></tr></table></body></html>".as_bytes())
            .expect("html");
    assert_eq!(html.kind, Kind::Html);
}

#[test]
fn binary_noise_is_binary_whatever_the_encoding_guess() {
    // xorshift noise without NULs (as `tr -d '\0'` leaves it): it would
    // "decode" as GB18030 with replacements, but it is not text.
    let mut x = 0x9E37_79B9u32;
    let mut noise = Vec::with_capacity(1 << 20);
    while noise.len() < 1 << 20 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let b = (x >> 24) as u8;
        if b != 0 {
            noise.push(b);
        }
    }
    for len in [64, 4096, 1 << 20] {
        let u = input::read(&noise[..len]).err().map(|u| u.code);
        assert_eq!(u, Some("binary"), "{len} bytes");
    }
    // High bytes only (no control characters): still not GBK text.
    let high: Vec<u8> = noise.iter().map(|b| b | 0x80).take(8192).collect();
    assert_eq!(input::read(&high).err().map(|u| u.code), Some("binary"));
    // NULs in what is not UTF-16.
    assert_eq!(
        input::read(b"ab\0\x01\x02\0\xff").err().map(|u| u.code),
        Some("binary")
    );
}

#[test]
fn magic_bytes_decide_the_type() {
    for (bytes, code) in [
        (&b"\xFF\xD8\xFF\xE0\0\x10JFIF"[..], "image"),
        (b"GIF89a\x01\0\x01\0", "image"),
        (b"II*\0\x08\0\0\0", "image"),
        (b"PK\x03\x04\x14\0\0\0garbage", "corrupt_zip"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", "legacy_office"),
        (b"%PDF-1.4\n%%EOF", "pdf_corrupt"),
    ] {
        assert_eq!(
            input::read(bytes).err().map(|u| u.code),
            Some(code),
            "{bytes:?}"
        );
    }
    // A text that starts with "BM" is text.
    assert_eq!(
        input::read(b"BM report 3").map(|i| i.kind).ok(),
        Some(Kind::Text)
    );
}

// ------------------------------------------------------------------- CLI

fn xxgk(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .output()
        .expect("run xxgk")
}

#[test]
fn cli_checks_pdf_and_docx_and_refuses_bad_files_with_the_reason() {
    let dir = format!("{}/tests/fixtures/files", env!("CARGO_MANIFEST_DIR"));
    let o = xxgk(&[
        "check",
        "--format",
        "json",
        &format!("{dir}/v2021-wrong-cell.docx"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["reports"][0]["source_kind"], "docx");
    let o = xxgk(&[
        "check",
        "--format",
        "json",
        &format!("{dir}/v2021-clean.pdf"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["reports"][0]["source_kind"], "pdf");

    let o = xxgk(&["check", &format!("{dir}/scanned.pdf")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("扫描件"));

    // A directory batch goes on past unreadable files, and says so.
    let o = xxgk(&["check", "--color", "never", &dir]);
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for f in [
        "encrypted.pdf",
        "scanned.pdf",
        "legacy.doc",
        "truncated.docx",
    ] {
        assert!(err.contains(f), "{f}: {err}");
    }
    assert!(
        out.contains("v2021-wrong-cell.pdf") && out.contains("v2019-clean.docx"),
        "{out}"
    );
}

#[test]
fn generated_narrow_columns_numbers_wrapped_in_cells_and_rows_split_by_a_page_break() {
    // Four-digit numbers with separators print as `17,` over `591` in the
    // PDF, and a row is cut by the page break (`8,3` | `98`): read whole.
    let inp = input::read(&fixture("v2021-narrow.pdf")).expect("readable");
    let received = expected("v2021-narrow", "received");
    let as_printed = |n: i64| {
        let s = n.to_string();
        if s.len() > 3 {
            format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..])
        } else {
            s
        }
    };
    let line: Vec<String> = received.iter().map(|&n| as_printed(n)).collect();
    assert!(
        inp.text.contains(&format!(
            "一、本年新收政府信息公开申请数量\t{}\n",
            line.join("\t")
        )),
        "{}",
        inp.text
    );
    for (ext, kind) in [("pdf", Kind::Pdf), ("docx", Kind::Docx)] {
        let r = fixture_report(&format!("v2021-narrow.{ext}"), kind);
        assert_eq!(r.cells.len(), 200, "{ext}");
        assert_eq!(row(&r, "received"), received, "{ext}");
        assert_eq!(
            row(&r, "granted"),
            expected("v2021-narrow", "granted"),
            "{ext}"
        );
        assert_eq!(
            row(&r, "results_total"),
            expected("v2021-narrow", "results_total"),
            "{ext}"
        );
        assert_eq!(errors(&r), vec![], "{ext}");
        assert!(
            r.diagnostics
                .iter()
                .all(|d| d.severity != Severity::Warning),
            "{ext}: {:?}",
            r.diagnostics
        );
    }
}
