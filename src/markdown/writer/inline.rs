//! Running text: the style stack of emphasis, bare URLs turned into links,
//! and line breaks.

use ratatui::style::Style;
use ratatui::text::Span;

use super::Writer;
use crate::markdown::cjk_emphasis::is_cjk;
use crate::markdown::links::{LinkKind, Piece, find_bare};
use crate::text::sanitize_line;

impl Writer<'_> {
    pub(super) fn style(&self) -> Style {
        let md = self.md_styles.last().copied().unwrap_or_default();
        md.patch(self.html_styles.last().copied().unwrap_or_default())
    }

    pub(super) fn push_style(&mut self, style: Style) {
        let next = self
            .md_styles
            .last()
            .copied()
            .unwrap_or_default()
            .patch(style);
        self.md_styles.push(next);
    }

    /// Text from the post: collected as alt text or code where inside those,
    /// else pushed with bare URLs turned into numbered links.
    pub(super) fn text(&mut self, t: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(t);
            return;
        }
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(t);
            return;
        }
        if self.skip_until.is_some() {
            return;
        }
        if self.is_plain() {
            // Bare URLs are text as the reader sees them; no link list.
            return self.push(t, Style::new());
        }
        let in_link = self.md_links.iter().any(Option::is_some)
            || self.html_open.iter().any(|t| t.link.is_some());
        if in_link {
            self.push(t, self.style());
            return;
        }
        for piece in find_bare(t) {
            match piece {
                Piece::Text(s) => self.push(s, self.style()),
                Piece::Url(u) | Piece::Email(u) => {
                    let url = match piece {
                        Piece::Email(_) => format!("mailto:{u}"),
                        _ => u.to_owned(),
                    };
                    let n = self.links.add(&url, LinkKind::Link);
                    let style = self.link_style(self.style().patch(self.theme.link), n);
                    self.push(u, style);
                    if let Some(n) = n {
                        self.push_number(n);
                    }
                }
            }
        }
    }

    /// Pushes one styled run of untrusted text, made safe.
    pub(super) fn push(&mut self, t: &str, style: Style) {
        let t = sanitize_line(t);
        if t.is_empty() {
            return;
        }
        self.resolve_soft_break(t.chars().next());
        self.plain_count(&t);
        self.inline.push(Span::styled(t, style));
    }

    pub(super) fn soft_break(&mut self) {
        if self.code.is_some() {
            self.text("\n");
        } else {
            self.soft_break = true;
        }
    }

    /// A soft line break joins two CJK characters directly; anything else
    /// gets a space, as in Latin text.
    pub(super) fn resolve_soft_break(&mut self, next: Option<char>) {
        if !std::mem::take(&mut self.soft_break) {
            return;
        }
        let prev = self
            .inline
            .iter()
            .rev()
            .find_map(|s| s.content.chars().next_back());
        let joins = prev.is_some_and(is_cjk) && next.is_some_and(is_cjk);
        if prev.is_some() && !joins {
            self.inline.push(Span::raw(" "));
        }
    }

    pub(super) fn hard_break(&mut self) {
        self.soft_break = false;
        self.inline.push(Span::raw("\n"));
    }
}
