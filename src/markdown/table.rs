//! GFM tables: columns sized by display width, cells wrapped inside their
//! column, and a stacked "header: value" form when the columns cannot fit.

use pulldown_cmark::Alignment;
use ratatui::text::Span;

use super::Theme;
use super::cjk_emphasis::is_cjk;
use super::wrap::wrap_spans;
use crate::text::width;

pub type Cell = Vec<Span<'static>>;

#[derive(Debug, Default)]
pub struct Table {
    pub aligns: Vec<Alignment>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

/// Narrowest a column is squeezed to.
const MIN_COL: usize = 6;
/// Widest a single word may force a column to be.
const LONG_WORD: usize = 30;

pub fn render(table: &Table, max: usize, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let n = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    if n == 0 {
        return Vec::new();
    }
    let natural: Vec<usize> = (0..n)
        .map(|c| {
            std::iter::once(&table.header)
                .chain(&table.rows)
                .filter_map(|row| row.get(c))
                .map(cell_width)
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let words: Vec<usize> = (0..n)
        .map(|c| {
            std::iter::once(&table.header)
                .chain(&table.rows)
                .filter_map(|row| row.get(c))
                .map(longest_word)
                .max()
                .unwrap_or(0)
        })
        .collect();
    let overhead = 3 * n + 1;
    match fit(&natural, &words, max.saturating_sub(overhead)) {
        Some(widths) => grid(table, &widths, theme),
        None => stacked(table, max, theme),
    }
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

fn grid(table: &Table, widths: &[usize], theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let sym = &theme.symbols;
    let border = |l: &str, m: &str, r: &str| {
        let mut s = String::from(l);
        for (i, w) in widths.iter().enumerate() {
            s.push_str(&sym.h.repeat(w + 2));
            s.push_str(if i + 1 == widths.len() { r } else { m });
        }
        vec![Span::styled(s, theme.table_border)]
    };
    let j = &sym.joints;
    let mut out = vec![border(j[0], j[1], j[2])];
    if !table.header.is_empty() {
        let header: Vec<Cell> = table
            .header
            .iter()
            .map(|c| {
                c.iter()
                    .map(|s| Span::styled(s.content.clone(), theme.table_header.patch(s.style)))
                    .collect()
            })
            .collect();
        out.extend(row_lines(&header, &table.aligns, widths, theme));
        out.push(border(j[3], j[4], j[5]));
    }
    for row in &table.rows {
        out.extend(row_lines(row, &table.aligns, widths, theme));
    }
    out.push(border(j[6], j[7], j[8]));
    out
}

fn row_lines(
    row: &[Cell],
    aligns: &[Alignment],
    widths: &[usize],
    theme: &Theme,
) -> Vec<Vec<Span<'static>>> {
    let empty = Cell::new();
    let wrapped: Vec<Vec<Vec<Span<'static>>>> = widths
        .iter()
        .enumerate()
        .map(|(c, &w)| wrap_spans(row.get(c).unwrap_or(&empty), w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let bar = || Span::styled(theme.symbols.v.to_owned(), theme.table_border);
    (0..height)
        .map(|i| {
            let mut line = vec![bar()];
            for (c, &w) in widths.iter().enumerate() {
                let content = wrapped[c].get(i).cloned().unwrap_or_default();
                let used: usize = content.iter().map(|s| width(&s.content)).sum();
                let gap = w.saturating_sub(used);
                let (l, r) = match aligns.get(c) {
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

/// One block per row: `header: value` lines, rows apart by a blank line.
fn stacked(table: &Table, max: usize, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let mut out = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        if r > 0 {
            out.push(Vec::new());
        }
        for (c, cell) in row.iter().enumerate() {
            let mut spans = Vec::new();
            if let Some(h) = table.header.get(c) {
                let name: String = h.iter().map(|s| s.content.as_ref()).collect();
                if !name.trim().is_empty() {
                    spans.push(Span::styled(
                        format!("{}: ", name.trim()),
                        theme.table_header,
                    ));
                }
            }
            spans.extend(cell.iter().cloned());
            out.extend(wrap_spans(&spans, max));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(s: &str) -> Cell {
        vec![Span::raw(s.to_owned())]
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
            header: vec![cell("SIG 名称"), cell("成员数")],
            rows: vec![
                vec![cell("工具链"), cell("27")],
                vec![cell("SQLEngine"), cell("38")],
            ],
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
            header: vec![cell("资源"), cell("地址")],
            rows: vec![vec![cell("官网"), cell("https://kestrel.example.org/zh/")]],
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
}
