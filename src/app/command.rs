//! The `:` command line: any action by the name the keymap gives it,
//! `sort` and `group` with their choices, and `search`; `Tab` completes,
//! `↑`/`↓` walk the commands run before.

use super::keymap::BINDINGS;
use super::view::{GroupBy, SortBy, View};
use super::{Action, App, Mode};

/// Commands kept for `↑`.
const HISTORY: usize = 100;

/// Commands that take words after them, with what they say.
const WITH_ARGS: &[(&str, &str)] = &[
    (
        "sort",
        "sort the list: date, title, author or unread, then reverse",
    ),
    (
        "group",
        "group the list: none, category, tag, author, folder or month",
    ),
    ("search", "search the list for the words after it"),
];

#[derive(Debug, Default)]
pub struct CommandLine {
    /// Commands run, oldest first.
    pub history: Vec<String>,
    /// Where `↑` has got to in `history` while typing.
    browsing: Option<usize>,
    /// The completion selected with `Tab`, as an index into `completions`.
    pub chosen: Option<usize>,
    /// What was typed before `Tab` started cycling through completions.
    pub typed: String,
}

/// One thing `Tab` can complete to, and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The whole command line it makes.
    pub line: String,
    pub help: &'static str,
}

/// Every command name with its help line, in table order, once each.
fn commands() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = WITH_ARGS.to_vec();
    for b in BINDINGS {
        // Typing keys (backspace, complete) make no sense as commands.
        if b.context != super::keymap::Context::Typing && !out.iter().any(|(n, _)| *n == b.name) {
            out.push((b.name, b.help));
        }
    }
    out
}

/// What the line typed so far could become.
pub fn completions(line: &str) -> Vec<Completion> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let ends_in_space = line.ends_with(' ');
    let arg_choices = |cmd: &str| -> Option<&'static [&'static str]> {
        match cmd {
            "sort" => Some(&SortBy::NAMES),
            "group" => Some(&GroupBy::NAMES),
            _ => None,
        }
    };
    match (words.as_slice(), ends_in_space) {
        ([] | [_], false) => {
            let typed = words.first().copied().unwrap_or("");
            commands()
                .into_iter()
                .filter(|(name, _)| name.starts_with(typed))
                .map(|(name, help)| Completion {
                    line: name.to_owned(),
                    help,
                })
                .collect()
        }
        ([cmd, rest @ ..], _) => {
            let Some(choices) = arg_choices(cmd) else {
                return Vec::new();
            };
            let (done, typed) = match (rest, ends_in_space) {
                (r, true) => (r, ""),
                ([], false) => (&[][..], ""),
                ([done @ .., last], false) => (done, *last),
            };
            let help = WITH_ARGS.iter().find(|(n, _)| n == cmd).map_or("", |w| w.1);
            let mut options: Vec<&str> = Vec::new();
            if done.is_empty() {
                options.extend(choices.iter().copied());
            }
            if *cmd == "sort" && !done.contains(&"reverse") {
                options.push("reverse");
            }
            options
                .into_iter()
                .filter(|o| o.starts_with(typed))
                .map(|o| {
                    let mut line = cmd.to_string();
                    for d in done {
                        line = format!("{line} {d}");
                    }
                    Completion {
                        line: format!("{line} {o}"),
                        help,
                    }
                })
                .collect()
        }
        ([], true) => Vec::new(),
    }
}

impl App {
    /// `:`: starts typing a command.
    pub(super) fn start_command(&mut self) {
        self.input.clear();
        self.command.browsing = None;
        self.command.chosen = None;
        self.mode = Mode::Command;
    }

    /// Keys while typing a command.
    pub(super) fn command_key(&mut self, action: Action) {
        match action {
            Action::Char(c) => {
                self.input.push(c);
                self.command.chosen = None;
            }
            Action::Backspace if self.input.is_empty() => self.mode = Mode::Normal,
            Action::Backspace => {
                self.input.pop();
                self.command.chosen = None;
            }
            Action::Complete => self.complete(),
            Action::Up => self.browse(-1),
            Action::Down => self.browse(1),
            Action::Back => {
                self.mode = Mode::Normal;
                self.input.clear();
            }
            Action::Open => {
                self.mode = Mode::Normal;
                let line = std::mem::take(&mut self.input);
                self.run_command(line.trim());
            }
            _ => {}
        }
    }

    /// Tab: the longest common start of what could follow; again, the next
    /// of them in turn.
    fn complete(&mut self) {
        let typed = match self.command.chosen {
            // Cycling: complete from what was typed before the first Tab.
            Some(_) => self.command.typed.clone(),
            None => self.input.clone(),
        };
        let options = completions(&typed);
        match options.len() {
            0 => {}
            1 => {
                self.input = options[0].line.clone();
                if WITH_ARGS.iter().any(|(n, _)| *n == self.input) {
                    self.input.push(' ');
                }
                self.command.chosen = None;
            }
            n => {
                let common = common_prefix(options.iter().map(|c| c.line.as_str()));
                if self.command.chosen.is_none() && common.len() > typed.len() {
                    self.input = common;
                } else {
                    let next = self.command.chosen.map_or(0, |c| (c + 1) % n);
                    self.command.typed = typed;
                    self.command.chosen = Some(next);
                    self.input = options[next].line.clone();
                }
            }
        }
    }

    fn browse(&mut self, dir: i64) {
        let h = &self.command.history;
        if h.is_empty() {
            return;
        }
        let at = match (self.command.browsing, dir < 0) {
            (None, true) => Some(h.len() - 1),
            (None, false) => None,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < h.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        self.command.browsing = at;
        self.input = at.map(|i| h[i].clone()).unwrap_or_default();
    }

    /// Runs a command line; the status line says what went wrong.
    pub(super) fn run_command(&mut self, line: &str) {
        if line.is_empty() {
            return;
        }
        let h = &mut self.command.history;
        h.retain(|l| l != line);
        h.push(line.to_owned());
        if h.len() > HISTORY {
            h.remove(0);
        }
        let mut words = line.split_whitespace();
        let cmd = words.next().unwrap_or("");
        let args: Vec<&str> = words.collect();
        match cmd {
            "sort" => self.sort_command(&args),
            "group" => self.group_command(&args),
            "search" => {
                self.search = args.join(" ");
                self.refilter();
            }
            _ => match Action::from_name(cmd) {
                Some(action) if args.is_empty() => self.action(action),
                Some(_) => self.note(format!("{cmd} takes no arguments")),
                None => self.note(format!(
                    "no command {} (Tab lists them)",
                    crate::text::sanitize_line(cmd)
                )),
            },
        }
    }

    fn sort_command(&mut self, args: &[&str]) {
        let mut view = self.view.clone();
        let mut by = None;
        let mut reverse = false;
        for &a in args {
            match (a, SortBy::parse(a)) {
                ("reverse", _) => reverse = true,
                (_, Some(s)) if by.is_none() => by = Some(s),
                _ => {
                    return self.note(format!(
                        "sort by what? {} (date, title, author or unread, then reverse)",
                        crate::text::sanitize_line(a)
                    ));
                }
            }
        }
        match by {
            Some(s) => {
                view.sort = s;
                view.reverse = reverse;
            }
            // `:sort reverse` turns the current order around.
            None if reverse => view.reverse = !view.reverse,
            None => return self.note(sorted_by(&view)),
        }
        let said = sorted_by(&view);
        self.set_view(view);
        self.note(said);
    }

    fn group_command(&mut self, args: &[&str]) {
        let by = match args {
            [a] => GroupBy::parse(a),
            [] => {
                return self.note(format!("grouped by {}", self.view.group.name()));
            }
            _ => None,
        };
        let Some(by) = by else {
            return self.note(format!(
                "group by what? {} (none, category, tag, author, folder or month)",
                crate::text::sanitize_line(&args.join(" "))
            ));
        };
        let view = View {
            group: by,
            ..self.view.clone()
        };
        self.set_view(view);
        self.selected = 0;
        self.list_offset = 0;
        self.note(match by {
            GroupBy::None => "not grouped".into(),
            _ => format!("grouped by {} (Enter on a header folds it)", by.name()),
        });
    }
}

/// What the status line says of a sort.
fn sorted_by(view: &View) -> String {
    let reversed = if view.reverse { ", reversed" } else { "" };
    format!("sorted by {}{reversed}", view.sort.name())
}

fn common_prefix<'a>(mut items: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = items.next() else {
        return String::new();
    };
    let mut len = first.len();
    for s in items {
        len = first
            .char_indices()
            .zip(s.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, c), _)| i + c.len_utf8())
            .min(len);
    }
    first[..len].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(typed: &str) -> Vec<String> {
        completions(typed).into_iter().map(|c| c.line).collect()
    }

    #[test]
    fn completes_names_and_arguments() {
        assert_eq!(lines("so"), ["sort"]);
        assert!(lines("").len() > 20, "every command");
        assert!(lines("next").contains(&"next-unread".to_owned()));
        assert_eq!(lines("sort t"), ["sort title"]);
        assert_eq!(
            lines("sort "),
            [
                "sort date",
                "sort title",
                "sort author",
                "sort unread",
                "sort reverse"
            ]
        );
        assert_eq!(lines("sort title "), ["sort title reverse"]);
        assert_eq!(lines("group m"), ["group month"]);
        assert!(lines("quit ").is_empty());
        assert!(
            lines("backspace").is_empty(),
            "typing keys are not commands"
        );
    }

    #[test]
    fn common_prefixes() {
        assert_eq!(
            common_prefix(["next-post", "next-unread"].into_iter()),
            "next-"
        );
        assert_eq!(common_prefix(["分组", "分类"].into_iter()), "分");
        assert_eq!(common_prefix(std::iter::empty()), "");
    }
}
