//! Bytes → text for the core: the one place where a file's bytes become the
//! text that [`crate::check`] reads, shared by the CLI and the browser.
//!
//! [`read`] sniffs the type by its first bytes (never by a file name),
//! decodes text (UTF-8, UTF-16 with or without BOM, GBK/GB18030), reads PDF
//! text layers and .docx documents by their structure and rebuilds their
//! tables as tab-separated rows, and says in plain Chinese why anything else
//! cannot be read. It never panics and is bounded in time and memory on any
//! bytes: decompressed sizes, object counts and nesting depths are capped.
//!
//! PDF, .docx and GBK need the cargo feature `files` (on by default); without
//! it those inputs are [`Unreadable`] with code `needs_files`.

mod decode;
#[cfg(feature = "files")]
mod docx;
#[cfg(feature = "files")]
pub mod pdf;
pub mod sniff;
#[cfg(feature = "files")]
mod zip;

pub use sniff::Sniffed;

/// What kind of document the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Pdf,
    Docx,
}

impl Kind {
    /// The wire name: `"text"`, `"html"`, `"pdf"`, `"docx"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "html",
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
        }
    }
}

/// A document turned into text for the core.
#[derive(Debug, Clone)]
pub struct Input {
    pub kind: Kind,
    /// How the text was encoded (`UTF-8`, `UTF-16LE`, `GB18030`, …); for PDF
    /// and .docx the encoding of the derived text (`UTF-8`).
    pub encoding: &'static str,
    /// What the core checks; spans index it. For text files this is the
    /// file's text (a UTF-8 BOM removed: see `offset`); for PDF and .docx
    /// text derived from the document: tables as one row per line with cells
    /// separated by TAB, paragraphs as lines.
    pub text: String,
    /// Bytes of the file before `text` starts (a UTF-8 BOM), for text files
    /// whose spans should index the file's own bytes; 0 otherwise.
    pub offset: usize,
    /// Whether some bytes could not be decoded and became U+FFFD.
    pub lossy: bool,
    /// For PDF: the byte offset in `text` where each page starts.
    pub pages: Vec<usize>,
}

/// Why a document could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Stable code: `empty`, `binary`, `image`, `legacy_office`, `zip`,
    /// `corrupt_zip`, `pdf_encrypted`, `pdf_no_text`, `pdf_corrupt`,
    /// `pdf_unmapped`, `docx_corrupt`, `needs_files`, `needs_gbk`, `too_large`.
    pub code: &'static str,
    /// Plain Chinese: what the file is and what to do.
    pub message: String,
}

impl Unreadable {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Unreadable {
            code,
            message: message.into(),
        }
    }
}

/// Turn a file's bytes into text for [`crate::check`], or say why not.
pub fn read(bytes: &[u8]) -> Result<Input, Unreadable> {
    match sniff::sniff(bytes) {
        Sniffed::Empty => Err(Unreadable::new(
            "empty",
            "文件是空的（0字节），没有可检查的内容。请确认选择了正确的文件。",
        )),
        #[cfg(not(feature = "gbk"))]
        Sniffed::Text(sniff::Encoding::Gb18030) => Err(Unreadable::new(
            "needs_gbk",
            "这个文件是GBK/GB18030编码，这个版本不能解码。请另存为UTF-8编码后再检查，或直接粘贴报告的文字。",
        )),
        Sniffed::Text(enc) => Ok(decode::decode(bytes, enc)),
        Sniffed::Pdf => read_pdf(bytes),
        Sniffed::Docx => read_docx(bytes),
        Sniffed::Zip => Err(Unreadable::new(
            "zip",
            "这是一个压缩包（zip），不是Word文档。请解压后检查其中的报告文件。",
        )),
        Sniffed::CorruptZip => Err(Unreadable::new(
            "corrupt_zip",
            "文件已损坏：它像是一个.docx（zip）文件，但内容不完整，无法打开。请重新下载或在WPS/Word中重新保存为 .docx。",
        )),
        Sniffed::LegacyOffice => Err(Unreadable::new(
            "legacy_office",
            "这是旧版Office/WPS文件（.doc、.wps、.et 等），无法直接读取。请在WPS或Word中另存为 .docx 后再检查。",
        )),
        Sniffed::Image(fmt) => Err(Unreadable::new(
            "image",
            format!("这是一张图片（{fmt}），其中的文字无法读取。请使用原始的Word/WPS文件、可复制文字的PDF，或粘贴报告的文字。"),
        )),
        Sniffed::Binary => Err(Unreadable::new(
            "binary",
            "这不是文本文件，也不是可识别的PDF或Word文档，无法读取。请使用报告的Word（.docx）、PDF文件，或粘贴报告的文字。",
        )),
    }
}

/// [`read`], without copying a file that is already UTF-8 without BOM.
pub fn read_vec(bytes: Vec<u8>) -> Result<Input, Unreadable> {
    // The common case, a UTF-8 report: the whole file is validated once,
    // and only a prefix is looked at for binary noise.
    if sniff::by_magic(&bytes).is_none() {
        match crate::search::utf8_string(bytes) {
            Ok(text) if sniff::utf8_is_text(text.as_bytes()) => {
                let kind = if crate::looks_like_html(&text) {
                    Kind::Html
                } else {
                    Kind::Text
                };
                return Ok(Input {
                    kind,
                    encoding: "UTF-8",
                    text,
                    offset: 0,
                    lossy: false,
                    pages: Vec::new(),
                });
            }
            Ok(text) => return read(text.as_bytes()),
            Err(bytes) => return read(&bytes),
        }
    }
    read(&bytes)
}

#[cfg(feature = "files")]
fn read_pdf(bytes: &[u8]) -> Result<Input, Unreadable> {
    let doc = pdf::read(bytes)?;
    Ok(Input {
        kind: Kind::Pdf,
        encoding: "UTF-8",
        text: doc.text,
        offset: 0,
        lossy: false,
        pages: doc.pages,
    })
}

#[cfg(feature = "files")]
fn read_docx(bytes: &[u8]) -> Result<Input, Unreadable> {
    let text = docx::read(bytes)?;
    Ok(Input {
        kind: Kind::Docx,
        encoding: "UTF-8",
        text,
        offset: 0,
        lossy: false,
        pages: Vec::new(),
    })
}

#[cfg(not(feature = "files"))]
fn read_pdf(_: &[u8]) -> Result<Input, Unreadable> {
    Err(needs_files("PDF"))
}

#[cfg(not(feature = "files"))]
fn read_docx(_: &[u8]) -> Result<Input, Unreadable> {
    Err(needs_files("Word（.docx）"))
}

#[cfg(not(feature = "files"))]
pub(crate) fn needs_files(what: &str) -> Unreadable {
    Unreadable::new(
        "needs_files",
        format!("这个版本不能读取{what}文件。请粘贴报告的文字，或使用支持文件读取的版本。"),
    )
}
