//! Keys to actions, by mode: while typing, letters are text. The help
//! overlay lists [`HELP`], which must agree with [`action_for`].

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, Mode};

pub fn action_for(key: KeyEvent, mode: Mode) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Search | Mode::Find | Mode::Prompt(_) => typing(key, ctrl),
        Mode::Help => Some(normal(key, ctrl).unwrap_or(Action::Back)),
        Mode::Links(_) | Mode::Outline => match key.code {
            KeyCode::Char('q') => Some(Action::Back),
            _ => normal(key, ctrl),
        },
        Mode::Normal => normal(key, ctrl),
    }
}

fn typing(key: KeyEvent, ctrl: bool) -> Option<Action> {
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

fn normal(key: KeyEvent, ctrl: bool) -> Option<Action> {
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

/// (keys, what they do), as the help overlay and README show them.
pub const HELP: &[(&str, &str)] = &[
    (
        "j k ↓ ↑",
        "next / previous post; in an article, scroll a line",
    ),
    ("Enter l →", "open the selected post"),
    ("h ← Esc", "back to the list"),
    ("Tab", "switch focus between list and article"),
    ("Space PgDn  b PgUp", "page down / up"),
    ("Ctrl-d  Ctrl-u", "half a page down / up"),
    ("g Home  G End", "top / bottom"),
    ("] J  [ K", "next / previous post while reading"),
    ("/", "search posts (list) or find in the post (article)"),
    ("n  N", "next / previous match in the post"),
    ("f 3 Enter", "follow link 3 (f Enter: choose from a list)"),
    ("y 3 Enter", "copy link 3 to the clipboard (OSC 52)"),
    ("L", "list the post's links (Enter follows, y copies)"),
    ("o", "outline: jump to a heading"),
    ("m  M", "toggle read / mark all shown read"),
    ("u", "show unread posts only (again: all)"),
    ("s  S", "star the post / show starred only"),
    ("r", "reload the folders"),
    ("?", "this help (any key closes it)"),
    ("q  Ctrl-c", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Intent;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_actions() {
        let n = Mode::Normal;
        assert_eq!(action_for(key(KeyCode::Char('j')), n), Some(Action::Down));
        assert_eq!(action_for(key(KeyCode::Esc), n), Some(Action::Back));
        assert_eq!(
            action_for(key(KeyCode::Char(']')), n),
            Some(Action::NextPost)
        );
        assert_eq!(action_for(key(KeyCode::Char('/')), n), Some(Action::Search));
        assert_eq!(
            action_for(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL), n),
            Some(Action::HalfDown)
        );
        assert_eq!(action_for(key(KeyCode::Char('z')), n), None);
    }

    #[test]
    fn letters_are_text_while_typing() {
        for mode in [Mode::Search, Mode::Find, Mode::Prompt(Intent::Follow)] {
            assert_eq!(
                action_for(key(KeyCode::Char('q')), mode),
                Some(Action::Char('q'))
            );
            assert_eq!(
                action_for(key(KeyCode::Char('中')), mode),
                Some(Action::Char('中'))
            );
            assert_eq!(action_for(key(KeyCode::Esc), mode), Some(Action::Back));
            assert_eq!(
                action_for(
                    KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                    mode
                ),
                Some(Action::Quit)
            );
        }
        assert_eq!(
            action_for(key(KeyCode::Char('q')), Mode::Outline),
            Some(Action::Back)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('z')), Mode::Help),
            Some(Action::Back)
        );
    }
}
