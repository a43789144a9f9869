//! The loop's effects on files a person chose: a session's journal read to
//! be opened, the save of a session, a runbook proposal applied.

use std::path::PathBuf;

use chrono::Utc;

use super::CmdRunner;
use crate::store::{paths, save};
use crate::tui::messages::{Msg, Opening};

impl CmdRunner {
    /// Reads the journal at `path`, chosen from a list, whole to open it as
    /// `then` says: to resume, with the events its spill holds merged back;
    /// to follow, as it is (a follower never writes it), going on from the
    /// length it had before it was read.
    pub(super) fn read_journal(&self, path: PathBuf, then: Opening) -> Msg {
        let offset = std::fs::metadata(&path).map_or(0, |m| m.len());
        let read = match then {
            Opening::Resume => crate::store::sessions::open(&path, &paths::spill_dirs(self.out.as_deref())),
            Opening::Follow { .. } => crate::store::journal::read(&path),
        };
        let read = read.map_err(|e| e.to_string()).and_then(|loaded| {
            // Finished or emptied since it was listed: not resumed.
            // A journal another process holds opens read-only, whatever it holds now.
            let resuming = then == Opening::Resume && crate::store::lock::holder(&path).is_none();
            match crate::store::sessions::unresumable(&loaded, &path).filter(|_| resuming) {
                Some(why) => Err(why),
                None => Ok(Box::new(loaded)),
            }
        });
        Msg::JournalRead { path, then, offset, read }
    }

    /// Writes the postmortem and the journal as a two-phase commit (intent
    /// first, the running journal marked saved last).
    pub(super) fn save(&mut self, dir: Option<PathBuf>, held: &crate::store::save::HeldSession) -> Msg {
        let typed = dir.map(|d| paths::typed_folder(&d));
        let Some(dir) = typed.or_else(|| paths::out_dir(self.out.as_deref())) else {
            return Msg::SaveFailed("no output folder: pass --out DIR".to_owned());
        };
        self.keeper.intend_save(Some(&dir));
        match save::save_held(&dir, held) {
            Ok(saved) => {
                let shown: Vec<String> = saved.paths.iter().map(|p| p.display().to_string()).collect();
                tracing::info!(session = %self.session, files = %shown.join(" "), "session saved");
                // The last phase: mark the running journal saved, release its lock.
                self.keeper.saved(&held.header.session_id, &saved.paths);
                Msg::Saved(Box::new(saved))
            }
            Err(e) => {
                tracing::error!(session = %self.session, "save failed: {e}");
                Msg::SaveFailed(e.to_string())
            }
        }
    }

    /// Applies the runbook proposal saved as `diff` (the person said yes)
    /// and checks the runbook, as `firedrill apply-proposal --yes` does.
    pub(super) fn apply_proposal(&self, diff: &std::path::Path) -> Msg {
        let today = Utc::now().date_naive();
        let result = crate::store::proposal::load_saved(diff)
            .and_then(|p| crate::store::proposal::apply(&p, today))
            .map(|checked| checked.lines())
            .map_err(|e| e.to_string());
        match &result {
            Ok(_) => tracing::info!(session = %self.session, diff = %diff.display(), "runbook proposal applied"),
            Err(why) => tracing::warn!(session = %self.session, "runbook proposal not applied: {why}"),
        }
        Msg::ProposalApplied(result)
    }
}
