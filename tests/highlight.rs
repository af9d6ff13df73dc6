//! Fenced code highlighted with the theme's token styles: exact styles for
//! small Rust and Python blocks, plain for unknown languages, and none of
//! it changing the text or where lines break.

use ratatui::style::{Color, Modifier, Style};
use tidings::markdown::{Article, Options, Theme, render};

fn render_with(md: &str, width: usize, theme: &Theme) -> Article {
    render(
        md,
        &Options {
            width,
            theme,
            lang: "en",
            base_url: None,
        },
    )
}

/// Each span with text, trimmed: (text, style).
fn runs(a: &Article) -> Vec<(String, Style)> {
    a.lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .filter(|s| !s.content.trim().is_empty())
        .map(|s| (s.content.trim().to_owned(), s.style))
        .collect()
}

fn texts(a: &Article) -> Vec<String> {
    a.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn style_of(a: &Article, text: &str) -> Style {
    runs(a)
        .into_iter()
        .find(|(t, _)| t == text)
        .unwrap_or_else(|| panic!("no span {text:?} in {:?}", runs(a)))
        .1
}

const YELLOW: Style = Style::new().fg(Color::Yellow);

#[test]
fn rust_tokens_take_the_themes_styles() {
    let a = render_with(
        "```rust\n// adds\nfn add(a: u8) -> u8 { println!(\"{a}\"); a + 1 }\n```",
        80,
        &Theme::default(),
    );
    let t = Theme::default();
    let on_code = |s: Style| YELLOW.patch(s);
    assert_eq!(
        runs(&a),
        vec![
            ("// adds".into(), on_code(t.code_comment)),
            ("fn".into(), on_code(t.code_keyword)),
            ("add".into(), on_code(t.code_function)),
            ("(a:".into(), YELLOW),
            ("u8".into(), on_code(t.code_keyword)),
            (") ->".into(), YELLOW),
            ("u8".into(), on_code(t.code_keyword)),
            ("{".into(), YELLOW),
            ("println!".into(), on_code(t.code_macro)),
            ("(".into(), YELLOW),
            ("\"".into(), on_code(t.code_string)),
            ("{a}".into(), on_code(t.code_number)),
            ("\"".into(), on_code(t.code_string)),
            ("); a +".into(), YELLOW),
            ("1".into(), on_code(t.code_number)),
            ("}".into(), YELLOW),
        ]
    );
}

#[test]
fn python_tokens_take_the_themes_styles() {
    let a = render_with(
        "```python\n# greets\n@cache\ndef hi(name):\n    return 'hi ' + str(len(name)) if True else None\n```",
        80,
        &Theme::default(),
    );
    let t = Theme::default();
    assert_eq!(style_of(&a, "# greets"), YELLOW.patch(t.code_comment));
    assert_eq!(style_of(&a, "@cache"), YELLOW.patch(t.code_macro));
    assert_eq!(style_of(&a, "def"), YELLOW.patch(t.code_keyword));
    assert_eq!(style_of(&a, "hi"), YELLOW.patch(t.code_function));
    assert_eq!(style_of(&a, "return"), YELLOW.patch(t.code_keyword));
    assert_eq!(style_of(&a, "'hi '"), YELLOW.patch(t.code_string));
    assert_eq!(style_of(&a, "str"), YELLOW.patch(t.code_type));
    assert_eq!(style_of(&a, "True"), YELLOW.patch(t.code_number));
    assert_eq!(style_of(&a, "None"), YELLOW.patch(t.code_number));
}

#[test]
fn keywords_strings_and_comments_differ_in_every_coloured_theme() {
    for name in ["default", "light", "dark"] {
        let t = Theme::builtin(name).unwrap();
        for md in [
            "```rust\nlet s = \"x\"; // c\n```",
            "```py\nif s == 'x': pass  # c\n```",
        ] {
            let a = render_with(md, 60, &t);
            let kw = style_of(&a, if md.contains("rust") { "let" } else { "if" });
            let s = style_of(&a, if md.contains("rust") { "\"x\"" } else { "'x'" });
            let c = style_of(&a, if md.contains("rust") { "// c" } else { "# c" });
            assert!(kw != s && s != c && kw != c, "{name}: {md}");
            assert!([kw, s, c].iter().all(|x| x.fg.is_some()), "{name}");
            assert_ne!(kw, t.code_block, "{name}");
        }
    }
}

#[test]
fn fences_name_languages_by_name_or_extension() {
    let t = Theme::default();
    for (info, code, keyword) in [
        ("rust", "fn f() {}", "fn"),
        ("rs", "fn f() {}", "fn"),
        ("RUST", "fn f() {}", "fn"),
        ("py", "def f(): pass", "def"),
        ("c++ {.line-numbers}", "return 0;", "return"),
        ("cpp", "return 0;", "return"),
        ("{.python}", "def f(): pass", "def"),
        ("sql", "SELECT 1", "SELECT"),
        ("js", "const x = 1", "const"),
        ("toml", "[a]\nb = true", "true"),
    ] {
        let a = render_with(&format!("```{info}\n{code}\n```"), 60, &t);
        let style = runs(&a)
            .into_iter()
            .find(|(s, _)| s.split_whitespace().next() == Some(keyword))
            .unwrap_or_else(|| panic!("{info}: {:?}", runs(&a)))
            .1;
        assert_ne!(style, t.code_block, "{info}: {keyword} not highlighted");
    }
}

#[test]
fn unknown_or_missing_languages_stay_plain() {
    let t = Theme::default();
    for md in [
        "```nosuchlanguage\nfn f() { \"x\" }\n```",
        "```\nfn f() { \"x\" }\n```",
        "    fn f() { \"x\" }",
        "```text\nfn f() { \"x\" }\n```",
    ] {
        let a = render_with(md, 60, &t);
        let r = runs(&a);
        assert!(!r.is_empty(), "{md}");
        assert!(r.iter().all(|(_, s)| *s == t.code_block), "{md}: {r:?}");
    }
}

#[test]
fn highlighting_changes_no_text_and_no_line_breaks() {
    // Tabs, a wide line that continues, CJK, and a control character.
    let code = "fn main() {\n\tlet s = \"很长的中文字符串很长的中文字符串很长的中文\"; // 注释 \u{1b}[31m\n}";
    let t = Theme::default();
    for width in [20, 33, 80] {
        let hl = render_with(&format!("```rust\n{code}\n```"), width, &t);
        let plain = render_with(&format!("```unknown\n{code}\n```"), width, &t);
        assert_eq!(texts(&hl), texts(&plain), "width {width}");
        for line in texts(&hl) {
            assert!(tidings::text::width(&line) <= width, "{line:?}");
            assert!(!line.contains('\u{1b}') && !line.contains('\t'), "{line:?}");
        }
        assert_ne!(runs(&hl), runs(&plain), "width {width}: no highlighting");
    }
}

#[test]
fn mono_and_no_color_use_no_colour_but_keep_structure() {
    let md = "```rust\n// c\nfn f() -> &'static str { \"x\" }\n```";
    let mono = Theme::builtin("mono").unwrap();
    let a = render_with(md, 60, &mono);
    assert!(
        runs(&a)
            .iter()
            .all(|(_, s)| s.fg.is_none() && s.bg.is_none()),
        "{:?}",
        runs(&a)
    );
    assert!(style_of(&a, "fn").add_modifier.contains(Modifier::BOLD));
    assert!(style_of(&a, "// c").add_modifier.contains(Modifier::ITALIC));
    for name in tidings::markdown::THEME_NAMES {
        let t = Theme::builtin(name).unwrap().without_color();
        let a = render_with(md, 60, &t);
        assert!(
            runs(&a)
                .iter()
                .all(|(_, s)| s.fg.is_none() && s.bg.is_none()),
            "{name}: {:?}",
            runs(&a)
        );
    }
}

#[test]
fn huge_blocks_and_long_lines_are_bounded() {
    let t = Theme::default();
    // Past the per-article budget (256 KiB), code renders plain.
    let line = "let x = \"abcdefghijklmnopqrstuvwxyz\"; // 0123456789\n";
    let big = line.repeat((300 << 10) / line.len());
    let a = render_with(&format!("```rust\n{big}```"), 80, &t);
    let first = &a.lines[0];
    assert!(
        first
            .spans
            .iter()
            .any(|s| s.style != t.code_block && !s.content.trim().is_empty())
    );
    let last = a.lines.iter().rev().find(|l| !l.spans.is_empty()).unwrap();
    assert!(
        last.spans
            .iter()
            .all(|s| s.style == t.code_block || s.content.trim().is_empty())
    );
    // A line over 4 KiB ends highlighting for its block, not the article.
    let long = format!("let a = 1;\nlet b = \"{}\";\nlet c = 2;", "x".repeat(5000));
    let a = render_with(
        &format!("```rust\n{long}\n```\n\n```rust\nlet d = 3;\n```"),
        80,
        &t,
    );
    let kw: Vec<_> = runs(&a).into_iter().filter(|(s, _)| s == "let").collect();
    assert_eq!(kw.len(), 2, "only a's and d's `let` highlighted: {kw:?}");
    assert!(kw.iter().all(|(_, s)| *s == YELLOW.patch(t.code_keyword)));
    assert_eq!(
        style_of(&a, "let c = 2;"),
        t.code_block,
        "after the long line"
    );
}

fn code_post(title: &str) -> tidings::content::Post {
    let text =
        format!("---\ntitle: {title}\ndate: 2030-01-01\n---\n\n```rust\nfn main() {{}}\n```\n");
    tidings::content::Post::parse(tidings::content::Source {
        id: format!("{title}.md"),
        path: format!("/code/{title}.md").into(),
        size: text.len() as u64,
        bytes: text.into_bytes(),
    })
}

/// The reader's thread defers highlighting (as `tui::run` does): a small
/// post shows at once with plain code, and the render worker's highlighted
/// article replaces it, asked for once.
#[test]
fn the_reader_shows_code_plain_until_the_worker_highlights_it() {
    use tidings::app::{App, Effect, Look, Msg};
    // Thread-local: only this test's thread defers.
    tidings::markdown::defer_highlighting(true);
    let mut lib = tidings::content::load_builtin();
    lib.posts.insert(0, code_post("Code"));
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    let mut app = App::new(lib, look, 120, 40);
    let plain = app.article().expect("small posts render at once");
    assert!(plain.plain_code);
    assert_eq!(
        style_of(&plain, "fn main() {}"),
        Theme::default().code_block
    );
    let effects = app.update(Msg::Resize(120, 40));
    let [
        Effect::Render {
            rev,
            post,
            width,
            look,
        },
    ] = &effects[..]
    else {
        panic!("{effects:?}");
    };
    assert_eq!(post.title, "Code");
    // The worker's thread does not defer.
    let (post2, look2, w) = (post.clone(), look.clone(), *width as usize);
    let article = std::thread::spawn(move || tidings::app::render(&post2, w, &look2))
        .join()
        .unwrap();
    assert!(!article.plain_code);
    let fx = app.update(Msg::Rendered {
        rev: *rev,
        path: post.path.clone(),
        width: *width,
        article: std::sync::Arc::new(article),
    });
    assert!(
        fx.iter().all(|e| !matches!(e, Effect::Render { .. })),
        "{fx:?}"
    );
    let shown = app.article().unwrap();
    assert_eq!(
        style_of(&shown, "fn"),
        Theme::default()
            .code_block
            .patch(Theme::default().code_keyword)
    );
    assert!(!app.is_rendering());
}
