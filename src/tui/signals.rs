//! Every catchable signal the loop answers, and how. `TERM`, `HUP`, `INT`
//! and `QUIT` end the session keeping the journal (exit 128+N, as before);
//! the thirteen whose default action kills the process (`USR1`, `USR2`,
//! `ALRM`, `VTALRM`, `PROF`, `XCPU`, `XFSZ`, `PWR`, `SYS`, `TRAP`, `ABRT`,
//! `IO`, `STKFLT`) do the same, then die by the signal as its default
//! action would, once the terminal is restored; `TSTP` gives the terminal
//! back and stops, `CONT` takes it again and redraws. (`KILL` and `STOP`
//! cannot be caught; `SEGV`, `BUS`, `ILL` and `FPE` are faults, not requests.)

use std::future::poll_fn;
use std::io;
use std::task::Poll;

use nix::sys::signal::Signal as Sig;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// What the loop does about a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caught {
    /// End the session, keep the journal, exit 128+N.
    Leave(u8),
    /// The same, then die by signal N as its default action does.
    Die(u8),
    /// Give the terminal back and stop (`SIGTSTP`).
    Suspend,
    /// Continued after a stop: take the terminal again and redraw.
    Continue,
}

/// The signals that end the session with exit 128+N.
const LEAVE: [Sig; 4] = [Sig::SIGTERM, Sig::SIGHUP, Sig::SIGINT, Sig::SIGQUIT];

/// The signals whose default action ends the process, re-raised once the
/// terminal is restored.
#[cfg(any(target_os = "linux", target_os = "android"))]
const DIE: [Sig; 13] = [
    Sig::SIGUSR1,
    Sig::SIGUSR2,
    Sig::SIGALRM,
    Sig::SIGVTALRM,
    Sig::SIGPROF,
    Sig::SIGXCPU,
    Sig::SIGXFSZ,
    Sig::SIGPWR,
    Sig::SIGSYS,
    Sig::SIGTRAP,
    Sig::SIGABRT,
    Sig::SIGIO,
    Sig::SIGSTKFLT,
];

/// The same where `PWR` and `STKFLT` do not exist (and `IO` is ignored).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const DIE: [Sig; 10] = [
    Sig::SIGUSR1,
    Sig::SIGUSR2,
    Sig::SIGALRM,
    Sig::SIGVTALRM,
    Sig::SIGPROF,
    Sig::SIGXCPU,
    Sig::SIGXFSZ,
    Sig::SIGSYS,
    Sig::SIGTRAP,
    Sig::SIGABRT,
];

/// The signal streams the loop selects over.
#[derive(Debug)]
pub struct Signals {
    list: Vec<(Sig, Caught, Signal)>,
}

impl Signals {
    /// Registers every signal above.
    ///
    /// # Errors
    /// When the runtime cannot register one.
    pub fn register() -> io::Result<Self> {
        let code = |s: Sig| u8::try_from(s as i32).unwrap_or(u8::MAX);
        let mut wanted: Vec<(Sig, Caught)> = LEAVE.iter().map(|s| (*s, Caught::Leave(code(*s)))).collect();
        wanted.extend(DIE.iter().map(|s| (*s, Caught::Die(code(*s)))));
        wanted.push((Sig::SIGTSTP, Caught::Suspend));
        wanted.push((Sig::SIGCONT, Caught::Continue));
        let list = wanted
            .into_iter()
            .map(|(sig, what)| Ok((sig, what, signal(SignalKind::from_raw(sig as i32))?)))
            .collect::<io::Result<_>>()?;
        Ok(Self { list })
    }

    /// The next signal to arrive, as what to do about it.
    pub async fn recv(&mut self) -> Caught {
        poll_fn(|cx| {
            for (_, what, s) in &mut self.list {
                if let Poll::Ready(Some(())) = s.poll_recv(cx) {
                    return Poll::Ready(*what);
                }
            }
            Poll::Pending
        })
        .await
    }
}

/// Dies by signal `signo` as its default action would (a core dump for
/// `ABRT`, `QUIT`...), the terminal already restored; where that action
/// does not end the process here, exits 128+N.
pub fn die_by(signo: u8) -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(i32::from(signo));
    std::process::exit(128 + i32::from(signo))
}
