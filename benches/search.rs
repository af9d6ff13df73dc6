//! Time from a key in the search box to the updated list, with 10,000
//! posts: "key answered" is `App::update` (field filters, candidates, the
//! request to the search worker; drawing is measured by the frame bench);
//! "all results" adds the worker's matching of the rendered text, step by
//! step, and the ranking of each step's hits.

mod support;

use std::time::Instant;

use tidings::app::{Action, App, Effect, Look};
use tidings::content;
use tidings::markdown::Theme;

/// Runs the searches the key asked for as the search worker would (its
/// steps on all cores) and feeds the hits back; their time.
fn finish(app: &mut App, effects: Vec<Effect>) -> f64 {
    let t = Instant::now();
    for e in effects {
        for msg in tidings::jobs::search::answer(&e) {
            app.update(msg);
        }
    }
    t.elapsed().as_secs_f64() * 1e3
}

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
    let e = app.update(Action::Char('x'));
    finish(&mut app, e);
    println!(
        "first key (builds the metadata haystacks once): {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    app.update(Action::Back);
    for query in [
        "社区运作",
        "planner",
        "城市 tag:教育",
        "zzzq",
        "after:2026-01-01 lang:zh 数据",
        "\"社区 运作\"",
        "数据 -城市",
        "planner OR 社区",
    ] {
        app.update(Action::Search);
        let (mut key, mut all) = (Vec::new(), Vec::new());
        for c in query.chars() {
            let t = Instant::now();
            let e = app.update(Action::Char(c));
            key.push(t.elapsed().as_secs_f64() * 1e3);
            all.push(key.last().unwrap() + finish(&mut app, e));
        }
        let shown = app.visible.len();
        // Backspacing widens the search again: every post is tested.
        let mut back = Vec::new();
        for _ in query.chars() {
            let t = Instant::now();
            let e = app.update(Action::Backspace);
            back.push(t.elapsed().as_secs_f64() * 1e3);
            finish(&mut app, e);
        }
        app.update(Action::Back);
        let max = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max);
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        println!(
            "{query:<30} {shown:>5} hits; key answered mean {:.1} / max {:.1} ms; all results mean {:.1} / max {:.1} ms; backspace key max {:.1} ms",
            mean(&key),
            max(&key),
            mean(&all),
            max(&all),
            max(&back),
        );
    }
}
