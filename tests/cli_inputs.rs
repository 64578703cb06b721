//! The `xxgk` binary on hostile inputs: special files (a FIFO in a directory
//! and on the command line, a device), endless and oversized streams, symlink
//! loops, UTF-16 without BOM; and the Chinese help and usage errors.
//!
//! Every run has a time limit: a hang fails the test instead of blocking the
//! suite.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_xxgk");
const SEED000: &str = "seed-000_1969cc7526291166.txt";
const SEED001: &str = "seed-001_e29df57cb4037e37.txt";
const LIMIT: Duration = Duration::from_secs(60);

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("XXGK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let p = dir.join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: corpus file {} not found", p.display());
        None
    }
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("xxgk-inputs-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("make temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Wait for the child at most `LIMIT`; kill it and fail when it hangs.
fn finish(mut child: Child, what: &str) -> Output {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return child.wait_with_output().expect("collect output"),
            Ok(None) if start.elapsed() > LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("xxgk {what} did not finish within {LIMIT:?}: it hangs");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("wait: {e}"),
        }
    }
}

fn spawn(args: &[&str], stdin: Stdio) -> Child {
    Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run xxgk")
}

fn run(args: &[&str]) -> Output {
    finish(spawn(args, Stdio::null()), &args.join(" "))
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo")
        .arg(p)
        .status()
        .expect("run mkfifo")
        .success();
    assert!(ok, "mkfifo {}", p.display());
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ----------------------------------------------------------- special files

#[test]
fn a_fifo_in_a_directory_is_skipped_with_a_note_and_the_batch_goes_on() {
    let Some(seed) = corpus(SEED001) else { return };
    let tmp = TempDir::new("fifo-dir");
    std::fs::copy(&seed, tmp.0.join("a.txt")).expect("copy");
    mkfifo(&tmp.0.join("x.txt"));
    mkfifo(&tmp.0.join("noext"));
    let o = run(&["check", "--color", "never", s(&tmp.0)]);
    // seed-001 has errors: 1; the FIFOs are notes, not failures.
    assert_eq!(code(&o), 1, "{}", err(&o));
    let e = err(&o);
    for name in ["x.txt", "noext"] {
        assert!(
            e.lines()
                .any(|l| l.contains(name) && l.contains("命名管道") && l.contains("跳过")),
            "one line about {name}: {e}"
        );
    }
    assert!(
        out(&o).contains("a.txt: v2019 2020年 · 有错误"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_fifo_named_on_the_command_line_is_refused() {
    let Some(seed) = corpus(SEED000) else { return };
    let tmp = TempDir::new("fifo-arg");
    let fifo = tmp.0.join("pipe.txt");
    mkfifo(&fifo);
    let o = run(&["check", "--color", "never", s(&fifo), s(&seed)]);
    assert_eq!(code(&o), 2, "{}", err(&o));
    assert!(
        err(&o).contains("pipe.txt") && err(&o).contains("不是普通文件（命名管道）"),
        "{}",
        err(&o)
    );
    // The other input is still checked.
    assert!(out(&o).contains("全部核对，未发现错误"), "{}", out(&o));
}

#[test]
fn a_device_named_on_the_command_line_is_refused_not_read() {
    let o = run(&["check", "/dev/zero"]);
    assert_eq!(code(&o), 2);
    assert!(
        err(&o).contains("/dev/zero") && err(&o).contains("设备文件"),
        "{}",
        err(&o)
    );
}

// ------------------------------------------------------------ size limits

#[test]
fn an_endless_stdin_stops_at_the_size_limit() {
    // /dev/zero never ends: without the limit this grows until memory runs out.
    let zero = std::fs::File::open("/dev/zero").expect("open /dev/zero");
    let o = finish(
        spawn(&["check", "--max-size", "1M", "-"], Stdio::from(zero)),
        "check - < /dev/zero",
    );
    assert_eq!(code(&o), 2);
    let e = err(&o);
    assert!(
        e.contains("标准输入") && e.contains("超过大小上限 1M") && e.contains("--max-size"),
        "{e}"
    );
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn a_piped_stream_over_the_limit_is_refused_and_one_under_is_read() {
    let Some(seed) = corpus(SEED000) else { return };
    let text = std::fs::read(&seed).expect("read seed");
    let size = text.len();
    let at = |limit: usize| {
        let mut child = spawn(
            &["check", "--max-size", &limit.to_string(), "-"],
            Stdio::piped(),
        );
        let mut si = child.stdin.take().expect("stdin");
        let t = text.clone();
        // xxgk stops reading at the limit: the writer may see a broken pipe.
        let w = std::thread::spawn(move || {
            let _ = si.write_all(&t);
        });
        let o = finish(child, "check -");
        let _ = w.join();
        o
    };
    let o = at(size);
    assert_eq!(code(&o), 0, "exactly the limit is fine: {}", err(&o));
    let o = at(size - 1);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("超过大小上限"), "{}", err(&o));
}

#[test]
fn a_file_over_the_limit_is_named_and_the_others_still_checked() {
    let (Some(a), Some(b)) = (corpus(SEED000), corpus(SEED001)) else {
        return;
    };
    // seed-001 is larger than 8K, seed-000 smaller than 64K.
    let o = run(&[
        "check",
        "--color",
        "never",
        "--max-size",
        "8K",
        s(&b),
        s(&a),
    ]);
    let e = err(&o);
    let big = std::fs::metadata(&b).expect("stat").len();
    if big > 8 * 1024 {
        assert_eq!(code(&o), 2, "{e}");
        assert!(e.contains(SEED001) && e.contains("超过大小上限 8K"), "{e}");
    }
    let small = std::fs::metadata(&a).expect("stat").len();
    if small <= 8 * 1024 {
        assert!(out(&o).contains(SEED000), "{}", out(&o));
    }
}

#[test]
fn max_size_takes_ripgrep_style_sizes_and_refuses_others() {
    for bad in ["1.5M", "64MB", "M", "abc", "99999999999999999999G"] {
        let o = run(&["check", "--max-size", bad, "x"]);
        assert_eq!(code(&o), 2, "{bad}");
        assert!(
            err(&o).starts_with("xxgk: 用法错误：--max-size 的值"),
            "{bad}: {}",
            err(&o)
        );
    }
}

// -------------------------------------------------------------- symlinks

#[test]
fn symlink_loops_in_a_directory_are_said_and_files_read_once() {
    let Some(seed) = corpus(SEED000) else { return };
    let tmp = TempDir::new("loop");
    let sub = tmp.0.join("sub");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::copy(&seed, sub.join("r.txt")).expect("copy");
    std::os::unix::fs::symlink("..", sub.join("up")).expect("symlink");
    std::os::unix::fs::symlink("self", tmp.0.join("self")).expect("symlink");
    std::os::unix::fs::symlink("gone.txt", tmp.0.join("dangling.txt")).expect("symlink");
    let o = run(&["check", "--format", "json", s(&tmp.0)]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["reports"].as_array().map(Vec::len), Some(1));
    let e = err(&o);
    let line = |name: &str| e.lines().find(|l| l.contains(name)).unwrap_or("");
    assert!(line("up").contains("符号链接循环"), "{e}");
    assert!(line("self").contains("符号链接循环"), "{e}");
    assert!(line("dangling.txt").contains("不存在"), "{e}");
}

// ------------------------------------------------------------- encodings

/// UTF-16 without a BOM (as some Windows tools save text) is recognised by
/// the core decoder (src/input/) and read like the UTF-8 original.
#[test]
fn utf16_without_bom_is_read_like_utf8() {
    let Some(seed) = corpus(SEED000) else { return };
    let text = std::fs::read_to_string(&seed).expect("read");
    let tmp = TempDir::new("utf16");
    for (name, bytes) in [
        (
            "le.txt",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "be.txt",
            text.encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect::<Vec<u8>>(),
        ),
    ] {
        let p = tmp.0.join(name);
        std::fs::write(&p, bytes).expect("write");
        let o = run(&["check", "--format", "json", s(&p)]);
        assert_eq!(code(&o), 0, "{name}: {}", err(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
        let r = &v["reports"][0];
        assert_eq!(r["version"], "v2021", "{name}");
        assert_eq!(r["status"], "clean", "{name}");
    }
}

// ------------------------------------------------------ help and usage

const ENGLISH: &[&str] = &[
    "Usage",
    "usage:",
    "Options",
    "Arguments",
    "Commands",
    "error:",
    "[default",
    "possible values",
    "Print help",
    "For more information",
];

fn no_english(s: &str) {
    for w in ENGLISH {
        assert!(!s.contains(w), "English “{w}” in:\n{s}");
    }
}

#[test]
fn help_is_in_chinese() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["check", "--help"],
        &["check", "-h"],
        &["rules", "--help"],
        &["help"],
        &["help", "check"],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 0, "{args:?}");
        let h = out(&o);
        assert!(h.contains("用法：xxgk"), "{args:?}: {h}");
        no_english(&h);
    }
    let h = out(&run(&["check", "--help"]));
    for w in [
        "--max-size",
        "参数：",
        "选项：",
        "退出码",
        "status",
        "incomplete",
    ] {
        assert!(h.contains(w), "check --help lacks {w}: {h}");
    }
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        out(&o).trim(),
        format!("xxgk {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_are_in_chinese_and_exit_2() {
    for (args, says) in [
        (&["check"][..], "缺少要检查的文件或目录"),
        (
            &["check", "--format", "xml", "x"],
            "--format 的值“xml”无效，可选：human、json",
        ),
        (&["frobnicate"], "没有“frobnicate”这个命令"),
        (&["chek", "x"], "是不是想用 check"),
        (&["check", "--formt", "json", "x"], "是不是想用 --format"),
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}");
        let e = err(&o);
        assert!(e.starts_with("xxgk: 用法错误："), "{args:?}: {e}");
        assert!(e.contains(says), "{args:?}: {e}");
        assert!(e.contains("用法：xxgk"), "{args:?}: {e}");
        no_english(&e);
    }
}

// ------------------------------------------------- totals and the table

#[test]
fn several_files_end_with_a_table_and_a_total_that_counts_everything() {
    let (Some(a), Some(b)) = (corpus(SEED000), corpus(SEED001)) else {
        return;
    };
    let o = run(&["check", "--color", "never", s(&a), s(&b)]);
    assert_eq!(code(&o), 1);
    let h = out(&o);
    let j = run(&["check", "--format", "json", s(&a), s(&b)]);
    let v: Value = serde_json::from_slice(&j.stdout).expect("JSON");
    let sum = |k: &str| -> u64 {
        v["reports"]
            .as_array()
            .expect("reports")
            .iter()
            .map(|r| r["summary"][k].as_u64().unwrap_or(0))
            .sum()
    };
    let total = h.lines().last().unwrap_or("");
    assert_eq!(
        total,
        format!(
            "共检查 2 个文件：1 个有错误、0 个未能完整核对、1 个全部核对未发现错误；\
             共要改 {} 处（{} 条规则不符）、{} 处提醒、{} 处说明",
            sum("mistakes"),
            sum("errors"),
            sum("warnings"),
            sum("infos")
        )
    );
    // The table: a header and one line per file, in input order.
    let head = h
        .lines()
        .position(|l| l.starts_with("文件") && l.contains("结论"))
        .expect("table header");
    let rows: Vec<&str> = h.lines().skip(head + 1).take(2).collect();
    assert!(
        rows[0].starts_with(s(&a)) && rows[0].contains("全部核对，未发现错误"),
        "{h}"
    );
    assert!(
        rows[1].starts_with(s(&b)) && rows[1].contains("有错误") && rows[1].contains("2020"),
        "{h}"
    );
}
