//! The text a reader sees, for list summaries and search: the article's
//! pipeline in plain mode (see `writer/plain.rs`), with no layout.

use std::ops::ControlFlow;

use super::{Theme, writer};

/// What [`plain`] reads out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainOptions {
    /// Stop once this many characters are collected (`usize::MAX`: all).
    pub limit: usize,
    /// Images as their alt text, else their file name; `false` leaves them
    /// out (a summary that would otherwise start with `banner.png`).
    pub images: bool,
}

impl Default for PlainOptions {
    fn default() -> PlainOptions {
        PlainOptions {
            limit: usize::MAX,
            images: true,
        }
    }
}

/// The kind of block [`plain_blocks`] hands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Heading(u8),
    /// A Markdown paragraph (not an HTML block, list item text or table).
    Paragraph,
    Other,
}

/// The text a reader sees in `markdown`: through the same parser, CJK
/// emphasis pass, HTML handling and sanitizing as [`render`], but with no
/// markup, link numbers, URLs or placeholders' words. A block per line (a
/// code block or table may take several); at most `opts.limit` characters.
pub fn plain(markdown: &str, opts: &PlainOptions) -> String {
    // The parser reads the whole text before the first event, so a short
    // read parses a prefix cut at a blank line (blocks parse as in the whole
    // text; a link reference defined further on is missed), then a longer
    // one if that held too little.
    let first = opts.limit.saturating_mul(16).max(4 << 10);
    let mut out = String::new();
    for limit in [first, first.saturating_mul(16), usize::MAX] {
        let part = prefix(markdown, limit);
        out = plain_all(part, opts);
        if part.len() == markdown.len() || out.chars().count() >= opts.limit {
            break;
        }
    }
    out
}

fn plain_all(markdown: &str, opts: &PlainOptions) -> String {
    let mut out = String::new();
    let mut chars = 0;
    plain_blocks(markdown, opts, &mut |_, text| {
        if !out.is_empty() {
            out.push('\n');
            chars += 1;
        }
        out.push_str(text);
        chars += text.chars().count();
        if chars >= opts.limit {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    if chars > opts.limit {
        let end = out
            .char_indices()
            .nth(opts.limit)
            .map_or(out.len(), |(i, _)| i);
        out.truncate(end);
    }
    out
}

/// At most `limit` bytes of `body`, ending at a blank line when there is
/// one, so the blocks in it parse as they do in the whole text.
pub fn prefix(body: &str, limit: usize) -> &str {
    if body.len() <= limit {
        return body;
    }
    let mut end = limit;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    match body[..end]
        .rfind("\n\n")
        .or_else(|| body[..end].rfind("\n\r\n"))
    {
        Some(i) => &body[..i + 1],
        None => &body[..end],
    }
}

/// [`plain`] block by block: `visit` gets each block's kind and text (never
/// empty) and may stop the reading.
pub fn plain_blocks(
    markdown: &str,
    opts: &PlainOptions,
    visit: &mut dyn FnMut(Block, &str) -> ControlFlow<()>,
) {
    let theme = Theme::default();
    writer::Writer::plain(opts, &theme, visit).feed(markdown);
}
