//! Finding unfinished sessions in the state folder, for `firedrill resume`
//! and the home screen.

use std::path::{Path, PathBuf};

use crate::core::event::EventKind;
use crate::store::journal::{self, Loaded};
use crate::store::lock::{Holder, holder};

/// An unfinished session found on disk.
#[derive(Debug, Clone)]
pub struct Unfinished {
    /// The journal file.
    pub path: PathBuf,
    /// Its contents.
    pub loaded: Loaded,
    /// The live process holding it, if any.
    pub holder: Option<Holder>,
}

/// The journals in `dir` with no `finished` event, newest last event first.
/// Unreadable files are left out (they are not resumable).
pub fn unfinished(dir: &Path, spill_dirs: &[std::path::PathBuf]) -> Vec<Unfinished> {
    let listing = crate::store::atomic::listing(dir);
    // A saved session is finished: no need to read it, or stat it, to know.
    let mut found: Vec<Unfinished> = crate::store::save::unsaved_journals(&listing, true)
        .into_iter()
        .map(|(name, _)| dir.join(name))
        .filter_map(|path| {
            let mut loaded = journal::read(&path).ok()?;
            let holder = holder(&path);
            // Events held elsewhere while the journal could not be written
            // go back into it (unless a live process writes it now).
            if holder.is_none() {
                let _ = journal::spill::merge_back(&mut loaded, spill_dirs, &path);
            }
            let finished = loaded.events.iter().any(|e| matches!(e.kind, EventKind::Finished));
            (!finished && !loaded.events.is_empty()).then_some(Unfinished { path, loaded, holder })
        })
        .collect();
    found.sort_by_key(|u| std::cmp::Reverse(u.loaded.events.last().map(|e| e.at)));
    found
}
