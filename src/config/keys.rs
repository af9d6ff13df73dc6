//! `[keys]`: key bindings by action name, per context, on top of the
//! keymap's table. `unbind` removes defaults; `"g g"` binds a sequence.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use super::parse::Located;
use crate::app::keymap::{BINDINGS, Context, Keymap, Seq};
use crate::app::{Action, KeyCode};
use crate::text::sanitize_line;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawKeys {
    /// Keys to unbind everywhere.
    unbind: Option<Spanned<Vec<String>>>,
    global: Table,
    list: Table,
    article: Table,
    overlay: Table,
}

type Table = BTreeMap<Spanned<String>, Spanned<Entry>>;

/// A table's value: an action name, or for `unbind` a list of keys.
enum Entry {
    Action(String),
    Keys(Vec<String>),
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Entry, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an action name, or for `unbind` a list of keys")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Entry, E> {
                Ok(Entry::Action(s.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = seq.next_element::<String>()? {
                    keys.push(k);
                }
                Ok(Entry::Keys(keys))
            }
        }
        d.deserialize_any(V)
    }
}

/// The actions a key can be bound to: those of the table's rows outside
/// the typing boxes (whose keys are fixed).
pub fn action_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.context != Context::Typing) {
        if !names.contains(&b.name) {
            names.push(b.name);
        }
    }
    names
}

fn action(name: &str) -> Result<Action, String> {
    if action_names().contains(&name) {
        return Action::from_name(name).ok_or_else(|| "unreachable".into());
    }
    let mut close: Vec<(f64, &str)> = action_names()
        .into_iter()
        .map(|n| (strsim::jaro_winkler(n, name), n))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let hint = match close.first() {
        Some(_) => {
            let names: Vec<&str> = close.iter().take(3).map(|c| c.1).collect();
            format!("did you mean {}?", names.join(", "))
        }
        None => "`tidings config --default` lists them".into(),
    };
    Err(format!(
        "unknown action {:?} (expected an action name; {hint})",
        sanitize_line(name)
    ))
}

fn seq(name: &str) -> Result<Seq, String> {
    name.parse::<Seq>().map_err(|e| {
        format!(
            "{}; or two such keys separated by one space (`g g`)",
            sanitize_line(&e.to_string())
        )
    })
}

/// One binding as written: where, and the key's and the value's offsets.
struct Written {
    context: Context,
    section: &'static str,
    seq: Seq,
    action: Action,
    at: usize,
}

pub(super) fn keymap(raw: RawKeys, errors: &mut Vec<Located>) -> Keymap {
    let mut map = Keymap::default();
    if let Some(u) = raw.unbind {
        for name in u.get_ref() {
            match seq(name) {
                Ok(s) if map.unbind(None, s) => {}
                Ok(s) => errors.push((u.span().start, format!("unbind: `{s}` is not bound"))),
                Err(why) => errors.push((u.span().start, format!("unbind: {why}"))),
            }
        }
    }
    let contexts = [
        ("global", Context::Everywhere, raw.global),
        ("list", Context::List, raw.list),
        ("article", Context::Article, raw.article),
        ("overlay", Context::Overlay, raw.overlay),
    ];
    let mut written: Vec<Written> = Vec::new();
    for (section, context, table) in contexts {
        for (key, value) in table {
            let (at, value_at) = (key.span().start, value.span().start);
            match (key.get_ref().as_str(), value.into_inner()) {
                ("unbind", Entry::Keys(keys)) => {
                    for name in keys {
                        match seq(&name) {
                            Ok(s) if map.unbind(Some(context), s) => {}
                            Ok(s) => errors.push((
                                value_at,
                                format!("unbind: `{s}` is not bound in [keys.{section}]"),
                            )),
                            Err(why) => errors.push((value_at, format!("unbind: {why}"))),
                        }
                    }
                }
                ("unbind", Entry::Action(_)) => {
                    errors.push((value_at, "unbind takes a list of keys (`[\"u\"]`)".into()))
                }
                (_, Entry::Keys(_)) => errors.push((
                    value_at,
                    "a list (expected one action name; only `unbind` takes a list)".into(),
                )),
                (name, Entry::Action(a)) => match (seq(name), action(&a)) {
                    (Err(why), _) => errors.push((at, why)),
                    (_, Err(why)) => errors.push((value_at, why)),
                    (Ok(s), Ok(action)) => {
                        let typed = matches!(s.first.code, KeyCode::Char(_))
                            && !s.first.ctrl
                            && !s.first.alt;
                        if context == Context::Everywhere && typed {
                            errors.push((
                                at,
                                format!(
                                    "`{s}` in [keys.global] would stop it being typed into \
                                     searches (expected a Ctrl- or Alt- key here, or bind it \
                                     in [keys.list] or [keys.article])"
                                ),
                            ));
                            continue;
                        }
                        written.push(Written {
                            context,
                            section,
                            seq: s,
                            action,
                            at,
                        });
                    }
                },
            }
        }
    }
    conflicts(&written, errors);
    for w in written {
        map.bind(w.context, w.seq, w.action);
    }
    map
}

/// Two bindings the config gives that cannot both work: the same key
/// globally and somewhere (the global one always wins), or a key alone
/// and as the start of a sequence in one place.
fn conflicts(written: &[Written], errors: &mut Vec<Located>) {
    for (i, a) in written.iter().enumerate() {
        for b in &written[..i] {
            let same_place = a.context == b.context;
            let global = a.context == Context::Everywhere || b.context == Context::Everywhere;
            let clash = if a.seq == b.seq {
                global || same_place
            } else {
                let prefix =
                    |x: &Written, y: &Written| x.seq.then.is_none() && y.seq.first == x.seq.first;
                (same_place || global) && (prefix(a, b) || prefix(b, a))
            };
            if clash {
                errors.push((
                    a.at,
                    format!(
                        "`{}` in [keys.{}] is also bound by `{}` in [keys.{}] at line {{line:{}}}: \
                     two actions on one key (expected each key once)",
                        a.seq, a.section, b.seq, b.section, b.at
                    ),
                ));
            }
        }
    }
}
