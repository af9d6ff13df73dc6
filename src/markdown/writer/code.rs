//! Code spans and code blocks.

use ratatui::style::Style;
use ratatui::text::Span;

use super::Writer;
use super::blocks::split_at_width;
use crate::markdown::Block;
use crate::markdown::highlight::{self, Outcome, Token};
use crate::text::{sanitize_block, width};

impl Writer<'_> {
    pub(super) fn inline_code(&mut self, t: &str) {
        let style = self.style().patch(self.theme.code);
        self.push(t, style);
    }

    /// Code is never reflowed: a line too wide continues on the next line
    /// after a mark, indented like the line it continues. Highlighting
    /// works on the sanitized line (tabs expanded, controls shown), so it
    /// changes styles only, never the text or where lines break.
    pub(super) fn write_code(&mut self, code: &str) {
        if self.is_plain() {
            let code = sanitize_block(code.trim_end_matches(['\n', '\r']));
            self.plain_count(&code);
            return self.plain_block(Block::Other, &code);
        }
        let base = self.theme.code_block;
        let pad = "  ";
        let avail = self.content_width().saturating_sub(pad.len()).max(4);
        let mark = format!("{} ", self.theme.symbols.continuation);
        let lines: Vec<String> = code
            .trim_end_matches(['\n', '\r'])
            .split('\n')
            .map(|raw| sanitize_block(raw.trim_end_matches('\r')))
            .collect();
        let info = std::mem::take(&mut self.code_info);
        let runs = match highlight::highlight(&info, &lines, self.theme, &mut self.highlight_budget)
        {
            Outcome::Done(h) => h.lines,
            Outcome::NotYet => {
                self.plain_code = true;
                Vec::new()
            }
            Outcome::Plain => Vec::new(),
        };
        let plain = [(usize::MAX, Token::Plain)];
        for (n, line) in lines.iter().enumerate() {
            let line_runs = runs.get(n).map_or(&plain[..], |r| &r[..]);
            let mut at = 0;
            let lead = (line.len() - line.trim_start().len()).min(avail / 2);
            let mut first = true;
            loop {
                let room = if first {
                    avail
                } else {
                    avail - lead - width(&mark)
                };
                let (head, _) = split_at_width(&line[at..], room.max(1));
                let mut spans = vec![Span::raw(pad)];
                if !first {
                    spans.push(Span::raw(" ".repeat(lead)));
                    spans.push(Span::styled(mark.clone(), self.theme.code_mark));
                }
                let end = at + head.len();
                self.styled_runs(&mut spans, line, at, end, line_runs, base);
                self.emit(spans);
                first = false;
                at = end;
                if at >= line.len() {
                    break;
                }
            }
        }
    }

    /// `line[start..end]` as spans, one per token run it overlaps.
    fn styled_runs(
        &self,
        spans: &mut Vec<Span<'static>>,
        line: &str,
        start: usize,
        end: usize,
        runs: &[(usize, Token)],
        base: Style,
    ) {
        let mut at = start;
        let first = spans.len();
        for &(run_end, token) in runs {
            if at >= end {
                break;
            }
            let stop = run_end.min(end);
            // A run ending inside a character would be a grammar's bug;
            // the rest of the piece takes the base style.
            if stop <= at || !line.is_char_boundary(stop) {
                continue;
            }
            let style = base.patch(self.theme.token(token));
            let piece = &line[at..stop];
            // Runs the theme styles alike (operators in the default theme)
            // join: fewer spans, fewer escape sequences.
            let joins = spans.len() > first;
            match spans.last_mut() {
                Some(last) if joins && last.style == style => last.content.to_mut().push_str(piece),
                _ => spans.push(Span::styled(piece.to_owned(), style)),
            }
            at = stop;
        }
        if at < end || start == end {
            spans.push(Span::styled(line[at..end].to_owned(), base));
        }
    }
}
