//! The reader's state and `update(Action)`. Pure: no terminal, no I/O, so
//! tests drive it with scripted actions and assert the state.

mod cache;
pub mod keymap;
pub mod layout;

use std::rc::Rc;

use crate::content::{Library, Post, Warning, sort};
use crate::markdown::Theme;
pub use cache::{ArticleCache, Rendered};
pub use layout::{Layout, layout};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Article,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    HalfUp,
    HalfDown,
    Top,
    Bottom,
    Open,
    Back,
    ToggleFocus,
    NextPost,
    PrevPost,
    Help,
    Quit,
    Resize(u16, u16),
    /// Mouse wheel at a screen position: lines, negative is up.
    Wheel {
        x: u16,
        y: u16,
        lines: i32,
    },
    Click {
        x: u16,
        y: u16,
    },
}

/// Rows one list entry takes: the title, then date/author/tags.
pub const ENTRY_ROWS: u16 = 2;

/// Posts read in the background after the screen opened.
#[derive(Debug, Default)]
pub struct Batch {
    pub posts: Vec<Post>,
    pub warnings: Vec<Warning>,
    /// Files read so far, of `total`.
    pub done: usize,
    pub total: usize,
}

/// Options that shape how the reader looks.
#[derive(Debug, Clone)]
pub struct Look {
    pub theme: Theme,
    pub ascii: bool,
    pub base_url: Option<String>,
}

pub struct App {
    pub lib: Library,
    pub look: Look,
    pub selected: usize,
    /// First list entry shown.
    pub list_offset: usize,
    pub focus: Focus,
    /// First article line shown.
    pub scroll: usize,
    pub help: bool,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
    /// (files read, files found) while posts are still arriving.
    pub loading: Option<(usize, usize)>,
    /// Whether the reader has moved: until then, arriving posts keep the
    /// newest at the top selected.
    touched: bool,
    cache: ArticleCache,
    /// Where in the article (0..1) to return to once it is re-wrapped after
    /// a resize.
    anchor: Option<f64>,
}

impl App {
    pub fn new(lib: Library, look: Look, width: u16, height: u16) -> App {
        let mut app = App {
            lib,
            look,
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            help: false,
            quit: false,
            width,
            height,
            loading: None,
            touched: false,
            cache: ArticleCache::default(),
            anchor: None,
        };
        app.prepare();
        app
    }

    pub fn layout(&self) -> Layout {
        layout(self.width, self.height, self.focus)
    }

    pub fn post(&self) -> Option<&Post> {
        self.lib.posts.get(self.selected)
    }

    /// The rendered current article at the article pane's width, if it has
    /// been prepared (it always is after `update`).
    pub fn article(&self) -> Option<Rc<Rendered>> {
        let width = self.article_width()?;
        self.cache.get(self.post()?, width)
    }

    /// Merges posts read in the background, keeping the selected post (or
    /// the top, if the reader has not moved yet) and the reading position.
    pub fn add_posts(&mut self, batch: Batch) {
        let keep = self.post().map(|p| p.path.clone());
        self.lib.posts.extend(batch.posts);
        self.lib.warnings.extend(batch.warnings);
        sort(&mut self.lib.posts);
        self.selected = match keep {
            Some(path) if self.touched => self
                .lib
                .posts
                .iter()
                .position(|p| p.path == path)
                .unwrap_or(0),
            _ => 0,
        };
        if !self.touched {
            self.scroll = 0;
        }
        self.loading = (batch.done < batch.total).then_some((batch.done, batch.total));
        self.prepare();
    }

    fn article_width(&self) -> Option<u16> {
        // A hidden article pane (narrow, list focused) renders for the
        // width it will have when shown.
        let area = layout(self.width, self.height, Focus::Article).article?;
        Some(layout::article_text(area).width.max(1))
    }

    fn article_height(&self) -> usize {
        let area = layout(self.width, self.height, Focus::Article).article;
        area.map(|a| layout::inner(a).height as usize)
            .unwrap_or(0)
            .max(1)
    }

    fn list_visible(&self) -> usize {
        let area = layout(self.width, self.height, Focus::List).list;
        let rows = area.map(|a| layout::inner(a).height).unwrap_or(0);
        ((rows / ENTRY_ROWS) as usize).max(1)
    }

    pub fn article_len(&self) -> usize {
        self.article().map(|a| a.lines.len()).unwrap_or(0)
    }

    fn max_scroll(&self) -> usize {
        self.article_len().saturating_sub(self.article_height())
    }

    pub fn update(&mut self, action: Action) {
        if self.help {
            // Any key closes the help; resizes and quitting still apply.
            match action {
                Action::Resize(..) | Action::Quit => {}
                _ => {
                    self.help = false;
                    return;
                }
            }
        }
        if !matches!(action, Action::Resize(..)) {
            self.touched = true;
        }
        let page = match self.focus {
            Focus::List => self.list_visible(),
            Focus::Article => self.article_height().saturating_sub(1).max(1),
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Resize(w, h) => {
                let len = self.article_len().max(1);
                self.anchor = Some(self.scroll as f64 / len as f64);
                self.width = w;
                self.height = h;
            }
            Action::Open => self.focus = Focus::Article,
            Action::Back => self.focus = Focus::List,
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List => Focus::Article,
                    Focus::Article => Focus::List,
                }
            }
            Action::NextPost => self.select(self.selected.saturating_add(1)),
            Action::PrevPost => self.select(self.selected.saturating_sub(1)),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(page as i64),
            Action::PageUp => self.move_by(-(page as i64)),
            Action::HalfDown => self.move_by((page / 2).max(1) as i64),
            Action::HalfUp => self.move_by(-((page / 2).max(1) as i64)),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.move_by(i64::MAX / 2),
            Action::Wheel { x, y, lines } => match self.pane_at(x, y) {
                Some(Focus::List) => self.select_by(lines as i64),
                Some(Focus::Article) => self.scroll_by(lines as i64),
                None => {}
            },
            Action::Click { x, y } => self.click(x, y),
        }
        self.prepare();
    }

    fn move_by(&mut self, delta: i64) {
        match self.focus {
            Focus::List => self.select_by(delta),
            Focus::Article => self.scroll_by(delta),
        }
    }

    fn select_by(&mut self, delta: i64) {
        let target = (self.selected as i64).saturating_add(delta).max(0);
        self.select(usize::try_from(target).unwrap_or(usize::MAX));
    }

    fn select(&mut self, index: usize) {
        let last = self.lib.posts.len().saturating_sub(1);
        let index = index.min(last);
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
        }
    }

    fn scroll_by(&mut self, delta: i64) {
        let target = (self.scroll as i64).saturating_add(delta).max(0) as usize;
        self.scroll = target.min(self.max_scroll());
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<Focus> {
        let l = self.layout();
        let hit = |r: Option<ratatui::layout::Rect>| {
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
                if y >= inner.y && y < inner.bottom() {
                    let row = ((y - inner.y) / ENTRY_ROWS) as usize;
                    self.select(self.list_offset + row);
                }
                self.focus = Focus::List;
            }
            Some(Focus::Article) => self.focus = Focus::Article,
            None => {}
        }
    }

    /// Brings derived state up to date: the current article is rendered
    /// (or taken from the cache), scroll and list offset are in range.
    pub fn prepare(&mut self) {
        if let Some(width) = self.article_width()
            && let Some(post) = self.lib.posts.get(self.selected)
        {
            self.cache.ensure(post, width as usize, &self.look);
        }
        if let Some(frac) = self.anchor.take() {
            self.scroll = (frac * self.article_len() as f64).round() as usize;
        }
        self.scroll = self.scroll.min(self.max_scroll());
        let visible = self.list_visible();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + visible {
            self.list_offset = self.selected + 1 - visible;
        }
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
