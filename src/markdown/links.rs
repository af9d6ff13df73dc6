//! The numbered links of an article: every link, image and media source
//! gets a number; the same URL twice shares one.

use std::collections::HashMap;

use linkify::{LinkFinder, LinkKind as FoundKind};
use url::Url;

use ratatui::style::{Color, Style};

use crate::text::sanitize_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
    Video,
    Audio,
    Embed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub number: usize,
    /// The URL to open or copy: resolved against the base URL when one was
    /// given and the link is relative; made safe to print.
    pub url: String,
    /// The link as written in the post (made safe to print).
    pub raw: String,
    pub kind: LinkKind,
}

#[derive(Debug, Default)]
pub struct Links {
    pub list: Vec<Link>,
    by_url: HashMap<String, usize>,
    base: Option<Url>,
}

impl Links {
    pub fn new(base: Option<&str>) -> Links {
        Links {
            base: base.and_then(|b| Url::parse(b).ok()),
            ..Links::default()
        }
    }

    /// The number for `raw`, adding it if new; `None` for an empty URL.
    pub fn add(&mut self, raw: &str, kind: LinkKind) -> Option<usize> {
        let raw = sanitize_line(raw.trim());
        if raw.is_empty() {
            return None;
        }
        let url = self.resolve(&raw);
        if let Some(&n) = self.by_url.get(&url) {
            return Some(n);
        }
        let number = self.list.len() + 1;
        self.by_url.insert(url.clone(), number);
        self.list.push(Link {
            number,
            url,
            raw,
            kind,
        });
        Some(number)
    }

    fn resolve(&self, raw: &str) -> String {
        if Url::parse(raw).is_ok() || raw.starts_with('#') {
            return raw.to_owned();
        }
        match &self.base {
            Some(base) => base
                .join(raw)
                .map(String::from)
                .unwrap_or_else(|_| raw.to_owned()),
            None => raw.to_owned(),
        }
    }
}

/// A 24-bit id for a URL (FNV-1a, folded; never 0). Cells carry it rather
/// than the link's number: two posts both have a link [1], but equal ids
/// mean equal URLs, so a terminal never keeps a stale hyperlink on a cell
/// that did not change.
pub fn link_id(url: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in url.bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    let id = ((h >> 24) ^ (h & 0xFF_FFFF)) as usize;
    id.max(1)
}

/// Marks a style as belonging to the link with id `n` (see [`link_id`]), so
/// the mark survives wrapping, tables and prefixes and the terminal backend
/// can make the cells an OSC 8 hyperlink. It rides in `underline_color`,
/// which tidings never draws (the backends and `--print` ignore it).
pub fn tag(style: Style, n: usize) -> Style {
    let n = n.min(0xFF_FFFF) as u32;
    Style {
        underline_color: Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)),
        ..style
    }
}

/// The link id a style was tagged with.
pub fn tag_of(style: Style) -> Option<usize> {
    match style.underline_color {
        Some(Color::Rgb(a, b, c)) => Some(((a as usize) << 16) | ((b as usize) << 8) | c as usize),
        _ => None,
    }
}

/// A piece of running text: plain, or a bare URL/e-mail address to link.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Url(&'a str),
    Email(&'a str),
}

/// Splits text at bare URLs and e-mail addresses (found by linkify). A URL
/// ends before CJK punctuation: `见https://x.org/a。更多` links `/a`.
pub fn find_bare(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    if !text.contains(['.', ':', '@']) {
        out.push(Piece::Text(text));
        return out;
    }
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(true);
    let mut pos = 0;
    for link in finder.links(text) {
        let (start, mut end) = (link.start(), link.end());
        if let Some(cut) = text[start..end].find(is_cjk_punct) {
            end = start + cut;
        }
        if end <= start || start < pos {
            continue;
        }
        if start > pos {
            out.push(Piece::Text(&text[pos..start]));
        }
        let s = &text[start..end];
        out.push(match link.kind() {
            FoundKind::Email => Piece::Email(s),
            _ => Piece::Url(s),
        });
        pos = end;
    }
    if pos < text.len() {
        out.push(Piece::Text(&text[pos..]));
    }
    out
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_url_shares_a_number() {
        let mut l = Links::new(None);
        assert_eq!(l.add("https://a.org", LinkKind::Link), Some(1));
        assert_eq!(l.add("/b.png", LinkKind::Image), Some(2));
        assert_eq!(l.add("https://a.org", LinkKind::Link), Some(1));
        assert_eq!(l.add("", LinkKind::Image), None);
        assert_eq!(l.list.len(), 2);
    }

    #[test]
    fn relative_urls_resolve_against_the_base() {
        let mut l = Links::new(Some("https://opengauss.org/zh/news/2022-10-08/"));
        l.add("/zh/news/2022-10-08/pic1.png", LinkKind::Image);
        l.add("./海报.png", LinkKind::Image);
        l.add("https://other.org/x", LinkKind::Link);
        l.add("#top", LinkKind::Link);
        let urls: Vec<&str> = l.list.iter().map(|x| x.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://opengauss.org/zh/news/2022-10-08/pic1.png",
                "https://opengauss.org/zh/news/2022-10-08/%E6%B5%B7%E6%8A%A5.png",
                "https://other.org/x",
                "#top",
            ]
        );
        assert_eq!(l.list[1].raw, "./海报.png");
    }

    #[test]
    fn relative_urls_are_kept_without_a_base() {
        let mut l = Links::new(None);
        l.add("/zh/a.png", LinkKind::Image);
        assert_eq!(l.list[0].url, "/zh/a.png");
    }

    #[test]
    fn tags_round_trip() {
        for n in [1, 255, 256, 70_000] {
            assert_eq!(tag_of(tag(Style::new(), n)), Some(n));
        }
        assert_eq!(tag_of(Style::new()), None);
    }

    #[test]
    fn bare_urls_in_chinese_text() {
        assert_eq!(
            find_bare("活动详情：https://www.modb.pro/db/483220"),
            [
                Piece::Text("活动详情："),
                Piece::Url("https://www.modb.pro/db/483220")
            ]
        );
        assert_eq!(
            find_bare("见https://x.org/a。更多"),
            [
                Piece::Text("见"),
                Piece::Url("https://x.org/a"),
                Piece::Text("。更多")
            ]
        );
        assert_eq!(
            find_bare("mail help@kestrel.example.org now"),
            [
                Piece::Text("mail "),
                Piece::Email("help@kestrel.example.org"),
                Piece::Text(" now")
            ]
        );
        assert_eq!(find_bare("no links here"), [Piece::Text("no links here")]);
    }
}
