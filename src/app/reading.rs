//! Reading an article: find in it, follow or copy its links, jump by its
//! headings.

use std::path::PathBuf;

use memchr::memmem;

use super::follow::{Follow, MAX_URL, copy, decide};
use super::{Action, App, Effect, Focus, Intent, Mode};
use crate::text::{truncate, width};

/// Find in the article: every match, by line and columns.
#[derive(Debug, Clone, Default)]
pub struct Find {
    pub query: String,
    /// (article line, first column, end column) of each match.
    pub matches: Vec<(usize, u16, u16)>,
    pub current: usize,
    /// The article the matches belong to: (post path, width).
    key: Option<(PathBuf, u16)>,
}

impl App {
    pub(super) fn set_find(&mut self, query: String) {
        self.find = super::Find {
            query,
            ..Default::default()
        };
        self.refresh_find();
        self.next_match(0);
    }

    /// Recomputes matches when the article under them changed (another
    /// post, or re-wrapped at a new width).
    pub(super) fn refresh_find(&mut self) {
        if self.find.query.is_empty() {
            return;
        }
        let key = self
            .post()
            .map(|p| p.path.clone())
            .zip(self.article_width());
        if key == self.find.key {
            return;
        }
        // A large article still rendering: find once it arrives.
        let Some(article) = self.article() else {
            return;
        };
        self.find.key = key;
        self.find.matches.clear();
        self.find.current = 0;
        let needle = self.find.query.to_ascii_lowercase();
        let finder = memmem::Finder::new(needle.as_bytes());
        for (i, line) in article.lines.iter().enumerate() {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let lower = text.to_ascii_lowercase();
            for at in finder.find_iter(lower.as_bytes()) {
                let start = width(&text[..at]) as u16;
                let end = start + width(&text[at..at + needle.len()]) as u16;
                self.find.matches.push((i, start, end));
            }
        }
    }

    /// Moves to a match: `0` the first at or below the top of the view,
    /// `1`/`-1` the next or previous one, wrapping around.
    pub(super) fn next_match(&mut self, dir: i64) {
        let n = self.find.matches.len();
        if self.find.query.is_empty() {
            return;
        }
        if n == 0 {
            self.note(format!("no match for {:?}", self.find.query));
            return;
        }
        self.find.current = match dir {
            0 => self
                .find
                .matches
                .iter()
                .position(|m| m.0 >= self.scroll)
                .unwrap_or(0),
            d => (self.find.current as i64 + d).rem_euclid(n as i64) as usize,
        };
        let line = self.find.matches[self.find.current].0;
        let height = self.article_height();
        if line < self.scroll || line >= self.scroll + height {
            self.scroll = line.saturating_sub(height / 3).min(self.max_scroll());
        }
        self.note(format!("match {}/{n}", self.find.current + 1));
    }

    pub(super) fn start_prompt(&mut self, intent: Intent) {
        if self.article().is_none_or(|a| a.links.is_empty()) {
            self.note("this post has no links");
            return;
        }
        self.input.clear();
        self.mode = Mode::Prompt(intent);
    }

    /// After `f`/`y`: digits, then Enter (no digits: the links overlay).
    pub(super) fn prompt(&mut self, intent: Intent, action: Action) {
        match action {
            Action::Char(c) if c.is_ascii_digit() && self.input.len() < 6 => self.input.push(c),
            Action::Backspace => {
                self.input.pop();
            }
            Action::Open => {
                self.mode = Mode::Normal;
                match self.input.parse::<usize>() {
                    Ok(n) => self.act(intent, n),
                    Err(_) => self.open_overlay(Mode::Links(intent)),
                }
            }
            Action::Back => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// Follows or copies link number `n` of the current article.
    pub(super) fn act(&mut self, intent: Intent, n: usize) {
        let Some(article) = self.article() else {
            return;
        };
        let Some(link) = n.checked_sub(1).and_then(|i| article.links.get(i)).cloned() else {
            self.note(format!("there is no link [{n}]"));
            return;
        };
        let decision = match intent {
            Intent::Copy => copy(&link),
            Intent::Follow => match self.post() {
                Some(post) => decide(&link, post, &self.lib.posts, &self.env),
                None => return,
            },
        };
        match decision {
            Follow::Post(path, anchor) => self.open_post(&path, anchor.as_deref()),
            Follow::Anchor(anchor) => {
                self.remember();
                self.jump_to_anchor(&anchor);
            }
            Follow::Open(url) => {
                self.note(format!("opening [{n}] {url}"));
                self.effects.push(Effect::Open(url));
            }
            Follow::Copy { url, why } => {
                if url.len() > MAX_URL {
                    let cut = truncate(&url, 60);
                    self.note(format!(
                        "[{n}] is {} KB, too long to copy: {cut}",
                        url.len() >> 10
                    ));
                    return;
                }
                let why = if why.is_empty() {
                    String::new()
                } else {
                    format!(" ({why})")
                };
                self.note(format!("copied [{n}] {url}{why}"));
                self.effects.push(Effect::Copy(url));
            }
            Follow::Refuse(why) => self.note(format!("[{n}]: {why}")),
        }
    }

    /// Opens another post inside tidings (at a heading when `anchor`
    /// names one), clearing a search or view that would hide it.
    fn open_post(&mut self, path: &PathBuf, anchor: Option<&str>) {
        self.remember();
        if !self.show_post(path) {
            return;
        }
        self.scroll = 0;
        self.open_article();
        let title = self.post().map(|p| p.title.clone()).unwrap_or_default();
        self.note(format!("opened {title}"));
        // Jumped to once the article is there (it may render on the worker).
        self.pending_anchor = anchor.map(str::to_owned);
    }

    /// Selects the post at `path`, making it visible; false if it is gone.
    pub(super) fn show_post(&mut self, path: &PathBuf) -> bool {
        let Some(index) = self.lib.posts.iter().position(|p| &p.path == path) else {
            return false;
        };
        if !self.visible.contains(&index) {
            self.search.clear();
            self.unread_only = false;
            self.starred_only = false;
            self.refilter();
        }
        if self.row_of(index).is_none() {
            // In a folded group: unfold the groups it is in.
            let folded: Vec<String> = self
                .groups
                .iter()
                .filter(|g| g.folded && g.posts.contains(&index))
                .map(|g| g.name.clone())
                .collect();
            for name in folded {
                self.view.folded.remove(&name);
            }
            self.view_dirty = true;
            self.build_rows();
        }
        match self.row_of(index) {
            Some(v) => {
                if v != self.selected {
                    self.select(v);
                }
                true
            }
            None => false,
        }
    }

    /// Scrolls to the heading `anchor` names (GitHub-style slug, or an
    /// explicit `{#id}`) or to an HTML `id`/`name` target, saying so when
    /// there is none.
    pub(super) fn jump_to_anchor(&mut self, anchor: &str) {
        let Some(article) = self.article() else {
            return;
        };
        match super::anchors::find_in(&article, anchor) {
            Some(line) => {
                self.focus = Focus::Article;
                self.scroll = line.min(self.max_scroll());
            }
            None => self.note(format!(
                "no heading or anchor #{} in this post",
                crate::text::sanitize_line(anchor)
            )),
        }
    }
}
