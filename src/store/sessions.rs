//! Finding unfinished sessions in the state folder, for `firedrill resume`,
//! `firedrill follow` and the home screen. A list holds what it shows of
//! each (read and replayed once, the events let go); the session chosen is
//! read again from its journal ([`open`]), so a session of a million
//! events is never held by a list, nor twice.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::core::event::Header;
use crate::core::roles::Roles;
use crate::core::vocab::StepKind;
use crate::store::journal::{self, JournalError, Loaded};
use crate::store::lock::{Holder, holder};

/// An unfinished session found on disk, as a list shows it.
#[derive(Debug, Clone)]
pub struct Unfinished {
    /// The journal file.
    pub path: PathBuf,
    /// Its header (the runbook it keeps, the mode, when it started).
    pub header: Header,
    /// When its last event happened (UTC).
    pub last_at: Option<DateTime<Utc>>,
    /// How far it got, when its runbook still replays.
    pub progress: Option<Progress>,
    /// The live process holding it, if any.
    pub holder: Option<Holder>,
    /// It finished and its save was started but never done, and no process
    /// holds it: its postmortem is missing (`firedrill report` writes it).
    /// Listed so a finished session is never invisible.
    pub postmortem_missing: bool,
}

/// How far an unfinished session got, from a replay of its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The runbook's title.
    pub title: String,
    /// The active step: its position from 0, how many steps there are, and
    /// its kind; `None` once every step is done (the debrief).
    pub active: Option<(usize, usize, StepKind)>,
    /// Who holds which role.
    pub roles: Roles,
    /// Solo practice, never shown as a team drill.
    pub solo: bool,
}

impl Progress {
    /// "step 2/5 freeze", or `debrief` when no step is active.
    pub fn step(&self, debrief: &str) -> String {
        self.active.map_or_else(|| debrief.to_owned(), |(i, n, kind)| format!("step {}/{n} {}", i + 1, kind.label()))
    }
}

impl Unfinished {
    /// What a list shows of the session in `loaded`, read from `path` and
    /// held by `holder`: the events are replayed once and let go.
    pub fn of(path: PathBuf, loaded: Loaded, holder: Option<Holder>) -> Self {
        let header = loaded.header.clone();
        let last_at = loaded.events.last().map(|e| e.at);
        let progress = loaded.into_session().ok().map(|(_, runbook, s)| Progress {
            title: runbook.title().to_owned(),
            active: s.active().filter(|_| !s.in_debrief()).map(|i| (i, s.steps.len(), s.steps[i].plan.kind)),
            roles: s.roles.clone(),
            solo: s.solo_practice().is_some(),
        });
        Self { path, header, last_at, progress, holder, postmortem_missing: false }
    }

    /// The runbook's title, or its path when the runbook no longer replays.
    pub fn title(&self) -> &str {
        self.progress.as_ref().map_or(&self.header.runbook_path, |s| &s.title)
    }
}

/// The journal at `path` read whole to be opened, with the events its
/// spill in `spill_dirs` holds merged back (into the journal too, unless a
/// live process writes it; when the journal cannot take them yet they are
/// in what is returned).
///
/// # Errors
/// [`JournalError`] when the journal cannot be read.
pub fn open(path: &Path, spill_dirs: &[PathBuf]) -> Result<Loaded, JournalError> {
    let mut loaded = journal::read(path)?;
    if holder(path).is_none() {
        let _ = journal::spill::merge_back(&mut loaded, spill_dirs, path);
    }
    Ok(loaded)
}

/// Why the session `loaded` (read from `path`) cannot be resumed, if it
/// cannot: it finished (its postmortem is `firedrill report`'s to write)
/// or holds no event (it never started). What a list of unfinished
/// sessions leaves out, asked again when one is opened: it may have
/// changed since.
pub fn unresumable(loaded: &Loaded, path: &Path) -> Option<String> {
    let shown = || crate::core::sanitize::sanitize_line(&path.display().to_string());
    if loaded.finished() {
        Some(format!("this session has finished; write its postmortem with: firedrill report {}", shown()))
    } else if loaded.events.is_empty() {
        Some(format!("{}: the journal holds no event (the session never started)", shown()))
    } else {
        None
    }
}

/// The journals in `dir` with no `finished` event, newest last event first,
/// and the finished ones whose save was started and never done (no process
/// holding them): their postmortem is missing. Unreadable files are left
/// out (they are not resumable); a finished journal with no save started
/// is left alone (an older firedrill saved without markers).
pub fn unfinished(dir: &Path, spill_dirs: &[PathBuf]) -> Vec<Unfinished> {
    let listing = crate::store::atomic::listing(dir);
    // A saved session is finished: no need to read it, or stat it, to know.
    let mut found: Vec<Unfinished> = crate::store::save::unsaved_journals(&listing, true)
        .into_iter()
        .filter_map(|(name, save_started)| {
            let path = dir.join(name);
            // Events held elsewhere while the journal could not be written
            // go back into it (unless a live process writes it now).
            let loaded = open(&path, spill_dirs).ok()?;
            let held = holder(&path);
            let finished = loaded.finished();
            // Saved by its writer between the listing and the lock seen free: not missing.
            let missing = finished && save_started && held.is_none() && !crate::store::save::is_saved(&path);
            let listed = missing || (!finished && !loaded.events.is_empty());
            listed.then(|| Unfinished { postmortem_missing: missing, ..Unfinished::of(path.clone(), loaded, held) })
        })
        .collect();
    found.extend(stranded(dir, spill_dirs));
    found.sort_by_key(|u| std::cmp::Reverse(u.last_at));
    found
}

/// How long a spill is left unchanged before it is listed: a session
/// whose journal cannot be written rewrites its spill every second, so a
/// spill this old has no process writing it.
pub const SPILL_QUIET: std::time::Duration = std::time::Duration::from_secs(5);

/// Sessions whose journal was never made (the disk was full from the
/// start), held only in a spill (`journal::spill`) in `spill_dirs`: the
/// unfinished ones, listed at their spill, which resumes as a journal.
/// Left out: a spill whose journal is in `dir` (merged back when that is
/// read), and one changed in the last [`SPILL_QUIET`] (still written).
fn stranded(dir: &Path, spill_dirs: &[PathBuf]) -> Vec<Unfinished> {
    let mut found = Vec::new();
    for spills in spill_dirs {
        for (name, kind) in crate::store::atomic::listing(spills) {
            let Some(id) = name.to_str().and_then(|n| n.strip_suffix(journal::spill::SUFFIX)) else { continue };
            if !kind.is_some_and(|k| k.is_file()) {
                continue;
            }
            let path = spills.join(&name);
            let quiet = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= SPILL_QUIET));
            if !quiet || dir.join(format!("{id}.jsonl")).exists() {
                continue;
            }
            let Ok(loaded) = journal::read(&path) else { continue };
            if loaded.header.session_id == id && !loaded.finished() && !loaded.events.is_empty() {
                let held = holder(&path);
                found.push(Unfinished::of(path, loaded, held));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests;
