//! The `tidings` binary's non-interactive modes, run for real.

use std::path::Path;
use std::process::{Command, Output};

fn tidings(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .env_remove("NO_COLOR")
        // Neither the developer's config nor their log.
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
        )
        .env(
            "XDG_STATE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cli-state"),
        )
        .output()
        .expect("run tidings")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn site() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/site")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn list_prints_builtin_posts_in_aligned_columns() {
    let out = tidings(&["--list"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 8);
    assert!(
        lines[0].starts_with("2024-10-15  Kestrel 3.1.0 released"),
        "{}",
        lines[0]
    );
    for line in &lines {
        assert!(tidings::text::width(line) <= 80, "too wide: {line}");
    }
    // Author column starts at the same display column on every dated row.
    let col =
        |line: &str, needle: &str| line.find(needle).map(|i| tidings::text::width(&line[..i]));
    let a = col(lines[0], "Release SIG").unwrap();
    let b = col(lines[1], "Kestrel 社…").unwrap();
    assert_eq!(a, b, "{}\n{}", lines[0], lines[1]);
}

#[test]
fn json_lines_have_the_documented_fields_and_warnings() {
    let out = tidings(&["--list", "--json", &site()]);
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(rows.len(), 15);
    for key in [
        "path", "title", "date", "author", "tags", "category", "summary", "lang", "warnings",
    ] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "missing {key}");
    }
    let seed = rows
        .iter()
        .find(|r| r["id"] == "news/2022-10-08/20221008.md")
        .unwrap();
    assert_eq!(seed["date"], "2022-10-08");
    assert_eq!(seed["author"], "openGauss");
    assert_eq!(seed["category"], "news");
    let undated = rows.iter().find(|r| r["id"] == "news/index.md").unwrap();
    assert!(undated["date"].is_null());
    assert!(
        undated["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no date")
    );
    // Warnings also go to standard error, one per line, naming file and line.
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.contains("unbalanced.md:") && l.contains("YAML")),
        "{err}"
    );
}

#[test]
fn no_posts_exits_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = tidings(&["--list", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no Markdown posts"), "{err}");
    assert!(err.contains("no posts found"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn missing_path_is_reported_but_others_load() {
    let out = tidings(&["--list", "/definitely/not/here", &site()]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("/definitely/not/here: no such file or folder"));
    assert_eq!(stdout(&out).lines().count(), 15);
}

#[test]
fn bad_flag_gets_usage() {
    let out = tidings(&["--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unexpected argument '--bogus'"));
    assert!(err.contains("Usage: tidings"));
}

#[test]
fn hostile_metadata_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "---\ntitle: \"x\\e]52;c;SGVsbG8=\\ay\\e[2J\"\nauthor: \"\\u009b31mz\"\ntags: [\"\\e]8;;http://e\\e\\\\t\"]\ndate: 2020-01-01\n---\n\x1b[2Jbody\n",
    )
    .unwrap();
    for args in [vec!["--list"], vec!["--list", "--json"]] {
        let mut args = args.clone();
        args.push(dir.path().to_str().unwrap());
        let out = tidings(&args);
        let text = stdout(&out);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?} let a control character through: {text:?}"
        );
        assert!(!text.contains("]52;") && !text.contains("[2J"), "{text:?}");
    }
}

fn sample(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/news")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn print_renders_header_article_and_links_at_the_width() {
    let out = tidings(&[
        "--print",
        "--width",
        "50",
        &sample("zh/2024-10-08/index.md"),
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Kestrel 社区九月运作报告");
    assert!(lines[1].starts_with("2024-10-08 · Kestrel 社区 · #社区运作 #monthly"));
    assert!(lines.iter().all(|l| tidings::text::width(l) <= 50));
    assert!(lines.contains(&"[图片: qrcode.png][1]"));
    assert!(lines.contains(&"链接"));
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn print_colour_follows_the_flag_and_no_color() {
    let post = sample("en/2024-07-02-security-advisory.md");
    let always = tidings(&["--print", "--color", "always", &post]);
    assert!(
        stdout(&always).contains("\x1b[1;"),
        "bold with --color always"
    );
    let with_no_color = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--print", "--color", "always", &post])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        stdout(&with_no_color).contains('\x1b'),
        "--color always beats NO_COLOR"
    );
    let never = tidings(&["--print", "--color", "never", &post]);
    assert!(!stdout(&never).contains('\x1b'));
}

#[test]
fn print_resolves_relative_links_against_base_url() {
    let out = tidings(&[
        "--print",
        "--base-url",
        "https://kestrel.example.org",
        &sample("zh/2024-10-08/index.md"),
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("[1] https://kestrel.example.org/zh/news/2024-10-08/qrcode.png"),
        "{text}"
    );
    let bad = tidings(&["--print", "--base-url", "not a url"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("absolute URL"));
}

#[test]
fn print_never_lets_escape_sequences_through() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "---\ntitle: \"t\\e]52;c;SGVsbG8=\\a\"\n---\n\nbody \x1b]52;c;SGVsbG8=\x07 and \x1b[2J [x\x1b[31m](https://e.org/\x1b[2J)\n",
    )
    .unwrap();
    for color in ["never", "always"] {
        let out = tidings(&["--print", "--color", color, dir.path().to_str().unwrap()]);
        let text = stdout(&out);
        assert!(
            !text.contains("]52;") && !text.contains("[2J") && !text.contains("[31m"),
            "{text:?}"
        );
        if color == "never" {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{text:?}"
            );
        }
    }
}

#[test]
fn warnings_beyond_fifty_are_summarized() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..120 {
        std::fs::write(dir.path().join(format!("{i:03}.md")), "no date here\n").unwrap();
    }
    let out = tidings(&["--list", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 51, "{err}");
    assert!(err.lines().last().unwrap().contains("and 70 more warnings"));
    assert_eq!(stdout(&out).lines().count(), 120, "every post still listed");
}

#[test]
fn without_a_terminal_the_reader_prints_the_list() {
    let out = tidings(&[]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.starts_with("2024-10-15  Kestrel 3.1.0 released"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no screen was started");
    assert_eq!(text.lines().count(), 10);
}

/// Every `--flag` a `--help` lists.
fn flags(help: &str) -> Vec<String> {
    let mut flags: Vec<String> = help
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']' || c == '=')
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| {
            w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
        })
        .collect();
    flags.sort();
    flags.dedup();
    flags
}

const SUBCOMMANDS: [&str; 3] = ["config", "completions", "man"];

#[test]
fn completions_and_man_page_name_every_subcommand_and_flag() {
    let mut all = flags(&stdout(&tidings(&["--help"])));
    assert!(all.contains(&"--no-config".to_string()), "{all:?}");
    for sub in SUBCOMMANDS {
        all.extend(flags(&stdout(&tidings(&[sub, "--help"]))));
    }
    assert!(all.contains(&"--check".to_string()), "{all:?}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = tidings(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = stdout(&out);
        for word in SUBCOMMANDS.iter().map(|s| s.to_string()).chain(all.clone()) {
            // fish writes flags as `-l name`.
            let fish = format!("-l {}", word.trim_start_matches("--"));
            assert!(
                text.contains(&word) || text.contains(&fish),
                "{shell} completion lacks {word}"
            );
        }
    }
    let man = tidings(&["man"]);
    assert!(man.status.success());
    let page = stdout(&man);
    assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
    for word in SUBCOMMANDS.iter().map(|s| s.to_string()).chain(all) {
        // roff escapes each - of a flag.
        let roff = word.replace('-', "\\-");
        assert!(page.contains(&roff), "man page lacks {word}");
    }
}

#[test]
fn config_default_and_check() {
    let out = tidings(&["config", "--default"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), tidings::config::default_text());
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, stdout(&out)).unwrap();
    let ok = tidings(&["config", "--check", good.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[log]\nlevel = \"loud\"\n").unwrap();
    let no = tidings(&["config", "--check", bad.to_str().unwrap()]);
    assert_eq!(no.status.code(), Some(2));
    assert!(stdout(&no).is_empty());
    let want = format!("{}:2:9: invalid value: string \"loud\"", bad.display());
    assert!(stderr(&no).contains(&want), "{}", stderr(&no));
    // `config` alone says what it needs.
    assert_eq!(tidings(&["config"]).status.code(), Some(2));
}

#[test]
fn a_folder_named_like_a_subcommand_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("config");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a.md"),
        "---\ntitle: Hello\ndate: 2024-01-02\n---\nhi\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--no-config", "--list", "./config"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Hello"), "{}", stderr(&out));
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--list", "config"])
        .env("XDG_CONFIG_HOME", dir.path().join("none"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Hello"), "after an option, a path");
}

#[test]
fn a_sources_base_url_resolves_its_site_relative_links() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("config.toml");
    let source = sample("zh/2024-10-08");
    std::fs::write(
        &conf,
        format!("[[source]]\npath = {source:?}\nbase_url = \"https://kestrel.example.org\"\n"),
    )
    .unwrap();
    let out = tidings(&["--print", "--config", conf.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("[1] https://kestrel.example.org/zh/news/2024-10-08/qrcode.png"),
        "{text}{}",
        stderr(&out)
    );
}

#[test]
fn warnings_go_to_the_log_made_safe() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    std::fs::write(
        posts.join("evil\x1b[31m.md"),
        "no date \x1b]52;c;SGk=\x07\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--no-config", "--list", posts.to_str().unwrap()])
        .env("XDG_STATE_HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let log = std::fs::read_to_string(dir.path().join("tidings/log")).unwrap();
    assert!(log.contains("WARN") && log.contains("no date"), "{log}");
    assert!(log.contains("evil"), "{log}");
    assert!(!log.contains('\x1b') && !log.contains('\x07'), "{log:?}");

    // A log that cannot be written: one warning, and the reader goes on.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--no-config", "--list"])
        .env("XDG_STATE_HOME", &blocked)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(err.matches("no log").count(), 1, "{err}");
}

/// `--list` as it was before `--sort` and the metadata-only loading:
/// byte for byte, for the default order. `TIDINGS_BLESS=1` rewrites the
/// expected files after a deliberate change.
#[test]
fn default_list_output_is_unchanged() {
    let site = "tests/fixtures/site";
    for (args, golden) in [
        (
            vec!["--list", "--json", site],
            "tests/fixtures/list/site.jsonl",
        ),
        (vec!["--list", site], "tests/fixtures/list/site.txt"),
    ] {
        let out = tidings(&args);
        assert!(out.status.success());
        let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join(golden);
        if std::env::var_os("TIDINGS_BLESS").is_some() {
            std::fs::write(&golden, &out.stdout).unwrap();
        }
        let want = std::fs::read_to_string(&golden).unwrap();
        assert_eq!(stdout(&out), want, "{args:?}");
        let mut dated = args.clone();
        dated.extend(["--sort", "date"]);
        assert_eq!(tidings(&dated).stdout, out.stdout, "date is the default");
    }
}

fn sorted_lines(o: &Output) -> Vec<String> {
    let mut lines: Vec<String> = stdout(o).lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

#[test]
fn sort_none_lists_the_same_posts_in_walk_order() {
    let sorted = tidings(&["--list", "--json", &site()]);
    let walk = tidings(&["--list", "--json", "--sort", "none", &site()]);
    assert!(walk.status.success());
    assert_eq!(sorted_lines(&walk), sorted_lines(&sorted));
    assert_ne!(stdout(&walk), stdout(&sorted), "not sorted by date");
    let paths: Vec<String> = stdout(&walk)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
        .collect();
    // Walk order is name order within each folder.
    let news: Vec<&String> = paths.iter().filter(|p| p.contains("/news/2022")).collect();
    assert!(news.windows(2).all(|w| w[0] < w[1]), "{news:?}");
    // The same warnings, whichever order the posts come in.
    let err = |o: &Output| {
        let mut v: Vec<String> = stderr(o).lines().map(str::to_owned).collect();
        v.sort();
        v
    };
    assert_eq!(err(&walk), err(&sorted));
}

#[test]
fn sort_by_title_and_author_ignores_case() {
    let dir = tempfile::tempdir().unwrap();
    for (name, title, author) in [
        ("1", "beta", "Zed"),
        ("2", "Alpha", "amy"),
        ("3", "Gamma", "Bob"),
    ] {
        let text =
            format!("---\ntitle: {title}\nauthor: {author}\ndate: 2020-01-0{name}\n---\nx\n");
        std::fs::write(dir.path().join(format!("{name}.md")), text).unwrap();
    }
    let titles = |by: &str| -> Vec<String> {
        let out = tidings(&[
            "--list",
            "--json",
            "--sort",
            by,
            dir.path().to_str().unwrap(),
        ]);
        assert!(out.status.success());
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].to_string())
            .map(|t| t.trim_matches('"').to_owned())
            .collect()
    };
    assert_eq!(titles("title"), ["Alpha", "beta", "Gamma"]);
    assert_eq!(titles("author"), ["Alpha", "Gamma", "beta"]);
    assert_eq!(titles("date"), ["Gamma", "Alpha", "beta"]);
    assert_eq!(titles("none"), ["beta", "Alpha", "Gamma"]);
    let text = tidings(&["--list", "--sort", "title", dir.path().to_str().unwrap()]);
    let firsts: Vec<String> = stdout(&text)
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_owned())
        .collect();
    assert_eq!(firsts, ["Alpha", "beta", "Gamma"], "the text list too");
    let out = tidings(&["--sort", "title", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "--sort needs --list");
}

#[test]
fn streamed_list_keeps_a_post_with_broken_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "---\ntitle: Fine\n---\nx\n").unwrap();
    let broken = "---\ntitle: Fine too\ntags: [unclosed\n---\nbody\n";
    std::fs::write(dir.path().join("b.md"), broken).unwrap();
    let out = tidings(&[
        "--list",
        "--json",
        "--sort",
        "none",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"a.md\"", "\"b.md\""]);
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.contains("b.md:4: YAML front matter does not parse")),
        "{err}"
    );
}

#[test]
fn streamed_keys_are_unique_within_the_output() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.md", "b.md"] {
        std::fs::write(dir.path().join(name), "---\nid: same\n---\nx\n").unwrap();
    }
    let out = tidings(&[
        "--list",
        "--json",
        "--sort",
        "none",
        dir.path().to_str().unwrap(),
    ]);
    let keys: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["key"].to_string())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], "\"id:same\"");
    assert!(keys[1].starts_with("\"id:same#") && keys[1].ends_with("b.md\""));
    // Sorted, every post sharing the key is suffixed, as in the reader.
    let out = tidings(&["--list", "--json", dir.path().to_str().unwrap()]);
    let sorted: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["key"].to_string())
        .collect();
    assert_eq!(sorted.len(), 2);
    assert!(
        sorted.iter().all(|k| k.starts_with("\"id:same#")),
        "{sorted:?}"
    );
    assert_ne!(sorted[0], sorted[1]);
}

/// `tidings --list | head -1`: the reader of the pipe goes away after one
/// line; tidings stops quietly with status 0, as it always has.
#[test]
fn a_pipe_closed_early_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    // Well past the pipe's buffer, so writes go on after it is closed.
    let summary = "s".repeat(400);
    for i in 0..2000 {
        let text = format!("---\ntitle: T{i}\nsummary: {summary}\n---\nx\n");
        std::fs::write(dir.path().join(format!("{i:04}.md")), text).unwrap();
    }
    for sort in ["none", "date"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(["--list", "--json", "--sort", sort])
            .arg(dir.path())
            .env(
                "XDG_CONFIG_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
            )
            .env(
                "XDG_STATE_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/cli-state"),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run tidings");
        let mut first = String::new();
        let mut lines = BufReader::new(child.stdout.take().unwrap());
        lines.read_line(&mut first).unwrap();
        assert!(first.starts_with('{'), "{first}");
        drop(lines);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "--sort {sort}");
        let err = stderr(&out);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{err}"
        );
    }
}
