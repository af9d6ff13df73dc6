//! The one form of a URL that is shown, checked, copied and opened, so what
//! the reader saw is what leaves tidings: made safe to print, a host that
//! mixes scripts spelled in punycode, a `mailto:` link cut to its address.

use unicode_script::{Script, UnicodeScript};
use url::Url;

use super::{is_stand_in, sanitize_line};

/// Why a URL deserves a second look before it is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlWarning {
    /// Its host mixes scripts (a Cyrillic `а` among Latin letters), the
    /// classic look-alike of another site; it is shown in punycode.
    MixedScripts,
    /// It had control or invisible characters, now shown as stand-ins.
    Hidden,
}

impl UrlWarning {
    pub fn reason(self) -> &'static str {
        match self {
            UrlWarning::MixedScripts => "host mixes scripts",
            UrlWarning::Hidden => "hidden characters",
        }
    }
}

/// The safe form of `url`. Idempotent: cleaning a cleaned URL changes
/// nothing, so every layer may call it again.
pub fn safe_url(url: &str) -> String {
    let url = sanitize_line(url.trim());
    if let Some(rest) = strip_prefix_ignore_case(&url, "mailto:") {
        // Only the address: `?body=`, `cc=` and above all `attach=` would
        // have the mail program write or send more than the reader saw.
        let end = rest.find(['?', '#']).unwrap_or(rest.len());
        return format!("mailto:{}", &rest[..end]);
    }
    match Url::parse(&url) {
        Ok(parsed) => match parsed.host_str().filter(|h| mixes_scripts(h)) {
            Some(ascii) => with_host(&url, ascii).unwrap_or_else(|| parsed.to_string()),
            None => url,
        },
        Err(_) => url,
    }
}

/// `url` with the host swapped for `host`, the rest as written, so stand-ins
/// in the path stay visible (a full re-serialization would percent-encode
/// them out of sight).
fn with_host(url: &str, host: &str) -> Option<String> {
    let start = url.find("://")? + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let from = url[start..end].rfind('@').map_or(start, |i| start + i + 1);
    let to = url[from..end].find(':').map_or(end, |i| from + i);
    Some(format!("{}{host}{}", &url[..from], &url[to..]))
}

/// What is suspicious about a URL (best asked of its [`safe_url`] form).
pub fn url_warning(url: &str) -> Option<UrlWarning> {
    if url.chars().any(is_stand_in) {
        return Some(UrlWarning::Hidden);
    }
    let parsed = Url::parse(url).ok()?;
    parsed
        .host_str()
        .is_some_and(mixes_scripts)
        .then_some(UrlWarning::MixedScripts)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// True when a label of `host` (as the url crate gives it: ASCII, punycode
/// for the rest) mixes scripts in a way no language writes. Latin with
/// Han, kana or Hangul is how Japanese, Chinese and Korean names are
/// written (Unicode's "highly restrictive" profile, UTS #39); a host wholly
/// in one script, `пример.рф`, is fine.
fn mixes_scripts(host: &str) -> bool {
    if !host.contains("xn--") {
        return false;
    }
    let (unicode, _) = idna::domain_to_unicode(host);
    unicode.split('.').any(label_mixes_scripts)
}

fn label_mixes_scripts(label: &str) -> bool {
    use Script::*;
    let mut scripts: Vec<Script> = Vec::new();
    for s in label.chars().map(|c| c.script()) {
        if !matches!(s, Common | Inherited | Unknown) && !scripts.contains(&s) {
            scripts.push(s);
        }
    }
    let within = |allowed: &[Script]| scripts.iter().all(|s| allowed.contains(s));
    scripts.len() > 1
        && !within(&[Latin, Han, Hiragana, Katakana])
        && !within(&[Latin, Han, Bopomofo])
        && !within(&[Latin, Han, Hangul])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_mixing_scripts_is_spelled_in_punycode() {
        let url = safe_url("https://p\u{430}ypal.com/login");
        assert_eq!(url, "https://xn--pypal-4ve.com/login");
        assert_eq!(url_warning(&url), Some(UrlWarning::MixedScripts));
        assert_eq!(
            safe_url("http://me@P\u{430}ypal.com:8080/\u{202e}?q#f"),
            "http://me@xn--pypal-4ve.com:8080/⇄?q#f"
        );
        // Written in punycode by the author: still a look-alike.
        assert_eq!(
            url_warning("https://xn--pypal-4ve.com/"),
            Some(UrlWarning::MixedScripts)
        );
    }

    #[test]
    fn hosts_in_one_script_stay_as_written() {
        for url in [
            "https://例子.中国/a",
            "https://пример.рф",
            "https://пример.com/x",
            "https://日本語のドメイン.jp",
            "https://x.org/a",
            "https://opengauss.org/zh/%E6%B5%B7.png",
        ] {
            assert_eq!(safe_url(url), url);
            assert_eq!(url_warning(url), None, "{url}");
        }
    }

    #[test]
    fn mailto_keeps_only_the_address() {
        assert_eq!(
            safe_url("MAILTO:a@b.org?subject=x&body=y&attach=/etc/passwd"),
            "mailto:a@b.org"
        );
        assert_eq!(safe_url("mailto:a@b.org#x"), "mailto:a@b.org");
    }

    #[test]
    fn hidden_characters_show_and_are_flagged() {
        let url = safe_url("https://x.org/\u{202e}gpj.exe\u{200b}");
        assert_eq!(url, "https://x.org/⇄gpj.exe␣");
        assert_eq!(url_warning(&url), Some(UrlWarning::Hidden));
        assert_eq!(safe_url(&url), url);
    }
}
