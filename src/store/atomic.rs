//! Atomic, never-overwriting writes: temp file in the target folder, fsync,
//! rename without clobbering, fsync the folder.

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

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

/// Writes each `(extension, bytes)` in `files` as `<dir>/<stem>.<ext>`,
/// adding `-2`, `-3`... to the stem until no file of the set exists, and
/// returns the paths written (same order as `files`).
///
/// # Errors
/// [`SaveError`] when the folder cannot be made or a file cannot be
/// written; files already written in this call stay in place.
pub fn write_new_set(dir: &Path, stem: &str, files: &[(&str, &[u8])]) -> Result<Vec<PathBuf>, SaveError> {
    fs::create_dir_all(dir).map_err(|source| SaveError::Folder { path: dir.to_path_buf(), source })?;
    if !dir.is_dir() {
        return Err(SaveError::Folder {
            path: dir.to_path_buf(),
            source: io::Error::new(io::ErrorKind::NotADirectory, "not a folder"),
        });
    }
    for n in 1u32.. {
        let candidate = if n == 1 { stem.to_owned() } else { format!("{stem}-{n}") };
        let paths: Vec<PathBuf> = files.iter().map(|(ext, _)| dir.join(format!("{candidate}.{ext}"))).collect();
        if paths.iter().any(|p| p.exists()) {
            continue;
        }
        let mut written = Vec::new();
        for (path, (_, bytes)) in paths.iter().zip(files) {
            match write_new(path, bytes) {
                Ok(()) => written.push(path.clone()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => break,
                Err(source) => return Err(SaveError::Write { path: path.clone(), source }),
            }
        }
        if written.len() == files.len() {
            sync_dir(dir).map_err(|source| SaveError::Write { path: dir.to_path_buf(), source })?;
            return Ok(written);
        }
    }
    unreachable_folder(dir)
}

fn unreachable_folder(dir: &Path) -> Result<Vec<PathBuf>, SaveError> {
    Err(SaveError::Folder { path: dir.to_path_buf(), source: io::Error::other("no free file name") })
}

/// Writes `bytes` to a temp file beside `path`, fsyncs it and renames it to
/// `path` unless `path` exists.
///
/// # Errors
/// Any IO error; `AlreadyExists` when `path` appeared meanwhile.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    // Postmortems are meant to be shared: readable by others, like any file
    // the user writes (tempfile's default is owner-only).
    let mut tmp = tempfile::Builder::new()
        .prefix(".firedrill-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o644))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// Fsyncs a folder so a rename in it survives a power cut.
///
/// # Errors
/// Any IO error from opening or syncing the folder.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_and_keeps_pairs_together() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = write_new_set(dir.path(), "s", &[("md", b"one"), ("jsonl", b"1")]).expect("first");
        fs::write(dir.path().join("s-2.jsonl"), "squatter").expect("squat");
        let b = write_new_set(dir.path(), "s", &[("md", b"two"), ("jsonl", b"2")]).expect("second");
        assert_eq!(a, vec![dir.path().join("s.md"), dir.path().join("s.jsonl")]);
        assert_eq!(b, vec![dir.path().join("s-3.md"), dir.path().join("s-3.jsonl")]);
        assert_eq!(fs::read_to_string(dir.path().join("s.md")).expect("read"), "one");
        assert_eq!(fs::read_to_string(dir.path().join("s-2.jsonl")).expect("read"), "squatter");
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("out");
        fs::write(&file, "x").expect("write");
        let err = write_new_set(&file, "s", &[("md", b"x")]).expect_err("must fail");
        assert!(err.to_string().contains("cannot use output folder"), "{err}");
    }
}
