//! The content loader on fixture folders: every front matter shape and every
//! quirk of real published posts, each with what must come out.

mod common;

use std::path::{Path, PathBuf};

use tidings::content::{self, Format, Library, Post};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

fn site() -> Library {
    content::load(&[fixtures()])
}

fn post<'a>(lib: &'a Library, id: &str) -> &'a Post {
    lib.posts
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no post {id}; have {:?}", ids(lib)))
}

fn ids(lib: &Library) -> Vec<&str> {
    lib.posts.iter().map(|p| p.id.as_str()).collect()
}

fn date(p: &Post) -> Option<String> {
    p.date.map(|d| d.iso())
}

fn messages(p: &Post) -> Vec<String> {
    p.warnings.iter().map(|w| w.to_string()).collect()
}

#[test]
fn website_post_with_crlf_and_quoted_fields() {
    let lib = site();
    let p = post(&lib, "news/2022-10-08/20221008.md");
    assert_eq!(
        p.title, "openGauss社区九月运作报告",
        "leading space trimmed"
    );
    assert_eq!(date(p).as_deref(), Some("2022-10-08"));
    assert_eq!(p.tags, ["theme"]);
    assert_eq!(p.categories, ["news"]);
    assert_eq!(p.authors, ["openGauss"]);
    assert_eq!(p.summary, "九月运作报告");
    assert_eq!(p.banner, None, "empty banner is no banner");
    assert_eq!(p.format, Format::Yaml);
    assert_eq!(p.body.trim(), "正文。");
    assert!(p.warnings.is_empty(), "{:?}", messages(p));
}

#[test]
fn front_matter_date_wins_over_folder_and_missing_newlines_are_fine() {
    let lib = site();
    let p = post(&lib, "news/2022-03-01/index.md");
    assert_eq!(date(p).as_deref(), Some("2022-03-02"));
    assert_eq!(
        p.body,
        "No blank line after the closing fence, and no final newline."
    );
    assert_eq!(
        p.summary,
        "No blank line after the closing fence, and no final newline."
    );
}

#[test]
fn date_falls_back_to_folder_name() {
    let lib = site();
    let p = post(&lib, "news/2021-12-28-1/superMap.md");
    assert_eq!(date(p).as_deref(), Some("2021-12-28"));
    assert!(p.warnings.is_empty());
}

#[test]
fn listing_page_without_date_sorts_last_and_says_so() {
    let lib = site();
    let p = post(&lib, "news/index.md");
    assert_eq!(p.title, "News");
    assert_eq!(p.date, None);
    assert_eq!(p.summary, "", "a Vue script is not a summary");
    assert!(
        messages(p).iter().any(|m| m.contains("no date")),
        "{:?}",
        messages(p)
    );
    let first_undated = lib.posts.iter().position(|p| p.date.is_none()).unwrap();
    assert!(lib.posts[first_undated..].iter().all(|p| p.date.is_none()));
}

#[test]
fn unbalanced_quote_still_gives_title_and_a_located_warning() {
    let lib = site();
    let p = post(&lib, "news/2022-05-20/unbalanced.md");
    assert_eq!(p.title, "openGauss 3.0.0 LTS 正式发布");
    assert_eq!(date(p).as_deref(), Some("2022-05-20"));
    assert_eq!(p.tags, ["release"]);
    assert_eq!(p.warnings.len(), 1, "{:?}", messages(p));
    let w = &p.warnings[0];
    assert!(w.file.ends_with("unbalanced.md"));
    let line = w.line.expect("a line number");
    assert!(
        (2..=5).contains(&line),
        "line {line} is inside the front matter"
    );
    assert!(w.message.contains("YAML"), "{}", w.message);
}

#[test]
fn double_quotes_inside_values() {
    let lib = site();
    let p = post(&lib, "news/2022-06-01/quotes.md");
    assert_eq!(p.title, "\"开源\" means \"open\"");
    assert_eq!(p.summary, "A \"quoted\" summary");
}

#[test]
fn toml_with_blank_lines_keeps_unknown_fields() {
    let lib = site();
    let p = post(&lib, "post/zhangsan/mvcc-intro.md");
    assert_eq!(p.format, Format::Toml);
    assert_eq!(p.title, "MVCC 入门");
    assert_eq!(date(p).as_deref(), Some("2021-11-05"));
    assert_eq!(p.tags, ["内核", "MVCC"]);
    assert_eq!(p.authors, ["张三"]);
    assert_eq!(p.banner.as_deref(), Some("/img/mvcc.png"));
    assert_eq!(p.extra["archives"], "2021-11");
    assert_eq!(p.extra["times"], "10:00");
    assert!(p.warnings.is_empty(), "{:?}", messages(p));
}

#[test]
fn toml_datetime_author_list_and_odd_file_name() {
    let lib = site();
    let p = post(&lib, "post/2022/Backup & Restore (Part 1) 备份.md");
    assert_eq!(date(p).as_deref(), Some("2022-02-14T08:30:00"));
    assert_eq!(p.authors, ["Li Lei", "Han Meimei"]);
    assert_eq!(
        p.summary,
        "The first paragraph becomes the summary when none is given."
    );
}

#[test]
fn no_front_matter_title_from_heading_date_from_file_name() {
    let lib = site();
    let p = post(&lib, "post/2021-04-01-no-front-matter.md");
    assert_eq!(p.format, Format::None);
    assert_eq!(p.title, "Heading title");
    assert_eq!(date(p).as_deref(), Some("2021-04-01"));
    assert_eq!(p.summary, "Text under the heading.");
}

#[test]
fn title_falls_back_to_file_name() {
    let lib = site();
    let p = post(&lib, "post/untitled-note.md");
    assert_eq!(p.title, "untitled-note");
    assert_eq!(date(p).as_deref(), Some("2020-01-01"), "unquoted YAML date");
}

#[test]
fn bom_map_author_comma_tags_draft_lang() {
    let lib = site();
    let p = post(&lib, "post/2023/bom-draft.md");
    assert_eq!(p.title, "BOM and draft");
    assert_eq!(date(p).as_deref(), Some("2023-03-04T05:06:00"));
    assert_eq!(p.authors, ["Wang Wu"]);
    assert_eq!(p.tags, ["a", "b", "c"]);
    assert!(p.draft);
    assert_eq!(p.lang.as_deref(), Some("en"));
}

#[test]
fn unclosed_front_matter_is_body_with_warning() {
    let lib = site();
    let p = post(&lib, "post/2020-02-02-unclosed.md");
    assert!(p.body.starts_with("---\ntitle: Never closed"));
    assert_eq!(p.title, "Heading in the body");
    assert_eq!(date(p).as_deref(), Some("2020-02-02"), "from the file name");
    assert!(
        messages(p)
            .iter()
            .any(|m| m.contains(":1: front matter is never closed"))
    );
}

#[test]
fn unreadable_date_warns() {
    let lib = site();
    let p = post(&lib, "post/bad-date.md");
    assert_eq!(p.date, None);
    assert!(messages(p).iter().any(|m| m.contains("sometime in spring")));
}

#[test]
fn language_from_path_segment() {
    let lib = site();
    assert_eq!(
        post(&lib, "zh/2022-07-07/lang.md").lang.as_deref(),
        Some("zh")
    );
}

#[test]
fn hidden_folders_node_modules_and_other_files_are_skipped() {
    let lib = site();
    let ids = ids(&lib);
    assert!(
        !ids.iter()
            .any(|id| id.contains(".hidden") || id.contains("node_modules"))
    );
    assert!(!ids.contains(&"news/notes.txt"));
    assert!(ids.contains(&"news/2022-10-08/upper.MARKDOWN"));
    assert_eq!(lib.posts.len(), 15, "{ids:?}");
    assert!(lib.warnings.is_empty(), "{:?}", lib.warnings);
}

#[test]
fn sorted_newest_first_with_stable_ties() {
    let lib = site();
    let dated: Vec<_> = lib.posts.iter().filter_map(|p| p.date).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]));
    // Two posts on 2022-10-08: ordered by title.
    let same_day: Vec<&str> = lib
        .posts
        .iter()
        .filter(|p| p.date.map(|d| d.day_string()).as_deref() == Some("2022-10-08"))
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(
        same_day,
        ["Upper-case extension", "openGauss社区九月运作报告"]
    );
    let again = site();
    assert_eq!(ids(&lib), ids(&again));
}

#[test]
fn a_file_named_explicitly_loads_whatever_its_extension() {
    let lib = content::load(&[fixtures().join("news/notes.txt")]);
    assert_eq!(lib.posts.len(), 1);
    assert_eq!(lib.posts[0].title, "notes");
    assert_eq!(lib.posts[0].id, "notes.txt");
}

#[test]
fn missing_path_and_empty_folder_give_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let lib = content::load(&[missing.clone(), dir.path().to_path_buf()]);
    assert!(lib.posts.is_empty());
    let text: Vec<String> = lib.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text[0].contains("nope") && text[0].contains("no such file or folder"),
        "{text:?}"
    );
    assert!(text[1].contains("no Markdown posts"), "{text:?}");
}

#[test]
fn invalid_utf8_and_nul_bytes_still_give_posts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.md"),
        b"---\ntitle: caf\xe9\n---\n\nna\xefve\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.md"), b"\x00\x01\x02ELF\x00\xff\xfe").unwrap();
    let lib = content::load(&[dir.path().to_path_buf()]);
    let latin1 = post(&lib, "latin1.md");
    assert_eq!(latin1.title, "caf\u{FFFD}");
    assert!(
        messages(latin1)
            .iter()
            .any(|m| m.contains(":2: not valid UTF-8")),
        "{:?}",
        messages(latin1)
    );
    let binary = post(&lib, "binary.md");
    assert!(messages(binary).iter().any(|m| m.contains("binary")));
    assert!(tidings::text::is_clean(&binary.title));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("2022-01-01-x.md"), "# X\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.md"), sub.join("dangling.md")).unwrap();
    let lib = content::load(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&lib), ["a/2022-01-01-x.md"]);
    let text: Vec<String> = lib.warnings.iter().map(|w| w.to_string()).collect();
    assert!(text.iter().any(|w| w.contains("loop")), "{text:?}");
    assert!(text.iter().any(|w| w.contains("dangling.md")), "{text:?}");
}

#[cfg(unix)]
#[test]
fn fifo_named_explicitly_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo unavailable; skipped");
        return;
    }
    let lib = content::load(&[fifo.clone(), dir.path().to_path_buf()]);
    assert!(lib.posts.is_empty());
    assert!(lib.warnings[0].to_string().contains("not a regular file"));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("locked.md");
    std::fs::write(&f, "# Locked\n").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&f).is_ok() {
        eprintln!("note: running as root, permissions are not enforced; skipped");
        return;
    }
    let lib = content::load(&[dir.path().to_path_buf()]);
    assert!(lib.posts.is_empty());
    assert!(lib.warnings[0].to_string().contains("permission denied"));
}

#[test]
fn huge_body_is_capped_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("---\ntitle: Big\ndate: 2020-01-01\n---\n\n");
    while text.len() <= content::MAX_BODY_BYTES + 1000 {
        text.push_str("一行很长的中文文本，用来测试截断。\n");
    }
    std::fs::write(dir.path().join("big.md"), &text).unwrap();
    let lib = content::load(&[dir.path().to_path_buf()]);
    let p = &lib.posts[0];
    assert!(p.body.len() <= content::MAX_BODY_BYTES);
    assert_eq!(p.truncated_from, Some(text.len() as u64));
    assert!(
        messages(p)
            .iter()
            .any(|m| m.contains("the rest is not shown"))
    );
    assert!(
        !messages(p).iter().any(|m| m.contains("UTF-8")),
        "a cut character is not an encoding error"
    );
}

#[test]
fn seed_post_from_shared_loads() {
    let Some(file) = common::seed_file() else {
        return;
    };
    let lib = content::load(&[file]);
    let p = &lib.posts[0];
    assert_eq!(p.title, "openGauss社区九月运作报告");
    assert_eq!(date(p).as_deref(), Some("2022-10-08"));
    assert_eq!(p.tags, ["theme"]);
    assert_eq!(p.categories, ["news"]);
    assert_eq!(p.authors, ["openGauss"]);
    assert_eq!(p.summary, "openGauss社区九月运作报告");
    assert!(p.warnings.is_empty());
}

#[test]
fn builtin_samples_load_without_warnings() {
    let lib = content::load_builtin();
    assert!((8..=12).contains(&lib.posts.len()));
    let warnings: Vec<String> = lib.all_warnings().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    let zh = lib
        .posts
        .iter()
        .filter(|p| p.effective_lang() == "zh")
        .count();
    assert!(
        zh * 3 >= lib.posts.len() && zh * 3 <= lib.posts.len() * 2,
        "about half Chinese"
    );
    assert!(lib.posts.iter().any(|p| p.format == Format::Toml));
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn only_key(paths: &[PathBuf]) -> String {
    let lib = content::load(paths);
    assert_eq!(lib.posts.len(), 1, "{:?}", ids(&lib));
    lib.posts[0].key.clone()
}

#[test]
fn index_files_in_different_folders_have_different_keys() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a/index.md"), "---\ntitle: A\n---\n");
    write(&dir.path().join("b/index.md"), "---\ntitle: B\n---\n");
    let a = only_key(&[dir.path().join("a")]);
    let b = only_key(&[dir.path().join("b")]);
    assert_eq!(a, "t:-|A|");
    assert_eq!(b, "t:-|B|");
}

#[test]
fn key_survives_opening_the_parent_and_moving_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("news/2022-10-08/index.md");
    write(&post, "---\ntitle: Report\n---\n\nText.\n");
    let alone = only_key(&[dir.path().join("news/2022-10-08")]);
    let parent = only_key(&[dir.path().join("news")]);
    let file = only_key(&[post]);
    let moved = dir.path().join("archive/old");
    std::fs::create_dir_all(&moved).unwrap();
    std::fs::rename(dir.path().join("news/2022-10-08"), moved.join("2022-10-08")).unwrap();
    let lib = content::load(&[dir.path().join("archive")]);
    assert_eq!(alone, "t:2022-10-08|Report|");
    assert_eq!(parent, alone);
    assert_eq!(file, alone);
    assert_eq!(lib.posts[0].key, alone);
    assert_eq!(
        lib.posts[0].canonical,
        moved.canonicalize().unwrap().join("2022-10-08/index.md")
    );
    assert_eq!(lib.posts[0].id, "old/2022-10-08/index.md", "ids still move");
}

#[test]
fn front_matter_identity_fields_make_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        &d.join("1.md"),
        "---\ntitle: T\nid: 42\npermalink: /p/\n---\n",
    );
    write(&d.join("2.md"), "+++\ntitle = 'T'\nuuid = 'ab-cd'\n+++\n");
    write(
        &d.join("3.md"),
        "---\ntitle: T\npermalink: /posts/x/\n---\n",
    );
    write(
        &d.join("4.md"),
        "---\ntitle: T\nurl: https://e.org/y\n---\n",
    );
    write(
        &d.join("5.md"),
        "---\ntitle: T\ndate: 2021-02-03\nslug: hello\n---\n",
    );
    let lib = content::load(&[d.to_path_buf()]);
    let key = |id: &str| post(&lib, id).key.clone();
    assert_eq!(key("1.md"), "id:42");
    assert_eq!(key("2.md"), "id:ab-cd");
    assert_eq!(key("3.md"), "url:/posts/x/");
    assert_eq!(key("4.md"), "url:https://e.org/y");
    assert_eq!(key("5.md"), "slug:2021-02-03/hello");
    assert_eq!(post(&lib, "1.md").extra["permalink"], "/p/", "still kept");
}

#[test]
fn posts_that_would_share_a_key_get_distinct_deterministic_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Same title, no date, and both folder pages.
    write(&d.join("one/x/index.md"), "# Same\n");
    write(&d.join("two/x/README.md"), "# Same\n");
    write(&d.join("dup-a.md"), "---\nguid: g\n---\n");
    write(&d.join("dup-b.md"), "---\nguid: g\n---\n");
    let lib = content::load(&[d.to_path_buf()]);
    let real = d.canonicalize().unwrap();
    let key = |id: &str| post(&lib, id).key.clone();
    let shown = |rel: &str| real.join(rel).to_string_lossy().into_owned();
    assert_eq!(
        key("one/x/index.md"),
        format!("t:-|Same|#{}", shown("one/x/index.md"))
    );
    assert_eq!(
        key("two/x/README.md"),
        format!("t:-|Same|#{}", shown("two/x/README.md"))
    );
    assert_eq!(key("dup-a.md"), format!("id:g#{}", shown("dup-a.md")));
    let mut keys: Vec<&str> = lib.posts.iter().map(|p| p.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), lib.posts.len());
    let again = content::load(&[d.to_path_buf()]);
    let pairs = |l: &Library| -> Vec<(String, String)> {
        l.posts
            .iter()
            .map(|p| (p.id.clone(), p.key.clone()))
            .collect()
    };
    assert_eq!(pairs(&lib), pairs(&again));
}

#[test]
fn legacy_ids_cover_every_folder_the_post_could_have_been_opened_from() {
    let lib = content::load(&[fixtures().join("news")]);
    let p = post(&lib, "2022-10-08/20221008.md");
    let legacy = content::legacy_ids(&p.canonical);
    assert!(legacy.contains(&p.id), "{legacy:?}");
    assert!(legacy.contains(&"news/2022-10-08/20221008.md".to_owned()));
    assert_eq!(legacy.last().map(String::as_str), Some("20221008.md"));
}

#[test]
fn builtin_posts_keep_their_path_and_have_unique_keys() {
    let lib = content::load_builtin();
    let mut keys: Vec<&str> = lib.posts.iter().map(|p| p.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), lib.posts.len());
    assert!(lib.posts.iter().all(|p| p.canonical == p.path));
}

/// A large library keeps metadata in memory only: texts go to a spill file
/// and bodies are read again from the files, with the same result.
#[test]
fn spilled_posts_keep_metadata_and_read_their_bodies_again() {
    let mut lib = site();
    let before: Vec<(String, String, String)> = lib
        .posts
        .iter()
        .map(|p| {
            (
                p.title.clone(),
                p.body.clone(),
                p.text.as_ref().unwrap().read().into_owned(),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let store = content::TextFile::create(dir.path()).unwrap();
    // Room in memory for the first post's text only.
    let mut keep = before[0].2.len();
    content::spill(&mut lib.posts, &store, &mut keep);
    assert!(
        matches!(lib.posts[0].text, Some(content::TextRef::Mem(_))),
        "kept in memory"
    );
    assert_eq!(keep, 0);
    for (p, (title, body, text)) in lib.posts.iter().zip(&before).skip(1) {
        assert_eq!(&p.title, title);
        assert!(
            p.body_on_disk && p.body.is_empty(),
            "{} let its body go",
            p.id
        );
        // An empty text costs nothing to keep.
        assert!(text.is_empty() || matches!(p.text, Some(content::TextRef::File { .. })));
        assert_eq!(&p.text.as_ref().unwrap().read(), text, "{}", p.id);
        assert_eq!(&content::read_body(p).unwrap(), body, "{}", p.id);
    }
    // A file gone since says so instead of showing nothing.
    let gone = tempfile::tempdir().unwrap();
    let path = gone.path().join("a.md");
    std::fs::write(&path, "---\ntitle: A\n---\nbody\n").unwrap();
    let mut lib = content::load(std::slice::from_ref(&path));
    content::spill(&mut lib.posts, &store, &mut 0);
    std::fs::remove_file(&path).unwrap();
    let why = content::read_body(&lib.posts[0]).unwrap_err();
    assert!(
        why.contains("a.md") && why.contains("cannot be read"),
        "{why}"
    );
}
