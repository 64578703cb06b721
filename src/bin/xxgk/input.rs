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
/// and the notes (about unreadable directories, skipped documents, special
/// files and symbolic links that were not followed).
///
/// Only regular files are read: a FIFO, socket or device can block forever
/// or never end. Named on the command line one is refused (exit 2); found in
/// a directory it is skipped with a note. Standard input (`-`) may be a pipe.
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
            Ok(m) if !m.is_file() => notes.push(Note {
                fatal: true,
                message: format!(
                    "无法检查 {}：不是普通文件（{}），只读取普通文件；要检查管道中的内容，请用 - 从标准输入传入",
                    p.display(),
                    special_kind(&m.file_type())
                ),
            }),
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

/// What kind of special (not regular, not directory) file this is.
fn special_kind(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "命名管道";
        }
        if ft.is_socket() {
            return "套接字";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "设备文件";
        }
    }
    if ft.is_symlink() {
        return "符号链接";
    }
    "特殊文件"
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
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, inputs, notes);
            continue;
        }
        let skip = |notes: &mut Vec<Note>, why: String| {
            notes.push(Note {
                fatal: false,
                message: format!("跳过 {}：{why}", path.display()),
            })
        };
        // Symlinked files are read; symlinked directories are not followed
        // (they can loop back); loops and dangling links are said.
        if ft.is_symlink() {
            match fs::metadata(&path) {
                Ok(m) if m.is_file() => {}
                Ok(m) if m.is_dir() => {
                    let why = if points_above(&path, dir) {
                        "符号链接循环（指向它所在的目录或上级目录），未跟随".to_string()
                    } else {
                        "指向目录的符号链接，未跟随；如需检查，请直接指定该目录".to_string()
                    };
                    skip(notes, why);
                    continue;
                }
                Ok(m) => {
                    skip(
                        notes,
                        format!(
                            "符号链接指向的不是普通文件（{}）",
                            special_kind(&m.file_type())
                        ),
                    );
                    continue;
                }
                Err(err) if err.raw_os_error() == Some(40) => {
                    // ELOOP
                    skip(notes, "符号链接循环，无法解析".to_string());
                    continue;
                }
                Err(err) if err.kind() == io::ErrorKind::NotFound => {
                    skip(notes, "符号链接指向的文件不存在".to_string());
                    continue;
                }
                Err(err) => {
                    skip(notes, format!("无法读取符号链接：{}", io_reason(&err)));
                    continue;
                }
            }
        } else if !ft.is_file() {
            skip(
                notes,
                format!("不是普通文件（{}），未读取", special_kind(&ft)),
            );
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

/// Whether the symlink `link` (in `dir`) resolves to `dir` or one of its
/// ancestors: following it would walk the same files again and again.
fn points_above(link: &Path, dir: &Path) -> bool {
    match (fs::canonicalize(link), fs::canonicalize(dir)) {
        (Ok(target), Ok(here)) => here.starts_with(&target),
        _ => false,
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

pub fn read(input: &Input, stdin: Option<&[u8]>, max_size: u64) -> Result<Text, ReadError> {
    match input {
        Input::Stdin => {
            let bytes = stdin.unwrap_or(&[]);
            from_input(xxgk_validator::input::read(bytes)).map_err(|u| ReadError::Binary {
                message: format!("无法检查标准输入：{}", u.message),
                fatal: true,
            })
        }
        Input::File { path, named } => {
            let bytes = read_file(path, max_size)?;
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

/// A regular file's bytes, at most `max_size` of them: a bigger file is
/// refused, and at most `max_size + 1` bytes are ever read (the file may
/// grow while it is read).
fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, ReadError> {
    let io_err =
        |e: io::Error| ReadError::Io(format!("无法读取 {}：{}", path.display(), io_reason(&e)));
    let file = fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if meta.is_dir() {
        return Err(ReadError::Io(format!(
            "无法读取 {}：这是一个目录",
            path.display()
        )));
    }
    if !meta.is_file() {
        // Replaced by a special file after the directory walk.
        return Err(ReadError::Io(format!(
            "无法检查 {}：不是普通文件（{}）",
            path.display(),
            special_kind(&meta.file_type())
        )));
    }
    if meta.len() > max_size {
        return Err(ReadError::Io(too_large(
            &path.display().to_string(),
            max_size,
        )));
    }
    let cap = usize::try_from(meta.len()).unwrap_or(0);
    let mut buf = Vec::with_capacity(cap.saturating_add(1));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(io_err)?;
    if buf.len() as u64 > max_size {
        return Err(ReadError::Io(too_large(
            &path.display().to_string(),
            max_size,
        )));
    }
    Ok(buf)
}

/// The default of `--max-size`: 64 MB.
pub const DEFAULT_MAX_SIZE: u64 = 64 << 20;

/// The message for an input over the size limit.
pub fn too_large(source: &str, max_size: u64) -> String {
    format!(
        "无法检查 {source}：超过大小上限 {}，未检查（年度报告的文本通常不到 1M；确需检查更大的输入，请用 --max-size 调大上限，如 --max-size {}）",
        human_size(max_size),
        human_size(max_size.saturating_mul(4).max(1 << 20))
    )
}

/// `67108864` → `64M` (1024-based, as `--max-size` takes it).
pub fn human_size(n: u64) -> String {
    for (unit, k) in [("G", 1u64 << 30), ("M", 1 << 20), ("K", 1 << 10)] {
        if n >= k && n % k == 0 {
            return format!("{}{unit}", n / k);
        }
    }
    format!("{n} 字节")
}

/// Parse a size as `--max-size` takes it: a whole number of bytes with an
/// optional suffix K, M or G (1024-based), like ripgrep's `--max-filesize`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("无法识别的单位“{c}”，只能用 K、M 或 G")),
            };
            (&s[..i], m)
        }
        _ => (s, 1),
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err("应为一个整数，可带单位 K、M 或 G，如 64M".to_string());
    }
    num.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| "数值太大".to_string())
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

/// Standard input, at most `max_size` bytes: reads at most `max_size + 1`
/// and returns `Ok(None)` when there was more.
pub fn read_stdin(max_size: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    io::stdin()
        .lock()
        .take(max_size.saturating_add(1))
        .read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max_size).then_some(buf))
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
    fn sizes_parse_like_ripgrep() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("64MB").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(human_size(64 << 20), "64M");
        assert_eq!(human_size(1000), "1000 字节");
    }

    #[test]
    fn stdin_bytes_are_decoded_by_the_core() {
        let t = read(&Input::Stdin, Some("\u{FEFF}表三".as_bytes()), 1 << 20)
            .ok()
            .expect("text");
        assert_eq!(
            (t.text.as_str(), t.encoding, t.offset, t.kind),
            ("表三", "UTF-8", 3, "text")
        );
        let Err(ReadError::Binary { message, fatal }) = read(&Input::Stdin, Some(b""), 1 << 20)
        else {
            panic!("empty stdin is not a report")
        };
        assert!(fatal && message.contains("0字节"), "{message}");
    }
}
