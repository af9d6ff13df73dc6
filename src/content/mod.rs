//! Reading posts: scanning folders, splitting front matter, mapping fields.
//! The only part of tidings that reads post files.

mod builtin;
pub mod date;
mod excerpt;
pub mod fields;
pub mod frontmatter;
mod identity;
mod load;
mod post;
pub mod stream;
pub mod texts;
mod walk;
mod yaml;

pub use builtin::load_builtin;
pub use date::PostDate;
pub use excerpt::SUMMARY_COLS;
pub use frontmatter::Format;
pub use identity::{legacy_ids, unique_keys};
pub use load::{
    Library, Reread, assign_sites, list_order, load, load_lean, read_body, read_posts,
    read_posts_lean, reread, sort, spill,
};
pub use post::{MAX_BODY_BYTES, Post, Source, Warning};
pub use texts::{TextFile, TextRef};
pub use walk::{Found, Scan, scan};
