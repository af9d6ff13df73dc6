//! The `?` overlay: one row per action of the list and article, made from
//! the keymap's table. When that many rows do not fit the height, the rows
//! go into two columns, and if those are too wide, the columns show the
//! actions' short names instead of their help lines. When even those do
//! not fit, or a filter narrows the rows, it is one column that scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line as TextLine;
use ratatui::widgets::{Block, Widget};

use super::overlay::{filter_line, narrowed_title, position};
use crate::app::keymap::{Context, HelpRow, Seq};
use crate::app::{App, Key, KeyCode};
use crate::text::{pad_with, truncate_with, width};

/// A row as drawn: keys, then what they do.
type Line = (String, &'static str);

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let all = app.help_list();
    let rows: Vec<&HelpRow> = app
        .overlay_rows()
        .iter()
        .filter_map(|&i| all.get(i))
        .collect();
    let arrows = &app.look.theme.symbols.arrows;
    // Keys the config bound for the list or article alone say so: they do
    // nothing in the other pane.
    let keys = |r: &HelpRow| -> String {
        let names: Vec<String> = r.keys.iter().map(|&s| seq_name(s, arrows)).collect();
        let names = names.join(" ");
        match r.context {
            Context::List => format!("{names} (list)"),
            Context::Article => format!("{names} (article)"),
            _ => names,
        }
    };
    let full: Vec<Line> = rows.iter().map(|r| (keys(r), r.help)).collect();
    let short: Vec<Line> = rows.iter().map(|r| (keys(r), r.name)).collect();
    let visible = (area.height as usize).saturating_sub(2).max(1);
    let fits = |cols: &[&[Line]]| {
        cols[0].len() as u16 + 2 <= area.height && total_width(cols) <= area.width as usize
    };
    let (a, b) = full.split_at(full.len().div_ceil(2));
    let (sa, sb) = short.split_at(short.len().div_ceil(2));
    let layouts: [Vec<&[Line]>; 3] = [vec![&full], vec![a, b], vec![sa, sb]];
    // Narrowed rows stay in one column, so they do not jump between two.
    let narrowed = !app.overlay_view.filter.is_empty();
    let fitting = layouts
        .iter()
        .find(|c| fits(c) && (!narrowed || c.len() == 1));
    // Too small for any: one column that scrolls, short if it must be.
    let (cols, top) = match fitting {
        Some(cols) => (cols.clone(), 0),
        None => {
            let top = app.overlay.min(full.len().saturating_sub(visible));
            let one: &[Line] = if total_width(&[&full]) <= area.width as usize {
                &full
            } else {
                &short
            };
            (vec![one], top)
        }
    };
    let cols = &cols;
    let sep = app.look.theme.symbols.separator;
    // Narrowed, the count matters more than the hints (and 40 columns
    // have room for one or the other).
    let title = if narrowed {
        " Keys ".to_owned()
    } else {
        format!(" Keys{sep}/ narrows{sep}q closes ")
    };
    let title = narrowed_title(title, rows.len(), all.len(), app);
    let filter = filter_line(app);
    let least = width(&title).max(width(&filter)) + 2;
    let w = (total_width(cols).max(least) as u16).min(area.width);
    let h = (cols[0].len() as u16 + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    super::clear_overlay(r, buf);
    let mut block = Block::bordered()
        .title(title)
        .title_bottom(filter)
        .border_set(app.look.theme.symbols.border)
        .border_style(app.look.theme.overlay);
    if let Some(at) = position(top, visible, cols[0].len(), app) {
        block = block.title_bottom(TextLine::from(at).right_aligned());
    }
    let inner = block.inner(r);
    block.render(r, buf);
    let mut x = inner.x;
    for col in cols {
        let iw = inner.right().saturating_sub(x) as usize;
        let key_w = col.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
        let rows = col.iter().skip(top).take(inner.height as usize);
        for (i, (keys, what)) in rows.enumerate() {
            let y = inner.y + i as u16;
            let text = format!(
                " {}  {what}",
                pad_with(keys, key_w, app.look.theme.symbols.ellipsis)
            );
            buf.set_stringn(
                x,
                y,
                truncate_with(&text, iw, app.look.theme.symbols.ellipsis),
                iw,
                ratatui::style::Style::new(),
            );
            let keys = truncate_with(
                &format!(
                    " {}",
                    pad_with(keys, key_w, app.look.theme.symbols.ellipsis)
                ),
                iw,
                app.look.theme.symbols.ellipsis,
            );
            buf.set_stringn(x, y, keys, iw, app.look.theme.help_key);
        }
        x = x.saturating_add((col_width(col) + GAP) as u16);
    }
}

/// Extra spaces between columns, so a long line does not run into the next
/// column's keys.
const GAP: usize = 2;

/// Leading space, keys, two spaces, text. The whole overlay adds its border,
/// a trailing space and the gaps.
fn col_width(col: &[Line]) -> usize {
    let key_w = col.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let what_w = col.iter().map(|(_, w)| width(w)).max().unwrap_or(0);
    1 + key_w + 2 + what_w
}

fn total_width(cols: &[&[Line]]) -> usize {
    cols.iter().map(|c| col_width(c)).sum::<usize>() + 3 + GAP * (cols.len() - 1)
}

/// Arrows as the theme's symbols name them (↓ ↑ ← →, or words in ASCII).
fn key_name(key: Key, arrows: &[&str; 4]) -> String {
    let arrow = match key.code {
        KeyCode::Down => arrows[0],
        KeyCode::Up => arrows[1],
        KeyCode::Left => arrows[2],
        KeyCode::Right => arrows[3],
        _ => return key.to_string(),
    };
    if key.ctrl || key.alt {
        key.to_string()
    } else {
        arrow.to_string()
    }
}

fn seq_name(seq: Seq, arrows: &[&str; 4]) -> String {
    match seq.then {
        Some(then) => format!("{} {}", key_name(seq.first, arrows), key_name(then, arrows)),
        None => key_name(seq.first, arrows),
    }
}
