//! Plain mode: the text a reader sees, by exact value.

use std::ops::ControlFlow;

use tidings::markdown::{Block, PlainOptions, plain, plain_blocks};

fn text(md: &str) -> String {
    plain(md, &PlainOptions::default())
}

#[test]
fn cjk_emphasis_loses_its_asterisks() {
    assert_eq!(text("**粗体**文字"), "粗体文字");
    assert_eq!(text("这是**“引号”**内容"), "这是“引号”内容");
    assert_eq!(text("*斜体*和**粗体**。"), "斜体和粗体。");
}

#[test]
fn images_are_their_alt_text_or_file_name() {
    assert_eq!(text("<img src=x alt=\"图\">"), "图");
    assert_eq!(text("![alt](u.png)"), "alt");
    assert_eq!(text("![](/a/b/u.png?w=1) after"), "u.png after");
    assert_eq!(
        text("<img src=\"/zh/qrcode.png\" style=\"width:50%\">"),
        "qrcode.png"
    );
    let no_images = PlainOptions {
        images: false,
        ..PlainOptions::default()
    };
    assert_eq!(plain("![logo](x.png) First", &no_images), "First");
}

#[test]
fn links_are_their_text_and_urls_never_show() {
    assert_eq!(text("[text](https://x)"), "text");
    assert_eq!(
        text("see <a href=\"https://y.org\">链接</a>。"),
        "see 链接。"
    );
    assert_eq!(text("[ref][r]\n\n[r]: https://z.org"), "ref");
    // A bare URL is text the reader sees.
    assert_eq!(text("见 https://x.org/a"), "见 https://x.org/a");
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        text("a &amp; b &lt;c&gt; &#x4E2D; &copy;"),
        "a & b <c> 中 ©"
    );
    assert_eq!(text("<p>x&nbsp;&quot;y&quot;</p>"), "x \"y\"");
}

#[test]
fn html_tags_and_attributes_are_dropped() {
    assert_eq!(
        text("<span style=\"color:red\">红色</span>文字"),
        "红色文字"
    );
    assert_eq!(text("<div align=\"center\">\n<b>居中</b>\n</div>"), "居中");
    assert_eq!(text("<script>var x = 1;</script>\n\nafter"), "after");
}

#[test]
fn blocks_one_per_line_without_markers() {
    assert_eq!(
        text("# Title\n\nPara *one*\ntwo.\n\n> quoted"),
        "Title\nPara one two.\nquoted"
    );
    assert_eq!(text("- a\n- **b**\n\n1. c\n2. d"), "a\nb\nc\nd");
    assert_eq!(text("- [x] done\n- [ ] open"), "done\nopen");
    assert_eq!(text("中文\n换行"), "中文换行");
    assert_eq!(text("---\n\nafter"), "after");
    assert_eq!(text("note[^1]\n\n[^1]: the note"), "note\nthe note");
}

#[test]
fn code_keeps_its_lines() {
    assert_eq!(text("use `x` here"), "use x here");
    assert_eq!(
        text("```rust\nfn main() {\n    go();\n}\n```"),
        "fn main() {\n    go();\n}"
    );
}

#[test]
fn tables_are_rows_of_cells() {
    assert_eq!(
        text("| 名称 | 值 |\n|---|---|\n| **a** | [b](https://b.org) |"),
        "名称 值\na b"
    );
    assert_eq!(
        text("<table><tr><td>一</td><td>二</td></tr></table>"),
        "一 二"
    );
}

#[test]
fn control_and_escape_characters_never_pass() {
    let s = text("a\u{1b}[31mred\u{1b}[0m b\u{7}c \u{9b}2J d\u{1b}]52;c;eA==\u{7}e");
    assert!(tidings::text::is_clean(&s.replace('\n', "")), "{s:?}");
    assert!(!s.contains("[31m") && !s.contains("52;c"), "{s:?}");
    let code = text("```\nx\u{1b}[2Jy\n```");
    assert!(tidings::text::is_clean_block(&code), "{code:?}");
}

#[test]
fn early_stop_returns_at_most_n_chars_on_a_char_boundary() {
    let body = format!("{}\n\n{}", "中文字符".repeat(100), "more ".repeat(1000));
    for n in [0, 1, 5, 199, 200, 401] {
        let s = plain(
            &body,
            &PlainOptions {
                limit: n,
                ..PlainOptions::default()
            },
        );
        assert_eq!(s.chars().count(), n, "{n}");
        assert!(body.starts_with(&s) || s.contains('\n'), "{s}");
    }
}

#[test]
fn early_stop_does_not_read_the_rest() {
    // A huge body: stopping early must not parse it all (this takes
    // seconds in a debug build if it does).
    let body = "word **strong** ".repeat(2_000_000);
    let s = plain(
        &body,
        &PlainOptions {
            limit: 50,
            ..PlainOptions::default()
        },
    );
    assert_eq!(s, "word strong word strong word strong word strong wo");
}

#[test]
fn blocks_name_their_kind() {
    let mut seen = Vec::new();
    plain_blocks(
        "## 标题\n\n段落\n\n<p>html</p>\n\nlast",
        &PlainOptions::default(),
        &mut |kind, t| {
            seen.push((kind, t.to_owned()));
            if seen.len() == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    assert_eq!(
        seen,
        [
            (Block::Heading(2), "标题".to_owned()),
            (Block::Paragraph, "段落".to_owned()),
            (Block::Other, "html".to_owned()),
        ]
    );
}
