//! The one place that touches the real terminal: raw mode and the alternate
//! screen, given back on quit, on panic and on SIGTERM/SIGHUP/SIGINT; and
//! the local runner: one channel carries every message (keys, resizes,
//! signals, worker results, file changes), the app's `update` handles each,
//! and its effects go to the workers in `jobs`. It blocks on the channel (an
//! idle reader uses no CPU) and draws after anything arrived.

mod backend;
pub mod clipboard;
pub mod hyperlinks;
pub mod keys;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use signal_hook::consts::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
};
use signal_hook::iterator::Signals;

pub use backend::Backend;

use crate::app::follow::{MAX_URL, web_safe};
use crate::app::{Action, App, Effect, Msg};
use crate::jobs::Workers;
use crate::store::Store;
use crate::watch::WatchEvent;

/// Whether the terminal is in raw mode on the alternate screen (so restore
/// runs at most once, from wherever the end comes).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

enum Ev {
    App(Msg),
    Input(Event),
    InputClosed,
    Signal(i32),
    /// SIGTSTP (`kill -TSTP`, or the suspend key outside raw mode).
    Suspend,
    /// SIGCONT: the terminal may have been used meanwhile.
    Continued,
}

/// Signals that end the reader, the terminal restored first. (SIGKILL and
/// SIGSTOP cannot be caught; SIGSEGV and the like leave through the panic
/// hook or not at all.)
const ENDING: &[i32] = &[
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE,
];

/// How the reader ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by a signal; the conventional status is 128 + the number.
    Signal(i32),
    /// The terminal went away (input closed).
    Hangup,
}

/// What the reader needs from its surroundings.
#[derive(Default)]
pub struct Options {
    pub mouse: bool,
    /// Where reading marks are saved (`None`: not saved).
    pub store: Option<Store>,
    /// The system opener for links, when one was found.
    pub opener: Option<crate::jobs::opener::Opener>,
    /// The folders and files opened (empty for the built-in posts, which
    /// neither change nor reload).
    pub roots: Vec<PathBuf>,
    /// Effects to start with (the rest of the first load).
    pub initial: Vec<Effect>,
    /// Make link texts OSC 8 hyperlinks.
    pub osc8: bool,
}

/// How the reader ended, and whether the last marks failed to reach the
/// state file (the message names it).
pub fn run(mut app: App, mut opts: Options) -> io::Result<(Exit, Option<String>)> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    // Signals first: one arriving during setup must still restore.
    let mut signals = Signals::new(ENDING.iter().chain(&[SIGTSTP, SIGCONT]))?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        for sig in signals.forever() {
            let ev = match sig {
                SIGTSTP => Ev::Suspend,
                SIGCONT => Ev::Continued,
                sig => Ev::Signal(sig),
            };
            if sig_tx.send(ev).is_err() {
                return;
            }
        }
    });
    let send_tx = tx.clone();
    let send: crate::jobs::Send = Arc::new(move |m| {
        let _ = send_tx.send(Ev::App(m));
    });
    // Code is highlighted on the render worker, never here (main defers
    // before the first render too).
    crate::markdown::defer_highlighting(true);
    let _watch = if opts.roots.is_empty() {
        None
    } else {
        let send = send.clone();
        match crate::watch::start(&opts.roots, move |event| {
            send(match event {
                WatchEvent::Changed(paths) => Msg::FilesChanged(paths),
                WatchEvent::Rescan => Msg::Rescan,
                WatchEvent::RootGone(root) => Msg::RootGone(root),
                WatchEvent::RootBack(root) => Msg::RootBack(root),
            })
        }) {
            Ok(w) => Some(w),
            Err(e) => {
                app.note(format!("not watching for changes: {e}"));
                None
            }
        }
    };
    let workers = Workers::start(
        opts.roots.clone(),
        opts.store.take(),
        opts.opener.take(),
        app.env.mux,
        send,
    );
    let initial = std::mem::take(&mut opts.initial);
    enter(opts.mouse)?;
    let result = event_loop(&mut app, &opts, &workers, initial, tx, rx);
    restore();
    // Whatever ended the reader, the marks it has are saved.
    let saved = workers.finish().err();
    result.map(|exit| (exit, saved))
}

fn event_loop(
    app: &mut App,
    opts: &Options,
    workers: &Workers,
    initial: Vec<Effect>,
    tx: Sender<Ev>,
    rx: mpsc::Receiver<Ev>,
) -> io::Result<Exit> {
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Ev::Input(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Ev::InputClosed);
                    return;
                }
            }
        }
    });
    // No `Terminal::clear()`: it asks the terminal where the cursor is, a
    // round trip per call over ssh. `enter` cleared the screen already.
    let out = io::BufWriter::with_capacity(64 << 10, io::stdout());
    let mut term = Terminal::new(Backend::new(out, None))?;
    let size = term.size()?;
    // The effects App::new queued (a large first article to render, code
    // to highlight) go out with this first update, not after the first
    // key; but after the first frame, which their workers would slow.
    let mut effects = initial;
    effects.extend(app.update(Msg::Resize(size.width, size.height)));
    draw(&mut term, app, opts)?;
    if dispatch(effects, workers, app, term.backend_mut()) {
        suspend(&mut term, opts.mouse)?;
        draw(&mut term, app, opts)?;
    }
    loop {
        // Block for the next message, then take everything already queued
        // (a storm of resizes) before drawing once.
        let mut evs = vec![rx.recv().map_err(|_| io::ErrorKind::BrokenPipe)?];
        evs.extend(rx.try_iter());
        let mut resized = false;
        for ev in evs {
            let msg = match ev {
                Ev::Signal(sig) => return Ok(Exit::Signal(sig)),
                Ev::Suspend => {
                    suspend(&mut term, opts.mouse)?;
                    resized = true;
                    continue;
                }
                Ev::Continued => {
                    // Stopped by SIGSTOP, or a shell touched the terminal:
                    // take it again and repaint whole.
                    enter(opts.mouse)?;
                    resized = true;
                    continue;
                }
                Ev::InputClosed => return Ok(Exit::Hangup),
                Ev::App(msg) => msg,
                Ev::Input(Event::Resize(..)) => {
                    // The size is read once all queued events are handled.
                    resized = true;
                    continue;
                }
                Ev::Input(ev) => match message_for(ev) {
                    Some(msg) => msg,
                    None => continue,
                },
            };
            let effects = app.update(msg);
            if app.quit {
                return Ok(Exit::Quit);
            }
            if dispatch(effects, workers, app, term.backend_mut()) {
                suspend(&mut term, opts.mouse)?;
                resized = true;
            }
        }
        if resized {
            // Repaint everything: a terminal that went through smaller
            // sizes lost content, even if it is back at the size drawn
            // last (then ratatui would see nothing to send). `resize`
            // clears without asking the terminal anything.
            let size = term.size()?;
            term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
            let effects = app.update(Msg::Resize(size.width, size.height));
            if dispatch(effects, workers, app, term.backend_mut()) {
                suspend(&mut term, opts.mouse)?;
            }
        }
        draw(&mut term, app, opts)?;
    }
}

/// Effects to their workers; the clipboard is written here, in order with
/// the frames, because it goes through the terminal. Returns whether the
/// app asked to be suspended.
fn dispatch(effects: Vec<Effect>, workers: &Workers, app: &App, out: &mut impl Write) -> bool {
    let mut stop = false;
    for effect in effects {
        match workers.carry_out(effect) {
            Some(Effect::Copy(text)) => {
                let seq = clipboard::osc52(&text, app.env.mux);
                let _ = out.write_all(seq.as_bytes());
                let _ = out.flush();
            }
            Some(Effect::Suspend) => stop = true,
            _ => {}
        }
    }
    stop
}

/// Ctrl-z: the terminal is given back, the process stops as a shell
/// expects, and after `fg` the screen is taken again and repainted whole.
fn suspend<W: Write>(term: &mut Terminal<Backend<W>>, mouse: bool) -> io::Result<()> {
    restore();
    // Stops the whole process, with the default action, until SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enter(mouse)?;
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

fn draw<W: Write>(term: &mut Terminal<Backend<W>>, app: &App, opts: &Options) -> io::Result<()> {
    if opts.osc8 {
        // Only links safe to hand to a browser become clickable.
        let safe = |url: &str| url.len() <= MAX_URL && web_safe(url).is_ok();
        let area = term.get_frame().area();
        let runs = hyperlinks::runs(app, area, safe);
        term.backend_mut().set_links(runs);
    }
    term.draw(|f| f.render_widget(app, f.area()))?;
    Ok(())
}

/// A terminal event as the app's message: keys in the app's own key type
/// (the keymap is consulted in `update`), mouse as what it does.
fn message_for(ev: Event) -> Option<Msg> {
    let at = |m: &crossterm::event::MouseEvent| (m.column, m.row);
    Some(match ev {
        Event::Key(key) => Msg::Key(keys::key(key)?),
        Event::Mouse(m) => Msg::Action(match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let (x, y) = at(&m);
                let lines = if m.kind == MouseEventKind::ScrollUp {
                    -3
                } else {
                    3
                };
                Action::Wheel { x, y, lines }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let (x, y) = at(&m);
                Action::Click { x, y }
            }
            _ => return None,
        }),
        _ => return None,
    })
}

fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        terminal::EnterAlternateScreen,
        // A cluster a terminal draws wider than expected at the right edge
        // must not wrap onto the next row (or scroll from the last).
        terminal::DisableLineWrap,
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
    let _ = execute!(
        out,
        terminal::EnableLineWrap,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
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
