//! Measuring and cutting text by display width (a CJK character takes two
//! columns). Every width question in tidings goes through here.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns one character takes (0 for controls and combining marks).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces on the right to exactly `cols` columns (cutting it
/// first if it is wider).
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = truncate(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_wide_characters_twice() {
        assert_eq!(truncate("社区运作报告", 7), "社区运…");
        assert_eq!(width(&truncate("社区运作报告", 7)), 7);
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(pad("社区", 6), "社区  ");
    }
}
