//! Daily reading habits on the real binary: next/previous unread, Space
//! through an article into the next unread, q by levels and Q.

mod common;

use common::pty::Session;

fn posts(dir: &std::path::Path, n: usize, long: bool) {
    for i in 0..n {
        let mut body = format!("第 {i} 篇的正文。Body of post {i}.\n\n");
        if long {
            for l in 0..120 {
                body.push_str(&format!("Line {l} of post {i}, 第 {l} 行。\n\n"));
            }
        }
        // Newest first: post 0 on top.
        std::fs::write(
            dir.join(format!("p{i:02}.md")),
            format!(
                "---\ntitle: Post {i:02}\ndate: 2024-01-01T{:02}:00:00\n---\n\n{body}",
                23 - i
            ),
        )
        .unwrap();
    }
}

#[test]
fn n_and_p_walk_the_unread_posts_and_say_when_none_is_left() {
    let dir = tempfile::tempdir().unwrap();
    posts(dir.path(), 20, false);
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 120, 30);
    s.wait_text("Posts (20)");
    // Leave posts 2, 6, 10, 14 and 18 unread.
    let unread = [2, 6, 10, 14, 18];
    let mut keys = Vec::new();
    for i in 0..20 {
        if !unread.contains(&i) {
            keys.push(b'm');
        }
        keys.push(b'j');
    }
    keys.push(b'g');
    s.keys(&keys);
    s.wait_text("5 unread");
    for (k, &i) in unread.iter().enumerate() {
        s.keys(b"n");
        s.wait_text(&format!("{} unread left", 4 - k));
        s.wait_for(&format!("Post {i:02} open"), |t| {
            t.contains(&format!("{}/20", i + 1))
        });
    }
    s.keys(b"n");
    s.wait_text("no unread posts left");
    s.keys(b"p");
    s.wait_text("no unread posts left");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn space_pages_through_an_article_into_the_next_unread() {
    let dir = tempfile::tempdir().unwrap();
    posts(dir.path(), 3, true);
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 30);
    s.wait_text("Posts (3)");
    s.keys(b"\r");
    s.wait_text("2 unread");
    // Space by Space: each pages down (the status line's position moves)
    // until, at the end, one opens the next unread post.
    let status = |s: &Session| s.screen().lines().last().unwrap_or("").to_owned();
    for _ in 0..30 {
        if status(&s).contains("2/3") {
            break;
        }
        let before = status(&s);
        s.keys(b" ");
        s.wait_for("the page to move", |t| {
            t.lines().last() != Some(before.as_str())
        });
    }
    assert!(status(&s).contains("2/3"), "{}", s.screen());
    s.wait_text("Body of post 1.");
    s.wait_text("1 unread left");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn q_leaves_one_level_and_capital_q_quits_from_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    posts(dir.path(), 3, false);
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 30);
    s.wait_text("Posts (3)");
    s.keys(b"\rL");
    s.wait_text(" Links");
    s.keys(b"q");
    s.wait_for("the links list closed", |t| !t.contains(" Links "));
    assert!(s.screen().contains("f follow"), "still in the article");
    s.keys(b"q");
    s.wait_text("Enter open");
    assert!(
        s.alternate_screen(),
        "q in the article went back to the list"
    );
    s.keys(b"\rQ");
    let status = s.wait_exit();
    assert!(status.success());
    assert!(!s.alternate_screen());
}

#[test]
fn links_to_posts_and_headings_jump_and_backspace_returns() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "Filler line.\n\n".repeat(40);
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "---\ntitle: Start here\ndate: 2024-02-02\n---\n\n\
             [other](b.md#second-part) [中文](#结尾小节) [ascii](#the-end)\n\n{filler}\
             # 结尾小节\n\nChinese heading reached.\n\n{filler}# The End\n\nASCII heading reached.\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        format!("---\ntitle: Other post\ndate: 2024-01-01\n---\n\n# First\n\n{filler}# Second part\n\nSecond part reached.\n"),
    )
    .unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 20);
    s.wait_text("Posts (2)");
    s.keys(b"\rjj");
    // The article's title line scrolled away (the list still shows it).
    s.wait_for("scrolled two lines", |t| {
        t.lines()
            .nth(1)
            .is_some_and(|l| l.matches("Start here").count() == 1)
    });
    let place = s.screen();
    // Another post, at its heading.
    s.keys(b"f1\r");
    s.wait_text("Second part reached.");
    s.wait_text("2/2");
    // Back: the same post at the same line.
    s.keys(b"\x7f");
    s.wait_text("1/2");
    // The article pane (right of its heavy border) as it was.
    let pane = |t: &str| -> Vec<String> {
        t.lines()
            .skip(1)
            .take(10)
            .map(|l| l.split_once('┃').map_or("", |(_, r)| r).to_owned())
            .collect()
    };
    let before = pane(&place);
    s.wait_for("the same place", |t| pane(t) == before);
    // Headings in this post, Chinese and ASCII.
    s.keys(b"f2\r");
    s.wait_text("Chinese heading reached.");
    s.keys(b"f3\r");
    s.wait_text("ASCII heading reached.");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

fn rendered(md: &str) -> tidings::markdown::Article {
    let theme = tidings::markdown::Theme::default();
    let opts = tidings::markdown::Options {
        width: 40,
        theme: &theme,
        lang: "en",
        base_url: None,
    };
    tidings::markdown::render(md, &opts)
}

fn line_text(a: &tidings::markdown::Article, i: usize) -> String {
    a.lines[i]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect()
}

#[test]
fn html_ids_and_names_become_anchors_at_their_lines() {
    let md = "First paragraph.\n\n\
              Second paragraph, long enough to wrap onto more lines, with \
              <span id=\"mid\">a target</span> in its middle.\n\n\
              <a name=\"名字\"></a>\n\n\
              Named target.\n\n\
              <div id=\"box\">\n\nIn the box.\n\n</div>\n\n\
              <h2 id=\"html-heading\">HTML heading</h2>\n\n\
              <a id=\"bad\u{1b}[31m\" name=\"\"></a>tail\n";
    let a = rendered(md);
    let line_of = |id: &str| {
        a.anchors
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, l)| *l)
            .unwrap_or_else(|| panic!("no anchor {id:?} in {:?}", a.anchors))
    };
    let ids: Vec<&str> = a.anchors.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(ids[..4], ["mid", "名字", "box", "html-heading"]);
    // The escape is gone before the id reaches anything.
    assert!(ids[4].starts_with("bad") && !ids[4].contains('\u{1b}'));
    // The paragraph's first line, though the tag is on a later one.
    assert_eq!(line_of("mid"), 2);
    assert!(line_text(&a, 2).starts_with("Second paragraph"));
    assert!(!line_text(&a, 2).contains("target"), "wrapped past line 2");
    // A lone tag: the blank line above the text that follows it; a block
    // tag: its first line of text.
    assert_eq!(line_text(&a, line_of("名字") + 1), "Named target.");
    assert_eq!(line_text(&a, line_of("box")), "In the box.");
    assert_eq!(line_text(&a, line_of("html-heading")), "HTML heading");
    // Moved down with the text when [TOC] puts the outline above it.
    let toc = rendered("[TOC]\n\n# One\n\n## Two\n\nSee <span id=\"s\">this</span>.\n");
    let (_, at) = toc.anchors[0];
    assert_eq!(line_text(&toc, at), "See this.");
}

#[test]
fn links_jump_to_html_anchors_here_and_in_another_post() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "Filler line.\n\n".repeat(40);
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "---\ntitle: Start here\ndate: 2024-02-02\n---\n\n\
             [here](#target) [there](b.md#名字) [missing](#nowhere)\n\n{filler}\
             Text before <a id=\"target\"></a>the target reached.\n\n{filler}"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        format!(
            "---\ntitle: Other post\ndate: 2024-01-01\n---\n\n{filler}\
             <a name=\"名字\"></a>\n\n名字 target reached.\n\n{filler}"
        ),
    )
    .unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 20);
    s.wait_text("Posts (2)");
    s.keys(b"\r");
    s.wait_text("here[1]");
    s.keys(b"f1\r");
    // At the target: its line is the article pane's first.
    s.wait_for("the target at the top", |t| {
        t.lines()
            .nth(1)
            .is_some_and(|l| l.contains("Text before the target reached."))
    });
    s.keys(b"\x7f");
    s.wait_text("missing[3]");
    s.keys(b"f3\r");
    s.wait_text("no heading or anchor #nowhere");
    s.keys(b"f2\r");
    s.wait_text("2/2");
    s.wait_for("the named target near the top", |t| {
        t.lines()
            .skip(1)
            .take(2)
            .any(|l| l.contains("名字 target reached."))
    });
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}
