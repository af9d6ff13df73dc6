//! Opening a post with 10 and with 100,000 reading marks: the key's cost in
//! `update` (which marks the post read and asks for a save of just that
//! mark), and, apart, what the save worker then does with the state file.

mod support;

use tidings::app::{Action, App, Effect, Look, Marks};
use tidings::content;
use tidings::markdown::Theme;
use tidings::store::Store;

fn marks(n: usize) -> Marks {
    let mut m = Marks::default();
    for i in 0..n {
        m.set_read(
            &format!("t:2024-01-01|Post number {i}|post-{i:06}"),
            true,
            1,
        );
    }
    m
}

fn main() {
    let look = Look {
        theme: Theme::default(),
        base_url: None,
    };
    for n in [10, 100_000] {
        let mut app = App::new(content::load_builtin(), look.clone(), 120, 40);
        app.set_marks(marks(n));
        // Open, back, unmark: each round opens an unread post again.
        support::measure(&format!("open a post, {n} marks (update)"), 200, || {
            let fx = app.update(Action::Open);
            assert!(
                fx.iter()
                    .any(|e| matches!(e, Effect::Save(d) if d.posts.len() == 1))
            );
            app.update(Action::Back);
            app.update(Action::ToggleRead)
        });
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _, _) = Store::open(dir.path().join("state.json"));
        store.save(&marks(n)).unwrap();
        let mut one = Marks::default();
        let mut i = 0;
        support::measure(
            &format!("save one changed mark, {n} marks (worker)"),
            20,
            || {
                i += 1;
                one.set_read("one", i % 2 == 0, i);
                store.save(&one).unwrap()
            },
        );
    }
}
