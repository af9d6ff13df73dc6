//! The renderer, one construct at a time: exact lines and styles.

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use tidings::markdown::{Article, LinkKind, Options, Theme, render};

fn article(md: &str, width: usize) -> Article {
    article_lang(md, width, "en")
}

fn article_lang(md: &str, width: usize, lang: &str) -> Article {
    render(
        md,
        &Options {
            width,
            theme: &Theme::default(),
            lang,
            base_url: None,
        },
    )
}

fn text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn lines(md: &str, width: usize) -> Vec<String> {
    article(md, width).lines.iter().map(text).collect()
}

/// The style of the span whose text is exactly `content`.
fn style_of(a: &Article, content: &str) -> Style {
    a.lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.content == content)
        .unwrap_or_else(|| panic!("no span {content:?} in {:#?}", a.lines))
        .style
}

/// The URL of the link whose cells hold the span with text `content`.
fn link_of(a: &Article, content: &str) -> Option<String> {
    let (line, col, w) = a
        .lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| {
            let mut col = 0;
            for s in &l.spans {
                let w = s.width();
                if s.content == content {
                    return Some((i, col, w));
                }
                col += w;
            }
            None
        })
        .unwrap_or_else(|| panic!("no span {content:?}"));
    let span = a
        .link_spans
        .iter()
        .find(|s| s.line == line && s.start <= col && col + w <= s.end)?;
    Some(a.links[span.link - 1].url.clone())
}

fn theme() -> Theme {
    Theme::default()
}

/// A style as the reader sees it: without the link number it carries.
fn visible(style: Style) -> Style {
    Style {
        underline_color: None,
        ..style
    }
}

#[test]
fn headings_show_level_markers_and_styles() {
    let a = article("# One\n\n## Two\n\n### Three", 40);
    let l: Vec<String> = a.lines.iter().map(text).collect();
    assert_eq!(l, ["# One", "", "## Two", "", "### Three"]);
    assert_eq!(style_of(&a, "One"), theme().headings[0]);
    assert_eq!(style_of(&a, "Two"), theme().headings[1]);
    assert_eq!(style_of(&a, "## "), theme().heading_marker);
    let levels: Vec<(u8, &str, usize)> = a
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str(), h.line))
        .collect();
    assert_eq!(levels, [(1, "One", 0), (2, "Two", 2), (3, "Three", 4)]);
}

#[test]
fn emphasis_strong_strike_and_inline_code() {
    let a = article("*it* **bold** ~~gone~~ `code`", 40);
    assert_eq!(
        lines("*it* **bold** ~~gone~~ `code`", 40),
        ["it bold gone code"]
    );
    assert_eq!(style_of(&a, "it"), theme().emphasis);
    assert_eq!(style_of(&a, "bold"), theme().strong);
    assert_eq!(style_of(&a, "gone"), theme().strike);
    assert_eq!(style_of(&a, "code"), theme().code);
}

#[test]
fn nested_emphasis_combines_styles() {
    let a = article("**bold *both***", 40);
    let both = style_of(&a, "both");
    assert!(
        both.add_modifier
            .contains(Modifier::BOLD | Modifier::ITALIC)
    );
}

#[test]
fn cjk_friendly_emphasis_renders_bold() {
    for md in [
        "**真，**她",
        "**重要提示（Important Notice）：**请注意",
        "以**“汇聚”**为主题",
    ] {
        let a = article(md, 60);
        let l = text(&a.lines[0]);
        assert!(!l.contains("**"), "{md} -> {l}");
        let bold: String = a.lines[0]
            .spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::BOLD))
            .map(|s| s.content.as_ref())
            .collect();
        assert!(!bold.is_empty(), "{md} has no bold span");
    }
    assert_eq!(
        lines("**8000 **元", 40),
        ["**8000 **元"],
        "not emphasis under any rule"
    );
}

#[test]
fn paragraphs_and_soft_breaks() {
    assert_eq!(lines("one\ntwo\n\nthree", 40), ["one two", "", "three"]);
    assert_eq!(
        lines("第一行\n第二行", 40),
        ["第一行第二行"],
        "CJK joins without a space"
    );
    assert_eq!(lines("中文\nEnglish", 40), ["中文 English"]);
}

#[test]
fn hard_breaks() {
    assert_eq!(lines("one  \ntwo\\\nthree", 40), ["one", "two", "three"]);
    assert_eq!(lines("a<br>b<br/>c", 40), ["a", "b", "c"]);
}

#[test]
fn block_quotes_nest_with_bars() {
    assert_eq!(
        lines("> outer\n>\n> > inner\n>\n> back", 40),
        ["│ outer", "│", "│ │ inner", "│", "│ back"]
    );
    let a = article("> q", 40);
    assert_eq!(style_of(&a, "│ "), theme().quote);
}

#[test]
fn lists_have_hanging_indents() {
    assert_eq!(
        lines(
            "- alpha beta gamma delta\n- two\n  - nested item\n\n1. first\n2. second",
            14
        ),
        [
            "• alpha beta",
            "  gamma delta",
            "• two",
            "  ◦ nested",
            "    item",
            "",
            "1. first",
            "2. second",
        ]
    );
}

#[test]
fn ordered_lists_keep_their_start_and_loose_items_get_space() {
    assert_eq!(lines("3. c\n\n4. d", 20), ["3. c", "", "4. d"]);
}

#[test]
fn task_lists() {
    assert_eq!(
        lines("- [x] done\n- [ ] todo", 20),
        ["• [x] done", "• [ ] todo"]
    );
}

#[test]
fn horizontal_rule_spans_the_width() {
    assert_eq!(lines("a\n\n---\n\nb", 10), ["a", "", "──────────", "", "b"]);
}

#[test]
fn footnotes_have_references_and_definitions() {
    assert_eq!(
        lines("Text[^n].\n\n[^n]: The note.", 30),
        ["Text[^1].", "", "[^1] The note."]
    );
}

#[test]
fn code_blocks_are_not_reflowed_and_mark_continuations() {
    let md = "```\nfn main() {\n    let value = some_function(argument_one, two);\n}\n```";
    assert_eq!(
        lines(md, 30),
        [
            "  fn main() {",
            "      let value = some_functio",
            "      ↪ n(argument_one, two);",
            "  }",
        ]
    );
    let a = article(md, 30);
    assert_eq!(style_of(&a, "fn main() {"), theme().code_block);
    assert_eq!(style_of(&a, "↪ "), theme().code_mark);
}

#[test]
fn indented_code_and_tabs() {
    assert_eq!(lines("    a\tb\n    c", 20), ["  a   b", "  c"]);
}

#[test]
fn tables_size_columns_by_display_width() {
    let md = "| 名称 | n |\n|---|--:|\n| 工具链 | 27 |\n| SQL | 6 |";
    assert_eq!(
        lines(md, 40),
        [
            "┌────────┬────┐",
            "│ 名称   │  n │",
            "├────────┼────┤",
            "│ 工具链 │ 27 │",
            "│ SQL    │  6 │",
            "└────────┴────┘",
        ]
    );
}

#[test]
fn tables_too_wide_become_stacked_rows() {
    let md = "| Resource | Address | Note |\n|---|---|---|\n| site | https://kestrel.example.org/zh/ | news |";
    let l = lines(md, 20);
    assert!(l.iter().all(|x| tidings::text::width(x) <= 20), "{l:#?}");
    assert_eq!(l[0], "Resource: site");
    assert!(l.iter().any(|x| x.starts_with("Address: ")), "{l:#?}");
    assert!(l.iter().any(|x| x == "Note: news"), "{l:#?}");
}

#[test]
fn links_are_numbered_and_listed_in_full() {
    let md = "See [the site](https://a.example.org/x) and [again](https://a.example.org/x), \
              then <https://b.example.org/>.";
    let a = article(md, 80);
    let l: Vec<String> = a.lines.iter().map(text).collect();
    assert_eq!(
        l[0],
        "See the site[1] and again[1], then https://b.example.org/[2]."
    );
    assert_eq!(visible(style_of(&a, "the site")), theme().link);
    assert_eq!(visible(style_of(&a, "[1]")), theme().link_number);
    // Where each link's cells are (for OSC 8 hyperlinks).
    let one = Some("https://a.example.org/x".to_owned());
    assert_eq!(link_of(&a, "the site"), one);
    assert_eq!(link_of(&a, "[1]"), one);
    assert_eq!(
        link_of(&a, "https://b.example.org/"),
        Some("https://b.example.org/".to_owned())
    );
    assert_eq!(link_of(&a, "See "), None);
    assert!(
        a.lines
            .iter()
            .flat_map(|l| &l.spans)
            .all(|s| s.style.underline_color.is_none())
    );
    let tail = &l[l.len() - 3..];
    assert_eq!(
        tail,
        [
            "Links",
            "[1] https://a.example.org/x",
            "[2] https://b.example.org/"
        ]
    );
    assert_eq!(a.links.len(), 2);
}

#[test]
fn bare_urls_and_emails_become_links() {
    let a = article(
        "活动详情：https://www.modb.pro/db/483220\n\nmail <help@example.org>",
        80,
    );
    assert_eq!(
        text(&a.lines[0]),
        "活动详情：https://www.modb.pro/db/483220[1]"
    );
    assert_eq!(a.links[0].url, "https://www.modb.pro/db/483220");
    assert_eq!(a.links[1].url, "mailto:help@example.org");
}

#[test]
fn long_urls_wrap_in_the_links_list_but_stay_whole() {
    let url = "https://kestrel.example.org/zh/events/2024-09-10/a-very-long-article-name.html";
    let a = article(&format!("[x]({url})"), 30);
    let l: Vec<String> = a.lines.iter().map(text).collect();
    let start = l.iter().position(|x| x.starts_with("[1] ")).unwrap();
    let joined: String = l[start..]
        .iter()
        .map(|x| x.trim_start_matches("[1] ").trim())
        .collect();
    assert_eq!(joined, url);
}

#[test]
fn images_become_placeholders_with_alt_or_file_name() {
    let a = article_lang(
        "![海报](./海报.png) ![](/a/b/pic1.png) ![图片]()\n\n<img src=\"/zh/news/2022-10-08/qrcode.png\" style=\"width: 30%\">",
        80,
        "zh",
    );
    let l: Vec<String> = a.lines.iter().map(text).collect();
    assert_eq!(l[0], "[图片: 海报][1] [图片: pic1.png][2] [图片]");
    assert_eq!(l[2], "[图片: qrcode.png][3]");
    assert_eq!(visible(style_of(&a, "[图片: qrcode.png]")), theme().image);
    assert_eq!(
        link_of(&a, "[图片: qrcode.png]"),
        Some("/zh/news/2022-10-08/qrcode.png".to_owned())
    );
    assert!(a.links.iter().all(|x| x.kind == LinkKind::Image));
    let en = lines("![](x/y.png)", 40);
    assert_eq!(en[0], "[image: y.png][1]");
}

#[test]
fn html_blocks_keep_text_and_drop_tags() {
    let md = "<div style=\"text-align:center\">\n<p>Hello <b>bold</b> <a href=\"https://x.org\">link</a></p>\n<center>centred</center>\n</div>";
    let a = article(md, 40);
    let l: Vec<String> = a.lines.iter().map(text).collect();
    assert_eq!(l[0], "Hello bold link[1]");
    assert_eq!(l[1], "centred");
    assert_eq!(style_of(&a, "bold"), theme().strong);
}

#[test]
fn inline_html_styles_and_anchors() {
    let a = article(
        "## Title<a name=\"t\"></a>\n\nsay <em>it</em> <code>x</code> <del>no</del> <span>kept</span> <unknown>text</unknown>",
        60,
    );
    let l: Vec<String> = a.lines.iter().map(text).collect();
    assert_eq!(l[0], "## Title");
    assert_eq!(l[2], "say it x no kept text");
    assert_eq!(style_of(&a, "it"), theme().emphasis);
    assert_eq!(style_of(&a, "x"), theme().code);
    assert_eq!(style_of(&a, "no"), theme().strike);
    assert!(a.links.is_empty(), "an <a name> anchor is no link");
}

#[test]
fn media_become_placeholders_and_comments_vanish() {
    let md = "<video src=\"https://v.org/m.mp4\" controls></video>\n\n<iframe src=\"https://e.org/embed/x\"></iframe>\n\n<!-- secret -->\n\n<video controls><source src=\"/v/a.webm\"></video>\n\nend";
    let l = lines(md, 60);
    assert_eq!(
        &l[..7],
        [
            "[video: m.mp4][1]",
            "",
            "[embed: x][2]",
            "",
            "[video: a.webm][3]",
            "",
            "end"
        ]
    );
    assert!(!l.iter().any(|x| x.contains("secret")));
}

#[test]
fn broken_attribute_quoting_still_gives_a_placeholder() {
    let l = lines(
        "<img src=\"https://x.org/crowd.jpg\" alt=\"Crowd\" style=\"width:50%>\n\nnext",
        60,
    );
    assert_eq!(&l[..3], ["[image: Crowd][1]", "", "next"]);
}

#[test]
fn a_lone_less_than_is_text() {
    assert_eq!(lines("RTO<10s and a < b", 40), ["RTO<10s and a < b"]);
}

#[test]
fn relative_links_resolve_against_a_base_url() {
    let a = render(
        "![](/zh/news/2022-10-08/pic1.png) [up](../x.md)",
        &Options {
            width: 80,
            theme: &theme(),
            lang: "en",
            base_url: Some("https://opengauss.org/zh/news/2022-10-08/"),
        },
    );
    assert_eq!(
        a.links[0].url,
        "https://opengauss.org/zh/news/2022-10-08/pic1.png"
    );
    assert_eq!(a.links[0].raw, "/zh/news/2022-10-08/pic1.png");
    assert_eq!(a.links[1].url, "https://opengauss.org/zh/news/x.md");
}

#[test]
fn toc_renders_the_outline() {
    let a = article_lang(
        "[TOC]\n\n## 一、概述\n\ntext\n\n### 细节\n\n## 二、结论",
        40,
        "zh",
    );
    let l: Vec<String> = a.lines.iter().map(text).collect();
    assert_eq!(
        &l[..5],
        ["目录", "  一、概述", "    细节", "  二、结论", ""]
    );
    let h = &a.headings[0];
    assert_eq!(
        l[h.line], "## 一、概述",
        "heading lines shift past the outline"
    );
}

#[test]
fn chinese_wraps_without_overflow_or_leading_punctuation() {
    let md = "截止到 9 月 30 日，社区在技术委员会的领导下，孵化的 SIG 已经达到 24 个，SIG 组成员达到 245 人。";
    for w in [10, 17, 23, 40] {
        let l = lines(md, w);
        for x in &l {
            assert!(tidings::text::width(x) <= w, "{w}: {x}");
            assert!(!x.starts_with(['，', '。', '、']), "{w}: {l:?}");
        }
        assert_eq!(l.concat().replace(' ', ""), md.replace(' ', ""));
    }
}

#[test]
fn control_characters_and_escapes_never_survive() {
    let evil = "\x1b]52;c;aGVsbG8=\x07";
    let clear = "\x1b[2J";
    let md = format!(
        "# H{evil}\n\np{clear} [l{evil}](https://x.org/{clear}) ![a{evil}](/i{clear}.png) `c{evil}` \u{9b}31m\n\n```\nk{evil}\n```\n\n| h{clear} |\n|---|\n| c{evil} |\n\n<div title=\"{evil}\">d{clear}</div>\n\n[^f]: f{evil}\n"
    );
    let a = article(&md, 60);
    for line in &a.lines {
        let t = text(line);
        assert!(!t.chars().any(char::is_control), "{t:?}");
        assert!(!t.contains("]52;") && !t.contains("[2J"), "{t:?}");
    }
    for link in &a.links {
        assert!(!link.url.chars().any(char::is_control), "{:?}", link.url);
    }
}

#[test]
fn link_positions_survive_wrapping_prefixes_and_tables() {
    let a = article(
        "> 见 [很长的链接文字在这里](https://x.org/a) 后\n\n| k | v |\n|---|---|\n| 1 | [cell](https://y.org) |",
        16,
    );
    let shown: Vec<(String, String)> = a
        .link_spans
        .iter()
        .map(|s| {
            let line = text(&a.lines[s.line]);
            let cols: String = line
                .chars()
                .scan(0, |col, c| {
                    let at = *col;
                    *col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    Some((at, c))
                })
                .filter(|(at, _)| (s.start..s.end).contains(at))
                .map(|(_, c)| c)
                .collect();
            (cols, a.links[s.link - 1].url.clone())
        })
        .collect();
    let x = "https://x.org/a".to_owned();
    let y = "https://y.org".to_owned();
    let want = [
        ("很长的链接", &x),
        ("文字在这里[1]", &x),
        ("cell[2]", &y),
        ("https://", &x),
        ("x.org/a", &x),
        ("https://", &y),
        ("y.org", &y),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(t, u)| (t.to_string(), u.to_string()))
        .collect();
    assert_eq!(shown, want);
}

#[test]
fn malformed_img_tags_show_as_placeholders_without_raw_markup() {
    for (md, placeholder, url) in [
        (
            "A <img src=/a/b.png alt=Two words> here.",
            "[image: Two words]",
            Some("/a/b.png"),
        ),
        (
            "B <img src=\"x.png\" alt=\"y\" <p>text</p>",
            "[image: y]",
            Some("x.png"),
        ),
        (
            "C <img src=\"x2.png alt=\"y2\"> done.",
            "[image: y2]",
            Some("x2.png"),
        ),
        ("D text then <img", "[image]", None),
        (
            "D2 text then <img src=\"tail.png\"",
            "[image: tail.png]",
            Some("tail.png"),
        ),
        (
            "<IMG SRC=/UP/PIC.PNG ALT=\"Upper\">",
            "[image: Upper]",
            Some("/UP/PIC.PNG"),
        ),
        ("E <img/> end", "[image]", None),
        (
            "F <IMG SRC='q.png' ALT='open quote> end",
            "[image: open quote]",
            Some("q.png"),
        ),
    ] {
        let a = article(md, 40);
        let l: Vec<String> = a.lines.iter().map(text).collect();
        for line in &l {
            for raw in ["<", "src=", "alt=", "SRC=", "ALT="] {
                assert!(!line.contains(raw), "{md}: raw {raw} in {line}");
            }
        }
        assert!(l.iter().any(|x| x.contains(placeholder)), "{md}: {l:#?}");
        let urls: Vec<&str> = a.links.iter().map(|k| k.url.as_str()).collect();
        match url {
            Some(u) => {
                assert_eq!(urls, [u], "{md}");
                assert!(
                    l.iter().any(|x| x.contains(&format!("{placeholder}[1]"))),
                    "{l:#?}"
                );
            }
            None => assert!(urls.is_empty(), "{md}: {urls:?}"),
        }
    }
}
