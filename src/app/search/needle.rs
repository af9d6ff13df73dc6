//! Case-insensitive substring search without folding the text.

use memchr::memmem;

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

impl Needle {
    /// How many times the needle occurs (not overlapping), up to `cap`.
    pub fn count(&self, hay: &[u8], cap: usize) -> usize {
        let (mut n, mut from) = (0, 0);
        while n < cap
            && !self.text.is_empty()
            && let Some(at) = self.find(&hay[from..])
        {
            n += 1;
            from += at + self.text.len();
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn counts_occurrences_up_to_a_cap() {
        let n = Needle::new("ab");
        assert_eq!(n.count(b"ab xAB abab", 100), 4);
        assert_eq!(n.count(b"ab xAB abab", 2), 2);
        assert_eq!(Needle::new("aa").count(b"aaaa", 100), 2, "not overlapping");
        assert_eq!(Needle::new("").count(b"abc", 100), 0);
    }
}
