//! Finding the time a backup probe states: an RFC 3339 time
//! (`2026-11-23T02:10:00Z`, `2026-11-23T04:10:00+02:00`) or
//! `YYYY-MM-DD HH:MM[:SS]` read as UTC, anywhere in its output.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDateTime, Utc};
use regex::Regex;

static TIME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?").ok()
});

/// The latest time stated in `lines` (a backup that started and finished
/// is dated by its finish), or `None` when no line holds one.
pub fn latest(lines: &[String]) -> Option<DateTime<Utc>> {
    let re = TIME.as_ref()?;
    lines.iter().flat_map(|l| re.captures_iter(l)).filter_map(|c| parse(&c)).max()
}

fn parse(c: &regex::Captures<'_>) -> Option<DateTime<Utc>> {
    let seconds = c.get(3).map_or(":00", |m| m.as_str());
    let text = format!("{}T{}{seconds}", c.get(1)?.as_str(), c.get(2)?.as_str());
    let naive = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
    let offset_secs = match c.get(4).map(|m| m.as_str()) {
        None | Some("Z" | "z") => 0,
        Some(o) => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let digits: String = o.chars().filter(char::is_ascii_digit).collect();
            let hours: i64 = digits.get(..2)?.parse().ok()?;
            let minutes: i64 = digits.get(2..)?.parse().ok()?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3600 + minutes * 60)
        }
    };
    Some(naive.and_utc() - chrono::Duration::seconds(offset_secs))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).single().expect("valid")
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn reads_rfc3339_and_the_plain_utc_form() {
        assert_eq!(latest(&lines("snapshot billing finished 2026-11-23T02:10:00Z")), Some(at(2, 10)));
        assert_eq!(latest(&lines("done at 2026-11-23T04:10:00+02:00")), Some(at(2, 10)));
        assert_eq!(latest(&lines("2026-11-23 02:10 completed")), Some(at(2, 10)));
        assert_eq!(latest(&lines("2026-11-23 02:10:30.5")), Some(at(2, 10) + chrono::Duration::milliseconds(30_500)));
    }

    #[test]
    fn takes_the_latest_time_and_none_without_one() {
        assert_eq!(latest(&lines("started 2026-11-23 01:00\nfinished 2026-11-23 02:10")), Some(at(2, 10)));
        assert_eq!(latest(&lines("no backup found")), None);
        assert_eq!(latest(&lines("2026-13-45 99:99")), None, "not a real time");
        assert_eq!(latest(&[]), None);
    }
}
