//! Non-interactive output: the post list as aligned text or JSON lines,
//! and whole articles (`--print`).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use ratatui::text::Line;
use rayon::prelude::*;
use serde_json::{Map, Value, json};

use crate::ansi;
use crate::content::stream::{StreamKeys, key_suffix, plain_key, read_chunks};
use crate::content::{self, Found, Library, Post, PostDate, Warning};
use crate::markdown::{self, Theme};
use crate::text::{is_clean, pad_with, sanitize_line, truncate_with, width};

const DATE_COLS: usize = 10;
const GAP: &str = "  ";

/// One line per post: date, title, author, tags, aligned by display width
/// and fitted to `cols` columns.
/// A cut cell ends with `ellipsis` (the theme's: `...` with `--ascii`).
pub fn list(lib: &Library, cols: usize, ellipsis: &str, out: &mut impl Write) -> io::Result<()> {
    let truncate = |s: &str, w: usize| truncate_with(s, w, ellipsis);
    let pad = |s: &str, w: usize| pad_with(s, w, ellipsis);
    let authors: Vec<String> = lib.posts.iter().map(Post::author).collect();
    let tags: Vec<String> = lib.posts.iter().map(|p| p.tags.join(", ")).collect();
    let widest = |v: &[String], cap: usize| v.iter().map(|s| width(s)).max().unwrap_or(0).min(cap);
    let mut author_cols = widest(&authors, (cols / 7).clamp(8, 16));
    let mut tag_cols = widest(&tags, (cols / 5).clamp(8, 24));
    // Title gets what is left; side columns go first when space is short.
    let title_cols = |a: usize, t: usize| {
        let side = [a, t]
            .iter()
            .filter(|&&c| c > 0)
            .map(|c| c + GAP.len())
            .sum::<usize>();
        cols.saturating_sub(DATE_COLS + GAP.len() + side)
    };
    if title_cols(author_cols, tag_cols) < 24 {
        tag_cols = 0;
    }
    if title_cols(author_cols, tag_cols) < 24 {
        author_cols = 0;
    }
    let title_w = title_cols(author_cols, tag_cols).max(1);
    for (i, post) in lib.posts.iter().enumerate() {
        let date = post
            .date
            .map(|d| d.day_string())
            .unwrap_or_else(|| "no date".into());
        let mut line = pad(&date, DATE_COLS);
        line.push_str(GAP);
        let last = author_cols == 0 && tag_cols == 0;
        let title = sanitize_line(&post.title);
        line.push_str(&if last {
            truncate(&title, title_w)
        } else {
            pad(&title, title_w)
        });
        if author_cols > 0 {
            line.push_str(GAP);
            let a = sanitize_line(&authors[i]);
            line.push_str(&if tag_cols == 0 {
                truncate(&a, author_cols)
            } else {
                pad(&a, author_cols)
            });
        }
        if tag_cols > 0 {
            line.push_str(GAP);
            line.push_str(&truncate(&sanitize_line(&tags[i]), tag_cols));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The order `--list` prints posts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest first, undated last (as the reader keeps posts).
    Date,
    /// By title, ignoring ASCII case; ties newest first, as the reader's
    /// `:sort title` orders them.
    Title,
    /// By author (the first named, then the others), likewise.
    Author,
    /// As found: folders walked in name order.
    Walk,
}

/// Puts posts in `order`; posts given in walk order stay so for `Walk`.
pub fn order(posts: &mut [Post], order: Order) {
    if order == Order::Walk {
        return;
    }
    content::sort(posts);
    match order {
        Order::Title => posts.sort_by_cached_key(|p| p.title.to_ascii_lowercase()),
        Order::Author => posts.sort_by_cached_key(|p| p.author().to_ascii_lowercase()),
        Order::Date | Order::Walk => {}
    }
}

/// One JSON object per post per line.
pub fn json_lines(lib: &Library, out: &mut impl Write) -> io::Result<()> {
    for post in &lib.posts {
        writeln!(out, "{}", json_line(post))?;
    }
    Ok(())
}

fn json_line(post: &Post) -> String {
    escape_unsafe(&post_json(post).to_string())
}

/// JSON lines for `files` written as they are parsed, in walk order, a
/// chunk at a time, so memory holds one chunk whatever the corpus size.
/// Walk order rather than the order parsing ends in: the output is the
/// same on every run, and a chunk's posts finish close together anyway.
/// Keys shared by several posts are suffixed from the second one on (see
/// [`StreamKeys`]). Each post's warnings go to `warn` just before its
/// line. Returns how many posts were written.
pub fn json_stream(
    files: &[Found],
    out: &mut impl Write,
    mut warn: impl FnMut(&Warning),
) -> io::Result<usize> {
    let mut keys = StreamKeys::default();
    let mut written = 0;
    read_chunks(files, |mut posts, unreadable| {
        unreadable.iter().for_each(&mut warn);
        for post in &mut posts {
            keys.settle(post);
        }
        let lines: Vec<String> = posts.par_iter().map(json_line).collect();
        for (post, line) in posts.iter().zip(lines) {
            post.warnings.iter().for_each(&mut warn);
            writeln!(out, "{line}")?;
        }
        written += posts.len();
        // A reader at the other end of a pipe sees each chunk at once.
        out.flush()
    })?;
    Ok(written)
}

pub fn post_json(post: &Post) -> Value {
    Value::Object(post_fields(post))
}

fn post_fields(post: &Post) -> Map<String, Value> {
    let author = (!post.authors.is_empty()).then(|| post.author());
    let fields = json!({
        "id": post.id,
        "key": post.key,
        "path": post.path.to_string_lossy(),
        "title": post.title,
        "date": post.date.map(|d| d.iso()),
        "author": author,
        "authors": post.authors,
        "tags": post.tags,
        "category": post.categories.first(),
        "categories": post.categories,
        "summary": post.summary,
        "lang": post.lang,
        "draft": post.draft,
        "banner": post.banner,
        "format": post.format,
        "extra": post.extra,
        "warnings": post.warnings.iter().map(|w| json!({
            "line": w.line,
            "message": w.message,
        })).collect::<Vec<_>>(),
    });
    match fields {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// What a sorted `--list --json` keeps of a post: its line, cut where the
/// key goes (a key is unique only once every post is known), and what
/// ordering needs: about 1 KB, against 2.5 KB for a [`Post`] even without
/// its body.
pub struct JsonRow {
    date: Option<PostDate>,
    title: Box<str>,
    author: Box<str>,
    id: Box<str>,
    path: Box<Path>,
    canonical: Box<Path>,
    key: Box<str>,
    /// The line up to the key, and from the field after it.
    head: Box<str>,
    tail: Box<str>,
    warnings: Box<[Warning]>,
}

impl JsonRow {
    pub fn new(post: &Post) -> JsonRow {
        // serde_json keeps fields in name order; the key goes between.
        let (head, tail): (Map<String, Value>, Map<String, Value>) = post_fields(post)
            .into_iter()
            .filter(|(k, _)| k != "key")
            .partition(|(k, _)| k.as_str() < "key");
        let head = Value::Object(head).to_string();
        let tail = Value::Object(tail).to_string();
        JsonRow {
            date: post.date,
            title: post.title.as_str().into(),
            author: post.author().into(),
            id: post.id.as_str().into(),
            path: post.path.as_path().into(),
            canonical: post.canonical.as_path().into(),
            key: plain_key(post).into(),
            head: head.strip_suffix('}').unwrap_or(&head).into(),
            tail: tail.strip_prefix('{').unwrap_or(&tail).into(),
            warnings: post.warnings.clone().into(),
        }
    }
}

/// Every post's JSON line in `order`, holding no post: each is turned into
/// a [`JsonRow`] as its chunk is parsed. Warnings go to `warn` as a
/// [`Library`]'s are listed: files first, then each post's in list order.
/// Returns how many posts were written.
pub fn json_sorted(
    files: &[Found],
    order: Order,
    out: &mut impl Write,
    mut warn: impl FnMut(&Warning),
) -> io::Result<usize> {
    let mut rows = Vec::with_capacity(files.len());
    let mut unreadable = Vec::new();
    let read = read_chunks::<()>(files, |posts, warnings| {
        unreadable.extend(warnings);
        rows.par_extend(posts.par_iter().map(JsonRow::new));
        Ok(())
    });
    debug_assert!(read.is_ok());
    unreadable.iter().for_each(&mut warn);
    sort_rows(&mut rows, order);
    let mut shared: HashMap<&str, usize> = HashMap::new();
    for row in &rows {
        *shared.entry(&row.key).or_default() += 1;
        row.warnings.iter().for_each(&mut warn);
    }
    for row in &rows {
        let key = if shared[&*row.key] > 1 {
            format!("{}{}", row.key, key_suffix(&row.canonical))
        } else {
            row.key.to_string()
        };
        let key = Value::String(key).to_string();
        let line = format!("{},\"key\":{key},{}", row.head, row.tail);
        writeln!(out, "{}", escape_unsafe(&line))?;
    }
    Ok(rows.len())
}

/// As [`order`] puts posts: `content::sort`'s order (newest first, undated
/// last, then title, id, path), then title or author.
fn sort_rows(rows: &mut [JsonRow], order: Order) {
    if order == Order::Walk {
        return;
    }
    rows.sort_by(|a, b| {
        content::list_order(
            (&a.date, &a.title, &a.id, &a.path),
            (&b.date, &b.title, &b.id, &b.path),
        )
    });
    match order {
        Order::Title => rows.sort_by_cached_key(|r| r.title.to_ascii_lowercase()),
        Order::Author => rows.sort_by_cached_key(|r| r.author.to_ascii_lowercase()),
        Order::Date | Order::Walk => {}
    }
}

/// serde_json escapes C0 controls but writes DEL, C1 controls and invisible
/// characters (bidi controls, zero-width ones, U+2028/2029) as they are,
/// and a terminal may act on those. Escaping keeps the data whole for a
/// program and harmless on a screen; outside strings JSON is ASCII, so
/// replacing them anywhere is safe.
fn escape_unsafe(s: &str) -> String {
    if !s.chars().any(json_unsafe) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if json_unsafe(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Judged alone, so even a joiner inside an emoji is escaped: in JSON that
/// loses nothing.
fn json_unsafe(c: char) -> bool {
    c == '\u{7f}' || (!c.is_ascii() && !is_clean(c.encode_utf8(&mut [0; 4])))
}

/// How `--print` renders.
pub struct PrintOptions<'a> {
    pub width: usize,
    /// SGR colours and attributes, or plain text.
    pub color: bool,
    pub base_url: Option<&'a str>,
    pub theme: &'a Theme,
}

/// Header, article and links list of each post, posts apart by a blank line.
pub fn articles(lib: &Library, opts: &PrintOptions, out: &mut impl Write) -> io::Result<()> {
    for (i, post) in lib.posts.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        for line in article_lines(post, opts) {
            write_line(&line, opts.color, out)?;
        }
    }
    Ok(())
}

pub fn article_lines(post: &Post, opts: &PrintOptions) -> Vec<Line<'static>> {
    let doc_url = post.site(opts.base_url).map(|b| post.doc_url(b));
    let article = markdown::render(
        &post.body,
        &markdown::Options {
            width: opts.width,
            theme: opts.theme,
            lang: post.effective_lang(),
            base_url: doc_url.as_deref(),
        },
    );
    let mut lines = markdown::header(&post.title, &post.meta(), opts.width, opts.theme);
    lines.push(Line::default());
    lines.extend(article.lines);
    lines
}

fn write_line(line: &Line, color: bool, out: &mut impl Write) -> io::Result<()> {
    out.write_all(ansi::lines_text(std::slice::from_ref(line), color).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_are_escaped_in_json() {
        let s = json!({"t": "a\u{9b}2Jb\u{7f}\u{1b}"}).to_string();
        assert_eq!(escape_unsafe(&s), r#"{"t":"a\u009b2Jb\u007f\u001b"}"#);
    }

    #[test]
    fn invisible_characters_are_escaped_in_json() {
        let t = "a\u{202e}b\u{200b}c\u{2028}d\u{e0067}👨\u{200d}👩";
        let s = escape_unsafe(&json!({ "t": t }).to_string());
        assert_eq!(s, r#"{"t":"a\u202eb\u200bc\u2028d\udb40\udc67👨\u200d👩"}"#);
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], t, "nothing lost");
    }
}
