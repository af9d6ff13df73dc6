//! Body quirks of real published posts (see shared/docs/real-world-posts.md),
//! reproduced in fixtures of our own and rendered at 60 and 100 columns.

mod common;

use std::path::Path;

use tidings::content;
use tidings::markdown::{Article, LinkKind, Options, Theme, render};
use tidings::text::width;

fn render_file(name: &str, cols: usize) -> (Vec<String>, Article) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/quirks")
        .join(name);
    let md = std::fs::read_to_string(path).unwrap();
    let a = render(
        &md,
        &Options {
            width: cols,
            theme: &Theme::default(),
            lang: "zh",
            base_url: None,
        },
    );
    let lines = a
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    (lines, a)
}

const FIXTURES: &[&str] = &[
    "img-no-alt.md",
    "div-wrapped.md",
    "md-images.md",
    "wide-table.md",
    "html-table.md",
    "autolinks.md",
    "blog.md",
    "emphasis.md",
];

#[test]
fn no_line_too_wide_and_no_raw_tag_text() {
    for name in FIXTURES {
        for cols in [60, 100] {
            let (lines, _) = render_file(name, cols);
            for l in &lines {
                assert!(width(l) <= cols, "{name}@{cols}: {l}");
                for tag in [
                    "<img", "<div", "<p", "</", "<a ", "<br", "<video", "<table", "<td",
                ] {
                    assert!(!l.contains(tag), "{name}@{cols}: raw {tag} in {l}");
                }
            }
        }
    }
}

#[test]
fn every_image_is_a_placeholder_with_a_link() {
    for (name, images) in [
        (
            "img-no-alt.md",
            vec!["[图片: qrcode.png]", "[图片: a.png]", "[图片: b.png]"],
        ),
        ("div-wrapped.md", vec!["[图片: pic1.png]"]),
        (
            "md-images.md",
            vec![
                "[图片]",
                "[图片: 海报.png]",
                "[图片: 图片1.png]",
                "[图片: 架构]",
            ],
        ),
    ] {
        for cols in [60, 100] {
            let (lines, a) = render_file(name, cols);
            let all = lines.join("\n");
            for img in &images {
                assert!(all.contains(img), "{name}@{cols}: no {img} in\n{all}");
            }
            // `![图片]()` has no URL to number; every other image has one.
            let numbered = images.iter().filter(|i| **i != "[图片]").count();
            let image_links = a.links.iter().filter(|l| l.kind == LinkKind::Image).count();
            assert_eq!(image_links, numbered, "{name}@{cols}");
        }
    }
}

#[test]
fn emphasis_next_to_chinese_has_no_stray_asterisks() {
    for cols in [60, 100] {
        let (lines, _) = render_file("emphasis.md", cols);
        let all = lines.join("\n");
        assert_eq!(
            all.matches("**").count(),
            2,
            "only **8000 **元 stays literal:\n{all}"
        );
        assert!(all.contains("**8000 **元"));
    }
}

#[test]
fn html_blocks_tables_and_video() {
    let (lines, a) = render_file("html-table.md", 60);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("版本") && l.contains("日期")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l == "[视频: intro.mp4][1]"),
        "{lines:#?}"
    );
    assert_eq!(a.links[0].kind, LinkKind::Video);
    let (lines, _) = render_file("div-wrapped.md", 60);
    assert!(lines.contains(&"图 1：架构图".to_string()), "{lines:#?}");
    assert!(
        lines.contains(&"加粗的 HTML 段落".to_string()),
        "{lines:#?}"
    );
    assert!(lines.contains(&"第二行".to_string()), "{lines:#?}");
}

#[test]
fn tab_padded_table_of_urls_keeps_every_url() {
    for cols in [60, 100] {
        let (_, a) = render_file("wide-table.md", cols);
        let urls: Vec<&str> = a.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls.len(), 6, "{urls:?}");
        assert!(
            urls.iter()
                .all(|u| u.starts_with("https://opengauss.org/zh/docs/3.1.0/docs/"))
        );
    }
}

#[test]
fn autolinks_bare_urls_and_a_lone_less_than() {
    let (lines, a) = render_file("autolinks.md", 100);
    let urls: Vec<&str> = a.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://opengauss.org/zh/download.html",
            "mailto:community@opengauss.org",
            "https://www.modb.pro/db/483220"
        ]
    );
    assert!(lines.iter().any(|l| l.contains("RTO<10s")));
}

#[test]
fn blog_toc_anchors_escapes_and_long_code() {
    let (lines, a) = render_file("blog.md", 60);
    assert_eq!(lines[0], "目录");
    assert_eq!(a.headings.len(), 2);
    assert!(
        lines.iter().any(|l| l.contains("函数 f(x) 的定义")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains('↪')),
        "long code lines continue"
    );
    assert!(!lines.iter().any(|l| l.contains("name=")));
}

#[test]
fn seed_post_prints_with_placeholders_and_links() {
    let Some(file) = common::seed_file() else {
        return;
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--print", "--width", "80", "--color", "never"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for l in text.lines() {
        assert!(width(l) <= 80, "{l}");
        assert!(!l.contains("<img"), "{l}");
    }
    for pic in [
        "qrcode.png",
        "pic1.png",
        "pic8.jpg",
        "pic3.png",
        "pic4.png",
        "pic5.png",
        "pic6.png",
        "pic7.png",
    ] {
        assert!(
            text.contains(&format!("[图片: {pic}]")),
            "no placeholder for {pic}"
        );
    }
    let links: Vec<&str> = text.lines().skip_while(|l| *l != "链接").collect();
    assert!(
        links
            .iter()
            .any(|l| l.ends_with(" https://opengauss.org/zh/download.html"))
    );
    assert!(
        links
            .iter()
            .any(|l| l.ends_with(" https://www.modb.pro/db/483220"))
    );
    let lib = content::load(&[file]);
    assert_eq!(lib.posts[0].effective_lang(), "zh");
}
