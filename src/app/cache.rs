//! Rendered articles kept per (post, width), so moving through a long post
//! or back to a post read a moment ago costs nothing.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::text::Line;

use super::Look;
use crate::content::Post;
use crate::markdown::{self, Article};

/// An article ready to draw: header, blank line, body, links list, with
/// heading and link lines counted from the top of `lines`.
pub type Rendered = Article;

/// More than this many entries, or this many lines in all, and the cache
/// starts over (keeping what is being read): bounded memory whatever is
/// read, and a resize drops widths no longer used. A line costs about
/// 0.5-1 KB, so the line bound keeps the cache to a few hundred MB even
/// when several 8 MiB posts are opened.
const CAPACITY: usize = 32;
const MAX_LINES: usize = 400_000;

/// Bodies larger than this render on a worker thread, so opening them
/// never freezes the keys (a 256 KiB post renders in about 15 ms).
pub const RENDER_INLINE: usize = 256 << 10;

/// Keyed by the post's path (unique, and stable while posts arrive and the
/// list re-sorts) and the width.
#[derive(Default)]
pub struct ArticleCache {
    map: HashMap<(PathBuf, u16), Arc<Rendered>>,
    lines: usize,
}

impl ArticleCache {
    pub fn get(&self, post: &Post, width: u16) -> Option<Arc<Rendered>> {
        self.map.get(&(post.path.clone(), width)).cloned()
    }

    pub fn contains(&self, post: &Post, width: u16) -> bool {
        self.map.contains_key(&(post.path.clone(), width))
    }

    /// Drops every width rendered for a post whose content changed.
    pub fn forget(&mut self, path: &std::path::Path) {
        // Called for every post a load adds: most were never rendered.
        if !self.map.keys().any(|(p, _)| p == path) {
            return;
        }
        self.map.retain(|(p, _), _| p != path);
        self.lines = self.map.values().map(|r| r.lines.len()).sum();
    }

    pub fn insert(&mut self, path: PathBuf, width: u16, rendered: Arc<Rendered>) {
        if self.map.len() >= CAPACITY || self.lines + rendered.lines.len() > MAX_LINES {
            self.map.clear();
            self.lines = 0;
        }
        self.lines += rendered.lines.len();
        self.map.insert((path, width), rendered);
    }
}

pub fn render(post: &Post, width: usize, look: &Look) -> Rendered {
    let doc_url = post.site(look.base_url.as_deref()).map(|b| post.doc_url(b));
    let article = markdown::render(
        &post.body,
        &markdown::Options {
            width,
            theme: &look.theme,
            lang: post.effective_lang(),
            base_url: doc_url.as_deref(),
        },
    );
    let mut lines = markdown::header(&post.title, &post.meta(), width, &look.theme);
    if let Some(size) = post.truncated_from {
        let mark = look.theme.symbols.warning;
        let notice = format!(
            "{mark} This file is {:.1} MB; tidings shows its first {} MB.",
            size as f64 / (1 << 20) as f64,
            crate::content::MAX_BODY_BYTES >> 20
        );
        let style = look.theme.strong.patch(look.theme.image);
        for l in markdown::wrap_spans(&[ratatui::text::Span::styled(notice, style)], width) {
            lines.push(Line::from(l));
        }
    }
    lines.push(Line::default());
    let offset = lines.len();
    lines.extend(article.lines);
    let mut rendered = Article { lines, ..article };
    for h in &mut rendered.headings {
        h.line += offset;
    }
    for s in &mut rendered.link_spans {
        s.line += offset;
    }
    for (_, line) in &mut rendered.anchors {
        *line += offset;
    }
    rendered
}
