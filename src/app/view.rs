//! Which posts the list shows and how: the search (ranked, and run in
//! steps so keys are answered between them), the unread and starred views,
//! the sort, and groups under foldable headers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::marks::SavedView;
use super::search::{Compiled, Haystack, Hit, Query};
use super::{App, Effect};
use crate::content::Post;

/// Posts searched per step: a few milliseconds, so a key typed meanwhile
/// waits no longer than that.
pub const SEARCH_STEP: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Newest first (as posts are kept).
    #[default]
    Date,
    Title,
    Author,
    /// Unread first, then newest.
    Unread,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    None,
    Category,
    Tag,
    Author,
    Folder,
    Month,
}

impl SortBy {
    pub const NAMES: [&str; 4] = ["date", "title", "author", "unread"];

    pub fn parse(name: &str) -> Option<SortBy> {
        Some(match name {
            "date" => SortBy::Date,
            "title" => SortBy::Title,
            "author" => SortBy::Author,
            "unread" => SortBy::Unread,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

impl GroupBy {
    pub const NAMES: [&str; 6] = ["none", "category", "tag", "author", "folder", "month"];

    pub fn parse(name: &str) -> Option<GroupBy> {
        Some(match name {
            "none" => GroupBy::None,
            "category" => GroupBy::Category,
            "tag" => GroupBy::Tag,
            "author" => GroupBy::Author,
            "folder" => GroupBy::Folder,
            "month" => GroupBy::Month,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The header for posts that have no value to group by.
    fn missing(self) -> &'static str {
        match self {
            GroupBy::None => "",
            GroupBy::Category => "(no category)",
            GroupBy::Tag => "(no tag)",
            GroupBy::Author => "(no author)",
            GroupBy::Folder => "(top folder)",
            GroupBy::Month => "(no date)",
        }
    }
}

/// The list's sort and grouping, and which groups are folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub sort: SortBy,
    pub reverse: bool,
    pub group: GroupBy,
    pub folded: BTreeSet<String>,
}

impl View {
    pub fn saved(&self, at: u64) -> SavedView {
        SavedView {
            sort: self.sort.name().into(),
            reverse: self.reverse,
            group: self.group.name().into(),
            folded: self.folded.iter().cloned().collect(),
            at,
        }
    }

    /// A saved view; names this version does not know keep the default.
    pub fn from_saved(saved: &SavedView) -> View {
        View {
            sort: SortBy::parse(&saved.sort).unwrap_or_default(),
            reverse: saved.reverse,
            group: GroupBy::parse(&saved.group).unwrap_or_default(),
            folded: saved.folded.iter().cloned().collect(),
        }
    }
}

/// One row of the list: a post (an index into `visible`) or a group's
/// header (an index into `groups`). A post with two tags shows under both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Post(usize),
    Group(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    /// Its posts, as indices into `lib.posts`, in list order.
    pub posts: Vec<usize>,
    pub folded: bool,
}

/// A search over many posts, run a step per message.
pub(super) struct SearchJob {
    pub generation: u64,
    compiled: Compiled,
    candidates: Vec<usize>,
    done: usize,
    found: Vec<(usize, Option<Hit>)>,
    views: (bool, bool, usize),
    /// Typed in the search box: the best result stays selected as more
    /// arrive, until the reader moves.
    pub top: bool,
}

impl App {
    /// Recomputes what the list shows from the search, views, sort and
    /// groups, keeping the selected post (and the place in it) when it
    /// still shows. A text search over more than [`SEARCH_STEP`] posts
    /// shows its first results now and the rest as later steps run.
    pub(super) fn refilter(&mut self) {
        let compiled = Compiled::new(Query::parse(&self.search));
        if compiled.has_text() {
            self.build_haystacks();
        }
        // Typing on narrows the last search: only what it showed can match.
        let views = (self.unread_only, self.starred_only, self.lib.posts.len());
        let candidates: Vec<usize> = match &self.last_filter {
            Some((q, v)) if *v == views && compiled.query.narrows(q) => self.visible.clone(),
            _ => (0..self.lib.posts.len()).collect(),
        };
        self.generation += 1;
        let mut job = SearchJob {
            generation: self.generation,
            compiled,
            candidates,
            done: 0,
            found: Vec::new(),
            views,
            top: self.mode == super::Mode::Search,
        };
        let step = if job.compiled.has_text() {
            SEARCH_STEP
        } else {
            usize::MAX
        };
        self.run_search(&mut job, step);
        self.finish_step(job);
    }

    /// The next step of the search running, if `generation` is still it.
    pub(super) fn search_more(&mut self, generation: u64) {
        match self.search_job.take() {
            Some(mut job) if job.generation == generation => {
                self.run_search(&mut job, SEARCH_STEP);
                self.finish_step(job);
            }
            other => self.search_job = other,
        }
    }

    fn run_search(&self, job: &mut SearchJob, step: usize) {
        let keep = self.post().map(|p| p.path.clone());
        let end = job.candidates.len().min(job.done.saturating_add(step));
        let empty = Haystack::empty();
        let text = job.compiled.has_text() || !job.compiled.query.is_empty();
        for &i in &job.candidates[job.done..end] {
            let p = &self.lib.posts[i];
            let current = keep.as_ref() == Some(&p.path);
            // A post read while the unread view is on stays until the view
            // is recomputed for another reason than reading it.
            if (self.unread_only && self.is_read(p) && !current)
                || (self.starred_only && !self.is_starred(p))
            {
                continue;
            }
            if !text {
                job.found.push((i, None));
                continue;
            }
            let hay = self.hay.get(i).and_then(Option::as_ref).unwrap_or(&empty);
            if let Some(hit) = job.compiled.matches(p, hay) {
                job.found.push((i, Some(hit)));
            }
        }
        job.done = end;
    }

    /// Shows what a search found so far, and asks for its next step.
    fn finish_step(&mut self, mut job: SearchJob) {
        let keep = self.post().map(|p| p.path.clone());
        if job.compiled.query.all.is_empty() {
            self.sort_posts(&mut job.found);
        } else {
            // Posts are kept newest first: equal ranks stay so.
            job.found
                .sort_by_key(|&(i, hit)| (hit.map(|h| h.rank()), i));
        }
        self.visible = job.found.iter().map(|&(i, _)| i).collect();
        self.snippets = job
            .found
            .iter()
            .map(|(_, h)| h.and_then(|h| h.body_hit))
            .collect();
        self.build_rows();
        if job.top && self.mode == super::Mode::Search {
            self.selected = 0;
            self.scroll = 0;
        } else {
            self.reselect(keep);
        }
        if job.done < job.candidates.len() {
            self.searching = Some((job.done, job.candidates.len()));
            self.effects.push(Effect::SearchMore(job.generation));
            self.search_job = Some(job);
            self.last_filter = None;
        } else {
            self.searching = None;
            self.search_job = None;
            self.last_filter = Some((job.compiled.query, job.views));
        }
    }

    fn sort_posts(&self, found: &mut [(usize, Option<Hit>)]) {
        let posts = &self.lib.posts;
        match self.view.sort {
            SortBy::Date => found.sort_by_key(|&(i, _)| i),
            SortBy::Title => found.sort_by_cached_key(|&(i, _)| (fold(&posts[i].title), i)),
            SortBy::Author => found.sort_by_cached_key(|&(i, _)| (fold(&posts[i].author()), i)),
            SortBy::Unread => found.sort_by_key(|&(i, _)| (self.is_read(&posts[i]), i)),
        }
        if self.view.reverse {
            found.reverse();
        }
    }

    /// The rows from `visible`: the posts, or the groups' headers each
    /// followed by its posts unless folded.
    pub(super) fn build_rows(&mut self) {
        if self.view.group == GroupBy::None {
            self.groups.clear();
            self.rows = (0..self.visible.len()).map(Row::Post).collect();
            return;
        }
        let by = self.view.group;
        let mut groups: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
        for (v, &i) in self.visible.iter().enumerate() {
            let names = group_names(&self.lib.posts[i], by);
            if names.is_empty() {
                groups.entry((1, by.missing().into())).or_default().push(v);
            }
            for name in names {
                groups.entry((0, name)).or_default().push(v);
            }
        }
        let mut ordered: Vec<((u8, String), Vec<usize>)> = groups.into_iter().collect();
        if by == GroupBy::Month {
            // Newest month first, undated last.
            ordered.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(b.0.1.cmp(&a.0.1)));
        }
        self.groups.clear();
        self.rows.clear();
        for ((_, name), members) in ordered {
            let folded = self.view.folded.contains(&name);
            self.rows.push(Row::Group(self.groups.len()));
            if !folded {
                self.rows.extend(members.iter().map(|&v| Row::Post(v)));
            }
            self.groups.push(Group {
                name,
                posts: members.iter().map(|&v| self.visible[v]).collect(),
                folded,
            });
        }
    }

    /// The post (index into `lib.posts`) on the selected row, if a post.
    pub fn selected_index(&self) -> Option<usize> {
        match self.rows.get(self.selected)? {
            Row::Post(v) => self.visible.get(*v).copied(),
            Row::Group(_) => None,
        }
    }

    /// The group whose header is selected.
    pub fn selected_group(&self) -> Option<&Group> {
        match self.rows.get(self.selected)? {
            Row::Group(g) => self.groups.get(*g),
            Row::Post(_) => None,
        }
    }

    /// Where the post `index` (into `lib.posts`) is listed, if it is.
    pub(super) fn row_of(&self, index: usize) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| matches!(r, Row::Post(v) if self.visible[*v] == index))
    }

    /// Selects the post at `keep` if it shows, keeping the scroll; else the
    /// row at the same position.
    pub(super) fn reselect(&mut self, keep: Option<PathBuf>) {
        // Compared as bytes: Path's == walks components, slow over 10,000.
        let found = keep.as_ref().and_then(|k| {
            self.rows.iter().position(|r| match r {
                Row::Post(v) => self.lib.posts[self.visible[*v]].path.as_os_str() == k.as_os_str(),
                Row::Group(_) => false,
            })
        });
        match found {
            Some(i) => self.selected = i,
            None => {
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
                self.scroll = 0;
            }
        }
    }

    /// Enter on a header: folds or unfolds its group, keeping it selected.
    pub(super) fn toggle_fold(&mut self) {
        let Some(name) = self.selected_group().map(|g| g.name.clone()) else {
            return;
        };
        if !self.view.folded.remove(&name) {
            self.view.folded.insert(name.clone());
        }
        self.build_rows();
        self.selected = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Group(g) if self.groups[*g].name == name))
            .unwrap_or(0);
        self.view_dirty = true;
    }

    /// A view from the config: shown, not saved.
    pub fn use_view(&mut self, view: View) {
        if view != self.view {
            self.view = view;
            self.last_filter = None;
            self.refilter();
        }
    }

    /// `:sort` and `:group`: a new view, remembered with the marks.
    pub(super) fn set_view(&mut self, view: View) {
        let grouping_changed = view.group != self.view.group;
        self.view = view;
        if grouping_changed {
            self.view.folded.clear();
        }
        self.last_filter = None;
        self.refilter();
        self.view_dirty = true;
    }

    /// Search text for every post, built once (in parallel) and kept until
    /// the posts change.
    fn build_haystacks(&mut self) {
        if self.hay.len() == self.lib.posts.len() && self.hay.iter().all(Option::is_some) {
            return;
        }
        self.hay = self
            .lib
            .posts
            .par_iter()
            .map(|p| Some(Haystack::new(p)))
            .collect();
    }
}

/// The groups a post belongs to (none: the "missing" group).
fn group_names(post: &Post, by: GroupBy) -> Vec<String> {
    let clean = |s: &String| crate::text::sanitize_line(s.trim());
    match by {
        GroupBy::None => Vec::new(),
        GroupBy::Category => post.categories.iter().map(clean).collect(),
        GroupBy::Tag => post.tags.iter().map(clean).collect(),
        GroupBy::Author => post.authors.iter().map(clean).collect(),
        GroupBy::Folder => post
            .path
            .parent()
            .map(|d| d.to_string_lossy().into_owned())
            .filter(|d| !d.is_empty())
            .map(|d| vec![crate::text::sanitize_line(&d)])
            .unwrap_or_default(),
        GroupBy::Month => post
            .date
            .map(|d| vec![d.day.format("%Y-%m").to_string()])
            .unwrap_or_default(),
    }
}

/// A sort key that ignores ASCII case.
fn fold(s: &str) -> String {
    s.to_ascii_lowercase()
}
