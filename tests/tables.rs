//! HTML `<table>`s in posts, laid out like GFM tables: exact lines and
//! styles, spans, sloppy tags, and the width promise at every width.

use ratatui::style::Style;
use ratatui::text::Line;
use tidings::markdown::{Article, LinkKind, Options, Theme, render};
use tidings::text::width;

fn article(md: &str, width: usize) -> Article {
    render(
        md,
        &Options {
            width,
            theme: &Theme::default(),
            lang: "en",
            base_url: None,
        },
    )
}

fn text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn lines(md: &str, width: usize) -> Vec<String> {
    article(md, width).lines.iter().map(text).collect()
}

/// The style of the first span whose text is exactly `content`, without
/// the link number styles carry.
fn style_of(a: &Article, content: &str) -> Style {
    let s = a
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.content == content)
        .unwrap_or_else(|| panic!("no span {content:?} in {:#?}", a.lines))
        .style;
    Style {
        underline_color: None,
        ..s
    }
}

const SIMPLE: &str = "<table>
  <thead>
    <tr><th>Name</th><th>Stars</th></tr>
  </thead>
  <tbody>
    <tr><td>tidings</td><td align=\"RIGHT\">42</td></tr>
    <tr><td>kestrel</td><td style=\"color: red; text-align: right\">7</td></tr>
  </tbody>
</table>";

#[test]
fn simple_table_with_thead_and_aligned_cells() {
    assert_eq!(
        lines(SIMPLE, 60),
        [
            "┌─────────┬───────┐",
            "│ Name    │ Stars │",
            "├─────────┼───────┤",
            "│ tidings │    42 │",
            "│ kestrel │     7 │",
            "└─────────┴───────┘",
        ]
    );
    let a = article(SIMPLE, 60);
    let theme = Theme::default();
    assert_eq!(style_of(&a, "Name"), theme.table_header);
    assert_eq!(style_of(&a, "tidings"), Style::new());
    assert_eq!(a.lines[0].spans[0].style, theme.table_border);
}

#[test]
fn text_around_the_table_stays_apart() {
    let md = format!("Before.\n\n<div>\n{SIMPLE}\n</div>\n\nAfter.");
    let l = lines(&md, 60);
    assert_eq!(l[..3], ["Before.", "", "┌─────────┬───────┐"]);
    assert_eq!(l[l.len() - 3..], ["└─────────┴───────┘", "", "After."]);
}

#[test]
fn colspan_takes_the_combined_width() {
    let md = "<table>
<tr><th colspan=2>Release 3.0</th></tr>
<tr><td>Date</td><td>2024-06-03</td></tr>
<tr><td colspan=\"2\">Long-term support</td></tr>
</table>";
    assert_eq!(
        lines(md, 40),
        [
            "┌───────────────────┐",
            "│ Release 3.0       │",
            "├──────┬────────────┤",
            "│ Date │ 2024-06-03 │",
            "├──────┴────────────┤",
            "│ Long-term support │",
            "└───────────────────┘",
        ]
    );
}

#[test]
fn rowspan_leaves_the_cell_below_empty() {
    let md = "<table>
<tr><th>SIG</th><th>Member</th></tr>
<tr><td rowspan=\"2\">Infra</td><td>Ada</td></tr>
<tr><td>Lin</td></tr>
<tr><td>Docs</td><td>Kim</td></tr>
</table>";
    assert_eq!(
        lines(md, 40),
        [
            "┌───────┬────────┐",
            "│ SIG   │ Member │",
            "├───────┼────────┤",
            "│ Infra │ Ada    │",
            "│       ├────────┤",
            "│       │ Lin    │",
            "├───────┼────────┤",
            "│ Docs  │ Kim    │",
            "└───────┴────────┘",
        ]
    );
}

#[test]
fn br_breaks_the_line_inside_a_cell() {
    let md = "<table>
<tr><th>Step</th><th>Command</th></tr>
<tr><td>Build</td><td>make<br>make install<BR/>make check</td></tr>
</table>";
    assert_eq!(
        lines(md, 40),
        [
            "┌───────┬──────────────┐",
            "│ Step  │ Command      │",
            "├───────┼──────────────┤",
            "│ Build │ make         │",
            "│       │ make install │",
            "│       │ make check   │",
            "└───────┴──────────────┘",
        ]
    );
}

const CJK: &str = "<table>
<tr><th>名称</th><th>说明</th></tr>
<tr><td>工具链</td><td>负责编译器与构建系统的维护并定期发布新版本以及相关的迁移指南</td></tr>
<tr><td>文档</td><td>中文与英文文档</td></tr>
</table>";

#[test]
fn cjk_cells_at_40_60_and_100() {
    assert_eq!(
        lines(CJK, 40),
        [
            "┌────────┬─────────────────────────────┐",
            "│ 名称   │ 说明                        │",
            "├────────┼─────────────────────────────┤",
            "│ 工具链 │ 负责编译器与构建系统的维护  │",
            "│        │ 并定期发布新版本以及相关的  │",
            "│        │ 迁移指南                    │",
            "│ 文档   │ 中文与英文文档              │",
            "└────────┴─────────────────────────────┘",
        ]
    );
    assert_eq!(
        lines(CJK, 60),
        [
            "┌────────┬─────────────────────────────────────────────────┐",
            "│ 名称   │ 说明                                            │",
            "├────────┼─────────────────────────────────────────────────┤",
            "│ 工具链 │ 负责编译器与构建系统的维护并定期发布新版本以及  │",
            "│        │ 相关的迁移指南                                  │",
            "│ 文档   │ 中文与英文文档                                  │",
            "└────────┴─────────────────────────────────────────────────┘",
        ]
    );
    assert_eq!(
        lines(CJK, 100),
        [
            "┌────────┬──────────────────────────────────────────────────────────────┐",
            "│ 名称   │ 说明                                                         │",
            "├────────┼──────────────────────────────────────────────────────────────┤",
            "│ 工具链 │ 负责编译器与构建系统的维护并定期发布新版本以及相关的迁移指南 │",
            "│ 文档   │ 中文与英文文档                                               │",
            "└────────┴──────────────────────────────────────────────────────────────┘",
        ]
    );
}

const WIDE: &str = "<table>
<thead><tr><th>项目 Project</th><th>状态</th><th>说明 Notes</th><th>负责人</th></tr></thead>
<tr><td>openGauss 数据库内核</td><td colspan=1>进行中</td>
<td>优化器重写，预计在下一个版本中合入主干并提供兼容开关</td><td>张三 Zhang San</td></tr>
<tr><td rowspan=2>文档站点 docs.example.org</td><td colspan=2>已完成：中英文双语版本均已上线，欢迎反馈</td><td>李四</td></tr>
<tr><td>计划中</td><td>Translation of the reference manual into English</td><td>王五 Wang</td></tr>
</table>";

/// How many times each wide character shows in `s`.
fn wide_counts(s: &str) -> std::collections::HashMap<char, usize> {
    let mut m = std::collections::HashMap::new();
    for c in s.chars().filter(|c| width(&c.to_string()) == 2) {
        *m.entry(c).or_default() += 1;
    }
    m
}

#[test]
fn a_wide_table_fits_every_width_and_splits_no_wide_char() {
    let cells: String = WIDE
        .split('<')
        .map(|p| p.split_once('>').map_or(p, |x| x.1))
        .collect();
    for cols in 20..=120 {
        let l = lines(WIDE, cols);
        for line in &l {
            assert!(width(line) <= cols, "@{cols}: {line}");
            assert!(!line.contains(['\u{fffd}', '<']), "@{cols}: {line}");
        }
        // A wide character cut in two would be lost: every one is still
        // there (stacked rows repeat the header's).
        let got = wide_counts(&l.concat());
        for (c, n) in wide_counts(&cells) {
            assert!(
                got.get(&c).copied().unwrap_or(0) >= n,
                "@{cols}: {c} in {l:#?}"
            );
        }
        // A grid is drawn whole: every line of it as wide as its border.
        if l[0].starts_with('┌') {
            assert!(
                l.iter().all(|x| width(x) == width(&l[0])),
                "@{cols}: {l:#?}"
            );
        }
    }
}

#[test]
fn a_wide_table_wraps_cells_then_stacks() {
    assert_eq!(
        lines(WIDE, 60),
        [
            "┌────────────────────┬────────┬──────────────────┬─────────┐",
            "│ 项目 Project       │ 状态   │ 说明 Notes       │ 负责人  │",
            "├────────────────────┼────────┼──────────────────┼─────────┤",
            "│ openGauss 数据库内 │ 进行中 │ 优化器重写，预计 │ 张三    │",
            "│ 核                 │        │ 在下一个版本中合 │ Zhang   │",
            "│                    │        │ 入主干并提供兼容 │ San     │",
            "│                    │        │ 开关             │         │",
            "├────────────────────┼────────┴──────────────────┼─────────┤",
            "│ 文档站点           │ 已完成：中英文双语版本均  │ 李四    │",
            "│ docs.example.org   │ 已上线，欢迎反馈          │         │",
            "│                    ├────────┬──────────────────┼─────────┤",
            "│                    │ 计划中 │ Translation of   │ 王五    │",
            "│                    │        │ the reference    │ Wang    │",
            "│                    │        │ manual into      │         │",
            "│                    │        │ English          │         │",
            "└────────────────────┴────────┴──────────────────┴─────────┘",
        ]
    );
    assert_eq!(
        lines(WIDE, 24),
        [
            "项目 Project: openGauss",
            "数据库内核",
            "状态: 进行中",
            "说明 Notes: 优化器重写，",
            "预计在下一个版本中合入主",
            "干并提供兼容开关",
            "负责人: 张三 Zhang San",
            "",
            "项目 Project: 文档站点",
            "docs.example.org",
            "状态: 已完成：中英文双语",
            "版本均已上线，欢迎反馈",
            "负责人: 李四",
            "",
            "状态: 计划中",
            "说明 Notes: Translation",
            "of the reference manual",
            "into English",
            "负责人: 王五 Wang",
        ]
    );
}

#[test]
fn links_and_images_in_cells_are_numbered_and_listed() {
    let md = "<table>
<tr><th>Project</th><th>Logo</th></tr>
<tr><td><a href=\"https://kestrel.example.org/\">Kestrel</a></td><td><img src=\"/img/kestrel.png\"></td></tr>
</table>";
    let a = article(md, 60);
    let l: Vec<String> = a.lines.iter().map(text).collect();
    assert_eq!(
        l[..5],
        [
            "┌────────────┬─────────────────────────┐",
            "│ Project    │ Logo                    │",
            "├────────────┼─────────────────────────┤",
            "│ Kestrel[1] │ [image: kestrel.png][2] │",
            "└────────────┴─────────────────────────┘",
        ]
    );
    assert_eq!(a.links.len(), 2);
    assert_eq!(a.links[0].url, "https://kestrel.example.org/");
    assert_eq!(a.links[1].kind, LinkKind::Image);
    // The link covers "Kestrel[1]" on line 3, from column 2.
    let span = a.link_spans.iter().find(|s| s.line == 3 && s.link == 1);
    assert_eq!(
        span.map(|s| (s.start, s.end)),
        Some((2, 12)),
        "{:?}",
        a.link_spans
    );
    let img = a.link_spans.iter().find(|s| s.line == 3 && s.link == 2);
    assert_eq!(
        img.map(|s| (s.start, s.end)),
        Some((15, 38)),
        "{:?}",
        a.link_spans
    );
    assert!(
        l.iter().any(|x| x == "[1] https://kestrel.example.org/"),
        "{l:#?}"
    );
}

#[test]
fn sloppy_html_unclosed_cells_and_uppercase_tags() {
    let md = "<CENTER>
<Table Border=\"1\">
<TR><TH>Key
<TH>Value
<tr>
<TD>alpha<td><B>one
<tr><td>beta
<td>two
</table>
</CENTER>";
    assert_eq!(
        lines(md, 40),
        [
            "┌───────┬───────┐",
            "│ Key   │ Value │",
            "├───────┼───────┤",
            "│ alpha │ one   │",
            "│ beta  │ two   │",
            "└───────┴───────┘",
        ]
    );
    // The unclosed <b> ends with its cell.
    let a = article(md, 40);
    assert_eq!(style_of(&a, "two"), Style::new());
    assert_eq!(style_of(&a, "one"), Theme::default().strong);
}

#[test]
fn bilingual_table_snapshot() {
    let md = "发布计划 Release plan:

<div align=\"center\">
<table>
<caption>openGauss 6.0 路线图 Roadmap</caption>
<thead>
<tr><th>阶段 Stage</th><th>时间 Date</th><th>内容 Content</th></tr>
</thead>
<tbody>
<tr><td rowspan=\"2\"><b>预览版</b> Preview</td><td>2024-03</td><td>向量化执行引擎，支持 <code>SIMD</code> 加速</td></tr>
<tr><td>2024-05</td><td>Online DDL for partitioned tables<br>分区表在线变更</td></tr>
<tr><td>正式版 GA</td><td colspan=\"2\">详见 <a href=\"https://docs.example.org/zh/6.0\">发布说明</a> / see the release notes</td></tr>
</tbody>
<tfoot><tr><td colspan=3>数据截至 Data as of 2024-06 <img src=\"/img/legend.png\" alt=\"图例\"></td></tr></tfoot>
</table>
</div>";
    let out: Vec<String> = lines(md, 80);
    insta::assert_snapshot!("bilingual_80", out.join("\n"));
}

#[test]
fn blank_lines_inside_a_table_keep_it_whole() {
    let md = "<table>\n<tr>\n<td>a</td>\n\n<td>b</td>\n</tr>\n\n<tr><td>c</td><td>d</td></tr>\n</table>\n\nAfter";
    assert_eq!(
        lines(md, 40),
        [
            "┌───┬───┐",
            "│ a │ b │",
            "│ c │ d │",
            "└───┴───┘",
            "",
            "After"
        ]
    );
}

#[test]
fn hostile_spans_stay_cheap_and_inside_the_width() {
    let row = "<td colspan=100000 rowspan=65534>格子 cell</td>".repeat(40);
    let md = format!("<table>{}</table>", format!("<tr>{row}\n").repeat(400));
    let started = std::time::Instant::now();
    let l = lines(&md, 80);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert!(l.iter().all(|x| width(x) <= 80));
    assert_eq!(
        l.iter().filter(|x| x.contains("格子 cell")).count(),
        40 * 400
    );
}

#[test]
fn text_in_the_same_html_block_is_set_apart_and_a_caption_is_not() {
    let md = "<div>\n<p>Intro text</p>\n<table><caption>Plan 计划</caption><tr><td>a</td></tr></table>\n<p>Note after</p>\n</div>";
    assert_eq!(
        lines(md, 40),
        [
            "Intro text",
            "",
            "Plan 计划",
            "┌───┐",
            "│ a │",
            "└───┘",
            "",
            "Note after"
        ]
    );
}
