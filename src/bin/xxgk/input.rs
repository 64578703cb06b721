//! Finding the inputs (files, directories walked recursively, `-` for stdin)
//! and reading their bytes; turning bytes into text (encodings, PDF, .docx)
//! is the core's `xxgk_validator::input`.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One thing to check, in the order the user gave it.
#[derive(Debug)]
pub enum Input {
    /// A file named on the command line or found in a directory.
    File { path: PathBuf, named: bool },
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// The name shown to the user and put in the JSON `source` field.
    pub fn source(&self) -> String {
        match self {
            Input::File { path, .. } => path.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Something said about an input before checking it: a file skipped, a
/// directory that could not be read. `fatal` ones make the exit status 2.
#[derive(Debug)]
pub struct Note {
    pub fatal: bool,
    pub message: String,
}

/// Extensions read when walking a directory. Files without an extension are
/// read too when their first bytes look like text.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// Documents read by their structure (PDF, Word), and legacy Office files,
/// which are checked too so that the user is told how to convert them.
const DOCUMENT_EXTENSIONS: &[&str] = &["pdf", "docx", "doc", "wps"];

/// Other document formats people will have reports in: when a directory
/// holds them, say they were skipped and how to convert them.
const SKIPPED_EXTENSIONS: &[&str] = &["xls", "xlsx", "et", "ofd", "rtf", "odt", "zip", "rar", "7z"];

/// Expand the command-line paths into inputs, in a deterministic order:
/// arguments as given, directory entries sorted by name. Returns the inputs
/// and the notes (about unreadable directories and skipped documents).
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<Note>) {
    let mut inputs = Vec::new();
    let mut notes = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut inputs, &mut notes),
            // Missing files and other errors are reported when reading, so
            // that they come out in order with the rest.
            _ => inputs.push(Input::File {
                path: p.clone(),
                named: true,
            }),
        }
    }
    (inputs, notes)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, notes: &mut Vec<Note>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            notes.push(Note {
                fatal: true,
                message: format!("无法读取目录 {}：{}", dir.display(), io_reason(&e)),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        // Do not follow symlinked directories (loops); symlinked files are fine.
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, inputs, notes);
            continue;
        }
        if ft.is_symlink() && fs::metadata(&path).map(|m| !m.is_file()).unwrap_or(true) {
            continue;
        }
        match extension(&path).as_deref() {
            Some(ext) if TEXT_EXTENSIONS.contains(&ext) || DOCUMENT_EXTENSIONS.contains(&ext) => {
                inputs.push(Input::File { path, named: false })
            }
            Some(ext) if SKIPPED_EXTENSIONS.contains(&ext) => notes.push(Note {
                fatal: false,
                message: format!("跳过 {}：{}", path.display(), binary_advice(Some(ext))),
            }),
            Some(_) => {}
            // Extensionless: decided by content when read.
            None => inputs.push(Input::File { path, named: false }),
        }
    }
}

fn extension(p: &Path) -> Option<String> {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// The text of one input, ready for `check`.
pub struct Text {
    pub text: String,
    /// `UTF-8`, `GBK`, `GB18030`, `UTF-16LE` or `UTF-16BE`.
    pub encoding: &'static str,
    /// Bytes before `text` in the file (a UTF-8 BOM): add to spans so that
    /// they index the file's own bytes.
    pub offset: usize,
    /// Whether some bytes could not be decoded and were replaced by U+FFFD.
    pub lossy: bool,
    /// `pdf`, `docx`, `html` or `text` (the JSON `source_kind`).
    pub kind: &'static str,
}

/// Why an input was not checked.
pub enum ReadError {
    /// Could not be read at all (missing, permission, …).
    Io(String),
    /// Not readable as a report (a scanned PDF, a legacy .doc, an image, …),
    /// with the core's reason. An error for files named on the command line
    /// and for documents (PDF, Word) found in a directory; other binary files
    /// found in a directory are skipped with a note.
    Binary { message: String, fatal: bool },
}

pub fn read(input: &Input, stdin: Option<&[u8]>) -> Result<Text, ReadError> {
    match input {
        Input::Stdin => {
            let bytes = stdin.unwrap_or(&[]);
            from_input(xxgk_validator::input::read(bytes)).map_err(|u| ReadError::Binary {
                message: format!("无法检查标准输入：{}", u.message),
                fatal: true,
            })
        }
        Input::File { path, named } => {
            let bytes = fs::read(path).map_err(|e| {
                ReadError::Io(format!("无法读取 {}：{}", path.display(), io_reason(&e)))
            })?;
            from_input(xxgk_validator::input::read_vec(bytes)).map_err(|u| {
                let document =
                    extension(path).is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.as_str()));
                let fatal = *named || document || u.code != "binary";
                ReadError::Binary {
                    message: format!(
                        "{} {}：{}",
                        if fatal { "无法检查" } else { "跳过" },
                        path.display(),
                        u.message
                    ),
                    fatal,
                }
            })
        }
    }
}

fn from_input(
    r: Result<xxgk_validator::input::Input, xxgk_validator::input::Unreadable>,
) -> Result<Text, xxgk_validator::input::Unreadable> {
    r.map(|i| Text {
        kind: i.kind.as_str(),
        text: i.text,
        encoding: i.encoding,
        offset: i.offset,
        lossy: i.lossy,
    })
}

pub fn read_stdin() -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    io::stdin().lock().read_to_end(&mut buf)?;
    Ok(buf)
}

pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "文件不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ if e.raw_os_error() == Some(21) => "这是一个目录".to_string(),
        _ => e.to_string(),
    }
}

fn binary_advice(ext: Option<&str>) -> &'static str {
    match ext {
        Some("odt" | "rtf" | "ofd") => "请在WPS或Word中另存为 .docx 或网页（.html）后再检查",
        Some("xls" | "xlsx" | "et") => "请另存为网页（.html）或复制表格为文本后再检查",
        _ => "请解压或转换为报告的 .docx、PDF 或文本文件后再检查",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_bytes_are_decoded_by_the_core() {
        let t = read(&Input::Stdin, Some("\u{FEFF}表三".as_bytes()))
            .ok()
            .expect("text");
        assert_eq!(
            (t.text.as_str(), t.encoding, t.offset, t.kind),
            ("表三", "UTF-8", 3, "text")
        );
        let Err(ReadError::Binary { message, fatal }) = read(&Input::Stdin, Some(b"")) else {
            panic!("empty stdin is not a report")
        };
        assert!(fatal && message.contains("0字节"), "{message}");
    }
}
