//! Plain mode: the same events, parser and sanitizing as an article, read
//! out as the text a reader sees, block by block, with no wrapping, styles,
//! link numbers or markers. Summaries and search use it, so what they show
//! or match is what the article shows.

use std::ops::ControlFlow;

use super::Writer;
use crate::markdown::{Block, PlainOptions};

pub(super) type Visit<'a> = &'a mut dyn FnMut(Block, &str) -> ControlFlow<()>;

pub(super) struct Plain<'a> {
    images: bool,
    limit: usize,
    /// Characters handed out in finished blocks and collected in the open one.
    taken: usize,
    /// What the open block is, for the visitor.
    kind: Block,
    stop: bool,
    visit: Visit<'a>,
}

impl<'a> Plain<'a> {
    pub(super) fn new(opts: &PlainOptions, visit: Visit<'a>) -> Plain<'a> {
        Plain {
            images: opts.images,
            limit: opts.limit,
            taken: 0,
            kind: Block::Other,
            stop: opts.limit == 0,
            visit,
        }
    }
}

impl Writer<'_> {
    pub(super) fn is_plain(&self) -> bool {
        self.plain.is_some()
    }

    /// Whether the reader has all it asked for: the rest is not parsed.
    pub(super) fn stopped(&self) -> bool {
        self.plain.as_ref().is_some_and(|p| p.stop)
    }

    pub(super) fn plain_images(&self) -> bool {
        self.plain.as_ref().is_some_and(|p| p.images)
    }

    /// Names the block whose inline content is collected next.
    pub(super) fn plain_kind(&mut self, kind: Block) {
        if let Some(p) = &mut self.plain {
            p.kind = kind;
        }
    }

    /// Counts text collected, stopping once the limit is reached.
    pub(super) fn plain_count(&mut self, text: &str) {
        if let Some(p) = self.plain.as_mut().filter(|p| p.limit != usize::MAX) {
            p.taken += text.chars().count();
            p.stop |= p.taken >= p.limit;
        }
    }

    /// Hands the collected inline content to the visitor as one block.
    pub(super) fn plain_flush(&mut self) {
        let text: String = self.inline.drain(..).map(|s| s.content).collect();
        let kind = self.plain.as_ref().map_or(Block::Other, |p| p.kind);
        self.plain_block(kind, text.trim_matches([' ', '\n']));
        self.plain_kind(Block::Other);
    }

    /// Hands a block to the visitor. Text not collected as inline content
    /// (code, a table) is counted by the caller.
    pub(super) fn plain_block(&mut self, kind: Block, text: &str) {
        let Some(p) = &mut self.plain else {
            return;
        };
        if text.is_empty() {
            return;
        }
        if (p.visit)(kind, text).is_break() {
            p.stop = true;
        }
    }
}
