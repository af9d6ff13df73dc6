//! The `:` command line's completions: a box just above the status line
//! listing what the typed text can become, narrowing as it grows and
//! scrolling to keep the one `Tab` chose in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::app::command::completions;
use crate::text::{pad_with, truncate_with, width};

/// Rows of completions shown at most.
const MOST: usize = 10;

pub fn draw(app: &App, status: Rect, buf: &mut Buffer) {
    let typed = match app.command.chosen {
        Some(_) => &app.command.typed,
        None => &app.input,
    };
    let options = completions(typed);
    if options.is_empty() || status.y < 3 {
        return;
    }
    let theme = &app.look.theme;
    let dots = theme.symbols.ellipsis;
    // The keys each command is bound to now (the config's included).
    let bound = app.help_list();
    let keys_of = |line: &str| -> String {
        let names: Vec<String> = bound
            .iter()
            .filter(|r| r.name == line)
            .flat_map(|r| r.keys.iter().map(|k| k.to_string()))
            .collect();
        names.join(" ")
    };
    let keys: Vec<String> = options.iter().map(|c| keys_of(&c.line)).collect();
    let name_w = options.iter().map(|c| width(&c.line)).max().unwrap_or(0);
    let keys_w = keys.iter().map(|k| width(k)).max().unwrap_or(0);
    let rows = options.len().min(MOST).min(status.y as usize - 2);
    let help_w = options.iter().map(|c| width(c.help)).max().unwrap_or(0);
    let w = (name_w + keys_w + help_w + 8).min(status.width as usize) as u16;
    let h = rows as u16 + 2;
    let r = Rect::new(status.x, status.y - h, w, h);
    super::clear_overlay(r, buf);
    let title = if options.len() > rows {
        format!(" {} commands ", options.len())
    } else {
        String::new()
    };
    let block = Block::bordered()
        .title(title)
        .border_set(theme.symbols.border)
        .border_style(theme.overlay);
    let inner = block.inner(r);
    block.render(r, buf);
    let chosen = app.command.chosen;
    let offset = chosen.map_or(0, |c| c.saturating_sub(rows - 1));
    let iw = inner.width as usize;
    for (i, c) in options.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + (i - offset) as u16;
        let text = format!(
            " {}  {}  {}",
            pad_with(&c.line, name_w, dots),
            pad_with(&keys[i], keys_w, dots),
            c.help
        );
        let style = if chosen == Some(i) {
            theme.selection
        } else {
            Style::new()
        };
        buf.set_stringn(
            inner.x,
            y,
            pad_with(&truncate_with(&text, iw, dots), iw, dots),
            iw,
            style,
        );
        let name = truncate_with(&format!(" {}", c.line), iw, dots);
        buf.set_stringn(inner.x, y, name, iw, style.patch(theme.help_key));
    }
}
