//! Hidden and unsafe characters in a link, through the outputs that leave
//! the screen: the OSC 52 bytes a copy writes, and the argument the opener
//! receives. The real binary in a pseudo-terminal.

mod common;

use std::time::{Duration, Instant};

use common::pty::Session;

/// Bidi controls, zero-width and other invisible characters, line and
/// paragraph separators, and a lone CR.
const HIDDEN: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
    '\u{2028}', '\u{2029}', '\r', '\u{1b}',
];

fn post(dir: &std::path::Path) {
    std::fs::write(
        dir.join("p.md"),
        "---\ntitle: Hidden\ndate: 2024-01-01\n---\n\n\
         [evil](https://exa\u{200B}mple.org/\u{202E}fdp.exe\u{2066}?q=\u{FEFF}1) and more.\n",
    )
    .unwrap();
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').map(val).collect();
    bytes
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().fold(0u32, |n, &v| (n << 6) | u32::from(v)) << (6 * (4 - c.len()));
            let out = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out[..c.len() - 1].to_vec()
        })
        .collect()
}

fn assert_clean(what: &str, text: &str) {
    for c in HIDDEN {
        assert!(
            !text.contains(*c),
            "{what} holds U+{:04X}: {text:?}",
            *c as u32
        );
    }
}

#[test]
fn a_copied_link_holds_no_hidden_characters() {
    let dir = tempfile::tempdir().unwrap();
    post(dir.path());
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 120, 30);
    s.wait_text("Posts (1)");
    s.keys(b"\ry1\r");
    let start = Instant::now();
    let payload = loop {
        let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
        if let Some(at) = raw.find("\x1b]52;c;") {
            let rest = &raw[at + 7..];
            let end = rest.find(['\x1b', '\x07']).unwrap();
            break String::from_utf8(base64(&rest[..end])).unwrap();
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no OSC 52 written"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_clean("the OSC 52 payload", &payload);
    assert!(payload.starts_with("https://"), "{payload}");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn the_opener_receives_no_hidden_characters() {
    let dir = tempfile::tempdir().unwrap();
    post(dir.path());
    let (script, record) = common::recording_browser(dir.path());
    let posts = dir.path().to_path_buf();
    let browser = script.clone();
    let mut s = Session::start_with(120, 30, move |cmd, state| {
        cmd.arg("--state");
        cmd.arg(state);
        cmd.arg(&posts);
        cmd.env("BROWSER", &browser);
        cmd.env("DISPLAY", ":0");
    });
    s.wait_text("Posts (1)");
    s.keys(b"\rf1\r");
    // Either the cleaned URL is opened, or it is copied (or refused) with
    // a reason instead: never the raw one handed to the opener.
    s.wait_for("the link followed, copied or refused", |t| {
        record.exists() || t.contains("copied [1]") || t.contains("[1]:")
    });
    if record.exists() {
        let got = std::fs::read_to_string(&record).unwrap();
        assert_clean("the opener's argument", &got);
        assert!(got.starts_with("https://"), "{got}");
    } else {
        assert!(
            s.screen().contains("hidden or control characters"),
            "{}",
            s.screen()
        );
    }
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

/// The opener gets the URL as cleaned (a mixed-script host in punycode).
#[test]
fn the_opener_receives_a_mixed_script_host_in_punycode() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.md"),
        "---\ntitle: Homograph\ndate: 2024-01-01\n---\n\n[pay](https://p\u{430}ypal.com/login)\n",
    )
    .unwrap();
    let (script, record) = common::recording_browser(dir.path());
    let posts = dir.path().to_path_buf();
    let mut s = Session::start_with(120, 30, move |cmd, state| {
        cmd.arg("--state");
        cmd.arg(state);
        cmd.arg(&posts);
        cmd.env("BROWSER", &script);
        cmd.env("DISPLAY", ":0");
    });
    s.wait_text("Posts (1)");
    s.keys(b"\rf1\r");
    let start = Instant::now();
    while !record.exists() {
        assert!(start.elapsed() < Duration::from_secs(10), "{}", s.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        "https://xn--pypal-4ve.com/login"
    );
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}
