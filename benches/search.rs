//! Time from a key in the search box to the updated list, with 10,000
//! posts: `App::update`, which refilters and prepares the screen state
//! (drawing itself is measured by the frame bench).

mod support;

use std::time::Instant;

use tidings::app::{Action, App, Look};
use tidings::content;
use tidings::markdown::Theme;

fn main() {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let lib = content::load(&[corpus.join("posts")]);
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    let mut app = App::new(lib, look, 120, 40);
    let start = Instant::now();
    app.update(Action::Search);
    app.update(Action::Char('x'));
    println!(
        "first key (folds the search text of all posts once): {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    app.update(Action::Back);
    for query in [
        "社区运作",
        "planner",
        "城市 tag:教育",
        "zzzq",
        "after:2026-01-01 lang:zh 数据",
    ] {
        app.update(Action::Search);
        let mut times = Vec::new();
        for c in query.chars() {
            let t = Instant::now();
            app.update(Action::Char(c));
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let shown = app.visible.len();
        // Backspacing widens the search again: every post is tested.
        let mut back = Vec::new();
        for _ in query.chars() {
            let t = Instant::now();
            app.update(Action::Backspace);
            back.push(t.elapsed().as_secs_f64() * 1e3);
        }
        app.update(Action::Back);
        let max = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max);
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        println!(
            "{query:<32} {shown:>5} hits; per key typing mean {:.1} ms, max {:.1} ms; backspace mean {:.1} ms, max {:.1} ms",
            mean(&times),
            max(&times),
            mean(&back),
            max(&back)
        );
    }
}
