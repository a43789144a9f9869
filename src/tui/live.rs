//! The session being run: its header, runbook and core state, plus the
//! mapping from the loop's clock to the session's monotonic milliseconds.

use std::path::PathBuf;

pub mod commands;
pub use commands::{Commands, READING, refused};
pub mod written;

use crate::core::event::{Header, JOURNAL_FORMAT, Mode, Stamp};
use crate::core::roles::Roles;
use crate::core::runbook::{Runbook, RunbookError};
use crate::core::session::{Command, Session, SessionError};
use crate::store::journal::{JournalError, Loaded as Journal};
use crate::store::paths::slug;
use crate::store::runbook_file::LoadedRunbook;
use crate::tui::context::Now;
use crate::tui::messages::Cmd;

/// Why a session did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The roles break the rule for the mode.
    #[error(transparent)]
    Roles(#[from] SessionError),
    /// The copy of the runbook a journal keeps does not read.
    #[error(transparent)]
    Copy(#[from] RunbookError),
}

/// A running session as the screens see it.
#[derive(Debug, Clone)]
pub struct Live {
    /// The journal header.
    pub header: Header,
    /// The runbook as the journal keeps it (secrets masked): what the
    /// screens show and the steps derive from.
    pub runbook: Runbook,
    /// The runbook whose commands run (never the redacted copy).
    pub commands: Commands,
    /// The core state.
    pub session: Session,
    /// Added to `Now::mono_ms` to give the session's monotonic ms (negative
    /// for a fresh session, positive after resuming an older one).
    pub offset_ms: i64,
    /// Set when a journal write failed: shown on every frame until resolved.
    pub journal_error: Option<String>,
    /// The last event the journal confirmed fsynced (`Msg::JournalWritten`).
    pub written_seq: Option<u64>,
    /// Where the journal is, once known.
    pub journal_path: Option<PathBuf>,
    /// Set when another live process holds the journal: look, never write.
    pub read_only: Option<String>,
    /// A resumed session records its gap once the journal is open for writing.
    pub reopen_pending: bool,
    /// Earlier completed drills of this runbook (oldest first), for splits.
    pub earlier: Vec<crate::core::review::Summary>,
    /// Whether this runbook's commands may run here (`None` until known).
    pub trust: Option<crate::store::trust::Trust>,
    /// Sensors and kill-switch commands running now, so none runs twice.
    pub jobs: Vec<crate::tui::messages::Job>,
    /// The folder commands run in (where firedrill started).
    pub cwd: PathBuf,
    /// The runbook's redaction (built-in patterns plus its own), compiled
    /// once: every command line shown or saved goes through it.
    pub redactor: crate::core::redact::Redactor,
}

impl Live {
    /// Starts a session at `now` with checked `roles`; returns it with the
    /// commands that create the journal and append the start event.
    ///
    /// # Errors
    /// [`StartError`] when the roles break the rule for `mode`, or the
    /// runbook's copy with its secrets masked does not read.
    pub fn start(
        loaded: LoadedRunbook,
        mode: Mode,
        roles: Roles,
        live_commands: bool,
        now: Now,
    ) -> Result<(Self, Vec<Cmd>), StartError> {
        let nonce = (u64::from(std::process::id()) ^ u64::from(now.wall.timestamp_subsec_nanos())) & 0xffff;
        // The journal keeps the runbook and deck redacted; commands run
        // from the file as read.
        let kept = loaded.kept()?;
        let header = Header {
            format: JOURNAL_FORMAT,
            session_id: format!("{}-{}-{nonce:04x}", now.wall.format("%Y%m%dT%H%M%SZ"), slug(&loaded.path)),
            mode,
            runbook_path: loaded.path.clone(),
            runbook_sha256: kept.sha256,
            runbook_text: kept.text,
            runbook_redacted: kept.redacted,
            started_at: now.wall,
            update_every_ms: loaded
                .update_every
                .filter(|_| loaded.runbook.update_every.is_none())
                .map(crate::core::duration::HumanDuration::as_ms),
            deck: kept.deck.as_ref().map(|(record, _)| record.clone()),
            live_commands: live_commands && mode == Mode::Drill,
        };
        let key = kept.deck.as_ref().map(|(record, d)| d.key(&record.path));
        let session = Session::new(mode, &kept.runbook)
            .with_deck(key.as_deref().zip(kept.deck.as_ref().map(|(_, d)| d)))
            .with_update_every(header.update_every_ms)
            .with_live_commands(header.live_commands);
        let redactor = session.redactor().clone();
        let mut live = Self {
            header: header.clone(),
            runbook: kept.runbook,
            commands: Commands::Runbook(Box::new(loaded.runbook)),
            session,
            offset_ms: -i64::try_from(now.mono_ms).unwrap_or(i64::MAX),
            journal_error: None,
            written_seq: None,
            journal_path: None,
            read_only: None,
            reopen_pending: false,
            earlier: Vec::new(),
            trust: None,
            jobs: Vec::new(),
            cwd: std::env::current_dir().unwrap_or_default(),
            redactor,
        };
        let append = live.apply(Command::Start(roles), now)?;
        let trust =
            Cmd::CheckTrust { path: live.header.runbook_path.clone(), sha256: live.header.runbook_sha256.clone() };
        Ok((live, vec![Cmd::CreateJournal(Box::new(header)), append, Cmd::LoadHistory, trust]))
    }

    /// Rebuilds a session from its journal at `now`, continuing its clock
    /// from the last event plus the wall-clock gap; the returned command
    /// opens (and locks) the journal, after which the gap is recorded.
    ///
    /// # Errors
    /// [`JournalError`] when the runbook stored in the journal is invalid.
    pub fn resume(journal: Journal, path: PathBuf, now: Now) -> Result<(Self, Cmd), JournalError> {
        let last = journal.events.last().map_or((journal.header.started_at, 0), |e| (e.at, e.t_ms));
        // The events move into the session: a large journal is held once.
        let written_seq = journal.events.last().map(|e| e.seq);
        let (header, runbook, session) = journal.into_session()?;
        let gap = u64::try_from((now.wall - last.0).num_milliseconds()).unwrap_or(0);
        let t_now = i64::try_from(last.1.saturating_add(gap)).unwrap_or(i64::MAX);
        let redactor = session.redactor().clone();
        // A redacted copy never runs: the file is read (`Cmd::LoadCommands`).
        let commands = if header.runbook_redacted {
            Commands::Refused(READING.to_owned())
        } else {
            Commands::Runbook(Box::new(runbook.clone()))
        };
        let live = Self {
            header,
            runbook,
            commands,
            session,
            offset_ms: t_now - i64::try_from(now.mono_ms).unwrap_or(0),
            journal_error: None,
            written_seq,
            journal_path: Some(path.clone()),
            read_only: None,
            reopen_pending: true,
            earlier: Vec::new(),
            trust: None,
            jobs: Vec::new(),
            cwd: std::env::current_dir().unwrap_or_default(),
            redactor,
        };
        Ok((live, Cmd::OpenJournal(path)))
    }

    /// The session's monotonic milliseconds at `now`.
    pub fn t_ms(&self, now: Now) -> u64 {
        u64::try_from(i64::try_from(now.mono_ms).unwrap_or(i64::MAX).saturating_add(self.offset_ms)).unwrap_or(0)
    }

    /// Applies `command` at `now`; returns the command that journals its event.
    ///
    /// # Errors
    /// The [`SessionError`] the core gave; nothing changed.
    pub fn apply(&mut self, command: Command, now: Now) -> Result<Cmd, SessionError> {
        if let Some(holder) = &self.read_only {
            return Err(SessionError::ReadOnly(holder.clone()));
        }
        let stamp = Stamp { at: now.wall, t_ms: self.t_ms(now) };
        self.session.apply(command, stamp).map(Cmd::Append)
    }

    /// Applies `command` at `now`, returning what the core recorded beside
    /// the command that journals it: the screen learns what was decided
    /// from this, never by reading the events back.
    ///
    /// # Errors
    /// The [`SessionError`] the core gave; nothing changed.
    pub fn apply_event(
        &mut self,
        command: Command,
        now: Now,
    ) -> Result<(crate::core::event::EventKind, Cmd), SessionError> {
        let cmd = self.apply(command, now)?;
        let kind = match &cmd {
            Cmd::Append(e) => e.kind.clone(),
            _ => crate::core::event::EventKind::Finished,
        };
        Ok((kind, cmd))
    }

    /// The session whole, for saving: moved, never copied (a session of a
    /// million events is held once).
    pub fn into_held(self) -> crate::store::save::HeldSession {
        crate::store::save::HeldSession { header: self.header, runbook: self.runbook, session: self.session }
    }

    /// True for a live incident.
    pub fn is_incident(&self) -> bool {
        self.header.mode == Mode::Incident
    }
}
