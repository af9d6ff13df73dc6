//! Markdown (with the HTML inside it) to styled, wrapped terminal lines.
//!
//! Two pure entry points on one pipeline: [`render`] (body + width + theme
//! in, an [`Article`] out) and [`plain`] (the text a reader sees, for
//! summaries and search). No terminal, no I/O. Shaped like pulldown-cmark's HTML writer: an
//! event loop ([`writer`]) owning a little state, with one file per
//! construct where that helps.

mod cjk_emphasis;
mod header;
mod highlight;
mod html;
mod html_table;
mod links;
mod plain;
mod repair;
mod table;
mod table_draw;
mod theme;
mod wrap;
mod writer;

use ratatui::text::Line;

pub use cjk_emphasis::{is_cjk, is_punctuation};
pub use header::header;
pub use highlight::{Token, defer as defer_highlighting};
pub use links::{Link, LinkKind, LinkSpan};
pub use plain::{Block, PlainOptions, plain, plain_blocks, prefix};
pub use theme::{ColorDepth, STYLE_NAMES, StyleSpec, Symbols, THEME_NAMES, Theme, parse_color};
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
    /// An explicit id (`# Title {#id}`), for `#id` links.
    pub id: Option<String>,
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
    /// `#id` targets other than headings: `id=` on any HTML element and
    /// `<a name>`, with the line the element's text starts on.
    pub anchors: Vec<(String, usize)>,
    /// Some code is plain only because highlighting was deferred on the
    /// rendering thread ([`defer_highlighting`]): render it again on one
    /// that does not defer.
    pub plain_code: bool,
}

pub fn render(markdown: &str, opts: &Options) -> Article {
    writer::Writer::new(opts).run(markdown)
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
