//! tidings: a terminal news reader for folders of Markdown posts.
//!
//! Dependencies point one way: `main → print → ui → markdown, content`, with
//! `text` as a leaf every layer may use.

pub mod content;
pub mod markdown;
pub mod print;
pub mod text;
pub mod ui;
