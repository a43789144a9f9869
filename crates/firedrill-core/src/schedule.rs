//! The drill on the calendar (docs/domain.md, "How teams use it": a monthly drill,
//! 20-30 minutes, during work hours): when it recurs (`--every month`,
//! `--at "first Tuesday 10:00"`), as an iCalendar recurrence rule and back,
//! the next time it falls after a given moment, and what the calendar
//! entry says. Times are the team's local wall clock (a "floating" time in
//! iCalendar terms); the shell passes "now" as data. `store::schedule`
//! writes and reads the `.ics` file.

use std::fmt::{self, Write as _};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::roles::Roles;

/// How long the calendar entry is: a monthly drill aims under 20 minutes.
pub const MINUTES: i64 = 20;

/// How often the drill recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// Every week, on a weekday.
    Week,
    /// Every month, on the first to fourth (or last) weekday.
    Month,
}

/// Which weekday of the month: 1 to 4, or -1 for the last.
pub type Ordinal = i8;

/// When the drill recurs: how often, which weekday (of the month), when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Weekly or monthly.
    pub every: Every,
    /// For a monthly rule, which weekday of the month (1-4, -1 last).
    pub ordinal: Ordinal,
    /// The weekday.
    pub weekday: Weekday,
    /// The local start time.
    pub time: NaiveTime,
}

/// Why `--every` or `--at` does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// `--every` is not `week` or `month`.
    #[error("{0:?}: --every takes week or month")]
    Every(String),
    /// `--at` does not read.
    #[error(
        "{0:?}: write --at like \"first Tuesday 10:00\" (monthly: first, second, third, fourth or last) or \"Tuesday 10:00\" (weekly)"
    )]
    At(String),
    /// A recurrence rule this build did not write.
    #[error("{0:?} is not a recurrence firedrill reads (FREQ=MONTHLY;BYDAY=1TU or FREQ=WEEKLY;BYDAY=TU)")]
    Rrule(String),
}

const ORDINALS: [(&str, Ordinal); 5] = [("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", -1)];
const DAYS: [(&str, Weekday); 7] = [
    ("MO", Weekday::Mon),
    ("TU", Weekday::Tue),
    ("WE", Weekday::Wed),
    ("TH", Weekday::Thu),
    ("FR", Weekday::Fri),
    ("SA", Weekday::Sat),
    ("SU", Weekday::Sun),
];

impl Rule {
    /// Reads `--every` and `--at`: `month` with `first Tuesday 10:00`, or
    /// `week` with `Tuesday 10:00`.
    ///
    /// # Errors
    /// [`ScheduleError`] naming the part that does not read.
    pub fn parse(every: &str, at: &str) -> Result<Self, ScheduleError> {
        let every = match every.trim().to_lowercase().as_str() {
            "month" | "monthly" => Every::Month,
            "week" | "weekly" => Every::Week,
            _ => return Err(ScheduleError::Every(every.to_owned())),
        };
        let bad = || ScheduleError::At(at.to_owned());
        let words: Vec<String> = at.split_whitespace().map(str::to_lowercase).collect();
        let (ordinal, rest) = match (every, words.as_slice()) {
            (Every::Month, [first, rest @ ..]) => {
                (ORDINALS.iter().find(|(w, _)| w == first).map(|(_, n)| *n).ok_or_else(bad)?, rest)
            }
            (Every::Week, rest) => (1, rest),
            _ => return Err(bad()),
        };
        let [day, time] = rest else { return Err(bad()) };
        let weekday: Weekday = day.parse().map_err(|_| bad())?;
        let time = NaiveTime::parse_from_str(time, "%H:%M").map_err(|_| bad())?;
        Ok(Self { every, ordinal, weekday, time })
    }

    /// The iCalendar recurrence: `FREQ=MONTHLY;BYDAY=1TU`, `FREQ=WEEKLY;BYDAY=TU`.
    pub fn rrule(&self) -> String {
        let day = DAYS.iter().find(|(_, d)| *d == self.weekday).map_or("MO", |(c, _)| *c);
        match self.every {
            Every::Month => format!("FREQ=MONTHLY;BYDAY={}{day}", self.ordinal),
            Every::Week => format!("FREQ=WEEKLY;BYDAY={day}"),
        }
    }

    /// The rule of an `RRULE` written by [`Rule::rrule`], with the time of
    /// its start.
    ///
    /// # Errors
    /// [`ScheduleError::Rrule`] for any other rule.
    pub fn from_rrule(rrule: &str, time: NaiveTime) -> Result<Self, ScheduleError> {
        let bad = || ScheduleError::Rrule(rrule.to_owned());
        let mut freq = None;
        let mut byday = None;
        for part in rrule.split(';') {
            match part.split_once('=') {
                Some(("FREQ", f)) => freq = Some(f),
                Some(("BYDAY", d)) => byday = Some(d),
                Some(("INTERVAL", "1") | ("WKST", _)) => {}
                _ => return Err(bad()),
            }
        }
        let byday = byday.ok_or_else(bad)?;
        let split = byday.len().checked_sub(2).ok_or_else(bad)?;
        let (n, code) = byday.split_at(split);
        let weekday = DAYS.iter().find(|(c, _)| *c == code).map(|(_, d)| *d).ok_or_else(bad)?;
        match (freq, n) {
            (Some("WEEKLY"), "") => Ok(Self { every: Every::Week, ordinal: 1, weekday, time }),
            (Some("MONTHLY"), n) => {
                let ordinal: Ordinal = n.trim_start_matches('+').parse().map_err(|_| bad())?;
                if !(ordinal == -1 || (1..=4).contains(&ordinal)) {
                    return Err(bad());
                }
                Ok(Self { every: Every::Month, ordinal, weekday, time })
            }
            _ => Err(bad()),
        }
    }

    /// The first time the rule falls strictly after `after` (local time).
    pub fn next_after(&self, after: NaiveDateTime) -> NaiveDateTime {
        let mut day = after.date();
        // A weekday recurs within 7 days; an ordinal weekday within 2 months.
        for _ in 0..70 {
            let at = day.and_time(self.time);
            if at > after && self.falls_on(day) {
                return at;
            }
            day = day.succ_opt().unwrap_or(day);
        }
        after + Duration::days(1)
    }

    /// The next `n` times after `after`, in order.
    pub fn next_n(&self, after: NaiveDateTime, n: usize) -> Vec<NaiveDateTime> {
        let mut out: Vec<NaiveDateTime> = Vec::with_capacity(n);
        let mut from = after;
        for _ in 0..n {
            from = self.next_after(from);
            out.push(from);
        }
        out
    }

    fn falls_on(&self, day: NaiveDate) -> bool {
        if day.weekday() != self.weekday {
            return false;
        }
        match self.every {
            Every::Week => true,
            Every::Month if self.ordinal == -1 => (day + Duration::days(7)).month() != day.month(),
            Every::Month => i64::from(day.day0() / 7) + 1 == i64::from(self.ordinal),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = match self.weekday {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        };
        let time = self.time.format("%H:%M");
        match self.every {
            Every::Week => write!(f, "every {day} at {time}"),
            Every::Month => {
                let which = ORDINALS.iter().find(|(_, n)| *n == self.ordinal).map_or("first", |(w, _)| *w);
                write!(f, "the {which} {day} of every month at {time}")
            }
        }
    }
}

/// What the calendar entry holds: its title, the runbook, the recurrence
/// from `start`, and the roles of the next drills in turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// "Rollback drill: <runbook title>".
    pub summary: String,
    /// The runbook path as given.
    pub runbook: String,
    /// When it recurs.
    pub rule: Rule,
    /// The first drill (local time).
    pub start: NaiveDateTime,
    /// The roles of the next drills, in turn (empty: too few people known).
    pub roles: Vec<Roles>,
}

impl Scheduled {
    /// The entry of the drill of `title` (runbook `runbook`) on `rule`,
    /// first after `now` (local), with the `roles` rotation.
    pub fn new(title: &str, runbook: &str, rule: Rule, now: NaiveDateTime, roles: Vec<Roles>) -> Self {
        Self {
            summary: format!("Rollback drill: {}", crate::sanitize::sanitize_line(title)),
            runbook: runbook.to_owned(),
            rule,
            start: rule.next_after(now),
            roles,
        }
    }

    /// The entry's description: what to run, the roles in turn, the length.
    pub fn description(&self) -> String {
        let mut out =
            format!("Rehearse the rollback of {} ({}): firedrill drill {}\n", self.runbook, self.rule, self.runbook);
        match self.roles.split_first() {
            Some((next, later)) => {
                let _ = writeln!(out, "Next roles by rotation: {}", roles_text(next));
                let drivers: Vec<&str> = later.iter().map(|r| r.driver.as_str()).collect();
                if !drivers.is_empty() {
                    let _ = writeln!(out, "Then the drivers in turn: {}", drivers.join(", "));
                }
            }
            None => out.push_str("Roles: pick them on the roles screen (no drill of this runbook saved yet)\n"),
        }
        let _ = write!(out, "{MINUTES} minutes: a monthly drill aims under 20.");
        out
    }
}

/// `driver=Ana;communicator=Ben;verifier=Cy`, the form the `.ics` keeps
/// for machines, and [`roles_from`] reads back.
pub fn roles_field(r: &Roles) -> String {
    format!("driver={};communicator={};verifier={}", r.driver, r.communicator, r.verifier)
}

/// The roles of a [`roles_field`] text.
pub fn roles_from(text: &str) -> Option<Roles> {
    let mut roles = Roles::default();
    for part in text.split(';') {
        let (role, name) = part.split_once('=')?;
        let role = crate::vocab::Role::ALL.into_iter().find(|r| r.key() == role.trim())?;
        roles.set(role, name);
    }
    roles.validate(false).ok().map(|()| roles)
}

/// "driver Ana, communicator Ben, verifier Cy".
pub fn roles_text(r: &Roles) -> String {
    format!("driver {}, communicator {}, verifier {}", r.driver, r.communicator, r.verifier)
}

#[cfg(test)]
mod tests;
