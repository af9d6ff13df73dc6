//! The list of posts: a title line and a second line (date · author ·
//! tags, or the search snippet), with the search box on top when searching.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::pane;
use crate::app::search::snippet_with;
use crate::app::{App, ENTRY_ROWS, Focus, Mode, layout};
use crate::text::{pad_with, sanitize_line, truncate_with};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let shown = app.visible.len();
    let total = app.lib.posts.len();
    let mut title = if shown == total {
        format!(" Posts ({total}) ")
    } else {
        format!(" Posts ({shown} of {total}) ")
    };
    if app.unread_only {
        title.push_str("unread ");
    }
    if app.starred_only {
        title.push_str("starred ");
    }
    pane(app, title, Focus::List).render(area, buf);
    let mut inner = layout::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let theme = &app.look.theme;
    let w = inner.width as usize;
    if app.search_box_shown() {
        let typing = app.mode == Mode::Search;
        let text = if typing { &app.input } else { &app.search };
        let cursor = if typing {
            app.look.theme.symbols.cursor
        } else {
            ""
        };
        let line = pad_with(
            &format!("/{}{cursor}", sanitize_line(text)),
            w,
            app.look.theme.symbols.ellipsis,
        );
        let style = if typing { theme.input } else { theme.dim };
        buf.set_stringn(
            inner.x,
            inner.y,
            truncate_with(&line, w, app.look.theme.symbols.ellipsis),
            w,
            style,
        );
        inner.y += 1;
        inner.height -= 1;
    }
    if app.visible.is_empty() {
        let msg = if total == 0 {
            " no posts yet"
        } else {
            " no posts match"
        };
        buf.set_stringn(inner.x, inner.y, msg, w, theme.dim);
        return;
    }
    let s = &theme.symbols;
    let (sel, unread, star) = (s.selected, s.unread, s.starred);
    let rows = (inner.height / ENTRY_ROWS) as usize;
    let entries = app
        .visible
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(rows.max(1));
    for (row, (v, &i)) in entries.enumerate() {
        let post = &app.lib.posts[i];
        let y = inner.y + row as u16 * ENTRY_ROWS;
        let selected = v == app.selected;
        let is_unread = !app.is_read(post);
        let marks = format!(
            "{}{}{}",
            if selected { sel } else { " " },
            if is_unread { unread } else { " " },
            if app.is_starred(post) { star } else { " " },
        );
        // Titles are cleaned when posts are read; the last guard.
        let dots = app.look.theme.symbols.ellipsis;
        let first = pad_with(&format!("{marks}{}", sanitize_line(&post.title)), w, dots);
        let second = match app.snippets.get(v).copied().flatten() {
            Some((at, len)) => snippet_with(&post.body, at, len, theme.symbols.ellipsis),
            None => {
                let meta = post.meta();
                let parts: Vec<&str> = meta[..3]
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                if parts.is_empty() {
                    "no date".into()
                } else {
                    sanitize_line(&parts.join(app.look.theme.symbols.separator))
                }
            }
        };
        let second = pad_with(&format!("   {second}"), w, dots);
        let mut title_style = if is_unread { theme.unread } else { theme.read };
        let mut meta_style = theme.meta;
        if selected {
            title_style = theme.selection.patch(title_style);
            meta_style = theme.selection.patch(meta_style);
        }
        buf.set_stringn(
            inner.x,
            y,
            truncate_with(&first, w, app.look.theme.symbols.ellipsis),
            w,
            title_style,
        );
        if y + 1 < inner.bottom() {
            buf.set_stringn(
                inner.x,
                y + 1,
                truncate_with(&second, w, app.look.theme.symbols.ellipsis),
                w,
                meta_style,
            );
        }
    }
}
