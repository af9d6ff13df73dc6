//! Hidden and unsafe characters (bidi controls, zero-width and other
//! invisible format characters, line separators, lone CR) through every
//! output tidings has: the article, the list, the links overlay, the status
//! line, what following or copying a link hands out, `--print`, `--list`
//! and `--list --json`. None may pass as it came; each shows as a stand-in.

use std::path::{Path, PathBuf};
use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tidings::app::follow::{self, Follow};
use tidings::app::{App, Effect, Env, Key, Look, Msg, Mux};
use tidings::content::{self, Library};
use tidings::markdown::{self, Symbols, Theme};
use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

/// Each hidden character in a field or a link of its own, so a test can
/// tell which one got through.
const POST: &str = "---
title: \"Pay\u{202e}lap\u{200b} now\"
author: \"Ev\u{2066}e\u{2069}\"
tags: [\"x\u{2060}y\", \"z\u{61c}\"]
date: 2024-05-01
---

Text \u{202e}reversed\u{202c}, zero\u{200b}width, a soft\u{ad}hyphen, a BOM \u{feff}here,
a line\u{2028}separator, a paragraph\u{2029}separator, a lone\rCR and a mark\u{200f}.
The family 👨\u{200d}👩\u{200d}👧 and the flag 🏳\u{fe0f}\u{200d}🌈 stay whole.

```
code \u{202e}with\u{200b} hidden\u{2028}bits
```

- [bidi](https://x.org/\u{202e}gpj.exe)
- [look-alike](https://p\u{430}ypal.com/login)
- [mail](mailto:boss@x.org?subject=hi&body=send%20it&attach=/etc/passwd)
";

/// The first character that must not reach a terminal or a clipboard:
/// a control (but `\n`), a format character (Cf) other than a joiner or
/// tag inside an emoji sequence, or a line or paragraph separator.
fn leak(s: &str) -> Option<char> {
    let chars: Vec<char> = s.chars().collect();
    let emoji = |c: Option<&char>| {
        c.is_some_and(|&c| !c.is_ascii() && c.is_emoji_char_or_emoji_component())
    };
    chars.iter().enumerate().find_map(|(i, &c)| {
        let bad = match c {
            '\n' => false,
            '\u{200d}' => !(i > 0 && emoji(chars.get(i - 1)) && emoji(chars.get(i + 1))),
            c if c.is_control() => true,
            c => matches!(
                c.general_category(),
                GeneralCategory::Format
                    | GeneralCategory::LineSeparator
                    | GeneralCategory::ParagraphSeparator
            ),
        };
        bad.then_some(c)
    })
}

fn assert_clean(what: &str, s: &str) {
    if let Some(c) = leak(s) {
        panic!("{what}: U+{:04X} got through in {s:?}", c as u32);
    }
}

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hidden.md");
    std::fs::write(&path, POST).unwrap();
    (dir, path)
}

fn library(path: &Path) -> Library {
    content::load(&[path.to_path_buf()])
}

fn text(lines: &[ratatui::text::Line]) -> String {
    lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn article_and_header_show_stand_ins() {
    let (_dir, path) = folder();
    let lib = library(&path);
    let post = &lib.posts[0];
    let theme = Theme::default();
    let opts = markdown::Options {
        width: 60,
        theme: &theme,
        lang: "en",
        base_url: None,
    };
    let article = markdown::render(&post.body, &opts);
    let body = text(&article.lines);
    assert_clean("article", &body);
    for shown in [
        "⇄reversed⇄",
        "zero␣width",
        "softhyphen",
        "BOM ␣here",
        "lone CR",
        "mark⇄",
        "code ⇄with␣",
    ] {
        assert!(body.contains(shown), "{shown:?} in\n{body}");
    }
    assert!(body.contains("👨\u{200d}👩\u{200d}👧") && body.contains("🏳\u{fe0f}\u{200d}🌈"));
    let header = text(&markdown::header(&post.title, &post.meta(), 60, &theme));
    assert_clean("header", &header);
    assert!(
        header.contains("Pay⇄lap␣ now") && header.contains("Ev⇄e⇄"),
        "{header}"
    );
    for link in &article.links {
        assert_clean("link url", &link.url);
        assert_clean("link raw", &link.raw);
    }
}

fn app(path: &Path, theme: Theme) -> App {
    let look = Look {
        theme,
        base_url: None,
    };
    let mut a = App::new(library(path), look, 100, 30);
    a.env = Env {
        ssh: false,
        opener: true,
        mux: Mux::None,
        ..Env::default()
    };
    a
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys.split_whitespace() {
        let key: Key = k.parse().unwrap_or_else(|_| panic!("unknown key {k}"));
        effects.extend(app.update(Msg::Key(key)));
    }
    effects
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn list_overlay_and_status_line_show_stand_ins() {
    let (_dir, path) = folder();
    let mut a = app(&path, Theme::default());
    let list = screen(&a);
    assert_clean("list", &list);
    assert!(list.contains("Pay⇄lap␣ now"), "{list}");
    assert!(list.contains("Ev⇄e⇄"), "{list}");

    press(&mut a, "Enter L");
    let overlay = screen(&a);
    assert_clean("links overlay", &overlay);
    for shown in [
        "[1] ⚠ https://x.org/⇄gpj.exe (hidden characters)",
        "[2] ⚠ https://xn--pypal-4ve.com/login (host mixes scripts)",
        "[3] mailto:boss@x.org ",
    ] {
        assert!(overlay.contains(shown), "{shown:?} in\n{overlay}");
    }
    assert!(!overlay.contains("attach"), "{overlay}");

    press(&mut a, "Esc");
    let fx = press(&mut a, "f 1 Enter");
    assert_eq!(fx, [Effect::Copy("https://x.org/⇄gpj.exe".into())]);
    let status = screen(&a);
    let last = status.lines().last().unwrap();
    assert_clean("status line", &status);
    assert!(last.contains("copied [1] https://x.org/⇄gpj.exe"), "{last}");

    assert_eq!(
        press(&mut a, "f 2 Enter"),
        [Effect::Open("https://xn--pypal-4ve.com/login".into())]
    );
    assert_eq!(
        press(&mut a, "f 3 Enter"),
        [Effect::Open("mailto:boss@x.org".into())]
    );
}

#[test]
fn follow_decide_hands_out_only_the_cleaned_url() {
    let (_dir, path) = folder();
    let lib = library(&path);
    let post = &lib.posts[0];
    let local = Env {
        ssh: false,
        opener: true,
        mux: Mux::None,
        ..Env::default()
    };
    // Links built by hand with the raw bytes, as if no renderer had cleaned
    // them: decide cleans again.
    let link = |url: &str| markdown::Link {
        number: 1,
        url: url.into(),
        raw: url.into(),
        kind: markdown::LinkKind::Link,
    };
    let decide = |url: &str| follow::decide(&link(url), post, &lib.posts, &local);
    match decide("https://x.org/\u{202e}gpj\u{200b}.exe") {
        Follow::Copy { url, why } => {
            assert_eq!(url, "https://x.org/⇄gpj␣.exe");
            assert!(why.contains("hidden"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        decide("https://p\u{430}ypal.com/login"),
        Follow::Open("https://xn--pypal-4ve.com/login".into())
    );
    assert_eq!(
        decide("mailto:boss@x.org?body=send%20it&attach=/etc/passwd"),
        Follow::Open("mailto:boss@x.org".into())
    );
    assert!(matches!(
        decide("mailto:boss\u{202e}@x.org"),
        Follow::Refuse(_)
    ));
    assert_eq!(
        follow::copy(&link("https://p\u{430}ypal.com/\u{2066}")),
        Follow::Copy {
            url: "https://xn--pypal-4ve.com/⇄".into(),
            why: String::new()
        }
    );
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run tidings");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn print_list_and_json_show_stand_ins() {
    let (_dir, path) = folder();
    let file = path.to_string_lossy();
    let printed = run(&["--print", "--width", "70", &file]);
    assert_clean("--print", &printed);
    for shown in [
        "Pay⇄lap␣ now",
        "⇄reversed⇄",
        "zero␣width",
        "https://xn--pypal-4ve.com/login",
    ] {
        assert!(printed.contains(shown), "{shown:?} in\n{printed}");
    }
    assert!(!printed.contains("attach"), "{printed}");

    let listed = run(&["--list", &file]);
    assert_clean("--list", &listed);
    assert!(
        listed.contains("Pay⇄lap␣ now") && listed.contains("Ev⇄e⇄"),
        "{listed}"
    );

    let json = run(&["--list", "--json", &file]);
    assert_clean("--json", &json);
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(v["title"], "Pay⇄lap␣ now");
    assert_eq!(v["tags"][1], "z⇄");
}

#[test]
fn ascii_mode_draws_no_unicode_punctuation() {
    let (_dir, path) = folder();
    let mut a = app(&path, Theme::default().with_symbols(Symbols::ascii()));
    let list = screen(&a);
    press(&mut a, "Enter L");
    let overlay = screen(&a);
    for s in [&list, &overlay] {
        let status = s.lines().last().unwrap();
        assert!(!status.contains(['·', '•', '…']), "{status}");
    }
    assert!(overlay.contains("Links - Enter follows"), "{overlay}");
    assert!(
        overlay.contains("[2] ! https://xn--pypal-4ve.com"),
        "{overlay}"
    );
    let printed = run(&[
        "--print",
        "--ascii",
        "--width",
        "70",
        &path.to_string_lossy(),
    ]);
    assert!(!printed.contains(['·', '•']), "{printed}");
}
