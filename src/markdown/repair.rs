//! Mends the broken HTML real posts contain before the Markdown parser sees
//! it. CommonMark only treats a complete tag as HTML, so
//! `<img src="a.png" style="width:50%>` (an unclosed quote, seen in real
//! posts) would otherwise show as raw tag text. The unclosed quote is closed
//! before the tag's final `>`.

use std::borrow::Cow;

/// Tags worth mending: the ones that carry a URL.
const TAGS: &[&str] = &["<img", "<video", "<audio", "<iframe", "<source", "<a "];

pub fn repair(src: &str) -> Cow<'_, str> {
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
        assert_eq!(repair("<IMG src='a.png>"), "<IMG src='a.png'>");
    }

    #[test]
    fn leaves_good_html_and_text_alone() {
        for s in [
            "<img src=\"a.png\" style=\"w\">",
            "RTO<10s",
            "a < b > c",
            "<div \"x\">",
        ] {
            assert!(matches!(repair(s), Cow::Borrowed(_)), "{s}");
        }
    }
}
