//! Block layout shared by every construct: container prefixes, blank lines
//! between blocks, wrapping of the collected inline content, and the last
//! guard of the width promise.

use std::borrow::Cow;

use ratatui::text::{Line, Span};

use super::Writer;
use crate::markdown::wrap::wrap_spans;
use crate::text::width;

/// A block container's line prefix: `first` on its first line, then `rest`.
pub(super) struct Container {
    first: Vec<Span<'static>>,
    rest: Vec<Span<'static>>,
    width: usize,
    used: bool,
}

impl Writer<'_> {
    pub(super) fn push_container(&mut self, first: Vec<Span<'static>>, rest: Vec<Span<'static>>) {
        let w = rest.iter().map(|s| width(&s.content)).sum();
        self.indent += w;
        self.containers.push(Container {
            first,
            rest,
            width: w,
            used: false,
        });
    }

    pub(super) fn pop_container(&mut self) {
        if let Some(c) = self.containers.pop() {
            self.indent -= c.width;
        }
    }

    /// Prefixes are dropped when nesting would leave less than half the
    /// width for text (deeply nested posts stay readable, and cheap).
    fn prefixed(&self) -> bool {
        self.indent * 2 <= self.width
    }

    pub(super) fn content_width(&self) -> usize {
        if self.prefixed() {
            self.width - self.indent
        } else {
            self.width
        }
    }

    pub(super) fn start_block(&mut self) {
        self.flush();
        self.plain_kind(crate::markdown::Block::Other);
        if std::mem::take(&mut self.need_blank) && !self.lines.is_empty() {
            let mut spans: Vec<Span<'static>> = Vec::new();
            if self.prefixed() {
                for c in &self.containers {
                    spans.extend(c.rest.iter().cloned());
                }
            }
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            if text.trim().is_empty() {
                spans.clear();
            } else if let Some(last) = spans.last_mut() {
                last.content = Cow::Owned(last.content.trim_end().to_owned());
            }
            self.lines.push(Line::from(spans));
        }
    }

    /// Wraps and writes the collected inline content.
    pub(super) fn flush(&mut self) {
        self.soft_break = false;
        if self.inline.is_empty() {
            return;
        }
        if self.is_plain() {
            return self.plain_flush();
        }
        let inline = std::mem::take(&mut self.inline);
        let inline = trim_cell(inline);
        if inline.is_empty() {
            return;
        }
        for line in wrap_spans(&inline, self.content_width()) {
            self.emit(line);
        }
    }

    pub(super) fn emit(&mut self, content: Vec<Span<'static>>) {
        let mut spans = Vec::new();
        if self.prefixed() {
            for c in &mut self.containers {
                spans.extend(
                    if c.used {
                        c.rest.iter()
                    } else {
                        c.first.iter()
                    }
                    .cloned(),
                );
                c.used = true;
            }
        }
        spans.extend(content);
        self.lines.push(Line::from(spans));
    }

    /// A thematic break (or `<hr>`) across the width left.
    pub(super) fn rule(&mut self) {
        if self.is_plain() {
            return;
        }
        let rule = self.theme.symbols.rule.repeat(self.content_width());
        self.emit(vec![Span::styled(rule, self.theme.rule)]);
    }
}

/// Trims white space at both ends of a run of spans.
pub(super) fn trim_cell(mut spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    while let Some(first) = spans.first_mut() {
        let t = first.content.trim_start_matches(' ');
        if t.is_empty() {
            spans.remove(0);
        } else {
            first.content = Cow::Owned(t.to_owned());
            break;
        }
    }
    while let Some(last) = spans.last_mut() {
        let t = last.content.trim_end_matches([' ', '\n']);
        if t.is_empty() {
            spans.pop();
        } else {
            last.content = Cow::Owned(t.to_owned());
            break;
        }
    }
    spans
}

/// The longest prefix of `s` at most `cols` wide (at least one character).
pub(super) fn split_at_width(s: &str, cols: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = crate::text::char_width(c);
        if used + w > cols && i > 0 {
            return (&s[..i], &s[i..]);
        }
        used += w;
    }
    (s, "")
}

/// The last guard of the width promise: cut anything still too wide.
pub(super) fn clamp(line: Line<'static>, max: usize) -> Line<'static> {
    // Display width never exceeds UTF-8 length, so most lines need no count.
    let bytes: usize = line.spans.iter().map(|s| s.content.len()).sum();
    if bytes <= max || line.spans.iter().map(|s| width(&s.content)).sum::<usize>() <= max {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        if used >= max {
            break;
        }
        let (head, _) = split_at_width(&span.content, max - used);
        let head = if width(head) > max - used { "" } else { head };
        used += width(head);
        spans.push(Span::styled(head.to_owned(), span.style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_clamp_respect_wide_characters() {
        assert_eq!(split_at_width("中文ab", 3), ("中", "文ab"));
        let line = clamp(Line::from("中文中文"), 5);
        assert_eq!(line.width(), 4);
        assert_eq!(clamp(Line::from("中"), 1).width(), 0);
    }
}
