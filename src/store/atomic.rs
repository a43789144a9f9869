//! Atomic, never-overwriting writes as a two-phase commit: every file of a
//! set goes to a locked temp file in the target folder and is fsynced
//! (phase 1), then each is renamed without clobbering and the folder is
//! fsynced (phase 2). A temp file whose lock is free belongs to a process
//! that died mid-save and is removed by [`remove_orphans`].

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::TempPath;

/// Prefix of every temp file firedrill writes.
pub const TEMP_PREFIX: &str = ".firedrill-";
/// Suffix of every temp file firedrill writes.
pub const TEMP_SUFFIX: &str = ".tmp";
/// Mode of journals and postmortems: owner-only, since they may quote
/// command output (docs/design.md, "The journal").
pub const PRIVATE: u32 = 0o600;
/// Mode in a folder marked shared with its group (set-group-id bit, as a
/// team's shared folder is): readable by the group too.
pub const GROUP_SHARED: u32 = 0o640;

/// The mode of files written into `dir`: [`GROUP_SHARED`] when the folder
/// has its set-group-id bit, else [`PRIVATE`].
pub fn mode_for(dir: &Path) -> u32 {
    let setgid = fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o2000 != 0);
    if setgid { GROUP_SHARED } else { PRIVATE }
}

/// Why finished files could not be written; the journal is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The output folder could not be created or is not a folder.
    #[error("cannot use output folder {}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Writing, syncing or renaming a file failed (disk full, read-only...).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// What one file of a set holds: bytes in memory, a copy of a regular
/// file streamed from disk, or what a writer gives (a journal of a million
/// events is not held twice).
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// These bytes.
    Bytes(&'a [u8]),
    /// The bytes of this file (regular files only, at most the journal cap).
    Copy(&'a Path),
    /// What this function writes to the file, as it goes.
    Stream(&'a dyn Fn(&mut dyn io::Write) -> io::Result<()>),
}

impl std::fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Self::Copy(p) => write!(f, "Copy({})", p.display()),
            Self::Stream(_) => f.write_str("Stream"),
        }
    }
}

/// A point of the two-phase save, for fault injection in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The temp file of the file at this index is written and fsynced.
    TempSynced(usize),
    /// The file at this index has its final name.
    Renamed(usize),
    /// The folder is fsynced: every file of the set is durable.
    FolderSynced,
}

/// What a fault injected at a [`Step`] does.
#[derive(Debug)]
pub enum Fault {
    /// The step fails with this error; the save cleans up after itself.
    Fail(io::Error),
    /// The process dies here: nothing is cleaned up.
    Kill,
}

/// Writes each `(extension, bytes)` in `files` as `<dir>/<stem>.<ext>`
/// (mode 0600), adding `-2`, `-3`... to the stem until no file of the set
/// exists, and returns the paths written (same order as `files`). The files
/// are renamed last to first, so the first (the postmortem) appears last.
///
/// # Errors
/// [`SaveError`] when the folder cannot be made or a file cannot be
/// written; no temp file is left and no file of the set is renamed in
/// after the failure.
pub fn write_new_set(dir: &Path, stem: &str, files: &[(&str, Source<'_>)]) -> Result<Vec<PathBuf>, SaveError> {
    write_new_set_with(dir, stem, files, &mut |_| None)
}

/// [`write_new_set`] with `fault` consulted after each [`Step`]; `Some`
/// makes that step fail (or the process "die") there.
///
/// # Errors
/// As [`write_new_set`]; a [`Fault::Kill`] returns an `Interrupted` error
/// and leaves everything as a killed process would.
pub fn write_new_set_with(
    dir: &Path,
    stem: &str,
    files: &[(&str, Source<'_>)],
    fault: &mut dyn FnMut(Step) -> Option<Fault>,
) -> Result<Vec<PathBuf>, SaveError> {
    let folder = |source| SaveError::Folder { path: dir.to_path_buf(), source };
    fs::create_dir_all(dir).map_err(folder)?;
    if !fs::metadata(dir).map_err(folder)?.is_dir() {
        return Err(folder(io::Error::new(io::ErrorKind::NotADirectory, "not a folder")));
    }
    // Phase 1: every file durable under a temp name, locked while we live.
    let mut temps: Vec<(File, TempPath)> = Vec::new();
    for (i, (_, source)) in files.iter().enumerate() {
        let made = temp_file(dir, *source).map_err(|source| SaveError::Write { path: dir.to_path_buf(), source })?;
        temps.push(made);
        check(fault(Step::TempSynced(i)), &mut temps, &[], dir)?;
    }
    // Phase 2: the final names, last to first, never over an existing file.
    let final_paths = free_names(dir, stem, files)?;
    let mut renamed: Vec<PathBuf> = Vec::new();
    for i in (0..files.len()).rev() {
        let Some((file, tmp)) = temps.pop() else { break };
        let target = &final_paths[i];
        if let Err(e) = tmp.persist_noclobber(target) {
            drop(file);
            for p in &renamed {
                let _ = fs::remove_file(p);
            }
            return Err(SaveError::Write { path: target.clone(), source: e.error });
        }
        drop(file);
        renamed.push(target.clone());
        check(fault(Step::Renamed(i)), &mut temps, &renamed, dir)?;
    }
    if let Err(source) = sync_dir(dir) {
        check(Some(Fault::Fail(source)), &mut temps, &renamed, dir)?;
    }
    check(fault(Step::FolderSynced), &mut temps, &renamed, dir)?;
    Ok(final_paths)
}

/// Applies an injected (or real) fault: a failure removes the temp files
/// and rolls back the files already renamed, so a set is saved whole or
/// not at all; a kill leaves everything in place.
fn check(
    fault: Option<Fault>,
    temps: &mut Vec<(File, TempPath)>,
    renamed: &[PathBuf],
    dir: &Path,
) -> Result<(), SaveError> {
    match fault {
        None => Ok(()),
        Some(Fault::Fail(source)) => {
            temps.clear();
            for p in renamed {
                let _ = fs::remove_file(p);
            }
            Err(SaveError::Write { path: dir.to_path_buf(), source })
        }
        Some(Fault::Kill) => {
            for (_, tmp) in temps.drain(..) {
                let _ = tmp.keep();
            }
            Err(SaveError::Write { path: dir.to_path_buf(), source: io::Error::from(io::ErrorKind::Interrupted) })
        }
    }
}

/// The first `<stem>[-N].<ext>` set of which no file exists.
fn free_names(dir: &Path, stem: &str, files: &[(&str, Source<'_>)]) -> Result<Vec<PathBuf>, SaveError> {
    for n in 1u32..10_000 {
        let candidate = if n == 1 { stem.to_owned() } else { format!("{stem}-{n}") };
        let paths: Vec<PathBuf> = files.iter().map(|(ext, _)| dir.join(format!("{candidate}.{ext}"))).collect();
        if !paths.iter().any(|p| p.symlink_metadata().is_ok()) {
            return Ok(paths);
        }
    }
    Err(SaveError::Folder { path: dir.to_path_buf(), source: io::Error::other("no free file name") })
}

/// A locked, owner-only temp file in `dir` holding `source`, fsynced.
fn temp_file(dir: &Path, source: Source<'_>) -> io::Result<(File, TempPath)> {
    let tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(fs::Permissions::from_mode(mode_for(dir)))
        .tempfile_in(dir)?;
    let (mut file, path) = tmp.into_parts();
    // Held until the file is renamed or this process ends: a temp file
    // whose lock is free is an orphan of a save that died.
    file.try_lock().map_err(|e| match e {
        fs::TryLockError::Error(e) => e,
        fs::TryLockError::WouldBlock => io::Error::from(io::ErrorKind::WouldBlock),
    })?;
    match source {
        Source::Bytes(bytes) => file.write_all(bytes)?,
        Source::Copy(from) => {
            let limit = crate::store::journal::MAX_BYTES;
            io::copy(&mut io::Read::take(crate::store::regular::open(from, limit)?, limit), &mut file)?;
        }
        Source::Stream(write) => write(&mut file)?,
    }
    file.sync_all()?;
    Ok((file, path))
}

/// Writes `bytes` to a temp file beside `path`, fsyncs it and renames it to
/// `path` unless `path` exists (mode 0644: a template meant to be edited).
///
/// # Errors
/// Any IO error; `AlreadyExists` when `path` appeared meanwhile.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(fs::Permissions::from_mode(0o644))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Replaces `path` with `bytes` atomically (owner-only temp file, fsync,
/// rename over, fsync the folder).
///
/// # Errors
/// Any IO error; `path` is then unchanged.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(path, Source::Bytes(bytes))
}

/// [`replace`] with what `source` holds (a journal streamed from memory).
///
/// # Errors
/// As [`replace`].
pub fn replace_with(path: &Path, source: Source<'_>) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let (_file, tmp) = temp_file(dir, source)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Replaces `path` with `bytes` atomically like [`replace`], readable by
/// everyone (mode 0644): a generated page meant for others (a man page).
///
/// # Errors
/// Any IO error; `path` is then unchanged.
pub fn replace_readable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(fs::Permissions::from_mode(0o644))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// One entry of a [`listing`]: its name, and its kind when known (a
/// symlink is not followed).
pub type Listed = (std::ffi::OsString, Option<fs::FileType>);

/// The entries of `dir`; empty when the folder cannot be read.
pub fn listing(dir: &Path) -> Vec<Listed> {
    let Ok(read) = fs::read_dir(dir) else { return Vec::new() };
    read.filter_map(Result::ok).map(|e| (e.file_name(), e.file_type().ok())).collect()
}

/// Removes the temp files in `dir` left by saves that died (their lock is
/// free); returns how many were removed. Temp files of a save running now
/// are left alone.
pub fn remove_orphans(dir: &Path) -> usize {
    remove_listed_orphans(dir, &listing(dir))
}

/// [`remove_orphans`] over the [`listing`] of `dir` already read.
pub fn remove_listed_orphans(dir: &Path, listing: &[Listed]) -> usize {
    let mut removed = 0;
    // Only regular files: opening a FIFO would block.
    for (name, _) in listing.iter().filter(|(_, kind)| kind.is_some_and(|k| k.is_file())) {
        let shown = name.to_string_lossy();
        if !(shown.starts_with(TEMP_PREFIX) && shown.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = dir.join(name);
        let Ok(file) = File::open(&path) else { continue };
        if file.try_lock().is_ok() && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    if removed > 0 {
        let _ = sync_dir(dir);
    }
    removed
}

/// Fsyncs a folder so a rename in it survives a power cut.
///
/// # Errors
/// Any IO error from opening or syncing the folder.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests;
