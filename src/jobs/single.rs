//! One worker thread per kind of job, where the latest request wins (the
//! shape of gitui's `AsyncSingleJob`): one job runs, at most one waits, and
//! a newer request is merged into the waiting one instead of queueing. So
//! the number of threads and the memory held by requests never depend on
//! how fast requests arrive (a storm of resizes asks for hundreds of
//! renders; at most two are ever held).

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

struct State<R> {
    pending: Option<R>,
    running: bool,
    closed: bool,
}

struct Shared<R> {
    state: Mutex<State<R>>,
    wake: Condvar,
}

impl<R> Shared<R> {
    fn lock(&self) -> MutexGuard<'_, State<R>> {
        // A job that panicked poisons nothing we rely on: the state is
        // plain data, valid at every step.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a running job may ask about the requests behind it.
pub struct Ctl<R> {
    shared: Arc<Shared<R>>,
}

impl<R> Ctl<R> {
    /// Whether the waiting request (if any) satisfies `f`: a long job
    /// checks this between steps to stop when its work is superseded.
    pub fn pending_is(&self, f: impl Fn(&R) -> bool) -> bool {
        self.shared.lock().pending.as_ref().is_some_and(f)
    }

    /// Whether the worker is shutting down.
    pub fn closing(&self) -> bool {
        self.shared.lock().closed
    }

    /// Waits up to `timeout` for a new request or shutdown (for a job that
    /// retries later, such as a save while another process holds the lock).
    /// Returns early when something arrived.
    pub fn wait(&self, timeout: Duration) {
        let guard = self.shared.lock();
        if guard.pending.is_some() || guard.closed {
            return;
        }
        let _ = self.shared.wake.wait_timeout(guard, timeout);
    }

    /// Takes the waiting request, so a retrying job can fold it in.
    pub fn take_pending(&self) -> Option<R> {
        self.shared.lock().pending.take()
    }
}

pub struct Single<R> {
    shared: Arc<Shared<R>>,
    merge: fn(R, R) -> R,
    handle: Option<JoinHandle<()>>,
}

/// The default merge: the newer request replaces the older.
pub fn latest<R>(_old: R, new: R) -> R {
    new
}

impl<R: Send + 'static> Single<R> {
    /// Starts the worker thread. `run` handles one request at a time.
    pub fn spawn(
        name: &str,
        merge: fn(R, R) -> R,
        mut run: impl FnMut(R, &Ctl<R>) + Send + 'static,
    ) -> Single<R> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                pending: None,
                running: false,
                closed: false,
            }),
            wake: Condvar::new(),
        });
        let ctl = Ctl {
            shared: shared.clone(),
        };
        let handle = thread::Builder::new()
            .name(format!("tidings-{name}"))
            .spawn(move || {
                loop {
                    let req = {
                        let mut st = ctl.shared.lock();
                        st.running = false;
                        ctl.shared.wake.notify_all();
                        loop {
                            if let Some(r) = st.pending.take() {
                                st.running = true;
                                break r;
                            }
                            if st.closed {
                                return;
                            }
                            st = ctl.shared.wake.wait(st).unwrap_or_else(|e| e.into_inner());
                        }
                    };
                    run(req, &ctl);
                }
            })
            .expect("spawning a worker thread");
        Single {
            shared,
            merge,
            handle: Some(handle),
        }
    }

    /// Asks for a job; merged into the waiting request if there is one.
    pub fn request(&self, req: R) {
        let mut st = self.shared.lock();
        st.pending = Some(match st.pending.take() {
            Some(old) => (self.merge)(old, req),
            None => req,
        });
        self.shared.wake.notify_all();
    }

    /// Whether nothing runs and nothing waits.
    pub fn idle(&self) -> bool {
        let st = self.shared.lock();
        !st.running && st.pending.is_none()
    }

    /// Lets the running and waiting jobs finish, then ends the thread.
    pub fn finish(mut self) {
        self.close();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }

    fn close(&self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_all();
    }
}

impl<R> Drop for Single<R> {
    fn drop(&mut self) {
        // Dropping without `finish` does not wait: the thread ends after
        // the job in hand (a render of a huge post is not worth waiting for).
        self.shared
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .closed = true;
        self.shared.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_burst_runs_the_first_and_the_last_only() {
        let (started_tx, started_rx) = mpsc::channel();
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let (done_tx, done_rx) = mpsc::channel();
        let go_rx = Mutex::new(go_rx);
        let w = Single::spawn("test", latest, move |n: u32, _| {
            started_tx.send(n).unwrap();
            if n == 0 {
                go_rx.lock().unwrap().recv().unwrap();
            }
            done_tx.send(n).unwrap();
        });
        w.request(0);
        assert_eq!(started_rx.recv_timeout(Duration::from_secs(5)), Ok(0));
        for n in 1..=100 {
            w.request(n);
        }
        go_tx.send(()).unwrap();
        w.finish();
        let done: Vec<u32> = done_rx.try_iter().collect();
        assert_eq!(done, [0, 100], "job 0 ran, then only the latest");
    }

    #[test]
    fn merge_folds_waiting_requests() {
        let (tx, rx) = mpsc::channel();
        let (started_tx, started_rx) = mpsc::channel();
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let go_rx = Mutex::new(go_rx);
        let w = Single::spawn(
            "merge",
            |mut a: Vec<u32>, b: Vec<u32>| {
                a.extend(b);
                a
            },
            move |v: Vec<u32>, _| {
                if v == [0] {
                    started_tx.send(()).unwrap();
                    go_rx.lock().unwrap().recv().unwrap();
                }
                tx.send(v).unwrap();
            },
        );
        w.request(vec![0]);
        started_rx.recv_timeout(Duration::from_secs(5)).unwrap();
        w.request(vec![1]);
        w.request(vec![2, 3]);
        go_tx.send(()).unwrap();
        w.finish();
        let got: Vec<Vec<u32>> = rx.try_iter().collect();
        assert_eq!(got, [vec![0], vec![1, 2, 3]]);
    }

    #[test]
    fn a_running_job_sees_what_waits_behind_it() {
        let (tx, rx) = mpsc::channel();
        let (started_tx, started_rx) = mpsc::channel();
        let w = Single::spawn("ctl", latest, move |n: u32, ctl: &Ctl<u32>| {
            if n == 1 {
                started_tx.send(()).unwrap();
                // Stop as soon as something newer waits.
                while !ctl.pending_is(|&p| p > n) {
                    ctl.wait(Duration::from_millis(50));
                }
            }
            tx.send(n).unwrap();
        });
        w.request(1);
        started_rx.recv_timeout(Duration::from_secs(5)).unwrap();
        w.request(2);
        w.finish();
        assert_eq!(rx.try_iter().collect::<Vec<_>>(), [1, 2]);
    }
}
