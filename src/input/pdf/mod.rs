//! PDF files with a text layer → text the core reads: tables rebuilt from
//! their rulings as tab-separated rows, paragraphs as lines.

pub mod content;
mod doc;
mod font;
pub mod layout;
mod lex;

use super::Unreadable;

pub struct PdfText {
    pub text: String,
    /// Byte offset in `text` where each page starts.
    pub pages: Vec<usize>,
}

pub fn read(bytes: &[u8]) -> Result<PdfText, Unreadable> {
    let doc = doc::Doc::parse(bytes);
    if doc.encrypted() {
        return Err(Unreadable::new(
            "pdf_encrypted",
            "这个PDF已加密（设置了密码或权限保护），无法读取其中的文字。请使用原始Word/WPS文件，或未加密的PDF。",
        ));
    }
    let pages = doc.pages();
    if pages.is_empty() {
        return Err(Unreadable::new(
            "pdf_corrupt",
            "PDF文件已损坏或不完整，找不到任何页面。请重新下载，或使用原始Word/WPS文件。",
        ));
    }
    let mut interp = content::Interp::new(&doc);
    let mut page_blocks = Vec::with_capacity(pages.len());
    let (mut glyphs, mut unmapped, mut images) = (0usize, 0usize, 0usize);
    for p in &pages {
        let data = doc.contents(p);
        let items = interp.page(&data, p.resources);
        glyphs += items
            .glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .count();
        unmapped += items.unmapped;
        images += items.images;
        page_blocks.push(layout::blocks(&items));
    }
    layout::join_split_rows(&mut page_blocks);
    let mut text = String::new();
    let mut starts = Vec::with_capacity(pages.len());
    for b in &page_blocks {
        starts.push(text.len());
        layout::write(b, &mut text);
    }
    if glyphs == 0 {
        let what = if images > 0 {
            "只有图片，没有文字层，是扫描件"
        } else {
            "没有文字层"
        };
        return Err(Unreadable::new(
            "pdf_no_text",
            format!("这个PDF{what}，无法读取其中的文字。请用原始Word/WPS文件或可复制文字的PDF。"),
        ));
    }
    if unmapped * 2 > glyphs {
        return Err(Unreadable::new(
            "pdf_unmapped",
            "这个PDF的字体没有提供文字编码，复制出来是乱码，无法读取其中的文字。请用原始Word/WPS文件或可复制文字的PDF。",
        ));
    }
    Ok(PdfText {
        text,
        pages: starts,
    })
}
