//! Which invisible characters are hidden tricks or accidents, and which
//! belong to the text (a joiner inside an emoji or a Persian word).

use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};
use unicode_script::{Script, UnicodeScript};

use super::{BIDI, INVISIBLE};

/// What becomes of an invisible character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hidden {
    Drop,
    Break,
    Mark(char),
}

/// How `c` is shown, given the character kept before it and the one after
/// it; `None` when it stays as it is.
pub(super) fn hidden(c: char, prev: Option<char>, next: Option<char>) -> Option<Hidden> {
    // Every Cf, Zl and Zp character is in these ranges (a test checks):
    // Latin and CJK text never reaches the table look-up.
    if !matches!(c as u32, 0xad | 0x600..=0x2fff | 0xfeff..) {
        return None;
    }
    match c {
        '\u{ad}' => Some(Hidden::Drop),
        '\u{2028}' | '\u{2029}' => Some(Hidden::Break),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(Hidden::Mark(BIDI))
        }
        '\u{200d}' if prev.is_some_and(in_emoji) && next.is_some_and(is_emoji) => None,
        '\u{200c}' | '\u{200d}' if joined_letters(prev, next) => None,
        '\u{e0020}'..='\u{e007f}' if prev.is_some_and(|p| p == '\u{1f3f4}' || is_tag(p)) => None,
        c if c.general_category() == GeneralCategory::Format => Some(Hidden::Mark(INVISIBLE)),
        _ => None,
    }
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{e0020}'..='\u{e007f}')
}

/// An emoji or a part of one (a skin tone, U+FE0F, a tag).
fn in_emoji(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char_or_emoji_component()
}

/// An emoji a ZWJ can join to (not `#`, `*` or a digit, which are emoji
/// only as keycaps).
fn is_emoji(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char()
}

/// Both sides are of one script whose spelling uses ZWJ and ZWNJ: Persian
/// writes ZWNJ inside words, Indic scripts choose conjunct forms with them.
fn joined_letters(prev: Option<char>, next: Option<char>) -> bool {
    let (Some(p), Some(n)) = (prev, next) else {
        return false;
    };
    let script = p.script();
    script == n.script()
        && matches!(
            script,
            Script::Arabic
                | Script::Syriac
                | Script::Nko
                | Script::Devanagari
                | Script::Bengali
                | Script::Gurmukhi
                | Script::Gujarati
                | Script::Oriya
                | Script::Tamil
                | Script::Telugu
                | Script::Kannada
                | Script::Malayalam
                | Script::Sinhala
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{is_clean, sanitize_line};

    #[test]
    fn joiners_that_belong_to_the_text_stay() {
        for kept in [
            "👨\u{200d}👩\u{200d}👧",
            "🏳\u{fe0f}\u{200d}🌈",
            "🧑🏽\u{200d}⚕\u{fe0f}",
            "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
        ] {
            assert!(is_clean(kept), "{kept:?}");
            assert_eq!(sanitize_line(kept), kept);
        }
        for (marked, shown) in [
            ("pay\u{200d}pal", "pay␣pal"),
            ("pay\u{200c}pal", "pay␣pal"),
            ("1\u{200d}2", "1␣2"),
            ("👍\u{200d}", "👍␣"),
            ("a\u{e0067}", "a␣"),
        ] {
            assert!(!is_clean(marked), "{marked:?}");
            assert_eq!(sanitize_line(marked), shown);
        }
    }

    #[test]
    fn the_quick_range_check_misses_no_format_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let invisible = matches!(
                c.general_category(),
                GeneralCategory::Format
                    | GeneralCategory::LineSeparator
                    | GeneralCategory::ParagraphSeparator
            );
            if invisible && !matches!(c, '\u{200c}' | '\u{200d}' | '\u{e0020}'..='\u{e007f}') {
                assert!(
                    hidden(c, Some('a'), Some('b')).is_some(),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }
}
