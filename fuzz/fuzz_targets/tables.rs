//! Structured fuzzing: the fuzzer's bytes choose, for a report skeleton in
//! the statutory layout (表二 disclosure, 表三 requests, 表四 appeals), a
//! layout (tabs, pipes, PDF-to-text spacing, Markdown, HTML) and what goes
//! into every cell: small counts, i64 and u64 extremes, 15- to 20-digit and
//! 400-digit runs, signs, decimals, full-width digits, placeholders, NULs,
//! control characters, and raw fuzzer text. Optionally the whole text is
//! re-encoded as UTF-16 (LE/BE, no BOM) and read back as lossy UTF-8, which
//! is what a UTF-16 file without BOM looks like to a naive reader.
//!
//! Random bytes rarely make a table the extractor accepts; this target
//! starts from one, so the number parsing, the sums and the locating of the
//! suspect cell all get the hostile values.
//!
//! Built with overflow checks on (see `[profile.release]` in Cargo.toml):
//! an arithmetic overflow in the core is a crash here.
//!
//! Run: `cargo +nightly fuzz run tables -- -max_len=4096` (from the repo root).
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use xxgk_validator::model::{APPEAL_COLS, APPEAL_GROUPS, REQUEST_COLS, REQUEST_ROWS};
use xxgk_validator::{check, check_html, check_text, wire, Report, Span};

#[derive(Clone, Copy)]
enum Layout {
    Tabs,
    Pipes,
    Pdf,
    Markdown,
    Html,
    OneCellPerLine,
}

/// One cell's text, chosen by the fuzzer.
fn cell(u: &mut Unstructured) -> Result<String> {
    let digits = |u: &mut Unstructured, n: usize| -> Result<String> {
        let first = char::from(b'1' + u.int_in_range(0..=8u8)?);
        let rest = char::from(b'0' + u.int_in_range(0..=9u8)?);
        let mut s = String::with_capacity(n);
        s.push(first);
        for _ in 1..n {
            s.push(rest);
        }
        Ok(s)
    };
    Ok(match u.int_in_range(0..=31u8)? {
        0..=11 => u.int_in_range(0..=60u32)?.to_string(),
        12 => i64::MAX.to_string(),
        13 => i64::MIN.to_string(),
        14 => u64::MAX.to_string(),
        15 => (i64::MAX as u64 + 1).to_string(),
        16 => {
            let n = u.int_in_range(15..=21usize)?;
            digits(u, n)?
        }
        17 => {
            let n = u.int_in_range(100..=400usize)?;
            digits(u, n)?
        }
        18 => format!("-{}", u.int_in_range(0..=u64::MAX)?),
        19 => format!("+{}", u.arbitrary::<i64>()?),
        20 => u.arbitrary::<i64>()?.to_string(),
        21 => format!("{}.{}", u.arbitrary::<u64>()?, u.arbitrary::<u32>()?),
        22 => "9".repeat(u.int_in_range(1..=40usize)?) + ".5",
        23 => u
            .int_in_range(0..=99_999u32)?
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        24 => ["/", "-", "—", "无", "", " ", "0", "00", "1,234", "1e9"][u.choose_index(10)?]
            .to_string(),
        25 => "\0".repeat(u.int_in_range(1..=4usize)?),
        26 => format!("1\u{0}2\u{0}{}", u.int_in_range(0..=9u8)?),
        27 => [
            "\r", "\u{FEFF}", "\u{200B}", "\u{3000}", "\u{FFFD}", "&#20;",
        ][u.choose_index(6)?]
        .to_string(),
        28 => format!("{}万", u.arbitrary::<u32>()?),
        29 => format!("（{}）", u.arbitrary::<i32>()?),
        _ => {
            let n = u.int_in_range(0..=12usize)?.min(u.len());
            String::from_utf8_lossy(u.bytes(n)?).into_owned()
        }
    })
}

fn rows(u: &mut Unstructured) -> Result<Vec<Vec<String>>> {
    let s = |x: &str| x.to_string();
    let year = match u.int_in_range(0..=3u8)? {
        0 => "2023".to_string(),
        1 => "2020".to_string(),
        2 => i64::MAX.to_string(),
        _ => "9".repeat(40),
    };
    let mut out: Vec<Vec<String>> = vec![
        vec![format!("测试区{year}年政府信息公开工作年度报告")],
        vec![s("二、主动公开政府信息情况")],
        vec![s("第二十条第（一）项")],
        vec![
            s("信息内容"),
            s("本年制发件数"),
            s("本年废止件数"),
            s("现行有效件数"),
        ],
    ];
    for label in ["规章", "行政规范性文件"] {
        out.push(vec![s(label), cell(u)?, cell(u)?, cell(u)?]);
    }
    out.push(vec![s("第二十条第（五）项")]);
    out.push(vec![s("信息内容"), s("本年处理决定数量")]);
    out.push(vec![s("行政许可"), cell(u)?]);
    out.push(vec![s("第二十条第（六）项")]);
    out.push(vec![s("行政处罚"), cell(u)?]);
    out.push(vec![s("行政强制"), cell(u)?]);
    out.push(vec![s("第二十条第（八）项")]);
    out.push(vec![s("信息内容"), s("本年收费金额（单位：万元）")]);
    out.push(vec![s("行政事业性收费"), cell(u)?]);
    out.push(vec![s("三、收到和处理政府信息公开申请情况")]);
    out.push(vec![
        s("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        s("申请人情况"),
    ]);
    out.push(vec![s("自然人"), s("法人或其他组织"), s("总计")]);
    out.push(REQUEST_COLS[1..6].iter().map(|c| s(c.1)).collect());
    let single_other = u.arbitrary::<bool>()?;
    let mut last_group = "";
    for row in REQUEST_ROWS.iter() {
        let skip = if single_other {
            row.key.starts_with("other_")
        } else {
            row.key == "other"
        };
        if skip {
            continue;
        }
        let mut r = Vec::new();
        if row.key == "granted" {
            r.push(s("三、本年度办理结果"));
        }
        if row.group != last_group && !row.group.is_empty() {
            r.push(s(row.group));
        }
        last_group = row.group;
        r.push(s(row.label));
        for _ in REQUEST_COLS.iter() {
            r.push(cell(u)?);
        }
        out.push(r);
    }
    out.push(vec![s("四、政府信息公开行政复议、行政诉讼情况")]);
    out.push(APPEAL_GROUPS.iter().take(2).map(|g| s(g.1)).collect());
    out.push(
        (0..3)
            .flat_map(|_| APPEAL_COLS.iter().map(|c| s(c.1)))
            .collect(),
    );
    let mut ap = Vec::new();
    for _ in 0..APPEAL_GROUPS.len() * APPEAL_COLS.len() {
        ap.push(cell(u)?);
    }
    out.push(ap);
    out.push(vec![s("五、存在的主要问题及改进情况")]);
    out.push(vec![cell(u)?]);
    Ok(out)
}

fn render(rows: &[Vec<String>], layout: Layout) -> String {
    let mut o = String::new();
    for r in rows {
        match layout {
            Layout::Tabs => o.push_str(&format!("{}\n", r.join("\t"))),
            Layout::Pipes => o.push_str(&format!("|{}|\n", r.join("|"))),
            Layout::Pdf => o.push_str(&format!("    {}\n\n", r.join("     "))),
            Layout::Markdown => {
                o.push_str(&format!("| {} |\n", r.join(" | ")));
                o.push_str(&format!("|{}\n", "---|".repeat(r.len())));
            }
            Layout::Html => {
                o.push_str("<table><tr>");
                for c in r {
                    o.push_str(&format!("<td>{c}</td>"));
                }
                o.push_str("</tr></table>\n");
            }
            Layout::OneCellPerLine => {
                for c in r {
                    o.push_str(c);
                    o.push('\n');
                }
            }
        }
    }
    o
}

fn span_ok(input: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= input.len()
        && input.is_char_boundary(s.start)
        && input.is_char_boundary(s.end)
}

fn verify(input: &str, r: &Report, exact_text: bool) {
    for c in &r.cells {
        assert!(span_ok(input, c.span), "cell {} span {:?}", c.key, c.span);
        if exact_text {
            assert_eq!(&input[c.span.start..c.span.end], c.text, "cell {}", c.key);
        }
    }
    for d in &r.diagnostics {
        if let Some(s) = d.span {
            assert!(span_ok(input, s), "diagnostic {} span {:?}", d.rule, s);
        }
        // Difference and suggestions must be computable without overflow.
        let _ = d.difference();
    }
    let _ = wire::report(r, "fuzz", None, Some(input));
}

fn build(data: &[u8]) -> Result<String> {
    let mut u = Unstructured::new(data);
    let layout = match u.int_in_range(0..=5u8)? {
        0 => Layout::Tabs,
        1 => Layout::Pipes,
        2 => Layout::Pdf,
        3 => Layout::Markdown,
        4 => Layout::Html,
        _ => Layout::OneCellPerLine,
    };
    let encoding = u.int_in_range(0..=7u8)?;
    let rows = rows(&mut u)?;
    let text = render(&rows, layout);
    Ok(match encoding {
        // UTF-16 without BOM, read as if it were UTF-8 (NULs between ASCII).
        0 => {
            let b: Vec<u8> = text.encode_utf16().flat_map(|c| c.to_le_bytes()).collect();
            String::from_utf8_lossy(&b).into_owned()
        }
        1 => {
            let b: Vec<u8> = text.encode_utf16().flat_map(|c| c.to_be_bytes()).collect();
            String::from_utf8_lossy(&b).into_owned()
        }
        _ => text,
    })
}

fuzz_target!(|data: &[u8]| {
    // Too few bytes leave the remaining cells at their first choice (0):
    // still a valid table, so every input is used.
    let Ok(input) = build(data) else { return };
    // To look at a crash or slow input: XXGK_FUZZ_DUMP=file target artifact.
    if let Some(p) = std::env::var_os("XXGK_FUZZ_DUMP") {
        let _ = std::fs::write(p, &input);
    }
    let r = check(&input);
    verify(&input, &r, !r.html);
    verify(&input, &check_text(&input), true);
    verify(&input, &check_html(&input), false);
});
