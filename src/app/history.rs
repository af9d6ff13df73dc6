//! Where the reader has been: every jump (opening a post, following a link
//! to another post or a heading, next unread) remembers the place it left,
//! so `Backspace` goes back to that post and line and a forward key
//! returns. A jump after going back forgets the places ahead, as browsers
//! do.

use std::path::PathBuf;

use super::{App, Focus};

/// A post and the first article line shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: PathBuf,
    pub scroll: usize,
}

/// Places behind and ahead; bounded so a long session cannot grow it.
#[derive(Debug, Default)]
pub struct History {
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
}

const KEEP: usize = 200;

impl App {
    /// The place shown now, if an article is.
    fn here(&self) -> Option<Place> {
        if self.focus != Focus::Article {
            return None;
        }
        Some(Place {
            path: self.post()?.path.clone(),
            scroll: self.scroll,
        })
    }

    /// Called before a jump: remembers where it leaves from.
    pub(super) fn remember(&mut self) {
        if let Some(here) = self.here()
            && self.history.back.last() != Some(&here)
        {
            self.history.back.push(here);
            if self.history.back.len() > KEEP {
                self.history.back.remove(0);
            }
        }
        self.history.forward.clear();
    }

    pub(super) fn go_back(&mut self) {
        let Some(place) = self.history.back.pop() else {
            self.note("nothing to go back to");
            return;
        };
        if let Some(here) = self.here() {
            self.history.forward.push(here);
        }
        self.go_to(place);
    }

    pub(super) fn go_forward(&mut self) {
        let Some(place) = self.history.forward.pop() else {
            self.note("nothing to go forward to");
            return;
        };
        if let Some(here) = self.here() {
            self.history.back.push(here);
        }
        self.go_to(place);
    }

    /// Shows `place`: its post, focused, at its line (clearing a search or
    /// view that would hide it).
    fn go_to(&mut self, place: Place) {
        if !self.show_post(&place.path) {
            self.note("that post is no longer here");
            return;
        }
        self.focus = Focus::Article;
        self.prepare();
        self.scroll = place.scroll.min(self.max_scroll());
    }
}
