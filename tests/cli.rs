//! The command line (examples/zhgloss.rs), run as users run it: every format, every error.
//!
//! Cargo sets `CARGO_BIN_EXE_<name>` for binaries only, not for examples, and `cargo test
//! --test cli` alone need not build the example. So the first test to need it runs
//! `cargo build --example zhgloss` (the same cargo, profile and target directory as this test
//! binary, found from its own path `<target>/<profile>/deps/cli-…`), which is a no-op when the
//! example is up to date, and runs `<target>/<profile>/examples/zhgloss`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use zhgloss::render::{self, Format, Options};
use zhgloss::{Annotator, Glossary};

mod common;

use common::{REPORT, Scratch};

fn zhgloss() -> Command {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    let bin = BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary has a path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("<target>/<profile>/deps/");
        let target = profile_dir.parent().expect("<target>/<profile>");
        let mut build = Command::new(env!("CARGO"));
        build
            .args([
                "build",
                "--quiet",
                "--example",
                "zhgloss",
                "--manifest-path",
            ])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target);
        // The profile's directory is its name, except `dev`'s, which is `debug`.
        match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => {}
            Some(profile) => {
                build.args(["--profile", profile]);
            }
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "cargo build --example zhgloss failed");
        profile_dir
            .join("examples")
            .join(format!("zhgloss{}", std::env::consts::EXE_SUFFIX))
    });
    Command::new(bin)
}

/// Runs zhgloss with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = zhgloss()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zhgloss starts");
    let mut input = child.stdin.take().expect("piped stdin");
    let stdin = stdin.to_vec();
    // Write from a thread: zhgloss streams, so it writes output while we still feed it.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("zhgloss runs");
    feeder.join().expect("the feeder thread ends");
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("output is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("errors are UTF-8")
}

fn annotator() -> Annotator {
    Annotator::new(&Glossary::builtin()).expect("the built-in glossary compiles")
}

#[test]
fn inline_is_the_default_and_strips_back() {
    let out = run(&[], REPORT.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(
        "“金 10 条”\u{2060}（《金山区关于促进金融服务实体经济发展的若干意见（试行）》）政策实施细则"
    ));
    let ann = annotator();
    assert_eq!(render::strip_inline(&ann, &text), REPORT);
    // Annotating the output again adds nothing.
    let again = run(&["-f", "inline"], text.as_bytes());
    assert_eq!(stdout(&again), text);
}

#[test]
fn every_glosses_every_occurrence() {
    let first = stdout(&run(&[], "三线一单、三线一单".as_bytes()));
    let every = stdout(&run(&["--every"], "三线一单、三线一单".as_bytes()));
    assert_eq!(first.matches('（').count(), 1);
    assert_eq!(every.matches('（').count(), 2);
}

#[test]
fn json_matches_the_library() {
    let out = run(&["--format", "json"], REPORT.as_bytes());
    assert!(out.status.success());
    assert_eq!(stdout(&out), render::json(&annotator(), REPORT) + "\n");
}

#[test]
fn threads_give_the_same_output() {
    // Over 2 MiB: with two threads, windows of 1 MiB a thread are searched in parts.
    let text = REPORT.repeat(60);
    for format in ["json", "inline"] {
        let one = run(&["--format", format, "--threads", "1"], text.as_bytes());
        let two = run(&["--format", format, "--threads", "2"], text.as_bytes());
        assert!(one.status.success() && two.status.success());
        assert!(one.stdout == two.stdout, "{format}");
    }
    // Past 256 KiB of matches the JSON renderer writes "bytes" last; the matches are the
    // library's.
    // No threads is a usage error, not a silent one.
    let zero = run(&["--threads", "0"], b"");
    assert_eq!(zero.status.code(), Some(2));
    assert!(stderr(&zero).contains("--threads"), "{}", stderr(&zero));
    let json = run(&["--format", "json", "--threads", "2"], text.as_bytes());
    let ann = annotator();
    assert!(stdout(&json).contains(&format!("\"bytes\":{}", text.len())));
    assert_eq!(
        stdout(&json).matches("\"entry\":").count(),
        ann.find_iter(&text).count()
    );
}

#[test]
fn several_files_are_several_documents() {
    let dir = Scratch::new("several");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, "编制三线一单").unwrap();
    std::fs::write(&b, "三线一单").unwrap();
    let out = run(
        &["-f", "json", a.to_str().unwrap(), b.to_str().unwrap()],
        b"",
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("{\"bytes\":18,"));
    assert!(lines[1].starts_with("{\"bytes\":12,"));
    // First occurrence is per document.
    let inline = stdout(&run(&[a.to_str().unwrap(), b.to_str().unwrap()], b""));
    assert_eq!(inline.matches('\u{2060}').count(), 2);
}

#[test]
fn jsonl_passes_fields_through_in_order() {
    let input =
        "{\"id\":\"a\",\"text\":\"编制三线一单\",\"n\":1e3}\n{\"text\":\"\",\"id\":\"b\"}\n";
    let out = run(&["-f", "jsonl"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(
        "{\"id\":\"a\",\"text\":\"编制三线一单\",\"n\":1e3,\"matches\":[{\"entry\":24,"
    ));
    assert_eq!(lines[1], "{\"text\":\"\",\"id\":\"b\",\"matches\":[]}");
}

#[test]
fn jsonl_malformed_line_exits_1() {
    let out = run(&["-f", "jsonl"], b"{\"text\":\"\"}\n{\"text\":\n");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("zhgloss: <stdin>:2:"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn footnote_and_markdown() {
    let text = "出台“金 10 条”，编制三线一单。\n";
    let foot = stdout(&run(&["-f", "footnote"], text.as_bytes()));
    assert!(
        foot.starts_with("出台“金 10 条”¹，编制三线一单²。\n\n注解\n¹ 金10条："),
        "{foot}"
    );
    let md = stdout(&run(&["-f", "markdown"], text.as_bytes()));
    assert!(
        md.starts_with("出台“金 10 条”[^1]，编制三线一单[^2]。\n\n[^1]: **金10条**："),
        "{md}"
    );
    assert!(md.contains("\n[^2]: **三线一单**："));
}

#[test]
fn footnote_marks_avoid_the_texts_own_or_are_forced() {
    let text = "增长6.7%¹，编制三线一单。\n";
    // From stdin, as from a file: the text's ¹ makes the marks 〔n〕.
    let foot = stdout(&run(&["-f", "footnote"], text.as_bytes()));
    assert!(
        foot.starts_with("增长6.7%¹，编制三线一单〔1〕。\n\n注解\n〔1〕 三线一单："),
        "{foot}"
    );
    let label = stdout(&run(
        &["-f", "footnote", "--notation", "label"],
        text.as_bytes(),
    ));
    assert!(
        label.contains("三线一单［注1］。\n\n注解\n［注1］ 三线一单："),
        "{label}"
    );
    let out = run(&["-f", "footnote", "--notation", "roman"], text.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("superscript, bracket, label"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_html_page_is_named_by_its_title_line_else_its_file() {
    let dir = std::env::temp_dir().join(format!("zhgloss-html-title-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let untitled = dir.join("金山 <报告>.txt");
    std::fs::write(&untitled, "编制“三线一单”。\n").unwrap();
    let titled = dir.join("titled.txt");
    std::fs::write(&titled, "政府工作报告\n\n编制“三线一单”。\n").unwrap();
    let page = |path: &std::path::Path| stdout(&run(&["-f", "html", path.to_str().unwrap()], b""));
    let named = page(&untitled);
    assert!(
        named.contains("<title>金山 &lt;报告&gt;.txt</title>"),
        "{named}"
    );
    assert!(
        named.contains("<h1 class=\"name\">金山 &lt;报告&gt;.txt</h1>"),
        "{named}"
    );
    let own = page(&titled);
    assert!(own.contains("<title>政府工作报告</title>"), "{own}");
    assert!(own.contains("<h1>政府工作报告</h1>"), "{own}");
    // From standard input there is no name: the glossary's is the last resort.
    let piped = stdout(&run(&["-f", "html"], "编制“三线一单”。".as_bytes()));
    assert!(piped.contains("<title>2020 年金山区人民政府工作报告 · 名词解释</title>"));
    assert!(!piped.contains("<h1"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn html_page_escapes_the_text() {
    let out = run(
        &["-f", "html"],
        "<script>alert('x')</script>推进“一网通办”".as_bytes(),
    );
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script>"));
    assert!(page.contains("&lt;script&gt;"));
    assert!(page.contains("<a class=\"term\" href=\"#g-2\""));
    assert!(page.contains("<dd id=\"d-2\">"));
}

#[test]
fn empty_input_gives_valid_empty_output() {
    for format in Format::NAMES {
        let out = run(&["-f", format], b"");
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        match format {
            "json" => assert_eq!(text, "{\"bytes\":0,\"matches\":[]}\n"),
            "html" => assert!(text.starts_with("<!DOCTYPE html>") && text.contains("</html>")),
            "glossary" => assert!(Glossary::from_json_str(&text).unwrap().entries.is_empty()),
            _ => assert_eq!(text, "", "{format}"),
        }
    }
}

#[test]
fn legacy_encodings() {
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(REPORT);
    assert!(!lossy);
    let expected = stdout(&run(&["-f", "json"], REPORT.as_bytes()));
    for enc in ["gbk", "gb18030"] {
        let out = run(&["-f", "json", "--encoding", enc], &gbk);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), expected);
    }
}

#[test]
fn invalid_utf8_exits_1_naming_file_and_offset() {
    let dir = Scratch::new("utf8");
    let file = dir.join("gbk.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode("2020 年一网通办");
    std::fs::write(&file, &gbk).unwrap();
    let out = run(&[file.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "zhgloss: {}:byte 5: invalid UTF-8",
            file.display()
        )),
        "{err}"
    );
    assert!(err.contains("--encoding"), "{err}");
    // From stdin too.
    let out = run(&[], &gbk);
    assert!(stderr(&out).starts_with("zhgloss: <stdin>:byte 5: invalid UTF-8"));
}

#[test]
fn malformed_glossary_exits_2_with_position() {
    let dir = Scratch::new("glossary");
    let g = dir.join("g.json");
    std::fs::write(&g, "{\n  \"entries\": [\n    {\"id\": 1,,}\n  ]\n}\n").unwrap();
    let out = run(&["-g", g.to_str().unwrap()], "三线一单".as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("zhgloss: {}:3:14: ", g.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn glossaries_merge_and_list() {
    let dir = Scratch::new("merge");
    let g = dir.join("mine.json");
    std::fs::write(
        &g,
        r#"{"entries": [{"id": 101, "term": "一网统管", "definition": "是指城市运行一网统管。"}]}"#,
    )
    .unwrap();
    let only = stdout(&run(
        &["-f", "json", "-g", g.to_str().unwrap()],
        "一网统管、三线一单".as_bytes(),
    ));
    assert_eq!(only.matches("\"entry\"").count(), 1);
    let both = stdout(&run(
        &["-f", "json", "-g", g.to_str().unwrap(), "--with-builtin"],
        "一网统管、三线一单".as_bytes(),
    ));
    assert_eq!(both.matches("\"entry\"").count(), 2);
    let list = run(&["list", "-g", g.to_str().unwrap(), "--with-builtin"], b"");
    assert!(list.status.success());
    let listed = Glossary::from_json_str(&stdout(&list)).expect("list prints a glossary");
    assert_eq!(listed.entries.len(), 30);
    let builtin = Glossary::from_json_str(&stdout(&run(&["list"], b""))).unwrap();
    assert_eq!(builtin, Glossary::builtin());
}

#[test]
fn missing_file_is_named() {
    let out = run(&["没有这个文件.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("zhgloss: 没有这个文件.txt: "),
        "{}",
        stderr(&out)
    );
    let out = run(&["-g", "没有.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("zhgloss: 没有.json: "));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["--format", "yaml"][..],
        &["--bogus"],
        &["--encoding", "big5"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn closed_pipe_ends_quietly() {
    let input = REPORT.repeat(40);
    for format in Format::NAMES.iter().filter(|f| **f != "jsonl") {
        let mut child = zhgloss()
            .args(["-f", format, "--every"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let bytes = input.clone().into_bytes();
        let feeder = std::thread::spawn(move || {
            // zhgloss may stop reading once its output is gone.
            let _ = stdin.write_all(&bytes);
        });
        let mut head = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut head).unwrap();
        // Dropping our end of stdout closes the pipe, as `| head -c 10` does.
        let out = child.wait_with_output().unwrap();
        feeder.join().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert_eq!(stderr(&out), "", "{format}");
    }
}

#[test]
fn the_library_and_the_command_line_agree() {
    let ann = annotator();
    for format in Format::NAMES.iter().filter(|f| **f != "jsonl") {
        let f: Format = format.parse().unwrap();
        let lib = render::to_string(&ann, f, REPORT, &Options::new()).unwrap();
        assert_eq!(
            stdout(&run(&["-f", format], REPORT.as_bytes())),
            lib,
            "{format}"
        );
    }
}

#[test]
fn extract_prints_the_report_glossary() {
    let out = run(&["extract"], REPORT.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let g = Glossary::from_json_str(&stdout(&out)).expect("extract prints a glossary");
    assert_eq!(g.entries.len(), 29);
    assert_eq!(g.entry(7).map(|e| e.term.as_str()), Some("金10条"));
}

#[test]
fn audit_lists_unexplained_slogans() {
    let table = run(&["audit"], REPORT.as_bytes());
    assert!(table.status.success(), "{}", stderr(&table));
    assert!(stdout(&table).starts_with("expression"));
    assert!(stdout(&table).contains("两区一堡"));
    let json = run(&["audit", "-f", "json"], REPORT.as_bytes());
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("audit prints JSON");
    assert!(v["findings"].as_array().is_some_and(|f| !f.is_empty()));
}

#[test]
fn extract_finds_nothing_exits_1_naming_the_input() {
    let out = run(&["extract"], "这段文字没有名词解释。".as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "zhgloss: <stdin>: no glossary entries found\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn extracted_glossary_feeds_straight_back() {
    // zhgloss extract report > g.json && zhgloss -g g.json report
    let dir = Scratch::new("extract");
    let g = dir.join("g.json");
    let extracted = run(&["extract"], REPORT.as_bytes());
    assert!(extracted.status.success());
    std::fs::write(&g, &extracted.stdout).unwrap();
    let body = &REPORT[..REPORT.find("\n名词解释").unwrap()];
    let out = run(&["-g", g.to_str().unwrap(), "-f", "json"], body.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut ids: Vec<u64> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entry"].as_u64().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    // Entry 9's headword is 农民相对集中居住“1+7”政策体系; the body writes only “1+7”政策体系,
    // which extraction makes an alias, as glossary.json does.
    let expected: Vec<u64> = (1..=29).collect();
    assert_eq!(ids, expected);
}

#[test]
fn traditional_and_numerals_can_be_turned_off() {
    let text = "深化“一網通辦”，出台金十条".as_bytes();
    let entries = |args: &[&str]| {
        let out = run(args, text);
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["entry"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(entries(&["-f", "json"]), [2, 7]);
    assert_eq!(entries(&["-f", "json", "--no-traditional"]), [7]);
    assert_eq!(entries(&["-f", "json", "--no-numerals"]), [2]);
    assert_eq!(
        entries(&["-f", "json", "--no-traditional", "--no-numerals"]),
        Vec::<u64>::new()
    );
}

#[test]
fn a_dash_is_standard_input() {
    let dir = Scratch::new("dash");
    let file = dir.join("a.txt");
    std::fs::write(&file, "推进“一网通办”").unwrap();
    // Two documents: the file, then standard input.
    let out = run(
        &["-f", "json", file.to_str().unwrap(), "-"],
        "编制三线一单".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("\"entry\":2"), "{}", lines[0]);
    assert!(lines[1].contains("\"entry\":24"), "{}", lines[1]);
    for args in [&["extract", "-"][..], &["audit", "-"]] {
        let out = run(args, REPORT.as_bytes());
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn an_option_a_subcommand_cannot_honour_is_a_usage_error() {
    for (args, option) in [
        (&["-f", "json", "audit"][..], "--format"),
        (&["-f", "html", "list"], "--format"),
        (&["--every", "extract"], "--every"),
        (&["-g", "glossary.json", "audit"], "--glossary"),
        (&["--threads", "2", "list"], "--threads"),
    ] {
        let out = run(args, REPORT.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(option) && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
    // Options a subcommand does not take at all are clap's usage errors.
    for args in [
        &["extract", "-g", "g.json"][..],
        &["list", "-f", "json"],
        &["extract", "--every"],
    ] {
        assert_eq!(run(args, b"").status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn each_subcommand_help_lists_only_its_options() {
    let help = |args: &[&str]| stdout(&run(args, b""));
    let extract = help(&["extract", "--help"]);
    assert!(extract.contains("--encoding"), "{extract}");
    for other in [
        "--glossary",
        "--format",
        "--no-traditional",
        "--every",
        "--threads",
    ] {
        assert!(!extract.contains(other), "extract --help lists {other}");
    }
    let list = help(&["list", "--help"]);
    assert!(
        list.contains("--glossary") && list.contains("--with-builtin"),
        "{list}"
    );
    for other in ["--encoding", "--format", "--every", "--threads"] {
        assert!(!list.contains(other), "list --help lists {other}");
    }
    let audit = help(&["audit", "--help"]);
    for option in ["--format", "--glossary", "--encoding", "--no-numerals"] {
        assert!(audit.contains(option), "audit --help lacks {option}");
    }
    assert!(
        !audit.contains("--every") && !audit.contains("--threads"),
        "{audit}"
    );
}

/// Bytes `zhgloss args` writes to stdout and to stderr for `input`.
fn output_bytes(args: &[&str], input: &str) -> (usize, usize) {
    let out = run(args, input.as_bytes());
    (out.stdout.len(), out.stderr.len())
}

/// Hostile input makes output in proportion, never more: doubling the input at most doubles
/// what extract and audit write (warnings quote a short excerpt, findings a bounded window of
/// their sentence), however long the line it is on.
#[test]
fn doubling_hostile_input_at_most_doubles_the_output() {
    // Brackets that never close, all on one line: a warning each.
    let brackets = |n: usize| "（以下简称".repeat(n);
    // Distinct quoted coinages, all in one sentence: a finding each.
    let coinages = |n: usize| -> String {
        (0..n)
            .map(|i| {
                let x = char::from_u32(0x6000 + (i / 100) as u32).unwrap();
                let y = char::from_u32(0x6100 + (i % 100) as u32).unwrap();
                format!("推进“{x}{y}”，")
            })
            .collect()
    };
    type Hostile<'a> = &'a dyn Fn(usize) -> String;
    let cases: [(&[&str], Hostile, usize); 3] = [
        (&["extract"], &brackets, 4000),
        (&["audit", "-f", "json"], &coinages, 1500),
        (&["audit"], &coinages, 1500),
    ];
    for (args, hostile, n) in cases {
        let (one, two) = (hostile(n), hostile(2 * n));
        let (out1, err1) = output_bytes(args, &one);
        let (out2, err2) = output_bytes(args, &two);
        assert!(out1 + err1 > 0, "{args:?} writes something");
        // Slack for what does not grow with the input: a header, the findings and warnings
        // near the ends of the text (whose quoted context is shorter), offsets gaining a digit.
        let slack = 16 << 10;
        assert!(
            out2 <= 2 * out1 + slack,
            "{args:?}: stdout {out1} -> {out2}"
        );
        assert!(
            err2 <= 2 * err1 + slack,
            "{args:?}: stderr {err1} -> {err2}"
        );
        // And a bounded amount for each byte of input.
        assert!(
            out2 + err2 <= 40 * two.len(),
            "{args:?}: {} for {}",
            out2 + err2,
            two.len()
        );
    }
}

/// Any thread count is capped (at 64, and at the cores for the threads started): a huge one
/// neither aborts nor slows the search, and the output is the same with any number.
#[test]
fn any_thread_count_gives_the_same_output() {
    let dir = Scratch::new("threads-cap");
    let file = dir.join("report.txt");
    std::fs::write(&file, REPORT.repeat(30)).unwrap();
    let file = file.to_str().unwrap();
    let one = run(&["-f", "json", "--threads", "1", file], b"");
    assert!(one.status.success());
    for threads in ["2", "65", "100000", "18446744073709551615"] {
        let many = run(&["-f", "json", "--threads", threads, file], b"");
        assert_eq!(
            many.status.code(),
            Some(0),
            "--threads {threads}: {}",
            stderr(&many)
        );
        assert!(many.stdout == one.stdout, "--threads {threads}");
    }
}

/// Runs `zhgloss args` through sh with `redirect` applied to its stdout (`>&-`, `> /dev/full`).
fn run_redirected(args: &[&str], redirect: &str) -> Output {
    let bin = zhgloss().get_program().to_owned();
    let mut line = format!("exec '{}'", bin.to_string_lossy());
    for a in args {
        line.push_str(&format!(" '{a}'"));
    }
    line.push(' ');
    line.push_str(redirect);
    Command::new("sh")
        .args(["-c", &line])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("sh runs")
}

#[test]
#[cfg(target_os = "linux")]
fn output_that_cannot_be_written_is_an_error_naming_stdout() {
    let report = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/report-2020-jinshan.txt"
    );
    for args in [
        &["-f", "json", report][..],
        &["list"],
        &["audit", report],
        &["extract", report],
    ] {
        // A closed stdout: the output would be lost.
        let closed = run_redirected(args, ">&-");
        assert_eq!(closed.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&closed),
            "zhgloss: <stdout>: Bad file descriptor (os error 9)\n",
            "{args:?}"
        );
        // A full disk: the error is the output's, not the input file's.
        let full = run_redirected(args, "> /dev/full");
        assert_eq!(full.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&full),
            "zhgloss: <stdout>: No space left on device (os error 28)\n",
            "{args:?}"
        );
        // /dev/null opened by the shell is a writable stdout like any other.
        let null = run_redirected(args, "> /dev/null");
        assert_eq!(null.status.code(), Some(0), "{args:?}: {}", stderr(&null));
    }
}

#[test]
fn glossaries_must_be_objects_and_may_start_with_a_bom() {
    let dir = Scratch::new("shapes");
    let array = dir.join("array.json");
    std::fs::write(&array, r#"["名", "", [[1, "三线一单", "定义"]]]"#).unwrap();
    let out = run(
        &["-f", "json", "-g", array.to_str().unwrap()],
        "三线一单".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("array.json:1:1: invalid type: sequence, expected a glossary object"),
        "{}",
        stderr(&out)
    );
    let entry_array = dir.join("entry-array.json");
    std::fs::write(&entry_array, r#"{"entries": [[1, "三线一单", "定义"]]}"#).unwrap();
    let out = run(&["-g", entry_array.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected an entry object"),
        "{}",
        stderr(&out)
    );
    let bom = dir.join("bom.json");
    std::fs::write(&bom, format!("\u{feff}{}", Glossary::builtin_json())).unwrap();
    let out = run(
        &["-f", "json", "-g", bom.to_str().unwrap()],
        "三线一单".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"entry\":24"));
}

#[test]
fn separate_traditional_and_simplified_entries_work_without_folding() {
    let dir = Scratch::new("scripts");
    let g = dir.join("g.json");
    std::fs::write(
        &g,
        r#"{"entries": [{"id": 1, "term": "發展", "definition": "繁体"}, {"id": 2, "term": "发展", "definition": "简体"}]}"#,
    )
    .unwrap();
    let g = g.to_str().unwrap();
    let out = run(
        &["-f", "json", "--no-traditional", "-g", g],
        "發展和发展".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<u64> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entry"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2]);
    // With traditional script folded the two are one form: the glossary cannot be used.
    let out = run(&["-f", "json", "-g", g], "發展".as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("entries 1 and 2 both claim"),
        "{}",
        stderr(&out)
    );
    let listed = run(&["list", "--no-traditional", "-g", g], b"");
    assert!(listed.status.success(), "{}", stderr(&listed));
}

#[test]
fn warnings_do_not_pass_terminal_escapes_through() {
    let report =
        "名词解释\n1. 三线一单\u{1b}[2J\u{1b}]0;pwned\u{7}没有冒号\n2. 两网融合：是指两网融合。\n";
    let out = run(&["extract"], report.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}[2J"), "{err}");
}

#[test]
fn jsonl_lines_that_are_not_objects_are_errors_and_matches_is_one_member() {
    let out = run(
        &["-f", "jsonl"],
        "{\"text\":\"三线一单\"}\n[\"}三线一单\"]\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("<stdin>:2:"), "{}", stderr(&out));
    let out = run(
        &["-f", "jsonl"],
        "{\"text\":\"三线一单\",\"matches\":1,\"matche\\u0073\":2}\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 2, "{v}");
    assert_eq!(v["matches"][0]["entry"], 24);
}

/// JSON says, for each match, whether its definition holds and why not; the human formats
/// gloss only those that hold, unless `--all-senses`, which names the scope.
#[test]
fn senses_on_the_command_line() {
    let text = "北京市推进“四纵四横”高铁网建设，编制三线一单。\n";
    let json = stdout(&run(&["-f", "json"], text.as_bytes()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let matches = v["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 2);
    assert_eq!(matches[0]["applies"], false);
    assert_eq!(
        matches[0]["why"],
        "document is about 北京市; entry 26 holds in 上海市金山区"
    );
    assert_eq!(matches[1]["applies"], true);
    assert!(matches[1].get("why").is_none());
    let inline = stdout(&run(&[], text.as_bytes()));
    assert_eq!(inline.matches('\u{2060}').count(), 1, "{inline}");
    let all = stdout(&run(&["--all-senses"], text.as_bytes()));
    assert!(all.contains("“四纵四横”\u{2060}（金山区：学府路"), "{all}");
    assert_eq!(all.matches('\u{2060}').count(), 2, "{all}");
    // An option of annotation is no option of a subcommand.
    let out = run(&["list", "--all-senses"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_later_glossary_wins_a_clashing_form_unless_strict() {
    // Another report's glossary numbers from 1 and defines 一网通办 its own way.
    let dir = Scratch::new("override");
    let g = dir.join("other.json");
    std::fs::write(
        &g,
        r#"{"name": "嘉定", "entries": [
            {"id": 1, "term": "一网通办", "definition": "是指嘉定的一网通办。"},
            {"id": 2, "term": "一网统管", "definition": "是指城市运行一网统管。"}]}"#,
    )
    .unwrap();
    let args = ["-f", "json", "-g", g.to_str().unwrap(), "--with-builtin"];
    let out = run(&args, "深化一网通办、一网统管，编制三线一单".as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "zhgloss: note: 一网通办: entry 1 of 嘉定 overrides entry 2 of 2020 年金山区人民政府工作报告 · 名词解释 (一网通办), which is dropped\n"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(String, u64)> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["glossary"].as_str().unwrap().to_string(),
                m["entry"].as_u64().unwrap(),
            )
        })
        .collect();
    let builtin = Glossary::builtin().label(1);
    assert_eq!(
        found,
        [
            ("嘉定".to_string(), 1),
            ("嘉定".to_string(), 2),
            (builtin, 24)
        ]
    );
    let mut strict = args.to_vec();
    strict.push("--strict");
    let out = run(&strict, "深化一网通办".as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("both claim the surface form \"一网通办\""),
        "{}",
        stderr(&out)
    );
    // One glossary alone: ids are unique, and matches name no glossary.
    let out = run(&["-f", "json"], "编制三线一单".as_bytes());
    assert!(!stdout(&out).contains("\"glossary\""));
}

#[test]
fn the_readme_workflow_on_other_reports() {
    // zhgloss extract report > g.json, twice, then annotate with both and the built-in glossary:
    // two extracted glossaries numbering from 1 merge without a word.
    let dir = Scratch::new("workflow");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/glossaries");
    let mut args: Vec<String> = Vec::new();
    for name in [
        "01-tancheng-24-mingci-jieshi.txt",
        "03-pinghu-2025-xinci-xinyu.txt",
    ] {
        let out = zhgloss()
            .arg("extract")
            .arg(data.join(name))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stderr(&out), "", "{name}");
        let g = dir.join(format!("{name}.json"));
        std::fs::write(&g, &out.stdout).unwrap();
        args.extend(["-g".to_string(), g.to_str().unwrap().to_string()]);
    }
    args.push("--with-builtin".into());
    // A sentence of 郯城县's 2023 report, from a traditional-script mirror (m.ilynn.cn), with
    // one of Pinghu's coinages and one of Jinshan's added.
    let text = "全面落實縣委“1354”總體思路，推行“十个一”，深化一网通办。";
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&refs, text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let inline = stdout(&out);
    assert!(
        inline.contains("總體思路\u{2060}（一个定位:打造对接长三角“三步走”先行区"),
        "{inline}"
    );
    assert!(
        inline.contains("“十个一”\u{2060}（一位市领导担任链长"),
        "{inline}"
    );
    assert!(
        inline.contains("一网通办\u{2060}（政务服务一个总门户"),
        "{inline}"
    );
}

// ---------------------------------------------------------------------------------------------
// Glossaries in other formats (issue 20).

use zhgloss::interchange::{self, GlossaryFormat, WriteOptions};

#[test]
fn convert_writes_every_format_as_the_library_does() {
    let json = Glossary::builtin_json().as_bytes();
    for format in GlossaryFormat::NAMES {
        let out = run(&["convert", "--to", format], json);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let want = interchange::write(
            &Glossary::builtin(),
            format.parse().unwrap(),
            &WriteOptions::new(),
        )
        .unwrap();
        assert_eq!(stdout(&out), want, "{format}");
    }
    let out = run(&["convert", "--to", "tsv", "--lang", "fr"], json);
    assert!(
        stdout(&out)
            .lines()
            .all(|l| l.split('\t').nth(1) == Some(""))
    );
    let trad = stdout(&run(&["convert", "--to", "jieba", "--traditional"], json));
    assert!(trad.lines().any(|l| l == "一網通辦 nz"));
    let out = run(&["convert", "--to", "xlsx"], json);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn glossaries_are_read_by_extension_or_as_told() {
    let dir = Scratch::new("formats");
    let text = "深化“一网通办”，编制三线一单，落实“双随机、一公开”。";
    let want = stdout(&run(&["-f", "json"], text.as_bytes()));
    for (format, ext) in [
        ("tbx", "tbx"),
        ("tsv", "tsv"),
        ("csv", "csv"),
        ("json", "json"),
    ] {
        let converted = run(
            &["convert", "--to", format],
            Glossary::builtin_json().as_bytes(),
        );
        let by_ext = dir.join(format!("g.{ext}"));
        std::fs::write(&by_ext, &converted.stdout).unwrap();
        let out = run(
            &["-f", "json", "-g", by_ext.to_str().unwrap()],
            text.as_bytes(),
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        // Matches as with the built-in glossary (TSV numbers its entries from 1, in order, as
        // the built-in does).
        assert_eq!(stdout(&out), want, "{format}");
        // The same file under a name that says nothing, with --glossary-format.
        let plain = dir.join(format!("{format}.txt"));
        std::fs::write(&plain, &converted.stdout).unwrap();
        let p = plain.to_str().unwrap();
        let out = run(
            &["-f", "json", "-g", p, "--glossary-format", format],
            text.as_bytes(),
        );
        assert_eq!(stdout(&out), want, "{format} as told");
        // convert reads it the same ways.
        let out = run(
            &["convert", "--to", "json", "--glossary-format", format, p],
            b"",
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let out = run(&["list", "-g", by_ext.to_str().unwrap()], b"");
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // A dictionary is not a glossary that can be read.
    let out = run(&["-g", "x.txt", "--glossary-format", "jieba"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("does not read them"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn malformed_interchange_files_exit_2_naming_file_line_and_column() {
    let dir = Scratch::new("bad-formats");
    let cases = [
        (
            "g.tbx",
            "<martif><text><body>\n  <termEntry><langSet>\n",
            ":2:14: a langSet has no xml:lang",
        ),
        ("g.tbx", "<martif>\n<text></martif>", ":2:7: "),
        (
            "g.tsv",
            "甲\t\t定义\n乙\n",
            ":2: a glossary line has a term",
        ),
        ("g.csv", "id,zh,definition\n1,甲,定义\n2,乙\n", ":3: "),
        (
            "g.csv",
            "id,zh,definition\nx,甲,定义\n",
            ":2: id \"x\" is not a number",
        ),
    ];
    for (name, content, want) in cases {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        for args in [
            vec!["-g", path.to_str().unwrap()],
            vec!["convert", "--to", "json", path.to_str().unwrap()],
        ] {
            let out = run(&args, "三线一单".as_bytes());
            assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
            let err = stderr(&out);
            let prefix = format!("zhgloss: {}{want}", path.display());
            assert!(
                err.starts_with(&prefix),
                "{err} does not start with {prefix}"
            );
            assert_eq!(err.lines().count(), 1);
        }
    }
}

/// The bundled report's own glossary: the 29 entries its body uses before its 名词解释, in
/// order of first use, 36 occurrences in all (the golden test's counts).
#[test]
fn format_glossary_lists_the_entries_a_document_uses() {
    let body = common::body(REPORT);
    let out = run(&["--format", "glossary"], body.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let g = Glossary::from_json_str(&stdout(&out)).expect("a glossary");
    // The whole report gives the same: its own 名词解释 is what it defines, not a use.
    let whole = run(
        &["--format", "glossary", "examples/report-2020-jinshan.txt"],
        b"",
    );
    assert_eq!(stdout(&whole), stdout(&out));
    assert_eq!(g.entries.len(), 29);
    let total: u64 = g.entries.iter().filter_map(|e| e.occurrences).sum();
    assert_eq!(total, 36);
    // First use, found in the text by the forms the body writes (as tests/golden.rs has them).
    const WRITTEN: [&str; 29] = [
        "三张清单",
        "一网通办",
        "双减半",
        "双一百",
        "审批权限和审批流程“三集中”",
        "全程代办",
        "金 10 条",
        "田园五镇",
        "“1+7”政策体系",
        "四好农村路",
        "环保“五步工作法”",
        "四位一体",
        "3 个“3”服务",
        "“1+4+4+8”新型产业体系",
        "三高一低",
        "“六个一”工程",
        "综合窗口",
        "双随机、一公开",
        "三个百里",
        "一网一平台",
        "三个美丽",
        "雪亮工程",
        "两网融合",
        "三线一单",
        "三监联动",
        "四纵四横",
        "“1+4+4”人才政策",
        "“11157”工程",
        "行政执法“三项制度”",
    ];
    let first_at = |id: u32| body.find(WRITTEN[id as usize - 1]).unwrap();
    let at: Vec<usize> = g.entries.iter().map(|e| first_at(e.id)).collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "in order of first use: {at:?}"
    );
    let count = |id| g.entries.iter().find(|e| e.id == id).unwrap().occurrences;
    assert_eq!((count(2), count(7), count(24)), (Some(3), Some(2), Some(1)));
    // Several files: one glossary for all, counts summed.
    let dir = Scratch::new("doc-glossary");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, "编制三线一单。").unwrap();
    std::fs::write(&b, "三线一单、一网通办。").unwrap();
    let out = run(
        &["-f", "glossary", a.to_str().unwrap(), b.to_str().unwrap()],
        b"",
    );
    let two = Glossary::from_json_str(&stdout(&out)).unwrap();
    let got: Vec<_> = two.entries.iter().map(|e| (e.id, e.occurrences)).collect();
    assert_eq!(got, [(24, Some(2)), (2, Some(1))]);
    // `convert` turns it into the other formats.
    let tbx = run(&["convert", "--to", "tbx"], &out.stdout);
    assert!(tbx.status.success());
    let back = interchange::read_str(&stdout(&tbx), GlossaryFormat::Tbx).unwrap();
    assert_eq!(back, two);
}

#[test]
fn lang_glosses_in_a_translation_where_there_is_one() {
    let text = "深化“一网通办”，编制三线一单。";
    let out = run(&["--lang", "en"], text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let glossed = stdout(&out);
    assert!(glossed.contains("“一网通办”\u{2060}（Government Online-Offline Shanghai）"));
    assert!(glossed.contains("三线一单\u{2060}（生态保护红线"));
    assert_eq!(render::strip_inline(&annotator(), &glossed), text);
    let footnote = stdout(&run(&["-f", "footnote", "--lang", "en"], text.as_bytes()));
    assert!(footnote.contains("¹ 一网通办（Government Online-Offline Shanghai）："));
    let html = stdout(&run(&["-f", "html", "--lang", "en"], text.as_bytes()));
    assert!(html.contains("<span lang=\"en\">Government Online-Offline Shanghai</span>"));
    // JSON names the entries; their translations are in the glossary.
    let json = stdout(&run(&["-f", "json", "--lang", "en"], text.as_bytes()));
    assert_eq!(json, stdout(&run(&["-f", "json"], text.as_bytes())));
    // --lang is an option of annotation, not of convert's TSV column.
    let out = run(&["--lang", "en", "list"], b"");
    assert_eq!(out.status.code(), Some(2));
}
