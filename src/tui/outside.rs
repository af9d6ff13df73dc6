//! Programs that take the terminal for a while: the editor on a post's
//! file (`e`) and a command reading the article (`|`, the pager by
//! default). The reader gives the terminal back, waits, and takes it again.

use std::io::{self, BufRead, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The editor: the configured one, else `$VISUAL`, `$EDITOR`, `vi`.
pub fn editor(configured: Option<&str>) -> String {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    configured
        .map(str::to_owned)
        .or_else(|| var("VISUAL"))
        .or_else(|| var("EDITOR"))
        .unwrap_or_else(|| "vi".into())
}

/// Why a post's file is not to be edited: no write bit for anyone (a
/// read-only source; root could write it, but the owner meant otherwise),
/// or it cannot be looked at.
pub fn read_only(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let shown = crate::text::sanitize_line(&path.to_string_lossy());
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().mode() & 0o222 == 0 => {
            Some(format!("{shown} is read-only; not opening the editor"))
        }
        Ok(_) => None,
        Err(e) => Some(format!("{shown} cannot be edited ({e})")),
    }
}

/// Runs the editor on `path` at `line`, as git does: through the shell so
/// an editor with options (`code --wait`) works, the file as an argument,
/// never as shell text. Err says why it did not run or failed.
pub fn edit(editor: &str, path: &Path, line: usize) -> Result<(), String> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("sh")
        .arg(format!("+{line}"))
        .arg(path)
        .status()
        .map_err(|e| format!("could not start the editor ({e})"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor exited with {status}"))
    }
}

/// Runs `sh -c command` with `text` on its input and the terminal for its
/// output. A program that is not a pager leaves its output on the screen
/// until Enter, as mutt and vim do.
pub fn pipe(command: &str, text: &str) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {command} ({e})"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let text = text.to_owned();
        // A pager reads as the reader scrolls; the rest waits in the pipe.
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        });
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !is_pager(command) {
        print!("\r\n[{status}; press Enter to go back to tidings]");
        let _ = io::stdout().flush();
        let mut line = String::new();
        let _ = io::stdin().lock().read_line(&mut line);
    }
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command} exited with {status}"))
    }
}

/// Pagers end when the reader quits them: nothing to keep on screen.
fn is_pager(command: &str) -> bool {
    let program = command.split_whitespace().next().unwrap_or("");
    let name = program.rsplit('/').next().unwrap_or(program);
    let pager = std::env::var("PAGER").unwrap_or_default();
    let pager = pager.split_whitespace().next().unwrap_or("");
    ["less", "more", "most", "moar", "bat", "pg"].contains(&name)
        || (!pager.is_empty() && program == pager)
}
