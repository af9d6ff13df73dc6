//! Bytes and time per keystroke at 120x40, through the real crossterm
//! backend writing into memory: what a slow ssh link would carry.
//!
//! "full repaint of the article pane" is the bytes to draw the pane from
//! blank, measured as the difference between a full first frame and one
//! with the article pane empty.

mod support;

use std::io::Write;
use std::time::Instant;

use ratatui::Terminal;
use tidings::app::{Action, App, Look};
use tidings::content::{self, Library};
use tidings::markdown::Theme;
use tidings::tui::Backend;

#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn app(lib: Library) -> App {
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    App::new(lib, look, 120, 40)
}

fn term(sink: &Sink) -> Terminal<Backend<Sink>> {
    Terminal::new(Backend::new(sink.clone(), Some((120, 40)))).unwrap()
}

/// Bytes written by one draw after `action`, and the time for both.
fn step(
    t: &mut Terminal<Backend<Sink>>,
    sink: &Sink,
    app: &mut App,
    action: Action,
) -> (usize, f64) {
    sink.0.borrow_mut().clear();
    let start = Instant::now();
    app.update(action);
    t.draw(|f| f.render_widget(&*app, f.area())).unwrap();
    (sink.0.borrow().len(), start.elapsed().as_secs_f64() * 1e3)
}

fn report(name: &str, lib: Library, post_id: Option<&str>) {
    let mut a = app(lib);
    if let Some(id) = post_id {
        let i = a.lib.posts.iter().position(|p| p.id == id).unwrap();
        for _ in 0..i {
            a.update(Action::Down);
        }
    }
    a.update(Action::Open);
    a.update(Action::PageDown);
    let sink = Sink::default();
    let mut t = term(&sink);
    // A full repaint of the article pane: every cell of it rewritten. Draw
    // the screen with the pane filled with a character found nowhere else,
    // then the real screen, and count the bytes of that second draw.
    t.draw(|f| {
        f.render_widget(&a, f.area());
        fill_article(&a, f.buffer_mut());
    })
    .unwrap();
    sink.0.borrow_mut().clear();
    t.draw(|f| f.render_widget(&a, f.area())).unwrap();
    let pane = sink.0.borrow().len();
    let (line_b, line_ms) = step(&mut t, &sink, &mut a, Action::Down);
    let (page_b, page_ms) = step(&mut t, &sink, &mut a, Action::PageDown);
    a.update(Action::Back);
    t.draw(|f| f.render_widget(&a, f.area())).unwrap();
    let (j_b, j_ms) = step(&mut t, &sink, &mut a, Action::Down);
    println!("{name}:");
    println!("  full repaint of the article pane {pane} B");
    println!("  one-line article scroll {line_b} B, {line_ms:.2} ms");
    println!("  one-page article scroll {page_b} B, {page_ms:.2} ms");
    println!("  j in the list (new article) {j_b} B, {j_ms:.2} ms");
}

fn fill_article(a: &App, buf: &mut ratatui::buffer::Buffer) {
    if let Some(r) = a.layout().article {
        let inner = tidings::app::layout::inner(r);
        for y in inner.top()..inner.bottom() {
            for x in inner.left()..inner.right() {
                buf[(x, y)].set_symbol("\u{2592}");
            }
        }
    }
}

fn main() {
    report(
        "built-in, Chinese report",
        content::load_builtin(),
        Some("zh/2024-10-08/index.md"),
    );
    if let Some(corpus) = support::corpus() {
        report(
            "10,000 synthetic posts",
            content::load(&[corpus.join("posts")]),
            None,
        );
    }
}
