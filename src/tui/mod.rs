//! The one place that touches the real terminal: raw mode and the alternate
//! screen, given back on quit, on panic and on SIGTERM/SIGHUP/SIGINT; and
//! the local runner: one channel carries every message (keys, resizes,
//! signals, worker results, file changes), the app's `update` handles each,
//! and its effects go to the workers in `jobs`. It blocks on the channel (an
//! idle reader uses no CPU) and draws after anything arrived.

mod backend;
pub mod clipboard;
pub mod hyperlinks;
mod input;
mod outside;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use crossterm::event;
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use signal_hook::consts::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
    SIGWINCH,
};
use signal_hook::iterator::Signals;

pub use backend::Backend;

use crate::app::follow::{MAX_URL, web_safe};
use crate::app::layout::{self, Shown};
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
    Input(crate::input::Input),
    /// SIGWINCH: the terminal's size changed.
    Resized,
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
    /// The editor for `e` (else `$VISUAL`, `$EDITOR`, `vi`).
    pub editor: Option<String>,
}

/// How the reader ended, and whether the last marks failed to reach the
/// state file (the message names it).
pub fn run(mut app: App, mut opts: Options) -> io::Result<(Exit, Option<String>)> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    // Signals first: one arriving during setup must still restore.
    let mut signals = Signals::new(ENDING.iter().chain(&[SIGTSTP, SIGCONT, SIGWINCH]))?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        for sig in signals.forever() {
            let ev = match sig {
                SIGTSTP => Ev::Suspend,
                SIGCONT => Ev::Continued,
                SIGWINCH => Ev::Resized,
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
    let input = input::Input::start(tx, |ev| match ev {
        Some(ev) => Ev::Input(ev),
        None => Ev::InputClosed,
    });
    let ended = run_loop(app, opts, workers, initial, rx, &input);
    // Keys typed after quitting belong to the shell: stop reading before
    // the terminal is given back (the final save may still take a while).
    input.pause();
    ended
}

fn run_loop(
    app: &mut App,
    opts: &Options,
    workers: &Workers,
    initial: Vec<Effect>,
    rx: mpsc::Receiver<Ev>,
    input: &input::Input,
) -> io::Result<Exit> {
    let mut hand = Hand { opts, input };
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
    // The first frame goes out before the first jobs start, so they do
    // not compete with it.
    let mut last = None;
    draw(&mut term, app, opts, &mut last)?;
    let took = dispatch(effects, workers, app, term.backend_mut());
    let redraw = !took.is_empty();
    for e in took {
        hand.over(&mut term, e, app, workers)?;
    }
    if redraw {
        draw(&mut term, app, opts, &mut last)?;
    }
    // A frame put off while an article renders on the worker, once per
    // article: a render of a few milliseconds then shows at once instead
    // of after a blank frame.
    let mut held: Option<(std::path::PathBuf, u16)> = None;
    let mut waiting = false;
    loop {
        // Block for the next message, then take everything already queued
        // (a storm of resizes) before drawing once.
        let first = if waiting {
            match rx.recv_timeout(RENDER_WAIT) {
                Ok(ev) => ev,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    waiting = false;
                    draw(&mut term, app, opts, &mut last)?;
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(io::ErrorKind::BrokenPipe.into());
                }
            }
        } else {
            rx.recv().map_err(|_| io::ErrorKind::BrokenPipe)?
        };
        waiting = false;
        let mut evs = vec![first];
        evs.extend(rx.try_iter());
        // A paste is many messages.
        let evs = evs.into_iter().flat_map(|ev| match ev {
            Ev::Input(input) => message_for(input).into_iter().map(Ev::App).collect(),
            other => vec![other],
        });
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
                Ev::Resized => {
                    // The size is read once all queued events are handled.
                    resized = true;
                    continue;
                }
                Ev::Input(_) => continue,
            };
            let (trouble, said) = (log_trouble(&msg), app.message.clone());
            let effects = app.update(msg);
            if app.message != said
                && let Some(text) = &app.message
            {
                crate::log::status(text, trouble);
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
            for e in dispatch(effects, workers, app, term.backend_mut()) {
                hand.over(&mut term, e, app, workers)?;
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
            for e in dispatch(effects, workers, app, term.backend_mut()) {
                hand.over(&mut term, e, app, workers)?;
            }
        }
        let rendering = app.rendering_now();
        if rendering.is_some() && rendering != held {
            held = rendering;
            waiting = true;
            continue;
        }
        if rendering.is_none() {
            held = None;
        }
        draw(&mut term, app, opts, &mut last)?;
    }
}

/// How long a frame waits for an article being rendered.
const RENDER_WAIT: std::time::Duration = std::time::Duration::from_millis(40);

/// Effects to their workers; the clipboard is written here, in order with
/// the frames, because it goes through the terminal. Returns the effects
/// that take the terminal (suspend, editor, pipe), for [`Hand::over`].
fn dispatch(
    effects: Vec<Effect>,
    workers: &Workers,
    app: &App,
    out: &mut impl Write,
) -> Vec<Effect> {
    let mut take = Vec::new();
    for effect in effects {
        match workers.carry_out(effect) {
            Some(Effect::Copy(text)) => {
                let seq = clipboard::osc52(&text, app.env.mux);
                let _ = out.write_all(seq.as_bytes());
                let _ = out.flush();
            }
            Some(e) => take.push(e),
            None => {}
        }
    }
    take
}

/// Gives the terminal to what an effect needs, and takes it back.
struct Hand<'a> {
    opts: &'a Options,
    input: &'a input::Input,
}

impl Hand<'_> {
    fn over<W: Write>(
        &mut self,
        term: &mut Terminal<Backend<W>>,
        effect: Effect,
        app: &mut App,
        workers: &Workers,
    ) -> io::Result<()> {
        match effect {
            Effect::Suspend => return suspend(term, self.opts.mouse),
            Effect::Edit { post, at } => {
                if let Some(why) = outside::read_only(&post.canonical) {
                    app.update(Msg::Note(why));
                    return Ok(());
                }
                let editor = outside::editor(self.opts.editor.as_deref());
                let body = match post.body_on_disk {
                    true => crate::content::read_body(&post).unwrap_or_default(),
                    false => post.body.clone(),
                };
                let line = at.line_in(&body, post.body_line);
                let result =
                    self.outside(term, || outside::edit(&editor, &post.canonical, line))?;
                // Read again under the name it is listed by.
                let mut effects = app.update(Msg::Edited(post.path.clone()));
                if let Err(why) = result {
                    effects.extend(app.update(Msg::Note(why)));
                }
                for e in dispatch(effects, workers, app, term.backend_mut()) {
                    self.over(term, e, app, workers)?;
                }
            }
            Effect::Pipe { command, text } => {
                if let Err(why) = self.outside(term, || outside::pipe(&command, &text))? {
                    app.update(Msg::Note(why));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Runs `f` with the terminal given back and no keys read meanwhile.
    fn outside<W: Write, R>(
        &self,
        term: &mut Terminal<Backend<W>>,
        f: impl FnOnce() -> R,
    ) -> io::Result<R> {
        self.input.pause();
        restore();
        let result = f();
        enter(self.opts.mouse)?;
        self.input.resume();
        let size = term.size()?;
        term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        Ok(result)
    }
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

/// The last frame, when it showed an article across the whole width, and
/// what it showed of it: the next frame may move those rows instead.
type Last = Option<(Shown, Buffer)>;

fn draw<W: Write>(
    term: &mut Terminal<Backend<W>>,
    app: &App,
    opts: &Options,
    last: &mut Last,
) -> io::Result<()> {
    if opts.osc8 {
        // Only links safe to hand to a browser become clickable.
        let safe = |url: &str| url.len() <= MAX_URL && web_safe(url).is_ok();
        let area = term.get_frame().area();
        let runs = hyperlinks::runs(app, area, safe);
        term.backend_mut().set_links(runs);
    }
    let shown = app.shown();
    if let (Some((before, frame)), Some(now)) = (last.take(), &shown)
        && let Some((rows, by)) = layout::moved(&before, now)
    {
        backend::scroll_frame(term, frame, rows, by)?;
    }
    let frame = term.draw(|f| f.render_widget(app, f.area()))?;
    *last = shown.map(|s| (s, frame.buffer.clone()));
    Ok(())
}

/// Logs the detail of a message that reports trouble, and says whether
/// the status line's next words are a warning.
fn log_trouble(msg: &Msg) -> bool {
    match msg {
        Msg::Loaded { batch, .. } => {
            for w in &batch.warnings {
                crate::log::status(&w.to_string(), true);
            }
            !batch.warnings.is_empty()
        }
        Msg::Saved(Err(_)) | Msg::Copied(Err(_)) | Msg::OpenFailed(..) => true,
        Msg::RootGone(_) | Msg::SaveWaiting => true,
        _ => false,
    }
}

/// Decoded input as the app's message: keys in the app's own key type
/// (the keymap is consulted in `update`), mouse as what it does. A paste
/// (only sent by terminals told to bracket pastes) types its characters.
fn message_for(input: crate::input::Input) -> Vec<Msg> {
    use crate::input::Input;
    match input {
        Input::Key(key) => vec![Msg::Key(key)],
        Input::Mouse(action) => vec![Msg::Action(action)],
        Input::Paste(text) => text
            .chars()
            .filter(|c| !c.is_control())
            .map(|c| Msg::Action(Action::Char(c)))
            .collect(),
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
