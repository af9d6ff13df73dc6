//! Everything that reaches the app is a [`Msg`]; everything it wants done
//! in the world is an [`Effect`]. Results of effects come back as messages
//! carrying the generation they were asked for, so a result overtaken by a
//! newer request is recognised and dropped.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Action, Batch, Key, Look, Marks, Rendered};
use crate::content::{Found, Post};

#[derive(Debug)]
pub enum Msg {
    /// A key, looked up in the keymap for the mode the app is in.
    Key(Key),
    /// A wheel or click (or a key already mapped), as what it does.
    Action(Action),
    /// The terminal's new size.
    Resize(u16, u16),
    /// Posts read by the scan worker for request `generation`.
    Loaded {
        generation: u64,
        batch: Batch,
    },
    /// Files changed on disk (from the watcher).
    FilesChanged(Vec<PathBuf>),
    /// The watcher lost events, or cannot tell what changed: read all.
    Rescan,
    /// A folder or file opened was deleted; or it is back and watched again.
    RootGone(PathBuf),
    RootBack(PathBuf),
    /// A large article rendered on the render worker.
    Rendered {
        rev: u64,
        path: PathBuf,
        width: u16,
        article: Arc<Rendered>,
    },
    /// The save worker's answer: marks other readers changed meanwhile, or
    /// why saving failed (the marks are kept and saved again later).
    Saved(Result<Marks, String>),
    /// The save worker is waiting for another reader's lock.
    SaveWaiting,
    /// Where a copy went inside tmux or screen, or why it did not.
    Copied(Result<String, String>),
    /// The opener could not be started for this URL (and why).
    OpenFailed(String, String),
    /// A status line from the terminal side.
    Note(String),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Action(a)
    }
}

/// What the scan worker should read.
#[derive(Debug, Clone)]
pub enum Scan {
    /// The first load, in batches; the first `again` files were read
    /// before the screen opened (their warnings are not repeated).
    Files { files: Vec<Found>, again: usize },
    /// Everything again (a reload).
    Full,
    /// These changed paths only.
    Paths(Vec<PathBuf>),
}

impl Scan {
    /// Folds a waiting request into a newer one: a full read covers
    /// everything; changed paths add up.
    pub fn merge(old: (u64, Scan), new: (u64, Scan)) -> (u64, Scan) {
        match (old, new) {
            ((_, Scan::Paths(mut a)), (g, Scan::Paths(b))) => {
                a.extend(b);
                a.sort();
                a.dedup();
                (g, Scan::Paths(a))
            }
            ((_, Scan::Full), (g, Scan::Paths(_))) => (g, Scan::Full),
            (_, new) => new,
        }
    }
}

/// Work for the runner, returned by `update`.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Hand this (checked, web) URL to the system opener.
    Open(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Save these changed marks (merged with what is on disk).
    Save(Marks),
    /// Read posts; results come back as `Msg::Loaded` with `generation`.
    Scan { generation: u64, scan: Scan },
    /// Give the terminal back and stop the process until it is continued.
    Suspend,
    /// Render this (large) post at this width on the render worker.
    Render {
        rev: u64,
        post: Box<Post>,
        width: u16,
        look: Box<Look>,
    },
}

impl PartialEq for Scan {
    fn eq(&self, other: &Scan) -> bool {
        match (self, other) {
            (Scan::Files { again: a, files: f }, Scan::Files { again: b, files: g }) => {
                a == b && f.len() == g.len()
            }
            (Scan::Full, Scan::Full) => true,
            (Scan::Paths(a), Scan::Paths(b)) => a == b,
            _ => false,
        }
    }
}

/// For tests: renders compare by what they ask for, not the post's bytes.
impl PartialEq for Effect {
    fn eq(&self, other: &Effect) -> bool {
        use Effect::*;
        match (self, other) {
            (Open(a), Open(b)) | (Copy(a), Copy(b)) => a == b,
            (Suspend, Suspend) => true,
            (Save(a), Save(b)) => a == b,
            (
                Scan {
                    generation: a,
                    scan: s,
                },
                Scan {
                    generation: b,
                    scan: t,
                },
            ) => a == b && s == t,
            (
                Render {
                    rev: a,
                    post: p,
                    width: w,
                    ..
                },
                Render {
                    rev: b,
                    post: q,
                    width: v,
                    ..
                },
            ) => a == b && p.path == q.path && w == v,
            _ => false,
        }
    }
}
