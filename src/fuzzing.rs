//! The properties the fuzz targets check, shared with `cargo test`, which
//! replays every input the fuzzers ever found (tests/fuzz_regressions.rs).
//! Each function panics when a property does not hold.

use crate::app::search::{Compiled, Haystack, Query};
use crate::content::{Post, Source};
use crate::markdown::{Options, Theme, render};
use crate::text::is_clean;

/// Any bytes are a post; its title, tags, authors, categories and summary
/// are non-empty where required and free of control characters.
pub fn check_post(data: &[u8]) -> Post {
    let post = Post::parse(Source {
        id: "fuzz.md".into(),
        path: "fuzz.md".into(),
        bytes: data.to_vec(),
        size: data.len() as u64,
    });
    assert!(!post.title.is_empty(), "a post always has a title");
    for field in std::iter::once(&post.title)
        .chain(&post.tags)
        .chain(&post.authors)
        .chain(&post.categories)
        .chain(std::iter::once(&post.summary))
    {
        assert!(is_clean(field), "control character in {field:?}");
    }
    for w in &post.warnings {
        assert!(is_clean(&w.to_string()));
    }
    post
}

/// The first byte picks the width (1..=256), the rest is the Markdown.
pub fn check_render(data: &[u8]) {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = w as usize + 1;
    let md = String::from_utf8_lossy(rest);
    let theme = Theme::default();
    let article = render(
        &md,
        &Options {
            width,
            theme: &theme,
            lang: "zh",
            base_url: Some("https://example.org/news/"),
        },
    );
    for line in &article.lines {
        let cols: usize = line
            .spans
            .iter()
            .map(|s| crate::text::width(&s.content))
            .sum();
        assert!(cols <= width, "line wider than {width}: {line:?}");
        for span in &line.spans {
            assert!(is_clean(&span.content), "control character in {span:?}");
        }
    }
    for link in &article.links {
        assert!(is_clean(&link.url) && is_clean(&link.raw));
    }
    for h in &article.headings {
        assert!(h.line < article.lines.len().max(1));
        assert!(is_clean(&h.text));
    }
}

/// The input up to the first NUL is the query, the rest a post's body.
pub fn check_query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (query, body) = text
        .split_once('\0')
        .unwrap_or((&text, "标题 Title 正文 body"));
    let post = check_post(
        format!("---\ntitle: 社区 News\ntags: [a, 版本]\ndate: 2022-10-08\n---\n{body}").as_bytes(),
    );
    let compiled = Compiled::new(Query::parse(query));
    let hay = Haystack::new(&post);
    if let Some(hit) = compiled.matches(&post, &hay)
        && let Some(s) = hit.snippet
    {
        assert!(is_clean(&s) && !s.contains('\n'), "snippet {s:?}");
    }
}
