//! Property: paragraphs mixing Chinese, full-width punctuation, long runs
//! (words, paths, URLs), emphasis and links, rendered at every width from
//! 20 to 160, give lines that fit, never start with closing punctuation
//! unless that is all they hold, and read, in order, as the text
//! `markdown::plain` finds in the source (whitespace and link numbers
//! aside).

use proptest::prelude::*;
use ratatui::text::Line;
use tidings::markdown::{Options, PlainOptions, Theme, plain, render};
use tidings::text::width;

const CLOSING: &str = "，。、；：？！）」』】》〉”’";
const OPENING: &str = "（「『【《〈“‘";

fn one_of(set: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<String> = set.chars().map(String::from).collect();
    prop::sample::select(chars)
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[一-龥]{1,12}",
        3 => one_of(CLOSING),
        1 => one_of(OPENING),
        1 => Just(" ".to_string()),
        1 => " [a-zA-Z]{1,10} ",
        2 => "[a-z]{20,90}",
        1 => "/[a-z]{3,10}(/[a-z0-9._-]{3,12}){3,8}",
        1 => "https://example\\.org(/[a-z0-9]{3,12}){2,8}",
        2 => "\\*\\*[一-龥]{1,6}\\*\\*",
        1 => "\\*[a-z]{1,8}\\*",
        1 => "\\[[一-龥]{1,6}\\]\\(https://x\\.org/[a-z]{1,10}\\)",
    ]
}

/// A paragraph opens with Chinese: a line that begins the paragraph with
/// `，` has no earlier line to take it.
fn paragraph() -> impl Strategy<Value = String> {
    ("[一-龥]{1,4}", prop::collection::vec(piece(), 1..24))
        .prop_map(|(head, rest)| head + &rest.concat())
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(paragraph(), 1..4).prop_map(|ps| ps.join("\n\n"))
}

fn text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The text with whitespace and `[n]` link numbers taken out (the source
/// has no ASCII brackets outside its links).
fn squeeze(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        rest = match after[digits..].strip_prefix(']') {
            Some(tail) if digits > 0 => tail,
            _ => {
                out.push('[');
                after
            }
        };
    }
    out.push_str(rest);
    out.retain(|c| !c.is_whitespace());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn wrapped_lines_fit_keep_kinsoku_and_lose_no_text(md in document()) {
        let theme = Theme::default();
        let reference = squeeze(&plain(&md, &PlainOptions::default()));
        for w in 20..=160 {
            let art = render(&md, &Options { width: w, theme: &theme, lang: "zh", base_url: None });
            // The body ends at the rule over the list of links.
            let lines: Vec<String> = art.lines.iter().map(text)
                .take_while(|l| !l.starts_with('─'))
                .collect();
            for (i, line) in lines.iter().enumerate() {
                prop_assert!(width(line) <= w, "width {}: {:?} in {:#?}", w, line, lines);
                let t = line.trim();
                let only_closing = t.chars().all(|c| CLOSING.contains(c));
                prop_assert!(
                    only_closing || !t.starts_with(|c| CLOSING.contains(c)),
                    "width {}: line {} starts with closing punctuation: {:#?}", w, i, lines
                );
            }
            prop_assert_eq!(squeeze(&lines.concat()), reference.clone(), "width {}", w);
        }
    }
}
