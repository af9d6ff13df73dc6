//! The built-in themes. `default` is the reader's original look in the 16
//! ANSI colours; `light` and `dark` use the 256-colour and true-colour
//! palettes for a light or a dark background; `mono` uses no colour at all.

use ratatui::style::{Color, Modifier, Style};

use super::{Symbols, Theme};

/// The built-in themes, by the names `--theme` and the config take.
pub const THEME_NAMES: &[&str] = &["default", "light", "dark", "mono"];

pub fn by_name(name: &str) -> Option<Theme> {
    match name {
        "default" => Some(default()),
        "light" => Some(light()),
        "dark" => Some(dark()),
        "mono" => Some(mono()),
        _ => None,
    }
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
const ITALIC: Style = Style::new().add_modifier(Modifier::ITALIC);
const UNDERLINED: Style = Style::new().add_modifier(Modifier::UNDERLINED);
const REVERSED: Style = Style::new().add_modifier(Modifier::REVERSED);

pub fn default() -> Theme {
    let accent = fg(Color::Cyan);
    Theme {
        headings: [
            BOLD.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            BOLD.fg(Color::Cyan),
            BOLD.fg(Color::Blue),
            BOLD,
            BOLD,
            BOLD,
        ],
        heading_marker: fg(Color::DarkGray),
        emphasis: ITALIC,
        strong: BOLD,
        strike: Style::new().add_modifier(Modifier::CROSSED_OUT),
        underline: UNDERLINED,
        code: fg(Color::Yellow),
        code_block: fg(Color::Yellow),
        code_mark: fg(Color::DarkGray),
        quote: fg(Color::Green),
        list_marker: accent,
        link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
        link_number: accent,
        image: fg(Color::Magenta),
        footnote: accent,
        rule: fg(Color::DarkGray),
        table_border: fg(Color::DarkGray),
        table_header: BOLD,
        dim: Style::new().add_modifier(Modifier::DIM),
        title: BOLD.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
        meta: Style::new().add_modifier(Modifier::DIM),
        code_keyword: fg(Color::Magenta),
        code_string: fg(Color::Green),
        code_comment: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
        code_number: fg(Color::Red),
        code_function: fg(Color::Blue),
        code_type: fg(Color::Cyan),
        code_macro: fg(Color::LightMagenta),
        code_operator: Style::new(),
        read: Style::new(),
        unread: BOLD,
        selection: REVERSED,
        border: fg(Color::DarkGray),
        border_focused: BOLD.fg(Color::Cyan),
        pane_title: Style::new().add_modifier(Modifier::DIM),
        pane_title_focused: BOLD.fg(Color::Cyan).add_modifier(Modifier::REVERSED),
        overlay: accent,
        help_key: accent,
        status: REVERSED,
        input: REVERSED,
        find_match: REVERSED,
        find_current: REVERSED.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        search_hit: BOLD.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
        symbols: Symbols::unicode(),
    }
}

/// Bold, italic, underline and reverse only: for terminals and readers
/// that do without colour. Code shows keywords bold and comments italic.
pub fn mono() -> Theme {
    let mut t = default().without_color();
    t.code = BOLD;
    t.code_block = Style::new();
    t.code_keyword = BOLD;
    t.code_type = BOLD;
    t.code_macro = BOLD;
    t.code_comment = ITALIC;
    t.quote = ITALIC;
    t.link_number = BOLD;
    t.find_current = REVERSED.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    t
}

/// Dark text in a few deep colours, for a light background.
pub fn light() -> Theme {
    let rgb = |r, g, b| fg(Color::Rgb(r, g, b));
    let blue = rgb(0x1f, 0x4f, 0xa8);
    let teal = rgb(0x00, 0x6b, 0x75);
    let grey = rgb(0x8a, 0x8a, 0x8a);
    Theme {
        headings: [
            BOLD.patch(rgb(0x8b, 0x1a, 0x6b)),
            BOLD.patch(blue),
            BOLD.patch(teal),
            BOLD,
            BOLD,
            BOLD,
        ],
        heading_marker: grey,
        code: rgb(0x9a, 0x4d, 0x00),
        code_block: rgb(0x3b, 0x3b, 0x3b),
        code_mark: grey,
        quote: rgb(0x2e, 0x6b, 0x2e),
        list_marker: teal,
        link: blue.add_modifier(Modifier::UNDERLINED),
        link_number: teal,
        image: rgb(0x8b, 0x1a, 0x6b),
        footnote: teal,
        rule: rgb(0xbb, 0xbb, 0xbb),
        table_border: rgb(0xbb, 0xbb, 0xbb),
        title: BOLD.patch(rgb(0x8b, 0x1a, 0x6b)),
        meta: rgb(0x6a, 0x6a, 0x6a),
        code_keyword: rgb(0xa6, 0x26, 0xa4),
        code_string: rgb(0x50, 0xa1, 0x4f),
        code_comment: rgb(0xa0, 0xa1, 0xa7).add_modifier(Modifier::ITALIC),
        code_number: rgb(0x98, 0x68, 0x01),
        code_function: rgb(0x40, 0x78, 0xf2),
        code_type: rgb(0xc1, 0x84, 0x01),
        code_macro: rgb(0x01, 0x84, 0xbc),
        code_operator: rgb(0x38, 0x3a, 0x42),
        border: rgb(0xbb, 0xbb, 0xbb),
        border_focused: BOLD.patch(teal),
        pane_title: rgb(0x6a, 0x6a, 0x6a),
        pane_title_focused: BOLD
            .fg(Color::Rgb(0xff, 0xff, 0xff))
            .bg(Color::Rgb(0x00, 0x6b, 0x75)),
        overlay: teal,
        help_key: teal,
        status: Style::new()
            .fg(Color::Rgb(0x20, 0x20, 0x20))
            .bg(Color::Rgb(0xdd, 0xdd, 0xdd)),
        input: Style::new()
            .fg(Color::Rgb(0x20, 0x20, 0x20))
            .bg(Color::Rgb(0xf0, 0xe0, 0xa0)),
        selection: Style::new().bg(Color::Rgb(0xd0, 0xe4, 0xf5)),
        find_match: Style::new().bg(Color::Rgb(0xf5, 0xe6, 0x9a)),
        find_current: BOLD.bg(Color::Rgb(0xf0, 0xa0, 0x30)),
        search_hit: BOLD
            .fg(Color::Rgb(0x8b, 0x45, 0x00))
            .add_modifier(Modifier::UNDERLINED),
        ..default()
    }
}

/// Soft colours on a dark background (after One Dark).
pub fn dark() -> Theme {
    let rgb = |r, g, b| fg(Color::Rgb(r, g, b));
    let blue = rgb(0x61, 0xaf, 0xef);
    let cyan = rgb(0x56, 0xb6, 0xc2);
    let grey = rgb(0x5c, 0x63, 0x70);
    Theme {
        headings: [
            BOLD.patch(rgb(0xe0, 0x6c, 0x75)),
            BOLD.patch(blue),
            BOLD.patch(cyan),
            BOLD,
            BOLD,
            BOLD,
        ],
        heading_marker: grey,
        code: rgb(0xe5, 0xc0, 0x7b),
        code_block: rgb(0xab, 0xb2, 0xbf),
        code_mark: grey,
        quote: rgb(0x98, 0xc3, 0x79),
        list_marker: cyan,
        link: blue.add_modifier(Modifier::UNDERLINED),
        link_number: cyan,
        image: rgb(0xc6, 0x78, 0xdd),
        footnote: cyan,
        rule: grey,
        table_border: grey,
        title: BOLD.patch(rgb(0xe0, 0x6c, 0x75)),
        meta: rgb(0x8b, 0x92, 0x9e),
        code_keyword: rgb(0xc6, 0x78, 0xdd),
        code_string: rgb(0x98, 0xc3, 0x79),
        code_comment: rgb(0x7f, 0x84, 0x8e).add_modifier(Modifier::ITALIC),
        code_number: rgb(0xd1, 0x9a, 0x66),
        code_function: blue,
        code_type: rgb(0xe5, 0xc0, 0x7b),
        code_macro: cyan,
        code_operator: rgb(0xab, 0xb2, 0xbf),
        border: grey,
        border_focused: BOLD.patch(cyan),
        pane_title: rgb(0x8b, 0x92, 0x9e),
        pane_title_focused: BOLD
            .fg(Color::Rgb(0x28, 0x2c, 0x34))
            .bg(Color::Rgb(0x56, 0xb6, 0xc2)),
        overlay: cyan,
        help_key: cyan,
        status: Style::new()
            .fg(Color::Rgb(0xab, 0xb2, 0xbf))
            .bg(Color::Rgb(0x3e, 0x44, 0x51)),
        input: Style::new()
            .fg(Color::Rgb(0x28, 0x2c, 0x34))
            .bg(Color::Rgb(0xe5, 0xc0, 0x7b)),
        selection: Style::new().bg(Color::Rgb(0x3e, 0x44, 0x51)),
        find_match: Style::new()
            .fg(Color::Rgb(0x28, 0x2c, 0x34))
            .bg(Color::Rgb(0x98, 0xc3, 0x79)),
        find_current: BOLD
            .fg(Color::Rgb(0x28, 0x2c, 0x34))
            .bg(Color::Rgb(0xe5, 0xc0, 0x7b)),
        search_hit: BOLD
            .fg(Color::Rgb(0xe5, 0xc0, 0x7b))
            .add_modifier(Modifier::UNDERLINED),
        ..default()
    }
}
