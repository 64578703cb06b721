//! Extreme numbers in generated reports, in every layout people paste:
//! i64 and u64 limits, 16- to 20-digit and 400-digit runs, signed overflow
//! candidates, the largest count still allowed (15 digits), NULs. Run in the
//! test profile, so with overflow checks on: an overflow anywhere in the core
//! is a panic here.
//!
//! - a too-large value never panics and never loses its row: the cell is
//!   read (kind too_large), flagged `value.too_large`, and the rules through
//!   it are not computed (no wrong sum is reported from it);
//! - every other cell of the report still comes back exactly;
//! - the largest allowed counts are summed without overflow and a broken
//!   total among them is still found.
//!
//! The report generator is the one of tests/properties.rs, with cells that
//! can be written as any text.

use proptest::prelude::*;
use xxgk_validator::model::{APPEAL_COLS, APPEAL_GROUPS, REQUEST_COLS, REQUEST_ROWS};
use xxgk_validator::report::Status;
use xxgk_validator::{check, Severity, Value};

/// All cell values of a generated v2021 report, by key, in table order.
#[derive(Clone, Debug)]
struct Tables {
    cells: Vec<(String, i64)>,
    /// Cells written as this text instead of their value.
    written: Vec<(String, String)>,
}

impl Tables {
    /// The text printed in cell `k`.
    fn text(&self, k: &str) -> String {
        if let Some((_, w)) = self.written.iter().find(|c| c.0 == k) {
            return w.clone();
        }
        let v = self.get(k);
        if k == "disclosure.fees.amount" {
            format!("{}.{:02}", v / 100, v % 100)
        } else {
            v.to_string()
        }
    }
    fn get(&self, k: &str) -> i64 {
        self.cells
            .iter()
            .find(|c| c.0 == k)
            .map(|c| c.1)
            .unwrap_or(-1)
    }
}

const DISCLOSURE: [(&str, &str, &[&str]); 6] = [
    ("regulations", "规章", &["issued", "repealed", "in_force"]),
    (
        "normative_docs",
        "行政规范性文件",
        &["issued", "repealed", "in_force"],
    ),
    ("licensing", "行政许可", &["decisions"]),
    ("penalty", "行政处罚", &["decisions"]),
    ("coercion", "行政强制", &["decisions"]),
    ("fees", "行政事业性收费", &["amount"]),
];

fn v2021_rows() -> Vec<&'static str> {
    REQUEST_ROWS
        .iter()
        .map(|r| r.key)
        .filter(|k| *k != "other")
        .collect()
}

fn tables() -> impl Strategy<Value = Tables> {
    let parts = v2021_rows().len() - 4; // all but received, carried_in, results_total, carried_out
    (
        prop::collection::vec(0i64..60, 10),
        prop::collection::vec(prop::collection::vec(0i64..40, 6), parts),
        prop::collection::vec(0i64..30, 6),
        prop::collection::vec(0i64..30, 6),
        prop::collection::vec(0i64..20, 12),
    )
        .prop_map(|(disc, part_rows, carried_in, carried_out, ap)| {
            let mut cells = Vec::new();
            let mut d = disc.into_iter();
            for (row, _, cols) in DISCLOSURE {
                for col in cols {
                    cells.push((format!("disclosure.{row}.{col}"), d.next().unwrap_or(0)));
                }
            }
            let mut rows: Vec<(&str, Vec<i64>)> = Vec::new();
            let keys = v2021_rows();
            let part_keys: Vec<&str> = keys[2..keys.len() - 2].to_vec();
            let mut results = [0i64; 6];
            for (k, vals) in part_keys.iter().zip(part_rows) {
                for (r, v) in results.iter_mut().zip(&vals) {
                    *r += v;
                }
                rows.push((k, vals));
            }
            let cin: Vec<i64> = (0..6)
                .map(|c| carried_in[c].min(results[c] + carried_out[c]))
                .collect();
            let received: Vec<i64> = (0..6)
                .map(|c| results[c] + carried_out[c] - cin[c])
                .collect();
            let mut all: Vec<(&str, Vec<i64>)> = vec![("received", received), ("carried_in", cin)];
            all.extend(rows);
            all.push(("results_total", results.to_vec()));
            all.push(("carried_out", carried_out));
            for (k, mut vals) in all {
                vals.push(vals.iter().sum());
                for (v, (col, _)) in vals.iter().zip(REQUEST_COLS.iter()) {
                    cells.push((format!("requests.{k}.{col}"), *v));
                }
            }
            for (g, chunk) in APPEAL_GROUPS.iter().zip(ap.chunks(4)) {
                let mut vals = chunk.to_vec();
                vals.push(vals.iter().sum());
                for (v, (col, _)) in vals.iter().zip(APPEAL_COLS.iter()) {
                    cells.push((format!("appeals.{}.{col}", g.0), *v));
                }
            }
            Tables {
                cells,
                written: Vec::new(),
            }
        })
}

/// The report as rows of cells, as the statutory layout prints them.
fn rows(t: &Tables) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let s = |x: &str| x.to_string();
    out.push(vec![s("测试区2023年政府信息公开工作年度报告")]);
    out.push(vec![s("一、总体情况")]);
    out.push(vec![s("本机关认真贯彻落实《条例》。")]);
    out.push(vec![s("二、主动公开政府信息情况")]);
    let heads = [
        (
            "第二十条第（一）项",
            vec!["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            0..2,
        ),
        (
            "第二十条第（五）项",
            vec!["信息内容", "本年处理决定数量"],
            2..3,
        ),
        (
            "第二十条第（六）项",
            vec!["信息内容", "本年处理决定数量"],
            3..5,
        ),
        (
            "第二十条第（八）项",
            vec!["信息内容", "本年收费金额（单位：万元）"],
            5..6,
        ),
    ];
    for (h, cols, range) in heads {
        out.push(vec![s(h)]);
        out.push(cols.iter().map(|c| s(c)).collect());
        for (row, label, cols) in &DISCLOSURE[range] {
            let mut r = vec![s(label)];
            for col in *cols {
                let k = format!("disclosure.{row}.{col}");
                r.push(t.text(&k));
            }
            out.push(r);
        }
    }
    out.push(vec![s("三、收到和处理政府信息公开申请情况")]);
    out.push(vec![
        s("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        s("申请人情况"),
    ]);
    out.push(vec![s("自然人"), s("法人或其他组织"), s("总计")]);
    out.push(vec![
        s("商业企业"),
        s("科研机构"),
        s("社会公益组织"),
        s("法律服务机构"),
        s("其他"),
    ]);
    let mut last_group = "";
    for row in REQUEST_ROWS.iter().filter(|r| r.key != "other") {
        let mut r = Vec::new();
        if row.key == "granted" {
            r.push(s("三、本年度办理结果"));
        }
        if row.group != last_group && !row.group.is_empty() {
            r.push(s(row.group));
        }
        last_group = row.group;
        r.push(s(row.label));
        for (col, _) in REQUEST_COLS.iter() {
            r.push(t.text(&format!("requests.{}.{col}", row.key)));
        }
        out.push(r);
    }
    out.push(vec![s("四、政府信息公开行政复议、行政诉讼情况")]);
    out.push(vec![s("行政复议"), s("行政诉讼")]);
    out.push(vec![
        s("结果维持"),
        s("结果纠正"),
        s("其他结果"),
        s("尚未审结"),
        s("总计"),
        s("未经复议直接起诉"),
        s("复议后起诉"),
    ]);
    out.push(
        (0..2)
            .flat_map(|_| ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
            .map(s)
            .collect(),
    );
    out.push(
        xxgk_validator::model::appeal_keys()
            .iter()
            .map(|k| t.text(k))
            .collect(),
    );
    out.push(vec![s("五、存在的主要问题及改进情况")]);
    out.push(vec![s("人员不足。")]);
    out.push(vec![s("六、其他需要报告的事项")]);
    out.push(vec![s("本年度未收取信息处理费。")]);
    out
}

#[derive(Clone, Copy, Debug)]
enum Layout {
    PipePerLine,
    Tabs,
    BlankLines,
    PdfText,
    Markdown,
    Html,
}

fn render(rows: &[Vec<String>], layout: Layout) -> String {
    let mut o = String::new();
    for r in rows {
        match layout {
            Layout::PipePerLine => {
                for c in r {
                    o.push_str(&format!("{c} |\n"));
                }
                o.push_str("||\n");
            }
            Layout::Tabs => o.push_str(&format!("{}\t\n", r.join("\t"))),
            Layout::BlankLines => {
                for c in r {
                    o.push_str(&format!("{c}\n\n"));
                }
            }
            Layout::PdfText => {
                let mut line = String::from("   ");
                for c in r {
                    line.push_str(c);
                    line.push_str(&" ".repeat(2 + (c.len() % 5)));
                }
                o.push_str(&line);
                o.push_str("\n\n");
            }
            Layout::Markdown => {
                o.push_str(&format!("| {} |\n", r.join(" | ")));
                o.push_str(&format!("|{}\n", "---|".repeat(r.len())));
            }
            Layout::Html => {
                if r.len() == 1 {
                    o.push_str(&format!("<p>{}</p>\n", r[0]));
                } else {
                    o.push_str("<table><tr>");
                    for c in r {
                        o.push_str(&format!("<td>{c}</td>"));
                    }
                    o.push_str("</tr></table>\n");
                }
            }
        }
    }
    o
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::PipePerLine),
        Just(Layout::Tabs),
        Just(Layout::BlankLines),
        Just(Layout::PdfText),
        Just(Layout::Markdown),
        Just(Layout::Html),
    ]
}

/// Texts too large to be a count.
fn too_large() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(i64::MAX.to_string()),
        Just(i64::MIN.to_string()),
        Just(u64::MAX.to_string()),
        Just((i64::MAX as u64 + 1).to_string()),
        Just("1".repeat(16)),
        "[1-9][0-9]{15,19}",
        "[1-9][0-9]{380,399}",
        "-[1-9][0-9]{18,24}",
    ]
}

/// Requests and appeals cells (index 10.. in table order): the ones in sums.
fn summed_cell(t: &Tables, pick: usize) -> usize {
    10 + pick % (t.cells.len() - 10)
}

/// Every cell's (key, value) but `skip`'s, as read back.
fn others(r: &xxgk_validator::Report, skip: &str) -> Vec<(String, Option<f64>)> {
    let mut v: Vec<_> = r
        .cells
        .iter()
        .filter(|c| c.key != skip)
        .map(|c| (c.key.clone(), c.value.as_f64()))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn expected_others(t: &Tables, skip: &str) -> Vec<(String, Option<f64>)> {
    let mut v: Vec<_> = t
        .cells
        .iter()
        .filter(|c| c.0 != skip)
        .map(|(k, v)| {
            let x = if k == "disclosure.fees.amount" {
                *v as f64 / 100.0
            } else {
                *v as f64
            };
            (k.clone(), Some(x))
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_too_large_value_keeps_its_row_and_is_flagged(
        t in tables(), l in layout(), pick in 0usize..190, big in too_large()
    ) {
        let i = summed_cell(&t, pick);
        let key = t.cells[i].0.clone();
        let mut bad = t.clone();
        bad.written.push((key.clone(), big.clone()));
        let text = render(&rows(&bad), l);
        let r = check(&text);

        // The cell is read, as written, and is too large.
        let c = r.cells.iter().find(|c| c.key == key);
        prop_assert!(c.is_some(), "{} lost in {:?}", key, l);
        let c = c.expect("checked above");
        prop_assert_eq!(c.text.trim(), big.as_str());
        prop_assert_eq!(&text[c.span.start..c.span.end], c.text.as_str());
        prop_assert_eq!(&c.value, &Value::TooLarge, "{} in {:?}", key, l);
        // The rest of its row and of the report is intact.
        prop_assert_eq!(others(&r, &key), expected_others(&t, &key), "layout {:?}", l);

        // Flagged once, as such; no sum through it is reported as broken.
        let flagged: Vec<_> = r.diagnostics.iter()
            .filter(|d| d.rule == "value.too_large" && d.cells.contains(&key))
            .collect();
        prop_assert_eq!(flagged.len(), 1, "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
        prop_assert_eq!(flagged[0].severity, Severity::Error);
        for d in r.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            prop_assert!(
                d.rule == "value.too_large",
                "only the too-large cell is an error, got {}: {}", d.rule, d.message
            );
        }
        prop_assert_eq!(r.verdict.status, Status::Errors);
        prop_assert!(r.mistakes.iter().any(|m| m.diagnostics.iter().any(|&j| r.diagnostics[j].rule == "value.too_large")));
    }

    #[test]
    fn the_largest_counts_are_summed_without_overflow(
        t in tables(), l in layout(), pick in 0usize..190, digits in 13usize..=15, lead in 1u8..=9
    ) {
        // A 13- to 15-digit count is allowed: it is a number, summed, and the
        // total it breaks is found with the value that mends it.
        let i = summed_cell(&t, pick);
        let key = t.cells[i].0.clone();
        let big: i64 = format!("{lead}{}", "9".repeat(digits - 1)).parse().expect("digits");
        let mut bad = t.clone();
        bad.cells[i].1 = big;
        let text = render(&rows(&bad), l);
        let r = check(&text);
        let c = r.cells.iter().find(|c| c.key == key);
        prop_assert_eq!(c.map(|c| c.value.clone()), Some(Value::Int(big)), "{} in {:?}", key, l);
        let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(!errs.is_empty(), "{} = {} in {:?}: nothing found", key, big, l);
        prop_assert!(errs.iter().all(|d| d.cells.contains(&key)), "every finding involves {}", key);
        for d in &errs {
            // Differences are exact integers, computed without overflow.
            if let (Some(a), Some(e)) = (d.actual, d.expected) {
                prop_assert_eq!(d.difference(), Some(a - e));
            }
        }
    }

    #[test]
    fn extremes_everywhere_at_once_never_panic(
        t in tables(), l in layout(),
        picks in prop::collection::vec((0usize..190, too_large()), 1..12),
        nul in any::<bool>()
    ) {
        let mut bad = t.clone();
        for (pick, big) in picks {
            let k = bad.cells[summed_cell(&t, pick)].0.clone();
            bad.written.push((k, big));
        }
        let mut text = render(&rows(&bad), l);
        if nul {
            // What UTF-16LE without BOM looks like read as UTF-8.
            let b: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            text = String::from_utf8_lossy(&b).into_owned();
        }
        let r = check(&text);
        for c in &r.cells {
            prop_assert!(text.get(c.span.start..c.span.end).is_some());
        }
        for d in &r.diagnostics {
            let _ = d.difference();
        }
        // Never “clean” with a too-large value read.
        if r.cells.iter().any(|c| c.value == Value::TooLarge) {
            prop_assert_ne!(r.verdict.status, Status::Clean);
        }
        let _ = xxgk_validator::wire::report(&r, "extremes", None, Some(&text));
    }
}
