//! Standard output for frames: what a frame writes is held in memory and
//! given to the terminal in one `write` when ratatui flushes at the end of
//! the frame (std's stdout would write every 1 KiB and at each newline).

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;

/// A writer that holds a frame and writes it whole on `flush`.
#[derive(Debug)]
pub struct FrameOut {
    held: Vec<u8>,
    /// Standard output's own file descriptor, duplicated, so nothing
    /// between this and the terminal splits the frame; std's handle when
    /// it cannot be duplicated.
    fd: Option<File>,
}

impl FrameOut {
    /// A writer to this process's standard output.
    pub fn stdout() -> Self {
        let fd = io::stdout().as_fd().try_clone_to_owned().ok().map(File::from);
        Self { held: Vec::with_capacity(16 * 1024), fd }
    }

    /// The bytes held, not yet written.
    pub fn held(&self) -> &[u8] {
        &self.held
    }
}

impl Write for FrameOut {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.held.is_empty() {
            return Ok(());
        }
        // Whatever std's handle still holds goes first (modes set with `execute!`).
        io::stdout().flush()?;
        let written = match &mut self.fd {
            Some(fd) => fd.write_all(&self.held),
            None => io::stdout().lock().write_all(&self.held).and_then(|()| io::stdout().flush()),
        };
        // A frame that could not be written is not written later in part.
        self.held.clear();
        // Keep the memory of a usual frame, not of the largest one ever drawn.
        self.held.shrink_to(64 * 1024);
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_held_until_flushed_and_then_written_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tty");
        let mut out = FrameOut { held: Vec::new(), fd: Some(File::create(&path).expect("create")) };
        out.write_all(b"\x1b[1;1Hfirst line\nsecond").expect("write");
        out.write_all(b" more").expect("write");
        assert_eq!(out.held(), b"\x1b[1;1Hfirst line\nsecond more");
        assert_eq!(std::fs::read(&path).expect("read"), b"", "nothing reaches the terminal before the flush");
        out.flush().expect("flush");
        assert!(out.held().is_empty());
        assert_eq!(std::fs::read(&path).expect("read"), b"\x1b[1;1Hfirst line\nsecond more");
    }
}
