//! Opening only regular files: a FIFO, a device (or a symlink to one) or a
//! folder is refused at once with a clear reason, before `open` could block
//! on it, and a file over the caller's size limit is refused before reading.

use std::fs::{self, File};
use std::io;
use std::path::Path;

/// Why `meta` is not a regular file, in words, if it is not one.
fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("is a folder, not a file")
    } else if t.is_fifo() {
        Some("is a named pipe (FIFO), not a file")
    } else if t.is_char_device() || t.is_block_device() {
        Some("is a device, not a file")
    } else if t.is_socket() {
        Some("is a socket, not a file")
    } else {
        Some("is not a regular file")
    }
}

/// Opens `path` for reading if it is a regular file of at most `limit`
/// bytes (following symlinks, so a link to `/dev/zero` is a device).
///
/// # Errors
/// `InvalidInput` naming what it is for anything but a regular file,
/// `FileTooLarge` over `limit`, or the error of `stat`/`open`.
pub fn open(path: &Path, limit: u64) -> io::Result<File> {
    check(&fs::metadata(path)?, limit)?;
    let file = File::open(path)?;
    // It may have been swapped between the look and the open: look again.
    check(&file.metadata()?, limit)?;
    Ok(file)
}

fn check(meta: &fs::Metadata, limit: u64) -> io::Result<()> {
    if let Some(why) = not_regular(meta) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, why));
    }
    if meta.len() > limit {
        let why = format!("is larger than {} (the limit for this kind of file)", human(limit));
        return Err(io::Error::new(io::ErrorKind::FileTooLarge, why));
    }
    Ok(())
}

/// `limit` in KiB or MiB.
fn human(limit: u64) -> String {
    if limit >= 1 << 20 { format!("{} MiB", limit >> 20) } else { format!("{} KiB", limit >> 10) }
}

/// Reads the whole of `path` if it is a regular file of at most `limit` bytes.
///
/// # Errors
/// As [`open`], or a read error.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = open(path, limit)?;
    // One read for a file as large as it says it is, not a doubling series from 32 bytes.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// True when `path` is a regular file (following symlinks); never opens it.
pub fn is_regular(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_fifos_are_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("p.jsonl");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(made.success());
        let link = dir.path().join("z.jsonl");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        for (path, why) in [(fifo.as_path(), "named pipe"), (link.as_path(), "device"), (dir.path(), "folder")] {
            let err = open(path, 1024).expect_err("refused");
            assert!(err.to_string().contains(why), "{}: {err}", path.display());
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big = dir.path().join("big");
        fs::write(&big, vec![b'x'; 2048]).expect("write");
        assert!(open(&big, 4096).is_ok());
        let err = open(&big, 1024).expect_err("too big");
        assert_eq!(err.to_string(), "is larger than 1 KiB (the limit for this kind of file)");
    }
}
