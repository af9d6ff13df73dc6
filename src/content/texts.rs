//! Where the plain text of posts lives once read: for a large library, in
//! a spill file on disk, not in memory, so memory grows with the posts'
//! metadata and not with their bodies. The search worker reads the texts
//! back (from the page cache, as a rule) a step at a time.

use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A post's plain text: in memory, or a range of a [`TextFile`].
#[derive(Clone)]
pub enum TextRef {
    Mem(Arc<str>),
    File {
        store: Arc<TextFile>,
        at: u64,
        len: u32,
    },
}

impl std::fmt::Debug for TextRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextRef::Mem(t) => write!(f, "Mem({} bytes)", t.len()),
            TextRef::File { at, len, .. } => write!(f, "File({at}+{len})"),
        }
    }
}

impl TextRef {
    pub fn mem(text: impl Into<Arc<str>>) -> TextRef {
        TextRef::Mem(text.into())
    }

    /// The text; from disk for a file range (an error if the file was
    /// damaged meanwhile, which reads as no text).
    pub fn read(&self) -> Cow<'_, str> {
        match self {
            TextRef::Mem(t) => Cow::Borrowed(t),
            TextRef::File { store, at, len } => {
                Cow::Owned(store.read(*at, *len).unwrap_or_default())
            }
        }
    }

    pub fn len(&self) -> usize {
        match self {
            TextRef::Mem(t) => t.len(),
            TextRef::File { len, .. } => *len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An append-only file of texts, removed from its folder as soon as it is
/// made: it lives while the reader holds it and leaves nothing behind,
/// whatever ends the process.
pub struct TextFile {
    file: File,
    /// Appends are serialised; reads need no lock (`pread`).
    end: Mutex<u64>,
}

impl TextFile {
    /// A new spill file in `dir` (created if missing).
    pub fn create(dir: &Path) -> io::Result<Arc<TextFile>> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!(".texts-{}-{}", std::process::id(), unique()));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::fs::remove_file(&path)?;
        Ok(Arc::new(TextFile {
            file,
            end: Mutex::new(0),
        }))
    }

    /// Appends a text, giving its reference.
    pub fn append(self: &Arc<TextFile>, text: &str) -> io::Result<TextRef> {
        let len = u32::try_from(text.len()).map_err(|_| io::Error::other("text too long"))?;
        let mut end = self.end.lock().unwrap_or_else(|e| e.into_inner());
        (&self.file).write_all(text.as_bytes())?;
        let at = *end;
        *end += u64::from(len);
        Ok(TextRef::File {
            store: self.clone(),
            at,
            len,
        })
    }

    fn read(&self, at: u64, len: u32) -> io::Result<String> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0; len as usize];
        self.file.read_exact_at(&mut buf, at)?;
        String::from_utf8(buf).map_err(io::Error::other)
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip_through_an_unlinked_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = TextFile::create(dir.path()).unwrap();
        let a = store.append("第一篇 text").unwrap();
        let b = store.append("").unwrap();
        let c = store.append("third").unwrap();
        assert_eq!(a.read(), "第一篇 text");
        assert_eq!(b.read(), "");
        assert_eq!(c.read(), "third");
        assert_eq!(c.len(), 5);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing left in the folder"
        );
    }
}
