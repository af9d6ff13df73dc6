//! Every input the fuzzers found a problem with, replayed against the same
//! properties they check (src/fuzzing.rs). Add new finds under
//! tests/fixtures/fuzz/<target>/; this runs without the fuzzers.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".keep") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{} fails again", path.display());
        n += 1;
    }
    n
}

#[test]
fn render_finds() {
    assert!(replay("render", tidings::fuzzing::check_render) >= 1);
}

#[test]
fn frontmatter_finds() {
    replay("frontmatter", |d| {
        tidings::fuzzing::check_post(d);
    });
}

#[test]
fn query_finds() {
    replay("query", tidings::fuzzing::check_query);
}

#[test]
fn heading_with_a_line_break_is_one_line_in_the_outline() {
    let theme = tidings::markdown::Theme::default();
    let a = tidings::markdown::render(
        "第一行<br>第二行\n---\n\n# a<br>b",
        &tidings::markdown::Options {
            width: 40,
            theme: &theme,
            lang: "zh",
            base_url: None,
        },
    );
    let texts: Vec<&str> = a.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(texts, ["第一行 第二行", "a b"]);
}
