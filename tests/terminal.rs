//! The terminal given back in every way the reader can stop: Ctrl-z and
//! `fg` from a real shell, and each signal that ends the process, checked
//! with the shell's own `stty` afterwards (raw mode off), on the real binary
//! in a pseudo-terminal.

mod common;

use std::time::{Duration, Instant};

use common::pty::Session;

/// An interactive bash in a pty, with a plain prompt.
fn shell(cols: u16, rows: u16) -> Session {
    let s = Session::start_with(cols, rows, |cmd, _| {
        *cmd = portable_pty::CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", "$ ");
        cmd.env("TERM", "xterm-256color");
        for var in ["NO_COLOR", "TMUX", "STY", "SSH_CONNECTION", "SSH_TTY"] {
            cmd.env_remove(var);
        }
    });
    s.wait_text("$ ");
    s
}

/// A shell with the reader started from it on the built-in posts.
fn reader_in_shell(state: &tempfile::TempDir) -> Session {
    let mut s = shell(100, 30);
    let cmd = format!(
        "{} --state {}\r",
        bin(),
        state.path().join("s.json").display()
    );
    s.keys(cmd.as_bytes());
    s.wait_text("Posts (10)");
    s
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_tidings")
}

/// The pid of `parent`'s child process named `tidings`.
fn tidings_under(parent: u32) -> u32 {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // pid (comm) state ppid ...
            let Some((head, rest)) = stat.rsplit_once(") ") else {
                continue;
            };
            let ppid: u32 = rest
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            if ppid == parent && head.ends_with("(tidings") {
                return pid;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no tidings process under {parent}");
}

/// Whether the shell sees the terminal in cooked mode (`icanon` set).
fn cooked(s: &mut Session, tag: &str) -> bool {
    s.keys(
        format!("stty -a | tr ' ' '\\n' | grep -x -- '-*icanon' | sed 's/^/{tag}=/'\r").as_bytes(),
    );
    let want_on = format!("{tag}=icanon");
    let want_off = format!("{tag}=-icanon");
    s.wait_for(&want_on, |t| t.contains(&want_on) || t.contains(&want_off));
    s.screen().contains(&want_on)
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back_redrawn() {
    let state = tempfile::tempdir().unwrap();
    let mut s = reader_in_shell(&state);
    assert!(s.alternate_screen());
    s.keys(b"\x1a");
    s.wait_for("the shell after Ctrl-z", |t| t.contains("Stopped"));
    assert!(!s.alternate_screen(), "the alternate screen is left");
    assert!(!s.cursor_hidden(), "the cursor is shown");
    assert!(cooked(&mut s, "stopped"), "raw mode is off while stopped");
    s.keys(b"fg\r");
    s.wait_for("the reader again", |t| t.contains("Posts (10)"));
    assert!(s.alternate_screen());
    // Redrawn whole, and answering keys.
    s.keys(b"j");
    s.wait_text("2/10");
    s.keys(b"Q");
    s.wait_for("the prompt", |t| {
        t.contains("$ ") && !t.contains("Posts (10)")
    });
    assert!(cooked(&mut s, "after"), "raw mode off after quitting");
    s.keys(b"exit\r");
    let _ = s.wait_exit();
}

#[test]
fn every_ending_signal_restores_the_terminal() {
    let state = tempfile::tempdir().unwrap();
    for (name, number) in [
        ("QUIT", 3),
        ("USR1", 10),
        ("USR2", 12),
        ("PIPE", 13),
        ("ALRM", 14),
        ("TERM", 15),
        ("HUP", 1),
        ("INT", 2),
    ] {
        let mut s = shell(100, 30);
        let cmd = format!(
            "{} --state {}; echo status=$?\r",
            bin(),
            state.path().join("s.json").display()
        );
        s.keys(cmd.as_bytes());
        s.wait_text("Posts (10)");
        let shell_pid = s.child.process_id().unwrap();
        let pid = tidings_under(shell_pid);
        let ok = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(ok.success());
        let status = format!("status={}", 128 + number);
        s.wait_for(&status, |t| t.contains(&status));
        assert!(!s.alternate_screen(), "SIG{name}: alternate screen left");
        assert!(!s.cursor_hidden(), "SIG{name}: cursor shown");
        assert!(cooked(&mut s, name), "SIG{name}: raw mode off");
        s.keys(b"exit\r");
        let _ = s.wait_exit();
    }
}

#[test]
fn kill_tstp_from_outside_suspends_cleanly_too() {
    let state = tempfile::tempdir().unwrap();
    let mut s = reader_in_shell(&state);
    let pid = tidings_under(s.child.process_id().unwrap());
    let ok = std::process::Command::new("kill")
        .args(["-TSTP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    s.wait_for("the shell", |t| t.contains("Stopped"));
    assert!(!s.alternate_screen());
    assert!(cooked(&mut s, "tstp"));
    s.keys(b"fg\r");
    s.wait_for("the reader again", |t| t.contains("Posts (10)"));
    s.keys(b"Q");
    s.wait_for("the prompt", |t| !t.contains("Posts (10)"));
    s.keys(b"exit\r");
    let _ = s.wait_exit();
}
