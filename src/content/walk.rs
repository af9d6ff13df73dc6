//! Finding the post files under the paths given, without opening any.
//!
//! Only regular files are posts: a FIFO or a device could block a read
//! forever or have side effects, so they are warned about and never opened.
//! Symbolic links are followed only to places inside the folders opened
//! (`ln -s / news/all` must not walk the whole disk), each real folder is
//! walked once and each real file listed once, so cycles end and overlapping
//! roots (`news news/zh`) list nothing twice.

use std::collections::{HashSet, VecDeque};
use std::ffi::OsStr;
use std::fs::{self, FileType};
use std::io;
use std::path::{Path, PathBuf};

use super::post::Warning;

/// A file to read: where it is, the id it gets and its real path.
#[derive(Debug, Clone)]
pub struct Found {
    pub(super) path: PathBuf,
    pub(super) id: String,
    pub(super) canonical: PathBuf,
}

/// The files under the given paths, and what was wrong with the paths.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<Found>,
    pub warnings: Vec<Warning>,
}

/// Walks the paths (fast: no file is opened). Missing paths, empty folders,
/// files that are not regular, links leading out and the like become
/// warnings.
pub fn scan(paths: &[PathBuf]) -> Scan {
    let mut walker = Walker {
        roots: canonical_roots(paths),
        dirs: HashSet::new(),
        files: HashSet::new(),
        out: Scan::default(),
    };
    for path in paths {
        walker.root(path);
    }
    walker.out
}

/// The folders opened, as real paths: links may lead anywhere inside them.
pub(super) fn canonical_roots(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .filter(|p| p.is_dir())
        .collect()
}

/// Why a path is not read as a post.
pub(super) struct Refused {
    /// Nothing is there (any more), as opposed to something unreadable.
    pub gone: bool,
    pub warning: Warning,
}

/// The real path of `path` when it is (or links to) a regular file that
/// may be read: inside the folders opened unless it was named itself.
/// Only metadata is looked at; nothing is opened.
pub(super) fn regular_file(
    path: &Path,
    roots: &[PathBuf],
    named: bool,
) -> Result<PathBuf, Refused> {
    let shown = shown(path);
    let refuse = |e: io::Error| Refused {
        gone: e.kind() == io::ErrorKind::NotFound,
        warning: warning(&shown, io_message(&e)),
    };
    let meta = fs::metadata(path).map_err(refuse)?;
    if !meta.is_file() {
        return Err(Refused {
            gone: false,
            warning: warning(&shown, not_regular(meta.file_type())),
        });
    }
    let real = fs::canonicalize(path).map_err(refuse)?;
    if !named && !inside(&real, roots) {
        return Err(Refused {
            gone: false,
            warning: warning(&shown, OUTSIDE),
        });
    }
    Ok(real)
}

const OUTSIDE: &str = "points outside the folders opened; not followed";

fn inside(real: &Path, roots: &[PathBuf]) -> bool {
    roots.iter().any(|r| real.starts_with(r))
}

/// A path as warnings show it: a link with where it points.
fn shown(path: &Path) -> String {
    match fs::read_link(path) {
        Ok(target) => format!("{} -> {}", path.display(), target.display()),
        Err(_) => path.display().to_string(),
    }
}

/// The warning for something that is not a regular file, saying what it is.
pub(super) fn not_regular(ft: FileType) -> String {
    let what = kind(ft);
    format!("{what}, not a regular file; skipped")
}

#[cfg(unix)]
fn kind(ft: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a named pipe (FIFO)"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind(ft: FileType) -> &'static str {
    if ft.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

pub(super) fn warning(file: &str, message: impl Into<String>) -> Warning {
    Warning {
        file: file.to_owned(),
        line: None,
        message: message.into(),
    }
}

pub(super) fn io_message(e: &io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

pub(super) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Folders scans skip: hidden ones and node_modules.
pub(super) fn skipped_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name == "node_modules"
}

struct Walker {
    roots: Vec<PathBuf>,
    /// Real paths of the folders walked so far.
    dirs: HashSet<PathBuf>,
    /// Real paths of the files listed so far, as bytes: a `PathBuf` hashes
    /// component by component, several times slower over 100,000 files.
    files: HashSet<std::ffi::OsString>,
    out: Scan,
}

/// A folder to walk: as reached, as it really is, and its id prefix.
struct Dir {
    path: PathBuf,
    real: PathBuf,
    rel: String,
}

/// A symbolic link met in `parent` (a real path), followed once the real
/// folders are walked, so that files reachable without links keep the ids
/// of their real place.
struct Link {
    path: PathBuf,
    rel: String,
    parent: PathBuf,
}

impl Walker {
    fn root(&mut self, path: &Path) {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.warn(&shown(path), io_message(&e)),
        };
        if !meta.is_dir() {
            // A file named explicitly is read whatever its extension.
            match regular_file(path, &self.roots, true) {
                Ok(real) => {
                    let name = path.file_name().unwrap_or(path.as_os_str());
                    self.add(path, name.to_string_lossy().into_owned(), real);
                }
                Err(r) => self.out.warnings.push(r.warning),
            }
            return;
        }
        let real = match fs::canonicalize(path) {
            Ok(r) => r,
            Err(e) => return self.warn(&shown(path), io_message(&e)),
        };
        // Already walked as part of an earlier root: its posts are listed.
        if !self.dirs.insert(real.clone()) {
            return;
        }
        let met = self.walk(Dir {
            path: path.to_path_buf(),
            real,
            rel: String::new(),
        });
        if met == 0 {
            self.warn(
                &path.display().to_string(),
                "no Markdown posts (*.md, *.markdown) in this folder",
            );
        }
    }

    /// Walks a folder and what its links lead to; the number of post files
    /// (and folders walked before) met.
    fn walk(&mut self, start: Dir) -> usize {
        let mut met = 0;
        let mut stack = vec![start];
        let mut links = VecDeque::new();
        loop {
            while let Some(dir) = stack.pop() {
                let subdirs = self.list(&dir, &mut links, &mut met);
                // Popped last-in first-out: pushed reversed to go in order.
                stack.extend(subdirs.into_iter().rev());
            }
            let Some(link) = links.pop_front() else {
                return met;
            };
            if let Some(dir) = self.follow(link, &mut met) {
                stack.push(dir);
            }
        }
    }

    /// One folder's files, in name order; its sub-folders are returned and
    /// its links queued.
    fn list(&mut self, dir: &Dir, links: &mut VecDeque<Link>, met: &mut usize) -> Vec<Dir> {
        let entries = match fs::read_dir(&dir.path) {
            Ok(e) => e,
            Err(e) => {
                self.warn(&dir.path.display().to_string(), io_message(&e));
                return Vec::new();
            }
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        // Cached: the key allocates, and a sort asks for it n log n times.
        entries.sort_by_cached_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for entry in entries {
            let name = entry.file_name();
            let path = entry.path();
            let rel = if dir.rel.is_empty() {
                name.to_string_lossy().into_owned()
            } else {
                format!("{}/{}", dir.rel, name.to_string_lossy())
            };
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_symlink() {
                let parent = dir.real.clone();
                links.push_back(Link { path, rel, parent });
            } else if ft.is_dir() {
                if skipped_name(&name) {
                    continue;
                }
                let real = dir.real.join(&name);
                if self.dirs.insert(real.clone()) {
                    subdirs.push(Dir { path, real, rel });
                } else {
                    // Walked from another root: this folder is not empty.
                    *met += 1;
                }
            } else if is_markdown(&path) {
                if ft.is_file() {
                    *met += 1;
                    self.add(&path, rel, dir.real.join(&name));
                } else {
                    self.warn(&path.display().to_string(), not_regular(ft));
                }
            }
        }
        subdirs
    }

    /// Where a link leads: a folder to walk, a file listed, or a warning.
    fn follow(&mut self, link: Link, met: &mut usize) -> Option<Dir> {
        let meta = match fs::metadata(&link.path) {
            Ok(m) => m,
            Err(e) => {
                self.warn(&shown(&link.path), io_message(&e));
                return None;
            }
        };
        if !meta.is_dir() {
            if is_markdown(&link.path) {
                match regular_file(&link.path, &self.roots, false) {
                    Ok(real) => {
                        *met += 1;
                        self.add(&link.path, link.rel, real);
                    }
                    Err(r) => self.out.warnings.push(r.warning),
                }
            }
            return None;
        }
        if link.path.file_name().is_some_and(skipped_name) {
            return None;
        }
        let real = match fs::canonicalize(&link.path) {
            Ok(r) => r,
            Err(e) => {
                self.warn(&shown(&link.path), io_message(&e));
                return None;
            }
        };
        if !inside(&real, &self.roots) {
            self.warn(&shown(&link.path), OUTSIDE);
            return None;
        }
        if link.parent.starts_with(&real) {
            self.warn(&shown(&link.path), "symbolic link loop; not followed");
            return None;
        }
        // A second way to a folder already walked: its posts are listed.
        self.dirs.insert(real.clone()).then_some(Dir {
            path: link.path,
            real,
            rel: link.rel,
        })
    }

    fn add(&mut self, path: &Path, id: String, real: PathBuf) {
        if self.files.insert(real.as_os_str().to_owned()) {
            self.out.files.push(Found {
                path: path.to_path_buf(),
                id,
                canonical: real,
            });
        }
    }

    fn warn(&mut self, file: &str, message: impl Into<String>) {
        self.out.warnings.push(warning(file, message));
    }
}
