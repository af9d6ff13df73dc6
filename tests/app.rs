//! The reader's state driven by scripted keys, with no terminal.

mod common;

use common::settle;

use tidings::app::{Action, App, Effect, Focus, Key, Look, Mode, Msg};
use tidings::content;
use tidings::markdown::Theme;

fn app(w: u16, h: u16) -> App {
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    App::new(content::load_builtin(), look, w, h)
}

/// Presses keys written as in the help: single characters, or names;
/// returns the effects asked for.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys.split_whitespace() {
        // Key names as the keymap writes them; a few short forms.
        let name = match k {
            "Bksp" => "Backspace".to_owned(),
            c if c.starts_with("C-") => format!("Ctrl-{}", &c[2..]),
            c => c.to_owned(),
        };
        let key: Key = name.parse().unwrap_or_else(|_| panic!("unknown key {k}"));
        let asked = app.update(Msg::Key(key));
        effects.extend(settle(app, asked));
    }
    effects
}

#[test]
fn list_navigation_and_ends_are_harmless() {
    let mut a = app(120, 40);
    let n = a.lib.posts.len();
    assert_eq!((a.selected, a.focus), (0, Focus::List));
    press(&mut a, "j j Down k");
    assert_eq!(a.selected, 2);
    press(&mut a, "k k k k Up");
    assert_eq!(a.selected, 0);
    press(&mut a, "G");
    assert_eq!(a.selected, n - 1);
    press(&mut a, "j j End");
    assert_eq!(a.selected, n - 1);
    press(&mut a, "g");
    assert_eq!(a.selected, 0);
    press(&mut a, "Space");
    assert!(a.selected > 0, "a page of entries");
}

#[test]
fn opening_and_scrolling_an_article() {
    let mut a = app(120, 40);
    press(&mut a, "j Enter");
    assert_eq!((a.selected, a.focus, a.scroll), (1, Focus::Article, 0));
    press(&mut a, "j j");
    assert_eq!(a.scroll, 2);
    press(&mut a, "k k k k");
    assert_eq!(a.scroll, 0, "scrolling past the top is harmless");
    press(&mut a, "PgDn");
    let page = a.scroll;
    assert!(page > 20, "a page is nearly the pane height, got {page}");
    press(&mut a, "C-u");
    assert_eq!(a.scroll, page - page / 2);
    press(&mut a, "G");
    let end = a.scroll;
    assert!(end > page);
    press(&mut a, "j j PgDn End");
    assert_eq!(a.scroll, end, "scrolling past the end is harmless");
    assert_eq!(a.position(), "End");
    press(&mut a, "g");
    assert_eq!(a.position(), "Top");
    // Space pages like PgDn; at the end it opens the next unread post.
    press(&mut a, "Space");
    assert_eq!(a.scroll, page);
    press(&mut a, "G Space");
    assert_eq!((a.selected, a.scroll, a.focus), (2, 0, Focus::Article));
}

#[test]
fn n_steps_through_find_matches_until_esc_then_unread_posts() {
    let mut a = app(120, 40);
    press(&mut a, "Enter / K e s t r e l Enter");
    let first = a.find.current;
    assert!(a.find.matches.len() > 1);
    press(&mut a, "n");
    assert_eq!(
        a.find.current,
        first + 1,
        "n is the next match during a find"
    );
    assert_eq!(a.selected, 0);
    press(&mut a, "Esc n");
    assert_eq!(
        (a.selected, a.focus),
        (1, Focus::Article),
        "then the next unread"
    );
}

#[test]
fn next_and_previous_post_while_reading() {
    let mut a = app(120, 40);
    press(&mut a, "Enter j j ]");
    assert_eq!((a.selected, a.scroll, a.focus), (1, 0, Focus::Article));
    press(&mut a, "J J [");
    assert_eq!(a.selected, 2);
    press(&mut a, "K K K K");
    assert_eq!(a.selected, 0);
}

#[test]
fn back_tab_help_and_quit() {
    let mut a = app(120, 40);
    press(&mut a, "l");
    assert_eq!(a.focus, Focus::Article);
    press(&mut a, "Esc");
    assert_eq!(a.focus, Focus::List);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Focus::Article);
    press(&mut a, "h");
    assert_eq!(a.focus, Focus::List);
    press(&mut a, "?");
    assert_eq!(a.mode, Mode::Help);
    press(&mut a, "j z");
    assert_eq!(
        a.mode,
        Mode::Help,
        "moving scrolls the help, other keys do nothing"
    );
    assert_eq!(a.selected, 0, "keys in the help do nothing else");
    press(&mut a, "q");
    assert_eq!(a.mode, Mode::Normal, "q closes the help");
    assert!(!a.quit);
    press(&mut a, "q");
    assert!(a.quit);
    let mut b = app(120, 40);
    press(&mut b, "C-c");
    assert!(b.quit);
}

#[test]
fn list_scrolls_to_keep_the_selection_visible() {
    let mut a = app(100, 12);
    press(&mut a, "G");
    let n = a.lib.posts.len();
    assert_eq!(a.selected, n - 1);
    assert!(a.list_offset > 0 && a.list_offset <= a.selected);
    press(&mut a, "g");
    assert_eq!(a.list_offset, 0);
}

#[test]
fn narrow_terminals_show_one_pane() {
    let mut a = app(60, 20);
    assert!(a.layout().article.is_none());
    press(&mut a, "Enter");
    assert!(a.layout().list.is_none());
    assert!(
        a.article_len() > 0,
        "the article is rendered for the full width"
    );
    press(&mut a, "Esc");
    assert!(a.layout().article.is_none());
}

#[test]
fn resizing_rewraps_and_keeps_the_place() {
    let mut a = app(120, 40);
    let long = a
        .lib
        .posts
        .iter()
        .position(|p| p.id == "zh/2024-10-08/index.md")
        .unwrap();
    for _ in 0..long {
        press(&mut a, "j");
    }
    press(&mut a, "Enter PgDn PgDn");
    let (before, len_before) = (a.scroll, a.article_len());
    a.update(Msg::Resize(90, 40));
    let len_after = a.article_len();
    assert!(len_after > len_before, "narrower pane, more lines");
    let expected = before as f64 * len_after as f64 / len_before as f64;
    assert!(
        (a.scroll as f64 - expected).abs() <= 2.0,
        "{} vs {expected}",
        a.scroll
    );
}

#[test]
fn mouse_wheel_and_click() {
    let mut a = app(120, 40);
    let article_x = a.layout().article.unwrap().x + 5;
    a.update(Action::Wheel {
        x: article_x,
        y: 10,
        lines: 3,
    });
    assert_eq!((a.scroll, a.selected), (3, 0));
    a.update(Action::Wheel {
        x: 2,
        y: 10,
        lines: 3,
    });
    assert_eq!(a.selected, 3);
    // Entry rows start inside the border at y = 1; each entry takes two.
    a.update(Action::Click { x: 3, y: 1 + 2 * 2 });
    assert_eq!((a.selected, a.focus), (2, Focus::List));
}

#[test]
fn tiny_and_degenerate_sizes_never_panic() {
    for (w, h) in [(20, 6), (1, 1), (0, 0), (3, 2), (79, 3)] {
        let mut a = app(w, h);
        press(&mut a, "j Enter PgDn G ] ? Esc");
        let backend = ratatui::backend::TestBackend::new(w.max(1), h.max(1));
        let mut term = ratatui::Terminal::new(backend).unwrap();
        term.draw(|f| f.render_widget(&a, f.area())).unwrap();
    }
}

fn split_builtin(first: usize) -> (content::Library, Vec<content::Post>) {
    let mut lib = content::load_builtin();
    // Take every other post out, to arrive later in a batch.
    let mut later = Vec::new();
    let mut i = 0;
    lib.posts.retain(|p| {
        i += 1;
        if i > first && i % 2 == 0 {
            later.push(p.clone());
            false
        } else {
            true
        }
    });
    (lib, later)
}

fn app_with(lib: content::Library) -> App {
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    App::new(lib, look, 120, 40)
}

#[test]
fn posts_arriving_keep_the_selected_post_and_place() {
    use tidings::app::Batch;
    let (lib, later) = split_builtin(2);
    let mut a = app_with(lib);
    press(&mut a, "j j j Enter j j");
    let (path, scroll) = (a.post().unwrap().path.clone(), a.scroll);
    a.loading = Some((5, 10));
    let n = later.len();
    a.apply(Batch {
        posts: later,
        done: 10,
        total: 10,
        ..Batch::default()
    });
    assert_eq!(a.post().unwrap().path, path, "same post selected");
    assert_eq!(a.scroll, scroll, "same place in it");
    assert_eq!(a.lib.posts.len(), 10);
    assert!(n > 0);
    assert_eq!(a.loading, None, "done: no progress shown");
    let dates: Vec<_> = a.lib.posts.iter().map(|p| p.date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "still newest first");
}

#[test]
fn posts_arriving_before_any_key_keep_the_newest_on_top() {
    use tidings::app::Batch;
    let mut lib = content::load_builtin();
    let newest = lib.posts.remove(0);
    let mut a = app_with(lib);
    a.apply(Batch {
        posts: vec![newest.clone()],
        done: 5,
        total: 9,
        ..Batch::default()
    });
    assert_eq!(a.selected, 0);
    assert_eq!(a.post().unwrap().path, newest.path);
    assert_eq!(a.loading, Some((5, 9)));
}

fn select_id(a: &mut App, id: &str) {
    press(a, "Esc Esc g");
    while a.post().unwrap().id != id {
        let before = a.selected;
        press(a, "j");
        assert_ne!(a.selected, before, "no post {id}");
    }
}

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        let asked = a.update(Action::Char(c));
        settle(a, asked);
    }
}

#[test]
fn search_narrows_the_list_with_snippets_and_filters() {
    let mut a = app(120, 40);
    press(&mut a, "/");
    assert_eq!(a.mode, Mode::Search);
    type_text(&mut a, "用户组");
    let titles: Vec<&str> = a
        .visible
        .iter()
        .map(|&i| a.lib.posts[i].title.as_str())
        .collect();
    assert!(titles.contains(&"西安用户组成立"), "{titles:?}");
    assert!(titles.len() < a.lib.posts.len());
    let snippets: Vec<String> = a.snippets.iter().flatten().cloned().collect();
    assert!(
        snippets.iter().any(|s| s.contains("用户组")),
        "{snippets:?}"
    );
    press(&mut a, "Enter");
    assert_eq!(
        (a.mode, a.search.as_str()),
        (Mode::Normal, "用户组"),
        "Enter keeps the filter"
    );
    press(&mut a, "/ Esc");
    assert_eq!(a.visible.len(), a.lib.posts.len(), "Esc clears it");

    press(&mut a, "/");
    type_text(&mut a, "tag:release");
    assert_eq!(a.visible.len(), 1);
    press(&mut a, "Esc /");
    type_text(&mut a, "lang:zh after:2024-08-01");
    assert!(
        a.visible
            .iter()
            .all(|&i| a.lib.posts[i].effective_lang() == "zh")
    );
    assert!(
        a.visible
            .iter()
            .all(|&i| a.lib.posts[i].date.unwrap().day_string().as_str() >= "2024-08-01")
    );
    press(&mut a, "Esc /");
    type_text(&mut a, "PLANNER");
    assert!(!a.visible.is_empty(), "case-insensitive");
    type_text(&mut a, "zzz");
    assert!(a.visible.is_empty());
    press(&mut a, "Bksp Bksp Bksp");
    assert!(!a.visible.is_empty());
}

#[test]
fn find_in_the_article_highlights_and_steps_through_matches() {
    let mut a = app(120, 40);
    select_id(&mut a, "zh/2024-10-08/index.md");
    press(&mut a, "Enter /");
    assert_eq!(a.mode, Mode::Find);
    type_text(&mut a, "用户组");
    press(&mut a, "Enter");
    let n = a.find.matches.len();
    assert!(n >= 4, "{n}");
    assert_eq!(a.message.as_deref(), Some(&*format!("match 1/{n}")));
    press(&mut a, "n n");
    assert_eq!(a.find.current, 2);
    press(&mut a, "N");
    assert_eq!(a.find.current, 1);
    press(&mut a, "G n");
    let line = a.find.matches[a.find.current].0;
    assert!(
        line >= a.scroll && line < a.scroll + 40,
        "the match is on screen"
    );
    press(&mut a, "Esc");
    assert!(a.find.matches.is_empty(), "Esc clears the find first");
    assert_eq!(a.focus, Focus::Article);
}

#[test]
fn following_links_opens_locally_and_copies_over_ssh() {
    let mut a = app(120, 40);
    select_id(&mut a, "en/2024-10-15-release-3-1.md");
    press(&mut a, "Enter");
    let links = a.article().unwrap().links.clone();
    let web = links
        .iter()
        .find(|l| l.url.starts_with("https://"))
        .unwrap();
    let n = web.number.to_string();

    a.env = tidings::app::Env {
        ssh: false,
        opener: true,
        mux: tidings::app::Mux::None,
        ..Default::default()
    };
    let fx = press(
        &mut a,
        &format!(
            "f {} Enter",
            n.chars().map(String::from).collect::<Vec<_>>().join(" ")
        ),
    );
    assert_eq!(fx, [Effect::Open(web.url.clone())]);
    assert!(a.message.as_deref().unwrap().starts_with("opening"));

    a.env.ssh = true;
    let fx = press(&mut a, &format!("f {n} Enter"));
    assert_eq!(fx, [Effect::Copy(web.url.clone())]);
    assert!(a.message.as_deref().unwrap().contains("ssh session"));

    let fx = press(&mut a, &format!("y {n} Enter"));
    assert_eq!(fx, [Effect::Copy(web.url.clone())]);
    let fx = press(&mut a, "y 9 9 Enter");
    assert!(fx.is_empty());
    assert_eq!(a.message.as_deref(), Some("there is no link [99]"));
}

#[test]
fn link_overlay_and_links_to_other_posts() {
    let mut a = app(120, 40);
    select_id(&mut a, "en/2024-06-03-welcome.md");
    press(&mut a, "Enter L");
    assert_eq!(a.mode, Mode::Links(tidings::app::Intent::Follow));
    // Link 2 is the release notes, a relative .md link: it opens inside.
    let fx = press(&mut a, "j Enter");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.post().unwrap().id, "en/2024-10-15-release-3-1.md");
    assert_eq!(a.focus, Focus::Article);
    assert!(
        fx.iter().all(|e| matches!(e, Effect::Save(_))),
        "no URL handed out: {fx:?}"
    );
    press(&mut a, "f Enter");
    assert_eq!(
        a.mode,
        Mode::Links(tidings::app::Intent::Follow),
        "f Enter: choose from the list"
    );
    let fx = press(&mut a, "y");
    assert!(matches!(fx[..], [Effect::Copy(_)]));
}

#[test]
fn reading_marks_views_and_stars() {
    let mut a = app(120, 40);
    let n = a.lib.posts.len();
    assert_eq!(a.unread(), n);
    let fx = press(&mut a, "Enter");
    assert_eq!(a.unread(), n - 1, "opening marks read");
    let [Effect::Save(delta)] = &fx[..] else {
        panic!("{fx:?}");
    };
    let opened = a.post().unwrap().key.clone();
    assert_eq!(
        delta.posts.keys().collect::<Vec<_>>(),
        [&opened],
        "only the changed mark is saved"
    );
    press(&mut a, "m");
    assert_eq!(a.unread(), n, "m toggles back to unread");
    press(&mut a, "m Esc j s");
    let starred = a.post().unwrap().id.clone();
    press(&mut a, "S");
    assert_eq!(a.visible.len(), 1);
    assert_eq!(a.post().unwrap().id, starred);
    press(&mut a, "S u");
    assert_eq!(a.visible.len(), n - 1, "unread only");
    press(&mut a, "M");
    assert_eq!(a.unread(), 0);
    press(&mut a, "u");
    assert_eq!(a.visible.len(), n);
}

#[test]
fn outline_jumps_to_a_heading() {
    let mut a = app(120, 40);
    select_id(&mut a, "zh/2024-10-08/index.md");
    press(&mut a, "o");
    assert_eq!(a.mode, Mode::Outline);
    press(&mut a, "j j j Enter");
    let h = a.article().unwrap().headings[3].clone();
    assert_eq!(a.scroll, h.line.min(a.article_len() - a.article_height()));
    assert_eq!(a.focus, Focus::Article);
}

#[test]
fn changes_on_disk_keep_the_place_and_say_what_changed() {
    use tidings::app::Batch;
    let mut a = app(120, 40);
    select_id(&mut a, "zh/2024-10-08/index.md");
    press(&mut a, "Enter j j j");
    let (path, scroll) = (a.post().unwrap().path.clone(), a.scroll);
    let mut changed = a
        .lib
        .posts
        .iter()
        .find(|p| p.id == "en/2024-06-03-welcome.md")
        .unwrap()
        .clone();
    changed.body.push_str("\nA new line.\n");
    // As parsing the changed file would give: another body hash.
    changed.hash = changed.hash.wrapping_add(1);
    let gone = a
        .lib
        .posts
        .iter()
        .find(|p| p.id == "en/2024-07-02-security-advisory.md")
        .unwrap()
        .path
        .clone();
    a.apply(Batch {
        posts: vec![changed],
        removed: vec![gone],
        ..Batch::default()
    });
    assert_eq!(a.message.as_deref(), Some("posts: 1 changed, 1 removed"));
    assert_eq!((a.post().unwrap().path.clone(), a.scroll), (path, scroll));
    assert_eq!(a.lib.posts.len(), 9);
    // The open article is re-rendered when its own post changes.
    select_id(&mut a, "en/2024-06-03-welcome.md");
    let mut again = a.post().unwrap().clone();
    again.body.push_str("\nAnother line on disk.\n");
    again.hash = again.hash.wrapping_add(1);
    a.apply(Batch {
        posts: vec![again],
        ..Batch::default()
    });
    let text: String = a
        .article()
        .unwrap()
        .lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
        .collect();
    assert!(text.contains("Another line on disk."));
}

fn big_post(kb: usize, title: &str, date: &str) -> content::Post {
    let mut text = format!("---\ntitle: {title}\ndate: {date}\n---\n\n");
    while text.len() < kb << 10 {
        text.push_str("一段很长的中文文本，用来测试大文件的渲染。Some English too.\n\n");
    }
    content::Post::parse(content::Source {
        id: format!("{title}.md"),
        path: format!("/big/{title}.md").into(),
        size: text.len() as u64,
        bytes: text.into_bytes(),
    })
}

#[test]
fn large_posts_render_on_a_worker_while_keys_still_work() {
    let mut lib = content::load_builtin();
    lib.posts.insert(0, big_post(300, "Big", "2030-01-01"));
    let mut a = app_with(lib);
    assert!(a.article().is_none() && a.is_rendering());
    // The render App::new asked for goes out with the first message.
    let effects = a.update(Msg::Resize(120, 40));
    let [
        Effect::Render {
            rev, post, width, ..
        },
    ] = &effects[..]
    else {
        panic!("{effects:?}");
    };
    let (rev, post, width) = (*rev, post.clone(), *width);
    press(&mut a, "j");
    assert!(a.article().is_some(), "other posts open meanwhile");
    let fx = press(&mut a, "k");
    assert!(a.is_rendering());
    assert!(
        fx.iter().all(|e| !matches!(e, Effect::Render { .. })),
        "asked once"
    );
    // What the render worker does with the effect:
    let article = tidings::app::render(&post, width as usize, &a.look);
    a.update(Msg::Rendered {
        rev,
        path: post.path.clone(),
        width,
        article: std::sync::Arc::new(article),
    });
    assert!(!a.is_rendering());
    assert!(a.article_len() > 1000);
}

#[test]
fn truncated_posts_say_so_in_the_article() {
    let text = "---\ntitle: Cut\n---\n\nbody\n";
    let post = content::Post::parse(content::Source {
        id: "cut.md".into(),
        path: "cut.md".into(),
        size: 100 << 20,
        bytes: text.as_bytes().to_vec(),
    });
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    let r = tidings::app::render(&post, 80, &look);
    let text: Vec<String> = r
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert!(
        text.iter()
            .any(|l| l == "⚠ This file is 100.0 MB; tidings shows its first 8 MB."),
        "{text:#?}"
    );
}

#[test]
fn history_goes_back_to_the_post_and_line_and_forward_again() {
    // Short, so the welcome post scrolls.
    let mut a = app(120, 12);
    select_id(&mut a, "en/2024-06-03-welcome.md");
    press(&mut a, "Enter j j");
    let from = (a.post().unwrap().id.clone(), a.scroll);
    assert_eq!(from.1, 2);
    // Link 2 is the release notes, a relative .md link.
    press(&mut a, "L j Enter");
    assert_eq!(a.post().unwrap().id, "en/2024-10-15-release-3-1.md");
    press(&mut a, "j");
    let there = (a.post().unwrap().id.clone(), a.scroll);
    press(&mut a, "Backspace");
    assert_eq!(
        (a.post().unwrap().id.clone(), a.scroll),
        from,
        "back: same post and line"
    );
    assert_eq!(a.focus, Focus::Article);
    press(&mut a, "Alt-Right");
    assert_eq!(
        (a.post().unwrap().id.clone(), a.scroll),
        there,
        "forward again"
    );
    press(&mut a, "Backspace");
    assert_eq!(a.history.forward.len(), 1);
    // A new jump after going back forgets the way forward.
    press(&mut a, "p");
    assert!(a.history.forward.is_empty());
    press(&mut a, "Backspace");
    assert_eq!((a.post().unwrap().id.clone(), a.scroll), from);
    press(&mut a, "Backspace");
    assert_eq!(a.message.as_deref(), Some("nothing to go back to"));
}

#[test]
fn anchor_links_jump_to_headings_and_back() {
    use tidings::content::{Post, Source};
    let text = "---\ntitle: Anchors\ndate: 2030-01-01\n---\n\n\
                [to the end](#结尾) and [custom](#mine) and [other](other.md#第二节)\n\n\
                # 开始\n\n"
        .to_owned()
        + &"Filler line.\n\n".repeat(60)
        + "# 结尾\n\nThe end.\n\n## Custom {#mine}\n\nMine.\n";
    let other = "---\ntitle: Other\ndate: 2029-01-01\n---\n\n# 第一节\n\n".to_owned()
        + &"More filler.\n\n".repeat(60)
        + "# 第二节\n\nSecond.\n";
    let post = |name: &str, body: String| {
        Post::parse(Source {
            id: name.into(),
            path: format!("/a/{name}").into(),
            size: body.len() as u64,
            bytes: body.into_bytes(),
        })
    };
    let lib = content::Library {
        posts: vec![post("anchors.md", text), post("other.md", other)],
        warnings: Vec::new(),
    };
    let mut a = app_with(lib);
    press(&mut a, "Enter");
    // Where a jump to a heading lands: its line, or as far as the
    // article scrolls.
    let landing = |a: &App, text: &str| {
        let line = a
            .article()
            .unwrap()
            .headings
            .iter()
            .find(|h| h.text.contains(text))
            .unwrap()
            .line;
        line.min(a.article_len().saturating_sub(a.article_height()))
    };
    press(&mut a, "f 1 Enter");
    assert!(a.scroll > 0);
    assert_eq!(a.scroll, landing(&a, "结尾"));
    press(&mut a, "Backspace");
    assert_eq!(a.scroll, 0, "back to the top of the same post");
    press(&mut a, "f 2 Enter");
    assert_eq!(a.scroll, landing(&a, "Custom"), "the {{#mine}} heading");
    press(&mut a, "Backspace f 3 Enter");
    assert_eq!(a.post().unwrap().id, "other.md");
    assert!(a.scroll > 0);
    assert_eq!(a.scroll, landing(&a, "第二节"), "other.md#第二节");
}

#[test]
fn mark_all_asks_over_fifty_and_undo_puts_marks_back() {
    use tidings::content::{Post, Source};
    let posts = (0..60)
        .map(|i| {
            let text = format!("---\ntitle: P{i}\ndate: 2024-01-01\n---\n\nx\n");
            Post::parse(Source {
                id: format!("p{i}.md"),
                path: format!("/m/p{i}.md").into(),
                size: text.len() as u64,
                bytes: text.into_bytes(),
            })
        })
        .collect();
    let mut a = app_with(content::Library {
        posts,
        warnings: Vec::new(),
    });
    assert_eq!(a.unread(), 60);
    press(&mut a, "M");
    assert_eq!(a.mode, Mode::ConfirmMarkAll(60));
    press(&mut a, "n");
    assert_eq!(
        (a.mode, a.unread()),
        (Mode::Normal, 60),
        "anything but y: nothing marked"
    );
    press(&mut a, "M");
    let fx = press(&mut a, "y");
    assert_eq!(a.unread(), 0);
    assert!(matches!(&fx[..], [Effect::Save(d)] if d.posts.len() == 60));
    let fx = press(&mut a, "U");
    assert_eq!(a.unread(), 60, "undo puts the marks back");
    assert!(
        matches!(&fx[..], [Effect::Save(d)] if d.posts.len() == 60),
        "and saves that"
    );
    press(&mut a, "U");
    assert_eq!(a.message.as_deref(), Some("nothing to undo"));
    press(&mut a, "m U");
    assert_eq!(a.unread(), 60, "a single m is undone too");
}
