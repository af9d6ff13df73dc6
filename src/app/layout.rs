//! Where each pane goes for a terminal size. Pure, shared by `update` (page
//! sizes, mouse hit-testing) and drawing.

use std::ops::Range;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::{Focus, Rendered};

/// Below this width one pane shows at a time.
pub const NARROW: u16 = 80;
/// The list pane is never narrower than this when both panes show.
pub const MIN_LIST: u16 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// `None` when the pane is hidden (narrow terminals, or zoomed).
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    pub status: Rect,
}

/// `zoom` (the `z` key) shows one pane at a time whatever the width, as
/// narrow terminals do: the article then has the whole width, which lets a
/// one-line scroll move the terminal's rows instead of redrawing them.
pub fn layout(width: u16, height: u16, focus: Focus, zoom: bool) -> Layout {
    let main_h = height.saturating_sub(1);
    let status = Rect::new(0, main_h, width, height.min(1));
    if width < NARROW || zoom {
        let full = Rect::new(0, 0, width, main_h);
        return match focus {
            Focus::List => Layout {
                list: Some(full),
                article: None,
                status,
            },
            Focus::Article => Layout {
                list: None,
                article: Some(full),
                status,
            },
        };
    }
    let list_w = (width / 3).max(MIN_LIST).min(width);
    Layout {
        list: Some(Rect::new(0, 0, list_w, main_h)),
        article: Some(Rect::new(list_w, 0, width - list_w, main_h)),
        status,
    }
}

/// The area inside a pane's border.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The article's text area: inside the border, one column of padding a side.
pub fn article_text(r: Rect) -> Rect {
    let i = inner(r);
    if i.width > 4 {
        Rect::new(i.x + 1, i.y, i.width - 2, i.height)
    } else {
        i
    }
}

/// What a frame shows of an article that spans the whole width, so that
/// the terminal can move its rows when it scrolls: the screen rows of its
/// text (inside the border: the top and bottom border must not move; the
/// side borders are the same on every row, so they may), the first line
/// shown and the rendering shown.
#[derive(Clone)]
pub struct Shown {
    pub rows: Range<u16>,
    pub scroll: usize,
    pub article: Arc<Rendered>,
}

/// How far the rows moved between two frames: `(rows, by)`, up by `by`
/// lines (down when negative). `None` when the rows or the rendering
/// changed, nothing moved, or the whole text did (then every row is new).
pub fn moved(before: &Shown, now: &Shown) -> Option<(Range<u16>, i32)> {
    if before.rows != now.rows || !Arc::ptr_eq(&before.article, &now.article) {
        return None;
    }
    let by = now.scroll as i64 - before.scroll as i64;
    let height = now.rows.len() as u64;
    (by != 0 && by.unsigned_abs() < height).then(|| (now.rows.clone(), by as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_both_panes() {
        let l = layout(120, 40, Focus::List, false);
        assert_eq!(l.list, Some(Rect::new(0, 0, 40, 39)));
        assert_eq!(l.article, Some(Rect::new(40, 0, 80, 39)));
        assert_eq!(l.status, Rect::new(0, 39, 120, 1));
        assert_eq!(layout(80, 24, Focus::List, false).list.unwrap().width, 28);
    }

    #[test]
    fn narrow_terminals_show_one_pane() {
        let l = layout(60, 20, Focus::Article, false);
        assert_eq!(l.list, None);
        assert_eq!(l.article, Some(Rect::new(0, 0, 60, 19)));
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_whole_width() {
        let l = layout(120, 40, Focus::Article, true);
        assert_eq!(l.list, None);
        assert_eq!(l.article, Some(Rect::new(0, 0, 120, 39)));
        let l = layout(120, 40, Focus::List, true);
        assert_eq!((l.list, l.article), (Some(Rect::new(0, 0, 120, 39)), None));
    }

    #[test]
    fn degenerate_sizes_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (20, 6), (3, 2)] {
            let l = layout(w, h, Focus::List, false);
            assert!(l.status.height <= h);
            let _ = inner(l.list.unwrap());
        }
    }
}
