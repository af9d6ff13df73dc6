//! Keys to actions. The one place that knows which key does what; the help
//! overlay lists [`HELP`], which must agree with [`action_for`].

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::Action;

pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
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
    ("?", "this help (any key closes it)"),
    ("q  Ctrl-c", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(action_for(key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(action_for(key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(action_for(key(KeyCode::Char(']'))), Some(Action::NextPost));
        assert_eq!(action_for(key(KeyCode::Char('G'))), Some(Action::Bottom));
        assert_eq!(
            action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfDown)
        );
        assert_eq!(action_for(key(KeyCode::Char('z'))), None);
    }
}
