//! The `xxgk` command line.
//!
//! - `xxgk check [--format human|json] [--color auto|always|never]
//!   [--max-size N] PATH...` checks files, directories (recursively: .txt
//!   .md .html .htm and extensionless text; only regular files) and `-`
//!   (stdin). Exit status: 0 no errors, 1 some report has errors, 2 an input
//!   could not be read or the usage is wrong (2 wins over 1; the other inputs
//!   are still checked).
//! - `xxgk rules [--format human|json]` lists the rule catalogue.
//!
//! Help, usage and usage errors are in Chinese: clap's own English headings
//! are replaced by templates, and its errors are rendered by [`usage_error`].

/// A check makes many small, short-lived allocations (cells, messages,
/// spans); mimalloc serves them in a fraction of the system allocator's time.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod compare;
mod csv_out;
mod human;
mod input;
mod json_out;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use xxgk_validator::report::Status;
use xxgk_validator::{wire, Report, Span};

use input::{Input, ReadError};

/// The help pages' layouts, with Chinese headings (clap's own are English
/// and end in an ASCII colon).
const MAIN_TEMPLATE: &str = "\
{about-with-newline}
用法：{usage}

命令：
{subcommands}

选项：
{options}{after-help}";
const CHECK_TEMPLATE: &str = "\
{about-with-newline}
用法：{usage}

参数：
{positionals}

选项：
{options}{after-help}";
const RULES_TEMPLATE: &str = "\
{about-with-newline}
用法：{usage}

选项：
{options}{after-help}";

const MAIN_AFTER_HELP: &str = "\
示例：
  xxgk check 报告.txt              检查一个文件
  xxgk check 报告目录/             检查目录下的全部报告
  pdftotext -layout 报告.pdf - | xxgk check -
  xxgk check --format json 报告.html

详见 xxgk check --help、xxgk compare --help、xxgk rules --help。";

const CHECK_AFTER_HELP: &str = "\
只读取普通文件：目录中的命名管道、设备等特殊文件会被跳过并说明；在命令行上直接
指定这类文件会被拒绝（退出码 2）。要检查管道中的内容，请用 - 从标准输入传入。
指向目录的符号链接不跟随（以免循环），跳过时会说明。

每份报告的结论有三种（JSON 中的 status 字段）：
  errors       有错误：至少一处错误
  clean        全部核对，未发现错误：三张表全部读出，每条规则都已核对
  incomplete   未能完整核对：有表格或行没有读出、有规则无法核对；
               原因在 verdict.reasons 中说明（这时没有发现错误，不等于没有错误）

退出码：
  0  没有报告有错误（包括未能完整核对的报告）
  1  至少一份报告有错误
  2  有输入无法读取（不存在、不是文本、超过大小上限、特殊文件）或用法错误；
     其余输入照常检查，2 优先于 1";

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "检查政府信息公开工作年度报告的统计表格：读出表二、表三、表四，核对勾稽关系，指出填错的格子。",
    long_about = None,
    help_template = MAIN_TEMPLATE,
    override_usage = "xxgk <命令> [选项]",
    after_help = MAIN_AFTER_HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, display_order = 100)]
    help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long = "version", action = ArgAction::Version, display_order = 101)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 检查报告文件、目录（递归，.txt .md .html .htm 及无扩展名文本）或标准输入（-）
    #[command(
        help_template = CHECK_TEMPLATE,
        override_usage = "xxgk check [选项] <路径>...",
        after_help = CHECK_AFTER_HELP
    )]
    Check(CheckArgs),
    /// 比较同一单位相邻两年的报告（上年结转、现行有效件数、表格是否照抄上年）
    #[command(
        help_template = CHECK_TEMPLATE,
        override_usage = "xxgk compare [选项] <上年报告> <本年报告>",
        after_help = "退出码：0 没有错误；1 有错误；2 文件无法读取或用法错误。"
    )]
    Compare(compare::Args),
    /// 列出全部检查规则（编号、级别、标题、说明）
    #[command(
        help_template = RULES_TEMPLATE,
        override_usage = "xxgk rules [选项]"
    )]
    Rules {
        /// 输出格式：human（默认）给人看；json 一个 JSON 文档
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Human,
              value_name = "格式", hide_default_value = true, hide_possible_values = true)]
        format: Format,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 输出格式：human（默认）给人看的标注片段；json 一个 JSON 文档（见 README“JSON output”）；csv 每条发现一行
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human,
          value_name = "格式", hide_default_value = true, hide_possible_values = true)]
    format: Format,
    /// 是否着色：auto（默认，输出到终端且未设置 NO_COLOR 时着色）、always、never
    #[arg(long, value_enum, default_value_t = ColorMode::Auto,
          value_name = "何时", hide_default_value = true, hide_possible_values = true)]
    color: ColorMode,
    /// 单个输入的大小上限，超过则不检查（退出码 2）；整数字节数，可带单位 K、M、G（按 1024 计），默认 64M
    #[arg(long, value_name = "大小", default_value = "64M", value_parser = input::parse_size,
          hide_default_value = true)]
    max_size: u64,
    /// 要检查的文件或目录；- 表示标准输入
    #[arg(required = true, value_name = "路径")]
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
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

/// Print clap's outcome in Chinese: help and version as they are (the help
/// is Chinese by its template), errors as a plain Chinese sentence, the
/// usage line and where to find help. Exit status 2 for errors.
fn usage_error(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::from(0);
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        // `xxgk help [命令]`: the help page asked for in the usual way.
        ErrorKind::InvalidSubcommand if subcommand().as_deref() == Some("help") => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            // Built, so that the subcommands get the global (Chinese) -h.
            cmd.build();
            let page = match std::env::args().nth(2).as_deref() {
                Some(sub @ ("check" | "rules" | "compare")) => cmd
                    .find_subcommand_mut(sub)
                    .map(|c| c.render_help())
                    .unwrap_or_default(),
                _ => cmd.render_help(),
            };
            let _ = write!(io::stdout(), "{page}");
            return ExitCode::from(0);
        }
        _ => {}
    }
    let _ = writeln!(io::stderr(), "{}", usage_message(e));
    ExitCode::from(2)
}

/// The subcommand given on the command line, if any.
fn subcommand() -> Option<String> {
    std::env::args().skip(1).find(|a| !a.starts_with('-'))
}

/// The Chinese text for a usage error.
fn usage_message(e: &clap::Error) -> String {
    let one = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let many = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    };
    // "--format <格式>" → "--format".
    let arg = one(ContextKind::InvalidArg)
        .map(|a| a.split_whitespace().next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let value = one(ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = many(ContextKind::ValidValue);
            if value.is_empty() {
                format!("{arg} 需要一个值")
            } else if valid.is_empty() {
                format!("{arg} 的值“{value}”无效")
            } else {
                format!("{arg} 的值“{value}”无效，可选：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("{arg} 的值“{value}”无效：{why}")
        }
        ErrorKind::UnknownArgument => {
            format!("无法识别的选项或参数“{arg}”")
        }
        ErrorKind::InvalidSubcommand => {
            let cmd = one(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有“{cmd}”这个命令，可用的命令：check、compare、rules")
        }
        ErrorKind::MissingSubcommand => "缺少命令：check、compare 或 rules".to_string(),
        ErrorKind::MissingRequiredArgument => {
            let what = many(ContextKind::InvalidArg);
            if what.contains("路径") {
                "缺少要检查的文件或目录（用 - 表示标准输入）".to_string()
            } else {
                format!("缺少必需的参数：{what}")
            }
        }
        ErrorKind::ArgumentConflict => format!("{arg} 不能与其他选项同时使用"),
        ErrorKind::TooManyValues => format!("“{value}”是多余的参数"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用等号给出，如 {arg}=值"),
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是 UTF-8）".to_string(),
        _ => "参数有误".to_string(),
    };
    let suggested = many(ContextKind::SuggestedArg);
    let suggested_cmd = many(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        msg.push_str(&format!("；是不是想用 {suggested}？"));
    } else if !suggested_cmd.is_empty() {
        msg.push_str(&format!("；是不是想用 {suggested_cmd}？"));
    }
    let usage = match subcommand().as_deref() {
        Some("check") => "xxgk check [选项] <路径>...",
        Some("rules") => "xxgk rules [选项]",
        Some("compare") => "xxgk compare [选项] <上年报告> <本年报告>",
        _ => "xxgk <命令> [选项]",
    };
    let help = usage
        .split(" [")
        .next()
        .unwrap_or("xxgk")
        .replace(" <命令>", "");
    format!("xxgk: 用法错误：{msg}\n\n用法：{usage}\n详见 {help} --help")
}

/// What came of one input.
enum Outcome {
    /// Checked: the rendered output (human text or one JSON report).
    Checked {
        out: Vec<u8>,
        /// The lines of the summary table (status and counts), one per
        /// report in the input.
        rows: Vec<human::Row>,
        infos: usize,
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

    let mut out = io::BufWriter::new(raw_stdout());
    let mut fatal = false;
    for n in &notes {
        fatal |= n.fatal;
        let _ = writeln!(io::stderr(), "xxgk: {}", n.message);
    }

    // Standard input is read once, up front, whatever its position.
    // At most `max_size + 1` bytes are read: an endless stream stops there.
    let max_size = args.max_size;
    let stdin: Option<Result<Vec<u8>, String>> = inputs
        .iter()
        .any(|i| matches!(i, Input::Stdin))
        .then(|| match input::read_stdin(max_size) {
            Ok(Some(b)) => Ok(b),
            Ok(None) => Err(input::too_large("标准输入", max_size)),
            Err(e) => Err(format!("无法读取标准输入：{}", input::io_reason(&e))),
        });

    let json = args.format == Format::Json;
    let csv = args.format == Format::Csv;
    if json {
        out.write_all(b"{\"reports\":[")?;
    } else if csv {
        out.write_all(csv_out::header().as_bytes())?;
    }
    let (previous, mut known) = compare::Previous::build(&inputs, stdin.as_ref(), max_size);
    // Inputs refused before reading (special files named, directories that
    // cannot be listed) count as not readable.
    let (mut files, mut failed) = (0usize, notes.iter().filter(|n| n.fatal).count());
    let (mut with_errors, mut incomplete, mut clean) = (0usize, 0usize, 0usize);
    let (mut total_m, mut total_e, mut total_w, mut total_i) = (0usize, 0usize, 0usize, 0usize);
    let mut table: Vec<human::Row> = Vec::new();
    let mut first = true;
    for (chunk, known) in inputs.chunks(CHUNK).zip(known.chunks_mut(CHUNK)) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .zip(known.par_iter_mut())
            .map(|(i, k)| {
                let k = std::mem::take(k);
                check_one(
                    i,
                    k,
                    stdin.as_ref(),
                    args.format,
                    style,
                    &previous,
                    max_size,
                )
            })
            .collect();
        for o in outcomes {
            match o {
                Outcome::Checked {
                    out: text,
                    rows,
                    infos,
                    note,
                } => {
                    if let Some(n) = note {
                        out.flush()?;
                        let _ = writeln!(io::stderr(), "xxgk: {n}");
                    }
                    files += 1;
                    total_i += infos;
                    for row in rows {
                        match row.status {
                            Status::Errors => with_errors += 1,
                            Status::Incomplete => incomplete += 1,
                            Status::Clean => clean += 1,
                        }
                        total_m += row.mistakes;
                        total_e += row.errors;
                        total_w += row.warnings;
                        if !json && !csv {
                            table.push(row);
                        }
                    }
                    if json && !first {
                        out.write_all(b",")?;
                    }
                    first = false;
                    out.write_all(&text)?;
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
        if table.len() > 1 {
            writeln!(out)?;
            out.write_all(human::table(&table, style).as_bytes())?;
            writeln!(out)?;
        }
        // Counted by report: one file can hold several reports.
        let reports = with_errors + incomplete + clean;
        let unit = if reports == files { "个" } else { "份报告" };
        let mut line = format!("共检查 {files} 个文件");
        if reports != files {
            line.push_str(&format!("（{reports} 份报告）"));
        }
        line.push_str(&format!(
            "：{with_errors} {unit}有错误、{incomplete} {unit}未能完整核对、{clean} {unit}全部核对未发现错误；\
             共要改 {total_m} 处（{total_e} 条规则不符）、{total_w} 处提醒、{total_i} 处说明"
        ));
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

/// Standard output for the reports: on Unix a `File` on the same descriptor,
/// because the standard library's `Stdout` is line-buffered and looks for
/// the last newline in every write (megabytes of JSON in a batch).
fn raw_stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stdout().lock())
}

#[allow(clippy::too_many_arguments)]
fn check_one(
    i: &Input,
    known: compare::Known,
    stdin: Option<&Result<Vec<u8>, String>>,
    format: Format,
    style: human::Style,
    previous: &compare::Previous,
    max_size: u64,
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
    // The pairing pass's heading was found in this text when it kept it.
    let kept = known.read.is_some();
    let read = known
        .read
        .unwrap_or_else(|| input::read(i, stdin_bytes, max_size));
    let t = match read {
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
    let (mut out, mut rows, mut infos) = (String::new(), Vec::new(), 0);
    // JSON is written straight into bytes, with room for a typical report
    // (a short text's JSON is about twice its size; the JSON grows with the
    // cells and findings, not with the text, so the room is capped: a folder
    // of long texts must not reserve twice their size until they are written).
    let mut json: Vec<u8> = Vec::new();
    if format == Format::Json {
        json.reserve(
            t.text
                .len()
                .saturating_mul(2)
                .saturating_add(16 << 10)
                .min(256 << 10),
        );
    }
    // The title: the unit is shown in the table of the human format only;
    // found once, it is handed to the check of the same text.
    let (mut heading, same_text) = match known.heading {
        Some(h) => (Some(h), kept),
        None if format == Format::Human => {
            (Some(xxgk_validator::statements::heading(&t.text)), true)
        }
        None => (None, false),
    };
    let reports = known.reports.unwrap_or_else(|| {
        xxgk_validator::check_all_with(&t.text, heading.as_mut().filter(|_| same_text))
    });
    let unit = match format {
        Format::Human => heading.and_then(|h| h.unit().map(str::to_string)),
        _ => None,
    };
    for (k, mut report) in reports.into_iter().enumerate() {
        previous.annotate(&mut report);
        rows.push(human::Row::of(&source, unit.clone(), &report));
        infos += report.count(xxgk_validator::Severity::Info);
        match format {
            Format::Json => {
                shift_spans(&mut report, t.offset);
                let mut w = wire::report(&report, &source, Some(t.encoding), None);
                w.source_kind = Some(t.kind);
                if k > 0 {
                    json.push(b',');
                }
                json_out::report(&mut json, &w);
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
        out: if format == Format::Json {
            json
        } else {
            out.into_bytes()
        },
        rows,
        infos,
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
