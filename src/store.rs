//! The reading state file: which posts are read and starred.
//!
//! Writes are atomic (temporary file, fsync, rename) and happen under a
//! lock on a sibling `.lock` file, merging with what is on disk first, so
//! two readers open at once never lose each other's marks. A file that
//! cannot be parsed is moved aside, never overwritten. Post files are never
//! written by tidings.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::app::Marks;

#[derive(Debug)]
pub enum SaveError {
    Busy,
    Io(io::Error),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Busy => write!(f, "locked by another process"),
            SaveError::Io(e) => write!(f, "{e}"),
        }
    }
}

pub struct Store {
    path: PathBuf,
    /// Set when the file could be neither read nor moved aside: saving then
    /// would destroy it, so it is not done.
    read_only: bool,
}

/// `$XDG_STATE_HOME/tidings/state.json`, else `~/.local/state/tidings/state.json`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("tidings/state.json"))
}

impl Store {
    /// Opens the state at `path`: the marks, and a warning when the file
    /// was corrupt or unreadable.
    pub fn open(path: PathBuf) -> (Store, Marks, Option<String>) {
        let mut store = Store {
            path,
            read_only: false,
        };
        let (marks, warning) = match store.read() {
            Ok(m) => (m, None),
            Err(why) => {
                let warning = match store.set_aside() {
                    Ok(aside) => format!(
                        "reading state {} {why}; moved it to {} and started afresh",
                        store.path.display(),
                        aside.display()
                    ),
                    Err(e) => {
                        store.read_only = true;
                        format!(
                            "reading state {} {why} and could not be moved aside ({e}); marks will not be saved",
                            store.path.display()
                        )
                    }
                };
                (Marks::default(), Some(warning))
            }
        };
        (store, marks, warning)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The marks on disk; a missing file is no marks.
    fn read(&self) -> Result<Marks, String> {
        match fs::read(&self.path) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(Marks::default()),
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| format!("is corrupt ({e})")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Marks::default()),
            Err(e) => Err(format!("cannot be read ({e})")),
        }
    }

    fn set_aside(&self) -> io::Result<PathBuf> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let aside = self.path.with_extension(format!("json.corrupt-{stamp}"));
        fs::rename(&self.path, &aside)?;
        Ok(aside)
    }

    /// Merges `delta` with the file and writes it; returns the file's
    /// marks (TEMPORARY shim until the delta-aware store lands).
    pub fn save(&mut self, delta: &Marks) -> Result<Marks, SaveError> {
        self.save_all(delta).map_err(SaveError::Io)
    }

    /// Merges `marks` with the file's current contents and writes the
    /// result; returns it, so this reader also sees the other's marks.
    pub fn save_all(&self, marks: &Marks) -> io::Result<Marks> {
        if self.read_only {
            return Err(io::Error::other(
                "the state file could not be read; not overwriting it",
            ));
        }
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path.with_extension("json.lock"))?;
        lock.lock()?;
        let result = self.merge_and_write(marks);
        let _ = lock.unlock();
        result
    }

    fn merge_and_write(&self, marks: &Marks) -> io::Result<Marks> {
        let mut merged = match self.read() {
            Ok(on_disk) => on_disk,
            // Corrupted by someone else since we opened it: keep it aside.
            Err(_) => {
                self.set_aside()?;
                Marks::default()
            }
        };
        merged.merge(marks);
        let tmp = self
            .path
            .with_extension(format!("json.tmp-{}", std::process::id()));
        {
            let mut f = File::create(&tmp)?;
            f.write_all(&serde_json::to_vec_pretty(&merged).map_err(io::Error::other)?)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, &self.path)?;
        if let Some(dir) = self.path.parent()
            && let Ok(d) = File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.json");
        let (store, marks, warning) = Store::open(path.clone());
        assert!(marks.posts.is_empty() && warning.is_none());
        let mut m = Marks::default();
        m.set_read("a.md", true, 1);
        m.set_starred("b.md", true, 2);
        store.save_all(&m).unwrap();
        let (_, again, _) = Store::open(path);
        assert_eq!(again, m);
    }

    #[test]
    fn corrupt_files_are_set_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, "{ not json").unwrap();
        let (store, marks, warning) = Store::open(path.clone());
        assert!(marks.posts.is_empty());
        let warning = warning.unwrap();
        assert!(
            warning.contains("corrupt") && warning.contains("moved it to"),
            "{warning}"
        );
        let aside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(fs::read_to_string(aside[0].path()).unwrap(), "{ not json");
        store.save_all(&Marks::default()).unwrap();
    }

    #[test]
    fn two_writers_keep_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (a, _, _) = Store::open(path.clone());
        let (b, _, _) = Store::open(path.clone());
        let mut ma = Marks::default();
        ma.set_read("one.md", true, 10);
        let mut mb = Marks::default();
        mb.set_read("two.md", true, 11);
        mb.set_starred("one.md", true, 12);
        a.save_all(&ma).unwrap();
        let merged = b.save_all(&mb).unwrap();
        assert!(
            merged.is_read("one.md") && merged.is_read("two.md") && merged.is_starred("one.md")
        );
        let (_, on_disk, _) = Store::open(path);
        assert_eq!(on_disk, merged);
    }

    #[test]
    fn concurrent_writers_from_threads_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let handles: Vec<_> = (0..8)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let (store, _, _) = Store::open(path);
                    for i in 0..20 {
                        let mut m = Marks::default();
                        m.set_read(&format!("t{t}-{i}.md"), true, 1);
                        store.save_all(&m).unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let (_, marks, warning) = Store::open(path);
        assert!(warning.is_none());
        assert_eq!(marks.posts.len(), 160);
    }
}
