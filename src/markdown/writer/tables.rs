//! Tables: GFM's cells collect as inline content; an HTML table's cells do
//! too, between its tags. The whole table is laid out by `markdown::table`
//! when it ends.

use pulldown_cmark::{Alignment, TagEnd};

use super::Writer;
use super::blocks::trim_cell;
use crate::markdown::Block;
use crate::markdown::html::Item;
use crate::markdown::table::{self, Row, Slot, Table};

impl Writer<'_> {
    pub(super) fn start_table(&mut self, aligns: Vec<Alignment>) {
        self.start_block();
        self.table = Some(Table {
            aligns,
            ..Table::default()
        });
    }

    pub(super) fn end_table_part(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::TableCell => {
                let cell = trim_cell(std::mem::take(&mut self.inline));
                self.row.push(cell);
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Row {
                        cells: self.row.drain(..).map(Slot::new).collect(),
                        header: tag == TagEnd::TableHead,
                    });
                }
            }
            _ if self.is_plain() => self.plain_table(),
            _ => self.write_table(),
        }
    }

    fn write_table(&mut self) {
        if let Some(t) = self.table.take() {
            for line in table::render(&t, self.content_width(), self.theme) {
                self.emit(line);
            }
        }
        self.need_blank = true;
    }

    /// Plain mode: a row per line, cells apart by a space.
    fn plain_table(&mut self) {
        let Some(t) = self.table.take() else {
            return;
        };
        let text = t
            .rows
            .iter()
            .map(|row| {
                let cells = row
                    .cells
                    .iter()
                    .map(|c| c.content.iter().map(|s| s.content.as_ref()));
                cells.map(String::from_iter).collect::<Vec<_>>().join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        self.plain_block(Block::Other, text.trim());
    }

    /// Whether an HTML table is being read (only articles lay them out;
    /// plain mode reads their cells as text).
    pub(super) fn in_html_table(&self) -> bool {
        self.table.as_ref().is_some_and(|t| t.html.is_some())
    }

    fn nested(&self) -> usize {
        self.table
            .as_ref()
            .and_then(|t| t.html.as_ref())
            .map_or(0, |r| r.nested)
    }

    /// A start tag in an HTML block that builds a table: whether it was one.
    pub(super) fn html_table_open(&mut self, name: &str, attrs: &[(String, String)]) -> bool {
        if self.is_plain() || (self.table.is_some() && !self.in_html_table()) {
            return false;
        }
        if !self.in_html_table() {
            if name != "table" {
                return false;
            }
            self.flush();
            // Text just before, from the same HTML block, is set apart as
            // a paragraph before a table would be (prefixes have no letters).
            let last = self
                .lines
                .last()
                .map(|l| l.spans.iter().flat_map(|s| s.content.chars()));
            self.need_blank |= last.is_some_and(|mut c| c.any(char::is_alphanumeric));
            self.start_block();
            self.table = Some(Table::html());
            return true;
        }
        if self.nested() > 0 {
            match name {
                "table" => self.bump_nested(1),
                "td" | "th" => self.cell_break(false),
                "tr" => self.cell_break(true),
                _ => return false,
            }
            return true;
        }
        match name {
            "table" => {
                self.bump_nested(1);
                self.cell_break(true);
            }
            "tr" => {
                self.close_html_cell();
                self.table_mut().end_row();
            }
            "td" | "th" => {
                self.close_html_cell();
                self.soft_break = false;
                let depth = self.html_open.len();
                self.table_mut()
                    .open_cell(name == "th", |k| Item::attr(attrs, k), depth);
            }
            "thead" | "tbody" | "tfoot" => {
                self.close_html_cell();
                self.table_mut().section(Some(name));
            }
            _ => return false,
        }
        true
    }

    /// An end tag in an HTML block inside a table: whether it was the
    /// table's.
    pub(super) fn html_table_close(&mut self, name: &str) -> bool {
        if !self.in_html_table() {
            return false;
        }
        if self.nested() > 0 {
            if name == "table" {
                self.bump_nested(-1);
            }
            return matches!(
                name,
                "table" | "tr" | "td" | "th" | "thead" | "tbody" | "tfoot"
            );
        }
        match name {
            "td" | "th" => self.close_html_cell(),
            "tr" => {
                self.close_html_cell();
                self.table_mut().end_row();
            }
            "thead" | "tbody" | "tfoot" => {
                self.close_html_cell();
                self.table_mut().section(None);
            }
            "caption" => self.flush(),
            "table" => self.end_html_table(),
            _ => return false,
        }
        true
    }

    /// Lays out the HTML table being read, whatever it left unclosed.
    pub(super) fn end_html_table(&mut self) {
        self.close_html_cell();
        self.table_mut().finish();
        self.write_table();
    }

    /// A line break inside a cell, where a block element (`<p>`, `<div>`, a
    /// nested row) would start a new line; nothing at a cell's start. With
    /// `line` false, a space will do.
    pub(super) fn cell_break(&mut self, line: bool) {
        let last = self.inline.last().map(|s| s.content.as_ref());
        if last.is_none() || last == Some("\n") {
            return;
        }
        if line {
            self.hard_break();
        } else {
            self.soft_break = true;
        }
    }

    fn close_html_cell(&mut self) {
        let Some(depth) = self.table.as_ref().and_then(Table::cell_depth) else {
            return;
        };
        self.close_html_tags(depth);
        let content = trim_cell(std::mem::take(&mut self.inline));
        self.soft_break = false;
        self.table_mut().close_cell(content);
    }

    fn bump_nested(&mut self, by: isize) {
        if let Some(r) = self.table.as_mut().and_then(|t| t.html.as_mut()) {
            r.nested = r.nested.saturating_add_signed(by);
        }
    }

    fn table_mut(&mut self) -> &mut Table {
        self.table.get_or_insert_with(Table::html)
    }
}
