//! The config file: the default round-trips, every kind of mistake is
//! reported at its place, `[keys]` changes what keys do (in the app and in
//! the real binary), and README's reference is `config --default`.

mod common;

use std::path::Path;

use common::pty::Session;
use tidings::app::keymap::{Context, Seq};
use tidings::app::{Action, App, Focus, Key, Look, Mode, Msg};
use tidings::config::{self, Config, ConfigError, Group, Sort, When};

fn parse(text: &str) -> Result<Config, Vec<ConfigError>> {
    config::parse(text, Path::new("c.toml"), Some(Path::new("/home/u")))
}

/// The one error `text` gives, as printed.
fn error(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(errors) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            errors[0].to_string()
        }
    }
}

fn k(name: &str) -> Key {
    name.parse().unwrap()
}

#[test]
fn the_default_config_parses_back_to_the_defaults() {
    let cfg = parse(&config::default_text()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(cfg, Config::default());
    assert!(cfg.warnings.is_empty());
    // And it names every action a key can be bound to.
    for b in tidings::app::keymap::BINDINGS {
        if b.context != Context::Typing {
            assert!(config::default_text().contains(b.name), "{}", b.name);
        }
    }
}

#[test]
fn settings_are_read() {
    let cfg = parse(
        r#"
[[source]]
path = "~/news"
name = "openGauss"
base_url = "https://opengauss.org"
[[source]]
path = "/srv/other"
[view]
sort = "title"
reverse = true
group = "month"
osc8 = "never"
[theme.styles]
link = { fg = "bright-red", underline = true }
[programs]
editor = "vim"
"#,
    )
    .unwrap();
    assert_eq!(cfg.sources.len(), 2);
    assert_eq!(cfg.sources[0].path, Path::new("/home/u/news"));
    assert_eq!(
        cfg.sources[0].base_url.as_deref(),
        Some("https://opengauss.org")
    );
    assert_eq!(cfg.sources[1].base_url, None);
    assert_eq!(
        (cfg.view.sort, cfg.view.reverse, cfg.view.group),
        (Sort::Title, true, Group::Month)
    );
    assert_eq!(cfg.view.osc8, When::Never);
    assert_ne!(cfg.theme.link, Config::default().theme.link);
    assert_eq!(cfg.styles[0].0, "link");
    assert_eq!(cfg.programs.editor.as_deref(), Some("vim"));
}

#[test]
fn each_kind_of_mistake_is_named_at_its_place() {
    let cases = [
        // Unknown key.
        (
            "[view]\nsort = \"date\"\ncolour = \"auto\"\n",
            "c.toml:3:1: unknown field `colour`, expected one of",
        ),
        // Wrong type.
        (
            "[view]\nmouse = \"yes\"\n",
            "c.toml:2:9: invalid type: string \"yes\", expected a boolean",
        ),
        // A value not among the choices.
        (
            "[view]\nsort = \"dat\"\n",
            "c.toml:2:8: invalid value: string \"dat\", expected one of \"date\"",
        ),
        // Bad colour.
        (
            "[theme.styles]\nlink = { fg = \"blurple\" }\n",
            "c.toml:2:15: bad colour \"blurple\" (expected",
        ),
        (
            "[theme]\nname = \"neon\"\n",
            "c.toml:2:8: unknown theme \"neon\" (expected one of default",
        ),
        // A key bound to an unknown action: close names offered.
        (
            "[keys.list]\n\"x\" = \"toogle-read\"\n",
            "c.toml:2:7: unknown action \"toogle-read\" (expected an action name; did you mean toggle-read",
        ),
        // An unknown key name: the syntax expected.
        (
            "[keys.list]\n\"Ctl-x\" = \"top\"\n",
            "c.toml:2:1: unknown key \"Ctl-x\": write one character",
        ),
        // Two actions on one key: the same table twice, or globally and
        // somewhere, or alone and as a sequence's start.
        (
            "[keys.list]\n\"x\" = \"top\"\n\"x\" = \"bottom\"\n",
            "c.toml:3:1: duplicate key",
        ),
        (
            "[keys.global]\n\"Ctrl-x\" = \"top\"\n[keys.article]\n\"Ctrl-x\" = \"bottom\"\n",
            "c.toml:4:1: `Ctrl-x` in [keys.article] is also bound by `Ctrl-x` in [keys.global] at line 2",
        ),
        (
            "[keys.list]\n\"g\" = \"top\"\n\"g g\" = \"bottom\"\n",
            "c.toml:3:1: `g g` in [keys.list] is also bound by `g` in [keys.list] at line 2",
        ),
        (
            "[keys]\nunbind = [\"x\"]\n",
            "c.toml:2:10: unbind: `x` is not bound",
        ),
        (
            "[[source]]\npath = \"/x\"\nbase_url = \"opengauss.org\"\n",
            "c.toml:3:12: not an absolute URL (expected one such as https://opengauss.org)",
        ),
        ("[view\n", "c.toml:1:6: "),
    ];
    for (text, want) in cases {
        let got = error(text);
        assert!(got.starts_with(want), "{text}\ngot:  {got}\nwant: {want}…");
    }
}

#[test]
fn columns_count_characters_and_text_is_made_safe() {
    let got = error("[theme]\nname = \"中\x1b[31m\" # é\n");
    assert!(got.starts_with("c.toml:2:"), "{got}");
    let got = error("# 中文注释\n[keys.list]\n\"中\" = \"nope\"\n");
    assert!(got.starts_with("c.toml:3:7: "), "{got}");
    let got = error("[keys.list]\n\"x\" = \"\x1b]52;c;SGk=\x07\"\n");
    assert!(!got.contains('\x1b') && !got.contains('\x07'), "{got:?}");
}

#[test]
fn a_section_from_a_newer_version_warns_and_goes_on() {
    let cfg = parse("[feeds]\nurl = \"x\"\n[view]\nmouse = true\n").unwrap();
    assert!(cfg.view.mouse);
    assert_eq!(cfg.warnings.len(), 1);
    assert!(
        cfg.warnings[0].starts_with("c.toml:1:2: unknown section [feeds]"),
        "{:?}",
        cfg.warnings
    );
    // A plain unknown key at the top is still an error.
    assert!(error("volume = 11\n").starts_with("c.toml:1:1: unknown field `volume`"));
}

#[test]
fn keys_bind_unbind_and_wait_for_sequences() {
    let cfg = parse(
        r#"
[keys]
unbind = ["u"]
[keys.global]
"Ctrl-q" = "quit"
[keys.list]
"x" = "toggle-read"
"g g" = "bottom"
[keys.article]
unbind = ["m"]
"#,
    )
    .unwrap();
    let km = &cfg.keymap;
    let (n, list, art) = (Mode::Normal, Focus::List, Focus::Article);
    assert_eq!(km.action(k("Ctrl-q"), n, list), Some(Action::Quit));
    assert_eq!(
        km.action(k("Ctrl-q"), Mode::Search, list),
        Some(Action::Quit),
        "global keys work while typing"
    );
    assert_eq!(km.action(k("x"), n, list), Some(Action::ToggleRead));
    assert_eq!(km.action(k("x"), n, art), None, "list only");
    assert_eq!(km.action(k("u"), n, list), None, "unbound everywhere");
    assert_eq!(km.action(k("m"), n, list), Some(Action::ToggleRead));
    assert_eq!(km.action(k("m"), n, art), None, "unbound in the article");
    assert!(km.starts_sequence(k("g"), n, list));
    assert!(
        !km.starts_sequence(k("g"), n, art),
        "g alone is still top there"
    );
    assert_eq!(km.action(k("g"), n, art), Some(Action::Top));
    assert_eq!(km.sequence(k("g"), k("g"), n, list), Some(Action::Bottom));

    let rows = km.help_rows();
    let row = |label: Option<&str>, a: Action| {
        rows.iter()
            .find(|r| r.label == label && r.action == a)
            .map(|r| r.keys.clone())
    };
    assert_eq!(
        row(None, Action::Quit).unwrap(),
        [k("Q"), k("Ctrl-c"), k("Ctrl-q")]
    );
    assert_eq!(
        row(None, Action::UnreadOnly),
        None,
        "no keys left: not listed"
    );
    let gg = Seq {
        first: k("g"),
        then: Some(k("g")),
    };
    assert_eq!(row(Some("in the list"), Action::Bottom).unwrap(), [gg]);
}

#[test]
fn a_sequence_in_the_app_waits_and_says_so() {
    let cfg = parse("[keys.list]\n\"g g\" = \"bottom\"\n\"Ctrl-x\" = \"bottom\"\n").unwrap();
    let look = Look {
        theme: cfg.theme.clone(),
        base_url: None,
    };
    let mut app = App::new(tidings::content::load_builtin(), look, 100, 30);
    app.keymap = cfg.keymap.clone();
    let last = app.visible.len() - 1;
    app.update(Msg::Key(k("g")));
    assert_eq!(app.selected, 0, "waits for the second key");
    assert_eq!(app.message.as_deref(), Some("g…"));
    app.update(Msg::Key(k("g")));
    assert_eq!(app.selected, last);
    assert_eq!(app.message, None);
    // A first key then one the sequence does not know: nothing, no wait.
    app.update(Msg::Key(k("g")));
    app.update(Msg::Key(k("j")));
    assert_eq!(app.selected, last);
    assert_eq!(app.pending, None);
    app.update(Msg::Key(k("k")));
    assert_eq!(app.selected, last - 1, "keys work normally again");
}

const BLESS: &str = "TIDINGS_BLESS";
const START: &str = "<!-- config-start: `tidings config --default` -->\n```toml\n";
const END: &str = "```\n<!-- config-end -->";

/// README's configuration reference is `tidings config --default`.
#[test]
fn readme_config_block_is_the_default_config() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the config block ({START:?} … {END:?})");
    };
    let (a, want) = (a + START.len(), config::default_text());
    if std::env::var_os(BLESS).is_some() {
        let fixed = format!("{}{want}{}", &readme[..a], &readme[b..]);
        std::fs::write(path, fixed).unwrap();
        return;
    }
    assert!(
        readme[a..b] == want,
        "README.md's config block is not `tidings config --default`.\n\
         To rewrite it in place: {BLESS}=1 cargo test --test config readme"
    );
}

fn write_config(dir: &Path, text: &str) -> String {
    let file = dir.join("config.toml");
    std::fs::write(&file, text).unwrap();
    file.to_string_lossy().into_owned()
}

/// Each kind of mistake, in the real binary on a real terminal: the
/// message on stderr, status 2, and not one byte of screen setup.
#[test]
fn a_bad_config_stops_before_the_terminal_is_touched() {
    let cases = [
        ("[view]\ncolour = 1\n", ":2:1: unknown field `colour`"),
        ("[view]\nmouse = 1\n", ":2:9: invalid type"),
        (
            "[theme.styles]\nlink = { fg = \"nope\" }\n",
            ":2:15: bad colour",
        ),
        ("[keys.list]\n\"x\" = \"fly\"\n", ":2:7: unknown action"),
        (
            "[keys.list]\n\"x\" = \"top\"\n\"x\" = \"up\"\n",
            ":3:1: duplicate key",
        ),
    ];
    for (text, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = write_config(dir.path(), text);
        let mut s = Session::start(&["--config", &file], 80, 24);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 2, "{text}");
        let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
        assert!(raw.contains(&format!("{file}{want}")), "{text}: {raw:?}");
        assert!(
            !raw.contains('\x1b'),
            "{text}: the terminal was touched: {raw:?}"
        );
        assert!(!s.alternate_screen());
    }
}

#[test]
fn the_usual_config_is_read_and_no_config_skips_it() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("tidings");
    std::fs::create_dir_all(&conf).unwrap();
    write_config(&conf, "[view]\nsort = 3\n");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
            .arg("--list")
            .args(extra)
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_STATE_HOME", dir.path())
            .output()
            .unwrap()
    };
    let bad = run(&[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("tidings/config.toml:2:8: invalid type: integer `3`, expected one of")
    );
    assert!(run(&["--no-config"]).status.success());
}

/// A rebound key works in the real binary and the help lists it; an
/// unbound one does nothing.
#[test]
fn rebound_and_unbound_keys_in_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_config(
        dir.path(),
        "[keys]\nunbind = [\"q\"]\n[keys.global]\n\"Ctrl-x\" = \"quit\"\n[keys.list]\n\"g g\" = \"bottom\"\n",
    );
    let mut s = Session::start(&["--config", &file], 100, 30);
    s.wait_text("Posts (10)");
    s.keys(b"q");
    s.keys(b"g");
    s.wait_text("g…");
    s.keys(b"g");
    s.wait_text("10/10");
    assert!(s.alternate_screen(), "q is unbound: still running");
    s.keys(b"?");
    s.wait_text(" Keys ");
    let help = s.screen();
    assert!(help.contains("Ctrl-x"), "{help}");
    assert!(help.contains("g g (list)"), "{help}");
    s.keys(b"\x1b");
    s.wait_for("the help to close", |sc| !sc.contains(" Keys "));
    s.keys(b"\x18"); // Ctrl-x
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!s.alternate_screen());
}

#[test]
fn the_log_rotates_and_stays_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log");
    let mut log = tidings::log::Rotating::open(path.clone(), 100).unwrap();
    for i in 0..50 {
        log.write(format!("line {i:03} .........\n").as_bytes())
            .unwrap();
    }
    let size = |p: &Path| std::fs::metadata(p).unwrap().len();
    let old = dir.path().join("log.1");
    assert!(size(&path) <= 100 && size(&old) <= 100);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.ends_with("line 049 .........\n"), "{text}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "two files kept"
    );
}
