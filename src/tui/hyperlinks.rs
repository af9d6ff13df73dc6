//! OSC 8 hyperlinks: whether the terminal is known to support them (for
//! `--osc8 auto`; unknown terminals get none, as a terminal that does not
//! understand OSC 8 may print it as garbage), and which cells of a frame
//! are links.

use std::rc::Rc;

use ratatui::layout::Rect;

use crate::app::{App, Mode, layout};

/// Cells `x..x + width` of row `y` are a hyperlink to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRun {
    pub y: u16,
    pub x: u16,
    pub width: u16,
    pub url: Rc<str>,
}

/// The backend's view of hyperlinks: the next frame's, cell by cell, and
/// the ones on the terminal (ratatui diffs only content, so a cell whose
/// link alone changes must be found here).
#[derive(Debug, Default)]
pub struct Grid {
    runs: Vec<LinkRun>,
    cols: u16,
    rows: u16,
    /// The next frame's URLs, and per cell an index into them plus one
    /// (0: no link); empty when there are none.
    urls: Vec<Rc<str>>,
    links: Vec<u32>,
    /// The hyperlink on the terminal at each cell.
    shown: Vec<Option<Rc<str>>>,
}

impl Grid {
    pub fn set(&mut self, runs: Vec<LinkRun>) {
        self.runs = runs;
    }

    /// A new screen size: nothing on it is known to be a link.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.cols = cols;
        self.rows = rows;
        self.shown = vec![None; cols as usize * rows as usize];
    }

    /// Lays the runs out cell by cell for the next frame.
    pub fn place(&mut self) {
        self.urls.clear();
        self.links.clear();
        if self.runs.is_empty() {
            return;
        }
        self.links
            .resize(self.cols as usize * self.rows as usize, 0);
        for run in &self.runs {
            if run.y >= self.rows {
                continue;
            }
            let n = match self.urls.iter().position(|u| *u == run.url) {
                Some(i) => i + 1,
                None => {
                    self.urls.push(run.url.clone());
                    self.urls.len()
                }
            };
            let row = run.y as usize * self.cols as usize;
            let end = run.x.saturating_add(run.width).min(self.cols);
            for x in run.x.min(end)..end {
                self.links[row + x as usize] = n as u32;
            }
        }
    }

    /// The link cell `(x, y)` gets in the next frame (0: none).
    pub fn at(&self, x: u16, y: u16) -> u32 {
        let i = y as usize * self.cols as usize + x as usize;
        self.links.get(i).copied().unwrap_or(0)
    }

    pub fn url(&self, link: u32) -> Option<&str> {
        let i = (link as usize).checked_sub(1)?;
        self.urls.get(i).map(|u| &**u)
    }

    /// Cells `x..x + width` of row `y` were written with the next frame's
    /// link.
    pub fn record(&mut self, x: u16, y: u16, width: u16) {
        let link = self.at(x, y) as usize;
        let url = link.checked_sub(1).and_then(|n| self.urls.get(n).cloned());
        let i = y as usize * self.cols as usize + x as usize;
        for cell in self.shown.iter_mut().skip(i).take(width as usize) {
            cell.clone_from(&url);
        }
    }

    /// The screen's rows moved as [`super::backend::shift_rows`] does.
    pub fn shift_rows(&mut self, rows: std::ops::Range<usize>, by: i32) {
        let cols = self.cols as usize;
        super::backend::shift_rows(&mut self.shown, cols, rows, by, None);
    }

    /// The cells whose link in the next frame differs from the terminal's.
    pub fn changed(&self) -> impl Iterator<Item = usize> + '_ {
        self.shown.iter().enumerate().filter_map(|(i, shown)| {
            let next = self.url(self.links.get(i).copied().unwrap_or(0));
            (shown.as_deref() != next).then_some(i)
        })
    }
}

/// The screen cells of the article's links that show in a frame of `area`,
/// for links whose URL passes `safe`. None while an overlay is open: it
/// covers the article, and its cells are not links.
pub fn runs(app: &App, area: Rect, safe: impl Fn(&str) -> bool) -> Vec<LinkRun> {
    let mut out = Vec::new();
    if matches!(app.mode, Mode::Help | Mode::Links(_) | Mode::Outline) {
        return out;
    }
    let (Some(pane), Some(article)) = (app.layout().article, app.article()) else {
        return out;
    };
    let text = layout::article_text(pane.intersection(area));
    let urls: Vec<Option<Rc<str>>> = article
        .links
        .iter()
        .map(|l| safe(&l.url).then(|| Rc::from(l.url.as_str())))
        .collect();
    let rows = app.scroll..app.scroll + text.height as usize;
    let from = article.link_spans.partition_point(|s| s.line < rows.start);
    for span in &article.link_spans[from..] {
        if span.line >= rows.end {
            break;
        }
        let Some(Some(url)) = span.link.checked_sub(1).and_then(|i| urls.get(i)) else {
            continue;
        };
        let start = span.start.min(text.width as usize) as u16;
        let end = span.end.min(text.width as usize) as u16;
        if start < end {
            out.push(LinkRun {
                y: text.y + (span.line - rows.start) as u16,
                x: text.x + start,
                width: end - start,
                url: url.clone(),
            });
        }
    }
    out
}

/// Decides from environment variables (`var` looks one up).
pub fn supported(var: impl Fn(&str) -> Option<String>) -> bool {
    let get = |k: &str| var(k).filter(|v| !v.is_empty());
    let term = get("TERM").unwrap_or_default();
    // Multiplexers first: they decide what reaches the outer terminal.
    if get("TMUX").is_some() {
        // tmux forwards hyperlinks from 3.4 on; older ones mangle them.
        return get("TERM_PROGRAM").as_deref() == Some("tmux")
            && get("TERM_PROGRAM_VERSION").is_some_and(|v| version_at_least(&v, 3, 4));
    }
    if get("STY").is_some() || term.starts_with("screen") {
        return false;
    }
    if matches!(term.as_str(), "linux" | "vt100" | "vt220" | "dumb" | "") {
        return false;
    }
    let known_programs = [
        "iTerm.app",
        "WezTerm",
        "vscode",
        "ghostty",
        "Hyper",
        "Tabby",
        "rio",
    ];
    get("TERM_PROGRAM").is_some_and(|p| known_programs.contains(&p.as_str()))
        || get("WT_SESSION").is_some()
        || get("KITTY_WINDOW_ID").is_some()
        || get("KONSOLE_VERSION").is_some()
        || get("VTE_VERSION").is_some_and(|v| v.parse::<u32>().is_ok_and(|n| n >= 5000))
        || ["kitty", "foot", "alacritty", "wezterm", "ghostty"]
            .iter()
            .any(|t| term.contains(t))
}

fn version_at_least(v: &str, major: u32, minor: u32) -> bool {
    let mut parts = v
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let a: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let b: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (a, b) >= (major, minor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_the_link_texts_on_screen() {
        use crate::app::{Action, Look};
        use ratatui::buffer::Buffer;
        use ratatui::widgets::Widget;
        let look = Look {
            theme: crate::markdown::Theme::default(),
            base_url: None,
        };
        let mut app = App::new(crate::content::load_builtin(), look, 120, 40);
        app.update(Action::Open);
        let area = Rect::new(0, 0, 120, 40);
        let shown_runs = runs(&app, area, |_| true);
        assert!(!shown_runs.is_empty());
        let mut buf = Buffer::empty(area);
        (&app).render(area, &mut buf);
        let article = app.article().unwrap();
        for run in &shown_runs {
            let shown: String = (run.x..run.x + run.width)
                .map(|x| buf[(x, run.y)].symbol())
                .collect();
            let link = article.links.iter().find(|l| *l.url == *run.url).unwrap();
            let number = format!("[{}]", link.number);
            assert!(
                shown.ends_with(&number) || link.url.starts_with(shown.trim()),
                "{shown:?} for {}",
                link.url
            );
        }
        assert!(runs(&app, area, |_| false).is_empty(), "unsafe URLs");
        app.update(Action::Help);
        assert!(runs(&app, area, |_| true).is_empty(), "under an overlay");
    }

    fn with(pairs: &[(&str, &str)]) -> bool {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        supported(|k| owned.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn known_terminals() {
        assert!(with(&[
            ("TERM", "xterm-256color"),
            ("TERM_PROGRAM", "WezTerm")
        ]));
        assert!(with(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7200")]));
        assert!(with(&[("TERM", "xterm-kitty")]));
        assert!(!with(&[("TERM", "xterm-256color")]), "unknown: off");
        assert!(!with(&[("TERM", "linux"), ("VTE_VERSION", "7200")]));
    }

    #[test]
    fn tmux_only_from_3_4_and_never_screen() {
        let tmux = |v: &'static str| {
            with(&[
                ("TERM", "tmux-256color"),
                ("TMUX", "/tmp/t,1,0"),
                ("TERM_PROGRAM", "tmux"),
                ("TERM_PROGRAM_VERSION", v),
            ])
        };
        assert!(!tmux("3.3a"));
        assert!(tmux("3.4"));
        assert!(tmux("3.5a"));
        assert!(!with(&[
            ("TERM", "screen-256color"),
            ("STY", "1.pts"),
            ("VTE_VERSION", "7200")
        ]));
    }
}
