//! The one place that touches the real terminal: raw mode and the alternate
//! screen, given back on quit, on panic and on SIGTERM/SIGHUP/SIGINT; and
//! the event loop, which blocks on a channel (an idle reader uses no CPU)
//! and redraws only after something happened.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;

use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Batch, keymap};

mod backend;
pub use backend::Backend;

/// Whether the terminal is in raw mode on the alternate screen (so restore
/// runs at most once, from wherever the end comes).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

enum Msg {
    Input(Event),
    InputClosed,
    Signal(i32),
    Posts(Batch),
}

/// How the reader ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by a signal; the conventional status is 128 + the number.
    Signal(i32),
    /// The terminal went away (input closed).
    Hangup,
}

/// Runs the reader until it ends. `batches` brings posts still being read
/// in the background (the screen is usable meanwhile).
pub fn run(mut app: App, mouse: bool, batches: Option<mpsc::Receiver<Batch>>) -> io::Result<Exit> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    if let Some(batches) = batches {
        let tx = tx.clone();
        thread::spawn(move || {
            for b in batches {
                if tx.send(Msg::Posts(b)).is_err() {
                    return;
                }
            }
        });
    }
    // Signals first: one arriving during setup must still restore.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = sig_tx.send(Msg::Signal(sig));
        }
    });
    enter(mouse)?;
    let result = event_loop(&mut app, tx, rx);
    restore();
    result
}

fn event_loop(app: &mut App, tx: mpsc::Sender<Msg>, rx: mpsc::Receiver<Msg>) -> io::Result<Exit> {
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Msg::Input(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Msg::InputClosed);
                    return;
                }
            }
        }
    });
    // No `Terminal::clear()`: it asks the terminal where the cursor is, a
    // round trip per call over ssh. `enter` cleared the screen already.
    let out = io::BufWriter::with_capacity(64 << 10, io::stdout());
    let mut term = Terminal::new(Backend::new(out, None))?;
    if let Ok(size) = term.size() {
        app.update(Action::Resize(size.width, size.height));
    }
    term.draw(|f| f.render_widget(&*app, f.area()))?;
    loop {
        // Block for the next message, then take everything already queued
        // (a storm of resizes) before drawing once.
        let mut msgs = vec![rx.recv().map_err(|_| io::ErrorKind::BrokenPipe)?];
        msgs.extend(rx.try_iter());
        let mut changed = false;
        for msg in msgs {
            match msg {
                Msg::Signal(sig) => return Ok(Exit::Signal(sig)),
                Msg::InputClosed => return Ok(Exit::Hangup),
                Msg::Posts(batch) => {
                    app.add_posts(batch);
                    changed = true;
                }
                Msg::Input(ev) => {
                    if let Some(action) = action_for(ev) {
                        app.update(action);
                        changed = true;
                    }
                }
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
        }
        if changed {
            term.draw(|f| f.render_widget(&*app, f.area()))?;
        }
    }
}

fn action_for(ev: Event) -> Option<Action> {
    match ev {
        Event::Key(key) => keymap::action_for(key),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                lines: 3,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                lines: -3,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        terminal::EnterAlternateScreen,
        cursor::Hide,
        terminal::Clear(terminal::ClearType::All)
    )?;
    if mouse {
        execute!(out, event::EnableMouseCapture)?;
    }
    Ok(())
}

/// Gives the terminal back: leaves the alternate screen, shows the cursor,
/// ends raw mode. Safe to call more than once and from a panic hook; errors
/// are ignored because the terminal may already be gone (SIGHUP).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, event::DisableMouseCapture);
    }
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
