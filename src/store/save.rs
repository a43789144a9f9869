//! Saving a session: the postmortem and a copy of the journal, side by side
//! in the output folder. First the intent is recorded beside the running
//! journal (`<journal>.saving`: the folder), then the files are written as
//! a two-phase commit (store/atomic.rs), and only then is the journal marked
//! saved (`<journal>.saved`). At start, [`recover`] finishes a save a kill
//! interrupted, or lists the session as "saved? postmortem missing" so it
//! is never invisible.

use std::io;
use std::path::{Path, PathBuf};

use crate::core::event::Header;
use crate::core::postmortem::{self, Input};
use crate::core::runbook::Runbook;
use crate::core::session::Session;
use crate::store::atomic::{self, Fault, SaveError, Source, Step, write_new_set_with};
use crate::store::journal::{self, JournalError, Loaded};
use crate::store::paths::stem;
use crate::store::proposal::{self, Proposed};
use crate::store::review::Scanned;

/// Why a session could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveSessionError {
    /// The journal could not be replayed.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The files could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// What a save writes and says: the files (postmortem first, the journal
/// copy last, the runbook proposal between them when there is one) and
/// what the session proposes for its runbook, or why that could not be
/// worked out here (the save itself still happened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The files written, postmortem first.
    pub paths: Vec<PathBuf>,
    /// The same-day runbook update, if any, or why it is not known.
    pub proposal: Result<Option<Proposed>, String>,
}

/// The postmortem of `header`'s session, with splits against the sessions
/// already saved in `dir`, and its runbook proposal (with the session
/// saved before it on the same runbook, for items left twice).
fn render(dir: &Path, header: &Header, runbook: &Runbook, session: &Session) -> Rendered {
    render_from(&folder(dir), header, runbook, session)
}

/// The sessions already saved in `dir`, read through the review cache:
/// what a postmortem written there compares against.
pub fn folder(dir: &Path) -> Vec<Scanned> {
    crate::store::review::scan(dir, crate::store::paths::review_cache(dir).as_deref())
}

/// [`render`] against `scanned`, the folder's sessions already read.
fn render_from(scanned: &[Scanned], header: &Header, runbook: &Runbook, session: &Session) -> Rendered {
    let history: Vec<_> = scanned.iter().filter_map(|s| s.summary.as_ref().ok().cloned()).collect();
    let input = Input { header, runbook, session, history: &history };
    let markdown = Postmortem { text: postmortem::render(&input), timeline: postmortem::full_timeline(&input) };
    let key = crate::core::review::runbook_key(&header.runbook_path);
    let previous = proposal::previous(scanned, &key, &header.session_id, header.started_at);
    let proposed = proposal::for_session(header, runbook, session, previous.as_ref()).map_err(|e| e.to_string());
    (markdown, proposed)
}

/// The postmortem and, when its timeline groups rows, the full timeline.
struct Postmortem {
    text: String,
    timeline: Option<String>,
}

/// What a save renders: the postmortem and the runbook proposal.
type Rendered = (Postmortem, Result<Option<Proposed>, String>);

/// The extension of the full timeline file: `<stem>.timeline.md`.
pub const TIMELINE_EXT: &str = "timeline.md";

/// Renders the postmortem of `loaded` and writes `<stem>.md`, the runbook
/// proposal `<stem>.runbook.diff` when there is one, and `<stem>.jsonl`
/// into `dir` as one set (the journal first, the postmortem last).
///
/// # Errors
/// [`SaveSessionError`] when the journal's runbook is invalid or a file
/// cannot be written; nothing of the set is then left in `dir`.
pub fn save(dir: &Path, loaded: &Loaded) -> Result<Saved, SaveSessionError> {
    save_with(dir, loaded, None, &mut |_| None)
}

/// [`save`] for a journal read from `journal` (`firedrill report`): the
/// copy is streamed from that file, byte for byte, never rebuilt in memory;
/// `saved` is [`folder`] of `dir`, read before the journal was.
///
/// # Errors
/// As [`save`].
pub fn save_file(dir: &Path, loaded: Loaded, journal: &Path, saved: &[Scanned]) -> Result<Saved, SaveSessionError> {
    let name = stem(loaded.header.started_at, &loaded.header.runbook_path);
    // The events move into the session: a large journal is held once.
    let (header, runbook, session) = loaded.into_session()?;
    // An unfinished session lasted to its last heartbeat, not its last event.
    let session = session.with_last_alive(crate::store::heartbeat::last_alive(journal));
    let (markdown, proposal) = render_from(saved, &header, &runbook, &session);
    drop(session);
    write_set(dir, &name, &markdown, proposal, Source::Copy(journal), &mut |_| None)
}

/// The files a save of the journal at `journal` into `dir` writes beside
/// its copy, rendered the way [`save_file`] (`firedrill report`) renders them, as
/// (extension, text): the postmortem (`md`) first, then the runbook
/// proposal and the full timeline when there are any. The sessions already
/// in `dir` are its history (splits, the previous session), each read
/// afresh (`cache` `None`) or from the review cache. For the golden test
/// of committed journals.
///
/// # Errors
/// [`SaveSessionError::Journal`] when the journal cannot be read or its
/// runbook is invalid.
pub fn rendered(
    dir: &Path,
    journal: &Path,
    cache: Option<&Path>,
) -> Result<Vec<(&'static str, String)>, SaveSessionError> {
    let (header, runbook, session) = journal::read_for_postmortem(journal)?.0.into_session()?;
    let session = session.with_last_alive(crate::store::heartbeat::last_alive(journal));
    let (markdown, proposal) = render_from(&crate::store::review::scan(dir, cache), &header, &runbook, &session);
    let mut set = vec![("md", markdown.text)];
    if let Some(p) = proposal.ok().flatten() {
        set.push((proposal::EXT, p.file_text()));
    }
    if let Some(t) = markdown.timeline {
        set.push((TIMELINE_EXT, t));
    }
    Ok(set)
}

/// [`save`] (or [`save_file`] with `copy_of`) with a fault injected at a
/// step of the commit (tests).
///
/// # Errors
/// As [`save`].
pub fn save_with(
    dir: &Path,
    loaded: &Loaded,
    copy_of: Option<&Path>,
    fault: &mut dyn FnMut(Step) -> Option<Fault>,
) -> Result<Saved, SaveSessionError> {
    let (runbook, session) = loaded.session()?;
    let (markdown, proposal) = render(dir, &loaded.header, &runbook, &session);
    let write = |out: &mut dyn io::Write| journal::write_text(out, &loaded.header, &loaded.events);
    let journal = copy_of.map_or(Source::Stream(&write), Source::Copy);
    let name = stem(loaded.header.started_at, &loaded.header.runbook_path);
    write_set(dir, &name, &markdown, proposal, journal, fault)
}

/// A session held whole in memory as its screen ran it: the journal's
/// header, the runbook as the journal keeps it, and the session with every
/// event. What the app saves when a session ends, shared by the save and a
/// retry into another folder, never copied.
#[derive(Debug)]
pub struct HeldSession {
    /// The journal header.
    pub header: Header,
    /// The runbook as the journal keeps it (secrets masked).
    pub runbook: Runbook,
    /// The session as it stands, every event in it.
    pub session: Session,
}

/// [`save`] of a session held in memory: the postmortem is rendered from
/// the session as it stands (a replay of its events gives the same
/// session) over the runbook its journal keeps, as `report` renders it,
/// and the journal copy is written from its events a line at a time, so a
/// session of a million events is never held twice.
///
/// # Errors
/// [`SaveSessionError::Journal`] when the runbook the journal keeps no
/// longer reads (the screens may be showing the file's own, when its
/// redacted copy did not parse: the record holds only the redacted one);
/// [`SaveSessionError::Save`] when a file cannot be written; nothing of
/// the set is then left in `dir`.
pub fn save_held(dir: &Path, held: &HeldSession) -> Result<Saved, SaveSessionError> {
    let (runbook, _) = journal::fresh_session(&held.header)?;
    let (markdown, proposal) = render(dir, &held.header, &runbook, &held.session);
    let write = |out: &mut dyn io::Write| journal::write_text(out, &held.header, &held.session.events);
    let name = stem(held.header.started_at, &held.header.runbook_path);
    write_set(dir, &name, &markdown, proposal, Source::Stream(&write), &mut |_| None)
}

/// Writes the set: postmortem, proposal (when there is one), journal copy.
fn write_set(
    dir: &Path,
    name: &str,
    markdown: &Postmortem,
    proposal: Result<Option<Proposed>, String>,
    journal: Source<'_>,
    fault: &mut dyn FnMut(Step) -> Option<Fault>,
) -> Result<Saved, SaveSessionError> {
    let diff = proposal.as_ref().ok().and_then(Option::as_ref).map(Proposed::file_text);
    let mut set = vec![("md", Source::Bytes(markdown.text.as_bytes()))];
    if let Some(d) = &diff {
        set.push((proposal::EXT, Source::Bytes(d.as_bytes())));
    }
    if let Some(t) = &markdown.timeline {
        set.push((TIMELINE_EXT, Source::Bytes(t.as_bytes())));
    }
    set.push(("jsonl", journal));
    // Temp files a dead save left in this folder go before the set is
    // written: the folder is swept when it is written to, not at every
    // start (a team's years of postmortems are thousands of entries).
    atomic::remove_orphans(dir);
    let paths = write_new_set_with(dir, name, &set, fault)?;
    Ok(Saved { paths, proposal })
}

/// What a running journal's name is followed by in the name of the marker
/// that says its session was saved.
pub const SAVED_SUFFIX: &str = ".saved";

/// What a running journal's name is followed by in the name of the marker
/// that says where its save goes.
pub const SAVING_SUFFIX: &str = ".saving";

/// The marker that says a running journal's session was saved: `<journal>.saved`.
pub fn marker_path(journal: &Path) -> PathBuf {
    with_suffix(journal, SAVED_SUFFIX)
}

/// The marker that says where a running journal's save goes: `<journal>.saving`.
pub fn intent_path(journal: &Path) -> PathBuf {
    with_suffix(journal, SAVING_SUFFIX)
}

/// The running journals (`.jsonl`) of a folder's [`atomic::listing`]
/// whose session is not marked saved, each with whether a save of it was
/// started: what [`is_saved`] and [`intent_path`] say by a stat each,
/// answered from the names (a team's years of drills are thousands of
/// saved journals, read at every start). `any_kind` keeps entries that are
/// not regular files (a symlink to a journal), for the reader to judge.
pub fn unsaved_journals(listing: &[atomic::Listed], any_kind: bool) -> Vec<(&std::ffi::OsStr, bool)> {
    let kinds: std::collections::HashMap<&std::ffi::OsStr, Option<std::fs::FileType>> =
        listing.iter().map(|(name, kind)| (name.as_os_str(), *kind)).collect();
    let marker = |name: &std::ffi::OsStr, suffix: &str| {
        let mut with = name.to_owned();
        with.push(suffix);
        kinds.get(with.as_os_str()).copied()
    };
    listing
        .iter()
        .filter(|(name, kind)| {
            (any_kind || kind.is_some_and(|k| k.is_file())) && Path::new(name).extension().is_some_and(|x| x == "jsonl")
        })
        // Saved: its marker is a regular file; a save started: its intent is there, of any kind.
        .filter(|(name, _)| !marker(name, SAVED_SUFFIX).flatten().is_some_and(|k| k.is_file()))
        .map(|(name, _)| (name.as_os_str(), marker(name, SAVING_SUFFIX).is_some()))
        .collect()
}

/// `path` with `suffix` after its whole name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Records that the session of `journal` is being saved to `out` (the
/// first phase of a save, written before the session is finished).
///
/// # Errors
/// Any IO error writing the marker.
pub fn mark_saving(journal: &Path, out: &Path) -> io::Result<()> {
    let out = std::path::absolute(out)?;
    atomic::replace(&intent_path(journal), out.as_os_str().as_encoded_bytes())
}

/// Marks the running journal at `journal` saved, naming the files written
/// (the last phase of a save, before its lock is released), one a line as
/// shown to a follower (sanitized: a folder name's escape is text).
///
/// # Errors
/// Any IO error writing the marker; the session then still counts as unsaved.
pub fn mark_saved(journal: &Path, written: &[PathBuf]) -> io::Result<()> {
    let list: Vec<String> =
        written.iter().map(|p| crate::core::sanitize::sanitize_line(&p.display().to_string())).collect();
    atomic::replace(&marker_path(journal), (list.join("\n") + "\n").as_bytes())?;
    let _ = std::fs::remove_file(intent_path(journal));
    Ok(())
}

/// The folder a save of `journal` was going to, if one was started.
fn intended(journal: &Path) -> Option<PathBuf> {
    let bytes = crate::store::regular::read(&intent_path(journal), 64 * 1024).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    (!text.is_empty()).then(|| PathBuf::from(text))
}

/// True when the session of the running journal at `journal` was saved.
pub fn is_saved(journal: &Path) -> bool {
    marker_path(journal).symlink_metadata().is_ok_and(|m| m.is_file())
}

mod recover;
pub use recover::{Recovery, recover};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_held;
