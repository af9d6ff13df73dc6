//! Which posts the list shows and how: the search (ranked, and run in
//! steps so keys are answered between them), the unread and starred views,
//! the sort, and groups under foldable headers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use std::sync::Arc;

use super::marks::SavedView;
use super::search::{Compiled, Haystack, Hit, Query};
use super::{App, Effect};
use crate::content::{Post, TextRef};

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

/// A text search running on the search worker.
pub(super) struct SearchJob {
    pub generation: u64,
    query: Query,
    /// Hits so far, by post index.
    found: Vec<(usize, Option<Hit>)>,
    /// Whether any answer has come (until then the list shows what the
    /// last search showed, so typing does not blank it).
    answered: bool,
    views: (bool, bool, usize),
    /// Typed in the search box: the best result stays selected as more
    /// arrive, until the reader moves.
    pub top: bool,
}

impl App {
    /// Recomputes what the list shows from the search, views, sort and
    /// groups, keeping the selected post (and the place in it) when it
    /// still shows. Field filters and views apply here; terms are matched
    /// against the posts' text on the search worker, whose hits arrive as
    /// `Msg::SearchFound` a step at a time.
    pub(super) fn refilter(&mut self) {
        let compiled = Compiled::new(Query::parse(&self.search));
        // Typing on narrows the last search: only what it showed can match.
        let views = (self.unread_only, self.starred_only, self.lib.posts.len());
        let candidates: Vec<usize> = match &self.last_filter {
            Some((q, v)) if *v == views && compiled.query.narrows(q) => self.visible.clone(),
            _ => (0..self.lib.posts.len()).collect(),
        };
        let keep = self.post().map(|p| p.path.clone());
        let candidates: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| {
                let p = &self.lib.posts[i];
                // A post read while the unread view is on stays until the
                // view is recomputed for another reason than reading it.
                let current = keep.as_ref() == Some(&p.path);
                let hidden_read = self.unread_only && self.is_read(p) && !current;
                let unstarred = self.starred_only && !self.is_starred(p);
                !hidden_read && !unstarred && compiled.fields_match(p)
            })
            .collect();
        self.generation += 1;
        let top = self.mode == super::Mode::Search;
        if !compiled.has_text() {
            let job = SearchJob {
                generation: self.generation,
                query: compiled.query,
                found: candidates.into_iter().map(|i| (i, None)).collect(),
                answered: true,
                views,
                top,
            };
            self.search_job = None;
            self.searching = None;
            return self.publish(job, true);
        }
        self.build_haystacks();
        let items = candidates
            .iter()
            .map(|&i| {
                let p = &self.lib.posts[i];
                // Posts read before the first frame have no text yet.
                let text = p
                    .text
                    .clone()
                    .unwrap_or_else(|| TextRef::mem(p.body.as_str()));
                let hay = self.hay[i].clone().unwrap_or_default();
                (i as u32, hay, text)
            })
            .collect();
        self.searching = Some((0, candidates.len()));
        self.last_filter = None;
        self.search_job = Some(SearchJob {
            generation: self.generation,
            query: compiled.query.clone(),
            found: Vec::new(),
            answered: false,
            views,
            top,
        });
        self.effects.push(Effect::Search {
            generation: self.generation,
            compiled: Arc::new(compiled),
            items,
            ellipsis: self.look.theme.symbols.ellipsis,
        });
    }

    /// Hits from the search worker, if they answer the search running.
    pub(super) fn search_found(
        &mut self,
        generation: u64,
        hits: Vec<(u32, Hit)>,
        done: usize,
        total: usize,
    ) {
        let Some(mut job) = self.search_job.take() else {
            return;
        };
        if job.generation != generation {
            self.search_job = Some(job);
            return;
        }
        job.answered = true;
        job.found
            .extend(hits.into_iter().map(|(i, h)| (i as usize, Some(h))));
        let finished = done >= total;
        self.searching = (!finished).then_some((done, total));
        if finished {
            self.publish(job, true);
        } else {
            self.publish_partial(&mut job);
            self.search_job = Some(job);
        }
    }

    /// Shows a finished search (or filter), remembering it for narrowing.
    fn publish(&mut self, mut job: SearchJob, finished: bool) {
        self.publish_partial(&mut job);
        if finished {
            self.last_filter = Some((job.query, job.views));
        }
    }

    /// Shows what a search found so far, ranked (or sorted).
    fn publish_partial(&mut self, job: &mut SearchJob) {
        let keep = self.post().map(|p| p.path.clone());
        if job.query.all.is_empty() {
            self.sort_posts(&mut job.found);
        } else {
            // Posts are kept newest first: equal ranks stay so.
            job.found.sort_by(|(i, a), (j, b)| {
                (a.as_ref().map(Hit::rank), i).cmp(&(b.as_ref().map(Hit::rank), j))
            });
        }
        self.visible = job.found.iter().map(|&(i, _)| i).collect();
        self.snippets = job
            .found
            .iter()
            .map(|(_, h)| h.as_ref().and_then(|h| h.snippet.clone()))
            .collect();
        self.build_rows();
        if job.top && self.mode == super::Mode::Search {
            self.selected = 0;
            self.scroll = 0;
        } else {
            self.reselect(keep);
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

    /// Search metadata for every post, built once (in parallel) and kept
    /// until the posts change.
    fn build_haystacks(&mut self) {
        if self.hay.len() == self.lib.posts.len() && self.hay.iter().all(Option::is_some) {
            return;
        }
        self.hay = self
            .lib
            .posts
            .par_iter()
            .map(|p| Some(Arc::new(Haystack::new(p))))
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
