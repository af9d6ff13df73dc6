//! Turning the paths given on the command line into sorted posts.
//!
//! Folders are walked once, then files are read and parsed in parallel, each
//! read exactly once (bodies are kept: the reader and search need them).

use std::cmp::Ordering;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::post::{MAX_BODY_BYTES, Post, Source, Warning};

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
        sort(&mut posts);
        Library { posts, warnings }
    }
}

/// A file to read: where it is and the id it gets.
#[derive(Debug, Clone)]
pub struct Found {
    path: PathBuf,
    id: String,
}

/// The files under the given paths, and what was wrong with the paths.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<Found>,
    pub warnings: Vec<Warning>,
}

/// Walks the paths (fast: no file is opened). Missing paths, empty folders,
/// symlink loops and the like become warnings.
pub fn scan(paths: &[PathBuf]) -> Scan {
    let mut out = Scan::default();
    for path in paths {
        scan_one(path, &mut out.files, &mut out.warnings);
    }
    out
}

/// Reads and parses files in parallel: the posts, unsorted, and a warning
/// for each file that could not be read.
pub fn read_posts(files: &[Found]) -> (Vec<Post>, Vec<Warning>) {
    let results: Vec<Result<Post, Warning>> =
        files.par_iter().map(|f| read(f).map(Post::parse)).collect();
    let mut posts = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    for r in results {
        match r {
            Ok(p) => posts.push(p),
            Err(w) => warnings.push(w),
        }
    }
    (posts, warnings)
}

/// What changed paths mean for the posts.
#[derive(Debug, Default)]
pub struct Reread {
    /// Posts (re)read from changed files.
    pub posts: Vec<Post>,
    /// Paths of posts whose files are gone.
    pub removed: Vec<PathBuf>,
    pub warnings: Vec<Warning>,
    /// A folder changed (or events were lost): read everything again.
    pub rescan: bool,
}

/// Reads the Markdown files among `changed` again, as posts of `roots`.
pub fn reread(roots: &[PathBuf], changed: &[PathBuf]) -> Reread {
    let mut out = Reread::default();
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
        if !path.exists() {
            out.removed.push(path.clone());
            continue;
        }
        if let Some(found) = found_for(roots, path) {
            files.push(found);
        }
    }
    let (posts, warnings) = read_posts(&files);
    out.posts = posts;
    out.warnings = warnings;
    out
}

/// The `Found` (path and id) a file under one of `roots` gets: the same id
/// a scan would give it.
fn found_for(roots: &[PathBuf], path: &Path) -> Option<Found> {
    roots.iter().find_map(|root| {
        if root == path {
            let id = path.file_name()?.to_string_lossy().into_owned();
            return Some(Found {
                path: path.to_path_buf(),
                id,
            });
        }
        let rel = path.strip_prefix(root).ok()?;
        let id = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        Some(Found {
            path: path.to_path_buf(),
            id,
        })
    })
}

/// Inside a hidden folder or node_modules, which scans skip.
fn hidden(roots: &[PathBuf], path: &Path) -> bool {
    let rel = roots
        .iter()
        .find_map(|r| path.strip_prefix(r).ok())
        .unwrap_or(path);
    rel.parent().is_some_and(|dir| {
        dir.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || name == "node_modules"
        })
    })
}

pub fn load(paths: &[PathBuf]) -> Library {
    let Scan {
        files,
        mut warnings,
    } = scan(paths);
    let (mut posts, unreadable) = read_posts(&files);
    warnings.extend(unreadable);
    sort(&mut posts);
    Library { posts, warnings }
}

fn warning(path: &Path, message: impl Into<String>) -> Warning {
    Warning {
        file: path.to_string_lossy().into_owned(),
        line: None,
        message: message.into(),
    }
}

fn scan_one(root: &Path, found: &mut Vec<Found>, warnings: &mut Vec<Warning>) {
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) => {
            warnings.push(warning(root, io_message(&e)));
            return;
        }
    };
    if !meta.is_dir() && !meta.is_file() {
        // Opening a FIFO or a device could block forever.
        warnings.push(warning(root, "not a regular file or folder; skipped"));
        return;
    }
    if !meta.is_dir() {
        // A file named explicitly is read whatever its extension.
        let id = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.to_string_lossy().into_owned());
        found.push(Found {
            path: root.to_path_buf(),
            id,
        });
        return;
    }
    let before = found.len();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped_dir(e));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_owned()
                } else {
                    e.io_error()
                        .map(io_message)
                        .unwrap_or_else(|| e.to_string())
                };
                warnings.push(warning(&path, message));
                continue;
            }
        };
        if entry.file_type().is_file() && is_markdown(entry.path()) {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let id = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            found.push(Found {
                path: entry.into_path(),
                id,
            });
        }
    }
    if found.len() == before {
        warnings.push(warning(
            root,
            "no Markdown posts (*.md, *.markdown) in this folder",
        ));
    }
}

fn skipped_dir(e: &walkdir::DirEntry) -> bool {
    let name = e.file_name().to_string_lossy();
    e.file_type().is_dir() && (name.starts_with('.') || name == "node_modules")
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn read(f: &Found) -> Result<Source, Warning> {
    let fail = |e: std::io::Error| warning(&f.path, format!("cannot be read: {}", io_message(&e)));
    let file = File::open(&f.path).map_err(fail)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
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

fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Newest first; posts without a date last; ties by title, then id.
pub fn sort(posts: &mut [Post]) {
    posts.sort_by(|a, b| {
        let by_date = match (&a.date, &b.date) {
            (Some(x), Some(y)) => y.cmp(x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_date
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.path.cmp(&b.path))
    });
}
