//! The one place that touches the real terminal: raw mode and the alternate
//! screen, given back on quit, on panic and on SIGTERM/SIGHUP/SIGINT; and
//! the event loop, which blocks on a channel (an idle reader uses no CPU),
//! redraws only after something happened, and carries out the app's
//! effects (open a URL, copy with OSC 52, save the reading state, reload).

mod backend;
pub mod clipboard;
pub mod hyperlinks;
pub mod opener;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

pub use backend::Backend;

use crate::app::follow::{MAX_URL, web_safe};
use crate::app::{Action, App, Batch, Effect, Mode, Rendered, keymap, render};
use crate::content;
use crate::store::Store;

/// Whether the terminal is in raw mode on the alternate screen (so restore
/// runs at most once, from wherever the end comes).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

enum Msg {
    Input(Event),
    InputClosed,
    Signal(i32),
    Posts(Batch),
    /// Files changed on disk.
    Changed(Vec<PathBuf>),
    /// A large article rendered on a worker.
    Rendered(PathBuf, u16, Rendered),
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

/// What the reader needs from its surroundings.
#[derive(Default)]
pub struct Options {
    pub mouse: bool,
    /// Where reading marks are saved (`None`: not saved).
    pub store: Option<Store>,
    /// The system opener for links, when one was found.
    pub opener: Option<PathBuf>,
    /// The folders and files opened (empty for the built-in posts, which
    /// neither change nor reload).
    pub roots: Vec<PathBuf>,
    /// Posts still being read in the background.
    pub batches: Option<mpsc::Receiver<Batch>>,
    /// Make link texts OSC 8 hyperlinks.
    pub osc8: bool,
}

pub fn run(mut app: App, mut opts: Options) -> io::Result<Exit> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    // Signals first: one arriving during setup must still restore.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = sig_tx.send(Msg::Signal(sig));
        }
    });
    if let Some(batches) = opts.batches.take() {
        let tx = tx.clone();
        thread::spawn(move || {
            for b in batches {
                if tx.send(Msg::Posts(b)).is_err() {
                    return;
                }
            }
        });
    }
    let _watch = if opts.roots.is_empty() {
        None
    } else {
        let tx = tx.clone();
        match crate::watch::start(&opts.roots, move |paths| {
            let _ = tx.send(Msg::Changed(paths));
        }) {
            Ok(w) => Some(w),
            Err(e) => {
                app.note(format!("not watching for changes: {e}"));
                None
            }
        }
    };
    enter(opts.mouse)?;
    let result = event_loop(&mut app, &opts, tx, rx);
    restore();
    // Whatever ended the reader, the marks it has are kept.
    if let Some(store) = &opts.store {
        let _ = store.save(&app.marks);
    }
    result
}

fn event_loop(
    app: &mut App,
    opts: &Options,
    tx: Sender<Msg>,
    rx: mpsc::Receiver<Msg>,
) -> io::Result<Exit> {
    let input_tx = tx.clone();
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if input_tx.send(Msg::Input(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = input_tx.send(Msg::InputClosed);
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
    draw(&mut term, app, opts)?;
    loop {
        // Block for the next message, then take everything already queued
        // (a storm of resizes) before drawing once.
        let mut msgs = vec![rx.recv().map_err(|_| io::ErrorKind::BrokenPipe)?];
        msgs.extend(rx.try_iter());
        let mut changed = false;
        let mut resized = false;
        for msg in msgs {
            match msg {
                Msg::Signal(sig) => return Ok(Exit::Signal(sig)),
                Msg::InputClosed => return Ok(Exit::Hangup),
                Msg::Posts(batch) => {
                    app.apply(batch);
                    changed = true;
                }
                Msg::Changed(paths) => reread(opts, &tx, paths),
                Msg::Rendered(path, width, rendered) => {
                    app.rendered(path, width, rendered);
                    changed = true;
                }
                Msg::Input(ev) => {
                    if let Some(action) = action_for(ev, app.mode) {
                        resized |= matches!(action, Action::Resize(..));
                        app.update(action);
                        changed = true;
                    }
                }
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
            for effect in app.take_effects() {
                carry_out(effect, app, opts, &tx, term.backend_mut());
            }
        }
        if resized {
            // Repaint everything: a terminal that went through smaller
            // sizes lost content, even if it is back at the size drawn
            // last (then ratatui would see nothing to send). `resize`
            // clears without asking the terminal anything.
            let size = term.size()?;
            term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
            let size = term.size()?;
            app.update(Action::Resize(size.width, size.height));
        }
        if changed {
            draw(&mut term, app, opts)?;
        }
    }
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

fn carry_out(
    effect: Effect,
    app: &mut App,
    opts: &Options,
    tx: &Sender<Msg>,
    out: &mut impl Write,
) {
    match effect {
        Effect::Open(url) => {
            let opened = opts.opener.as_ref().map(|o| opener::open(o, &url));
            if !matches!(opened, Some(Ok(()))) {
                copy(&url, app, out);
                app.note(format!("could not start the opener; copied {url}"));
            }
        }
        Effect::Copy(text) => copy(&text, app, out),
        Effect::SaveMarks => {
            if let Some(store) = &opts.store {
                match store.save(&app.marks) {
                    Ok(merged) => app.set_marks(merged),
                    Err(e) => app.note(format!("reading state not saved: {e}")),
                }
            }
        }
        Effect::Render { path, width } => {
            let Some(post) = app.lib.posts.iter().find(|p| p.path == path).cloned() else {
                return;
            };
            let look = app.look.clone();
            let tx = tx.clone();
            thread::spawn(move || {
                let rendered = render(&post, width as usize, &look);
                let _ = tx.send(Msg::Rendered(path, width, rendered));
            });
        }
        Effect::Reload => {
            if opts.roots.is_empty() {
                app.note("the built-in posts do not change");
                return;
            }
            app.note("reloading…");
            let roots = opts.roots.clone();
            let tx = tx.clone();
            thread::spawn(move || {
                let lib = content::load(&roots);
                let _ = tx.send(Msg::Posts(Batch {
                    posts: lib.posts,
                    warnings: lib.warnings,
                    replace: true,
                    ..Batch::default()
                }));
            });
        }
    }
}

fn copy(text: &str, app: &App, out: &mut impl Write) {
    let seq = clipboard::osc52(text, app.env.mux);
    let _ = out.write_all(seq.as_bytes());
    let _ = out.flush();
}

/// Reads changed files in the background; a changed folder means a full
/// reload.
fn reread(opts: &Options, tx: &Sender<Msg>, paths: Vec<PathBuf>) {
    let roots = opts.roots.clone();
    let tx = tx.clone();
    thread::spawn(move || {
        let r = content::reread(&roots, &paths);
        let batch = if r.rescan {
            let lib = content::load(&roots);
            Batch {
                posts: lib.posts,
                warnings: lib.warnings,
                replace: true,
                ..Batch::default()
            }
        } else {
            Batch {
                posts: r.posts,
                warnings: r.warnings,
                removed: r.removed,
                ..Batch::default()
            }
        };
        let _ = tx.send(Msg::Posts(batch));
    });
}

fn action_for(ev: Event, mode: Mode) -> Option<Action> {
    match ev {
        Event::Key(key) => keymap::action_for(key, mode),
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
