//! Leaving a session: what the quit menu may offer, and the one line that
//! says on the way out exactly what is on disk and where. The rule (issue
//! 13, "A write that fails is never hidden"): "keep" is offered only for a
//! journal complete on disk; while events are pending the way out is to
//! retry, to write the whole journal to another folder, or to finish and
//! write the postmortem (with the whole journal) elsewhere.

use crate::sanitize::sanitize_line;

/// One way out of the quit menu, in the order it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Finish now: the debrief, then the postmortem and a copy of the
    /// journal written to the output folder (or one chosen after a failure).
    Finish,
    /// Leave; the journal, complete on disk, resumes the session later.
    Keep,
    /// Try to write the pending events to the journal now.
    Retry,
    /// Write the whole journal, from memory, to a folder the person names,
    /// and leave.
    WriteElsewhere,
    /// Leave firedrill (no session of ours is open: nothing to keep).
    Leave,
    /// Close the menu.
    Back,
}

/// Where the session stands when the quit menu opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// A session this process writes is open (not followed read-only).
    pub session: bool,
    /// Every event of the session is on disk in its journal.
    pub journal_complete: bool,
}

/// The offers of the quit menu for `standing`, in menu order.
pub fn offers(standing: Standing) -> &'static [Offer] {
    match (standing.session, standing.journal_complete) {
        (false, _) => &[Offer::Leave, Offer::Back],
        (true, true) => &[Offer::Finish, Offer::Keep, Offer::Back],
        (true, false) => &[Offer::Finish, Offer::Retry, Offer::WriteElsewhere, Offer::Back],
    }
}

/// True when `offer` may be taken in `standing`.
pub fn allowed(standing: Standing, offer: Offer) -> bool {
    offers(standing).contains(&offer)
}

/// What is on disk as firedrill ends, for the last line it prints. Paths
/// and reasons are as shown; the line is sanitized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnDisk {
    /// The journal holds every event: the session resumes from it.
    Kept {
        /// The journal.
        journal: String,
    },
    /// The journal is incomplete; a whole copy was written elsewhere.
    Copied {
        /// The incomplete journal.
        journal: String,
        /// Why it cannot be written.
        reason: String,
        /// The whole copy, which resumes the session.
        copy: String,
        /// The session finished: the copy is for `report`, not `resume`.
        finished: bool,
    },
    /// The session was saved (postmortem and whole journal copy), but the
    /// running journal is still incomplete.
    SavedBehind {
        /// The files written, postmortem first.
        written: Vec<String>,
        /// The incomplete running journal.
        journal: String,
        /// Why it cannot be written.
        reason: String,
    },
    /// The journal is incomplete and no copy could be written anywhere.
    Lost {
        /// The incomplete journal.
        journal: String,
        /// Why it cannot be written.
        reason: String,
        /// Why no copy could be written.
        why: String,
    },
}

impl OnDisk {
    /// The line to print, naming every file and what it holds.
    pub fn line(&self) -> String {
        sanitize_line(&match self {
            Self::Kept { journal } => format!("firedrill: session kept; resume it with: firedrill resume {journal}"),
            Self::Copied { journal, reason, copy, finished } => {
                let then = if *finished {
                    "write its postmortem with: firedrill report"
                } else {
                    "resume it with: firedrill resume"
                };
                format!(
                    "firedrill: the journal at {journal} is incomplete ({reason}); the whole session was written to {copy} instead: {then} {copy}"
                )
            }
            Self::SavedBehind { written, journal, reason } => format!(
                "firedrill: wrote {}; the copy there holds every event. The running journal at {journal} is incomplete ({reason}): the copy is the record",
                written.join(" and ")
            ),
            Self::Lost { journal, reason, why } => format!(
                "firedrill: SESSION NOT KEPT: the journal at {journal} is incomplete ({reason}) and no copy could be written ({why}); the events since the last write are lost"
            ),
        })
    }

    /// True when every event is somewhere on disk.
    pub fn whole(&self) -> bool {
        !matches!(self, Self::Lost { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Offer; 6] =
        [Offer::Finish, Offer::Keep, Offer::Retry, Offer::WriteElsewhere, Offer::Leave, Offer::Back];

    #[test]
    fn keep_is_offered_only_for_a_journal_complete_on_disk() {
        for session in [false, true] {
            for journal_complete in [false, true] {
                let s = Standing { session, journal_complete };
                assert_eq!(allowed(s, Offer::Keep), session && journal_complete, "{s:?}");
                assert!(allowed(s, Offer::Back), "{s:?}");
                for offer in ALL {
                    assert_eq!(allowed(s, offer), offers(s).contains(&offer));
                }
            }
        }
    }

    #[test]
    fn pending_events_offer_retry_another_folder_and_finish() {
        let behind = Standing { session: true, journal_complete: false };
        assert_eq!(offers(behind), [Offer::Finish, Offer::Retry, Offer::WriteElsewhere, Offer::Back]);
        let complete = Standing { session: true, journal_complete: true };
        assert!(!allowed(complete, Offer::Retry) && !allowed(complete, Offer::WriteElsewhere));
        let none = Standing { session: false, journal_complete: false };
        assert_eq!(offers(none), [Offer::Leave, Offer::Back]);
    }

    #[test]
    fn every_exit_line_names_what_is_on_disk_and_where() {
        let s = |t: &str| t.to_owned();
        let kept = OnDisk::Kept { journal: s("/s/a.jsonl") };
        assert_eq!(kept.line(), "firedrill: session kept; resume it with: firedrill resume /s/a.jsonl");
        let copied = OnDisk::Copied {
            journal: s("/s/a.jsonl"),
            reason: s("No space left on device"),
            copy: s("/o/a.jsonl"),
            finished: false,
        };
        assert_eq!(
            copied.line(),
            "firedrill: the journal at /s/a.jsonl is incomplete (No space left on device); the whole session was written to /o/a.jsonl instead: resume it with: firedrill resume /o/a.jsonl"
        );
        // A finished session is not resumed: its copy is for the postmortem.
        let ended = OnDisk::Copied { journal: s("/s/a.jsonl"), reason: s("r"), copy: s("/o/a.jsonl"), finished: true };
        assert!(ended.line().ends_with("write its postmortem with: firedrill report /o/a.jsonl"), "{}", ended.line());
        let written = vec![s("/o/x.md"), s("/o/x.jsonl")];
        let saved = OnDisk::SavedBehind { written, journal: s("/s/a.jsonl"), reason: s("Read-only file system") };
        assert!(saved.line().starts_with("firedrill: wrote /o/x.md and /o/x.jsonl; the copy there holds every event."));
        assert!(saved.line().contains("/s/a.jsonl is incomplete (Read-only file system)"));
        let lost = OnDisk::Lost { journal: s("/s/a.jsonl"), reason: s("r"), why: s("no output folder") };
        assert!(lost.line().starts_with("firedrill: SESSION NOT KEPT"));
        assert!([kept, copied, saved].iter().all(OnDisk::whole) && !lost.whole());
        let hostile = OnDisk::Kept { journal: s("/s/\u{1b}[31mred.jsonl") };
        assert!(!hostile.line().contains('\u{1b}'), "{}", hostile.line());
    }
}
