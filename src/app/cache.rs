//! Rendered articles kept per (post, width), so moving through a long post
//! or back to a post read a moment ago costs nothing.

use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use ratatui::text::Line;

use super::Look;
use crate::content::Post;
use crate::markdown::{self, Heading, Link};

/// An article ready to draw: header, blank line, body, links list.
#[derive(Debug)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    pub links: Vec<Link>,
    /// Headings with lines counted from the top of `lines`.
    pub headings: Vec<Heading>,
}

/// More than this many entries and the cache starts over: bounded memory
/// whatever is read, and a resize drops widths no longer used.
const CAPACITY: usize = 32;

/// Keyed by the post's path (unique, and stable while posts arrive and the
/// list re-sorts) and the width.
#[derive(Default)]
pub struct ArticleCache {
    map: HashMap<(PathBuf, u16), Rc<Rendered>>,
}

impl ArticleCache {
    pub fn get(&self, post: &Post, width: u16) -> Option<Rc<Rendered>> {
        self.map.get(&(post.path.clone(), width)).cloned()
    }

    /// Drops every width rendered for a post whose content changed.
    pub fn forget(&mut self, path: &std::path::Path) {
        self.map.retain(|(p, _), _| p != path);
    }

    pub fn ensure(&mut self, post: &Post, width: usize, look: &Look) {
        let key = (post.path.clone(), width as u16);
        if self.map.contains_key(&key) {
            return;
        }
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        self.map.insert(key, Rc::new(render(post, width, look)));
    }
}

pub fn render(post: &Post, width: usize, look: &Look) -> Rendered {
    let doc_url = look.base_url.as_deref().map(|b| post.doc_url(b));
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
    lines.push(Line::default());
    let offset = lines.len();
    lines.extend(article.lines);
    let headings = article
        .headings
        .into_iter()
        .map(|h| Heading {
            line: h.line + offset,
            ..h
        })
        .collect();
    Rendered {
        lines,
        links: article.links,
        headings,
    }
}
