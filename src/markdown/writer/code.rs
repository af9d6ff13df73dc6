//! Code spans and code blocks.

use ratatui::text::Span;

use super::Writer;
use super::blocks::split_at_width;
use crate::markdown::Block;
use crate::text::{sanitize_block, width};

impl Writer<'_> {
    pub(super) fn inline_code(&mut self, t: &str) {
        let style = self.style().patch(self.theme.code);
        self.push(t, style);
    }

    /// Code is never reflowed: a line too wide continues on the next line
    /// after a mark, indented like the line it continues.
    pub(super) fn write_code(&mut self, code: &str) {
        if self.is_plain() {
            let code = sanitize_block(code.trim_end_matches(['\n', '\r']));
            self.plain_count(&code);
            return self.plain_block(Block::Other, &code);
        }
        let style = self.theme.code_block;
        let pad = "  ";
        let avail = self.content_width().saturating_sub(pad.len()).max(4);
        let mark = format!("{} ", self.theme.symbols.continuation);
        for raw in code.trim_end_matches(['\n', '\r']).split('\n') {
            let line = sanitize_block(raw.trim_end_matches('\r'));
            let mut rest = line.as_str();
            let lead = (line.len() - line.trim_start().len()).min(avail / 2);
            let mut first = true;
            loop {
                let room = if first {
                    avail
                } else {
                    avail - lead - width(&mark)
                };
                let (head, tail) = split_at_width(rest, room.max(1));
                let mut spans = vec![Span::raw(pad)];
                if !first {
                    spans.push(Span::raw(" ".repeat(lead)));
                    spans.push(Span::styled(mark.clone(), self.theme.code_mark));
                }
                spans.push(Span::styled(head.to_owned(), style));
                self.emit(spans);
                first = false;
                rest = tail;
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
}
