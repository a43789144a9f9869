//! Action items across saved sessions: each with an ID (`<session id>#n`),
//! open or closed (by `firedrill actions close`, or by a later drill of the
//! same runbook answering "done" when it asked about last time's
//! promises), and the issue it was exported to, if any. Pure: read from
//! session summaries.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::actions::ActionItem;
use crate::review::Summary;

/// One action item as tracked across sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackedAction {
    /// `<session id>#<number>`: what `firedrill actions close` takes.
    pub id: String,
    /// The session that proposed it.
    pub session_id: String,
    /// Its number in that session, from 1.
    pub number: usize,
    /// The runbook key of the session.
    pub runbook: String,
    /// When the session started (UTC).
    pub started_at: DateTime<Utc>,
    /// The item: text, kind, owner, due date.
    #[serde(flatten)]
    pub item: ActionItem,
    /// How it was closed; `None` while open.
    pub closed: Option<String>,
    /// The issue it was exported to.
    pub exported: Option<String>,
}

impl TrackedAction {
    /// True while nobody closed it.
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    /// Days from the session's start to `now`.
    pub fn age_days(&self, now: DateTime<Utc>) -> i64 {
        (now - self.started_at).num_days().max(0)
    }
}

/// Every action item of `history`, oldest session first.
pub fn tracked(history: &[Summary]) -> Vec<TrackedAction> {
    let mut sessions: Vec<&Summary> = history.iter().collect();
    sessions.sort_by_key(|s| s.started_at);
    let mut out = Vec::new();
    for s in &sessions {
        for (n, item) in s.actions.iter().enumerate() {
            let number = n + 1;
            let closed_here = s.actions_closed.iter().find(|(i, _)| *i == number).map(|(_, how)| how.clone());
            // A later drill of the runbook that asked and heard "done".
            let closed_later = || {
                sessions
                    .iter()
                    .filter(|t| t.runbook == s.runbook && t.started_at > s.started_at)
                    .find(|t| t.followups_done.iter().any(|f| f.trim() == item.text.trim()))
                    .map(|t| format!("done, said in session {}", t.session_id))
            };
            out.push(TrackedAction {
                id: format!("{}#{number}", s.session_id),
                session_id: s.session_id.clone(),
                number,
                runbook: s.runbook.clone(),
                started_at: s.started_at,
                item: item.clone(),
                closed: closed_here.or_else(closed_later),
                exported: s.actions_exported.iter().rev().find(|(i, _)| *i == number).map(|(_, u)| u.clone()),
            });
        }
    }
    out
}

/// Splits an ID `<session id>#<number>`; `None` when it is not one.
pub fn parse_id(id: &str) -> Option<(&str, usize)> {
    let (session, n) = id.rsplit_once('#')?;
    let n: usize = n.parse().ok().filter(|n| *n > 0)?;
    (!session.is_empty()).then_some((session, n))
}

#[cfg(test)]
mod tests;
