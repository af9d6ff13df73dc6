//! Drawing: turns the app's state into what the screen shows. Reads state,
//! never changes it (`impl Widget for &App`).

mod article;
mod cells;
mod command;
mod help;
mod list;
mod overlay;
mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use crate::app::{App, Focus, Mode};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = self.layout();
        if let Some(r) = layout.list {
            list::draw(self, r.intersection(area), buf);
        }
        if let Some(r) = layout.article {
            article::draw(self, r.intersection(area), buf);
        }
        status::draw(self, layout.status.intersection(area), buf);
        match self.mode {
            Mode::Help => help::draw(self, area, buf),
            Mode::Links(_) | Mode::Outline => overlay::draw(self, area, buf),
            Mode::Command => command::draw(self, layout.status, buf),
            _ => {}
        }
        cells::fit_sound_marks(buf);
    }
}

/// A pane's frame. The focused one has a bold, reversed title and a heavier
/// border, so focus shows without colour too.
fn pane<'a>(app: &App, title: String, focus: Focus) -> Block<'a> {
    let focused = app.focus == focus;
    let theme = &app.look.theme;
    let symbols = &theme.symbols;
    let set = if focused {
        symbols.border_focused
    } else {
        symbols.border
    };
    let (border_style, title_style) = if focused {
        (theme.border_focused, theme.pane_title_focused)
    } else {
        (theme.border, theme.pane_title)
    };
    Block::bordered()
        .border_set(set)
        .border_style(border_style)
        .title(ratatui::text::Span::styled(title, title_style))
}

/// Clears an overlay's area, and also any wide character cut in half by its
/// left or right edge: a terminal would draw the half that is left over the
/// overlay's border.
fn clear_overlay(r: Rect, buf: &mut Buffer) {
    ratatui::widgets::Clear.render(r, buf);
    let area = buf.area;
    for y in r.top()..r.bottom().min(area.bottom()) {
        if r.x > area.x {
            let cell = &mut buf[(r.x - 1, y)];
            if crate::text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if r.right() < area.right() {
            let cell = &mut buf[(r.right(), y)];
            if cell.symbol().is_empty() {
                cell.set_symbol(" ");
            }
        }
    }
}
