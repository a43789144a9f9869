//! Finishing, at the next start, a save a kill cut short: the running
//! journal says where its save was going (`.saving`); the files found
//! there are completed, or the save is done again, or the session is
//! listed as "saved? postmortem missing".

use std::path::{Path, PathBuf};

use super::{SaveSessionError, TIMELINE_EXT, intended, mark_saved, render, save};
use crate::store::atomic::{self, SaveError, Source};
use crate::store::journal::{self, Loaded};
use crate::store::paths::stem;
use crate::store::proposal;

/// What [`recover`] found and did at start.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Temp files of saves that died, removed.
    pub orphans_removed: usize,
    /// Interrupted saves finished: each running journal (now marked saved)
    /// with its postmortem.
    pub completed: Vec<(PathBuf, PathBuf)>,
    /// Finished sessions whose postmortem is missing: "saved? postmortem
    /// missing", regenerated with `firedrill report <journal>`.
    pub missing: Vec<PathBuf>,
}

/// Finishes the saves a kill interrupted: removes orphan temp files in
/// `sessions`, and for each finished journal in `sessions` whose
/// save was started (`.saving`) but not marked done, looks in the folder it
/// was going to for its copy (same session id): with its postmortem the
/// save is marked done; with the copy alone the postmortem is written
/// again; with nothing the whole save is done again there. A save that
/// cannot be finished is listed as missing. (A finished journal with no
/// marker at all predates the markers and is left alone, and so is one a
/// live process holds: it may be saving it now.)
pub fn recover(sessions: &Path, out: Option<&Path>) -> Recovery {
    // One listing of the folder, and the markers looked up in it: a stat
    // of each journal's marker cost every start 2,001 of them after a
    // team's years of drills. The output folder is not listed: its temp
    // files are swept by the next save into it, or below by the save
    // being finished (docs/design.md, "First frame").
    let listing = atomic::listing(sessions);
    let mut rec =
        Recovery { orphans_removed: atomic::remove_listed_orphans(sessions, &listing), ..Recovery::default() };
    let mut journals: Vec<PathBuf> = super::unsaved_journals(&listing, false)
        .into_iter()
        .filter(|(_, started)| *started)
        .map(|(name, _)| sessions.join(name))
        // A live process may be saving it right now: its save is its own.
        // Its marker is asked again once its lock is seen free: a save
        // that ended since the listing is done, not to be done again.
        .filter(|p| crate::store::lock::holder(p).is_none() && !super::is_saved(p))
        .collect();
    journals.sort();
    for path in journals {
        let Ok(loaded) = journal::read(&path) else { continue };
        if !loaded.finished() {
            continue;
        }
        let Some(dir) = intended(&path).or_else(|| out.map(Path::to_path_buf)) else {
            rec.missing.push(path);
            continue;
        };
        rec.orphans_removed += atomic::remove_orphans(&dir);
        let done = match finish_save(&dir, &path, &loaded) {
            Ok(Some(md)) => Some(md),
            Ok(None) => save(&dir, &loaded)
                .ok()
                .filter(|saved| mark_saved(&path, &saved.paths).is_ok())
                .and_then(|saved| saved.paths.into_iter().next()),
            Err(_) => None,
        };
        match done {
            Some(md) => rec.completed.push((path, md)),
            None => rec.missing.push(path),
        }
    }
    rec
}

/// Finds the copy of `loaded` in `out` and completes its set; returns the
/// postmortem, or `None` when no copy is there.
fn finish_save(out: &Path, journal_path: &Path, loaded: &Loaded) -> Result<Option<PathBuf>, SaveSessionError> {
    let base = stem(loaded.header.started_at, &loaded.header.runbook_path);
    for n in 1u32..10_000 {
        let name = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        let (md, copy) = (out.join(format!("{name}.md")), out.join(format!("{name}.jsonl")));
        let (has_md, has_copy) = (md.symlink_metadata().is_ok(), copy.symlink_metadata().is_ok());
        if !has_md && !has_copy {
            return Ok(None);
        }
        let same = has_copy && journal::read_header(&copy).is_ok_and(|h| h.session_id == loaded.header.session_id);
        if !same {
            continue;
        }
        // The full timeline and the proposal are renamed in after the copy
        // and before the postmortem.
        let diff = out.join(format!("{name}.{}", proposal::EXT));
        let full = out.join(format!("{name}.{TIMELINE_EXT}"));
        if !has_md {
            let (runbook, session) = loaded.session()?;
            let (markdown, proposed) = render(out, &loaded.header, &runbook, &session);
            let text = proposed.ok().flatten().filter(|_| diff.symlink_metadata().is_err()).map(|p| p.file_text());
            let mut set = vec![("md", Source::Bytes(markdown.text.as_bytes()))];
            if let Some(t) = &text {
                set.push((proposal::EXT, Source::Bytes(t.as_bytes())));
            }
            if let Some(t) = markdown.timeline.as_ref().filter(|_| full.symlink_metadata().is_err()) {
                set.push((TIMELINE_EXT, Source::Bytes(t.as_bytes())));
            }
            let written = atomic::write_new_set(out, &name, &set)?;
            if written.first() != Some(&md) {
                return Ok(None);
            }
        }
        let mut written = vec![md.clone()];
        written.extend(diff.symlink_metadata().is_ok().then_some(diff));
        written.extend(full.symlink_metadata().is_ok().then_some(full));
        written.push(copy);
        mark_saved(journal_path, &written).map_err(|source| SaveError::Write { path: journal_path.into(), source })?;
        return Ok(Some(md));
    }
    Ok(None)
}
