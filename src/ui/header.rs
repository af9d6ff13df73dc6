//! The header above an article: title, then date, author, tags, category.

use ratatui::text::{Line, Span};

use crate::content::Post;
use crate::markdown::{Theme, wrap_spans};
use crate::text::sanitize_line;

pub fn header_lines(post: &Post, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = wrap_spans(
        &[Span::styled(sanitize_line(&post.title), theme.headings[0])],
        width,
    )
    .into_iter()
    .map(Line::from)
    .collect();
    let mut meta = Vec::new();
    let date = post.date.map(|d| d.day_string());
    let author = post.author();
    let tags = (!post.tags.is_empty()).then(|| format!("#{}", post.tags.join(" #")));
    let category = post.categories.join(", ");
    for part in [date, Some(author), tags, Some(category)]
        .into_iter()
        .flatten()
    {
        if part.is_empty() {
            continue;
        }
        if !meta.is_empty() {
            meta.push(Span::styled(" · ", theme.dim));
        }
        meta.push(Span::styled(sanitize_line(&part), theme.dim));
    }
    if !meta.is_empty() {
        out.extend(wrap_spans(&meta, width).into_iter().map(Line::from));
    }
    let rule = theme.symbols.rule.repeat(width);
    out.push(Line::from(Span::styled(rule, theme.rule)));
    out
}
