//! Reading reports in the shapes real people paste (issue 9): text copied
//! out of a PDF viewer, OCR'd markdown, converters that split labels from
//! their numbers, partial tables, blank cells, digits run together, reports
//! of the pre-2019 template, heading variants and numbers far too long.
//!
//! The reports here are synthetic, written by the generator below (never
//! copies of real reports); the corpus cases read `$XXGK_CORPUS` or
//! `../shared/corpus` and print `SKIPPED <name>` when it is absent.

use xxgk_validator::model::{self, APPEAL_GROUPS, REQUEST_COLS, REQUEST_ROWS};
use xxgk_validator::{check, Report, Severity, Status, Value};

// ------------------------------------------------------------- generator

/// Every cell of a v2021 report as the text written in it, by key.
#[derive(Clone)]
struct Tables {
    cells: Vec<(String, String)>,
}

impl Tables {
    fn get(&self, k: &str) -> String {
        self.cells
            .iter()
            .find(|c| c.0 == k)
            .map(|c| c.1.clone())
            .unwrap_or_else(|| panic!("no cell {k}"))
    }
    fn set(&mut self, k: &str, v: &str) {
        let c = self
            .cells
            .iter_mut()
            .find(|c| c.0 == k)
            .unwrap_or_else(|| panic!("no cell {k}"));
        c.1 = v.to_string();
    }
    /// Set a whole `requests` row (seven values).
    fn set_row(&mut self, row: &str, vals: [i64; 7]) {
        for (v, (col, _)) in vals.iter().zip(REQUEST_COLS.iter()) {
            self.set(&format!("requests.{row}.{col}"), &v.to_string());
        }
    }
    fn row(&self, row: &str) -> Vec<String> {
        REQUEST_COLS
            .iter()
            .map(|(c, _)| self.get(&format!("requests.{row}.{c}")))
            .collect()
    }
}

fn v2021_rows() -> Vec<&'static model::Row> {
    REQUEST_ROWS.iter().filter(|r| r.key != "other").collect()
}

/// A consistent v2021 report: every row adds up, results add up, balance holds.
fn tables() -> Tables {
    let mut cells: Vec<(String, String)> = Vec::new();
    let disclosure = [
        ["0", "0", "3"].as_slice(),
        &["2", "1", "15"],
        &["146"],
        &["2"],
        &["0"],
        &["1.50"],
    ];
    for (r, vals) in model::DISCLOSURE_V2021.iter().zip(disclosure) {
        for ((col, _, _), v) in r.cols.iter().zip(vals.iter()) {
            cells.push((format!("disclosure.{}.{col}", r.key), v.to_string()));
        }
    }
    let rows = v2021_rows();
    let parts: Vec<&str> = model::result_parts(false).collect();
    let mut results = [0i64; 6];
    let mut part_vals: Vec<(&str, [i64; 6])> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let v = [
            ((i * 7) % 5) as i64,
            (i % 2) as i64,
            0,
            i64::from(i % 3 == 0),
            0,
            i64::from(i % 4 == 1),
        ];
        for (r, x) in results.iter_mut().zip(v) {
            *r += x;
        }
        part_vals.push((p, v));
    }
    let carried_in = [2, 0, 0, 0, 0, 0];
    let carried_out = [1, 0, 1, 0, 0, 0];
    let received: Vec<i64> = (0..6)
        .map(|c| results[c] + carried_out[c] - carried_in[c])
        .collect();
    for row in rows {
        let six: Vec<i64> = match row.key {
            "received" => received.clone(),
            "carried_in" => carried_in.to_vec(),
            "results_total" => results.to_vec(),
            "carried_out" => carried_out.to_vec(),
            k => part_vals
                .iter()
                .find(|p| p.0 == k)
                .map(|p| p.1.to_vec())
                .unwrap_or_default(),
        };
        let total: i64 = six.iter().sum();
        for (v, (col, _)) in six.iter().chain([total].iter()).zip(REQUEST_COLS.iter()) {
            cells.push((format!("requests.{}.{col}", row.key), v.to_string()));
        }
    }
    for (g, vals) in APPEAL_GROUPS
        .iter()
        .zip([[1, 0, 0, 0, 1], [0, 1, 0, 1, 2], [0, 0, 0, 0, 0]])
    {
        for (v, (col, _)) in vals.iter().zip(model::APPEAL_COLS.iter()) {
            cells.push((format!("appeals.{}.{col}", g.0), v.to_string()));
        }
    }
    Tables { cells }
}

/// Which parts of the report to write.
#[derive(Clone, Copy)]
struct Parts {
    disclosure: bool,
    requests: bool,
    appeals: bool,
    /// The heading of section 六.
    six: &'static str,
}

const ALL: Parts = Parts {
    disclosure: true,
    requests: true,
    appeals: true,
    six: "六、其他需要报告的事项",
};

/// The report as rows of cells, as the statutory layout prints them.
fn rows(t: &Tables, parts: Parts) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let s = |x: &str| x.to_string();
    out.push(vec![s("示例县2023年政府信息公开工作年度报告")]);
    out.push(vec![s("一、总体情况")]);
    out.push(vec![s("本机关认真贯彻落实《条例》，全年工作平稳有序。")]);
    out.push(vec![s("二、主动公开政府信息情况")]);
    if parts.disclosure {
        let heads: [(&str, Vec<&str>, std::ops::Range<usize>); 4] = [
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
            for r in &model::DISCLOSURE_V2021[range] {
                let mut row = vec![s(r.label)];
                for (col, _, _) in r.cols {
                    row.push(t.get(&format!("disclosure.{}.{col}", r.key)));
                }
                out.push(row);
            }
        }
    }
    out.push(vec![s("三、收到和处理政府信息公开申请情况")]);
    if parts.requests {
        out.extend(request_rows(t, true));
    }
    out.push(vec![s("四、政府信息公开行政复议、行政诉讼情况")]);
    if parts.appeals {
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
        out.push(model::appeal_keys().iter().map(|k| t.get(k)).collect());
    }
    out.push(vec![s("五、存在的主要问题及改进情况")]);
    out.push(vec![s("人员力量不足，下一步加强培训。")]);
    out.push(vec![s(parts.six)]);
    out.push(vec![s("本年度未收取信息处理费。")]);
    out
}

/// Table 三: its headers and rows (with the group labels, when `groups`).
fn request_rows(t: &Tables, groups: bool) -> Vec<Vec<String>> {
    let s = |x: &str| x.to_string();
    let mut out = vec![
        vec![
            s("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
            s("申请人情况"),
        ],
        vec![s("自然人"), s("法人或其他组织"), s("总计")],
        vec![
            s("商业企业"),
            s("科研机构"),
            s("社会公益组织"),
            s("法律服务机构"),
            s("其他"),
        ],
    ];
    let mut last_group = "";
    for row in v2021_rows() {
        let mut r = Vec::new();
        if groups {
            if row.key == "granted" {
                r.push(s("三、本年度办理结果"));
            }
            if row.group != last_group && !row.group.is_empty() {
                r.push(s(row.group));
            }
        }
        last_group = row.group;
        r.push(s(row.label));
        r.extend(t.row(row.key));
        out.push(r);
    }
    out
}

#[derive(Clone, Copy, Debug)]
enum Layout {
    /// Markdown pipes: `| a | b |`, with separator lines.
    Pipe,
    /// Tab-separated, each row ending in a tab.
    Tabs,
    /// One cell per line ending ` |`, rows closed by `||` (as Word copies).
    PerLine,
    /// HTML table rows.
    Html,
}

const LAYOUTS: [Layout; 4] = [Layout::Pipe, Layout::Tabs, Layout::PerLine, Layout::Html];

fn render(rows: &[Vec<String>], layout: Layout) -> String {
    let mut o = String::new();
    if let Layout::Html = layout {
        o.push_str("<html><body>\n");
    }
    for r in rows {
        match layout {
            Layout::Pipe => {
                if r.len() == 1 {
                    o.push_str(&format!("{}\n\n", r[0]));
                } else {
                    o.push_str(&format!("| {} |\n", r.join(" | ")));
                    o.push_str(&format!("|{}\n", "---|".repeat(r.len())));
                }
            }
            Layout::Tabs => o.push_str(&format!("{}\t\n", r.join("\t"))),
            Layout::PerLine => {
                for c in r {
                    o.push_str(&format!("{c} |\n"));
                }
                o.push_str("||\n");
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
    if let Layout::Html = layout {
        o.push_str("</body></html>\n");
    }
    o
}

// ------------------------------------------------------------- helpers

fn value(r: &Report, key: &str) -> Value {
    r.cell(key)
        .map(|c| c.value.clone())
        .unwrap_or_else(|| panic!("{key} not read: {:#?}", r.diagnostics))
}

fn int(r: &Report, key: &str) -> i64 {
    match value(r, key) {
        Value::Int(n) => n,
        v => panic!("{key}: {v:?}"),
    }
}

fn row_ints(r: &Report, row: &str) -> Vec<i64> {
    REQUEST_COLS
        .iter()
        .map(|(c, _)| int(r, &format!("requests.{row}.{c}")))
        .collect()
}

fn rules(r: &Report, sev: Severity) -> Vec<&'static str> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == sev)
        .map(|d| d.rule)
        .collect()
}

/// Spans are exact: each cell's span slices the input to its text.
fn spans_exact(text: &str, r: &Report) {
    for c in &r.cells {
        assert_eq!(
            text.get(c.span.start..c.span.end),
            Some(c.text.as_str()),
            "span of {}",
            c.key
        );
    }
}

fn corpus(name: &str) -> Option<String> {
    let dir = std::env::var_os("XXGK_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
        });
    std::fs::read_to_string(dir.join(name)).ok()
}

// ------------------------------------------------------------- the generator itself

#[test]
fn generated_reports_are_clean_in_every_layout() {
    let t = tables();
    for layout in LAYOUTS {
        let text = render(&rows(&t, ALL), layout);
        let r = check(&text);
        spans_exact(&text, &r);
        assert_eq!(r.cells.len(), 200, "{layout:?}: {:#?}", r.diagnostics);
        assert_eq!(r.verdict.status, Status::Clean, "{layout:?}: {:#?}", r.diagnostics);
        assert!(r.diagnostics.is_empty(), "{layout:?}: {:#?}", r.diagnostics);
        assert_eq!(
            row_ints(&r, "received"),
            t.row("received")
                .iter()
                .map(|v| v.parse::<i64>().unwrap_or(-1))
                .collect::<Vec<_>>()
        );
    }
}
