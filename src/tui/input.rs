//! The thread that reads the terminal's bytes and decodes them (see
//! `crate::input`, the decoder `tidings serve` uses for an ssh channel
//! too). It can be paused while another program (the editor, a pager) has
//! the terminal: otherwise it would take that program's keys.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::input::{Decoder, Input as Decoded};

/// How long a read waits before looking whether it should pause, and how
/// long a lone ESC waits for the rest of a sequence before it is the Esc
/// key.
const TICK: Duration = Duration::from_millis(100);
const ESC_WAIT: Duration = Duration::from_millis(30);

pub struct Input {
    paused: Arc<AtomicBool>,
    /// Told each time the thread has stopped reading.
    stopped: Receiver<()>,
    thread: JoinHandle<()>,
}

impl Input {
    /// Reads and decodes the terminal's input into `tx` (`None`: input is
    /// closed) until the receiving side is gone.
    pub fn start<T: Send + 'static>(tx: Sender<T>, wrap: fn(Option<Decoded>) -> T) -> Input {
        let paused = Arc::new(AtomicBool::new(false));
        let (stopped_tx, stopped) = mpsc::channel();
        let flag = paused.clone();
        let thread = thread::spawn(move || {
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
                let wait = if decoder.waiting() { ESC_WAIT } else { TICK };
                let decoded = match read(fd, &mut buf, wait) {
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
        Input {
            paused,
            stopped,
            thread,
        }
    }

    /// Stops reading; returns once the thread no longer reads (or has
    /// ended), so the terminal's next keys go to whoever runs next.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        let _ = self.stopped.recv_timeout(TICK * 20);
    }

    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        self.thread.thread().unpark();
    }
}

/// Waits up to `wait` for bytes: `Some(n)` read (0: end of input), `None`
/// when none came.
fn read(fd: RawFd, buf: &mut [u8], wait: Duration) -> io::Result<Option<usize>> {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for the duration of the call.
    let ready = unsafe { libc::poll(&mut pfd, 1, wait.as_millis() as libc::c_int) };
    if ready < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(None)
        } else {
            Err(e)
        };
    }
    if ready == 0 {
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
