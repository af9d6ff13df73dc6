//! The links, outline and help overlays: narrowed as you type after `/`,
//! scrolled when longer than the screen, acting on the original row. By
//! scripted keys on the app, then on the real binary in a pty.

mod common;

use common::pty::Session;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tidings::app::{App, Effect, Intent, Key, Look, Mode, Msg};
use tidings::markdown::Theme;

/// A post with links 1 to 200, each to `https://example.org/item-NNN`.
fn many_links() -> String {
    let mut body = String::from("---\ntitle: Many links\ndate: 2024-01-01\n---\n\n");
    for i in 1..=200 {
        body.push_str(&format!("[t{i}](https://example.org/item-{i:03})\n"));
    }
    body
}

/// The app over one post, opened; the folder must outlive it.
fn app_with(post: &str, w: u16, h: u16) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.md"), post).unwrap();
    let lib = tidings::content::load(&[dir.path().to_path_buf()]);
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    let mut app = App::new(lib, look, w, h);
    press(&mut app, "Enter");
    (app, dir)
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for name in keys.split_whitespace() {
        let key: Key = name.parse().unwrap_or_else(|e| panic!("{e}"));
        effects.extend(app.update(Msg::Key(key)));
    }
    effects
}

fn screen(app: &App) -> String {
    let area = Rect::new(0, 0, app.width, app.height);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn typing_narrows_the_links_and_acts_on_the_original_one() {
    let (mut a, _dir) = app_with(&many_links(), 100, 30);
    press(&mut a, "L");
    assert_eq!(a.overlay_rows().len(), 200);
    // Letters are text while typing: j and q do not move or close.
    press(&mut a, "/ 1 8");
    assert!(a.overlay_view.typing);
    assert_eq!(a.mode, Mode::Links(Intent::Follow));
    let eighteens = [17, 117, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188];
    assert_eq!(a.overlay_rows(), eighteens);
    assert!(screen(&a).contains("12 of 200"), "{}", screen(&a));
    press(&mut a, "7");
    assert_eq!(a.overlay_rows(), [186]);
    press(&mut a, "Backspace");
    assert_eq!(a.overlay_rows().len(), 12, "Backspace widens");
    // Down moves within the narrowed rows; Enter keeps the filter.
    press(&mut a, "Down Down Enter");
    assert!(!a.overlay_view.typing);
    assert_eq!(a.overlay_view.filter, "18");
    assert_eq!(a.overlay, 2);
    let fx = press(&mut a, "y");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(
        fx,
        [Effect::Copy("https://example.org/item-180".into())],
        "row 3 of the narrowed rows is link 180"
    );
    assert!(a.message.as_deref().unwrap().starts_with("copied [180]"));
    // Opened again, the filter is gone.
    press(&mut a, "L");
    assert_eq!(a.overlay_rows().len(), 200);
    assert_eq!(a.overlay_view.filter, "");
}

#[test]
fn esc_clears_the_filter_then_closes() {
    let (mut a, _dir) = app_with(&many_links(), 100, 30);
    press(&mut a, "L / x y z");
    assert!(a.overlay_rows().is_empty());
    assert!(screen(&a).contains("(no match)"));
    press(&mut a, "Esc");
    assert_eq!(a.mode, Mode::Links(Intent::Follow), "Esc while typing");
    assert_eq!(
        (a.overlay_view.filter.as_str(), a.overlay_view.typing),
        ("", false)
    );
    assert_eq!(a.overlay_rows().len(), 200);
    press(&mut a, "/ z z Enter");
    let fx = press(&mut a, "Enter");
    assert_eq!(a.mode, Mode::Normal);
    assert!(fx.iter().all(|e| !matches!(e, Effect::Open(_))), "{fx:?}");
    assert_eq!(a.message.as_deref(), Some("no link matches"));
    press(&mut a, "L Esc");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn pages_and_ends_move_by_the_overlays_height() {
    let (mut a, _dir) = app_with(&many_links(), 100, 30);
    press(&mut a, "L j");
    assert!(screen(&a).contains("1–28 of 200"), "a line does not page");
    press(&mut a, "k PgDn");
    assert_eq!(a.overlay, 28, "a page is the 28 rows shown");
    assert!(screen(&a).contains("29–56 of 200"), "the next page shows");
    press(&mut a, "Ctrl-d");
    assert_eq!(a.overlay, 42);
    press(&mut a, "G");
    assert_eq!(a.overlay, 199);
    let s = screen(&a);
    assert!(s.contains("[200]") && s.contains("[187]") && !s.contains("[150]"));
    assert!(s.contains("173–200 of 200"), "{s}");
    press(&mut a, "b");
    assert_eq!(a.overlay, 171);
    press(&mut a, "Home");
    assert_eq!(a.overlay, 0);
}

#[test]
fn outline_narrows_by_chinese_text_and_jumps_to_that_heading() {
    let filler = "Filler line.\n\n".repeat(30);
    let post = format!(
        "---\ntitle: Headings\ndate: 2024-01-01\n---\n\n# 社区治理\n\n{filler}\
         # Intro\n\n{filler}# 社区活动\n\nActivities here.\n\n{filler}"
    );
    let (mut a, _dir) = app_with(&post, 100, 30);
    press(&mut a, "o / 社 区");
    assert_eq!(a.overlay_rows(), [0, 2]);
    press(&mut a, "活");
    assert_eq!(a.overlay_rows(), [2]);
    press(&mut a, "Enter Enter");
    assert_eq!(a.mode, Mode::Normal);
    let line = a.article().unwrap().headings[2].line;
    assert_eq!(a.scroll, line, "at the third heading, the one matched");
}

#[test]
fn help_scrolls_narrows_and_closes_only_on_its_keys() {
    let (mut a, _dir) = app_with(&many_links(), 40, 12);
    press(&mut a, "Esc ?");
    let rows = a.overlay_rows().len();
    assert!(rows > 10, "more rows than fit: {rows}");
    let s = screen(&a);
    assert!(s.contains(&format!("1–10 of {rows}")), "{s}");
    assert!(!s.contains("suspend"), "{s}");
    press(&mut a, "z Enter");
    assert_eq!(a.mode, Mode::Help, "other keys do nothing");
    press(&mut a, "j j");
    assert_eq!(a.overlay, 2);
    press(&mut a, "G");
    assert_eq!(a.overlay, rows - 10, "scrolled no further than the end");
    let s = screen(&a);
    assert!(
        s.contains("Ctrl-z") && s.contains("suspend"),
        "the last row\n{s}"
    );
    assert!(s.contains(&format!("{}–{rows} of {rows}", rows - 9)), "{s}");
    // Narrowed: q is text while typing.
    press(&mut a, "g / q u i t");
    assert_eq!(a.mode, Mode::Help);
    let s = screen(&a);
    assert!(s.contains(&format!("2 of {rows}")), "{s}");
    assert!(s.contains("Ctrl-c") && !s.contains("PgDn"), "{s}");
    press(&mut a, "Esc Esc");
    assert_eq!(a.mode, Mode::Normal);
    for close in ["q", "?", "F1", "Esc"] {
        press(&mut a, &format!("? {close}"));
        assert_eq!(a.mode, Mode::Normal, "{close} closes the help");
        assert!(!a.quit);
    }
}

/// The overlay's link rows: between │ borders, starting " [" (the
/// article's text beside it has no space after the border).
fn overlay_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let inner = l.split('│').find(|c| c.starts_with(" ["))?;
            Some(inner.trim().to_owned())
        })
        .collect()
}

#[test]
fn links_overlay_of_200_scrolls_narrows_and_follows_on_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    std::fs::write(posts.join("p.md"), many_links()).unwrap();
    let (script, record) = common::recording_browser(dir.path());
    let mut s = Session::start_with(100, 30, move |cmd, state| {
        cmd.arg("--state");
        cmd.arg(state);
        cmd.arg(&posts);
        cmd.env("BROWSER", &script);
        cmd.env("DISPLAY", ":0");
    });
    s.wait_text("Posts (1)");
    s.keys(b"\rL");
    s.wait_text("1–28 of 200");
    s.keys(b"\x1b[6~");
    s.wait_text("29–56 of 200");
    s.keys(b"G");
    s.wait_text("173–200 of 200");
    let screen = s.screen();
    assert!(
        screen.contains("[187] https://example.org/item-187"),
        "{screen}"
    );
    s.keys(b"g/18");
    s.wait_text("12 of 200");
    let screen = s.screen();
    let rows = overlay_rows(&screen);
    assert_eq!(rows.len(), 12, "{screen}");
    assert!(rows.iter().all(|r| r.contains("18")), "{rows:?}");
    assert!(screen.contains("/18"), "the filter on the border\n{screen}");
    s.keys(b"7");
    s.wait_text("1 of 200");
    assert_eq!(
        overlay_rows(&s.screen()),
        ["[187] https://example.org/item-187"]
    );
    // Enter keeps the filter, Enter again follows the one row left.
    s.keys(b"\r\r");
    s.wait_text("opening [187] https://example.org/item-187");
    s.wait_for("the browser ran", |_| record.exists());
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        "https://example.org/item-187"
    );
    // Copying from a narrowed list names the URL in the status line.
    s.keys(b"L/42\ry");
    s.wait_text("copied [42] https://example.org/item-042");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

/// Whether the screen shows a position `A–N of N`: its last row in view.
fn at_the_end(screen: &str) -> bool {
    screen.lines().any(|l| {
        let Some((before, total)) = l.split_once(" of ") else {
            return false;
        };
        let last = before.rsplit('–').next().unwrap_or("");
        let total: String = total.chars().take_while(char::is_ascii_digit).collect();
        before.contains('–') && !total.is_empty() && last == total
    })
}

#[test]
fn help_at_40x12_scrolls_to_its_last_row_on_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.md"), many_links()).unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 40, 12);
    s.wait_text("Posts (1)");
    s.keys(b"?");
    s.wait_text("Keys");
    assert!(!s.screen().contains("suspend"));
    s.keys(b"G");
    s.wait_text("suspend");
    let screen = s.screen();
    assert!(screen.contains("Ctrl-z"), "{screen}");
    assert!(
        at_the_end(&screen),
        "the position shows the last row\n{screen}"
    );
    s.keys(b"q");
    s.wait_for("help closed", |t| !t.contains("Keys"));
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}
