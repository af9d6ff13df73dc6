//! The status line: position in the list and the article, unread count,
//! loading progress, warnings, then what the last key did or the key hints.
//! While typing a number or a find, it is the prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::external::Ask;
use crate::app::{App, Focus, Intent, Mode};
use crate::text::{pad_with, sanitize_line, truncate_with, width};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let w = area.width as usize;
    let style = app.look.theme.status;
    let symbols = &app.look.theme.symbols;
    let cur = symbols.cursor;
    // Typed or pasted text may hold anything; shown through the stand-ins.
    let input = sanitize_line(&app.input);
    let prompt = match app.mode {
        Mode::Prompt(Intent::Follow) => Some(format!(
            " follow link: {input}{cur}  (Enter: choose from a list, Esc: cancel)"
        )),
        Mode::Prompt(Intent::Copy) => Some(format!(
            " copy link: {input}{cur}  (Enter: choose from a list, Esc: cancel)"
        )),
        Mode::Find => Some(format!(" find: {input}{cur}")),
        Mode::Command => Some(format!(":{input}{cur}")),
        Mode::Ask(Ask::Pipe) => Some(format!(" pipe to: {input}{cur}  (Enter: run, Esc: cancel)")),
        Mode::Ask(Ask::WritePath) => Some(format!(
            " save to: {input}{cur}  (.md: Markdown, else plain text; Esc: cancel)"
        )),
        Mode::Ask(Ask::Overwrite) => app.message.as_ref().map(|m| format!(" {m}")),
        Mode::ConfirmMarkAll(n) => Some(format!(
            " mark all {n} posts shown read? (y: yes, any other key: no)"
        )),
        _ => None,
    };
    if let Some(p) = prompt {
        buf.set_stringn(
            area.x,
            area.y,
            pad_with(
                &truncate_with(&p, w, app.look.theme.symbols.ellipsis),
                w,
                app.look.theme.symbols.ellipsis,
            ),
            w,
            style,
        );
        return;
    }
    let total = app.rows.len();
    let at = if total == 0 { 0 } else { app.selected + 1 };
    let sep = symbols.v;
    let mut left = format!(" {at}/{total} {sep} {}", app.position());
    left.push_str(&format!(" {sep} {} unread", app.unread()));
    if let Some((done, all)) = app.loading {
        left.push_str(&format!(" {sep} loading {done}/{all}"));
    }
    if let Some((done, all)) = app.searching {
        left.push_str(&format!(" {sep} searching {done}/{all}"));
    }
    let warnings = app.lib.all_warnings().count();
    if warnings > 0 {
        let s = if warnings == 1 { "" } else { "s" };
        left.push_str(&format!(" {sep} {warnings} warning{s}"));
    }
    left.push(' ');
    let hints: &[&str] = match app.focus {
        Focus::List => &["/ search", "Enter open", ": command", "? help", "q quit"],
        Focus::Article => &["/ find", "f follow", "L links", "o outline", "? help"],
    };
    let right = match &app.message {
        // Messages quote URLs, titles and file names: the last guard.
        Some(m) => format!("{} ", sanitize_line(m)),
        None => format!("{} ", hints.join(symbols.separator)),
    };
    let room = w.saturating_sub(width(&left));
    let right = truncate_with(&right, room, app.look.theme.symbols.ellipsis);
    let line = format!("{left}{}{right}", " ".repeat(room - width(&right)));
    buf.set_stringn(
        area.x,
        area.y,
        pad_with(&line, w, app.look.theme.symbols.ellipsis),
        w,
        style,
    );
}
