//! Rendering time at 100 columns: a typical ~10 KB post and the 5 MB post
//! from gen_corpus.py (`--big-mb 5`).

mod support;

use tidings::content;
use tidings::markdown::{Options, Theme, render};

fn main() {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let theme = Theme::default();
    let opts = |lang| Options {
        width: 100,
        theme: &theme,
        lang,
        base_url: None,
    };
    let lib = content::load(&[corpus.join("posts")]);
    // The post closest to 10 KB, and a built-in Chinese report for contrast.
    let typical = lib
        .posts
        .iter()
        .min_by_key(|p| p.body.len().abs_diff(10 << 10))
        .unwrap();
    let builtin = content::load_builtin();
    let report = builtin
        .posts
        .iter()
        .find(|p| p.id == "zh/2024-10-08/index.md")
        .unwrap();
    let big = content::load(&[corpus.join("big/big.md")]);
    let big = &big.posts[0];

    for (name, post, runs) in [
        (
            format!("typical post ({} KB)", typical.body.len() >> 10),
            typical,
            200,
        ),
        (
            format!("built-in zh report ({} KB)", report.body.len() >> 10),
            report,
            200,
        ),
        (
            format!("big post ({:.1} MB)", big.body.len() as f64 / 1e6),
            big,
            5,
        ),
    ] {
        let lang = post.effective_lang();
        let lines = render(&post.body, &opts(lang)).lines.len();
        support::measure(&format!("render {name}, {lines} lines"), runs, || {
            render(&post.body, &opts(lang)).lines.len()
        });
    }
}
