//! Whole articles as snapshots: every built-in post at 40, 80 and 120
//! columns, first as plain text, then span by span with styles.

use std::fmt::Write;

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use tidings::content;
use tidings::markdown::{Options, Theme, render};

fn style_tag(s: Style) -> String {
    let mut parts = Vec::new();
    for (m, name) in [
        (Modifier::BOLD, "B"),
        (Modifier::DIM, "D"),
        (Modifier::ITALIC, "I"),
        (Modifier::UNDERLINED, "U"),
        (Modifier::REVERSED, "R"),
        (Modifier::CROSSED_OUT, "X"),
    ] {
        if s.add_modifier.contains(m) {
            parts.push(name.to_string());
        }
    }
    if let Some(fg) = s.fg {
        parts.push(format!("{fg:?}"));
    }
    parts.join(",")
}

fn describe(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        writeln!(out, "{}", text.trim_end()).unwrap();
    }
    out.push_str("\n---- styles (unstyled spans omitted) ----\n");
    for (i, line) in lines.iter().enumerate() {
        let styled: Vec<String> = line
            .spans
            .iter()
            .filter(|s| s.style != Style::default() && !s.content.trim().is_empty())
            .map(|s| format!("{:?}{{{}}}", s.content, style_tag(s.style)))
            .collect();
        if !styled.is_empty() {
            writeln!(out, "{i:>3}: {}", styled.join(" ")).unwrap();
        }
    }
    out
}

#[test]
fn builtin_posts_at_three_widths() {
    let lib = content::load_builtin();
    let theme = Theme::default();
    for post in &lib.posts {
        for width in [40, 80, 120] {
            let article = render(
                &post.body,
                &Options {
                    width,
                    theme: &theme,
                    lang: post.effective_lang(),
                    base_url: None,
                },
            );
            for line in &article.lines {
                assert!(line.width() <= width, "{}: {line:?}", post.id);
            }
            let name = format!(
                "{}@{width}",
                post.id.trim_end_matches(".md").replace(['/', '.'], "_")
            );
            insta::assert_snapshot!(name, describe(&article.lines));
        }
    }
}
