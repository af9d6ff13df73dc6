//! Helpers shared by the integration tests (each test file uses some).
#![allow(dead_code)]

use std::path::PathBuf;

pub mod pty;

/// The seed post in `../shared/seed`, or `None` (with a note) when the
/// folder is absent, so tests that need it skip cleanly.
pub fn seed_file() -> Option<PathBuf> {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let file = std::fs::read_dir(&seed)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
        .map(|e| e.path());
    if file.is_none() {
        eprintln!("note: ../shared/seed is absent; seed test skipped");
    }
    file
}

/// Runs the searches among `effects` as the search worker would, feeding
/// their answers back into `app` (and so on for what those ask); returns
/// every effect seen.
pub fn settle(
    app: &mut tidings::app::App,
    effects: Vec<tidings::app::Effect>,
) -> Vec<tidings::app::Effect> {
    let mut all = Vec::new();
    for e in effects {
        for msg in tidings::jobs::search::answer(&e) {
            let more = app.update(msg);
            all.extend(settle(app, more));
        }
        all.push(e);
    }
    all
}

/// Writes an executable shell script.
pub fn script(path: &std::path::Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, body).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_path_buf()
}

/// A `$BROWSER` that records the URL it is given (written whole, by a
/// rename, so a reader never sees half of it): (script, record file).
pub fn recording_browser(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let record = dir.join("opened");
    let body = format!(
        "#!/bin/sh\nprintf '%s' \"$1\" > {}.tmp && mv {0}.tmp {0}\n",
        record.display()
    );
    (script(&dir.join("browser"), &body), record)
}

/// The screen's rows as text (wide characters once, trailing blanks cut),
/// from a frame of `app` drawn in-process at its size.
pub fn drawn_rows(app: &tidings::app::App) -> Vec<String> {
    let (cols, rows) = (app.width, app.height);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(cols, rows)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = t.backend().buffer();
    (0..rows)
        .map(|y| {
            let (mut row, mut x) = (String::new(), 0);
            while x < cols {
                let sym = buf[(x, y)].symbol();
                row.push_str(sym);
                x += tidings::text::width(sym).max(1) as u16;
            }
            row.trim_end().to_owned()
        })
        .collect()
}
