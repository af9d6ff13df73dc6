//! The list's search box: a query of free text and field filters, matched
//! against posts. Case-insensitive for ASCII letters, compared in place (no
//! folded copy of 50 MB of bodies), and plain substring matching, so
//! Chinese needs no word segmentation.

use chrono::NaiveDate;
use memchr::memmem;

use crate::content::Post;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Free words, all of which must appear (lower-cased).
    pub words: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub cats: Vec<String>,
    pub langs: Vec<String>,
    pub after: Option<NaiveDate>,
    pub before: Option<NaiveDate>,
}

impl Query {
    /// `tag:release author:李 after:2022-01-01 升级` and the like. A field
    /// filter with an unreadable date is kept as a free word, so it still
    /// narrows rather than being silently dropped.
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        for token in input.split_whitespace() {
            let lower = token.to_ascii_lowercase();
            let (field, value) = match lower.split_once(':') {
                Some((f, v)) if !v.is_empty() => (f, v),
                _ => {
                    q.words.push(lower);
                    continue;
                }
            };
            let date = || NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
            match field {
                "tag" | "tags" => q.tags.push(value.into()),
                "author" | "by" => q.authors.push(value.into()),
                "cat" | "category" => q.cats.push(value.into()),
                "lang" => q.langs.push(value.into()),
                "after" | "since" if date().is_some() => q.after = date(),
                "before" | "until" if date().is_some() => q.before = date(),
                _ => q.words.push(lower),
            }
        }
        q
    }

    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// Whether everything that matches `self` also matches `other`'s
    /// narrower form (more words typed): then only earlier hits need
    /// searching again.
    pub fn narrows(&self, previous: &Query) -> bool {
        previous.words.len() == self.words.len()
            && previous
                .words
                .iter()
                .zip(&self.words)
                .all(|(p, n)| n.contains(p.as_str()))
            && previous.tags == self.tags
            && previous.authors == self.authors
            && previous.cats == self.cats
            && previous.langs == self.langs
            && previous.after == self.after
            && previous.before == self.before
    }
}

/// A post prepared for searching: title, summary, author and tags in one
/// string, and the body's text as the article shows it (the renderer's
/// plain mode), so words in markup, HTML attributes or link URLs do not
/// match and emphasised CJK text does.
#[derive(Debug, Clone, Default)]
pub struct Haystack {
    meta: String,
}

impl Haystack {
    /// For queries with field filters only: no text is searched.
    pub fn empty() -> Haystack {
        Haystack::default()
    }

    pub fn new(post: &Post) -> Haystack {
        Haystack {
            meta: format!(
                "{}\n{}\n{}\n{}",
                post.title,
                post.summary,
                post.author(),
                post.tags.join(" ")
            ),
        }
    }
}

/// Finds an ASCII-lower-cased needle in text of any case, without a folded
/// copy of the text: candidates come from `memchr2` on both cases of the
/// needle's rarest letter, then the window is compared ignoring ASCII case.
/// A needle with no ASCII letter is a plain substring search.
pub struct Needle {
    text: Vec<u8>,
    finder: memmem::Finder<'static>,
    /// Index in `text` of the anchor letter, if there is a letter.
    anchor: Option<usize>,
}

/// English letters from rarest to most common: the best anchors first.
const RARE_FIRST: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";

impl Needle {
    pub fn new(lower: &str) -> Needle {
        let text = lower.as_bytes().to_vec();
        let anchor = RARE_FIRST
            .iter()
            .find_map(|l| text.iter().position(|b| b == l));
        Needle {
            finder: memmem::Finder::new(&text).into_owned(),
            text,
            anchor,
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn find(&self, hay: &[u8]) -> Option<usize> {
        let Some(a) = self.anchor else {
            return self.finder.find(hay);
        };
        let (lo, up) = (self.text[a], self.text[a].to_ascii_uppercase());
        let n = self.text.len();
        for at in memchr::memchr2_iter(lo, up, hay) {
            let Some(start) = at.checked_sub(a) else {
                continue;
            };
            if hay
                .get(start..start + n)
                .is_some_and(|w| w.eq_ignore_ascii_case(&self.text))
            {
                return Some(start);
            }
        }
        None
    }
}

/// Why a post matched: where its first body hit is (byte offset and
/// length), from which the list draws a snippet for the rows it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub body_hit: Option<(usize, usize)>,
}

/// A query ready to run: needles built once per keystroke and reused for
/// every post.
pub struct Compiled {
    pub query: Query,
    needles: Vec<Needle>,
}

impl Compiled {
    pub fn new(query: Query) -> Compiled {
        let needles = query.words.iter().map(|w| Needle::new(w)).collect();
        Compiled { query, needles }
    }

    /// Whether the post matches, with a snippet around the first body hit.
    pub fn matches(&self, post: &Post, hay: &Haystack) -> Option<Hit> {
        let q = &self.query;
        let has = |list: &[String], want: &str| {
            list.iter().any(|x| x.to_ascii_lowercase().contains(want))
        };
        let lang = || {
            post.lang
                .as_deref()
                .unwrap_or_else(|| post.effective_lang())
        };
        if !q.tags.iter().all(|t| has(&post.tags, t))
            || !q.authors.iter().all(|a| has(&post.authors, a))
            || !q.cats.iter().all(|c| has(&post.categories, c))
            || !q.langs.iter().all(|l| lang().starts_with(l.as_str()))
        {
            return None;
        }
        let day = post.date.map(|d| d.day);
        if q.after.is_some_and(|a| day.is_none_or(|d| d < a))
            || q.before.is_some_and(|b| day.is_none_or(|d| d >= b))
        {
            return None;
        }
        let mut first_body_hit = None;
        for needle in &self.needles {
            if needle
                .find(post.text.as_deref().unwrap_or(&post.body).as_bytes())
                .is_some()
            {
                if first_body_hit.is_none() {
                    first_body_hit = written_hit(&post.body, needle);
                }
            } else if needle.find(hay.meta.as_bytes()).is_none() {
                return None;
            }
        }
        Some(Hit {
            body_hit: first_body_hit,
        })
    }
}

/// Where a hit in the body's plain text is in the body as written, for the
/// snippet: the needle, else its longest leading part (markup such as
/// `**粗体**文字` splits what the reader sees as one word).
fn written_hit(body: &str, needle: &Needle) -> Option<(usize, usize)> {
    if let Some(at) = needle.find(body.as_bytes()) {
        return Some((at, needle.len()));
    }
    let text = std::str::from_utf8(&needle.text).ok()?;
    text.char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .rev()
        .find_map(|end| {
            let part = Needle::new(&text[..end]);
            part.find(body.as_bytes()).map(|at| (at, end))
        })
}

/// The line around a hit: up to 20 characters before it and 40 after, on
/// one line, with markup taken out. (A match of valid UTF-8 in valid UTF-8
/// starts and ends on character boundaries; ignoring ASCII case keeps byte
/// lengths.)
pub fn snippet(body: &str, at: usize, len: usize) -> String {
    snippet_with(body, at, len, "…")
}

/// As [`snippet`], marking cut ends with `ellipsis` (the theme's).
pub fn snippet_with(body: &str, at: usize, len: usize, ellipsis: &str) -> String {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    // Clean a wider stretch than is shown, so no tag is cut in half first.
    let from = char_back(body, line_start, at, 200);
    let to = char_forward(body, (at + len).min(line_end), line_end, 300);
    let raw = crate::text::sanitize_line(&body[from..to]);
    let hit = crate::text::sanitize_line(&body[at..(at + len).min(to)]);
    let find = |t: &str| t.to_ascii_lowercase().find(&hit.to_ascii_lowercase());
    // Markup reads as noise; keep the raw text only when taking it out
    // would take the hit with it (a word inside an href).
    let cleaned = strip_markup(&raw);
    // Where the hit is in the text shown, and how long. Sanitized on its
    // own, the hit may differ from its place in the line (an escape
    // sequence running into it): then it is not found, and has no length.
    let (text, pos, hit_len) = match (find(&cleaned), find(&raw)) {
        (Some(p), _) => (cleaned, p, hit.len()),
        (None, Some(p)) => (raw, p, hit.len()),
        (None, None) => (raw, 0, 0),
    };
    let start = char_back(&text, 0, pos, 20);
    let end = char_forward(&text, pos + hit_len, text.len(), 40);
    let shown = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let cut_before = start > 0 || from > line_start;
    // A line's own block markers (heading, quote, list) go too.
    let shown = if cut_before {
        shown
    } else {
        shown
            .trim_start_matches(['#', '>', '-', '*', '+', ' '])
            .to_owned()
    };
    let lead = if cut_before { ellipsis } else { "" };
    let tail = if end < text.len() || to < line_end {
        ellipsis
    } else {
        ""
    };
    format!("{lead}{shown}{tail}")
}

/// The byte offset `n` characters before `at`, not before `floor`.
fn char_back(s: &str, floor: usize, at: usize, n: usize) -> usize {
    s[floor..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `at`, not past `ceil`.
fn char_forward(s: &str, at: usize, ceil: usize, n: usize) -> usize {
    s[at..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| at + i)
}

/// Takes out HTML tags, autolink brackets, table pipes and inline
/// Markdown markers.
fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let tag_like = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(j) if tag_like => {
                let inner = &after[..j];
                // <https://...> and <a@b.org> are links: keep their text.
                let bare = !inner.contains([' ', '"', '\'', '=']);
                let autolink = inner
                    .split_once("://")
                    .is_some_and(|(scheme, _)| scheme.chars().all(|c| c.is_ascii_alphanumeric()));
                if bare && (autolink || inner.contains('@')) {
                    out.push_str(inner);
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "")
        .replace("__", "")
        .replace(['`', '~'], "")
        .replace('|', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Post, Source};

    fn post(front: &str, body: &str) -> Post {
        let text = format!("---\n{front}\n---\n\n{body}");
        Post::parse(Source {
            id: "p.md".into(),
            path: "p.md".into(),
            size: text.len() as u64,
            bytes: text.into_bytes(),
        })
    }

    /// The match, with the snippet the list would show for it.
    struct Found {
        snippet: Option<String>,
    }

    fn hit(p: &Post, q: &str) -> Option<Found> {
        let h = Compiled::new(Query::parse(q)).matches(p, &Haystack::new(p))?;
        Some(Found {
            snippet: h.body_hit.map(|(at, len)| snippet(&p.body, at, len)),
        })
    }

    #[test]
    fn parses_fields_and_words() {
        let q = Query::parse("tag:Release author:李 after:2022-01-01 before:2023-01-01 升级 MVCC");
        assert_eq!(q.tags, ["release"]);
        assert_eq!(q.authors, ["李"]);
        assert_eq!(q.after, NaiveDate::from_ymd_opt(2022, 1, 1));
        assert_eq!(q.before, NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(q.words, ["升级", "mvcc"]);
        assert_eq!(Query::parse("after:soon").words, ["after:soon"]);
        assert!(Query::parse("  ").is_empty());
    }

    #[test]
    fn chinese_substrings_match_without_segmentation() {
        let p = post(
            "title: 社区九月运作报告\ndate: 2022-10-08",
            "openGauss 上海用户组在 2022 年 9 月 16 日正式成立。",
        );
        assert!(hit(&p, "运作").is_some(), "title");
        let h = hit(&p, "用户组在").unwrap();
        assert_eq!(
            h.snippet.as_deref(),
            Some("openGauss 上海用户组在 2022 年 9 月 16 日正式成立。")
        );
        assert!(hit(&p, "深圳").is_none());
    }

    #[test]
    fn case_insensitive_and_all_words_must_match() {
        let p = post(
            "title: Release notes\ntags: [Release, db]\nauthor: Anna",
            "The PLANNER got faster.",
        );
        assert!(hit(&p, "planner").is_some());
        assert!(hit(&p, "RELEASE planner").is_some());
        assert!(hit(&p, "planner missing").is_none());
        assert!(hit(&p, "tag:release").is_some());
        assert!(hit(&p, "tag:other").is_none());
        assert!(hit(&p, "author:ann").is_some());
    }

    #[test]
    fn date_and_language_filters() {
        let p = post("title: t\ndate: 2022-10-08\nlang: zh", "x");
        assert!(hit(&p, "after:2022-01-01").is_some());
        assert!(hit(&p, "after:2022-10-09").is_none());
        assert!(
            hit(&p, "before:2022-10-08").is_none(),
            "before is exclusive"
        );
        assert!(hit(&p, "before:2022-10-09 lang:zh").is_some());
        assert!(hit(&p, "lang:en").is_none());
        let undated = post("title: t", "x");
        assert!(hit(&undated, "after:2000-01-01").is_none());
    }

    #[test]
    fn snippets_are_one_short_line_around_the_hit() {
        let long = format!("{}needle{}", "前文".repeat(40), "后文".repeat(40));
        let p = post("title: t", &long);
        let s = hit(&p, "needle").unwrap().snippet.unwrap();
        assert!(s.starts_with('…') && s.contains("needle"), "{s}");
        assert!(s.chars().count() <= 70, "{s}");
    }

    #[test]
    fn snippets_drop_markdown_markers() {
        let p = post(
            "title: t",
            "7 月 13 日，Kestrel **西安用户组**正式成立！`code`",
        );
        let s = hit(&p, "西安").unwrap().snippet.unwrap();
        assert_eq!(s, "7 月 13 日，Kestrel 西安用户组正式成立！code");
        let p = post("title: t", "### 第 10 个用户组正式成立");
        assert_eq!(
            hit(&p, "用户组").unwrap().snippet.unwrap(),
            "第 10 个用户组正式成立"
        );
        let p = post(
            "title: t",
            "报名：<https://x.org/a> 见 <a href=\"https://y.org\">链接</a>，RTO<10s",
        );
        assert_eq!(
            hit(&p, "报名").unwrap().snippet.unwrap(),
            "报名：https://x.org/a 见 链接，RTO<10s"
        );
        let p = post("title: t", "| 官网 | https://kestrel.example.org/zh/ |");
        assert_eq!(
            hit(&p, "官网").unwrap().snippet.unwrap(),
            "官网 https://kestrel.example.org/zh/"
        );
        // A word only inside a tag is not text the reader sees.
        let p = post("title: t", "see <a href=\"https://only-here.org\">x</a>");
        assert!(hit(&p, "only-here").is_none());
    }

    #[test]
    fn a_hit_inside_an_escape_sequence_does_not_break_the_snippet() {
        // Found by the query fuzzer: the sequence starts before the hit.
        let body = "x\u{1b}]52;c;abc\u{7} tail";
        let at = body.find("abc").unwrap();
        let s = snippet(body, at, 3);
        assert!(crate::text::is_clean(&s), "{s:?}");
    }

    #[test]
    fn only_text_the_reader_sees_matches() {
        let p = post(
            "title: t",
            "<img src=\"a.png\" style=\"zebrawidth:50%\"> see [docs](https://quokka.example.org/x)\n\n**粗体**文字",
        );
        assert!(hit(&p, "zebrawidth").is_none(), "attribute");
        assert!(hit(&p, "quokka").is_none(), "link URL");
        assert!(hit(&p, "docs").is_some(), "link text");
        assert!(hit(&p, "a.png").is_some(), "an image's file name shows");
        let found = hit(&p, "粗体文字").expect("emphasised CJK text");
        assert_eq!(found.snippet.as_deref(), Some("粗体文字"));
        assert!(hit(&p, "**").is_none(), "markup");
    }

    #[test]
    fn needles_ignore_ascii_case_in_place() {
        let n = Needle::new("planner");
        assert_eq!(n.find(b"The PLANNER got faster"), Some(4));
        assert_eq!(n.find(b"the Planner"), Some(4));
        assert_eq!(n.find(b"plan ner"), None);
        assert_eq!(
            Needle::new("社区").find("openGauss 社区".as_bytes()),
            Some(10)
        );
        assert_eq!(Needle::new("x").find(b"aX"), Some(1));
        assert_eq!(Needle::new("3.1").find(b"v3.1"), Some(1));
    }

    #[test]
    fn narrowing_is_detected() {
        let a = Query::parse("mvc");
        let b = Query::parse("mvcc");
        assert!(b.narrows(&a));
        assert!(!a.narrows(&b));
        assert!(!Query::parse("mvcc tag:x").narrows(&a));
    }
}
