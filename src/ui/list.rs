//! The list of posts: a title line and a dim date · author · tags line each.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::{pane, selected_style};
use crate::app::{App, ENTRY_ROWS, Focus, layout};
use crate::text::{pad, truncate};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(" Posts ({}) ", app.lib.posts.len());
    pane(app, title, Focus::List).render(area, buf);
    let inner = layout::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let theme = &app.look.theme;
    let marker = if app.look.ascii { ">" } else { "▌" };
    let w = inner.width as usize;
    let rows = (inner.height / ENTRY_ROWS) as usize;
    let visible = app
        .lib
        .posts
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(rows.max(1));
    for (row, (i, post)) in visible.enumerate() {
        let y = inner.y + row as u16 * ENTRY_ROWS;
        let selected = i == app.selected;
        let lead = if selected { marker } else { " " };
        let title = pad(&format!("{lead}{}", post.title), w);
        let meta = post.meta();
        let second = [&meta[0], &meta[1], &meta[2]]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ");
        let second = pad(
            &format!(
                " {}",
                if second.is_empty() {
                    "no date".into()
                } else {
                    second
                }
            ),
            w,
        );
        let (title_style, meta_style) = if selected {
            (selected_style(), selected_style().patch(theme.dim))
        } else {
            (Style::new(), theme.dim)
        };
        buf.set_stringn(inner.x, y, truncate(&title, w), w, title_style);
        if y + 1 < inner.bottom() {
            buf.set_stringn(inner.x, y + 1, truncate(&second, w), w, meta_style);
        }
    }
}
