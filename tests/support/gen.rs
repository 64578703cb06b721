//! The project's own report generator, shared by tests/properties.rs,
//! tests/fixtures.rs and `cargo run --example make-fixtures`.
//!
//! A [`Tables`] holds every cell of the three statistical tables as the
//! publisher meant it (the truth) and, where a fixture plants a mistake, what
//! was printed instead. [`rows`] lays the tables out with synthetic prose (our
//! own sentences, never a real report's text) in the statutory order, and
//! [`render`] writes those rows in one of the layouts people paste: one cell
//! per line with `|`, tabs, blank lines, `pdftotext -layout` (space-aligned,
//! wrapped labels, page footers), markdown from a PDF converter, and HTML with
//! rowspan/colspan.
#![allow(dead_code)]

use xxgk_validator::model::{
    appeal_keys, disclosure_rows, Version, APPEAL_COLS, APPEAL_GROUPS, REQUEST_COLS, REQUEST_ROWS,
};

/// Money cells hold hundredths (1.5 万元 is 150).
pub fn is_money(key: &str) -> bool {
    key.ends_with(".amount")
}

/// All cells of one report, in table order: key, the value meant, and the
/// text printed when it is not simply the value.
#[derive(Clone, Debug)]
pub struct Tables {
    pub version: Version,
    /// v2021 with （六）其他处理 as one row (as some real reports print it).
    pub single_other: bool,
    pub cells: Vec<(String, i64)>,
    /// Printed text instead of the value (“+170”, “28204万元”, “不详”, “”).
    pub text: Vec<(String, String)>,
}

/// The request rows a layout prints, in order.
pub fn request_rows(version: Version, single_other: bool) -> Vec<&'static str> {
    let single = version == Version::V2019 || single_other;
    REQUEST_ROWS
        .iter()
        .map(|r| r.key)
        .filter(|k| {
            if single {
                !k.starts_with("other_")
            } else {
                *k != "other"
            }
        })
        .collect()
}

impl Tables {
    /// Every cell zero.
    pub fn zero(version: Version, single_other: bool) -> Tables {
        let mut cells = Vec::new();
        for row in disclosure_rows(version) {
            for (col, _, _) in row.cols {
                cells.push((format!("disclosure.{}.{col}", row.key), 0));
            }
        }
        for row in request_rows(version, single_other) {
            for (col, _) in REQUEST_COLS {
                cells.push((format!("requests.{row}.{col}"), 0));
            }
        }
        for k in appeal_keys() {
            cells.push((k.clone(), 0));
        }
        Tables {
            version,
            single_other,
            cells,
            text: Vec::new(),
        }
    }

    pub fn get(&self, k: &str) -> i64 {
        self.cells
            .iter()
            .find(|c| c.0 == k)
            .map(|c| c.1)
            .unwrap_or(-1)
    }

    pub fn set(&mut self, k: &str, v: i64) {
        match self.cells.iter_mut().find(|c| c.0 == k) {
            Some(c) => c.1 = v,
            None => panic!("no cell {k}"),
        }
    }

    /// A request row's six applicant columns; the total is added by [`Tables::fill_totals`].
    pub fn set_row(&mut self, row: &str, vals: [i64; 6]) {
        for (v, (col, _)) in vals.iter().zip(REQUEST_COLS.iter()) {
            self.set(&format!("requests.{row}.{col}"), *v);
        }
    }

    /// An appeals group's four result columns; the total is added by [`Tables::fill_totals`].
    pub fn set_group(&mut self, group: &str, vals: [i64; 4]) {
        for (v, (col, _)) in vals.iter().zip(APPEAL_COLS.iter()) {
            self.set(&format!("appeals.{group}.{col}"), *v);
        }
    }

    /// Makes every sum of FORMAT.md §6 hold: row totals, （七）总计 from the
    /// results, 一 from 三+四−二 (carried in is capped), group totals.
    pub fn fill_totals(&mut self) {
        let rows = request_rows(self.version, self.single_other);
        let parts: Vec<&str> = rows[2..rows.len() - 2].to_vec();
        for (col, _) in &REQUEST_COLS[..6] {
            let g = |t: &Tables, r: &str| t.get(&format!("requests.{r}.{col}"));
            let results: i64 = parts.iter().map(|r| g(self, r)).sum();
            let out = g(self, "carried_out");
            let cin = g(self, "carried_in").min(results + out);
            self.set(&format!("requests.carried_in.{col}"), cin);
            self.set(&format!("requests.results_total.{col}"), results);
            self.set(&format!("requests.received.{col}"), results + out - cin);
        }
        for r in &rows {
            let sum: i64 = (0..6)
                .map(|c| self.get(&format!("requests.{r}.{}", REQUEST_COLS[c].0)))
                .sum();
            self.set(&format!("requests.{r}.total"), sum);
        }
        for (g, _) in APPEAL_GROUPS {
            let sum: i64 = (0..4)
                .map(|c| self.get(&format!("appeals.{g}.{}", APPEAL_COLS[c].0)))
                .sum();
            self.set(&format!("appeals.{g}.total"), sum);
        }
    }

    /// Prints `text` in the cell instead of its value.
    pub fn print_as(&mut self, k: &str, text: &str) {
        self.text.retain(|t| t.0 != k);
        self.text.push((k.to_string(), text.to_string()));
    }

    /// The cell's text as printed.
    pub fn text(&self, k: &str) -> String {
        if let Some(t) = self.text.iter().find(|t| t.0 == k) {
            return t.1.clone();
        }
        let v = self.get(k);
        if k.ends_with(".change") && v > 0 {
            // v2019 本年增/减 is signed.
            format!("+{v}")
        } else if is_money(k) {
            if v % 100 == 0 {
                (v / 100).to_string()
            } else {
                format!("{}.{:02}", v / 100, v % 100)
            }
        } else {
            v.to_string()
        }
    }

    /// The value the checker should read from the printed text: `None` for
    /// text, blanks and placeholders.
    pub fn printed_value(&self, k: &str) -> Option<f64> {
        if let Some(t) = self.text.iter().find(|t| t.0 == k) {
            let digits: String =
                t.1.chars()
                    .filter(|c| c.is_ascii_digit() || *c == '-' || *c == '.')
                    .collect();
            return digits.parse::<f64>().ok();
        }
        let v = self.get(k);
        Some(if is_money(k) {
            v as f64 / 100.0
        } else {
            v as f64
        })
    }
}

/// A small deterministic generator (no dependency, same numbers everywhere).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn below(&mut self, n: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as i64
    }
    /// Mostly zeros, as real tables are, with some counts.
    pub fn count(&mut self, max: i64) -> i64 {
        if self.below(3) == 0 {
            self.below(max)
        } else {
            0
        }
    }
}

/// A consistent report with numbers drawn from `seed`.
pub fn random(version: Version, single_other: bool, seed: u64) -> Tables {
    let mut rng = Rng::new(seed);
    let mut t = Tables::zero(version, single_other);
    let keys: Vec<String> = t.cells.iter().map(|c| c.0.clone()).collect();
    for k in &keys {
        if k.starts_with("disclosure.") {
            let v = if k.ends_with(".change") {
                rng.below(41) - 20
            } else if is_money(k) {
                rng.below(100_000)
            } else {
                rng.below(400)
            };
            t.set(k, v);
        }
    }
    // Documents in force / published in all are at least this year's.
    for row in ["regulations", "normative_docs"] {
        let (this_year, all) = match version {
            Version::V2021 => ("issued", "in_force"),
            Version::V2019 => ("published", "total_published"),
        };
        let n = t.get(&format!("disclosure.{row}.{this_year}")) + rng.below(400);
        t.set(&format!("disclosure.{row}.{all}"), n);
    }
    let rows = request_rows(version, single_other);
    for r in &rows[2..rows.len() - 2] {
        let big = if *r == "granted" || *r == "partial" {
            60
        } else {
            12
        };
        t.set_row(
            r,
            [
                rng.below(big),
                rng.count(8),
                rng.count(3),
                rng.count(3),
                rng.count(5),
                rng.count(4),
            ],
        );
    }
    t.set_row(
        "carried_in",
        [rng.below(6), rng.count(3), 0, 0, rng.count(2), 0],
    );
    t.set_row(
        "carried_out",
        [rng.below(9), rng.count(3), 0, 0, rng.count(2), 0],
    );
    for (g, _) in APPEAL_GROUPS {
        t.set_group(g, [rng.count(9), rng.count(4), rng.count(4), rng.count(3)]);
    }
    t.fill_totals();
    t
}

// ------------------------------------------------------------------ rows

/// One printed cell; `rowspan`/`colspan` only matter to HTML.
#[derive(Clone, Debug)]
pub struct C {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

fn c(text: &str) -> C {
    C {
        text: text.to_string(),
        rowspan: 1,
        colspan: 1,
    }
}

fn span(text: &str, rowspan: usize, colspan: usize) -> C {
    C {
        text: text.to_string(),
        rowspan,
        colspan,
    }
}

/// What a printed line is: prose, or a row of table 二/三/四.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Prose,
    Disclosure,
    Requests,
    Appeals,
}

/// A table row is a header row or a data row: data rows end in their numbers.
#[derive(Clone, Debug)]
pub struct Row {
    pub part: Part,
    pub cells: Vec<C>,
    /// How many trailing cells are the row's values (0 for headers and prose).
    pub values: usize,
}

/// Who publishes the synthetic report, and for which year.
#[derive(Clone, Debug)]
pub struct Prose {
    pub body: String,
    pub year: u32,
}

/// The report as rows, in the statutory order with our own prose.
pub fn rows(t: &Tables, p: &Prose) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let prose = |out: &mut Vec<Row>, s: String| {
        out.push(Row {
            part: Part::Prose,
            cells: vec![C {
                text: s,
                rowspan: 1,
                colspan: 1,
            }],
            values: 0,
        })
    };
    let y = p.year;
    let body = &p.body;
    let received = t.get("requests.received.total");
    let carried_out = t.get("requests.carried_out.total");
    prose(&mut out, format!("{body}{y}年政府信息公开工作年度报告"));
    prose(
        &mut out,
        format!(
            "本报告由{body}根据《中华人民共和国政府信息公开条例》的要求编制。报告中所列数据的统计期限为{y}年1月1日至12月31日。"
        ),
    );
    prose(&mut out, "一、总体情况".into());
    prose(
        &mut out,
        format!(
            "{y}年，{body}把政务公开作为日常工作的一部分，按照“谁制作、谁公开”的要求更新栏目，做到应公开尽公开。"
        ),
    );
    prose(
        &mut out,
        format!(
            "依申请公开方面，全年共收到政府信息公开申请{received}件，均在法定期限内答复；结转下年度继续办理{carried_out}件。"
        ),
    );
    prose(
        &mut out,
        "政府信息管理方面，新制发的文件在印发时确定公开属性，并定期清理已失效的文件。".into(),
    );
    prose(&mut out, "二、主动公开政府信息情况".into());
    let v19 = t.version == Version::V2019;
    let drows = disclosure_rows(t.version);
    let mut block = "";
    for d in drows {
        if d.block != block {
            block = d.block;
            let mut head = vec![c("信息内容")];
            for (_, label, _) in d.cols {
                let label = match (*label, v19) {
                    ("本年收费金额（万元）", false) => "本年收费金额（单位：万元）",
                    (l, _) => l,
                };
                head.push(c(label));
            }
            out.push(Row {
                part: Part::Disclosure,
                cells: vec![span(d.block_label, 1, d.cols.len() + 1)],
                values: 0,
            });
            out.push(Row {
                part: Part::Disclosure,
                cells: head,
                values: 0,
            });
        }
        let mut r = vec![c(d.label)];
        for (col, _, _) in d.cols {
            r.push(c(&t.text(&format!("disclosure.{}.{col}", d.key))));
        }
        out.push(Row {
            part: Part::Disclosure,
            values: d.cols.len(),
            cells: r,
        });
    }
    prose(&mut out, "三、收到和处理政府信息公开申请情况".into());
    out.push(Row {
        part: Part::Requests,
        cells: vec![
            span(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                3,
            ),
            span("申请人情况", 1, 7),
        ],
        values: 0,
    });
    out.push(Row {
        part: Part::Requests,
        cells: vec![
            span("自然人", 2, 1),
            span("法人或其他组织", 1, 5),
            span("总计", 2, 1),
        ],
        values: 0,
    });
    out.push(Row {
        part: Part::Requests,
        cells: [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .iter()
        .map(|s| c(s))
        .collect(),
        values: 0,
    });
    let keys = request_rows(t.version, t.single_other);
    let results = keys.len() - 4;
    let mut last_group = "";
    for key in &keys {
        let row = REQUEST_ROWS.iter().find(|r| r.key == *key).expect("row");
        let mut r = Vec::new();
        let in_group = |g: &str| {
            keys.iter()
                .filter(|k| REQUEST_ROWS.iter().any(|r| r.key == **k && r.group == g))
                .count()
        };
        if row.key == "granted" {
            r.push(span("三、本年度办理结果", results, 1));
        }
        let top = matches!(row.key, "received" | "carried_in" | "carried_out");
        if row.group != last_group && !row.group.is_empty() {
            r.push(span(row.group, in_group(row.group), 1));
        }
        last_group = row.group;
        let colspan = if top {
            3
        } else if row.group.is_empty() {
            2
        } else {
            1
        };
        r.push(span(row.label, 1, colspan));
        for (col, _) in REQUEST_COLS.iter() {
            r.push(c(&t.text(&format!("requests.{}.{col}", row.key))));
        }
        out.push(Row {
            part: Part::Requests,
            cells: r,
            values: 7,
        });
    }
    prose(&mut out, "四、政府信息公开行政复议、行政诉讼情况".into());
    out.push(Row {
        part: Part::Appeals,
        cells: vec![span("行政复议", 1, 5), span("行政诉讼", 1, 10)],
        values: 0,
    });
    out.push(Row {
        part: Part::Appeals,
        cells: vec![
            span("结果维持", 2, 1),
            span("结果纠正", 2, 1),
            span("其他结果", 2, 1),
            span("尚未审结", 2, 1),
            span("总计", 2, 1),
            span("未经复议直接起诉", 1, 5),
            span("复议后起诉", 1, 5),
        ],
        values: 0,
    });
    out.push(Row {
        part: Part::Appeals,
        cells: (0..2)
            .flat_map(|_| ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
            .map(c)
            .collect(),
        values: 0,
    });
    out.push(Row {
        part: Part::Appeals,
        cells: appeal_keys().iter().map(|k| c(&t.text(k))).collect(),
        values: 15,
    });
    prose(&mut out, "五、存在的主要问题及改进情况".into());
    prose(
        &mut out,
        "一是栏目更新还不够及时；二是解读材料形式单一。下一步将加强培训，完善发布前的审核流程。"
            .into(),
    );
    prose(&mut out, "六、其他需要报告的事项".into());
    prose(
        &mut out,
        format!("{y}年度本机关未收取信息处理费。本年度无其他需要报告的事项。"),
    );
    out
}

// ---------------------------------------------------------------- render

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One cell per line ending ` |`, `||` between rows (like a copied web table).
    PipePerLine,
    /// Tab-separated rows (Word, WPS, spreadsheets).
    Tabs,
    /// Cells separated by blank lines.
    BlankLines,
    /// Space-aligned as `pdftotext -layout` prints a PDF: long labels wrapped
    /// over lines with the numbers on the line after, group labels on their
    /// own line, a page footer inside table 三.
    PdfText,
    /// Markdown pipe tables from a PDF converter, with a page footer line.
    Markdown,
    /// HTML tables with rowspan and colspan.
    Html,
}

pub const LAYOUTS: [Layout; 6] = [
    Layout::PipePerLine,
    Layout::Tabs,
    Layout::BlankLines,
    Layout::PdfText,
    Layout::Markdown,
    Layout::Html,
];

/// Display width: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|ch| if (ch as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

fn pad_to(line: &mut String, col: usize) {
    let w = width(line);
    line.push_str(&" ".repeat(col.saturating_sub(w).max(2)));
}

/// The numbers of a data row, right-aligned in fixed columns.
fn numbers(vals: &[C], w: usize) -> String {
    vals.iter()
        .map(|v| format!("{:>w$}", v.text, w = w))
        .collect::<Vec<_>>()
        .join("")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

pub fn render(rows: &[Row], layout: Layout) -> String {
    match layout {
        Layout::PdfText => return render_pdf(rows),
        Layout::Html => return render_html(rows),
        Layout::Markdown => return render_markdown(rows),
        _ => {}
    }
    let mut o = String::new();
    for r in rows {
        let cells = || r.cells.iter().map(|c| c.text.as_str());
        match layout {
            Layout::PipePerLine => {
                for c in cells() {
                    o.push_str(&format!("{c} |\n"));
                }
                o.push_str("||\n");
            }
            Layout::Tabs => o.push_str(&format!("{}\t\n", cells().collect::<Vec<_>>().join("\t"))),
            _ => {
                for c in cells() {
                    o.push_str(&format!("{c}\n\n"));
                }
            }
        }
    }
    o
}

fn render_pdf(rows: &[Row]) -> String {
    let mut o = String::new();
    let mut data_rows = 0;
    for r in rows {
        if r.part == Part::Prose {
            let indent = if r.cells[0].text.contains('、') {
                5
            } else {
                0
            };
            o.push_str(&format!("{}{}\n\n", " ".repeat(indent), r.cells[0].text));
            continue;
        }
        if r.values == 0 {
            // Headers: spread out, as a PDF's centred header cells come out.
            let mut line = String::from("      ");
            for c in &r.cells {
                line.push_str(&c.text);
                line.push_str("    ");
            }
            o.push_str(line.trim_end());
            o.push_str("\n\n");
            continue;
        }
        let n = r.cells.len() - r.values;
        let (labels, vals) = r.cells.split_at(n);
        match r.part {
            Part::Appeals => {
                o.push_str(&numbers(vals, 6));
                o.push_str("\n\n");
            }
            Part::Disclosure => {
                let mut line = labels.iter().map(|c| c.text.as_str()).collect::<String>();
                pad_to(&mut line, 30);
                o.push_str(&line);
                o.push_str(&numbers(vals, 12));
                o.push_str("\n\n");
            }
            _ => {
                data_rows += 1;
                // Group labels stand on their own line, indented.
                let label = labels.last().map(|c| c.text.as_str()).unwrap_or("");
                for g in &labels[..labels.len().saturating_sub(1)] {
                    o.push_str(&format!("          {}\n", g.text));
                }
                let indent = if label.starts_with(|ch: char| ch.is_ascii_digit()) {
                    18
                } else {
                    8
                };
                let chars: Vec<char> = label.chars().collect();
                if width(label) > 32 {
                    // Wrapped label; its numbers on the line after it.
                    let first: String = chars[..12].iter().collect();
                    let rest: String = chars[12..].iter().collect();
                    o.push_str(&format!("{}{}\n", " ".repeat(indent), first));
                    o.push_str(&format!("{}{}\n", " ".repeat(indent + 2), rest));
                    o.push_str(&" ".repeat(52));
                } else {
                    let mut line = format!("{}{}", " ".repeat(indent), label);
                    pad_to(&mut line, 52);
                    o.push_str(&line);
                }
                o.push_str(&numbers(vals, 6));
                o.push('\n');
                if data_rows == 12 {
                    o.push_str(&format!("\n{}-3-\n", " ".repeat(72)));
                }
            }
        }
    }
    o
}

fn render_markdown(rows: &[Row]) -> String {
    let mut o = String::new();
    let mut prev = Part::Prose;
    let mut data_rows = 0;
    for r in rows {
        if r.part == Part::Prose {
            o.push_str(&format!("\n{}\n\n", r.cells[0].text));
            prev = r.part;
            continue;
        }
        let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
        o.push_str(&format!("| {} |\n", cells.join(" | ")));
        if prev != r.part {
            o.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
        }
        prev = r.part;
        if r.part == Part::Requests && r.values > 0 {
            data_rows += 1;
            if data_rows == 14 {
                o.push_str("\n— 5 —\n\n");
            }
        }
    }
    o
}

fn render_html(rows: &[Row]) -> String {
    let mut o = String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>年度报告</title></head>\n<body>\n");
    let mut open: Option<Part> = None;
    for r in rows {
        if open.is_some() && open != Some(r.part) {
            o.push_str("</table>\n");
            open = None;
        }
        if r.part == Part::Prose {
            let tag = if r.cells[0].text.ends_with("年度报告") {
                "h1"
            } else {
                "p"
            };
            o.push_str(&format!("<{tag}>{}</{tag}>\n", esc(&r.cells[0].text)));
            continue;
        }
        if open.is_none() {
            o.push_str("<table border=\"1\" cellspacing=\"0\">\n");
            open = Some(r.part);
        }
        o.push_str("<tr>");
        for c in &r.cells {
            let mut attrs = String::new();
            if c.rowspan > 1 {
                attrs.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
            }
            if c.colspan > 1 {
                attrs.push_str(&format!(" colspan=\"{}\"", c.colspan));
            }
            o.push_str(&format!("<td{attrs}>{}</td>", esc(&c.text)));
        }
        o.push_str("</tr>\n");
    }
    if open.is_some() {
        o.push_str("</table>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

// -------------------------------------------------------------- fixtures

/// One committed fixture: a generated report, and what it plants.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// File name under tests/fixtures/ (with its extension).
    pub file: &'static str,
    pub layout: Layout,
    pub tables: Tables,
    pub prose: Prose,
    /// Planted mistakes: the cell printed wrong and the value it should hold.
    pub planted: Vec<(&'static str, i64)>,
    /// Text edits after rendering (digits run together), each applied once.
    pub edits: Vec<(String, String)>,
}

impl Fixture {
    pub fn text(&self) -> String {
        let mut s = render(&rows(&self.tables, &self.prose), self.layout);
        for (from, to) in &self.edits {
            assert_eq!(s.matches(from.as_str()).count(), 1, "{}: {from}", self.file);
            s = s.replacen(from.as_str(), to, 1);
        }
        s
    }
}

fn prose(body: &str, year: u32) -> Prose {
    Prose {
        body: body.to_string(),
        year,
    }
}

/// The numbers (facts only) of seed-000: a clean v2021 report, all zero but
/// penalty 8 and fees 168.61 万元.
pub fn seed_000_numbers() -> Tables {
    let mut t = Tables::zero(Version::V2021, false);
    t.set("disclosure.penalty.decisions", 8);
    t.set("disclosure.fees.amount", 16861);
    t.fill_totals();
    t
}

/// The numbers of seed-001 (v2019, 2020): 3 applications granted, but
/// （七）总计 left at 0, and 行政复议 其他结果 1 with 总计 0.
pub fn seed_001_numbers() -> (Tables, Vec<(&'static str, i64)>) {
    let mut t = Tables::zero(Version::V2019, false);
    for (k, v) in [
        ("disclosure.normative_docs.made", 3),
        ("disclosure.normative_docs.published", 3),
        ("disclosure.normative_docs.total_published", 8),
        ("disclosure.licensing.prev_items", 149),
        ("disclosure.licensing.change", 170),
        ("disclosure.licensing.decisions", 8633),
        ("disclosure.other_services.prev_items", 227),
        ("disclosure.other_services.change", 363),
        ("disclosure.other_services.decisions", 401263),
        ("disclosure.penalty.prev_items", 860),
        ("disclosure.penalty.decisions", 5732),
        ("disclosure.coercion.prev_items", 64),
        ("disclosure.fees.prev_items", 11),
        ("disclosure.fees.change", -5),
        ("disclosure.procurement.items", 59),
        ("disclosure.procurement.amount", 2820400),
    ] {
        t.set(k, v);
    }
    t.print_as("disclosure.procurement.amount", "28204万元");
    t.set_row("granted", [3, 0, 0, 0, 0, 0]);
    t.set_group("review", [0, 0, 1, 0]);
    t.fill_totals();
    // Stray no-break spaces around numbers, as a web page's cells keep them.
    t.print_as("requests.received.natural", "\u{a0}3");
    t.print_as("requests.carried_in.natural", "0\u{a0}");
    // The publisher's mistakes.
    t.set("requests.results_total.natural", 0);
    t.set("requests.results_total.total", 0);
    t.set("appeals.review.total", 0);
    let planted = vec![
        ("requests.results_total.natural", 3),
        ("requests.results_total.total", 3),
        ("appeals.review.total", 1),
    ];
    (t, planted)
}

/// The numbers of seed-003 (v2021, 2023): all zero but licensing 28.
pub fn seed_003_numbers() -> Tables {
    let mut t = Tables::zero(Version::V2021, false);
    t.set("disclosure.licensing.decisions", 28);
    t.fill_totals();
    t
}

/// The numbers of city-2025 (v2021): a large city's clean tables.
pub fn city_2025_numbers() -> Tables {
    let mut t = Tables::zero(Version::V2021, false);
    for (k, v) in [
        ("regulations.issued", 3),
        ("regulations.repealed", 5),
        ("regulations.in_force", 74),
        ("normative_docs.issued", 564),
        ("normative_docs.repealed", 984),
        ("normative_docs.in_force", 4185),
        ("licensing.decisions", 11398889),
        ("penalty.decisions", 6937489),
        ("coercion.decisions", 166105),
        ("fees.amount", 31644100),
    ] {
        t.set(&format!("disclosure.{k}"), v);
    }
    for (row, vals) in [
        ("carried_in", [535, 6, 0, 1, 18, 0]),
        ("granted", [5345, 129, 0, 41, 19, 14]),
        ("partial", [2120, 39, 0, 1, 6, 2]),
        ("denied_secret", [13, 0, 0, 0, 0, 0]),
        ("denied_law", [30, 0, 0, 0, 0, 0]),
        ("denied_safety", [11, 0, 0, 0, 0, 0]),
        ("denied_third_party", [49, 2, 0, 0, 0, 0]),
        ("denied_internal", [103, 1, 0, 0, 0, 0]),
        ("denied_process", [84, 1, 0, 0, 0, 0]),
        ("denied_enforcement", [282, 4, 0, 0, 0, 0]),
        ("denied_query", [147, 0, 0, 0, 1, 2]),
        ("unable_none", [3075, 50, 0, 0, 89, 8]),
        ("unable_create", [177, 3, 0, 0, 0, 0]),
        ("unable_unclear", [19, 0, 0, 0, 0, 0]),
        ("refused_complaint", [199, 1, 0, 0, 3, 0]),
        ("refused_repeat", [147, 1, 0, 0, 0, 0]),
        ("refused_massive", [100, 1, 0, 0, 0, 0]),
        ("refused_confirm", [5, 0, 0, 0, 0, 0]),
        ("other_overdue_fix", [315, 3, 0, 0, 0, 0]),
        ("other_overdue_fee", [202, 0, 0, 1, 0, 0]),
        ("other_misc", [941, 17, 0, 1, 3, 3]),
        ("carried_out", [783, 6, 0, 2, 25, 3]),
    ] {
        t.set_row(row, vals);
    }
    t.set_group("review", [376, 97, 196, 121]);
    t.set_group("suit_direct", [16, 1, 12, 27]);
    t.set_group("suit_after_review", [74, 1, 30, 51]);
    t.fill_totals();
    t
}

/// Every committed fixture, in file-name order of intent.
pub fn fixtures() -> Vec<Fixture> {
    let fx = |file, layout, tables, prose: Prose| Fixture {
        file,
        layout,
        tables,
        prose,
        planted: vec![],
        edits: vec![],
    };
    let v21 = Version::V2021;
    let v19 = Version::V2019;
    let mut out = vec![
        fx(
            "v2021-pipes-clean.txt",
            Layout::PipePerLine,
            seed_000_numbers(),
            prose("示例市龙湖区住房和城乡建设局", 2022),
        ),
        fx(
            "v2021-tabs-clean.txt",
            Layout::Tabs,
            seed_003_numbers(),
            prose("示例县城乡建设局", 2023),
        ),
        fx(
            "v2021-blank-lines-clean.txt",
            Layout::BlankLines,
            random(v21, false, 1),
            prose("示例县文化和旅游局", 2023),
        ),
        fx(
            "v2021-pdf-layout-clean.txt",
            Layout::PdfText,
            random(v21, false, 2),
            prose("示例市人民政府", 2024),
        ),
        fx(
            "v2021-markdown-clean.md",
            Layout::Markdown,
            random(v21, false, 3),
            prose("示例市人民政府办公室", 2025),
        ),
        fx(
            "v2021-html-clean.html",
            Layout::Html,
            city_2025_numbers(),
            prose("示例市人民政府", 2025),
        ),
        fx(
            "v2021-single-other-pdf-layout-clean.txt",
            Layout::PdfText,
            random(v21, true, 6),
            prose("示例区人民政府", 2024),
        ),
        fx(
            "v2021-single-other-pipes-clean.txt",
            Layout::PipePerLine,
            random(v21, true, 7),
            prose("示例镇人民政府", 2023),
        ),
        fx(
            "v2019-tabs-clean.txt",
            Layout::Tabs,
            random(v19, false, 4),
            prose("示例县交通运输局", 2020),
        ),
        fx(
            "v2019-pdf-layout-clean.txt",
            Layout::PdfText,
            random(v19, false, 5),
            prose("示例县人民政府", 2019),
        ),
        fx(
            "v2019-html-clean.html",
            Layout::Html,
            random(v19, false, 8),
            prose("示例县卫生健康委员会", 2020),
        ),
    ];

    // seed-001's mistakes in its own numbers.
    let (t, planted) = seed_001_numbers();
    out.push(Fixture {
        planted,
        ..fx(
            "v2019-blank-lines-seed-001-pattern.txt",
            Layout::BlankLines,
            t,
            prose("示例市东城区人民政府", 2020),
        )
    });

    // One wrong cell in 表三.
    let mut t = random(v21, false, 9);
    let k = "requests.partial.natural";
    let orig = t.get(k);
    t.set(k, orig + 2);
    out.push(Fixture {
        planted: vec![(k, orig)],
        ..fx(
            "v2021-tabs-wrong-cell.txt",
            Layout::Tabs,
            t,
            prose("示例县自然资源局", 2023),
        )
    });

    // A wrong 表四 total.
    let mut t = random(v21, false, 10);
    t.set_group("suit_direct", [2, 1, 0, 1]);
    t.fill_totals();
    t.set("appeals.suit_direct.total", 5);
    out.push(Fixture {
        planted: vec![("appeals.suit_direct.total", 4)],
        ..fx(
            "v2021-markdown-wrong-appeals-total.md",
            Layout::Markdown,
            t,
            prose("示例市市场监督管理局", 2024),
        )
    });

    // The hongze pattern: 表四 totals left at 0, in a PDF's text.
    let mut t = random(v21, true, 11);
    t.set_group("review", [10, 1, 0, 0]);
    t.set_group("suit_after_review", [5, 0, 0, 0]);
    t.fill_totals();
    t.set("appeals.review.total", 0);
    t.set("appeals.suit_after_review.total", 0);
    out.push(Fixture {
        planted: vec![
            ("appeals.review.total", 11),
            ("appeals.suit_after_review.total", 5),
        ],
        ..fx(
            "v2021-single-other-pdf-layout-appeals-totals-zero.txt",
            Layout::PdfText,
            t,
            prose("示例区人民政府", 2023),
        )
    });

    // A blank 总计: not a zero.
    let mut t = random(v21, false, 12);
    t.set_group("review", [0, 0, 1, 0]);
    t.fill_totals();
    t.print_as("appeals.review.total", "");
    out.push(Fixture {
        planted: vec![("appeals.review.total", 1)],
        ..fx(
            "v2021-tabs-blank-total.txt",
            Layout::Tabs,
            t,
            prose("示例县水利局", 2023),
        )
    });

    // Text in a number cell.
    let mut t = random(v21, false, 13);
    t.print_as("requests.granted.business", "不详");
    out.push(fx(
        "v2021-pipes-text-in-cell.txt",
        Layout::PipePerLine,
        t,
        prose("示例县教育局", 2023),
    ));

    // Digits run together (a web page's text that lost its cell boundaries).
    let mut t = Tables::zero(v19, false);
    t.set_row("granted", [12, 0, 0, 0, 0, 1]);
    t.set_row("partial", [8, 0, 0, 0, 0, 0]);
    t.set_group("review", [1, 0, 0, 0]);
    t.fill_totals();
    let label = REQUEST_ROWS[0].label;
    out.push(Fixture {
        edits: vec![(
            format!("{label}\t20\t0\t0\t0\t0\t1\t21\t"),
            format!("{label}\t200 000121\t"),
        )],
        ..fx(
            "v2019-tabs-run-together-digits.txt",
            Layout::Tabs,
            t,
            prose("示例综合实验区管理委员会", 2020),
        )
    });
    out
}

/// The page's 示例 samples (www/samples/): name, fixture file, title, html.
pub const SAMPLES: [(&str, &str, &str, bool); 3] = [
    (
        "errors-2020-v2019.txt",
        "v2019-blank-lines-seed-001-pattern.txt",
        "示例：有错误的报告（2020年，2019年版格式）",
        false,
    ),
    (
        "clean-2022-v2021.txt",
        "v2021-pipes-clean.txt",
        "示例：无错误的报告（2022年，2021年版格式）",
        false,
    ),
    (
        "tables-2025.html",
        "v2021-html-clean.html",
        "示例：网页表格（HTML，2025年）",
        true,
    ),
];

/// Prose without tables: a text that is not a report's tables.
pub fn not_a_report() -> String {
    "关于做好政府信息公开工作年度报告编制的说明\n\n各单位应于每年1月31日前公布上一年度的工作年度报告。报告应当包括主动公开、依申请公开、行政复议和行政诉讼等情况，并对存在的主要问题提出改进措施。\n\n本说明不含统计表格。\n".to_string()
}

/// www/samples/index.json, as the page reads it (and scripts/build-wasm.mjs checks it).
pub fn samples_index() -> String {
    let items: Vec<String> = SAMPLES
        .iter()
        .map(|(name, _, title, html)| {
            format!(
                " {{\n  \"name\": \"{name}\",\n  \"title\": \"{title}\",\n  \"html\": {html}\n }}"
            )
        })
        .collect();
    format!("[\n{}\n]\n", items.join(",\n"))
}

/// `www/rule-docs.json`: each rule's docs (what / why / fix), fetched by the
/// page only when a person opens a rule's explanation (the first-load wasm
/// module is built without the `rule-docs` feature).
pub fn rule_docs_json() -> String {
    let docs: Vec<serde_json::Value> = xxgk_validator::rules::CATALOG
        .iter()
        .map(|r| serde_json::json!({ "id": r.id, "what": r.what, "why": r.why, "fix": r.fix }))
        .collect();
    let mut out = serde_json::to_string_pretty(&docs).unwrap_or_default();
    out.push('\n');
    out
}
