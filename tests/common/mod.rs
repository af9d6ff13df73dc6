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
