//! The reading state file: which posts are read and starred.
//!
//! A save merges the caller's changes with what is on disk and writes the
//! result atomically (temporary file, fsync, rename), under a lock on a
//! sibling `.lock` file so two readers never lose each other's marks. The
//! lock is only tried, never waited for: the saving thread must not hang
//! behind another process, so it hears `Busy` and keeps its changes for a
//! later try. Temporary files exist only while the lock is held, so any a
//! holder of the lock finds were left by a save that was killed, and go.
//! A file that cannot be parsed is moved aside, never overwritten. Post
//! files are never written by tidings.
//!
//! Format 2 is `{"version":2,"posts":{key: mark},"legacy":{old id: mark}}`.
//! A file without a version is format 1, keyed by paths relative to the
//! folder opened; its entries are all read into `legacy`, to be adopted.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::app::Marks;
use crate::app::marks::{Mark, SavedView};

const VERSION: u64 = 2;

pub struct Store {
    path: PathBuf,
    /// Set when the file could be neither read nor moved aside (or is from
    /// a newer tidings): saving then would destroy it, so it is not done.
    read_only: bool,
    /// The file as this store last read or wrote it: whatever differs on
    /// disk since was written by another process.
    seen: Marks,
    /// Whether temporary files left by killed saves have been cleared.
    swept: bool,
}

#[derive(Debug)]
pub enum SaveError {
    /// Another process holds the lock: keep the changes, try again later.
    Busy(PathBuf),
    /// The file could not be read, and writing would destroy it.
    ReadOnly(PathBuf),
    /// Any other failure; the message names the file.
    Io(io::Error),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Busy(p) => write!(
                f,
                "the reading state {} is being saved by another tidings",
                p.display()
            ),
            SaveError::ReadOnly(p) => write!(
                f,
                "the reading state {} could not be read, so it is not overwritten",
                p.display()
            ),
            SaveError::Io(e) => write!(f, "could not save the reading state: {e}"),
        }
    }
}

impl std::error::Error for SaveError {}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    posts: &'a BTreeMap<String, Mark>,
    legacy: &'a BTreeMap<String, Mark>,
    #[serde(skip_serializing_if = "Option::is_none")]
    view: &'a Option<Box<SavedView>>,
}

#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    version: Option<u64>,
    #[serde(default)]
    posts: BTreeMap<String, Mark>,
    #[serde(default)]
    legacy: BTreeMap<String, Mark>,
    #[serde(default)]
    view: Option<Box<SavedView>>,
}

enum ReadError {
    /// Corrupt or unreadable: to be moved aside.
    Bad(String),
    /// Written by a newer tidings: readable as far as it goes, not to be
    /// overwritten.
    Newer(u64, Marks),
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
    /// was corrupt, unreadable or from a newer tidings.
    pub fn open(path: PathBuf) -> (Store, Marks, Option<String>) {
        let mut store = Store {
            path,
            read_only: false,
            seen: Marks::default(),
            swept: false,
        };
        store.sweep_if_free();
        let shown = store.path.display().to_string();
        let (marks, warning) = match store.read() {
            Ok(m) => (m, None),
            Err(ReadError::Newer(v, m)) => {
                store.read_only = true;
                let w = format!(
                    "reading state {shown} is format {v}, from a newer tidings; marks will not be saved"
                );
                (m, Some(w))
            }
            Err(ReadError::Bad(why)) => {
                let warning = match store.set_aside() {
                    Ok(aside) => format!(
                        "reading state {shown} {why}; moved it to {} and started afresh",
                        aside.display()
                    ),
                    Err(e) => {
                        store.read_only = true;
                        format!(
                            "reading state {shown} {why} and could not be moved aside ({e}); marks will not be saved"
                        )
                    }
                };
                (Marks::default(), Some(warning))
            }
        };
        store.seen = marks.clone();
        (store, marks, warning)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Merges `delta` (the marks changed since the last successful save)
    /// with the file and writes the result. Returns what other processes
    /// changed since this store last read or wrote the file, for the
    /// caller to merge into its marks. Never waits for the lock.
    pub fn save(&mut self, delta: &Marks) -> Result<Marks, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly(self.path.clone()));
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|e| self.io("creating the folder for", e))?;
        }
        let lock = self
            .open_lock()
            .map_err(|e| self.io("opening the lock file of", e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(SaveError::Busy(self.path.clone())),
            Err(TryLockError::Error(e)) => return Err(self.io("locking", e)),
        }
        if !self.swept {
            self.sweep();
        }
        // Closing `lock` afterwards releases it.
        self.merge_and_write(delta)
    }

    fn merge_and_write(&mut self, delta: &Marks) -> Result<Marks, SaveError> {
        let mut merged = match self.read() {
            // Marks are never removed, so an empty file was deleted or
            // truncated behind our back: the delta alone would lose every
            // mark saved before it.
            Ok(on_disk) if on_disk.is_empty() => self.seen.clone(),
            Ok(on_disk) => on_disk,
            Err(ReadError::Newer(..)) => {
                self.read_only = true;
                return Err(SaveError::ReadOnly(self.path.clone()));
            }
            // Corrupted by someone else since we opened it: keep it aside,
            // and write what it held when we last saw it.
            Err(ReadError::Bad(_)) => {
                self.set_aside()
                    .map_err(|e| self.io("moving aside the unreadable", e))?;
                self.seen.clone()
            }
        };
        let others = merged.changed_since(&self.seen);
        merged.merge(delta);
        let out = FileOut {
            version: VERSION,
            posts: &merged.posts,
            legacy: &merged.legacy,
            view: &merged.view,
        };
        self.write_with(|f| {
            let mut w = BufWriter::new(f);
            serde_json::to_writer(&mut w, &out).map_err(io::Error::other)?;
            w.flush()
        })?;
        self.seen = merged;
        Ok(others)
    }

    /// Writes the file through a temporary one filled by `fill`, which is
    /// removed if anything fails.
    fn write_with(&self, fill: impl FnOnce(&mut File) -> io::Result<()>) -> Result<(), SaveError> {
        let tmp = self.sibling(&format!(".tmp-{}", std::process::id()));
        let written = File::create(&tmp).and_then(|mut f| {
            fill(&mut f)?;
            f.sync_all()?;
            fs::rename(&tmp, &self.path)
        });
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(self.io("writing", e));
        }
        // The rename is durable only once the folder is synced.
        if let Some(dir) = self.path.parent()
            && let Ok(d) = File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// The marks on disk; a missing file is no marks.
    fn read(&self) -> Result<Marks, ReadError> {
        use io::ErrorKind::{NotADirectory, NotFound};
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            // A file where its folder should be: no state, and a save will
            // say why it cannot write one.
            Err(e) if matches!(e.kind(), NotFound | NotADirectory) => return Ok(Marks::default()),
            Err(e) => return Err(ReadError::Bad(format!("cannot be read ({e})"))),
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Marks::default());
        }
        let file: FileIn = serde_json::from_slice(&bytes)
            .map_err(|e| ReadError::Bad(format!("is corrupt ({e})")))?;
        match file.version {
            // Format 1: keys were paths relative to the folder opened.
            None => {
                let mut legacy = file.legacy;
                legacy.extend(file.posts);
                Ok(Marks {
                    legacy,
                    ..Marks::default()
                })
            }
            Some(v) => {
                let marks = Marks {
                    posts: file.posts,
                    legacy: file.legacy,
                    view: file.view,
                };
                if v > VERSION {
                    Err(ReadError::Newer(v, marks))
                } else {
                    Ok(marks)
                }
            }
        }
    }

    fn set_aside(&self) -> io::Result<PathBuf> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let aside = self.sibling(&format!(".corrupt-{stamp}"));
        fs::rename(&self.path, &aside)?;
        Ok(aside)
    }

    fn open_lock(&self) -> io::Result<File> {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.sibling(".lock"))
    }

    /// Clears temporary files at open when no save is under way; when one
    /// is, the first save does it.
    fn sweep_if_free(&mut self) {
        if let Ok(lock) = self.open_lock()
            && lock.try_lock().is_ok()
        {
            self.sweep();
        }
    }

    /// Removes temporary files; only to be called holding the lock.
    fn sweep(&mut self) {
        self.swept = true;
        let Some(name) = self.path.file_name() else {
            return;
        };
        let prefix = format!("{}.tmp-", name.to_string_lossy());
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// `state.json` + `suffix`, beside it.
    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_owned();
        name.push(suffix);
        self.path.with_file_name(name)
    }

    fn io(&self, doing: &str, e: io::Error) -> SaveError {
        SaveError::Io(io::Error::new(
            e.kind(),
            format!("{doing} {}: {e}", self.path.display()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn marks(read: &[(&str, u64)]) -> Marks {
        let mut m = Marks::default();
        for (id, at) in read {
            m.set_read(id, true, *at);
        }
        m
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// Saves, retrying while another writer holds the lock.
    fn save_retrying(store: &mut Store, delta: &Marks) -> Marks {
        let end = Instant::now() + Duration::from_secs(30);
        loop {
            match store.save(delta) {
                Ok(others) => return others,
                Err(SaveError::Busy(_)) if Instant::now() < end => {
                    std::thread::sleep(Duration::from_millis(1))
                }
                Err(e) => panic!("{e}"),
            }
        }
    }

    #[test]
    fn round_trip_of_format_2_compact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.json");
        let (mut store, marks, warning) = Store::open(path.clone());
        assert!(marks.is_empty() && warning.is_none());
        let mut m = marks_of_both_kinds();
        m.set_starred("k2", true, 2);
        assert!(store.save(&m).unwrap().is_empty());
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(r#"{"version":2,"posts":{"#), "{text}");
        assert!(!text.contains('\n'), "compact");
        let (_, again, warning) = Store::open(path);
        assert!(warning.is_none());
        assert_eq!(again, m);
    }

    fn marks_of_both_kinds() -> Marks {
        let mut m = marks(&[("k1", 1)]);
        m.legacy.insert("news/a.md".into(), m.posts["k1"]);
        m
    }

    #[test]
    fn format_1_moves_into_legacy_and_is_adopted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let v1 = r#"{"posts":{"news/a.md":{"read":true,"read_at":5},"b.md":{"starred":true,"starred_at":6}}}"#;
        fs::write(&path, v1).unwrap();
        let (mut store, mut m, warning) = Store::open(path.clone());
        assert!(warning.is_none());
        assert!(m.posts.is_empty());
        assert_eq!(m.legacy.len(), 2, "nothing lost");
        assert!(m.adopt_legacy("key-a", ["a.md", "news/a.md"]));
        assert_eq!(m.posts["key-a"].read_at, 5);
        store.save(&m).unwrap();
        let (_, again, _) = Store::open(path);
        assert!(again.is_read("key-a"));
        assert_eq!(again.legacy, m.legacy, "legacy kept for later adoption");
    }

    #[test]
    fn a_newer_format_is_read_but_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let v3 = r#"{"version":3,"posts":{"k":{"read":true,"read_at":1}},"future":1}"#;
        fs::write(&path, v3).unwrap();
        let (mut store, m, warning) = Store::open(path.clone());
        assert!(m.is_read("k"));
        assert!(warning.unwrap().contains("newer tidings"));
        assert!(matches!(store.save(&m), Err(SaveError::ReadOnly(_))));
        assert_eq!(fs::read_to_string(&path).unwrap(), v3);
    }

    #[test]
    fn corrupt_files_are_set_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, "{ not json").unwrap();
        let (mut store, marks, warning) = Store::open(path.clone());
        assert!(marks.is_empty());
        let warning = warning.unwrap();
        assert!(
            warning.contains("corrupt") && warning.contains("moved it to"),
            "{warning}"
        );
        let aside: Vec<_> = names_in(dir.path())
            .into_iter()
            .filter(|n| n.contains("corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        let aside = dir.path().join(&aside[0]);
        assert_eq!(fs::read_to_string(aside).unwrap(), "{ not json");
        store.save(&Marks::default()).unwrap();
    }

    #[test]
    fn a_file_lost_under_a_running_reader_is_rewritten_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (mut store, _, _) = Store::open(path.clone());
        store.save(&marks(&[("one", 1)])).unwrap();
        fs::remove_file(&path).unwrap();
        store.save(&marks(&[("two", 2)])).unwrap();
        fs::write(&path, "{ torn").unwrap();
        assert!(store.save(&marks(&[("three", 3)])).unwrap().is_empty());
        let (_, on_disk, _) = Store::open(path);
        assert_eq!(on_disk, marks(&[("one", 1), ("two", 2), ("three", 3)]));
        assert_eq!(
            names_in(dir.path()).len(),
            3,
            "state, lock, the torn file aside"
        );
    }

    #[test]
    fn a_save_returns_exactly_what_other_writers_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (mut a, _, _) = Store::open(path.clone());
        let (mut b, _, _) = Store::open(path.clone());
        assert!(a.save(&marks(&[("one", 10)])).unwrap().is_empty());
        let mut b_delta = marks(&[("two", 11)]);
        b_delta.set_starred("one", true, 12);
        let seen_by_b = b.save(&b_delta).unwrap();
        assert_eq!(seen_by_b, marks(&[("one", 10)]));
        let seen_by_a = a.save(&marks(&[("three", 13)])).unwrap();
        let mut expected = marks(&[("one", 10), ("two", 11)]);
        expected.set_starred("one", true, 12);
        assert_eq!(seen_by_a, expected, "b's new post and b's star on one");
        assert!(a.save(&marks(&[("four", 14)])).unwrap().is_empty());
        let (_, on_disk, _) = Store::open(path);
        assert_eq!(on_disk.posts.len(), 4);
        assert!(on_disk.is_starred("one") && on_disk.is_read("one"));
    }

    #[test]
    fn a_held_lock_is_busy_at_once_and_saves_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (mut store, _, _) = Store::open(path.clone());
        let other = File::create(dir.path().join("state.json.lock")).unwrap();
        other.lock().unwrap();
        let delta = marks(&[("k", 1)]);
        let err = store.save(&delta).unwrap_err();
        assert!(matches!(err, SaveError::Busy(_)), "{err}");
        assert!(err.to_string().contains("state.json"), "{err}");
        assert!(!path.exists());
        other.unlock().unwrap();
        store.save(&delta).unwrap();
        assert!(Store::open(path).1.is_read("k"));
    }

    #[test]
    fn an_unwritable_folder_is_an_io_error_naming_the_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
        if File::create(locked.join("probe")).is_ok() {
            eprintln!("skipped: running as root, so chmod 0o500 does not stop writes");
            return;
        }
        let path = locked.join("state.json");
        let (mut store, _, _) = Store::open(path.clone());
        let err = store.save(&marks(&[("k", 1)])).unwrap_err();
        assert!(matches!(err, SaveError::Io(_)), "{err}");
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
        assert!(names_in(&locked).is_empty());
    }

    #[test]
    fn a_folder_that_is_a_file_is_an_io_error_naming_the_file() {
        // Unlike chmod, this fails for root too.
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("plain"), "").unwrap();
        let path = dir.path().join("plain/state.json");
        let (mut store, _, _) = Store::open(path.clone());
        let err = store.save(&marks(&[("k", 1)])).unwrap_err();
        assert!(matches!(err, SaveError::Io(_)), "{err}");
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }

    #[test]
    fn stale_temporary_files_are_removed_on_open_or_first_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(dir.path().join("state.json.tmp-123"), "half").unwrap();
        let _ = Store::open(path.clone());
        assert!(names_in(dir.path()).iter().all(|n| !n.contains(".tmp-")));

        // A lock held at open leaves the clean-up to the first save.
        fs::write(dir.path().join("state.json.tmp-456"), "half").unwrap();
        let other = File::open(dir.path().join("state.json.lock")).unwrap();
        other.lock().unwrap();
        let (mut store, _, _) = Store::open(path);
        assert!(names_in(dir.path()).contains(&"state.json.tmp-456".into()));
        drop(other);
        store.save(&Marks::default()).unwrap();
        assert_eq!(names_in(dir.path()), ["state.json", "state.json.lock"]);
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file_and_the_old_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (mut store, _, _) = Store::open(path.clone());
        store.save(&marks(&[("k", 1)])).unwrap();
        let before = fs::read(&path).unwrap();
        let err = store
            .write_with(|f| {
                f.write_all(b"{\"version\":2,\"po")?;
                Err(io::Error::other("disk full"))
            })
            .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(names_in(dir.path()), ["state.json", "state.json.lock"]);
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn concurrent_writers_from_threads_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let handles: Vec<_> = (0..8)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let (mut store, mut view, _) = Store::open(path);
                    for i in 0..20 {
                        let delta = marks(&[(&format!("t{t}-{i}"), 1)]);
                        view.merge(&delta);
                        view.merge(&save_retrying(&mut store, &delta));
                    }
                    view
                })
            })
            .collect();
        let views: Vec<Marks> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let (_, on_disk, warning) = Store::open(path);
        assert!(warning.is_none());
        assert_eq!(on_disk.posts.len(), 160);
        for view in views {
            // Each reader's marks plus the returned changes are exactly
            // the file as of its last save: nothing missed, nothing made up.
            assert!(view.changed_since(&on_disk).is_empty());
            assert!(view.posts.len() >= 20);
        }
    }

    /// Run with `cargo test --release --lib store -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn time_to_save_one_mark_beside_100_000() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut all = Marks::default();
        for i in 0..100_000 {
            all.set_read(
                &format!("posts/2024/{i:06}/index.md"),
                true,
                1_700_000_000_000,
            );
        }
        let (mut fresh, _, _) = Store::open(path.clone());
        let (mut store, _, _) = Store::open(path.clone());
        store.save(&all).unwrap();
        let (mut store2, _, _) = Store::open(path.clone());
        let t = Instant::now();
        let n = 10;
        for i in 0..n {
            store2.save(&marks(&[("new", i + 2)])).unwrap();
        }
        let each = t.elapsed() / n as u32;
        eprintln!(
            "save of a one-mark delta beside 100,000: {each:?} each; file {} bytes",
            fs::metadata(&path).unwrap().len()
        );
        let t = Instant::now();
        let others = fresh.save(&marks(&[("new2", 1)])).unwrap();
        assert_eq!(others.posts.len(), 100_001);
        eprintln!(
            "the same, with another writer's 100,000 to return: {:?}",
            t.elapsed()
        );
    }
}
