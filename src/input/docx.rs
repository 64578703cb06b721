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
                    "Word文档的正文解压后过大（超过64MB），不像是一份年度报告，未读取。",
                )
            } else {
                corrupt()
            }
        })?;
    let xml = String::from_utf8(xml).map_err(|_| corrupt())?;
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 4_000_000,
    };
    let doc = Document::parse_with_options(&xml, opts).map_err(|_| corrupt())?;
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
            "sectPr" | "Fallback" => {}
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
