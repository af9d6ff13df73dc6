//! The workers that carry out the app's effects: reading posts, rendering
//! large articles, saving the reading state, starting the opener. Each is
//! one thread where the latest request wins ([`single`]), so the number of
//! threads is fixed whatever the input does; results go back as messages.
//! Nothing here touches the terminal, so a session over ssh can use the
//! same workers.

mod clip;
pub mod opener;
mod save;
pub mod search;
pub mod single;
mod write;

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::{Batch, Effect, Msg, Scan, render};
use crate::content::{self, Post};
use crate::store::Store;
pub use save::Saver;
use single::{Single, latest};

/// Bytes of plain text kept in memory before texts go to the spill file.
const TEXTS_IN_MEMORY: usize = 64 << 20;

/// Files per batch of the first load.
const BATCH: usize = 2000;

/// Where results go: the session's message channel.
pub type Send = Arc<dyn Fn(Msg) + std::marker::Send + Sync>;

struct RenderJob {
    rev: u64,
    post: Box<Post>,
    width: u16,
    look: Box<crate::app::Look>,
}

pub struct Workers {
    render: Single<RenderJob>,
    /// Fills tmux's or screen's paste buffer (none outside them).
    clip: Option<Single<String>>,
    scan: Single<(u64, Scan)>,
    open: Option<Single<String>>,
    save: Option<Saver>,
    write: Single<write::Job>,
    search: Single<search::Job>,
}

impl Workers {
    /// Starts the workers. `roots` are the folders and files opened (what
    /// a reload reads); `store` where marks are saved; `opener` the system
    /// program for web links.
    pub fn start(
        roots: Vec<PathBuf>,
        store: Option<Store>,
        opener: Option<opener::Opener>,
        mux: crate::app::Mux,
        send: Send,
    ) -> Workers {
        let clip = (mux != crate::app::Mux::None).then(|| {
            let tx = send.clone();
            Single::spawn("clip", latest, move |text: String, _| {
                tx(Msg::Copied(clip::to_mux(&text, mux)));
            })
        });
        let tx = send.clone();
        let render = Single::spawn("render", latest, move |mut job: RenderJob, _| {
            if job.post.body_on_disk {
                job.post.body = content::read_body(&job.post)
                    .unwrap_or_else(|why| format!("*This post can no longer be read:* {why}"));
            }
            let article = render(&job.post, job.width as usize, &job.look);
            tx(Msg::Rendered {
                rev: job.rev,
                path: job.post.path.clone(),
                width: job.width,
                article: Arc::new(article),
            });
        });
        let tx = send.clone();
        // Texts go to a spill file (bodies are read again when shown): the
        // reader's memory holds metadata, whatever the posts weigh.
        let texts = (!roots.is_empty())
            .then(|| content::TextFile::create(&spill_dir()).ok())
            .flatten();
        // Texts kept in memory, for the search's sake, up to this many
        // bytes (about 18,000 posts of the synthetic corpus).
        let mut keep = TEXTS_IN_MEMORY;
        let scan = Single::spawn("scan", Scan::merge, move |(generation, scan), ctl| {
            let superseded = || ctl.pending_is(|(_, s)| matches!(s, Scan::Full));
            if matches!(scan, Scan::Full) {
                // Everything is read again: the old texts go.
                keep = TEXTS_IN_MEMORY;
            }
            for mut batch in read(&roots, scan, &superseded) {
                if let Some(store) = &texts {
                    content::spill(&mut batch.posts, store, &mut keep);
                }
                tx(Msg::Loaded { generation, batch });
            }
        });
        let open = opener.map(|program| {
            let tx = send.clone();
            // Children are reaped here, at the next open, not by a thread
            // each: the thread count does not grow with links opened.
            let mut children: Vec<std::process::Child> = Vec::new();
            Single::spawn("open", latest, move |url: String, _| {
                children.retain_mut(|c| matches!(c.try_wait(), Ok(None)));
                match opener::open(&program, &url) {
                    Ok(child) => children.push(child),
                    Err(e) => tx(Msg::OpenFailed(url, e.to_string())),
                }
            })
        });
        Workers {
            render,
            clip,
            scan,
            open,
            save: store.map(|s| Saver::start(s, send.clone())),
            write: write::start(send.clone()),
            search: search::start(send.clone()),
        }
    }

    /// Hands an effect to its worker; gives back the ones only the
    /// terminal side can do (copying to the clipboard).
    pub fn carry_out(&self, effect: Effect) -> Option<Effect> {
        match effect {
            Effect::Render {
                rev,
                post,
                width,
                look,
            } => self.render.request(RenderJob {
                rev,
                post,
                width,
                look,
            }),
            Effect::Scan { generation, scan } => self.scan.request((generation, scan)),
            Effect::Save(delta) => {
                if let Some(s) = &self.save {
                    s.request(delta);
                }
            }
            Effect::Open(url) => match &self.open {
                Some(w) => w.request(url),
                None => return Some(Effect::Copy(url)),
            },
            Effect::Copy(text) => {
                if let Some(clip) = &self.clip {
                    clip.request(text.clone());
                }
                // OSC 52 too: it reaches the outer clipboard where the
                // multiplexer passes it on.
                return Some(Effect::Copy(text));
            }
            Effect::Suspend => return Some(Effect::Suspend),
            Effect::Search {
                generation,
                compiled,
                items,
                ellipsis,
            } => self.search.request(search::Job {
                generation,
                compiled,
                items,
                ellipsis,
            }),
            Effect::Write {
                path,
                text,
                markdown_of,
                overwrite,
            } => self.write.request(write::Job {
                path,
                text,
                markdown_of,
                overwrite,
            }),
            // They take the terminal: only the runner can.
            e @ (Effect::Edit { .. } | Effect::Pipe { .. }) => return Some(e),
        }
        None
    }

    /// Ends the workers, waiting only for the save: the marks must reach
    /// the disk. Err names the state file and why it was not written.
    pub fn finish(self) -> Result<(), String> {
        match self.save {
            Some(s) => s.finish(),
            None => Ok(()),
        }
    }
}

/// `$XDG_CACHE_HOME/tidings`, else `~/.cache/tidings`, else the system's
/// temporary folder.
fn spill_dir() -> PathBuf {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("XDG_CACHE_HOME")
        .or_else(|| var("HOME").map(|h| h.join(".cache")))
        .map(|d| d.join("tidings"))
        .unwrap_or_else(std::env::temp_dir)
}

/// The batches a scan request produces, lazily, so a first load that a
/// reload supersedes stops between batches.
fn read<'a>(
    roots: &'a [PathBuf],
    scan: Scan,
    superseded: &'a dyn Fn() -> bool,
) -> Box<dyn Iterator<Item = Batch> + 'a> {
    match scan {
        Scan::Files { files, again } => {
            let total = files.len();
            let mut at = 0;
            Box::new(std::iter::from_fn(move || {
                if at >= total || superseded() {
                    return None;
                }
                // Files read before the screen opened come in batches of
                // their own: their warnings were reported then.
                let end = if at < again { again } else { total };
                let chunk = &files[at..(at + BATCH).min(end)];
                let (posts, mut warnings) = content::read_posts(chunk);
                if at < again {
                    warnings.clear();
                }
                at += chunk.len();
                Some(Batch {
                    posts,
                    warnings,
                    done: at,
                    total,
                    ..Batch::default()
                })
            }))
        }
        Scan::Full => Box::new(std::iter::once(whole(roots))),
        Scan::Paths(paths) => {
            let r = content::reread(roots, &paths);
            Box::new(std::iter::once(if r.rescan {
                whole(roots)
            } else {
                Batch {
                    posts: r.posts,
                    warnings: r.warnings,
                    removed: r.removed,
                    ..Batch::default()
                }
            }))
        }
    }
}

fn whole(roots: &[PathBuf]) -> Batch {
    let lib = content::load(roots);
    Batch {
        posts: lib.posts,
        warnings: lib.warnings,
        replace: true,
        ..Batch::default()
    }
}
