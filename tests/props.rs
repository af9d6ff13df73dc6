//! Property: any Markdown (CJK, tables, deep nesting, long words, HTML,
//! control characters) at any width from 4 to 200 renders without panicking,
//! with no line wider than the width and no control character.

use proptest::prelude::*;
use tidings::markdown::{Options, Theme, render};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("中文段落，没有空格。".to_string()),
        Just("**真，**她".to_string()),
        Just("English words here ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("    ".to_string()),
        Just("```\n".to_string()),
        Just(
            "| 名称 | 地址 |\n|---|---|\n| 资源 | https://example.org/a/very/long/path |\n"
                .to_string()
        ),
        Just("<img src=\"/a/图.png\" style=\"w:1%>".to_string()),
        Just("<div><b>x</b>".to_string()),
        Just("</div>".to_string()),
        Just("[link](https://x.org/)".to_string()),
        Just("![alt](p.png)".to_string()),
        Just("https://bare.example.org/path?q=1".to_string()),
        Just("\t".to_string()),
        Just("\x1b[2J\x1b]52;c;eA==\x07\u{9b}".to_string()),
        Just("[^n]\n\n[^n]: note".to_string()),
        Just("# ".to_string()),
        "[a-z]{1,60}".prop_map(|s| s),
        "[一-龥]{1,40}".prop_map(|s| s),
        "[\\PC]{0,20}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lines_fit_and_are_clean(pieces in prop::collection::vec(piece(), 0..40), width in 4usize..=200) {
        let md: String = pieces.concat();
        let theme = Theme::default();
        let a = render(&md, &Options { width, theme: &theme, lang: "zh", base_url: None });
        for line in &a.lines {
            prop_assert!(line.width() <= width, "{} > {}: {:?}", line.width(), width, line);
            for span in &line.spans {
                prop_assert!(!span.content.chars().any(char::is_control), "{:?}", span.content);
            }
        }
        for h in &a.headings {
            prop_assert!(h.line < a.lines.len().max(1));
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let theme = Theme::default();
    for md in [
        ">".repeat(2000) + " deep",
        "- ".repeat(2000) + "deep",
        "*".repeat(2000) + "deep" + &"*".repeat(2000),
        "<b>".repeat(2000) + "deep",
    ] {
        let a = render(
            &md,
            &Options {
                width: 40,
                theme: &theme,
                lang: "en",
                base_url: None,
            },
        );
        assert!(a.lines.iter().all(|l| l.width() <= 40));
    }
}
