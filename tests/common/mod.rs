//! Helpers shared by the integration tests (each test file uses some).
#![allow(dead_code)]

use std::path::PathBuf;

pub mod pty;

/// The seed post in `../shared/seed`, or `None` (with a note) when the
/// folder is absent, so tests that need it skip cleanly.
pub fn seed_file() -> Option<PathBuf> {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let file = std::fs::read_dir(&seed)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
        .map(|e| e.path());
    if file.is_none() {
        eprintln!("note: ../shared/seed is absent; seed test skipped");
    }
    file
}

/// Runs the searches among `effects` as the search worker would, feeding
/// their answers back into `app` (and so on for what those ask); returns
/// every effect seen.
pub fn settle(
    app: &mut tidings::app::App,
    effects: Vec<tidings::app::Effect>,
) -> Vec<tidings::app::Effect> {
    let mut all = Vec::new();
    for e in effects {
        for msg in tidings::jobs::search::answer(&e) {
            let more = app.update(msg);
            all.extend(settle(app, more));
        }
        all.push(e);
    }
    all
}
