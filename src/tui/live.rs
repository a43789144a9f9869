//! The session being run: its header, runbook and core state, plus the
//! mapping from the loop's clock to the session's monotonic milliseconds.

use std::path::PathBuf;

use crate::core::event::{Header, JOURNAL_FORMAT, Mode, Stamp};
use crate::core::plan::{derive, name_live_item};
use crate::core::roles::Roles;
use crate::core::runbook::Runbook;
use crate::core::session::{Command, Session, SessionError};
use crate::store::journal::{Loaded as Journal, sha256_hex};
use crate::store::paths::slug;
use crate::store::runbook_file::Loaded;
use crate::tui::app::{Cmd, Now};

/// A running session as the screens see it.
#[derive(Debug, Clone)]
pub struct Live {
    /// The journal header.
    pub header: Header,
    /// The runbook.
    pub runbook: Runbook,
    /// The core state.
    pub session: Session,
    /// `Now::mono_ms` at the session's t = 0.
    pub origin_ms: u64,
    /// Set when a journal write failed: shown on every frame until resolved.
    pub journal_error: Option<String>,
    /// Where the journal is, once known.
    pub journal_path: Option<PathBuf>,
}

impl Live {
    /// Starts a session at `now` with checked `roles`; returns it with the
    /// commands that create the journal and append the start event.
    ///
    /// # Errors
    /// [`SessionError`] when the roles break the rule for `mode`.
    pub fn start(loaded: Loaded, mode: Mode, roles: Roles, now: Now) -> Result<(Self, Vec<Cmd>), SessionError> {
        let nonce = (u64::from(std::process::id()) ^ u64::from(now.wall.timestamp_subsec_nanos())) & 0xffff;
        let header = Header {
            format: JOURNAL_FORMAT,
            session_id: format!("{}-{}-{nonce:04x}", now.wall.format("%Y%m%dT%H%M%SZ"), slug(&loaded.path)),
            mode,
            runbook_path: loaded.path.clone(),
            runbook_sha256: sha256_hex(&loaded.text),
            runbook_text: loaded.text,
            started_at: now.wall,
        };
        let session = Session::new(mode, derive(&loaded.runbook), name_live_item(&loaded.runbook));
        let mut live = Self {
            header: header.clone(),
            runbook: loaded.runbook,
            session,
            origin_ms: now.mono_ms,
            journal_error: None,
            journal_path: None,
        };
        let append = live.apply(Command::Start(roles), now)?;
        Ok((live, vec![Cmd::CreateJournal(header), append]))
    }

    /// The session's monotonic milliseconds at `now`.
    pub fn t_ms(&self, now: Now) -> u64 {
        now.mono_ms.saturating_sub(self.origin_ms)
    }

    /// Applies `command` at `now`; returns the command that journals its event.
    ///
    /// # Errors
    /// The [`SessionError`] the core gave; nothing changed.
    pub fn apply(&mut self, command: Command, now: Now) -> Result<Cmd, SessionError> {
        let stamp = Stamp { at: now.wall, t_ms: self.t_ms(now) };
        self.session.apply(command, stamp).map(Cmd::Append)
    }

    /// The journal as the store reads it, for saving.
    pub fn journal(&self) -> Journal {
        Journal { header: self.header.clone(), events: self.session.events.clone(), skipped: Vec::new() }
    }

    /// True for a live incident.
    pub fn is_incident(&self) -> bool {
        self.header.mode == Mode::Incident
    }
}
