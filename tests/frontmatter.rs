//! Front matter as real sites accept it, read through the loader: each
//! fixture is written byte for byte (BOMs, tabs and CRLFs stay visible
//! here), loaded from a folder, and checked for what the reader shows.

use std::path::Path;

use tidings::content::{self, Format, Library, Post};

/// Loads a folder holding `files` (name, exact text).
fn load(files: &[(&str, &str)]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let lib = content::load(&[dir.path().to_path_buf()]);
    (dir, lib)
}

fn one(name: &str, text: &str) -> Post {
    let (_dir, lib) = load(&[(name, text)]);
    assert_eq!(lib.posts.len(), 1);
    lib.posts.into_iter().next().unwrap()
}

fn warnings(p: &Post) -> Vec<String> {
    p.warnings.iter().map(|w| w.to_string()).collect()
}

/// The post read cleanly: its title and date came from the front matter.
fn clean(p: &Post, title: &str, shown: &str) {
    assert_eq!(p.title, title, "{:?}", warnings(p));
    assert_eq!(p.date.map(|d| d.day_string()).as_deref(), Some(shown));
    assert!(p.warnings.is_empty(), "{:?}", warnings(p));
    assert!(!p.body.contains("title"), "front matter left in the body");
}

#[test]
fn month_only_dates() {
    let p = one("m.md", "---\ntitle: October\ndate: 2022-10\n---\nText.\n");
    clean(&p, "October", "2022-10");
    let d = p.date.unwrap();
    assert!(d.month_only);
    assert_eq!(d.day.to_string(), "2022-10-01", "sorts as the 1st");
    assert_eq!(d.iso(), "2022-10");
    let quoted = one("q.md", "+++\ntitle = 'Q'\ndate = '2022/9'\n+++\n");
    clean(&quoted, "Q", "2022-09");
}

#[test]
fn dates_with_zones_show_the_writers_day_and_sort_by_instant() {
    let (_dir, lib) = load(&[
        (
            "beijing.md",
            "---\ntitle: Beijing\ndate: 2022-10-08T10:30:00+08:00\n---\n",
        ),
        (
            "compact.md",
            "---\ntitle: Compact\ndate: 2022-10-08 09:00:00 +0800\n---\n",
        ),
        (
            "utc.md",
            "---\ntitle: Utc\ndate: 2022-10-08T02:00:00Z\n---\n",
        ),
        (
            "ny.md",
            "---\ntitle: NewYork\ndate: 2022-10-07T22:40:00-04:00\n---\n",
        ),
    ]);
    let titles: Vec<&str> = lib.posts.iter().map(|p| p.title.as_str()).collect();
    // Instants: NewYork 02:40Z, Beijing 02:30Z, Utc 02:00Z, Compact 01:00Z.
    assert_eq!(titles, ["NewYork", "Beijing", "Utc", "Compact"]);
    let shown: Vec<String> = lib.posts.iter().map(|p| p.date.unwrap().iso()).collect();
    assert_eq!(
        shown,
        [
            "2022-10-07T22:40:00",
            "2022-10-08T10:30:00",
            "2022-10-08T02:00:00",
            "2022-10-08T09:00:00"
        ]
    );
    assert_eq!(lib.posts[1].date.unwrap().offset, Some(8 * 3600));
    assert!(lib.all_warnings().next().is_none());
}

#[test]
fn dates_with_slashes() {
    let p = one("s.md", "---\ntitle: S\ndate: 2022/10/8\n---\n");
    clean(&p, "S", "2022-10-08");
    let t = one("t.md", "---\ntitle: T\ndate: 2022/10/08 10:30\n---\n");
    clean(&t, "T", "2022-10-08");
    assert_eq!(t.date.unwrap().iso(), "2022-10-08T10:30:00");
}

#[test]
fn bom_blank_lines_and_comments_before_the_fence() {
    let bom = one(
        "bom.md",
        "\u{feff}---\ntitle: Bom\ndate: 2022-10-08\n---\nBody.\n",
    );
    clean(&bom, "Bom", "2022-10-08");
    assert_eq!(bom.body, "Body.\n");
    let blank = one(
        "blank.md",
        "\n\n  \n---\ntitle: Blank\ndate: 2022-10-08\n---\n",
    );
    clean(&blank, "Blank", "2022-10-08");
    let comment = one(
        "comment.md",
        "\u{feff}<!--\n  Licensed under CC BY 4.0.\n-->\n\n<!-- more -->\n+++\ntitle = 'Comment'\ndate = 2022-10-08\n+++\nBody.\n",
    );
    clean(&comment, "Comment", "2022-10-08");
    assert_eq!(comment.format, Format::Toml);
    assert_eq!(comment.body, "Body.\n");
    assert_eq!(comment.body_line, 10);
}

#[test]
fn fences_with_trailing_spaces_and_tabs_and_crlf() {
    let yaml = one(
        "y.md",
        "--- \t\r\ntitle: Yaml\r\ndate: 2022-10-08\r\n---\t\r\nBody.\r\n",
    );
    clean(&yaml, "Yaml", "2022-10-08");
    assert_eq!(yaml.body, "Body.\r\n");
    let toml = one(
        "t.md",
        "+++\t\r\ntitle = \"Toml\"\r\ndate = \"2022-10-08\"\r\n+++  \r\nBody.\r\n",
    );
    clean(&toml, "Toml", "2022-10-08");
}

#[test]
fn errors_after_a_preamble_name_the_files_line() {
    let p = one(
        "broken.md",
        "<!-- a\n  b -->\n\n---\ntitle: Broken\ndate: [2022\n---\nBody.\n",
    );
    assert_eq!(p.title, "Broken", "salvaged");
    let w = &p.warnings[0];
    assert!(w.file.ends_with("broken.md"), "{w}");
    let line = w.line.expect("a line");
    assert!((6..=7).contains(&line), "the bad date is on line 6: {w}");
    assert_eq!(p.body, "Body.\n");
}

#[test]
fn untitled_posts_are_named_after_their_files() {
    let (_dir, lib) = load(&[
        (
            "2022-10-08-release-notes.md",
            "---\ndate: 2022-10-08\n---\nText.\n",
        ),
        ("2022-10-10-launch/index.md", "Only text.\n"),
        (
            "with-heading.md",
            "---\ndate: 2022-10-11\n---\n# The heading\n",
        ),
    ]);
    let title = |id: &str| {
        let p = lib.posts.iter().find(|p| Path::new(&p.id).ends_with(id));
        p.unwrap_or_else(|| panic!("no {id}")).title.clone()
    };
    assert_eq!(title("2022-10-08-release-notes.md"), "release notes");
    assert_eq!(title("index.md"), "launch");
    assert_eq!(
        title("with-heading.md"),
        "The heading",
        "a heading comes first"
    );
}

#[test]
fn noise_around_a_file_name_is_not_part_of_its_title() {
    // Folder scans pass over `x.md ` (its extension is `md `), so it is
    // named on the command line, as a user would.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("  My Post (1).md ");
    std::fs::write(&file, "---\ndate: 2022-10-09\n---\nText.\n").unwrap();
    let lib = content::load(&[file]);
    assert_eq!(lib.posts[0].title, "My Post (1)");
}

#[test]
fn a_rule_after_blank_lines_is_body_without_a_warning() {
    let p = one("rule.md", "\n---\n\nText after a rule.\n");
    assert_eq!(p.format, Format::None);
    assert!(p.body.contains("Text after a rule."));
    assert!(
        !warnings(&p).iter().any(|w| w.contains("never closed")),
        "{:?}",
        warnings(&p)
    );
}
