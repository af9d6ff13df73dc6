//! Links, images and media: numbered link texts, `[图片: x.png]`
//! placeholders, and the list of every URL at the end of the article.

use pulldown_cmark::{CowStr, LinkType};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Writer;
use crate::markdown::cjk_emphasis;
use crate::markdown::links::{self, LinkKind};
use crate::markdown::wrap::wrap_spans;
use crate::text::width;

impl Writer<'_> {
    pub(super) fn start_link(&mut self, link_type: LinkType, dest_url: &CowStr<'_>) {
        if self.is_plain() {
            // Only the link text shows; resolving URLs would be wasted.
            self.md_links.push(None);
            return self.push_style(self.theme.link);
        }
        let url = cjk_emphasis::strip(dest_url).into_owned();
        let url = if link_type == LinkType::Email {
            format!("mailto:{url}")
        } else {
            url
        };
        let n = self.links.add(&url, LinkKind::Link);
        self.md_links.push(n);
        let style = self.link_style(self.theme.link, n);
        self.push_style(style);
    }

    pub(super) fn end_link(&mut self) {
        self.md_styles.pop();
        if let Some(Some(n)) = self.md_links.pop() {
            self.push_number(n);
        }
    }

    pub(super) fn push_number(&mut self, n: usize) {
        if self.is_plain() {
            return;
        }
        let style = self.link_style(self.theme.link_number, Some(n));
        self.inline.push(Span::styled(format!("[{n}]"), style));
    }

    /// `style` tagged with link `n`, for OSC 8 hyperlinks.
    pub(super) fn link_style(&self, style: Style, n: Option<usize>) -> Style {
        match n {
            Some(n) => links::tag(style, n),
            None => style,
        }
    }

    /// `[图片: qrcode.png][3]`: the alt text, else the file name, plus the
    /// link number when there is a URL.
    pub(super) fn placeholder(&mut self, kind: LinkKind, url: &str, alt: &str) {
        if self.is_plain() {
            return self.plain_placeholder(kind, url, alt);
        }
        let word = match kind {
            LinkKind::Image => self.words.image,
            LinkKind::Video => self.words.video,
            LinkKind::Audio => self.words.audio,
            _ => self.words.embed,
        };
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = if alt.is_empty() {
            file_name(url)
        } else {
            alt.as_str()
        };
        let label = if name.is_empty() || name == word {
            format!("[{word}]")
        } else {
            format!("[{word}: {name}]")
        };
        let n = self.links.add(url, kind);
        let style = self.link_style(self.style().patch(self.theme.image), n);
        self.push(&label, style);
        if let Some(n) = n {
            self.push_number(n);
        }
    }

    /// Plain mode: an image's alt text, else its file name; media, which
    /// show only a word in the article, leave nothing.
    fn plain_placeholder(&mut self, kind: LinkKind, url: &str, alt: &str) {
        if kind != LinkKind::Image || !self.plain_images() {
            return;
        }
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = if alt.is_empty() { file_name(url) } else { &alt };
        self.push(name, Style::new());
    }

    /// Every URL in full, once, numbered: wrapped URLs stay usable here.
    pub(super) fn write_link_list(&mut self) {
        if self.links.list.is_empty() {
            return;
        }
        if !self.lines.is_empty() {
            self.lines.push(Line::default());
        }
        let rule = self.theme.symbols.rule.repeat(self.width.min(40));
        self.lines
            .push(Line::from(Span::styled(rule, self.theme.rule)));
        self.lines.push(Line::from(Span::styled(
            self.words.links.to_owned(),
            self.theme.strong,
        )));
        for link in &self.links.list {
            let label = format!("[{}] ", link.number);
            let lw = width(&label);
            let room = self.width.saturating_sub(lw).max(8);
            let style = links::tag(self.theme.link, link.number);
            let url = vec![Span::styled(link.url.clone(), style)];
            for (i, part) in wrap_spans(&url, room).into_iter().enumerate() {
                let head = if i == 0 {
                    Span::styled(label.clone(), self.theme.link_number)
                } else {
                    Span::raw(" ".repeat(lw))
                };
                let mut spans = vec![head];
                spans.extend(part);
                self.lines.push(Line::from(spans));
            }
        }
    }
}

/// The last path segment of a URL, for images without alt text.
pub(super) fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_urls() {
        assert_eq!(file_name("/zh/news/2022-10-08/qrcode.png"), "qrcode.png");
        assert_eq!(file_name("https://x.org/a/b.jpg?w=1#f"), "b.jpg");
        assert_eq!(file_name(""), "");
    }
}
