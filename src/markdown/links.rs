//! The numbered links of an article: every link, image and media source
//! gets a number; the same URL twice shares one.

use std::collections::HashMap;

use linkify::{LinkFinder, LinkKind as FoundKind};
use url::Url;

use ratatui::style::{Color, Style};
use ratatui::text::Line;

use crate::text::{safe_url, sanitize_line, width};

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
    /// The URL to show, open or copy: resolved against the base URL when
    /// one was given and the link is relative; in its [`safe_url`] form.
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
        let url = safe_url(&self.resolve(&raw));
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

/// Columns `start..end` of line `line` show link number `link` (its text,
/// its `[n]`, or its URL in the links list): the cells to make an OSC 8
/// hyperlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSpan {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub link: usize,
}

/// Marks a style as belonging to link number `n` while the writer lays out
/// lines, so the mark follows the text through wrapping, tables and
/// prefixes; [`take_marks`] turns the marks into [`LinkSpan`]s before the
/// article leaves the renderer, so no style carries one outside it.
pub(crate) fn tag(style: Style, n: usize) -> Style {
    let n = n.min(0xFF_FFFF) as u32;
    Style {
        underline_color: Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)),
        ..style
    }
}

/// The link number a style was tagged with.
fn tag_of(style: Style) -> Option<usize> {
    match style.underline_color {
        Some(Color::Rgb(a, b, c)) => Some(((a as usize) << 16) | ((b as usize) << 8) | c as usize),
        _ => None,
    }
}

/// Takes the marks out of `lines`' styles, as the columns each link
/// covers, in line order; adjacent spans of one link make one.
pub(crate) fn take_marks(lines: &mut [Line<'static>]) -> Vec<LinkSpan> {
    let mut out: Vec<LinkSpan> = Vec::new();
    for (i, line) in lines.iter_mut().enumerate() {
        let mut col = 0;
        for span in &mut line.spans {
            let w = width(&span.content);
            if let Some(link) = tag_of(span.style) {
                span.style.underline_color = None;
                match out.last_mut() {
                    Some(last) if last.line == i && last.end == col && last.link == link => {
                        last.end += w;
                    }
                    _ if w > 0 => out.push(LinkSpan {
                        line: i,
                        start: col,
                        end: col + w,
                        link,
                    }),
                    _ => {}
                }
            }
            col += w;
        }
    }
    out
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
    fn marks_become_column_spans() {
        use ratatui::text::Span;
        let mut lines = vec![
            Line::from(vec![
                Span::raw("见 "),
                Span::styled("链接", tag(Style::new(), 2)),
                Span::styled("[2]", tag(Style::new(), 2)),
                Span::styled("x", tag(Style::new(), 1)),
            ]),
            Line::from(vec![Span::styled("ab", tag(Style::new(), 1))]),
        ];
        let spans = take_marks(&mut lines);
        let at = |line, start, end, link| LinkSpan {
            line,
            start,
            end,
            link,
        };
        assert_eq!(spans, [at(0, 3, 10, 2), at(0, 10, 11, 1), at(1, 0, 2, 1)]);
        assert!(
            lines
                .iter()
                .flat_map(|l| &l.spans)
                .all(|s| s.style == Style::new())
        );
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
