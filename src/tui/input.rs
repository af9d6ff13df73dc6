//! The thread that reads the terminal's bytes and decodes them (see
//! `crate::input`, the decoder `tidings serve` uses for an ssh channel
//! too). It can be paused while another program (the editor, a pager) has
//! the terminal: otherwise it would take that program's keys.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::input::{Decoder, Input as Decoded};

/// How long a lone ESC waits for the rest of a sequence before it is the
/// Esc key; how long `pause` waits for the thread at most.
const ESC_WAIT: Duration = Duration::from_millis(30);
const PAUSE_WAIT: Duration = Duration::from_secs(2);

pub struct Input {
    paused: Arc<AtomicBool>,
    /// Told each time the thread has stopped reading.
    stopped: Receiver<()>,
    thread: JoinHandle<()>,
    /// Written to wake the thread from its wait on the terminal: it waits
    /// with no timeout, so an idle reader wakes for nothing.
    wake: Option<File>,
}

impl Input {
    /// Reads and decodes the terminal's input into `tx` (`None`: input is
    /// closed) until the receiving side is gone.
    pub fn start<T: Send + 'static>(tx: Sender<T>, wrap: fn(Option<Decoded>) -> T) -> Input {
        let paused = Arc::new(AtomicBool::new(false));
        let (stopped_tx, stopped) = mpsc::channel();
        let flag = paused.clone();
        let (wake_rx, wake) = match pipe() {
            Some((r, w)) => (Some(r), Some(w)),
            None => (None, None),
        };
        let spawned = thread::Builder::new()
            .name("tidings-input".into())
            .spawn(move || {
                let wake_fd = wake_rx.as_ref().map(|f| f.as_raw_fd());
                // stdin, or the terminal itself when stdin is redirected.
                let tty = (!io::stdin().is_terminal())
                    .then(|| File::open("/dev/tty").ok())
                    .flatten();
                let fd = tty.as_ref().map_or(0, |f| f.as_raw_fd());
                let mut decoder = Decoder::new();
                let mut buf = [0u8; 4096];
                loop {
                    if flag.load(Ordering::SeqCst) {
                        if stopped_tx.send(()).is_err() {
                            return;
                        }
                        // Until `resume` (a spurious wake looks again).
                        while flag.load(Ordering::SeqCst) {
                            thread::park();
                        }
                        continue;
                    }
                    // Without a wake pipe, look at the pause flag now and then.
                    let wait = match (decoder.waiting(), wake_fd) {
                        (true, _) => Some(ESC_WAIT),
                        (false, Some(_)) => None,
                        (false, None) => Some(Duration::from_millis(100)),
                    };
                    let decoded = match read(fd, wake_fd, &mut buf, wait) {
                        Ok(Some(0)) | Err(_) => {
                            let _ = tx.send(wrap(None));
                            return;
                        }
                        Ok(Some(n)) => decoder.feed(&buf[..n]),
                        Ok(None) => decoder.flush(),
                    };
                    for d in decoded {
                        if tx.send(wrap(Some(d))).is_err() {
                            return;
                        }
                    }
                }
            });
        // As thread::spawn would: no thread, no reader.
        let thread = spawned.expect("starting the input thread");
        Input {
            paused,
            stopped,
            thread,
            wake,
        }
    }

    /// Stops reading; returns once the thread no longer reads (or has
    /// ended), so the terminal's next keys go to whoever runs next.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        if let Some(mut w) = self.wake.as_ref() {
            let _ = w.write_all(b"p");
        }
        let _ = self.stopped.recv_timeout(PAUSE_WAIT);
    }

    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        self.thread.thread().unpark();
    }
}

/// A pipe (read end, write end), both closed on exec.
fn pipe() -> Option<(File, File)> {
    let mut fds = [0; 2];
    // SAFETY: fds has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return None;
    }
    // SAFETY: both descriptors were just made and are owned only here.
    Some(unsafe { (File::from_raw_fd(fds[0]), File::from_raw_fd(fds[1])) })
}

/// Waits (up to `wait`, or until woken through `wake`) for bytes:
/// `Some(n)` read (0: end of input), `None` when none came.
fn read(
    fd: RawFd,
    wake: Option<RawFd>,
    buf: &mut [u8],
    wait: Option<Duration>,
) -> io::Result<Option<usize>> {
    let mut pfds = [
        libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: wake.unwrap_or(-1),
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    let timeout = wait.map_or(-1, |w| w.as_millis() as libc::c_int);
    // SAFETY: two valid pollfds (a negative fd is ignored by poll).
    let ready = unsafe { libc::poll(pfds.as_mut_ptr(), 2, timeout) };
    if ready < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(None)
        } else {
            Err(e)
        };
    }
    if pfds[1].revents != 0 {
        // Woken to pause: take the byte; the caller looks at the flag.
        let mut b = [0u8; 16];
        // SAFETY: b is valid for its length.
        unsafe { libc::read(pfds[1].fd, b.as_mut_ptr().cast(), b.len()) };
        return Ok(None);
    }
    if ready == 0 || pfds[0].revents == 0 {
        return Ok(None);
    }
    // SAFETY: buf is valid for buf.len() bytes.
    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return match e.kind() {
            io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock => Ok(None),
            _ => Err(e),
        };
    }
    Ok(Some(n as usize))
}
