//! crossterm's key events as the app's [`Key`]s, so nothing outside `tui`
//! needs to know about crossterm.

use crossterm::event::{KeyCode as Ct, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Key, KeyCode};

/// `None` for key releases (only reported by terminals with the kitty
/// protocol, and a press already acted) and for keys the app has no name
/// for (media keys, lone modifiers), which no binding could mention.
pub fn key(ev: KeyEvent) -> Option<Key> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let code = match ev.code {
        Ct::Char(c) => KeyCode::Char(c),
        Ct::Enter => KeyCode::Enter,
        Ct::Esc => KeyCode::Esc,
        Ct::Tab => KeyCode::Tab,
        Ct::BackTab => KeyCode::BackTab,
        Ct::Backspace => KeyCode::Backspace,
        Ct::Insert => KeyCode::Insert,
        Ct::Delete => KeyCode::Delete,
        Ct::Up => KeyCode::Up,
        Ct::Down => KeyCode::Down,
        Ct::Left => KeyCode::Left,
        Ct::Right => KeyCode::Right,
        Ct::Home => KeyCode::Home,
        Ct::End => KeyCode::End,
        Ct::PageUp => KeyCode::PageUp,
        Ct::PageDown => KeyCode::PageDown,
        Ct::F(n) if (1..=crate::app::key::MAX_F).contains(&n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
        alt: ev.modifiers.contains(KeyModifiers::ALT),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventState, MediaKeyCode};

    #[test]
    fn presses_become_keys_and_releases_do_not() {
        let ev = |code, mods| KeyEvent::new(code, mods);
        let k = |s: &str| s.parse::<Key>().unwrap();
        assert_eq!(key(ev(Ct::Char('j'), KeyModifiers::NONE)), Some(k("j")));
        assert_eq!(
            key(ev(Ct::Char('G'), KeyModifiers::SHIFT)),
            Some(k("G")),
            "shift is already in the character"
        );
        assert_eq!(
            key(ev(Ct::Char('d'), KeyModifiers::CONTROL)),
            Some(k("Ctrl-d"))
        );
        assert_eq!(
            key(ev(Ct::BackTab, KeyModifiers::SHIFT)),
            Some(k("Shift-Tab"))
        );
        assert_eq!(
            key(ev(Ct::PageDown, KeyModifiers::CONTROL | KeyModifiers::ALT)),
            Some(k("Ctrl-Alt-PgDn"))
        );
        assert_eq!(key(ev(Ct::F(1), KeyModifiers::NONE)), Some(k("F1")));
        let release = KeyEvent::new_with_kind_and_state(
            Ct::Char('j'),
            KeyModifiers::NONE,
            KeyEventKind::Release,
            KeyEventState::NONE,
        );
        assert_eq!(key(release), None);
        let repeat = KeyEvent {
            kind: KeyEventKind::Repeat,
            ..release
        };
        assert_eq!(key(repeat), Some(k("j")));
        assert_eq!(
            key(ev(Ct::Media(MediaKeyCode::Play), KeyModifiers::NONE)),
            None
        );
    }
}
