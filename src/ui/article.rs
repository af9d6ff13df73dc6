//! The article pane: only the visible lines of the rendered article.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::pane;
use crate::app::{App, Focus, layout};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let narrow = app.layout().list.is_none();
    let title = if narrow {
        " Article · h/Esc: back "
    } else {
        " Article "
    };
    pane(app, title.into(), Focus::Article).render(area, buf);
    let text = layout::article_text(area);
    if text.width == 0 || text.height == 0 {
        return;
    }
    let Some(article) = app.article() else {
        return;
    };
    let lines = article
        .lines
        .iter()
        .skip(app.scroll)
        .take(text.height as usize);
    for (row, line) in lines.enumerate() {
        buf.set_line(text.x, text.y + row as u16, line, text.width);
    }
}
