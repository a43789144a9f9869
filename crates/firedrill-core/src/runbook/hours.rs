//! A team's risky hours: when a risky migration phase should not ship
//! (docs/domain.md, "How teams use it": "a Tuesday
//! morning, not a Friday afternoon"). Written `fri 12:00-24:00`, `sat`,
//! `mon-fri 18:00-24:00`: days (three letters, a range allowed) and an
//! optional span of the day in local time; the end is exclusive.

use std::fmt;

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

/// One risky window: days of the week and a span of each (minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first day.
    pub from: Weekday,
    /// The last day (the same as `from` for one day).
    pub to: Weekday,
    /// Minutes after midnight the window starts, 0 to 1439.
    pub start_min: u32,
    /// Minutes after midnight it ends (exclusive), 1 to 1440.
    pub end_min: u32,
}

/// Why a risky-hours entry does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a risky window: write days and an optional span, like \"fri 12:00-24:00\" or \"sat\"")]
pub struct HoursError(pub String);

/// The windows when a runbook says none: Friday from 12:00, and weekends.
pub fn default_windows() -> Vec<Window> {
    ["fri 12:00-24:00", "sat", "sun"].iter().filter_map(|w| parse(w).ok()).collect()
}

/// Parses one entry.
///
/// # Errors
/// [`HoursError`] when the days or the span do not read, or the span ends
/// before it starts.
pub fn parse(text: &str) -> Result<Window, HoursError> {
    let bad = || HoursError(text.chars().take(40).collect());
    let mut parts = text.split_whitespace();
    let days = parts.next().ok_or_else(bad)?;
    let (a, b) = days.split_once('-').unwrap_or((days, days));
    let (from, to) = (day(a).ok_or_else(bad)?, day(b).ok_or_else(bad)?);
    let (start_min, end_min) = match parts.next() {
        None => (0, 1440),
        Some(span) => {
            let (a, b) = span.split_once('-').ok_or_else(bad)?;
            (minutes(a).ok_or_else(bad)?, minutes(b).ok_or_else(bad)?)
        }
    };
    if parts.next().is_some() || end_min <= start_min || start_min >= 1440 {
        return Err(bad());
    }
    Ok(Window { from, to, start_min, end_min })
}

fn day(text: &str) -> Option<Weekday> {
    let t = text.to_ascii_lowercase();
    let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let i = full.iter().position(|d| *d == t || (t.len() == 3 && d.starts_with(&t)))?;
    Weekday::try_from(u8::try_from(i).ok()?).ok()
}

/// `HH:MM` as minutes after midnight, up to `24:00`.
fn minutes(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

impl Window {
    /// True when `local` (the team's local time) falls in this window.
    pub fn contains(&self, local: NaiveDateTime) -> bool {
        let (d, from, to) =
            (local.weekday().num_days_from_monday(), self.from.num_days_from_monday(), self.to.num_days_from_monday());
        let on_day = if from <= to { (from..=to).contains(&d) } else { d >= from || d <= to };
        let minute = local.hour() * 60 + local.minute();
        on_day && (self.start_min..self.end_min).contains(&minute)
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |d: Weekday| d.to_string().to_lowercase();
        if self.from == self.to {
            f.write_str(&name(self.from))?;
        } else {
            write!(f, "{}-{}", name(self.from), name(self.to))?;
        }
        if (self.start_min, self.end_min) != (0, 1440) {
            let hm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
            write!(f, " {}-{}", hm(self.start_min), hm(self.end_min))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        // 2026-11-23 is a Monday.
        NaiveDate::from_ymd_opt(2026, 11, 23 + day).and_then(|d| d.and_hms_opt(h, m, 0)).expect("date")
    }

    #[test]
    fn the_default_is_friday_afternoon_and_weekends() {
        let risky = |t: NaiveDateTime| default_windows().iter().any(|w| w.contains(t));
        assert!(!risky(at(1, 10, 0)), "Tuesday morning is fine");
        assert!(!risky(at(4, 11, 59)), "Friday morning is fine");
        assert!(risky(at(4, 12, 0)) && risky(at(4, 23, 59)), "Friday afternoon is risky");
        assert!(risky(at(5, 9, 0)) && risky(at(6, 0, 0)), "weekends are risky");
        assert!(!risky(at(7, 0, 0)), "Monday again");
    }

    #[test]
    fn entries_read_ranges_and_refuse_nonsense() {
        let w = parse("Mon-Fri 18:00-24:00").expect("reads");
        assert_eq!(w.to_string(), "mon-fri 18:00-24:00");
        assert!(w.contains(at(2, 19, 0)) && !w.contains(at(2, 17, 59)) && !w.contains(at(5, 19, 0)));
        let wrap = parse("sat-mon").expect("a range over the week's end");
        assert!(wrap.contains(at(0, 9, 0)) && wrap.contains(at(6, 9, 0)) && !wrap.contains(at(1, 9, 0)));
        for bad in ["", "friday afternoon", "fri 12-24", "fri 18:00-12:00", "fri 12:00-24:30", "xyz", "fri 1:00-2:00 x"]
        {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
