//! The reader's state and `update(Action)`. Pure: no terminal, no I/O.
//! What must touch the world (open a URL, copy to the clipboard, save the
//! reading state, reload) is queued as an [`Effect`] for `tui` to carry out,
//! so tests drive the app with scripted actions and assert state and effects.

mod cache;
pub mod follow;
pub mod key;
pub mod keymap;
pub mod layout;
mod list;
pub mod marks;
mod nav;
mod reading;
pub mod search;

use std::path::PathBuf;
use std::rc::Rc;

use crate::content::Library;
use crate::content::{Post, Warning};
use crate::markdown::Theme;
pub use cache::{ArticleCache, RENDER_INLINE, Rendered, render};
pub use follow::{Env, Mux};
pub use key::{Key, KeyCode};
pub use layout::{Layout, layout};
pub use marks::Marks;
pub use reading::Find;

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
    /// Enter: open, or confirm what is being typed.
    Open,
    /// Esc: back, or cancel what is being typed.
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
    /// A character typed into a search box or number prompt.
    Char(char),
    Backspace,
    /// `/`: search the list, or find in the article.
    Search,
    NextMatch,
    PrevMatch,
    /// `f`: follow link number ...; `y`: copy link number ...
    Follow,
    Yank,
    Links,
    Outline,
    ToggleRead,
    MarkAllRead,
    UnreadOnly,
    ToggleStar,
    StarredOnly,
    Reload,
}

/// What the keyboard is doing: keys mean different things while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// Typing into the list's search box.
    Search,
    /// Typing what to find in the article.
    Find,
    /// After `f` or `y`: typing a link number.
    Prompt(Intent),
    /// The list of the article's links.
    Links(Intent),
    /// The article's headings.
    Outline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Follow,
    Copy,
}

/// Work for the terminal side, queued by `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Hand this (checked, web) URL to the system opener.
    Open(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// The reading marks changed: merge and save them.
    SaveMarks,
    /// Read the folders again.
    Reload,
    /// Render this (large) post at this width on a worker thread, then
    /// hand the result to `App::rendered`.
    Render { path: PathBuf, width: u16 },
}

/// Posts read after the screen opened: more of the first load, a reload,
/// or changes seen on disk.
#[derive(Debug, Default)]
pub struct Batch {
    pub posts: Vec<Post>,
    pub warnings: Vec<Warning>,
    /// Posts (by path) that no longer exist.
    pub removed: Vec<PathBuf>,
    /// Whether `posts` replace the whole library (a reload).
    pub replace: bool,
    /// Files read so far, of `total` (first load only).
    pub done: usize,
    pub total: usize,
}

/// Rows one list entry takes: the title, then date/author/tags.
pub const ENTRY_ROWS: u16 = 2;

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
    pub env: Env,
    /// Indices into `lib.posts` that the list shows (search and views).
    pub visible: Vec<usize>,
    /// Per visible entry: where a search first hit the body (offset,
    /// length), for the list's snippet line.
    pub snippets: Vec<Option<(usize, usize)>>,
    /// Index into `visible`.
    pub selected: usize,
    /// First list entry shown.
    pub list_offset: usize,
    pub focus: Focus,
    /// First article line shown.
    pub scroll: usize,
    pub mode: Mode,
    /// Text typed in the current search box or prompt.
    pub input: String,
    /// The list's search, as last typed (empty: no filter).
    pub search: String,
    pub find: Find,
    /// Selected row in the links or outline overlay.
    pub overlay: usize,
    pub marks: Marks,
    /// Posts not marked read: kept up to date when marks or posts change,
    /// not counted every frame (10,000 lookups per key).
    unread: usize,
    pub unread_only: bool,
    pub starred_only: bool,
    /// One line for the status bar: what the last action did.
    pub message: Option<String>,
    pub effects: Vec<Effect>,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
    /// (files read, files found) while posts are still arriving.
    pub loading: Option<(usize, usize)>,
    /// Whether the reader has moved: until then, arriving posts keep the
    /// newest at the top selected.
    touched: bool,
    cache: ArticleCache,
    /// Search text prepared per post (aligned with `lib.posts`), built the
    /// first time a search needs it.
    hay: Vec<Option<search::Haystack>>,
    /// The last filter applied, with the views and post count it ran over,
    /// so a search that only narrows re-tests just what it showed.
    last_filter: Option<(search::Query, (bool, bool, usize))>,
    /// Where in the article (0..1) to return to once it is re-wrapped.
    anchor: Option<f64>,
    /// Large articles being rendered on a worker: (post path, width).
    rendering: std::collections::HashSet<(PathBuf, u16)>,
    /// Milliseconds since the epoch, for reading marks.
    pub clock: fn() -> u64,
}

fn system_clock() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl App {
    pub fn new(lib: Library, look: Look, width: u16, height: u16) -> App {
        let mut app = App {
            lib,
            look,
            env: Env::default(),
            visible: Vec::new(),
            snippets: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            mode: Mode::Normal,
            input: String::new(),
            search: String::new(),
            find: Find::default(),
            overlay: 0,
            marks: Marks::default(),
            unread: 0,
            unread_only: false,
            starred_only: false,
            message: None,
            effects: Vec::new(),
            quit: false,
            width,
            height,
            loading: None,
            touched: false,
            cache: ArticleCache::default(),
            hay: Vec::new(),
            last_filter: None,
            anchor: None,
            rendering: Default::default(),
            clock: system_clock,
        };
        app.refilter();
        app.prepare();
        app.recount();
        app
    }

    /// Replaces the reading marks (loaded or merged from the state file).
    pub fn set_marks(&mut self, marks: Marks) {
        self.marks = marks;
        self.recount();
    }

    pub(super) fn recount(&mut self) {
        self.unread = self
            .lib
            .posts
            .iter()
            .filter(|p| !self.marks.is_read(&p.id))
            .count();
    }

    /// A line for the status bar from the terminal side.
    pub fn note(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// A large article rendered on a worker (see [`Effect::Render`]).
    pub fn rendered(&mut self, path: PathBuf, width: u16, rendered: Rendered) {
        self.rendering.remove(&(path.clone(), width));
        if self.lib.posts.iter().any(|p| p.path == path) {
            self.cache.insert(path, width, rendered);
        }
        self.prepare();
    }

    /// Whether the current article is still being rendered.
    pub fn is_rendering(&self) -> bool {
        let width = self.article_width();
        self.post()
            .zip(width)
            .is_some_and(|(p, w)| self.rendering.contains(&(p.path.clone(), w)))
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn layout(&self) -> Layout {
        layout(self.width, self.height, self.focus)
    }

    pub fn post(&self) -> Option<&Post> {
        self.lib.posts.get(*self.visible.get(self.selected)?)
    }

    /// The rendered current article at the article pane's width, if it has
    /// been prepared (it always is after `update`).
    pub fn article(&self) -> Option<Rc<Rendered>> {
        let width = self.article_width()?;
        self.cache.get(self.post()?, width)
    }

    pub fn unread(&self) -> usize {
        self.unread
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.touched = true;
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            _ => match self.mode {
                Mode::Help => self.mode = Mode::Normal,
                Mode::Search | Mode::Find => self.typing(action),
                Mode::Prompt(intent) => self.prompt(intent, action),
                Mode::Links(intent) => self.links_overlay(intent, action),
                Mode::Outline => self.outline_overlay(action),
                Mode::Normal => self.normal(action),
            },
        }
        self.prepare();
    }

    fn normal(&mut self, action: Action) {
        match action {
            Action::Help => self.mode = Mode::Help,
            Action::Open => self.open_article(),
            Action::Back => {
                if self.focus == Focus::Article && !self.find.query.is_empty() {
                    self.find = Find::default();
                } else {
                    self.focus = Focus::List;
                }
            }
            Action::ToggleFocus => match self.focus {
                Focus::List => self.open_article(),
                Focus::Article => self.focus = Focus::List,
            },
            Action::NextPost => self.step_post(1),
            Action::PrevPost => self.step_post(-1),
            Action::Search => {
                self.input = match self.focus {
                    Focus::List => self.search.clone(),
                    Focus::Article => String::new(),
                };
                self.mode = match self.focus {
                    Focus::List => Mode::Search,
                    Focus::Article => Mode::Find,
                };
            }
            Action::NextMatch => self.next_match(1),
            Action::PrevMatch => self.next_match(-1),
            Action::Follow => self.start_prompt(Intent::Follow),
            Action::Yank => self.start_prompt(Intent::Copy),
            Action::Links => {
                self.overlay = 0;
                self.mode = Mode::Links(Intent::Follow);
            }
            Action::Outline => {
                self.overlay = 0;
                self.mode = Mode::Outline;
            }
            Action::ToggleRead => self.toggle_read(),
            Action::MarkAllRead => self.mark_all_read(),
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refilter();
                self.note(if self.unread_only {
                    "showing unread posts only"
                } else {
                    "showing all posts"
                });
            }
            Action::ToggleStar => self.toggle_star(),
            Action::StarredOnly => {
                self.starred_only = !self.starred_only;
                self.refilter();
                self.note(if self.starred_only {
                    "showing starred posts only"
                } else {
                    "showing all posts"
                });
            }
            Action::Reload => self.effects.push(Effect::Reload),
            other => self.navigate(other),
        }
    }
}
