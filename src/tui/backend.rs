//! A ratatui backend that writes fewer bytes, for slow ssh links.
//!
//! ratatui's crossterm backend moves the cursor before any cell that does
//! not follow the previous one by exactly one column, so every wide (CJK)
//! character costs an extra cursor move, and it re-sends both colours when
//! either changes. This backend tracks the cursor by display width, sends
//! only the attributes and colours that changed, and bridges short runs of
//! unchanged cells by rewriting them from a shadow copy of the screen when
//! that is cheaper than a cursor move. It also makes given runs of cells
//! OSC 8 hyperlinks.
//!
//! Terminals disagree on how wide some clusters are (tmux 3.3 draws `❤️`
//! one column wide, most terminals two; see `text::is_ambiguous`). Such a
//! cluster is written over blanks and followed by an explicit cursor move,
//! and whatever a wider drawing may have covered is rewritten, so no
//! terminal can shift the rest of the row.

use std::io::{self, Write};

use crossterm::{cursor, queue, terminal};
use ratatui::backend::{Backend as RatatuiBackend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::Color;

use super::hyperlinks::{Grid, LinkRun};
use crate::{ansi, text};

mod region;
pub use region::{scroll_frame, shift_rows};

/// Rewriting up to this many unchanged cells beats a cursor move
/// (`ESC [ row ; col H` is 6 to 8 bytes).
const MAX_BRIDGE: u16 = 6;

pub struct Backend<W: Write> {
    out: W,
    /// A fixed size (tests, benchmarks), else the terminal's.
    fixed: Option<Size>,
    /// What is on the screen: `None` marks the right half of a wide glyph.
    shadow: Vec<Option<Cell>>,
    cols: u16,
    rows: u16,
    /// ratatui hides the cursor on every frame; once is enough.
    cursor_hidden: bool,
    /// The OSC 8 hyperlinks of the next frame and of the screen.
    links: Grid,
}

/// The terminal's colours and attributes, and the OSC 8 hyperlink open (an
/// index into the frame's URLs plus one, 0 for none).
#[derive(Clone, Copy, PartialEq)]
struct Pen {
    ink: ansi::Pen,
    link: u32,
}

const PLAIN: Pen = Pen {
    ink: ansi::PLAIN,
    link: 0,
};

impl<W: Write> Backend<W> {
    pub fn new(out: W, fixed: Option<(u16, u16)>) -> Backend<W> {
        Backend {
            out,
            fixed: fixed.map(|(width, height)| Size { width, height }),
            shadow: Vec::new(),
            cols: 0,
            rows: 0,
            cursor_hidden: false,
            links: Grid::default(),
        }
    }

    /// The cells to make OSC 8 hyperlinks in the next frame (none: off).
    pub fn set_links(&mut self, runs: Vec<LinkRun>) {
        self.links.set(runs);
    }

    fn fit_shadow(&mut self, cols: u16, rows: u16) {
        if (cols, rows) != (self.cols, self.rows) {
            self.cols = cols;
            self.rows = rows;
            self.shadow = vec![Some(Cell::default()); cols as usize * rows as usize];
            self.links.resize(cols, rows);
        }
    }

    /// Cells whose hyperlink changes while their content does not: ratatui
    /// sends only changed content, so these are rewritten from the shadow.
    fn relinked(&self) -> Vec<(u16, u16, Cell)> {
        let mut out = Vec::new();
        for i in self.links.changed() {
            if let Some(Some(cell)) = self.shadow.get(i) {
                let (x, y) = (i % self.cols as usize, i / self.cols as usize);
                out.push((x as u16, y as u16, cell.clone()));
            }
        }
        out
    }

    fn at(&self, x: u16, y: u16) -> Option<&Option<Cell>> {
        if x < self.cols && y < self.rows {
            self.shadow
                .get(y as usize * self.cols as usize + x as usize)
        } else {
            None
        }
    }

    fn record(&mut self, x: u16, y: u16, cell: &Cell) {
        if x >= self.cols || y >= self.rows {
            return;
        }
        let row = y as usize * self.cols as usize;
        let i = row + x as usize;
        // Writing over half of a wide glyph blanks its other half on the
        // terminal (and ratatui counts on that, sending nothing for it).
        match &self.shadow[i] {
            None if x > 0 => self.shadow[i - 1] = Some(Cell::default()),
            Some(old) if cols(old) > 1 && x + 1 < self.cols => {
                self.shadow[i + 1] = Some(Cell::default());
            }
            _ => {}
        }
        self.shadow[i] = Some(cell.clone());
        let w = cols(cell);
        self.links.record(x, y, w.min(self.cols - x));
        for i in 1..w.min(self.cols - x) {
            self.shadow[row + (x + i) as usize] = None;
        }
    }

    /// The row's changes written sparsely: a cursor move to each run of
    /// changed cells, except that short gaps are bridged by rewriting the
    /// unchanged cells between (from the shadow).
    fn sparse(&self, y: u16, row: &[(u16, Cell)], mut pen: Pen) -> io::Result<(Vec<u8>, Pen)> {
        let mut out = Vec::new();
        let mut cursor: Option<u16> = None;
        let mut i = 0;
        while let Some((x, cell)) = row.get(i) {
            let (taken, blanks) = self.blank_run(y, &row[i..]);
            // ECH leaves the cursor where it was: a cell after the run
            // costs a cursor move.
            let ech = format!("\x1b[{blanks}X");
            let more = i + taken < row.len();
            if taken > 0 && ech.len() + if more { 8 } else { 0 } < blanks as usize {
                if cursor != Some(*x) {
                    queue!(out, cursor::MoveTo(*x, y))?;
                }
                close_link(&mut out, &mut pen);
                out.extend_from_slice(ansi::sgr(pen.ink, ansi::PLAIN).as_bytes());
                pen.ink = ansi::PLAIN;
                out.extend_from_slice(ech.as_bytes());
                cursor = None;
                i += taken;
                continue;
            }
            i += 1;
            let bridge = match cursor {
                Some(cx) if cx == *x => Some(Vec::new()),
                Some(cx) if cx < *x && x - cx <= MAX_BRIDGE => self.unchanged(y, cx, *x),
                _ => None,
            };
            // Bridged only when cheaper than the move, colours included.
            let mut bridged = None;
            if let Some(cells) = bridge {
                let (mut bytes, mut bpen) = (Vec::new(), pen);
                let mut bx = cursor.unwrap_or(*x);
                for c in &cells {
                    bx += self.put(&mut bytes, c, &mut bpen, bx, y)?;
                }
                let mut moved = Vec::new();
                queue!(moved, cursor::MoveTo(*x, y))?;
                if bytes.len() <= moved.len() {
                    bridged = Some((bytes, bpen));
                }
            }
            match bridged {
                Some((bytes, bpen)) => {
                    out.extend_from_slice(&bytes);
                    pen = bpen;
                }
                None => queue!(out, cursor::MoveTo(*x, y))?,
            }
            cursor = Some(x + self.put(&mut out, cell, &mut pen, *x, y)?);
        }
        close_link(&mut out, &mut pen);
        Ok((out, pen))
    }

    /// A run of plain blanks (no colour, no hyperlink) that `row` starts
    /// with, to erase with ECH rather than write as spaces: how many of
    /// `row`'s cells it takes, and how many columns it spans, across cells
    /// left unchanged that are such blanks already (what was between the
    /// words of a longer text). Erasing takes the current colours, hence
    /// only uncoloured blanks.
    fn blank_run(&self, y: u16, row: &[(u16, Cell)]) -> (usize, u16) {
        let plain = |c: &Cell, x: u16| {
            c.symbol() == " "
                && c.fg == Color::Reset
                && c.bg == Color::Reset
                && c.modifier.is_empty()
                && self.links.at(x, y) == 0
        };
        let Some(&(x0, _)) = row.first() else {
            return (0, 0);
        };
        // Erasing half of a wide glyph clears all of it in xterm, but
        // tmux keeps the other half and the row drifts a cell: such runs
        // are written as spaces instead.
        let half = |x: u16| matches!(self.at(x, y), Some(None));
        if half(x0) {
            return (0, 0);
        }
        let (mut taken, mut end, mut x) = (0, x0, x0);
        while x < self.cols {
            match row.get(taken) {
                Some((cx, cell)) if *cx == x => {
                    if !plain(cell, x) {
                        break;
                    }
                    taken += 1;
                    end = x + 1;
                }
                // Unchanged: part of the run if blank already and there
                // is more of the row to reach.
                Some(_) => match self.at(x, y) {
                    Some(Some(c)) if plain(c, x) => {}
                    _ => break,
                },
                None => break,
            }
            x += 1;
        }
        if half(end) {
            return (0, 0);
        }
        (taken, end - x0)
    }

    /// The row written as one span from its first change to its last, the
    /// unchanged cells in between taken from the shadow: never more than a
    /// repaint of the row. `None` if a wide glyph on screen would be cut.
    fn span(
        &self,
        y: u16,
        row: &[(u16, Cell)],
        mut pen: Pen,
    ) -> io::Result<Option<(Vec<u8>, Pen)>> {
        let (Some((first, _)), Some((last, last_cell))) = (row.first(), row.last()) else {
            return Ok(None);
        };
        let end = last + cols(last_cell);
        let mut out = Vec::new();
        queue!(out, cursor::MoveTo(*first, y))?;
        let mut x = *first;
        let mut changes = row.iter().peekable();
        let blank = Cell::default();
        let mut after_narrow = false;
        while x < end {
            while changes.next_if(|(cx, _)| *cx < x).is_some() {}
            let cell = match changes.peek() {
                Some((cx, cell)) if *cx == x => cell,
                _ => match self.at(x, y) {
                    Some(Some(cell)) => cell,
                    // The right half of a wide glyph whose left half this
                    // span just overwrote: the terminal blanked it.
                    Some(None) if after_narrow => &blank,
                    _ => return Ok(None),
                },
            };
            let w = self.put(&mut out, cell, &mut pen, x, y)?;
            after_narrow = w == 1;
            x += w;
        }
        close_link(&mut out, &mut pen);
        Ok(Some((out, pen)))
    }

    /// The shadow cells that fill columns `from..to` of row `y`, if they can
    /// be rewritten as they are (no wide glyph cut at either end). Column
    /// `from` follows a cell just written: if it was the right half of a
    /// wide glyph, the terminal has blanked it.
    fn unchanged(&self, y: u16, from: u16, to: u16) -> Option<Vec<Cell>> {
        let mut cells = Vec::new();
        let mut x = from;
        let blank = Cell::default();
        while x < to {
            let cell = match self.at(x, y)? {
                Some(cell) => cell,
                None if x == from => &blank,
                None => return None,
            };
            let w = cols(cell);
            if x + w > to {
                return None;
            }
            cells.push(cell.clone());
            x += w;
        }
        Some(cells)
    }
}

impl<W: Write> Backend<W> {
    /// Writes the cell at `(x, y)` (with any style or hyperlink change
    /// first); returns its width.
    fn put(
        &self,
        out: &mut Vec<u8>,
        cell: &Cell,
        pen: &mut Pen,
        x: u16,
        y: u16,
    ) -> io::Result<u16> {
        let next = Pen {
            ink: ansi::Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            },
            link: self.links.at(x, y),
        };
        if next.link != pen.link {
            if pen.link != 0 {
                out.extend_from_slice(b"\x1b]8;;\x1b\\");
            }
            if let Some(url) = self.links.url(next.link) {
                write!(out, "\x1b]8;;{url}\x1b\\")?;
            }
        }
        out.extend_from_slice(ansi::sgr(pen.ink, next.ink).as_bytes());
        *pen = next;
        let w = cols(cell);
        if text::is_ambiguous(cell.symbol()) {
            // Blanks first: a terminal that draws the cluster narrower
            // leaves the rest of its cells as they were.
            out.extend(std::iter::repeat_n(b' ', w as usize));
            queue!(out, cursor::MoveTo(x, y))?;
            let room = (self.cols - x) as usize;
            out.extend_from_slice(within(cell.symbol(), room).as_bytes());
            if x + w < self.cols {
                queue!(out, cursor::MoveTo(x + w, y))?;
            }
        } else {
            out.extend_from_slice(cell.symbol().as_bytes());
        }
        Ok(w)
    }

    /// The screen's cells that a terminal drawing an ambiguous cluster
    /// wider than its cells (`👍🏽` as four columns) covers, to rewrite
    /// after it.
    fn spilled(&self, cells: &[(u16, u16, Cell)]) -> Vec<(u16, u16, Cell)> {
        let mut out = Vec::new();
        for (x, y, cell) in cells {
            if !text::is_ambiguous(cell.symbol()) {
                continue;
            }
            let end = (x + text::widest(cell.symbol()) as u16).min(self.cols);
            for sx in x + cols(cell)..end {
                if let Some(Some(c)) = self.at(sx, *y) {
                    out.push((sx, *y, c.clone()));
                }
            }
        }
        out
    }
}

/// `cluster`, or near the right edge as much of it as a terminal joining
/// nothing draws within `room` columns: drawn past the edge it would wrap
/// onto the next row, or scroll the screen from the last.
fn within(cluster: &str, room: usize) -> &str {
    if text::widest(cluster) <= room {
        return cluster;
    }
    let mut used = 0;
    for (i, c) in cluster.char_indices() {
        used += text::char_width(c);
        if used > room {
            return cluster[..i].trim_end_matches('\u{200D}');
        }
    }
    cluster
}

/// Columns a cell takes (at least one: ratatui's blank cells are " ").
fn cols(cell: &Cell) -> u16 {
    text::width(cell.symbol()).max(1) as u16
}

/// ratatui's changed cells with the shadow's cells to rewrite: ratatui's
/// win where both have a cell, and a shadow cell under the right half of a
/// new wide glyph is dropped (writing it would blank the glyph).
fn merge(mut cells: Vec<(u16, u16, Cell)>, extra: Vec<(u16, u16, Cell)>) -> Vec<(u16, u16, Cell)> {
    cells.extend(extra);
    // A stable sort keeps ratatui's cell before the shadow's at one place.
    cells.sort_by_key(|&(x, y, _)| (y, x));
    let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(cells.len());
    for (x, y, cell) in cells {
        let covered = out
            .last()
            .is_some_and(|(px, py, prev)| *py == y && x < px + cols(prev));
        if !covered {
            out.push((x, y, cell));
        }
    }
    out
}

/// Ends an open hyperlink (at the end of a row: a cursor move must not
/// carry it along).
fn close_link(out: &mut Vec<u8>, pen: &mut Pen) {
    if pen.link != 0 {
        out.extend_from_slice(b"\x1b]8;;\x1b\\");
        pen.link = 0;
    }
}

/// Raw bytes past the cell encoder (OSC 52 clipboard writes): they change
/// nothing on screen, so the shadow stays right.
impl<W: Write> Write for Backend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> RatatuiBackend for Backend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.size()?;
        self.fit_shadow(size.width, size.height);
        self.links.place();
        let mut cells: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        // Always merged, with nothing to add too: ratatui sends the cell
        // behind a VS16 emoji, and writing it would blank the emoji.
        cells = merge(cells, self.relinked());
        let spilled = self.spilled(&cells);
        if !spilled.is_empty() {
            cells = merge(cells, spilled);
        }
        let mut pen = PLAIN;
        let mut row: Vec<(u16, Cell)> = Vec::new();
        let mut content = cells.into_iter().peekable();
        while let Some((x, y, cell)) = content.next() {
            row.push((x, cell));
            if content.peek().is_some_and(|(_, next_y, _)| *next_y == y) {
                continue;
            }
            // The row is complete: send the cheaper of the two encodings.
            let sparse = self.sparse(y, &row, pen)?;
            let (bytes, end_pen) = match self.span(y, &row, pen)? {
                Some(span) if span.0.len() < sparse.0.len() => span,
                _ => sparse,
            };
            self.out.write_all(&bytes)?;
            pen = end_pen;
            for (x, cell) in row.drain(..) {
                self.record(x, y, &cell);
            }
        }
        if pen != PLAIN {
            self.out.write_all(b"\x1b[0m")?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !std::mem::replace(&mut self.cursor_hidden, true) {
            queue!(self.out, cursor::Hide)?;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_hidden = false;
        queue!(self.out, cursor::Show)
    }

    /// Asks the terminal: a round trip. tidings never needs it (it does not
    /// call `Terminal::clear`), but the trait requires an answer.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = cursor::position()?;
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        queue!(self.out, cursor::MoveTo(p.x, p.y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let t = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        // What is on screen is no longer known cell by cell.
        self.cols = 0;
        self.rows = 0;
        queue!(self.out, terminal::Clear(t))
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => terminal::size().map(|(width, height)| Size { width, height }),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let columns_rows = self.size()?;
        Ok(WindowSize {
            columns_rows,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::style::{Modifier, Style};
    use ratatui::text::Line;
    use std::rc::Rc;

    /// Bytes written to go from `before` to `after` (one row, 20 wide).
    fn update(before: Line<'static>, after: Line<'static>) -> String {
        let mut out = Vec::new();
        let mut t = Terminal::new(Backend::new(&mut out, Some((20, 1)))).unwrap();
        t.draw(|f| {
            f.buffer_mut().set_line(0, 0, &before, 20);
        })
        .unwrap();
        t.backend_mut().out.clear();
        t.draw(|f| {
            f.buffer_mut().set_line(0, 0, &after, 20);
        })
        .unwrap();
        String::from_utf8(t.backend_mut().out.clone()).unwrap()
    }

    #[test]
    fn no_erase_ends_inside_a_wide_glyph() {
        // ratatui reports 中's left cell, not its right one: erasing just
        // the left one would leave tmux a cell off. A space goes there.
        let s = update(Line::from("中abcdefghijklmnopqr"), Line::from(""));
        assert!(s.starts_with("\x1b[1;1H \x1b[1;3H\x1b[18X"), "{s:?}");
    }

    #[test]
    fn wide_characters_need_no_cursor_moves() {
        let s = update(Line::from(""), Line::from("中文字符"));
        assert_eq!(s, "\x1b[1;1H中文字符");
    }

    #[test]
    fn short_gaps_are_bridged_long_ones_jump() {
        assert_eq!(
            update(Line::from("aaaa bb"), Line::from("aaaX bY")),
            "\x1b[1;4HX bY"
        );
        let s = update(Line::from("aaaa bbbb cccc"), Line::from("aaaX bbbb cccY"));
        assert_eq!(s, "\x1b[1;4HX\x1b[1;14HY");
    }

    #[test]
    fn a_narrow_cell_over_a_wide_one_leaves_a_blank() {
        // "中" covered columns 0-1; "a" at 0 blanks column 1 on the
        // terminal, so the changes at 0, 4 and 8 still go as one span.
        let s = update(Line::from("中bcdefgh"), Line::from("a bcXefgY"));
        assert_eq!(s, "\x1b[1;1Ha bcXefgY");
    }

    #[test]
    fn ambiguous_clusters_are_written_over_blanks_and_followed_by_a_move() {
        // tmux 3.3 draws the heart one column wide: "b" must still land
        // in column 4, and column 3 must not keep the old "x".
        let s = update(Line::from("axxxx"), Line::from("a❤️b"));
        assert_eq!(s, "\x1b[1;2H  \x1b[1;2H❤️\x1b[1;4Hb ");
        // Plain CJK text right after it is written without moves.
        let s = update(Line::from(""), Line::from("1️⃣中文"));
        assert_eq!(s, "\x1b[1;1H  \x1b[1;1H1️⃣\x1b[1;3H中文");
    }

    #[test]
    fn what_a_wider_drawing_covers_is_rewritten() {
        // A terminal drawing the skin tone apart covers "cd": rewritten,
        // though ratatui sends nothing for them.
        let s = update(Line::from("abcdef"), Line::from("👍🏽cdef"));
        assert_eq!(s, "\x1b[1;1H  \x1b[1;1H👍🏽\x1b[1;3Hcd");
    }

    #[test]
    fn clusters_drawn_apart_never_run_past_the_right_edge() {
        let s = update(Line::from(""), Line::from("a".repeat(18) + "👍🏽"));
        assert!(s.ends_with("a  \x1b[1;19H👍"), "{s:?}");
        let s = update(Line::from(""), Line::from("a".repeat(18) + "👨‍👩‍👧"));
        assert!(s.ends_with("a  \x1b[1;19H👨"), "{s:?}");
    }

    fn run(x: u16, width: u16, url: &str) -> LinkRun {
        LinkRun {
            y: 0,
            x,
            width,
            url: Rc::from(url),
        }
    }

    #[test]
    fn link_runs_become_osc8_hyperlinks_when_on() {
        let line = Line::from("x ab");
        let draw = |on: bool| {
            let mut out = Vec::new();
            let mut t = Terminal::new(Backend::new(&mut out, Some((20, 1)))).unwrap();
            if on {
                t.backend_mut()
                    .set_links(vec![run(2, 2, "https://x.org/a")]);
            }
            t.draw(|f| {
                f.buffer_mut().set_line(0, 0, &line, 20);
            })
            .unwrap();
            String::from_utf8(t.backend_mut().out.clone()).unwrap()
        };
        let on = draw(true);
        assert!(
            on.contains("x \x1b]8;;https://x.org/a\x1b\\ab\x1b]8;;\x1b\\"),
            "{on:?}"
        );
        assert!(!draw(false).contains("]8;"), "off: no hyperlinks");
    }

    #[test]
    fn unchanged_cells_are_rewritten_when_their_link_changes() {
        let mut out = Vec::new();
        let mut t = Terminal::new(Backend::new(&mut out, Some((20, 1)))).unwrap();
        let mut frame = |runs: Vec<LinkRun>| {
            t.backend_mut().out.clear();
            t.backend_mut().set_links(runs);
            t.draw(|f| {
                f.buffer_mut().set_line(0, 0, &Line::from("see 中文"), 20);
            })
            .unwrap();
            String::from_utf8(t.backend_mut().out.clone()).unwrap()
        };
        frame(vec![run(4, 4, "https://a.org")]);
        assert_eq!(
            frame(vec![run(4, 4, "https://b.org")]),
            "\x1b[1;5H\x1b]8;;https://b.org\x1b\\中文\x1b]8;;\x1b\\"
        );
        assert_eq!(frame(vec![run(4, 4, "https://b.org")]), "", "no change");
        assert_eq!(frame(Vec::new()), "\x1b[1;5H中文", "link gone");
    }

    #[test]
    fn long_runs_of_blanks_are_erased_not_written() {
        // What a longer text leaves is erased with ECH.
        let s = update(Line::from("abcdefghijklmnopqrst"), Line::from("a"));
        assert_eq!(s, "\x1b[1;2H\x1b[19X");
        // With a cell after the run, ECH must beat the spaces and a move.
        let s = update(
            Line::from("abcdefghijklmnopqrst"),
            Line::from("a                  t"),
        );
        assert_eq!(s, "\x1b[1;2H\x1b[18X");
        let s = update(
            Line::from("abcdefghijklmnopqrst"),
            Line::from("a          Xmnopqrst"),
        );
        assert_eq!(s, "\x1b[1;2H          X");
        // Coloured blanks are written: erasing would take other colours.
        let red = Style::new().bg(ratatui::style::Color::Red);
        let s = update(
            Line::from("abcdefghijklmnopqrst"),
            Line::styled(" ".repeat(20), red),
        );
        assert!(s.ends_with(&format!("{}\x1b[0m", " ".repeat(20))), "{s:?}");
    }

    #[test]
    fn unchanged_frames_write_nothing_and_styles_are_minimal() {
        assert_eq!(update(Line::from("ab"), Line::from("ab")), "");
        let bold = Style::new().add_modifier(Modifier::BOLD);
        assert_eq!(
            update(Line::from("ab"), Line::styled("ab", bold)),
            "\x1b[1;1H\x1b[1mab\x1b[0m"
        );
    }

    proptest::proptest! {
        /// Whatever two frames follow each other (wide characters, blank
        /// runs, styles), a terminal ends up showing the second.
        #[test]
        fn any_frame_after_any_frame_shows_right(
            a in proptest::collection::vec((0usize..7, proptest::prelude::any::<bool>()), 0..40),
            b in proptest::collection::vec((0usize..7, proptest::prelude::any::<bool>()), 0..40),
        ) {
            const PARTS: [&str; 7] = ["a", "中", " ", "      ", "文字", "b c", "🙂"];
            let line = |v: &[(usize, bool)]| -> Line<'static> {
                Line::from(
                    v.iter()
                        .map(|&(i, bold)| {
                            let style = if bold { Style::new().add_modifier(Modifier::BOLD) } else { Style::new() };
                            ratatui::text::Span::styled(PARTS[i], style)
                        })
                        .collect::<Vec<_>>(),
                )
            };
            let (w, h) = (24u16, 3u16);
            let mut out = Vec::new();
            let mut t = Terminal::new(Backend::new(&mut out, Some((w, h)))).unwrap();
            let frame = |f: &mut ratatui::Frame, l: &Line<'static>| {
                for y in 0..h {
                    f.buffer_mut().set_line(0, y, l, w);
                }
            };
            let (la, lb) = (line(&a), line(&b));
            t.draw(|f| frame(f, &la)).unwrap();
            let want: Vec<String> = {
                let done = t.draw(|f| frame(f, &lb)).unwrap();
                let buf = done.buffer;
                (0..h)
                    .map(|y| {
                        let mut row = String::new();
                        let mut x = 0;
                        while x < w {
                            let sym = buf[(x, y)].symbol();
                            row.push_str(sym);
                            x += (crate::text::width(sym) as u16).max(1);
                        }
                        row.trim_end().to_owned()
                    })
                    .collect()
            };
            let mut vt = vt100::Parser::new(h.try_into().unwrap(), w.try_into().unwrap(), 0);
            vt.process(t.backend_mut().out);
            let got: Vec<String> = vt.screen().rows(0, w).map(|r| r.trim_end().to_owned()).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
