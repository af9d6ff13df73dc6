//! Making untrusted text safe for a terminal: escape sequences and control
//! characters never pass as they came.

use super::width::char_width;

/// Shown where an escape sequence (or a C1 control) was taken out, so the
/// reader can tell something was there: SYMBOL FOR ESCAPE. Control Pictures
/// are narrow in every terminal, unlike U+FFFD, whose width is ambiguous
/// (two columns in terminals set up for CJK).
pub const REPLACEMENT: char = '\u{241B}';

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
/// Scans bytes: C0 and DEL are single bytes, C1 is `C2 80..=9F` in UTF-8.
pub fn is_clean(s: &str) -> bool {
    clean_bytes(s, false)
}

/// Like [`is_clean`], but newlines are fine (tabs and CR still need work).
pub fn is_clean_block(s: &str) -> bool {
    clean_bytes(s, true)
}

fn clean_bytes(s: &str, newlines_ok: bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' if newlines_ok => {}
            0..=0x1f | 0x7f => return false,
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control() || c == '\u{7f}'
}

fn sanitize(s: &str, keep_newlines: bool) -> String {
    if clean_bytes(s, keep_newlines) {
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
            c => out.push(c),
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
    fn clean_text_is_returned_as_is() {
        assert_eq!(
            sanitize_line("第十个用户组成立，正式"),
            "第十个用户组成立，正式"
        );
    }
}
