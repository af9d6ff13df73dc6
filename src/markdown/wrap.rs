//! Wrapping styled text to a width with textwrap's Unicode line breaking
//! (UAX #14): CJK wraps between characters, closing punctuation never starts
//! a line, Latin text wraps at spaces, and over-long words are broken.
//!
//! The spans' plain text is wrapped as one string; the chosen lines are then
//! cut back out of the styled spans by byte offset.

use ratatui::text::Span;
use textwrap::WordSeparator;
use textwrap::core::Word;
use textwrap::wrap_algorithms::wrap_first_fit;

/// Wraps spans into lines of at most `width` columns. `\n` in the text is a
/// hard break. Always returns at least one (possibly empty) line.
pub fn wrap_spans(spans: &[Span<'static>], width: usize) -> Vec<Vec<Span<'static>>> {
    let width = width.max(1);
    let mut plain = String::new();
    let mut starts = Vec::with_capacity(spans.len());
    for s in spans {
        starts.push(plain.len());
        plain.push_str(&s.content);
    }
    let mut cutter = Cutter {
        spans,
        starts: &starts,
        next: 0,
    };
    let mut lines = Vec::new();
    let mut seg_start = 0;
    for seg in plain.split('\n') {
        for (a, b) in wrap_segment(seg, width) {
            lines.push(cutter.cut(seg_start + a, seg_start + b));
        }
        seg_start += seg.len() + 1;
    }
    lines
}

/// Byte ranges of the lines `seg` wraps into.
pub fn wrap_segment(seg: &str, width: usize) -> Vec<(usize, usize)> {
    if seg.trim_end().is_empty() {
        return vec![(0, 0)];
    }
    let words: Vec<Word> = WordSeparator::UnicodeBreakProperties
        .find_words(seg)
        .collect();
    let words = crate::text::pieces(words, width);
    let offset = |w: &crate::text::Piece| w.word.as_ptr() as usize - seg.as_ptr() as usize;
    wrap_first_fit(&words, &[width as f64])
        .into_iter()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let first = &line[0];
            let last = &line[line.len() - 1];
            (offset(first), offset(last) + last.word.len())
        })
        .collect()
}

/// Cuts byte ranges (in increasing order) out of the styled spans.
struct Cutter<'a> {
    spans: &'a [Span<'static>],
    starts: &'a [usize],
    next: usize,
}

impl Cutter<'_> {
    fn cut(&mut self, from: usize, to: usize) -> Vec<Span<'static>> {
        let mut out = Vec::new();
        let mut i = self.next;
        while i < self.spans.len() {
            let s = self.starts[i];
            let e = s + self.spans[i].content.len();
            if e <= from {
                i += 1;
                self.next = i;
                continue;
            }
            if s >= to {
                break;
            }
            let a = from.max(s) - s;
            let b = to.min(e) - s;
            if a < b {
                let text = &self.spans[i].content[a..b];
                out.push(Span::styled(text.to_owned(), self.spans[i].style));
            }
            if e > to {
                break;
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;
    use ratatui::style::{Modifier, Style};

    fn texts(lines: &[Vec<Span<'static>>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn plain(s: &str, w: usize) -> Vec<String> {
        texts(&wrap_spans(&[Span::raw(s.to_owned())], w))
    }

    #[test]
    fn english_wraps_at_spaces() {
        assert_eq!(
            plain("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn chinese_wraps_between_characters_and_keeps_punctuation_attached() {
        let lines = plain("社区在技术委员会的领导下，孵化的组已经达到个。", 12);
        for l in &lines {
            assert!(width(l) <= 12, "{l}");
            assert!(!l.starts_with(['，', '。', '、', '）', '」']), "{lines:?}");
        }
        assert_eq!(
            lines.concat(),
            "社区在技术委员会的领导下，孵化的组已经达到个。"
        );
        // 6 characters fill 12 columns, but "，" may not start the next line.
        assert_eq!(lines[0], "社区在技术委");
        assert_eq!(lines[1], "员会的领导");
        assert_eq!(lines[2], "下，孵化的组");
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = plain("一二三四（五六七八", 10);
        assert!(!lines.iter().any(|l| l.ends_with('（')), "{lines:?}");
    }

    #[test]
    fn long_words_are_broken() {
        let lines = plain(
            "https://kestrel.example.org/zh/events/2024-09-10/articles.html",
            16,
        );
        assert!(lines.iter().all(|l| width(l) <= 16), "{lines:?}");
        assert_eq!(
            lines.concat(),
            "https://kestrel.example.org/zh/events/2024-09-10/articles.html"
        );
    }

    #[test]
    fn styles_are_kept_across_line_breaks() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = vec![
            Span::raw("aaa "),
            Span::styled("bbb ccc", bold),
            Span::raw(" ddd"),
        ];
        let lines = wrap_spans(&spans, 7);
        assert_eq!(texts(&lines), ["aaa bbb", "ccc ddd"]);
        assert_eq!(lines[0][1].style, bold);
        assert_eq!(lines[1][0], Span::styled("ccc", bold));
        assert_eq!(lines[1][1], Span::raw(" ddd"));
    }

    #[test]
    fn hard_breaks_and_empty_text() {
        assert_eq!(plain("a\nb", 10), ["a", "b"]);
        assert_eq!(plain("", 10), [""]);
    }
}
