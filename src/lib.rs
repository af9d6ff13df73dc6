//! tidings: a terminal news reader for folders of Markdown posts.
//!
//! Dependencies point one way: `main → tui | print → app, ui → markdown,
//! content`, with `text` as a leaf every layer may use.

pub mod ansi;
pub mod app;
pub mod content;
#[doc(hidden)]
pub mod fuzzing;
pub mod markdown;
pub mod print;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod watch;
