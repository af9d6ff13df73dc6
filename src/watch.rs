//! Watching the opened folders for changes, on notify's own debouncer.
//!
//! The debouncer expires each event on its own clock rather than waiting
//! for quiet, so a file rewritten without pause is still reported about
//! twice a second and never holds back news of other files. On top of it,
//! each root (a folder or a file named on the command line) is checked
//! whenever events arrive: a root that went away is reported and then
//! looked for every half second until it is back, when it is watched
//! afresh. While every root exists nothing here polls.

use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use notify::event::{ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

/// An event is delivered once it is this old; long enough to gather an
/// editor's write-rename burst into one report.
const DEBOUNCE: Duration = Duration::from_millis(500);
/// How often the debouncer's own thread looks for expired events; tying it
/// to `DEBOUNCE` keeps that thread's wake-ups to two a second.
const TICK: Duration = DEBOUNCE;
/// How often a root that is gone is looked for.
const POLL_GONE: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// Paths created, changed, renamed or removed under the roots.
    Changed(Vec<PathBuf>),
    /// Events were lost: read everything again.
    Rescan,
    /// A root no longer exists.
    RootGone(PathBuf),
    /// A root exists again (or was replaced) and is watched anew: read it
    /// afresh.
    RootBack(PathBuf),
}

/// Keeps the watch alive; dropping it stops watching, and no callback runs
/// after the drop returns.
pub struct Watch {
    stop: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.stop.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

enum Msg {
    Events(DebounceEventResult),
    Stop,
}

type Inner = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

struct Root {
    path: PathBuf,
    /// Device and inode watched, or `None` while the root is gone. A new
    /// inode under the same name means the watch is on the old one.
    id: Option<(u64, u64)>,
}

/// Watches `roots` and calls `on_event` from a thread of its own. Returns
/// the reason when watching is not possible.
pub fn start(
    roots: &[PathBuf],
    on_event: impl Fn(WatchEvent) + Send + 'static,
) -> Result<Watch, String> {
    let (tx, rx) = mpsc::channel();
    let events_tx = tx.clone();
    // Links are not followed: one to `/` inside a folder would have the
    // watcher walk the whole disk. Folders linked from inside the roots
    // are roots' folders themselves, watched under their real names.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer = new_debouncer_opt(
        DEBOUNCE,
        Some(TICK),
        move |r| {
            let _ = events_tx.send(Msg::Events(r));
        },
        RecommendedCache::new(),
        config,
    )
    .map_err(|e| e.to_string())?;
    let mut watched = Vec::with_capacity(roots.len());
    for path in roots {
        let id = watch_root(&mut debouncer, path)?;
        watched.push(Root {
            path: path.clone(),
            id: Some(id),
        });
    }
    let thread = std::thread::Builder::new()
        .name("tidings watch".into())
        .spawn(move || run(debouncer, watched, rx, on_event))
        .map_err(|e| e.to_string())?;
    Ok(Watch {
        stop: tx,
        thread: Some(thread),
    })
}

fn run(
    mut debouncer: Inner,
    mut roots: Vec<Root>,
    rx: mpsc::Receiver<Msg>,
    on_event: impl Fn(WatchEvent),
) {
    loop {
        let any_gone = roots.iter().any(|r| r.id.is_none());
        let msg = if any_gone {
            rx.recv_timeout(POLL_GONE)
        } else {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        match msg {
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                for root in roots.iter_mut().filter(|r| r.id.is_none()) {
                    check_root(&mut debouncer, root, false, &on_event);
                }
            }
            Ok(Msg::Events(result)) => {
                let ended = watches_ended(&result);
                if let Some(event) = translate(result) {
                    on_event(event);
                }
                // Events are the moment to look at the roots, one stat
                // each: a root deleted, moved or replaced always sends some.
                for root in &mut roots {
                    let ended = ended.contains(&root.path);
                    check_root(&mut debouncer, root, ended, &on_event);
                }
            }
        }
    }
}

/// The roots among the paths whose watch notify has dropped (deleted) or
/// that now name something else (moved away). Needed besides inode
/// numbers: a file replaced twice may get its first inode number back.
fn watches_ended(result: &DebounceEventResult) -> BTreeSet<PathBuf> {
    let Ok(events) = result else {
        return BTreeSet::new();
    };
    events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Remove(_)
                    | EventKind::Modify(ModifyKind::Name(RenameMode::From | RenameMode::Any))
            )
        })
        .flat_map(|e| e.paths.iter().cloned())
        .collect()
}

/// What the reader is told of one debounced batch, if anything.
fn translate(result: DebounceEventResult) -> Option<WatchEvent> {
    // An error is an overflow or a folder that could not be watched: what
    // was missed is unknown.
    let Ok(events) = result else {
        return Some(WatchEvent::Rescan);
    };
    let mut paths = BTreeSet::new();
    for e in events {
        if e.need_rescan() {
            return Some(WatchEvent::Rescan);
        }
        if !matches!(e.kind, EventKind::Access(_)) {
            paths.extend(e.event.paths);
        }
    }
    (!paths.is_empty()).then(|| WatchEvent::Changed(paths.into_iter().collect()))
}

fn check_root(
    debouncer: &mut Inner,
    root: &mut Root,
    watch_ended: bool,
    on_event: &impl Fn(WatchEvent),
) {
    let now = identity(&root.path);
    if now == root.id && !watch_ended {
        return;
    }
    if root.id.is_some() {
        // notify drops its watch on a deleted root itself; on a replaced
        // or moved one it must be told.
        let _ = debouncer.unwatch(&root.path);
    }
    let was_file = root.id.is_some() && !root.path.is_dir();
    match now {
        None => {
            root.id = None;
            on_event(WatchEvent::RootGone(root.path.clone()));
        }
        Some(_) => {
            let Ok(id) = watch_root(debouncer, &root.path) else {
                // Not watchable yet (half-created, no permission): try again
                // on the next poll.
                if root.id.take().is_some() {
                    on_event(WatchEvent::RootGone(root.path.clone()));
                }
                return;
            };
            let replaced = root.id.replace(id).is_some();
            if replaced && was_file {
                // An editor saving the named file by renaming over it.
                on_event(WatchEvent::Changed(vec![root.path.clone()]));
            } else {
                if replaced {
                    on_event(WatchEvent::RootGone(root.path.clone()));
                }
                on_event(WatchEvent::RootBack(root.path.clone()));
            }
        }
    }
}

/// Watches `path` and returns the identity of what is watched. An editor
/// may replace the file while the watch is added, leaving it on an inode
/// that will never send another event, so the identity must be the same
/// before and after.
fn watch_root(debouncer: &mut Inner, path: &Path) -> Result<(u64, u64), String> {
    let not_found = || format!("{}: not found", path.display());
    loop {
        let before = identity(path).ok_or_else(not_found)?;
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer
            .watch(path, mode)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if identity(path) == Some(before) {
            return Ok(before);
        }
        let _ = debouncer.unwatch(path);
    }
}

fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Instant;

    fn watching(roots: &[PathBuf]) -> (Watch, mpsc::Receiver<WatchEvent>) {
        let (tx, rx) = mpsc::channel();
        let w = start(roots, move |e| {
            let _ = tx.send(e);
        })
        .unwrap();
        (w, rx)
    }

    /// Waits up to `limit` for an event that `want` accepts.
    fn wait_for(
        rx: &mpsc::Receiver<WatchEvent>,
        limit: Duration,
        want: impl Fn(&WatchEvent) -> bool,
    ) -> Option<WatchEvent> {
        let end = Instant::now() + limit;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(e) if want(&e) => return Some(e),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }

    fn changed(e: &WatchEvent, path: &Path) -> bool {
        matches!(e, WatchEvent::Changed(ps) if ps.iter().any(|p| p == path))
    }

    /// Rewrites `path` every 100 ms until the returned flag is cleared.
    fn busy_writer(path: PathBuf) -> (Arc<AtomicBool>, std::thread::JoinHandle<()>) {
        let running = Arc::new(AtomicBool::new(true));
        let r = running.clone();
        let h = std::thread::spawn(move || {
            let mut n = 0;
            while r.load(Ordering::Relaxed) {
                fs::write(&path, format!("# draft {n}\n")).unwrap();
                n += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        (running, h)
    }

    #[test]
    fn new_posts_are_reported_while_another_file_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let (_w, rx) = watching(&[dir.path().to_path_buf()]);
        let (running, writer) = busy_writer(dir.path().join("draft.md"));
        // The old settle-until-quiet watcher never got past this point.
        assert!(
            wait_for(&rx, Duration::from_secs(2), |e| changed(
                e,
                &dir.path().join("draft.md")
            ))
            .is_some()
        );
        let new = dir.path().join("new.md");
        fs::write(&new, "# new\n").unwrap();
        let seen = wait_for(&rx, Duration::from_secs(2), |e| changed(e, &new));
        assert!(seen.is_some(), "the new post was not reported within 2 s");
        assert!(running.load(Ordering::Relaxed));
        running.store(false, Ordering::Relaxed);
        writer.join().unwrap();
    }

    #[test]
    fn a_file_rewritten_without_pause_is_reported_every_second_or_so() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft.md");
        let (_w, rx) = watching(&[dir.path().to_path_buf()]);
        let (running, writer) = busy_writer(draft.clone());
        let started = Instant::now();
        for _ in 0..3 {
            assert!(
                wait_for(&rx, Duration::from_millis(1500), |e| changed(e, &draft)).is_some(),
                "no report of the rewritten file for 1.5 s"
            );
        }
        assert!(started.elapsed() < Duration::from_millis(3500));
        running.store(false, Ordering::Relaxed);
        writer.join().unwrap();
    }

    #[test]
    fn a_deleted_root_is_reported_and_watched_again_when_it_returns() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        fs::create_dir(&root).unwrap();
        fs::write(root.join("a.md"), "# a\n").unwrap();
        let (_w, rx) = watching(std::slice::from_ref(&root));
        fs::remove_dir_all(&root).unwrap();
        let gone = wait_for(&rx, Duration::from_secs(3), |e| {
            matches!(e, WatchEvent::RootGone(_))
        });
        assert_eq!(gone, Some(WatchEvent::RootGone(root.clone())));
        fs::create_dir(&root).unwrap();
        let back = wait_for(&rx, Duration::from_secs(3), |e| {
            matches!(e, WatchEvent::RootBack(_))
        });
        assert_eq!(back, Some(WatchEvent::RootBack(root.clone())));
        let post = root.join("b.md");
        fs::write(&post, "# b\n").unwrap();
        assert!(wait_for(&rx, Duration::from_secs(3), |e| changed(e, &post)).is_some());
    }

    #[test]
    fn a_root_replaced_at_once_is_watched_anew() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        fs::create_dir(&root).unwrap();
        let (_w, rx) = watching(std::slice::from_ref(&root));
        // Swapped in by rename, as a sync tool does: the watch would stay
        // on the old folder, now under another name.
        let fresh = dir.path().join("news.new");
        fs::create_dir(&fresh).unwrap();
        fs::rename(&root, dir.path().join("news.old")).unwrap();
        fs::rename(&fresh, &root).unwrap();
        let back = wait_for(&rx, Duration::from_secs(3), |e| {
            matches!(e, WatchEvent::RootBack(_))
        });
        assert_eq!(back, Some(WatchEvent::RootBack(root.clone())));
        let post = root.join("b.md");
        fs::write(&post, "# b\n").unwrap();
        assert!(wait_for(&rx, Duration::from_secs(3), |e| changed(e, &post)).is_some());
    }

    /// Takes events until none has come for `quiet`, so the next report
    /// awaited is news.
    fn drain(rx: &mpsc::Receiver<WatchEvent>, quiet: Duration) {
        let end = Instant::now() + Duration::from_secs(10);
        while rx.recv_timeout(quiet).is_ok() {
            assert!(Instant::now() < end, "events never stop");
        }
    }

    /// Saves `post` by rename `saves` times, each reported within 3 s;
    /// `strict` waits for quiet between saves, so no report is counted
    /// twice.
    fn saves_by_rename(saves: usize, strict: bool) {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("post.md");
        fs::write(&post, "# one\n").unwrap();
        let (_w, rx) = watching(std::slice::from_ref(&post));
        for n in 0..saves {
            let tmp = dir.path().join(format!(".post.md.{n}"));
            fs::write(&tmp, format!("# v{n}\n")).unwrap();
            fs::rename(&tmp, &post).unwrap();
            assert!(
                wait_for(&rx, Duration::from_secs(3), |e| changed(e, &post)).is_some(),
                "save {n} by rename was not reported"
            );
            if strict {
                drain(&rx, DEBOUNCE * 3);
            }
        }
    }

    #[test]
    fn a_named_file_saved_by_rename_stays_watched() {
        saves_by_rename(3, true);
    }

    #[test]
    fn a_named_file_saved_again_while_rewatched_stays_watched() {
        // Saving while the watch moves to the new file: the filesystem may
        // hand the first file's inode number to the third, which once made
        // the replacement look like no change and left the watch dead.
        saves_by_rename(6, false);
    }

    #[test]
    fn lost_events_and_errors_ask_for_a_rescan_and_access_is_ignored() {
        use notify::event::{AccessKind, CreateKind, Flag};
        use notify_debouncer_full::DebouncedEvent;
        let at = |event: notify::Event| DebouncedEvent::new(event, Instant::now());
        let created = notify::Event::new(EventKind::Create(CreateKind::File))
            .add_path(PathBuf::from("/n/a.md"));
        let opened = notify::Event::new(EventKind::Access(AccessKind::Any))
            .add_path(PathBuf::from("/n/b.md"));
        let overflow = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(
            translate(Ok(vec![at(created.clone()), at(opened.clone())])),
            Some(WatchEvent::Changed(vec![PathBuf::from("/n/a.md")]))
        );
        assert_eq!(translate(Ok(vec![at(opened)])), None);
        assert_eq!(
            translate(Ok(vec![at(created), at(overflow)])),
            Some(WatchEvent::Rescan)
        );
        let error = notify::Error::generic("inotify queue overflow");
        assert_eq!(translate(Err(vec![error])), Some(WatchEvent::Rescan));
    }

    #[test]
    fn dropping_the_watch_ends_its_thread_and_callbacks() {
        let dir = tempfile::tempdir().unwrap();
        let (w, rx) = watching(&[dir.path().to_path_buf()]);
        fs::write(dir.path().join("a.md"), "# a\n").unwrap();
        assert!(wait_for(&rx, Duration::from_secs(2), |_| true).is_some());
        drop(w);
        fs::write(dir.path().join("b.md"), "# b\n").unwrap();
        // The callback (and its sender) went with the thread, so the
        // channel is closed, not merely quiet.
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(2)),
            Err(RecvTimeoutError::Disconnected)
        );
    }
}
