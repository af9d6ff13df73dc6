//! `#anchor` links to headings: GitHub-style slugs (what VuePress, Hugo
//! and most sites generate), and an explicit `{#id}` written after a
//! heading. Chinese headings keep their characters. Then to the `id=` and
//! `<a name>` targets written in a post's HTML.

use crate::markdown::{Article, Heading};

/// The line `anchor` names in `article`: a heading first, then an HTML
/// target (its exact id first, as HTML ids are case-sensitive).
pub fn find_in(article: &Article, anchor: &str) -> Option<usize> {
    if let Some(line) = find(&article.headings, anchor) {
        return Some(line);
    }
    let want = decode(anchor.trim_start_matches('#'));
    let exact = article.anchors.iter().find(|(id, _)| *id == want);
    let lower = want.to_lowercase();
    exact
        .or_else(|| {
            let same = |(id, _): &&(String, usize)| id.to_lowercase() == lower;
            article.anchors.iter().find(same)
        })
        .filter(|_| !want.is_empty())
        .map(|(_, line)| *line)
}

/// The line of the heading `anchor` names, if any.
pub fn find(headings: &[Heading], anchor: &str) -> Option<usize> {
    let want = decode(anchor.trim_start_matches('#')).to_lowercase();
    if want.is_empty() {
        return None;
    }
    let mut seen: Vec<String> = Vec::new();
    for h in headings {
        let (text, written) = explicit_id(&h.text);
        let id = h.id.as_deref().or(written);
        if id.is_some_and(|id| id.to_lowercase() == want) {
            return Some(h.line);
        }
        // Repeated headings get -1, -2, ... as GitHub numbers them.
        let base = slug(text);
        let n = seen.iter().filter(|s| **s == base).count();
        let numbered = if n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        seen.push(base);
        if numbered == want {
            return Some(h.line);
        }
    }
    None
}

/// GitHub's rule: lower case, letters, digits, `-` and `_` kept, spaces
/// become `-`, everything else (punctuation, full-width too) dropped.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// A heading's text without a trailing `{#id}`, and that id.
fn explicit_id(text: &str) -> (&str, Option<&str>) {
    let t = text.trim_end();
    if let Some(open) = t.rfind("{#")
        && t.ends_with('}')
    {
        let id = &t[open + 2..t.len() - 1];
        if !id.is_empty() && !id.contains(char::is_whitespace) {
            return (t[..open].trim_end(), Some(id));
        }
    }
    (t, None)
}

/// `%E7%A4%BE` and the like back to text (links to Chinese headings are
/// often written percent-encoded).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(text: &str, line: usize) -> Heading {
        Heading {
            level: 2,
            id: None,
            text: text.into(),
            line,
        }
    }

    #[test]
    fn slugs_as_github_makes_them() {
        assert_eq!(slug("Getting Started!"), "getting-started");
        assert_eq!(
            slug("3.1.0 发布：七个方面全面增强"),
            "310-发布七个方面全面增强"
        );
        assert_eq!(slug("社区治理"), "社区治理");
        assert_eq!(slug("A_b - c"), "a_b---c");
    }

    #[test]
    fn anchors_find_headings_by_slug_number_id_and_encoding() {
        let hs = [
            h("Intro", 3),
            h("社区治理", 10),
            h("Intro", 20),
            h("Custom one {#custom}", 30),
        ];
        assert_eq!(find(&hs, "#intro"), Some(3));
        assert_eq!(find(&hs, "intro-1"), Some(20));
        assert_eq!(find(&hs, "#社区治理"), Some(10));
        assert_eq!(find(&hs, "#%E7%A4%BE%E5%8C%BA%E6%B2%BB%E7%90%86"), Some(10));
        assert_eq!(find(&hs, "#custom"), Some(30));
        assert_eq!(find(&hs, "#CUSTOM"), Some(30));
        assert_eq!(find(&hs, "#nowhere"), None);
        assert_eq!(find(&hs, "#"), None);
    }

    #[test]
    fn html_targets_come_after_headings() {
        let article = Article {
            headings: vec![h("Top", 2)],
            anchors: vec![
                ("Case".into(), 7),
                ("case".into(), 9),
                ("名字".into(), 12),
                ("top".into(), 40),
            ],
            ..Article::default()
        };
        assert_eq!(find_in(&article, "#case"), Some(9));
        assert_eq!(find_in(&article, "#Case"), Some(7));
        assert_eq!(find_in(&article, "#CASE"), Some(7));
        assert_eq!(find_in(&article, "#%E5%90%8D%E5%AD%97"), Some(12));
        assert_eq!(find_in(&article, "#top"), Some(2), "the heading wins");
        assert_eq!(find_in(&article, "#"), None);
        assert_eq!(find_in(&article, "#gone"), None);
    }
}
