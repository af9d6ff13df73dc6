//! Colours as users write them (names, 0–255, `#rrggbb`), and the same
//! colours brought down to what the terminal can show.

use ratatui::style::{Color, Style};

const NAMES: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("white", Color::Gray),
    ("gray", Color::Gray),
    ("grey", Color::Gray),
    ("bright-black", Color::DarkGray),
    ("dark-gray", Color::DarkGray),
    ("dark-grey", Color::DarkGray),
    ("bright-red", Color::LightRed),
    ("bright-green", Color::LightGreen),
    ("bright-yellow", Color::LightYellow),
    ("bright-blue", Color::LightBlue),
    ("bright-magenta", Color::LightMagenta),
    ("bright-cyan", Color::LightCyan),
    ("bright-white", Color::White),
    ("reset", Color::Reset),
    ("default", Color::Reset),
];

const EXPECTED: &str = "expected a colour name (red, bright-blue, …), 0–255 or #rrggbb";

/// `red`, `bright-blue` (also `bright_blue`, `brightblue`), `reset`/`default`
/// for the terminal's own colour, `0`..`255` for the 256-colour palette, or
/// `#rrggbb`.
pub fn parse_color(s: &str) -> Result<Color, String> {
    let t = s.trim().to_ascii_lowercase().replace('_', "-");
    if let Some(hex) = t.strip_prefix('#') {
        if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let n = u32::from_str_radix(hex, 16).map_err(|_| bad(s))?;
            return Ok(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
        }
        return Err(bad(s));
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return match t.parse::<u8>() {
            Ok(n) => Ok(Color::Indexed(n)),
            Err(_) => Err(bad(s)),
        };
    }
    let squashed = t.replace('-', "");
    NAMES
        .iter()
        .find(|(n, _)| *n == t || n.replace('-', "") == squashed)
        .map(|&(_, c)| c)
        .ok_or_else(|| bad(s))
}

/// As config errors read: what is wrong, then what was expected.
fn bad(s: &str) -> String {
    format!("bad colour {s:?} ({EXPECTED})")
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    Ansi16,
    Ansi256,
    TrueColor,
}

impl ColorDepth {
    /// From `COLORTERM` and `TERM`, the variables terminals set for this;
    /// with neither, only the 16 colours every terminal has.
    pub fn from_env() -> ColorDepth {
        let var = |k| std::env::var(k).unwrap_or_default().to_ascii_lowercase();
        ColorDepth::from_vars(&var("COLORTERM"), &var("TERM"))
    }

    pub fn from_vars(colorterm: &str, term: &str) -> ColorDepth {
        if matches!(colorterm, "truecolor" | "24bit") {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }
}

/// The 16 colours as xterm shows them by default, for the nearest match.
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB value of a palette entry (xterm's cube and grey ramp).
fn indexed_rgb(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => ANSI16[n as usize].1,
        16..=231 => {
            let i = n - 16;
            (
                CUBE[(i / 36) as usize],
                CUBE[(i / 6 % 6) as usize],
                CUBE[(i % 6) as usize],
            )
        }
        _ => {
            let v = 8 + 10 * (n - 232);
            (v, v, v)
        }
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    // Weighted as the eye sees: green counts most, blue least.
    2 * d(a.0, b.0) + 4 * d(a.1, b.1) + 3 * d(a.2, b.2)
}

fn nearest_256(rgb: (u8, u8, u8)) -> u8 {
    (16..=255u8)
        .min_by_key(|&n| distance(rgb, indexed_rgb(n)))
        .unwrap_or(16)
}

fn nearest_16(rgb: (u8, u8, u8)) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, v)| distance(rgb, *v))
        .map(|&(c, _)| c)
        .unwrap_or(Color::Reset)
}

pub fn degrade_color(c: Color, depth: ColorDepth) -> Color {
    match (c, depth) {
        (_, ColorDepth::TrueColor) => c,
        (Color::Rgb(r, g, b), ColorDepth::Ansi256) => Color::Indexed(nearest_256((r, g, b))),
        (Color::Rgb(r, g, b), ColorDepth::Ansi16) => nearest_16((r, g, b)),
        (Color::Indexed(n), ColorDepth::Ansi16) => nearest_16(indexed_rgb(n)),
        _ => c,
    }
}

pub fn degrade_style(s: Style, depth: ColorDepth) -> Style {
    let d = |c: Option<Color>| c.map(|c| degrade_color(c, depth));
    Style {
        fg: d(s.fg),
        bg: d(s.bg),
        underline_color: d(s.underline_color),
        ..s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_entries_map_to_themselves() {
        for n in 16..=255u8 {
            assert_eq!(nearest_256(indexed_rgb(n)), n, "{n}");
        }
        for (i, (c, _)) in ANSI16.iter().enumerate() {
            assert_eq!(
                degrade_color(Color::Indexed(i as u8), ColorDepth::Ansi16),
                *c
            );
        }
    }
}
