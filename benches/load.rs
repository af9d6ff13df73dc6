//! Time until the sorted list of 10,000 synthetic posts is ready (warm cache),
//! beside the floor of just reading the same files.

mod support;

use rayon::prelude::*;

fn main() {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let posts = corpus.join("posts");
    let lib = tidings::content::load(std::slice::from_ref(&posts));
    let bytes: usize = lib.posts.iter().map(|p| p.body.len()).sum();
    println!(
        "corpus: {} posts, {:.1} MB of bodies, {} rayon threads",
        lib.posts.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    let files: Vec<_> = lib.posts.iter().map(|p| p.path.clone()).collect();
    support::measure("floor: read the files, one thread", 5, || {
        files
            .iter()
            .map(|f| std::fs::read(f).unwrap().len())
            .sum::<usize>()
    });
    support::measure("floor: read the files, all threads", 5, || {
        files
            .par_iter()
            .map(|f| std::fs::read(f).unwrap().len())
            .sum::<usize>()
    });
    support::measure("load + sort 10,000 posts (--list)", 10, || {
        tidings::content::load_lean(std::slice::from_ref(&posts))
            .posts
            .len()
    });
    support::measure("... with search text (the reader)", 10, || {
        tidings::content::load(std::slice::from_ref(&posts))
            .posts
            .len()
    });
}
