//! The event loop: pulldown-cmark events in, styled lines out.
//!
//! Blocks are written as they close; inline content collects in `inline`
//! until its block ends, then is wrapped to the width left after the
//! prefixes of the open containers (quote bars, list indents).

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{Event, LinkType, Options as Cm, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::cjk_emphasis::{self, is_cjk};
use super::html::{self, Item};
use super::links::{self, LinkKind, Links, Piece, find_bare};
use super::repair::repair;
use super::table::{self, Table};
use super::wrap::wrap_spans;
use super::{Article, Heading, Options, Theme, Words};
use crate::text::{is_clean_block, sanitize_block, sanitize_line, width};

/// A block container's line prefix: `first` on its first line, then `rest`.
struct Container {
    first: Vec<Span<'static>>,
    rest: Vec<Span<'static>>,
    width: usize,
    used: bool,
}

/// An HTML element left open, so its end tag can undo what its start did.
struct OpenTag {
    name: String,
    link: Option<usize>,
    styled: bool,
}

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
    image: Option<(String, String)>,
    html_block: Option<String>,
    skip_until: Option<String>,
    media_pending: Option<LinkKind>,
    table: Option<Table>,
    row: Vec<Vec<Span<'static>>>,
    lists: Vec<Option<u64>>,
    links: Links,
    headings: Vec<Heading>,
    footnotes: HashMap<String, usize>,
    toc_at: Option<usize>,
}

impl<'a> Writer<'a> {
    pub fn new(opts: &'a Options<'a>) -> Writer<'a> {
        Writer {
            width: opts.width.max(1),
            theme: opts.theme,
            words: Words::for_lang(opts.lang),
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
            image: None,
            html_block: None,
            skip_until: None,
            media_pending: None,
            table: None,
            row: Vec::new(),
            lists: Vec::new(),
            links: Links::new(opts.base_url),
            headings: Vec::new(),
            footnotes: HashMap::new(),
            toc_at: None,
        }
    }

    pub fn run(mut self, markdown: &str) -> Article {
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
        }
        self.flush();
        self.finish()
    }

    fn event(&mut self, event: Event<'_>) {
        let strip = |s: &str| cjk_emphasis::strip(s).into_owned();
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&strip(&t)),
            Event::Code(t) => {
                let style = self.style().patch(self.theme.code);
                self.push(&strip(&t), style);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&strip(&t)),
            Event::Html(t) | Event::InlineHtml(t) => match &mut self.html_block {
                Some(buf) => buf.push_str(&strip(&t)),
                None => {
                    for item in html::tokenize(&strip(&t)) {
                        self.html_item(item, false);
                    }
                }
            },
            Event::FootnoteReference(label) => {
                let n = self.footnote(&label);
                self.push(&format!("[^{n}]"), self.theme.footnote);
            }
            Event::SoftBreak => {
                if self.code.is_some() {
                    self.text("\n");
                } else {
                    self.soft_break = true;
                }
            }
            Event::HardBreak => self.hard_break(),
            Event::Rule => {
                self.start_block();
                let rule = self.theme.symbols.rule.repeat(self.content_width());
                self.emit(vec![Span::styled(rule, self.theme.rule)]);
                self.need_blank = true;
            }
            Event::TaskListMarker(done) => {
                let sym = &self.theme.symbols;
                let mark = if done { sym.task_done } else { sym.task_open };
                self.inline
                    .push(Span::styled(format!("{mark} "), self.theme.list_marker));
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.start_block(),
            Tag::Heading { level, .. } => {
                self.start_block();
                let level = level as u8;
                self.heading = Some(level);
                self.md_styles.push(self.theme.headings[level as usize - 1]);
                let marker = format!("{} ", "#".repeat(level as usize));
                self.inline
                    .push(Span::styled(marker, self.theme.heading_marker));
            }
            Tag::BlockQuote(_) => {
                self.start_block();
                let bar = format!("{} ", self.theme.symbols.quote_bar);
                let span = Span::styled(bar, self.theme.quote);
                self.push_container(vec![span.clone()], vec![span]);
            }
            Tag::CodeBlock(_) => {
                self.start_block();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.start_block();
                self.html_block = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                if self.lists.is_empty() {
                    self.start_block();
                }
                self.lists.push(start);
            }
            Tag::Item => {
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
            Tag::FootnoteDefinition(label) => {
                self.start_block();
                let label = format!("[^{}] ", self.footnote(&label));
                let pad = " ".repeat(width(&label));
                self.push_container(
                    vec![Span::styled(label, self.theme.footnote)],
                    vec![Span::raw(pad)],
                );
            }
            Tag::Table(aligns) => {
                self.start_block();
                self.table = Some(Table {
                    aligns,
                    ..Table::default()
                });
            }
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
            } => {
                let url = cjk_emphasis::strip(&dest_url).into_owned();
                let url = if link_type == LinkType::Email {
                    format!("mailto:{url}")
                } else {
                    url
                };
                let n = self.links.add(&url, LinkKind::Link);
                self.md_links.push(n);
                let style = self.link_style(self.theme.link, n);
                self.push_style(style);
            }
            Tag::Image { dest_url, .. } => {
                let url = cjk_emphasis::strip(&dest_url).into_owned();
                self.image = Some((url, String::new()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if self.is_toc() {
                    self.inline.clear();
                    self.toc_at = Some(self.lines.len());
                } else {
                    self.flush();
                    self.need_blank = true;
                }
            }
            TagEnd::Heading(_) => {
                self.md_styles.pop();
                let level = self.heading.take().unwrap_or(1);
                // One line for the outline: a <br> in a heading is a space.
                let text: String = self.inline[1..]
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                self.headings.push(Heading {
                    level,
                    text,
                    line: self.lines.len(),
                });
                self.flush();
                self.need_blank = true;
            }
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
            TagEnd::HtmlBlock => {
                let buf = self.html_block.take().unwrap_or_default();
                let before = self.lines.len();
                for item in html::tokenize(&buf) {
                    self.html_item(item, true);
                }
                self.flush();
                self.need_blank |= self.lines.len() > before;
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.need_blank = true;
                }
            }
            TagEnd::Item => {
                self.flush();
                self.pop_container();
            }
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
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    for line in table::render(&t, self.content_width(), self.theme) {
                        self.emit(line);
                    }
                }
                self.need_blank = true;
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.md_styles.pop();
            }
            TagEnd::Link => {
                self.md_styles.pop();
                if let Some(Some(n)) = self.md_links.pop() {
                    self.push_number(n);
                }
            }
            TagEnd::Image => {
                if let Some((url, alt)) = self.image.take() {
                    self.placeholder(LinkKind::Image, &url, &alt);
                }
            }
            _ => {}
        }
    }

    // ---- inline content -------------------------------------------------

    fn style(&self) -> Style {
        let md = self.md_styles.last().copied().unwrap_or_default();
        md.patch(self.html_styles.last().copied().unwrap_or_default())
    }

    fn push_style(&mut self, style: Style) {
        let next = self
            .md_styles
            .last()
            .copied()
            .unwrap_or_default()
            .patch(style);
        self.md_styles.push(next);
    }

    /// Text from the post: collected as alt text or code where inside those,
    /// else pushed with bare URLs turned into numbered links.
    fn text(&mut self, t: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(t);
            return;
        }
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(t);
            return;
        }
        if self.skip_until.is_some() {
            return;
        }
        let in_link = self.md_links.iter().any(Option::is_some)
            || self.html_open.iter().any(|t| t.link.is_some());
        if in_link {
            self.push(t, self.style());
            return;
        }
        for piece in find_bare(t) {
            match piece {
                Piece::Text(s) => self.push(s, self.style()),
                Piece::Url(u) | Piece::Email(u) => {
                    let url = match piece {
                        Piece::Email(_) => format!("mailto:{u}"),
                        _ => u.to_owned(),
                    };
                    let n = self.links.add(&url, LinkKind::Link);
                    let style = self.link_style(self.style().patch(self.theme.link), n);
                    self.push(u, style);
                    if let Some(n) = n {
                        self.push_number(n);
                    }
                }
            }
        }
    }

    /// Pushes one styled run of untrusted text, made safe.
    fn push(&mut self, t: &str, style: Style) {
        let t = sanitize_line(t);
        if t.is_empty() {
            return;
        }
        self.resolve_soft_break(t.chars().next());
        self.inline.push(Span::styled(t, style));
    }

    fn push_number(&mut self, n: usize) {
        let style = self.link_style(self.theme.link_number, Some(n));
        self.inline.push(Span::styled(format!("[{n}]"), style));
    }

    /// `style` tagged with link `n`'s id, for OSC 8 hyperlinks.
    fn link_style(&self, style: Style, n: Option<usize>) -> Style {
        match n.and_then(|n| self.links.list.get(n - 1)) {
            Some(link) => links::tag(style, links::link_id(&link.url)),
            None => style,
        }
    }

    /// A soft line break joins two CJK characters directly; anything else
    /// gets a space, as in Latin text.
    fn resolve_soft_break(&mut self, next: Option<char>) {
        if !std::mem::take(&mut self.soft_break) {
            return;
        }
        let prev = self
            .inline
            .iter()
            .rev()
            .find_map(|s| s.content.chars().next_back());
        let joins = prev.is_some_and(is_cjk) && next.is_some_and(is_cjk);
        if prev.is_some() && !joins {
            self.inline.push(Span::raw(" "));
        }
    }

    fn hard_break(&mut self) {
        self.soft_break = false;
        self.inline.push(Span::raw("\n"));
    }

    /// `[图片: qrcode.png][3]`: the alt text, else the file name, plus the
    /// link number when there is a URL.
    fn placeholder(&mut self, kind: LinkKind, url: &str, alt: &str) {
        let word = match kind {
            LinkKind::Image => self.words.image,
            LinkKind::Video => self.words.video,
            LinkKind::Audio => self.words.audio,
            _ => self.words.embed,
        };
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = if alt.is_empty() {
            file_name(url)
        } else {
            alt.as_str()
        };
        let label = if name.is_empty() || name == word {
            format!("[{word}]")
        } else {
            format!("[{word}: {name}]")
        };
        let n = self.links.add(url, kind);
        let style = self.link_style(self.style().patch(self.theme.image), n);
        self.push(&label, style);
        if let Some(n) = n {
            self.push_number(n);
        }
    }

    fn footnote(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_owned()).or_insert(next)
    }

    // ---- raw HTML -------------------------------------------------------

    fn html_item(&mut self, item: Item, block: bool) {
        match item {
            Item::Text(t) => {
                if self.skip_until.is_some() {
                    return;
                }
                let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if collapsed.is_empty() {
                    if !self.inline.is_empty() && !t.is_empty() {
                        self.soft_break = true;
                    }
                    return;
                }
                if t.starts_with(char::is_whitespace) && !self.inline.is_empty() {
                    self.soft_break = true;
                }
                self.text(&collapsed);
                if t.ends_with(char::is_whitespace) {
                    self.soft_break = true;
                }
            }
            Item::Open {
                name,
                attrs,
                self_closing,
            } => {
                if self.skip_until.is_some() {
                    return;
                }
                self.html_open_tag(name, &attrs, self_closing, block);
            }
            Item::Close(name) => {
                if self.skip_until.as_deref() == Some(name.as_str()) {
                    self.skip_until = None;
                    return;
                }
                if self.skip_until.is_some() {
                    return;
                }
                self.html_close_tag(&name, block);
            }
        }
    }

    fn html_open_tag(
        &mut self,
        name: String,
        attrs: &[(String, String)],
        closed: bool,
        block: bool,
    ) {
        let attr = |k| Item::attr(attrs, k).unwrap_or("");
        let media = |name: &str| match name {
            "video" => Some(LinkKind::Video),
            "audio" => Some(LinkKind::Audio),
            "iframe" | "embed" | "object" => Some(LinkKind::Embed),
            _ => None,
        };
        let style = match name.as_str() {
            "b" | "strong" => Some(self.theme.strong),
            "i" | "em" | "cite" => Some(self.theme.emphasis),
            "code" | "tt" | "kbd" | "samp" => Some(self.theme.code),
            "del" | "s" | "strike" => Some(self.theme.strike),
            "u" | "ins" => Some(self.theme.underline),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => Some(self.theme.strong),
            _ => None,
        };
        match name.as_str() {
            "br" => return self.hard_break(),
            "hr" if block => {
                self.flush();
                let rule = self.theme.symbols.rule.repeat(self.content_width());
                self.emit(vec![Span::styled(rule, self.theme.rule)]);
                return;
            }
            "img" => return self.placeholder(LinkKind::Image, attr("src"), attr("alt")),
            "source" => {
                let kind = self.media_pending.take().unwrap_or(LinkKind::Video);
                return self.placeholder(kind, attr("src"), "");
            }
            "script" | "style" | "template" if !closed => {
                self.skip_until = Some(name);
                return;
            }
            n if media(n).is_some() => {
                let kind = media(n).unwrap_or(LinkKind::Embed);
                if attr("src").is_empty() && n != "iframe" {
                    self.media_pending = Some(kind);
                } else {
                    self.placeholder(kind, attr("src"), attr("title"));
                }
                return;
            }
            "td" | "th" if !self.inline.is_empty() => {
                let sep = format!(" {} ", self.theme.symbols.v);
                self.inline.push(Span::styled(sep, self.theme.table_border));
            }
            "li" if block => {
                self.flush();
                let bullet = format!("{} ", self.theme.symbols.bullets[0]);
                self.inline
                    .push(Span::styled(bullet, self.theme.list_marker));
            }
            n if block && is_block_tag(n) => self.flush(),
            _ => {}
        }
        if closed {
            return;
        }
        let link = match name.as_str() {
            "a" => match Item::attr(attrs, "href") {
                Some(href) => self.links.add(href, LinkKind::Link),
                None => None,
            },
            _ => None,
        };
        let style = style.or(link.map(|n| self.link_style(self.theme.link, Some(n))));
        if let Some(s) = style {
            let next = self
                .html_styles
                .last()
                .copied()
                .unwrap_or_default()
                .patch(s);
            self.html_styles.push(next);
        }
        if style.is_some() || link.is_some() || name == "a" {
            self.html_open.push(OpenTag {
                name,
                link,
                styled: style.is_some(),
            });
        }
    }

    fn html_close_tag(&mut self, name: &str, block: bool) {
        if matches!(name, "video" | "audio") {
            if let Some(kind) = self.media_pending.take() {
                self.placeholder(kind, "", "");
            }
            return;
        }
        if let Some(pos) = self.html_open.iter().rposition(|t| t.name == name) {
            for tag in self.html_open.drain(pos..).rev().collect::<Vec<_>>() {
                if tag.styled {
                    self.html_styles.pop();
                }
                if let Some(n) = tag.link {
                    self.push_number(n);
                }
            }
        }
        if block && is_block_tag(name) {
            self.flush();
        }
    }

    // ---- blocks ---------------------------------------------------------

    fn push_container(&mut self, first: Vec<Span<'static>>, rest: Vec<Span<'static>>) {
        let w = rest.iter().map(|s| width(&s.content)).sum();
        self.indent += w;
        self.containers.push(Container {
            first,
            rest,
            width: w,
            used: false,
        });
    }

    fn pop_container(&mut self) {
        if let Some(c) = self.containers.pop() {
            self.indent -= c.width;
        }
    }

    /// Prefixes are dropped when nesting would leave less than half the
    /// width for text (deeply nested posts stay readable, and cheap).
    fn prefixed(&self) -> bool {
        self.indent * 2 <= self.width
    }

    fn content_width(&self) -> usize {
        if self.prefixed() {
            self.width - self.indent
        } else {
            self.width
        }
    }

    fn start_block(&mut self) {
        self.flush();
        if std::mem::take(&mut self.need_blank) && !self.lines.is_empty() {
            let mut spans: Vec<Span<'static>> = Vec::new();
            if self.prefixed() {
                for c in &self.containers {
                    spans.extend(c.rest.iter().cloned());
                }
            }
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            if text.trim().is_empty() {
                spans.clear();
            } else if let Some(last) = spans.last_mut() {
                last.content = Cow::Owned(last.content.trim_end().to_owned());
            }
            self.lines.push(Line::from(spans));
        }
    }

    /// Wraps and writes the collected inline content.
    fn flush(&mut self) {
        self.soft_break = false;
        if self.inline.is_empty() {
            return;
        }
        let inline = std::mem::take(&mut self.inline);
        let inline = trim_cell(inline);
        if inline.is_empty() {
            return;
        }
        for line in wrap_spans(&inline, self.content_width()) {
            self.emit(line);
        }
    }

    fn emit(&mut self, content: Vec<Span<'static>>) {
        let mut spans = Vec::new();
        if self.prefixed() {
            for c in &mut self.containers {
                spans.extend(
                    if c.used {
                        c.rest.iter()
                    } else {
                        c.first.iter()
                    }
                    .cloned(),
                );
                c.used = true;
            }
        }
        spans.extend(content);
        self.lines.push(Line::from(spans));
    }

    /// Code is never reflowed: a line too wide continues on the next line
    /// after a mark, indented like the line it continues.
    fn write_code(&mut self, code: &str) {
        let style = self.theme.code_block;
        let pad = "  ";
        let avail = self.content_width().saturating_sub(pad.len()).max(4);
        let mark = format!("{} ", self.theme.symbols.continuation);
        for raw in code.trim_end_matches(['\n', '\r']).split('\n') {
            let line = sanitize_block(raw.trim_end_matches('\r'));
            let mut rest = line.as_str();
            let lead = (line.len() - line.trim_start().len()).min(avail / 2);
            let mut first = true;
            loop {
                let room = if first {
                    avail
                } else {
                    avail - lead - width(&mark)
                };
                let (head, tail) = split_at_width(rest, room.max(1));
                let mut spans = vec![Span::raw(pad)];
                if !first {
                    spans.push(Span::raw(" ".repeat(lead)));
                    spans.push(Span::styled(mark.clone(), self.theme.code_mark));
                }
                spans.push(Span::styled(head.to_owned(), style));
                self.emit(spans);
                first = false;
                rest = tail;
                if rest.is_empty() {
                    break;
                }
            }
        }
    }

    fn is_toc(&self) -> bool {
        let text: String = self.inline.iter().map(|s| s.content.as_ref()).collect();
        text.trim().eq_ignore_ascii_case("[toc]")
    }

    fn finish(mut self) -> Article {
        if let Some(at) = self.toc_at {
            let outline = self.outline();
            let n = outline.len();
            self.lines.splice(at..at, outline);
            for h in &mut self.headings {
                if h.line >= at {
                    h.line += n;
                }
            }
        }
        self.write_link_list();
        let width = self.width;
        let lines = self.lines.into_iter().map(|l| clamp(l, width)).collect();
        Article {
            lines,
            links: self.links.list,
            headings: self.headings,
        }
    }

    /// `[TOC]`: the headings, indented by level, then a blank line.
    fn outline(&self) -> Vec<Line<'static>> {
        let top = self.headings.iter().map(|h| h.level).min().unwrap_or(1);
        let mut out = vec![Line::from(Span::styled(
            self.words.contents.to_owned(),
            self.theme.strong,
        ))];
        for h in &self.headings {
            let indent = "  ".repeat((h.level - top) as usize + 1);
            let text = format!("{indent}{}", h.text);
            for line in wrap_spans(&[Span::styled(text, self.theme.link)], self.width) {
                out.push(Line::from(line));
            }
        }
        out.push(Line::default());
        out
    }

    /// Every URL in full, once, numbered: wrapped URLs stay usable here.
    fn write_link_list(&mut self) {
        if self.links.list.is_empty() {
            return;
        }
        if !self.lines.is_empty() {
            self.lines.push(Line::default());
        }
        let rule = self.theme.symbols.rule.repeat(self.width.min(40));
        self.lines
            .push(Line::from(Span::styled(rule, self.theme.rule)));
        self.lines.push(Line::from(Span::styled(
            self.words.links.to_owned(),
            self.theme.strong,
        )));
        for link in &self.links.list {
            let label = format!("[{}] ", link.number);
            let lw = width(&label);
            let room = self.width.saturating_sub(lw).max(8);
            let style = links::tag(self.theme.link, links::link_id(&link.url));
            let url = vec![Span::styled(link.url.clone(), style)];
            for (i, part) in wrap_spans(&url, room).into_iter().enumerate() {
                let head = if i == 0 {
                    Span::styled(label.clone(), self.theme.link_number)
                } else {
                    Span::raw(" ".repeat(lw))
                };
                let mut spans = vec![head];
                spans.extend(part);
                self.lines.push(Line::from(spans));
            }
        }
    }
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "ul"
            | "ol"
            | "table"
            | "tr"
            | "thead"
            | "tbody"
            | "dl"
            | "dt"
            | "dd"
            | "pre"
            | "details"
            | "summary"
            | "nav"
            | "main"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// The last path segment of a URL, for images without alt text.
fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

/// Trims white space at both ends of a run of spans.
fn trim_cell(mut spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    while let Some(first) = spans.first_mut() {
        let t = first.content.trim_start_matches(' ');
        if t.is_empty() {
            spans.remove(0);
        } else {
            first.content = Cow::Owned(t.to_owned());
            break;
        }
    }
    while let Some(last) = spans.last_mut() {
        let t = last.content.trim_end_matches([' ', '\n']);
        if t.is_empty() {
            spans.pop();
        } else {
            last.content = Cow::Owned(t.to_owned());
            break;
        }
    }
    spans
}

/// The longest prefix of `s` at most `cols` wide (at least one character).
fn split_at_width(s: &str, cols: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > cols && i > 0 {
            return (&s[..i], &s[i..]);
        }
        used += w;
    }
    (s, "")
}

/// The last guard of the width promise: cut anything still too wide.
fn clamp(line: Line<'static>, max: usize) -> Line<'static> {
    // Display width never exceeds UTF-8 length, so most lines need no count.
    let bytes: usize = line.spans.iter().map(|s| s.content.len()).sum();
    if bytes <= max || line.width() <= max {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        if used >= max {
            break;
        }
        let (head, _) = split_at_width(&span.content, max - used);
        let head = if width(head) > max - used { "" } else { head };
        used += width(head);
        spans.push(Span::styled(head.to_owned(), span.style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_clamp_respect_wide_characters() {
        assert_eq!(split_at_width("中文ab", 3), ("中", "文ab"));
        let line = clamp(Line::from("中文中文"), 5);
        assert_eq!(line.width(), 4);
        assert_eq!(clamp(Line::from("中"), 1).width(), 0);
    }

    #[test]
    fn file_names_from_urls() {
        assert_eq!(file_name("/zh/news/2022-10-08/qrcode.png"), "qrcode.png");
        assert_eq!(file_name("https://x.org/a/b.jpg?w=1#f"), "b.jpg");
        assert_eq!(file_name(""), "");
    }
}
