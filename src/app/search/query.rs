//! What the search box says: free terms (all must match), `"exact
//! phrases"`, `-word` to exclude, `a OR b` for either, and field filters
//! (`tag:`, `author:`, `cat:`, `lang:`, `after:`, `before:`).

use chrono::NaiveDate;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Clauses that must all match; a clause matches when any of its terms
    /// appears (`a OR b` is one clause of two terms). Lower-cased.
    pub all: Vec<Vec<String>>,
    /// Terms none of which may appear (`-word`, `-"a phrase"`).
    pub none: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub cats: Vec<String>,
    pub langs: Vec<String>,
    pub after: Option<NaiveDate>,
    pub before: Option<NaiveDate>,
}

/// One token as typed: its text without quotes, and whether it was quoted
/// (a quoted token is always text, never a field filter or `OR`).
struct Token {
    text: String,
    quoted: bool,
    negated: bool,
}

impl Query {
    /// `tag:release author:李 after:2022-01-01 升级 "rolling upgrade" -beta
    /// MVCC OR 多版本`. A field filter that cannot be read (a bad date) is
    /// kept as a term, so it still narrows rather than being dropped.
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut join_next = false;
        for token in tokens(input) {
            if !token.quoted && !token.negated && token.text == "OR" && !q.all.is_empty() {
                // `a OR b`: the next term joins the last clause.
                join_next = true;
                continue;
            }
            // ASCII only, as the needles compare: a folded `Ω` would no
            // longer find the `Ω` in the text.
            let lower = token.text.to_ascii_lowercase();
            if !token.quoted && !token.negated && q.field(&lower) {
                join_next = false;
                continue;
            }
            if token.negated {
                q.none.push(lower);
            } else if join_next && let Some(last) = q.all.last_mut() {
                last.push(lower);
            } else {
                q.all.push(vec![lower]);
            }
            join_next = false;
        }
        q
    }

    /// Takes `field:value` into the filters; false if it is not one.
    fn field(&mut self, token: &str) -> bool {
        let Some((field, value)) = token.split_once(':').filter(|(_, v)| !v.is_empty()) else {
            return false;
        };
        let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
        match field {
            "tag" | "tags" => self.tags.push(value.into()),
            "author" | "by" => self.authors.push(value.into()),
            "cat" | "category" => self.cats.push(value.into()),
            "lang" => self.langs.push(value.into()),
            "after" | "since" if date.is_some() => self.after = date,
            "before" | "until" if date.is_some() => self.before = date,
            _ => return false,
        }
        true
    }

    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// The terms that count as hits (for ranking and highlighting).
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.all.iter().flatten().map(String::as_str)
    }

    /// Whether everything that matches `self` also matched `previous`
    /// (more typed onto the same terms): then only its hits need testing.
    pub fn narrows(&self, previous: &Query) -> bool {
        previous.all.len() == self.all.len()
            && previous.all.iter().zip(&self.all).all(|(p, n)| {
                // Each new term must contain one of the clause's old terms.
                n.iter().all(|t| p.iter().any(|o| t.contains(o.as_str())))
            })
            && previous.none == self.none
            && previous.tags == self.tags
            && previous.authors == self.authors
            && previous.cats == self.cats
            && previous.langs == self.langs
            && previous.after == self.after
            && previous.before == self.before
    }
}

/// Splits on white space, except inside double quotes; `"` may start a
/// token or follow `-` or `field:`. An unclosed quote runs to the end (the
/// phrase being typed).
fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return out;
        }
        let negated = chars.next_if(|&c| c == '-').is_some();
        let mut text = String::new();
        let (mut quoted, mut field_value) = (false, false);
        while let Some(c) = chars.next() {
            if c == '"' {
                // `author:"Anna Li"`: a field's quoted value.
                field_value |= text.len() > 1 && text.ends_with(':');
                quoted = true;
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    text.push(c);
                }
            } else if c.is_whitespace() {
                break;
            } else {
                text.push(c);
            }
        }
        let quoted = quoted && !field_value;
        let text = text.trim().to_owned();
        if text.is_empty() {
            // A lone `-` is a word; empty quotes are nothing.
            if negated && !quoted {
                out.push(Token {
                    text: "-".into(),
                    quoted: false,
                    negated: false,
                });
            }
            continue;
        }
        out.push(Token {
            text,
            quoted,
            negated,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &Query) -> Vec<Vec<&str>> {
        q.all
            .iter()
            .map(|c| c.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn fields_and_words() {
        let q = Query::parse("tag:Release author:李 after:2022-01-01 before:2023-01-01 升级 MVCC");
        assert_eq!(q.tags, ["release"]);
        assert_eq!(q.authors, ["李"]);
        assert_eq!(q.after, NaiveDate::from_ymd_opt(2022, 1, 1));
        assert_eq!(q.before, NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(terms(&q), [["升级"], ["mvcc"]]);
        assert_eq!(terms(&Query::parse("after:soon")), [["after:soon"]]);
        assert!(Query::parse("  ").is_empty());
    }

    #[test]
    fn phrases_negation_and_or() {
        let q = Query::parse(r#""Rolling Upgrade" -beta -"old news" MVCC OR 多版本 x"#);
        assert_eq!(
            terms(&q),
            vec![vec!["rolling upgrade"], vec!["mvcc", "多版本"], vec!["x"]]
        );
        assert_eq!(q.none, ["beta", "old news"]);
        // OR at either end, or quoted, is a word; a lone - is a word.
        assert_eq!(terms(&Query::parse("OR a")), [["or"], ["a"]]);
        assert_eq!(terms(&Query::parse("a OR")), [["a"]]);
        assert_eq!(terms(&Query::parse(r#"a "OR" b"#)), [["a"], ["or"], ["b"]]);
        assert_eq!(terms(&Query::parse("a - b")), [["a"], ["-"], ["b"]]);
        assert_eq!(terms(&Query::parse("a OR b OR c")), [["a", "b", "c"]]);
        // A quote being typed runs to the end.
        assert_eq!(terms(&Query::parse(r#""half typed"#)), [["half typed"]]);
        assert!(Query::parse(r#""""#).is_empty());
        // A quoted field value, and a quoted word with a colon in it.
        assert_eq!(Query::parse(r#"author:"Anna Li""#).authors, ["anna li"]);
        assert_eq!(terms(&Query::parse(r#""tag:x""#)), [["tag:x"]]);
        // A negated field is not a filter: it excludes the text.
        assert_eq!(Query::parse("-tag:x").none, ["tag:x"]);
    }

    #[test]
    fn narrowing_is_detected() {
        let a = Query::parse("mvc");
        assert!(Query::parse("mvcc").narrows(&a));
        assert!(!a.narrows(&Query::parse("mvcc")));
        assert!(!Query::parse("mvcc tag:x").narrows(&a));
        assert!(!Query::parse("mvcc -x").narrows(&a));
        let or = Query::parse("ab OR cd");
        assert!(Query::parse("abc OR cde").narrows(&or));
        assert!(!Query::parse("abc OR zz").narrows(&or));
        assert!(Query::parse(r#""rolling u"#).narrows(&Query::parse(r#""rolling"#)));
    }
}
