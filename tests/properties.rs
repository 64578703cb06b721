//! Properties over generated reports:
//! - a random consistent table, rendered into every layout people paste,
//!   comes back cell for cell, with no finding;
//! - any single changed cell of `requests` or `appeals` is detected, and in
//!   `requests` located with the value that mends it;
//! - no input, however broken, makes the checker panic.

use proptest::prelude::*;
use xxgk_validator::model::{APPEAL_COLS, APPEAL_GROUPS, REQUEST_COLS, REQUEST_ROWS};
use xxgk_validator::{check, Severity, Value};

/// All cell values of a generated v2021 report, by key, in table order.
#[derive(Clone, Debug)]
struct Tables {
    cells: Vec<(String, i64)>,
}

impl Tables {
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
            Tables { cells }
        })
}

/// The report as rows of cells, as the statutory layout prints them.
fn rows(t: &Tables) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let s = |x: &str| x.to_string();
    let fmt = |k: &str, v: i64| {
        if k == "disclosure.fees.amount" {
            format!("{}.{:02}", v / 100, v % 100)
        } else {
            v.to_string()
        }
    };
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
                r.push(fmt(&k, t.get(&k)));
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
            r.push(t.get(&format!("requests.{}.{col}", row.key)).to_string());
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
            .map(|k| t.get(k).to_string())
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

fn read_back(text: &str) -> Vec<(String, Option<f64>)> {
    check(text)
        .cells
        .iter()
        .map(|c| (c.key.clone(), c.value.as_f64()))
        .collect()
}

fn expected(t: &Tables) -> Vec<(String, Option<f64>)> {
    t.cells
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                Some(if k == "disclosure.fees.amount" {
                    *v as f64 / 100.0
                } else {
                    *v as f64
                }),
            )
        })
        .collect()
}

fn sorted(mut v: Vec<(String, Option<f64>)>) -> Vec<(String, Option<f64>)> {
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn consistent_tables_come_back_exactly(t in tables(), l in layout()) {
        let text = render(&rows(&t), l);
        let r = check(&text);
        prop_assert_eq!(sorted(read_back(&text)), sorted(expected(&t)), "layout {:?}", l);
        let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(|d| d.message.clone()).collect();
        prop_assert!(errs.is_empty(), "layout {:?}: {:?}", l, errs);
        for c in &r.cells {
            prop_assert_eq!(&text[c.span.start..c.span.end], c.text.as_str());
        }
    }

    #[test]
    fn one_changed_cell_is_found_and_located(t in tables(), l in layout(), pick in 0usize..190, delta in 1i64..9) {
        // Only requests and appeals cells (10.. in table order).
        let i = 10 + pick % (t.cells.len() - 10);
        let (key, orig) = t.cells[i].clone();
        let mut bad = t.clone();
        bad.cells[i].1 = orig + delta;
        let text = render(&rows(&bad), l);
        let r = check(&text);
        let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(!errs.is_empty(), "{} changed in {:?}: nothing found", key, l);
        prop_assert!(errs.iter().all(|d| d.cells.contains(&key)), "every finding involves {}", key);
        let named = |d: &&xxgk_validator::Diagnostic| {
            d.suspect.as_ref().is_some_and(|s| s.cell == key && s.expected == orig)
                || d.alternatives.iter().any(|a| a.iter().any(|s| s.cell == key && s.expected == orig))
        };
        if key.starts_with("requests.") {
            // One row rule and one column rule cross at the cell: located exactly.
            for d in &errs {
                let s = d.suspect.as_ref();
                prop_assert_eq!(s.map(|s| (s.cell.as_str(), s.expected)), Some((key.as_str(), orig)), "{}", d.message);
            }
        } else {
            // A group of 四 has one rule: any of its five cells could be wrong;
            // the changed one is among the named fixes.
            prop_assert!(errs.iter().any(named), "{} not named: {:?}", key, errs.iter().map(|d| &d.message).collect::<Vec<_>>());
        }
    }

    #[test]
    fn never_panics_on_any_text(s in ".{0,400}") {
        let r = check(&s);
        for c in &r.cells {
            prop_assert!(s.get(c.span.start..c.span.end).is_some());
        }
    }

    #[test]
    fn never_panics_on_table_like_noise(parts in prop::collection::vec(prop_oneof![
        Just("本年新收".to_string()), Just("（七）总计".to_string()), Just("复议后起诉".to_string()),
        Just("维持".to_string()), Just("１２".to_string()), Just("7.属于".to_string()), Just("<td>".to_string()),
        Just("&#x1F600;".to_string()), Just("😀".to_string()), Just("（".to_string()), Just("|".to_string()),
        Just("\t".to_string()), Just("\n".to_string()), Just(" ".to_string()), Just("-3-".to_string()),
        Just("0".to_string()), Just("000121".to_string()), Just("逾期不补正".to_string()), Just("其他".to_string()),
        "[0-9]{1,20}", "[\\u{4e00}-\\u{4e20}]{1,3}",
    ], 0..300)) {
        let s: String = parts.concat();
        let r = check(&s);
        for c in &r.cells {
            prop_assert!(s.get(c.span.start..c.span.end).is_some());
            if let Value::Int(_) = c.value { prop_assert!(!c.text.is_empty()); }
        }
    }
}
