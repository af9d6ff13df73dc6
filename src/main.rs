use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use tidings::app::{App, Env, Look};
use tidings::config::{self, Config, LogLevel, When};
use tidings::content::{self, Library};
use tidings::markdown::{ColorDepth, Symbols, THEME_NAMES, Theme};
use tidings::print::{self, PrintOptions};
use tidings::store::{self, Store};
use tidings::tui::{self, Exit};

/// A terminal news reader for folders of Markdown posts.
///
/// A first path that is also a subcommand's name (`config`, `man`, ...)
/// runs the subcommand: write a folder of that name as `./config`. Options
/// and paths cannot be mixed with a subcommand, so `tidings --list config`
/// is an error rather than a surprise.
#[derive(Parser, Debug)]
#[command(
    name = "tidings",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Files or folders of Markdown posts [default: the config's sources,
    /// else the built-in sample news]
    paths: Vec<PathBuf>,

    /// Read this config file [default: $XDG_CONFIG_HOME/tidings/config.toml,
    /// or ~/.config/tidings/config.toml, if there is one]
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,

    /// Read no config file: built-in defaults and these options only
    #[arg(long)]
    no_config: bool,

    /// How much to write to the log, $XDG_STATE_HOME/tidings/log
    /// [default: the config's, else warn]
    #[arg(long, value_enum, value_name = "LEVEL")]
    log_level: Option<LevelArg>,

    /// Print the list of posts (date, title, author, tags) and exit
    #[arg(long, conflicts_with = "print")]
    list: bool,

    /// With --list: print one JSON object per post per line
    #[arg(long, requires = "list")]
    json: bool,

    /// With --list: the order posts are listed in; `none` lists them as
    /// found (folders in name order), and with --json writes each line as
    /// soon as its post is read [default: date, newest first]
    #[arg(long, value_enum, value_name = "ORDER", requires = "list")]
    sort: Option<ListSort>,

    /// Render the posts to standard output: header, article, links
    #[arg(long)]
    print: bool,

    /// With --print: width in columns [default: the terminal's, else 80]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(4..))]
    width: Option<u16>,

    /// With --print: when to use colour and bold [default: the config's,
    /// else auto]
    #[arg(long, value_enum, value_name = "WHEN")]
    color: Option<ColorChoice>,

    /// Resolve relative links and images against this site URL
    /// (e.g. https://opengauss.org)
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<String>,

    /// Draw borders and marks with ASCII characters only
    #[arg(long)]
    ascii: bool,

    /// Colours and styles: default (16 colours), light, dark or mono
    /// [default: the config's, else default]
    #[arg(long, value_name = "NAME",
          value_parser = clap::builder::PossibleValuesParser::new(THEME_NAMES))]
    theme: Option<String>,

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
    /// [default: the config's, else auto]
    #[arg(long, value_enum, value_name = "WHEN")]
    osc8: Option<ColorChoice>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the default config (every setting, commented), or check one
    #[command(group = clap::ArgGroup::new("what").required(true).args(["default", "check"]))]
    Config {
        /// Print the complete default config
        #[arg(long)]
        default: bool,
        /// Check a config file and report every mistake
        /// [default FILE: the one tidings reads]
        #[arg(long, value_name = "FILE", num_args = 0..=1, conflicts_with = "default")]
        check: Option<Option<PathBuf>>,
    },
    /// Print a shell completion script (e.g. `tidings completions bash >
    /// ~/.local/share/bash-completion/completions/tidings`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`tidings man | man -l -`)
    Man,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl From<When> for ColorChoice {
    fn from(w: When) -> ColorChoice {
        match w {
            When::Auto => ColorChoice::Auto,
            When::Always => ColorChoice::Always,
            When::Never => ColorChoice::Never,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListSort {
    Date,
    Title,
    Author,
    None,
}

impl From<ListSort> for print::Order {
    fn from(s: ListSort) -> print::Order {
        match s {
            ListSort::Date => print::Order::Date,
            ListSort::Title => print::Order::Title,
            ListSort::Author => print::Order::Author,
            ListSort::None => print::Order::Walk,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LevelArg {
    Off,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

fn parse_base_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if u.has_host() => Ok(s.to_owned()),
        _ => Err("expected an absolute URL such as https://opengauss.org".into()),
    }
}

/// Files parsed before the reader opens; the rest arrive in the background.
const FIRST_CHUNK: usize = 1000;

fn var(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Some(command) = &cli.command {
        return subcommand(command);
    }
    // Before anything else: a bad config stops here, the terminal untouched.
    let cfg = match read_config(&cli) {
        Ok(cfg) => cfg,
        Err(code) => return code,
    };
    let _log = start_log(&cli, &cfg);
    for w in &cfg.warnings {
        eprintln!("tidings: warning: {w}");
        tracing::warn!("{}", tidings::text::sanitize_line(w));
    }
    // Paths given replace the config's sources, and --base-url theirs.
    let sites: Vec<(PathBuf, String)> = if cli.paths.is_empty() && cli.base_url.is_none() {
        let with_url = cfg
            .sources
            .iter()
            .filter_map(|s| Some((s.path.clone(), s.base_url.clone()?)));
        with_url.collect()
    } else {
        Vec::new()
    };
    if cli.paths.is_empty() {
        cli.paths = cfg.sources.iter().map(|s| s.path.clone()).collect();
    }
    cli.ascii |= cfg.view.ascii;
    cli.mouse |= cfg.view.mouse;
    let color = cli.color.unwrap_or(cfg.view.color.into());
    let stdout = io::stdout();
    let tty = stdout.is_terminal();
    let interactive = !cli.list && !cli.print && tty;
    let order = cli.sort.map_or(print::Order::Date, print::Order::from);
    if cli.json && !cli.paths.is_empty() {
        return json_list(&cli.paths, order);
    }
    let (mut lib, files) = if cli.paths.is_empty() {
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
    } else if cli.print {
        // --print never searches: no plain text needed.
        (content::load_lean(&cli.paths), Vec::new())
    } else {
        // A list needs no bodies either: 100,000 of them weigh 700 MB.
        (content::stream::load_meta(&cli.paths), Vec::new())
    };
    if !interactive && !cli.print {
        print::order(&mut lib.posts, order);
    }
    content::assign_sites(&mut lib.posts, &sites);
    report_warnings(&lib);
    if lib.posts.is_empty() && files.len() <= FIRST_CHUNK {
        eprintln!("tidings: no posts found; give a folder of Markdown posts or a post file");
        return ExitCode::from(1);
    }
    let no_color =
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) || color == ColorChoice::Never;
    // --theme picks another built-in; the config's styles go over it.
    let mut theme = match &cli.theme {
        Some(name) => {
            let mut t = Theme::builtin(name).unwrap_or_default();
            for (style, spec) in &cfg.styles {
                let _ = t.set_style(style, spec);
            }
            t
        }
        None => cfg.theme.clone(),
    };
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
        return reader(&cli, &cfg, sites, lib, files, look);
    }
    let mut out = io::BufWriter::new(stdout.lock());
    let result = if cli.print {
        let color = match color {
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
    written(result.and_then(|_| out.flush()))
}

fn written(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`tidings --list | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tidings: {e}");
            ExitCode::from(1)
        }
    }
}

/// `--list --json`: with `--sort none` lines are written as posts are
/// read, warnings too, so neither the posts nor their warnings are ever
/// all in memory; sorted, only what each line needs is kept.
fn json_list(paths: &[PathBuf], order: print::Order) -> ExitCode {
    let scan = content::scan(paths);
    let mut warnings = Warnings::default();
    scan.warnings.iter().for_each(|w| warnings.report(w));
    let mut out = io::BufWriter::new(io::stdout().lock());
    let warn = |w: &content::Warning| warnings.report(w);
    let result = match order {
        print::Order::Walk => print::json_stream(&scan.files, &mut out, warn),
        _ => print::json_sorted(&scan.files, order, &mut out, warn),
    };
    let result = result.and_then(|n| out.flush().map(|_| n));
    warnings.finish();
    match result {
        Ok(0) => {
            eprintln!("tidings: no posts found; give a folder of Markdown posts or a post file");
            ExitCode::from(1)
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => written(Err(e)),
    }
}

/// The full-screen reader; setup errors were reported before it started.
/// `files` are all the files found: the background reads them (again for
/// the first chunk, to add their search text).
fn reader(
    cli: &Cli,
    cfg: &Config,
    sites: Vec<(PathBuf, String)>,
    lib: Library,
    files: Vec<content::Found>,
    look: Look,
) -> ExitCode {
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    // Code is highlighted on the render worker, never on this thread:
    // neither the first frame nor a key waits for grammars.
    tidings::markdown::defer_highlighting(true);
    let mut app = App::new(lib, look, w, h);
    app.keymap = cfg.keymap.clone();
    app.sites = sites;
    // The config's view, until one chosen with :sort or :group (saved
    // with the marks, applied below) replaces it.
    app.use_view(tidings::app::View {
        sort: tidings::app::SortBy::parse(cfg.view.sort.name()).unwrap_or_default(),
        reverse: cfg.view.reverse,
        group: tidings::app::GroupBy::parse(cfg.view.group.name()).unwrap_or_default(),
        folded: Default::default(),
    });
    if let Some(w) = cfg.warnings.first() {
        app.note(format!("config: {w}"));
    }
    // The config's opener is tried as $BROWSER would be.
    let opener = tidings::jobs::opener::find(|k| match (k, &cfg.programs.opener) {
        ("BROWSER", Some(o)) => Some(o.clone()),
        _ => var(k),
    });
    app.env = Env::from_vars(|k| std::env::var(k).ok(), opener.is_ok());
    if let Err(why) = &opener {
        app.env.no_opener = why.clone();
    }
    if cfg.programs.pager.is_some() {
        app.env.pager = cfg.programs.pager.clone();
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
        osc8: match cli.osc8.unwrap_or(cfg.view.osc8.into()) {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tui::hyperlinks::supported(|k| std::env::var(k).ok()),
        },
        editor: cfg.programs.editor.clone(),
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
    let mut warnings = Warnings::default();
    lib.all_warnings().for_each(|w| warnings.report(w));
    warnings.finish();
}

/// Warnings reported one at a time: each to the log, the first
/// [`MAX_WARNINGS_SHOWN`] to standard error as well.
#[derive(Default)]
struct Warnings {
    seen: usize,
}

impl Warnings {
    fn report(&mut self, w: &content::Warning) {
        if self.seen < MAX_WARNINGS_SHOWN {
            let _ = writeln!(io::stderr().lock(), "tidings: warning: {w}");
        }
        self.seen += 1;
        tracing::warn!("{}", tidings::text::sanitize_line(&w.to_string()));
    }

    fn finish(self) {
        if self.seen > MAX_WARNINGS_SHOWN {
            eprintln!(
                "tidings: … and {} more warnings (`tidings --list --json` lists each post's)",
                self.seen - MAX_WARNINGS_SHOWN
            );
        }
    }
}

fn terminal_cols(tty: bool) -> usize {
    match crossterm::terminal::size() {
        Ok((cols, _)) if tty => cols.max(20) as usize,
        _ => 80,
    }
}

/// `config`, `completions` and `man`: print and exit.
fn subcommand(command: &Command) -> ExitCode {
    let mut out = io::stdout().lock();
    let written = match command {
        Command::Config {
            check: Some(file), ..
        } => {
            let path = file.clone().or_else(|| config::default_path(var));
            let Some(path) = path else {
                eprintln!("tidings: no config file to check ($HOME is not set)");
                return ExitCode::from(2);
            };
            let home = var("HOME").map(PathBuf::from);
            return match config::load(&path, home.as_deref()) {
                Ok(cfg) => {
                    for w in &cfg.warnings {
                        eprintln!("tidings: warning: {w}");
                    }
                    println!("{}: fine", path.display());
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("tidings: {e}");
                    }
                    ExitCode::from(2)
                }
            };
        }
        Command::Config { .. } => out.write_all(config::default_text().as_bytes()),
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "tidings", &mut out);
            Ok(())
        }
        Command::Man => man(&mut out),
    };
    match written.and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("tidings: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The manual: the main page, then each subcommand's synopsis and options.
fn man(out: &mut impl Write) -> io::Result<()> {
    let cmd = Cli::command();
    clap_mangen::Man::new(cmd.clone()).render(out)?;
    for sub in cmd.get_subcommands() {
        let name = format!("tidings {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        if let Some(about) = sub.get_about() {
            writeln!(out, "{about}")?;
        }
        let page = clap_mangen::Man::new(sub.clone().bin_name(name));
        page.render_synopsis_section(out)?;
        page.render_options_section(out)?;
    }
    Ok(())
}

/// The config as the options say: none, the one named (which must exist),
/// or the usual one if it exists. Errors are printed; exit status 2.
fn read_config(cli: &Cli) -> Result<Config, ExitCode> {
    let path = match (&cli.config, cli.no_config) {
        (_, true) => None,
        (Some(p), _) => Some(p.clone()),
        (None, _) => config::default_path(var).filter(|p| p.exists()),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let home = var("HOME").map(PathBuf::from);
    config::load(&path, home.as_deref()).map_err(|errors| {
        for e in errors {
            eprintln!("tidings: {e}");
        }
        ExitCode::from(2)
    })
}

/// Starts the log; when it cannot, says so once and goes on without.
fn start_log(cli: &Cli, cfg: &Config) -> Option<tidings::log::Guard> {
    let level = match cli.log_level {
        Some(LevelArg::Off) => LogLevel::Off,
        Some(LevelArg::Error) => LogLevel::Error,
        Some(LevelArg::Warn) => LogLevel::Warn,
        Some(LevelArg::Info) => LogLevel::Info,
        Some(LevelArg::Debug) => LogLevel::Debug,
        Some(LevelArg::Trace) => LogLevel::Trace,
        None => cfg.log_level,
    };
    if level == LogLevel::Off {
        return None;
    }
    let dir = tidings::log::default_dir(var)?;
    match tidings::log::init(&dir, level) {
        Ok(guard) => Some(guard),
        Err(why) => {
            eprintln!("tidings: warning: {why}");
            None
        }
    }
}
