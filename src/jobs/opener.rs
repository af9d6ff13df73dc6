//! Handing a URL to the system opener (xdg-open, open, ...), detached, with
//! its output kept off the reader's screen.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The opener program found on PATH, if any.
pub fn find() -> Option<PathBuf> {
    let names: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else {
        &["xdg-open", "wslview", "gio"]
    };
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Starts the opener on `url` (already checked to be an http, https or
/// mailto URL) and does not wait for it: the caller reaps the child.
pub fn open(opener: &PathBuf, url: &str) -> std::io::Result<std::process::Child> {
    let mut cmd = Command::new(opener);
    if opener.file_name().is_some_and(|n| n == "gio") {
        cmd.arg("open");
    }
    cmd.arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}
