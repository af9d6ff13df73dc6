//! Copying with OSC 52, so the text reaches the clipboard of the computer
//! the reader sits at, even over ssh. Inside tmux or screen the sequence is
//! wrapped for passthrough (tmux needs `allow-passthrough on`, or
//! `set-clipboard on` to take OSC 52 itself).

use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;

use crate::app::Mux;

/// The bytes that put `text` on the clipboard.
pub fn osc52(text: &str, mux: Mux) -> String {
    let mut seq = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text).write_ansi(&mut seq);
    match mux {
        Mux::None => seq,
        // tmux: DCS tmux; <sequence with every ESC doubled> ST
        Mux::Tmux => format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b")),
        // screen: DCS <sequence> ST (screen passes DCS content through).
        Mux::Screen => format!("\x1bP{seq}\x1b\\"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sequence() {
        assert_eq!(
            osc52("https://x.org/a", Mux::None),
            "\x1b]52;c;aHR0cHM6Ly94Lm9yZy9h\x1b\\"
        );
    }

    #[test]
    fn tmux_doubles_escapes_inside_its_passthrough() {
        assert_eq!(
            osc52("hi", Mux::Tmux),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x1b\x1b\\\x1b\\"
        );
    }

    #[test]
    fn screen_wraps_in_dcs() {
        assert_eq!(osc52("hi", Mux::Screen), "\x1bP\x1b]52;c;aGk=\x1b\\\x1b\\");
    }

    #[test]
    fn chinese_text_is_base64_of_its_utf8() {
        assert_eq!(osc52("中", Mux::None), "\x1b]52;c;5Lit\x1b\\");
    }
}
