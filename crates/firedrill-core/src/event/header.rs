//! The journal's first line: the session, its runbook and deck, whole.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Mode;

/// The journal's first line: everything needed to stand alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Journal format version ([`super::JOURNAL_FORMAT`]).
    pub format: u32,
    /// Unique session id, e.g. `20261123T0305Z-onboarding-signup-4f2a`.
    pub session_id: String,
    /// Drill or incident.
    pub mode: Mode,
    /// The runbook path as given when the session started.
    pub runbook_path: String,
    /// The whole runbook text, so the record stands alone: with its
    /// secrets masked when `runbook_redacted` (docs/secrets.md).
    pub runbook_text: String,
    /// Lower-case hex sha256 of the runbook file as it was read (the same
    /// as of `runbook_text` unless that is a redacted copy).
    pub runbook_sha256: String,
    /// True when `runbook_text` is a redacted copy of the file: its
    /// commands are run from the file, and only while its sha256 is
    /// `runbook_sha256` (absent: false, the text is the file's; added in
    /// issue 20).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub runbook_redacted: bool,
    /// When the session started (UTC).
    pub started_at: DateTime<Utc>,
    /// The status update cadence from the team's config, in milliseconds,
    /// when the runbook sets none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_every_ms: Option<u64>,
    /// The deck of inject cards given with `--injects`, whole, so the
    /// record stands alone (absent without one; added in issue 12, a
    /// journal without it reads as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deck: Option<DeckRecord>,
    /// True when the session was started with `--live-commands`: a drill
    /// runs the commands that change a system (absent: false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub live_commands: bool,
}

/// A deck of inject cards as the journal keeps it: where it was read, and
/// its whole text, from which its cards are parsed again on replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckRecord {
    /// The deck path as given with `--injects`.
    pub path: String,
    /// The whole deck text, with its secrets masked when `redacted`.
    pub text: String,
    /// Lower-case hex sha256 of the deck file as it was read.
    pub sha256: String,
    /// True when `text` is a redacted copy of the file (absent: false;
    /// added in issue 20).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
}
