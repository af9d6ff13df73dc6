//! The real binary under a real tmux, on a post full of the clusters
//! terminals disagree on: every row must be what tidings drew in-process,
//! borders in the same columns, whatever width tmux gives each cluster
//! (asked of the tmux at hand, as versions differ).

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tidings::text::{char_width, is_ambiguous, width};
use unicode_segmentation::UnicodeSegmentation;

const COLS: u16 = 100;
const ROWS: u16 = 30;

const POST: &str = "---
title: 'Widths 宽度 ❤️ 1️⃣'
date: '2024-05-01'
---

Hearts ❤️ and suns ☀️ in text, 中文混排。Keycaps 1️⃣ #️⃣ done.

Family 👨‍👩‍👧 flag 🇨🇳 thumbs 👍🏽 kana ｶﾞﾊﾟ end.

| 名称 | emoji | n |
|---|---|---|
| 心 | ❤️ | 1️⃣ |
| 家 | 👨‍👩‍👧 | #️⃣ |
| 旗 | 🇨🇳 👍🏽 | ｶﾞ |

长段落：❤️☀️1️⃣#️⃣👨‍👩‍👧🇨🇳👍🏽ｶﾞ 混排 text that wraps, ❤️☀️1️⃣#️⃣👨‍👩‍👧🇨🇳👍🏽ｶﾞ again \
and 中文中文中文 ❤️☀️1️⃣#️⃣👨‍👩‍👧🇨🇳👍🏽ｶﾞ once more to fill the lines.
";

/// A tmux server of our own; killed when dropped, failed test or not.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str) -> Tmux {
        // A server per test: tests in one process run side by side.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = format!("tidings-widths-{}-{n}", std::process::id());
        let t = Tmux { socket };
        let (x, y) = (COLS.to_string(), ROWS.to_string());
        let out = t.run(&[
            "new-session",
            "-d",
            "-s",
            "main",
            "-n",
            "app",
            "-x",
            &x,
            "-y",
            &y,
            command,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    fn rows(&self) -> Vec<String> {
        self.rows_of("main:app")
    }

    fn rows_of(&self, target: &str) -> Vec<String> {
        let out = self.run(&["capture-pane", "-p", "-t", target]);
        let text = String::from_utf8_lossy(&out.stdout);
        let mut rows: Vec<String> = text.lines().map(|l| l.trim_end().to_owned()).collect();
        rows.resize(ROWS as usize, String::new());
        rows
    }
}

impl Tmux {
    /// Columns this tmux moves the cursor by for `cluster`, asked in a
    /// window of its own: versions differ (3.3 draws `❤️` in one).
    fn drawn_width(&self, cluster: &str, n: usize) -> usize {
        let name = format!("probe{n}");
        let cmd = format!("printf '%s' '{cluster}'; exec sleep 60");
        let out = self.run(&["new-window", "-d", "-n", &name, &cmd]);
        assert!(out.status.success(), "tmux new-window: {out:?}");
        let target = format!("main:{name}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.rows_of(&target)[0].is_empty() {
            assert!(
                Instant::now() < deadline,
                "probe of {cluster:?} shows nothing"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = self.run(&["display", "-p", "-t", &target, "#{cursor_x}"]);
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

/// tmux's width of each cluster terminals disagree on, measured once.
struct Widths<'a> {
    tmux: &'a Tmux,
    known: std::collections::HashMap<String, usize>,
}

impl Widths<'_> {
    fn of(&mut self, cluster: &str) -> usize {
        if !is_ambiguous(cluster) {
            return width(cluster);
        }
        if let Some(&w) = self.known.get(cluster) {
            return w;
        }
        let w = self.tmux.drawn_width(cluster, self.known.len());
        self.known.insert(cluster.to_owned(), w);
        w
    }

    /// What tmux shows of a cluster tidings laid out `cols` wide: drawn
    /// narrower, the cluster and the blanks written under it; drawn wider,
    /// the cells that start inside it (the backend rewrites the rest).
    fn shows(&mut self, cluster: &str, cols: usize) -> String {
        let drawn = self.of(cluster);
        if drawn <= cols {
            return format!("{cluster}{}", " ".repeat(cols - drawn));
        }
        let (mut out, mut x) = (String::new(), 0);
        for (text, w) in apart(cluster) {
            if x >= cols {
                break;
            }
            out.push_str(&text);
            x += w;
        }
        out
    }

    /// Columns of the borders in a row tmux captured.
    fn borders(&mut self, row: &str) -> Vec<usize> {
        let (mut cols, mut x) = (Vec::new(), 0);
        for g in row.graphemes(true) {
            if is_border(g) {
                cols.push(x);
            }
            x += self.of(g);
        }
        cols
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn have_tmux() -> bool {
    let found = Command::new("tmux").arg("-V").output().is_ok();
    if !found {
        println!("skipped: tmux is not on PATH (CI installs it)");
    }
    found
}

/// The cells a terminal that draws a cluster apart makes of it: a
/// zero-width character joins the cell before it, and so does any
/// character after a ZWJ (tmux 3.3 draws `👍🏽` as `👍` and `🏽`).
fn apart(cluster: &str) -> Vec<(String, usize)> {
    let mut cells: Vec<(String, usize)> = Vec::new();
    let mut joined = false;
    for c in cluster.chars() {
        match cells.last_mut() {
            Some(last) if joined || char_width(c) == 0 => last.0.push(c),
            _ => cells.push((c.to_string(), char_width(c))),
        }
        joined = c == '\u{200D}';
    }
    cells
}

/// The screen tidings draws in-process for the post opened, as tmux would
/// show it, and the columns of each row's borders.
fn expected(dir: &Path, tmux: &mut Widths) -> Vec<(String, Vec<usize>)> {
    use tidings::app::{Action, App, Look};
    let look = Look {
        theme: tidings::markdown::Theme::default(),
        base_url: None,
    };
    let lib = tidings::content::load(&[dir.to_path_buf()]);
    let mut app = App::new(lib, look, COLS, ROWS);
    app.update(Action::Open);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(COLS, ROWS)).unwrap();
    t.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let buf = t.backend().buffer();
    (0..ROWS)
        .map(|y| {
            let (mut row, mut borders, mut x) = (String::new(), Vec::new(), 0);
            while x < COLS {
                let sym = buf[(x, y)].symbol();
                let w = width(sym).max(1);
                if is_border(sym) {
                    borders.push(x as usize);
                }
                row.push_str(&tmux.shows(sym, w));
                x += w as u16;
            }
            (row.trim_end().to_owned(), borders)
        })
        .collect()
}

fn is_border(s: &str) -> bool {
    matches!(s, "│" | "┃" | "|")
}

#[test]
fn every_row_in_tmux_is_what_tidings_drew() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("widths.md"), POST).unwrap();
    let bin = env!("CARGO_BIN_EXE_tidings");
    let state = dir.path().join("state.json");
    let cmd = format!(
        "exec '{bin}' --osc8 never --state '{}' '{}'",
        state.display(),
        dir.path().display()
    );
    let tmux = Tmux::start(&cmd);
    let mut widths = Widths {
        tmux: &tmux,
        known: Default::default(),
    };
    let want = expected(dir.path(), &mut widths);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !tmux.rows().iter().any(|r| r.contains("Widths 宽度")) {
        assert!(Instant::now() < deadline, "no title: {:#?}", tmux.rows());
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.run(&["send-keys", "Enter"]);
    // Frames keep coming until the article is open and loading is over:
    // wait for the whole screen, then report the first row that differs.
    let same = |rows: &[String]| rows.iter().zip(&want).all(|(got, (w, _))| got == w);
    let mut rows = tmux.rows();
    while !same(&rows) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        rows = tmux.rows();
    }
    for (y, (got, (w, borders))) in rows.iter().zip(&want).enumerate() {
        assert_eq!(got, w, "row {y} differs; screen:\n{}", rows.join("\n"));
        assert_eq!(&widths.borders(got), borders, "row {y}: borders moved");
    }
    assert!(
        want.iter().any(|(r, _)| r.contains("ｶﾞ")) && want.iter().any(|(r, _)| r.contains("家")),
        "the article and its table are on screen"
    );
}

#[test]
fn print_keeps_every_line_within_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("widths.md");
    std::fs::write(&file, POST).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--print", "--width", "60", "--color", "never"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(width(line) <= 60, "wider than 60: {line:?}");
    }
    for case in ["❤️", "1️⃣", "#️⃣", "👨‍👩‍👧", "🇨🇳", "👍🏽", "ｶﾞ"]
    {
        assert!(text.contains(case), "{case:?} missing:\n{text}");
    }
}

#[test]
fn a_zoomed_scroll_moves_the_rows_in_tmux_too() {
    use tidings::app::{Action, App, Look};
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut post = String::from("---\ntitle: 'Scrolled in tmux'\ndate: '2024-05-02'\n---\n\n");
    for n in 0..120 {
        post.push_str(&format!(
            "- line {n:03}: 中文 **bold** and a [link](https://x.org/{n})\n"
        ));
    }
    std::fs::write(dir.path().join("long.md"), post).unwrap();
    let bin = env!("CARGO_BIN_EXE_tidings");
    let state = dir.path().join("state.json");
    let cmd = format!(
        "exec '{bin}' --osc8 always --state '{}' '{}'",
        state.display(),
        dir.path().display()
    );
    let tmux = Tmux::start(&cmd);
    let look = Look {
        theme: tidings::markdown::Theme::default(),
        base_url: None,
    };
    let mut app = App::new(
        tidings::content::load(&[dir.path().to_path_buf()]),
        look,
        COLS,
        ROWS,
    );
    // Each step waits for tmux to show the frame drawn in-process for
    // the same keys: down, then back up, through the scroll region.
    let keys = [("Enter", Action::Open), ("z", Action::Zoom)]
        .into_iter()
        .chain(std::iter::repeat_n(("j", Action::Down), 12))
        .chain(std::iter::repeat_n(("k", Action::Up), 5));
    let wait = |want: &[String], what: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut rows = tmux.rows();
        while rows != want && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            rows = tmux.rows();
        }
        assert_eq!(rows, want, "{what}");
    };
    wait(&common::drawn_rows(&app), "the first frame");
    for (i, (key, action)) in keys.enumerate() {
        app.update(action);
        tmux.run(&["send-keys", key]);
        wait(&common::drawn_rows(&app), &format!("step {i}: {key}"));
    }
    assert_eq!(app.scroll, 7);
}
