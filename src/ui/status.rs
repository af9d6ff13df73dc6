//! The status line: position in the list and in the article, warnings, and
//! the main key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::{App, Focus};
use crate::text::{pad, width};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let total = app.lib.posts.len();
    let at = if total == 0 { 0 } else { app.selected + 1 };
    let mut left = format!(" {at}/{total} │ {}", app.position());
    if let Some((done, total)) = app.loading {
        left.push_str(&format!(" │ loading {done}/{total}"));
    }
    let warnings = app.lib.all_warnings().count();
    if warnings > 0 {
        let s = if warnings == 1 { "" } else { "s" };
        left.push_str(&format!(" │ {warnings} warning{s}"));
    }
    left.push(' ');
    let hints = match app.focus {
        Focus::List => "j/k move · Enter open · ? help · q quit ",
        Focus::Article => "j/k scroll · Space page · ]/[ next/prev · Esc list · ? help ",
    };
    let w = area.width as usize;
    let line = if width(&left) + width(hints) <= w {
        format!(
            "{left}{}{hints}",
            " ".repeat(w - width(&left) - width(hints))
        )
    } else {
        pad(&left, w)
    };
    let line = if app.look.ascii {
        line.replace('│', "|")
    } else {
        line
    };
    let style = Style::new().add_modifier(Modifier::REVERSED);
    buf.set_stringn(area.x, area.y, pad(&line, w), w, style);
}
