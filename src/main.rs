use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use tidings::app::{App, Env, Look};
use tidings::content::{self, Library};
use tidings::markdown::{ColorDepth, Symbols, THEME_NAMES, Theme};
use tidings::print::{self, PrintOptions};
use tidings::store::{self, Store};
use tidings::tui::{self, Exit};

/// A terminal news reader for folders of Markdown posts.
#[derive(Parser, Debug)]
#[command(name = "tidings", version, about)]
struct Cli {
    /// Files or folders of Markdown posts [default: the built-in sample news]
    paths: Vec<PathBuf>,

    /// Print the list of posts (date, title, author, tags) and exit
    #[arg(long, conflicts_with = "print")]
    list: bool,

    /// With --list: print one JSON object per post per line
    #[arg(long, requires = "list")]
    json: bool,

    /// Render the posts to standard output: header, article, links
    #[arg(long)]
    print: bool,

    /// With --print: width in columns [default: the terminal's, else 80]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(4..))]
    width: Option<u16>,

    /// With --print: when to use colour and bold
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// Resolve relative links and images against this site URL
    /// (e.g. https://opengauss.org)
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<String>,

    /// Draw borders and marks with ASCII characters only
    #[arg(long)]
    ascii: bool,

    /// Colours and styles: default (16 colours), light, dark or mono
    #[arg(long, default_value = "default", value_name = "NAME",
          value_parser = clap::builder::PossibleValuesParser::new(THEME_NAMES))]
    theme: String,

    /// Capture the mouse: wheel scrolls the pane under the pointer, a click
    /// selects in the list (your terminal's own text selection then needs
    /// Shift)
    #[arg(long)]
    mouse: bool,

    /// Reading state file [default: $XDG_STATE_HOME/tidings/state.json, or
    /// ~/.local/state/tidings/state.json]
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,

    /// Make link texts clickable OSC 8 hyperlinks (auto: only in terminals
    /// known to support them, never inside tmux before 3.4 or screen)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    osc8: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_base_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if u.has_host() => Ok(s.to_owned()),
        _ => Err("expected an absolute URL such as https://opengauss.org".into()),
    }
}

/// Files parsed before the reader opens; the rest arrive in the background.
const FIRST_CHUNK: usize = 1000;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let tty = stdout.is_terminal();
    let interactive = !cli.list && !cli.print && tty;
    let (lib, files) = if cli.paths.is_empty() {
        (content::load_builtin(), Vec::new())
    } else if interactive {
        // Only a first chunk now, without its search text: the screen
        // opens while the background reads everything, that text included.
        let scan = content::scan(&cli.paths);
        let first = &scan.files[..scan.files.len().min(FIRST_CHUNK)];
        let (mut posts, unreadable) = content::read_posts_lean(first);
        content::sort(&mut posts);
        let mut warnings = scan.warnings;
        warnings.extend(unreadable);
        (Library { posts, warnings }, scan.files)
    } else {
        // --list and --print never search: no plain text needed.
        (content::load_lean(&cli.paths), Vec::new())
    };
    report_warnings(&lib);
    if lib.posts.is_empty() && files.len() <= FIRST_CHUNK {
        eprintln!("tidings: no posts found; give a folder of Markdown posts or a post file");
        return ExitCode::from(1);
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut theme = Theme::builtin(&cli.theme).unwrap_or_default();
    theme = theme.degrade(ColorDepth::from_env());
    if no_color {
        theme = theme.without_color();
    }
    if cli.ascii {
        theme = theme.with_symbols(Symbols::ascii());
    }
    if interactive {
        let look = Look {
            theme,
            base_url: cli.base_url.clone(),
        };
        return reader(&cli, lib, files, look);
    }
    let mut out = io::BufWriter::new(stdout.lock());
    let result = if cli.print {
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        let opts = PrintOptions {
            width: cli
                .width
                .map(usize::from)
                .unwrap_or_else(|| terminal_cols(tty)),
            color,
            base_url: cli.base_url.as_deref(),
            theme: &theme,
        };
        print::articles(&lib, &opts, &mut out)
    } else if cli.json {
        print::json_lines(&lib, &mut out)
    } else {
        print::list(&lib, terminal_cols(tty), theme.symbols.ellipsis, &mut out)
    };
    match result.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`tidings --list | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tidings: {e}");
            ExitCode::from(1)
        }
    }
}

/// The full-screen reader; setup errors were reported before it started.
/// `files` are all the files found: the background reads them (again for
/// the first chunk, to add their search text).
fn reader(cli: &Cli, lib: Library, files: Vec<content::Found>, look: Look) -> ExitCode {
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    // Code is highlighted on the render worker, never on this thread:
    // neither the first frame nor a key waits for grammars.
    tidings::markdown::defer_highlighting(true);
    let mut app = App::new(lib, look, w, h);
    let opener = tidings::jobs::opener::find(|k| std::env::var(k).ok());
    app.env = Env::from_vars(|k| std::env::var(k).ok(), opener.is_ok());
    if let Err(why) = &opener {
        app.env.no_opener = why.clone();
    }
    let store = cli.state.clone().or_else(store::default_path).map(|path| {
        let (store, marks, warning) = Store::open(path);
        if let Some(w) = warning {
            eprintln!("tidings: warning: {w}");
            app.note(w);
        }
        app.set_marks(marks);
        store
    });
    app.can_reload = !cli.paths.is_empty();
    let initial = app.begin_loading(files, FIRST_CHUNK);
    let opts = tui::Options {
        mouse: cli.mouse,
        store,
        opener: opener.ok(),
        roots: cli.paths.clone(),
        initial,
        osc8: match cli.osc8 {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tui::hyperlinks::supported(|k| std::env::var(k).ok()),
        },
    };
    let (exit, unsaved) = match tui::run(app, opts) {
        Ok(ended) => ended,
        Err(e) => {
            eprintln!("tidings: terminal error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(why) = &unsaved {
        eprintln!("tidings: {why}");
    }
    match exit {
        Exit::Quit if unsaved.is_some() => ExitCode::from(1),
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(sig) => ExitCode::from(128 + sig as u8),
        Exit::Hangup => ExitCode::from(129),
    }
}

/// Warnings printed before a summary line: a folder of 100,000 empty
/// files should not bury the terminal in 100,000 lines.
const MAX_WARNINGS_SHOWN: usize = 50;

fn report_warnings(lib: &Library) {
    let mut err = io::stderr().lock();
    let total = lib.all_warnings().count();
    for w in lib.all_warnings().take(MAX_WARNINGS_SHOWN) {
        let _ = writeln!(err, "tidings: warning: {w}");
    }
    if total > MAX_WARNINGS_SHOWN {
        let _ = writeln!(
            err,
            "tidings: … and {} more warnings (`tidings --list --json` lists each post's)",
            total - MAX_WARNINGS_SHOWN
        );
    }
}

fn terminal_cols(tty: bool) -> usize {
    match crossterm::terminal::size() {
        Ok((cols, _)) if tty => cols.max(20) as usize,
        _ => 80,
    }
}
