//! Reading what people typed: a note's `@HH:MM` (when it happened), the
//! "Next update at HH:MM UTC" an update promises, and a release ID.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::SessionError;
use crate::event::{Event, EventKind};

/// A note as recorded, read from its event: the text is held once, by the
/// event, however large the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'a> {
    /// Wall-clock time it was written.
    pub at: DateTime<Utc>,
    /// Monotonic ms since start.
    pub t_ms: u64,
    /// The text as typed (sanitize before display).
    pub text: &'a str,
    /// When it happened, when written after the fact.
    pub happened_at: Option<DateTime<Utc>>,
    /// The event that recorded it.
    pub seq: u64,
}

impl<'a> Note<'a> {
    /// The note event `e` records, if it records one.
    pub fn of(e: &'a Event) -> Option<Self> {
        match &e.kind {
            EventKind::NoteAdded { text, happened_at } => {
                Some(Self { at: e.at, t_ms: e.t_ms, text, happened_at: *happened_at, seq: e.seq })
            }
            _ => None,
        }
    }
}

/// How far before the start a note may go back, at the least: an incident
/// session often starts well after the first alert, and that time matters.
pub const BACKDATE_FLOOR_MINUTES: i64 = 60;

/// Reads a note written after the fact: `@14:02 text` happened at 14:02
/// UTC on the day of `now`, or the day before when that is still to come.
/// It must lie no further before `start` than the session has run
/// (`now - start`), or [`BACKDATE_FLOOR_MINUTES`] if that is longer.
/// Returns `Ok(None)` for a note without an `@` time.
///
/// # Errors
/// [`SessionError::BadBackdate`] when the prefix is not a time (`@25:99`)
/// or points outside that window; the message says what is allowed.
pub fn backdated(
    note: &str,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, String)>, SessionError> {
    let Some(rest) = note.trim_start().strip_prefix('@') else { return Ok(None) };
    // "@ana said" is a plain note; "@1" starts a time.
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let (time, text) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let Ok(time) = NaiveTime::parse_from_str(time, "%H:%M") else {
        return Err(SessionError::BadBackdate(format!("@{time} is not a time: write @HH:MM in UTC, e.g. @14:02")));
    };
    let today = now.date_naive().and_time(time).and_utc();
    let at = if today > now { today - Duration::days(1) } else { today };
    let earliest = start - (now - start).max(Duration::minutes(BACKDATE_FLOOR_MINUTES));
    if at < earliest {
        let why = if today > now { "is still to come today" } else { "is before the session" };
        return Err(SessionError::BadBackdate(format!(
            "@{} {why}: a note may go back to {} UTC (the session's length, or an hour, before its start)",
            time.format("%H:%M"),
            earliest.format("%H:%M")
        )));
    }
    if text.trim().is_empty() {
        return Err(SessionError::Empty("the note"));
    }
    Ok(Some((at, text.trim().to_owned())))
}

/// The promise in a status update: the last "next update [at|by] HH:MM"
/// (any case, "UTC" optional), as the next such time at or after
/// `posted_at`; `None` when the update promises nothing.
pub fn promised_next(text: &str, posted_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let lower = text.to_lowercase();
    // The last promise written wins: a time typed after the drafted one is
    // the one the person means.
    let time = lower.rmatch_indices("next update").find_map(|(at, word)| {
        let rest = lower[at + word.len()..].trim_start();
        let rest =
            ["at ", "by ", ": ", "around "].iter().find_map(|w| rest.strip_prefix(w)).unwrap_or(rest).trim_start();
        let hhmm: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
        NaiveTime::parse_from_str(&hhmm, "%H:%M").ok()
    })?;
    let today = posted_at.date_naive().and_time(time).and_utc();
    // Minutes count: "at 11:40" posted at 11:40:30 promises 11:40 today.
    let floor = posted_at - Duration::seconds(59);
    Some(if today < floor { today + Duration::days(1) } else { today })
}

/// A release ID as typed: trimmed, one token of printable characters, at
/// most 128 bytes (docs/domain.md, "Words": one identifier per release).
///
/// # Errors
/// [`SessionError::Empty`] for nothing typed, [`SessionError::BadRelease`]
/// for spaces, control characters or a runaway length.
pub fn release_id(text: &str) -> Result<String, SessionError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(SessionError::Empty("the release"));
    }
    if t.len() > 128 || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(SessionError::BadRelease(t.chars().take(40).collect()));
    }
    Ok(t.to_owned())
}

/// Whether a typed release may be recorded now: one that is not
/// `expected` (the release the probe read, else the runbook's) is
/// recorded only on a second enter of the same text, `waiting` being the
/// text the first enter left to confirm; `Err` carries the notice to show
/// ("▲ enter again to keep prod-9: not the runbook's prod-2"; what to press
/// first, so a narrow screen keeps it). A stale
/// runbook is real, a stray keystroke is not a release.
///
/// # Errors
/// The notice, when `typed` differs from `expected` and is not `waiting`.
pub fn confirm_release(typed: &str, expected: Option<&str>, waiting: Option<&str>) -> Result<(), String> {
    let typed = typed.trim();
    match expected {
        Some(e) if e != typed && waiting != Some(typed) => {
            Err(format!("▲ enter again to keep {typed}: not the runbook's {e}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|d| d.to_utc()).expect("date")
    }

    #[test]
    fn a_backdated_note_must_fall_within_the_session_window() {
        let (start, now) = (t("2026-11-23T11:00:00Z"), t("2026-11-23T11:07:00Z"));
        let ok = backdated("@10:15 errors began", now, start).expect("in range");
        assert_eq!(ok, Some((t("2026-11-23T10:15:00Z"), "errors began".to_owned())));
        let late = backdated("@23:59 the job ran", now, start).expect_err("yesterday 23:59 is 11 h before");
        assert!(late.to_string().contains("still to come today"), "{late}");
        let early = backdated("@09:40 x", now, start).expect_err("more than an hour before the start");
        assert!(early.to_string().contains("to 10:00 UTC"), "{early}");
        let (long, later) = (t("2026-11-23T08:00:00Z"), t("2026-11-23T11:00:00Z"));
        assert!(backdated("@05:30 x", later, long).is_ok(), "a three-hour session may go back three hours");
        assert!(backdated("@25:99 bad", now, start).expect_err("not a time").to_string().contains("@25:99"));
        assert_eq!(backdated("@ana said so", now, start), Ok(None));
        assert_eq!(backdated("plain", now, start), Ok(None));
    }

    #[test]
    fn a_backdated_note_across_midnight_is_yesterday() {
        let (start, now) = (t("2026-11-23T23:50:00Z"), t("2026-11-24T00:10:00Z"));
        let (at, _) = backdated("@23:55 began", now, start).expect("ok").expect("backdated");
        assert_eq!(at, t("2026-11-23T23:55:00Z"));
    }

    #[test]
    fn the_promise_is_read_from_the_update_as_typed() {
        let posted = t("2026-11-23T11:20:00Z");
        assert_eq!(promised_next("Rolling back.\nNext update at 11:40 UTC.", posted), Some(t("2026-11-23T11:40:00Z")));
        assert_eq!(promised_next("next update at 00:05", t("2026-11-23T23:50:00Z")), Some(t("2026-11-24T00:05:00Z")));
        assert_eq!(promised_next("No more updates.", posted), None);
        assert_eq!(promised_next("Next update at noon", posted), None);
        assert_eq!(promised_next("next update 11:50 UTC", posted), Some(t("2026-11-23T11:50:00Z")));
        let retyped = "Rolling back.\nNext update at 11:53 UTC.\nNext update at 11:45 UTC";
        assert_eq!(promised_next(retyped, posted), Some(t("2026-11-23T11:45:00Z")), "the time typed last");
        let then_words = "Next update at 11:45 UTC. We will post the next update in the channel.";
        assert_eq!(promised_next(then_words, posted), Some(t("2026-11-23T11:45:00Z")), "the last with a time");
    }

    #[test]
    fn a_release_the_runbook_does_not_name_takes_a_second_enter() {
        assert_eq!(confirm_release("prod-2", Some("prod-2"), None), Ok(()));
        assert_eq!(confirm_release("prod-9", None, None), Ok(()), "nothing to compare with");
        let notice = confirm_release("prod-9 ", Some("prod-2"), None).expect_err("asks first");
        assert_eq!(notice, "▲ enter again to keep prod-9: not the runbook's prod-2");
        assert_eq!(confirm_release("prod-9", Some("prod-2"), Some("prod-9")), Ok(()), "the same text again");
        assert!(confirm_release("prod-8", Some("prod-2"), Some("prod-9")).is_err(), "another text asks again");
    }

    #[test]
    fn a_release_id_is_one_token() {
        assert_eq!(release_id(" prod-1 "), Ok("prod-1".to_owned()));
        assert!(matches!(release_id("j j j"), Err(SessionError::BadRelease(_))));
        assert_eq!(release_id("  "), Err(SessionError::Empty("the release")));
    }
}
