//! CJK-friendly emphasis (the CommonMark amendment at
//! github.com/tats-u/markdown-cjk-friendly) on top of pulldown-cmark 0.13,
//! which lacks it. Delete this module once a pulldown-cmark release has
//! `Options::ENABLE_CJK_FRIENDLY_EMPHASIS`.
//!
//! How: the amendment only widens which `*` runs are left- or
//! right-flanking. Where the amended rules say a run flanks and CommonMark's
//! do not, a sentinel punctuation character is put beside the run (before
//! it for an opener, after it for a closer). That makes CommonMark's rules
//! give the amended answer, so pulldown-cmark's own delimiter matching does
//! the rest. The renderer strips the sentinel from every event. `_` runs are
//! left alone: the amendment barely changes them and Chinese posts use `*`.

use std::borrow::Cow;

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// SIGNWRITING PARENTHESIS (Po): punctuation to CommonMark, and never found
/// in news posts. If a post contains it, the shim steps aside.
pub const SENTINEL: char = '\u{1DA8B}';

/// Returns the source with sentinels inserted where the amendment differs.
pub fn prepare(src: &str) -> Cow<'_, str> {
    if !src.contains('*') || src.contains(SENTINEL) {
        return Cow::Borrowed(src);
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next byte that matters: most text has neither.
        match memchr::memchr2(b'\\', b'*', &bytes[i..]) {
            Some(n) => i += n,
            None => break,
        }
        match bytes[i] {
            b'\\' => i += 2,
            b'*' => {
                let start = i;
                while i < bytes.len() && bytes[i] == b'*' {
                    i += 1;
                }
                let before = &src[..start];
                let after = &src[i..];
                let (open, close) = needs(before, after);
                if open || close {
                    let o = out.get_or_insert_with(|| String::with_capacity(src.len() + 64));
                    o.push_str(&src[copied..start]);
                    if open {
                        o.push(SENTINEL);
                    }
                    o.push_str(&src[start..i]);
                    if close {
                        o.push(SENTINEL);
                    }
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&src[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(src),
    }
}

/// Takes the sentinels out of text the parser produced.
pub fn strip(s: &str) -> Cow<'_, str> {
    if s.contains(SENTINEL) {
        Cow::Owned(s.replace(SENTINEL, ""))
    } else {
        Cow::Borrowed(s)
    }
}

/// (sentinel before, sentinel after) for the run between `before` and `after`.
fn needs(before: &str, after: &str) -> (bool, bool) {
    let mut back = before.chars().rev();
    let prev = back.next();
    let prev2 = back.next();
    let next = after.chars().next();
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);

    // CommonMark (as pulldown-cmark implements it for `*`).
    let orig_left = !ws(next) && (!punct(next) || ws(prev) || punct(prev));
    let orig_right = !ws(prev) && (!punct(prev) || ws(next) || punct(next));

    // The amendment: a variation selector after a character counts as part
    // of it when looking back.
    let (base, ivs) = match prev {
        Some(c) if is_svs(c) => (prev2, false),
        Some(c) => (Some(c), is_ivs(c)),
        None => (None, false),
    };
    let non_cjk_punct = |c: Option<char>| c.is_some_and(|c| is_punctuation(c) && !is_cjk(c));
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);
    let new_left =
        !ws(next) && (!non_cjk_punct(next) || ws(prev) || non_cjk_punct(base) || cjk(base) || ivs);
    let new_right =
        !ws(prev) && (!non_cjk_punct(base) || ws(next) || non_cjk_punct(next) || cjk(next));

    (new_left && !orig_left, new_right && !orig_right)
}

/// CommonMark 0.31 "Unicode punctuation": general category P or S.
pub fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
    )
}

/// East Asian Width W, F or H and not an emoji, or Hangul.
pub fn is_cjk(c: char) -> bool {
    let cp = c as u32;
    let hangul =
        matches!(cp, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF);
    let halfwidth = matches!(cp, 0xFF61..=0xFFDC | 0xFFE8..=0xFFEE);
    hangul || halfwidth || (crate::text::char_width(c) == 2 && !is_emoji_presentation(c))
}

fn is_emoji_presentation(c: char) -> bool {
    let cp = c as u32;
    // Wide characters in these blocks are emoji, except the two angle
    // brackets U+2329/U+232A, which are CJK punctuation.
    matches!(cp, 0x1F000..=0x1FAFF)
        || (matches!(cp, 0x2300..=0x2BFF) && !matches!(cp, 0x2329 | 0x232A))
}

fn is_svs(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0E)
}

fn is_ivs(c: char) -> bool {
    matches!(c as u32, 0xE0100..=0xE01EF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, html};

    fn to_html(src: &str) -> String {
        let prepared = prepare(src);
        let mut out = String::new();
        html::push_html(&mut out, Parser::new(&prepared));
        strip(out.trim()).into_owned()
    }

    #[test]
    fn sentinel_counts_as_punctuation_to_pulldown() {
        // `a**。**b`-style closer made to close by the sentinel alone.
        let src = format!("**a。**{SENTINEL}b");
        let mut out = String::new();
        html::push_html(&mut out, Parser::new(&src));
        assert!(out.contains("<strong>"), "{out}");
    }

    #[test]
    fn examples_from_real_posts() {
        assert_eq!(
            to_html("**一是可靠性方面。**共享存储"),
            "<p><strong>一是可靠性方面。</strong>共享存储</p>"
        );
        assert_eq!(
            to_html("以**“汇聚开发者智慧”**为主题"),
            "<p>以<strong>“汇聚开发者智慧”</strong>为主题</p>"
        );
        assert_eq!(to_html("**真，**她说"), "<p><strong>真，</strong>她说</p>");
        assert_eq!(
            to_html("**重要提示（Important Notice）：**请注意"),
            "<p><strong>重要提示（Important Notice）：</strong>请注意</p>"
        );
        assert_eq!(
            to_html("**第十个用户组成立，**正式开启"),
            "<p><strong>第十个用户组成立，</strong>正式开启</p>"
        );
    }

    #[test]
    fn examples_from_the_amendment() {
        assert_eq!(
            to_html(
                "**このアスタリスクは強調記号として認識されず、そのまま表示されます。**この文のせいで。"
            ),
            "<p><strong>このアスタリスクは強調記号として認識されず、そのまま表示されます。</strong>この文のせいで。</p>"
        );
        assert_eq!(
            to_html("**该星号不会被识别，而是直接显示。**这是因为它没有被识别为强调符号。"),
            "<p><strong>该星号不会被识别，而是直接显示。</strong>这是因为它没有被识别为强调符号。</p>"
        );
        assert_eq!(
            to_html(
                "**이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)**이 문장 때문에."
            ),
            "<p><strong>이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)</strong>이 문장 때문에.</p>"
        );
        assert_eq!(
            to_html("これは**「重要」**です"),
            "<p>これは<strong>「重要」</strong>です</p>"
        );
        assert_eq!(
            to_html("*テスト。*テスト"),
            "<p><em>テスト。</em>テスト</p>"
        );
    }

    #[test]
    fn what_commonmark_already_does_is_unchanged() {
        for (src, want) in [
            ("**bold** text", "<p><strong>bold</strong> text</p>"),
            ("a**b**c", "<p>a<strong>b</strong>c</p>"),
            ("中**文**字", "<p>中<strong>文</strong>字</p>"),
            ("* item", "<ul>\n<li>item</li>\n</ul>"),
            ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
            ("`**真，**她`", "<p><code>**真，**她</code></p>"),
            ("\\*\\*真，\\*\\*她", "<p>**真，**她</p>"),
        ] {
            assert_eq!(to_html(src), want, "{src}");
        }
    }

    #[test]
    fn space_before_closer_is_still_not_emphasis() {
        assert_eq!(to_html("**8000 **元"), "<p>**8000 **元</p>");
    }

    #[test]
    fn english_punctuation_rules_are_untouched() {
        assert_eq!(to_html("**Note.**Next"), "<p>**Note.**Next</p>");
        assert_eq!(to_html("foo**\"bar\"**baz"), "<p>foo**\"bar\"**baz</p>");
    }

    #[test]
    fn unchanged_sources_are_borrowed() {
        assert!(matches!(prepare("plain **bold** text"), Cow::Borrowed(_)));
        assert!(matches!(prepare("no stars"), Cow::Borrowed(_)));
    }
}
