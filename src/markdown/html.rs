//! Raw HTML in posts, tokenized by html5gum (a WHATWG tokenizer, not
//! regular expressions) into the few shapes the renderer acts on.

use html5gum::{Error, Token, Tokenizer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    Close(String),
    Text(String),
}

impl Item {
    pub fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
        attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Tokenizes an HTML fragment. Comments and doctypes vanish. A tag cut off
/// by the end of the fragment (real posts have `style="width:50%>`, an
/// unclosed quote) is retried with the quote and bracket closed, so the tag
/// is not lost.
pub fn tokenize(html: &str) -> Vec<Item> {
    let (items, cut_off) = run(html);
    if !cut_off {
        return items;
    }
    for fix in ["\">", "'>", ">"] {
        let (items, cut_off) = run(&format!("{html}{fix}"));
        if !cut_off {
            return items;
        }
    }
    items
}

fn run(html: &str) -> (Vec<Item>, bool) {
    let mut items = Vec::new();
    let mut cut_off = false;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => items.push(Item::Open {
                name: lossy(&tag.name).to_ascii_lowercase(),
                attrs: tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (lossy(k).to_ascii_lowercase(), lossy(v)))
                    .collect(),
                self_closing: tag.self_closing,
            }),
            Token::EndTag(tag) => items.push(Item::Close(lossy(&tag.name).to_ascii_lowercase())),
            Token::String(s) => match items.last_mut() {
                Some(Item::Text(t)) => t.push_str(&lossy(&s)),
                _ => items.push(Item::Text(lossy(&s))),
            },
            Token::Error(e) if matches!(*e, Error::EofInTag) => cut_off = true,
            _ => {}
        }
    }
    (items, cut_off)
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(name: &str, attrs: &[(&str, &str)]) -> Item {
        Item::Open {
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            self_closing: false,
        }
    }

    #[test]
    fn tags_text_and_entities() {
        assert_eq!(
            tokenize("<div style=\"x\"><IMG SRC='/a.png' alt =''>a &amp; b</div><!-- c -->"),
            [
                open("div", &[("style", "x")]),
                open("img", &[("alt", ""), ("src", "/a.png")]),
                Item::Text("a & b".into()),
                Item::Close("div".into()),
            ]
        );
    }

    #[test]
    fn unclosed_attribute_quote_keeps_the_tag() {
        let items = tokenize("<img src=\"/x.jpg\" alt=\"crowd\" style=\"width:50%>");
        assert_eq!(
            items,
            [open(
                "img",
                &[("alt", "crowd"), ("src", "/x.jpg"), ("style", "width:50%>")]
            )]
        );
    }
}
