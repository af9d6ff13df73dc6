//! Fallbacks read from the body: the first heading (for a missing title) and
//! the first paragraph's plain text (for a missing summary), read by the
//! article renderer's plain mode, so they show what the article shows.
//!
//! Only a prefix of the body is parsed, cut at a blank line so the blocks in
//! it parse as they would in the whole text; a longer prefix is tried only
//! when the shorter one held nothing usable.

use std::ops::ControlFlow;

use crate::markdown::{Block, PlainOptions, plain_blocks, prefix};
use crate::text::truncate;

/// Columns a summary taken from the body is cut to.
pub const SUMMARY_COLS: usize = 200;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Excerpt {
    pub heading: Option<String>,
    pub paragraph: Option<String>,
}

pub fn excerpt(body: &str, want_heading: bool, want_paragraph: bool) -> Excerpt {
    let mut out = Excerpt::default();
    if !want_heading && !want_paragraph {
        return out;
    }
    // The first paragraph is nearly always in the first kilobyte, and the
    // parser reads all it is given before the first event.
    for limit in [1 << 10, 4 << 10, 64 << 10, usize::MAX] {
        let prefix = prefix(body, limit);
        scan(prefix, &mut out, want_heading, want_paragraph);
        let done = (!want_heading || out.heading.is_some())
            && (!want_paragraph || out.paragraph.is_some());
        if done || prefix.len() == body.len() {
            break;
        }
    }
    out
}

fn scan(text: &str, out: &mut Excerpt, want_heading: bool, want_paragraph: bool) {
    // A summary that starts with a banner's file name says nothing.
    let opts = PlainOptions {
        images: false,
        ..PlainOptions::default()
    };
    plain_blocks(text, &opts, &mut |kind, text| {
        match kind {
            Block::Heading(_) if want_heading && out.heading.is_none() => {
                out.heading = clean(text);
            }
            Block::Paragraph if want_paragraph && out.paragraph.is_none() => {
                out.paragraph = clean(text).map(|t| truncate(&t, SUMMARY_COLS));
            }
            _ => {}
        }
        let done = (!want_heading || out.heading.is_some())
            && (!want_paragraph || out.paragraph.is_some());
        if done {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
}

/// Folds white space (plain text is already safe); `None` when nothing is
/// left.
fn clean(s: &str) -> Option<String> {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_heading_and_paragraph() {
        let e = excerpt(
            "[TOC]\n\n<img src=\"a.png\">\n\n# **openGauss** 3.0\n\n![logo](x.png) First *para*\ngraph.\n\nSecond.",
            true,
            true,
        );
        assert_eq!(e.heading.as_deref(), Some("openGauss 3.0"));
        assert_eq!(e.paragraph.as_deref(), Some("First para graph."));
    }

    #[test]
    fn summaries_show_no_markup() {
        let e = excerpt(
            "**粗体**文字，[链接](https://x.org)和<span style=\"color:red\">红</span>。",
            false,
            true,
        );
        assert_eq!(e.paragraph.as_deref(), Some("粗体文字，链接和红。"));
        let e = excerpt("*Emphasis* first, `code` &amp; **more**.", false, true);
        assert_eq!(e.paragraph.as_deref(), Some("Emphasis first, code & more."));
    }

    #[test]
    fn long_paragraph_is_cut() {
        let body = "长".repeat(500);
        let p = excerpt(&body, false, true).paragraph.unwrap();
        // 99 wide characters and the ellipsis: a wide one would not fit.
        assert_eq!(crate::text::width(&p), SUMMARY_COLS - 1);
        assert!(p.ends_with('…'));
    }

    #[test]
    fn vue_listing_page_has_no_paragraph() {
        let e = excerpt(
            "<script setup>\nimport X from 'x'\n</script>\n\n<TheNews />\n",
            true,
            true,
        );
        assert_eq!(e, Excerpt::default());
    }

    #[test]
    fn a_paragraph_past_the_first_prefix_is_found() {
        let body = format!("```\n{}\n```\n\nLate paragraph.", "code\n\n".repeat(2000));
        assert_eq!(
            excerpt(&body, false, true).paragraph.as_deref(),
            Some("Late paragraph.")
        );
    }
}
