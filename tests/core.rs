//! The core under overlapping events: `update` driven by scripted messages
//! in the orders a real session can produce them, with worker results late,
//! out of order and stale. A small simulated runner stands in for the
//! workers, reading a simulated disk when a job "runs".

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use proptest::prelude::*;
use tidings::app::{Action, App, Batch, Effect, Look, Msg, Scan, render};
use tidings::content::{self, Library, Post, Source};
use tidings::markdown::Theme;

fn look() -> Look {
    Look {
        theme: Theme::default(),
        base_url: None,
    }
}

fn post(name: &str, body: &str) -> Post {
    let text = format!(
        "---\ntitle: {name}\ndate: 2024-01-{:02}\n---\n\n{body}\n",
        {
            let n: u32 = name.bytes().map(u32::from).sum();
            n % 28 + 1
        }
    );
    Post::parse(Source {
        id: format!("{name}.md"),
        path: PathBuf::from(format!("/news/{name}.md")),
        size: text.len() as u64,
        bytes: text.into_bytes(),
    })
}

/// The simulated folder: name → body.
type Disk = BTreeMap<String, String>;

fn disk(n: usize) -> Disk {
    (0..n)
        .map(|i| {
            (
                format!("p{i:02}"),
                format!("正文 {i}：第一版。Body of post {i}."),
            )
        })
        .collect()
}

fn read_all(disk: &Disk) -> Vec<Post> {
    disk.iter().map(|(n, b)| post(n, b)).collect()
}

/// A worker's answer to an effect, computed from the disk as it is when
/// the job runs (that is, when the test delivers it).
fn run(effect: &Effect, disk: &Disk) -> Option<Msg> {
    match effect {
        Effect::Scan {
            generation,
            scan: Scan::Full,
        } => Some(Msg::Loaded {
            generation: *generation,
            batch: Batch {
                posts: read_all(disk),
                replace: true,
                ..Batch::default()
            },
        }),
        Effect::Scan {
            generation,
            scan: Scan::Paths(paths),
        } => {
            let mut batch = Batch::default();
            for p in paths {
                let name = p.file_stem().unwrap().to_string_lossy().into_owned();
                match disk.get(&name) {
                    Some(body) => batch.posts.push(post(&name, body)),
                    None => batch.removed.push(p.clone()),
                }
            }
            Some(Msg::Loaded {
                generation: *generation,
                batch,
            })
        }
        Effect::Render {
            rev,
            post,
            width,
            look,
        } => Some(Msg::Rendered {
            rev: *rev,
            path: post.path.clone(),
            width: *width,
            article: Arc::new(render(post, *width as usize, look)),
        }),
        _ => None,
    }
}

fn texts(lines: &[ratatui::text::Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn check(app: &App) -> Result<(), TestCaseError> {
    let mut paths = HashSet::new();
    for p in &app.lib.posts {
        prop_assert!(paths.insert(p.path.clone()), "listed twice: {:?}", p.path);
    }
    prop_assert!(app.visible.iter().all(|&i| i < app.lib.posts.len()));
    let unique: HashSet<_> = app.visible.iter().collect();
    prop_assert_eq!(unique.len(), app.visible.len());
    prop_assert!(app.selected < app.visible.len().max(1));
    prop_assert_eq!(app.visible.len(), app.snippets.len());
    if let (Some(article), Some(post)) = (app.article(), app.post()) {
        // What is shown is the post as it is now, at the pane's width.
        let fresh = render(post, article_width(app), &app.look);
        prop_assert_eq!(texts(&article.lines), texts(&fresh.lines));
    }
    Ok(())
}

fn article_width(app: &App) -> usize {
    let l = tidings::app::layout(
        app.width,
        app.height,
        tidings::app::Focus::Article,
        app.zoom,
    );
    tidings::app::layout::article_text(l.article.unwrap())
        .width
        .max(1) as usize
}

#[derive(Debug, Clone)]
enum Step {
    Key(Action),
    Resize(u16, u16),
    /// Run the waiting job at this position (modulo their count).
    Deliver(usize),
    /// Deliver a result twice (a duplicate must change nothing).
    Redeliver(usize),
    /// A file on disk is edited, created or deleted; the watcher reports it.
    Edit(usize),
    Create(usize),
    Delete(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let key = prop_oneof![
        Just(Action::Down),
        Just(Action::Up),
        Just(Action::Open),
        Just(Action::Back),
        Just(Action::PageDown),
        Just(Action::NextPost),
        Just(Action::ToggleRead),
        Just(Action::UnreadOnly),
        Just(Action::Reload),
        Just(Action::Bottom),
    ];
    prop_oneof![
        3 => key.prop_map(Step::Key),
        2 => (20u16..200, 5u16..60).prop_map(|(w, h)| Step::Resize(w, h)),
        4 => (0usize..8).prop_map(Step::Deliver),
        1 => (0usize..8).prop_map(Step::Redeliver),
        1 => (0usize..40).prop_map(Step::Edit),
        1 => (0usize..40).prop_map(Step::Create),
        1 => (0usize..40).prop_map(Step::Delete),
    ]
}

fn start(disk: &Disk) -> App {
    let first: Vec<Post> = read_all(disk).into_iter().take(3).collect();
    let mut lib = Library {
        posts: first,
        warnings: Vec::new(),
    };
    content::sort(&mut lib.posts);
    let mut app = App::new(lib, look(), 100, 30);
    app.can_reload = true;
    // Every render goes through the (simulated) worker.
    app.render_inline = 0;
    app
}

/// The scan worker runs its jobs one after another (results in order);
/// renders may finish in any order.
struct Sim {
    disk: Disk,
    /// Names the first load still has to read (the first scan job).
    first: Option<Vec<String>>,
    scans: Vec<Effect>,
    renders: Vec<Effect>,
}

impl Sim {
    fn queue(&mut self, effects: Vec<Effect>) {
        for e in effects {
            match e {
                Effect::Scan { .. } => self.scans.push(e),
                Effect::Render { .. } => self.renders.push(e),
                _ => {}
            }
        }
    }

    /// The next scan result, or a render result picked by `i`.
    fn next(&mut self, i: usize) -> Option<Msg> {
        if i.is_multiple_of(2) || self.renders.is_empty() {
            if let Some(names) = self.first.take() {
                let posts = names
                    .iter()
                    .filter_map(|n| self.disk.get(n).map(|b| post(n, b)))
                    .collect();
                return Some(Msg::Loaded {
                    generation: 0,
                    batch: Batch {
                        posts,
                        done: 12,
                        total: 12,
                        ..Batch::default()
                    },
                });
            }
            if !self.scans.is_empty() {
                let e = self.scans.remove(0);
                return run(&e, &self.disk);
            }
        }
        if self.renders.is_empty() {
            return None;
        }
        let e = self.renders.remove(i % self.renders.len());
        run(&e, &self.disk)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_interleaving_keeps_the_invariants(steps in prop::collection::vec(step(), 1..60)) {
        let disk = disk(12);
        let mut app = start(&disk);
        let first = disk.keys().skip(3).cloned().collect();
        let mut sim = Sim { disk, first: Some(first), scans: Vec::new(), renders: Vec::new() };
        sim.queue(app.update(Msg::Resize(100, 30)));
        for s in steps {
            let effects = match s {
                Step::Key(a) => app.update(a),
                Step::Resize(w, h) => app.update(Msg::Resize(w, h)),
                Step::Deliver(i) => match sim.next(i) {
                    Some(m) => app.update(m),
                    None => Vec::new(),
                },
                Step::Redeliver(i) => match sim.next(i) {
                    Some(m) => {
                        let again = clone_msg(&m);
                        let mut fx = app.update(m);
                        fx.extend(app.update(again));
                        fx
                    }
                    None => Vec::new(),
                },
                Step::Edit(i) | Step::Create(i) | Step::Delete(i) => {
                    let name = format!("p{:02}", i % 20);
                    match s {
                        Step::Edit(_) if sim.disk.contains_key(&name) => {
                            sim.disk.insert(name.clone(), format!("改过的正文 {i}. Edited."));
                        }
                        Step::Create(_) => {
                            sim.disk.insert(name.clone(), format!("新文章 {i}. New."));
                        }
                        Step::Delete(_) => {
                            sim.disk.remove(&name);
                        }
                        _ => {}
                    }
                    app.update(Msg::FilesChanged(vec![PathBuf::from(format!("/news/{name}.md"))]))
                }
            };
            sim.queue(effects);
            check(&app)?;
        }
        // Let every job finish, as the workers would.
        while let Some(m) = sim.next(0) {
            let effects = app.update(m);
            sim.queue(effects);
            check(&app)?;
        }
        // Once everything has arrived, the list is the disk.
        let shown: HashSet<PathBuf> = app.lib.posts.iter().map(|p| p.path.clone()).collect();
        let on_disk: HashSet<PathBuf> =
            sim.disk.keys().map(|n| PathBuf::from(format!("/news/{n}.md"))).collect();
        prop_assert_eq!(shown, on_disk);
    }
}

fn clone_msg(m: &Msg) -> Msg {
    match m {
        Msg::Loaded { generation, batch } => Msg::Loaded {
            generation: *generation,
            batch: Batch {
                posts: batch.posts.clone(),
                warnings: batch.warnings.clone(),
                removed: batch.removed.clone(),
                replace: batch.replace,
                done: batch.done,
                total: batch.total,
            },
        },
        Msg::Rendered {
            rev,
            path,
            width,
            article,
        } => Msg::Rendered {
            rev: *rev,
            path: path.clone(),
            width: *width,
            article: article.clone(),
        },
        _ => unreachable!("only results are delivered twice"),
    }
}

/// `r` pressed while the first load still streams in: the batches of the
/// first load that arrive after the reload was asked for are dropped, and
/// each post is listed once.
#[test]
fn a_reload_during_the_first_load_lists_each_post_once() {
    let disk = disk(12);
    let mut app = start(&disk);
    app.update(Msg::Resize(100, 30));
    let effects = app.update(Action::Reload);
    let [
        Effect::Scan {
            generation,
            scan: Scan::Full,
        },
    ] = &effects[..]
    else {
        panic!("{effects:?}");
    };
    // The first load's batch (generation 0) arrives after the request...
    app.update(Msg::Loaded {
        generation: 0,
        batch: Batch {
            posts: read_all(&disk).split_off(3),
            done: 12,
            total: 12,
            ..Batch::default()
        },
    });
    // ... and is dropped: only the reload's answer counts.
    assert_eq!(app.lib.posts.len(), 3);
    app.update(run(&effects[0], &disk).unwrap());
    assert_eq!(app.lib.posts.len(), 12);
    assert!(*generation > 0);
    // A late batch of the first load after the reload changes nothing.
    app.update(Msg::Loaded {
        generation: 0,
        batch: Batch {
            posts: read_all(&disk),
            done: 12,
            total: 12,
            ..Batch::default()
        },
    });
    assert_eq!(app.lib.posts.len(), 12);
}

/// A render of text that has changed since is never shown.
#[test]
fn a_stale_render_is_dropped_and_asked_again() {
    let mut disk = disk(3);
    let mut app = start(&disk);
    assert!(
        app.update(Msg::Resize(100, 30)).is_empty(),
        "rendered in new()"
    );
    let effects = app.update(Msg::Resize(90, 30));
    let old = effects
        .iter()
        .find(|e| matches!(e, Effect::Render { .. }))
        .cloned()
        .expect("a render at the new width");
    let path = app.post().unwrap().path.clone();
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    disk.insert(name, "全新的正文。Brand new body.".into());
    let reread = app.update(Msg::FilesChanged(vec![path]));
    let again = app.update(run(&reread[0], &disk).unwrap());
    // The render of the old text finishes late: dropped.
    app.update(run(&old, &disk).unwrap());
    assert!(app.article().is_none(), "nothing stale is shown");
    assert!(app.is_rendering());
    let new = again
        .iter()
        .find(|e| matches!(e, Effect::Render { .. }))
        .expect("asked again for the new text");
    app.update(run(new, &disk).unwrap());
    let shown = texts(&app.article().unwrap().lines).join("\n");
    assert!(shown.contains("Brand new body"), "{shown}");
}
