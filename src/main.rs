use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use tidings::content::{self, Library};
use tidings::print;

/// A terminal news reader for folders of Markdown posts.
#[derive(Parser, Debug)]
#[command(name = "tidings", version, about)]
struct Cli {
    /// Files or folders of Markdown posts [default: the built-in sample news]
    paths: Vec<PathBuf>,

    /// Print the list of posts (date, title, author, tags) and exit
    #[arg(long)]
    list: bool,

    /// With --list: print one JSON object per post per line
    #[arg(long, requires = "list")]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lib = if cli.paths.is_empty() {
        content::load_builtin()
    } else {
        content::load(&cli.paths)
    };
    report_warnings(&lib);
    if lib.posts.is_empty() {
        eprintln!("tidings: no posts found; give a folder of Markdown posts or a post file");
        return ExitCode::from(1);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = if cli.json {
        print::json_lines(&lib, &mut out)
    } else {
        print::list(&lib, terminal_cols(), &mut out)
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

fn report_warnings(lib: &Library) {
    let mut err = io::stderr().lock();
    for w in lib.all_warnings() {
        let _ = writeln!(err, "tidings: warning: {w}");
    }
}

fn terminal_cols() -> usize {
    match crossterm::terminal::size() {
        Ok((cols, _)) if io::stdout().is_terminal() => cols.max(20) as usize,
        _ => 80,
    }
}
