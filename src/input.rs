//! Terminal input as bytes → the app's keys and mouse actions. A local tty
//! and an ssh channel carry the same protocol (xterm's: UTF-8 text, C0
//! controls, ESC-prefixed Alt, CSI and SS3 sequences, SGR mouse reports,
//! bracketed paste), so one decoder serves both and is tested with scripted
//! bytes. Bytes may arrive split anywhere: an incomplete sequence waits for
//! the next read; a lone ESC is a key only once [`Decoder::flush`] says no
//! more came (the caller's timeout).

use crate::app::{Action, Key, KeyCode};

/// What the bytes meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    /// A wheel or click, as what it does.
    Mouse(Action),
    /// Text pasted between bracketed-paste marks (typed as characters).
    Paste(String),
}

/// Longest sequence kept while waiting for its end; anything longer is
/// garbage and dropped, so hostile input cannot grow the buffer.
const MAX_PENDING: usize = 64;
/// Longest paste kept.
const MAX_PASTE: usize = 1 << 20;

#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
    /// Inside a bracketed paste: what it holds so far.
    paste: Option<Vec<u8>>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Decodes what can be decoded of `bytes` (and what was left over).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            if let Some(paste) = &mut self.paste {
                match find(&self.pending, PASTE_END) {
                    Some(end) => {
                        paste.extend_from_slice(&self.pending[..end]);
                        self.pending.drain(..end + PASTE_END.len());
                        let text = String::from_utf8_lossy(&self.paste.take().unwrap_or_default())
                            .into_owned();
                        out.push(Input::Paste(text));
                        continue;
                    }
                    None => {
                        // Keep a tail that may be the start of the end mark.
                        let keep = self.pending.len().min(PASTE_END.len() - 1);
                        let take = self.pending.len() - keep;
                        if paste.len() + take <= MAX_PASTE {
                            paste.extend_from_slice(&self.pending[..take]);
                        }
                        self.pending.drain(..take);
                        return out;
                    }
                }
            }
            if self.pending.is_empty() {
                return out;
            }
            match parse(&self.pending) {
                Parsed::Done(n, input) => {
                    self.pending.drain(..n);
                    match input {
                        Some(Input::Paste(_)) => self.paste = Some(Vec::new()),
                        Some(i) => out.push(i),
                        None => {}
                    }
                }
                Parsed::More if self.pending.len() < MAX_PENDING => return out,
                // Too long to be a sequence: drop its first byte.
                Parsed::More => {
                    self.pending.remove(0);
                }
            }
        }
    }

    /// No more bytes came for a while: a lone ESC (or ESC and an
    /// unfinished sequence) was the Esc key after all.
    pub fn flush(&mut self) -> Vec<Input> {
        if self.paste.is_some() || self.pending.first() != Some(&0x1b) {
            return Vec::new();
        }
        self.pending.remove(0);
        let mut out = vec![Input::Key(key(KeyCode::Esc))];
        out.extend(self.feed(&[]));
        out
    }

    /// Whether a lone ESC waits for [`Decoder::flush`].
    pub fn waiting(&self) -> bool {
        self.paste.is_none() && !self.pending.is_empty()
    }
}

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

enum Parsed {
    /// Used this many bytes: an input, or nothing (an unknown sequence).
    Done(usize, Option<Input>),
    /// The bytes so far could start a sequence: wait for more.
    More,
}

fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

fn parse(b: &[u8]) -> Parsed {
    match b[0] {
        0x1b => parse_escape(b),
        _ => match parse_plain(b) {
            Some((n, k)) => Parsed::Done(n, k.map(Input::Key)),
            None => Parsed::More,
        },
    }
}

/// One character or control byte (not ESC): `None` when a UTF-8
/// character is cut short.
fn parse_plain(b: &[u8]) -> Option<(usize, Option<Key>)> {
    let ctrl = |c: char| Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    };
    let k = match b[0] {
        b'\r' | b'\n' => key(KeyCode::Enter),
        b'\t' => key(KeyCode::Tab),
        0x7f | 0x08 => key(KeyCode::Backspace),
        0x00 => ctrl(' '),
        c @ 0x01..=0x1a => ctrl((b'a' + c - 1) as char),
        c @ 0x1c..=0x1f => ctrl((b'4' + c - 0x1c) as char),
        c if c < 0x80 => key(KeyCode::Char(c as char)),
        c => {
            let len = match c {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                // A stray continuation or invalid byte: skipped.
                _ => return Some((1, None)),
            };
            if b.len() < len {
                return None;
            }
            return Some(match std::str::from_utf8(&b[..len]) {
                Ok(s) => (len, s.chars().next().map(|ch| key(KeyCode::Char(ch)))),
                Err(_) => (1, None),
            });
        }
    };
    Some((1, Some(k)))
}

fn parse_escape(b: &[u8]) -> Parsed {
    let Some(&next) = b.get(1) else {
        return Parsed::More;
    };
    match next {
        b'[' => parse_csi(b),
        b'O' => match b.get(2) {
            None => Parsed::More,
            Some(&c) => Parsed::Done(3, ss3(c).map(|k| Input::Key(key(k)))),
        },
        // ESC ESC: the Esc key, then whatever follows.
        0x1b => Parsed::Done(1, Some(Input::Key(key(KeyCode::Esc)))),
        _ => match parse_plain(&b[1..]) {
            None => Parsed::More,
            Some((n, k)) => Parsed::Done(1 + n, k.map(|k| Input::Key(Key { alt: true, ..k }))),
        },
    }
}

fn ss3(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [ params final`: parameters are bytes 0x30–0x3f, the final byte
/// 0x40–0x7e.
fn parse_csi(b: &[u8]) -> Parsed {
    let Some(end) = b[2..].iter().position(|&c| (0x40..=0x7e).contains(&c)) else {
        return if b[2..].iter().all(|&c| (0x20..=0x3f).contains(&c)) {
            Parsed::More
        } else {
            // Not a sequence after all: drop the ESC [ and go on.
            Parsed::Done(2, None)
        };
    };
    let n = 2 + end + 1;
    let params = &b[2..2 + end];
    let fin = b[2 + end];
    if &b[..n] == PASTE_START {
        return Parsed::Done(n, Some(Input::Paste(String::new())));
    }
    if params.first() == Some(&b'<') && (fin == b'M' || fin == b'm') {
        return Parsed::Done(n, mouse(&params[1..], fin == b'M'));
    }
    let text = std::str::from_utf8(params).unwrap_or("");
    let nums: Vec<u16> = text.split(';').map(|p| p.parse().unwrap_or(0)).collect();
    let modifier = nums.get(1).copied().unwrap_or(1).saturating_sub(1);
    let code = match fin {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'Z' => KeyCode::BackTab,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'~' => match nums.first().copied().unwrap_or(0) {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=26 => KeyCode::F((n - 12) as u8),
            n @ 28..=29 => KeyCode::F((n - 13) as u8),
            n @ 31..=34 => KeyCode::F((n - 14) as u8),
            _ => return Parsed::Done(n, None),
        },
        // Focus reports, cursor position replies and the like: not keys.
        _ => return Parsed::Done(n, None),
    };
    Parsed::Done(
        n,
        Some(Input::Key(Key {
            code,
            alt: modifier & 2 != 0,
            ctrl: modifier & 4 != 0,
        })),
    )
}

/// An SGR mouse report `b;x;y` (1-based cells): the wheel and a left
/// click mean something; the rest (moves, releases, other buttons) not.
fn mouse(params: &[u8], press: bool) -> Option<Input> {
    let text = std::str::from_utf8(params).ok()?;
    let mut it = text.split(';').map(|p| p.parse::<u16>().ok());
    let (b, x, y) = (it.next()??, it.next()??, it.next()??);
    let (x, y) = (x.checked_sub(1)?, y.checked_sub(1)?);
    let action = match b & !0b11100 {
        64 => Action::Wheel { x, y, lines: -3 },
        65 => Action::Wheel { x, y, lines: 3 },
        0 if press && b & 32 == 0 => Action::Click { x, y },
        _ => return None,
    };
    Some(Input::Mouse(action))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<String> {
        let mut d = Decoder::new();
        let mut out = d.feed(bytes);
        out.extend(d.flush());
        out.into_iter()
            .map(|i| match i {
                Input::Key(k) => k.to_string(),
                Input::Mouse(a) => format!("{a:?}"),
                Input::Paste(t) => format!("paste:{t}"),
            })
            .collect()
    }

    #[test]
    fn text_controls_and_alt() {
        assert_eq!(keys(b"jG?"), ["j", "G", "?"]);
        assert_eq!(keys("社区".as_bytes()), ["社", "区"]);
        assert_eq!(
            keys(b"\r\t\x7f\x04\x15"),
            ["Enter", "Tab", "Backspace", "Ctrl-d", "Ctrl-u"]
        );
        assert_eq!(keys(b"\x1bj\x1b\x7f"), ["Alt-j", "Alt-Backspace"]);
        assert_eq!(keys(b" "), ["Space"]);
    }

    #[test]
    fn escape_sequences_of_xterm_and_others() {
        assert_eq!(
            keys(b"\x1b[A\x1b[B\x1bOC\x1b[D"),
            ["Up", "Down", "Right", "Left"]
        );
        assert_eq!(
            keys(b"\x1b[1;3D\x1b[1;3C\x1b[1;5A"),
            ["Alt-Left", "Alt-Right", "Ctrl-Up"]
        );
        assert_eq!(
            keys(b"\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[1~"),
            ["PgUp", "PgDn", "Home", "End", "Home"]
        );
        assert_eq!(
            keys(b"\x1bOP\x1b[15~\x1b[24~\x1b[Z"),
            ["F1", "F5", "F12", "Shift-Tab"]
        );
        assert_eq!(keys(b"\x1b[3~\x1b[2~"), ["Delete", "Insert"]);
    }

    #[test]
    fn a_lone_escape_is_a_key_only_once_nothing_follows() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b").is_empty());
        assert!(d.waiting());
        assert_eq!(d.flush(), vec![Input::Key(key(KeyCode::Esc))]);
        assert!(!d.waiting());
        assert_eq!(keys(b"\x1b\x1b[A"), ["Esc", "Up"]);
    }

    #[test]
    fn sequences_split_across_reads_are_put_together() {
        let all = b"\x1b[1;3D\xe7\xa4\xbe\x1b[<64;10;5M";
        for cut in 1..all.len() {
            let mut d = Decoder::new();
            let mut out = d.feed(&all[..cut]);
            out.extend(d.feed(&all[cut..]));
            assert_eq!(out.len(), 3, "cut at {cut}: {out:?}");
        }
    }

    #[test]
    fn mouse_wheel_and_click() {
        assert_eq!(keys(b"\x1b[<64;10;5M"), ["Wheel { x: 9, y: 4, lines: -3 }"]);
        assert_eq!(keys(b"\x1b[<65;1;1M"), ["Wheel { x: 0, y: 0, lines: 3 }"]);
        assert_eq!(keys(b"\x1b[<0;3;7M\x1b[<0;3;7m"), ["Click { x: 2, y: 6 }"]);
        assert!(keys(b"\x1b[<35;3;7M").is_empty(), "a move");
    }

    #[test]
    fn bracketed_paste_is_text_even_with_escapes_in_it() {
        assert_eq!(
            keys(b"\x1b[200~a\x1b[Ab\x1b[201~j"),
            ["paste:a\u{1b}[Ab", "j"]
        );
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b[200~half").is_empty());
        assert_eq!(d.feed(b" more\x1b[20"), vec![]);
        assert_eq!(d.feed(b"1~"), vec![Input::Paste("half more".into())]);
    }

    #[test]
    fn garbage_is_dropped_and_never_grows_the_buffer() {
        let mut d = Decoder::new();
        let mut junk = b"\x1b[".to_vec();
        junk.extend(std::iter::repeat_n(b'1', 10_000));
        d.feed(&junk);
        assert!(d.pending.len() < MAX_PENDING);
        assert_eq!(keys(b"\xff\x80j"), ["j"]);
        assert_eq!(
            keys(b"\x1b[?1;2c\x1b[I\x1b[O j"),
            ["Space", "j"],
            "replies and focus are not keys"
        );
    }

    proptest::proptest! {
        /// Whatever the bytes, and wherever a read cuts them: no panic, the
        /// same inputs as read whole, and a bounded buffer.
        #[test]
        fn any_bytes_any_cut(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
            cut in 0usize..200,
        ) {
            let cut = cut.min(bytes.len());
            let mut whole = Decoder::new();
            let a = whole.feed(&bytes);
            let mut split = Decoder::new();
            let mut b = split.feed(&bytes[..cut]);
            b.extend(split.feed(&bytes[cut..]));
            proptest::prop_assert_eq!(a, b);
            proptest::prop_assert!(split.pending.len() <= MAX_PENDING);
        }
    }
}
