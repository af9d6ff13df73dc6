//! What makes a post the same post: the key reading marks are stored under.
//!
//! A path relative to the opened folder is not an identity: `a/index.md`
//! and `b/index.md` opened one at a time would share it, and opening the
//! parent folder would change every one. Keys come from the post itself.

use std::collections::HashMap;
use std::path::{Component, Path};

use serde_json::{Map, Value};

use super::date::{self, PostDate};
use super::post::Post;
use crate::text::sanitize_line;

const ID: &[&str] = &["id", "uuid", "guid"];
const URL: &[&str] = &["permalink", "url"];
const SLUG: &[&str] = &["slug"];

/// Stems that name a folder's page rather than a post. They say nothing
/// about the post, and the folder's name would change the key when the
/// folder is renamed, so such posts are known by date and title alone
/// (`unique_keys` separates any that then collide).
const PAGE_STEMS: &[&str] = &["index", "_index", "README"];

/// The key of a post read from `real` (its canonical path), given the date
/// its front matter states. The front matter's own identity wins; otherwise
/// date, title and file name, none of which change when the folder is moved
/// or opened from its parent. So a date from the path is taken only from
/// the file's name or its folder's, never from a folder further up.
pub(super) fn key_for(
    extra: &Map<String, Value>,
    written: Option<PostDate>,
    title: &str,
    real: &Path,
) -> String {
    let day = written
        .or_else(|| date::from_path(&near(real)))
        .map(|d| d.day_string());
    let day = day.as_deref().unwrap_or("-");
    if let Some(id) = field(extra, ID) {
        return format!("id:{id}");
    }
    if let Some(url) = field(extra, URL) {
        return format!("url:{url}");
    }
    if let Some(slug) = field(extra, SLUG) {
        return format!("slug:{day}/{slug}");
    }
    format!("t:{day}|{title}|{}", name(real))
}

/// The first of `names` present as a non-empty scalar, matched without
/// regard to case as the mapped fields are.
fn field(extra: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| {
        let (_, v) = extra.iter().find(|(k, _)| k.eq_ignore_ascii_case(n))?;
        let s = match v {
            Value::String(s) => sanitize_line(s),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    })
}

/// The folder's name and the file's, which move with the post.
fn near(real: &Path) -> String {
    let parts: Vec<_> = real.iter().rev().take(2).collect();
    let names: Vec<_> = parts.iter().rev().map(|s| s.to_string_lossy()).collect();
    names.join("/")
}

fn name(real: &Path) -> String {
    let stem = real
        .file_stem()
        .unwrap_or(real.as_os_str())
        .to_string_lossy();
    if PAGE_STEMS.iter().any(|p| stem.eq_ignore_ascii_case(p)) {
        return String::new();
    }
    sanitize_line(&stem)
}

/// Makes every key unique: posts that share one each get `#` and their
/// canonical path appended. A suffix added by an earlier call is taken off
/// first, so calling this again after more posts arrive gives the keys one
/// call over all of them would have given.
pub fn unique_keys(posts: &mut [Post]) {
    let base: Vec<String> = posts.iter().map(|p| base_key(p).to_owned()).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in &base {
        *count.entry(b).or_default() += 1;
    }
    for (post, b) in posts.iter_mut().zip(&base) {
        post.key = if count[b.as_str()] > 1 {
            format!("{b}{}", suffix(&post.canonical))
        } else {
            b.clone()
        };
    }
}

fn base_key(post: &Post) -> &str {
    post.key
        .strip_suffix(&suffix(&post.canonical))
        .unwrap_or(&post.key)
}

fn suffix(canonical: &Path) -> String {
    format!("#{}", canonical.to_string_lossy())
}

/// The ids older versions of tidings may have stored marks under: the path
/// relative to whichever folder was opened, so every tail of the real path
/// (`a/b/c.md`, `b/c.md`, `c.md`), longest first.
pub fn legacy_ids(canonical: &Path) -> Vec<String> {
    let parts: Vec<String> = canonical
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    (0..parts.len()).map(|i| parts[i..].join("/")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn extra(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn day() -> Option<PostDate> {
        super::super::date::parse("2022-10-08T10:00:00")
    }

    #[test]
    fn front_matter_identity_wins_in_order() {
        let p = Path::new("/x/a.md");
        let all = extra(json!({"slug": "s", "URL": "/u/", "Guid": 7}));
        assert_eq!(key_for(&all, day(), "T", p), "id:7");
        let url = extra(json!({"slug": "s", "permalink": " /p/ "}));
        assert_eq!(key_for(&url, day(), "T", p), "url:/p/");
        let slug = extra(json!({"slug": "s"}));
        assert_eq!(key_for(&slug, day(), "T", p), "slug:2022-10-08/s");
        assert_eq!(key_for(&slug, None, "T", p), "slug:-/s");
        let empty = extra(json!({"id": "  ", "uuid": ["not", "scalar"]}));
        assert_eq!(key_for(&empty, None, "T", p), "t:-|T|a");
    }

    #[test]
    fn page_files_are_known_by_date_and_title_alone() {
        // Renaming the folder of an index.md keeps its key.
        let none = Map::new();
        let key = |p: &str| key_for(&none, day(), "T", Path::new(p));
        assert_eq!(key("/n/2022-10-08/index.md"), "t:2022-10-08|T|");
        assert_eq!(key("/n/post/_index.md"), "t:2022-10-08|T|");
        assert_eq!(key("/n/renamed/_index.md"), "t:2022-10-08|T|");
        assert_eq!(key("/n/post/readme.markdown"), "t:2022-10-08|T|");
        assert_eq!(key("/n/post/notes.md"), "t:2022-10-08|T|notes");
    }

    #[test]
    fn dates_from_the_path_come_from_the_file_or_its_folder_only() {
        let none = Map::new();
        let key = |p: &str| key_for(&none, None, "T", Path::new(p));
        assert_eq!(key("/n/2022-10-08/index.md"), "t:2022-10-08|T|");
        assert_eq!(key("/n/2021-01-02-hi.md"), "t:2021-01-02|T|2021-01-02-hi");
        assert_eq!(key("/2020-01-01-old/news/a.md"), "t:-|T|a");
    }

    #[test]
    fn control_characters_do_not_reach_keys() {
        let e = extra(json!({"id": "a\u{1b}[2Jb"}));
        assert!(crate::text::is_clean(&key_for(
            &e,
            None,
            "T",
            Path::new("x")
        )));
    }

    fn post(path: &str, text: &str) -> Post {
        Post::parse(super::super::Source {
            id: path.into(),
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            size: text.len() as u64,
        })
    }

    fn keys(posts: &[Post]) -> Vec<&str> {
        posts.iter().map(|p| p.key.as_str()).collect()
    }

    #[test]
    fn shared_keys_become_unique_whatever_order_posts_arrive_in() {
        let a = post("/n/a.md", "---\nid: x\n---\n");
        let b = post("/n/b.md", "---\nid: x\n---\n");
        let c = post("/n/c.md", "---\nid: y\n---\n");
        let mut posts = vec![a.clone(), c];
        unique_keys(&mut posts);
        assert_eq!(keys(&posts), ["id:x", "id:y"]);
        posts.push(b.clone());
        unique_keys(&mut posts);
        assert_eq!(keys(&posts), ["id:x#/n/a.md", "id:y", "id:x#/n/b.md"]);
        let mut again = posts.clone();
        unique_keys(&mut again);
        assert_eq!(keys(&again), keys(&posts), "a second call changes nothing");
        let mut other_order = vec![b, a];
        unique_keys(&mut other_order);
        assert_eq!(keys(&other_order), ["id:x#/n/b.md", "id:x#/n/a.md"]);
        posts.pop();
        unique_keys(&mut posts);
        assert_eq!(keys(&posts), ["id:x", "id:y"], "alone again, the plain key");
    }

    #[test]
    fn legacy_ids_are_every_tail() {
        assert_eq!(
            legacy_ids(Path::new("/a/b/c.md")),
            ["a/b/c.md", "b/c.md", "c.md"]
        );
        assert_eq!(legacy_ids(Path::new("c.md")), ["c.md"]);
    }
}
