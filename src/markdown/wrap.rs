//! Wrapping styled text to a width: break opportunities come from
//! textwrap's Unicode line breaking (UAX #14), so CJK wraps between
//! characters and Latin text at spaces; widths come from `crate::text`.
//!
//! Kinsoku holds everywhere, not only where UAX #14 gives it: a line never
//! starts with closing CJK punctuation (`，。」`) nor ends with an opening
//! bracket (`（「`) unless the line holds nothing else. That matters after
//! a run with no break in it (a URL, a path, a long word): UAX #14 glues
//! the `，` that follows to the run, and the run must then be cut by width.
//!
//! The spans' plain text is wrapped as one string; the chosen lines are then
//! cut back out of the styled spans by byte offset.

use ratatui::text::Span;
use textwrap::WordSeparator;

use crate::text::{char_width, clusters, width as cols};

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
    let mut lines = Vec::new();
    // (start, end, columns, gap after) of the line being filled.
    let mut line: Option<(usize, usize, usize, usize)> = None;
    for p in pieces(seg, width) {
        let w = cols(&seg[p.start..p.end]);
        line = match line {
            Some((start, _, used, gap)) if used + gap + w <= width => {
                Some((start, p.end, used + gap + w, p.gap))
            }
            Some((start, end, ..)) => {
                lines.push((start, end));
                Some((p.start, p.end, w, p.gap))
            }
            None => Some((p.start, p.end, w, p.gap)),
        };
    }
    lines.extend(line.map(|(start, end, ..)| (start, end)));
    // A line of nothing but indentation, pushed out by the word after it.
    if lines.len() > 1 {
        lines.retain(|(a, b)| a < b);
    }
    lines
}

/// Text with no break inside, and the columns of spaces after it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    gap: usize,
}

/// The pieces lines are filled with: UAX #14 words, joined where a break
/// between them would break kinsoku, and cut where wider than a line.
fn pieces(seg: &str, width: usize) -> Vec<Piece> {
    let mut joined: Vec<Piece> = Vec::new();
    for w in WordSeparator::UnicodeBreakProperties.find_words(seg) {
        let start = w.word.as_ptr() as usize - seg.as_ptr() as usize;
        let end = start + w.word.len();
        let p = Piece {
            start,
            end,
            gap: w.whitespace.len(),
        };
        match joined.last_mut() {
            Some(last) if !keeps_apart(seg, last.end, start) => {
                last.end = end;
                last.gap = p.gap;
            }
            _ => joined.push(p),
        }
    }
    let mut out = Vec::with_capacity(joined.len());
    for p in joined {
        let mut at = p.start;
        while let Some(cut) = overflow(seg, at, p.end, width) {
            // Spaces at a cut go between the lines, as they do at a break.
            let next = p.end - seg[cut..p.end].trim_start_matches(' ').len();
            out.push(Piece {
                start: at,
                end: cut,
                gap: next - cut,
            });
            at = next;
        }
        match out.last_mut() {
            Some(last) if at == p.end && at > p.start => last.gap = p.gap,
            _ => out.push(Piece { start: at, ..p }),
        }
    }
    out
}

/// Whether a line may end at `end` and the next start at `start`, the
/// spaces between them aside.
fn keeps_apart(seg: &str, end: usize, start: usize) -> bool {
    // Only a few: a long run of spaces must not make each look linear.
    let before = seg[..end].chars().rev().take(8).find(|c| *c != ' ');
    let after = seg[start..].chars().take(8).find(|c| *c != ' ');
    !before.is_some_and(is_opening) && !after.is_some_and(is_closing)
}

/// Where to cut `seg[from..to]` so its first part fits `width`, or `None`
/// if all of it fits. Prefers the last cut that keeps kinsoku and keeps
/// marks with their base; failing that (a run of `，` wider than a line),
/// the last that keeps marks; failing that, one character.
fn overflow(seg: &str, from: usize, to: usize, width: usize) -> Option<usize> {
    // Nearly every word fits: say so without walking its clusters.
    if cols(&seg[from..to]) <= width {
        return None;
    }
    // Cuts only between grapheme clusters: a keycap, a ZWJ family or a
    // flag is one cell and never split.
    let mut bounds = Vec::new();
    let mut used = 0;
    let mut at = from;
    let mut fits = from;
    for (cluster, w) in clusters(&seg[from..to]) {
        at += cluster.len();
        used += w;
        if used <= width {
            fits = at;
        }
        bounds.push(at);
    }
    if fits == to {
        return None;
    }
    let cuts = || {
        bounds
            .iter()
            .copied()
            .rev()
            .filter(move |&i| i <= fits && i > from)
    };
    cuts()
        .find(|&i| !joins(seg, i) && keeps_apart(seg, i, i))
        .or_else(|| cuts().find(|&i| !joins(seg, i)))
        .or_else(|| bounds.first().copied().filter(|&i| i < to))
}

/// Whether the characters either side of byte `i` belong together: a mark
/// or joiner after, or a joiner before.
fn joins(seg: &str, i: usize) -> bool {
    let zwj = '\u{200d}';
    seg[i..]
        .chars()
        .next()
        .is_some_and(|c| char_width(c) == 0 || c == zwj)
        || seg[..i].ends_with(zwj)
}

/// Punctuation no line may start with.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '｠'
            | '〞'
            | '”'
            | '’'
            | '．'
            | '｡'
            | '､'
            | '｣'
            | '・'
            | '…'
            | '‥'
    )
}

/// Punctuation no line may end with.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '《'
            | '〈'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '｟'
            | '〝'
            | '“'
            | '‘'
            | '｢'
    )
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
    fn cutting_a_run_keeps_kinsoku_and_marks() {
        let lines = plain("一二（abcdefghijklmnop）", 10);
        assert_eq!(lines, ["一二", "（abcdefgh", "ijklmnop）"]);
        let accents = "e\u{301}".repeat(25);
        let lines = plain(&accents, 10);
        assert!(lines.iter().all(|l| !l.starts_with('\u{301}')), "{lines:?}");
        assert_eq!(lines.concat(), accents);
        assert_eq!(
            plain("中文", 1),
            ["中", "文"],
            "wider than the line: one each"
        );
    }

    #[test]
    fn a_space_before_closing_punctuation_is_no_place_to_break() {
        let lines = plain("一二三四五六七八 ：九十", 16);
        assert!(!lines.iter().any(|l| l.starts_with('：')), "{lines:?}");
    }

    /// Found by `tests/props_wrap.rs`: the cut fell on the space, and the
    /// next line began ` ，`.
    #[test]
    fn a_cut_at_a_space_before_closing_punctuation_moves_back() {
        let lines = plain("一aaaaaaaaaaaaaaaaaaaa ，/aaa/a00/aa-/__-", 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert!(
            !lines.iter().any(|l| l.trim().starts_with('，')),
            "{lines:?}"
        );
        assert!(!lines.iter().any(|l| l.starts_with(' ')), "{lines:?}");
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
