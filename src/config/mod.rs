//! The config file, `$XDG_CONFIG_HOME/tidings/config.toml`: sources, view,
//! theme, keys, programs and log level. Every mistake in it is an error
//! naming its `file:line:column` and what was expected; nothing falls back
//! to a default silently. Only whole sections this version does not know
//! (from a newer tidings) are warnings, so one config serves both.

mod choices;
mod default;
mod keys;
mod parse;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::app::keymap::Keymap;
pub use crate::markdown::StyleSpec;
use crate::markdown::Theme;
pub use choices::{Group, LogLevel, Sort, When};
pub use default::default_text;

/// A folder or file of posts, as the config names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub path: PathBuf,
    pub name: Option<String>,
    /// The site its site-relative links and images belong to.
    pub base_url: Option<String>,
}

/// `[view]`. `sort`, `reverse` and `group` are the list's view until
/// `:sort` or `:group` choose another (which is then remembered).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub sort: Sort,
    pub reverse: bool,
    pub group: Group,
    pub ascii: bool,
    pub osc8: When,
    /// `never` is as NO_COLOR; `always` colours `--print` into a pipe.
    pub color: When,
    pub mouse: bool,
}

/// `[programs]`: unset, the environment's ($BROWSER, $VISUAL/$EDITOR,
/// $PAGER) apply.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Programs {
    pub opener: Option<String>,
    pub editor: Option<String>,
    pub pager: Option<String>,
}

/// A checked config.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub sources: Vec<Source>,
    pub view: View,
    pub theme_name: String,
    /// The styles the config changed, by name.
    pub styles: Vec<(String, StyleSpec)>,
    /// The built-in theme named, with those styles.
    pub theme: Theme,
    pub keymap: Keymap,
    pub programs: Programs,
    pub log_level: LogLevel,
    /// Sections from a newer tidings, skipped: one line each.
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            sources: Vec::new(),
            view: View::default(),
            theme_name: "default".into(),
            styles: Vec::new(),
            theme: Theme::default(),
            keymap: Keymap::default(),
            programs: Programs::default(),
            log_level: LogLevel::default(),
            warnings: Vec::new(),
        }
    }
}

/// A mistake in a config file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Where the config is looked for: `$XDG_CONFIG_HOME/tidings/config.toml`,
/// else `~/.config/tidings/config.toml`.
pub fn default_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    let base = set("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("tidings/config.toml"))
}

/// Reads and checks the config at `path`; `~` in source paths expands to
/// `home`. A file that cannot be read is one error at 1:1.
pub fn load(path: &Path, home: Option<&Path>) -> Result<Config, Vec<ConfigError>> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path, home),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
                Err(vec![error_at(&text, path, at, "not UTF-8 text".into())])
            }
        },
        Err(e) => Err(vec![ConfigError {
            file: path.to_owned(),
            line: 1,
            column: 1,
            message: format!("cannot read the config: {e}"),
        }]),
    }
}

/// Checks config `text`, naming `file` in errors.
pub fn parse(text: &str, file: &Path, home: Option<&Path>) -> Result<Config, Vec<ConfigError>> {
    let located =
        |(at, message): (usize, String)| error_at(text, file, at, with_lines(text, &message));
    match parse::parse(text, home) {
        Ok((mut config, warnings)) => {
            let warnings = warnings.into_iter().map(|w| located(w).to_string());
            config.warnings.extend(warnings);
            Ok(config)
        }
        Err(errors) => Err(errors.into_iter().map(located).collect()),
    }
}

/// Line and column (1-based, in characters) of byte `at` in `text`.
fn error_at(text: &str, file: &Path, at: usize, message: String) -> ConfigError {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    ConfigError {
        file: file.to_owned(),
        line,
        column: before[start..].chars().count() + 1,
        message,
    }
}

/// Messages that name a second place write `{line:OFFSET}`: the line of
/// that byte offset goes there.
fn with_lines(text: &str, message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(i) = rest.find("{line:") {
        let tail = &rest[i + 6..];
        let Some(end) = tail.find('}') else { break };
        let Ok(at) = tail[..end].parse::<usize>() else {
            break;
        };
        out.push_str(&rest[..i]);
        out.push_str(&line_of(text, at).to_string());
        rest = &tail[end + 1..];
    }
    out + rest
}

/// Line of byte `at`, for messages that point at a second place.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
