//! Hostile and broken input: each case gets a fixture (built here, in a
//! temporary folder) and an assertion on what tidings does with it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use tidings::content::{self, Library, MAX_BODY_BYTES};
use tidings::markdown::{Options, Theme, render};

fn load_one(dir: &Path, name: &str, bytes: &[u8]) -> Library {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    content::load(&[path])
}

fn messages(lib: &Library) -> Vec<String> {
    lib.all_warnings().map(|w| w.to_string()).collect()
}

/// Runs `f` on a thread and fails if it takes longer than `secs`: a guard
/// against hangs (not a speed target; those live in the benchmarks).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("took far too long (hang?)")
}

fn render_checked(md: &str, width: usize) -> usize {
    let theme = Theme::default();
    let a = render(
        md,
        &Options {
            width,
            theme: &theme,
            lang: "zh",
            base_url: None,
        },
    );
    for line in &a.lines {
        assert!(line.width() <= width);
        for s in &line.spans {
            assert!(!s.content.chars().any(char::is_control), "{:?}", s.content);
        }
    }
    a.lines.len()
}

// ---- size -------------------------------------------------------------

#[test]
fn a_100_mb_post_is_read_to_the_limit_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.md");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(b"---\ntitle: Huge\ndate: 2024-01-01\n---\n\n")
            .unwrap();
        let para = "这是一个很长的段落，用来测试非常大的文件。\n\n".repeat(1000);
        for _ in 0..(100 << 20) / para.len() + 1 {
            f.write_all(para.as_bytes()).unwrap();
        }
    }
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size >= 100 << 20);
    let lib = within(60, move || content::load(&[path]));
    let p = &lib.posts[0];
    assert_eq!(p.title, "Huge");
    assert!(p.body.len() <= MAX_BODY_BYTES);
    assert_eq!(p.truncated_from, Some(size));
    assert!(
        messages(&lib)
            .iter()
            .any(|m| m.contains("100 MB is larger than the 8 MB"))
    );
}

#[test]
fn one_5_mb_line_renders_within_the_width() {
    let line = "word 中文 ".repeat(5 * 1024 * 1024 / 13);
    let n = within(120, move || render_checked(&line, 80));
    assert!(n > 40_000);
}

#[test]
fn two_hundred_thousand_short_lines_render() {
    let text: String = (0..200_000).map(|i| format!("line {i}\n")).collect();
    let n = within(120, move || render_checked(&text, 80));
    assert!(n > 20_000);
}

// ---- nesting ----------------------------------------------------------

#[test]
fn nesting_ten_thousand_deep_neither_overflows_nor_crawls() {
    let n = 10_000;
    for md in [
        ">".repeat(n) + " deep quote",
        "- ".repeat(n) + "deep list",
        "*".repeat(n) + "deep" + &"*".repeat(n),
        "<b>".repeat(n) + "deep html",
        "<div>".repeat(n) + "deep div",
        "[".repeat(n) + "deep brackets",
        "[a](".repeat(n),
    ] {
        // On a test thread's 2 MiB stack.
        within(60, move || render_checked(&md, 60));
    }
}

// ---- front matter -----------------------------------------------------

fn front(dir: &Path, name: &str, fm: &str) -> Library {
    load_one(
        dir,
        name,
        format!("{fm}\n\n# Heading from the body\n\nBody text.\n").as_bytes(),
    )
}

#[test]
fn hostile_yaml_gives_a_post_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\ntitle: Bomb\n---".to_string();
    let deep = format!(
        "---\ntitle: Deep\nx: {}{}\n---",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let long = format!("---\ntitle: '{}'\n---", "长".repeat(1 << 20));
    let cases: Vec<(&str, String, &str)> = vec![
        ("bomb.md", bomb, "Bomb"),
        ("deep.md", deep, "Deep"),
        ("dup.md", "---\ntitle: One\ntitle: Two\n---".into(), "One"),
        (
            "tabs.md",
            "---\ntitle: Tabs\ntags:\n\t- a\n---".into(),
            "Tabs",
        ),
        ("bom.md", "\u{feff}---\ntitle: BOM\n---".into(), "BOM"),
        ("crlf.md", "---\r\ntitle: CRLF\r\n---\r".into(), "CRLF"),
        (
            "open.md",
            "---\ntitle: Never closed".into(),
            "Heading from the body",
        ),
    ];
    for (name, fm, title) in cases {
        let d = dir.path().to_path_buf();
        let lib = within(20, move || front(&d, name, &fm));
        let p = &lib.posts[0];
        assert!(p.title.starts_with(title), "{name}: {}", cut(&p.title));
        let m = messages(&lib);
        let clean = matches!(name, "bom.md" | "crlf.md");
        assert_eq!(
            m.iter().any(|w| !w.contains("no date")),
            !clean,
            "{name}: {m:?}"
        );
    }
    // The long title is kept whole (and safe), the others warned about.
    let d = dir.path().to_path_buf();
    let lib = within(20, move || front(&d, "long.md", &long));
    assert_eq!(lib.posts[0].title.chars().count(), 1 << 20);
}

#[test]
fn hostile_toml_gives_a_post_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "+++\ntitle = \"Deep\"\nx = {}{}\n+++",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let inline = format!(
        "+++\ntitle = \"Inline\"\nx = {}{}\n+++",
        "{a=".repeat(50_000),
        "}".repeat(50_000)
    );
    let cases: Vec<(&str, String, &str)> = vec![
        ("deep.md", deep, "Deep"),
        ("inline.md", inline, "Inline"),
        (
            "dup.md",
            "+++\ntitle = \"One\"\ntitle = \"Two\"\n+++".into(),
            "One",
        ),
        (
            "bad.md",
            "+++\ntitle = \"Bad\"\ndate = = 1\n+++".into(),
            "Bad",
        ),
        (
            "open.md",
            "+++\ntitle = \"Open\"".into(),
            "Heading from the body",
        ),
        (
            "long.md",
            format!("+++\ntitle = \"{}\"\n+++", "x".repeat(1 << 20)),
            "xxx",
        ),
    ];
    for (name, fm, title) in cases {
        let d = dir.path().to_path_buf();
        let lib = within(20, move || front(&d, name, &fm));
        assert!(
            lib.posts[0].title.starts_with(title),
            "{name}: {}",
            cut(&lib.posts[0].title)
        );
        if name != "long.md" {
            assert!(
                messages(&lib).iter().any(|w| !w.contains("no date")),
                "{name}"
            );
        }
    }
}

fn cut(s: &str) -> String {
    s.chars().take(40).collect()
}

// ---- files ------------------------------------------------------------

#[test]
fn binary_and_odd_files_are_posts_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let elf: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let lib = load_one(dir.path(), "a.out.md", &elf);
    assert!(messages(&lib).iter().any(|m| m.contains("binary")));
    assert!(tidings::text::is_clean(&lib.posts[0].title));
    let lib = load_one(dir.path(), "nul.md", b"---\ntitle: N\x00UL\n---\nx\x00y");
    assert!(!lib.posts[0].title.contains('\0'));
    let lib = load_one(dir.path(), "latin1.md", b"# caf\xe9\n");
    assert!(messages(&lib).iter().any(|m| m.contains("UTF-8")));
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"\xff\xfe-post.md");
    std::fs::write(dir.path().join(name), "no front matter\n").unwrap();
    let lib = content::load(&[dir.path().to_path_buf()]);
    assert_eq!(lib.posts.len(), 1);
    assert_eq!(lib.posts[0].title, "\u{FFFD}\u{FFFD}-post");
    assert!(lib.posts[0].id.ends_with("-post.md"));
}

#[test]
fn files_deleted_between_scan_and_read_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "# B\n").unwrap();
    let scan = content::scan(&[dir.path().to_path_buf()]);
    std::fs::remove_file(dir.path().join("b.md")).unwrap();
    let (posts, warnings) = content::read_posts(&scan.files);
    assert_eq!(posts.len(), 1);
    assert!(
        warnings[0]
            .to_string()
            .contains("b.md: cannot be read: no such file or folder")
    );
}

#[test]
fn a_folder_of_100_000_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..100_000 {
        std::fs::File::create(dir.path().join(format!("{i:06}.md"))).unwrap();
    }
    let d: PathBuf = dir.path().to_path_buf();
    let lib = within(120, move || content::load(&[d]));
    assert_eq!(lib.posts.len(), 100_000);
    assert_eq!(lib.posts[0].title, "000000", "title from the file name");
    assert!(
        lib.posts
            .iter()
            .all(|p| p.body.is_empty() && p.date.is_none())
    );
}

#[test]
fn escape_sequences_in_every_field_are_neutralized() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "\u{1b}]52;c;ZXZpbA==\u{7}";
    let fm = format!(
        "---\ntitle: \"T{evil}\"\nauthor: \"A\u{9b}2J\"\ntags: [\"x\u{1b}[2J\"]\nsummary: \"S\u{1b}]8;;http://e\u{1b}\\\\\"\ncategory: \"\u{90}c\"\n---\n\nbody {evil} [l{evil}](https://e.org/{evil})\n"
    );
    let lib = load_one(dir.path(), "evil.md", fm.as_bytes());
    let p = &lib.posts[0];
    for field in [
        &p.title,
        &p.author(),
        &p.tags.join(""),
        &p.summary,
        &p.categories.join(""),
    ] {
        assert!(tidings::text::is_clean(field), "{field:?}");
        assert!(
            !field.contains("]52;") && !field.contains("[2J") && !field.contains("]8;"),
            "{field:?}"
        );
    }
    render_checked(&p.body, 60);
}

// ---- hidden characters --------------------------------------------------

#[test]
fn a_megabyte_of_bidi_controls_and_joiners_renders_clean() {
    // Trojan Source at scale: every other character hides or reorders.
    let unit = "a\u{202e}b\u{2066}👨\u{200d}👩\u{200d}c\u{200b}\u{2028}";
    let md = unit.repeat((1 << 20) / unit.len());
    within(120, move || {
        let theme = Theme::default();
        let a = render(
            &md,
            &Options {
                width: 80,
                theme: &theme,
                lang: "en",
                base_url: None,
            },
        );
        for s in a.lines.iter().flat_map(|l| &l.spans) {
            assert!(tidings::text::is_clean(&s.content), "{:?}", s.content);
            assert!(
                !s.content
                    .contains(['\u{202e}', '\u{2066}', '\u{200b}', '\u{2028}'])
            );
        }
        assert!(a.lines.iter().any(|l| l.to_string().contains("a⇄b⇄👨")));
    });
}
