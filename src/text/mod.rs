//! Small text helpers shared by every layer: making untrusted text safe for a
//! terminal ([`sanitize`]), and measuring or cutting it by display width
//! ([`width`](mod@width)).

mod sanitize;
mod width;

pub use sanitize::*;
pub use width::*;
