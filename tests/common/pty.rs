//! The real binary in a pseudo-terminal, its screen read back through a
//! VT parser: shared by the end-to-end tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    /// Holds the session's own reading state file.
    pub _state: tempfile::TempDir,
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte tidings wrote, for sequences the screen does not show.
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with(cols, rows, |cmd, state| {
            cmd.arg("--state");
            cmd.arg(state);
            cmd.args(args);
        })
    }

    pub fn start_with(
        cols: u16,
        rows: u16,
        setup: impl FnOnce(&mut CommandBuilder, std::path::PathBuf),
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let state = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tidings"));
        // No config file and no log of the developer's: a fresh folder's
        // (a test's setup may point these elsewhere).
        cmd.env("XDG_CONFIG_HOME", state.path().join("config"));
        cmd.env("XDG_STATE_HOME", state.path().join("state"));
        setup(&mut cmd, state.path().join("state.json"));
        cmd.env("TERM", "xterm-256color");
        for var in ["NO_COLOR", "TMUX", "STY", "SSH_CONNECTION", "SSH_TTY"] {
            cmd.env_remove(var);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn tidings");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            _state: state,
            parser,
            raw,
            writer,
            child,
            master: pair.master,
        }
    }

    /// Runs tidings through `sh -c SCRIPT BINARY STATE`, for redirections.
    pub fn start_shell(script: &str, cols: u16, rows: u16) -> Session {
        Session::start_with(cols, rows, |cmd, state| {
            *cmd = CommandBuilder::new("sh");
            cmd.args(["-c", script, env!("CARGO_BIN_EXE_tidings")]);
            cmd.arg(state);
        })
    }

    /// Resizes as a terminal does: its own grid first, then the window
    /// size the program is told about (SIGWINCH), so every frame drawn for
    /// the new size lands on a grid of that size.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn state_file(&self) -> std::path::PathBuf {
        self._state.path().join("state.json")
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if cond(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    /// As `wait_for`, with a longer bound for slow work (a debug build
    /// rendering megabytes).
    pub fn wait_for_long(&self, what: &str, limit: Duration, cond: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if cond(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.contains(text));
    }

    pub fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("tidings did not exit; screen:\n{}", self.screen());
    }

    /// The attributes of the cell `nth` characters into the first place
    /// `text` shows (a row's text as cells, wide characters once): (bold,
    /// underline, inverse, foreground).
    pub fn attrs_of(&self, text: &str, nth: usize) -> Option<(bool, bool, bool, vt100::Color)> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (u16::from(rows), u16::from(cols));
        for row in 0..rows {
            let mut line = String::new();
            let mut at = Vec::new();
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                if cell.is_wide_continuation() {
                    continue;
                }
                at.push((line.len(), col));
                line.push_str(if cell.has_contents() {
                    cell.contents()
                } else {
                    " "
                });
            }
            if let Some(i) = line.find(text) {
                let col = at.iter().skip_while(|(b, _)| *b < i).nth(nth)?.1;
                let c = screen.cell(row, col)?;
                return Some((c.bold(), c.underline(), c.inverse(), c.fgcolor()));
            }
        }
        None
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }

    pub fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("pid").to_string();
        let ok = std::process::Command::new("kill")
            .args([sig, &pid])
            .status()
            .unwrap();
        assert!(ok.success());
    }
}
