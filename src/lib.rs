//! tidings: a terminal news reader for folders of Markdown posts.
//!
//! Dependencies point one way: `main → tui | print → jobs, app, ui →
//! markdown, content`, with `text` as a leaf every layer may use. `jobs`
//! carries out the app's effects on worker threads, without a terminal.

pub mod ansi;
pub mod app;
pub mod config;
pub mod content;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod jobs;
pub mod log;
pub mod markdown;
pub mod print;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod watch;
