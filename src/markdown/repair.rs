//! Mends the broken HTML real posts contain before the Markdown parser sees
//! it. CommonMark only treats a complete tag as HTML, so
//! `<img src="a.png" style="width:50%>` (an unclosed quote, seen in real
//! posts) would otherwise show as raw tag text. The unclosed quote is closed
//! before the tag's final `>`.
//!
//! A broken `<img>` (the commonest broken tag) is rewritten whole: see
//! [`mend_img`]. And a blank line inside an HTML `<table>` would end the
//! HTML block there and leave the rest as text, so such lines are dropped.

use std::borrow::Cow;

/// Tags worth mending: the ones that carry a URL.
const TAGS: &[&str] = &["<img", "<video", "<audio", "<iframe", "<source", "<a "];

pub fn repair(src: &str) -> Cow<'_, str> {
    let mended = mend_tags(src);
    if let Cow::Owned(joined) = join_tables(&mended) {
        return Cow::Owned(joined);
    }
    mended
}

/// Drops the blank lines between a line starting `<table` and its
/// `</table>` (outside fenced code); a table never closed is left alone.
fn join_tables(src: &str) -> Cow<'_, str> {
    if !src.contains("<table") && !src.contains("<TABLE") && !src.contains("<Table") {
        return Cow::Borrowed(src);
    }
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let mut drop = vec![false; lines.len()];
    let mut fence: Option<&str> = None;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if starts_with_ignore_case(t, "<table") {
            // Once one table never closes, no later one is looked for:
            // a post of unclosed tables would be scanned to its end for each.
            let Some(end) = table_end(&lines, i) else {
                break;
            };
            for (j, l) in lines.iter().enumerate().take(end).skip(i) {
                drop[j] = l.trim().is_empty();
            }
            i = end;
        }
        i += 1;
    }
    if !drop.contains(&true) {
        return Cow::Borrowed(src);
    }
    let kept = lines.iter().zip(&drop).filter(|(_, d)| !**d);
    Cow::Owned(kept.map(|(l, _)| *l).collect())
}

/// The line where the table opened on line `start` closes, counting the
/// tables nested in it.
fn table_end(lines: &[&str], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let lower = line.to_ascii_lowercase();
        depth += lower.matches("<table").count();
        for _ in lower.matches("</table").take(depth) {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

fn mend_tags(src: &str) -> Cow<'_, str> {
    if !src.contains('<') {
        return Cow::Borrowed(src);
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut pos = 0;
    while let Some(rel) = src[pos..].find('<') {
        let start = pos + rel;
        pos = start + 1;
        let rest = &src[start..];
        if let Some((len, tag)) = mend_img(rest) {
            let o = out.get_or_insert_with(|| String::with_capacity(src.len() + 8));
            o.push_str(&src[copied..start]);
            o.push_str(&tag);
            copied = start + len;
            pos = copied;
            continue;
        }
        if !TAGS.iter().any(|t| starts_with_ignore_case(rest, t)) {
            continue;
        }
        // The tag ends at the first `>` on its line (or the next line).
        let line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        let scope_end = rest[line_end..]
            .find('\n')
            .map(|i| line_end + i)
            .unwrap_or(rest.len());
        let Some(gt) = rest[..scope_end].find('>') else {
            continue;
        };
        let inner = &rest[..gt];
        let quote = if inner.matches('"').count() % 2 == 1 {
            Some('"')
        } else if inner.matches('\'').count() % 2 == 1 && !inner.contains('"') {
            Some('\'')
        } else {
            None
        };
        if let Some(q) = quote {
            let o = out.get_or_insert_with(|| String::with_capacity(src.len() + 8));
            o.push_str(&src[copied..start + gt]);
            o.push(q);
            copied = start + gt;
        }
        pos = start + gt;
    }
    match out {
        Some(mut o) => {
            o.push_str(&src[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(src),
    }
}

/// An `<img` tag at the start of `s` that a parser would show as raw text,
/// and what to put instead: its length and a well-formed tag. Broken means
/// cut off (by the next tag, a blank line or the end: a missing `>`), a
/// quote left open, or an unquoted `alt` of several words. Its attributes
/// are then read loosely: each `name=` starts one, so a value runs up to
/// the next, whatever its quotes say.
fn mend_img(s: &str) -> Option<(usize, String)> {
    if !starts_with_ignore_case(s, "<img") {
        return None;
    }
    let after = &s[4..];
    if !after.is_empty() && !after.starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>')
    {
        return None;
    }
    // The tag may run onto the next line, not past a blank one.
    let scope = match after.find("\n\n") {
        Some(i) => &after[..i],
        None => after,
    };
    let (inner, len, closed) = match scope.find(['>', '<']) {
        Some(i) if scope[i..].starts_with('>') => (&scope[..i], 4 + i + 1, true),
        Some(i) => (&scope[..i], 4 + i, false),
        None => {
            let end = scope.find('\n').unwrap_or(scope.len());
            (&scope[..end], 4 + end, false)
        }
    };
    let attrs = loose_attrs(inner);
    let odd = |q| inner.matches(q).count() % 2 == 1;
    let split_alt = attrs.iter().any(|a| a.2);
    if closed && !odd('"') && !odd('\'') && !split_alt {
        return None;
    }
    let mut tag = String::from("<img");
    for (k, v, _) in attrs {
        let v = v
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        tag.push_str(&format!(" {k}=\"{v}\""));
    }
    tag.push('>');
    Some((len, tag))
}

/// `name=value` pairs, each starting at a name right before `=` that
/// follows white space or a quote. Quoted values end at their quote (or
/// the next name); an unquoted `alt` or `title` runs on over the words
/// after it (`alt=Two words`, flagged true), other values are one word.
fn loose_attrs(inner: &str) -> Vec<(String, String, bool)> {
    let b = inner.as_bytes();
    let name_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':');
    let mut starts = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'');
        if boundary && b[i].is_ascii_alphabetic() {
            let mut j = i;
            while j < b.len() && name_char(b[j]) {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                starts.push((i, j));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (n, &(at, eq)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(inner.len(), |s| s.0);
        let raw = inner[eq + 1..end].trim();
        let name = inner[at..eq].to_ascii_lowercase();
        let words = matches!(name.as_str(), "alt" | "title");
        let (value, runs_on) = match raw.chars().next() {
            Some(q @ ('"' | '\'')) => (raw[1..].split(q).next().unwrap_or(""), false),
            _ if words => {
                let v = raw.trim_end_matches('/').trim_end();
                (v, v.contains(char::is_whitespace))
            }
            _ => (raw.split_whitespace().next().unwrap_or(""), false),
        };
        out.push((name, value.to_owned(), runs_on));
    }
    out
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closes_an_unclosed_attribute_quote() {
        assert_eq!(
            repair("<img src=\"a.png\" style=\"width:50%>\n\ntext"),
            "<img src=\"a.png\" style=\"width:50%\">\n\ntext"
        );
        assert_eq!(repair("<IMG src='a.png>"), "<img src=\"a.png\">");
        assert_eq!(repair("<video src='a.mp4>"), "<video src='a.mp4'>");
    }

    #[test]
    fn rewrites_broken_img_tags_whole() {
        for (broken, mended) in [
            (
                "<img src=/a/b.png alt=Two words>",
                "<img src=\"/a/b.png\" alt=\"Two words\">",
            ),
            (
                "<img src=\"x.png\" alt=\"y\" <p>t</p>",
                "<img src=\"x.png\" alt=\"y\"><p>t</p>",
            ),
            (
                "<img src=\"x.png alt=\"y\">",
                "<img src=\"x.png\" alt=\"y\">",
            ),
            ("a <img", "a <img>"),
            ("<img src=a.png\n\nnext", "<img src=\"a.png\">\n\nnext"),
        ] {
            assert_eq!(repair(broken), mended, "{broken}");
        }
    }

    #[test]
    fn drops_blank_lines_inside_tables_only() {
        assert_eq!(
            repair("a\n\n<TABLE>\n<tr>\n\n<td>x\n\n</table>\n\nb"),
            "a\n\n<TABLE>\n<tr>\n<td>x\n</table>\n\nb"
        );
        for s in ["<table>\n\n<tr>", "```\n<table>\n\n</table>\n```"] {
            assert!(matches!(repair(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn leaves_good_html_and_text_alone() {
        for s in [
            "<img src=\"a.png\" style=\"w\">",
            "RTO<10s",
            "a < b > c",
            "<div \"x\">",
            "<img src=a.png alt=\"two words\" width=3/>",
            "`<img` is a tag; <imgur>",
        ] {
            assert!(matches!(repair(s), Cow::Borrowed(_)), "{s}");
        }
    }
}
