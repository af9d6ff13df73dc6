//! The reader's state and `update(Msg) -> Vec<Effect>`. Pure: no terminal,
//! no I/O, no threads. Keys, resizes, posts read, files changed, renders and
//! saves finished all arrive as a [`Msg`]; what must touch the world (read,
//! render, save, open, copy) goes out as an [`Effect`] for a runner to carry
//! out on its workers. Tests drive the app with scripted messages and assert
//! state and effects.

mod anchors;
mod cache;
pub mod follow;
mod history;
pub mod key;
pub mod keymap;
pub mod layout;
mod list;
pub mod marks;
mod msg;
mod nav;
mod reading;
pub mod search;

use std::path::PathBuf;
use std::sync::Arc;

use crate::content::Library;
use crate::content::{Post, Warning};
use crate::markdown::Theme;
pub use cache::{ArticleCache, RENDER_INLINE, Rendered, render};
pub use follow::{Env, Mux};
pub use key::{Key, KeyCode};
pub use layout::{Layout, layout};
pub use marks::{Mark, Marks};
pub use msg::{Effect, Msg, Scan};
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
    /// `q`: leave the current level (the article for the list; the list
    /// quits).
    Leave,
    Quit,
    /// `U`: put back the marks the last marking changed.
    Undo,
    /// Back to where the last jump left from, and forward again.
    HistoryBack,
    HistoryForward,
    /// `n` / `p`: the next / previous unread post, opened.
    NextUnread,
    PrevUnread,
    /// Space: a page down, or at the end of an article the next unread.
    PageOrNext,
    /// Ctrl-z: give the terminal back and stop, until `fg`.
    Suspend,
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
    /// `M` over many posts: y marks them all read, anything else does not.
    ConfirmMarkAll(usize),
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
    effects: Vec<Effect>,
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
    /// The large article asked of the render worker: (post path, width,
    /// content revision). Only the latest request matters.
    rendering: Option<(PathBuf, u16, u64)>,
    /// Bumped whenever posts change content, so a render of the old text
    /// that finishes late is not shown.
    rev: u64,
    /// The last generation handed out, and that of the latest request that
    /// reads everything (the first load or a reload): whole-library results
    /// older than it are dropped.
    generation: u64,
    scan_generation: u64,
    /// Whether there are folders to read again (not so for built-in posts).
    pub can_reload: bool,
    /// Bodies longer than this render on the render worker (tests lower
    /// it to send every render through the worker).
    pub render_inline: usize,
    /// Keys of marks changed since the last save request.
    dirty: Vec<String>,
    /// The marks as they were before the last marking (for `U`).
    undo: Vec<(String, Mark)>,
    /// Places jumped from (Backspace) and gone back from (forward).
    pub history: history::History,
    /// Posts (by real path) already checked for marks of earlier versions.
    legacy_seen: std::collections::HashSet<PathBuf>,
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
            rendering: None,
            rev: 0,
            generation: 0,
            scan_generation: 0,
            can_reload: false,
            render_inline: RENDER_INLINE,
            dirty: Vec::new(),
            undo: Vec::new(),
            history: Default::default(),
            legacy_seen: Default::default(),
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
        self.legacy_seen.clear();
        self.adopt_legacy_marks();
        self.recount();
    }

    pub(super) fn recount(&mut self) {
        self.unread = self
            .lib
            .posts
            .iter()
            .filter(|p| !self.marks.is_read(&p.key))
            .count();
    }

    /// A line for the status bar from the terminal side.
    pub fn note(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Whether the current article is still being rendered.
    pub fn is_rendering(&self) -> bool {
        let (Some(post), Some(width)) = (self.post(), self.article_width()) else {
            return false;
        };
        self.article().is_none()
            && self
                .rendering
                .as_ref()
                .is_some_and(|(p, w, _)| *p == post.path && *w == width)
    }

    /// The first load, read in batches by the scan worker: all `files`,
    /// the first `read` of which are already shown (read again for their
    /// search text, their warnings not repeated).
    pub fn begin_loading(&mut self, files: Vec<crate::content::Found>, read: usize) -> Vec<Effect> {
        if files.is_empty() {
            return Vec::new();
        }
        let again = read.min(files.len());
        if again < files.len() {
            self.loading = Some((again, files.len()));
        }
        self.request_scan(Scan::Files { files, again });
        std::mem::take(&mut self.effects)
    }

    fn request_scan(&mut self, scan: Scan) {
        self.generation += 1;
        if !matches!(scan, Scan::Paths(_)) {
            self.scan_generation = self.generation;
        }
        if matches!(scan, Scan::Full) {
            self.loading = None;
        }
        self.effects.push(Effect::Scan {
            generation: self.generation,
            scan,
        });
    }

    pub fn layout(&self) -> Layout {
        layout(self.width, self.height, self.focus)
    }

    pub fn post(&self) -> Option<&Post> {
        self.lib.posts.get(*self.visible.get(self.selected)?)
    }

    /// The rendered current article at the article pane's width, if it has
    /// been prepared (it always is after `update`).
    pub fn article(&self) -> Option<Arc<Rendered>> {
        let width = self.article_width()?;
        self.cache.get(self.post()?, width)
    }

    /// Whether a post is marked read (marks are kept under `Post::key`).
    pub fn is_read(&self, post: &Post) -> bool {
        self.marks.is_read(&post.key)
    }

    pub fn is_starred(&self, post: &Post) -> bool {
        self.marks.is_starred(&post.key)
    }

    pub fn unread(&self) -> usize {
        self.unread
    }

    /// Handles one message and returns what the runner should do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        match msg.into() {
            Msg::Key(key) => {
                if let Some(action) = keymap::action_for(key, self.mode) {
                    self.action(action);
                }
            }
            Msg::Action(action) => self.action(action),
            Msg::Resize(w, h) => self.resize(w, h),
            Msg::Loaded { generation, batch } => {
                let whole = batch.replace || batch.total > 0;
                // A reload asked for after this batch's request replaces
                // it: merging both would list posts twice.
                if !(whole && generation < self.scan_generation) {
                    self.apply(batch);
                }
            }
            Msg::FilesChanged(paths) if self.can_reload => self.request_scan(Scan::Paths(paths)),
            Msg::Rescan if self.can_reload => self.request_scan(Scan::Full),
            Msg::FilesChanged(_) | Msg::Rescan => {}
            Msg::RootGone(root) => self.note(format!(
                "{} was removed; watching for it to come back",
                crate::text::sanitize_line(&root.to_string_lossy())
            )),
            Msg::RootBack(root) => {
                self.request_scan(Scan::Full);
                self.note(format!(
                    "{} is back: watching it again and reloading",
                    crate::text::sanitize_line(&root.to_string_lossy())
                ));
            }
            Msg::Rendered {
                rev,
                path,
                width,
                article,
            } => self.rendered(rev, path, width, article),
            Msg::Saved(Ok(others)) => {
                if !others.posts.is_empty() {
                    self.marks.merge(&others);
                    self.recount();
                }
            }
            Msg::Saved(Err(why)) => self.note(format!("reading state not saved: {why}")),
            Msg::SaveWaiting => {
                self.note("another tidings holds the reading state; saving when it is free")
            }
            Msg::Copied(to) => {
                let said = self.message.take().unwrap_or_else(|| "copied".into());
                self.note(match to {
                    Ok(place) => format!("{said} → {place}"),
                    Err(why) => format!("{said}; {why}"),
                });
            }
            Msg::OpenFailed(url, why) => {
                self.note(format!("could not start the opener ({why}); copied {url}"));
                self.effects.push(Effect::Copy(url));
            }
            Msg::Note(text) => self.note(text),
        }
        self.flush_marks();
        self.prepare();
        std::mem::take(&mut self.effects)
    }

    fn action(&mut self, action: Action) {
        self.touched = true;
        self.message = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            _ => match self.mode {
                Mode::Help => self.mode = Mode::Normal,
                Mode::Search | Mode::Find => self.typing(action),
                Mode::Prompt(intent) => self.prompt(intent, action),
                Mode::ConfirmMarkAll(_) => {
                    self.mode = Mode::Normal;
                    if matches!(action, Action::Char('y' | 'Y')) {
                        self.mark_all_read();
                    } else {
                        self.note("nothing marked");
                    }
                }
                Mode::Links(intent) => self.links_overlay(intent, action),
                Mode::Outline => self.outline_overlay(action),
                Mode::Normal => self.normal(action),
            },
        }
    }

    fn rendered(&mut self, rev: u64, path: PathBuf, width: u16, article: Arc<Rendered>) {
        if self
            .rendering
            .as_ref()
            .is_some_and(|(p, w, r)| *p == path && *w == width && *r == rev)
        {
            self.rendering = None;
        }
        // Rendered from text that has changed since: drop it; `prepare`
        // asks again if it is still wanted.
        if rev == self.rev && self.lib.posts.iter().any(|p| p.path == path) {
            self.cache.insert(path, width, article);
        }
    }

    /// Asks the save worker to save the marks changed since last time:
    /// only those, so a save costs the same with 10 or 100,000 marks.
    fn flush_marks(&mut self) {
        if self.dirty.is_empty() {
            return;
        }
        let mut delta = Marks::default();
        for key in self.dirty.drain(..) {
            if let Some(m) = self.marks.posts.get(&key) {
                delta.posts.insert(key, *m);
            }
        }
        self.effects.push(Effect::Save(delta));
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
            // While finding in an article, n steps through the matches, as
            // in less; Esc ends the find.
            Action::NextUnread if self.focus == Focus::Article && !self.find.query.is_empty() => {
                self.next_match(1)
            }
            Action::NextUnread => self.step_unread(1),
            Action::HistoryBack => self.go_back(),
            Action::Undo => self.undo_marks(),
            Action::HistoryForward => self.go_forward(),
            Action::PrevUnread => self.step_unread(-1),
            Action::Leave => match self.focus {
                Focus::Article => self.focus = Focus::List,
                Focus::List => self.quit = true,
            },
            Action::PageOrNext
                if self.focus == Focus::Article && self.scroll >= self.max_scroll() =>
            {
                self.step_unread(1)
            }
            Action::PageOrNext => self.navigate(Action::PageDown),
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
            Action::MarkAllRead => self.ask_mark_all_read(),
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
            Action::Reload if self.can_reload => {
                self.request_scan(Scan::Full);
                let dots = self.look.theme.symbols.ellipsis;
                self.note(format!("reloading{dots}"));
            }
            Action::Reload => self.note("the built-in posts do not change"),
            other => self.navigate(other),
        }
    }
}
