//! Copying inside tmux: the URL must really be in tmux's paste buffer
//! (tmux drops OSC 52 by default), and the status line says where it went.
//! Runs the real binary in a tmux server of its own.

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux(String);

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.0]);
        c
    }

    fn out(&self, args: &[&str]) -> String {
        let o = self.cmd().args(args).output().unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn wait(&self, what: &str, cond: impl Fn(&Tmux) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if cond(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {what}; screen:\n{}",
            self.out(&["capture-pane", "-p"])
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_link_copied_inside_tmux_is_in_tmux_show_buffer() {
    if !have_tmux() {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = "https://example.org/tidings-copy-test?lang=中文";
    std::fs::write(
        dir.path().join("post.md"),
        format!("---\ntitle: Copy me\ndate: 2024-01-01\n---\n\nA [link]({url}).\n"),
    )
    .unwrap();
    let tmux = Tmux(format!("tidings-copy-{}", std::process::id()));
    let command = format!(
        "{} --state {} {}",
        env!("CARGO_BIN_EXE_tidings"),
        dir.path().join("state.json").display(),
        dir.path().display()
    );
    let ok = tmux
        .cmd()
        .args([
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
        ])
        .arg(&command)
        .status()
        .unwrap();
    assert!(ok.success());
    tmux.wait("the reader", |t| {
        t.out(&["capture-pane", "-p"]).contains("Posts (1)")
    });
    tmux.cmd()
        .args(["send-keys", "Enter", "y", "1", "Enter"])
        .status()
        .unwrap();
    tmux.wait("the URL in tmux's buffer", |t| {
        t.out(&["show-buffer"]).trim_end() == url
    });
    tmux.wait("the status line saying so", |t| {
        t.out(&["capture-pane", "-p"])
            .contains("tmux's paste buffer")
    });
}
