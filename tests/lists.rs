//! The list on the real binary in a pty: search that matches only what
//! the reader sees (phrases, exclusions, OR, hits highlighted), `:sort`,
//! `:group` with counts, and a folded group.

mod common;

use common::pty::Session;

fn write(dir: &std::path::Path, name: &str, front: &str, body: &str) {
    std::fs::write(dir.join(name), format!("---\n{front}\n---\n\n{body}\n")).unwrap();
}

fn corpus(dir: &std::path::Path) {
    write(
        dir,
        "img.md",
        "title: Picture post\ndate: 2024-03-05\ncategories: [media]",
        "<img src=\"a/logo.png\" style=\"zorbwidth:40px\" alt=\"社区标志\"> see [the site](https://quixote.example.org/page)",
    );
    write(
        dir,
        "upgrade.md",
        "title: Rolling upgrade guide\ndate: 2024-03-04\ncategories: [release]",
        "How a rolling upgrade keeps 集群 up.",
    );
    write(
        dir,
        "back.md",
        "title: Rollback notes\ndate: 2024-03-03\ncategories: [release]",
        "An upgrade, then rolling back to the old version.",
    );
    write(
        dir,
        "weekly.md",
        "title: 社区周报\ndate: 2024-03-02\ncategories: [news]",
        "本周：quixote 项目发布。",
    );
    write(
        dir,
        "alpha.md",
        "title: Alpha meetup\ndate: 2024-03-01\ncategories: [news]",
        "Meetup notes.",
    );
}

/// Types a search (after clearing the last one) and waits for the list
/// to show `count` posts.
fn search(s: &mut Session, query: &str, count: usize) {
    // `/` shows the last search; Esc clears it. Waited for, so the Esc
    // is not read with the next key as an Alt chord.
    s.keys(b"/\x1b");
    s.wait_text("Posts (5)");
    s.keys(b"/");
    s.keys(query.as_bytes());
    s.keys(b"\r");
    let want = format!("Posts ({count} of 5)");
    s.wait_for(&format!("{want} after searching {query}"), |t| {
        t.contains(&want)
    });
}

#[test]
fn search_matches_what_the_reader_sees_with_phrases_exclusions_and_or() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 120, 30);
    s.wait_text("Posts (5)");

    // Words only inside an <img style> or a link's URL are not text.
    s.keys(b"/zorbwidth\r");
    s.wait_text("no posts match");
    // quixote is in a URL of one post and in the text of another.
    search(&mut s, "quixote", 1);
    assert!(s.screen().contains("社区周报"), "{}", s.screen());
    assert!(!s.screen().contains("Picture post"), "{}", s.screen());
    // The alt text is text.
    search(&mut s, "社区标志", 1);

    // A phrase, an exclusion, and OR.
    search(&mut s, "\"rolling upgrade\"", 1);
    assert!(s.screen().contains("Rolling upgrade guide"));
    search(&mut s, "upgrade -back", 1);
    assert!(s.screen().contains("Rolling upgrade guide"));
    search(&mut s, "集群 OR 周报", 2);
    let screen = s.screen();
    assert!(screen.contains("Rolling upgrade guide") && screen.contains("社区周报"));

    // Ranked: the title hit first; the hit highlighted in the title.
    search(&mut s, "rolling", 2);
    let screen = s.screen();
    let first = screen.find("Rolling upgrade guide").unwrap();
    let second = screen.find("Rollback notes").unwrap();
    assert!(first < second, "title hit first:\n{screen}");
    // In the list (after the marks), not the article's heading.
    let (bold, underline, _, _) = s.attrs_of("● Rolling upgrade", 2).expect("title shown");
    assert!(bold && underline, "the term is highlighted");
    let (_, underline, _, _) = s.attrs_of("● Rolling upgrade", 10).unwrap();
    assert!(!underline, "the rest of the title is not");
    // The snippet line is the text's line with the hit.
    assert!(screen.contains("then rolling back"), "{screen}");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn sort_by_title_group_by_category_with_counts_and_fold() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 40);
    s.wait_text("Posts (5)");

    s.keys(b":sort ti\t\r");
    s.wait_text("sorted by title");
    let screen = s.screen();
    let order: Vec<usize> = [
        "Alpha meetup",
        "Picture post",
        "Rollback notes",
        "Rolling upgrade",
        "社区周报",
    ]
    .iter()
    .map(|t| {
        screen
            .find(t)
            .unwrap_or_else(|| panic!("{t} missing:\n{screen}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "by title:\n{screen}");

    // Read one release post, then group by category.
    s.keys(b"jjm");
    s.wait_text("marked read");
    s.keys(b":group category\r");
    s.wait_text("grouped by category");
    let screen = s.screen();
    for header in ["media (1/1)", "news (2/2)", "release (1/2)"] {
        assert!(screen.contains(header), "{header}:\n{screen}");
    }
    // Fold the release group: its posts go, its header stays.
    s.keys(b"g");
    for _ in 0..5 {
        s.keys(b"j");
    }
    s.wait_for("the release header selected", |t| t.contains("6/8"));
    s.keys(b"\r");
    s.wait_for("release folded", |t| {
        !t.contains("Rollback notes") && t.contains("release (1/2)")
    });
    assert!(s.screen().contains("▸ release"), "{}", s.screen());
    s.keys(b"Q");
    assert!(s.wait_exit().success());

    // The view is remembered with the reading state.
    let state = std::fs::read_to_string(s.state_file()).unwrap();
    assert!(state.contains("\"group\":\"category\""), "{state}");
    let again = Session::start_with(100, 40, |cmd, _| {
        cmd.arg("--state");
        cmd.arg(s.state_file());
        cmd.arg(dir.path());
    });
    again.wait_text("release (1/2)");
    assert!(!again.screen().contains("Rollback notes"), "still folded");
}
