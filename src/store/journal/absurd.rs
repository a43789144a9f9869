//! Numbers no firedrill writes: a `t_ms` past ten years, a `seq` past a
//! trillion, a date outside years 1970-9999. A journal that holds one is
//! refused with its line, never folded into nonsense.

use chrono::{DateTime, Datelike, Utc};

use crate::core::event::{Event, EventKind};

/// Largest `t_ms` accepted: ten years of milliseconds, since a resumed
/// session's clock counts the gap.
pub const MAX_T_MS: u64 = 10 * 366 * 24 * 3600 * 1000;
/// Largest event number accepted (a trillion events; the next number must
/// always fit).
pub const MAX_SEQ: u64 = 1 << 40;

/// Why a date cannot come from firedrill: before 1970 or after year 9999.
pub(super) fn bad_date(at: DateTime<Utc>) -> Option<String> {
    (!(1970..=9999).contains(&at.year())).then(|| format!("{} is outside years 1970-9999", at.to_rfc3339()))
}

/// Why an event's numbers cannot come from firedrill, if they cannot.
pub(crate) fn absurd(e: &Event) -> Option<String> {
    if e.seq > MAX_SEQ {
        return Some(format!("seq {} is more than a trillion", e.seq));
    }
    if e.t_ms > MAX_T_MS {
        return Some(format!("t_ms {} is more than ten years", e.t_ms));
    }
    if let Some(why) = bad_date(e.at) {
        return Some(format!("at {why}"));
    }
    match &e.kind {
        EventKind::NoteAdded { happened_at: Some(h), .. } => bad_date(*h).map(|w| format!("happened_at {w}")),
        EventKind::UpdateDelivered { update, .. } if *update > MAX_SEQ => {
            Some(format!("update {update} is more than a trillion"))
        }
        EventKind::Reopened { interrupted_at, interrupted_ms } => {
            if *interrupted_ms > MAX_T_MS {
                Some(format!("interrupted_ms {interrupted_ms} is more than ten years"))
            } else {
                bad_date(*interrupted_at).map(|w| format!("interrupted_at {w}"))
            }
        }
        _ => None,
    }
}
