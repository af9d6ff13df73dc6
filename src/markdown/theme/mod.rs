//! Styles and symbols for articles and the reader's screen. The default
//! theme keeps to the 16 ANSI colours and bold/italic/underline/reverse, so
//! it reads on any background and over any ssh client; every distinction
//! also shows without colour. Other built-in themes and user overrides go
//! through [`Theme::set_style`] by the kebab-case names in [`STYLE_NAMES`].

mod builtin;
mod color;

use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;

pub use builtin::THEME_NAMES;
pub use color::{ColorDepth, parse_color};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub headings: [Style; 6],
    pub heading_marker: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub strike: Style,
    pub underline: Style,
    pub code: Style,
    pub code_block: Style,
    pub code_mark: Style,
    pub quote: Style,
    pub list_marker: Style,
    pub link: Style,
    pub link_number: Style,
    pub image: Style,
    pub footnote: Style,
    pub rule: Style,
    pub table_border: Style,
    pub table_header: Style,
    pub dim: Style,
    /// The article's title and the metadata line under it (and under each
    /// title in the list).
    pub title: Style,
    pub meta: Style,
    /// Tokens in highlighted code, patched over `code_block`.
    pub code_keyword: Style,
    pub code_string: Style,
    pub code_comment: Style,
    pub code_number: Style,
    pub code_function: Style,
    pub code_type: Style,
    pub code_macro: Style,
    pub code_operator: Style,
    /// The list's titles, read and unread, and the selected entry or
    /// overlay row (patched over what it selects).
    pub read: Style,
    pub unread: Style,
    pub selection: Style,
    /// Pane frames and their titles, unfocused and focused.
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    /// The frame of the help, links and outline overlays; keys in the help.
    pub overlay: Style,
    pub help_key: Style,
    /// The status line, and the search box while typing in it.
    pub status: Style,
    pub input: Style,
    /// Find matches in the article, and the current one.
    pub find_match: Style,
    pub find_current: Style,
    /// Search terms found, in the list's titles and snippet lines.
    pub search_hit: Style,
    pub symbols: Symbols,
}

/// Characters used for structure; [`Symbols::ascii`] for `--ascii`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbols {
    pub bullets: [&'static str; 3],
    pub quote_bar: &'static str,
    pub rule: &'static str,
    /// Starts a code line that continues one too wide for the pane.
    pub continuation: &'static str,
    pub task_done: &'static str,
    pub task_open: &'static str,
    /// Between date, author, tags and category, and between key hints.
    pub separator: &'static str,
    /// Ends text cut to fit (one column in Unicode, three in ASCII: a cut
    /// must measure it with `text::width`).
    pub ellipsis: &'static str,
    /// Where typed text goes in a search box or prompt.
    pub cursor: &'static str,
    /// Table borders: horizontal, vertical, and the corners/junctions
    /// top-left, top, top-right, left, cross, right, bottom-left, bottom,
    /// bottom-right.
    pub h: &'static str,
    pub v: &'static str,
    pub joints: [&'static str; 9],
    /// Before a notice that the reader is not seeing everything.
    pub warning: &'static str,
    /// The list's marks: the selected row, an unread post, a starred one.
    pub selected: &'static str,
    pub unread: &'static str,
    pub starred: &'static str,
    /// Pane and overlay borders: the focused pane's, and the others'.
    pub border_focused: border::Set<'static>,
    pub border: border::Set<'static>,
    /// Names for the arrow keys in the help: down, up, left, right.
    pub arrows: [&'static str; 4],
    /// Before a group's name in the list: folded, and open.
    pub folded: &'static str,
    pub unfolded: &'static str,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    pub fn unicode() -> Symbols {
        Symbols {
            bullets: ["•", "◦", "▪"],
            quote_bar: "│",
            rule: "─",
            continuation: "↪",
            task_done: "[x]",
            task_open: "[ ]",
            separator: " · ",
            ellipsis: "…",
            cursor: "▏",
            h: "─",
            v: "│",
            joints: ["┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘"],
            warning: "⚠",
            selected: "▌",
            unread: "●",
            starred: "★",
            border_focused: border::THICK,
            border: border::PLAIN,
            arrows: ["↓", "↑", "←", "→"],
            folded: "▸",
            unfolded: "▾",
        }
    }

    pub fn ascii() -> Symbols {
        Symbols {
            bullets: ["*", "-", "+"],
            quote_bar: "|",
            rule: "-",
            continuation: ">",
            task_done: "[x]",
            task_open: "[ ]",
            separator: " - ",
            ellipsis: "...",
            cursor: "_",
            h: "-",
            v: "|",
            joints: ["+", "+", "+", "+", "+", "+", "+", "+", "+"],
            warning: "!",
            selected: ">",
            unread: "*",
            starred: "+",
            border_focused: ASCII_BORDER,
            border: ASCII_BORDER,
            arrows: ["Down", "Up", "Left", "Right"],
            folded: "+",
            unfolded: "-",
        }
    }
}

/// One style as a user's theme gives it: only what is set changes.
#[derive(Debug, Clone, Default, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StyleSpec {
    pub fg: Option<String>,
    pub bg: Option<String>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub reversed: Option<bool>,
    pub dim: Option<bool>,
}

impl StyleSpec {
    /// `base` with this spec's settings on top; a bad colour is an error
    /// naming it.
    pub fn apply(&self, base: Style) -> Result<Style, String> {
        let mut s = base;
        if let Some(c) = &self.fg {
            s.fg = Some(parse_color(c)?);
        }
        if let Some(c) = &self.bg {
            s.bg = Some(parse_color(c)?);
        }
        for (set, m) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.dim, Modifier::DIM),
        ] {
            s = match set {
                Some(true) => s.remove_modifier(m).add_modifier(m),
                Some(false) => s.remove_modifier(m),
                None => s,
            };
        }
        Ok(s)
    }
}

/// The overridable styles: one name, one field. `STYLE_NAMES`, lookup and
/// the whole-theme maps are made from this one table, so they cannot drift.
macro_rules! style_table {
    ($($name:literal => $field:ident $([$i:literal])?;)*) => {
        /// Every style a user theme can set, by its kebab-case name.
        pub const STYLE_NAMES: &[&str] = &[$($name),*];

        impl Theme {
            pub fn style(&self, name: &str) -> Option<Style> {
                Some(match name {
                    $($name => self.$field $([$i])?,)*
                    _ => return None,
                })
            }

            fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
                Some(match name {
                    $($name => &mut self.$field $([$i])?,)*
                    _ => return None,
                })
            }

            fn map_styles(mut self, f: impl Fn(Style) -> Style) -> Theme {
                $(self.$field $([$i])? = f(self.$field $([$i])?);)*
                self
            }
        }
    };
}

style_table! {
    "title" => title;
    "meta" => meta;
    "heading1" => headings[0];
    "heading2" => headings[1];
    "heading3" => headings[2];
    "heading4" => headings[3];
    "heading5" => headings[4];
    "heading6" => headings[5];
    "heading-marker" => heading_marker;
    "emphasis" => emphasis;
    "strong" => strong;
    "strike" => strike;
    "underline" => underline;
    "code" => code;
    "code-block" => code_block;
    "code-mark" => code_mark;
    "code-keyword" => code_keyword;
    "code-string" => code_string;
    "code-comment" => code_comment;
    "code-number" => code_number;
    "code-function" => code_function;
    "code-type" => code_type;
    "code-macro" => code_macro;
    "code-operator" => code_operator;
    "quote" => quote;
    "list-marker" => list_marker;
    "link" => link;
    "link-number" => link_number;
    "image" => image;
    "footnote" => footnote;
    "rule" => rule;
    "table-border" => table_border;
    "table-header" => table_header;
    "dim" => dim;
    "read" => read;
    "unread" => unread;
    "selection" => selection;
    "border" => border;
    "border-focused" => border_focused;
    "pane-title" => pane_title;
    "pane-title-focused" => pane_title_focused;
    "overlay" => overlay;
    "help-key" => help_key;
    "status" => status;
    "input" => input;
    "find-match" => find_match;
    "find-current" => find_current;
    "search-hit" => search_hit;
}

impl Default for Theme {
    /// Today's look: the 16 ANSI colours.
    fn default() -> Theme {
        builtin::default()
    }
}

impl Theme {
    /// A built-in theme by name (one of [`THEME_NAMES`]).
    pub fn builtin(name: &str) -> Option<Theme> {
        builtin::by_name(name)
    }

    /// Sets one style (named as in [`STYLE_NAMES`]) over what the theme
    /// has: `fg` alone changes only the colour.
    pub fn set_style(&mut self, name: &str, spec: &StyleSpec) -> Result<(), String> {
        let slot = self.style_mut(name).ok_or_else(|| {
            format!(
                "unknown style {name:?}; styles are: {}",
                STYLE_NAMES.join(", ")
            )
        })?;
        *slot = spec
            .apply(*slot)
            .map_err(|e| format!("style {name:?}: {e}"))?;
        Ok(())
    }

    /// Colours the terminal cannot show replaced by the nearest it can.
    pub fn degrade(self, depth: ColorDepth) -> Theme {
        self.map_styles(|s| color::degrade_style(s, depth))
    }

    /// The same structure with every colour taken out (`NO_COLOR`).
    pub fn without_color(&self) -> Theme {
        let mut t = self.clone().map_styles(|s| {
            // A background marks a region (selection, status line): reverse
            // video keeps it marked.
            let s = match s.bg {
                Some(_) => s.add_modifier(Modifier::REVERSED),
                None => s,
            };
            Style {
                fg: None,
                bg: None,
                underline_color: None,
                ..s
            }
        });
        // The current match differed from the others by its colour.
        if self.find_current.fg.is_some() || self.find_current.bg.is_some() {
            t.find_current = t.find_current.add_modifier(Modifier::UNDERLINED);
        }
        t
    }

    pub fn with_symbols(mut self, symbols: Symbols) -> Theme {
        self.symbols = symbols;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_symbols_are_ascii() {
        let s = Symbols::ascii();
        let b = [s.border, s.border_focused];
        let all = [
            &s.bullets[..],
            &[
                s.quote_bar,
                s.rule,
                s.continuation,
                s.task_done,
                s.task_open,
            ],
            &[s.separator, s.ellipsis, s.cursor, s.h, s.v, s.warning],
            &[s.selected, s.unread, s.starred],
            &s.joints[..],
            &s.arrows[..],
            &b.map(|b| b.top_left),
            &b.map(|b| b.horizontal_top),
            &b.map(|b| b.vertical_left),
            &b.map(|b| b.bottom_right),
        ];
        for sym in all.concat() {
            assert!(sym.is_ascii(), "{sym:?}");
        }
    }
}
