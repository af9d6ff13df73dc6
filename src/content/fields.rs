//! Mapping front matter fields onto a post's metadata, leniently: sites
//! disagree on names (`category` or `categories`), shapes (a list or a
//! comma-separated string) and spelling.

use serde_json::{Map, Value};

use super::date::{self, PostDate};
use crate::text::sanitize_line;

/// The metadata the front matter gave, before fallbacks from the body/path.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Fields {
    pub title: Option<String>,
    pub date: Option<PostDate>,
    /// A date field that was there but could not be read.
    pub bad_date: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub banner: Option<String>,
    pub draft: bool,
    pub lang: Option<String>,
    /// Every field not mapped above, as written.
    pub extra: Map<String, Value>,
}

const TITLE: &[&str] = &["title", "name"];
const DATE: &[&str] = &["date", "pubDate", "published", "publishDate", "created"];
const TAGS: &[&str] = &["tags", "tag", "keywords"];
const CATEGORIES: &[&str] = &["categories", "category"];
const AUTHORS: &[&str] = &["author", "authors"];
const SUMMARY: &[&str] = &["summary", "description", "excerpt"];
const BANNER: &[&str] = &["banner", "img", "cover", "image"];
const DRAFT: &[&str] = &["draft"];
const LANG: &[&str] = &["lang", "language"];

pub fn map(mut fm: Map<String, Value>) -> Fields {
    let mut take = |names: &[&str]| -> Vec<Value> {
        names.iter().filter_map(|n| take_key(&mut fm, n)).collect()
    };
    let title = take(TITLE).into_iter().find_map(|v| scalar(&v));
    let dates = take(DATE);
    let date_text = dates.iter().find_map(scalar);
    let date = date_text.as_deref().and_then(date::parse);
    let tags = take(TAGS).iter().flat_map(strings).collect();
    let categories = take(CATEGORIES).iter().flat_map(strings).collect();
    let authors = take(AUTHORS).iter().flat_map(authors).collect();
    let summary = take(SUMMARY).into_iter().find_map(|v| scalar(&v));
    let banner = take(BANNER).into_iter().find_map(|v| scalar(&v));
    let draft = take(DRAFT).iter().any(truthy);
    let lang = take(LANG).into_iter().find_map(|v| scalar(&v));
    Fields {
        title,
        bad_date: date_text.filter(|_| date.is_none()),
        date,
        tags: dedup(tags),
        categories: dedup(categories),
        authors: dedup(authors),
        summary,
        banner,
        draft,
        lang: lang.map(|l| l.to_lowercase()),
        extra: fm,
    }
}

/// Field names are matched without regard to case (`Title`, `TITLE`).
fn take_key(fm: &mut Map<String, Value>, name: &str) -> Option<Value> {
    if let Some(v) = fm.remove(name) {
        return Some(v);
    }
    let key = fm.keys().find(|k| k.eq_ignore_ascii_case(name))?.clone();
    fm.remove(&key)
}

/// A non-empty one-line string from a scalar value, trimmed and made safe.
fn scalar(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => sanitize_line(s),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(a) => return a.iter().find_map(scalar),
        _ => return None,
    };
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// A list, or a string separated by commas (ASCII or full-width).
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(scalar).collect(),
        Value::String(s) => s
            .split([',', '，', '、'])
            .filter_map(|p| scalar(&Value::String(p.into())))
            .collect(),
        other => scalar(other).into_iter().collect(),
    }
}

/// A string, a list of strings, a map with a name, or a list of such maps.
fn authors(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => ["name", "display_name", "username", "id"]
            .iter()
            .find_map(|k| m.get(*k).and_then(scalar))
            .into_iter()
            .collect(),
        Value::Array(items) => items.iter().flat_map(authors).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(s.trim().to_lowercase().as_str(), "true" | "yes" | "1"),
        Value::Number(n) => n.as_i64() == Some(1),
        _ => false,
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        map(v.as_object().unwrap().clone())
    }

    #[test]
    fn aliases_and_shapes() {
        let f = fields(json!({
            "Title": "  Release 3.1  ",
            "categories": ["news", "release"],
            "tags": "a, b，c",
            "authors": [{"name": "Li Lei"}, "Han Meimei"],
            "description": "short",
            "img": "/a.png",
            "draft": "true",
            "lang": "ZH",
            "times": "10",
        }));
        assert_eq!(f.title.as_deref(), Some("Release 3.1"));
        assert_eq!(f.categories, ["news", "release"]);
        assert_eq!(f.tags, ["a", "b", "c"]);
        assert_eq!(f.authors, ["Li Lei", "Han Meimei"]);
        assert_eq!(f.summary.as_deref(), Some("short"));
        assert_eq!(f.banner.as_deref(), Some("/a.png"));
        assert!(f.draft);
        assert_eq!(f.lang.as_deref(), Some("zh"));
        assert_eq!(f.extra["times"], "10");
    }

    #[test]
    fn author_map_and_empty_banner() {
        let f = fields(json!({"author": {"name": "openGauss", "url": "x"}, "banner": ""}));
        assert_eq!(f.authors, ["openGauss"]);
        assert_eq!(f.banner, None);
    }

    #[test]
    fn unreadable_date_is_reported() {
        let f = fields(json!({"date": "soon"}));
        assert_eq!(f.date, None);
        assert_eq!(f.bad_date.as_deref(), Some("soon"));
    }

    #[test]
    fn control_characters_never_survive() {
        let f = fields(json!({"title": "a\u{1b}[2Jb", "tags": ["\u{1b}]52;c;eA==\u{7}x"]}));
        assert_eq!(f.title.as_deref(), Some("a␛b"));
        assert_eq!(f.tags, ["␛x"]);
    }
}
