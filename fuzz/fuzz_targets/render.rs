//! Markdown (and the HTML in it) at any width from 1 to 256: no panic, no
//! line wider than the width, no control character in the output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tidings::fuzzing::check_render(data);
});
