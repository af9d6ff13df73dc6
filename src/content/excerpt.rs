//! Fallbacks read from the body: the first heading (for a missing title) and
//! the first paragraph's plain text (for a missing summary).
//!
//! Only a prefix of the body is parsed, cut at a blank line so the blocks in
//! it parse as they would in the whole text; a longer prefix is tried only
//! when the shorter one held nothing usable.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::{sanitize_line, truncate};

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
    for limit in [4 << 10, 64 << 10, usize::MAX] {
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

/// At most `limit` bytes of `body`, ending at a blank line when there is one.
fn prefix(body: &str, limit: usize) -> &str {
    if body.len() <= limit {
        return body;
    }
    let mut end = limit;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    match body[..end]
        .rfind("\n\n")
        .or_else(|| body[..end].rfind("\n\r\n"))
    {
        Some(i) => &body[..i + 1],
        None => &body[..end],
    }
}

fn scan(text: &str, out: &mut Excerpt, want_heading: bool, want_paragraph: bool) {
    #[derive(PartialEq)]
    enum In {
        Nothing,
        Heading,
        Paragraph,
    }
    let mut state = In::Nothing;
    let mut buf = String::new();
    let mut image_depth = 0;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { .. }) if want_heading && out.heading.is_none() => {
                state = In::Heading;
                buf.clear();
            }
            Event::Start(Tag::Paragraph) if want_paragraph && out.paragraph.is_none() => {
                state = In::Paragraph;
                buf.clear();
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth -= 1,
            Event::Text(t) | Event::Code(t) if state != In::Nothing && image_depth == 0 => {
                buf.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak if state != In::Nothing => buf.push(' '),
            Event::End(TagEnd::Heading(_)) if state == In::Heading => {
                out.heading = clean(&buf);
                state = In::Nothing;
            }
            Event::End(TagEnd::Paragraph) if state == In::Paragraph => {
                let text = clean(&buf);
                let is_toc = text
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case("[toc]"));
                if !is_toc {
                    out.paragraph = text.map(|t| truncate(&t, SUMMARY_COLS));
                }
                state = In::Nothing;
            }
            _ => {}
        }
        if (!want_heading || out.heading.is_some()) && (!want_paragraph || out.paragraph.is_some())
        {
            return;
        }
    }
}

/// Folds white space and makes the text safe; `None` when nothing is left.
fn clean(s: &str) -> Option<String> {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let safe = sanitize_line(&joined);
    (!safe.is_empty()).then_some(safe)
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
