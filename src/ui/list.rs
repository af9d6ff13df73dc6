//! The list of posts: a title line and a second line (date · author ·
//! tags, or the search snippet), with the search box on top when searching.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::pane;
use crate::app::search::highlights;
use crate::app::{App, ENTRY_ROWS, Focus, Group, Mode, Row, layout};
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
    let rows = (inner.height / ENTRY_ROWS) as usize;
    let terms: Vec<String> = app.search_terms();
    for (row, (r, entry)) in app
        .rows
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(rows.max(1))
        .enumerate()
    {
        let y = inner.y + row as u16 * ENTRY_ROWS;
        let area = Rect::new(
            inner.x,
            y,
            inner.width,
            inner.bottom().saturating_sub(y).min(2),
        );
        let selected = r == app.selected;
        match *entry {
            Row::Post(v) => draw_post(app, v, selected, &terms, area, buf),
            Row::Group(g) => draw_header(app, &app.groups[g], selected, area, buf),
        }
    }
}

/// A group's header: fold mark, name, unread/total, in the entry's rows.
fn draw_header(app: &App, group: &Group, selected: bool, area: Rect, buf: &mut Buffer) {
    let theme = &app.look.theme;
    let (w, dots) = (area.width as usize, theme.symbols.ellipsis);
    let unread = group
        .posts
        .iter()
        .filter(|&&i| !app.is_read(&app.lib.posts[i]))
        .count();
    let arrow = if group.folded {
        theme.symbols.folded
    } else {
        theme.symbols.unfolded
    };
    let first = format!(
        "{arrow} {} ({unread}/{})",
        sanitize_line(&group.name),
        group.posts.len()
    );
    let mut style = theme.unread.patch(theme.list_marker);
    if selected {
        style = theme.selection.patch(style);
    }
    buf.set_stringn(
        area.x,
        area.y,
        pad_with(&truncate_with(&first, w, dots), w, dots),
        w,
        style,
    );
    if area.height > 1 {
        let mut rule_style = theme.meta;
        if selected {
            rule_style = theme.selection.patch(rule_style);
        }
        let rule = theme.symbols.rule.repeat(w);
        buf.set_stringn(
            area.x,
            area.y + 1,
            truncate_with(&rule, w, dots),
            w,
            rule_style,
        );
    }
}

/// A post's two rows: marks and title, then its date, author and tags (or
/// while searching, the line with the first hit), hits highlighted.
fn draw_post(app: &App, v: usize, selected: bool, terms: &[String], area: Rect, buf: &mut Buffer) {
    let theme = &app.look.theme;
    let s = &theme.symbols;
    let (sel, unread, star) = (s.selected, s.unread, s.starred);
    let w = area.width as usize;
    let dots = s.ellipsis;
    let post = &app.lib.posts[app.visible[v]];
    let is_unread = !app.is_read(post);
    let marks = format!(
        "{}{}{}",
        if selected { sel } else { " " },
        if is_unread { unread } else { " " },
        if app.is_starred(post) { star } else { " " },
    );
    // Titles are cleaned when posts are read; the last guard.
    let first = pad_with(&format!("{marks}{}", sanitize_line(&post.title)), w, dots);
    let second = match app.snippets.get(v).cloned().flatten() {
        Some(line) => line,
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
                sanitize_line(&parts.join(s.separator))
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
    let hit_style = theme.search_hit;
    let first = truncate_with(&first, w, dots);
    set_highlighted(
        buf,
        area.x,
        area.y,
        &first,
        w,
        title_style,
        terms,
        hit_style,
    );
    if area.height > 1 {
        let second = truncate_with(&second, w, dots);
        set_highlighted(
            buf,
            area.x,
            area.y + 1,
            &second,
            w,
            meta_style,
            terms,
            hit_style,
        );
    }
}

/// Writes `text` in `style`, with the search terms in it patched with
/// `hit`.
#[allow(clippy::too_many_arguments)]
fn set_highlighted(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    w: usize,
    style: Style,
    terms: &[String],
    hit: Style,
) {
    buf.set_stringn(x, y, text, w, style);
    let mut col = 0usize;
    let mut last = 0usize;
    for (a, b) in highlights(text, terms.iter().map(String::as_str)) {
        col += crate::text::width(&text[last..a]);
        let part = &text[a..b];
        if col >= w {
            break;
        }
        buf.set_stringn(x + col as u16, y, part, w - col, style.patch(hit));
        col += crate::text::width(part);
        last = b;
    }
}
