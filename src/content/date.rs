//! Lenient date parsing: real sites write dates in many shapes.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// A post's date as written: always a day, sometimes a time of day. Kept in
/// the writer's local time; sorting by it is what readers expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostDate {
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl PostDate {
    /// ISO 8601: `2022-10-08` or `2022-10-08T10:30:00`.
    pub fn iso(&self) -> String {
        match self.time {
            Some(t) => NaiveDateTime::new(self.day, t)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            None => self.day.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn day_string(&self) -> String {
        self.day.format("%Y-%m-%d").to_string()
    }
}

/// Parses the date shapes seen in front matter: `YYYY-MM-DD`, `YYYY/MM/DD`,
/// `YYYY.MM.DD`, RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (optionally with a zone),
/// and single-digit months and days.
pub fn parse(s: &str) -> Option<PostDate> {
    let s = s.trim().trim_matches(['\'', '"']).trim();
    if s.len() < 8 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        let n = dt.naive_local();
        return Some(PostDate {
            day: n.date(),
            time: Some(n.time()),
        });
    }
    let normalized: String = s
        .chars()
        .map(|c| if c == '/' || c == '.' { '-' } else { c })
        .collect();
    let (day_part, time_part) = match normalized.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (normalized.as_str(), None),
    };
    let day = NaiveDate::parse_from_str(day_part, "%Y-%m-%d").ok()?;
    let time = time_part.and_then(parse_time);
    Some(PostDate { day, time })
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    // Drop a zone suffix such as `+08:00`, `Z` or ` +0800`.
    let t = t.trim_end_matches('Z');
    let t = t.split_once(['+', ' ']).map(|(a, _)| a).unwrap_or(t).trim();
    let t = match t.rsplit_once('-') {
        Some((a, zone)) if zone.len() >= 2 && a.contains(':') => a,
        _ => t,
    };
    NaiveTime::parse_from_str(t, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S%.f"))
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
        .ok()
}

/// Finds a date in a path, nearest component first: `news/2022-10-08/index.md`,
/// `2021-11-05-name.md`, `2021-12-28-1/`.
pub fn from_path(path: &str) -> Option<PostDate> {
    path.rsplit(['/', '\\']).find_map(date_prefix)
}

fn date_prefix(component: &str) -> Option<PostDate> {
    let b = component.as_bytes();
    if b.len() < 10
        || !b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
    {
        return None;
    }
    let day = NaiveDate::parse_from_str(&component[..10], "%Y-%m-%d").ok()?;
    Some(PostDate { day, time: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse(s).map(|d| d.iso())
    }

    #[test]
    fn shapes() {
        assert_eq!(iso("2022-10-08").as_deref(), Some("2022-10-08"));
        assert_eq!(iso("'2022-10-08'").as_deref(), Some("2022-10-08"));
        assert_eq!(iso("2022/10/08").as_deref(), Some("2022-10-08"));
        assert_eq!(iso("2022/1/8").as_deref(), Some("2022-01-08"));
        assert_eq!(iso("2022.10.08").as_deref(), Some("2022-10-08"));
        assert_eq!(
            iso("2021-11-05T10:00:00+08:00").as_deref(),
            Some("2021-11-05T10:00:00")
        );
        assert_eq!(
            iso("2021-11-05T10:00:00Z").as_deref(),
            Some("2021-11-05T10:00:00")
        );
        assert_eq!(
            iso("2021-11-05 10:30").as_deref(),
            Some("2021-11-05T10:30:00")
        );
        assert_eq!(
            iso("2021-11-05 10:30:15").as_deref(),
            Some("2021-11-05T10:30:15")
        );
        assert_eq!(
            iso("2021-11-05 10:30:15 +0800").as_deref(),
            Some("2021-11-05T10:30:15")
        );
        assert_eq!(
            iso("2021-11-05T10:30:15.123-05:00").as_deref(),
            Some("2021-11-05T10:30:15")
        );
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2022-13-01"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn dates_in_paths() {
        let d = |p: &str| from_path(p).map(|d| d.iso());
        assert_eq!(d("news/2022-10-08/index.md").as_deref(), Some("2022-10-08"));
        assert_eq!(d("post/2021-11-05-name.md").as_deref(), Some("2021-11-05"));
        assert_eq!(d("news/2021-12-28-1/a.md").as_deref(), Some("2021-12-28"));
        assert_eq!(d("post/author/slug.md"), None);
        assert_eq!(d("2022-99-99/x.md"), None);
    }
}
