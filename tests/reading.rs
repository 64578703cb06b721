//! Reading reports in the shapes real people paste (issue 9): text copied
//! out of a PDF viewer, OCR'd markdown, converters that split labels from
//! their numbers, partial tables, blank cells, digits run together, reports
//! of the pre-2019 template, heading variants and numbers far too long.
//!
//! The reports here are synthetic, written by the generator below (never
//! copies of real reports); the corpus cases read `$XXGK_CORPUS` or
//! `../shared/corpus` and are ignored by name when it is absent (build.rs).

#[path = "support/gen.rs"]
mod gen;

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
    /// HTML as Word saves it: every cell's text in a `<p>`, `&nbsp;` in empty ones.
    WordHtml,
}

const LAYOUTS: [Layout; 5] = [
    Layout::Pipe,
    Layout::Tabs,
    Layout::PerLine,
    Layout::Html,
    Layout::WordHtml,
];

fn render(rows: &[Vec<String>], layout: Layout) -> String {
    let mut o = String::new();
    if let Layout::Html | Layout::WordHtml = layout {
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
            Layout::WordHtml => {
                if r.len() == 1 {
                    o.push_str(&format!("<p class=MsoNormal><span>{}</span></p>\n", r[0]));
                } else {
                    o.push_str("<table class=MsoTableGrid><tr>\n");
                    for c in r {
                        let c = if c.is_empty() { "&nbsp;" } else { c };
                        o.push_str(&format!(
                            "<td width=60 valign=top>\n<p class=MsoNormal align=center><span>{c}</span></p>\n</td>\n"
                        ));
                    }
                    o.push_str("</tr></table>\n");
                }
            }
        }
    }
    if let Layout::Html | Layout::WordHtml = layout {
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
        assert_eq!(
            r.verdict.status,
            Status::Clean,
            "{layout:?}: {:#?}",
            r.diagnostics
        );
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

/// Text copied out of a PDF that Chromium printed ("Save as PDF"): its fonts
/// map common ideographs to the Kangxi radicals that look the same (⼀ for
/// 一, ⼈ for 人), and the CJK Radicals Supplement's ⺠ for 民, ⻔ for 门.
fn as_chromium_pdf_text(text: &str) -> String {
    const IDEOGRAPHS: &str =
        "一二人工文示行自月日止八金十入方用子大小力口生目立老而至言走身里非面高民门见长车";
    const RADICALS: &str =
        "⼀⼆⼈⼯⽂⽰⾏⾃⽉⽇⽌⼋⾦⼗⼊⽅⽤⼦⼤⼩⼒⼝⽣⽬⽴⽼⽽⾄⾔⾛⾝⾥⾮⾯⾼⺠⻔⻅⻓⻋";
    text.chars()
        .map(|c| {
            IDEOGRAPHS
                .chars()
                .position(|i| i == c)
                .and_then(|n| RADICALS.chars().nth(n))
                .unwrap_or(c)
        })
        .collect()
}

#[test]
fn radicals_written_for_ideographs_read_like_the_ideographs_in_every_layout() {
    let mut t = tables();
    // One planted mistake, so that findings and their spans are compared too.
    t.set("requests.granted.natural", "999");
    for layout in LAYOUTS {
        let plain = render(&rows(&t, ALL), layout);
        let radicals = as_chromium_pdf_text(&plain);
        assert!(radicals.contains('⼀') && radicals.contains('⺠') == plain.contains('民'));
        assert_eq!(
            radicals.len(),
            plain.len(),
            "each radical is 3 bytes, as its ideograph"
        );
        let (a, b) = (check(&plain), check(&radicals));
        spans_exact(&radicals, &b);
        assert_eq!(a.cells.len(), 200, "{layout:?}");
        assert_eq!(b.cells, a.cells, "{layout:?}");
        assert_eq!(b.version, a.version, "{layout:?}");
        assert_eq!(b.verdict.status, a.verdict.status, "{layout:?}");
        // The unit as written (radicals kept: it is the text's), the same unit.
        assert_eq!(b.year, a.year, "{layout:?}");
        let (ua, ub) = (a.unit.as_deref(), b.unit.as_deref());
        assert!(ua.is_some() && ub.is_some(), "{layout:?}");
        assert!(
            xxgk_validator::statements::same_unit(ua.unwrap_or(""), ub.unwrap_or("")),
            "{layout:?}"
        );
        let found = |r: &Report| -> Vec<(String, Vec<String>)> {
            r.diagnostics
                .iter()
                .map(|d| (d.rule.to_string(), d.cells.clone()))
                .collect()
        };
        assert_eq!(found(&b), found(&a), "{layout:?}");
        assert!(
            !found(&a).is_empty(),
            "{layout:?}: the planted mistake is found"
        );
    }
}

// ------------------------------------------------------------- blank cells

#[test]
fn a_blank_total_is_read_as_blank_in_every_layout() {
    let mut t = tables();
    t.set("requests.granted.total", "");
    for layout in LAYOUTS {
        let text = render(&rows(&t, ALL), layout);
        let r = check(&text);
        spans_exact(&text, &r);
        assert_eq!(
            value(&r, "requests.granted.total"),
            Value::Blank,
            "{layout:?}"
        );
        assert_eq!(int(&r, "requests.granted.natural"), 0, "{layout:?}");
        assert_eq!(r.cells.len(), 200, "{layout:?}: {:#?}", r.diagnostics);
        assert!(
            rules(&r, Severity::Error).contains(&"value.blank_total"),
            "{layout:?}: {:#?}",
            r.diagnostics
        );
        assert_ne!(r.verdict.status, Status::Clean, "{layout:?}");
    }
}

#[test]
fn a_row_of_one_number_five_blanks_and_a_total() {
    let mut t = tables();
    // （一）予以公开: 4 natural persons, nothing else written, total 4.
    let before = t.row("granted");
    assert_eq!(before[0], "0");
    let mut rt = t.row("results_total");
    rt[0] = (rt[0].parse::<i64>().unwrap_or(0) + 4).to_string();
    rt[6] =
        (rt[6].parse::<i64>().unwrap_or(0) + 4 - before[6].parse::<i64>().unwrap_or(0)).to_string();
    for (i, c) in ["4", "", "", "", "", "", "4"].iter().enumerate() {
        t.set(&format!("requests.granted.{}", REQUEST_COLS[i].0), c);
    }
    let texts: Vec<(String, String)> = LAYOUTS
        .iter()
        .map(|l| (format!("{l:?}"), render(&rows(&t, ALL), *l)))
        .chain([(
            "pipes without spaces".to_string(),
            render(&rows(&t, ALL), Layout::Pipe).replace(" | ", "|"),
        )])
        .collect();
    for (layout, text) in texts {
        let r = check(&text);
        spans_exact(&text, &r);
        assert_eq!(int(&r, "requests.granted.natural"), 4, "{layout:?}");
        assert_eq!(int(&r, "requests.granted.total"), 4, "{layout:?}");
        for col in ["business", "research", "nonprofit", "legal", "other_org"] {
            assert_eq!(
                value(&r, &format!("requests.granted.{col}")),
                Value::Blank,
                "{layout:?} {col}"
            );
        }
        // Blanks are not zeros: the rules over them are reported unchecked.
        assert!(rules(&r, Severity::Error).is_empty() || r.verdict.status == Status::Errors);
        assert_eq!(r.cells.len(), 200, "{layout:?}: {:#?}", r.diagnostics);
    }
}

// ------------------------------------------------------------- long numbers

#[test]
fn a_twenty_digit_cell_keeps_its_row_and_the_rest_is_checked() {
    let mut t = tables();
    let long = "12345678901234567890";
    t.set("requests.granted.natural", long);
    // And a real balance error elsewhere: carried_out total off by one.
    let co = t.get("requests.carried_out.total");
    let wrong = co.parse::<i64>().unwrap_or(0) + 1;
    t.set("requests.carried_out.total", &wrong.to_string());
    for layout in LAYOUTS {
        let text = render(&rows(&t, ALL), layout);
        let r = check(&text);
        spans_exact(&text, &r);
        let c = r.cell("requests.granted.natural").expect("cell kept");
        assert_eq!((c.text.as_str(), &c.value), (long, &Value::TooLarge));
        assert_eq!(r.cells.len(), 200, "{layout:?}: {:#?}", r.diagnostics);
        assert!(rules(&r, Severity::Error).contains(&"value.too_large"));
        // The row total of 结转下年度 is still checked and its error found.
        let e = r
            .diagnostics
            .iter()
            .find(|d| d.rule == "requests.row_total")
            .unwrap_or_else(|| panic!("{layout:?}: {:#?}", r.diagnostics));
        assert_eq!(
            e.suspect.as_ref().map(|s| (s.cell.as_str(), s.expected)),
            Some(("requests.carried_out.total", wrong - 1))
        );
        assert_eq!(r.verdict.status, Status::Errors);
    }
}

#[test]
fn every_number_four_hundred_digits_long_is_still_a_table() {
    let mut t = tables();
    let long = "7".repeat(400);
    for (k, v) in t.cells.iter_mut() {
        if !k.starts_with("disclosure.fees") {
            *v = long.clone();
        }
    }
    for layout in [Layout::Pipe, Layout::Tabs, Layout::PerLine] {
        let text = render(&rows(&t, ALL), layout);
        let r = check(&text);
        spans_exact(&text, &r);
        assert!(r.tables.disclosure && r.tables.requests && r.tables.appeals);
        assert_eq!(r.cells.len(), 200, "{layout:?}: {:#?}", r.diagnostics);
        assert_eq!(value(&r, "requests.carried_out.total"), Value::TooLarge);
        assert_eq!(value(&r, "disclosure.licensing.decisions"), Value::TooLarge);
        assert!(rules(&r, Severity::Error).contains(&"value.too_large"));
        assert_eq!(r.verdict.status, Status::Errors);
    }
}

// ------------------------------------------------------------- partial reports

#[test]
fn table_three_alone_is_read_and_checked_and_the_others_named() {
    let mut t = tables();
    // One real error: 予以公开 natural off by two.
    let g = t
        .get("requests.granted.natural")
        .parse::<i64>()
        .unwrap_or(0);
    t.set("requests.granted.natural", &(g + 2).to_string());
    for layout in LAYOUTS {
        let only = Parts {
            disclosure: false,
            requests: true,
            appeals: false,
            ..ALL
        };
        // Only the table pasted: no prose, no other table.
        let text = render(&request_rows(&t, true), layout);
        let r = check(&text);
        spans_exact(&text, &r);
        assert!(r.tables.requests && !r.tables.disclosure && !r.tables.appeals);
        assert_eq!(
            r.cells
                .iter()
                .filter(|c| c.key.starts_with("requests."))
                .count(),
            25 * 7,
            "{layout:?}: {:#?}",
            r.diagnostics
        );
        assert_eq!(r.verdict.status, Status::Errors, "{layout:?}");
        assert!(r
            .mistakes
            .iter()
            .any(|m| m.cell.as_deref() == Some("requests.granted.natural")
                || m.cell.as_deref() == Some("requests.granted.total")));
        assert!(r.verdict.reasons.iter().any(|s| s.contains("表二")));
        assert!(r.verdict.reasons.iter().any(|s| s.contains("表四")));
        // A table pasted alone has no sections to miss.
        assert!(!rules(&r, Severity::Warning).contains(&"narrative.sections"));
        // With the prose and headings around it too.
        let text = render(&rows(&t, only), layout);
        let r = check(&text);
        assert_eq!(r.verdict.status, Status::Errors, "{layout:?}");
        assert!(!rules(&r, Severity::Warning).contains(&"narrative.sections"));
    }
}

#[test]
fn a_web_page_with_only_part_of_table_three_is_incomplete() {
    let t = tables();
    let all = request_rows(&t, true);
    // The page shows the headers and the first ten rows only.
    for layout in [Layout::Pipe, Layout::Html] {
        let text = render(&all[..3 + 10], layout);
        let r = check(&text);
        assert_eq!(r.verdict.status, Status::Incomplete, "{layout:?}");
        assert!(
            rules(&r, Severity::Error).is_empty(),
            "{:#?}",
            r.diagnostics
        );
        assert!(
            r.verdict.reasons.iter().any(|s| s.contains("表三")),
            "{:?} {:#?}",
            r.verdict,
            r.diagnostics
        );
    }
}

// ------------------------------------------------------------- headings

#[test]
fn heading_variants_are_no_false_alarm() {
    let t = tables();
    for six in [
        "六、其它需要报告的事项",
        "六．其他需要报告的事项",
        "六. 其他需要报告的事项",
        "六 、其 它 需要报告的事项",
        "六、其他需报告的事项",
    ] {
        for layout in LAYOUTS {
            let text = render(&rows(&t, Parts { six, ..ALL }), layout);
            let r = check(&text);
            assert!(
                r.diagnostics.is_empty(),
                "{six} {layout:?}: {:#?}",
                r.diagnostics
            );
            assert_eq!(r.verdict.status, Status::Clean);
        }
    }
    // Without section 六 at all, it is still said.
    let text = render(&rows(&t, Parts { six: "", ..ALL }), Layout::Tabs);
    let r = check(&text);
    assert!(rules(&r, Severity::Warning).contains(&"narrative.sections"));
}

// ------------------------------------------------------------- pre-2019 template

const OLD_REPORT: &str = "示例市交通局2016年政府信息公开工作年度报告

一、概述
2016年，我局认真贯彻《中华人民共和国政府信息公开条例》。

二、主动公开政府信息情况
表一 主动公开情况
| 指标 | 单位 | 数量 |
|---|---|---|
| 主动公开政府信息数 | 条 | 352 |
| 其中：全文电子化 | 条 | 352 |
| 政府公报公开 | 条 | 12 |

三、依申请公开政府信息情况
表二 依申请公开情况
| 指标 | 单位 | 数量 |
|---|---|---|
| 收到申请数 | 件 | 27 |
| 其中：当面申请 | 件 | 3 |
| 网上申请 | 件 | 20 |
| 信函申请 | 件 | 4 |
| 办结数 | 件 | 27 |
| 其中：同意公开 | 件 | 15 |
| 同意部分公开 | 件 | 4 |
| 不予公开 | 件 | 2 |
| 信息不存在 | 件 | 3 |
| 非本机关 | 件 | 2 |
| 申请内容不明确 | 件 | 1 |

四、政府信息公开的收费及减免情况
本年度未收取费用。

五、行政复议和诉讼情况
表三 行政复议和诉讼
| 指标 | 单位 | 数量 |
|---|---|---|
| 行政复议数量 | 件 | 1 |
| 其中：维持具体行政行为数 | 件 | 1 |
| 被纠错数 | 件 | 0 |
| 行政诉讼数量 | 件 | 0 |

六、存在的主要问题及改进措施
信息公开的及时性有待提高。
";

#[test]
fn a_pre_2019_report_is_told_so_and_not_checked() {
    // A 2018 report with only a few of the old rows, and one that cites the
    // 条例's 第二十条 in its prose.
    let short = "示例乡2018年政府信息公开工作年度报告\n一、概述\n本乡依法公开。\n三、依申请公开情况\n收到申请数\t2\n办结数\t2\n同意公开\t2\n";
    let cites = OLD_REPORT.replace("认真贯彻", "依照第二十条等规定，认真贯彻");
    for text in [
        OLD_REPORT.to_string(),
        OLD_REPORT.replace('|', "\t"),
        short.to_string(),
        cites,
    ] {
        let r = check(&text);
        assert!(r.cells.is_empty(), "{:#?}", r.cells);
        assert!(rules(&r, Severity::Error).is_empty());
        assert_eq!(r.verdict.status, Status::Incomplete);
        assert!(
            r.verdict
                .reasons
                .iter()
                .any(|s| s.contains("2019年以前的旧格式报告，不适用现行表格")),
            "{:?}",
            r.verdict
        );
        assert!(r
            .verdict
            .advice
            .as_deref()
            .is_some_and(|a| a.contains("2019年以前")));
    }
    // A 2021 report whose tables are missing (images) but whose prose uses
    // some of the old words is not taken for an old one.
    let current = OLD_REPORT.replace("2016年", "2021年");
    let r = check(&current);
    assert!(!r.verdict.reasons.iter().any(|s| s.contains("2019年以前")));
}

// ------------------------------------------------------------- digits run together

/// A web page's text that lost its cell borders: each row's label followed
/// by its values written together (`sep` between cells: "" or a space for
/// some), everything on one line, as in scraped pages.
fn run_together(t: &Tables, sep: &dyn Fn(&str, usize) -> &'static str) -> String {
    let mut o = String::from("示例区2020年政府信息公开工作年度报告 一、总体情况 本区认真落实条例。二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数");
    for r in &model::DISCLOSURE_V2021 {
        o.push_str(r.label);
        for (col, _, _) in r.cols {
            o.push(' ');
            o.push_str(&t.get(&format!("disclosure.{}.{col}", r.key)));
        }
    }
    o.push_str("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他");
    let mut last_group = "";
    for row in v2021_rows() {
        if row.key == "granted" {
            o.push_str("三、本年度办理结果");
        }
        if row.group != last_group && !row.group.is_empty() {
            o.push_str(row.group);
        }
        last_group = row.group;
        o.push_str(row.label);
        for (i, v) in t.row(row.key).iter().enumerate() {
            if i > 0 {
                o.push_str(sep(row.key, i));
            }
            o.push_str(v);
        }
    }
    o.push_str("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计");
    for k in model::appeal_keys() {
        o.push_str(&t.get(k));
    }
    o.push_str(" 五、存在的主要问题及改进情况 人员不足。六、其他需要报告的事项 无。");
    o
}

fn split_notes(r: &Report) -> Vec<&str> {
    r.diagnostics
        .iter()
        .filter(|d| d.rule == "text.run_together_digits")
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn runs_are_split_by_the_rows_totals_with_one_note_per_table() {
    let t = tables();
    let text = run_together(&t, &|_, _| "");
    let r = check(&text);
    spans_exact(&text, &r);
    assert_eq!(r.cells.len(), 200, "{:#?}", r.diagnostics);
    for row in v2021_rows() {
        assert_eq!(
            row_ints(&r, row.key),
            t.row(row.key)
                .iter()
                .map(|v| v.parse::<i64>().unwrap_or(-1))
                .collect::<Vec<_>>(),
            "{}",
            row.key
        );
    }
    let notes = split_notes(&r);
    // One for table 三 (all 25 rows), one for table 四.
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(
        notes[0].starts_with("表三 25 行数字粘连，已按合计拆分"),
        "{}",
        notes[0]
    );
    assert_eq!(r.verdict.status, Status::Clean, "{:#?}", r.diagnostics);
}

#[test]
fn seven_digits_for_seven_cells_split_even_when_the_total_breaks() {
    let mut t = tables();
    // 予以公开 written 1,0,0,0,0,0 with total 2: “1000002”, one way only.
    t.set_row("granted", [1, 0, 0, 0, 0, 0, 2]);
    let mut rt: Vec<i64> = t
        .row("results_total")
        .iter()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    let g: Vec<i64> = tables()
        .row("granted")
        .iter()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    // Keep the column sums right for the six columns (only the row's own total is wrong).
    rt[0] += 1 - g[0];
    rt[6] += 1 - g[6];
    let mut rec: Vec<i64> = t
        .row("received")
        .iter()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    rec[0] += 1 - g[0];
    rec[6] += 1 - g[6];
    t.set_row("results_total", rt.clone().try_into().unwrap_or([0; 7]));
    t.set_row("received", rec.try_into().unwrap_or([0; 7]));
    assert_eq!(t.row("granted").concat(), "1000002");
    let text = run_together(&t, &|_, _| "");
    let r = check(&text);
    assert_eq!(row_ints(&r, "granted"), vec![1, 0, 0, 0, 0, 0, 2]);
    let e: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].rule, "requests.row_total");
    assert_eq!(
        e[0].suspect.as_ref().map(|s| (s.cell.as_str(), s.expected)),
        Some(("requests.granted.total", 1))
    );
    let notes = split_notes(&r);
    assert_eq!(notes.len(), 2);
    assert!(notes[0].contains("「（一）予以公开」1、0、0、0、0、0、2（恰好 7 位数字"));
    assert_eq!(r.verdict.status, Status::Errors);
}

#[test]
fn a_run_glued_to_the_next_items_number_keeps_its_last_cell() {
    let mut t = tables();
    t.set_row("unable_none", [3, 0, 0, 0, 0, 0, 3]);
    let mut fix = |row: &str| {
        let mut v: Vec<i64> = t.row(row).iter().map(|v| v.parse().unwrap_or(0)).collect();
        let old: Vec<i64> = tables()
            .row("unable_none")
            .iter()
            .map(|v| v.parse().unwrap_or(0))
            .collect();
        for (c, d) in [3, 0, 0, 0, 0, 0, 3].iter().enumerate() {
            v[c] += d - old[c];
        }
        t.set_row(row, v.try_into().unwrap_or([0; 7]));
    };
    fix("results_total");
    fix("received");
    // Cells spaced, but the last one glued to “2.没有现成信息…”: “… 0 32.没有”.
    let text = run_together(&t, &|_, _| " ");
    assert!(text.contains("0 32.没有现成信息"), "{text}");
    let r = check(&text);
    assert_eq!(row_ints(&r, "unable_none"), vec![3, 0, 0, 0, 0, 0, 3]);
    assert_eq!(r.cells.len(), 200, "{:#?}", r.diagnostics);
    assert_eq!(r.verdict.status, Status::Clean, "{:#?}", r.diagnostics);
    // And with no spaces at all: “300000032.没有”.
    let text = run_together(&t, &|_, _| "");
    assert!(text.contains("30000032.没有现成信息"), "{text}");
    let r = check(&text);
    assert_eq!(row_ints(&r, "unable_none"), vec![3, 0, 0, 0, 0, 0, 3]);
    assert_eq!(r.verdict.status, Status::Clean, "{:#?}", r.diagnostics);
}

/// Change a row of the generated tables and keep the table consistent by
/// moving the difference into results_total and received.
fn with_row(t: &mut Tables, row: &str, vals: [i64; 7]) {
    let old: Vec<i64> = t.row(row).iter().map(|v| v.parse().unwrap_or(0)).collect();
    t.set_row(row, vals);
    for fix in ["results_total", "received"] {
        let mut v: Vec<i64> = t.row(fix).iter().map(|v| v.parse().unwrap_or(0)).collect();
        for c in 0..7 {
            v[c] += vals[c] - old[c];
        }
        t.set_row(fix, v.try_into().unwrap_or([0; 7]));
    }
}

#[test]
fn a_run_two_splits_fit_is_decided_by_the_column_totals() {
    let mut t = tables();
    // “110000011”: 1,10,0,0,0,0,11 or 11,0,0,0,0,0,11 — the row's own total
    // cannot tell; the results total of each column can.
    with_row(&mut t, "granted", [1, 10, 0, 0, 0, 0, 11]);
    assert_eq!(t.row("granted").concat(), "110000011");
    let text = run_together(&t, &|_, _| "");
    let r = check(&text);
    assert_eq!(row_ints(&r, "granted"), vec![1, 10, 0, 0, 0, 0, 11]);
    assert_eq!(r.verdict.status, Status::Clean, "{:#?}", r.diagnostics);
    assert_eq!(split_notes(&r).len(), 2);
}

#[test]
fn runs_the_whole_table_cannot_decide_are_shown_as_alternatives() {
    let mut t = tables();
    // Two rows that can swap their splits without changing any column sum.
    with_row(&mut t, "granted", [1, 10, 0, 0, 0, 0, 11]);
    with_row(&mut t, "partial", [11, 0, 0, 0, 0, 0, 11]);
    let text = run_together(&t, &|_, _| "");
    let r = check(&text);
    assert!(r.cell("requests.granted.natural").is_none());
    assert!(r.cell("requests.partial.natural").is_none());
    let alt: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "tables.incomplete" && d.message.contains("种拆法"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(alt.len(), 2, "{:#?}", r.diagnostics);
    assert!(alt[0].contains("1、10、0、0、0、0、11") && alt[0].contains("11、0、0、0、0、0、11"));
    assert!(
        rules(&r, Severity::Error).is_empty(),
        "{:#?}",
        r.diagnostics
    );
    assert_eq!(r.verdict.status, Status::Incomplete);
}

// ------------------------------------------------------------- OCR'd markdown

/// An OCR'd report in markdown: one pipe row per table row, the headers
/// read as 数据1…数据N, the group label in the row's first cell, and the
/// header row repeated in the middle of table 三 (a page break).
fn ocr_markdown(t: &Tables, stray: &[&str]) -> String {
    ocr_markdown_with(t, stray, "数据")
}

/// As `ocr_markdown`, the header cells read as `{word}{i}`.
fn ocr_markdown_with(t: &Tables, stray: &[&str], word: &str) -> String {
    let mut o = String::from("# 示例镇2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本镇认真贯彻条例。\n\n## 二、主动公开政府信息情况\n\n");
    let heads = [
        ("第二十条第（一）项", 0..2, 3),
        ("第二十条第（五）项", 2..3, 1),
        ("第二十条第（六）项", 3..5, 1),
        ("第二十条第（八）项", 5..6, 1),
    ];
    for (h, range, n) in heads {
        o.push_str(&format!(
            "| {h} |{}\n|{}\n",
            " |".repeat(n),
            "---|".repeat(n + 1)
        ));
        o.push_str(&format!(
            "| 信息内容 |{}\n",
            (1..=n).map(|i| format!(" {word}{i} |")).collect::<String>()
        ));
        for r in &model::DISCLOSURE_V2021[range] {
            o.push_str(&format!("| {} |", r.label));
            for (col, _, _) in r.cols {
                o.push_str(&format!(
                    " {} |",
                    t.get(&format!("disclosure.{}.{col}", r.key))
                ));
            }
            o.push('\n');
        }
        o.push('\n');
    }
    o.push_str("## 三、收到和处理政府信息公开申请情况\n\n");
    let header = format!(
        "| 项目 |{}\n|{}\n",
        (1..=7).map(|i| format!(" {word}{i} |")).collect::<String>(),
        "---|".repeat(8)
    );
    o.push_str(&header);
    let mut last_group = "";
    for row in v2021_rows() {
        let mut label = String::new();
        if row.key == "granted" {
            label.push_str("三、本年度办理结果 ");
        }
        if row.group != last_group && !row.group.is_empty() {
            label.push_str(row.group);
            label.push(' ');
        }
        last_group = row.group;
        label.push_str(row.label);
        o.push_str(&format!("| {label} | {} |\n", t.row(row.key).join(" | ")));
        if stray.contains(&row.key) {
            o.push_str(&header);
        }
    }
    o.push_str("\n## 四、政府信息公开行政复议、行政诉讼情况\n\n");
    o.push_str(&format!(
        "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|{}\n",
        "---|".repeat(15)
    ));
    o.push_str(&format!(
        "|{}\n",
        (1..=15)
            .map(|i| format!(" {word}{i} |"))
            .collect::<String>()
    ));
    let vals: Vec<String> = model::appeal_keys().iter().map(|k| t.get(k)).collect();
    o.push_str(&format!("| {} |\n", vals.join(" | ")));
    o.push_str(
        "\n## 五、存在的主要问题及改进情况\n\n人员不足。\n\n## 六、其他需要报告的事项\n\n无。\n",
    );
    o
}

/// As `ocr_markdown`, with the table's own header row (in words) repeated
/// after row `at`, as a page break leaves it.
fn ocr_markdown_words(t: &Tables, at: &str) -> String {
    let header = "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n";
    let text = ocr_markdown(t, &[]);
    let row = v2021_rows()
        .into_iter()
        .find(|r| r.key == at)
        .map(|r| r.label)
        .unwrap_or("");
    let line_start = text
        .find(row)
        .and_then(|i| text[..i].rfind('\n'))
        .unwrap_or(0);
    let line_end = text[line_start + 1..]
        .find('\n')
        .map(|e| line_start + 1 + e + 1)
        .unwrap_or(text.len());
    format!("{}{header}{}", &text[..line_end], &text[line_end..])
}

#[test]
fn an_ocr_markdown_report_a_person_can_read_is_read() {
    let t = tables();
    for stray in [
        &[][..],
        &["denied_query"][..],
        &["partial", "refused_confirm"][..],
    ] {
        let text = ocr_markdown(&t, stray);
        let r = check(&text);
        spans_exact(&text, &r);
        assert_eq!(r.cells.len(), 200, "{stray:?}: {:#?}", r.diagnostics);
        assert_eq!(row_ints(&r, "unable_none"), {
            t.row("unable_none")
                .iter()
                .map(|v| v.parse::<i64>().unwrap_or(-1))
                .collect::<Vec<_>>()
        });
        assert_eq!(int(&r, "appeals.suit_direct.total"), 2);
        assert_eq!(
            r.verdict.status,
            Status::Clean,
            "{stray:?}: {:#?}",
            r.diagnostics
        );
    }
    // Other words OCR puts in header cells.
    // A page break (its header repeated in words) anywhere in table 三.
    for at in [
        "received",
        "other_overdue_fee",
        "other_misc",
        "results_total",
    ] {
        let text = ocr_markdown_words(&t, at);
        let r = check(&text);
        assert_eq!(r.cells.len(), 200, "{at}: {:#?}", r.diagnostics);
        assert_eq!(
            r.verdict.status,
            Status::Clean,
            "{at}: {:#?}",
            r.diagnostics
        );
    }
    for word in ["数据 ", "Column ", "列", "栏"] {
        let text = ocr_markdown_with(&t, &["granted"], word);
        let r = check(&text);
        assert_eq!(r.cells.len(), 200, "{word}: {:#?}", r.diagnostics);
        assert_eq!(
            r.verdict.status,
            Status::Clean,
            "{word}: {:#?}",
            r.diagnostics
        );
    }
    // An error in it is found and located.
    let mut bad = t.clone();
    bad.set("requests.carried_out.natural", "5");
    let r = check(&ocr_markdown(&bad, &["denied_query"]));
    assert_eq!(r.verdict.status, Status::Errors);
    assert!(r
        .mistakes
        .iter()
        .any(|m| m.cell.as_deref() == Some("requests.carried_out.natural")));
}

// ------------------------------------------------------------- labels apart from their numbers

/// A PDF-to-markdown conversion that split label cells from value rows:
/// rows listed in `after` have their label on the line after their numbers;
/// the groups in `stacked` have all their value rows first, then all their
/// labels stacked.
fn converter_markdown(t: &Tables, after: &[&str], stacked: &[&str]) -> String {
    let mut o = String::from("示例街道2024年政府信息公开工作年度报告\n\n一、总体情况\n\n本街道认真贯彻条例。\n\n二、主动公开政府信息情况\n\n| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n");
    for r in &model::DISCLOSURE_V2021 {
        o.push_str(&format!("| {} |", r.label));
        for (col, _, _) in r.cols {
            o.push_str(&format!(
                " {} |",
                t.get(&format!("disclosure.{}.{col}", r.key))
            ));
        }
        o.push('\n');
    }
    o.push_str("\n三、收到和处理政府信息公开申请情况\n\n| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n");
    let rows = v2021_rows();
    let empty = " |".repeat(7);
    let mut i = 0;
    while i < rows.len() {
        let row = rows[i];
        let vals = |k: &str| format!("| | {} |\n", t.row(k).join(" | "));
        if !row.group.is_empty() && stacked.contains(&row.group) {
            let group: Vec<&model::Row> = rows[i..]
                .iter()
                .take_while(|r| r.group == row.group)
                .copied()
                .collect();
            for r in &group {
                o.push_str(&vals(r.key));
            }
            o.push_str(&format!("| {} |{empty}\n", row.group));
            for r in &group {
                o.push_str(&format!("| {} |{empty}\n", r.label));
            }
            i += group.len();
            continue;
        }
        if after.contains(&row.key) {
            o.push_str(&vals(row.key));
            o.push_str(&format!("| {} |{empty}\n", row.label));
        } else {
            o.push_str(&format!(
                "| {} | {} |\n",
                row.label,
                t.row(row.key).join(" | ")
            ));
        }
        i += 1;
    }
    o.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n\n| 行政复议 | | | | | 行政诉讼 |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n");
    let vals: Vec<String> = model::appeal_keys().iter().map(|k| t.get(k)).collect();
    o.push_str(&format!("| {} |\n", vals.join(" | ")));
    o.push_str("\n五、存在的主要问题及改进情况\n\n人员不足。\n\n六、其它需要报告的事项\n\n无。\n");
    o
}

#[test]
fn labels_split_from_their_numbers_are_read_by_order_and_said() {
    let t = tables();
    let cases: [(&[&str], &[&str]); 3] = [
        (&["received", "granted", "carried_out"], &[]),
        (&[], &["（三）不予公开", "（五）不予处理"]),
        (
            &["carried_in", "results_total"],
            &["（四）无法提供", "（六）其他处理"],
        ),
    ];
    for (after, stacked) in cases {
        let text = converter_markdown(&t, after, stacked);
        let r = check(&text);
        spans_exact(&text, &r);
        for row in v2021_rows() {
            assert_eq!(
                row_ints(&r, row.key),
                t.row(row.key)
                    .iter()
                    .map(|v| v.parse::<i64>().unwrap_or(-1))
                    .collect::<Vec<_>>(),
                "{after:?} {stacked:?} {}: {:#?}",
                row.key,
                r.diagnostics
            );
        }
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("已按表格行序逐行读取全部 25 行")),
            "{:#?}",
            r.diagnostics
        );
        assert_eq!(r.verdict.status, Status::Clean, "{:#?}", r.diagnostics);
    }
    // A real error in such a table is still found, with its suspect.
    let mut bad = t.clone();
    bad.set("requests.unable_none.total", "9");
    let r = check(&converter_markdown(&bad, &[], &["（四）无法提供"]));
    assert_eq!(r.verdict.status, Status::Errors, "{:#?}", r.diagnostics);
    assert!(r
        .mistakes
        .iter()
        .any(|m| m.cell.as_deref() == Some("requests.unable_none.total")));
    // One value row too few: not read by order (no guessing).
    let text = converter_markdown(&t, &[], &["（三）不予公开"]);
    let cut = text.replacen(
        &format!("| | {} |\n", t.row("denied_law").join(" | ")),
        "",
        1,
    );
    assert_ne!(cut, text);
    let r = check(&cut);
    assert_ne!(r.verdict.status, Status::Clean);
    assert!(!r
        .diagnostics
        .iter()
        .any(|d| d.message.contains("已按表格行序逐行读取")));
}

// ------------------------------------------------------------- text copied out of a PDF viewer

/// Text as a PDF viewer copies it: each cell on its own line, but a block of
/// rows streamed column by column, their labels stacked after the numbers.
fn pdf_viewer(t: &Tables) -> String {
    pdf_viewer_block(t, 2..v2021_rows().len())
}

/// As `pdf_viewer`, with only the rows in `block` streamed apart.
fn pdf_viewer_block(t: &Tables, block: std::ops::Range<usize>) -> String {
    let mut o = String::from("示例区2023年政府信息公开工作年度报告\n一、总体情况\n本区认真贯彻条例。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n");
    for r in &model::DISCLOSURE_V2021 {
        o.push_str(&format!("{}\n\n", r.label));
        for (col, _, _) in r.cols {
            o.push_str(&format!(
                "{}\n\n",
                t.get(&format!("disclosure.{}.{col}", r.key))
            ));
        }
    }
    o.push_str("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n");
    let rows = v2021_rows();
    let plain = |o: &mut String, rows: &[&model::Row]| {
        for row in rows {
            o.push_str(&format!("{}\n\n", row.label));
            for v in t.row(row.key) {
                o.push_str(&format!("{v}\n\n"));
            }
        }
    };
    // Rows before the block as they should be.
    plain(&mut o, &rows[..block.start]);
    // The block: numbers column by column, then the labels.
    let streamed = &rows[block.clone()];
    for c in 0..7 {
        for row in streamed {
            o.push_str(&format!("{}\n", t.row(row.key)[c]));
        }
        o.push('\n');
    }
    for row in streamed {
        o.push_str(&format!("{}\n", row.label));
    }
    plain(&mut o, &rows[block.end..]);
    o.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n");
    o.push_str("五、存在的主要问题及改进情况\n人员不足。\n六、其他需要报告的事项\n无。\n");
    o
}

const PDF_ADVICE: &str = "这段文字像是从PDF阅读器复制的，表格的行列已经打乱；请直接把PDF文件拖进来（或打开原Word/WPS文件）。";

#[test]
fn text_copied_from_a_pdf_viewer_is_incomplete_with_plain_advice() {
    let text = pdf_viewer(&tables());
    let r = check(&text);
    assert!(
        rules(&r, Severity::Error).is_empty(),
        "{:#?}",
        r.diagnostics
    );
    assert!(!r.cells.iter().any(|c| c.key.starts_with("requests.")));
    assert_eq!(r.verdict.status, Status::Incomplete);
    assert_eq!(r.verdict.advice.as_deref(), Some(PDF_ADVICE));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "tables.incomplete" && d.message.contains("本表不做核对"))
        .expect("finding");
    assert_eq!(d.suggestion.as_deref(), Some(PDF_ADVICE));
    // No jargon anywhere.
    assert!(r
        .diagnostics
        .iter()
        .all(|d| !format!("{}{:?}", d.message, d.suggestion).contains("pdftotext")));
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn hongze_2023_copied_from_a_pdf_viewer() {
    let Some(text) = corpus("hongze-2023.pdftotext-raw.txt") else {
        panic!(
            "the corpus is missing a file this test needs (hongze_2023_copied_from_a_pdf_viewer)"
        );
    };
    let r = check(&text);
    assert_eq!(r.verdict.status, Status::Incomplete);
    assert_eq!(r.verdict.advice.as_deref(), Some(PDF_ADVICE));
    assert!(rules(&r, Severity::Error).is_empty());
    assert!(r
        .diagnostics
        .iter()
        .all(|d| !format!("{}{:?}", d.message, d.suggestion).contains("pdftotext")));
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn pingtan_2020_runs_one_note_and_the_real_error() {
    let Some(text) = corpus("pingtan-2020.scraped-text.txt") else {
        panic!("the corpus is missing a file this test needs (pingtan_2020_runs_one_note_and_the_real_error)");
    };
    let r = check(&text);
    spans_exact(&text, &r);
    let rt: Vec<(Option<i64>, Option<i64>)> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "requests.results_total")
        .map(|d| (d.expected, d.actual))
        .collect();
    assert_eq!(rt, vec![(Some(26), Some(20)), (Some(27), Some(21))]);
    assert_eq!(r.verdict.status, Status::Errors);
    // One note per table (表三: 22 rows run together, （六） was spaced),
    // instead of one per row (23 before).
    let notes = split_notes(&r);
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert_eq!(
        notes[0],
        "表二 1 行数字粘连，已拆分（只有这一种拆法）：「规章」0、0、7。"
    );
    assert!(
        notes[1].starts_with("表三 22 行数字粘连，已按合计拆分："),
        "{}",
        notes[1]
    );
    assert!(notes[1].contains("「（一）予以公开」6、0、0、0、0、1、7"));
    assert!(notes[2].starts_with("表四"));
    // Runs in table 二 that split several ways are said as such, not read.
    assert!(!r
        .cells
        .iter()
        .any(|c| c.key.starts_with("disclosure.normative_docs.")));
    assert_eq!(int(&r, "disclosure.regulations.total_published"), 7);
    assert!(r.diagnostics.iter().any(|d| d.message
        == "表二「规范性文件」的数字连在一起（7777166），拆成 3 格的方法不止一种，本行未读取。"));
    assert_eq!(row_ints(&r, "unable_unclear"), vec![3, 0, 0, 0, 0, 0, 3]);
    assert_eq!(row_ints(&r, "results_total"), vec![20, 0, 0, 0, 0, 1, 21]);
}

#[test]
#[cfg_attr(
    not(xxgk_corpus),
    ignore = "needs the real-report corpus: set XXGK_CORPUS=… or place it at ../shared/corpus"
)]
fn clean_corpus_reports_gain_no_finding() {
    let cases: [(&str, &[&str]); 7] = [
        ("seed-000_1969cc7526291166.txt", &[]),
        // Its 六 says only “无其他需要报告的事项”: 信息处理费 is not stated.
        (
            "seed-002_1f2f97cfe36f738a.txt",
            &["text.processing_fee_missing"],
        ),
        ("seed-003_924043a2ff6d2acf.txt", &[]),
        ("seed-004_f97d988c963e3b8a.txt", &[]),
        (
            "hongze-2024.pdftotext-layout.txt",
            &["narrative.mismatch", "format.single_other_row"],
        ),
        ("huaian-2024.pdftotext-layout.txt", &[]),
        ("city-2025.html", &[]),
    ];
    for (name, today) in cases {
        let Some(text) = corpus(name) else {
            panic!("the corpus is missing a file this test needs (clean_corpus_reports_gain_no_finding)");
        };
        let r = check(&text);
        let got: Vec<&str> = r.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(got, today.to_vec(), "{name}");
        assert_eq!(r.verdict.status, Status::Clean, "{name}");
        assert_eq!(
            r.cells.len(),
            if name.starts_with("hongze") { 186 } else { 200 }
        );
    }
}

#[test]
fn label_variants_are_read_as_the_labels() {
    let t = tables();
    for layout in LAYOUTS {
        let text = render(&rows(&t, ALL), layout)
            .replace("3.其他", "3．其它")
            .replace("（一）予以公开", "（一） 予以公开")
            .replace("（七）总计", "(七)合 计")
            .replace("1.属于国家秘密", "１．属于国家秘密")
            .replace("2.其他法律行政法规禁止公开", "2、其它法律行政法规禁止公开")
            .replace("四、结转下年度继续办理", "四．结转下年度继续办理")
            .replace("六、其他需要报告的事项", "六、其它需要报告的事项");
        let r = check(&text);
        spans_exact(&text, &r);
        assert_eq!(r.cells.len(), 200, "{layout:?}: {:#?}", r.diagnostics);
        assert!(r.diagnostics.is_empty(), "{layout:?}: {:#?}", r.diagnostics);
        assert_eq!(r.verdict.status, Status::Clean);
        assert_eq!(
            r.cell("requests.other_misc.natural")
                .map(|c| c.text.as_str()),
            Some(t.get("requests.other_misc.natural").as_str())
        );
    }
}

#[test]
fn table_four_run_of_exactly_fifteen_digits_is_split_and_its_error_found() {
    let mut t = tables();
    // 行政复议: 1,0,0,0 with total 2 — written together with the rest.
    t.set("appeals.review.total", "2");
    let text = run_together(&t, &|_, _| "");
    let r = check(&text);
    assert_eq!(int(&r, "appeals.review.total"), 2);
    assert_eq!(int(&r, "appeals.suit_direct.total"), 2);
    let e: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].rule, "appeals.group_total");
    assert!(split_notes(&r)
        .iter()
        .any(|n| n.starts_with("表四") && n.contains("只有这一种拆法")));
}

#[test]
fn every_shape_cut_anywhere_never_panics_and_keeps_spans() {
    let t = tables();
    let mut texts: Vec<String> = LAYOUTS.iter().map(|l| render(&rows(&t, ALL), *l)).collect();
    texts.push(run_together(&t, &|_, _| ""));
    texts.push(ocr_markdown(&t, &["denied_query"]));
    texts.push(converter_markdown(&t, &["received"], &["（三）不予公开"]));
    texts.push(pdf_viewer(&t));
    texts.push(OLD_REPORT.to_string());
    for text in &texts {
        let bounds: Vec<usize> = (0..text.len())
            .filter(|i| text.is_char_boundary(*i))
            .step_by(97)
            .collect();
        for &cut in &bounds {
            for piece in [&text[..cut], &text[cut..]] {
                let r = check(piece);
                spans_exact(piece, &r);
            }
        }
    }
}

#[test]
fn part_of_a_table_streamed_apart_gets_the_pdf_viewer_advice() {
    let t = tables();
    // The three rows of （四）无法提供 streamed apart; the rest in order.
    let text = pdf_viewer_block(&t, 12..15);
    let r = check(&text);
    assert_eq!(r.verdict.status, Status::Incomplete, "{:#?}", r.diagnostics);
    assert_eq!(r.verdict.advice.as_deref(), Some(PDF_ADVICE));
    assert!(
        rules(&r, Severity::Error).is_empty(),
        "{:#?}",
        r.diagnostics
    );
    // What was in order was read.
    assert_eq!(row_ints(&r, "received").len(), 7);
    assert!(r.cell("requests.denied_secret.total").is_some());
    assert!(r.cell("requests.refused_repeat.total").is_some());
    assert!(r.cell("requests.unable_none.total").is_none());
}

#[test]
fn a_run_no_split_of_fits_is_said_so() {
    let mut t = tables();
    // “10000003”: the only split, 10,0,0,0,0,0,3, breaks the row's total,
    // and eight digits for seven cells is no forced split.
    with_row(&mut t, "partial", [10, 0, 0, 0, 0, 0, 10]);
    t.set("requests.partial.total", "3");
    let text = run_together(&t, &|_, _| "");
    assert!(text.contains("（二）部分公开10000003"));
    let r = check(&text);
    assert!(r.cell("requests.partial.natural").is_none());
    assert!(r.diagnostics.iter().any(|d| d.message
        == "表三「（二）部分公开」行的数字连在一起（10000003），没有一种拆成 7 格的方法能让本行合计相符，本行无法核对。"));
    assert_ne!(r.verdict.status, Status::Clean);
}

#[test]
fn blank_totals_in_the_project_generators_layouts() {
    use gen::Layout as L;
    for (layout, seed) in [
        (L::PipePerLine, 21),
        (L::Tabs, 22),
        (L::Markdown, 23),
        (L::Html, 24),
        (L::BlankLines, 25),
    ] {
        let mut t = gen::random(xxgk_validator::Version::V2021, false, seed);
        t.fill_totals();
        for k in [
            "requests.granted.total",
            "requests.carried_out.total",
            "appeals.review.total",
        ] {
            t.print_as(k, "");
        }
        let p = gen::Prose {
            body: "示例县教育局".into(),
            year: 2023,
        };
        let text = gen::render(&gen::rows(&t, &p), layout);
        let r = check(&text);
        spans_exact(&text, &r);
        for k in [
            "requests.granted.total",
            "requests.carried_out.total",
            "appeals.review.total",
        ] {
            assert_eq!(value(&r, k), Value::Blank, "{layout:?} {k}");
        }
        // Each blank total is said (as blank_total when its parts add to
        // more than zero, else among the rules that could not be checked).
        let said: Vec<&str> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "value.blank_total")
            .flat_map(|d| d.cells.iter().map(String::as_str))
            .collect();
        for k in ["requests.granted.total", "requests.carried_out.total"] {
            assert!(said.contains(&k), "{layout:?} {k}: {:#?}", r.diagnostics);
        }
        assert_ne!(r.verdict.status, Status::Clean);
        assert_eq!(r.cells.len(), 200, "{layout:?}");
        assert_eq!(
            int(&r, "requests.granted.natural"),
            t.get("requests.granted.natural"),
            "{layout:?}"
        );
    }
}

/// Whatever is read is what was written: in every layout of the project's
/// generator, with one cell (any cell of 表三 or 表四) left blank, no cell
/// is read with another value, and the blank is never read as a number.
#[test]
fn a_blank_cell_anywhere_is_never_misread() {
    use xxgk_validator::Version;
    let mut misread = Vec::new();
    let mut unread = Vec::new();
    for seed in 0..24u64 {
        for (li, layout) in gen::LAYOUTS.iter().enumerate() {
            let version = if seed % 3 == 0 {
                Version::V2019
            } else {
                Version::V2021
            };
            let mut t = gen::random(version, version == Version::V2019, seed * 7 + li as u64);
            t.fill_totals();
            let keys: Vec<String> = t
                .cells
                .iter()
                .map(|c| c.0.clone())
                .filter(|k| k.starts_with("requests.") || k.starts_with("appeals."))
                .collect();
            let k = keys[(seed as usize * 13 + li * 5) % keys.len()].clone();
            t.print_as(&k, "");
            let p = gen::Prose {
                body: "示例县人民政府".into(),
                year: 2023,
            };
            let text = gen::render(&gen::rows(&t, &p), *layout);
            let r = check(&text);
            for c in &r.cells {
                let want = t.printed_value(&c.key);
                let got = c.value.as_f64();
                let same = match (want, got) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    (None, None) => true,
                    _ => false,
                };
                if !same {
                    misread.push(format!(
                        "{layout:?} seed {seed} blank {k}: {} read {:?}",
                        c.key, c.value
                    ));
                }
            }
            assert!(
                r.verdict.status != Status::Clean,
                "{layout:?} seed {seed}: a blank {k} cannot be clean"
            );
            // Where the layout shows an empty cell, it is read as one.
            if !matches!(layout, gen::Layout::PdfText)
                && r.cell(&k).map(|c| &c.value) != Some(&Value::Blank)
            {
                unread.push(format!("{layout:?} seed {seed}: {k}"));
            }
        }
    }
    assert!(misread.is_empty(), "{misread:#?}");
    assert!(unread.is_empty(), "{unread:#?}");
}

#[test]
fn table_three_alone_in_every_layout_of_the_project_generator() {
    for (seed, layout) in gen::LAYOUTS.iter().enumerate() {
        let mut t = gen::random(xxgk_validator::Version::V2021, false, 40 + seed as u64);
        t.fill_totals();
        let p = gen::Prose {
            body: "示例县人民政府".into(),
            year: 2023,
        };
        let only: Vec<gen::Row> = gen::rows(&t, &p)
            .into_iter()
            .filter(|r| r.part == gen::Part::Requests)
            .collect();
        let text = gen::render(&only, *layout);
        let r = check(&text);
        spans_exact(&text, &r);
        let n = r
            .cells
            .iter()
            .filter(|c| c.key.starts_with("requests."))
            .count();
        assert_eq!(n, 175, "{layout:?}: {:#?}", r.diagnostics);
        assert_eq!(
            int(&r, "requests.results_total.total"),
            t.get("requests.results_total.total")
        );
        assert!(
            rules(&r, Severity::Error).is_empty(),
            "{layout:?}: {:#?}",
            r.diagnostics
        );
        assert!(
            rules(&r, Severity::Warning).is_empty(),
            "{layout:?}: {:#?}",
            r.diagnostics
        );
        assert_eq!(r.verdict.status, Status::Incomplete);
        assert!(r.verdict.reasons.iter().any(|s| s.contains("没有读到表二")));
        assert!(r.verdict.reasons.iter().any(|s| s.contains("没有读到表四")));
    }
}

/// A sparse table: every zero of 表三 and 表四 left empty, as some offices
/// print them. Every layout that shows empty cells reads them as blanks.
#[test]
fn a_table_whose_zeros_are_left_empty_is_read_cell_for_cell() {
    use gen::Layout as L;
    for (seed, layout) in [L::PipePerLine, L::Tabs, L::BlankLines, L::Markdown, L::Html]
        .iter()
        .enumerate()
    {
        let mut t = gen::random(xxgk_validator::Version::V2021, false, 60 + seed as u64);
        t.fill_totals();
        // (Known limit: in tab-separated text whose lines end in a tab, an
        // empty first cell of 表四's value line, which has no label before
        // it, cannot be told from no cell; 表四 keeps its numbers there.)
        let appeals = !matches!(layout, L::Tabs);
        let zeros: Vec<String> = t
            .cells
            .iter()
            .filter(|c| {
                c.1 == 0
                    && (c.0.starts_with("requests.") || (appeals && c.0.starts_with("appeals.")))
            })
            .map(|c| c.0.clone())
            .collect();
        assert!(zeros.len() > 20);
        for k in &zeros {
            t.print_as(k, "");
        }
        let p = gen::Prose {
            body: "示例县人民政府".into(),
            year: 2023,
        };
        let text = gen::render(&gen::rows(&t, &p), *layout);
        let r = check(&text);
        spans_exact(&text, &r);
        assert_eq!(r.cells.len(), 200, "{layout:?}: {:#?}", r.diagnostics);
        for k in &zeros {
            assert_eq!(value(&r, k), Value::Blank, "{layout:?} {k}");
        }
        assert_eq!(
            int(&r, "requests.received.total"),
            t.get("requests.received.total")
        );
        assert!(!rules(&r, Severity::Error)
            .iter()
            .any(|rule| !rule.starts_with("value.blank")));
    }
}
