//! The config's TOML into a [`Config`]: serde checks names and types
//! (`deny_unknown_fields` everywhere), then the values serde cannot judge
//! (URLs, colours, theme and style names, keys) are checked at their spans.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use super::{Config, Group, LogLevel, Programs, Sort, Source, View, When};
use crate::markdown::Theme;
use crate::markdown::{STYLE_NAMES, StyleSpec, THEME_NAMES, parse_color};

/// A problem at a byte offset of the text.
pub(super) type Located = (usize, String);

/// The sections this version reads.
const SECTIONS: &[&str] = &["source", "view", "theme", "keys", "programs", "log"];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Raw {
    source: Vec<RawSource>,
    view: RawView,
    theme: RawTheme,
    keys: super::keys::RawKeys,
    programs: RawPrograms,
    log: RawLog,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    path: Spanned<String>,
    name: Option<String>,
    base_url: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawView {
    sort: Sort,
    reverse: bool,
    group: Group,
    ascii: bool,
    osc8: When,
    color: When,
    mouse: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawTheme {
    name: Option<Spanned<String>>,
    styles: BTreeMap<Spanned<String>, RawStyle>,
}

/// A [`StyleSpec`] with the colours' places, for their errors.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reversed: Option<bool>,
    dim: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawPrograms {
    opener: Option<Spanned<String>>,
    editor: Option<Spanned<String>>,
    pager: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawLog {
    level: LogLevel,
}

/// The checked config and its warnings, or every error found.
pub(super) fn parse(
    text: &str,
    home: Option<&Path>,
) -> Result<(Config, Vec<Located>), Vec<Located>> {
    let mut table = DeTable::parse(text).map_err(|e| vec![toml_error(&e)])?;
    let mut warnings = Vec::new();
    // A section from a newer tidings: skipped with a warning. An unknown
    // plain key stays, for serde to report as the error it is.
    let newer: Vec<_> = table
        .get_ref()
        .iter()
        .filter(|(key, value)| !SECTIONS.contains(&key.get_ref().as_ref()) && is_section(value))
        .map(|(key, _)| key.clone())
        .collect();
    for key in newer {
        let name = crate::text::sanitize_line(key.get_ref());
        warnings.push((
            key.span().start,
            format!("unknown section [{name}] (from a newer tidings?): skipped"),
        ));
        table.get_mut().remove(&key);
    }
    let raw = Raw::deserialize(Deserializer::from(table)).map_err(|e| vec![toml_error(&e)])?;
    let mut errors = Vec::new();
    let config = check(raw, home, &mut errors);
    if errors.is_empty() {
        Ok((config, warnings))
    } else {
        errors.sort_by_key(|(at, _)| *at);
        Err(errors)
    }
}

/// A table or an array of tables: a section (an unknown plain key stays,
/// for serde to report as the error it is).
fn is_section(value: &Spanned<DeValue>) -> bool {
    match value.get_ref() {
        DeValue::Table(_) => true,
        DeValue::Array(a) => {
            !a.is_empty() && a.iter().all(|v| matches!(v.get_ref(), DeValue::Table(_)))
        }
        _ => false,
    }
}

fn toml_error(e: &toml::de::Error) -> Located {
    let at = e.span().map_or(0, |s| s.start);
    // toml's message may quote the text; one line, no controls.
    let mut message = e.message().trim().replace('\n', "; ");
    if message == "duplicate key" {
        message += " (expected each key once: one action per key)";
    }
    (at, crate::text::sanitize_line(&message))
}

fn check(raw: Raw, home: Option<&Path>, errors: &mut Vec<Located>) -> Config {
    let sources = raw
        .source
        .into_iter()
        .filter_map(|s| source(s, home, errors))
        .collect();
    let v = raw.view;
    let view = View {
        sort: v.sort,
        reverse: v.reverse,
        group: v.group,
        ascii: v.ascii,
        osc8: v.osc8,
        color: v.color,
        mouse: v.mouse,
    };
    let (theme_name, theme, styles) = theme(raw.theme, errors);
    let keymap = super::keys::keymap(raw.keys, errors);
    let p = raw.programs;
    let programs = Programs {
        opener: program(p.opener, errors),
        editor: program(p.editor, errors),
        pager: program(p.pager, errors),
    };
    Config {
        sources,
        view,
        theme_name,
        styles,
        theme,
        keymap,
        programs,
        log_level: raw.log.level,
        warnings: Vec::new(),
    }
}

fn source(s: RawSource, home: Option<&Path>, errors: &mut Vec<Located>) -> Option<Source> {
    let at = s.path.span().start;
    let text = s.path.into_inner();
    let path = match text.strip_prefix('~') {
        _ if text.is_empty() => {
            errors.push((at, "empty path (expected a folder or file of posts)".into()));
            return None;
        }
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match home {
            Some(h) => h.join(rest.trim_start_matches('/')),
            None => {
                errors.push((at, "`~` but $HOME is not set (expected a full path)".into()));
                return None;
            }
        },
        _ => PathBuf::from(text),
    };
    let base_url = match s.base_url {
        Some(u) => match url::Url::parse(u.get_ref()) {
            Ok(parsed) if parsed.has_host() => Some(u.into_inner()),
            _ => {
                errors.push((
                    u.span().start,
                    "not an absolute URL (expected one such as https://opengauss.org)".into(),
                ));
                None
            }
        },
        None => None,
    };
    Some(Source {
        path,
        name: s.name,
        base_url,
    })
}

fn theme(raw: RawTheme, errors: &mut Vec<Located>) -> (String, Theme, Vec<(String, StyleSpec)>) {
    let (name, mut theme) = match raw.name {
        None => ("default".to_string(), Theme::default()),
        Some(n) => match Theme::builtin(n.get_ref()) {
            Some(t) => (n.into_inner(), t),
            None => {
                let message = format!(
                    "unknown theme {:?} (expected one of {})",
                    crate::text::sanitize_line(n.get_ref()),
                    THEME_NAMES.join(", ")
                );
                errors.push((n.span().start, message));
                ("default".to_string(), Theme::default())
            }
        },
    };
    let mut styles = Vec::new();
    for (key, style) in raw.styles {
        let at = key.span().start;
        let name = key.into_inner();
        if !STYLE_NAMES.contains(&name.as_str()) {
            let message = format!(
                "unknown style {:?} (expected one of {})",
                crate::text::sanitize_line(&name),
                STYLE_NAMES.join(", ")
            );
            errors.push((at, message));
            continue;
        }
        let mut bad = false;
        for c in [&style.fg, &style.bg].into_iter().flatten() {
            if let Err(why) = parse_color(c.get_ref()) {
                errors.push((c.span().start, crate::text::sanitize_line(&why)));
                bad = true;
            }
        }
        let spec = StyleSpec {
            fg: style.fg.map(Spanned::into_inner),
            bg: style.bg.map(Spanned::into_inner),
            bold: style.bold,
            italic: style.italic,
            underline: style.underline,
            reversed: style.reversed,
            dim: style.dim,
        };
        if bad {
            continue;
        }
        match theme.set_style(&name, &spec) {
            Ok(()) => styles.push((name, spec)),
            Err(why) => errors.push((at, crate::text::sanitize_line(&why))),
        }
    }
    (name, theme, styles)
}

fn program(p: Option<Spanned<String>>, errors: &mut Vec<Located>) -> Option<String> {
    let p = p?;
    if p.get_ref().trim().is_empty() {
        errors.push((
            p.span().start,
            "empty command (expected a program, or leave the key out)".into(),
        ));
        return None;
    }
    Some(p.into_inner())
}
