//! GFM tables: cells collect as inline content, and the whole table is
//! laid out by `markdown::table` when it ends.

use pulldown_cmark::{Alignment, TagEnd};

use super::Writer;
use super::blocks::trim_cell;
use crate::markdown::Block;
use crate::markdown::table::{self, Table};

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
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut self.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(std::mem::take(&mut self.row));
                }
            }
            _ if self.is_plain() => self.plain_table(),
            _ => {
                if let Some(t) = self.table.take() {
                    for line in table::render(&t, self.content_width(), self.theme) {
                        self.emit(line);
                    }
                }
                self.need_blank = true;
            }
        }
    }

    /// Plain mode: a row per line, cells apart by a space.
    fn plain_table(&mut self) {
        let Some(t) = self.table.take() else {
            return;
        };
        let text = std::iter::once(&t.header)
            .chain(&t.rows)
            .map(|row| {
                let cells = row.iter().map(|c| c.iter().map(|s| s.content.as_ref()));
                cells.map(String::from_iter).collect::<Vec<_>>().join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        self.plain_block(Block::Other, text.trim());
    }
}
