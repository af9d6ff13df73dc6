//! The one place that knows which YAML library parses front matter.
//!
//! serde_yaml is no longer maintained upstream; swapping it for another
//! parser must only touch this file. It depends on nothing else in
//! `content`, so `frontmatter` can use it without a circle.

use serde_json::{Map, Value};

/// A YAML error with a line relative to the text parsed (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub message: String,
}

/// Flow collections (`[`, `{`) nested deeper than this are refused before
/// parsing: the YAML parser is quadratic in nesting depth (100,000 levels
/// took 20 s), and no real front matter nests more than a few levels.
const MAX_FLOW_DEPTH: usize = 64;

/// Parses a YAML mapping. An empty document is an empty map; any other
/// non-mapping document is an error.
pub fn parse_map(text: &str) -> Result<Map<String, Value>, YamlError> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    if let Some(line) = too_deep(text) {
        return Err(YamlError {
            line: Some(line),
            message: format!("nests deeper than {MAX_FLOW_DEPTH} levels"),
        });
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| YamlError {
        line: e.location().map(|l| l.line()),
        message: e
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })?;
    match to_json(value) {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(YamlError {
            line: Some(1),
            message: "front matter is not a mapping of fields".into(),
        }),
    }
}

/// The line where unquoted `[`/`{` nesting first passes the limit.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut line) = (0usize, 1usize);
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                // Quoted scalars in flow context rarely span lines; this
                // keeps one stray quote from hiding the rest.
                quote = None;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn to_json(v: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64().map(Value::from).unwrap_or(Value::Null)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (key_string(k), to_json(v)))
                .collect(),
        ),
        Y::Tagged(t) => to_json(t.value),
    }
}

fn key_string(k: serde_yaml::Value) -> String {
    match k {
        serde_yaml::Value::String(s) => s,
        other => serde_yaml::to_string(&other)
            .map(|s| s.trim().to_owned())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_quoted_values() {
        let map = parse_map("title: ' openGauss'\ndate: '2022-10-08'\ntags: ['theme']\n").unwrap();
        assert_eq!(map["title"], " openGauss");
        assert_eq!(map["tags"], serde_json::json!(["theme"]));
    }

    #[test]
    fn errors_carry_a_line() {
        let err = parse_map("title: a\ndate: [\n").unwrap_err();
        assert!(err.line.is_some(), "{err:?}");
        assert!(!err.message.is_empty());
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        let deep = format!(
            "title: t\nx: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let err = parse_map(&deep).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("deeper than 64"));
        let ok = format!("title: '[[[[' \nx: {}{}\n", "[".repeat(10), "]".repeat(10));
        assert!(
            parse_map(&ok).is_ok(),
            "quoted brackets and shallow nesting are fine"
        );
    }

    #[test]
    fn alias_bombs_fail_fast() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
        assert!(parse_map(bomb).is_err());
    }
}
