//! Running one item's command: argv without a shell, stdin closed, its own
//! process group (under a guard that kills the group if firedrill dies:
//! exec/guard.rs); output streamed in sanitized, redacted lines (1 MiB
//! kept, the rest counted); on timeout the whole group gets SIGTERM, then
//! SIGKILL after a grace period, so no child is left behind.

use std::collections::VecDeque;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::io::AsyncReadExt;
use tokio::process::Command;

use super::redact::{Redactor, Stream};
use crate::core::command::{RunEnd, RunResult};
use crate::core::sanitize::sanitize_line;

/// Output kept per run; past it bytes are counted, not kept.
pub const KEEP_BYTES: u64 = 1024 * 1024;
/// Lines of output recorded in the journal and postmortem.
pub const TAIL_LINES: usize = 20;
/// Longest line redacted whole; a longer one is cut at its last space (a
/// secret has none), or hidden whole when it has no space at all.
pub const MAX_LINE: usize = 64 * 1024;
/// Time between SIGTERM and SIGKILL for a command past its timeout.
pub const GRACE: Duration = Duration::from_secs(2);

/// Sends `signal` to a whole process group (the command and its children).
pub fn signal_group(pgid: u32, signal: Signal) {
    if let Ok(id) = i32::try_from(pgid) {
        let _ = killpg(Pid::from_raw(id), signal);
    }
}

/// The program started for a runbook's `name`: exactly `firedrill` is the
/// running executable itself, so `["firedrill", "practice", "live"]` works
/// installed or run with `cargo run`; any other name is looked up as usual.
pub fn program_for(name: &str) -> std::ffi::OsString {
    match std::env::current_exe() {
        Ok(exe) if name == "firedrill" => exe.into_os_string(),
        _ => name.into(),
    }
}

/// Splits a stream into clean lines: redacted whole, sanitized, counted.
struct Lines<'a> {
    carry: [Vec<u8>; 2],
    redactors: [Stream<'a>; 2],
    kept: u64,
    total: u64,
    tail: VecDeque<String>,
}

impl Lines<'_> {
    fn take(&mut self, stream: usize, bytes: &[u8], out: &mut Vec<String>) {
        self.total += bytes.len() as u64;
        if self.kept >= KEEP_BYTES {
            return;
        }
        self.carry[stream].extend_from_slice(bytes);
        while let Some(nl) = self.carry[stream].iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.carry[stream].drain(..=nl).collect();
            self.push(stream, &line, false, out);
        }
        // A very long line is cut where no secret can be: at a space.
        while self.carry[stream].len() > MAX_LINE {
            let space = self.carry[stream][..MAX_LINE].iter().rposition(u8::is_ascii_whitespace);
            let end = space.map_or(MAX_LINE, |s| s + 1);
            let line: Vec<u8> = self.carry[stream].drain(..end).collect();
            self.push(stream, &line, space.is_none(), out);
        }
    }

    /// Redacts one whole line (the raw text, so colour codes cannot split a
    /// token from its prefix), then sanitizes it; `hide` masks it whole.
    fn push(&mut self, stream: usize, raw: &[u8], hide: bool, out: &mut Vec<String>) {
        if self.kept >= KEEP_BYTES {
            return;
        }
        self.kept += raw.len() as u64;
        let raw = String::from_utf8_lossy(raw);
        let text = if hide {
            format!("{} ({} characters without a space)", super::redact::MASK, raw.chars().count())
        } else {
            sanitize_line(&self.redactors[stream].line(raw.trim_end_matches(['\n', '\r'])))
        };
        if self.tail.len() == TAIL_LINES {
            self.tail.pop_front();
        }
        self.tail.push_back(text.clone());
        out.push(text);
    }

    fn finish(&mut self, out: &mut Vec<String>) {
        for stream in 0..2 {
            let rest = std::mem::take(&mut self.carry[stream]);
            if !rest.is_empty() {
                self.push(stream, &rest, false, out);
            }
        }
    }
}

/// What to run, where, for how long, and through which guard.
#[derive(Debug, Clone, Copy)]
pub struct Launch<'a> {
    /// The program and its arguments.
    pub argv: &'a [String],
    /// The folder it runs in.
    pub cwd: &'a Path,
    /// Killed with its process group after this long.
    pub timeout: Duration,
    /// The firedrill binary, to run the command under a guard (exec/guard.rs)
    /// that kills its group if firedrill dies; `None` runs it directly.
    pub guard: Option<&'a Path>,
}

/// Runs `argv` in `cwd` for at most `timeout`, directly (no guard): see [`launch`].
pub async fn run(
    argv: &[String],
    cwd: &Path,
    timeout: Duration,
    redactor: &Redactor,
    on_start: impl FnMut(u32),
    on_lines: impl FnMut(Vec<String>),
) -> RunResult {
    launch(Launch { argv, cwd, timeout, guard: None }, redactor, on_start, on_lines).await
}

/// Why `program` cannot start from `cwd`, checked before a guard runs it
/// (the guard can only say so by its exit code): missing, or not executable.
fn startable(program: &str, cwd: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let runnable = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
    let exists = |p: &Path| std::fs::metadata(p).is_ok();
    let candidates: Vec<std::path::PathBuf> = if program.contains('/') {
        vec![cwd.join(program)]
    } else {
        std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).map(|d| d.join(program)).collect())
            .unwrap_or_default()
    };
    if candidates.iter().any(|p| runnable(p)) {
        Ok(())
    } else if candidates.iter().any(|p| exists(p)) {
        Err(nix::errno::Errno::EACCES.into())
    } else {
        Err(nix::errno::Errno::ENOENT.into())
    }
}

/// The process to start: `program` under the guard `guard` (checked
/// startable first, its stdin the lifeline), or `program` itself.
fn command(program: &str, rest: &[String], cwd: &Path, guard: Option<&Path>) -> std::io::Result<Command> {
    // `firedrill` in a runbook is this very program, installed or not.
    let resolved = program_for(program);
    let Some(exe) = guard else {
        let mut c = Command::new(&resolved);
        c.args(rest).stdin(Stdio::null());
        return Ok(c);
    };
    startable(&resolved.to_string_lossy(), cwd)?;
    let mut c = Command::new(exe);
    c.arg(super::guard::ARG).arg(std::process::id().to_string()).arg(&resolved).args(rest);
    // The lifeline: held open until the run ends; its end is firedrill's death.
    c.stdin(Stdio::piped());
    Ok(c)
}

/// Runs the command of `what` for at most its timeout; `on_lines` gets each
/// batch of output lines as they come, and `on_start` the process group id
/// (so the caller can kill it when firedrill exits). Returns how it ended.
pub async fn launch(
    what: Launch<'_>,
    redactor: &Redactor,
    mut on_start: impl FnMut(u32),
    mut on_lines: impl FnMut(Vec<String>),
) -> RunResult {
    let Launch { argv, cwd, timeout, guard } = what;
    let started = Instant::now();
    let result = |end: RunEnd, lines: &Lines<'_>| RunResult {
        end,
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        tail: lines.tail.iter().cloned().collect(),
        output_bytes: lines.total,
    };
    let mut lines = Lines {
        carry: [Vec::new(), Vec::new()],
        redactors: [redactor.stream(), redactor.stream()],
        kept: 0,
        total: 0,
        tail: VecDeque::new(),
    };
    let Some((program, rest)) = argv.split_first() else {
        return result(RunEnd::NotStarted { reason: "empty command".to_owned() }, &lines);
    };
    let mut command = match command(program, rest, cwd, guard) {
        Ok(c) => c,
        Err(e) => return result(RunEnd::NotStarted { reason: e.to_string() }, &lines),
    };
    let spawned = command
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        // A guard is never killed alone: dropping the run closes its
        // lifeline, and it takes its whole group down itself.
        .kill_on_drop(guard.is_none())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => return result(RunEnd::NotStarted { reason: e.to_string() }, &lines),
    };
    let pgid = child.id().unwrap_or(0);
    let _lifeline = child.stdin.take();
    on_start(pgid);
    let (Some(mut stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return result(RunEnd::NotStarted { reason: "no output pipes".to_owned() }, &lines);
    };
    let deadline = tokio::time::Instant::now() + timeout;
    let (mut out_open, mut err_open) = (true, true);
    let (mut out_buf, mut err_buf) = (vec![0u8; 8192], vec![0u8; 8192]);
    let mut timed_out = false;
    while out_open || err_open {
        let mut batch = Vec::new();
        tokio::select! {
            n = stdout.read(&mut out_buf), if out_open => match n {
                Ok(0) | Err(_) => out_open = false,
                Ok(n) => lines.take(0, &out_buf[..n], &mut batch),
            },
            n = stderr.read(&mut err_buf), if err_open => match n {
                Ok(0) | Err(_) => err_open = false,
                Ok(n) => lines.take(1, &err_buf[..n], &mut batch),
            },
            () = tokio::time::sleep_until(deadline) => {
                timed_out = true;
                break;
            }
        }
        if !batch.is_empty() {
            on_lines(batch);
        }
    }
    if timed_out {
        signal_group(pgid, Signal::SIGTERM);
        if tokio::time::timeout(GRACE, child.wait()).await.is_err() {
            signal_group(pgid, Signal::SIGKILL);
        }
        // Children of the command that ignored SIGTERM die with the group.
        signal_group(pgid, Signal::SIGKILL);
        let _ = child.wait().await;
        let mut batch = Vec::new();
        lines.finish(&mut batch);
        on_lines(batch);
        return result(RunEnd::TimedOut, &lines);
    }
    let mut batch = Vec::new();
    lines.finish(&mut batch);
    if !batch.is_empty() {
        on_lines(batch);
    }
    let status = tokio::time::timeout_at(deadline, child.wait()).await;
    // Whatever the command left running in its group goes with it.
    signal_group(pgid, Signal::SIGKILL);
    match status {
        Ok(Ok(s)) => result(s.code().map_or(RunEnd::Killed, |code| RunEnd::Exited { code }), &lines),
        Ok(Err(e)) => result(RunEnd::NotStarted { reason: e.to_string() }, &lines),
        Err(_) => result(RunEnd::TimedOut, &lines),
    }
}

#[cfg(test)]
mod tests;
