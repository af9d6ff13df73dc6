//! The search worker: matches a query against candidate posts' texts (read
//! from memory or the text file) a step at a time, sending each step's hits
//! back as it goes, and stopping early when a newer query is waiting.

use std::sync::Arc;

use rayon::prelude::*;

use super::Send;
use super::single::{Single, latest};
use crate::app::search::{Compiled, Haystack, Hit};
use crate::app::{Effect, Msg};
use crate::content::TextRef;

/// Candidates checked for the first message (the list fills at once),
/// then per message after it (each message redraws the list).
pub const STEP: usize = 2000;
pub const LATER_STEP: usize = 20_000;

pub struct Job {
    pub generation: u64,
    pub compiled: Arc<Compiled>,
    pub items: Vec<(u32, Arc<Haystack>, TextRef)>,
    pub ellipsis: &'static str,
}

pub fn start(send: Send) -> Single<Job> {
    Single::spawn("search", latest, move |job: Job, ctl| {
        for msg in steps(&job, &|| ctl.pending_is(|_| true)) {
            send(msg);
        }
    })
}

/// The messages a search sends, step by step; lazily, so a newer query
/// (`superseded`) stops it between steps.
pub fn steps<'a>(job: &'a Job, superseded: &'a dyn Fn() -> bool) -> impl Iterator<Item = Msg> + 'a {
    let total = job.items.len();
    let mut ranges = Vec::new();
    let mut at = 0;
    while at < total {
        let step = if at == 0 { STEP } else { LATER_STEP };
        ranges.push(at..(at + step).min(total));
        at += step;
    }
    // An empty search still answers once, so the list shows "no match".
    let empty = (total == 0).then(|| found(job, Vec::new(), 0));
    empty
        .into_iter()
        .chain(ranges.into_iter().enumerate().map_while(move |(n, range)| {
            if n > 0 && superseded() {
                return None;
            }
            let done = range.end;
            let hits: Vec<(u32, Hit)> = job.items[range]
                .par_iter()
                .filter_map(|(i, hay, text)| {
                    let hit = job.compiled.check(hay, &text.read(), job.ellipsis)?;
                    Some((*i, hit))
                })
                .collect();
            Some(found(job, hits, done))
        }))
}

fn found(job: &Job, hits: Vec<(u32, Hit)>, done: usize) -> Msg {
    Msg::SearchFound {
        generation: job.generation,
        hits,
        done,
        total: job.items.len(),
    }
}

/// Every message an `Effect::Search` leads to, at once: for runners with no
/// workers (tests, benchmarks).
pub fn answer(effect: &Effect) -> Vec<Msg> {
    match effect {
        Effect::Search {
            generation,
            compiled,
            items,
            ellipsis,
        } => {
            let job = Job {
                generation: *generation,
                compiled: compiled.clone(),
                items: items.clone(),
                ellipsis,
            };
            steps(&job, &|| false).collect()
        }
        _ => Vec::new(),
    }
}
