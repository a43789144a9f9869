//! Renders the postmortem of a session as CommonMark/GFM that passes
//! markdownlint: a pure function of the runbook, the header and the events.

mod evidence;
mod incident;
mod injects;
mod labels;
mod lessons;
mod resolution;
mod review;
mod secrets;
mod sections;
mod signals;
mod texts;
mod timeline;

use std::fmt::Write as _;

pub use labels::recovery_label;
pub use lessons::{actions as action_items, generated_summary};
pub use texts::NoteTexts;
pub use timeline::full as full_timeline;

use crate::event::Header;
use crate::review::Summary;
use crate::runbook::Runbook;
use crate::session::Session;

/// Everything the postmortem is made from.
pub struct Input<'a> {
    /// The journal header (mode, runbook path, start).
    pub header: &'a Header,
    /// The runbook the session ran.
    pub runbook: &'a Runbook,
    /// The session, folded from its events.
    pub session: &'a Session,
    /// Other saved sessions, for the splits against earlier drills.
    pub history: &'a [Summary],
}

/// Renders the postmortem markdown, ending with one newline. Times come from
/// the events only, so the file agrees with the journal.
pub fn render(input: &Input<'_>) -> String {
    let mut out = String::new();
    for section in sections::ALL {
        let body = section(input);
        if body.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", body.trim_end());
    }
    out
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_claimed;
#[cfg(test)]
mod tests_issue23;
