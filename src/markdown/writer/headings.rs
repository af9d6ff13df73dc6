//! Headings (with their level marker), the outline they make, and the
//! `[TOC]` paragraph that asks for it.

use ratatui::text::{Line, Span};

use super::Writer;
use crate::markdown::wrap::wrap_spans;
use crate::markdown::{Block, Heading};

impl Writer<'_> {
    pub(super) fn start_heading(&mut self, level: u8) {
        self.start_block();
        self.heading = Some(level);
        self.md_styles.push(self.theme.headings[level as usize - 1]);
        if self.is_plain() {
            return self.plain_kind(Block::Heading(level));
        }
        let marker = format!("{} ", "#".repeat(level as usize));
        self.inline
            .push(Span::styled(marker, self.theme.heading_marker));
    }

    pub(super) fn end_heading(&mut self) {
        self.md_styles.pop();
        let level = self.heading.take().unwrap_or(1);
        // One line for the outline: a <br> in a heading is a space.
        let marker = usize::from(!self.is_plain());
        let text: String = self.inline[marker.min(self.inline.len())..]
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let id = self.heading_id.take();
        self.headings.push(Heading {
            level,
            text,
            id,
            line: self.lines.len(),
        });
        self.flush();
        self.need_blank = true;
    }

    pub(super) fn is_toc(&self) -> bool {
        let text: String = self.inline.iter().map(|s| s.content.as_ref()).collect();
        text.trim().eq_ignore_ascii_case("[toc]")
    }

    /// Puts the outline where `[TOC]` stood, moving the headings after it.
    pub(super) fn insert_outline(&mut self) {
        let Some(at) = self.toc_at.filter(|_| !self.is_plain()) else {
            return;
        };
        let outline = self.outline();
        let n = outline.len();
        self.lines.splice(at..at, outline);
        for h in &mut self.headings {
            if h.line >= at {
                h.line += n;
            }
        }
        for (_, line) in &mut self.anchors {
            if *line >= at {
                *line += n;
            }
        }
    }

    /// `[TOC]`: the headings, indented by level, then a blank line.
    fn outline(&self) -> Vec<Line<'static>> {
        let top = self.headings.iter().map(|h| h.level).min().unwrap_or(1);
        let mut out = vec![Line::from(Span::styled(
            self.words.contents.to_owned(),
            self.theme.strong,
        ))];
        for h in &self.headings {
            let indent = "  ".repeat((h.level - top) as usize + 1);
            let text = format!("{indent}{}", h.text);
            for line in wrap_spans(&[Span::styled(text, self.theme.link)], self.width) {
                out.push(Line::from(line));
            }
        }
        out.push(Line::default());
        out
    }
}
