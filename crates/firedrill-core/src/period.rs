//! Calendar-length durations for backup facts (`7d`, `90d`, `12h`,
//! `1d12h`): a backup window or how often a restore is practised runs to
//! days and months, past the 24-hour bound of a drill's [`HumanDuration`].

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::duration::{DurationError, HumanDuration};

/// A duration written as an optional `<n>d` (days) followed by an optional
/// [`HumanDuration`] part under a day (`90d`, `12h`, `1d12h`); whole
/// seconds, more than zero, at most [`MAX_DAYS`] days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period(pub Duration);

/// The longest period accepted: ten years, in days.
pub const MAX_DAYS: u64 = 3650;

const DAY: u64 = 24 * 3600;

impl Period {
    /// A period of `days` whole days.
    pub const fn days(days: u64) -> Self {
        Self(Duration::from_secs(days * DAY))
    }

    /// The period in whole seconds.
    pub fn as_secs(self) -> u64 {
        self.0.as_secs()
    }

    /// Parses `90d`, `1d12h`, `12h` or `30m`.
    ///
    /// # Errors
    /// [`DurationError`] when the text is not of that form, is zero, or is
    /// longer than [`MAX_DAYS`] days.
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        let echo: String = text.chars().take(40).collect();
        let form = || DurationError::Form(echo.clone());
        let t = text.trim();
        let (days, rest) = match t.split_once('d') {
            Some((n, rest)) => {
                let n: u64 = n.parse().ok().filter(|_| n.chars().all(|c| c.is_ascii_digit())).ok_or_else(form)?;
                (n, rest)
            }
            None => (0, t),
        };
        if days > MAX_DAYS {
            return Err(DurationError::TooLong(echo));
        }
        let rest = if rest.is_empty() {
            0
        } else {
            match HumanDuration::parse(rest) {
                Ok(d) => d.0.as_secs(),
                Err(DurationError::Zero(_)) if days == 0 => return Err(DurationError::Zero(echo)),
                Err(_) => return Err(form()),
            }
        };
        if rest >= DAY && days > 0 {
            return Err(form());
        }
        let secs = days * DAY + rest;
        if secs == 0 {
            return Err(DurationError::Zero(echo));
        }
        if secs > MAX_DAYS * DAY {
            return Err(DurationError::TooLong(echo));
        }
        Ok(Self(Duration::from_secs(secs)))
    }
}

impl fmt::Display for Period {
    /// Writes `90d`, `1d12h` or `12h` (days first, then the rest).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.as_secs();
        let (days, rest) = (s / DAY, s % DAY);
        if days > 0 {
            write!(f, "{days}d")?;
        }
        if rest > 0 || days == 0 {
            write!(f, "{}", HumanDuration::from_secs(rest))?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(|e| serde::de::Error::custom(period_message(&e)))
    }
}

/// The error of a refused period, naming the forms a period takes.
fn period_message(e: &DurationError) -> String {
    match e {
        DurationError::Form(t) => format!("invalid duration {t:?}: write it like 90d, 7d, 12h or 1d12h"),
        DurationError::TooLong(t) => {
            format!("duration {t:?} is longer than {MAX_DAYS}d, the most firedrill accepts here")
        }
        DurationError::Zero(_) => e.to_string(),
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_the_drill_forms() {
        assert_eq!(Period::parse("90d"), Ok(Period::days(90)));
        assert_eq!(Period::parse("24h").map(Period::as_secs), Ok(24 * 3600));
        assert_eq!(Period::parse("1d12h").map(Period::as_secs), Ok(36 * 3600));
        assert_eq!(Period::parse("30m").map(Period::as_secs), Ok(1800));
        assert_eq!(Period::parse("3650d"), Ok(Period::days(3650)));
    }

    #[test]
    fn refuses_prose_zero_disorder_and_more_than_ten_years() {
        for bad in [
            "",
            "d",
            "90",
            "90 days",
            "0d",
            "1d0s",
            "-1d",
            "1d1d",
            "12h1d",
            "1d24h",
            "25h",
            "3651d",
            "99999999999999999999d",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn displays_days_first() {
        assert_eq!(Period::days(90).to_string(), "90d");
        assert_eq!(Period(Duration::from_secs(36 * 3600)).to_string(), "1d12h");
        assert_eq!(Period(Duration::from_secs(26 * 3600)).to_string(), "1d2h");
        assert_eq!(Period(Duration::from_secs(1800)).to_string(), "30m");
    }
}
