//! Files are what they claim to be: FIFOs, sockets and devices are never
//! opened as posts, links lead only inside the folders opened, and every
//! real folder and file is visited once, at start-up and on reread.
#![cfg(unix)]

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use tidings::content::{self, Library, Reread};

/// Far beyond a scan of a few files; a FIFO opened, or `/` walked, is not.
const LIMIT: Duration = Duration::from_secs(30);

/// Runs `f` on a thread, failing (not hanging) if it does not finish.
fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(LIMIT)
        .unwrap_or_else(|_| panic!("{what} did not finish in {LIMIT:?}: something blocked"))
}

fn load(paths: &[&Path]) -> Library {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    within("load", move || content::load(&paths))
}

fn reread(roots: &[&Path], changed: &[PathBuf]) -> Reread {
    let roots: Vec<PathBuf> = roots.iter().map(|p| p.to_path_buf()).collect();
    let changed = changed.to_vec();
    within("reread", move || content::reread(&roots, &changed))
}

fn write_post(path: &Path, title: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        path,
        format!("---\ntitle: {title}\ndate: 2022-01-01\n---\n\nText.\n"),
    )
    .unwrap();
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn titles(lib: &Library) -> Vec<&str> {
    let mut t: Vec<&str> = lib.posts.iter().map(|p| p.title.as_str()).collect();
    t.sort();
    t
}

fn texts<'a>(warnings: impl IntoIterator<Item = &'a content::Warning>) -> Vec<String> {
    warnings.into_iter().map(|w| w.to_string()).collect()
}

fn has(text: &[String], needle: &str) -> bool {
    text.iter().any(|t| t.contains(needle))
}

/// A writer waiting on the FIFO: it gets through only once something opens
/// the FIFO for reading. Says whether that happened before `check`.
struct Watched {
    path: PathBuf,
    checking: Arc<AtomicBool>,
    opened: mpsc::Receiver<bool>,
}

fn watch_fifo(path: &Path) -> Watched {
    let checking = Arc::new(AtomicBool::new(false));
    let (tx, opened) = mpsc::channel();
    let (p, c) = (path.to_path_buf(), checking.clone());
    std::thread::spawn(move || {
        if std::fs::OpenOptions::new().write(true).open(&p).is_ok() {
            let _ = tx.send(c.load(Ordering::SeqCst));
        }
    });
    Watched {
        path: path.to_path_buf(),
        checking,
        opened,
    }
}

impl Watched {
    /// Opens the FIFO for reading now; the writer must see this opening
    /// as the first one.
    fn assert_not_opened_before(self) {
        use std::os::unix::fs::OpenOptionsExt;
        self.checking.store(true, Ordering::SeqCst);
        let _reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&self.path)
            .unwrap();
        let first_by_us = self.opened.recv_timeout(LIMIT).expect("writer released");
        assert!(
            first_by_us,
            "{} was opened before the test opened it",
            self.path.display()
        );
    }
}

#[test]
fn fifo_socket_and_devices_are_skipped_by_name_and_posts_beside_them_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(&root.join("a.md"), "A");
    mkfifo(&root.join("x.md"));
    let _socket = std::os::unix::net::UnixListener::bind(root.join("s.md")).unwrap();
    symlink("/dev/null", root.join("null.md")).unwrap();
    // Absent in some containers: then a dangling link, warned about too.
    symlink("/dev/tty", root.join("tty.md")).unwrap();
    let fifo = watch_fifo(&root.join("x.md"));

    let lib = load(&[root]);
    assert_eq!(titles(&lib), ["A"]);
    let w = texts(&lib.warnings);
    let x = root.join("x.md");
    let fifo_warning = format!(
        "{}: a named pipe (FIFO), not a regular file; skipped",
        x.display()
    );
    assert!(has(&w, &fifo_warning), "{w:?}");
    assert!(
        has(&w, "s.md: a socket, not a regular file; skipped"),
        "{w:?}"
    );
    assert!(
        has(
            &w,
            "null.md -> /dev/null: a character device, not a regular file; skipped"
        ),
        "{w:?}"
    );
    assert!(has(&w, "tty.md -> /dev/tty: "), "{w:?}");
    assert_eq!(w.len(), 4, "{w:?}");
    fifo.assert_not_opened_before();
}

#[test]
fn link_to_the_root_of_the_disk_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(&root.join("2022/a.md"), "A");
    symlink("/", root.join("all")).unwrap();
    let lib = load(&[root]);
    assert_eq!(titles(&lib), ["A"]);
    let w = texts(&lib.warnings);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].ends_with("all -> /: points outside the folders opened; not followed"),
        "{w:?}"
    );
}

#[test]
fn links_inside_the_folder_are_followed_and_list_each_post_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(&root.join("real/a.md"), "A");
    write_post(&root.join("real/deep/b.md"), "B");
    symlink(root.join("real"), root.join("alias")).unwrap();
    symlink("real/deep", root.join("also-deep")).unwrap();
    symlink("real/a.md", root.join("latest.md")).unwrap();
    let lib = load(&[root]);
    let mut ids: Vec<&str> = lib.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["real/a.md", "real/deep/b.md"], "real places win");
    assert!(lib.warnings.is_empty(), "{:?}", texts(&lib.warnings));
}

#[test]
fn a_folder_reached_only_through_a_link_is_listed_under_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    write_post(&dir.path().join("site-data/news/a.md"), "A");
    write_post(&root.join("b.md"), "B");
    symlink(dir.path().join("site-data/news"), root.join("news")).unwrap();
    let alone = load(&[&root]);
    assert_eq!(titles(&alone), ["B"]);
    assert!(has(&texts(&alone.warnings), "points outside"));

    let both = load(&[&root, &dir.path().join("site-data")]);
    assert_eq!(titles(&both), ["A", "B"]);
    let a = both.posts.iter().find(|p| p.title == "A").unwrap();
    assert_eq!(a.id, "news/a.md");
    let real = dir
        .path()
        .canonicalize()
        .unwrap()
        .join("site-data/news/a.md");
    assert_eq!(a.canonical, real);
    assert!(both.warnings.is_empty(), "{:?}", texts(&both.warnings));
}

#[test]
fn overlapping_roots_list_each_post_once_in_either_order() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    write_post(&news.join("a.md"), "A");
    write_post(&news.join("zh/b.md"), "B");
    let zh = news.join("zh");
    for order in [[&news, &zh], [&zh, &news]] {
        let lib = load(&[order[0], order[1]]);
        assert_eq!(titles(&lib), ["A", "B"], "{order:?}");
        assert!(lib.warnings.is_empty(), "{:?}", texts(&lib.warnings));
    }
    let twice = load(&[&news, &news, &news.join("a.md")]);
    assert_eq!(titles(&twice), ["A", "B"]);
}

#[test]
fn symlink_loops_end() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(&root.join("x/a.md"), "A");
    write_post(&root.join("y/b.md"), "B");
    symlink("..", root.join("x/up")).unwrap();
    symlink("../y", root.join("x/to-y")).unwrap();
    symlink("../x", root.join("y/to-x")).unwrap();
    symlink("self", root.join("self")).unwrap();
    let lib = load(&[root]);
    assert_eq!(titles(&lib), ["A", "B"]);
    let w = texts(&lib.warnings);
    assert!(
        has(&w, "up -> ..: symbolic link loop; not followed"),
        "{w:?}"
    );
    assert!(has(&w, "self -> self: "), "a link to itself: {w:?}");
}

#[test]
fn reread_applies_the_same_rules_to_changed_paths() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(&root.join("a.md"), "A");
    write_post(&elsewhere.path().join("secret.md"), "Secret");
    mkfifo(&root.join("x.md"));
    symlink("/dev/null", root.join("null.md")).unwrap();
    symlink(elsewhere.path().join("secret.md"), root.join("out.md")).unwrap();
    let fifo = watch_fifo(&root.join("x.md"));

    let changed: Vec<PathBuf> = ["a.md", "x.md", "null.md", "out.md", "gone.md"]
        .iter()
        .map(|n| root.join(n))
        .collect();
    let r = reread(&[root], &changed);
    let titles: Vec<&str> = r.posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["A"]);
    assert!(!r.rescan);
    let w = texts(&r.warnings);
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(
        has(&w, "x.md: a named pipe (FIFO), not a regular file"),
        "{w:?}"
    );
    assert!(has(&w, "null.md -> /dev/null: a character device"), "{w:?}");
    assert!(has(&w, "out.md -> "), "{w:?}");
    assert!(has(&w, "points outside the folders opened"), "{w:?}");
    let mut removed: Vec<_> = r.removed.iter().map(|p| p.file_name().unwrap()).collect();
    removed.sort();
    assert_eq!(
        removed,
        ["gone.md", "null.md", "out.md", "x.md"],
        "none can stay a post"
    );
    fifo.assert_not_opened_before();
}

#[test]
fn reread_gives_the_ids_and_keys_a_scan_gives() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(&root.join("2022/index.md"), "A");
    let scanned = load(&[root]);
    let r = reread(&[root], &[root.join("2022/index.md")]);
    assert_eq!(r.posts.len(), 1);
    assert_eq!(r.posts[0].id, scanned.posts[0].id);
    assert_eq!(r.posts[0].key, scanned.posts[0].key);
    assert_eq!(r.posts[0].canonical, scanned.posts[0].canonical);
}
