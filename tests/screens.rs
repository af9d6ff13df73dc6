//! Whole screens, drawn into ratatui's TestBackend, as insta snapshots.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use tidings::app::{Action, App, Look, keymap};
use tidings::content;
use tidings::markdown::{Symbols, Theme};

fn app(w: u16, h: u16, ascii: bool) -> App {
    app_with(w, h, ascii, Theme::default())
}

fn app_with(w: u16, h: u16, ascii: bool, mut theme: Theme) -> App {
    if ascii {
        theme = theme.with_symbols(Symbols::ascii());
    }
    App::new(
        content::load_builtin(),
        Look {
            theme,
            base_url: None,
        },
        w,
        h,
    )
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t
}

fn select(app: &mut App, id: &str) {
    let i = app.lib.posts.iter().position(|p| p.id == id).unwrap();
    app.update(Action::Top);
    for _ in 0..i {
        app.update(Action::Down);
    }
}

#[test]
fn start_screen_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        let a = app(w, h, false);
        insta::assert_snapshot!(format!("start_{w}x{h}"), screen(&a).backend());
    }
}

#[test]
fn chinese_post_opened_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        let mut a = app(w, h, false);
        select(&mut a, "zh/2024-10-08/index.md");
        a.update(Action::Open);
        a.update(Action::PageDown);
        insta::assert_snapshot!(format!("zh_report_{w}x{h}"), screen(&a).backend());
    }
}

#[test]
fn help_overlay_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        let mut a = app(w, h, false);
        a.update(Action::Help);
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&a).backend());
    }
}

#[test]
fn ascii_mode_uses_no_box_drawing() {
    let mut a = app(80, 24, true);
    select(&mut a, "zh/2024-06-30/resources.md");
    let t = screen(&a);
    let text = format!("{}", t.backend());
    assert!(
        !text.contains(['┌', '│', '─', '┃', '━', '▌', '•']),
        "{text}"
    );
    insta::assert_snapshot!("ascii_80x24", t.backend());
}

#[test]
fn selection_and_focus_show_without_colour() {
    let a = app_with(120, 40, false, Theme::default().without_color());
    let t = screen(&a);
    let buf = t.backend().buffer();
    // The selected entry is reversed; the focused pane's title is reversed.
    assert!(buf[(2, 1)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(2, 3)].modifier.contains(Modifier::REVERSED));
    assert!(
        buf[(3, 0)].modifier.contains(Modifier::REVERSED),
        "Posts title"
    );
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset)
    );
    let bold = buf
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::BOLD))
        .count();
    assert!(
        bold > 10,
        "structure (bold headings, borders) stays without colour"
    );
}

#[test]
fn link_overlay_search_and_outline() {
    let mut a = app(100, 30, false);
    select(&mut a, "zh/2024-10-08/index.md");
    a.update(Action::Open);
    a.update(Action::Links);
    a.update(Action::Down);
    insta::assert_snapshot!("links_overlay_100x30", screen(&a).backend());

    a.update(Action::Back);
    a.update(Action::Outline);
    a.update(Action::Down);
    insta::assert_snapshot!("outline_100x30", screen(&a).backend());

    let mut b = app(100, 30, false);
    b.update(Action::Search);
    for c in "用户组".chars() {
        let asked = b.update(Action::Char(c));
        common::settle(&mut b, asked);
    }
    insta::assert_snapshot!("search_in_progress_100x30", screen(&b).backend());
}

#[test]
fn find_matches_are_reversed_in_the_article() {
    let mut a = app(100, 30, false);
    select(&mut a, "zh/2024-10-08/index.md");
    a.update(Action::Open);
    a.update(Action::Search);
    for c in "Kestrel".chars() {
        a.update(Action::Char(c));
    }
    a.update(Action::Open);
    let t = screen(&a);
    let buf = t.backend().buffer();
    let (line, start, _) = a.find.matches[a.find.current];
    let text = tidings::app::layout::article_text(a.layout().article.unwrap());
    let y = text.y + (line - a.scroll) as u16;
    assert!(
        buf[(text.x + start, y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    assert_eq!(buf[(text.x + start, y)].symbol(), "K");
}

#[test]
fn help_shows_every_action_when_it_fits() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h, false);
        a.update(Action::Help);
        let text = format!("{}", screen(&a).backend());
        for r in keymap::help_rows().iter().filter(|r| r.label.is_none()) {
            let key = format!(" {} ", r.keys[0]);
            let shown = text.lines().any(|l| {
                let at = |s: &str| l.find(s);
                let what = at(&format!(" {} ", r.help)).or(at(&format!(" {} ", r.name)));
                matches!((at(&key), what), (Some(k), Some(w)) if k < w)
            });
            assert!(shown, "{w}x{h} lacks {}:\n{text}", r.name);
        }
    }
}

/// With --ascii nothing tidings draws itself is outside ASCII: no
/// ellipsis, separator, bullet, border or mark (the posts' own text is).
#[test]
fn ascii_draws_no_unicode_of_its_own() {
    let drawn_by_tidings = "…·•▌●★│─┃━┏┓┗┛┌┐└┘↓↑←→⚠";
    for (w, h) in [(60, 20), (100, 30), (40, 12)] {
        let mut a = app(w, h, true);
        for keys in [
            &[][..],
            &[Action::Open][..],
            &[Action::Links][..],
            &[Action::Help][..],
        ] {
            for &k in keys {
                a.update(k);
            }
            let t = screen(&a);
            let text: String = t
                .backend()
                .buffer()
                .content
                .iter()
                .map(|c| c.symbol())
                .collect();
            for c in drawn_by_tidings.chars() {
                assert!(!text.contains(c), "{c} at {w}x{h} after {keys:?}:\n{text}");
            }
            a.update(Action::Back);
        }
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--list", "--ascii"])
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("..."), "long titles cut with ...: {list}");
    assert!(!list.contains('…'), "{list}");
}

#[test]
fn command_completions_show_the_keys_bound_now() {
    use tidings::app::keymap::{Context, Seq};
    let mut a = app(100, 30, false);
    a.keymap.bind(
        Context::Panes,
        Seq::one("x".parse().unwrap()),
        Action::NextUnread,
    );
    a.update(Action::Command);
    for c in "next-u".chars() {
        a.update(Action::Char(c));
    }
    let screen = screen(&a);
    let lines: Vec<String> = (0..30)
        .map(|y| {
            (0..100)
                .map(|x| screen.backend().buffer()[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    let line = lines
        .iter()
        .find(|l| l.contains("next-unread"))
        .unwrap_or_else(|| panic!("no completion row:\n{}", lines.join("\n")));
    // The default key and the one bound here, beside the command.
    assert!(line.contains(" n x ") || line.contains(" x n "), "{line}");
}
