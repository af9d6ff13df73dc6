//! `tidings config --default`: every setting at its default, with what it
//! takes. Parsed back it is exactly [`Config::default`](super::Config)
//! (tests/config.rs), and README's configuration block is this text.

use super::keys::action_names;

const HEAD: &str = r##"# tidings configuration: $XDG_CONFIG_HOME/tidings/config.toml
# (else ~/.config/tidings/config.toml). Every setting below is the default;
# `tidings config --check` checks a file. Command-line options override it.

# Where posts come from: repeat [[source]] for each folder or file. Paths on
# the command line replace this list; with neither, the built-in sample news.
# [[source]]
# path = "~/news/opengauss"        # a folder or a file; ~ is your home
# name = "openGauss"
# base_url = "https://opengauss.org" # site-relative links (/zh/news/...) and
#                                    # images open and copy as full URLs

[view]
sort = "date"       # date | title | author | unread
reverse = false
group = "none"      # none | category | tag | author | folder | month
ascii = false       # borders and marks in ASCII only (as --ascii)
osc8 = "auto"       # clickable links: auto | always | never (as --osc8)
color = "auto"      # auto | always | never (never: as NO_COLOR)
mouse = false       # capture the mouse (as --mouse)

[theme]
name = "default"    # default | light | dark | mono
# Any style by name; colours are names (blue, bright-red), #rrggbb or 0-255:
# [theme.styles]
# link = { fg = "blue", underline = true }
# code = { fg = "#d0d0d0", bg = "236", bold = false }

# Key bindings, by action name, per context: global (everywhere, even while
# typing: Ctrl- or Alt- keys only), list, article, overlay (the links and
# outline lists). A key or two keys separated by a space ("g g"); a key that
# starts a sequence no longer acts alone there. Key names: j, G, ?, Space,
# Enter, Esc, Tab, Shift-Tab, Backspace, Up, PgDn, Home, F1, Ctrl-d, Alt-Left.
# `unbind` removes defaults: under [keys] everywhere, in a context there.
"##;

const TAIL: &str = r##"[keys]
unbind = []
# [keys.global]
# "Ctrl-q" = "quit"
# [keys.list]
# "x" = "toggle-read"
# "g g" = "top"
# unbind = ["u"]

[programs]
# opener = "firefox"   # for links; else $BROWSER, else xdg-open / open
# editor = "vim"       # else $VISUAL, else $EDITOR
# pager = "less -R"    # else $PAGER

[log]
level = "warn"      # off | error | warn | info | debug | trace (as --log-level)
"##;

/// The commented default config, its list of actions taken from the
/// keymap's table.
pub fn default_text() -> String {
    let mut text = String::from(HEAD);
    text += "# Actions:";
    let mut col = 10;
    for name in action_names() {
        if col + name.len() + 1 > 78 {
            text += "\n#";
            col = 1;
        }
        text += " ";
        text += name;
        col += name.len() + 1;
    }
    text += "\n";
    text + TAIL
}
