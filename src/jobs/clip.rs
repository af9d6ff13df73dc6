//! Copying into tmux's or screen's own paste buffer. Inside a multiplexer
//! an OSC 52 sequence is dropped unless the multiplexer is set up to pass
//! it on (tmux by default drops it), so a copy that only wrote OSC 52
//! would say "copied" and copy nothing. The buffer is filled through the
//! multiplexer's own command, and the status says where the text went.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::app::Mux;

/// Puts `text` in the multiplexer's buffer; says where it went, or why not.
pub fn to_mux(text: &str, mux: Mux) -> Result<String, String> {
    match mux {
        Mux::None => Ok("the clipboard (OSC 52)".into()),
        Mux::Tmux => tmux(text),
        Mux::Screen => screen(text),
    }
}

fn tmux(text: &str) -> Result<String, String> {
    // -w (tmux 3.2+) also sends it to the outer terminal's clipboard when
    // tmux's set-clipboard allows; older tmux refuses the flag.
    let forwarded = load_buffer(text, true).is_ok();
    if !forwarded {
        load_buffer(text, false).map_err(|e| format!("tmux load-buffer failed: {e}"))?;
    }
    let clipboard = Command::new("tmux")
        .args(["show-options", "-gv", "set-clipboard"])
        .stderr(Stdio::null())
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    Ok(match clipboard.as_deref() {
        Some("on" | "external") if forwarded => {
            "tmux's paste buffer and, through tmux, your clipboard".into()
        }
        _ => "tmux's paste buffer (prefix ] pastes it; tmux's set-clipboard is off)".into(),
    })
}

fn load_buffer(text: &str, forward: bool) -> Result<(), String> {
    let mut cmd = Command::new("tmux");
    cmd.arg("load-buffer");
    if forward {
        cmd.arg("-w");
    }
    let mut child = cmd
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

fn screen(text: &str) -> Result<String, String> {
    // `register .` is screen's paste buffer; -X talks to the session in $STY.
    let out = Command::new("screen")
        .args(["-X", "register", ".", text])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("screen: {e}"))?;
    if out.status.success() {
        Ok("screen's paste buffer".into())
    } else {
        Err(format!(
            "screen -X register failed: {}",
            String::from_utf8_lossy(&out.stdout).trim()
        ))
    }
}
