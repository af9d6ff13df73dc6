//! Raw HTML inside Markdown: tags that style, link, break or hold media
//! are honoured; everything else is dropped and its text kept.

use ratatui::style::Style;
use ratatui::text::Span;

use super::Writer;
use crate::markdown::html::{self, Item};
use crate::markdown::links::LinkKind;

/// Longest id kept as an anchor, and most anchors kept per post.
const MAX_ID: usize = 512;
const MAX_ANCHORS: usize = 10_000;

/// An HTML element left open, so its end tag can undo what its start did.
pub(super) struct OpenTag {
    name: String,
    pub(super) link: Option<usize>,
    styled: bool,
}

impl Writer<'_> {
    /// Inline HTML, or a piece of an HTML block (kept until the block ends,
    /// as a tag may span several pieces).
    pub(super) fn html(&mut self, t: &str) {
        match &mut self.html_block {
            Some(buf) => buf.push_str(t),
            None => {
                for item in html::tokenize(t) {
                    self.html_item(item, false);
                }
            }
        }
    }

    pub(super) fn end_html_block(&mut self) {
        let buf = self.html_block.take().unwrap_or_default();
        let before = self.lines.len();
        for item in html::tokenize(&buf) {
            self.html_item(item, true);
        }
        if self.in_html_table() {
            self.end_html_table();
        }
        self.flush();
        self.need_blank |= self.lines.len() > before;
    }

    fn html_item(&mut self, item: Item, block: bool) {
        match item {
            Item::Text(t) => {
                if self.skip_until.is_some() {
                    return;
                }
                let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if collapsed.is_empty() {
                    if !self.inline.is_empty() && !t.is_empty() {
                        self.soft_break = true;
                    }
                    return;
                }
                // Text after a table in the same HTML block: a blank line
                // between, as between any two blocks.
                if block && self.need_blank && self.inline.is_empty() {
                    self.start_block();
                }
                if t.starts_with(char::is_whitespace) && !self.inline.is_empty() {
                    self.soft_break = true;
                }
                self.text(&collapsed);
                if t.ends_with(char::is_whitespace) {
                    self.soft_break = true;
                }
            }
            Item::Open {
                name,
                attrs,
                self_closing,
            } => {
                if self.skip_until.is_some() {
                    return;
                }
                self.html_open_tag(name, &attrs, self_closing, block);
            }
            Item::Close(name) => {
                if self.skip_until.as_deref() == Some(name.as_str()) {
                    self.skip_until = None;
                    return;
                }
                if self.skip_until.is_some() {
                    return;
                }
                self.html_close_tag(&name, block);
            }
        }
    }

    fn html_open_tag(
        &mut self,
        name: String,
        attrs: &[(String, String)],
        closed: bool,
        block: bool,
    ) {
        if block && self.html_table_open(&name, attrs) {
            return;
        }
        let attr = |k| Item::attr(attrs, k).unwrap_or("");
        let media = |name: &str| match name {
            "video" => Some(LinkKind::Video),
            "audio" => Some(LinkKind::Audio),
            "iframe" | "embed" | "object" => Some(LinkKind::Embed),
            _ => None,
        };
        let style = match name.as_str() {
            "b" | "strong" => Some(self.theme.strong),
            "i" | "em" | "cite" => Some(self.theme.emphasis),
            "code" | "tt" | "kbd" | "samp" => Some(self.theme.code),
            "del" | "s" | "strike" => Some(self.theme.strike),
            "u" | "ins" => Some(self.theme.underline),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => Some(self.theme.strong),
            _ => None,
        };
        match name.as_str() {
            "br" => return self.hard_break(),
            n if block && self.in_html_table() && (is_block_tag(n) || matches!(n, "li" | "hr")) => {
                self.cell_break(true)
            }
            "hr" if block => {
                self.flush();
                self.rule();
                return;
            }
            "img" => return self.placeholder(LinkKind::Image, attr("src"), attr("alt")),
            "source" => {
                let kind = self.media_pending.take().unwrap_or(LinkKind::Video);
                return self.placeholder(kind, attr("src"), "");
            }
            "script" | "style" | "template" if !closed => {
                self.skip_until = Some(name);
                return;
            }
            n if media(n).is_some() => {
                let kind = media(n).unwrap_or(LinkKind::Embed);
                if attr("src").is_empty() && n != "iframe" {
                    self.media_pending = Some(kind);
                } else {
                    self.placeholder(kind, attr("src"), attr("title"));
                }
                return;
            }
            "td" | "th" if self.is_plain() => self.push(" ", Style::new()),
            "td" | "th" if !self.inline.is_empty() => {
                let sep = format!(" {} ", self.theme.symbols.v);
                self.inline.push(Span::styled(sep, self.theme.table_border));
            }
            "li" if block && self.is_plain() => self.flush(),
            "li" if block => {
                self.flush();
                let bullet = format!("{} ", self.theme.symbols.bullets[0]);
                self.inline
                    .push(Span::styled(bullet, self.theme.list_marker));
            }
            n if block && is_block_tag(n) => self.flush(),
            _ => {}
        }
        self.html_anchor(&name, attrs);
        if closed {
            return;
        }
        let link = match name.as_str() {
            "a" if self.is_plain() => None,
            "a" => match Item::attr(attrs, "href") {
                Some(href) => self.links.add(href, LinkKind::Link),
                None => None,
            },
            _ => None,
        };
        let style = style.or(link.map(|n| self.link_style(self.theme.link, Some(n))));
        if let Some(s) = style {
            let next = self
                .html_styles
                .last()
                .copied()
                .unwrap_or_default()
                .patch(s);
            self.html_styles.push(next);
        }
        if style.is_some() || link.is_some() || name == "a" {
            self.html_open.push(OpenTag {
                name,
                link,
                styled: style.is_some(),
            });
        }
    }

    /// `id=` on any element, and `name=` on `<a>`: a target for `#id`
    /// links. Recorded after a block tag has flushed the text before it,
    /// so the line is where this element's text starts.
    fn html_anchor(&mut self, name: &str, attrs: &[(String, String)]) {
        if self.is_plain() {
            return;
        }
        let named = (name == "a").then(|| Item::attr(attrs, "name")).flatten();
        for id in [Item::attr(attrs, "id"), named].into_iter().flatten() {
            let id = crate::text::sanitize_line(id.trim());
            // Bounded, as every list an untrusted post can grow is.
            if !id.is_empty() && id.len() <= MAX_ID && self.anchors.len() < MAX_ANCHORS {
                self.anchors.push((id, self.lines.len()));
            }
        }
    }

    fn html_close_tag(&mut self, name: &str, block: bool) {
        if matches!(name, "video" | "audio") {
            if let Some(kind) = self.media_pending.take() {
                self.placeholder(kind, "", "");
            }
            return;
        }
        if block && self.html_table_close(name) {
            return;
        }
        if let Some(pos) = self.html_open.iter().rposition(|t| t.name == name) {
            self.close_html_tags(pos);
        }
        if block && is_block_tag(name) {
            if self.in_html_table() {
                self.cell_break(true);
            } else {
                self.flush();
            }
        }
    }

    /// Closes the open tags from `pos` on: their styles end and their
    /// links get their numbers.
    pub(super) fn close_html_tags(&mut self, pos: usize) {
        let pos = pos.min(self.html_open.len());
        for tag in self.html_open.drain(pos..).rev().collect::<Vec<_>>() {
            if tag.styled {
                self.html_styles.pop();
            }
            if let Some(n) = tag.link {
                self.push_number(n);
            }
        }
    }
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "ul"
            | "ol"
            | "table"
            | "tr"
            | "thead"
            | "tbody"
            | "dl"
            | "dt"
            | "dd"
            | "pre"
            | "details"
            | "summary"
            | "nav"
            | "main"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}
