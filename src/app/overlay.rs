//! The links, outline and help overlays: narrowing their rows as you type
//! after `/`, moving and scrolling through them, and acting on the row
//! chosen. A narrowed row is an index into the rows shown; the functions
//! here map it back to the original link, heading or key row.

use super::keymap::HelpRow;
use super::{Action, App, Intent, Mode};
use crate::markdown::Article;

/// Longest filter kept: a filter is typed by hand, so more is a stuck key.
const MAX_FILTER: usize = 200;

/// What an open overlay shows besides its selection: the filter typed,
/// and where its rows start on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverlayView {
    pub filter: String,
    /// Whether keys are going into `filter` (after `/`, until Enter or Esc).
    pub typing: bool,
    /// The first row shown of the links and outline (help's is
    /// `App::overlay`), kept here so a page down shows the next page.
    pub top: usize,
}

/// Indices of the `rows` containing `needle`, ignoring case (all of them
/// for an empty needle).
pub fn matching<S: AsRef<str>>(needle: &str, rows: impl IntoIterator<Item = S>) -> Vec<usize> {
    let needle = needle.to_lowercase();
    rows.into_iter()
        .enumerate()
        .filter(|(_, r)| needle.is_empty() || r.as_ref().to_lowercase().contains(&needle))
        .map(|(i, _)| i)
        .collect()
}

/// What a link is found by: its number as shown, its URL and the link as
/// written (NUL between, so a match never spans two of them).
pub fn link_haystacks(article: &Article) -> Vec<String> {
    let hay = |l: &crate::markdown::Link| format!("[{}]\0{}\0{}", l.number, l.url, l.raw);
    article.links.iter().map(hay).collect()
}

/// The help overlay's rows: the list's and article's keys.
impl App {
    /// The help's rows: the panes' keys as bound now, and the config's
    /// for the list or article alone.
    pub fn help_list(&self) -> Vec<HelpRow> {
        self.keymap
            .help_rows()
            .into_iter()
            .filter(|r| {
                r.label.is_none()
                    || matches!(
                        r.context,
                        super::keymap::Context::List | super::keymap::Context::Article
                    )
            })
            .collect()
    }
}

fn help_haystack(r: &HelpRow) -> String {
    let keys: Vec<String> = r.keys.iter().map(|k| k.to_string()).collect();
    format!("{}\0{}\0{}", keys.join(" "), r.name, r.help)
}

impl App {
    /// The rows the open overlay shows, as indices into its full list
    /// (links, headings or help rows), narrowed by the filter.
    pub fn overlay_rows(&self) -> Vec<usize> {
        let needle = &self.overlay_view.filter;
        match self.mode {
            Mode::Links(_) => self
                .article()
                .map(|a| matching(needle, link_haystacks(&a)))
                .unwrap_or_default(),
            Mode::Outline => self
                .article()
                .map(|a| matching(needle, a.headings.iter().map(|h| &h.text)))
                .unwrap_or_default(),
            Mode::Help => matching(needle, self.help_list().iter().map(help_haystack)),
            _ => Vec::new(),
        }
    }

    /// Rows an overlay shows at once: the screen less the frame.
    pub fn overlay_height(&self) -> usize {
        (self.height as usize).saturating_sub(2).max(1)
    }

    /// The mode keys are read in: while a filter is typed, as in any box
    /// being typed into (letters are text).
    pub(super) fn key_mode(&self) -> Mode {
        let overlay = matches!(self.mode, Mode::Links(_) | Mode::Outline | Mode::Help);
        if overlay && self.overlay_view.typing {
            Mode::Find
        } else {
            self.mode
        }
    }

    pub(super) fn open_overlay(&mut self, mode: Mode) {
        self.overlay = 0;
        self.overlay_view = OverlayView::default();
        self.mode = mode;
    }

    fn close_overlay(&mut self) {
        self.overlay_view = OverlayView::default();
        self.mode = Mode::Normal;
    }

    /// Typing the filter, starting it, and moving: what every overlay does
    /// alike. Returns the action when it is the overlay's own to handle.
    fn overlay_common(&mut self, action: Action, count: usize, page: usize) -> Option<Action> {
        if self.overlay_view.typing {
            match action {
                Action::Char(c) if self.overlay_view.filter.chars().count() < MAX_FILTER => {
                    self.overlay_view.filter.push(c);
                    (self.overlay, self.overlay_view.top) = (0, 0);
                }
                Action::Backspace => {
                    self.overlay_view.filter.pop();
                    (self.overlay, self.overlay_view.top) = (0, 0);
                }
                Action::Open => self.overlay_view.typing = false,
                Action::Back => {
                    self.overlay_view = OverlayView::default();
                    self.overlay = 0;
                }
                Action::Up | Action::Down => self.move_in(count, action, page),
                _ => {}
            }
            return None;
        }
        match action {
            Action::Search => {
                self.overlay_view.typing = true;
                None
            }
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::PageOrNext
            | Action::HalfDown
            | Action::HalfUp
            | Action::Top
            | Action::Bottom => {
                self.move_in(count, action, page);
                None
            }
            other => Some(other),
        }
    }

    /// Moves the selection, paging the rows shown along with it as
    /// `less` does.
    fn move_in(&mut self, count: usize, action: Action, page: usize) {
        self.overlay = move_in(self.overlay, count, action, page);
        let view = &mut self.overlay_view;
        // A line or an end moves the view only as far as the selection
        // needs; a page moves it a page.
        if !matches!(
            action,
            Action::Up | Action::Down | Action::Top | Action::Bottom
        ) {
            view.top = view.top.saturating_add_signed(step(action, page));
        }
        view.top = view.top.min(count.saturating_sub(page));
        if self.overlay < view.top {
            view.top = self.overlay;
        } else if self.overlay >= view.top + page {
            view.top = self.overlay + 1 - page;
        }
    }

    pub(super) fn links_overlay(&mut self, intent: Intent, action: Action) {
        let rows = self.overlay_rows();
        let page = self.overlay_height();
        let Some(action) = self.overlay_common(action, rows.len(), page) else {
            return;
        };
        let intent = match action {
            Action::Open => intent,
            Action::Yank => Intent::Copy,
            Action::Follow => Intent::Follow,
            Action::Back | Action::Links => return self.close_overlay(),
            _ => return,
        };
        let narrowed = !self.overlay_view.filter.is_empty();
        self.close_overlay();
        match rows.get(self.overlay) {
            Some(&i) => self.act(intent, i + 1),
            None if narrowed => self.note("no link matches"),
            // No links, or the article still rendering: nothing to act on.
            None => {}
        }
    }

    pub(super) fn outline_overlay(&mut self, action: Action) {
        let rows = self.overlay_rows();
        let page = self.overlay_height();
        match self.overlay_common(action, rows.len(), page) {
            Some(Action::Open) => {
                self.close_overlay();
                let line = rows
                    .get(self.overlay)
                    .and_then(|&i| self.article()?.headings.get(i).map(|h| h.line));
                if let Some(line) = line {
                    self.remember();
                    self.open_article();
                    self.scroll = line.min(self.max_scroll());
                }
            }
            Some(Action::Back | Action::Outline) => self.close_overlay(),
            _ => {}
        }
    }

    /// Help scrolls rather than selects: `overlay` is its first row shown.
    pub(super) fn help_overlay(&mut self, action: Action) {
        let rows = self.overlay_rows().len();
        let page = self.overlay_height();
        // Moving the top row within the rows that can be first.
        let tops = rows.saturating_sub(page) + 1;
        let left = self.overlay_common(action, tops, page);
        if matches!(left, Some(Action::Back | Action::Leave | Action::Help)) {
            self.close_overlay();
        }
    }
}

/// A selection moved within `count` rows by a navigation action, `page`
/// rows to a page.
fn move_in(at: usize, count: usize, action: Action, page: usize) -> usize {
    at.saturating_add_signed(step(action, page))
        .min(count.saturating_sub(1))
}

/// How far an action moves: a line, a page, half a page, or to an end.
fn step(action: Action, page: usize) -> isize {
    let page = page.max(1) as isize;
    match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown | Action::PageOrNext => page,
        Action::HalfDown => (page / 2).max(1),
        Action::PageUp => -page,
        Action::HalfUp => -(page / 2).max(1),
        Action::Top => isize::MIN,
        Action::Bottom => isize::MAX,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_ignores_case_and_keeps_order() {
        let rows = ["Intro", "社区治理", "The END", "endnotes"];
        assert_eq!(matching("end", rows), [2, 3]);
        assert_eq!(matching("治理", rows), [1]);
        assert_eq!(matching("", rows), [0, 1, 2, 3]);
        assert!(matching("zzz", rows).is_empty());
    }

    #[test]
    fn moves_stay_within_the_rows() {
        assert_eq!(move_in(0, 200, Action::PageDown, 10), 10);
        assert_eq!(move_in(195, 200, Action::PageDown, 10), 199);
        assert_eq!(move_in(5, 200, Action::HalfUp, 10), 0);
        assert_eq!(move_in(7, 0, Action::Down, 10), 0);
        assert_eq!(move_in(3, 200, Action::Bottom, 10), 199);
    }
}
