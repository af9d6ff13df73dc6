//! SGR sequences (colours and attributes) for the 16 ANSI colours and the
//! attributes tidings uses; shared by the terminal backend and `--print`.

use ratatui::style::{Color, Modifier};

/// Colours and attributes, as a terminal holds them between characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

/// The terminal's state after a reset.
pub const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// One SGR sequence taking the terminal from `from` to `to`, sending only
/// what changed (a reset first when an attribute must be turned off); empty
/// when nothing changes.
pub fn sgr(from: Pen, to: Pen) -> String {
    let mut codes: Vec<String> = Vec::new();
    let mut from = from;
    if !(from.modifier - to.modifier).is_empty() {
        codes.push("0".into());
        from = PLAIN;
    }
    for (m, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if to.modifier.contains(m) && !from.modifier.contains(m) {
            codes.push(code.into());
        }
    }
    if to.fg != from.fg {
        codes.push(color_code(to.fg, false));
    }
    if to.bg != from.bg {
        codes.push(color_code(to.bg, true));
    }
    if codes.is_empty() {
        String::new()
    } else {
        format!("\x1b[{}m", codes.join(";"))
    }
}

fn color_code(c: Color, bg: bool) -> String {
    let base = if bg { 40 } else { 30 };
    let n = match c {
        Color::Reset => return if bg { "49".into() } else { "39".into() },
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 60,
        Color::LightRed => 61,
        Color::LightGreen => 62,
        Color::LightYellow => 63,
        Color::LightBlue => 64,
        Color::LightMagenta => 65,
        Color::LightCyan => 66,
        Color::White => 67,
        Color::Indexed(i) => return format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => return format!("{};2;{r};{g};{b}", base + 8),
    };
    (base + n).to_string()
}

/// Styled lines as text: with SGR sequences for colours and attributes,
/// or plain; a line per line, trailing spaces trimmed. Text is sanitized
/// again here, the last guard before it reaches a terminal or a file.
pub fn lines_text(lines: &[ratatui::text::Line], color: bool) -> String {
    let mut out = String::new();
    for line in lines {
        let mut text = String::new();
        for span in &line.spans {
            let content = crate::text::sanitize_line(&span.content);
            let style = line.style.patch(span.style);
            let pen = Pen {
                fg: style.fg.unwrap_or(Color::Reset),
                bg: style.bg.unwrap_or(Color::Reset),
                modifier: style.add_modifier,
            };
            let sgr = if color {
                sgr(PLAIN, pen)
            } else {
                String::new()
            };
            if sgr.is_empty() {
                text.push_str(&content);
            } else {
                text.push_str(&format!("{sgr}{content}\x1b[0m"));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_changed() {
        let a = Pen {
            fg: Color::Cyan,
            bg: Color::Reset,
            modifier: Modifier::BOLD,
        };
        assert_eq!(
            sgr(
                a,
                Pen {
                    fg: Color::Yellow,
                    ..a
                }
            ),
            "\x1b[33m"
        );
        assert_eq!(sgr(a, PLAIN), "\x1b[0m");
        assert_eq!(sgr(PLAIN, a), "\x1b[1;36m");
        assert_eq!(sgr(a, a), "");
        assert_eq!(
            sgr(
                PLAIN,
                Pen {
                    fg: Color::DarkGray,
                    ..PLAIN
                }
            ),
            "\x1b[90m"
        );
    }
}
