//! Making untrusted text safe for a terminal: escape sequences, control
//! characters and invisible characters never pass as they came. Each is
//! replaced by a one-column stand-in, so the reader sees something was there:
//!
//! | what | shown as |
//! | --- | --- |
//! | escape sequence, C1 control | `␛` |
//! | C0 control, DEL | its Control Picture: `␀` … `␟`, `␡` |
//! | bidirectional control (U+202A–202E, U+2066–2069, U+200E/F, U+061C) | `⇄` |
//! | other invisible format character (category Cf: U+200B–200D, U+2060, U+FEFF, …) | `␣` |
//! | U+2028, U+2029 | a line break in blocks, a space in lines |
//! | lone CR | a space |
//! | soft hyphen U+00AD | nothing |
//!
//! Joiners that are part of the text stay: U+200D inside an emoji sequence
//! (man, ZWJ, woman, ZWJ, girl: a family), U+200C/200D between two letters
//! of a script whose spelling uses them (Persian, Hindi, ...), and the tag
//! characters after U+1F3F4 that make a flag such as Scotland's.

mod hidden;
mod urls;

use self::hidden::{Hidden, hidden};
pub use self::urls::{UrlWarning, safe_url, url_warning};
use super::width::char_width;

/// Shown where an escape sequence (or a C1 control) was taken out, so the
/// reader can tell something was there: SYMBOL FOR ESCAPE. Control Pictures
/// are narrow in every terminal, unlike U+FFFD, whose width is ambiguous
/// (two columns in terminals set up for CJK).
pub const REPLACEMENT: char = '\u{241B}';

/// Shown for a bidirectional control: left as it is, it would reorder the
/// text around it on screen (and in a URL, hide where it goes). One column
/// in every terminal, like the Control Pictures.
pub const BIDI: char = '\u{21C4}';

/// Shown for an invisible format character (zero-width space, joiner,
/// word joiner, byte-order mark, ...): OPEN BOX, the Control Picture for
/// a blank that would otherwise not be seen.
pub const INVISIBLE: char = '\u{2423}';

/// True for the characters sanitizing puts in place of something: text
/// holding one had a control or hidden character in it.
pub fn is_stand_in(c: char) -> bool {
    matches!(c, '\u{2400}'..='\u{2426}' | BIDI)
}

/// The visible stand-in for a lone control character: its Control Picture
/// (␀ … ␟, ␡ for DEL), or ␛ for a C1 control.
fn picture(c: char) -> char {
    match c as u32 {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or(REPLACEMENT),
        0x7f => '\u{2421}',
        _ => REPLACEMENT,
    }
}

/// Columns a tab advances to in multi-line text.
pub const TAB_STOP: usize = 4;

/// Makes one line of untrusted text safe to print: escape sequences (CSI,
/// OSC, DCS, ...) become one placeholder, other control characters (C0, DEL,
/// C1) become a placeholder, and tabs and line breaks become spaces.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s, false)
}

/// Like [`sanitize_line`] but keeps `\n`; tabs expand to the next tab stop.
pub fn sanitize_block(s: &str) -> String {
    sanitize(s, true)
}

/// True when `s` needs no sanitizing (the common case; avoids a copy).
pub fn is_clean(s: &str) -> bool {
    clean(s, false)
}

/// Like [`is_clean`], but newlines are fine (tabs and CR still need work).
pub fn is_clean_block(s: &str) -> bool {
    clean(s, true)
}

fn clean(s: &str, newlines_ok: bool) -> bool {
    if s.is_ascii() {
        return s
            .bytes()
            .all(|b| !b.is_ascii_control() || (newlines_ok && b == b'\n'));
    }
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\n' => newlines_ok,
            c if c.is_control() => false,
            c => hidden(c, prev, chars.peek().copied()).is_none(),
        };
        if !ok {
            return false;
        }
        prev = Some(c);
    }
    true
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control() || c == '\u{7f}'
}

fn sanitize(s: &str, keep_newlines: bool) -> String {
    if clean(s, keep_newlines) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut col = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => {
                out.push('\n');
                col = 0;
                continue;
            }
            '\t' if keep_newlines => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                continue;
            }
            '\t' | '\n' => out.push(' '),
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\r' => out.push(' '),
            '\u{1b}' => {
                skip_escape(&mut chars);
                out.push(REPLACEMENT);
            }
            // C1 introducers of strings (DCS, SOS, OSC, PM, APC) swallow
            // text up to the terminator, just as a terminal would.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                skip_string(&mut chars);
                out.push(REPLACEMENT);
            }
            '\u{9b}' => {
                skip_csi(&mut chars);
                out.push(REPLACEMENT);
            }
            c if is_unsafe_char(c) => out.push(picture(c)),
            c => match hidden(c, out.chars().next_back(), chars.peek().copied()) {
                None => out.push(c),
                Some(Hidden::Mark(m)) => out.push(m),
                Some(Hidden::Drop) => continue,
                Some(Hidden::Break) if keep_newlines => {
                    out.push('\n');
                    col = 0;
                    continue;
                }
                Some(Hidden::Break) => out.push(' '),
            },
        }
        col += out.chars().last().map(char_width).unwrap_or(0);
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Consumes what follows an ESC the way a VT parser would.
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes, then one final byte.
        Some(_) => {
            while let Some(&c) = chars.peek() {
                chars.next();
                if !(' '..='/').contains(&c) {
                    break;
                }
            }
        }
        None => {}
    }
}

fn skip_csi(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        if !('\u{20}'..='\u{3f}').contains(&c) {
            break;
        }
        chars.next();
    }
    // Final byte, if it is one.
    if chars.peek().is_some_and(|c| ('@'..='~').contains(c)) {
        chars.next();
    }
}

/// An OSC/DCS-like string ends at BEL, ST (ESC \) or the C1 ST.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    #[test]
    fn escape_sequences_and_controls_leave_no_trace() {
        let hostile = "a\x1b]52;c;aGVsbG8=\x07b\x1b[2Jc\u{9b}31md\x00e\x7ff\u{9d}8;;x\u{9c}g";
        let out = sanitize_line(hostile);
        assert_eq!(out, "a␛b␛c␛d␀e␡f␛g");
        assert!(is_clean(&out));
        // Every stand-in is one column wide, in any terminal.
        assert_eq!(width(&out), out.chars().count());
    }

    #[test]
    fn unterminated_osc_swallows_the_rest() {
        assert_eq!(sanitize_line("ok\x1b]8;;http://x"), "ok␛");
    }

    #[test]
    fn tabs_expand_in_blocks_and_become_spaces_in_lines() {
        assert_eq!(sanitize_block("a\tb\n\tc"), "a   b\n    c");
        assert_eq!(sanitize_line("a\tb\r\nc"), "a b c");
    }

    #[test]
    fn byte_scan_agrees_with_char_classes() {
        for s in [
            "a\u{85}b",
            "a\u{9f}",
            "a\x7f",
            "a\tb",
            "a\rb",
            "é中\u{a0}ok",
        ] {
            let by_chars = !s.chars().any(is_unsafe_char);
            assert_eq!(is_clean(s), by_chars, "{s:?}");
        }
        assert!(is_clean_block("a\nb"));
        assert!(!is_clean("a\nb"));
        assert!(!is_clean_block("a\tb"));
    }

    #[test]
    fn hidden_characters_get_visible_stand_ins() {
        let s = "a\u{202e}b\u{200b}c\u{2066}d\u{2069}e\u{feff}f\u{ad}g\u{61c}h\u{2060}i";
        assert_eq!(sanitize_line(s), "a⇄b␣c⇄d⇄e␣fg⇄h␣i");
        assert_eq!(sanitize_block(s), sanitize_line(s));
        assert_eq!(sanitize_line("a\u{2028}b\u{2029}c\rd"), "a b c d");
        assert_eq!(sanitize_block("a\u{2028}b\u{2029}\tc"), "a\nb\n    c");
    }

    #[test]
    fn sanitizing_twice_changes_nothing() {
        for s in [
            "x\u{200d}\u{200d}👩",
            "👨\u{200b}\u{200d}👩",
            "a\x1b[1m\u{202e}\u{e0067}b",
            "\u{1f3f4}\u{ad}\u{e0067}",
        ] {
            for block in [false, true] {
                let once = sanitize(s, block);
                assert_eq!(sanitize(&once, block), once, "{s:?}");
                assert!(clean(&once, block), "{once:?}");
            }
        }
    }

    #[test]
    fn stand_ins_are_one_column_even_in_cjk_terminals() {
        use unicode_width::UnicodeWidthChar;
        for c in [REPLACEMENT, BIDI, INVISIBLE, '␀', '␡'] {
            assert_eq!((c.width(), c.width_cjk()), (Some(1), Some(1)), "{c}");
            assert!(is_stand_in(c));
        }
    }

    #[test]
    fn clean_text_is_returned_as_is() {
        assert_eq!(
            sanitize_line("第十个用户组成立，正式"),
            "第十个用户组成立，正式"
        );
    }
}
