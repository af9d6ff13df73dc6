//! Markdown (with the HTML inside it) to styled, wrapped terminal lines.
//!
//! Two pure entry points on one pipeline: [`render`] (body + width + theme
//! in, an [`Article`] out) and [`plain`] (the text a reader sees, for
//! summaries and search). No terminal, no I/O. Shaped like pulldown-cmark's HTML writer: an
//! event loop ([`writer`]) owning a little state, with one file per
//! construct where that helps.

mod cjk_emphasis;
mod header;
mod html;
mod links;
mod repair;
mod table;
mod theme;
mod wrap;
mod writer;

use std::ops::ControlFlow;

use ratatui::text::Line;

pub use cjk_emphasis::{is_cjk, is_punctuation};
pub use header::header;
pub use links::{Link, LinkKind, LinkSpan};
pub use theme::{Symbols, Theme};
pub use wrap::wrap_spans;

/// What to render for: the width, the theme, and the post's context.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub width: usize,
    pub theme: &'a Theme,
    /// `zh` for Chinese words in placeholders (`[图片: x.png]`), else English.
    pub lang: &'a str,
    /// Relative links and images are resolved against this URL when set.
    pub base_url: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// Index into [`Article::lines`] where the heading starts.
    pub line: usize,
}

/// A rendered article: every line fits the width, and contains no control
/// characters.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub lines: Vec<Line<'static>>,
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// Where each link shows, in line order (styles carry no link marks).
    pub link_spans: Vec<LinkSpan>,
}

pub fn render(markdown: &str, opts: &Options) -> Article {
    writer::Writer::new(opts).run(markdown)
}

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

/// Words the renderer adds to an article, in the post's language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words {
    pub image: &'static str,
    pub video: &'static str,
    pub audio: &'static str,
    pub embed: &'static str,
    pub links: &'static str,
    pub contents: &'static str,
}

impl Words {
    pub fn for_lang(lang: &str) -> Words {
        if lang.starts_with("zh") {
            Words {
                image: "图片",
                video: "视频",
                audio: "音频",
                embed: "嵌入",
                links: "链接",
                contents: "目录",
            }
        } else {
            Words {
                image: "image",
                video: "video",
                audio: "audio",
                embed: "embed",
                links: "Links",
                contents: "Contents",
            }
        }
    }
}
