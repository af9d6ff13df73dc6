//! Themes: the built-in ones on a small screen (text and styles, as
//! snapshots), colours as users write them, per-style overrides, colour
//! depth, and no colour at all for `mono` and `NO_COLOR`.

use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tidings::app::{Action, App, Look};
use tidings::content::{Library, Post, Source};
use tidings::markdown::{ColorDepth, STYLE_NAMES, StyleSpec, THEME_NAMES, Theme, parse_color};

fn post(title: &str, date: &str, body: &str) -> Post {
    let text = format!("---\ntitle: {title}\ndate: {date}\nauthor: Ann\n---\n\n{body}");
    Post::parse(Source {
        id: format!("{title}.md"),
        path: format!("/themes/{title}.md").into(),
        size: text.len() as u64,
        bytes: text.into_bytes(),
    })
}

const BODY: &str = "## Notes\n\nSome *emphasis*, **strong**, `code` and a \
    [link](https://example.org).\n\n> A quote.\n\n```rust\n// say hi\nfn main() { \
    println!(\"hi {}\", 42); }\n```\n\n- an item\n";

fn app(theme: Theme) -> App {
    let lib = Library {
        posts: vec![
            post("Code and prose", "2030-01-03", BODY),
            post("Read already", "2030-01-02", "Text."),
            post("Still unread", "2030-01-01", "Text."),
        ],
        warnings: Vec::new(),
    };
    let look = Look {
        theme,
        base_url: None,
    };
    let mut a = App::new(lib, look, 84, 18);
    a.update(Action::Down);
    a.update(Action::ToggleRead);
    a.update(Action::Up);
    a
}

fn buffer(a: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(a.width, a.height)).unwrap();
    t.draw(|f| f.render_widget(a, f.area())).unwrap();
    t.backend().buffer().clone()
}

/// A cell's look in a few words: `fg bg MODIFIERS`, empty for the
/// terminal's own.
fn look(cell: &ratatui::buffer::Cell) -> String {
    let colour = |c: Color| match c {
        Color::Reset => "-".to_owned(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        c => format!("{c:?}"),
    };
    if cell.fg == Color::Reset && cell.bg == Color::Reset && cell.modifier.is_empty() {
        return String::new();
    }
    format!(
        "{} {} {:?}",
        colour(cell.fg),
        colour(cell.bg),
        cell.modifier
    )
}

/// The screen's text, then each run of cells in one look other than the
/// terminal's own: `row x0-x1 fg bg MODIFIERS "text"`.
fn text_and_styles(buf: &Buffer) -> String {
    let mut out = String::new();
    let mut runs = String::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        // (first column, look, text)
        let mut run: Option<(u16, String, String)> = None;
        let mut flush = |run: Option<(u16, String, String)>, x1: u16| {
            if let Some((x0, l, text)) = run
                && !l.is_empty()
            {
                runs.push_str(&format!("{y:>2} {x0:>2}-{x1:<2} {l} {text:?}\n"));
            }
        };
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            row.push_str(cell.symbol());
            let l = look(cell);
            match &mut run {
                Some((_, rl, text)) if *rl == l => text.push_str(cell.symbol()),
                _ => {
                    flush(run.take(), x.saturating_sub(1));
                    run = Some((x, l, cell.symbol().to_owned()));
                }
            }
        }
        flush(run, buf.area.width - 1);
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out + "\n" + &runs
}

#[test]
fn each_builtin_theme_renders_a_screen() {
    for name in THEME_NAMES {
        let theme = Theme::builtin(name).unwrap();
        let snap = text_and_styles(&buffer(&app(theme)));
        insta::assert_snapshot!(format!("theme_{name}"), snap);
    }
}

fn coloured(c: Color) -> bool {
    c != Color::Reset
}

#[test]
fn mono_and_no_color_screens_have_no_colour() {
    let mut themes: Vec<(String, Theme)> = vec![("mono".into(), Theme::builtin("mono").unwrap())];
    for name in THEME_NAMES {
        themes.push((
            format!("{name} without colour"),
            Theme::builtin(name).unwrap().without_color(),
        ));
    }
    for (name, theme) in themes {
        for name_style in STYLE_NAMES {
            let s = theme.style(name_style).unwrap();
            assert!(
                s.fg.is_none() && s.bg.is_none(),
                "{name}: {name_style} {s:?}"
            );
        }
        let mut a = app(theme);
        let buf = buffer(&a);
        assert!(
            buf.content
                .iter()
                .all(|c| !coloured(c.fg) && !coloured(c.bg)),
            "{name}"
        );
        // Structure still shows: the selected entry reversed, the title bold.
        assert!(buf[(2, 1)].modifier.contains(Modifier::REVERSED), "{name}");
        a.update(Action::Help);
        let buf = buffer(&a);
        assert!(
            buf.content
                .iter()
                .all(|c| !coloured(c.fg) && !coloured(c.bg)),
            "{name}: help"
        );
    }
}

#[test]
fn a_user_style_restyles_the_screen() {
    let mut theme = Theme::default();
    let spec = |fg: &str, bg: &str| StyleSpec {
        fg: Some(fg.into()),
        bg: Some(bg.into()),
        ..StyleSpec::default()
    };
    theme
        .set_style("selection", &spec("black", "#ffd700"))
        .unwrap();
    theme.set_style("status", &spec("white", "blue")).unwrap();
    theme
        .set_style("border-focused", &spec("red", "default"))
        .unwrap();
    let buf = buffer(&app(theme));
    // The selected entry, the status line, the focused (list) pane's frame.
    assert_eq!(buf[(4, 1)].bg, Color::Rgb(0xff, 0xd7, 0x00));
    assert_eq!(buf[(4, 1)].fg, Color::Black);
    assert_eq!(
        (buf[(4, 17)].fg, buf[(4, 17)].bg),
        (Color::Gray, Color::Blue)
    );
    assert_eq!(buf[(0, 5)].fg, Color::Red);
}

#[test]
fn colours_parse_as_users_write_them() {
    for (s, c) in [
        ("red", Color::Red),
        ("Bright-Blue", Color::LightBlue),
        ("bright_black", Color::DarkGray),
        ("brightwhite", Color::White),
        ("white", Color::Gray),
        ("default", Color::Reset),
        ("reset", Color::Reset),
        ("0", Color::Indexed(0)),
        ("208", Color::Indexed(208)),
        ("255", Color::Indexed(255)),
        ("#1E90ff", Color::Rgb(0x1e, 0x90, 0xff)),
        (" #000000 ", Color::Rgb(0, 0, 0)),
    ] {
        assert_eq!(parse_color(s), Ok(c), "{s}");
    }
    for bad in [
        "",
        "256",
        "-1",
        "#12345",
        "#1234567",
        "#gggggg",
        "reddish",
        "rgb(1,2,3)",
        "bright-",
    ] {
        let err = parse_color(bad).unwrap_err();
        assert!(
            err.contains("expected a colour name (red, bright-blue, …), 0–255 or #rrggbb"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn set_style_changes_only_what_is_given_and_names_errors() {
    let mut t = Theme::default();
    let before = t.style("heading1").unwrap();
    t.set_style(
        "heading1",
        &StyleSpec {
            fg: Some("green".into()),
            underline: Some(false),
            italic: Some(true),
            ..StyleSpec::default()
        },
    )
    .unwrap();
    let after = t.style("heading1").unwrap();
    assert_eq!(after.fg, Some(Color::Green));
    assert!(after.add_modifier.contains(Modifier::BOLD), "kept");
    assert!(after.add_modifier.contains(Modifier::ITALIC));
    assert!(!after.add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(t.headings[0], after);
    assert_ne!(before, after);

    let err = t.set_style("headline", &StyleSpec::default()).unwrap_err();
    assert!(
        err.contains("unknown style \"headline\"") && err.contains("code-keyword"),
        "{err}"
    );
    let bad = StyleSpec {
        bg: Some("purplish".into()),
        ..StyleSpec::default()
    };
    let err = t.set_style("link", &bad).unwrap_err();
    assert!(
        err.contains("\"link\"") && err.contains("purplish") && err.contains("#rrggbb"),
        "{err}"
    );
    assert_eq!(
        t.link,
        Theme::default().link,
        "a failed set changes nothing"
    );

    // Every listed name is a style that can be set.
    for name in STYLE_NAMES {
        let spec = StyleSpec {
            fg: Some("1".into()),
            ..StyleSpec::default()
        };
        t.set_style(name, &spec).unwrap();
        assert_eq!(t.style(name).unwrap().fg, Some(Color::Indexed(1)), "{name}");
    }
    let mut sorted = STYLE_NAMES.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), STYLE_NAMES.len(), "names are unique");
}

#[test]
fn style_specs_come_from_config_text() {
    let spec: StyleSpec = toml::from_str("fg = \"#ff0000\"\nbold = true\n").unwrap();
    assert_eq!(
        spec,
        StyleSpec {
            fg: Some("#ff0000".into()),
            bold: Some(true),
            ..StyleSpec::default()
        }
    );
    let err = toml::from_str::<StyleSpec>("colour = \"red\"\n").unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}

#[test]
fn builtin_themes_by_name() {
    assert_eq!(THEME_NAMES, ["default", "light", "dark", "mono"]);
    assert_eq!(Theme::builtin("default"), Some(Theme::default()));
    assert!(Theme::builtin("solarized").is_none());
    let light = Theme::builtin("light").unwrap();
    let dark = Theme::builtin("dark").unwrap();
    assert_ne!(light, dark);
    assert!(matches!(dark.code_keyword.fg, Some(Color::Rgb(..))));
}

#[test]
fn colours_come_down_to_the_terminals_depth() {
    assert_eq!(
        ColorDepth::from_vars("truecolor", "xterm"),
        ColorDepth::TrueColor
    );
    assert_eq!(
        ColorDepth::from_vars("24bit", "dumb"),
        ColorDepth::TrueColor
    );
    assert_eq!(
        ColorDepth::from_vars("", "xterm-256color"),
        ColorDepth::Ansi256
    );
    assert_eq!(
        ColorDepth::from_vars("", "tmux-256color"),
        ColorDepth::Ansi256
    );
    assert_eq!(ColorDepth::from_vars("", "xterm"), ColorDepth::Ansi16);
    assert_eq!(ColorDepth::from_vars("", ""), ColorDepth::Ansi16);

    let mut t = Theme::default();
    let set = |t: &mut Theme, name: &str, fg: &str| {
        let spec = StyleSpec {
            fg: Some(fg.into()),
            ..StyleSpec::default()
        };
        t.set_style(name, &spec).unwrap();
    };
    set(&mut t, "link", "#ff0000");
    set(&mut t, "quote", "#5f87af");
    set(&mut t, "code", "196");
    let true_colour = t.clone().degrade(ColorDepth::TrueColor);
    assert_eq!(true_colour, t);
    let c256 = t.clone().degrade(ColorDepth::Ansi256);
    assert_eq!(c256.link.fg, Some(Color::Indexed(196)));
    assert_eq!(c256.quote.fg, Some(Color::Indexed(67)));
    assert_eq!(c256.code.fg, Some(Color::Indexed(196)));
    assert_eq!(c256.headings, t.headings, "named colours stay");
    let c16 = t.degrade(ColorDepth::Ansi16);
    assert_eq!(c16.link.fg, Some(Color::LightRed));
    assert_eq!(c16.code.fg, Some(Color::LightRed));
    for name in THEME_NAMES {
        let t = Theme::builtin(name).unwrap().degrade(ColorDepth::Ansi16);
        for s in STYLE_NAMES {
            let st = t.style(s).unwrap();
            for c in [st.fg, st.bg].into_iter().flatten() {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{name} {s}"
                );
            }
        }
    }
}

/// SGR parameters that set a colour: 30–49 (with 38/48), 90–107.
fn colour_codes(out: &str) -> Vec<String> {
    let mut found = Vec::new();
    for seq in out.split("\x1b[").skip(1) {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if &seq[end..=end] != "m" {
            continue;
        }
        let params = &seq[..end];
        if params.split(';').any(|p| {
            p.parse::<u32>()
                .is_ok_and(|n| (30..=49).contains(&n) || (90..=107).contains(&n))
        }) {
            found.push(params.to_owned());
        }
    }
    found
}

fn print(args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("code.md");
    std::fs::write(&file, format!("---\ntitle: Code\n---\n\n{BODY}")).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tidings"));
    cmd.args(["--print", "--color", "always"])
        .args(args)
        .arg(&file);
    for var in ["NO_COLOR", "COLORTERM", "TERM"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn print_highlights_and_mono_or_no_color_print_no_colour() {
    let default = print(&[], &[]);
    assert!(
        default.contains("\x1b[35mfn"),
        "keyword in magenta: {default:?}"
    );
    let true_colour = print(&["--theme", "dark"], &[("COLORTERM", "truecolor")]);
    assert!(true_colour.contains("38;2;"), "{true_colour:?}");
    let c256 = print(&["--theme", "dark"], &[("TERM", "xterm-256color")]);
    assert!(
        c256.contains("38;5;") && !c256.contains("38;2;"),
        "{c256:?}"
    );
    let c16 = print(&["--theme", "dark"], &[("TERM", "xterm")]);
    assert!(!c16.contains("38;5;") && !c16.contains("38;2;"), "{c16:?}");

    let mono = print(&["--theme", "mono"], &[("COLORTERM", "truecolor")]);
    assert_eq!(colour_codes(&mono), Vec::<String>::new());
    assert!(mono.contains("\x1b[1mfn"), "keywords bold: {mono:?}");
    for theme in THEME_NAMES {
        let out = print(
            &["--theme", theme],
            &[("NO_COLOR", "1"), ("COLORTERM", "truecolor")],
        );
        assert_eq!(colour_codes(&out), Vec::<String>::new(), "{theme}");
        assert!(out.contains('\x1b'), "{theme}: bold and the like remain");
    }
}
