//! The sample news built into the binary, so `tidings` with no path shows
//! something from any directory.

use include_dir::{Dir, include_dir};

use super::load::Library;
use super::post::Source;

static SAMPLES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/assets/news");

pub fn load_builtin() -> Library {
    let mut sources = Vec::new();
    collect(&SAMPLES, &mut sources);
    Library::from_sources(sources, Vec::new())
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<Source>) {
    for file in dir.files() {
        let id = file.path().to_string_lossy().replace('\\', "/");
        out.push(Source {
            path: format!("builtin/{id}").into(),
            id,
            bytes: file.contents().to_vec(),
            size: file.contents().len() as u64,
        });
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}
