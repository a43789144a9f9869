//! The loop's effects: the open journal and its lock, commands running in
//! the background, the output folder. Each [`Cmd`] runs here, between
//! update and draw, and may answer with one [`Msg`]; each is logged.

use std::path::PathBuf;

use chrono::Utc;
use tokio::sync::mpsc::UnboundedSender;

use crate::store::journal::Journal;
use crate::store::lock::{Lock, LockError};
use crate::store::{paths, save};
use crate::tui::app::{Cmd, Msg};

/// Runs the app's commands: the open journal and the output folder.
pub struct Effects {
    /// Results of background work (status update delivery) come back here.
    pub results: UnboundedSender<Msg>,
    /// The journal, once created or opened.
    pub journal: Option<Journal>,
    /// The lock on it.
    pub lock: Option<Lock>,
    /// Process groups of commands still running: killed when firedrill exits.
    pub groups: std::sync::Arc<std::sync::Mutex<Vec<u32>>>,
    /// Where journals are created.
    pub sessions_dir: Option<PathBuf>,
    /// The output folder chosen on the command line or in the config.
    pub out: Option<PathBuf>,
    /// The session id (the journal's file stem), for the log.
    pub session: String,
}

impl Effects {
    /// Starts an item's command in the background; its output and end come
    /// back as messages, and its process group is remembered until it ends.
    fn run_command(
        &self,
        step: crate::core::plan::StepKind,
        item: usize,
        spec: crate::core::command::CommandSpec,
        cwd: PathBuf,
        redact: Vec<String>,
    ) {
        let results = self.results.clone();
        let groups = std::sync::Arc::clone(&self.groups);
        tokio::spawn(async move {
            // A runbook's bad pattern was refused at start; keep the built-ins anyway.
            let redactor = crate::exec::redact::Redactor::new(&redact)
                .unwrap_or_else(|_| crate::exec::redact::Redactor::built_in());
            let timeout = spec.timeout.0;
            let lines = results.clone();
            let mut group = 0;
            let started = |pgid: u32| {
                group = pgid;
                if let Ok(mut g) = groups.lock() {
                    g.push(pgid);
                }
            };
            let result = crate::exec::run::run(&spec.argv, &cwd, timeout, &redactor, started, |batch| {
                let _ = lines.send(Msg::CommandOutput(batch));
            })
            .await;
            // Its group is gone: never signal a number the system may reuse.
            if let Ok(mut g) = groups.lock() {
                g.retain(|p| *p != group);
            }
            let _ = results.send(Msg::CommandDone { step, item, result });
        });
    }

    /// Runs `cmd`; the message it answers with, if any.
    pub fn run(&mut self, cmd: Cmd) -> Option<Msg> {
        match cmd {
            Cmd::CreateJournal(header) => {
                let Some(dir) = &self.sessions_dir else {
                    return Some(Msg::JournalFailed("no state folder could be found (is HOME set?)".to_owned()));
                };
                match Journal::create(dir, &header) {
                    Ok(j) => {
                        let path = j.path().to_path_buf();
                        self.session.clone_from(&header.session_id);
                        tracing::info!(session = %self.session, mode = header.mode.key(), journal = %path.display(), "session started");
                        self.lock = Lock::acquire(&path, Utc::now()).ok();
                        self.journal = Some(j);
                        Some(Msg::JournalCreated(path))
                    }
                    Err(e) => {
                        tracing::error!(session = %header.session_id, "journal not created: {}: {e}", dir.display());
                        Some(Msg::JournalFailed(format!("{}: {e}", dir.display())))
                    }
                }
            }
            Cmd::OpenJournal(path) => {
                self.session = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                tracing::info!(session = %self.session, journal = %path.display(), "session resumed");
                Some(self.open(path))
            }
            Cmd::Append(event) => {
                let failed = match self.journal.as_mut().map(|j| j.append(&event)) {
                    Some(Ok(())) => return None,
                    Some(Err(e)) => e.to_string(),
                    None => "the journal is not open".to_owned(),
                };
                tracing::error!(session = %self.session, seq = event.seq, "journal write failed: {failed}");
                Some(Msg::JournalFailed(failed))
            }
            Cmd::CheckTrust { path, sha256 } => {
                let file = paths::trust_file()?;
                Some(Msg::Trusted(crate::store::trust::status(&file, &path, &sha256)))
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
                self.run_command(step, item, spec, cwd, redact);
                None
            }
            Cmd::LoadBoard => {
                self.load_board(paths::out_dir(self.out.as_deref())?);
                None
            }
            Cmd::LoadHistory => {
                let dir = paths::out_dir(self.out.as_deref())?;
                Some(Msg::History(crate::store::review::history(&dir, paths::review_cache().as_deref())))
            }
            Cmd::ReadFile(path) => {
                let result = std::fs::read_to_string(&path).map_err(|e| e.to_string());
                Some(Msg::FileRead(path, result))
            }
            Cmd::OpenReview => {
                let Some(dir) = paths::out_dir(self.out.as_deref()) else {
                    return Some(Msg::SaveFailed("no output folder: pass --out DIR".to_owned()));
                };
                let scanned = crate::store::review::scan(&dir, paths::review_cache().as_deref());
                Some(Msg::Reviewed(scanned, dir))
            }
            Cmd::Notify { seq, argv, text } => {
                let results = self.results.clone();
                tokio::spawn(async move {
                    let result = crate::exec::deliver(&argv, &text, crate::exec::NOTIFY_TIMEOUT).await;
                    let _ = results.send(Msg::Delivered { seq, result });
                });
                None
            }
            Cmd::Save { dir, session: loaded } => {
                let Some(dir) = dir.or_else(|| paths::out_dir(self.out.as_deref())) else {
                    return Some(Msg::SaveFailed("no output folder: pass --out DIR".to_owned()));
                };
                Some(match save::save(&dir, &loaded) {
                    Ok(paths) => {
                        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                        tracing::info!(session = %self.session, files = %shown.join(" "), "session saved");
                        // The session is finished and saved: nothing writes its journal again.
                        self.lock = None;
                        Msg::Saved(paths)
                    }
                    Err(e) => {
                        tracing::error!(session = %self.session, "save failed: {e}");
                        Msg::SaveFailed(e.to_string())
                    }
                })
            }
        }
    }

    fn open(&mut self, path: PathBuf) -> Msg {
        match Lock::acquire(&path, Utc::now()) {
            Err(LockError::Held(holder)) => Msg::LockHeld(holder.to_string()),
            Err(e) => Msg::JournalFailed(e.to_string()),
            Ok(lock) => match Journal::open_append(&path) {
                Ok(j) => {
                    self.lock = Some(lock);
                    self.journal = Some(j);
                    Msg::JournalCreated(path)
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
                crate::store::review::history(&dir, paths::review_cache().as_deref())
            });
            if let Ok(history) = read.await {
                let _ = results.send(Msg::History(history));
            }
        });
    }
}
