//! The key table: it keeps every binding the old hand-written `match` had,
//! its key names are strict and round-trip, it never contradicts itself,
//! and README's key table is generated from it.

use std::collections::HashMap;

use tidings::app::keymap::{self, BINDINGS, action_for};
use tidings::app::{Action, Intent, Key, KeyCode, Mode};

const MODES: [Mode; 11] = [
    Mode::Normal,
    Mode::Help,
    Mode::Search,
    Mode::Find,
    Mode::Prompt(Intent::Follow),
    Mode::Prompt(Intent::Copy),
    Mode::Links(Intent::Follow),
    Mode::Links(Intent::Copy),
    Mode::Outline,
    Mode::Command,
    Mode::Ask(tidings::app::external::Ask::Pipe),
];

fn k(name: &str) -> Key {
    name.parse().unwrap_or_else(|e| panic!("{e}"))
}

/// The keymap as it was before the table, word for word but for the key
/// type; Alt was ignored, so it is here.
fn old_action_for(key: Key, mode: Mode) -> Option<Action> {
    let ctrl = key.ctrl;
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    // Added since: Ctrl-z suspends, everywhere.
    if ctrl && key.code == KeyCode::Char('z') {
        return Some(Action::Suspend);
    }
    // Changed since, in the list and article (daily reading): q leaves a
    // level, Q quits, n/p go to the next/previous unread, Space pages or
    // goes on to the next unread at the end of an article.
    // Added since: Tab completes while typing (a `:` command).
    let typing = matches!(
        mode,
        Mode::Search | Mode::Find | Mode::Prompt(_) | Mode::Command | Mode::Ask(_)
    );
    if typing && key.code == KeyCode::Tab {
        return Some(Action::Complete);
    }
    if !typing && !ctrl {
        let changed = match key.code {
            // Added since: the command line, the editor, a pipe, a file.
            KeyCode::Char(':') => Some(Action::Command),
            KeyCode::Char('e') => Some(Action::Edit),
            KeyCode::Char('|') => Some(Action::Pipe),
            KeyCode::Char('w') => Some(Action::WriteFile),
            // Added since: z zooms the article to the whole width.
            KeyCode::Char('z') => Some(Action::Zoom),
            // In overlays q still closes them (the overlay row wins).
            KeyCode::Char('q') if mode == Mode::Normal => Some(Action::Leave),
            KeyCode::Char('Q') => Some(Action::Quit),
            KeyCode::Char('n') => Some(Action::NextUnread),
            KeyCode::Char('p') => Some(Action::PrevUnread),
            KeyCode::Char(' ') => Some(Action::PageOrNext),
            KeyCode::Char('U') => Some(Action::Undo),
            _ => None,
        };
        if changed.is_some() {
            return changed;
        }
        // History: Backspace and Alt-Left back, Alt-Right forward.
        match (key.code, key.alt) {
            (KeyCode::Backspace, _) | (KeyCode::Left, true) => return Some(Action::HistoryBack),
            (KeyCode::Right, true) => return Some(Action::HistoryForward),
            _ => {}
        }
    }
    match mode {
        // The confirmation (added since) reads keys as a prompt does.
        Mode::Search
        | Mode::Find
        | Mode::Prompt(_)
        | Mode::ConfirmMarkAll(_)
        | Mode::Command
        | Mode::Ask(_) => old_typing(key, ctrl),
        // Changed since (overlays): help no longer closes on any key, only
        // on q, Esc, ? and F1; other keys scroll it or do nothing.
        Mode::Help => match key.code {
            KeyCode::Char('q' | '?') | KeyCode::F(1) if !ctrl => Some(Action::Back),
            _ => old_normal(key, ctrl),
        },
        // Changed since (overlays): / narrows them, Ctrl held or not.
        Mode::Links(_) | Mode::Outline => match key.code {
            KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Char('/') => Some(Action::Search),
            _ => old_normal(key, ctrl),
        },
        Mode::Normal => old_normal(key, ctrl),
    }
}

fn old_typing(key: Key, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Open,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Char(c) if !ctrl => Action::Char(c),
        _ => return None,
    })
}

fn old_normal(key: Key, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('d') if ctrl => Action::HalfDown,
        KeyCode::Char('u') if ctrl => Action::HalfUp,
        KeyCode::Char('f') if ctrl => Action::PageDown,
        KeyCode::Char('b') if ctrl => Action::PageUp,
        _ if ctrl => return None,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::Open,
        KeyCode::Char('h') | KeyCode::Left | KeyCode::Esc => Action::Back,
        KeyCode::Tab | KeyCode::BackTab => Action::ToggleFocus,
        KeyCode::Char(' ') | KeyCode::PageDown => Action::PageDown,
        KeyCode::Char('b') | KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char(']') | KeyCode::Char('J') => Action::NextPost,
        KeyCode::Char('[') | KeyCode::Char('K') => Action::PrevPost,
        KeyCode::Char('/') => Action::Search,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PrevMatch,
        KeyCode::Char('f') => Action::Follow,
        KeyCode::Char('y') => Action::Yank,
        KeyCode::Char('L') => Action::Links,
        KeyCode::Char('o') => Action::Outline,
        KeyCode::Char('m') => Action::ToggleRead,
        KeyCode::Char('M') => Action::MarkAllRead,
        KeyCode::Char('u') => Action::UnreadOnly,
        KeyCode::Char('s') => Action::ToggleStar,
        KeyCode::Char('S') => Action::StarredOnly,
        KeyCode::Char('r') => Action::Reload,
        KeyCode::Char('?') | KeyCode::F(1) => Action::Help,
        _ => return None,
    })
}

/// Every key code the app knows (F keys up to F12), plus some text, each
/// with and without Ctrl and Alt.
fn all_keys() -> Vec<Key> {
    use KeyCode::*;
    let mut codes = vec![
        Enter, Esc, Tab, BackTab, Backspace, Insert, Delete, Up, Down, Left, Right, Home, End,
        PageUp, PageDown,
    ];
    codes.extend((1..=12).map(F));
    codes.extend((' '..='~').chain(['中', 'é', 'ß']).map(Char));
    let mut keys = Vec::new();
    for code in codes {
        for (ctrl, alt) in [(false, false), (true, false), (false, true), (true, true)] {
            keys.push(Key { code, ctrl, alt });
        }
    }
    keys
}

#[test]
fn every_key_in_every_mode_does_what_it_did() {
    let mut wrong = Vec::new();
    for mode in MODES {
        for key in all_keys() {
            let (now, was) = (action_for(key, mode), old_action_for(key, mode));
            if now != was {
                wrong.push(format!("{key} in {mode:?}: {now:?}, was {was:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn keys_map_to_actions() {
    let n = Mode::Normal;
    assert_eq!(action_for(k("j"), n), Some(Action::Down));
    assert_eq!(action_for(k("Esc"), n), Some(Action::Back));
    assert_eq!(action_for(k("]"), n), Some(Action::NextPost));
    assert_eq!(action_for(k("/"), n), Some(Action::Search));
    assert_eq!(action_for(k("Ctrl-d"), n), Some(Action::HalfDown));
    assert_eq!(action_for(k("Ctrl-f"), n), Some(Action::PageDown));
    assert_eq!(action_for(k("Ctrl-j"), n), None, "Ctrl does not fall back");
    assert_eq!(action_for(k("Alt-j"), n), Some(Action::Down), "Alt does");
    assert_eq!(action_for(k("x"), n), None);
    assert_eq!(action_for(k("z"), n), Some(Action::Zoom));
}

#[test]
fn letters_are_text_while_typing() {
    for mode in [Mode::Search, Mode::Find, Mode::Prompt(Intent::Follow)] {
        assert_eq!(action_for(k("q"), mode), Some(Action::Char('q')));
        assert_eq!(action_for(k("中"), mode), Some(Action::Char('中')));
        assert_eq!(action_for(k("Space"), mode), Some(Action::Char(' ')));
        assert_eq!(action_for(k("Esc"), mode), Some(Action::Back));
        assert_eq!(action_for(k("Ctrl-Enter"), mode), Some(Action::Open));
        assert_eq!(action_for(k("Ctrl-c"), mode), Some(Action::Quit));
        assert_eq!(action_for(k("Ctrl-a"), mode), None);
        assert_eq!(action_for(k("PgDn"), mode), None);
    }
    assert_eq!(action_for(k("q"), Mode::Outline), Some(Action::Back));
    assert_eq!(action_for(k("j"), Mode::Outline), Some(Action::Down));
    assert_eq!(action_for(k("x"), Mode::Help), None);
    assert_eq!(action_for(k("q"), Mode::Help), Some(Action::Back));
    assert_eq!(action_for(k("/"), Mode::Outline), Some(Action::Search));
    assert_eq!(action_for(k("j"), Mode::Help), Some(Action::Down));
}

#[test]
fn key_names_round_trip() {
    for key in all_keys() {
        let name = key.to_string();
        assert_eq!(name.parse::<Key>(), Ok(key), "{name}");
    }
    for name in [
        "j",
        "G",
        "?",
        "-",
        "F",
        "Ctrl-d",
        "Alt-x",
        "Ctrl-Alt-Delete",
        "Ctrl--",
        "PgDn",
        "PgUp",
        "Space",
        "Enter",
        "Esc",
        "Tab",
        "Shift-Tab",
        "Backspace",
        "F1",
        "F35",
        "Left",
        "中",
    ] {
        assert_eq!(k(name).to_string(), name);
    }
}

#[test]
fn unknown_key_names_are_rejected() {
    for name in [
        "",
        " ",
        "jj",
        "ctrl-d",
        "Control-d",
        "C-d",
        "Alt-Ctrl-d",
        "Ctrl-Ctrl-d",
        "Ctrl-",
        "Alt-",
        "PageDown",
        "space",
        "enter",
        "ESC",
        "F0",
        "F36",
        "F01",
        "F256",
        "Shift-a",
        "Shift-Tab ",
        "Enter\n",
        "\t",
        "Del",
    ] {
        let err = name.parse::<Key>().expect_err(name);
        assert!(err.to_string().contains("unknown key"), "{err}");
    }
}

#[test]
fn the_table_never_contradicts_itself() {
    let mut seen: HashMap<(keymap::Context, Key), Action> = HashMap::new();
    for b in BINDINGS {
        assert!(!b.keys.is_empty(), "{} binds no key", b.name);
        for name in b.keys {
            let key = k(name);
            assert_eq!(key.to_string(), *name, "keys are written as shown");
            if let Some(was) = seen.insert((b.context, key), b.action) {
                assert_eq!(was, b.action, "{name} bound twice in {:?}", b.context);
            }
        }
    }
}

#[test]
fn each_action_has_one_kebab_case_name() {
    for b in BINDINGS {
        assert!(
            !b.name.is_empty()
                && b.name.split('-').all(|w| !w.is_empty())
                && b.name.bytes().all(|c| c == b'-' || c.is_ascii_lowercase()),
            "{:?}",
            b.name
        );
        assert_eq!(
            b.action.name(),
            Some(b.name),
            "{:?} has two names",
            b.action
        );
        assert_eq!(Action::from_name(b.name), Some(b.action));
        assert!(!b.help.is_empty() && !b.help.contains('\n'), "{}", b.name);
    }
    assert_eq!(Action::Char('x').name(), None);
    assert_eq!(Action::from_name("nonsense"), None);
}

#[test]
fn help_lists_every_action_once_with_all_its_keys() {
    let rows = keymap::help_rows();
    let main: Vec<_> = rows.iter().filter(|r| r.label.is_none()).collect();
    let quit = main.iter().find(|r| r.action == Action::Quit).unwrap();
    assert_eq!(quit.keys, [k("Q"), k("Ctrl-c")]);
    let down = main.iter().find(|r| r.action == Action::Down).unwrap();
    assert_eq!(down.keys, [k("j"), k("Down")]);
    for (i, r) in rows.iter().enumerate() {
        let twice = rows[..i]
            .iter()
            .any(|o| o.label == r.label && o.action == r.action);
        assert!(!twice, "{} listed twice", r.name);
    }
}

const BLESS: &str = "TIDINGS_BLESS";

/// README's `### Keys` table is [`keymap::markdown_table`], byte for byte.
#[test]
fn readme_key_table_is_generated() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (start, end) = table_span(&readme);
    let want = keymap::markdown_table();
    if readme[start..end] == want {
        return;
    }
    if std::env::var_os(BLESS).is_some() {
        let new = format!("{}{want}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, new).unwrap();
        return;
    }
    panic!(
        "README.md's key table is not the keymap's. It should be:\n\n{want}\n\
         To rewrite it in place: {BLESS}=1 cargo test --test keys readme"
    );
}

/// The first run of table lines after the `### Keys` heading.
fn table_span(readme: &str) -> (usize, usize) {
    let heading = readme.find("\n### Keys\n").expect("a ### Keys section") + 1;
    let start = heading
        + readme[heading..]
            .find("\n|")
            .expect("a table under ### Keys")
        + 1;
    let mut end = start;
    for line in readme[start..].split_inclusive('\n') {
        if !line.starts_with('|') {
            break;
        }
        end += line.len();
    }
    (start, end)
}
