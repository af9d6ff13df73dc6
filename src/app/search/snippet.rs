//! The list's second line for a search hit: the line of the post's plain
//! text around it, and where the terms are in a line shown.

/// The byte offset `n` characters before `at`, not before `floor`.
fn char_back(s: &str, floor: usize, at: usize, n: usize) -> usize {
    s[floor..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `at`, not past `ceil`.
fn char_forward(s: &str, at: usize, ceil: usize, n: usize) -> usize {
    s[at..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| at + i)
}

/// Up to 20 characters before the hit and 40 after, on its line of the
/// plain text (a block per line), white space collapsed.
pub fn plain_snippet(text: &str, at: usize, len: usize, ellipsis: &str) -> String {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end_of_hit = (at + len).min(line_end);
    let start = char_back(text, line_start, at, 20);
    let end = char_forward(text, end_of_hit, line_end, 40);
    let shown = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lead = if start > line_start { ellipsis } else { "" };
    let tail = if end < line_end { ellipsis } else { "" };
    crate::text::sanitize_line(&format!("{lead}{shown}{tail}"))
}

/// Where the search's terms appear in a line shown (byte ranges, sorted,
/// not overlapping), for highlighting. Compared ignoring ASCII case.
pub fn highlights<'a>(line: &str, terms: impl IntoIterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for term in terms {
        let needle = super::Needle::new(term);
        let mut from = 0;
        while !term.is_empty()
            && let Some(at) = needle.find(&line.as_bytes()[from..])
        {
            found.push((from + at, from + at + term.len()));
            from += at + term.len();
        }
    }
    found.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in found {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}
