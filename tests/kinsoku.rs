//! Kinsoku after long unbreakable runs: Chinese text with a URL, a long
//! English word or a path in it, wrapped at every width from 20 to 120,
//! both by the wrapper alone and through the whole renderer.

use ratatui::text::{Line, Span};
use tidings::markdown::{Options, Theme, render, wrap_spans};
use tidings::text::width;

const FIXTURES: &[&str] = &[
    "详细说明请参阅https://docs.example.org/zh/releases/2024/notes/upgrade-guide-for-operators.html，其中包括升级步骤、回滚方案以及常见问题。",
    "这个函数名叫做averyveryverylongidentifierwithoutanybreaksatallanywhere，它在所有版本中都存在；调用前请先检查返回值：是否为空？",
    "配置文件位于/etc/tidings/conf.d/99-local-overrides-for-this-machine.toml，修改后需要重启服务（或者发送信号）。",
    "他说“请看https://example.org/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u”，然后离开了。",
    "参见【https://example.com/some/really/long/path/to/a/document/index.html】。再见「Supercalifragilisticexpialidocious-and-then-some」！",
    "路径《/home/someone/.local/share/tidings/state/marks-version-two.json》：注意大小写、空格与权限。",
    "链接（https://example.net/一个/中文/路径/里面/还有/很多/很多/很多/很多/层级/目录）后面还有文字。",
];

const CLOSING: &str = "，。、；：？！）」』】》〉”’";
const OPENING: &str = "（「『【《〈“‘";

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every rule a wrapped paragraph must keep, with the lines in the message.
fn check(source: &str, lines: &[String], w: usize) {
    rules(lines, w);
    assert_eq!(squeeze(&lines.concat()), squeeze(source), "width {w}");
}

fn rules(lines: &[String], w: usize) {
    for (i, line) in lines.iter().enumerate() {
        assert!(width(line) <= w, "width {w}: line {i} too wide: {lines:#?}");
        let text = line.trim();
        let only_closing = text.chars().all(|c| CLOSING.contains(c));
        assert!(
            only_closing || !text.starts_with(|c| CLOSING.contains(c)),
            "width {w}: line {i} starts with closing punctuation: {lines:#?}"
        );
        assert!(
            !text.ends_with(|c| OPENING.contains(c)),
            "width {w}: line {i} ends with an opening bracket: {lines:#?}"
        );
    }
}

fn texts(lines: &[Vec<Span<'static>>]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn line_text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[test]
fn the_wrapper_keeps_kinsoku_after_long_runs() {
    for source in FIXTURES {
        for w in 20..=120 {
            let lines = texts(&wrap_spans(&[Span::raw(source.to_string())], w));
            check(source, &lines, w);
        }
    }
}

#[test]
fn the_renderer_keeps_kinsoku_after_long_runs() {
    let theme = Theme::default();
    for source in FIXTURES {
        // Code spans and emphasis split the run into styled spans; the
        // break rules must not depend on where the spans meet.
        let styled = if let Some(at) = source.find("https://") {
            let end = at + source[at..].find(|c: char| !c.is_ascii_graphic()).unwrap();
            format!("{}`{}`{}", &source[..at], &source[at..end], &source[end..])
        } else {
            let (head, tail) = source.split_at(source.char_indices().nth(2).unwrap().0);
            format!("**{head}**{tail}")
        };
        for text in [source.to_string(), styled] {
            for w in 20..=120 {
                let opts = Options {
                    width: w,
                    theme: &theme,
                    lang: "zh",
                    base_url: None,
                };
                let art = render(&text, &opts);
                // The body: up to the rule over the list of links.
                let lines: Vec<String> = art
                    .lines
                    .iter()
                    .map(line_text)
                    .take_while(|l| !l.starts_with('─'))
                    .filter(|l| !l.is_empty())
                    .collect();
                rules(&lines, w);
                let shown = lines.concat().replace("[1]", "");
                assert_eq!(
                    squeeze(&shown),
                    squeeze(&text.replace(['`', '*'], "")),
                    "width {w}"
                );
            }
        }
    }
}

/// The case from the issue: at 40 to 48 columns, the `，` after a run too
/// wide for a line was left to open the next line by itself.
#[test]
fn the_comma_after_a_long_run_stays_with_it() {
    for sep in ["，", "。", "）", "」", "：", "？", "’"] {
        for w in 40..=48 {
            // A run exactly as wide as the line, or twice: cut by width
            // alone, the mark after it would be all the next line holds.
            let run = "abcdefghijklmnopqrstuvwxyz".repeat(4)[..w * (1 + w % 2)].to_owned();
            let source = format!("详见{run}{sep}其中包括升级步骤。");
            let lines = texts(&wrap_spans(&[Span::raw(source.clone())], w));
            let at = lines.iter().position(|l| l.contains(sep)).unwrap();
            assert!(
                lines[at].starts_with(|c: char| c.is_ascii_alphabetic()),
                "width {w}: the end of the run goes down with {sep}: {lines:#?}"
            );
            assert_eq!(lines.concat(), source);
        }
    }
}

#[test]
fn a_line_of_nothing_but_closing_punctuation_may_start_with_it() {
    let source = "，".repeat(30);
    let lines = texts(&wrap_spans(&[Span::raw(source.clone())], 20));
    assert_eq!(lines.concat(), source);
    assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
}
