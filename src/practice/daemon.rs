//! Starting the service in the background and stopping it. `start` runs
//! `firedrill practice serve` detached (its own session, standard input
//! closed, output to the range's log, so no pipe of a caller waits on it)
//! and waits until it answers; `stop` removes its record, which the service
//! sees within a fifth of a second, and waits until the process is gone
//! (SIGTERM, then SIGKILL, if it ever does not leave on its own).

use std::fs::OpenOptions;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::client;
use super::files::{LOG, Range, RangeRecord};
use super::server::PORT_IN_USE;

/// Longest `start` waits for the service to answer, and `stop` for it to leave.
const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// The service's record when it is running: the record is there and the
/// process on its port answers `/healthz` with the same pid.
pub fn running(range: &Range) -> Option<RangeRecord> {
    let record = range.record()?;
    let reply = client::get(record.port, "/healthz").ok()?;
    (reply.status == 200 && reply.body == format!("ok pid={}", record.pid)).then_some(record)
}

/// True while process `pid` exists and is not a zombie (an exited child
/// not yet reaped by its parent is gone for every purpose here).
pub fn alive(pid: u32) -> bool {
    let Ok(raw) = i32::try_from(pid) else { return false };
    if kill(Pid::from_raw(raw), None).is_err() {
        return false;
    }
    // Linux says which state a process is in; elsewhere kill(0) is the answer.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.rsplit_once(") ").is_none_or(|(_, rest)| !rest.starts_with('Z')),
        Err(_) => true,
    }
}

/// Starts the service of `range` on `port` (0: a free one), stopping after
/// `idle` without a request, and waits until it answers.
///
/// # Errors
/// The port in use (with the way out), or a service that never answered
/// (with the end of its log).
pub fn start(range: &Range, port: u16, idle: Duration) -> anyhow::Result<RangeRecord> {
    let exe = std::env::current_exe().context("cannot find the firedrill executable")?;
    let log_path = range.path(LOG);
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .with_context(|| format!("cannot open {}", log_path.display()))?;
    let mut child = Command::new(exe)
        .args(["practice", "serve", "--port", &port.to_string(), "--idle-secs", &idle.as_secs().to_string()])
        .arg("--dir")
        .arg(range.dir())
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .context("cannot start the practice service")?;
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().context("cannot wait for the practice service")? {
            if status.code() == Some(i32::from(PORT_IN_USE)) {
                bail!(
                    "port {port} on 127.0.0.1 is in use: choose another with --port, or leave --port out for a free one"
                );
            }
            bail!("the practice service stopped at once ({status}); its log: {}", tail(&log_path));
        }
        if let Some(record) = running(range).filter(|r| r.pid == child.id()) {
            return Ok(record);
        }
        std::thread::sleep(POLL);
    }
    let _ = child.kill();
    let _ = child.wait();
    bail!("the practice service did not answer within {}s; its log: {}", WAIT.as_secs(), tail(&log_path))
}

/// The last line of the log, for an error message.
fn tail(path: &Path) -> String {
    let text = crate::store::regular::read(path, 1024 * 1024).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let last = text.lines().last().unwrap_or("(empty)");
    format!("{} ({last})", path.display())
}

/// Stops the running service of `range`; returns its pid, or `None` when
/// it was not running (a stale record is removed).
///
/// # Errors
/// A process that outlived SIGKILL.
pub fn stop(range: &Range) -> anyhow::Result<Option<u32>> {
    let Some(record) = running(range) else {
        if let Some(stale) = range.record() {
            range.remove_record(stale.pid);
        }
        return Ok(None);
    };
    range.remove_record(record.pid);
    if wait_gone(record.pid, WAIT) {
        return Ok(Some(record.pid));
    }
    for signal in [Signal::SIGTERM, Signal::SIGKILL] {
        if let Ok(raw) = i32::try_from(record.pid) {
            let _ = kill(Pid::from_raw(raw), signal);
        }
        if wait_gone(record.pid, Duration::from_secs(2)) {
            return Ok(Some(record.pid));
        }
    }
    bail!("the practice service (pid {}) did not stop", record.pid)
}

fn wait_gone(pid: u32, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if !alive(pid) {
            return true;
        }
        std::thread::sleep(POLL);
    }
    !alive(pid)
}
