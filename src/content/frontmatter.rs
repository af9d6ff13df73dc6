//! Finding and parsing the front matter block at the top of a post.
//!
//! Pure: text in, a map of fields (or a located error) out.

use serde_json::{Map, Value};

use super::yaml;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Yaml,
    Toml,
    None,
}

/// A post's text cut into its front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    /// Front matter text, without the fence lines.
    pub front: &'a str,
    /// 1-based file line of the first front matter line.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based file line where the body starts.
    pub body_line: usize,
    /// An opening fence with no closing one; the whole text is the body.
    pub unclosed: bool,
}

/// A parse error with a line relative to the front matter text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldsError {
    pub line: Option<usize>,
    pub message: String,
}

/// Cuts the front matter off a post. The opening fence may follow a BOM,
/// blank lines and HTML comments (site generators and editors put licence
/// notes and `<!-- more -->` markers there); fences may carry trailing
/// spaces or tabs, and lines may end in CRLF.
pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let none = |unclosed| Split {
        format: Format::None,
        front: "",
        front_line: 1,
        body: text,
        body_line: 1,
        unclosed,
    };
    let Some((start, fence_line)) = preamble(text) else {
        return none(false);
    };
    let (first, rest) = next_line(&text[start..]);
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return none(false),
    };
    let mut offset = 0;
    let mut line_no = fence_line + 1;
    let mut remaining = rest;
    while !remaining.is_empty() {
        let (line, after) = next_line(remaining);
        let fence = line.trim_end();
        let closes = match format {
            Format::Yaml => fence == "---" || fence == "...",
            _ => fence == "+++",
        };
        if closes {
            let front = &rest[..offset];
            // After blank lines or a comment, `---` may be a thematic break
            // with prose under it; front matter there must look like fields.
            if fence_line > 1 && !looks_like_fields(front) {
                return none(false);
            }
            return Split {
                format,
                front,
                front_line: fence_line + 1,
                body: after,
                body_line: line_no + 1,
                unclosed: false,
            };
        }
        offset += remaining.len() - after.len();
        remaining = after;
        line_no += 1;
    }
    // After blank lines or a comment, a lone `---` is far more likely a
    // thematic break than front matter someone forgot to close.
    none(fence_line == 1)
}

/// The byte offset and 1-based line of the first line that is neither
/// blank nor HTML comments; `None` when a comment never closes or text
/// shares a line with one (that text is the body's start).
fn preamble(text: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    loop {
        let rest = &text[at..];
        at += rest.len() - rest.trim_start().len();
        if !text[at..].starts_with("<!--") {
            break;
        }
        at += 4 + text[at + 4..].find("-->")? + 3;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..at].trim().is_empty() {
        return None;
    }
    Some((line_start, line_of(text, line_start)))
}

/// Whether the first line that says anything is a `key:` or `key =` line
/// (or a TOML `[table]`), as every real front matter's is.
fn looks_like_fields(front: &str) -> bool {
    let Some(line) = front
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return true;
    };
    if line.starts_with('[') {
        return true;
    }
    line.find([':', '=']).is_some_and(|i| {
        let key = line[..i].trim().trim_matches(['"', '\'']);
        !key.is_empty() && !key.contains(char::is_whitespace)
    })
}

/// The first line (without its terminator) and everything after it.
fn next_line(s: &str) -> (&str, &str) {
    match s.find('\n') {
        Some(i) => (s[..i].strip_suffix('\r').unwrap_or(&s[..i]), &s[i + 1..]),
        None => (s, ""),
    }
}

/// Parses front matter into a field map.
pub fn parse(format: Format, front: &str) -> Result<Map<String, Value>, FieldsError> {
    match format {
        Format::Yaml => yaml::parse_map(front).map_err(|e| FieldsError {
            line: e.line,
            message: e.message,
        }),
        Format::Toml => parse_toml(front),
        Format::None => Ok(Map::new()),
    }
}

fn parse_toml(front: &str) -> Result<Map<String, Value>, FieldsError> {
    let table: toml::Table = toml::from_str(front).map_err(|e| FieldsError {
        line: e.span().map(|s| line_of(front, s.start)),
        message: first_line(e.message()),
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// 1-based line of a byte offset.
pub fn line_of(s: &str, offset: usize) -> usize {
    let end = offset.min(s.len());
    s.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

pub fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_owned()
}

/// What can still be read from front matter that does not parse: top-level
/// `key: value` (or `key = value`) lines, with quotes taken off even when
/// they do not balance, and `- item` lists under a key. Real posts have an
/// unbalanced quote in a title; the reader should still see that title.
pub fn salvage(front: &str) -> Map<String, Value> {
    let mut map = Map::new();
    let mut list_key: Option<String> = None;
    for line in front.lines() {
        let trimmed = line.trim();
        if let (Some(key), Some(item)) = (&list_key, trimmed.strip_prefix("- ")) {
            if let Some(Value::Array(items)) = map.get_mut(key) {
                items.push(Value::String(unquote(item)));
            }
            continue;
        }
        list_key = None;
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some(sep) = line.find([':', '=']) else {
            continue;
        };
        let key = line[..sep].trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            continue;
        }
        let raw = line[sep + 1..].trim();
        let value = if raw.is_empty() {
            list_key = Some(key.to_owned());
            Value::Array(Vec::new())
        } else if let Some(inner) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            Value::Array(
                inner
                    .split(',')
                    .map(|s| Value::String(unquote(s)))
                    .filter(|v| v.as_str() != Some(""))
                    .collect(),
            )
        } else {
            Value::String(unquote(raw))
        };
        map.entry(key.to_owned()).or_insert(value);
    }
    map
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix(['\'', '"']).unwrap_or(s);
    let s = s.strip_suffix(['\'', '"']).unwrap_or(s);
    s.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_with_crlf_and_bom() {
        let s = split("\u{feff}---\r\ntitle: a\r\n---\r\nbody\r\n");
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front, "title: a\r\n");
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn splits_toml_and_body_without_blank_line() {
        let s = split("+++\ntitle = 'a'\n\ndate = 2021-01-02\n+++\n# Heading");
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front, "title = 'a'\n\ndate = 2021-01-02\n");
        assert_eq!(s.body, "# Heading");
    }

    #[test]
    fn fence_after_blank_lines_and_comments() {
        let s = split("\n \t\n<!-- licence:\n  CC BY 4.0 -->\r\n\n---\ntitle: a\n---\nbody");
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front, "title: a\n");
        assert_eq!(s.front_line, 7);
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 9);
        let two = split("<!-- a --><!-- b -->\n<!--c-->\n+++\ntitle = 'x'\n+++\n");
        assert_eq!(two.format, Format::Toml);
        assert_eq!(two.front_line, 4);
    }

    #[test]
    fn comments_that_do_not_end_their_line_or_never_close_are_body() {
        for text in [
            "<!-- note --> text\n---\ntitle: a\n---\n",
            "<!-- never closed\n---\ntitle: a\n---\n",
            "text\n---\ntitle: a\n---\n",
        ] {
            let s = split(text);
            assert_eq!(s.format, Format::None, "{text:?}");
            assert_eq!(s.body, text);
        }
    }

    #[test]
    fn fences_with_trailing_blanks() {
        let s = split("--- \t\r\ntitle: a\r\n---\t \r\nbody");
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front, "title: a\r\n");
        assert_eq!(s.body, "body");
        let t = split("+++\t\ntitle = 'a'\n+++  \nbody");
        assert_eq!(t.format, Format::Toml);
        assert_eq!(t.body, "body");
    }

    #[test]
    fn prose_between_rules_after_blank_lines_is_body() {
        let text = "\n---\nSome prose: with a colon.\n---\n";
        assert_eq!(split(text).format, Format::None);
        assert_eq!(split(text).body, text);
        let fields = split("\n---\n# note\n\ntitle: a\n---\n");
        assert_eq!(fields.front, "# note\n\ntitle: a\n");
        let empty = split("\n---\n---\nbody");
        assert_eq!(empty.format, Format::Yaml, "empty front matter");
    }

    #[test]
    fn a_lone_rule_after_blank_lines_is_not_unclosed_front_matter() {
        let s = split("\n---\n\ntext");
        assert_eq!(s.format, Format::None);
        assert!(!s.unclosed);
        assert_eq!(s.body, "\n---\n\ntext");
    }

    #[test]
    fn unclosed_front_matter_is_all_body() {
        let s = split("---\ntitle: a\nno end");
        assert!(s.unclosed);
        assert_eq!(s.format, Format::None);
        assert_eq!(s.body, "---\ntitle: a\nno end");
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Title\n\ntext");
        assert_eq!(s.format, Format::None);
        assert!(!s.unclosed);
    }

    #[test]
    fn toml_errors_have_lines() {
        let err = parse(Format::Toml, "title = 'a'\n\ndate = = 3\n").unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn toml_dates_become_strings() {
        let map = parse(Format::Toml, "date = 2021-11-05T10:00:00+08:00\n").unwrap();
        assert_eq!(map["date"], "2021-11-05T10:00:00+08:00");
    }

    #[test]
    fn salvage_reads_unbalanced_quotes_and_lists() {
        let map = salvage(
            "title: \"openGauss 3.0 发布\ndate: '2022-10-08'\ntags:\n  - a\n  - 'b'\ncats: [x, 'y']\n",
        );
        assert_eq!(map["title"], "openGauss 3.0 发布");
        assert_eq!(map["date"], "2022-10-08");
        assert_eq!(map["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(map["cats"], serde_json::json!(["x", "y"]));
    }
}
