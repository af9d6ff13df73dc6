//! Block quotes and footnotes: both are containers with a prefix on every
//! line (a bar, or the footnote's label then its width in spaces).

use ratatui::text::Span;

use super::Writer;
use crate::text::width;

impl Writer<'_> {
    pub(super) fn start_quote(&mut self) {
        self.start_block();
        let bar = format!("{} ", self.theme.symbols.quote_bar);
        let span = Span::styled(bar, self.theme.quote);
        self.push_container(vec![span.clone()], vec![span]);
    }

    pub(super) fn start_footnote(&mut self, label: &str) {
        self.start_block();
        let label = format!("[^{}] ", self.footnote(label));
        let pad = " ".repeat(width(&label));
        self.push_container(
            vec![Span::styled(label, self.theme.footnote)],
            vec![Span::raw(pad)],
        );
    }

    pub(super) fn footnote_reference(&mut self, label: &str) {
        if self.is_plain() {
            return;
        }
        let n = self.footnote(label);
        self.push(&format!("[^{n}]"), self.theme.footnote);
    }

    /// Footnotes are numbered in the order they are first mentioned.
    fn footnote(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_owned()).or_insert(next)
    }
}
