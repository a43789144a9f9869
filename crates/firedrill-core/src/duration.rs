//! Human durations as runbooks write them (`90s`, `2m`, `1h30m`) and as
//! screens show them (`mm:ss`).

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A duration written as one or more `<number><unit>` parts with units
/// `h`, `m` and `s`, such as `30m`, `90s` or `1h30m`; stored in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct HumanDuration(pub Duration);

/// The longest duration accepted anywhere (time-box, targets, update
/// cadence, restore time): 24 hours. Bounding it where it is parsed keeps
/// every later time computation in range (`check` and `drill` agree).
pub const MAX: Duration = Duration::from_secs(24 * 3600);

/// Most characters of a refused duration echoed back in an error.
const ECHO: usize = 40;

/// Why a duration string was refused; the text is echoed cut to 40
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    /// Not of the `90s` / `2m` / `1h30m` form.
    #[error("invalid duration {0:?}: write it like 90s, 2m or 1h30m")]
    Form(String),
    /// Zero length.
    #[error("duration {0:?} is zero; it must be more than zero")]
    Zero(String),
    /// Longer than [`MAX`].
    #[error("duration {0:?} is longer than 24h, the most firedrill accepts")]
    TooLong(String),
}

/// `text` as echoed in an error: at most [`ECHO`] characters, then `...`.
fn echo(text: &str) -> String {
    let mut out: String = text.chars().take(ECHO).collect();
    if text.chars().nth(ECHO).is_some() {
        out.push_str("...");
    }
    out
}

impl HumanDuration {
    /// Builds a duration of `secs` seconds.
    pub const fn from_secs(secs: u64) -> Self {
        Self(Duration::from_secs(secs))
    }

    /// The duration in milliseconds.
    pub fn as_ms(self) -> u64 {
        u64::try_from(self.0.as_millis()).unwrap_or(u64::MAX)
    }

    /// Parses `30m`, `90s`, `1h30m` or `2h`.
    ///
    /// # Errors
    /// [`DurationError`] for an empty string, a unit other than h/m/s, a part
    /// without a number or a unit, a repeated or misordered unit, zero, or
    /// more than [`MAX`] (24h).
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        let err = || DurationError::Form(echo(text));
        let mut secs: u64 = 0;
        let mut number: Option<u64> = None;
        let mut last_rank = 0;
        for c in text.trim().chars() {
            if let Some(d) = c.to_digit(10) {
                let n = number.unwrap_or(0);
                number = Some(n.checked_mul(10).and_then(|n| n.checked_add(u64::from(d))).ok_or_else(err)?);
                continue;
            }
            let (rank, unit) = match c {
                'h' => (1, 3600),
                'm' => (2, 60),
                's' => (3, 1),
                _ => return Err(err()),
            };
            let n = number.take().ok_or_else(err)?;
            if rank <= last_rank {
                return Err(err());
            }
            last_rank = rank;
            secs = n
                .checked_mul(unit)
                .and_then(|v| secs.checked_add(v))
                .filter(|s| *s <= MAX.as_secs())
                .ok_or_else(|| DurationError::TooLong(echo(text)))?;
        }
        if number.is_some() || last_rank == 0 {
            return Err(err());
        }
        if secs == 0 {
            return Err(DurationError::Zero(echo(text)));
        }
        Ok(Self::from_secs(secs))
    }
}

impl fmt::Display for HumanDuration {
    /// Writes the shortest `1h30m` / `2m` / `90s` form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.as_secs();
        let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        if sec > 0 || s == 0 {
            write!(f, "{sec}s")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for HumanDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for HumanDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Formats milliseconds as `mm:ss` (or `h:mm:ss` from one hour), rounding down.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// Formats a signed difference in milliseconds as `+m:ss` or `-m:ss`, and
/// from an hour as `+1h02m` (`0:00`, with no sign, under a second either
/// way): an 18-hour target never reads `-1079:33`.
pub fn delta(ms: i64) -> String {
    if ms.unsigned_abs() < 1000 {
        return "0:00".to_owned();
    }
    let sign = if ms < 0 { '-' } else { '+' };
    let s = ms.unsigned_abs() / 1000;
    if s >= 3600 {
        return format!("{sign}{}h{:02}m", s / 3600, (s % 3600) / 60);
    }
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_over_an_hour_reads_in_hours_and_minutes() {
        assert_eq!(delta(-(17 * 3_600_000 + 59 * 60_000 + 33_000)), "-17h59m");
        assert_eq!(delta(3_720_000), "+1h02m");
        assert_eq!(delta(-65_000), "-1:05");
        assert_eq!(delta(999), "0:00");
    }

    #[test]
    fn parses_the_forms_runbooks_use() {
        assert_eq!(HumanDuration::parse("90s").map(|d| d.0.as_secs()), Ok(90));
        assert_eq!(HumanDuration::parse("2m").map(|d| d.0.as_secs()), Ok(120));
        assert_eq!(HumanDuration::parse("1h30m").map(|d| d.0.as_secs()), Ok(5400));
        assert_eq!(HumanDuration::parse("1h2m3s").map(|d| d.0.as_secs()), Ok(3723));
    }

    #[test]
    fn refuses_prose_zero_and_disorder() {
        for bad in ["", "30", "30 minutes", "m", "0m", "2m1h", "5m5m", "1d", "99999999999999999999h"] {
            assert!(HumanDuration::parse(bad).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn refuses_more_than_a_day_and_echoes_a_short_prefix() {
        assert_eq!(HumanDuration::parse("24h").map(|d| d.0.as_secs()), Ok(86_400));
        assert_eq!(
            HumanDuration::parse("3000000000h").map_err(|e| e.to_string()),
            Err("duration \"3000000000h\" is longer than 24h, the most firedrill accepts".to_owned())
        );
        assert!(HumanDuration::parse("23h60m").is_ok_and(|d| d.0.as_secs() == 86_400));
        assert!(HumanDuration::parse("24h1s").is_err());
        let huge = "x".repeat(200_000);
        let msg = HumanDuration::parse(&huge).expect_err("prose").to_string();
        assert!(msg.len() < 120, "{msg}");
    }

    #[test]
    fn displays_shortest_form() {
        assert_eq!(HumanDuration::from_secs(5400).to_string(), "1h30m");
        assert_eq!(HumanDuration::from_secs(90).to_string(), "1m30s");
        assert_eq!(HumanDuration::from_secs(600).to_string(), "10m");
    }

    #[test]
    fn clock_and_delta() {
        assert_eq!(clock(61_999), "01:01");
        assert_eq!(clock(3_725_000), "1:02:05");
        assert_eq!(delta(-95_000), "-1:35");
        assert_eq!(delta(35_000), "+0:35");
        assert_eq!(delta(-400), "0:00");
    }
}
