//! The event loop: pulldown-cmark events in, styled lines out.
//!
//! Blocks are written as they close; inline content collects in `inline`
//! until its block ends, then is wrapped to the width left after the
//! prefixes of the open containers (quote bars, list indents). Each
//! construct's handling lives in its own file; this one only dispatches.

mod anchors;
mod blocks;
mod code;
mod headings;
mod html_tags;
mod inline;
mod lists;
mod plain;
mod quotes;
mod tables;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::ControlFlow;

use pulldown_cmark::{CodeBlockKind, Event, Options as Cm, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::cjk_emphasis;
use super::links::{LinkKind, Links};
use super::repair::repair;
use super::table::Table;
use super::{Article, Block, Heading, Options, PlainOptions, Theme, Words};
use crate::text::{is_clean_block, sanitize_block};
use blocks::Container;
use html_tags::OpenTag;
use plain::Plain;

pub struct Writer<'a> {
    width: usize,
    theme: &'a Theme,
    words: Words,
    lines: Vec<Line<'static>>,
    containers: Vec<Container>,
    /// Sum of the containers' prefix widths.
    indent: usize,
    inline: Vec<Span<'static>>,
    /// Cumulative styles: Markdown's and HTML's, kept apart because their
    /// tags may interleave.
    md_styles: Vec<Style>,
    html_styles: Vec<Style>,
    md_links: Vec<Option<usize>>,
    html_open: Vec<OpenTag>,
    soft_break: bool,
    need_blank: bool,
    heading: Option<u8>,
    code: Option<String>,
    /// The open code block's fence info (`rust`, `py {.numbers}`).
    code_info: String,
    /// Bytes of code still to highlight in this article.
    highlight_budget: usize,
    /// Code was left plain because the grammars were still loading.
    plain_code: bool,
    image: Option<(String, String)>,
    html_block: Option<String>,
    skip_until: Option<String>,
    media_pending: Option<LinkKind>,
    table: Option<Table>,
    row: Vec<Vec<Span<'static>>>,
    lists: Vec<Option<u64>>,
    links: Links,
    headings: Vec<Heading>,
    /// The `{#id}` of the heading being written.
    heading_id: Option<String>,
    anchors: Vec<(String, usize)>,
    footnotes: HashMap<String, usize>,
    toc_at: Option<usize>,
    /// Set in plain mode: where the text goes instead of `lines`.
    plain: Option<Plain<'a>>,
}

impl<'a> Writer<'a> {
    pub fn new(opts: &'a Options<'a>) -> Writer<'a> {
        Writer::build(opts.width, opts.theme, opts.lang, opts.base_url, None)
    }

    /// A writer in plain mode: blocks go to `visit`, nothing is laid out.
    pub fn plain(
        opts: &PlainOptions,
        theme: &'a Theme,
        visit: &'a mut dyn FnMut(Block, &str) -> ControlFlow<()>,
    ) -> Writer<'a> {
        let plain = Plain::new(opts, visit);
        Writer::build(usize::MAX / 2, theme, "en", None, Some(plain))
    }

    fn build(
        width: usize,
        theme: &'a Theme,
        lang: &str,
        base_url: Option<&str>,
        plain: Option<Plain<'a>>,
    ) -> Writer<'a> {
        Writer {
            width: width.max(1),
            theme,
            words: Words::for_lang(lang),
            lines: Vec::new(),
            containers: Vec::new(),
            indent: 0,
            inline: Vec::new(),
            md_styles: Vec::new(),
            html_styles: Vec::new(),
            md_links: Vec::new(),
            html_open: Vec::new(),
            soft_break: false,
            need_blank: false,
            heading: None,
            code: None,
            code_info: String::new(),
            highlight_budget: super::highlight::BUDGET,
            plain_code: false,
            image: None,
            html_block: None,
            skip_until: None,
            media_pending: None,
            table: None,
            row: Vec::new(),
            lists: Vec::new(),
            links: Links::new(base_url),
            headings: Vec::new(),
            heading_id: None,
            anchors: Vec::new(),
            footnotes: HashMap::new(),
            toc_at: None,
            plain,
        }
    }

    pub fn run(mut self, markdown: &str) -> Article {
        self.feed(markdown);
        self.finish()
    }

    /// Parses `markdown` through to the end, or until plain mode has all
    /// it asked for.
    pub fn feed(&mut self, markdown: &str) {
        // Escape sequences are removed whole before parsing: the parser
        // would split them (at `]`, say) and leave their payload as text.
        let clean: Cow<str> = if is_clean_block(markdown) {
            Cow::Borrowed(markdown)
        } else {
            Cow::Owned(sanitize_block(markdown))
        };
        let repaired = repair(&clean);
        let prepared = cjk_emphasis::prepare(&repaired);
        let options = Cm::ENABLE_TABLES
            | Cm::ENABLE_FOOTNOTES
            | Cm::ENABLE_STRIKETHROUGH
            | Cm::ENABLE_TASKLISTS
            | Cm::ENABLE_HEADING_ATTRIBUTES;
        for event in Parser::new_ext(&prepared, options) {
            self.event(event);
            if self.stopped() {
                break;
            }
        }
        self.flush();
    }

    fn event(&mut self, event: Event<'_>) {
        let strip = |s| cjk_emphasis::strip(s);
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&strip(&t)),
            Event::Code(t) => self.inline_code(&strip(&t)),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&strip(&t)),
            Event::Html(t) | Event::InlineHtml(t) => self.html(&strip(&t)),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::SoftBreak => self.soft_break(),
            Event::HardBreak => self.hard_break(),
            Event::Rule => {
                self.start_block();
                self.rule();
                self.need_blank = true;
            }
            Event::TaskListMarker(done) => self.task_marker(done),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.start_block();
                self.plain_kind(Block::Paragraph);
            }
            Tag::Heading { level, id, .. } => {
                self.heading_id = id.map(|i| crate::text::sanitize_line(&i));
                self.start_heading(level as u8)
            }
            Tag::BlockQuote(_) => self.start_quote(),
            Tag::CodeBlock(kind) => {
                self.start_block();
                self.code = Some(String::new());
                self.code_info = match kind {
                    CodeBlockKind::Fenced(info) => info.chars().take(64).collect(),
                    CodeBlockKind::Indented => String::new(),
                };
            }
            Tag::HtmlBlock => {
                self.start_block();
                self.html_block = Some(String::new());
            }
            Tag::List(start) => self.start_list(start),
            Tag::Item => self.start_item(),
            Tag::FootnoteDefinition(label) => self.start_footnote(&label),
            Tag::Table(aligns) => self.start_table(aligns),
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            Tag::TableCell => {
                self.inline.clear();
                self.soft_break = false;
            }
            Tag::Emphasis => self.push_style(self.theme.emphasis),
            Tag::Strong => self.push_style(self.theme.strong),
            Tag::Strikethrough => self.push_style(self.theme.strike),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.start_link(link_type, &dest_url),
            Tag::Image { dest_url, .. } => {
                let url = cjk_emphasis::strip(&dest_url).into_owned();
                self.image = Some((url, String::new()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.flush();
                self.pop_container();
                self.need_blank = true;
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.write_code(&code);
                self.need_blank = true;
            }
            TagEnd::HtmlBlock => self.end_html_block(),
            TagEnd::List(_) => self.end_list(),
            TagEnd::Item => {
                self.flush();
                self.pop_container();
            }
            TagEnd::TableCell | TagEnd::TableHead | TagEnd::TableRow | TagEnd::Table => {
                self.end_table_part(tag)
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.md_styles.pop();
            }
            TagEnd::Link => self.end_link(),
            TagEnd::Image => {
                if let Some((url, alt)) = self.image.take() {
                    self.placeholder(LinkKind::Image, &url, &alt);
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        if self.is_toc() {
            self.inline.clear();
            self.plain_kind(Block::Other);
            self.toc_at = Some(self.lines.len());
        } else {
            self.flush();
            self.need_blank = true;
        }
    }

    fn finish(mut self) -> Article {
        self.insert_outline();
        self.write_link_list();
        let width = self.width;
        let mut lines: Vec<Line<'static>> = self
            .lines
            .into_iter()
            .map(|l| blocks::clamp(l, width))
            .collect();
        let link_spans = super::links::take_marks(&mut lines);
        Article {
            lines,
            link_spans,
            links: self.links.list,
            headings: self.headings,
            anchors: self.anchors,
            plain_code: self.plain_code,
        }
    }
}
