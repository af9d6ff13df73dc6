//! tidings: a terminal news reader for folders of Markdown posts.

pub mod content;
pub mod text;
