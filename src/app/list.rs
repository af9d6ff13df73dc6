//! The list: which posts show (search, unread-only, starred-only), reading
//! marks, typing into the boxes, and posts arriving or changing.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Action, App, Batch, Find, Mode};
use crate::content::{self, Post, sort};

/// `M` asks before marking more posts than this.
const ASK_ABOVE: usize = 50;

impl App {
    /// Keys while typing into the search box or the find box.
    pub(super) fn typing(&mut self, action: Action) {
        let searching = self.mode == Mode::Search;
        match action {
            Action::Char(c) => self.input.push(c),
            Action::Backspace => {
                self.input.pop();
            }
            Action::Open => {
                self.mode = Mode::Normal;
                if !searching {
                    self.next_match(0);
                }
                return;
            }
            Action::Back => {
                self.mode = Mode::Normal;
                self.input.clear();
                if searching {
                    self.search.clear();
                    self.refilter();
                } else {
                    self.find = Find::default();
                }
                return;
            }
            Action::Up | Action::Down if searching => {
                if let Some(job) = &mut self.search_job {
                    job.top = false;
                }
                return self.navigate(action);
            }
            Action::Down => return self.next_match(1),
            Action::Up => return self.next_match(-1),
            _ => return,
        }
        if searching {
            self.search = self.input.clone();
            self.refilter();
        } else {
            self.set_find(self.input.clone());
        }
    }

    /// Sets post `index` read or unread, keeping the unread count and
    /// noting the mark for the next save; no cost that grows with marks.
    pub(super) fn set_read(&mut self, index: usize, read: bool) -> bool {
        let key = mark_key(&self.lib.posts[index]);
        if self.marks.is_read(key) == read {
            return false;
        }
        let key = key.to_owned();
        self.marks.set_read(&key, read, (self.clock)());
        if read {
            self.unread = self.unread.saturating_sub(1);
        } else {
            self.unread += 1;
        }
        self.dirty.push(key);
        true
    }

    pub(super) fn toggle_read(&mut self) {
        if let Some(i) = self.selected_index() {
            let read = !self.marks.is_read(mark_key(&self.lib.posts[i]));
            self.keep_for_undo(&[i]);
            self.set_read(i, read);
            self.note(if read { "marked read" } else { "marked unread" });
        }
    }

    /// `M`: marks every post shown read (on a group's header, the
    /// group's), asking first when that is many.
    pub(super) fn ask_mark_all_read(&mut self) {
        let n = self.posts_to_mark().len();
        if n > ASK_ABOVE {
            self.mode = Mode::ConfirmMarkAll(n);
        } else {
            self.mark_all_read();
        }
    }

    fn posts_to_mark(&self) -> Vec<usize> {
        match self.selected_group() {
            Some(g) => g.posts.clone(),
            None => self.visible.clone(),
        }
    }

    pub(super) fn mark_all_read(&mut self) {
        let shown = self.posts_to_mark();
        let n = shown.len();
        self.keep_for_undo(&shown);
        for i in shown {
            self.set_read(i, true);
        }
        self.note(format!("marked {n} posts read (U undoes)"));
    }

    /// Remembers the marks of these posts as they are, for `U`.
    fn keep_for_undo(&mut self, posts: &[usize]) {
        self.undo = posts
            .iter()
            .map(|&i| {
                let key = mark_key(&self.lib.posts[i]).to_owned();
                let mark = self.marks.posts.get(&key).copied().unwrap_or_default();
                (key, mark)
            })
            .collect();
    }

    /// `U`: puts back what the last marking changed (as a new change, so
    /// it is saved and merged like any other).
    pub(super) fn undo_marks(&mut self) {
        if self.undo.is_empty() {
            self.note("nothing to undo");
            return;
        }
        let now = (self.clock)();
        let undo = std::mem::take(&mut self.undo);
        let n = undo.len();
        for (key, was) in undo {
            self.marks.set_read(&key, was.read, now);
            self.marks.set_starred(&key, was.starred, now);
            self.dirty.push(key);
        }
        self.recount();
        self.note(format!("undone: {n} marks as they were"));
    }

    pub(super) fn toggle_star(&mut self) {
        if let Some(i) = self.selected_index() {
            self.keep_for_undo(&[i]);
            let key = mark_key(&self.lib.posts[i]).to_owned();
            let starred = !self.marks.is_starred(&key);
            self.marks.set_starred(&key, starred, (self.clock)());
            self.dirty.push(key);
            self.note(if starred { "starred" } else { "star removed" });
        }
    }

    /// Merges posts that arrived: more of the first load, a reload, or
    /// changes on disk. The selected post and the place in it stay put once
    /// the reader has moved (before that, the newest stays on top).
    pub fn apply(&mut self, batch: Batch) {
        let keep = self.post().map(|p| p.path.clone()).filter(|_| self.touched);
        let first_load = batch.total > 0;
        let batch_warning = match batch.warnings.len() {
            0 => None,
            1 => Some(batch.warnings[0].to_string()),
            n => Some(format!("{} (and {} more)", batch.warnings[0], n - 1)),
        };
        let (added, changed, removed) = if first_load {
            // Upserted like changes: a file read by a reread first must
            // not be listed twice when its batch arrives.
            self.lib.warnings.extend(batch.warnings);
            self.upsert(batch.posts, &[])
        } else if batch.replace {
            self.lib.warnings = batch.warnings;
            self.replace(batch.posts)
        } else {
            self.lib.warnings.extend(batch.warnings);
            self.upsert(batch.posts, &batch.removed)
        };
        if changed + removed > 0 {
            self.rev += 1;
        }
        content::unique_keys(&mut self.lib.posts);
        self.adopt_legacy_marks();

        sort(&mut self.lib.posts);
        self.hay.clear();
        self.last_filter = None;
        self.recount();
        // A reread that changed nothing says nothing: it would only hide
        // what the status line said last (a reload asked for does say so).
        let quiet = !batch.replace && added + changed + removed == 0 && batch_warning.is_none();
        if !first_load && !quiet {
            // What was skipped says so where the reader looks.
            let message = match batch_warning {
                Some(w) if added + changed + removed == 0 => w,
                Some(w) => format!("{}; {w}", change_message(added, changed, removed)),
                None => change_message(added, changed, removed),
            };
            self.note(message);
        }
        if keep.is_none() {
            self.selected = 0;
            self.scroll = 0;
        }
        if first_load {
            self.loading = (batch.done < batch.total).then_some((batch.done, batch.total));
        } else if batch.replace {
            self.loading = None;
        }
        let current = self.post().map(|p| p.path.clone());
        self.refilter();
        if let Some(path) = keep.or(current) {
            self.reselect(Some(path));
        }
        self.prepare();
    }
}

impl App {
    /// Marks an earlier version saved under a post's path relative to the
    /// folder then opened move to the post's key the first time the post
    /// is seen (longest path first); they reach the file with the next save.
    pub(super) fn adopt_legacy_marks(&mut self) {
        if self.marks.legacy.is_empty() {
            return;
        }
        let mut adopted = false;
        for p in &self.lib.posts {
            if self.marks.posts.contains_key(&p.key)
                || !self.legacy_seen.insert(p.canonical.clone())
            {
                continue;
            }
            let ids = content::legacy_ids(&p.canonical);
            if self
                .marks
                .adopt_legacy(&p.key, ids.iter().map(String::as_str))
            {
                self.dirty.push(p.key.clone());
                adopted = true;
            }
        }
        if adopted {
            self.recount();
        }
    }

    /// A whole new library (a reload): returns (added, changed, removed).
    fn replace(&mut self, posts: Vec<Post>) -> (usize, usize, usize) {
        // Compared with the old posts moved out, not copied.
        let old = std::mem::replace(&mut self.lib.posts, posts);
        let by_path: HashMap<&PathBuf, &Post> = old.iter().map(|p| (&p.path, p)).collect();
        let (mut added, mut changed) = (0, 0);
        for p in &self.lib.posts {
            match by_path.get(&p.path) {
                None => {
                    added += 1;
                    self.cache.forget(&p.path);
                }
                Some(o) if differs(o, p) => {
                    changed += 1;
                    self.cache.forget(&p.path);
                }
                Some(_) => {}
            }
        }
        let removed = (old.len() + added).saturating_sub(self.lib.posts.len());
        (added, changed, removed)
    }

    /// Replaces posts by their real file, adds new ones, drops removed
    /// ones; returns (added, changed, removed). Matching on the canonical
    /// path means a file reported through a linked folder is the same post.
    fn upsert(&mut self, posts: Vec<Post>, gone: &[PathBuf]) -> (usize, usize, usize) {
        let before = self.lib.posts.len();
        if !gone.is_empty() {
            for path in gone {
                self.cache.forget(path);
            }
            let gone: std::collections::HashSet<&PathBuf> = gone.iter().collect();
            self.lib.posts.retain(|p| !gone.contains(&p.path));
        }
        let removed = before - self.lib.posts.len();
        let mut index: HashMap<PathBuf, usize> = self
            .lib
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.canonical.clone(), i))
            .collect();
        let (mut added, mut changed) = (0, 0);
        for mut post in posts {
            match index.get(&post.canonical) {
                Some(&i) => {
                    let old = &self.lib.posts[i];
                    // Keep the name it is listed under (selection, cache).
                    post.path = old.path.clone();
                    post.id = old.id.clone();
                    if differs(old, &post) {
                        changed += 1;
                        self.cache.forget(&post.path);
                    }
                    self.lib.posts[i] = post;
                }
                None => {
                    added += 1;
                    // A file deleted and made again under the same name
                    // must not show what was rendered of the old one.
                    self.cache.forget(&post.path);
                    index.insert(post.canonical.clone(), self.lib.posts.len());
                    self.lib.posts.push(post);
                }
            }
        }
        (added, changed, removed)
    }
}

fn differs(a: &Post, b: &Post) -> bool {
    a.title != b.title || a.hash != b.hash || a.date != b.date || a.authors != b.authors
}

/// The key reading marks are kept under.
pub(super) fn mark_key(p: &Post) -> &str {
    &p.key
}

fn change_message(added: usize, changed: usize, removed: usize) -> String {
    let mut parts = Vec::new();
    for (n, what) in [(added, "new"), (changed, "changed"), (removed, "removed")] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    if parts.is_empty() {
        "posts reloaded: no changes".into()
    } else {
        format!("posts: {}", parts.join(", "))
    }
}
