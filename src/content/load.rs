//! Turning the paths given on the command line into sorted posts.
//!
//! Folders are walked once (see `walk`), then files are read and parsed in
//! parallel, each read exactly once (bodies are kept: the reader and search
//! need them).

use std::cmp::Ordering;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::identity::unique_keys;
use super::post::{MAX_BODY_BYTES, Post, Source, Warning};
use super::walk::{
    Found, Scan, canonical_roots, io_message, is_markdown, not_regular, regular_file, scan,
    skipped_name, warning,
};

/// Posts, sorted, and the warnings that belong to no single post.
#[derive(Debug, Default)]
pub struct Library {
    pub posts: Vec<Post>,
    pub warnings: Vec<Warning>,
}

impl Library {
    /// Every warning: the library's, then each post's, in list order.
    pub fn all_warnings(&self) -> impl Iterator<Item = &Warning> {
        self.warnings
            .iter()
            .chain(self.posts.iter().flat_map(|p| p.warnings.iter()))
    }

    pub fn from_sources(sources: Vec<Source>, warnings: Vec<Warning>) -> Library {
        let mut posts: Vec<Post> = sources.into_par_iter().map(Post::parse).collect();
        unique_keys(&mut posts);
        sort(&mut posts);
        Library { posts, warnings }
    }
}

/// Gives each post the base URL of the source (folder or file) it lies
/// in, the most specific when sources nest; others keep theirs.
pub fn assign_sites(posts: &mut [Post], sites: &[(PathBuf, String)]) {
    if sites.is_empty() {
        return;
    }
    for post in posts {
        let site = sites
            .iter()
            .filter(|(root, _)| post.path.starts_with(root))
            .max_by_key(|(root, _)| root.components().count());
        if let Some((_, url)) = site {
            post.base_url = Some(url.clone());
        }
    }
}

/// Reads and parses files in parallel: the posts, unsorted, with keys unique
/// among them, and a warning for each file that could not be read.
pub fn read_posts(files: &[Found]) -> (Vec<Post>, Vec<Warning>) {
    read_with(files, Post::parse_at)
}

/// As [`read_posts`], without the plain text search uses (see
/// [`Post::parse_lean`]): quicker, for the first screenful.
pub fn read_posts_lean(files: &[Found]) -> (Vec<Post>, Vec<Warning>) {
    read_with(files, Post::parse_lean)
}

fn read_with(files: &[Found], parse: fn(Source, PathBuf) -> Post) -> (Vec<Post>, Vec<Warning>) {
    let results: Vec<Result<Post, Warning>> = files
        .par_iter()
        .map(|f| read(f).map(|src| parse(src, f.canonical.clone())))
        .collect();
    let mut posts = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    for r in results {
        match r {
            Ok(p) => posts.push(p),
            Err(w) => warnings.push(w),
        }
    }
    unique_keys(&mut posts);
    (posts, warnings)
}

/// Lets posts' bodies go (read again from the file when shown) and keeps
/// their plain texts in memory while `keep` (bytes) lasts, moving the
/// rest into `store`: searching texts in memory is several times faster,
/// and memory stays bounded however many posts there are. A post whose
/// text cannot be written keeps both in memory.
pub fn spill(posts: &mut [Post], store: &std::sync::Arc<super::TextFile>, keep: &mut usize) {
    for post in posts {
        let Some(super::TextRef::Mem(text)) = &post.text else {
            continue;
        };
        if text.len() <= *keep {
            *keep -= text.len();
        } else {
            match store.append(text) {
                Ok(on_disk) => post.text = Some(on_disk),
                Err(_) => continue,
            }
        }
        post.body = String::new();
        post.body_on_disk = true;
    }
}

/// The body of a post whose body was let go, read from its file again
/// through the same rules (encoding, size cap, front matter).
pub fn read_body(post: &Post) -> Result<String, String> {
    let found = Found {
        path: post.path.clone(),
        id: post.id.clone(),
        canonical: post.canonical.clone(),
    };
    let src = read(&found).map_err(|w| w.to_string())?;
    Ok(Post::parse_lean(src, post.canonical.clone()).body)
}

/// What changed paths mean for the posts.
#[derive(Debug, Default)]
pub struct Reread {
    /// Posts (re)read from changed files.
    pub posts: Vec<Post>,
    /// Paths of posts whose files are gone, or are no longer files that
    /// may be read.
    pub removed: Vec<PathBuf>,
    pub warnings: Vec<Warning>,
    /// A folder changed (or events were lost): read everything again.
    pub rescan: bool,
}

/// Reads the Markdown files among `changed` again, as posts of `roots`,
/// by the rules a scan follows.
pub fn reread(roots: &[PathBuf], changed: &[PathBuf]) -> Reread {
    let mut out = Reread::default();
    let real_roots = canonical_roots(roots);
    let mut files = Vec::new();
    for path in changed {
        let named_root = roots.iter().any(|r| r == path && !r.is_dir());
        if path.as_os_str().is_empty() || path.is_dir() {
            out.rescan = true;
            continue;
        }
        if !named_root && (!is_markdown(path) || hidden(roots, path)) {
            continue;
        }
        match regular_file(path, &real_roots, named_root) {
            Ok(real) => files.extend(found_for(roots, path, real)),
            Err(refused) => {
                out.removed.push(path.clone());
                if !refused.gone {
                    out.warnings.push(refused.warning);
                }
            }
        }
    }
    let (posts, warnings) = read_posts(&files);
    out.posts = posts;
    out.warnings.extend(warnings);
    out
}

/// The `Found` a file under one of `roots` gets: the same id a scan would
/// give it.
fn found_for(roots: &[PathBuf], path: &Path, canonical: PathBuf) -> Option<Found> {
    let id = roots.iter().find_map(|root| {
        if root == path {
            return Some(path.file_name()?.to_string_lossy().into_owned());
        }
        let rel = path.strip_prefix(root).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    })?;
    Some(Found {
        path: path.to_path_buf(),
        id,
        canonical,
    })
}

/// Inside a hidden folder or node_modules, which scans skip.
fn hidden(roots: &[PathBuf], path: &Path) -> bool {
    let rel = roots
        .iter()
        .find_map(|r| path.strip_prefix(r).ok())
        .unwrap_or(path);
    rel.parent()
        .is_some_and(|dir| dir.components().any(|c| skipped_name(c.as_os_str())))
}

pub fn load(paths: &[PathBuf]) -> Library {
    load_with(paths, read_posts)
}

/// As [`load`], without the plain text search uses: for `--list` and
/// `--print`, which never search.
pub fn load_lean(paths: &[PathBuf]) -> Library {
    load_with(paths, read_posts_lean)
}

/// Posts read from files, and warnings for the files that could not be.
type Posts = (Vec<Post>, Vec<Warning>);

fn load_with(paths: &[PathBuf], read: fn(&[Found]) -> Posts) -> Library {
    let Scan {
        files,
        mut warnings,
    } = scan(paths);
    let (mut posts, unreadable) = read(&files);
    warnings.extend(unreadable);
    sort(&mut posts);
    Library { posts, warnings }
}

/// Opens a file found by a scan without ever blocking: it may have been
/// replaced by a FIFO or a device since the scan looked at it.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer returns at once.
        // O_NOCTTY: a terminal opened by accident must not become ours.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

fn read(f: &Found) -> Result<Source, Warning> {
    let shown = f.path.display().to_string();
    let fail = |e: io::Error| warning(&shown, format!("cannot be read: {}", io_message(&e)));
    let file = open(&f.path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if !meta.is_file() {
        return Err(warning(&shown, not_regular(meta.file_type())));
    }
    let size = meta.len();
    let cap = size.min(MAX_BODY_BYTES as u64) as usize;
    let mut bytes = Vec::with_capacity(cap + 1);
    file.take(MAX_BODY_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    Ok(Source {
        id: f.id.clone(),
        path: f.path.clone(),
        size: size.max(bytes.len() as u64),
        bytes,
    })
}

/// Newest first; posts without a date last; ties by title, then id.
pub fn sort(posts: &mut [Post]) {
    posts.sort_by(|a, b| {
        list_order(
            (&a.date, &a.title, &a.id, &a.path),
            (&b.date, &b.title, &b.id, &b.path),
        )
    });
}

/// The list's order of two posts given as (date, title, id, path): newest
/// first, undated last, then title, id and path. `--list` sorts by it too.
pub fn list_order(
    a: (&Option<super::PostDate>, &str, &str, &Path),
    b: (&Option<super::PostDate>, &str, &str, &Path),
) -> Ordering {
    let by_date = match (a.0, b.0) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_date
        .then_with(|| a.1.cmp(b.1))
        .then_with(|| a.2.cmp(b.2))
        .then_with(|| a.3.cmp(b.3))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// The race a scan cannot rule out: the file it saw is now a FIFO or a
    /// device. Reading must neither block nor take it for a post.
    #[test]
    fn read_refuses_what_is_no_longer_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let found = |path: &Path| Found {
                path: path.to_path_buf(),
                id: "x.md".into(),
                canonical: path.to_path_buf(),
            };
            let _ = tx.send([read(&found(&fifo)), read(&found(Path::new("/dev/null")))]);
        });
        let [fifo, null] = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("opening a FIFO blocked");
        let message = |r: Result<Source, Warning>| r.err().expect("refused").to_string();
        let fifo = message(fifo);
        assert!(fifo.ends_with("x.md: a named pipe (FIFO), not a regular file; skipped"));
        let null = message(null);
        assert!(null.ends_with("a character device, not a regular file; skipped"));
    }
}
