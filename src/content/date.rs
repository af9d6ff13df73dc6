//! Lenient date parsing: real sites write dates in many shapes.

use std::cmp::Ordering;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// A post's date as written: a day (or only a month), sometimes a time of
/// day, sometimes a zone. Shown as the writer wrote it, in their local
/// time; sorted by the instant it names when a zone is given, so posts
/// from writers in different zones interleave truly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PostDate {
    /// The writer's local day; the 1st when only a month was written.
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Seconds east of UTC, when the date named a zone (`Z` is 0).
    pub offset: Option<i32>,
    /// Only a year and month were written (`2022-10`).
    pub month_only: bool,
}

impl PostDate {
    pub fn on(day: NaiveDate) -> PostDate {
        PostDate {
            day,
            time: None,
            offset: None,
            month_only: false,
        }
    }

    /// ISO 8601 in the writer's local time: `2022-10`, `2022-10-08` or
    /// `2022-10-08T10:30:00`.
    pub fn iso(&self) -> String {
        match self.time {
            Some(t) => NaiveDateTime::new(self.day, t)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            None => self.day_string(),
        }
    }

    /// The day as shown in lists and headers: `2022-10-08`, or `2022-10`
    /// when only a month was written (showing the 1st would invent a day).
    pub fn day_string(&self) -> String {
        let format = if self.month_only { "%Y-%m" } else { "%Y-%m-%d" };
        self.day.format(format).to_string()
    }

    /// What sorting compares: UTC when a zone was given, else the local
    /// time taken as it is (there is nothing better to go on).
    fn instant(&self) -> NaiveDateTime {
        let local = NaiveDateTime::new(self.day, self.time.unwrap_or(NaiveTime::MIN));
        local - Duration::seconds(i64::from(self.offset.unwrap_or(0)))
    }
}

impl Ord for PostDate {
    fn cmp(&self, other: &Self) -> Ordering {
        // After the instant, the less precise date counts as the earlier,
        // so a month sorts before its own 1st, and a day before any time
        // on it. The offset last keeps the order total and agreeing with Eq.
        self.instant()
            .cmp(&other.instant())
            .then_with(|| other.month_only.cmp(&self.month_only))
            .then_with(|| self.time.is_some().cmp(&other.time.is_some()))
            .then_with(|| self.offset.cmp(&other.offset))
    }
}

impl PartialOrd for PostDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Parses the date shapes seen in front matter: `YYYY-MM-DD`, `YYYY/MM/DD`,
/// `YYYY.MM.DD`, a month alone (`YYYY-MM`), single-digit months and days,
/// and any of these followed by `T` or a space, a time (`HH:MM`,
/// `HH:MM:SS`, fractions) and a zone (`Z`, `UTC`, `+08:00`, `+0800`,
/// ` -05`). A time or zone that cannot be read is dropped, not the date.
pub fn parse(s: &str) -> Option<PostDate> {
    let s = s.trim().trim_matches(['\'', '"']).trim();
    let (day_part, rest) = match s.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut parts = day_part.split(['-', '/', '.']);
    let year = number(parts.next()?, 4..=4)?;
    let month = number(parts.next()?, 1..=2)?;
    let Some(day) = parts.next() else {
        let day = NaiveDate::from_ymd_opt(year as i32, month, 1)?;
        return rest.is_none().then_some(PostDate {
            month_only: true,
            ..PostDate::on(day)
        });
    };
    if parts.next().is_some() {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(year as i32, month, number(day, 1..=2)?)?;
    let (time, offset) = rest.and_then(parse_time).unzip();
    Some(PostDate {
        time,
        offset: offset.flatten(),
        ..PostDate::on(day)
    })
}

/// An unsigned number of `digits` ASCII digits.
fn number(s: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A time of day and the zone after it, if one can be read.
fn parse_time(t: &str) -> Option<(NaiveTime, Option<i32>)> {
    let t = t.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(t.len());
    let (clock, zone) = t.split_at(end);
    let time = ["%H:%M:%S", "%H:%M:%S%.f", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(clock, f).ok())?;
    Some((time, parse_zone(zone.trim())))
}

/// Seconds east of UTC: `Z`, `UTC`, `GMT`, `+08:00`, `+0800`, `-05`.
fn parse_zone(z: &str) -> Option<i32> {
    if ["Z", "UTC", "GMT"]
        .iter()
        .any(|n| z.eq_ignore_ascii_case(n))
    {
        return Some(0);
    }
    let sign = match z.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits = z[1..].replace(':', "");
    let (h, m) = match digits.len() {
        2 => (number(&digits, 2..=2)?, 0),
        4 => (number(&digits[..2], 2..=2)?, number(&digits[2..], 2..=2)?),
        _ => return None,
    };
    (h <= 23 && m <= 59).then(|| sign * (h * 3600 + m * 60) as i32)
}

/// Finds a date in a path, nearest component first: `news/2022-10-08/index.md`,
/// `2021-11-05-name.md`, `2021-12-28-1/`.
pub fn from_path(path: &str) -> Option<PostDate> {
    path.rsplit(['/', '\\']).find_map(date_prefix)
}

/// A date at the start of one path component (`2021-11-05-name.md`).
pub fn date_prefix(component: &str) -> Option<PostDate> {
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
    Some(PostDate::on(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse(s).map(|d| d.iso())
    }

    fn offset(s: &str) -> Option<i32> {
        parse(s).and_then(|d| d.offset)
    }

    #[test]
    fn shapes() {
        assert_eq!(iso("2022-10-08").as_deref(), Some("2022-10-08"));
        assert_eq!(iso("'2022-10-08'").as_deref(), Some("2022-10-08"));
        assert_eq!(iso("2022/10/08").as_deref(), Some("2022-10-08"));
        assert_eq!(iso("2022/1/8").as_deref(), Some("2022-01-08"));
        assert_eq!(iso("2022.10.08").as_deref(), Some("2022-10-08"));
        assert_eq!(
            iso("2022/10/08 10:30").as_deref(),
            Some("2022-10-08T10:30:00")
        );
        assert_eq!(
            iso("2021-11-05 10:30:15").as_deref(),
            Some("2021-11-05T10:30:15")
        );
        assert_eq!(
            iso("2021-11-05T10:30:15.123-05:00").as_deref(),
            Some("2021-11-05T10:30:15")
        );
    }

    #[test]
    fn zones_are_kept_and_the_local_time_is_shown() {
        assert_eq!(
            iso("2022-10-08T10:30:00+08:00").as_deref(),
            Some("2022-10-08T10:30:00")
        );
        assert_eq!(offset("2022-10-08T10:30:00+08:00"), Some(8 * 3600));
        assert_eq!(offset("2022-10-08 10:30:00 +0800"), Some(8 * 3600));
        assert_eq!(offset("2022-10-08T02:30:00Z"), Some(0));
        assert_eq!(offset("2022-10-08 02:30 UTC"), Some(0));
        assert_eq!(offset("2021-11-05T10:30:15.123-05:30"), Some(-19800));
        assert_eq!(offset("2022-10-08 10:30"), None);
        assert_eq!(
            iso("2022-10-08 10:30 +99:00").as_deref(),
            Some("2022-10-08T10:30:00"),
            "a zone that cannot be right is dropped, the time kept"
        );
        assert_eq!(offset("2022-10-08 10:30 +99:00"), None);
    }

    #[test]
    fn zoned_dates_sort_by_instant() {
        let d = |s: &str| parse(s).unwrap();
        let beijing = d("2022-10-08T10:30:00+08:00");
        let utc = d("2022-10-08T02:30:00Z");
        let london_later = d("2022-10-08T03:00:00+00:00");
        let compact = d("2022-10-08 10:30:00 +0800");
        assert_eq!(beijing.cmp(&compact), Ordering::Equal);
        assert!(beijing < london_later, "02:30Z is before 03:00Z");
        assert_ne!(beijing, utc, "same instant, written differently");
        assert_ne!(beijing.cmp(&utc), Ordering::Equal, "the order is total");
        assert_eq!(beijing.day_string(), "2022-10-08");
        let early = d("2022-10-08T01:00:00+08:00");
        assert!(early < d("2022-10-08"), "that instant is 10-07 17:00 UTC");
        assert_eq!(early.day_string(), "2022-10-08", "shown as written");
    }

    #[test]
    fn month_only() {
        let m = parse("2022-10").unwrap();
        assert!(m.month_only);
        assert_eq!(m.day, NaiveDate::from_ymd_opt(2022, 10, 1).unwrap());
        assert_eq!(m.day_string(), "2022-10");
        assert_eq!(m.iso(), "2022-10");
        assert_eq!(iso("2022/3").as_deref(), Some("2022-03"));
        assert!(m < parse("2022-10-01").unwrap(), "a month before its 1st");
        assert!(m > parse("2022-09-30T23:59:59").unwrap());
        assert_eq!(parse("2022-10 10:30"), None);
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "yesterday",
            "2022-13-01",
            "2022-13",
            "",
            "22-10-08",
            "2022",
            "2022-10-08-09",
            "2022-1x-08",
            "10:30",
        ] {
            assert_eq!(parse(s), None, "{s:?}");
        }
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
