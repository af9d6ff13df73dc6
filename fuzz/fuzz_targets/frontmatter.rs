//! Front matter splitting, YAML/TOML parsing, salvage and field mapping:
//! any bytes make a post, and what it shows is safe to print.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tidings::fuzzing::check_post(data);
});
