//! The article pane: only the visible lines of the rendered article, with
//! find matches highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::pane;
use crate::app::{App, Focus, layout};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let narrow = app.layout().list.is_none();
    let title = if narrow {
        format!(" Article{}h/Esc: back ", app.look.theme.symbols.separator)
    } else {
        " Article ".to_owned()
    };
    pane(app, title, Focus::Article).render(area, buf);
    let text = layout::article_text(area);
    if text.width == 0 || text.height == 0 {
        return;
    }
    let Some(article) = app.article() else {
        if let Some(post) = app.post().filter(|_| app.is_rendering()) {
            let mb = post.size as f64 / (1 << 20) as f64;
            let dots = app.look.theme.symbols.ellipsis;
            let note = format!("Rendering a large post ({mb:.1} MB){dots}");
            buf.set_stringn(
                text.x,
                text.y,
                note,
                text.width as usize,
                app.look.theme.dim,
            );
        }
        return;
    };
    let height = text.height as usize;
    let lines = article.lines.iter().skip(app.scroll).take(height);
    for (row, line) in lines.enumerate() {
        super::cells::set_line(buf, text.x, text.y + row as u16, line, text.width);
    }
    let (found, current) = (app.look.theme.find_match, app.look.theme.find_current);
    for (n, &(line, start, end)) in app.find.matches.iter().enumerate() {
        if line < app.scroll || line >= app.scroll + height {
            continue;
        }
        let y = text.y + (line - app.scroll) as u16;
        let style = if n == app.find.current {
            current
        } else {
            found
        };
        let x0 = text.x + start.min(text.width);
        let x1 = text.x + end.min(text.width);
        buf.set_style(Rect::new(x0, y, x1 - x0, 1), style);
    }
}
