//! The guard: a small firedrill process between firedrill and each command
//! it runs, so no command outlives firedrill, even after a SIGKILL that
//! gives firedrill no chance to clean up.
//!
//! firedrill starts `firedrill __firedrill-guard PID PROGRAM ARGS...` as
//! the leader of a new process group, its stdin a pipe firedrill holds
//! open (the lifeline), its stdout and stderr firedrill's output pipes.
//! The guard runs the command in its group (same pipes, stdin closed) and
//! waits. When firedrill dies, however it dies, the kernel closes the
//! lifeline (and on Linux sends the guard its parent-death signal,
//! `PR_SET_PDEATHSIG` through nix): the guard kills its whole group, the
//! command and everything it started. When the command ends, the guard
//! exits with its code (killed by a signal: killed too).
//!
//! No `unsafe`: the guard sets the death signal on itself, blocks the
//! stop signals in itself only (std clears the mask of the command it
//! spawns), and waits for the death signal with `sigwait`.

use std::io::Read;
use std::process::{Command, Stdio};

use nix::sys::signal::{SigSet, Signal, kill};
use nix::unistd::Pid;

/// The first argument that makes a firedrill process a guard.
pub const ARG: &str = "__firedrill-guard";

/// Exit code of a guard whose command could not start (as a shell's).
pub const NOT_STARTED: i32 = 127;

/// Runs the guard when this process was started as one (and then never
/// returns); otherwise returns at once. Call it first in `main`.
pub fn run_if_asked() {
    let mut given = std::env::args_os().skip(1);
    if given.next().is_none_or(|a| a != ARG) {
        return;
    }
    let parent = given.next().and_then(|p| p.to_str().and_then(|p| p.parse::<i32>().ok())).unwrap_or(0);
    let command: Vec<std::ffi::OsString> = given.collect();
    std::process::exit(guard(parent, &command));
}

/// Kills this guard's whole process group (itself included).
fn kill_group() -> ! {
    let _ = kill(Pid::from_raw(0), Signal::SIGKILL);
    std::process::exit(1)
}

fn guard(parent: i32, argv: &[std::ffi::OsString]) -> i32 {
    // The stop signals are firedrill's to send to the command: the guard
    // outlives them to report how it ended (and is killed with the group).
    let mut held = SigSet::empty();
    for s in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP, Signal::SIGQUIT, Signal::SIGUSR1] {
        held.add(s);
    }
    let _ = held.thread_block();
    #[cfg(target_os = "linux")]
    {
        let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGUSR1);
        std::thread::spawn(|| {
            if SigSet::from(Signal::SIGUSR1).wait().is_ok() {
                kill_group();
            }
        });
    }
    // firedrill may have died before the death signal was set.
    if nix::unistd::getppid().as_raw() != parent {
        kill_group();
    }
    let Some((program, rest)) = argv.split_first() else { return NOT_STARTED };
    let mut child = match Command::new(program).args(rest).stdin(Stdio::null()).spawn() {
        Ok(c) => c,
        Err(e) => {
            crate::say!("firedrill: cannot start {}: {e}", program.to_string_lossy());
            return NOT_STARTED;
        }
    };
    std::thread::spawn(|| {
        // The lifeline: firedrill never writes it; end of file is its death.
        let mut buf = [0u8; 64];
        while let Ok(n) = std::io::stdin().read(&mut buf) {
            if n == 0 {
                break;
            }
        }
        kill_group();
    });
    if let Ok(Some(code)) = child.wait().map(|s| s.code()) {
        return code;
    }
    // Killed by a signal (or lost): say so the same way.
    let _ = kill(Pid::this(), Signal::SIGKILL);
    1
}
