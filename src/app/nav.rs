//! Moving around: selection, scrolling, focus, sizes, the mouse.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::cache::render;
use super::{Action, App, ENTRY_ROWS, Effect, Focus, Mode, Row, layout};

impl App {
    pub(super) fn article_width(&self) -> Option<u16> {
        // A hidden article pane (narrow, list focused) renders for the
        // width it will have when shown.
        let area = layout(self.width, self.height, Focus::Article, self.zoom).article?;
        Some(layout::article_text(area).width.max(1))
    }

    pub fn article_height(&self) -> usize {
        let area = layout(self.width, self.height, Focus::Article, self.zoom).article;
        area.map(|a| layout::inner(a).height as usize)
            .unwrap_or(0)
            .max(1)
    }

    /// List entries that fit, below the search box when one shows.
    pub fn list_rows(&self) -> usize {
        let area = layout(self.width, self.height, Focus::List, self.zoom).list;
        let mut rows = area.map(|a| layout::inner(a).height).unwrap_or(0);
        if self.search_box_shown() {
            rows = rows.saturating_sub(1);
        }
        ((rows / ENTRY_ROWS) as usize).max(1)
    }

    pub fn search_box_shown(&self) -> bool {
        self.mode == super::Mode::Search || !self.search.is_empty()
    }

    pub fn article_len(&self) -> usize {
        self.article().map(|a| a.lines.len()).unwrap_or(0)
    }

    pub(super) fn max_scroll(&self) -> usize {
        self.article_len().saturating_sub(self.article_height())
    }

    pub(super) fn resize(&mut self, w: u16, h: u16) {
        let len = self.article_len().max(1);
        self.anchor = Some(self.scroll as f64 / len as f64);
        self.width = w;
        self.height = h;
    }

    pub(super) fn navigate(&mut self, action: Action) {
        let page = match self.focus {
            Focus::List => self.list_rows(),
            Focus::Article => self.article_height().saturating_sub(1).max(1),
        };
        let half = (page / 2).max(1) as i64;
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(page as i64),
            Action::PageUp => self.move_by(-(page as i64)),
            Action::HalfDown => self.move_by(half),
            Action::HalfUp => self.move_by(-half),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.move_by(i64::MAX / 2),
            Action::Wheel { x, y, lines } => match self.pane_at(x, y) {
                Some(Focus::List) => self.select_by(lines as i64),
                Some(Focus::Article) => self.scroll_by(lines as i64),
                None => {}
            },
            Action::Click { x, y } => self.click(x, y),
            _ => {}
        }
    }

    fn move_by(&mut self, delta: i64) {
        match self.focus {
            Focus::List => self.select_by(delta),
            Focus::Article => self.scroll_by(delta),
        }
    }

    pub(super) fn select_by(&mut self, delta: i64) {
        let target = (self.selected as i64).saturating_add(delta).max(0);
        self.select(usize::try_from(target).unwrap_or(usize::MAX));
    }

    /// Selects a visible entry (clamped); a new post starts at its top.
    pub(super) fn select(&mut self, index: usize) {
        let index = index.min(self.rows.len().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
            // A place waited for belonged to the post left.
            self.pending_anchor = None;
            self.anchor = None;
        }
    }

    pub(super) fn scroll_by(&mut self, delta: i64) {
        let target = (self.scroll as i64).saturating_add(delta).max(0) as usize;
        self.scroll = target.min(self.max_scroll());
    }

    /// Focuses the article of the selected post, which marks it read.
    pub(super) fn open_article(&mut self) {
        if self.post().is_none() {
            return;
        }
        self.focus = Focus::Article;
        self.mark_selected_read();
    }

    /// `z`: the article alone at the whole width (the list and article then
    /// show one at a time, as on a narrow terminal); again: both panes.
    pub(super) fn toggle_zoom(&mut self) {
        // Re-wrapped at the new width, the article keeps its place.
        let len = self.article_len().max(1);
        self.anchor = Some(self.scroll as f64 / len as f64);
        self.zoom = !self.zoom;
        if self.zoom && self.focus == Focus::List {
            self.open_article();
        }
    }

    /// `]`/`[`: the next or previous post, keeping the article focused.
    pub(super) fn step_post(&mut self, delta: i64) {
        self.select_by(delta);
        if self.focus == Focus::Article {
            self.mark_selected_read();
        }
    }

    /// Opens the next (or previous) unread post in the list as shown; the
    /// status line says when there is none left that way.
    pub(super) fn step_unread(&mut self, dir: i64) {
        let n = self.rows.len();
        let unread = |r: usize| match self.rows[r] {
            Row::Post(v) => !self.is_read(&self.lib.posts[self.visible[v]]),
            Row::Group(_) => false,
        };
        let found = if dir > 0 {
            (self.selected + 1..n).find(|&v| unread(v))
        } else {
            (0..self.selected).rev().find(|&v| unread(v))
        };
        match found {
            Some(v) => {
                self.remember();
                self.select(v);
                self.open_article();
                let left = self.unread;
                self.note(format!("{left} unread left"));
            }
            None if self.unread == 0 => self.note("no unread posts left"),
            None => self.note(format!(
                "no unread posts {} this one ({} unread {})",
                if dir > 0 { "after" } else { "before" },
                self.unread,
                if dir > 0 { "above" } else { "below" },
            )),
        }
    }

    pub(super) fn mark_selected_read(&mut self) {
        if let Some(i) = self.selected_index() {
            self.set_read(i, true);
        }
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<Focus> {
        let l = self.layout();
        let hit = |r: Option<Rect>| {
            r.is_some_and(|r| x >= r.x && x < r.right() && y >= r.y && y < r.bottom())
        };
        if hit(l.list) {
            Some(Focus::List)
        } else if hit(l.article) {
            Some(Focus::Article)
        } else {
            None
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        match self.pane_at(x, y) {
            Some(Focus::List) => {
                let Some(area) = self.layout().list else {
                    return;
                };
                let inner = layout::inner(area);
                let top = inner.y + u16::from(self.search_box_shown());
                if y >= top && y < inner.bottom() {
                    let row = ((y - top) / ENTRY_ROWS) as usize;
                    self.select(self.list_offset + row);
                }
                self.focus = Focus::List;
            }
            Some(Focus::Article) => self.open_article(),
            None => {}
        }
    }

    /// Brings derived state up to date: the current article is rendered
    /// (or taken from the cache), find matches follow it, scroll and list
    /// offset are in range.
    pub(super) fn prepare(&mut self) {
        if let Some(width) = self.article_width()
            && let Some(i) = self.selected_index()
        {
            let post = &self.lib.posts[i];
            // A body let go is read again by the worker.
            if !self.cache.contains(post, width)
                && !post.body_on_disk
                && post.body.len() <= self.render_inline
            {
                let rendered = render(post, width as usize, &self.look);
                self.cache
                    .insert(post.path.clone(), width, Arc::new(rendered));
            }
            // Large posts and posts whose body was let go render on the
            // worker; so does code this thread left plain (highlighting
            // deferred), the plain article shown meanwhile.
            let to_worker = self.cache.get(post, width).is_none_or(|a| a.plain_code);
            let wanted = to_worker.then(|| (post.path.clone(), width, self.rev));
            if wanted.is_some() && self.rendering != wanted {
                // A newer request replaces this one there if it has not
                // started.
                self.effects.push(Effect::Render {
                    rev: self.rev,
                    post: Box::new(post.clone()),
                    width,
                    look: Box::new(self.look.clone()),
                });
                self.rendering = wanted;
            }
        }
        // While the article renders on the worker, the place in it waits
        // (a scroll to keep, a share of it after a resize, a heading).
        if self.post().is_some() && self.article_width().is_some() && self.article().is_none() {
            return self.keep_list_in_view();
        }
        self.refresh_find();
        if let Some(frac) = self.anchor.take() {
            self.scroll = (frac * self.article_len() as f64).round() as usize;
        }
        if let Some(anchor) = self.pending_anchor.take() {
            self.jump_to_anchor(&anchor);
        }
        self.scroll = self.scroll.min(self.max_scroll());
        self.keep_list_in_view();
    }

    fn keep_list_in_view(&mut self) {
        let rows = self.list_rows();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
    }

    /// The article as this frame shows it, when it spans the whole width
    /// and no overlay covers it (see [`layout::moved`]).
    pub fn shown(&self) -> Option<layout::Shown> {
        if matches!(self.mode, Mode::Help | Mode::Links(_) | Mode::Outline) {
            return None;
        }
        let pane = self.layout().article?;
        if pane.x != 0 || pane.width != self.width {
            return None;
        }
        let inner = layout::inner(pane);
        Some(layout::Shown {
            rows: inner.top()..inner.bottom(),
            scroll: self.scroll,
            article: self.article()?,
        })
    }

    /// How far through the article the view is, for the status line.
    pub fn position(&self) -> String {
        let len = self.article_len();
        let height = self.article_height();
        if len <= height {
            "All".into()
        } else if self.scroll == 0 {
            "Top".into()
        } else if self.scroll >= self.max_scroll() {
            "End".into()
        } else {
            format!("{}%", (self.scroll + height) * 100 / len)
        }
    }
}
