//! The debrief's review of the proposed action items: a due date typed as
//! `+7d`, `+2w` or `2026-12-01`, one item's decision checked before it is
//! recorded, and the reviews applied to the proposals (kept as the team
//! left them, or dropped). A proposal the team did not touch stands.

use chrono::{Days, NaiveDate};
use thiserror::Error;

use super::ActionItem;
use crate::core::event::{ActionKind, ActionReview};

/// The longest a due date may lie after the session's start: a year.
pub const MAX_DUE_DAYS: u64 = 366;

/// Why an action item's edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ActionError {
    /// The text was left empty (drop the item instead).
    #[error("an action item needs its text (space drops it instead)")]
    NoText,
    /// The owner was left empty.
    #[error("an action item needs an owner")]
    NoOwner,
    /// The due date is neither `+Nd`, `+Nw` nor `YYYY-MM-DD`.
    #[error("due {0:?}: write +7d, +2w or a date like 2026-12-01")]
    BadDue(String),
    /// The due date is before the session started or over a year after.
    #[error("due {0}: a date from the session's day to a year after it")]
    DueOutOfRange(NaiveDate),
}

/// The date `text` names, relative to `start` (the session's start day):
/// `+Nd` days or `+Nw` weeks after it, or an ISO date; between `start` and
/// [`MAX_DUE_DAYS`] after it.
///
/// # Errors
/// [`ActionError::BadDue`] for another shape, [`ActionError::DueOutOfRange`]
/// for a date before `start` or too far after it.
pub fn parse_due(text: &str, start: NaiveDate) -> Result<NaiveDate, ActionError> {
    let t = text.trim();
    let bad = || ActionError::BadDue(t.chars().take(40).collect());
    let date = if let Some(rest) = t.strip_prefix('+') {
        let (digits, unit) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()));
        let n: u64 = digits.parse().map_err(|_| bad())?;
        let days = match unit.trim() {
            "d" | "" => n,
            "w" => n.checked_mul(7).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        if days > MAX_DUE_DAYS {
            return Err(ActionError::DueOutOfRange(start.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)));
        }
        start.checked_add_days(Days::new(days)).ok_or_else(bad)?
    } else {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad())?
    };
    let last = start.checked_add_days(Days::new(MAX_DUE_DAYS)).unwrap_or(NaiveDate::MAX);
    if date < start || date > last { Err(ActionError::DueOutOfRange(date)) } else { Ok(date) }
}

/// The team's decision on `item`: kept with this text, owner, due date
/// (see [`parse_due`]) and kind, or dropped; trimmed and checked.
///
/// # Errors
/// An empty text or owner, or a due date [`parse_due`] refuses.
pub fn review(
    item: &ActionItem,
    keep: bool,
    (text, owner, due): (&str, &str, &str),
    kind: ActionKind,
    start: NaiveDate,
) -> Result<ActionReview, ActionError> {
    let (text, owner) = (text.trim(), owner.trim());
    if text.is_empty() {
        return Err(ActionError::NoText);
    }
    if owner.is_empty() {
        return Err(ActionError::NoOwner);
    }
    let due = parse_due(due, start)?;
    Ok(ActionReview { source: item.source.clone(), keep, text: text.to_owned(), owner: owner.to_owned(), due, kind })
}

/// Each proposal with whether it is kept, in order, as the reviews leave
/// it: edited where a review says so, as proposed otherwise. A review whose
/// proposal no longer exists is ignored; the last review of a source wins.
pub fn reviewed(candidates: Vec<ActionItem>, reviews: &[ActionReview]) -> Vec<(ActionItem, bool)> {
    candidates
        .into_iter()
        .map(|mut item| match reviews.iter().rev().find(|r| !item.source.is_empty() && r.source == item.source) {
            Some(r) => {
                item.text.clone_from(&r.text);
                item.owner.clone_from(&r.owner);
                item.due = r.due;
                item.kind = r.kind;
                (item, r.keep)
            }
            None => (item, true),
        })
        .collect()
}

/// The proposals split by the reviews (see [`reviewed`]): the kept ones as
/// the team left them, then the dropped ones as the team last saw them.
pub fn apply(candidates: Vec<ActionItem>, reviews: &[ActionReview]) -> (Vec<ActionItem>, Vec<ActionItem>) {
    let (kept, dropped): (Vec<_>, Vec<_>) = reviewed(candidates, reviews).into_iter().partition(|(_, keep)| *keep);
    (kept.into_iter().map(|(i, _)| i).collect(), dropped.into_iter().map(|(i, _)| i).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::roles::Role;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn item(source: &str) -> ActionItem {
        ActionItem {
            text: format!("do {source}"),
            kind: ActionKind::Process,
            owner: "Ann".into(),
            role: Role::Driver,
            due: day("2026-11-30"),
            source: source.into(),
        }
    }

    #[test]
    fn due_dates_are_relative_to_the_start_or_a_date_within_a_year() {
        let start = day("2026-11-23");
        assert_eq!(parse_due("+7d", start), Ok(day("2026-11-30")));
        assert_eq!(parse_due(" +2w ", start), Ok(day("2026-12-07")));
        assert_eq!(parse_due("+0d", start), Ok(start));
        assert_eq!(parse_due("2026-12-01", start), Ok(day("2026-12-01")));
        assert!(matches!(parse_due("next week", start), Err(ActionError::BadDue(_))));
        assert!(matches!(parse_due("+3m", start), Err(ActionError::BadDue(_))));
        assert!(matches!(parse_due("+99999999999999999999d", start), Err(ActionError::BadDue(_))));
        assert_eq!(parse_due("2026-11-22", start), Err(ActionError::DueOutOfRange(day("2026-11-22"))));
        assert!(matches!(parse_due("+400d", start), Err(ActionError::DueOutOfRange(_))));
    }

    #[test]
    fn an_edit_needs_text_and_an_owner() {
        let start = day("2026-11-23");
        let it = item("prevention");
        assert_eq!(review(&it, true, (" ", "Ann", "+7d"), ActionKind::Detect, start), Err(ActionError::NoText));
        assert_eq!(review(&it, true, ("x", "", "+7d"), ActionKind::Detect, start), Err(ActionError::NoOwner));
        let r = review(&it, true, (" Add a probe ", " Bo ", "+1w"), ActionKind::Detect, start).expect("valid");
        assert_eq!(
            (r.text.as_str(), r.owner.as_str(), r.due, r.kind),
            ("Add a probe", "Bo", day("2026-11-30"), ActionKind::Detect)
        );
    }

    #[test]
    fn reviews_keep_edit_or_drop_by_source_and_untouched_proposals_stand() {
        let start = day("2026-11-23");
        let (a, b, c) = (item("prevention"), item("note:4"), item("flag:x"));
        let edit = review(&a, true, ("Ship a deploy health check", "Bo", "2026-12-02"), ActionKind::Prevent, start)
            .expect("edit");
        let drop = review(&b, false, ("do note:4", "Ann", "+7d"), ActionKind::Process, start).expect("drop");
        let stale = ActionReview { source: "note:99".into(), ..drop.clone() };
        let (kept, dropped) = apply(vec![a, b.clone(), c.clone()], &[edit, drop, stale]);
        assert_eq!(kept.len(), 2);
        assert_eq!((kept[0].text.as_str(), kept[0].owner.as_str()), ("Ship a deploy health check", "Bo"));
        assert_eq!(kept[0].due, day("2026-12-02"));
        assert_eq!(kept[1], c);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].source, b.source);
    }
}
