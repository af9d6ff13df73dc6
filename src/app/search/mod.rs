//! The list's search: a [`Query`] of terms, phrases, exclusions, `OR` and
//! field filters, matched against the text the reader sees (title,
//! summary, author, tags, and the body as rendered in plain mode), and
//! ranked. Case-insensitive for ASCII letters, compared in place (no folded
//! copy of 50 MB of text), and plain substring matching, so Chinese needs
//! no word segmentation.

mod needle;
mod query;
mod snippet;

use std::cmp::Reverse;

pub use needle::Needle;
pub use query::Query;
pub use snippet::{highlights, plain_snippet};

use crate::content::Post;

/// A post's title, summary, author and tags in one string, made once per
/// post while searches run. The body's text is searched where it is.
#[derive(Debug, Clone, Default)]
pub struct Haystack {
    meta: String,
    /// Where the title ends in `meta`.
    title_end: usize,
    /// Where the summary starts in `meta`: it repeats the body's start,
    /// so its hits are not counted twice for ranking.
    summary_at: usize,
}

impl Haystack {
    pub fn new(post: &Post) -> Haystack {
        let mut meta = format!(
            "{}\n{}\n{}\n",
            post.title,
            post.author(),
            post.tags.join(" ")
        );
        let summary_at = meta.len();
        meta.push_str(&post.summary);
        Haystack {
            meta,
            title_end: post.title.len(),
            summary_at,
        }
    }
}

/// Why a post matched and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The line of the post's text around its first hit, for the list.
    pub snippet: Option<String>,
    /// How many of the query's terms are in the title.
    pub title: u16,
    /// Occurrences of all terms in the text and metadata (capped).
    pub hits: u32,
}

impl Hit {
    /// Sort key: title hits first, then more hits; ties keep list order
    /// (newest first).
    pub fn rank(&self) -> (Reverse<u16>, Reverse<u32>) {
        (Reverse(self.title), Reverse(self.hits))
    }
}

/// Occurrences counted per term and post: enough to rank, bounded work.
const COUNT_CAP: usize = 200;

/// What the metadata says for each term (terms numbered as
/// [`Compiled::terms`] lists them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaStats {
    /// Occurrences in title, author and tags.
    pub counts: Vec<u16>,
    /// Anywhere in the metadata, the summary included.
    pub found: Vec<bool>,
    pub in_title: Vec<bool>,
}

/// What a post's text says for each term: how often it occurs, and the
/// line around the first hit. Made on the search worker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyStats {
    pub counts: Vec<u16>,
    pub snippet: Option<String>,
}

/// A query ready to run: needles built once per keystroke and reused for
/// every post.
pub struct Compiled {
    pub query: Query,
    all: Vec<Vec<Needle>>,
    none: Vec<Needle>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Compiled").field(&self.query).finish()
    }
}

impl Compiled {
    pub fn new(query: Query) -> Compiled {
        let all = query
            .all
            .iter()
            .map(|c| c.iter().map(|t| Needle::new(t)).collect())
            .collect();
        let none = query.none.iter().map(|t| Needle::new(t)).collect();
        Compiled { query, all, none }
    }

    /// Whether the query searches text at all (not only field filters).
    pub fn has_text(&self) -> bool {
        !self.all.is_empty() || !self.none.is_empty()
    }

    /// Every needle: the clauses' terms in order, then the excluded ones.
    fn terms(&self) -> impl Iterator<Item = &Needle> {
        self.all.iter().flatten().chain(&self.none)
    }

    /// The metadata's part (the field filters are checked apart, by
    /// [`Compiled::fields_match`]).
    pub fn meta_stats(&self, hay: &Haystack) -> MetaStats {
        let meta = hay.meta.as_bytes();
        let mut m = MetaStats::default();
        for needle in self.terms() {
            m.counts
                .push(needle.count(&meta[..hay.summary_at], COUNT_CAP) as u16);
            m.found.push(needle.find(meta).is_some());
            m.in_title
                .push(needle.find(&meta[..hay.title_end]).is_some());
        }
        m
    }

    /// Meta, text and verdict for one post, given its haystack and text:
    /// what the search worker does for each candidate.
    pub fn check(&self, hay: &Haystack, text: &str, ellipsis: &str) -> Option<Hit> {
        self.decide(&self.meta_stats(hay), &self.body_stats(text, ellipsis))
    }

    /// The text's part: counts per term, and the line of the first hit of
    /// a clause's term.
    pub fn body_stats(&self, text: &str, ellipsis: &str) -> BodyStats {
        let bytes = text.as_bytes();
        let mut b = BodyStats::default();
        let clause_terms = self.all.iter().map(Vec::len).sum::<usize>();
        for (i, needle) in self.terms().enumerate() {
            let n = needle.count(bytes, COUNT_CAP);
            if n > 0 && b.snippet.is_none() && i < clause_terms {
                b.snippet = needle
                    .find(bytes)
                    .map(|at| plain_snippet(text, at, needle.len(), ellipsis));
            }
            b.counts.push(n as u16);
        }
        b
    }

    /// Both parts together: whether the post matches, and how well.
    pub fn decide(&self, meta: &MetaStats, body: &BodyStats) -> Option<Hit> {
        let clause_terms = self.all.iter().map(Vec::len).sum::<usize>();
        let body_count = |i: usize| body.counts.get(i).copied().unwrap_or(0);
        let present = |i: usize| meta.found[i] || body_count(i) > 0;
        if (clause_terms..clause_terms + self.none.len()).any(present) {
            return None;
        }
        let mut hit = Hit {
            snippet: None,
            title: 0,
            hits: 0,
        };
        let mut i = 0;
        for clause in &self.all {
            let mut any = false;
            for _ in clause {
                if present(i) {
                    any = true;
                    hit.hits += u32::from(meta.counts[i]) + u32::from(body_count(i));
                    hit.title += u16::from(meta.in_title[i]);
                }
                i += 1;
            }
            if !any {
                return None;
            }
        }
        hit.snippet = body.snippet.clone();
        Some(hit)
    }

    /// The whole match for one post, its text read where it is (tests,
    /// fuzzing, and `--list` filters; the reader splits the work).
    pub fn matches(&self, post: &Post, hay: &Haystack) -> Option<Hit> {
        if !self.fields_match(post) {
            return None;
        }
        let text = match &post.text {
            Some(t) => t.read(),
            None => std::borrow::Cow::Borrowed(post.body.as_str()),
        };
        self.check(hay, &text, "…")
    }

    /// Whether the post passes the field filters (tag:, author:, dates).
    pub fn fields_match(&self, post: &Post) -> bool {
        let q = &self.query;
        let has = |list: &[String], want: &str| {
            list.iter().any(|x| x.to_ascii_lowercase().contains(want))
        };
        let lang = || {
            post.lang
                .as_deref()
                .unwrap_or_else(|| post.effective_lang())
        };
        let day = post.date.map(|d| d.day);
        q.tags.iter().all(|t| has(&post.tags, t))
            && q.authors.iter().all(|a| has(&post.authors, a))
            && q.cats.iter().all(|c| has(&post.categories, c))
            && q.langs.iter().all(|l| lang().starts_with(l.as_str()))
            && q.after.is_none_or(|a| day.is_some_and(|d| d >= a))
            && q.before.is_none_or(|b| day.is_some_and(|d| d < b))
    }
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
        Some(Found { snippet: h.snippet })
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
            "| 官网 | https://kestrel.example.org/zh/ |"
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
        let s = plain_snippet(body, at, 3, "…");
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
    fn phrases_exclusions_and_either() {
        let p = post(
            "title: 滚动升级\ntags: [upgrade]",
            "Rolling upgrade keeps the cluster up. 多版本 MVCC.",
        );
        assert!(hit(&p, r#""rolling upgrade""#).is_some());
        assert!(hit(&p, r#""upgrade rolling""#).is_none(), "phrase order");
        assert!(hit(&p, "rolling -beta").is_some());
        assert!(
            hit(&p, "rolling -mvcc").is_none(),
            "excluded word in the body"
        );
        assert!(
            hit(&p, "rolling -滚动").is_none(),
            "excluded word in the title"
        );
        assert!(hit(&p, "nosuch OR 多版本").is_some());
        assert!(hit(&p, "nosuch OR other").is_none());
        assert!(
            hit(&p, "rolling OR").is_some(),
            "a trailing OR is being typed"
        );
    }

    #[test]
    fn title_hits_rank_before_body_hits_and_more_before_fewer() {
        let title = post("title: MVCC explained", "nothing here");
        let many = post("title: t", "mvcc mvcc mvcc");
        let one = post("title: t", "mvcc once");
        let q = Compiled::new(Query::parse("mvcc"));
        let rank = |p: &Post| q.matches(p, &Haystack::new(p)).unwrap().rank();
        assert!(rank(&title) < rank(&many), "title first");
        assert!(rank(&many) < rank(&one), "more hits first");
        let h = q.matches(&many, &Haystack::new(&many)).unwrap();
        assert_eq!((h.title, h.hits), (0, 3));
    }

    #[test]
    fn highlights_cover_each_term_once() {
        assert_eq!(highlights("MVCC and mvcc", ["mvcc"]), [(0, 4), (9, 13)]);
        assert_eq!(highlights("多版本并发", ["版本", "本并"]), [(3, 12)]);
        assert!(highlights("abc", [""]).is_empty());
    }
}
