//! Stand-ins for the theme API being built in `markdown::theme` on another
//! branch, so this one builds and tests: replaced at merge by
//! markdown::theme (delete this file; import the same names from
//! `crate::markdown`). Only what the config needs, with the same signatures.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::markdown::Theme;

pub const THEME_NAMES: &[&str] = &["default", "light", "dark", "mono"];

pub const STYLE_NAMES: &[&str] = &[
    "emphasis",
    "strong",
    "code",
    "quote",
    "link",
    "link-number",
    "image",
    "rule",
    "dim",
];

#[derive(Deserialize, Default, Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    Mono,
    Ansi16,
    Ansi256,
    TrueColor,
}

const NAMED: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("white", Color::Gray),
    ("gray", Color::DarkGray),
    ("bright-red", Color::LightRed),
    ("bright-green", Color::LightGreen),
    ("bright-yellow", Color::LightYellow),
    ("bright-blue", Color::LightBlue),
    ("bright-magenta", Color::LightMagenta),
    ("bright-cyan", Color::LightCyan),
    ("bright-white", Color::White),
];

pub fn parse_color(s: &str) -> Result<Color, String> {
    if let Some((_, c)) = NAMED.iter().find(|(n, _)| *n == s) {
        return Ok(*c);
    }
    if let Some(hex) = s.strip_prefix('#').filter(|h| h.len() == 6)
        && let Ok(v) = u32::from_str_radix(hex, 16)
    {
        return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    if let Ok(n) = s.parse::<u8>() {
        return Ok(Color::Indexed(n));
    }
    Err(format!(
        "bad colour {s:?} (expected a name such as blue or bright-red, \
         #rrggbb, or 0 to 255)"
    ))
}

impl Theme {
    pub fn builtin(name: &str) -> Option<Theme> {
        THEME_NAMES.contains(&name).then(Theme::default)
    }

    pub fn set_style(&mut self, name: &str, spec: &StyleSpec) -> Result<(), String> {
        let slot = match name {
            "emphasis" => &mut self.emphasis,
            "strong" => &mut self.strong,
            "code" => &mut self.code,
            "quote" => &mut self.quote,
            "link" => &mut self.link,
            "link-number" => &mut self.link_number,
            "image" => &mut self.image,
            "rule" => &mut self.rule,
            "dim" => &mut self.dim,
            _ => return Err(format!("unknown style {name:?}")),
        };
        let mut style = Style::new();
        if let Some(fg) = &spec.fg {
            style = style.fg(parse_color(fg)?);
        }
        if let Some(bg) = &spec.bg {
            style = style.bg(parse_color(bg)?);
        }
        for (on, m) in [
            (spec.bold, Modifier::BOLD),
            (spec.italic, Modifier::ITALIC),
            (spec.underline, Modifier::UNDERLINED),
            (spec.reversed, Modifier::REVERSED),
            (spec.dim, Modifier::DIM),
        ] {
            if on == Some(true) {
                style = style.add_modifier(m);
            }
        }
        *slot = style;
        Ok(())
    }

    pub fn degrade(self, _depth: ColorDepth) -> Theme {
        self
    }
}
