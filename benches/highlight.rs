//! Code highlighting: what loading the grammars costs once, and rendering
//! code highlighted against the same code left plain (an unknown fence),
//! at 100 columns. The code is tidings' own source, so it is real Rust.

mod support;

use std::time::Instant;

use tidings::markdown::{Options, Theme, render};

const SOURCE: &str = concat!(
    include_str!("../src/markdown/writer/mod.rs"),
    include_str!("../src/markdown/wrap.rs"),
    include_str!("../src/app/mod.rs"),
    include_str!("../src/app/search/mod.rs"),
);

fn post(lang: &str, bytes: usize) -> String {
    let mut code = String::new();
    while code.len() < bytes {
        code.push_str(SOURCE);
    }
    let mut end = bytes.min(code.len());
    while !code.is_char_boundary(end) {
        end -= 1;
    }
    code.truncate(end);
    format!("# Code\n\nSome text.\n\n```{lang}\n{code}\n```\n")
}

/// Resident memory now (Linux; 0 elsewhere).
fn rss_mb() -> f64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1 << 20) as f64
}

fn main() {
    let theme = Theme::default();
    let opts = Options {
        width: 100,
        theme: &theme,
        lang: "en",
        base_url: None,
    };
    // The first render with a known language loads the grammars.
    let before = rss_mb();
    let start = Instant::now();
    render(&post("rust", 100), &opts);
    println!(
        "{:<44} {:>10.3?}  (once), RSS {before:.1} -> {:.1} MB",
        "load grammars + tiny render",
        start.elapsed(),
        rss_mb()
    );

    for kb in [4, 64, 256] {
        for lang in ["rust", "unknown"] {
            let md = post(lang, kb << 10);
            let runs = if kb >= 256 { 5 } else { 30 };
            support::measure(
                &format!("render {kb} KB of code, fence {lang}"),
                runs,
                || render(&md, &opts).lines.len(),
            );
        }
    }
    println!("RSS after the renders above: {:.1} MB", rss_mb());
    if let Some(corpus) = support::corpus() {
        let big = tidings::content::load(&[corpus.join("big/big.md")]);
        let big = &big.posts[0];
        support::measure(
            &format!("render big post ({:.1} MB)", big.body.len() as f64 / 1e6),
            5,
            || render(&big.body, &opts).lines.len(),
        );
    }
}
