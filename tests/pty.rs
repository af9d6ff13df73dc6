//! End-to-end: the real binary in a pseudo-terminal, its screen read back
//! through a VT parser.

mod common;

use std::time::{Duration, Instant};

use common::pty::Session;

#[test]
fn keys_do_what_they_say_and_q_restores_the_terminal() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_text("Kestrel 3.1.0 is out");
    let screen = s.screen();
    assert!(screen.contains("Posts (10)"), "{screen}");
    assert!(screen.contains("1/10"));
    assert!(s.alternate_screen());

    s.keys(b"j");
    s.wait_text("2/10");
    s.wait_text("前言：国庆长假");

    s.keys(b"\r");
    s.wait_text("f follow");

    s.keys(b"\x1b[6~"); // PageDown
    s.wait_for("the article to scroll", |sc| {
        !sc.contains("前言：国庆长假") && !sc.contains("│ Top")
    });

    s.keys(b"?");
    s.wait_text("Keys");
    s.keys(b"\x1b");
    s.wait_for("the help to close", |sc| !sc.contains(" Keys "));

    // q leaves the article for the list, and the list for the shell.
    s.keys(b"q");
    s.wait_text("Enter open");
    assert!(s.alternate_screen(), "q in an article does not quit");
    s.keys(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!s.alternate_screen(), "left the alternate screen");
    assert!(!s.cursor_hidden(), "cursor shown again");
}

#[test]
fn sighup_exits_and_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_text("Posts (10)");
    s.signal("-HUP");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + 1);
    assert!(!s.alternate_screen());
    assert!(!s.cursor_hidden());
}

#[test]
fn sigterm_exits_and_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_text("Posts (10)");
    s.signal("-TERM");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + 15);
    assert!(!s.alternate_screen());
}

#[test]
fn setup_errors_stay_out_of_the_alternate_screen() {
    let mut s = Session::start(&["/no/such/folder"], 80, 24);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1);
    assert!(!s.alternate_screen());
    let screen = s.screen();
    assert!(screen.contains("no such file or folder"), "{screen}");
    assert!(screen.contains("no posts found"), "{screen}");
}

/// The screen the app should show after `actions`, drawn in-process.
fn expected_rows(cols: u16, rows: u16, actions: &[tidings::app::Action]) -> Vec<String> {
    use tidings::app::{App, Look};
    let look = Look {
        theme: tidings::markdown::Theme::default(),
        base_url: None,
    };
    let mut app = App::new(tidings::content::load_builtin(), look, cols, rows);
    for a in actions {
        app.update(*a);
    }
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(cols, rows)).unwrap();
    t.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let buf = t.backend().buffer();
    (0..rows)
        .map(|y| {
            let mut s = String::new();
            let mut skip = 0;
            for x in 0..cols {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
                s.push_str(sym);
            }
            s.trim_end().to_owned()
        })
        .collect()
}

#[test]
fn what_reaches_the_terminal_matches_what_was_drawn() {
    use tidings::app::Action::*;
    let (cols, rows) = (120u16, 40u16);
    let mut s = Session::start(&[], cols, rows);
    s.wait_text("Posts (10)");
    // Into the Chinese report, then scroll by lines and pages, back and
    // forth, and move through the list: every kind of partial update.
    let keys: &[(&[u8], tidings::app::Action)] = &[
        (b"j", Down),
        (b"\r", Open),
        (b"j", Down),
        (b"j", Down),
        (b" ", PageDown),
        (b"j", Down),
        (b"k", Up),
        (b"\x1b[6~", PageDown),
        (b"b", PageUp),
        (b"]", NextPost),
        (b"[", PrevPost),
        (b"G", Bottom),
        (b"\x1b", Back),
        (b"j", Down),
        (b"j", Down),
    ];
    let mut done = Vec::new();
    for (bytes, action) in keys {
        s.keys(bytes);
        done.push(*action);
        s.wait_for_screen(&expected_rows(cols, rows, &done));
    }
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn search_open_a_hit_copy_a_link_with_osc52() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_text("Posts (10)");
    s.keys("/西安用户组".as_bytes());
    s.wait_text("Posts (1 of 10)");
    s.keys(b"\r\r");
    s.wait_text("加入方式");
    s.keys(b"y2\r");
    let url = "https://kestrel.example.org/zh/ug/";
    s.wait_text("copied [2]");
    // base64 of the URL, as OSC 52 carries it.
    let want = "\x1b]52;c;aHR0cHM6Ly9rZXN0cmVsLmV4YW1wbGUub3JnL3poL3VnLw==";
    let start = Instant::now();
    while !String::from_utf8_lossy(&s.raw.lock().unwrap()).contains(want) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no OSC 52 for {url}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn edits_on_disk_show_up_while_reading() {
    let dir = tempfile::tempdir().unwrap();
    let post = |title: &str, date: &str| {
        format!("---\ntitle: '{title}'\ndate: '{date}'\n---\n\nBody of {title}.\n")
    };
    std::fs::write(dir.path().join("a.md"), post("First post", "2024-01-01")).unwrap();
    std::fs::write(dir.path().join("b.md"), post("Second post", "2024-01-02")).unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 30);
    s.wait_text("Second post");
    s.keys(b"j\r");
    s.wait_text("Body of First post");

    std::fs::write(
        dir.path().join("a.md"),
        post("First post, edited", "2024-01-01"),
    )
    .unwrap();
    s.wait_text("First post, edited");
    s.wait_text("1 changed");
    assert!(
        s.screen().contains("Body of First post, edited"),
        "the open article follows"
    );

    std::fs::write(dir.path().join("c.md"), post("Third post", "2024-01-03")).unwrap();
    std::fs::remove_file(dir.path().join("b.md")).unwrap();
    s.wait_text("Third post");
    s.wait_for("b.md to go", |sc| !sc.contains("Second post"));

    // Half-written: broken front matter shows a warning, then recovers.
    std::fs::write(dir.path().join("c.md"), "---\ntitle: 'Third post\n").unwrap();
    s.wait_for("a warning count", |sc| sc.contains(" warning"));
    std::fs::write(
        dir.path().join("c.md"),
        post("Third post, complete", "2024-01-03"),
    )
    .unwrap();
    s.wait_text("Third post, complete");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn osc8_hyperlinks_when_asked_and_never_otherwise() {
    let hyperlink = "\x1b]8;;https://kestrel.example.org/en/\x1b\\";
    for (flag, expect) in [("always", true), ("never", false)] {
        let mut s = Session::start(&["--osc8", flag], 100, 30);
        s.wait_text("Posts (10)");
        s.keys(b"G\r");
        // Text only the article shows (the title is in the list already).
        s.wait_text("Every link is numbered");
        s.keys(b"Q");
        assert!(s.wait_exit().success());
        let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
        assert_eq!(raw.contains(hyperlink), expect, "--osc8 {flag}");
        // Only http(s)/mailto become links: the relative .md links do not.
        assert!(!raw.contains("\x1b]8;;2024-10-15-release-3-1.md"));
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "---\ntitle: \"Evil \\e]52;c;ZXZpbA==\\a title\"\ndate: 2024-01-01\ntags: [\"\\e]0;pwned\\a\"]\n---\n\nbody \x1b]0;pwned-too\x07 text \u{9b}31m and [a link\x1b[2J](https://e.org/\x1b]52;c;eHh4\x07)\n",
    )
    .unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 30);
    s.wait_text("Evil");
    s.keys(b"\r");
    s.wait_text("body");
    s.keys(b"L");
    s.wait_text("Links ·");
    // Esc and a key sent together read as Alt+key: let the Esc land first.
    s.keys(b"\x1b");
    s.wait_for("the overlay to close", |sc| !sc.contains("Links ·"));
    s.keys(b"y1\r");
    s.wait_text("copied [1]");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
    let raw = s.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    for payload in ["]52;c;ZXZpbA", "]0;pwned", "]52;c;eHh4", "[31m"] {
        assert!(!text.contains(payload), "{payload:?} reached the terminal");
    }
    assert!(
        !raw.windows(2).any(|w| w == [0xc2, 0x9b]),
        "a C1 CSI reached the terminal"
    );
    // The copied URL is the sanitized one (its own OSC 52, not the post's).
    assert!(text.contains("\x1b]52;c;"), "our own copy happened");
}

#[test]
fn a_resize_storm_leaves_a_correct_screen() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_text("Posts (10)");
    let sizes = [
        (1, 1),
        (200, 60),
        (2, 1),
        (20, 6),
        (1, 40),
        (79, 24),
        (80, 24),
        (3, 3),
        (150, 50),
    ];
    for (c, r) in sizes.iter().cycle().take(60) {
        s.resize(*c, *r);
    }
    s.resize(100, 30);
    let want = expected_rows(100, 30, &[]);
    s.wait_for_screen(&want);
    // Back at the size drawn last, after the terminal lost its content
    // while tiny: tidings sees no size change but must repaint it all.
    for _ in 0..5 {
        s.resize(1, 1);
        s.resize(100, 30);
        s.wait_for_screen(&want);
    }
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

impl Session {
    /// Waits until the terminal shows exactly `want`, row by row; fails
    /// with the rows that differ.
    fn wait_for_screen(&self, want: &[String]) {
        let cols = self.parser.lock().unwrap().screen().size().1.get();
        let start = Instant::now();
        loop {
            let got: Vec<String> = {
                let p = self.parser.lock().unwrap();
                p.screen()
                    .rows(0, cols)
                    .map(|r| r.trim_end().to_owned())
                    .collect()
            };
            if got == want {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                let diff: Vec<String> = got
                    .iter()
                    .zip(want)
                    .enumerate()
                    .filter(|(_, (g, w))| g != w)
                    .map(|(i, (g, w))| format!("row {i}:\n got  {g}\n want {w}"))
                    .collect();
                panic!("the terminal differs:\n{}", diff.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn signals_mid_use_keep_the_reading_state() {
    for sig in ["-TERM", "-HUP"] {
        let mut s = Session::start(&[], 100, 30);
        s.wait_text("Posts (10)");
        s.keys(b"j\r");
        s.wait_text("前言");
        s.signal(sig);
        let status = s.wait_exit();
        assert!(!status.success(), "{sig}: ended by the signal");
        assert!(!s.alternate_screen());
        let state = std::fs::read_to_string(s.state_file()).expect("state written");
        let marks: serde_json::Value = serde_json::from_str(&state).expect("valid JSON");
        // Marks are kept under the post's own key (date, title, name).
        let key = "t:2024-10-08|Kestrel 社区九月运作报告|";
        assert_eq!(marks["posts"][key]["read"], true, "{sig}: {state}");
    }
}

#[test]
fn stdin_closed_still_reads_keys_from_the_terminal() {
    let mut s = Session::start_shell("exec \"$0\" --state \"$1\" < /dev/null", 80, 24);
    s.wait_text("Posts (10)");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
    assert!(!s.alternate_screen());
}
