//! Styles and symbols for rendered articles. Only the 16 ANSI colours and
//! bold/italic/underline/reverse, so it reads on any background and over any
//! ssh client; every distinction also shows without colour.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

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

impl Default for Theme {
    fn default() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            headings: [
                bold.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
                bold.fg(Color::Cyan),
                bold.fg(Color::Blue),
                bold,
                bold,
                bold,
            ],
            heading_marker: Style::new().fg(Color::DarkGray),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: bold,
            strike: Style::new().add_modifier(Modifier::CROSSED_OUT),
            underline: Style::new().add_modifier(Modifier::UNDERLINED),
            code: Style::new().fg(Color::Yellow),
            code_block: Style::new().fg(Color::Yellow),
            code_mark: Style::new().fg(Color::DarkGray),
            quote: Style::new().fg(Color::Green),
            list_marker: Style::new().fg(Color::Cyan),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_number: Style::new().fg(Color::Cyan),
            image: Style::new().fg(Color::Magenta),
            footnote: Style::new().fg(Color::Cyan),
            rule: Style::new().fg(Color::DarkGray),
            table_border: Style::new().fg(Color::DarkGray),
            table_header: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            search_hit: bold.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            symbols: Symbols::unicode(),
        }
    }
}

impl Theme {
    /// The same structure with every colour taken out (`NO_COLOR`).
    pub fn without_color(&self) -> Theme {
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        let mut t = self.clone();
        t.headings = t.headings.map(strip);
        for s in [
            &mut t.heading_marker,
            &mut t.emphasis,
            &mut t.strong,
            &mut t.strike,
            &mut t.underline,
            &mut t.code,
            &mut t.code_block,
            &mut t.code_mark,
            &mut t.quote,
            &mut t.list_marker,
            &mut t.link,
            &mut t.link_number,
            &mut t.image,
            &mut t.footnote,
            &mut t.rule,
            &mut t.table_border,
            &mut t.table_header,
            &mut t.dim,
            &mut t.search_hit,
        ] {
            *s = strip(*s);
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
