//! Watching the opened folders for changes (the notify crate). Events are
//! gathered for a moment, so an editor's burst of writes and renames comes
//! as one set of changed paths.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long to gather events after the first one.
const SETTLE: Duration = Duration::from_millis(250);

/// Keeps the watch alive; dropping it stops watching.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// Watches `roots` and calls `changed` with the paths touched in each burst
/// of events. Returns the reason when watching is not possible.
pub fn start(
    roots: &[PathBuf],
    changed: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<Watch, String> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
    for root in roots {
        let mode = if root.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher
            .watch(root, mode)
            .map_err(|e| format!("{}: {e}", root.display()))?;
    }
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut paths = BTreeSet::new();
            collect(first, &mut paths);
            while let Ok(more) = rx.recv_timeout(SETTLE) {
                collect(more, &mut paths);
            }
            if !paths.is_empty() {
                changed(paths.into_iter().collect());
            }
        }
    });
    Ok(Watch { _watcher: watcher })
}

fn collect(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
    match event {
        Ok(e) if !matches!(e.kind, EventKind::Access(_)) => paths.extend(e.paths),
        Ok(_) => {}
        // The kernel dropped events (queue overflow): ask for a rescan.
        Err(_) => {
            paths.insert(PathBuf::new());
        }
    }
}
