//! Ordered, bulleted and task lists: each item is a container whose first
//! line carries the marker and whose other lines are indented under it.

use ratatui::text::Span;

use super::Writer;
use crate::text::width;

impl Writer<'_> {
    pub(super) fn start_list(&mut self, start: Option<u64>) {
        self.flush();
        if self.lists.is_empty() {
            self.start_block();
        }
        self.lists.push(start);
    }

    pub(super) fn end_list(&mut self) {
        self.flush();
        self.lists.pop();
        if self.lists.is_empty() {
            self.need_blank = true;
        }
    }

    pub(super) fn start_item(&mut self) {
        self.start_block();
        let depth = self.lists.len().saturating_sub(1);
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                *n += 1;
                format!("{}. ", *n - 1)
            }
            _ => format!("{} ", self.theme.symbols.bullets[depth % 3]),
        };
        let pad = " ".repeat(width(&marker));
        self.push_container(
            vec![Span::styled(marker, self.theme.list_marker)],
            vec![Span::raw(pad)],
        );
    }

    pub(super) fn task_marker(&mut self, done: bool) {
        if self.is_plain() {
            return;
        }
        let sym = &self.theme.symbols;
        let mark = if done { sym.task_done } else { sym.task_open };
        self.inline
            .push(Span::styled(format!("{mark} "), self.theme.list_marker));
    }
}
