//! Every default key binding as one table of data, [`BINDINGS`], and the
//! [`Keymap`] made from it and the config file's `[keys]`: the keyboard
//! lookup, the help overlay and README's key table are all made from these,
//! so they cannot disagree.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use super::key::{Key, KeyCode, ParseKeyError};
use super::{Action, Focus, Mode};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// In every mode, even while typing.
    Everywhere,
    /// The list and the article (the mode does not tell them apart; what
    /// an action does there depends on the focus).
    Panes,
    /// The list only, or the article only (config bindings; the table's
    /// rows are all for both panes). Otherwise the panes' keys apply.
    List,
    Article,
    /// The links and outline lists; otherwise the panes' keys apply.
    Overlay,
    /// The help overlay; otherwise the panes' keys apply (moving scrolls
    /// it), and other keys do nothing.
    Help,
    /// Typing into the search box, the find box or a link-number prompt;
    /// otherwise characters are text.
    Typing,
}

use Context::{Article, Everywhere, Help, List, Overlay, Panes, Typing};

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
    b(Panes, &["z"], Action::Zoom, "zoom", "the article alone, the whole width (again: the list beside it)"),
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
    /// Where to look, most specific first, for a key pressed in `mode`
    /// with `focus`.
    fn search_order(mode: Mode, focus: Focus) -> &'static [Context] {
        let pane = focus == Focus::Article;
        match mode {
            Mode::Search
            | Mode::Find
            | Mode::Command
            | Mode::Ask(_)
            | Mode::Prompt(_)
            | Mode::ConfirmMarkAll(_) => &[Everywhere, Typing],
            Mode::Help if pane => &[Everywhere, Help, Article, Panes],
            Mode::Help => &[Everywhere, Help, List, Panes],
            Mode::Links(_) | Mode::Outline if pane => &[Everywhere, Overlay, Article, Panes],
            Mode::Links(_) | Mode::Outline => &[Everywhere, Overlay, List, Panes],
            Mode::Normal if pane => &[Everywhere, Article, Panes],
            Mode::Normal => &[Everywhere, List, Panes],
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
            List => Some("in the list"),
            Article => Some("in the article"),
            Overlay => Some("in the links and outline lists"),
            Help => Some("in this key list"),
            Typing => Some("while typing"),
        }
    }
}

/// One key or a two-key sequence (`g g`), as bindings and help name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Seq {
    pub first: Key,
    pub then: Option<Key>,
}

impl Seq {
    pub const fn one(key: Key) -> Seq {
        Seq {
            first: key,
            then: None,
        }
    }
}

impl PartialEq<Key> for Seq {
    fn eq(&self, key: &Key) -> bool {
        self.then.is_none() && self.first == *key
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.then {
            Some(then) => write!(f, "{} {then}", self.first),
            None => write!(f, "{}", self.first),
        }
    }
}

impl FromStr for Seq {
    type Err = ParseKeyError;

    /// A key name, or two separated by one space (`Space` is the space key,
    /// so a space never belongs to a name).
    fn from_str(s: &str) -> Result<Seq, ParseKeyError> {
        let mut parts = s.split(' ');
        let first = parts.next().unwrap_or("").parse()?;
        let then = parts.next().map(str::parse).transpose()?;
        if parts.next().is_some() {
            return Err(ParseKeyError(s.to_string()));
        }
        Ok(Seq { first, then })
    }
}

/// The effective bindings: the table's defaults with the config's changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    /// `None`: unbound there, which also hides the less specific contexts.
    singles: HashMap<(Context, Key), Option<Action>>,
    pairs: HashMap<(Context, Key, Key), Action>,
    /// First keys of the pairs: pressed alone they wait for the second.
    prefixes: HashSet<(Context, Key)>,
    /// Bindings the config added, in its order, for the help.
    added: Vec<(Context, Seq, Action)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::defaults().clone()
    }
}

impl Keymap {
    /// The table alone, built once.
    pub fn defaults() -> &'static Keymap {
        static DEFAULTS: OnceLock<Keymap> = OnceLock::new();
        DEFAULTS.get_or_init(|| {
            let mut singles = HashMap::new();
            for row in BINDINGS {
                for name in row.keys {
                    let key = name.parse().unwrap_or_else(|e| panic!("BINDINGS: {e}"));
                    // Earlier rows win; tests/keys.rs proves no row contradicts one.
                    singles
                        .entry((row.context, key))
                        .or_insert(Some(row.action));
                }
            }
            Keymap {
                singles,
                pairs: HashMap::new(),
                prefixes: HashSet::new(),
                added: Vec::new(),
            }
        })
    }

    /// Binds `seq` in `context`, replacing what it did there. A key that
    /// starts a sequence no longer acts alone in that context.
    pub fn bind(&mut self, context: Context, seq: Seq, action: Action) {
        match seq.then {
            None => {
                self.singles.insert((context, seq.first), Some(action));
            }
            Some(then) => {
                self.pairs.insert((context, seq.first, then), action);
                self.prefixes.insert((context, seq.first));
            }
        }
        self.added.push((context, seq, action));
    }

    /// Removes what `seq` does in `context`, or with `None` in every context
    /// a config can name. False if it did nothing there to remove.
    pub fn unbind(&mut self, context: Option<Context>, seq: Seq) -> bool {
        let contexts = match context {
            Some(c) => vec![c],
            None => vec![Everywhere, Panes, List, Article, Overlay],
        };
        let mut found = false;
        for c in contexts {
            let bound = match seq.then {
                None => self
                    .singles
                    .get(&(c, seq.first))
                    .is_some_and(Option::is_some),
                Some(then) => self.pairs.remove(&(c, seq.first, then)).is_some(),
            };
            // Unbinding in the list or article also hides the panes' binding.
            let inherits = matches!(c, List | Article)
                && seq.then.is_none()
                && self
                    .singles
                    .get(&(Panes, seq.first))
                    .is_some_and(Option::is_some);
            if bound || inherits {
                found = true;
                if seq.then.is_none() {
                    self.singles.insert((c, seq.first), None);
                }
            }
            self.added.retain(|(ac, s, _)| !(*ac == c && *s == seq));
        }
        let pairs = &self.pairs;
        self.prefixes
            .retain(|&(c, k)| pairs.keys().any(|&(pc, pk, _)| pc == c && pk == k));
        found
    }

    /// What `key` does in `mode`: the bindings first, then the rule no row
    /// can say (while typing, characters are text).
    pub fn action(&self, key: Key, mode: Mode, focus: Focus) -> Option<Action> {
        // Nothing binds Alt by default, and Alt-j has always meant j.
        let unalted = || {
            key.alt
                .then(|| self.lookup(Key { alt: false, ..key }, mode, focus))?
        };
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
        match self.find(key, mode, focus) {
            Some(found) => found,
            None => unalted().or_else(rule),
        }
    }

    /// Whether `key` starts a sequence here (and so waits for the next key).
    pub fn starts_sequence(&self, key: Key, mode: Mode, focus: Focus) -> bool {
        for &c in Context::search_order(mode, focus) {
            if self.prefixes.contains(&(c, key)) {
                return true;
            }
            if self.singles.contains_key(&(c, key)) {
                return false;
            }
        }
        false
    }

    /// What the sequence `first then` does here.
    pub fn sequence(&self, first: Key, then: Key, mode: Mode, focus: Focus) -> Option<Action> {
        let order = Context::search_order(mode, focus);
        order
            .iter()
            .find_map(|&c| self.pairs.get(&(c, first, then)))
            .copied()
    }

    fn lookup(&self, key: Key, mode: Mode, focus: Focus) -> Option<Action> {
        self.find(key, mode, focus).flatten()
    }

    /// The most specific binding: `Some(None)` when it is unbound there.
    fn find(&self, key: Key, mode: Mode, focus: Focus) -> Option<Option<Action>> {
        let order = Context::search_order(mode, focus);
        let t = &self.singles;
        let exact = || order.iter().find_map(|&c| t.get(&(c, key)));
        let without_ctrl = || {
            let plain = Key { ctrl: false, ..key };
            let loose = order.iter().filter(|c| c.ctrl_optional());
            loose.filter(|_| key.ctrl).find_map(|&c| t.get(&(c, plain)))
        };
        exact().or_else(without_ctrl).copied()
    }

    /// One row per place and action, in table order, then the config's
    /// additions; only keys that still do the row's action are listed.
    pub fn help_rows(&self) -> Vec<HelpRow> {
        let mut rows: Vec<HelpRow> = Vec::new();
        let mut add = |context: Context, seq: Seq, action: Action, name, help| {
            let label = context.label();
            match rows
                .iter_mut()
                .find(|r| r.label == label && r.action == action)
            {
                Some(r) if r.keys.contains(&seq) => {}
                Some(r) => r.keys.push(seq),
                None => rows.push(HelpRow {
                    label,
                    context,
                    keys: vec![seq],
                    action,
                    name,
                    help,
                }),
            }
        };
        for b in BINDINGS {
            for name in b.keys {
                let key: Key = name.parse().expect("tested");
                // A global binding hides the key everywhere else.
                let shadowed =
                    b.context != Everywhere && self.singles.contains_key(&(Everywhere, key));
                let live = self.singles.get(&(b.context, key)) == Some(&Some(b.action))
                    && !self.prefixes.contains(&(b.context, key))
                    && !shadowed;
                if live {
                    add(b.context, Seq::one(key), b.action, b.name, b.help);
                }
            }
        }
        for &(context, seq, action) in &self.added {
            let row = BINDINGS.iter().find(|b| b.action == action);
            let (name, help) = row.map_or(("", ""), |b| (b.name, b.help));
            add(context, seq, action, name, help);
        }
        rows
    }
}

/// What `key` does in `mode` with the default bindings (in the list).
pub fn action_for(key: Key, mode: Mode) -> Option<Action> {
    Keymap::defaults().action(key, mode, Focus::List)
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
    pub context: Context,
    pub keys: Vec<Seq>,
    pub action: Action,
    pub name: &'static str,
    pub help: &'static str,
}

/// The default table grouped by where it applies and by action, in table
/// order; the first row of a group gives its help line.
pub fn help_rows() -> Vec<HelpRow> {
    Keymap::defaults().help_rows()
}

/// README's key table, in Markdown: the defaults.
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
