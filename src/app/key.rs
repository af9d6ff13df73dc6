//! The app's own key type, named as the help, README and (later) the config
//! file write keys: `j`, `Ctrl-d`, `PgDn`, `Space`, `F1`. Each key has
//! exactly one name, so a name read from a config file can be shown back
//! unchanged and two spellings can never bind the same key twice.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab, which terminals send as a key of its own.
    BackTab,
    Backspace,
    Insert,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// F1 to F35 (the most any terminal reports).
    F(u8),
}

/// A key press. Shift is not a modifier here: it is already in the
/// character (`G`, `?`) or in the key itself (Shift-Tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

pub const MAX_F: u8 = 35;

const NAMED: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Insert", KeyCode::Insert),
    ("Delete", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
];

impl Key {
    pub const fn new(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseKeyError(pub String);

impl fmt::Display for ParseKeyError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "unknown key {:?}: write one character (`j`, `?`), a name \
             (Enter, Esc, Space, Tab, Shift-Tab, Backspace, Up, PgDn, Home, F1, ...), \
             optionally after `Ctrl-` and then `Alt-`",
            self.0
        )
    }
}

impl std::error::Error for ParseKeyError {}

impl FromStr for Key {
    type Err = ParseKeyError;

    /// Strict: modifiers are spelled `Ctrl-` then `Alt-`, names exactly as
    /// [`Display`](fmt::Display) writes them, so every accepted string is
    /// the one way of writing its key.
    fn from_str(s: &str) -> Result<Key, ParseKeyError> {
        let err = || ParseKeyError(s.to_string());
        let mut rest = s;
        let ctrl = strip(&mut rest, "Ctrl-");
        let alt = strip(&mut rest, "Alt-");
        let code = if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == rest) {
            *code
        } else if let Some(n) = rest.strip_prefix('F').filter(|n| !n.is_empty()) {
            // "F01" and "F+1" would be second spellings of F1.
            if !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
                return Err(err());
            }
            match n.parse::<u8>() {
                Ok(n) if (1..=MAX_F).contains(&n) => KeyCode::F(n),
                _ => return Err(err()),
            }
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c != ' ' && !c.is_control() => KeyCode::Char(c),
                _ => return Err(err()),
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

fn strip(rest: &mut &str, prefix: &str) -> bool {
    // A lone "-" (or "Ctrl--") is the minus key, not a modifier.
    match rest.strip_prefix(prefix) {
        Some(r) if !r.is_empty() => {
            *rest = r;
            true
        }
        _ => false,
    }
}

impl fmt::Display for KeyCode {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some((name, _)) = NAMED.iter().find(|(_, c)| c == self) {
            return f.write_str(name);
        }
        match self {
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Char(c) => write!(f, "{c}"),
            _ => unreachable!("every other key is in NAMED"),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        write!(f, "{}", self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_to_keys() {
        let k = |s: &str| s.parse::<Key>().unwrap();
        assert_eq!(k("j"), Key::char('j'));
        assert_eq!(k("Ctrl-d"), Key::ctrl('d'));
        assert_eq!(k("PgDn"), Key::new(KeyCode::PageDown));
        assert_eq!(k("Space"), Key::char(' '));
        assert_eq!(k("F1"), Key::new(KeyCode::F(1)));
        assert_eq!(k("F35"), Key::new(KeyCode::F(35)));
        assert_eq!(k("-"), Key::char('-'));
        assert_eq!(k("Ctrl--"), Key::ctrl('-'));
        assert_eq!(k("F"), Key::char('F'));
        assert_eq!(k("中"), Key::char('中'));
        assert_eq!(
            k("Ctrl-Alt-Shift-Tab"),
            Key {
                code: KeyCode::BackTab,
                ctrl: true,
                alt: true
            }
        );
    }
}
