//! What has been read and starred, keyed by post id. Each field carries the
//! time it was last set, so two readers' marks merge field by field, the
//! later change winning, and neither loses the other's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    #[serde(default)]
    pub read: bool,
    /// Milliseconds since the Unix epoch when `read` was last set.
    #[serde(default)]
    pub read_at: u64,
    #[serde(default)]
    pub starred: bool,
    #[serde(default)]
    pub starred_at: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    #[serde(default)]
    pub posts: BTreeMap<String, Mark>,
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

    /// Takes each field from whichever side set it later.
    pub fn merge(&mut self, other: &Marks) {
        for (id, theirs) in &other.posts {
            let ours = self.posts.entry(id.clone()).or_default();
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
}
