//! Shared by the bench binaries: a synthetic corpus and a tiny timer.
//!
//! Benches are plain binaries (`harness = false`) so they build fast on two
//! cores; each reports min, median and max of repeated runs.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The corpus from `../shared/tools/gen_corpus.py` (or `$TIDINGS_CORPUS`),
/// generated once under `target/bench-corpus`. `None`, with a note, when the
/// generator is absent.
pub fn corpus() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("TIDINGS_CORPUS") {
        return Some(PathBuf::from(dir));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench-corpus");
    if out.join("posts/post-09999.md").exists() && out.join("big/big.md").exists() {
        return Some(out);
    }
    let script = root.join("../shared/tools/gen_corpus.py");
    if !script.exists() {
        eprintln!(
            "note: {} is absent; set TIDINGS_CORPUS to a corpus folder",
            script.display()
        );
        return None;
    }
    eprintln!(
        "generating 10,000 posts and a 5 MB post in {} ...",
        out.display()
    );
    let ok = Command::new("python3")
        .arg(&script)
        .args(["-n", "10000", "--no-feed", "--big-mb", "5", "--cjk", "-o"])
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(out)
}

/// Runs `f` `runs` times after one warm-up and prints the figures.
pub fn measure<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) -> Duration {
    std::hint::black_box(f());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name:<44} median {:>10.3?}  min {:>10.3?}  max {:>10.3?}  ({runs} runs)",
        median,
        times[0],
        times[times.len() - 1]
    );
    median
}
