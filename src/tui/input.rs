//! The thread that reads the terminal's input, which can be paused while
//! another program (the editor, a pager) has the terminal: otherwise it
//! would take that program's keys.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crossterm::event::{self, Event};

/// How long a read waits before looking whether it should pause: the
/// longest a program started from the reader waits for the terminal.
const TICK: Duration = Duration::from_millis(100);

pub struct Input {
    paused: Arc<AtomicBool>,
    /// Told each time the thread has stopped reading.
    stopped: Receiver<()>,
    thread: JoinHandle<()>,
}

impl Input {
    /// Reads events into `send` (`None`: input is closed) until the
    /// receiving side is gone.
    pub fn start<T: Send + 'static>(tx: Sender<T>, wrap: fn(Option<Event>) -> T) -> Input {
        let paused = Arc::new(AtomicBool::new(false));
        let (stopped_tx, stopped) = mpsc::channel();
        let flag = paused.clone();
        let thread = thread::spawn(move || {
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
                let ev = match event::poll(TICK) {
                    Ok(false) => continue,
                    Ok(true) => event::read().ok(),
                    Err(_) => None,
                };
                let closed = ev.is_none();
                if tx.send(wrap(ev)).is_err() || closed {
                    return;
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
