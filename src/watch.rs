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

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

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
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |r| {
        let _ = events_tx.send(Msg::Events(r));
    })
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
                    check_root(&mut debouncer, root, &on_event);
                }
                continue;
            }
            Ok(Msg::Events(Ok(events))) => {
                let mut paths = BTreeSet::new();
                let mut rescan = false;
                for e in events {
                    if e.need_rescan() {
                        rescan = true;
                    } else if !matches!(e.kind, EventKind::Access(_)) {
                        paths.extend(e.event.paths);
                    }
                }
                if rescan {
                    on_event(WatchEvent::Rescan);
                } else if !paths.is_empty() {
                    on_event(WatchEvent::Changed(paths.into_iter().collect()));
                }
            }
            // Overflow, or a folder that could not be watched: what was
            // missed is unknown.
            Ok(Msg::Events(Err(_))) => on_event(WatchEvent::Rescan),
        }
        // Events are the moment to look at the roots, one stat each: a
        // root deleted, moved or replaced always sends some.
        for root in &mut roots {
            check_root(&mut debouncer, root, &on_event);
        }
    }
}

fn check_root(debouncer: &mut Inner, root: &mut Root, on_event: &impl Fn(WatchEvent)) {
    let now = identity(&root.path);
    if now == root.id {
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

/// Watches `path` and returns the identity of what is watched, taken
/// before the watch so a replacement racing it is seen on the next check.
fn watch_root(debouncer: &mut Inner, path: &Path) -> Result<(u64, u64), String> {
    let id = identity(path).ok_or_else(|| format!("{}: not found", path.display()))?;
    let mode = if path.is_dir() {
        RecursiveMode::Recursive
    } else {
        RecursiveMode::NonRecursive
    };
    debouncer
        .watch(path, mode)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(id)
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
    fn a_named_file_saved_by_rename_stays_watched() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("post.md");
        fs::write(&post, "# one\n").unwrap();
        let (_w, rx) = watching(std::slice::from_ref(&post));
        for n in 0..2 {
            let tmp = dir.path().join(format!(".post.md.{n}"));
            fs::write(&tmp, format!("# v{n}\n")).unwrap();
            fs::rename(&tmp, &post).unwrap();
            assert!(
                wait_for(&rx, Duration::from_secs(3), |e| changed(e, &post)).is_some(),
                "save {n} by rename was not reported"
            );
        }
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
