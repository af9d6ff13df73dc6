//! The `?` overlay: every key, from the keymap's own table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use super::ASCII_BORDER;
use crate::app::App;
use crate::app::keymap::HELP;
use crate::text::{pad, truncate};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let key_w = HELP
        .iter()
        .map(|(k, _)| crate::text::width(k))
        .max()
        .unwrap_or(0);
    let want_w = HELP
        .iter()
        .map(|(_, d)| key_w + 2 + crate::text::width(d))
        .max()
        .unwrap_or(0)
        + 4;
    let w = (want_w as u16).min(area.width);
    let h = (HELP.len() as u16 + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    super::clear_overlay(r, buf);
    let mut block = Block::bordered()
        .title(" Keys ")
        .border_style(app.look.theme.list_marker);
    if app.look.ascii {
        block = block.border_set(ASCII_BORDER);
    }
    let inner = block.inner(r);
    block.render(r, buf);
    let iw = inner.width as usize;
    for (i, (keys, what)) in HELP.iter().enumerate().take(inner.height as usize) {
        let y = inner.y + i as u16;
        let keys = if app.look.ascii {
            keys.replace('↓', "Down")
                .replace('↑', "Up")
                .replace('←', "Left")
                .replace('→', "Right")
        } else {
            keys.to_string()
        };
        let text = format!(" {}  {what}", pad(&keys, key_w));
        buf.set_stringn(
            inner.x,
            y,
            truncate(&text, iw),
            iw,
            ratatui::style::Style::new(),
        );
        let keys = truncate(&format!(" {}", pad(&keys, key_w)), iw);
        buf.set_stringn(inner.x, y, keys, iw, app.look.theme.list_marker);
    }
}
