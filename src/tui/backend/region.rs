//! Moving rows of the screen with the terminal's scroll region, for an
//! article that spans the whole width: the terminal moves what is on it,
//! and the backend's shadow, its on-screen hyperlinks and ratatui's
//! previous frame move the same way, so the next frame sends only the rows
//! scrolled in.
//!
//! Not ratatui's `scrolling-regions` feature: it only adds backend hooks
//! that inline viewports' `insert_before` calls; a fullscreen `draw`
//! neither uses them nor moves its buffers, which is the part needed here.

use std::io::{self, Write};
use std::ops::Range;

use crossterm::{cursor, queue};
use ratatui::Terminal;
use ratatui::backend::Backend as _;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

use super::Backend;

impl<W: Write> Backend<W> {
    /// Moves rows `rows` of the screen up by `by` (down when negative) with
    /// the terminal's scroll region, the rows scrolled in left blank, and
    /// the shadow and the links on screen with them. Only whole rows move:
    /// left and right margins (DECSLRM) are too rarely supported. Returns
    /// false, doing nothing, when the screen is not known cell by cell
    /// (cleared, resized) or the move makes no sense; the caller then
    /// leaves ratatui's previous frame as it was.
    pub fn scroll_rows(&mut self, rows: Range<u16>, by: i32) -> io::Result<bool> {
        let size = self.size()?;
        let height = rows.end.saturating_sub(rows.start);
        if (size.width, size.height) != (self.cols, self.rows)
            || self.cols == 0
            || rows.end > self.rows
            || by == 0
            || by.unsigned_abs() >= u32::from(height)
        {
            return Ok(false);
        }
        // DECSTBM, then a line feed on the region's last row (or a reverse
        // index on its first) per line: VT100 sequences that every
        // terminal, tmux, screen and the Linux console know (SU and SD are
        // shorter for many lines, but the console lacks them). The
        // region is reset at once, and the cursor moved before the next
        // cell as always.
        let mut out = Vec::new();
        write!(out, "\x1b[{};{}r", rows.start + 1, rows.end)?;
        if by > 0 {
            queue!(out, cursor::MoveTo(0, rows.end - 1))?;
            out.extend(std::iter::repeat_n(b'\n', by as usize));
        } else {
            queue!(out, cursor::MoveTo(0, rows.start))?;
            for _ in 0..by.unsigned_abs() {
                out.extend_from_slice(b"\x1bM");
            }
        }
        out.extend_from_slice(b"\x1b[r");
        self.out.write_all(&out)?;
        let cols = self.cols as usize;
        let rows = rows.start as usize..rows.end as usize;
        shift_rows(
            &mut self.shadow,
            cols,
            rows.clone(),
            by,
            Some(Cell::default()),
        );
        self.links.shift_rows(rows, by);
        Ok(true)
    }
}

/// Moves rows `rows` of the screen by `by` (see [`Backend::scroll_rows`])
/// and makes `previous`, the last frame drawn, moved the same way,
/// ratatui's previous frame: it sends what differs from that, so the next
/// draw sends only the rows scrolled in and whatever else changed. Returns
/// false, changing nothing, where the backend cannot move rows.
pub fn scroll_frame<W: Write>(
    term: &mut Terminal<Backend<W>>,
    mut previous: Buffer,
    rows: Range<u16>,
    by: i32,
) -> io::Result<bool> {
    if previous.area != Rect::from(term.size()?)
        || !term.backend_mut().scroll_rows(rows.clone(), by)?
    {
        return Ok(false);
    }
    let cols = previous.area.width as usize;
    let rows = rows.start as usize..rows.end as usize;
    shift_rows(&mut previous.content, cols, rows, by, Cell::default());
    // Swapping resets the other buffer (ratatui's previous frame) and makes
    // it the current one: the buffer set here becomes the previous frame.
    *term.current_buffer_mut() = previous;
    term.swap_buffers();
    Ok(true)
}

/// Moves rows `rows` of a row-major grid `cols` wide up by `by` (down
/// when negative), as a terminal's scroll region does: rows moved out are
/// gone, rows moved in are `blank`.
pub fn shift_rows<T: Clone>(cells: &mut [T], cols: usize, rows: Range<usize>, by: i32, blank: T) {
    let rows = rows.start..rows.end.min(cells.len() / cols.max(1));
    let n = by.unsigned_abs() as usize;
    if cols == 0 || n == 0 || rows.is_empty() {
        return;
    }
    let region = &mut cells[rows.start * cols..rows.end * cols];
    let n = n.min(rows.len()) * cols;
    if by > 0 {
        region.rotate_left(n);
        let len = region.len();
        region[len - n..].fill(blank);
    } else {
        region.rotate_right(n);
        region[..n].fill(blank);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::hyperlinks::LinkRun;
    use ratatui::style::Style;
    use std::rc::Rc;

    /// A 10x6 screen: a top and bottom rule that must not move, and
    /// between them lines `from..from + 4` of a text.
    fn text_frame(f: &mut ratatui::Frame, from: usize) {
        let buf = f.buffer_mut();
        buf.set_string(0, 0, "=top=", Style::new());
        for row in 0..4u16 {
            let n = from + row as usize;
            buf.set_string(0, 1 + row, format!("|line {n}"), Style::new());
        }
        buf.set_string(0, 5, "=bot=", Style::new());
    }

    /// Draws lines from `a`, then moves rows 1..5 to show lines from `b`:
    /// the bytes of the move and of the frame after it, and the screen a
    /// terminal shows at the end.
    fn scrolled(a: usize, b: usize) -> (String, String, String) {
        let mut out = Vec::new();
        let mut t = Terminal::new(Backend::new(&mut out, Some((10, 6)))).unwrap();
        let first = t.draw(|f| text_frame(f, a)).unwrap().buffer.clone();
        let mut all = t.backend_mut().out.clone();
        t.backend_mut().out.clear();
        let by = b as i32 - a as i32;
        assert!(scroll_frame(&mut t, first, 1..5, by).unwrap());
        let moved = String::from_utf8(t.backend_mut().out.clone()).unwrap();
        t.backend_mut().out.clear();
        t.draw(|f| text_frame(f, b)).unwrap();
        let frame = String::from_utf8(t.backend_mut().out.clone()).unwrap();
        all.extend_from_slice(moved.as_bytes());
        all.extend_from_slice(frame.as_bytes());
        let size = |n: u16| n.try_into().unwrap();
        let mut vt = vt100::Parser::new(size(6), size(10), 0);
        vt.process(&all);
        (moved, frame, vt.screen().contents())
    }

    #[test]
    fn a_scroll_region_moves_rows_and_only_new_ones_are_sent() {
        let want = |from: usize| {
            let mut rows = vec!["=top=".to_owned()];
            rows.extend((from..from + 4).map(|n| format!("|line {n}")));
            rows.push("=bot=".into());
            rows.join("\n")
        };
        let (moved, frame, screen) = scrolled(0, 1);
        assert_eq!(moved, "\x1b[2;5r\x1b[5;1H\n\x1b[r");
        assert_eq!(frame, "\x1b[5;1H|line 4");
        assert_eq!(screen, want(1));
        let (moved, frame, screen) = scrolled(0, 3);
        assert_eq!(moved, "\x1b[2;5r\x1b[5;1H\n\n\n\x1b[r");
        assert_eq!(frame, "\x1b[3;1H|line 4\x1b[4;1H|line 5\x1b[5;1H|line 6");
        assert_eq!(screen, want(3));
        let (moved, frame, screen) = scrolled(5, 2);
        assert_eq!(moved, "\x1b[2;5r\x1b[2;1H\x1bM\x1bM\x1bM\x1b[r");
        assert_eq!(frame, "\x1b[2;1H|line 2\x1b[3;1H|line 3\x1b[4;1H|line 4");
        assert_eq!(screen, want(2));
    }

    #[test]
    fn the_shadow_and_links_on_screen_move_with_the_rows() {
        let mut out = Vec::new();
        let mut b = Backend::new(&mut out, Some((2, 4)));
        b.fit_shadow(2, 4);
        b.links.set(vec![LinkRun {
            y: 2,
            x: 0,
            width: 2,
            url: Rc::from("https://x.org"),
        }]);
        b.links.place();
        for y in 0..4 {
            b.record(0, y, &Cell::new(["0", "1", "2", "3"][y as usize]));
        }
        assert!(b.scroll_rows(0..4, 2).unwrap());
        let col0: Vec<_> = (0..4)
            .map(|y| b.at(0, y).unwrap().clone().unwrap())
            .collect();
        let syms: Vec<&str> = col0.iter().map(|c| c.symbol()).collect();
        assert_eq!(syms, ["2", "3", " ", " "]);
        // The link written at (0, 2) is at (0, 0) now: row 2's link in
        // the next frame differs from the screen's, and so does that cell.
        let changed: Vec<usize> = b.links.changed().collect();
        assert_eq!(changed, [0, 4, 5]);
        assert!(
            !b.scroll_rows(0..4, 4).unwrap(),
            "a move of the whole region"
        );
        assert!(!b.scroll_rows(0..5, 1).unwrap(), "rows past the screen");
        b.clear().unwrap();
        assert!(!b.scroll_rows(0..4, 1).unwrap(), "the screen is not known");
    }

    #[test]
    fn shift_rows_fills_what_scrolls_in() {
        let mut g: Vec<u8> = (0..8).collect();
        shift_rows(&mut g, 2, 1..4, 1, 9);
        assert_eq!(g, [0, 1, 4, 5, 6, 7, 9, 9]);
        let mut g: Vec<u8> = (0..8).collect();
        shift_rows(&mut g, 2, 0..3, -2, 9);
        assert_eq!(g, [9, 9, 9, 9, 0, 1, 6, 7]);
        shift_rows(&mut g, 2, 3..9, 5, 9);
        assert_eq!(g, [9, 9, 9, 9, 0, 1, 9, 9], "clipped to the grid");
    }
}
