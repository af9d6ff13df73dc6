//! Drawing: turns posts and rendered articles into what the screen (or
//! `--print`) shows. Reads state, never changes it.

mod header;

pub use header::header_lines;
