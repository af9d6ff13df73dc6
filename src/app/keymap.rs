//! Every key binding as one table of data, [`BINDINGS`]: the keyboard
//! lookup, the help overlay and README's key table are all made from it,
//! so they cannot disagree.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::key::{Key, KeyCode};
use super::{Action, Mode};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// In every mode, even while typing.
    Everywhere,
    /// The list and the article (the mode does not tell them apart; what
    /// an action does there depends on the focus).
    Panes,
    /// The links and outline lists; otherwise the panes' keys apply.
    Overlay,
    /// The help overlay; otherwise the panes' keys apply (moving scrolls
    /// it), and other keys do nothing.
    Help,
    /// Typing into the search box, the find box or a link-number prompt;
    /// otherwise characters are text.
    Typing,
}

use Context::{Everywhere, Help, Overlay, Panes, Typing};

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    /// Key names as [`Key`] parses them, the first one the main one.
    pub keys: &'static [&'static str],
    pub action: Action,
    /// Kebab-case name of the action, for the command line and the config.
    pub name: &'static str,
    /// One line for the help overlay and README.
    pub help: &'static str,
}

const fn b(
    context: Context,
    keys: &'static [&'static str],
    action: Action,
    name: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        name,
        help,
    }
}

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(Panes, &["j", "Down"], Action::Down, "down", "next post; in an article, scroll a line"),
    b(Panes, &["k", "Up"], Action::Up, "up", "previous post; in an article, scroll back a line"),
    b(Panes, &["Enter", "l", "Right"], Action::Open, "open", "open the selected post (focus the article)"),
    b(Panes, &["h", "Left", "Esc"], Action::Back, "back", "back to the list"),
    b(Panes, &["Tab", "Shift-Tab"], Action::ToggleFocus, "toggle-focus", "switch focus between list and article"),
    b(Panes, &["Space"], Action::PageOrNext, "page-or-next", "page down; at the end of an article, the next unread post"),
    b(Panes, &["PgDn", "Ctrl-f"], Action::PageDown, "page-down", "page down"),
    b(Panes, &["b", "PgUp", "Ctrl-b"], Action::PageUp, "page-up", "page up"),
    b(Panes, &["Ctrl-d"], Action::HalfDown, "half-page-down", "half a page down"),
    b(Panes, &["Ctrl-u"], Action::HalfUp, "half-page-up", "half a page up"),
    b(Panes, &["g", "Home"], Action::Top, "top", "to the top"),
    b(Panes, &["G", "End"], Action::Bottom, "bottom", "to the bottom"),
    b(Panes, &["]", "J"], Action::NextPost, "next-post", "next post while reading"),
    b(Panes, &["[", "K"], Action::PrevPost, "prev-post", "previous post while reading"),
    b(Panes, &["/"], Action::Search, "search", "search the posts (list) or find in the post (article)"),
    b(Panes, &["n"], Action::NextUnread, "next-unread", "next unread post (while finding in a post: next match)"),
    b(Panes, &["p"], Action::PrevUnread, "prev-unread", "previous unread post"),
    b(Panes, &["Backspace", "Alt-Left"], Action::HistoryBack, "history-back", "back to where the last jump left (post and line)"),
    b(Panes, &["Alt-Right"], Action::HistoryForward, "history-forward", "forward again after going back"),
    b(Panes, &["N"], Action::PrevMatch, "prev-match", "previous match in the post"),
    b(Panes, &["f"], Action::Follow, "follow-link", "follow link: f 3 Enter (f Enter: choose from a list)"),
    b(Panes, &["y"], Action::Yank, "copy-link", "copy link to the clipboard: y 3 Enter"),
    b(Panes, &["L"], Action::Links, "links", "list the post's links (Enter follows, y copies)"),
    b(Panes, &["o"], Action::Outline, "outline", "the post's outline: jump to a heading"),
    b(Panes, &["m"], Action::ToggleRead, "toggle-read", "toggle read"),
    b(Panes, &["M"], Action::MarkAllRead, "mark-all-read", "mark every post shown read (on a header: its group; asks when over 50)"),
    b(Panes, &["U"], Action::Undo, "undo", "undo the last marking"),
    b(Panes, &["u"], Action::UnreadOnly, "unread-only", "show unread posts only (again: all)"),
    b(Panes, &["s"], Action::ToggleStar, "toggle-star", "star the post"),
    b(Panes, &["S"], Action::StarredOnly, "starred-only", "show starred posts only (again: all)"),
    b(Panes, &["r"], Action::Reload, "reload", "read the folders again"),
    b(Panes, &["e"], Action::Edit, "edit", "open the post's file in $VISUAL/$EDITOR at the line shown"),
    b(Panes, &["|"], Action::Pipe, "pipe", "pipe the article to a command ($PAGER, or less -R, by default)"),
    b(Panes, &["w"], Action::WriteFile, "write", "save the article to a file (.md: Markdown, else plain text)"),
    b(Panes, &[":"], Action::Command, "command", "command line: an action by name, sort, group, search (Tab completes)"),
    b(Panes, &["?", "F1"], Action::Help, "help", "this key list (q or Esc closes it, / narrows it)"),
    b(Panes, &["q"], Action::Leave, "leave", "leave: the article for the list; in the list, quit"),
    b(Panes, &["Q"], Action::Quit, "quit", "quit from anywhere"),
    b(Everywhere, &["Ctrl-c"], Action::Quit, "quit", "quit from anywhere"),
    b(Everywhere, &["Ctrl-z"], Action::Suspend, "suspend", "suspend to the shell (fg comes back)"),
    b(Overlay, &["q"], Action::Back, "back", "close the list"),
    b(Overlay, &["/"], Action::Search, "search", "narrow the list as you type (Enter keeps the filter, Esc clears it)"),
    b(Help, &["q", "Esc", "?", "F1"], Action::Back, "back", "close the key list"),
    b(Help, &["/"], Action::Search, "search", "narrow the key list as you type"),
    b(Typing, &["Enter"], Action::Open, "open", "done (after f or y: follow or copy that link)"),
    b(Typing, &["Esc"], Action::Back, "back", "cancel, clearing the search, find or filter"),
    b(Typing, &["Backspace"], Action::Backspace, "backspace", "delete the last character"),
    b(Typing, &["Tab"], Action::Complete, "complete", "complete the command (again: the next choice)"),
    b(Typing, &["Down"], Action::Down, "down", "next post (search), match (find), row (filter) or later command"),
    b(Typing, &["Up"], Action::Up, "up", "previous post (search), match (find), row (filter) or earlier command"),
];

impl Context {
    /// Where to look, most specific first, for a key pressed in `mode`.
    fn search_order(mode: Mode) -> &'static [Context] {
        match mode {
            Mode::Search
            | Mode::Find
            | Mode::Command
            | Mode::Ask(_)
            | Mode::Prompt(_)
            | Mode::ConfirmMarkAll(_) => &[Everywhere, Typing],
            Mode::Help => &[Everywhere, Help, Panes],
            Mode::Links(_) | Mode::Outline => &[Everywhere, Overlay, Panes],
            Mode::Normal => &[Everywhere, Panes],
        }
    }

    /// Keys in boxes and overlays have always matched with Ctrl held too
    /// (Ctrl-Enter still submits a search), unless Ctrl-key is bound.
    fn ctrl_optional(self) -> bool {
        matches!(self, Typing | Overlay)
    }

    /// How README and the help label rows that only apply somewhere.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Everywhere | Panes => None,
            Overlay => Some("in the links and outline lists"),
            Help => Some("in this key list"),
            Typing => Some("while typing"),
        }
    }
}

type Table = HashMap<(Context, Key), Action>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        for row in BINDINGS {
            for name in row.keys {
                let key = name.parse().unwrap_or_else(|e| panic!("BINDINGS: {e}"));
                // Earlier rows win; tests/keys.rs proves no row contradicts one.
                t.entry((row.context, key)).or_insert(row.action);
            }
        }
        t
    })
}

/// What `key` does in `mode`: the table first, then the rules no row can
/// say (while typing, characters are text).
pub fn action_for(key: Key, mode: Mode) -> Option<Action> {
    // Nothing binds Alt yet, and Alt-j has always meant j.
    let unalted = || key.alt.then(|| lookup(Key { alt: false, ..key }, mode))?;
    let rule = || match mode {
        Mode::Search
        | Mode::Find
        | Mode::Command
        | Mode::Ask(_)
        | Mode::Prompt(_)
        | Mode::ConfirmMarkAll(_) => match key.code {
            KeyCode::Char(c) if !key.ctrl => Some(Action::Char(c)),
            _ => None,
        },
        Mode::Normal | Mode::Help | Mode::Links(_) | Mode::Outline => None,
    };
    lookup(key, mode).or_else(unalted).or_else(rule)
}

fn lookup(key: Key, mode: Mode) -> Option<Action> {
    let order = Context::search_order(mode);
    let t = table();
    let exact = || order.iter().find_map(|&c| t.get(&(c, key)));
    let without_ctrl = || {
        let plain = Key { ctrl: false, ..key };
        let loose = order.iter().filter(|c| c.ctrl_optional());
        loose.filter(|_| key.ctrl).find_map(|&c| t.get(&(c, plain)))
    };
    exact().or_else(without_ctrl).copied()
}

impl Action {
    /// The kebab-case name the table gives this action, if any row binds it.
    pub fn name(self) -> Option<&'static str> {
        BINDINGS.iter().find(|b| b.action == self).map(|b| b.name)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        BINDINGS.iter().find(|b| b.name == name).map(|b| b.action)
    }
}

/// One row of the help or README: an action's keys in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// `None` for the list and article (and everywhere).
    pub label: Option<&'static str>,
    pub keys: Vec<Key>,
    pub action: Action,
    pub name: &'static str,
    pub help: &'static str,
}

/// The table grouped by where it applies and by action, in table order;
/// the first row of a group gives its help line.
pub fn help_rows() -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = Vec::new();
    for b in BINDINGS {
        let label = b.context.label();
        let keys = b.keys.iter().map(|k| k.parse().expect("tested"));
        match rows
            .iter_mut()
            .find(|r| r.label == label && r.action == b.action)
        {
            Some(r) => r.keys.extend(keys),
            None => rows.push(HelpRow {
                label,
                keys: keys.collect(),
                action: b.action,
                name: b.name,
                help: b.help,
            }),
        }
    }
    rows
}

/// README's key table, in Markdown.
pub fn markdown_table() -> String {
    let mut md = String::from("| keys | action | what it does |\n|---|---|---|\n");
    for r in help_rows() {
        // A `|` even in code would end the table's cell.
        let keys: Vec<String> = r
            .keys
            .iter()
            .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
            .collect();
        let help = match r.label {
            Some(label) => format!("*{label}:* {}", r.help),
            None => r.help.to_string(),
        };
        md += &format!("| {} | `{}` | {help} |\n", keys.join(" "), r.name);
    }
    md
}
