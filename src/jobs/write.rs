//! `w`: an article written to a file, never replacing one unless the
//! reader said so; through a temporary file, so a failed write leaves
//! nothing half-written.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;

use super::Send;
use super::single::{Single, latest};
use crate::app::Msg;
use crate::text::sanitize_line;

pub struct Job {
    pub path: PathBuf,
    pub text: String,
    /// Write this post's Markdown, not `text`.
    pub markdown_of: Option<Box<crate::content::Post>>,
    pub overwrite: bool,
}

pub fn start(send: Send) -> Single<Job> {
    Single::spawn("write", latest, move |mut job: Job, _| {
        let shown = sanitize_line(&job.path.to_string_lossy());
        if let Some(post) = job.markdown_of.take() {
            let body = if post.body_on_disk {
                match crate::content::read_body(&post) {
                    Ok(body) => body,
                    Err(why) => return send(Msg::Note(format!("could not read the post: {why}"))),
                }
            } else {
                post.body.clone()
            };
            job.text = crate::app::external::markdown(&post, &body);
        }
        let msg = match write(&job) {
            Ok(()) => Msg::Note(format!("saved the article to {shown}")),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Msg::WriteExists(job.path),
            Err(e) => Msg::Note(format!("could not save to {shown}: {e}")),
        };
        send(msg);
    })
}

fn write(job: &Job) -> io::Result<()> {
    if !job.overwrite {
        // Created new or not at all: nothing there is ever replaced, even
        // a file made since the reader was asked.
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&job.path)?;
        return f.write_all(job.text.as_bytes()).and_then(|()| f.sync_all());
    }
    let name = job.path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = job
        .path
        .with_file_name(format!(".{name}.tidings-{}", std::process::id()));
    let written = fs::write(&tmp, &job.text).and_then(|()| fs::rename(&tmp, &job.path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(path: PathBuf, text: &str, overwrite: bool) -> Job {
        Job {
            path,
            text: text.into(),
            markdown_of: None,
            overwrite,
        }
    }

    #[test]
    fn never_replaces_a_file_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&job(path.clone(), "first", false)).unwrap();
        let again = write(&job(path.clone(), "second", false)).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        write(&job(path.clone(), "second", true)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left");
        let missing = dir.path().join("no/such/dir/a.txt");
        assert!(write(&job(missing, "x", false)).is_err());
    }
}
