//! What has been read and starred, keyed by post id. Each field carries the
//! time it was last set, so two readers' marks merge field by field, the
//! later change winning, and neither loses the other's.
//!
//! Marks kept under the ids of an older scheme (paths relative to the
//! folder opened) wait in `legacy` until a post claims them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    // Fields never set are left out: a third of the file with many marks.
    #[serde(default, skip_serializing_if = "is_default")]
    pub read: bool,
    /// Milliseconds since the Unix epoch when `read` was last set.
    #[serde(default, skip_serializing_if = "is_default")]
    pub read_at: u64,
    #[serde(default, skip_serializing_if = "is_default")]
    pub starred: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub starred_at: u64,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    #[serde(default)]
    pub posts: BTreeMap<String, Mark>,
    /// Marks under old ids. Never deleted: a folder not opened today may
    /// claim its marks another day.
    #[serde(default)]
    pub legacy: BTreeMap<String, Mark>,
    /// How the list was last sorted and grouped (the latest choice wins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<Box<SavedView>>,
}

/// The list's sort, group and folded groups, as names so a value from a
/// newer version is ignored rather than refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub sort: String,
    #[serde(default)]
    pub reverse: bool,
    pub group: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folded: Vec<String>,
    /// Milliseconds since the epoch when it was chosen.
    pub at: u64,
}

impl Marks {
    pub fn is_read(&self, id: &str) -> bool {
        self.posts.get(id).is_some_and(|m| m.read)
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.posts.get(id).is_some_and(|m| m.starred)
    }

    pub fn set_read(&mut self, id: &str, read: bool, now: u64) {
        let m = self.posts.entry(id.to_owned()).or_default();
        m.read = read;
        m.read_at = now.max(m.read_at);
    }

    pub fn set_starred(&mut self, id: &str, starred: bool, now: u64) {
        let m = self.posts.entry(id.to_owned()).or_default();
        m.starred = starred;
        m.starred_at = now.max(m.starred_at);
    }

    /// Gives `key` the mark of the first of `old_ids` found in `legacy`,
    /// timestamps and all, unless `key` has a mark already. Returns whether
    /// it did.
    pub fn adopt_legacy<'a>(
        &mut self,
        key: &str,
        old_ids: impl IntoIterator<Item = &'a str>,
    ) -> bool {
        if self.posts.contains_key(key) {
            return false;
        }
        let Some(mark) = old_ids.into_iter().find_map(|id| self.legacy.get(id)) else {
            return false;
        };
        self.posts.insert(key.to_owned(), *mark);
        true
    }

    /// Takes each field from whichever side set it later.
    pub fn merge(&mut self, other: &Marks) {
        merge_into(&mut self.posts, &other.posts);
        merge_into(&mut self.legacy, &other.legacy);
        if let Some(theirs) = &other.view
            && self.view.as_ref().is_none_or(|ours| theirs.at > ours.at)
        {
            self.view = Some(theirs.clone());
        }
    }

    /// The entries of `self` that `base` lacks or holds differently: what
    /// changed since `base` was taken, marks never being removed.
    pub fn changed_since(&self, base: &Marks) -> Marks {
        Marks {
            posts: changed(&self.posts, &base.posts),
            legacy: changed(&self.legacy, &base.legacy),
            view: self.view.clone().filter(|v| base.view.as_ref() != Some(v)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.posts.is_empty() && self.legacy.is_empty() && self.view.is_none()
    }
}

fn merge_into(ours: &mut BTreeMap<String, Mark>, theirs: &BTreeMap<String, Mark>) {
    for (id, theirs) in theirs {
        let ours = ours.entry(id.clone()).or_default();
        if theirs.read_at > ours.read_at {
            ours.read = theirs.read;
            ours.read_at = theirs.read_at;
        }
        if theirs.starred_at > ours.starred_at {
            ours.starred = theirs.starred;
            ours.starred_at = theirs.starred_at;
        }
    }
}

/// One walk over both maps in key order: with 100,000 marks a lookup per
/// entry costs several times as much.
fn changed(now: &BTreeMap<String, Mark>, base: &BTreeMap<String, Mark>) -> BTreeMap<String, Mark> {
    let mut base = base.iter().peekable();
    now.iter()
        .filter(|&(id, m)| {
            while base.next_if(|&(b, _)| b < id).is_some() {}
            base.peek() != Some(&(id, m))
        })
        .map(|(id, m)| (id.clone(), *m))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_changes_win_field_by_field() {
        let mut a = Marks::default();
        let mut b = Marks::default();
        a.set_read("x", true, 10);
        b.set_read("x", false, 20);
        a.set_starred("x", true, 30);
        b.set_read("y", true, 5);
        a.merge(&b);
        assert!(!a.is_read("x"), "b unread it later");
        assert!(a.is_starred("x"), "a's star kept");
        assert!(a.is_read("y"), "b's other post kept");
        let mut c = b.clone();
        c.merge(&a);
        assert_eq!(c, a, "merging is symmetric");
    }

    #[test]
    fn json_round_trip_and_missing_fields() {
        let mut m = Marks::default();
        m.set_read("news/2022-10-08/index.md", true, 1);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Marks>(&json).unwrap(), m);
        let old: Marks = serde_json::from_str(r#"{"posts":{"a":{"read":true}}}"#).unwrap();
        assert!(old.is_read("a"));
    }

    #[test]
    fn legacy_marks_are_adopted_once_and_kept() {
        let mut m = Marks::default();
        m.legacy.insert(
            "news/a.md".into(),
            Mark {
                read: true,
                read_at: 7,
                ..Mark::default()
            },
        );
        m.legacy.insert("a.md".into(), Mark::default());
        assert!(!m.adopt_legacy("k1", ["gone.md"]));
        assert!(m.adopt_legacy("k1", ["gone.md", "news/a.md", "a.md"]));
        assert_eq!(m.posts["k1"], m.legacy["news/a.md"], "timestamps kept");
        assert!(m.is_read("k1"));
        m.set_read("k1", false, 9);
        assert!(!m.adopt_legacy("k1", ["news/a.md"]), "own mark wins");
        assert!(!m.is_read("k1"));
        assert_eq!(m.legacy.len(), 2, "legacy entries stay");
    }

    #[test]
    fn merge_covers_legacy_and_changed_since_finds_only_changes() {
        let mut base = Marks::default();
        base.set_read("x", true, 1);
        base.legacy.insert("old".into(), Mark::default());
        let mut now = base.clone();
        now.set_starred("x", true, 2);
        now.set_read("y", true, 3);
        let mut theirs = Marks::default();
        theirs.legacy.insert(
            "old2".into(),
            Mark {
                starred: true,
                starred_at: 4,
                ..Mark::default()
            },
        );
        now.merge(&theirs);
        let diff = now.changed_since(&base);
        assert_eq!(diff.posts.keys().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(diff.legacy.keys().collect::<Vec<_>>(), ["old2"]);
        assert!(now.changed_since(&now).is_empty());
    }
}
