//! The article outside the reader: `e` opens the post's file in the
//! editor at the line shown, `|` pipes the article to a command (the pager
//! by default), `w` writes it to a file as plain text or Markdown, asking
//! before it replaces one.

use std::path::{Path, PathBuf};

use super::{Action, App, Effect, Mode};
use crate::content::Post;
use crate::text::sanitize_line;

/// What is being typed after `|` or `w`, or asked before a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The command to pipe the article to.
    Pipe,
    /// The file to write the article to.
    WritePath,
    /// The file exists: y replaces it.
    Overwrite,
}

/// How a written article is laid out, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    pub fn for_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e)
                if ["md", "markdown", "mdown", "mkd"]
                    .contains(&e.to_ascii_lowercase().as_str()) =>
            {
                Format::Markdown
            }
            _ => Format::Plain,
        }
    }
}

impl App {
    /// `e`: the post's file in the editor, at the line at the top of the
    /// article; built-in and read-only posts say why not.
    pub(super) fn edit(&mut self) {
        let (Some(post), Some(article)) = (self.post(), self.article()) else {
            return;
        };
        if self.env.restricted {
            return self.note("editing is off here");
        }
        // Only the built-in posts have no folder to read again.
        if !self.can_reload {
            return self.note("the built-in posts are read-only (give a folder to edit yours)");
        }
        let shown = article
            .lines
            .iter()
            .skip(self.scroll)
            .take(self.article_height().max(1));
        let at = EditAt {
            top: self.scroll == 0,
            probes: shown
                .map(|l| {
                    probe(
                        &l.spans
                            .iter()
                            .map(|s| s.content.as_ref())
                            .collect::<String>(),
                    )
                })
                .filter(|p| p.chars().count() >= 4)
                .collect(),
            heading: article
                .headings
                .iter()
                .rev()
                .find(|h| h.line <= self.scroll)
                .map(|h| h.text.trim().to_owned()),
            share: (self.scroll, self.article_len().max(1)),
        };
        self.effects.push(Effect::Edit {
            post: Box::new(post.clone()),
            at,
        });
    }

    /// `|`: asks for a command, the pager by default.
    pub(super) fn start_pipe(&mut self) {
        if self.article().is_none() {
            return;
        }
        if self.env.restricted {
            return self.note("running commands is off here");
        }
        self.input = self.env.pager.clone().unwrap_or_else(|| "less -R".into());
        self.mode = Mode::Ask(Ask::Pipe);
    }

    /// `w`: asks where to write the article (`.md` for Markdown).
    pub(super) fn start_write(&mut self) {
        let Some(post) = self.post() else {
            return;
        };
        if self.env.restricted {
            return self.note("saving to files is off here");
        }
        let stem = post
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !matches!(s.as_str(), "index" | "_index" | "README"))
            .unwrap_or_else(|| "article".into());
        self.input = format!("{}.txt", sanitize_line(&stem));
        self.mode = Mode::Ask(Ask::WritePath);
    }

    /// Keys while typing a command or path, or answering y/n.
    pub(super) fn ask_key(&mut self, ask: Ask, action: Action) {
        if ask == Ask::Overwrite {
            self.mode = Mode::Normal;
            match (action, self.pending_write.take()) {
                (Action::Char('y' | 'Y'), Some(path)) => self.write_article(path, true),
                _ => self.note("not written"),
            }
            return;
        }
        match action {
            Action::Char(c) => self.input.push(c),
            Action::Backspace => {
                self.input.pop();
            }
            Action::Back => {
                self.mode = Mode::Normal;
                self.input.clear();
            }
            Action::Open => {
                self.mode = Mode::Normal;
                let typed = std::mem::take(&mut self.input);
                let typed = typed.trim();
                if typed.is_empty() {
                    return;
                }
                match ask {
                    Ask::Pipe => self.pipe(typed.to_owned()),
                    _ => self.write_article(expand_home(typed, self.env.home.as_deref()), false),
                }
            }
            _ => {}
        }
    }

    fn pipe(&mut self, command: String) {
        let Some(article) = self.article() else {
            return;
        };
        // `less -R` (or -r) shows colours; anything else gets plain text.
        let color = wants_color(&command);
        let text = crate::ansi::lines_text(&article.lines, color);
        self.effects.push(Effect::Pipe { command, text });
    }

    fn write_article(&mut self, path: PathBuf, overwrite: bool) {
        let (Some(post), Some(article)) = (self.post(), self.article()) else {
            return;
        };
        // Markdown comes from the post's body, which the writer reads
        // again when it was let go.
        let (text, markdown_of) = match Format::for_path(&path) {
            Format::Markdown => (String::new(), Some(Box::new(post.clone()))),
            Format::Plain => (crate::ansi::lines_text(&article.lines, false), None),
        };
        self.effects.push(Effect::Write {
            path,
            text,
            markdown_of,
            overwrite,
        });
    }

    /// The writer found the file there already: ask.
    pub(super) fn write_exists(&mut self, path: PathBuf) {
        self.note(format!(
            "{} exists: replace it? (y: yes, any other key: no)",
            sanitize_line(&path.to_string_lossy())
        ));
        self.pending_write = Some(path);
        self.mode = Mode::Ask(Ask::Overwrite);
    }
}

/// Where in the file the editor should open: what the article shows at
/// its top, to be found in the body once it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditAt {
    /// The article is at its top: the file's first line.
    pub top: bool,
    /// Starts of the lines of text shown, in order.
    pub probes: Vec<String>,
    /// The heading above them.
    pub heading: Option<String>,
    /// The scroll and the article's length, for a proportional guess.
    pub share: (usize, usize),
}

impl EditAt {
    /// The file line: the first probe found in the body, else the heading,
    /// else the same share of the body.
    pub fn line_in(&self, body: &str, body_line: usize) -> usize {
        if self.top {
            return 1;
        }
        let at_line = |offset: usize| body_line + body[..offset].matches('\n').count();
        let found = self
            .probes
            .iter()
            .find_map(|p| body.find(p.as_str()))
            .or_else(|| self.heading.as_deref().and_then(|h| body.find(h)));
        match found {
            Some(at) => at_line(at),
            None => body_line + body.matches('\n').count() * self.share.0 / self.share.1,
        }
    }
}

/// The start of a line of article text as it should be in the source:
/// list bullets, quote bars and padding taken off, at most 24 characters
/// (a wrapped line's end may fall inside markup).
fn probe(line: &str) -> String {
    let t = line
        .trim()
        .trim_start_matches(['•', '◦', '▪', '│', '|', '>', '*', '-', '+', ' '])
        .trim();
    t.chars().take(24).collect::<String>().trim_end().to_owned()
}

/// A post as Markdown for `w`: its title as a heading, then its body.
pub fn markdown(post: &Post, body: &str) -> String {
    format!("# {}\n\n{}\n", post.title, body.trim())
}

/// Whether a pipe command is a pager told to show colours: `less -R`
/// (or `-r`, or in a group of flags such as `-FRX`).
pub fn wants_color(command: &str) -> bool {
    let mut words = command.split_whitespace();
    let program = words.next().unwrap_or("");
    let name = program.rsplit('/').next().unwrap_or(program);
    name == "less"
        && words.any(|w| {
            w.eq_ignore_ascii_case("--raw-control-chars")
                || (w.starts_with('-') && !w.starts_with("--") && w.contains(['R', 'r']))
        })
}

fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_for_pagers_that_show_it() {
        assert!(wants_color("less -R"));
        assert!(wants_color("/usr/bin/less -FRX"));
        assert!(!wants_color("less"));
        assert!(!wants_color("wc -l"));
        assert!(!wants_color("grep -r x"));
    }

    #[test]
    fn formats_by_extension_and_home_expanded() {
        assert_eq!(Format::for_path(Path::new("a.MD")), Format::Markdown);
        assert_eq!(Format::for_path(Path::new("a.txt")), Format::Plain);
        assert_eq!(Format::for_path(Path::new("noext")), Format::Plain);
        assert_eq!(
            expand_home("~/x.txt", Some(Path::new("/home/u"))),
            PathBuf::from("/home/u/x.txt")
        );
        assert_eq!(expand_home("~/x", None), PathBuf::from("~/x"));
    }

    #[test]
    fn probes_drop_list_and_quote_marks() {
        assert_eq!(
            probe("  • 第十个用户组成立，正式开启华东地区的线下交流。"),
            "第十个用户组成立，正式开启华东地区的线下交流。"
        );
        assert_eq!(probe("│ quoted text here"), "quoted text here");
    }
}
