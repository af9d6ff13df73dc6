//! The links and outline overlays: a framed, scrolling list in the middle of
//! the screen, narrowed to the rows the typed filter matches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::clear_overlay;
use crate::app::{App, Intent, Mode};
use crate::text::{pad_with, sanitize_line, truncate_with, url_warning, width};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(article) = app.article() else {
        return;
    };
    let symbols = &app.look.theme.symbols;
    let sep = symbols.separator;
    let shown = app.overlay_rows();
    let (title, rows): (String, Vec<String>) = match app.mode {
        Mode::Links(intent) => {
            let verb = match intent {
                Intent::Follow => "Enter follows",
                Intent::Copy => "Enter copies",
            };
            (
                format!(" Links{sep}{verb}{sep}y copies{sep}Esc "),
                shown
                    .iter()
                    .filter_map(|&i| article.links.get(i))
                    .map(|l| {
                        // The article's links are clean already; this is
                        // the last guard before the screen.
                        let url = sanitize_line(&l.url);
                        match url_warning(&url) {
                            Some(w) => {
                                let (mark, why) = (symbols.warning, w.reason());
                                format!("[{}] {mark} {url} ({why})", l.number)
                            }
                            None => format!("[{}] {url}", l.number),
                        }
                    })
                    .collect(),
            )
        }
        Mode::Outline => (
            format!(" Outline{sep}Enter jumps{sep}Esc "),
            shown
                .iter()
                .filter_map(|&i| article.headings.get(i))
                .map(|h| {
                    format!(
                        "{}{}",
                        "  ".repeat(h.level.saturating_sub(1) as usize),
                        sanitize_line(&h.text)
                    )
                })
                .collect(),
        ),
        _ => return,
    };
    let total = match app.mode {
        Mode::Links(_) => article.links.len(),
        _ => article.headings.len(),
    };
    let title = narrowed_title(title, rows.len(), total, app);
    let filter = filter_line(app);
    let widest = rows
        .iter()
        .map(|r| width(r))
        .max()
        .unwrap_or(0)
        .max(width(&title))
        .max(width(&filter));
    let w = ((widest + 4) as u16)
        .min(area.width)
        .max(area.width.min(30));
    let h = ((rows.len().max(1) + 2) as u16).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    clear_overlay(r, buf);
    let visible = (h as usize).saturating_sub(2).max(1);
    // Where the app's paging put it, unless a resize left the selection
    // out of view or the last page short.
    let offset = app
        .overlay_view
        .top
        .min(rows.len().saturating_sub(visible))
        .clamp(app.overlay.saturating_sub(visible - 1), app.overlay);
    let mut block = Block::bordered()
        .title(title)
        .title_bottom(filter)
        .border_set(app.look.theme.symbols.border)
        .border_style(app.look.theme.overlay);
    if let Some(at) = position(offset, visible, rows.len(), app) {
        block = block.title_bottom(Line::from(at).right_aligned());
    }
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let iw = inner.width as usize;
    if rows.is_empty() {
        let none = if app.overlay_view.filter.is_empty() {
            " (none)"
        } else {
            " (no match)"
        };
        buf.set_stringn(inner.x, inner.y, none, iw, app.look.theme.dim);
    }
    for (i, row) in rows.iter().enumerate().skip(offset).take(visible) {
        let y = inner.y + (i - offset) as u16;
        let style = if i == app.overlay {
            app.look.theme.selection
        } else {
            Style::new()
        };
        buf.set_stringn(
            inner.x,
            y,
            pad_with(
                &truncate_with(&format!(" {row}"), iw, app.look.theme.symbols.ellipsis),
                iw,
                app.look.theme.symbols.ellipsis,
            ),
            iw,
            style,
        );
    }
}

/// The title, saying how many rows are left when a filter narrows them.
pub(super) fn narrowed_title(title: String, shown: usize, total: usize, app: &App) -> String {
    if app.overlay_view.filter.is_empty() {
        return title;
    }
    let sep = app.look.theme.symbols.separator;
    format!("{}{sep}{shown} of {total} ", title.trim_end())
}

/// `/filter` for the bottom border while one is typed or kept, with the
/// cursor while typing; empty otherwise.
pub(super) fn filter_line(app: &App) -> String {
    let n = &app.overlay_view;
    if n.filter.is_empty() && !n.typing {
        return String::new();
    }
    let cursor = if n.typing {
        app.look.theme.symbols.cursor
    } else {
        ""
    };
    format!(" /{}{cursor} ", sanitize_line(&n.filter))
}

/// `12–30 of 45` when the rows do not all fit.
pub(super) fn position(offset: usize, visible: usize, rows: usize, app: &App) -> Option<String> {
    // The theme has no dash of its own; `--ascii` must print ASCII only.
    let dash = if app.look.theme.symbols.ellipsis.is_ascii() {
        "-"
    } else {
        "–"
    };
    (rows > visible).then(|| {
        let last = (offset + visible).min(rows);
        format!(" {}{dash}{last} of {rows} ", offset + 1)
    })
}
