//! The log: `tracing` events to `$XDG_STATE_HOME/tidings/log`. A thread of
//! its own writes them, so the input thread never waits on the disk (when
//! the queue is full, events are dropped rather than waited for). At
//! [`MAX_BYTES`] the file moves to `log.1`, so the two stay under twice that.
//! Callers sanitize text from posts before it gets here.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::time::Duration;

use tracing_subscriber::filter::LevelFilter;

use crate::config::LogLevel;
use tracing_subscriber::fmt::MakeWriter;

pub const MAX_BYTES: u64 = 1 << 20;

/// Events waiting for the writer before new ones are dropped.
const QUEUE: usize = 1024;

/// A line the status bar showed (or a warning behind it), made safe: text
/// from posts may be in it.
pub fn status(text: &str, warning: bool) {
    let text = crate::text::sanitize_line(text);
    if warning {
        tracing::warn!("{text}");
    } else {
        tracing::info!("{text}");
    }
}

/// `$XDG_STATE_HOME/tidings`, else `~/.local/state/tidings`.
pub fn default_dir(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    let base = set("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("tidings"))
}

/// A log file that moves to `NAME.1` (replacing it) when it would pass
/// `max` bytes.
pub struct Rotating {
    path: PathBuf,
    max: u64,
    file: File,
    size: u64,
}

impl Rotating {
    pub fn open(path: PathBuf, max: u64) -> io::Result<Rotating> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let size = file.metadata()?.len();
        Ok(Rotating {
            path,
            max,
            file,
            size,
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.size > 0 && self.size + bytes.len() as u64 > self.max {
            let mut old = self.path.clone().into_os_string();
            old.push(".1");
            fs::rename(&self.path, old)?;
            self.file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)?;
            self.size = 0;
        }
        self.file.write_all(bytes)?;
        self.size += bytes.len() as u64;
        Ok(())
    }
}

enum Cmd {
    Event(Vec<u8>),
    Flush(mpsc::Sender<()>),
}

/// Flushes the log when dropped (at exit).
pub struct Guard {
    tx: SyncSender<Cmd>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let (ack, done) = mpsc::channel();
        if self.tx.send(Cmd::Flush(ack)).is_ok() {
            // Bounded: a stuck disk must not keep tidings from exiting.
            let _ = done.recv_timeout(Duration::from_secs(2));
        }
    }
}

/// Starts logging at `level` into `dir/log`. An error says why there is
/// no log; the reader goes on without one.
pub fn init(dir: &Path, level: LogLevel) -> Result<Guard, String> {
    let level = match level {
        LogLevel::Off => LevelFilter::OFF,
        LogLevel::Error => LevelFilter::ERROR,
        LogLevel::Warn => LevelFilter::WARN,
        LogLevel::Info => LevelFilter::INFO,
        LogLevel::Debug => LevelFilter::DEBUG,
        LogLevel::Trace => LevelFilter::TRACE,
    };
    let path = dir.join("log");
    let mut file = Rotating::open(path.clone(), MAX_BYTES)
        .map_err(|e| format!("no log: cannot write {}: {e}", path.display()))?;
    let (tx, rx) = mpsc::sync_channel(QUEUE);
    std::thread::Builder::new()
        .name("log".into())
        .spawn(move || writer(&mut file, rx))
        .map_err(|e| format!("no log: {e}"))?;
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_target(false)
        .with_writer(Sink { tx: tx.clone() })
        .finish();
    tracing::subscriber::set_global_default(subscriber).map_err(|e| format!("no log: {e}"))?;
    Ok(Guard { tx })
}

fn writer(file: &mut Rotating, rx: Receiver<Cmd>) {
    let mut failed = false;
    for cmd in rx {
        match cmd {
            // After one failed write (disk full), the rest are dropped.
            Cmd::Event(bytes) if !failed => failed = file.write(&bytes).is_err(),
            Cmd::Event(_) => {}
            Cmd::Flush(ack) => {
                let _ = file.file.flush();
                let _ = ack.send(());
            }
        }
    }
}

struct Sink {
    tx: SyncSender<Cmd>,
}

/// One event's text, sent whole to the writer when the formatter is done.
pub struct EventBuf {
    buf: Vec<u8>,
    tx: SyncSender<Cmd>,
}

impl Write for EventBuf {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for EventBuf {
    fn drop(&mut self) {
        if !self.buf.is_empty() {
            let _ = self.tx.try_send(Cmd::Event(std::mem::take(&mut self.buf)));
        }
    }
}

impl<'a> MakeWriter<'a> for Sink {
    type Writer = EventBuf;

    fn make_writer(&'a self) -> EventBuf {
        EventBuf {
            buf: Vec::new(),
            tx: self.tx.clone(),
        }
    }
}
