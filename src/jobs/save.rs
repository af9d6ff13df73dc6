//! The save worker: marks changed in the reader reach the state file off
//! the input thread. Requests are deltas (only what changed), merged while
//! one waits, so a save costs the same with 10 or 100,000 marks on the
//! input side. While another process holds the lock the worker keeps the
//! delta and tries again; a failed save is reported and kept for the next.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Send;
use super::single::{Ctl, Single};
use crate::app::{Marks, Msg};
use crate::store::{SaveError, Store};

/// How long to wait for another reader's lock when quitting.
const FINAL_WAIT: Duration = Duration::from_secs(5);
const RETRY: Duration = Duration::from_millis(200);

pub struct Saver {
    worker: Single<Marks>,
    /// Marks not yet on disk after a failure, and why.
    unsaved: Arc<Mutex<Option<(Marks, String)>>>,
    path: String,
}

fn merge(mut old: Marks, new: Marks) -> Marks {
    old.merge(&new);
    old
}

impl Saver {
    pub fn start(mut store: Store, send: Send) -> Saver {
        let unsaved: Arc<Mutex<Option<(Marks, String)>>> = Arc::default();
        let path = store.path().display().to_string();
        let kept = unsaved.clone();
        let worker = Single::spawn("save", merge, move |mut delta: Marks, ctl| {
            if let Some((earlier, _)) = kept.lock().unwrap_or_else(|e| e.into_inner()).take() {
                delta = merge(earlier, delta);
            }
            match save(&mut store, delta, ctl, &send) {
                Ok(others) => send(Msg::Saved(Ok(others))),
                Err((delta, why)) => {
                    send(Msg::Saved(Err(why.clone())));
                    *kept.lock().unwrap_or_else(|e| e.into_inner()) = Some((delta, why));
                }
            }
        });
        Saver {
            worker,
            unsaved,
            path,
        }
    }

    pub fn request(&self, delta: Marks) {
        self.worker.request(delta);
    }

    /// Saves what is waiting (and retries what failed), then ends the
    /// worker. Err says which file was not written and why.
    pub fn finish(self) -> Result<(), String> {
        let failed = self
            .unsaved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        if failed {
            self.worker.request(Marks::default());
        }
        let unsaved = self.unsaved.clone();
        let path = self.path.clone();
        self.worker.finish();
        match unsaved.lock().unwrap_or_else(|e| e.into_inner()).take() {
            None => Ok(()),
            Some((_, why)) => Err(format!("reading state {path} not saved: {why}")),
        }
    }
}

/// Saves `delta`, waiting out another reader's lock (folding in requests
/// that arrive meanwhile). On failure, gives the delta back with why.
fn save(
    store: &mut Store,
    mut delta: Marks,
    ctl: &Ctl<Marks>,
    send: &Send,
) -> Result<Marks, (Marks, String)> {
    let mut told = false;
    let mut closing_since: Option<Instant> = None;
    loop {
        match store.save(&delta) {
            Ok(others) => return Ok(others),
            Err(SaveError::Busy(_)) => {
                if !told {
                    send(Msg::SaveWaiting);
                    told = true;
                }
                if ctl.closing() {
                    let since = *closing_since.get_or_insert_with(Instant::now);
                    if since.elapsed() > FINAL_WAIT {
                        return Err((delta, "another tidings kept the state file locked".into()));
                    }
                }
                if ctl.closing() {
                    std::thread::sleep(RETRY);
                } else {
                    ctl.wait(RETRY);
                }
                if let Some(more) = ctl.take_pending() {
                    delta = merge(delta, more);
                }
            }
            Err(e) => return Err((delta, e.to_string())),
        }
    }
}
