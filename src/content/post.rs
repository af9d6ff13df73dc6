//! One post: its metadata, body and the warnings met while reading it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::date::{self, PostDate};
use super::excerpt::excerpt;
use super::fields::{self, Fields};
use super::frontmatter::{self, Format};
use super::identity;
use super::texts::TextRef;
use crate::text::sanitize_line;

/// Bodies larger than this are cut, with a notice, so one huge file cannot
/// exhaust memory or stall the reader. Real news posts are under 100 KB.
pub const MAX_BODY_BYTES: usize = 8 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file (as the user named it) or the folder the warning is about.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = sanitize_line(&self.file);
        let message = sanitize_line(&self.message);
        match self.line {
            Some(line) => write!(f, "{file}:{line}: {message}"),
            None => write!(f, "{file}: {message}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Post {
    /// The path relative to the folder that was opened, as listed; not an
    /// identity across folders (see `key`).
    pub id: String,
    /// Where the post was read from (`builtin/…` for the samples).
    pub path: PathBuf,
    /// The file's real path (symlinks resolved); `path` for built-in posts.
    pub canonical: PathBuf,
    /// What reading marks are stored under: the same for the same post
    /// wherever its folder sits or whichever folder was opened, and unique
    /// once [`super::unique_keys`] has run.
    pub key: String,
    pub title: String,
    pub date: Option<PostDate>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    pub summary: String,
    pub banner: Option<String>,
    pub draft: bool,
    /// From the front matter, else a `zh`/`en` path segment.
    pub lang: Option<String>,
    /// Front matter fields tidings does not map, kept for later views.
    pub extra: Map<String, Value>,
    pub format: Format,
    /// The Markdown body, without front matter (raw, untrusted text).
    /// Empty once `body_on_disk`: read again from the file when shown.
    pub body: String,
    /// The body was let go to save memory; [`super::read_body`] reads it.
    pub body_on_disk: bool,
    /// A hash of the body, to tell a changed post from a touched file.
    pub hash: u64,
    /// The file's size in bytes.
    pub size: u64,
    /// The site of the source this post came from (config `base_url`):
    /// its site-relative links resolve there, over `Look::base_url`.
    pub base_url: Option<String>,
    /// The body as plain text, as the reader shows it (no markup, no
    /// HTML attributes, no URLs): what search matches. Made on the loading
    /// threads, so the first key of a search does not wait for 10,000
    /// bodies; `None` until then (search falls back to the body). In
    /// memory, or on disk for a large library (see `texts`).
    pub text: Option<TextRef>,
    /// 1-based file line where the body starts.
    pub body_line: usize,
    /// Size of the file when its body was cut at [`MAX_BODY_BYTES`].
    pub truncated_from: Option<u64>,
    pub warnings: Vec<Warning>,
}

/// What the loader read from one file.
pub struct Source {
    pub id: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// The file's full size (more than `bytes.len()` when reading was capped).
    pub size: u64,
}

impl Post {
    pub fn file_name(&self) -> String {
        let name = self.path.file_name().unwrap_or(self.path.as_os_str());
        sanitize_line(&name.to_string_lossy())
    }

    /// The post's language for words the reader adds (such as "image"):
    /// the declared one, else a guess from the title and summary.
    pub fn effective_lang(&self) -> &str {
        match self.lang.as_deref() {
            Some(l) if l.starts_with("zh") || l.starts_with("ja") || l.starts_with("ko") => "zh",
            Some(_) => "en",
            None if has_cjk(&self.title) || has_cjk(&self.summary) => "zh",
            None => "en",
        }
    }

    /// The URL this post's relative links are resolved against, given the
    /// site's base URL: the site plus the post's folder.
    pub fn doc_url(&self, site: &str) -> String {
        let dir = self.id.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let site = site.trim_end_matches('/');
        if dir.is_empty() {
            format!("{site}/")
        } else {
            format!("{site}/{dir}/")
        }
    }

    /// The site URL this post's relative links resolve against: its
    /// source's, else `fallback` (`--base-url`).
    pub fn site<'a>(&'a self, fallback: Option<&'a str>) -> Option<&'a str> {
        self.base_url.as_deref().or(fallback)
    }

    /// Date, author, tags and category, for a header line.
    pub fn meta(&self) -> Vec<String> {
        vec![
            self.date.map(|d| d.day_string()).unwrap_or_default(),
            self.author(),
            if self.tags.is_empty() {
                String::new()
            } else {
                format!("#{}", self.tags.join(" #"))
            },
            self.categories.join(", "),
        ]
    }

    pub fn author(&self) -> String {
        self.authors.join(", ")
    }

    /// Parses one file's bytes. Never fails: whatever is wrong becomes a
    /// warning, and the post keeps what could be read. The path is taken as
    /// the real path; the loader, which knows better, uses [`Post::parse_at`].
    pub fn parse(src: Source) -> Post {
        let canonical = src.path.clone();
        Post::parse_at(src, canonical)
    }

    /// [`Post::parse`] for a file whose real path is `canonical`.
    pub fn parse_at(src: Source, canonical: PathBuf) -> Post {
        let mut post = Post::parse_lean(src, canonical);
        post.text = Some(TextRef::mem(crate::markdown::plain(
            &post.body,
            &crate::markdown::PlainOptions::default(),
        )));
        post
    }

    /// As [`Post::parse_at`] without the plain text for search, which
    /// costs more than the rest of parsing: for the posts read before the
    /// first frame (they are read again, with it, in the background).
    pub fn parse_lean(src: Source, canonical: PathBuf) -> Post {
        let display = src.path.to_string_lossy().into_owned();
        let mut warnings = Vec::new();
        let warn = |warnings: &mut Vec<Warning>, line: Option<usize>, message: String| {
            warnings.push(Warning {
                file: display.clone(),
                line,
                message,
            })
        };

        let text = match String::from_utf8(src.bytes) {
            Ok(s) => s,
            Err(e) => {
                let bytes = e.as_bytes();
                let bad = e.utf8_error().valid_up_to();
                let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
                let truncated_mid_char =
                    src.size > bytes.len() as u64 && e.utf8_error().error_len().is_none();
                if !truncated_mid_char {
                    warn(
                        &mut warnings,
                        Some(line),
                        "not valid UTF-8; undecodable bytes are shown as \u{FFFD}".into(),
                    );
                }
                String::from_utf8_lossy(bytes).into_owned()
            }
        };
        // `contains` on bytes is a vectorised memchr.
        if text.as_bytes()[..text.len().min(8192)].contains(&0) {
            warn(
                &mut warnings,
                None,
                "contains NUL bytes; this looks like a binary file".into(),
            );
        }
        if src.size > text.len() as u64 {
            warn(
                &mut warnings,
                None,
                format!(
                    "{} MB is larger than the {} MB tidings reads; the rest is not shown",
                    src.size >> 20,
                    MAX_BODY_BYTES >> 20
                ),
            );
        }

        let split = frontmatter::split(&text);
        if split.unclosed {
            warn(
                &mut warnings,
                Some(1),
                "front matter is never closed; showing the whole file as text".into(),
            );
        }
        let fm = match frontmatter::parse(split.format, split.front) {
            Ok(map) => map,
            Err(e) => {
                let kind = if split.format == Format::Toml {
                    "TOML"
                } else {
                    "YAML"
                };
                warn(
                    &mut warnings,
                    e.line.map(|l| l + split.front_line - 1),
                    format!(
                        "{kind} front matter does not parse ({}); read what could be read",
                        e.message
                    ),
                );
                frontmatter::salvage(split.front)
            }
        };
        let fields = fields::map(fm);
        if let Some(bad) = &fields.bad_date {
            warn(
                &mut warnings,
                None,
                format!("date {bad:?} is not a date tidings can read"),
            );
        }

        let Fields {
            title,
            date,
            tags,
            categories,
            authors,
            summary,
            banner,
            draft,
            lang,
            extra,
            ..
        } = fields;
        let found = excerpt(split.body, title.is_none(), summary.is_none());
        let title = title
            .or(found.heading)
            .unwrap_or_else(|| title_from_path(&src.path));
        let key = identity::key_for(&extra, date, &title, &canonical);
        let date = date.or_else(|| date::from_path(&src.id));
        if date.is_none() {
            warn(
                &mut warnings,
                None,
                "no date in front matter or path; sorted last".into(),
            );
        }
        let lang = lang.or_else(|| lang_from_path(&src.id));
        let body_line = split.body_line;
        let body_start = text.len() - split.body.len();
        let format = split.format;
        let mut body = text;
        body.drain(..body_start);

        Post {
            id: src.id,
            path: src.path,
            canonical,
            key,
            title,
            date,
            tags,
            categories,
            authors,
            summary: summary.or(found.paragraph).unwrap_or_default(),
            banner,
            draft,
            lang,
            extra,
            format,
            hash: xxhash_rust::xxh3::xxh3_64(body.as_bytes()),
            body,
            body_on_disk: false,
            size: src.size,
            base_url: None,
            text: None,
            body_line,
            truncated_from: (src.size > MAX_BODY_BYTES as u64).then_some(src.size),
            warnings,
        }
    }
}

/// A title made from a file name, for posts with neither a title field nor
/// a heading: `2022-10-08-release-notes.md` gives `release notes`,
/// `  My Post (1).md ` gives `My Post (1)`. A folder's page (`index.md`)
/// takes its folder's name.
fn title_from_path(path: &Path) -> String {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let file = name(path).unwrap_or_else(|| path.to_string_lossy().into_owned());
    let stem = strip_extension(file.trim());
    let from = if PAGE_STEMS.iter().any(|s| stem.eq_ignore_ascii_case(s)) {
        path.parent().and_then(name).unwrap_or_default()
    } else {
        stem.to_owned()
    };
    let title = slug_to_words(&from);
    if title.is_empty() {
        sanitize_line(stem.trim())
    } else {
        title
    }
}

const PAGE_STEMS: &[&str] = &["index", "_index", "readme"];

/// Only extensions of files tidings reads are taken off: in `v1.2 notes`
/// or `Release 3.0` the dot is part of the name.
fn strip_extension(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if ["md", "markdown", "mdx", "mkd", "txt"]
                .iter()
                .any(|e| ext.trim_end().eq_ignore_ascii_case(e)) =>
        {
            stem.trim_end()
        }
        _ => name,
    }
}

/// `2022-10-08-release-notes` is a Jekyll-style slug: the date goes (the
/// list shows it already) and `-`/`_` stand for spaces. Without a date the
/// name may be written as meant (`C-3PO`, `snake_case`), so it is kept.
fn slug_to_words(name: &str) -> String {
    let name = name.trim();
    let words = match date::date_prefix(name) {
        Some(_) => {
            let rest = name[10..].trim_start_matches(['-', '_', ' ', '.']);
            // With spaces, it was written as a title after all.
            if rest.contains(' ') {
                rest.to_owned()
            } else {
                rest.replace(['-', '_'], " ")
            }
        }
        None => name.to_owned(),
    };
    sanitize_line(&words.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn lang_from_path(id: &str) -> Option<String> {
    id.split(['/', '\\'])
        .rev()
        .skip(1)
        .find(|seg| matches!(*seg, "zh" | "en" | "zh-cn" | "zh-CN" | "en-us" | "en-US"))
        .map(|seg| seg[..2].to_owned())
}

pub(crate) fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_file_names() {
        let t = |p: &str| title_from_path(Path::new(p));
        assert_eq!(t("post/  My Post (1).md "), "My Post (1)");
        assert_eq!(t("post/2022-10-08-release-notes.md"), "release notes");
        assert_eq!(t("post/2022-10-08_release_notes.markdown"), "release notes");
        assert_eq!(
            t("post/untitled-note.md"),
            "untitled-note",
            "no date: as named"
        );
        assert_eq!(t("post/Backup - Part 2.md"), "Backup - Part 2");
        assert_eq!(t("post/v1.2 notes"), "v1.2 notes", "no extension to take");
        assert_eq!(t("post/Release 3.0.md"), "Release 3.0");
        assert_eq!(t("news/2022-10-08-launch/index.md"), "launch");
        assert_eq!(t("news/2022-10-08/index.md"), "index", "nothing better");
        assert_eq!(t("post/2022-10-08.md"), "2022-10-08", "the date is all");
        assert_eq!(t("post/2022-10-08-社区-报告.md"), "社区 报告");
        assert_eq!(
            t("post/a\u{1b}[2Jb.md"),
            "a␛b",
            "escape sequences never survive"
        );
        assert_eq!(t("a\\2022-10-08-x.md"), "a\\2022-10-08-x", "one name");
        assert_eq!(t("post/2022-10-08 My Post - Part 2.md"), "My Post - Part 2");
    }
}
