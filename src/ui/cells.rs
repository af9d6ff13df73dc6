//! Text into the buffer with tidings' widths where ratatui's differ.
//!
//! ratatui 0.30.2 adds a column for each half-width sound mark (`ﾞ`, `ﾟ`)
//! on top of unicode-width 0.2.3, which already counts one, so `ｶﾞ` takes
//! three columns in its buffer where tidings, wcwidth and tmux count two.

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::text;

fn has_sound_mark(s: &str) -> bool {
    s.len() >= 3 && s.contains(['\u{FF9E}', '\u{FF9F}'])
}

/// `buf.set_line`, but a line that fits `max` columns by `text::width`
/// keeps every cluster, and what follows a sound mark is not pushed right:
/// the line is drawn on a scratch row with room for ratatui's extra
/// columns, then copied over closed up.
pub fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, max: u16) {
    let extra = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars())
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count() as u16;
    if extra == 0 {
        buf.set_line(x, y, line, max);
        return;
    }
    let end = x.saturating_add(max).min(buf.area.right());
    let limit = (end - x) as usize;
    let mut scratch = Buffer::empty(Rect::new(0, 0, end - x + extra, 1));
    // Only the styles under the line are kept: old cells could carry a
    // pinned width, and the line's columns are all rewritten (blank past
    // its end).
    let styles: Vec<_> = (x..end).map(|bx| buf[(bx, y)].style()).collect();
    for (i, style) in styles.iter().enumerate() {
        scratch[(i as u16, 0)].set_style(*style);
    }
    scratch.set_line(0, 0, line, scratch.area.width);
    let mut cells = Vec::with_capacity(limit);
    let mut sx = 0;
    while sx < scratch.area.width {
        let mut cell = scratch[(sx, 0)].clone();
        let (theirs, ours) = widths(&cell);
        // A wide cluster cut by the end would spill past it.
        if cells.len() + ours as usize > limit {
            break;
        }
        if ours < theirs {
            cell.diff_option = CellDiffOption::ForcedWidth(ours.try_into().unwrap());
        }
        cells.push(cell);
        for k in 1..ours.min(scratch.area.width - sx) {
            cells.push(scratch[(sx + k, 0)].clone());
        }
        sx += theirs;
    }
    for (i, bx) in (x..end).enumerate() {
        buf[(bx, y)] = cells.get(i).cloned().unwrap_or_else(|| {
            let mut blank = Cell::EMPTY;
            blank.set_style(styles[i]);
            blank
        });
    }
}

/// ratatui's width of a cell and tidings'.
fn widths(cell: &Cell) -> (u16, u16) {
    let ours = text::width(cell.symbol()).max(1) as u16;
    (cell.cell_width().max(1), ours)
}

/// For text drawn by ratatui itself: a cell it made too wide is pinned to
/// tidings' width and the column left over shown as a blank in the cell's
/// style, so ratatui's diff sends it and the rest of the row stays put.
pub fn fit_sound_marks(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &buf[(x, y)];
            if !has_sound_mark(cell.symbol()) {
                continue;
            }
            let (theirs, ours) = widths(cell);
            if theirs <= ours {
                continue;
            }
            let style = cell.style();
            buf[(x, y)].diff_option = CellDiffOption::ForcedWidth(ours.try_into().unwrap());
            for gap in x + ours..(x + theirs).min(area.right()) {
                buf[(gap, y)].reset();
                buf[(gap, y)].set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buf: &Buffer) -> String {
        let mut s = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, 0)].symbol();
            s.push_str(sym);
            x += text::width(sym).max(1) as u16;
        }
        s
    }

    #[test]
    fn sound_marks_take_tidings_width_and_borders_stay() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf[(0, 0)].set_symbol("|");
        buf[(11, 0)].set_symbol("|");
        set_line(&mut buf, 1, 0, &Line::from("ｶﾞﾊﾟ end.x"), 10);
        assert_eq!(row(&buf), "|ｶﾞﾊﾟ end.x|");
        // Too wide by one column: the last cluster goes, the border stays.
        set_line(&mut buf, 1, 0, &Line::from("ｶﾞﾊﾟ end.xy"), 10);
        assert_eq!(row(&buf), "|ｶﾞﾊﾟ end.x|");
        set_line(&mut buf, 1, 0, &Line::from("abcdefghiｶﾞ"), 10);
        assert_eq!(row(&buf), "|abcdefghi |");
        set_line(&mut buf, 1, 0, &Line::from("abcdefghｶﾞ"), 10);
        assert_eq!(row(&buf), "|abcdefghｶﾞ|");
    }
}
