//! Reading a folder of saved sessions for review: one summary per journal,
//! newest first, with unreadable files kept and explained. Summaries are
//! cached by path, size and modification time, so a large folder lists fast.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::core::review::{Summary, summarize};
use crate::store::journal;

mod cache;
mod copies;
mod runbooks;
use runbooks::Parsed;

/// One file of the folder: its summary, or why it cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scanned {
    /// The file.
    pub path: PathBuf,
    /// The summary, or the reason it is unreadable.
    pub summary: Result<Summary, String>,
}

/// A file of the folder: path, size, modification time, and its summary
/// once known (from the cache, or read).
type Pending = (PathBuf, u64, u128, Option<Result<Summary, String>>);

fn stamp(meta: &fs::Metadata) -> (u64, u128) {
    let modified = meta.modified().ok().and_then(|m| m.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    (meta.len(), modified)
}

/// Reads one saved journal into a summary.
///
/// # Errors
/// Why it is not a readable firedrill session.
pub fn summarize_file(path: &Path) -> Result<Summary, String> {
    summarize_with(path, &Parsed::default())
}

/// [`summarize_file`] with the runbooks a scan has already parsed. The
/// journal is read as report reads it: the note texts no summary or
/// postmortem reads are let go, so an earlier million-event session costs
/// its events, not its texts.
fn summarize_with(path: &Path, parsed: &Parsed) -> Result<Summary, String> {
    let (loaded, _) = journal::read_for_postmortem(path).map_err(|e| e.to_string())?;
    let (header, runbook, session) = parsed.session(loaded).map_err(|e| e.to_string())?;
    Ok(summarize(&header, &runbook, &session))
}

/// The saved sessions in `dir`, newest first, then the unreadable files.
/// Only files that are not postmortems (`.md`), runbook proposals,
/// pre-release check records or hidden are looked at; a file that is not
/// a journal is listed as unreadable, and so is a second journal of one
/// session (it counts once). With `cache`, the summaries are reused while
/// a file's size and time are unchanged.
pub fn scan(dir: &Path, cache: Option<&Path>) -> Vec<Scanned> {
    let (mut scanned, stale) = scan_with(dir, cache);
    // The cache keeps every journal's own summary; a copy of a session is
    // marked on the way out (`copies.rs`), so it counts once.
    if let (Some(c), Some(stamps)) = (cache, stale) {
        cache::write(c, &scanned, &stamps);
    }
    let found = copies::copies(&scanned);
    copies::mark(&mut scanned, found);
    scanned
}

/// [`scan`] for a screen about to show the list: a changed cache is
/// written on a thread of its own, from the very list the screen holds,
/// after the scan returns, so the first frame waits neither for the
/// write nor for a copy; [`cache_written`] waits for that write (the
/// binary does before it ends).
pub fn scan_to_show(dir: &Path, cache: Option<&Path>) -> Arc<[Scanned]> {
    let (scanned, stale) = scan_with(dir, cache);
    let found = copies::copies(&scanned);
    let scanned: Arc<[Scanned]> = scanned.into();
    if let (Some(c), Some(stamps)) = (cache, stale) {
        cache::write_later(c, Arc::clone(&scanned), stamps);
    }
    if found.is_empty() {
        return scanned;
    }
    // Only a folder holding copies pays for a second list.
    let mut shown = scanned.to_vec();
    copies::mark(&mut shown, found);
    shown.into()
}

/// What the review screen shows of `dir`: [`scan_to_show`], and beside
/// it the pre-release check records, listed on a thread of their own.
pub fn folder_to_show(
    dir: &Path,
    cache: Option<&Path>,
) -> (Arc<[Scanned]>, Vec<(PathBuf, crate::core::preflight::Record)>) {
    std::thread::scope(|scope| {
        let records = scope.spawn(|| crate::store::preflight::list(dir));
        let scanned = scan_to_show(dir, cache);
        (scanned, records.join().unwrap_or_default())
    })
}

/// Waits for the cache writes [`scan_to_show`] left running.
pub fn cache_written() {
    cache::written();
}

/// The scan, and when the cache would change, each file's size and time
/// (in the scan's order) for rewriting it.
fn scan_with(dir: &Path, cache: Option<&Path>) -> Scan {
    // The cache is parsed on other threads while the folder is listed.
    std::thread::scope(|scope| {
        let old = scope.spawn(|| cache.map(cache::read).unwrap_or_default());
        let listed = list(dir);
        let old = old.join().unwrap_or_default();
        listed.map(|files| matched(files, old)).unwrap_or_default()
    })
}

/// The files of `dir` a scan looks at, with their sizes and modification
/// times; `None` when it cannot be listed.
fn list(dir: &Path) -> Option<Vec<(PathBuf, u64, u128)>> {
    let read = fs::read_dir(dir).ok()?;
    let mut files = Vec::new();
    let proposals = format!(".{}", crate::store::paths::PROPOSAL_EXT);
    for entry in read.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // Postmortems, runbook proposals and pre-release check records
        // are the sessions' partners, read elsewhere: told by name, with
        // no call on the file system.
        let partner = path.extension().is_some_and(|e| e == "md")
            || name.ends_with(&proposals)
            || crate::store::preflight::is_record(&name);
        if name.starts_with('.') || partner {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let (len, modified_ns) = stamp(&meta);
        files.push((path, len, modified_ns));
    }
    Some(files)
}

/// A scan, and the stamps to rewrite the cache with when it would change.
type Scan = (Vec<Scanned>, Option<Vec<(u64, u128)>>);

/// The scan of `listed` with the summaries `old` holds for files whose
/// size and time are unchanged, the others read.
fn matched(listed: Vec<(PathBuf, u64, u128)>, mut old: cache::Entries) -> Scan {
    let mut files: Vec<Pending> = Vec::with_capacity(listed.len());
    for (path, len, modified_ns) in listed {
        let cached = old.take(&path, len, modified_ns);
        files.push((path, len, modified_ns, cached));
    }
    let changed = files.iter().any(|f| f.3.is_none());
    read_missing(&mut files, ALONE);
    let mut stamps: Vec<(u64, u128)> = Vec::with_capacity(files.len());
    let mut out: Vec<Scanned> = Vec::with_capacity(files.len());
    for (path, len, modified_ns, summary) in files {
        let summary = summary.unwrap_or_else(|| Err("not read".to_owned()));
        stamps.push((len, modified_ns));
        out.push(Scanned { path, summary });
    }
    let (out, stamps) = newest_first(out, stamps);
    // The cache is written only when it would change: a warm scan copies nothing.
    (out, (changed || !old.all_taken()).then_some(stamps))
}

/// `scanned` newest first, then the unreadable files by path, each with
/// its stamp; the order is worked out on small keys and each summary
/// moved once.
fn newest_first(scanned: Vec<Scanned>, stamps: Vec<(u64, u128)>) -> (Vec<Scanned>, Vec<(u64, u128)>) {
    let mut order: Vec<usize> = (0..scanned.len()).collect();
    order.sort_by(|&a, &b| match (&scanned[a].summary, &scanned[b].summary) {
        (Ok(x), Ok(y)) => y.started_at.cmp(&x.started_at),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => scanned[a].path.cmp(&scanned[b].path),
    });
    let mut slots: Vec<Option<(Scanned, (u64, u128))>> = scanned.into_iter().zip(stamps).map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).unzip()
}

/// A journal of at least this many bytes (about 100,000 events) is read
/// on its own: summarizing one holds all its events for a moment, so two
/// read side by side would hold two (a resume's history scan of a folder
/// with three 1M-event sessions peaked at 369-376 MiB that way).
const ALONE: u64 = 16 << 20;

/// Reads the files the cache did not have: the short ones on every core
/// (a cold folder of 10,000 sessions is mostly parsing), then each large
/// one (of `alone` bytes or more) alone, its reader using the cores itself.
fn read_missing(files: &mut [Pending], alone: u64) {
    let parsed = Parsed::default();
    let read = |(path, _, _, summary): &mut Pending| {
        *summary = Some(if path.extension().is_some_and(|e| e == "jsonl") {
            summarize_with(path, &parsed)
        } else {
            Err("not a firedrill journal (.jsonl)".to_owned())
        });
    };
    crate::store::cores::chunked_mut(files, |part| {
        part.iter_mut().filter(|f| f.3.is_none() && f.1 < alone).for_each(read);
    });
    files.iter_mut().filter(|f| f.3.is_none()).for_each(read);
}

/// The summaries alone, for splits and promises (unreadable files left out).
pub fn history(dir: &Path, cache: Option<&Path>) -> Vec<Summary> {
    scan(dir, cache).into_iter().filter_map(|s| s.summary.ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_and_broken_files_are_listed_with_a_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("notes.txt"), "hello").expect("write");
        fs::write(dir.path().join("broken.jsonl"), "{not json").expect("write");
        fs::write(dir.path().join("a.md"), "# postmortem").expect("write");
        fs::write(dir.path().join("a.runbook.diff"), "--- a/x").expect("write");
        fs::write(dir.path().join("b.preflight.json"), "{}").expect("write");
        let scanned = scan(dir.path(), None);
        assert_eq!(scanned.len(), 2, "the .md, the proposal and the record are partners, not sessions");
        assert!(scanned.iter().all(|s| s.summary.is_err()));
        let reasons: Vec<String> = scanned.iter().filter_map(|s| s.summary.clone().err()).collect();
        assert!(reasons.iter().any(|r| r.contains("not a firedrill journal header")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("not a firedrill journal (.jsonl)")), "{reasons:?}");
    }

    #[test]
    fn a_large_journal_read_alone_is_summarized_as_one_read_beside_others() {
        let dir = tempfile::tempdir().expect("tempdir");
        let header = serde_json::to_string(&crate::store::journal::fixture::header(3)).expect("header");
        let mut files: Vec<Pending> = ["a.jsonl", "b.jsonl", "c.txt"]
            .iter()
            .map(|name| {
                let path = dir.path().join(name);
                fs::write(&path, format!("{header}\n")).expect("write");
                (path, 100, 0, None)
            })
            .collect();
        let mut alone = files.clone();
        read_missing(&mut files, u64::MAX);
        read_missing(&mut alone, 0);
        let summaries = |f: &[Pending]| f.iter().map(|f| f.3.clone()).collect::<Vec<_>>();
        assert_eq!(summaries(&alone), summaries(&files));
        assert!(files[0].3.as_ref().is_some_and(Result::is_ok), "{:?}", files[0].3);
        assert!(files[2].3.as_ref().is_some_and(Result::is_err), "not a journal");
    }

    #[test]
    fn the_cache_is_used_until_a_file_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("state/review-cache.json");
        let file = dir.path().join("x.jsonl");
        fs::write(&file, "{bad").expect("write");
        let first = scan(dir.path(), Some(&cache));
        assert!(cache.exists());
        // A cached result survives a scan; rewriting the file invalidates it.
        assert_eq!(scan(dir.path(), Some(&cache)), first);
        fs::write(&file, "").expect("rewrite");
        let again = scan(dir.path(), Some(&cache));
        assert_eq!(again[0].summary, Err("the journal is empty".to_owned()));
    }

    #[test]
    fn a_scan_to_show_writes_the_same_cache_once_waited_for() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("state/review-cache.json");
        fs::write(dir.path().join("x.jsonl"), "{bad").expect("write");
        let shown = scan_to_show(dir.path(), Some(&cache));
        cache_written();
        assert!(cache.exists(), "written by its own thread, and waited for");
        let kept = cache::read(&cache);
        assert!(!kept.all_taken(), "the cache holds the file");
        assert_eq!(scan(dir.path(), Some(&cache)), shown.to_vec());
    }
}
