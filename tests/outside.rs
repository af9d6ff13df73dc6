//! The article outside the reader, on the real binary in a pty: `e` runs
//! the editor on the post's file at the line shown, `|` pipes the article
//! to a command, `w` writes it to a file and asks before replacing one.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::Session;

/// A post long enough to scroll, with a line to find in the editor.
fn post(dir: &Path) -> std::path::PathBuf {
    let mut body = String::from("# 开头\n\nFirst paragraph.\n\n");
    for i in 0..60 {
        body.push_str(&format!("Paragraph number {i:02} says 第 {i} 段。\n\n"));
    }
    let path = dir.join("post.md");
    std::fs::write(
        &path,
        format!("---\ntitle: Long post\ndate: 2024-05-01\n---\n\n{body}"),
    )
    .unwrap();
    path
}

/// A script that records its arguments and input into `out`.
fn recorder(dir: &Path, out: &Path) -> std::path::PathBuf {
    let body = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.args'\ncat > '{0}.input'\n",
        out.display()
    );
    common::script(&dir.join("record.sh"), &body)
}

/// The reader on `dir` (None: the built-in posts) with an editor (and
/// no $VISUAL to take precedence), or a pager.
fn reader(dir: Option<&Path>, var: &str, program: &std::ffi::OsStr) -> Session {
    Session::start_with(100, 30, |cmd, state| {
        cmd.env(var, program);
        cmd.env_remove("VISUAL");
        cmd.arg("--state");
        cmd.arg(state);
        if let Some(dir) = dir {
            cmd.arg(dir);
        }
    })
}

/// `w`, the prompt (showing `prompt`), the suggested name erased,
/// `path` typed, Enter.
fn save_to(s: &mut Session, prompt: &str, path: &Path) {
    s.keys(b"w");
    s.wait_text(prompt);
    s.keys(&[0x7f; 8]);
    s.keys(path.to_str().unwrap().as_bytes());
    s.keys(b"\r");
}

fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{} never written", path.display());
}

#[test]
fn e_opens_the_editor_at_the_line_shown_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = post(dir.path());
    let out = dir.path().join("editor");
    // The editor records its arguments, then changes the title.
    let editor = common::script(
        &dir.path().join("editor.sh"),
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.args'\nsed -i 's/^title: Long post/title: Edited post/' \"$2\"\n",
            out.display()
        ),
    );
    let mut s = reader(Some(dir.path()), "EDITOR", editor.as_os_str());
    s.wait_text("Posts (1)");
    // Scroll into the middle: the find puts paragraph 30 in view.
    s.keys(b"\r");
    s.wait_text("Paragraph number 00");
    s.keys(b"/Paragraph number 30\r");
    s.wait_text("match 1/1");
    // The first paragraph from the top of the pane (a blank line may
    // come first).
    let screen = s.screen();
    let shown = screen
        .lines()
        .skip(1)
        .take(3)
        .find_map(|l| l.split("Paragraph number ").nth(1))
        .map(|r| format!("Paragraph number {}", &r[..2]))
        .unwrap_or_else(|| panic!("a paragraph at the top:\n{screen}"));
    s.keys(b"e");
    let args = wait_file(&dir.path().join("editor.args"));
    let text = std::fs::read_to_string(&file).unwrap();
    let want = text.lines().position(|l| l.contains(&shown)).unwrap() + 1;
    let lines: Vec<&str> = args.lines().collect();
    assert_eq!(lines[0], format!("+{want}"), "the line shown: {args}");
    assert!(Path::new(lines[1]).ends_with("post.md"), "{args}");
    // Back in the reader, redrawn, and the edited post read again.
    s.wait_text("Edited post");
    assert!(s.alternate_screen());
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn pipe_sends_the_article_and_w_writes_it_asking_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    post(dir.path());
    let out = dir.path().join("piped");
    let script = recorder(dir.path(), &out);
    let mut s = reader(Some(dir.path()), "PAGER", script.as_os_str());
    s.wait_text("Posts (1)");
    // $PAGER is offered first; as the pager, it is not waited after.
    s.keys(b"|");
    s.wait_text("pipe to:");
    s.keys(b"\r");
    let input = wait_file(&dir.path().join("piped.input"));
    assert!(input.contains("Long post") && input.contains("Paragraph number 59 says 第 59 段。"));
    assert!(
        !input.contains('\x1b'),
        "plain text for a command that is not less -R"
    );
    s.wait_text("Posts (1)");
    // Another command: its output stays on the screen until Enter.
    let counted = dir.path().join("count");
    s.keys(b"|");
    s.wait_text("pipe to:");
    s.keys(&[0x7f; 200]);
    s.keys(format!("wc -l > {}", counted.display()).as_bytes());
    s.keys(b"\r");
    s.wait_text("press Enter to go back to tidings");
    assert!(!s.alternate_screen(), "the terminal is the command's");
    let lines: usize = wait_file(&counted).trim().parse().unwrap();
    assert!(lines > 120, "the whole article: {lines} lines");
    s.keys(b"\r");
    s.wait_for("the reader back", |t| t.contains("Posts (1)"));
    assert!(s.alternate_screen());

    // w: a path typed over the suggested one.
    let target = dir.path().join("saved.txt");
    save_to(&mut s, "save to: post.txt", &target);
    s.wait_text("saved the article to");
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(saved.starts_with("Long post") && saved.contains("Paragraph number 30"));
    // Again: it asks, n keeps the file, y replaces it.
    std::fs::write(&target, "mine").unwrap();
    save_to(&mut s, "save to:", &target);
    s.wait_text("exists: replace it?");
    s.keys(b"n");
    s.wait_text("not written");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    save_to(&mut s, "save to:", &target);
    s.wait_text("exists: replace it?");
    s.keys(b"y");
    s.wait_text("saved the article to");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("Long post")
    );
    // Markdown by extension.
    let md = dir.path().join("saved.md");
    save_to(&mut s, "save to:", &md);
    s.wait_text("saved the article to");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# Long post\n\n# 开头\n"), "{text}");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_read_only_file_says_so_instead_of_opening_the_editor() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = post(dir.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let ran = dir.path().join("ran");
    let editor = common::script(
        &dir.path().join("editor.sh"),
        &format!("#!/bin/sh\ntouch '{}'\n", ran.display()),
    );
    let mut s = reader(Some(dir.path()), "EDITOR", editor.as_os_str());
    s.wait_text("Posts (1)");
    s.keys(b"\re");
    s.wait_text("is read-only; not opening the editor");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
    assert!(!ran.exists(), "the editor never ran");
}

#[test]
fn the_built_in_posts_are_not_edited() {
    // An editor that would fail the test if it ran.
    let mut s = reader(None, "EDITOR", "false".as_ref());
    s.wait_text("Posts (");
    s.keys(b"e");
    s.wait_text("the built-in posts are read-only");
    s.keys(b"Q");
    assert!(s.wait_exit().success());
}
