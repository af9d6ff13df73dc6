//! The reader's state driven by scripted keys, with no terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tidings::app::{Action, App, Focus, Look, keymap};
use tidings::content;
use tidings::markdown::Theme;

fn app(w: u16, h: u16) -> App {
    let look = Look {
        theme: Theme::default(),
        ascii: false,
        base_url: None,
    };
    App::new(content::load_builtin(), look, w, h)
}

/// Presses keys written as in the help: single characters, or names.
fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let (code, mods) = match k {
            "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
            "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
            "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
            "Down" => (KeyCode::Down, KeyModifiers::NONE),
            "Up" => (KeyCode::Up, KeyModifiers::NONE),
            "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
            "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
            "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
            "Home" => (KeyCode::Home, KeyModifiers::NONE),
            "End" => (KeyCode::End, KeyModifiers::NONE),
            "C-d" => (KeyCode::Char('d'), KeyModifiers::CONTROL),
            "C-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
            "C-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
            c if c.chars().count() == 1 => {
                (KeyCode::Char(c.chars().next().unwrap()), KeyModifiers::NONE)
            }
            other => panic!("unknown key {other}"),
        };
        if let Some(action) = keymap::action_for(KeyEvent::new(code, mods)) {
            app.update(action);
        }
    }
}

#[test]
fn list_navigation_and_ends_are_harmless() {
    let mut a = app(120, 40);
    let n = a.lib.posts.len();
    assert_eq!((a.selected, a.focus), (0, Focus::List));
    press(&mut a, "j j Down k");
    assert_eq!(a.selected, 2);
    press(&mut a, "k k k k Up");
    assert_eq!(a.selected, 0);
    press(&mut a, "G");
    assert_eq!(a.selected, n - 1);
    press(&mut a, "j j End");
    assert_eq!(a.selected, n - 1);
    press(&mut a, "g");
    assert_eq!(a.selected, 0);
    press(&mut a, "Space");
    assert!(a.selected > 0, "a page of entries");
}

#[test]
fn opening_and_scrolling_an_article() {
    let mut a = app(120, 40);
    press(&mut a, "j Enter");
    assert_eq!((a.selected, a.focus, a.scroll), (1, Focus::Article, 0));
    press(&mut a, "j j");
    assert_eq!(a.scroll, 2);
    press(&mut a, "k k k k");
    assert_eq!(a.scroll, 0, "scrolling past the top is harmless");
    press(&mut a, "PgDn");
    let page = a.scroll;
    assert!(page > 20, "a page is nearly the pane height, got {page}");
    press(&mut a, "C-u");
    assert_eq!(a.scroll, page - page / 2);
    press(&mut a, "G");
    let end = a.scroll;
    assert!(end > page);
    press(&mut a, "j j Space End");
    assert_eq!(a.scroll, end, "scrolling past the end is harmless");
    assert_eq!(a.position(), "End");
    press(&mut a, "g");
    assert_eq!(a.position(), "Top");
}

#[test]
fn next_and_previous_post_while_reading() {
    let mut a = app(120, 40);
    press(&mut a, "Enter j j ]");
    assert_eq!((a.selected, a.scroll, a.focus), (1, 0, Focus::Article));
    press(&mut a, "J J [");
    assert_eq!(a.selected, 2);
    press(&mut a, "K K K K");
    assert_eq!(a.selected, 0);
}

#[test]
fn back_tab_help_and_quit() {
    let mut a = app(120, 40);
    press(&mut a, "l");
    assert_eq!(a.focus, Focus::Article);
    press(&mut a, "Esc");
    assert_eq!(a.focus, Focus::List);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Focus::Article);
    press(&mut a, "h");
    assert_eq!(a.focus, Focus::List);
    press(&mut a, "?");
    assert!(a.help);
    press(&mut a, "j");
    assert!(!a.help, "any key closes the help");
    assert_eq!(a.selected, 0, "the closing key does nothing else");
    press(&mut a, "q");
    assert!(a.quit);
    let mut b = app(120, 40);
    press(&mut b, "C-c");
    assert!(b.quit);
}

#[test]
fn list_scrolls_to_keep_the_selection_visible() {
    let mut a = app(100, 12);
    press(&mut a, "G");
    let n = a.lib.posts.len();
    assert_eq!(a.selected, n - 1);
    assert!(a.list_offset > 0 && a.list_offset <= a.selected);
    press(&mut a, "g");
    assert_eq!(a.list_offset, 0);
}

#[test]
fn narrow_terminals_show_one_pane() {
    let mut a = app(60, 20);
    assert!(a.layout().article.is_none());
    press(&mut a, "Enter");
    assert!(a.layout().list.is_none());
    assert!(
        a.article_len() > 0,
        "the article is rendered for the full width"
    );
    press(&mut a, "Esc");
    assert!(a.layout().article.is_none());
}

#[test]
fn resizing_rewraps_and_keeps_the_place() {
    let mut a = app(120, 40);
    let long = a
        .lib
        .posts
        .iter()
        .position(|p| p.id == "zh/2024-10-08/index.md")
        .unwrap();
    for _ in 0..long {
        press(&mut a, "j");
    }
    press(&mut a, "Enter PgDn PgDn");
    let (before, len_before) = (a.scroll, a.article_len());
    a.update(Action::Resize(90, 40));
    let len_after = a.article_len();
    assert!(len_after > len_before, "narrower pane, more lines");
    let expected = before as f64 * len_after as f64 / len_before as f64;
    assert!(
        (a.scroll as f64 - expected).abs() <= 2.0,
        "{} vs {expected}",
        a.scroll
    );
}

#[test]
fn mouse_wheel_and_click() {
    let mut a = app(120, 40);
    let article_x = a.layout().article.unwrap().x + 5;
    a.update(Action::Wheel {
        x: article_x,
        y: 10,
        lines: 3,
    });
    assert_eq!((a.scroll, a.selected), (3, 0));
    a.update(Action::Wheel {
        x: 2,
        y: 10,
        lines: 3,
    });
    assert_eq!(a.selected, 3);
    // Entry rows start inside the border at y = 1; each entry takes two.
    a.update(Action::Click { x: 3, y: 1 + 2 * 2 });
    assert_eq!((a.selected, a.focus), (2, Focus::List));
}

#[test]
fn tiny_and_degenerate_sizes_never_panic() {
    for (w, h) in [(20, 6), (1, 1), (0, 0), (3, 2), (79, 3)] {
        let mut a = app(w, h);
        press(&mut a, "j Enter PgDn G ] ? Esc");
        let backend = ratatui::backend::TestBackend::new(w.max(1), h.max(1));
        let mut term = ratatui::Terminal::new(backend).unwrap();
        term.draw(|f| f.render_widget(&a, f.area())).unwrap();
    }
}

fn split_builtin(first: usize) -> (content::Library, Vec<content::Post>) {
    let mut lib = content::load_builtin();
    // Take every other post out, to arrive later in a batch.
    let mut later = Vec::new();
    let mut i = 0;
    lib.posts.retain(|p| {
        i += 1;
        if i > first && i % 2 == 0 {
            later.push(p.clone());
            false
        } else {
            true
        }
    });
    (lib, later)
}

fn app_with(lib: content::Library) -> App {
    let look = Look {
        theme: Theme::default(),
        ascii: false,
        base_url: None,
    };
    App::new(lib, look, 120, 40)
}

#[test]
fn posts_arriving_keep_the_selected_post_and_place() {
    use tidings::app::Batch;
    let (lib, later) = split_builtin(2);
    let mut a = app_with(lib);
    press(&mut a, "j j j Enter j j");
    let (path, scroll) = (a.post().unwrap().path.clone(), a.scroll);
    a.loading = Some((5, 10));
    let n = later.len();
    a.add_posts(Batch {
        posts: later,
        warnings: Vec::new(),
        done: 10,
        total: 10,
    });
    assert_eq!(a.post().unwrap().path, path, "same post selected");
    assert_eq!(a.scroll, scroll, "same place in it");
    assert_eq!(a.lib.posts.len(), 10);
    assert!(n > 0);
    assert_eq!(a.loading, None, "done: no progress shown");
    let dates: Vec<_> = a.lib.posts.iter().map(|p| p.date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "still newest first");
}

#[test]
fn posts_arriving_before_any_key_keep_the_newest_on_top() {
    use tidings::app::Batch;
    let mut lib = content::load_builtin();
    let newest = lib.posts.remove(0);
    let mut a = app_with(lib);
    a.add_posts(Batch {
        posts: vec![newest.clone()],
        warnings: Vec::new(),
        done: 5,
        total: 9,
    });
    assert_eq!(a.selected, 0);
    assert_eq!(a.post().unwrap().path, newest.path);
    assert_eq!(a.loading, Some((5, 9)));
}
