//! The loop's effects: the open journal and its lock, commands running in
//! the background, the output folder. Each [`Cmd`] runs here, between
//! update and draw, and may answer with one [`Msg`]; each is logged.

use std::path::PathBuf;

use chrono::Utc;
use tokio::sync::mpsc::UnboundedSender;

use crate::store::journal::Journal;
use crate::store::lock::{Lock, LockError};
use crate::store::{heartbeat, paths};
use crate::tui::keeper::Keeper;
use crate::tui::keeper::MustKeep;
use crate::tui::messages::{Cmd, Msg};

mod files;

/// Runs the app's commands: the open journal and the output folder.
pub struct CmdRunner {
    /// Results of background work (status update delivery) come back here.
    pub results: UnboundedSender<Msg>,
    /// The running journal: created or opened, written, retried, kept.
    pub keeper: Keeper,
    /// Process groups of commands still running: killed when firedrill exits.
    pub groups: std::sync::Arc<std::sync::Mutex<Vec<u32>>>,
    /// Where journals are created.
    pub sessions_dir: Option<PathBuf>,
    /// The output folder chosen on the command line or in the config.
    pub out: Option<PathBuf>,
    /// The session id (the journal's file stem), for the log.
    pub session: String,
    /// A journal another process writes, followed read-only.
    pub follower: Option<crate::store::follow::Follower>,
    /// The firedrill binary, which guards each command it runs (`None`:
    /// commands run unguarded).
    pub guard: Option<PathBuf>,
    /// A file to show in the pager: the loop runs it, holding the terminal.
    pub page: Option<PathBuf>,
}

impl CmdRunner {
    /// The effects of a fresh loop: no journal yet, answers on `results`,
    /// output to `out` (and events held there while the journal is
    /// behind), commands guarded by this binary.
    pub fn new(results: UnboundedSender<Msg>, out: Option<PathBuf>) -> Self {
        Self {
            results,
            keeper: Keeper::with_spill(paths::spill_dirs(out.as_deref())),
            groups: std::sync::Arc::default(),
            sessions_dir: paths::sessions_dir(),
            out,
            session: String::new(),
            follower: None,
            guard: std::env::current_exe().ok(),
            page: None,
        }
    }

    /// Runs a sensor or a switch's command in the background; its result
    /// comes back as [`Msg::JobDone`], its process group remembered until it ends.
    fn run_job(
        &self,
        job: crate::tui::messages::Job,
        argv: Vec<String>,
        timeout: std::time::Duration,
        cwd: PathBuf,
        redact: Vec<String>,
    ) {
        // The program only: arguments may carry secrets the runbook redacts.
        let program = argv.first().map(|p| crate::core::sanitize::sanitize_line(p)).unwrap_or_default();
        tracing::debug!(session = %self.session, ?job, %program, "job run");
        let results = self.results.clone();
        let groups = std::sync::Arc::clone(&self.groups);
        // Guarded like an item's command: it dies with firedrill.
        let guard = self.guard.clone();
        tokio::spawn(async move {
            let redactor = crate::exec::redact::Redactor::new(&redact)
                .unwrap_or_else(|_| crate::exec::redact::Redactor::built_in());
            let mut group = 0;
            let started = |pgid: u32| {
                group = pgid;
                if let Ok(mut g) = groups.lock() {
                    g.push(pgid);
                }
            };
            let what = crate::exec::run::Launch { argv: &argv, cwd: &cwd, timeout, guard: guard.as_deref() };
            let result = crate::exec::run::launch(what, &redactor, started, |_| {}).await;
            if let Ok(mut g) = groups.lock() {
                g.retain(|p| *p != group);
            }
            let _ = results.send(Msg::JobDone { job, result });
        });
    }

    /// Creates the journal of a new session with `header`.
    fn create_journal(&mut self, header: crate::core::event::Header) -> Msg {
        let Some(dir) = self.sessions_dir.clone() else {
            return Msg::JournalFailed("no state folder could be found (is HOME set?)".to_owned());
        };
        self.session.clone_from(&header.session_id);
        let mode = header.mode.key();
        match self.keeper.create(&dir, header) {
            Ok(path) => {
                tracing::info!(session = %self.session, mode, journal = %path.display(), "session started");
                Msg::JournalCreated(path, None)
            }
            Err(msg) => {
                tracing::error!(session = %self.session, "journal not created in {}", dir.display());
                msg
            }
        }
    }

    /// Runs `cmd`; the message it answers with, if any.
    pub fn run(&mut self, cmd: Cmd, kept: Option<MustKeep<'_>>) -> Option<Msg> {
        match cmd {
            Cmd::CreateJournal(header) => Some(self.create_journal(*header)),
            Cmd::OpenJournal(path) => {
                self.session = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                tracing::info!(session = %self.session, journal = %path.display(), "session resumed");
                Some(self.open(path, kept))
            }
            Cmd::Append(event) => {
                if matches!(event.kind, crate::core::event::EventKind::Finished) {
                    // Phase 0 of the save: where it will go, before it can be cut short.
                    self.keeper.intend_save(paths::out_dir(self.out.as_deref()).as_deref());
                }
                let msg = self.keeper.append(&event, kept);
                if let Some(Msg::JournalBehind(why)) = &msg {
                    tracing::error!(session = %self.session, seq = event.seq, "journal write failed: {why}");
                }
                msg
            }
            Cmd::RetryJournal => self.keeper.retry(kept),
            Cmd::WriteJournalTo(dir) => Some(self.write_copy(&dir, kept)),
            Cmd::CheckTrust { path, sha256 } => {
                let file = paths::trust_file()?;
                Some(Msg::Trusted(crate::store::trust::status(&file, &path, &sha256)))
            }
            Cmd::LoadCommands { path, sha256 } => {
                Some(Msg::CommandsRead(crate::tui::live::Commands::read(&path, &sha256)))
            }
            Cmd::Approve { path, sha256 } => {
                let file = paths::trust_file()?;
                crate::store::trust::approve(&file, &path, &sha256)
                    .err()
                    .map(|e| Msg::JournalFailed(format!("cannot record the approval: {e}")))
            }
            Cmd::RunCommand { step, item, spec, cwd, redact } => {
                // The program only: arguments may carry secrets the runbook redacts.
                let program = spec.argv.first().map(|p| crate::core::sanitize::sanitize_line(p)).unwrap_or_default();
                tracing::info!(session = %self.session, step = step.key(), item, %program, "command run");
                let job = crate::tui::runner::RunRequest { step, item, spec, cwd, redact, guard: self.guard.clone() };
                crate::tui::runner::start(job, self.results.clone(), std::sync::Arc::clone(&self.groups));
                None
            }
            Cmd::RunJob { job, argv, timeout, cwd, redact } => {
                self.run_job(job, argv, timeout, cwd, redact);
                None
            }
            Cmd::LoadBoard => {
                self.load_board(paths::out_dir(self.out.as_deref())?);
                None
            }
            Cmd::LoadHistory => {
                // Earlier drills (for splits and last time's promises) are read
                // off the loop: the first frame never waits for a folder scan.
                let dir = paths::out_dir(self.out.as_deref())?;
                let results = self.results.clone();
                tokio::task::spawn_blocking(move || {
                    let history = crate::store::review::history(&dir, paths::review_cache(&dir).as_deref());
                    let _ = results.send(Msg::History(history));
                });
                None
            }
            Cmd::ReadFile(path) => {
                let result = crate::store::regular::read(&path, 64 << 20)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .map_err(|e| e.to_string());
                Some(Msg::FileRead(path, result))
            }
            Cmd::OpenReview => {
                let Some(dir) = paths::out_dir(self.out.as_deref()) else {
                    return Some(Msg::SaveFailed("no output folder: pass --out DIR".to_owned()));
                };
                let (scanned, preflights) =
                    crate::store::review::folder_to_show(&dir, paths::review_cache(&dir).as_deref());
                Some(Msg::Reviewed(scanned, preflights, dir))
            }
            Cmd::Notify { seq, argv, text, redactor } => {
                let results = self.results.clone();
                tokio::spawn(async move {
                    let result = crate::exec::deliver(&argv, &text, crate::exec::NOTIFY_TIMEOUT, &redactor).await;
                    let _ = results.send(Msg::Delivered { seq, result });
                });
                None
            }
            Cmd::Save { dir, held } => Some(self.save(dir, &held)),
            Cmd::ReadJournal { path, then } => Some(self.read_journal(path, then)),
            Cmd::ApplyProposal(diff) => Some(self.apply_proposal(&diff)),
            Cmd::WriteCard(runbook) => Some(Msg::CardWritten(crate::store::card::write_beside(&runbook))),
            Cmd::Page(path) => {
                self.page = Some(path);
                None
            }
            Cmd::Follow(path, offset) => {
                tracing::info!(journal = %path.display(), "following a session read-only");
                self.follower = Some(crate::store::follow::Follower::new(path, offset));
                None
            }
        }
    }

    /// Writes the whole journal, from memory, into the folder typed.
    fn write_copy(&mut self, typed: &std::path::Path, kept: Option<MustKeep<'_>>) -> Msg {
        let Some(kept) = kept else { return Msg::JournalCopyFailed("no session is open".to_owned()) };
        match self.keeper.write_copy(kept, &paths::typed_folder(typed)) {
            Ok(copy) => {
                tracing::warn!(session = %self.session, copy = %copy.display(), "journal written whole to another folder");
                Msg::JournalCopied(copy)
            }
            Err(why) => Msg::JournalCopyFailed(why),
        }
    }

    /// One look at the followed journal: news for the screen, if any.
    pub fn follow(&mut self) -> Option<Msg> {
        let follower = self.follower.as_mut()?;
        let news = follower.poll().ok()?;
        if news.rewritten {
            let loaded = crate::store::journal::read(follower.path()).ok()?;
            return Some(Msg::FollowReplaced(Box::new(loaded)));
        }
        (!news.events.is_empty() || news.saved.is_some() || news.writer.is_some()).then_some(Msg::Followed(news))
    }

    fn open(&mut self, path: PathBuf, kept: Option<MustKeep<'_>>) -> Msg {
        match Lock::acquire(&path, Utc::now()) {
            Err(LockError::Held(holder)) => Msg::LockHeld(holder.to_string()),
            Err(e) => Msg::JournalFailed(e.to_string()),
            Ok(lock) => match Journal::open_append(&path) {
                Ok(mut j) => {
                    // Events merged back from a spill the file could not take yet.
                    let held = kept.map_or(0, |k| k.events.len() as u64 + 1);
                    let last = kept.and_then(|k| k.events.last()).map_or(0, |e| e.seq);
                    if crate::store::journal::spill::short_of(&path, last, held) {
                        j.must_rewrite();
                    }
                    // Read the last beat before this process starts beating.
                    let alive_at = heartbeat::last_alive(&path);
                    // Words typed before it stopped come back after the reopen.
                    if let Some(draft) = crate::store::draft::read(&path) {
                        let _ = self.results.send(Msg::DraftFound(draft));
                    }
                    self.keeper.opened(j, lock);
                    Msg::JournalCreated(path, alive_at)
                }
                Err(e) => Msg::JournalFailed(format!("{}: {e}", path.display())),
            },
        }
    }

    /// Reads the saved sessions of `dir` for the home board, off the loop.
    fn load_board(&self, dir: PathBuf) {
        let results = self.results.clone();
        // A task on this thread starts only when the loop waits, after the
        // first frame is drawn; the reading itself runs off the loop.
        tokio::spawn(async move {
            let read = tokio::task::spawn_blocking(move || {
                crate::store::review::history(&dir, paths::review_cache(&dir).as_deref())
            });
            if let Ok(history) = read.await {
                let _ = results.send(Msg::History(history));
            }
        });
    }
}
