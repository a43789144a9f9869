//! Which rows the review list shows, in which order: the saved sessions
//! and the pre-release check records that pass the filters and the search,
//! newest first, then the unreadable files (unfiltered).

use super::ReviewScreen;
use crate::core::review::Summary;

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A saved session: its index in `scanned`.
    Session(usize),
    /// A pre-release check record: its index in `preflights`.
    Preflight(usize),
}

impl ReviewScreen {
    fn matches(&self, fields: &[&str], date: chrono::DateTime<chrono::Utc>) -> bool {
        let q = self.query.to_lowercase();
        q.is_empty()
            || fields.iter().any(|f| f.to_lowercase().contains(&q))
            || date.format("%Y-%m-%d").to_string().contains(&q)
    }

    fn session_shown(&self, sum: &Summary) -> bool {
        self.mode.is_none_or(|m| m == sum.mode)
            && self.runbook.as_ref().is_none_or(|r| *r == sum.group())
            && (self.query.is_empty()
                || self.matches(
                    &[&sum.title, &sum.runbook, &sum.roles.driver, &sum.roles.communicator, &sum.roles.verifier]
                        .map(String::as_str)
                        .into_iter()
                        .chain(sum.deck.as_deref())
                        .chain(sum.injects.iter().map(|c| c.title.as_str()))
                        .collect::<Vec<&str>>(),
                    sum.started_at,
                ))
    }

    /// The rows shown. A record is no drill nor incident: the mode filter
    /// hides it.
    pub(super) fn rows(&self) -> Vec<Row> {
        let mut dated: Vec<(chrono::DateTime<chrono::Utc>, Row)> = self
            .scanned
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.summary.as_ref().ok().map(|sum| (i, sum)))
            .filter(|(_, sum)| self.session_shown(sum))
            .map(|(i, sum)| (sum.started_at, Row::Session(i)))
            .collect();
        dated.extend(
            self.preflights
                .iter()
                .enumerate()
                .filter(|(_, (_, r))| {
                    self.mode.is_none()
                        && self.runbook.as_ref().is_none_or(|k| *k == r.runbook)
                        && self.matches(&[&r.title, &r.runbook, "preflight"], r.at)
                })
                .map(|(i, (_, r))| (r.at, Row::Preflight(i))),
        );
        // Stable: sessions keep the scan's order among equal times.
        dated.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        let mut rows: Vec<Row> = dated.into_iter().map(|(_, r)| r).collect();
        if self.mode.is_none() && self.runbook.is_none() && self.query.is_empty() {
            rows.extend(
                self.scanned.iter().enumerate().filter(|(_, s)| s.summary.is_err()).map(|(i, _)| Row::Session(i)),
            );
        }
        rows
    }

    /// The runbook key of the selected row, session or record.
    pub(super) fn selected_runbook(&self) -> Option<String> {
        match *self.rows().get(self.selected)? {
            Row::Session(i) => self.scanned[i].summary.as_ref().ok().map(|s| s.runbook.clone()),
            Row::Preflight(i) => self.preflights.get(i).map(|(_, r)| r.runbook.clone()),
        }
    }
}
