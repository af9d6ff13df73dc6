//! The list's second line for a search hit: the line around it.

/// The line around a hit: up to 20 characters before it and 40 after, on
/// one line, with markup taken out. (A match of valid UTF-8 in valid UTF-8
/// starts and ends on character boundaries; ignoring ASCII case keeps byte
/// lengths.)
pub fn snippet(body: &str, at: usize, len: usize) -> String {
    snippet_with(body, at, len, "…")
}

/// As [`snippet`], marking cut ends with `ellipsis` (the theme's).
pub fn snippet_with(body: &str, at: usize, len: usize, ellipsis: &str) -> String {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    // Clean a wider stretch than is shown, so no tag is cut in half first.
    let from = char_back(body, line_start, at, 200);
    let to = char_forward(body, (at + len).min(line_end), line_end, 300);
    let raw = crate::text::sanitize_line(&body[from..to]);
    let hit = crate::text::sanitize_line(&body[at..(at + len).min(to)]);
    let find = |t: &str| t.to_ascii_lowercase().find(&hit.to_ascii_lowercase());
    // Markup reads as noise; keep the raw text only when taking it out
    // would take the hit with it (a word inside an href).
    let cleaned = strip_markup(&raw);
    // Where the hit is in the text shown, and how long. Sanitized on its
    // own, the hit may differ from its place in the line (an escape
    // sequence running into it): then it is not found, and has no length.
    let (text, pos, hit_len) = match (find(&cleaned), find(&raw)) {
        (Some(p), _) => (cleaned, p, hit.len()),
        (None, Some(p)) => (raw, p, hit.len()),
        (None, None) => (raw, 0, 0),
    };
    let start = char_back(&text, 0, pos, 20);
    let end = char_forward(&text, pos + hit_len, text.len(), 40);
    let shown = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let cut_before = start > 0 || from > line_start;
    // A line's own block markers (heading, quote, list) go too.
    let shown = if cut_before {
        shown
    } else {
        shown
            .trim_start_matches(['#', '>', '-', '*', '+', ' '])
            .to_owned()
    };
    let lead = if cut_before { ellipsis } else { "" };
    let tail = if end < text.len() || to < line_end {
        ellipsis
    } else {
        ""
    };
    format!("{lead}{shown}{tail}")
}

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

/// Takes out HTML tags, autolink brackets, table pipes and inline
/// Markdown markers.
fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let tag_like = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(j) if tag_like => {
                let inner = &after[..j];
                // <https://...> and <a@b.org> are links: keep their text.
                let bare = !inner.contains([' ', '"', '\'', '=']);
                let autolink = inner
                    .split_once("://")
                    .is_some_and(|(scheme, _)| scheme.chars().all(|c| c.is_ascii_alphanumeric()));
                if bare && (autolink || inner.contains('@')) {
                    out.push_str(inner);
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "")
        .replace("__", "")
        .replace(['`', '~'], "")
        .replace('|', " ")
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
