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

#[cfg(test)]
mod tests {
    /// A PDF written by hand: one page, a ruled 2×2 table, a Type0 font
    /// (Identity-H, /W widths, ToUnicode with bfchar and a bfrange array)
    /// and a simple font (/Differences, /Widths), shown with Tj, TJ (with a
    /// kerning adjustment), T* and '.
    fn sample() -> Vec<u8> {
        let content = "0.5 w 20 110 200 40 re S 20 130 m 220 130 l S 120 110 m 120 150 l S \
            BT /F2 10 Tf 1 0 0 1 22 135 Tm <00010002> Tj ET \
            BT /F1 10 Tf 1 0 0 1 122 135 Tm [(1) -200 (2)] TJ ET \
            BT /F2 10 Tf 22 115 Td <0003> Tj ET \
            BT /F1 10 Tf 122 115 Td (3A) Tj ET \
            BT /F1 10 Tf 12 TL 20 90 Td (ab) Tj T* (cd) Tj (ef) ' ET";
        let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
            1 begincodespacerange <0000> <FFFF> endcodespacerange \
            1 beginbfchar <0003> <8BB8> endbfchar \
            1 beginbfrange <0001> <0002> [<884C> <653F>] endbfrange \
            endcmap end end";
        let widths = vec!["500"; 26].join(" ");
        format!(
            "%PDF-1.4\n\
             1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
             2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
             3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] \
             /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 8 0 R >> endobj\n\
             4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
             /Encoding << /Differences [65 /five] >> /FirstChar 32 /Widths [{widths}] >> endobj\n\
             5 0 obj << /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
             /DescendantFonts [6 0 R] /ToUnicode 7 0 R >> endobj\n\
             6 0 obj << /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [1 [1000 1000] 3 3 1000] >> endobj\n\
             7 0 obj << /Length {} >> stream\n{cmap}\nendstream endobj\n\
             8 0 obj << /Length {} >> stream\n{content}\nendstream endobj\n\
             trailer << /Root 1 0 R >>\n%%EOF\n",
            cmap.len(),
            content.len()
        )
        .into_bytes()
    }

    #[test]
    fn a_hand_made_pdf_reads_as_rows_and_lines() {
        let t = super::read(&sample()).map_err(|u| u.code);
        let t = t.expect("readable");
        assert_eq!(t.text, "行政\t12\n许\t35\nab\ncd\nef\n");
        assert_eq!(t.pages, vec![0]);
    }

    #[test]
    fn an_encrypt_entry_makes_it_unreadable() {
        let mut b = sample();
        let at = b.len() - 7;
        b.splice(
            at..at,
            b"trailer << /Root 1 0 R /Encrypt 9 0 R >>\n"
                .iter()
                .copied(),
        );
        assert_eq!(super::read(&b).err().map(|u| u.code), Some("pdf_encrypted"));
    }
}
