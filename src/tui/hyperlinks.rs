//! Whether the terminal is known to support OSC 8 hyperlinks (for
//! `--osc8 auto`). Unknown terminals get none: a terminal that does not
//! understand OSC 8 may print it as garbage.

/// Decides from environment variables (`var` looks one up).
pub fn supported(var: impl Fn(&str) -> Option<String>) -> bool {
    let get = |k: &str| var(k).filter(|v| !v.is_empty());
    let term = get("TERM").unwrap_or_default();
    // Multiplexers first: they decide what reaches the outer terminal.
    if get("TMUX").is_some() {
        // tmux forwards hyperlinks from 3.4 on; older ones mangle them.
        return get("TERM_PROGRAM").as_deref() == Some("tmux")
            && get("TERM_PROGRAM_VERSION").is_some_and(|v| version_at_least(&v, 3, 4));
    }
    if get("STY").is_some() || term.starts_with("screen") {
        return false;
    }
    if matches!(term.as_str(), "linux" | "vt100" | "vt220" | "dumb" | "") {
        return false;
    }
    let known_programs = [
        "iTerm.app",
        "WezTerm",
        "vscode",
        "ghostty",
        "Hyper",
        "Tabby",
        "rio",
    ];
    get("TERM_PROGRAM").is_some_and(|p| known_programs.contains(&p.as_str()))
        || get("WT_SESSION").is_some()
        || get("KITTY_WINDOW_ID").is_some()
        || get("KONSOLE_VERSION").is_some()
        || get("VTE_VERSION").is_some_and(|v| v.parse::<u32>().is_ok_and(|n| n >= 5000))
        || ["kitty", "foot", "alacritty", "wezterm", "ghostty"]
            .iter()
            .any(|t| term.contains(t))
}

fn version_at_least(v: &str, major: u32, minor: u32) -> bool {
    let mut parts = v
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let a: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let b: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (a, b) >= (major, minor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> bool {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        supported(|k| owned.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn known_terminals() {
        assert!(with(&[
            ("TERM", "xterm-256color"),
            ("TERM_PROGRAM", "WezTerm")
        ]));
        assert!(with(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7200")]));
        assert!(with(&[("TERM", "xterm-kitty")]));
        assert!(!with(&[("TERM", "xterm-256color")]), "unknown: off");
        assert!(!with(&[("TERM", "linux"), ("VTE_VERSION", "7200")]));
    }

    #[test]
    fn tmux_only_from_3_4_and_never_screen() {
        let tmux = |v: &'static str| {
            with(&[
                ("TERM", "tmux-256color"),
                ("TMUX", "/tmp/t,1,0"),
                ("TERM_PROGRAM", "tmux"),
                ("TERM_PROGRAM_VERSION", v),
            ])
        };
        assert!(!tmux("3.3a"));
        assert!(tmux("3.4"));
        assert!(tmux("3.5a"));
        assert!(!with(&[
            ("TERM", "screen-256color"),
            ("STY", "1.pts"),
            ("VTE_VERSION", "7200")
        ]));
    }
}
