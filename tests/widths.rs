//! Exact widths of the clusters terminals disagree on, and the renderer's
//! promise that no line is wider than asked, with every such cluster in it.

use tidings::markdown::{Options, Theme, render};
use tidings::text::{char_width, is_ambiguous, split_at_width, truncate, widest, width};

/// Each case with its Unicode width (the layout's) and whether terminals
/// may draw it otherwise.
const CASES: &[(&str, usize, bool)] = &[
    ("❤️", 2, true),               // U+2764 U+FE0F
    ("☀️", 2, true),               // U+2600 U+FE0F
    ("1️⃣", 2, true),               // keycap: 1 U+FE0F U+20E3
    ("#️⃣", 2, true),               // keycap: # U+FE0F U+20E3
    ("👨‍👩‍👧", 2, true),               // ZWJ sequence
    ("🇨🇳", 2, true),               // flag: two regional indicators
    ("👍🏽", 2, true),               // skin tone modifier
    ("\u{FF76}\u{FF9E}", 2, true), // ｶﾞ: half-width ka + dakuten
    ("\u{FF8A}\u{FF9F}", 2, true), // ﾊﾟ: half-width ha + handakuten
    ("❤", 1, false),
    ("中", 2, false),
    ("é", 1, false),
    ("e\u{301}", 1, false),
    ("a", 1, false),
];

#[test]
fn each_case_has_its_unicode_width() {
    for &(s, w, ambiguous) in CASES {
        assert_eq!(width(s), w, "{s:?}");
        assert_eq!(is_ambiguous(s), ambiguous, "{s:?}");
        assert!(widest(s) >= w, "{s:?}");
    }
    // What tmux 3.3 would draw if it joined nothing.
    assert_eq!(widest("👨‍👩‍👧"), 6);
    assert_eq!(widest("👍🏽"), 4);
    assert_eq!(char_width('\u{FF9E}'), 1);
    assert_eq!(char_width('\u{FE0F}'), 0);
    assert_eq!(width("中文 ❤️ ok"), 10);
}

#[test]
fn clusters_are_cut_whole() {
    let all: String = CASES.iter().map(|c| c.0).collect();
    for cols in 0..=width(&all) {
        let (head, tail) = split_at_width(&all, cols);
        assert!(width(head) <= cols, "{cols}: {head:?}");
        assert_eq!(
            width(head) + width(tail),
            width(&all),
            "cut inside a cluster at {cols}"
        );
        let t = truncate(&all, cols);
        assert!(width(&t) <= cols, "{cols}: {t:?}");
    }
}

#[test]
fn rendered_lines_never_exceed_the_width() {
    let row: String = CASES.iter().map(|c| format!("{} ", c.0)).collect();
    let glued: String = CASES.iter().map(|c| c.0).collect::<String>().repeat(3);
    let md = format!(
        "# {row}\n\n{row}中文混排 {row}\n\n{glued}\n\n- {row}\n\n> {glued}\n\n\
         | a | b |\n|---|---|\n| {row} | ❤️ 👍🏽 |\n| 1️⃣ | {glued} |\n\n`{row}`\n"
    );
    let theme = Theme::default();
    for cols in [40, 17, 9] {
        let opts = Options {
            width: cols,
            theme: &theme,
            lang: "zh",
            base_url: None,
        };
        let article = render(&md, &opts);
        let mut seen = String::new();
        for line in &article.lines {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(width(&text) <= cols, "wider than {cols}: {text:?}");
            seen.push_str(&text);
        }
        if cols == 40 {
            for &(s, _, _) in CASES {
                assert!(seen.contains(s), "{s:?} lost at {cols}");
            }
        }
    }
}

/// The wrapper cuts long runs between clusters, never inside one.
#[test]
fn wrapping_never_splits_a_cluster() {
    use unicode_segmentation::UnicodeSegmentation;
    let run = "1️⃣2️⃣3️⃣👨‍👩‍👧❤️👍🏽🇨🇳ｶﾞ";
    let clusters: Vec<&str> = run.graphemes(true).collect();
    for width in 2..=12 {
        let spans = [ratatui::text::Span::raw(run)];
        for l in tidings::markdown::wrap_spans(&spans, width) {
            let line: String = l.iter().map(|s| s.content.as_ref()).collect();
            let line = line.as_str();
            assert!(tidings::text::width(line) <= width, "{line:?} at {width}");
            // Each line is a whole number of the run's clusters.
            let got: Vec<&str> = line.graphemes(true).collect();
            assert!(
                clusters.windows(got.len()).any(|w| w == got.as_slice()),
                "{line:?} at {width} splits a cluster"
            );
        }
    }
}
