//! Word (.docx, also saved by WPS or LibreOffice): `word/document.xml`
//! read by its structure. Tables (`w:tbl/w:tr/w:tc`) become one line per
//! row, cells separated by TAB: a cell merged across columns (`w:gridSpan`)
//! is one field, the continuation of a cell merged down (`w:vMerge`) is left
//! out, as a browser lays out `colspan`/`rowspan`; a cell's paragraphs are
//! joined. Body paragraphs (`w:p/w:r/w:t`, `w:tab`, `w:br`) become lines.

use super::zip::{Archive, MEMBER_CAP};
use super::Unreadable;
use roxmltree::{Document, Node, ParsingOptions};

const MAX_DEPTH: usize = 64;

fn corrupt() -> Unreadable {
    Unreadable::new(
        "docx_corrupt",
        "Word文档已损坏，无法读取其中的正文。请在WPS或Word中打开后重新另存为 .docx 再检查。",
    )
}

pub fn read(bytes: &[u8]) -> Result<String, Unreadable> {
    let zip = Archive::open(bytes).ok_or_else(corrupt)?;
    let xml = zip
        .read("word/document.xml", MEMBER_CAP)
        .map_err(|too_large| {
            if too_large {
                Unreadable::new(
                    "too_large",
                    "Word文档的正文解压后过大（超过32MB），不像是一份年度报告，未读取。",
                )
            } else {
                corrupt()
            }
        })?;
    let xml = String::from_utf8(xml).map_err(|_| corrupt())?;
    read_xml(&xml)
}

/// `word/document.xml` → text.
fn read_xml(xml: &str) -> Result<String, Unreadable> {
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 2_000_000,
    };
    let doc = Document::parse_with_options(xml, opts).map_err(|_| corrupt())?;
    let mut out = String::new();
    let body = doc
        .root_element()
        .children()
        .find(|n| n.tag_name().name() == "body");
    if let Some(body) = body {
        blocks(body, &mut out, 0);
    }
    Ok(out)
}

fn name<'a>(n: &Node<'a, '_>) -> &'a str {
    n.tag_name().name()
}

/// Paragraphs and tables in a container (body, content controls, …).
fn blocks(node: Node, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for n in node.children().filter(Node::is_element) {
        match name(&n) {
            "p" => {
                let mut t = String::new();
                inline(n, &mut t, false, depth + 1);
                out.push_str(t.trim_end_matches([' ', '\t']));
                out.push('\n');
            }
            "tbl" => table(n, out, depth + 1),
            "sectPr" | "Fallback" | "tcPr" => {}
            _ => blocks(n, out, depth + 1),
        }
    }
}

/// A paragraph's text: runs' `w:t`, `w:tab` as TAB (a space inside a cell),
/// `w:br`/`w:cr` as a newline (a space inside a cell).
fn inline(node: Node, out: &mut String, in_cell: bool, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for n in node.children().filter(Node::is_element) {
        match name(&n) {
            "t" => out.push_str(n.text().unwrap_or("")),
            "tab" if !in_cell => out.push('\t'),
            "br" | "cr" if !in_cell => out.push('\n'),
            "tab" | "br" | "cr" => out.push(' '),
            "noBreakHyphen" => out.push('-'),
            // Deleted text, field codes, properties, the fallback copy of a
            // drawing: not what the page shows.
            "delText" | "instrText" | "rPr" | "pPr" | "Fallback" | "del" => {}
            _ => inline(n, out, in_cell, depth + 1),
        }
    }
}

fn attr<'a>(n: &Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == local)
        .map(|a| a.value())
}

fn child<'a, 'i>(n: &Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == local)
}

fn table(tbl: Node, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    // A one-cell table used as a frame around the page: its content is
    // the document (paragraphs and the real tables), not one cell.
    let trs: Vec<Node> = tbl
        .children()
        .filter(|n| n.is_element() && name(n) == "tr")
        .collect();
    if let [tr] = trs.as_slice() {
        let tcs: Vec<Node> = tr
            .children()
            .filter(|n| n.is_element() && name(n) == "tc")
            .collect();
        if let [tc] = tcs.as_slice() {
            blocks(*tc, out, depth + 1);
            return;
        }
    }
    for tr in tbl.children().filter(|n| n.is_element()) {
        let rows: Vec<Node> = match name(&tr) {
            "tr" => vec![tr],
            // Rows wrapped in content controls or custom XML.
            "sdt" | "customXml" => tr
                .descendants()
                .filter(|d| d.is_element() && d.tag_name().name() == "tr")
                .collect(),
            _ => continue,
        };
        for tr in rows {
            let mut fields: Vec<String> = Vec::new();
            for tc in tr.children().filter(|n| n.is_element()) {
                let cells: Vec<Node> = match name(&tc) {
                    "tc" => vec![tc],
                    "sdt" | "customXml" => tc
                        .descendants()
                        .filter(|d| d.is_element() && d.tag_name().name() == "tc")
                        .collect(),
                    _ => continue,
                };
                for tc in cells {
                    let pr = child(&tc, "tcPr");
                    let vmerge = pr.and_then(|p| child(&p, "vMerge"));
                    let continues =
                        vmerge.is_some_and(|v| attr(&v, "val").is_none_or(|v| v == "continue"));
                    if continues {
                        continue;
                    }
                    fields.push(cell_text(tc, depth + 1));
                }
            }
            if fields.iter().all(|f| f.is_empty()) {
                continue;
            }
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
    }
}

/// A cell's paragraphs (and nested tables) joined by spaces.
fn cell_text(tc: Node, depth: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    collect_cell(tc, &mut parts, depth);
    parts.join(" ")
}

fn collect_cell(n: Node, parts: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in n.children().filter(Node::is_element) {
        match name(&c) {
            "p" => {
                let mut t = String::new();
                inline(c, &mut t, true, depth + 1);
                let t = t.trim();
                if !t.is_empty() {
                    parts.push(t.to_string());
                }
            }
            "tcPr" | "Fallback" => {}
            _ => collect_cell(c, parts, depth + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        read_xml(&xml).unwrap_or_else(|u| u.message)
    }

    fn tc(text: &str, pr: &str) -> String {
        format!("<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn merged_cells_follow_the_grid_and_paragraphs_keep_tabs_and_breaks() {
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let cont = "<w:vMerge/>";
        let span2 = r#"<w:gridSpan w:val="2"/>"#;
        let body = format!(
            "<w:p><w:r><w:t>一、总体情况</w:t><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>\
             <w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            tc("（三）不予公开", restart),
            tc("1.属于国家秘密", ""),
            tc("4,065", ""),
            tc("", cont),
            tc("2.其他", ""),
            tc("0", ""),
            tc("（七）总计", span2),
            tc("7", ""),
        );
        assert_eq!(
            doc(&body),
            "一、总体情况\t甲\n乙\n（三）不予公开\t1.属于国家秘密\t4,065\n2.其他\t0\n（七）总计\t7\n"
        );
    }

    #[test]
    fn a_one_cell_frame_table_is_read_as_the_document_inside() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("行政许可", ""),
            tc("12", "")
        );
        let body = format!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>标题</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl>"
        );
        assert_eq!(doc(&body), "标题\n行政许可\t12\n");
    }

    #[test]
    fn deleted_text_and_field_codes_are_not_read() {
        let body = "<w:p><w:r><w:delText>旧</w:delText><w:instrText>PAGE</w:instrText><w:t>新</w:t></w:r></w:p>";
        assert_eq!(doc(body), "新\n");
        assert!(doc("<w:p>").contains("损坏"));
    }
}
