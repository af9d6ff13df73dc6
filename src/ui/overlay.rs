//! The links and outline overlays: a framed, scrolling list in the middle of
//! the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
    let (title, rows): (String, Vec<String>) = match app.mode {
        Mode::Links(intent) => {
            let verb = match intent {
                Intent::Follow => "Enter follows",
                Intent::Copy => "Enter copies",
            };
            (
                format!(" Links{sep}{verb}{sep}y copies{sep}Esc "),
                article
                    .links
                    .iter()
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
            article
                .headings
                .iter()
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
    let widest = rows
        .iter()
        .map(|r| width(r))
        .max()
        .unwrap_or(0)
        .max(width(&title));
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
    let block = Block::bordered()
        .title(title)
        .border_set(app.look.theme.symbols.border)
        .border_style(app.look.theme.overlay);
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let iw = inner.width as usize;
    let visible = inner.height as usize;
    let offset = app.overlay.saturating_sub(visible - 1);
    if rows.is_empty() {
        buf.set_stringn(inner.x, inner.y, " (none)", iw, app.look.theme.dim);
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
