//! The rules at the end of a session: when a command may come relative to
//! the finish, the debrief's checks of the action item reviews, and closing
//! or exporting an action item once the debrief has settled the numbers.

use super::errors::{Decided, non_empty};
use super::{Command, Session, SessionError};
use crate::event::{Debrief, EventKind};

impl Session {
    /// Closing or exporting an action item, after the session too.
    pub(super) fn keep_action(&self, command: Command) -> Decided {
        match command {
            Command::CloseAction { item, note } => {
                self.action_item(item)?;
                if self.actions_closed.iter().any(|(n, _)| *n == item) {
                    return Err(SessionError::ActionClosed(item));
                }
                Ok((None, EventKind::ActionClosed { item, note: non_empty(note, "the note")? }))
            }
            Command::ExportAction { item, url } => {
                self.action_item(item)?;
                Ok((None, EventKind::ActionExported { item, url: non_empty(url, "the URL")? }))
            }
            _ => Err(SessionError::Finished),
        }
    }

    /// Whether `command` may come now, before or after the finish: a
    /// delivery result may arrive after it, and action items are closed or
    /// exported only after it (the debrief settles and numbers them).
    pub(super) fn in_time(&self, command: &Command) -> Result<(), SessionError> {
        let on_items = matches!(command, Command::CloseAction { .. } | Command::ExportAction { .. });
        let after = on_items || matches!(command, Command::RecordDelivery { .. });
        match self.finished_ms {
            Some(_) if !after => Err(SessionError::Finished),
            None if on_items => Err(SessionError::NotFinished),
            _ => Ok(()),
        }
    }

    /// Action item `item` (from 1) exists.
    fn action_item(&self, item: usize) -> Result<(), SessionError> {
        let count = self.started_at.map_or(0, |s| super::action_items::proposed(self, s).len());
        if item == 0 || item > count { Err(SessionError::NoSuchAction(item)) } else { Ok(()) }
    }
}

/// A debrief whose action item reviews pass `ActionReview::check` for a
/// session started at `started` (the same rule the debrief screen uses).
pub(super) fn checked_debrief(
    d: Box<Debrief>,
    started: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Box<Debrief>, SessionError> {
    let start = started.map_or(chrono::NaiveDate::MIN, |s| s.date_naive());
    for r in &d.actions {
        r.check(start)?;
    }
    Ok(d)
}
