//! A closed terminal (a laptop lid, an SSH drop, a killed tmux pane) stays
//! readable for good, each read answering "nothing, ever again" (0 bytes,
//! or an error). crossterm 0.29's key reader retries that read in a loop
//! that never returns (upstream crossterm PR #1067, unreleased), holding
//! the thread that called it: when that thread was the event loop, the
//! session never ended, a core spun and the `SIGHUP` waited unread.
//!
//! [`HangupWatch`] waits beside the loop, asleep in `poll`, for the hang-up of
//! the terminal the keys come from; when it comes it puts an empty pipe
//! in the terminal's place on that descriptor, so crossterm's next read
//! answers "no key yet" and returns. The loop then sees the hang-up as
//! before (`SIGHUP`, a failed write, or its watchdog) and ends the session
//! keeping the journal (docs/design.md, "Inside the terminal shell").

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::OnceLock;
use std::thread::JoinHandle;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::unistd::pipe2;

/// The writing end of the pipe put in a closed terminal's place, held
/// while the process lives: without a writer the pipe would read as ended
/// (0 bytes), which is the loop this module exists to break.
static HELD_OPEN: OnceLock<OwnedFd> = OnceLock::new();

/// The watch over the terminal the keys come from, for the process's life.
static KEYS: OnceLock<Option<HangupWatch>> = OnceLock::new();

/// Watches the terminal the keys come from, once per process (see
/// [`watch_keys`]). Call before crossterm's key reader first opens.
pub fn watch_keys_once() {
    KEYS.get_or_init(watch_keys);
}

/// Watches the terminal the keys come from: standard input (the screens
/// run only when it is a terminal, `cli::start`, and crossterm then reads
/// the keys there); `None` (logged) when no watch can start.
fn watch_keys() -> Option<HangupWatch> {
    HangupWatch::start(std::io::stdin(), |pipe| nix::unistd::dup2_stdin(pipe))
        .inspect_err(|e| tracing::warn!(error = %e, "the terminal's hang-up cannot be watched"))
        .ok()
}

/// A thread watching a terminal for a hang-up; dropping it stops the
/// thread (the terminal untouched unless the hang-up came first).
#[derive(Debug)]
pub struct HangupWatch {
    stop: Option<OwnedFd>,
    thread: Option<JoinHandle<()>>,
}

impl HangupWatch {
    /// Starts watching `terminal`; on its hang-up `swap` is given the
    /// reading end of a new, never-written, non-blocking pipe to put on
    /// the descriptor the keys are read from (reads then answer `EAGAIN`,
    /// no data yet).
    ///
    /// # Errors
    /// When no pipe or thread can be made (too many open files).
    pub fn start<T, S>(terminal: T, swap: S) -> std::io::Result<Self>
    where
        T: AsFd + Send + 'static,
        S: FnOnce(&OwnedFd) -> nix::Result<()> + Send + 'static,
    {
        let (stop_read, stop) = pipe2(OFlag::O_CLOEXEC)?;
        let thread = std::thread::Builder::new().name("hangup".into()).spawn(move || {
            if watch(terminal.as_fd(), &stop_read)
                && let Err(e) = swap_for_empty_pipe(swap)
            {
                tracing::warn!(error = %e, "the closed terminal could not be set aside");
            }
        })?;
        Ok(Self { stop: Some(stop), thread: Some(thread) })
    }
}

impl Drop for HangupWatch {
    fn drop(&mut self) {
        // Closing the stop pipe's writing end wakes the thread's poll.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Sleeps until `terminal` hangs up (true) or `stop` is readable or
/// closed, or the wait fails (false).
fn watch(terminal: BorrowedFd<'_>, stop: &OwnedFd) -> bool {
    let ended = PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL;
    loop {
        // No events asked of the terminal: poll reports a hang-up always,
        // and input (a key) never wakes this thread.
        let mut fds = [PollFd::new(terminal, PollFlags::empty()), PollFd::new(stop.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::NONE) {
            Err(Errno::EINTR) => continue,
            Err(e) => {
                tracing::warn!(error = %e, "the terminal's hang-up cannot be watched");
                return false;
            }
            Ok(_) => {}
        }
        // A hang-up first: one that came with the stop is still answered.
        if fds[0].revents().is_some_and(|r| r.intersects(ended)) {
            return true;
        }
        if fds[1].any().unwrap_or(true) {
            return false;
        }
    }
}

/// Makes a new, never-written, non-blocking pipe and gives its reading
/// end to `swap`; the writing end is held while the process lives.
fn swap_for_empty_pipe(swap: impl FnOnce(&OwnedFd) -> nix::Result<()>) -> nix::Result<()> {
    let (read, write) = pipe2(OFlag::O_NONBLOCK | OFlag::O_CLOEXEC)?;
    swap(&read)?;
    let _ = HELD_OPEN.set(write);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A terminal pair: the controller end, and the terminal end as the
    /// keys are read from it (shared with the swap) and a copy to watch.
    fn terminal() -> (OwnedFd, Arc<Mutex<OwnedFd>>, OwnedFd) {
        let pty = nix::pty::openpty(None, None).expect("openpty");
        let watched = pty.slave.try_clone().expect("clone");
        (pty.master, Arc::new(Mutex::new(pty.slave)), watched)
    }

    fn watch(keys: &Arc<Mutex<OwnedFd>>, watched: OwnedFd) -> HangupWatch {
        let keys = Arc::clone(keys);
        HangupWatch::start(watched, move |pipe| nix::unistd::dup2(pipe, &mut keys.lock().expect("keys")))
            .expect("watch")
    }

    fn read_once(keys: &Arc<Mutex<OwnedFd>>) -> nix::Result<usize> {
        nix::unistd::read(&*keys.lock().expect("keys"), &mut [0u8; 16])
    }

    #[test]
    fn a_closed_terminal_reads_as_no_key_yet_instead_of_an_end() {
        let (controller, keys, watched) = terminal();
        let watch = watch(&keys, watched);
        drop(controller);
        // The thread swaps on the hang-up and returns: the join is the wait.
        drop(watch);
        assert_eq!(read_once(&keys), Err(Errno::EAGAIN));
    }

    #[test]
    fn without_the_watch_a_closed_terminal_reads_as_ended_for_good() {
        // What crossterm's read loop sees, and never leaves.
        let (controller, keys, _) = terminal();
        drop(controller);
        for _ in 0..3 {
            assert!(matches!(read_once(&keys), Ok(0) | Err(Errno::EIO)), "an end, again and again");
        }
    }

    #[test]
    fn stopping_the_watch_leaves_a_live_terminal_as_it_was() {
        let (controller, keys, watched) = terminal();
        drop(watch(&keys, watched));
        nix::unistd::write(&controller, b"k\n").expect("type");
        let read = read_once(&keys);
        assert!(matches!(read, Ok(n) if n > 0), "the key is still read from the terminal: {read:?}");
    }
}
