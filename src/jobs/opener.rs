//! Handing a URL to a program that shows it: `$BROWSER` first, else the
//! system opener (xdg-open, open, wslview, gio), but only where one can
//! show something. Started detached, its output kept off the reader's
//! screen; the caller reaps it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A program that opens URLs: its path and the arguments around the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opener {
    pub program: PathBuf,
    /// Arguments; `%s` stands for the URL (appended when none does).
    pub args: Vec<String>,
}

/// The opener to use, or why there is none (said in the status line when
/// a link is copied instead). `var` reads the environment.
pub fn find(var: impl Fn(&str) -> Option<String>) -> Result<Opener, String> {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    let path = set("PATH").unwrap_or_default();
    // $BROWSER: commands separated by `:`, the first that can run wins.
    if let Some(browser) = set("BROWSER") {
        for command in browser.split(':') {
            let mut words = command.split_whitespace();
            let Some(name) = words.next() else { continue };
            if let Some(program) = executable(name, &path) {
                return Ok(Opener {
                    program,
                    args: words.map(str::to_owned).collect(),
                });
            }
        }
    }
    let mac = cfg!(target_os = "macos");
    let wsl = set("WSL_DISTRO_NAME").is_some() || set("WSL_INTEROP").is_some();
    if !mac && !wsl && set("DISPLAY").is_none() && set("WAYLAND_DISPLAY").is_none() {
        return Err("no display to open it on".into());
    }
    let names: &[&str] = if mac {
        &["open"]
    } else if wsl {
        &["wslview", "xdg-open"]
    } else {
        &["xdg-open", "gio"]
    };
    names
        .iter()
        .find_map(|name| {
            let program = executable(name, &path)?;
            let args = if *name == "gio" {
                vec!["open".to_owned()]
            } else {
                Vec::new()
            };
            Some(Opener { program, args })
        })
        .ok_or_else(|| format!("no opener found ({})", names.join(", ")))
}

/// `name` as a runnable file: a path as given, or searched on `path`; a
/// file without an execute bit does not count.
fn executable(name: &str, path: &str) -> Option<PathBuf> {
    let runnable = |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    if name.contains('/') {
        let p = PathBuf::from(name);
        return runnable(&p).then_some(p);
    }
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|p| runnable(p))
}

/// Starts the opener on `url` (already checked to be an http, https or
/// mailto URL, and clean) and does not wait for it.
pub fn open(opener: &Opener, url: &str) -> std::io::Result<Child> {
    let mut args: Vec<String> = opener.args.iter().map(|a| a.replace("%s", url)).collect();
    if !opener.args.iter().any(|a| a.contains("%s")) {
        args.push(url.to_owned());
    }
    Command::new(&opener.program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::os::unix::fs::PermissionsExt;

    fn file(dir: &Path, name: &str, mode: u32) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        p
    }

    fn env(pairs: &[(&str, String)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn browser_comes_first_with_its_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let ff = file(dir.path(), "firefox", 0o755);
        file(dir.path(), "xdg-open", 0o755);
        let path = dir.path().display().to_string();
        let o = find(env(&[
            ("PATH", path),
            ("BROWSER", "missing-browser:firefox --new-tab %s".into()),
            ("DISPLAY", ":0".into()),
        ]))
        .unwrap();
        assert_eq!(o.program, ff);
        assert_eq!(o.args, ["--new-tab", "%s"]);
    }

    #[test]
    fn files_without_the_execute_bit_are_not_run() {
        let dir = tempfile::tempdir().unwrap();
        file(dir.path(), "xdg-open", 0o644);
        let gio = file(dir.path(), "gio", 0o755);
        let path = dir.path().display().to_string();
        let o = find(env(&[("PATH", path.clone()), ("DISPLAY", ":0".into())])).unwrap();
        assert_eq!((o.program, o.args), (gio, vec!["open".to_owned()]));
        std::fs::remove_file(dir.path().join("gio")).unwrap();
        let why = find(env(&[("PATH", path), ("DISPLAY", ":0".into())])).unwrap_err();
        assert!(why.starts_with("no opener found"), "{why}");
    }

    #[test]
    fn without_a_display_nothing_is_opened() {
        if cfg!(target_os = "macos") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        file(dir.path(), "xdg-open", 0o755);
        let path = dir.path().display().to_string();
        let why = find(env(&[("PATH", path.clone())])).unwrap_err();
        assert_eq!(why, "no display to open it on");
        assert!(
            find(env(&[
                ("PATH", path.clone()),
                ("WAYLAND_DISPLAY", "w-0".into())
            ]))
            .is_ok()
        );
        assert!(find(env(&[("PATH", path), ("WSL_DISTRO_NAME", "Debian".into())])).is_ok());
    }

    #[test]
    fn the_url_replaces_percent_s_or_is_appended() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = dir.path().join("rec");
        std::fs::write(
            &script,
            format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > {}\n", out.display()),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        for (args, want) in [
            (vec![], "https://x.org/\n"),
            (
                vec!["-a".to_owned(), "<%s>".to_owned()],
                "-a\n<https://x.org/>\n",
            ),
        ] {
            let o = Opener {
                program: script.clone(),
                args,
            };
            open(&o, "https://x.org/").unwrap().wait().unwrap();
            assert_eq!(std::fs::read_to_string(&out).unwrap(), want);
        }
    }
}
