//! Bytes per scroll, in the real binary in a pty: a one-line scroll of the
//! zoomed article moves the terminal's rows (a scroll region) and sends only
//! the line scrolled in; every screen on the way equals the frame tidings
//! draws in-process for the same keys, so the moved rows are right too.
//! The figures are printed (`cargo test --test scroll -- --nocapture`).

mod common;

use std::path::Path;

use common::pty::Session;
use tidings::app::{Action, App, Look};

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// A long post of one-line items (some with links, CJK and bold, so the
/// lines scrolled in carry styles and wide characters), newest of a few.
fn write_posts(dir: &Path) {
    let mut long = String::from("---\ntitle: 'A long read'\ndate: '2024-06-30'\n---\n\n");
    for n in 0..300 {
        match n % 4 {
            0 => long.push_str(&format!("- item {n:03}: plain words about scrolling\n")),
            1 => long.push_str(&format!("- item {n:03}: **bold** and `code` 中文混排\n")),
            2 => long.push_str(&format!(
                "- item {n:03}: a [link](https://example.org/{n})\n"
            )),
            _ => long.push_str(&format!("- item {n:03}: *leaning* text, then more\n")),
        }
    }
    std::fs::write(dir.join("long.md"), long).unwrap();
    // Posts of different lengths and words: `j` in the list redraws the
    // article pane, and blanks what a longer one left.
    let words = [
        "river", "ledger", "amber", "signal", "thicket", "harbour", "quartz", "meadow",
    ];
    for n in 1..=9 {
        let mut body = format!("---\ntitle: 'Short {n}'\ndate: '2024-06-0{n}'\n---\n\n");
        for p in 0..(n % 4 + 1) * 2 {
            let w: Vec<&str> = (0..40 + 9 * n)
                .map(|i| words[(i * n + p) % words.len()])
                .collect();
            body.push_str(&format!("{}\n\n", w.join(" ")));
        }
        std::fs::write(dir.join(format!("short{n}.md")), body).unwrap();
    }
}

/// The app as the binary has it after the same actions, to draw in-process.
fn app(dir: &Path) -> App {
    let look = Look {
        theme: tidings::markdown::Theme::default(),
        base_url: None,
    };
    let lib = tidings::content::load(&[dir.to_path_buf()]);
    App::new(lib, look, COLS, ROWS)
}

fn rows(s: &Session) -> Vec<String> {
    let parser = s.parser.lock().unwrap();
    parser
        .screen()
        .rows(0, COLS)
        .map(|r| r.trim_end().to_owned())
        .collect()
}

fn raw_len(s: &Session) -> usize {
    s.raw.lock().unwrap().len()
}

/// Presses `key` (the binary) and does `action` (in-process) `times`
/// times, waiting each time for the screen to be the in-process frame;
/// returns the bytes each press cost.
fn press(s: &mut Session, app: &mut App, key: &[u8], action: Action, times: usize) -> Vec<usize> {
    let mut costs = Vec::new();
    for step in 0..times {
        let before = raw_len(s);
        app.update(action);
        let want = common::drawn_rows(app);
        s.keys(key);
        let what = format!("{action:?} #{step}: the in-process frame");
        s.wait_for(&what, |_| rows(s) == want);
        costs.push(raw_len(s) - before);
    }
    costs
}

fn median(mut v: Vec<usize>) -> usize {
    v.sort_unstable();
    v[v.len() / 2]
}

fn started(dir: &Path) -> (Session, App) {
    let s = Session::start(&[dir.to_str().unwrap()], COLS, ROWS);
    let app = app(dir);
    let want = common::drawn_rows(&app);
    s.wait_for("the first frame", |_| rows(&s) == want);
    (s, app)
}

#[test]
fn one_line_scrolls_of_the_zoomed_article_send_only_the_new_line() {
    let dir = tempfile::tempdir().unwrap();
    write_posts(dir.path());
    let (mut s, mut app) = started(dir.path());
    press(&mut s, &mut app, b"\r", Action::Open, 1);
    press(&mut s, &mut app, b"z", Action::Zoom, 1);
    let zoomed = rows(&s);
    assert!(
        zoomed[0].starts_with('┏') && zoomed.iter().any(|r| r.contains("item 000")),
        "the article at the whole width: {zoomed:#?}"
    );

    let down = press(&mut s, &mut app, b"j", Action::Down, 50);
    assert_eq!(app.scroll, 50, "the article is long enough for 50 lines");
    // After 50 moves the screen is what a fresh start there draws: the
    // same post opened, zoomed and scrolled by 50 at once.
    let mut fresh = self::app(dir.path());
    fresh.update(Action::Open);
    fresh.update(Action::Zoom);
    for _ in 0..50 {
        fresh.update(Action::Down);
    }
    assert_eq!(
        rows(&s),
        common::drawn_rows(&fresh),
        "50 moves equal a fresh render"
    );
    let up = press(&mut s, &mut app, b"k", Action::Up, 20);
    let pages = press(&mut s, &mut app, b"\x1b[6~", Action::PageDown, 3);

    let (j, k) = (median(down.clone()), median(up.clone()));
    let mean = down.iter().sum::<usize>() / down.len();
    println!(
        "zoomed article, {COLS}x{ROWS}: j median {j} B (mean {mean}, max {} B)",
        down.iter().max().unwrap()
    );
    println!("zoomed article: k median {k} B; PgDn {pages:?} B");
    assert!(j <= 300, "j costs {j} B: {down:?}");
    assert!(k <= 300, "k costs {k} B: {up:?}");
}

/// What differs between two in-process frames: the rows, the cells, and
/// the bytes of those cells' text (what writing each changed cell sends).
fn changed(before: &App, after: &App) -> (usize, usize, usize) {
    let draw = |app: &App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(COLS, ROWS)).unwrap();
        t.draw(|f| f.render_widget(app, f.area())).unwrap();
        t.backend().buffer().clone()
    };
    let (a, b) = (draw(before), draw(after));
    let diff = a.diff(&b);
    let text = diff.iter().map(|(_, _, c)| c.symbol().len()).sum();
    let mut rows: Vec<u16> = diff.iter().map(|&(_, y, _)| y).collect();
    rows.dedup();
    (rows.len(), diff.len(), text)
}

#[test]
fn j_in_the_list_sends_little_more_than_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    write_posts(dir.path());
    let (mut s, mut app) = started(dir.path());
    for _ in 0..8 {
        let mut before = self::app(dir.path());
        for _ in 0..app.selected {
            before.update(Action::Down);
        }
        let cost = press(&mut s, &mut app, b"j", Action::Down, 1)[0];
        let (rows, cells, text) = changed(&before, &app);
        println!("list j: {cost} B; {cells} cells in {rows} rows changed, {text} B of text");
        // No more than the changed cells' text and, per row changed, a
        // cursor move (up to 8 B) and colour changes or a few unchanged
        // cells rewritten where that is cheaper than another move. Blanks
        // left by a longer post are erased (ECH), not written.
        assert!(cost <= text + 20 * rows, "{cost} B");
    }
}

#[test]
fn rows_move_only_for_an_article_across_the_whole_width() {
    use tidings::app::layout::moved;
    let dir = tempfile::tempdir().unwrap();
    write_posts(dir.path());
    let mut a = app(dir.path());
    a.update(Action::Open);
    assert!(a.shown().is_none(), "beside the list: rows cannot move");
    a.update(Action::Zoom);
    assert!(a.layout().list.is_none());
    let before = a.shown().expect("zoomed: the whole width");
    assert_eq!(
        before.rows,
        1..ROWS - 2,
        "inside the border, above the status line"
    );
    a.update(Action::Down);
    assert_eq!(moved(&before, &a.shown().unwrap()), Some((1..ROWS - 2, 1)));
    let at = a.shown().unwrap();
    a.update(Action::PageUp);
    assert_eq!(moved(&at, &a.shown().unwrap()), Some((1..ROWS - 2, -1)));
    a.update(Action::Bottom);
    assert_eq!(moved(&before, &a.shown().unwrap()), None, "all of it moved");
    a.update(Action::Outline);
    assert!(a.shown().is_none(), "an overlay covers the rows");
    a.update(Action::Back);
    // z again: both panes, the article keeping its place as it re-wraps.
    let scroll = a.scroll;
    a.update(Action::Zoom);
    assert!(a.layout().list.is_some() && a.shown().is_none());
    assert!(a.scroll.abs_diff(scroll) <= 2, "{} vs {scroll}", a.scroll);
    // A narrow terminal shows the article alone: its rows move too.
    a.update(tidings::app::Msg::Resize(60, 20));
    assert_eq!(a.shown().map(|s| s.rows), Some(1..18));
}
