//! Measuring and cutting text by display width. Every width question in
//! tidings goes through here, so the wrapper, the widgets, `--print` and the
//! terminal backend never disagree about where a column starts.
//!
//! The unit is the grapheme cluster, as ratatui's buffer places text: `❤️`
//! (heart + VS16), `1️⃣` (keycap), `👨‍👩‍👧` (ZWJ), `🇨🇳` (flag) and `👍🏽`
//! (skin tone) are each one cell two columns wide, never split. Widths are
//! the Unicode ones (`unicode-width` on the whole cluster); terminals that
//! draw some clusters otherwise are handled by the backend, which places
//! the cursor after every cluster [`is_ambiguous`] reports.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns one character takes on its own (0 for controls and combining
/// marks). Text is measured by [`width`]: a character's width depends on
/// its neighbours (`❤` is one column, `❤️` two).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Columns one grapheme cluster takes.
pub fn cluster_width(cluster: &str) -> usize {
    UnicodeWidthStr::width(cluster)
}

/// Display width in terminal columns: the sum of the clusters' widths.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return UnicodeWidthStr::width(s);
    }
    // Most text (CJK, Latin, punctuation) is clusters of one character
    // each: summing characters is then the same and several times faster
    // than finding cluster boundaries.
    if s.chars().all(alone) {
        return s.chars().map(char_width).sum();
    }
    by_clusters(s)
}

fn by_clusters(s: &str) -> usize {
    s.graphemes(true).map(cluster_width).sum()
}

/// A character that always forms a cluster by itself and whose width does
/// not depend on its neighbours: visible, not a mark, joiner or selector,
/// not a regional indicator, skin tone, kana sound mark or Hangul jamo.
fn alone(c: char) -> bool {
    matches!(c.width(), Some(1 | 2))
        && !matches!(c,
            '\u{1100}'..='\u{11FF}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}'
            | '\u{FF9E}' | '\u{FF9F}'
            | '\u{1F1E6}'..='\u{1F1FF}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// The clusters of `s` with their widths.
pub fn clusters(s: &str) -> impl Iterator<Item = (&str, usize)> {
    s.graphemes(true).map(|g| (g, cluster_width(g)))
}

/// Whether terminals disagree on how wide `cluster` is drawn: emoji
/// sequences (VS16, keycaps, ZWJ, flags, skin tones) and half-width kana
/// sound marks. tmux 3.3 draws `❤️` and `1️⃣` one column wide, `👍🏽` four
/// and some terminals `ｶﾞ` one; the Unicode width says two for each.
pub fn is_ambiguous(cluster: &str) -> bool {
    // Every character below takes three or four bytes: most cells are one.
    cluster.len() >= 3
        && cluster.chars().any(|c| {
            matches!(c,
                '\u{FE0F}' | '\u{20E3}' | '\u{200D}' | '\u{FF9E}' | '\u{FF9F}'
                | '\u{1F1E6}'..='\u{1F1FF}' // regional indicators (flags)
                | '\u{1F3FB}'..='\u{1F3FF}' // skin tone modifiers
            )
        })
}

/// The most columns a terminal may draw `cluster` across: one that joins
/// nothing draws each character at its own width.
pub fn widest(cluster: &str) -> usize {
    let apart: usize = cluster.chars().map(char_width).sum();
    apart.max(cluster_width(cluster))
}

/// The longest prefix of `s` at most `cols` wide, cut between clusters,
/// and the rest.
pub fn split_at_width(s: &str, cols: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        used += cluster_width(g);
        if used > cols {
            return s.split_at(i);
        }
    }
    (s, "")
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    truncate_with(s, max, "…")
}

/// As [`truncate`], ending with `ellipsis` (the theme's: `...` in ASCII).
pub fn truncate_with(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mark = width(ellipsis);
    if max < mark {
        return split_at_width(s, max).0.to_owned();
    }
    let mut out = split_at_width(s, max - mark).0.to_owned();
    out.push_str(ellipsis);
    out
}

/// Pads `s` with spaces on the right to exactly `cols` columns (cutting it
/// first if it is wider).
pub fn pad(s: &str, cols: usize) -> String {
    pad_with(s, cols, "…")
}

/// As [`pad`], a cut ending with `ellipsis`.
pub fn pad_with(s: &str, cols: usize, ellipsis: &str) -> String {
    let mut out = truncate_with(s, cols, ellipsis);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_clusters() {
        let pool: Vec<char> = "a中，。❤☀1#👨👩👧👍🏽🇨🇳ｶﾞｷ한글\u{1100}\u{1161}é\u{301}\u{200d}\u{fe0f}\u{20e3}\u{93e}क\u{9}\u{7f}\u{a0}…·"
            .chars()
            .collect();
        // Every string of up to three characters from the pool.
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| pool.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for s in &strings {
            assert_eq!(width(s), by_clusters(s), "{s:?}");
        }
    }

    #[test]
    fn truncate_counts_wide_characters_twice() {
        assert_eq!(truncate("社区运作报告", 7), "社区运…");
        assert_eq!(width(&truncate("社区运作报告", 7)), 7);
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(pad("社区", 6), "社区  ");
        assert_eq!(truncate_with("abcdef", 5, "..."), "ab...");
        assert_eq!(truncate_with("abcdef", 2, "..."), "ab");
    }

    #[test]
    fn clusters_are_never_cut() {
        assert_eq!(split_at_width("a👨‍👩‍👧b", 2), ("a", "👨‍👩‍👧b"));
        assert_eq!(truncate("❤️❤️❤️", 5), "❤️❤️…");
    }
}
