//! The search box: any query parses, matches against posts without
//! panicking, and its snippets are safe one-line text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tidings::fuzzing::check_query(data);
});
