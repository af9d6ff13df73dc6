//! Drawing a table once its column widths are known: the bordered grid, or
//! the stacked "header: value" rows when no widths fit.

use pulldown_cmark::Alignment;
use ratatui::text::Span;

use super::Theme;
use super::table::{Cell, Placed, Table};
use super::wrap::wrap_spans;
use crate::text::width;

type Lines = Vec<Vec<Span<'static>>>;

/// Header rows at the top: styled as headers and ruled off from the body.
fn head_len(table: &Table) -> usize {
    table.rows.iter().take_while(|r| r.header).count()
}

/// The grid. A table whose cells span rows or columns gets a rule between
/// every two rows, or which cells are merged could not be told.
pub(super) fn grid(
    table: &Table,
    placed: &[Vec<Placed>],
    widths: &[usize],
    theme: &Theme,
) -> Lines {
    let head = head_len(table);
    let ruled = placed.iter().flatten().any(|p| p.cols > 1 || p.below_span);
    let mut out = vec![border(None, placed.first(), widths, theme)];
    for (i, row) in placed.iter().enumerate() {
        out.extend(row_lines(row, &table.aligns, widths, theme));
        if (ruled || i + 1 == head) && i + 1 < placed.len() {
            out.push(border(Some(row), placed.get(i + 1), widths, theme));
        }
    }
    out.push(border(placed.last(), None, widths, theme));
    out
}

/// A horizontal rule between two rows (or above the first, below the last).
/// Column edges meet it from above and below only where cells part, and it
/// stops short of a cell that carries on into the row below.
fn border(
    above: Option<&Vec<Placed>>,
    below: Option<&Vec<Placed>>,
    widths: &[usize],
    theme: &Theme,
) -> Vec<Span<'static>> {
    let n = widths.len();
    let edge = |row: Option<&Vec<Placed>>, b: usize| {
        row.is_some_and(|r| b == 0 || b == n || r.iter().any(|p| p.col == b))
    };
    let drawn = |c: usize| {
        !below.is_some_and(|r| {
            r.iter()
                .any(|p| p.below_span && p.col <= c && c < p.col + p.cols)
        })
    };
    let mut s = String::new();
    for b in 0..=n {
        let left = b > 0 && drawn(b - 1);
        let right = b < n && drawn(b);
        s.push_str(joint(edge(above, b), edge(below, b), left, right, theme));
        if let Some(w) = widths.get(b) {
            let piece = if right { theme.symbols.h } else { " " };
            s.push_str(&piece.repeat(w + 2));
        }
    }
    vec![Span::styled(s, theme.table_border)]
}

/// The box-drawing piece where lines from up, down, left and right meet.
fn joint(up: bool, down: bool, left: bool, right: bool, theme: &Theme) -> &'static str {
    let (h, v, j) = (theme.symbols.h, theme.symbols.v, &theme.symbols.joints);
    match (up, down, left, right) {
        (true, true, true, true) => j[4],
        (true, true, false, true) => j[3],
        (true, true, true, false) => j[5],
        (true, true, false, false) | (true, false, false, false) | (false, true, false, false) => v,
        (false, true, true, true) => j[1],
        (true, false, true, true) => j[7],
        (false, true, false, true) => j[0],
        (false, true, true, false) => j[2],
        (true, false, false, true) => j[6],
        (true, false, true, false) => j[8],
        (false, false, false, false) => " ",
        (false, false, _, _) => h,
    }
}

fn row_lines(row: &[Placed], aligns: &[Alignment], widths: &[usize], theme: &Theme) -> Lines {
    let empty = Cell::new();
    let cells: Vec<(usize, Lines)> = row
        .iter()
        .map(|p| {
            let w = widths[p.col..p.col + p.cols].iter().sum::<usize>() + 3 * (p.cols - 1);
            let content = p.content.unwrap_or(&empty);
            let content = if p.header {
                as_header(content, theme)
            } else {
                content.clone()
            };
            (w, wrap_spans(&content, w))
        })
        .collect();
    let height = cells.iter().map(|(_, l)| l.len()).max().unwrap_or(1);
    let bar = || Span::styled(theme.symbols.v.to_owned(), theme.table_border);
    (0..height)
        .map(|i| {
            let mut line = vec![bar()];
            for (p, (w, wrapped)) in row.iter().zip(&cells) {
                let content = wrapped.get(i).cloned().unwrap_or_default();
                let used: usize = content.iter().map(|s| width(&s.content)).sum();
                let gap = w.saturating_sub(used);
                let align = match p.align {
                    Alignment::None => aligns.get(p.col),
                    ref own => Some(own),
                };
                let (l, r) = match align {
                    Some(Alignment::Right) => (gap, 0),
                    Some(Alignment::Center) => (gap / 2, gap - gap / 2),
                    _ => (0, gap),
                };
                line.push(Span::raw(" ".repeat(l + 1)));
                line.extend(content);
                line.push(Span::raw(" ".repeat(r + 1)));
                line.push(bar());
            }
            line
        })
        .collect()
}

fn as_header(cell: &Cell, theme: &Theme) -> Cell {
    cell.iter()
        .map(|s| Span::styled(s.content.clone(), theme.table_header.patch(s.style)))
        .collect()
}

/// One block per body row: `header: value` lines, rows apart by a blank
/// line. Each value is named by the last header row's cell above it; cells
/// a rowspan covers are left out. A table of header rows only is all body.
pub(super) fn stacked(table: &Table, placed: &[Vec<Placed>], max: usize, theme: &Theme) -> Lines {
    let head = match head_len(table) {
        n if n == placed.len() => 0,
        n => n,
    };
    let names = head.checked_sub(1).map(|i| &placed[i]);
    let name_of = |col: usize| -> String {
        let cell = names.and_then(|r| r.iter().find(|p| p.col <= col && col < p.col + p.cols));
        let text: String = cell
            .and_then(|p| p.content)
            .map(|c| c.iter().map(|s| s.content.as_ref()).collect())
            .unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut out = Vec::new();
    for (r, row) in placed[head..].iter().enumerate() {
        if r > 0 {
            out.push(Vec::new());
        }
        for p in row {
            let Some(content) = p.content else { continue };
            let mut spans = Vec::new();
            let name = name_of(p.col);
            if !name.is_empty() {
                spans.push(Span::styled(format!("{name}: "), theme.table_header));
            }
            if p.header {
                spans.extend(as_header(content, theme));
            } else {
                spans.extend(content.iter().cloned());
            }
            out.extend(wrap_spans(&spans, max));
        }
    }
    out
}
