//! The debrief's review of the proposed action items: a due date typed as
//! `+7d`, `+2w` or `2026-12-01`, one item's decision checked before it is
//! recorded (only what the team changed is kept, so an untouched field
//! follows the proposal), and the reviews applied to the proposals (kept as
//! the team left them, or dropped). A proposal the team did not touch stands.

use chrono::{Days, NaiveDate};
use thiserror::Error;

use super::ActionItem;
use crate::event::{ActionKind, ActionReview};

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
    in_range(date, start)
}

fn in_range(date: NaiveDate, start: NaiveDate) -> Result<NaiveDate, ActionError> {
    let last = start.checked_add_days(Days::new(MAX_DUE_DAYS)).unwrap_or(NaiveDate::MAX);
    if date < start || date > last { Err(ActionError::DueOutOfRange(date)) } else { Ok(date) }
}

impl ActionReview {
    /// Checks what the review changes, for a session started on `start`: a
    /// kept item's new text and owner are not empty and its due date is in
    /// range; a dropped item needs nothing.
    ///
    /// # Errors
    /// The first [`ActionError`] found.
    pub fn check(&self, start: NaiveDate) -> Result<(), ActionError> {
        if !self.keep {
            return Ok(());
        }
        if self.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(ActionError::NoText);
        }
        if self.owner.as_deref().is_some_and(|o| o.trim().is_empty()) {
            return Err(ActionError::NoOwner);
        }
        self.due.map_or(Ok(()), |d| in_range(d, start).map(|_| ()))
    }
}

/// The team's decision on `proposal` (as proposed, before any review):
/// kept with this text, owner, due date (see [`parse_due`]) and kind, or
/// dropped; only the fields that differ from the proposal are kept.
///
/// # Errors
/// For a kept item: an empty text or owner, or a due date [`parse_due`]
/// refuses. A dropped item is never refused.
pub fn review(
    proposal: &ActionItem,
    keep: bool,
    (text, owner, due): (&str, &str, &str),
    kind: ActionKind,
    start: NaiveDate,
) -> Result<ActionReview, ActionError> {
    let (text, owner) = (text.trim(), owner.trim());
    let due = match parse_due(due, start) {
        Ok(d) => Some(d),
        Err(e) if keep => return Err(e),
        Err(_) => None,
    };
    let changed = |new: &str, old: &str| (new != old).then(|| new.to_owned());
    let r = ActionReview {
        source: proposal.source.clone(),
        keep,
        text: changed(text, &proposal.text),
        owner: changed(owner, &proposal.owner),
        due: due.filter(|d| *d != proposal.due),
        kind: (kind != proposal.kind).then_some(kind),
    };
    r.check(start)?;
    Ok(r)
}

/// `reviews` with `r` in place of any earlier review of the same proposal;
/// a review that keeps the proposal as it is leaves none.
pub fn replace(reviews: &mut Vec<ActionReview>, r: ActionReview) {
    reviews.retain(|old| old.source != r.source);
    let untouched = r.keep && r.text.is_none() && r.owner.is_none() && r.due.is_none() && r.kind.is_none();
    if !untouched {
        reviews.push(r);
    }
}

/// Each proposal with whether it is kept, in order, as the reviews leave
/// it: the fields a review changed, the proposal's own otherwise. A review
/// whose proposal no longer exists is ignored; the last review of a source wins.
pub fn reviewed(candidates: Vec<ActionItem>, reviews: &[ActionReview]) -> Vec<(ActionItem, bool)> {
    candidates
        .into_iter()
        .map(|mut item| match reviews.iter().rev().find(|r| !item.source.is_empty() && r.source == item.source) {
            Some(r) => {
                if let Some(t) = &r.text {
                    item.text.clone_from(t);
                }
                if let Some(o) = r.owner.as_ref().filter(|o| **o != item.owner) {
                    item.owner.clone_from(o);
                    item.assigned = true;
                }
                item.due = r.due.unwrap_or(item.due);
                item.kind = r.kind.unwrap_or(item.kind);
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
mod tests;
