//! The drill's calendar file (`firedrill schedule`): an iCalendar event
//! written with the `icalendar` crate, beside the runbook as `<stem>.ics`
//! unless another path is given, and read back (by the home board, for
//! the next drill). The event recurs (`RRULE`), lasts 20 minutes, starts
//! at a floating local time, and keeps the runbook path and the roles in
//! turn both for people (`DESCRIPTION`) and for firedrill
//! (`X-FIREDRILL-RUNBOOK`, and `X-FIREDRILL-ROLES-1`, `-2`... per drill in
//! turn: a repeated `X-` property keeps only its last value when parsed).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike};

use crate::core::schedule::{MINUTES, Rule, Scheduled, roles_field, roles_from};

/// The calendar file's extension.
pub const EXT: &str = "ics";

/// Largest calendar file read, in bytes.
const MAX_BYTES: u64 = 256 * 1024;

/// Where the calendar file of the runbook at `runbook` goes: `<stem>.ics`
/// beside it.
pub fn beside(runbook: &Path) -> PathBuf {
    runbook.with_extension(EXT)
}

/// The iCalendar text of `s`, stamped `now` (DTSTAMP); its UID is made
/// from the runbook path, so a new schedule of the same runbook replaces
/// the old event in a calendar that imports both.
pub fn to_ics(s: &Scheduled, now: DateTime<Utc>) -> String {
    let mut event = Event::new();
    event
        .uid(&format!("firedrill-{}@firedrill", crate::store::paths::slug(&s.runbook)))
        .timestamp(now)
        .summary(&s.summary)
        .description(&s.description())
        .starts(CalendarDateTime::Floating(s.start))
        .ends(CalendarDateTime::Floating(s.start + Duration::minutes(MINUTES)))
        .add_property("RRULE", s.rule.rrule())
        .add_property("X-FIREDRILL-RUNBOOK", &s.runbook);
    for (n, roles) in s.roles.iter().enumerate() {
        event.add_property(format!("X-FIREDRILL-ROLES-{}", n + 1), roles_field(roles));
    }
    let mut cal = Calendar::new();
    cal.name(&s.summary).push(event.done());
    cal.done().to_string()
}

/// Reads a calendar file firedrill wrote back into what it scheduled.
///
/// # Errors
/// Why it is not one: unreadable, not iCalendar, no event, no start or a
/// recurrence firedrill does not write.
pub fn from_ics(text: &str) -> Result<Scheduled, String> {
    let cal: Calendar = text.parse().map_err(|e: String| format!("not an iCalendar file: {e}"))?;
    let event = cal.components.iter().find_map(|c| c.as_event()).ok_or("no event in the calendar file")?;
    let start = match event.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(at))) => at,
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => at.naive_utc(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, .. })) => date_time,
        _ => return Err("the event has no start time".to_owned()),
    };
    let recurrence = event.property_value("RRULE").ok_or("the event does not recur (no RRULE)")?;
    let rule = Rule::from_rrule(recurrence, start.time()).map_err(|e| e.to_string())?;
    let roles =
        (1..).map_while(|n| event.property_value(&format!("X-FIREDRILL-ROLES-{n}"))).filter_map(roles_from).collect();
    Ok(Scheduled {
        summary: event.get_summary().unwrap_or_default().to_owned(),
        runbook: event.property_value("X-FIREDRILL-RUNBOOK").unwrap_or_default().to_owned(),
        rule,
        start,
        roles,
    })
}

/// Reads the calendar file at `path`.
///
/// # Errors
/// As [`from_ics`], or why the file cannot be read.
pub fn read(path: &Path) -> Result<Scheduled, String> {
    let bytes = crate::store::regular::read(path, MAX_BYTES).map_err(|e| e.to_string())?;
    from_ics(&String::from_utf8_lossy(&bytes))
}

/// Writes `s` to `path`: a new file, or over the old one only with
/// `replace` (atomically either way).
///
/// # Errors
/// Why not, in words: the file exists (without `replace`) or cannot be written.
pub fn write(path: &Path, s: &Scheduled, now: DateTime<Utc>, replace: bool) -> Result<(), String> {
    let text = to_ics(s, now);
    let shown = crate::core::sanitize::sanitize_line(&path.display().to_string());
    let written = if replace {
        crate::store::atomic::replace(path, text.as_bytes())
    } else if path.symlink_metadata().is_ok() {
        return Err(format!("{shown} exists: pass --replace to schedule over it"));
    } else {
        crate::store::atomic::write_new(path, text.as_bytes())
    };
    written.map_err(|e| format!("cannot write {shown}: {e}"))
}

/// The next drill after `now` (local) of the schedule beside the runbook
/// at `runbook`, when there is one and it reads.
pub fn next_beside(runbook: &Path, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let s = read(&beside(runbook)).ok()?;
    Some(if s.start > now { s.start } else { s.rule.next_after(now) })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::core::roles::Roles;

    #[test]
    fn the_file_parses_back_with_its_recurrence_roles_and_length() {
        let rule = Rule::parse("month", "first Tuesday 10:00").expect("rule");
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date");
        let roles = vec![Roles::new("Cy", "Ana Lee", "Ben"), Roles::new("Ana Lee", "Ben", "Cy")];
        let s = Scheduled::new("Sign-ups, checkout; more", "runbooks/signup.toml", rule, now, roles);
        let stamp = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).single().expect("date");
        let text = to_ics(&s, stamp);
        assert!(text.contains("RRULE:FREQ=MONTHLY;BYDAY=1TU\r\n"), "{text}");
        assert!(text.contains("DTSTART:20261201T100000\r\n") && text.contains("DTEND:20261201T102000\r\n"), "{text}");
        assert_eq!(from_ics(&text), Ok(s));
        assert!(from_ics("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").is_err());
    }

    #[test]
    fn a_schedule_is_never_overwritten_unless_asked() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("svc.ics");
        let rule = Rule::parse("week", "Tuesday 10:00").expect("rule");
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date");
        let s = Scheduled::new("T", "svc.toml", rule, now, Vec::new());
        write(&path, &s, Utc::now(), false).expect("written");
        assert!(write(&path, &s, Utc::now(), false).is_err_and(|e| e.contains("exists: pass --replace")));
        write(&path, &s, Utc::now(), true).expect("replaced");
        assert_eq!(next_beside(&dir.path().join("svc.toml"), now), Some(s.start));
        assert_eq!(next_beside(&dir.path().join("svc.toml"), s.start), Some(s.start + Duration::days(7)));
    }
}
