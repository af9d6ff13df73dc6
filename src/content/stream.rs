//! Reading posts a chunk at a time, for output that need not hold every
//! body: `--list --json --sort none` writes each chunk as soon as it is
//! parsed, and `--list` keeps metadata only. A body is most of a post's
//! memory (700 MB for 100,000 posts, against a tenth of that without).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::identity::unique_keys;
use super::load::{Library, read_posts_lean};
use super::post::{Post, Warning};
use super::walk::{Found, Scan, scan};

/// Files parsed together: enough to keep every core busy, few enough that
/// their bodies weigh a few megabytes.
pub const CHUNK: usize = 512;

/// Reads `files` `CHUNK` at a time, each chunk parsed in parallel, and
/// hands `each` the chunk's posts in walk order with the warnings for its
/// unreadable files. Keys are unique within a chunk only. Stops at the
/// first error `each` returns (a closed pipe need not parse the rest).
pub fn read_chunks<E>(
    files: &[Found],
    mut each: impl FnMut(Vec<Post>, Vec<Warning>) -> Result<(), E>,
) -> Result<(), E> {
    for chunk in files.chunks(CHUNK) {
        let (posts, unreadable) = read_posts_lean(chunk);
        each(posts, unreadable)?;
    }
    Ok(())
}

/// Every post under `paths` without its body, in walk order, keys unique
/// as [`super::load`] makes them: what a list needs.
pub fn load_meta(paths: &[PathBuf]) -> Library {
    let Scan {
        files,
        mut warnings,
    } = scan(paths);
    let mut posts = Vec::with_capacity(files.len());
    let read = read_chunks::<()>(&files, |chunk, unreadable| {
        warnings.extend(unreadable);
        posts.extend(chunk.into_iter().map(without_body));
        Ok(())
    });
    debug_assert!(read.is_ok());
    unique_keys(&mut posts);
    Library { posts, warnings }
}

fn without_body(mut post: Post) -> Post {
    post.body = String::new();
    post.text = None;
    post
}

/// Keys made unique while posts stream past, when later posts cannot be
/// waited for: the first post with a key keeps it plain, later ones get
/// the `#path` suffix (a sorted list suffixes all of them, the first too).
#[derive(Debug, Default)]
pub struct StreamKeys {
    seen: HashSet<String>,
}

impl StreamKeys {
    pub fn settle(&mut self, post: &mut Post) {
        let base = plain_key(post);
        post.key = if self.seen.contains(&base) {
            format!("{base}{}", key_suffix(&post.canonical))
        } else {
            self.seen.insert(base.clone());
            base
        };
    }
}

/// A post's key without the suffix that makes a shared key unique.
pub fn plain_key(post: &Post) -> String {
    let suffix = key_suffix(&post.canonical);
    post.key
        .strip_suffix(&suffix)
        .unwrap_or(&post.key)
        .to_owned()
}

/// What a shared key gets appended, as [`unique_keys`] appends it.
pub fn key_suffix(canonical: &Path) -> String {
    format!("#{}", canonical.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &Path) -> Found {
        Found {
            path: path.to_path_buf(),
            id: path.to_string_lossy().into_owned(),
            canonical: path.to_path_buf(),
        }
    }

    #[test]
    fn chunks_keep_walk_order_and_drop_bodies() {
        let dir = tempfile::tempdir().unwrap();
        let n = CHUNK + 3;
        let files: Vec<Found> = (0..n)
            .map(|i| {
                let p = dir.path().join(format!("{i:04}.md"));
                std::fs::write(&p, format!("---\ntitle: T{i}\n---\nbody {i}\n")).unwrap();
                found(&p)
            })
            .collect();
        let mut titles = Vec::new();
        let mut sizes = Vec::new();
        read_chunks::<()>(&files, |posts, _| {
            sizes.push(posts.len());
            titles.extend(posts.into_iter().map(|p| p.title));
            Ok(())
        })
        .unwrap();
        assert_eq!(sizes, [CHUNK, 3]);
        let want: Vec<String> = (0..n).map(|i| format!("T{i}")).collect();
        assert_eq!(titles, want);
        let lib = load_meta(&[dir.path().to_path_buf()]);
        assert_eq!(lib.posts.len(), n);
        assert!(lib.posts.iter().all(|p| p.body.is_empty()));
    }

    #[test]
    fn a_shared_key_is_plain_on_its_first_post_only() {
        let post = |path: &str| {
            let mut p = Post::parse(super::super::Source {
                id: path.into(),
                path: path.into(),
                bytes: b"---\nid: x\n---\n".to_vec(),
                size: 14,
            });
            // As a chunk's own unique_keys may have left it.
            p.key = format!("id:x#{path}");
            p
        };
        let mut keys = StreamKeys::default();
        let mut a = post("/n/a.md");
        let mut b = post("/n/b.md");
        keys.settle(&mut a);
        keys.settle(&mut b);
        assert_eq!(a.key, "id:x");
        assert_eq!(b.key, "id:x#/n/b.md");
    }
}
