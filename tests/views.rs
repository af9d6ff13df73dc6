//! The list's search ranking, long searches in steps, sort, groups and the
//! `:` command line, driven through `update` with no terminal.

mod common;

use std::path::Path;

use common::settle;

use tidings::app::{App, Effect, GroupBy, Key, Look, Mode, Msg, Row, SortBy};
use tidings::content;
use tidings::markdown::Theme;

fn write(dir: &Path, name: &str, front: &str, body: &str) {
    std::fs::write(dir.join(name), format!("---\n{front}\n---\n\n{body}\n")).unwrap();
}

fn open(dir: &Path) -> App {
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    let mut app = App::new(content::load(&[dir.to_path_buf()]), look, 120, 40);
    app.render_inline = usize::MAX;
    app
}

/// Keys as the help writes them, space-separated; `Space` for a space.
/// Searches are answered at once, as the search worker would.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys.split_whitespace() {
        let key: Key = k.parse().unwrap_or_else(|_| panic!("unknown key {k}"));
        let asked = app.update(Msg::Key(key));
        effects.extend(settle(app, asked));
    }
    effects
}

/// A key without answering its search.
fn press_only(app: &mut App, key: &str) -> Vec<Effect> {
    app.update(Msg::Key(key.parse().unwrap()))
}

fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let name = if c == ' ' {
            "Space".into()
        } else {
            c.to_string()
        };
        effects.extend(press(app, &name));
    }
    effects
}

fn titles(app: &App) -> Vec<String> {
    app.visible
        .iter()
        .map(|&i| app.lib.posts[i].title.clone())
        .collect()
}

/// What the list shows, row by row: `# name` for a header.
fn rows(app: &App) -> Vec<String> {
    app.rows
        .iter()
        .map(|r| match *r {
            Row::Post(v) => app.lib.posts[app.visible[v]].title.clone(),
            Row::Group(g) => format!("# {}", app.groups[g].name),
        })
        .collect()
}

fn ranking_corpus(dir: &Path) {
    // Dates make the list order (newest first) differ from the ranking.
    write(
        dir,
        "a.md",
        "title: Old notes\ndate: 2024-01-05",
        "mvcc once.",
    );
    write(
        dir,
        "b.md",
        "title: MVCC explained\ndate: 2024-01-01",
        "nothing else.",
    );
    write(
        dir,
        "c.md",
        "title: Many\ndate: 2024-01-02",
        "mvcc mvcc mvcc MVCC.",
    );
    write(
        dir,
        "d.md",
        "title: Unrelated\ndate: 2024-01-09",
        "other words.",
    );
    write(
        dir,
        "e.md",
        "title: Also once\ndate: 2024-01-07",
        "MVCC here.",
    );
}

#[test]
fn search_results_are_ranked_title_then_hits_then_newest() {
    let dir = tempfile::tempdir().unwrap();
    ranking_corpus(dir.path());
    let mut a = open(dir.path());
    assert_eq!(
        titles(&a),
        [
            "Unrelated",
            "Also once",
            "Old notes",
            "Many",
            "MVCC explained"
        ],
        "newest first before searching"
    );
    press(&mut a, "/");
    type_text(&mut a, "mvcc");
    assert_eq!(
        titles(&a),
        ["MVCC explained", "Many", "Also once", "Old notes"],
        "the title hit, then four hits, then one hit each, newest first"
    );
    assert_eq!(a.selected, 0, "the best result is selected");
    // The snippet line of a body hit is the line the reader sees.
    let v = titles(&a).iter().position(|t| t == "Many").unwrap();
    let line = a.snippets[v].clone().expect("a body hit");
    assert_eq!(line, "mvcc mvcc mvcc MVCC.");
    assert_eq!(a.search_terms(), ["mvcc"]);
}

#[test]
fn phrases_exclusions_and_or_through_the_search_box() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "title: A\ndate: 2024-01-03",
        "rolling upgrade of the cluster",
    );
    write(
        dir.path(),
        "b.md",
        "title: B\ndate: 2024-01-02",
        "upgrade, then rolling back",
    );
    write(
        dir.path(),
        "c.md",
        "title: C\ndate: 2024-01-01",
        "社区 周报 beta",
    );
    let mut a = open(dir.path());
    press(&mut a, "/");
    type_text(&mut a, "\"rolling upgrade\"");
    assert_eq!(titles(&a), ["A"]);
    press(&mut a, "Esc /");
    type_text(&mut a, "upgrade -back");
    assert_eq!(titles(&a), ["A"]);
    press(&mut a, "Esc /");
    type_text(&mut a, "cluster OR 周报");
    assert_eq!(titles(&a), ["A", "C"]);
    press(&mut a, "Esc /");
    type_text(&mut a, "-rolling");
    assert_eq!(titles(&a), ["C"]);
}

#[test]
fn a_long_search_shows_results_in_steps_and_a_newer_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let n = 9000;
    for i in 0..n {
        let word = if i % 1000 == 7 { "needle" } else { "hay" };
        let front = format!("title: P{i:05}\ndate: 2020-01-01T00:00:{:02}", i % 60);
        write(dir.path(), &format!("p{i:05}.md"), &front, word);
    }
    let mut a = open(dir.path());
    press(&mut a, "/");
    for c in "needl".chars() {
        press_only(&mut a, &c.to_string());
    }
    let effects = press_only(&mut a, "e");
    let search = effects
        .iter()
        .find(|e| matches!(e, Effect::Search { .. }))
        .expect("the text is searched on the worker");
    assert_eq!(a.searching, Some((0, n)), "nothing checked yet");
    // The worker answers a step at a time.
    let steps = tidings::jobs::search::answer(search);
    let later = tidings::jobs::search::LATER_STEP;
    assert_eq!(
        steps.len(),
        1 + (n - tidings::jobs::search::STEP).div_ceil(later)
    );
    let mut steps = steps.into_iter();
    a.update(steps.next().unwrap());
    let (done, total) = a.searching.expect("still searching");
    assert!(done < total && total == n, "{done}/{total}");
    let early = a.visible.len();
    assert!(early < 9, "only the first step's hits yet: {early}");
    // Keys are answered between steps.
    press_only(&mut a, "Down");
    assert_eq!(a.mode, Mode::Search);
    for msg in steps {
        a.update(msg);
    }
    assert_eq!(a.searching, None);
    assert_eq!(a.visible.len(), 9, "every hit in the end");
    // An answer to an older search changes nothing.
    let old = tidings::jobs::search::answer(search);
    press(&mut a, "Backspace");
    let shown = a.visible.len();
    for msg in old {
        a.update(msg);
    }
    assert_eq!(a.visible.len(), shown, "stale hits are dropped");
}

fn grouped_corpus(dir: &Path) {
    write(
        dir,
        "a.md",
        "title: Beta release\ndate: 2024-03-01\ncategories: [release]\ntags: [db, beta]\nauthor: Zoe",
        "a",
    );
    write(
        dir,
        "b.md",
        "title: alpha notes\ndate: 2024-02-01\ncategories: [meetup]\ntags: [db]\nauthor: Anna",
        "b",
    );
    write(
        dir,
        "c.md",
        "title: Gamma release\ndate: 2024-02-15\ncategories: [release]\nauthor: Li",
        "c",
    );
    write(dir, "d.md", "title: 社区周报\ndate: 2023-12-31", "d");
}

#[test]
fn sort_by_title_author_unread_and_reverse() {
    let dir = tempfile::tempdir().unwrap();
    grouped_corpus(dir.path());
    let mut a = open(dir.path());
    press(&mut a, ":");
    assert_eq!(a.mode, Mode::Command);
    type_text(&mut a, "sort title");
    press(&mut a, "Enter");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.view.sort, SortBy::Title);
    assert_eq!(
        titles(&a),
        ["alpha notes", "Beta release", "Gamma release", "社区周报"]
    );
    assert_eq!(a.message.as_deref(), Some("sorted by title"));
    press(&mut a, ":");
    type_text(&mut a, "sort reverse");
    press(&mut a, "Enter");
    assert_eq!(
        titles(&a),
        ["社区周报", "Gamma release", "Beta release", "alpha notes"]
    );
    press(&mut a, ":");
    type_text(&mut a, "sort author");
    press(&mut a, "Enter");
    assert_eq!(
        titles(&a),
        ["社区周报", "alpha notes", "Gamma release", "Beta release"]
    );
    // Unread first: read the newest post, then sort.
    press(&mut a, ":");
    type_text(&mut a, "sort date");
    press(&mut a, "Enter m :");
    type_text(&mut a, "sort unread");
    press(&mut a, "Enter");
    assert_eq!(
        titles(&a).last().unwrap(),
        "Beta release",
        "the read one last"
    );
    press(&mut a, ":");
    type_text(&mut a, "sort sideways");
    press(&mut a, "Enter");
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .starts_with("sort by what? sideways")
    );
    assert_eq!(a.view.sort, SortBy::Unread, "a bad sort changes nothing");
}

#[test]
fn groups_have_headers_with_counts_and_fold() {
    let dir = tempfile::tempdir().unwrap();
    grouped_corpus(dir.path());
    let mut a = open(dir.path());
    press(&mut a, ":");
    type_text(&mut a, "group category");
    press(&mut a, "Enter");
    assert_eq!(a.view.group, GroupBy::Category);
    assert_eq!(
        rows(&a),
        [
            "# meetup",
            "alpha notes",
            "# release",
            "Beta release",
            "Gamma release",
            "# (no category)",
            "社区周报"
        ]
    );
    // Enter on a header folds it; the header stays selected.
    press(&mut a, "j j");
    assert_eq!(a.selected_group().unwrap().name, "release");
    press(&mut a, "Enter");
    assert_eq!(
        rows(&a),
        [
            "# meetup",
            "alpha notes",
            "# release",
            "# (no category)",
            "社区周报"
        ]
    );
    assert_eq!(a.selected, 2);
    assert_eq!(
        a.groups[1].posts.len(),
        2,
        "the folded group still counts its posts"
    );
    // M on a header marks its group's posts, folded or not.
    press(&mut a, "M");
    assert_eq!(a.message.as_deref(), Some("marked 2 posts read (U undoes)"));
    assert_eq!(a.unread(), 2);
    press(&mut a, "U Enter");
    assert_eq!(a.unread(), 4);
    assert_eq!(rows(&a).len(), 7, "unfolded again");
    // By tag a post shows under each of its tags.
    press(&mut a, ":");
    type_text(&mut a, "group tag");
    press(&mut a, "Enter");
    assert_eq!(
        rows(&a),
        [
            "# beta",
            "Beta release",
            "# db",
            "Beta release",
            "alpha notes",
            "# (no tag)",
            "Gamma release",
            "社区周报"
        ]
    );
    press(&mut a, ":");
    type_text(&mut a, "group month");
    press(&mut a, "Enter");
    let headers: Vec<String> = rows(&a)
        .into_iter()
        .filter(|r| r.starts_with('#'))
        .collect();
    assert_eq!(
        headers,
        ["# 2024-03", "# 2024-02", "# 2023-12"],
        "newest month first"
    );
    press(&mut a, ":");
    type_text(&mut a, "group none");
    press(&mut a, "Enter");
    assert!(a.groups.is_empty() && rows(&a).len() == 4);
}

#[test]
fn the_view_is_saved_with_the_marks_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    grouped_corpus(dir.path());
    let mut a = open(dir.path());
    press(&mut a, ":");
    type_text(&mut a, "group category");
    let effects = press(&mut a, "Enter");
    let saved = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save(delta) => delta.view.clone(),
            _ => None,
        })
        .expect("the view goes to the save worker");
    assert_eq!(
        (saved.group.as_str(), saved.sort.as_str()),
        ("category", "date")
    );
    press(&mut a, "j j Enter");
    let marks = a.marks.clone();
    assert_eq!(marks.view.as_ref().unwrap().folded, ["release"]);
    let mut b = open(dir.path());
    b.set_marks(marks);
    assert_eq!(b.view.group, GroupBy::Category);
    assert_eq!(rows(&b), rows(&a), "the same rows, the folded group folded");
}

#[test]
fn the_command_line_completes_runs_actions_and_remembers() {
    let dir = tempfile::tempdir().unwrap();
    grouped_corpus(dir.path());
    let mut a = open(dir.path());
    press(&mut a, ":");
    type_text(&mut a, "so");
    press(&mut a, "Tab");
    assert_eq!(
        a.input, "sort ",
        "one completion, with room for its argument"
    );
    type_text(&mut a, "ti");
    press(&mut a, "Tab");
    assert_eq!(a.input, "sort title");
    press(&mut a, "Enter");
    // Tab with several choices: their common start, then each in turn.
    press(&mut a, ":");
    type_text(&mut a, "next");
    press(&mut a, "Tab");
    assert_eq!(a.input, "next-");
    press(&mut a, "Tab");
    let first = a.input.clone();
    press(&mut a, "Tab");
    assert_ne!(a.input, first, "the next choice");
    assert!(a.input.starts_with("next-"));
    press(&mut a, "Esc");
    assert_eq!(a.mode, Mode::Normal);
    // Any action by its keymap name.
    press(&mut a, ":");
    type_text(&mut a, "toggle-star");
    press(&mut a, "Enter");
    assert_eq!(a.message.as_deref(), Some("starred"));
    press(&mut a, ":");
    type_text(&mut a, "frobnicate");
    press(&mut a, "Enter");
    assert_eq!(
        a.message.as_deref(),
        Some("no command frobnicate (Tab lists them)")
    );
    // Up walks back through what was run.
    press(&mut a, ":");
    press(&mut a, "Up");
    assert_eq!(a.input, "frobnicate");
    press(&mut a, "Up Up");
    assert_eq!(a.input, "sort title");
    press(&mut a, "Down");
    assert_eq!(a.input, "toggle-star");
    press(&mut a, "Backspace Esc");
    // Backspace on an empty line leaves it, as in vim.
    press(&mut a, ": Backspace");
    assert_eq!(a.mode, Mode::Normal);
}
