//! The `xxgk` command line.
//!
//! - `xxgk check [--format human|json] [--color auto|always|never] PATH...`
//!   checks files, directories (recursively: .txt .md .html .htm and
//!   extensionless text) and `-` (stdin). Exit status: 0 no errors, 1 some
//!   report has errors, 2 an input could not be read or the usage is wrong
//!   (2 wins over 1; the other inputs are still checked).
//! - `xxgk rules [--format human|json]` lists the rule catalogue.

mod compare;
mod csv_out;
mod human;
mod input;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use xxgk_validator::{wire, Report, Span};

use input::{Input, ReadError};

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "检查政府信息公开工作年度报告的统计表格：读出表二、表三、表四，核对勾稽关系，指出填错的格子。",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查报告文件、目录（递归，.txt .md .html .htm 及无扩展名文本）或标准输入（-）
    ///
    /// 退出码：0 没有错误；1 有报告存在错误；2 有文件无法读取或用法错误。
    Check(CheckArgs),
    /// 比较同一单位相邻两年的报告（上年结转、现行有效件数、表格是否照抄上年）
    ///
    /// 退出码：0 没有错误；1 有错误；2 文件无法读取或用法错误。
    Compare(compare::Args),
    /// 列出全部检查规则（编号、级别、标题、说明）
    Rules {
        /// 输出格式
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 输出格式：human 给人看的标注片段；json 一个 JSON 文档（见 README“JSON output”）
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    format: Format,
    /// 是否着色（auto：输出到终端且未设置 NO_COLOR 时着色）
    #[arg(long, value_enum, default_value_t = ColorMode::Auto)]
    color: ColorMode,
    /// 要检查的文件或目录；- 表示标准输入
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    /// 每条发现一行（UTF-8 带 BOM，Excel 可直接打开）
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorMode {
    Auto,
    Always,
    Never,
}

/// Inputs are checked in chunks of this many, in parallel within a chunk,
/// and printed in input order after each chunk.
const CHUNK: usize = 256;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Compare(args) => compare::run(args),
        Command::Rules { format } => rules(format).map(|_| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // stdout closed (e.g. `xxgk check dir | head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(0),
        Err(e) => {
            let _ = writeln!(io::stderr(), "xxgk: 无法写出结果：{e}");
            ExitCode::from(2)
        }
    }
}

/// What came of one input.
enum Outcome {
    /// Checked: the rendered output (human text or one JSON report).
    Checked {
        out: String,
        errors: usize,
        warnings: usize,
        note: Option<String>,
    },
    /// Not checked; `fatal` makes the exit status 2.
    Failed { message: String, fatal: bool },
}

pub(crate) fn use_color(mode: ColorMode) -> bool {
    match mode {
        ColorMode::Always => true,
        ColorMode::Never => false,
        ColorMode::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR")
                    .map(|v| v.is_empty())
                    .unwrap_or(true)
                && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)
        }
    }
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let style = human::Style {
        color: use_color(args.color),
    };
    let (inputs, notes) = input::collect(&args.paths);

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut fatal = false;
    for n in &notes {
        fatal |= n.fatal;
        let _ = writeln!(io::stderr(), "xxgk: {}", n.message);
    }

    // Standard input is read once, up front, whatever its position.
    let stdin: Option<Result<Vec<u8>, String>> =
        inputs.iter().any(|i| matches!(i, Input::Stdin)).then(|| {
            input::read_stdin().map_err(|e| format!("无法读取标准输入：{}", input::io_reason(&e)))
        });

    let json = args.format == Format::Json;
    let csv = args.format == Format::Csv;
    if json {
        out.write_all(b"{\"reports\":[")?;
    } else if csv {
        out.write_all(csv_out::header().as_bytes())?;
    }
    let previous = compare::Previous::build(&inputs, stdin.as_ref());
    let (mut files, mut with_errors, mut total_e, mut total_w, mut failed) =
        (0usize, 0usize, 0, 0, 0usize);
    let mut first = true;
    for chunk in inputs.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|i| check_one(i, stdin.as_ref(), args.format, style, &previous))
            .collect();
        for o in outcomes {
            match o {
                Outcome::Checked {
                    out: text,
                    errors,
                    warnings,
                    note,
                } => {
                    if let Some(n) = note {
                        out.flush()?;
                        let _ = writeln!(io::stderr(), "xxgk: {n}");
                    }
                    files += 1;
                    with_errors += usize::from(errors > 0);
                    total_e += errors;
                    total_w += warnings;
                    if json && !first {
                        out.write_all(b",")?;
                    }
                    first = false;
                    out.write_all(text.as_bytes())?;
                }
                Outcome::Failed { message, fatal: f } => {
                    fatal |= f;
                    failed += usize::from(f);
                    out.flush()?;
                    let _ = writeln!(io::stderr(), "xxgk: {message}");
                }
            }
        }
    }
    if json {
        out.write_all(b"]}\n")?;
    } else if !csv && (inputs.len() > 1 || failed > 0) {
        let mut line = format!(
            "共检查 {files} 个文件：{with_errors} 个有错误，共 {total_e} 处错误 {total_w} 处提醒"
        );
        if failed > 0 {
            line.push_str(&format!("；{failed} 个无法读取"));
        }
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(if fatal {
        2
    } else if with_errors > 0 {
        1
    } else {
        0
    })
}

fn check_one(
    i: &Input,
    stdin: Option<&Result<Vec<u8>, String>>,
    format: Format,
    style: human::Style,
    previous: &compare::Previous,
) -> Outcome {
    let stdin_bytes = match (i, stdin) {
        (Input::Stdin, Some(Err(e))) => {
            return Outcome::Failed {
                message: e.clone(),
                fatal: true,
            }
        }
        (Input::Stdin, Some(Ok(b))) => Some(b.as_slice()),
        _ => None,
    };
    let t = match input::read(i, stdin_bytes) {
        Ok(t) => t,
        Err(ReadError::Io(message)) => {
            return Outcome::Failed {
                message,
                fatal: true,
            }
        }
        // A binary file found in a directory is skipped; one named, or a
        // document that cannot be read, is an error.
        Err(ReadError::Binary { message, fatal }) => return Outcome::Failed { message, fatal },
    };
    let source = i.source();
    let (mut out, mut errors, mut warnings) = (String::new(), 0, 0);
    for (k, mut report) in xxgk_validator::check_all(&t.text).into_iter().enumerate() {
        previous.annotate(&mut report);
        errors += report.count(xxgk_validator::Severity::Error);
        warnings += report.count(xxgk_validator::Severity::Warning);
        match format {
            Format::Json => {
                shift_spans(&mut report, t.offset);
                let mut w = wire::report(&report, &source, Some(t.encoding), None);
                w.source_kind = Some(t.kind);
                match serde_json::to_string(&w) {
                    Ok(s) => {
                        if k > 0 {
                            out.push(',');
                        }
                        out.push_str(&s);
                    }
                    Err(e) => {
                        return Outcome::Failed {
                            message: format!("{source}：无法生成 JSON：{e}"),
                            fatal: true,
                        }
                    }
                }
            }
            Format::Csv => out.push_str(&csv_out::rows(&source, &report)),
            Format::Human => human::render(
                &mut out, &source, &t.text, t.encoding, t.lossy, &report, style,
            ),
        }
    }
    let note = t.lossy.then(|| {
        format!(
            "{source}：有无法按 {} 解码的字节，已替换为 U+FFFD",
            t.encoding
        )
    });
    Outcome::Checked {
        out,
        errors,
        warnings,
        note,
    }
}

/// Make spans index the file's bytes when a BOM was stripped before checking.
fn shift_spans(r: &mut Report, by: usize) {
    if by == 0 {
        return;
    }
    let sh = |s: Span| Span::new(s.start + by, s.end + by);
    for c in &mut r.cells {
        c.span = sh(c.span);
    }
    for d in &mut r.diagnostics {
        d.span = d.span.map(sh);
    }
}

fn rules(format: Format) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let catalog = wire::rule_catalog();
    match format {
        Format::Csv => out.write_all(csv_out::rules(&catalog).as_bytes())?,
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Rules {
                rules: Vec<wire::WireRule>,
            }
            serde_json::to_writer_pretty(&mut out, &Rules { rules: catalog })
                .map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Human => {
            let width = catalog.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &catalog {
                let sev = match r.severity {
                    "error" => "错误",
                    "warning" => "提醒",
                    _ => "说明",
                };
                writeln!(out, "{:<width$}  {sev}  {}", r.id, r.title)?;
                writeln!(out, "{:width$}  检查：{}", "", r.what)?;
                writeln!(out, "{:width$}  原因：{}", "", r.why)?;
                writeln!(out, "{:width$}  改正：{}", "", r.fix)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()
}
