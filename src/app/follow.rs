//! What following a link does: open another post inside tidings, hand a web
//! link to the system opener (local sessions only), or copy it (ssh, no
//! opener, or not a web link). Pure: the environment is passed in.

use std::path::{Component, Path, PathBuf};

use crate::content::Post;
use crate::markdown::Link;
use crate::text::{is_clean, is_stand_in, safe_url};

/// URLs longer than this are never sent through OSC 52 or to an opener.
pub const MAX_URL: usize = 8 << 10;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mux {
    #[default]
    None,
    Tmux,
    Screen,
}

/// Where tidings runs, as far as following links is concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// SSH_CONNECTION or SSH_TTY is set.
    pub ssh: bool,
    /// A system opener (xdg-open, open, ...) was found.
    pub opener: bool,
    /// Why there is none, for the status line ("no display to open it
    /// on"); empty when there is one.
    pub no_opener: String,
    pub mux: Mux,
    /// No editor, pager, file writing or opener: a visitor's reader on
    /// someone else's machine (`tidings serve`).
    pub restricted: bool,
    /// The command `|` offers first (`$PAGER`; `less -R` when unset).
    pub pager: Option<String>,
    /// Where `~/` in a path typed for `w` points.
    pub home: Option<std::path::PathBuf>,
}

impl Env {
    pub fn from_vars(var: impl Fn(&str) -> Option<String>, opener: bool) -> Env {
        let set = |k: &str| var(k).is_some_and(|v| !v.is_empty());
        Env {
            ssh: set("SSH_CONNECTION") || set("SSH_TTY"),
            opener,
            no_opener: String::new(),
            mux: if set("TMUX") {
                Mux::Tmux
            } else if set("STY") {
                Mux::Screen
            } else {
                Mux::None
            },
            restricted: false,
            pager: var("PAGER").filter(|p| !p.trim().is_empty()),
            home: var("HOME").filter(|h| !h.is_empty()).map(Into::into),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Follow {
    /// Another post in the folders that were opened, at a heading when the
    /// link names one (`other.md#anchor`).
    Post(PathBuf, Option<String>),
    /// A heading in this post (`#anchor`).
    Anchor(String),
    Open(String),
    Copy {
        url: String,
        why: String,
    },
    Refuse(String),
}

/// What following `link` does. The URL checked, opened or copied is its
/// [`safe_url`] form, the one the links list shows, never the raw bytes.
pub fn decide(link: &Link, from: &Post, posts: &[Post], env: &Env) -> Follow {
    if let Some(anchor) = link.raw.strip_prefix('#') {
        return Follow::Anchor(anchor.to_owned());
    }
    if let Some(path) = internal_target(&link.raw, from, posts) {
        let anchor = link.raw.split_once('#').map(|(_, a)| a.to_owned());
        return Follow::Post(path, anchor.filter(|a| !a.is_empty()));
    }
    let url = match checked(link) {
        Ok(url) => url,
        Err(refused) => return refused,
    };
    match web_safe(&url) {
        Err(why) => Follow::Copy { url, why },
        Ok(()) if env.ssh => Follow::Copy {
            url,
            why: "ssh session".into(),
        },
        Ok(()) if !env.opener => Follow::Copy {
            url,
            why: if env.no_opener.is_empty() {
                "no opener found".into()
            } else {
                env.no_opener.clone()
            },
        },
        Ok(()) => Follow::Open(url),
    }
}

/// What copying `link` hands out: the same cleaned URL [`decide`] checks,
/// or a refusal.
pub fn copy(link: &Link) -> Follow {
    match checked(link) {
        Ok(url) => Follow::Copy {
            url,
            why: String::new(),
        },
        Err(refused) => refused,
    }
}

/// The safe form of the link's URL, unless it must not leave tidings at all.
fn checked(link: &Link) -> Result<String, Follow> {
    if link.url.len() > MAX_URL {
        return Err(Follow::Refuse(format!(
            "link is {} KB, too long to open or copy",
            link.url.len() >> 10
        )));
    }
    let url = safe_url(&link.url);
    if let Some(address) = url.strip_prefix("mailto:")
        && (!is_clean(&percent_decoded(address)) || address.chars().any(is_stand_in))
    {
        return Err(Follow::Refuse(
            "the e-mail address has control or hidden characters".into(),
        ));
    }
    Ok(url)
}

/// `%XX` escapes decoded (invalid UTF-8 shown as U+FFFD): what a mail
/// program would put in a header.
fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if b[i] == b'%' => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Only http, https and mailto URLs without spaces, control characters or
/// stand-ins for hidden ones are handed to the system opener.
pub fn web_safe(url: &str) -> Result<(), String> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("it contains spaces or control characters".into());
    }
    if url.chars().any(is_stand_in) {
        return Err("it contains hidden or control characters".into());
    }
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") if url.contains("://") => Ok(()),
        Some("mailto") => Ok(()),
        Some(s)
            if !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            Err(format!("not a web link ({s}:)"))
        }
        _ => Err("not a web link (relative)".into()),
    }
}

/// The post a relative `.md` link points to, if it is one of `posts`.
fn internal_target(raw: &str, from: &Post, posts: &[Post]) -> Option<PathBuf> {
    let path = raw.split(['#', '?']).next()?;
    let lower = path.to_ascii_lowercase();
    if path.contains("://") || !(lower.ends_with(".md") || lower.ends_with(".markdown")) {
        return None;
    }
    let base = from.path.parent().unwrap_or(Path::new(""));
    let want = normalize(&base.join(path));
    posts
        .iter()
        .find(|p| normalize(&p.path) == want)
        .map(|p| p.path.clone())
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Source;
    use crate::markdown::LinkKind;

    fn post(path: &str) -> Post {
        Post::parse(Source {
            id: path.into(),
            path: path.into(),
            bytes: b"# t\n".to_vec(),
            size: 4,
        })
    }

    fn link(raw: &str) -> Link {
        Link {
            number: 1,
            url: raw.into(),
            raw: raw.into(),
            kind: LinkKind::Link,
        }
    }

    fn local() -> Env {
        Env {
            ssh: false,
            opener: true,
            no_opener: String::new(),
            mux: Mux::None,
            ..Env::default()
        }
    }

    #[test]
    fn local_sessions_open_web_links() {
        let from = post("news/a.md");
        assert_eq!(
            decide(&link("https://x.org/a"), &from, &[], &local()),
            Follow::Open("https://x.org/a".into())
        );
        assert_eq!(
            decide(&link("mailto:a@b.org"), &from, &[], &local()),
            Follow::Open("mailto:a@b.org".into())
        );
    }

    #[test]
    fn ssh_and_missing_opener_copy_instead() {
        let from = post("a.md");
        let ssh = Env {
            ssh: true,
            ..local()
        };
        assert!(
            matches!(decide(&link("https://x.org"), &from, &[], &ssh), Follow::Copy { why, .. } if why == "ssh session")
        );
        let none = Env {
            opener: false,
            ..local()
        };
        assert!(
            matches!(decide(&link("https://x.org"), &from, &[], &none), Follow::Copy { why, .. } if why == "no opener found")
        );
        // The reason the opener search gave is the one the reader sees.
        let headless = Env {
            opener: false,
            no_opener: "no display to open it on".into(),
            ..local()
        };
        assert!(
            matches!(decide(&link("https://x.org"), &from, &[], &headless), Follow::Copy { why, .. } if why == "no display to open it on")
        );
    }

    #[test]
    fn only_web_links_reach_the_opener() {
        let from = post("a.md");
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "vscode://x",
            "https://x.org/a b",
            "https://x.org/\u{7}",
            "/zh/a.png",
        ] {
            match decide(&link(bad), &from, &[], &local()) {
                Follow::Copy { .. } => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
        let long = format!("https://x.org/{}", "a".repeat(MAX_URL));
        assert!(matches!(
            decide(&link(&long), &from, &[], &local()),
            Follow::Refuse(_)
        ));
    }

    #[test]
    fn what_leaves_is_the_cleaned_url() {
        let from = post("a.md");
        let url = |f: Follow| match f {
            Follow::Open(u) | Follow::Copy { url: u, .. } => u,
            other => panic!("{other:?}"),
        };
        let hidden = link("https://x.org/\u{202e}gpj.exe\u{200b}");
        let shown = "https://x.org/⇄gpj.exe␣";
        let f = decide(&hidden, &from, &[], &local());
        assert!(matches!(&f, Follow::Copy { why, .. } if why.contains("hidden")));
        assert_eq!(url(f), shown);
        assert_eq!(url(copy(&hidden)), shown);
        assert_eq!(
            decide(&link("https://p\u{430}ypal.com/"), &from, &[], &local()),
            Follow::Open("https://xn--pypal-4ve.com/".into())
        );
        assert_eq!(
            decide(
                &link("mailto:a@b.org?body=hi&attach=/etc/passwd"),
                &from,
                &[],
                &local()
            ),
            Follow::Open("mailto:a@b.org".into())
        );
    }

    #[test]
    fn mail_addresses_with_controls_are_refused() {
        let from = post("a.md");
        for bad in [
            "mailto:a%0d%0aBcc:%20c@d.org",
            "mailto:a\u{7}@b.org",
            "mailto:a\u{202e}@b.org",
        ] {
            assert!(
                matches!(decide(&link(bad), &from, &[], &local()), Follow::Refuse(_)),
                "{bad}"
            );
            assert!(matches!(copy(&link(bad)), Follow::Refuse(_)), "{bad}");
        }
    }

    #[test]
    fn relative_md_links_open_posts_inside() {
        let posts = vec![post("site/en/a.md"), post("site/zh/2022-10-08/index.md")];
        let from = &posts[0];
        assert_eq!(
            decide(
                &link("../zh/2022-10-08/index.md#top"),
                from,
                &posts,
                &local()
            ),
            Follow::Post("site/zh/2022-10-08/index.md".into(), Some("top".into()))
        );
        assert_eq!(
            decide(&link("#社区治理"), from, &posts, &local()),
            Follow::Anchor("社区治理".into())
        );
        assert!(matches!(
            decide(&link("missing.md"), from, &posts, &local()),
            Follow::Copy { .. }
        ));
    }

    #[test]
    fn env_from_variables() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let e = Env::from_vars(
            vars(&[("SSH_TTY", "/dev/pts/1"), ("TMUX", "/tmp/t,1,0")]),
            true,
        );
        assert_eq!(
            e,
            Env {
                ssh: true,
                opener: true,
                no_opener: String::new(),
                mux: Mux::Tmux,
                ..Env::default()
            }
        );
        let e = Env::from_vars(vars(&[("STY", "1.pts")]), false);
        assert_eq!(
            e,
            Env {
                ssh: false,
                opener: false,
                no_opener: String::new(),
                mux: Mux::Screen,
                ..Env::default()
            }
        );
    }
}
