//! An HTML `<table>` as its tags arrive, forgiving the way browsers are:
//! a `<td>` or `<tr>` closes the one before it, `</table>` closes them all,
//! and `<tfoot>` rows go last wherever they were written.

use pulldown_cmark::Alignment;

use super::table::{Cell, Row, Slot, Table};

#[derive(Debug, Default)]
pub struct Reading {
    section: Section,
    row: Option<Row>,
    cell: Option<Opened>,
    foot: Vec<Row>,
    /// Tables inside this one's cells: their cells run into the outer cell.
    pub nested: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Section {
    Head,
    #[default]
    Body,
    Foot,
}

#[derive(Debug)]
struct Opened {
    header: bool,
    cols: usize,
    rows: usize,
    align: Alignment,
    /// How many inline HTML tags were open before the cell: the ones opened
    /// inside it are closed with it.
    depth: usize,
}

impl Table {
    pub fn html() -> Table {
        Table {
            html: Some(Reading::default()),
            ..Table::default()
        }
    }

    fn reading(&mut self) -> &mut Reading {
        self.html.get_or_insert_with(Reading::default)
    }

    /// Opens a `<td>` (or `<th>`), its spans read from `attr`.
    pub fn open_cell<'a>(
        &mut self,
        header: bool,
        attr: impl Fn(&str) -> Option<&'a str>,
        depth: usize,
    ) {
        let span = |k| attr(k).map_or(1, |v| number(v).max(1));
        let r = self.reading();
        r.row.get_or_insert_with(Row::default);
        r.cell = Some(Opened {
            header,
            cols: span("colspan"),
            rows: span("rowspan"),
            align: align_of(attr("align"), attr("style")),
            depth,
        });
    }

    /// The depth the open cell was opened at, if one is open.
    pub fn cell_depth(&self) -> Option<usize> {
        self.html.as_ref()?.cell.as_ref().map(|c| c.depth)
    }

    pub fn close_cell(&mut self, content: Cell) {
        let r = self.reading();
        let Some(c) = r.cell.take() else {
            return;
        };
        r.row.get_or_insert_with(Row::default).cells.push(Slot {
            content,
            cols: c.cols,
            rows: c.rows,
            header: c.header,
            align: c.align,
        });
    }

    /// Ends the open row (its cell must be closed first).
    pub fn end_row(&mut self) {
        let r = self.reading();
        let Some(mut row) = r.row.take() else {
            return;
        };
        if row.cells.is_empty() {
            return;
        }
        let section = r.section;
        let all_th = row.cells.iter().all(|c| c.header);
        match section {
            Section::Foot => r.foot.push(row),
            _ => {
                let top = self.rows.iter().all(|r| r.header);
                row.header = section == Section::Head || (all_th && top);
                self.rows.push(row);
            }
        }
    }

    /// `<thead>`, `<tbody>` or `<tfoot>` opens (`None` when one closes).
    pub fn section(&mut self, name: Option<&str>) {
        self.end_row();
        self.reading().section = match name {
            Some("thead") => Section::Head,
            Some("tfoot") => Section::Foot,
            _ => Section::Body,
        };
    }

    /// The table as read: no longer reading, footer rows last.
    pub fn finish(&mut self) {
        self.end_row();
        if let Some(r) = self.html.take() {
            self.rows.extend(r.foot);
        }
    }
}

/// A cell's `align="right"`, or `text-align: right` in its style.
fn align_of(align: Option<&str>, style: Option<&str>) -> Alignment {
    let style = style.map(|s| s.to_ascii_lowercase().replace(' ', ""));
    let from_style = style
        .as_deref()
        .and_then(|s| s.split(';').find_map(|d| d.strip_prefix("text-align:")));
    match align
        .or(from_style)
        .map(|a| a.trim().to_ascii_lowercase())
        .as_deref()
    {
        Some("right") => Alignment::Right,
        Some("center") => Alignment::Center,
        Some("left") => Alignment::Left,
        _ => Alignment::None,
    }
}

/// The leading digits of an attribute value (`"2"`, ` 3;`), else 0.
fn number(v: &str) -> usize {
    let v = v.trim();
    let end = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
    v[..end].parse().unwrap_or(0)
}
