//! The header above an article: the title, then a dim line of metadata
//! (date · author · tags · category), then a rule.

use ratatui::text::{Line, Span};

use super::{Theme, wrap_spans};
use crate::text::sanitize_line;

pub fn header(title: &str, meta: &[String], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out: Vec<Line<'static>> =
        wrap_spans(&[Span::styled(sanitize_line(title), theme.title)], width)
            .into_iter()
            .map(Line::from)
            .collect();
    let mut spans = Vec::new();
    for part in meta.iter().filter(|p| !p.is_empty()) {
        if !spans.is_empty() {
            spans.push(Span::styled(theme.symbols.separator, theme.meta));
        }
        spans.push(Span::styled(sanitize_line(part), theme.meta));
    }
    if !spans.is_empty() {
        out.extend(wrap_spans(&spans, width).into_iter().map(Line::from));
    }
    out.push(Line::from(Span::styled(
        theme.symbols.rule.repeat(width),
        theme.rule,
    )));
    out
}
