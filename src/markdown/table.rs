//! Tables, from GFM or from HTML: columns sized by display width, cells
//! wrapped inside their column (or columns, for a cell that spans several),
//! and a stacked "header: value" form when the columns cannot fit.

use pulldown_cmark::Alignment;
use ratatui::text::Span;

use super::cjk_emphasis::is_cjk;
use super::table_draw::{grid, stacked};
use super::{Theme, html_table};
use crate::text::width;

pub type Cell = Vec<Span<'static>>;

/// One cell as written: its content and how many columns and rows it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub content: Cell,
    pub cols: usize,
    pub rows: usize,
    /// An HTML `<th>`: styled as a header wherever it stands.
    pub header: bool,
    /// An HTML cell's own `align`; GFM aligns whole columns instead.
    pub align: Alignment,
}

impl Slot {
    pub fn new(content: Cell) -> Slot {
        Slot {
            content,
            cols: 1,
            rows: 1,
            header: false,
            align: Alignment::None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Slot>,
    /// A header row (GFM's first row, HTML's `<thead>` or all-`<th>` rows).
    pub header: bool,
}

#[derive(Debug, Default)]
pub struct Table {
    pub aligns: Vec<Alignment>,
    pub rows: Vec<Row>,
    /// Set while an HTML table is being read: where its tags have got to.
    pub html: Option<html_table::Reading>,
}

/// A cell placed on the grid: `content` is `None` where a cell from a row
/// above reaches down (`rowspan`), which is drawn empty.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed<'a> {
    pub col: usize,
    pub cols: usize,
    pub content: Option<&'a Cell>,
    pub header: bool,
    pub align: Alignment,
    /// Covered by a cell above that spans rows.
    pub below_span: bool,
}

/// Bounds on spans, as hostile posts write `colspan=100000`.
const MAX_COLS: usize = 64;
const MAX_ROWS: usize = 1000;
/// Past this column spans are ignored: no pane shows a grid this wide, and
/// spans pushing cells ever further right would make rows cost ever more.
const MAX_GRID: usize = 400;
/// Narrowest a column is squeezed to.
const MIN_COL: usize = 6;
/// Widest a single word may force a column to be.
const LONG_WORD: usize = 30;

pub fn render(table: &Table, max: usize, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let mut placed = place(&table.rows);
    let n = placed
        .iter()
        .flat_map(|r| r.last().map(|p| p.col + p.cols))
        .max()
        .unwrap_or(0);
    if n == 0 {
        return Vec::new();
    }
    let overhead = 3 * n + 1;
    if overhead >= max {
        return stacked(table, &placed, max, theme);
    }
    pad(&mut placed, &table.rows, n);
    let natural = needs(&placed, n, cell_width, 1);
    let words = needs(&placed, n, longest_word, 0);
    match fit(&natural, &words, max - overhead) {
        Some(widths) => grid(table, &placed, &widths, theme),
        None => stacked(table, &placed, max, theme),
    }
}

/// Lays the rows out on a grid: each row's cells in column order, with an
/// empty cell where a cell above reaches down into the row (`rowspan`).
pub(super) fn place(rows: &[Row]) -> Vec<Vec<Placed<'_>>> {
    // Per column: rows still covered from above, and by which cell.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut owner = 0;
    for row in rows {
        let mut line = Vec::new();
        let mut col = skip_covered(&mut covered, &mut line, 0);
        for cell in &row.cells {
            // Past what any screen could show as a grid, spans are
            // ignored, so hostile spans cannot make the grid huge.
            let spans = col < MAX_GRID;
            let cols = if spans {
                cell.cols.clamp(1, MAX_COLS)
            } else {
                1
            };
            let left = if spans {
                cell.rows.clamp(1, MAX_ROWS) - 1
            } else {
                0
            };
            if left > 0 {
                owner += 1;
                covered.resize(covered.len().max(col + cols), (0, 0));
                covered[col..col + cols].fill((left, owner));
            } else if col < covered.len() {
                let end = covered.len().min(col + cols);
                covered[col..end].fill((0, 0));
            }
            line.push(Placed {
                col,
                cols,
                content: Some(&cell.content),
                header: cell.header || row.header,
                align: cell.align,
                below_span: false,
            });
            col = skip_covered(&mut covered, &mut line, col + cols);
        }
        while col < covered.len() {
            col = skip_covered(&mut covered, &mut line, col + 1);
        }
        out.push(line);
    }
    out
}

/// Fills each row out to `n` columns with empty cells.
fn pad(placed: &mut [Vec<Placed<'_>>], rows: &[Row], n: usize) {
    for (line, row) in placed.iter_mut().zip(rows) {
        let mut col = 0;
        let mut padded = Vec::with_capacity(n);
        for p in line.drain(..) {
            padded.extend((col..p.col).map(|c| empty(c, row.header)));
            col = p.col + p.cols;
            padded.push(p);
        }
        padded.extend((col..n).map(|c| empty(c, row.header)));
        *line = padded;
    }
}

/// Steps `col` past the columns a cell above still covers, placing an empty
/// cell for each covering cell, and counts those rows down.
fn skip_covered(
    covered: &mut [(usize, usize)],
    line: &mut Vec<Placed<'_>>,
    mut col: usize,
) -> usize {
    while let Some(&(left, owner)) = covered.get(col).filter(|c| c.0 > 0) {
        let start = col;
        while covered.get(col).is_some_and(|&c| c == (left, owner)) {
            covered[col].0 -= 1;
            col += 1;
        }
        line.push(Placed {
            col: start,
            cols: col - start,
            content: None,
            header: false,
            align: Alignment::None,
            below_span: true,
        });
    }
    col
}

fn empty<'a>(col: usize, header: bool) -> Placed<'a> {
    Placed {
        col,
        cols: 1,
        content: None,
        header,
        align: Alignment::None,
        below_span: false,
    }
}

/// Per column, the most any cell needs (`measure`, at least `least`). A
/// cell spanning columns that need less than it does shares the shortfall
/// out among them.
fn needs(
    placed: &[Vec<Placed>],
    n: usize,
    measure: fn(&Cell) -> usize,
    least: usize,
) -> Vec<usize> {
    let mut need = vec![least; n];
    let cells = || {
        placed
            .iter()
            .flatten()
            .filter_map(|p| Some((p, p.content?)))
    };
    for (p, c) in cells().filter(|(p, _)| p.cols == 1) {
        need[p.col] = need[p.col].max(measure(c));
    }
    let mut wide: Vec<_> = cells().filter(|(p, _)| p.cols > 1).collect();
    wide.sort_by_key(|(p, _)| p.cols);
    for (p, c) in wide {
        let span = &mut need[p.col..p.col + p.cols];
        let have = span.iter().sum::<usize>() + 3 * (p.cols - 1);
        let short = measure(c).saturating_sub(have);
        for (i, w) in span.iter_mut().enumerate() {
            *w += short / p.cols + usize::from(i < short % p.cols);
        }
    }
    need
}

/// The widest run that may not be broken (no space, no CJK character, which
/// can break anywhere): what a column needs to split no word.
fn longest_word(cell: &Cell) -> usize {
    let text: String = cell.iter().map(|s| s.content.as_ref()).collect();
    text.split(|c: char| c.is_whitespace() || is_cjk(c))
        .map(width)
        .max()
        .unwrap_or(0)
}

fn cell_width(cell: &Cell) -> usize {
    let text: String = cell.iter().map(|s| s.content.as_ref()).collect();
    text.split('\n').map(width).max().unwrap_or(0)
}

/// Column widths within `avail`: natural widths when they fit; else each
/// column keeps its longest word whole (a very long word such as a URL
/// counts as `LONG_WORD`, as it breaks anyway) and the rest is shared in
/// proportion to what each column is missing. `None` when words would have
/// to be split: stacked rows read better than broken words.
fn fit(natural: &[usize], words: &[usize], avail: usize) -> Option<Vec<usize>> {
    if natural.iter().sum::<usize>() <= avail {
        return Some(natural.to_vec());
    }
    let min: Vec<usize> = natural
        .iter()
        .zip(words)
        .map(|(&n, &w)| n.min(w.clamp(MIN_COL, LONG_WORD)))
        .collect();
    let floor: usize = min.iter().sum();
    if floor > avail {
        return None;
    }
    let spare = avail - floor;
    let missing: Vec<usize> = natural.iter().zip(&min).map(|(n, m)| n - m).collect();
    let total: usize = missing.iter().sum();
    let mut widths: Vec<usize> = min
        .iter()
        .zip(&missing)
        .map(|(m, d)| m + spare * d / total.max(1))
        .collect();
    let mut left = avail - widths.iter().sum::<usize>();
    for (w, n) in widths.iter_mut().zip(natural) {
        let add = left.min(n - *w);
        *w += add;
        left -= add;
    }
    Some(widths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(s: &str) -> Cell {
        vec![Span::raw(s.to_owned())]
    }

    fn row(cells: &[&str], header: bool) -> Row {
        Row {
            cells: cells.iter().map(|c| Slot::new(cell(c))).collect(),
            header,
        }
    }

    fn text(lines: &[Vec<Span<'static>>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn table() -> Table {
        Table {
            aligns: vec![Alignment::Left, Alignment::Right],
            rows: vec![
                row(&["SIG 名称", "成员数"], true),
                row(&["工具链", "27"], false),
                row(&["SQLEngine", "38"], false),
            ],
            html: None,
        }
    }

    #[test]
    fn columns_sized_by_display_width() {
        let lines = text(&render(&table(), 80, &Theme::default()));
        assert_eq!(
            lines,
            [
                "┌───────────┬────────┐",
                "│ SIG 名称  │ 成员数 │",
                "├───────────┼────────┤",
                "│ 工具链    │     27 │",
                "│ SQLEngine │     38 │",
                "└───────────┴────────┘",
            ]
        );
    }

    #[test]
    fn cells_wrap_inside_narrow_columns() {
        let t = Table {
            aligns: vec![Alignment::None; 2],
            rows: vec![
                row(&["资源", "地址"], true),
                row(&["官网", "https://kestrel.example.org/zh/"], false),
            ],
            html: None,
        };
        let lines = text(&render(&t, 24, &Theme::default()));
        assert!(lines.iter().all(|l| width(l) <= 24), "{lines:#?}");
        let joined: String = lines.concat().replace(['│', ' '], "");
        assert!(joined.contains("https://kestrel"), "{lines:#?}");
    }

    #[test]
    fn too_narrow_stacks_rows() {
        let lines = text(&render(&table(), 18, &Theme::default()));
        assert_eq!(
            lines,
            [
                "SIG 名称: 工具链",
                "成员数: 27",
                "",
                "SIG 名称:",
                "SQLEngine",
                "成员数: 38"
            ]
        );
    }

    #[test]
    fn spans_take_combined_columns_and_leave_gaps_below() {
        let mut t = table();
        t.rows[1].cells[0].rows = 2;
        t.rows[2].cells.truncate(1);
        t.rows.push(row(&["合计 across both", ""], false));
        t.rows[3].cells.truncate(1);
        t.rows[3].cells[0].cols = 2;
        let lines = text(&render(&t, 80, &Theme::default()));
        assert_eq!(
            lines,
            [
                "┌──────────┬───────────┐",
                "│ SIG 名称 │    成员数 │",
                "├──────────┼───────────┤",
                "│ 工具链   │        27 │",
                "│          ├───────────┤",
                "│          │ SQLEngine │",
                "├──────────┴───────────┤",
                "│ 合计 across both     │",
                "└──────────────────────┘",
            ]
        );
    }
}
