//! `firedrill practice ...`: each subcommand on the range, printing one
//! plain answer. Errors (a foreign folder, a port in use, a second start, a
//! stopped service) come back as sentences with the way out; `main` prints
//! them and exits 1.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{SecondsFormat, Utc};

use super::args::{DirArg, PracticeOp, Switch};
use super::catalog::{BAD, KILL_SWITCH, KNOWN_GOOD};
use super::client;
use super::daemon;
use super::files::{self, Range, RangeRecord};
use super::server::{self, IDLE};
use crate::core::sanitize::sanitize_line;

/// Runs one `practice` subcommand.
///
/// # Errors
/// A sentence saying what is wrong and what to do.
pub fn run(op: PracticeOp) -> anyhow::Result<ExitCode> {
    match op {
        PracticeOp::Start { port, dir, idle_secs } => {
            start(&folder(dir)?, port, idle_secs.map_or(IDLE, Duration::from_secs))
        }
        PracticeOp::Serve { port, dir, idle_secs } => {
            Ok(server::serve(&folder(dir)?, port, Duration::from_secs(idle_secs)))
        }
        PracticeOp::Stop { dir } => stop(&Range::open(&folder(dir)?)?),
        PracticeOp::Status { dir } => status(&Range::open(&folder(dir)?)?),
        PracticeOp::Deploy { release, dir } => deploy(&Range::open(&folder(dir)?)?, &release, "deploy"),
        PracticeOp::Flag { name, state, dir } => flag(&Range::open(&folder(dir)?)?, &name, state),
        PracticeOp::Live { dir } => {
            let reply = ask(&Range::open(&folder(dir)?)?, "/version")?;
            crate::tell!("{}", reply.body);
            Ok(ExitCode::from(u8::from(reply.status != 200)))
        }
        PracticeOp::Health { dir } => {
            let reply = ask(&Range::open(&folder(dir)?)?, "/signup")?;
            let ok = reply.status == 200;
            crate::tell!("GET /signup: {} {}: {}", reply.status, if ok { "ok" } else { "failing" }, reply.body);
            Ok(ExitCode::from(u8::from(!ok)))
        }
        PracticeOp::Break { dir } => broken(&Range::open(&folder(dir)?)?),
    }
}

/// `--dir`, else `$FIREDRILL_PRACTICE_DIR`, else the data folder's `practice`.
fn folder(dir: DirArg) -> anyhow::Result<PathBuf> {
    dir.dir.or_else(files::default_dir).context("no data folder (no home folder): pass --dir")
}

fn shown(range: &Range) -> String {
    sanitize_line(&range.dir().display().to_string())
}

/// GET `path` from the running service.
fn ask(range: &Range, path: &str) -> anyhow::Result<client::Reply> {
    let Some(record) = daemon::running(range) else {
        bail!("the practice range in {} is not running: start it with `firedrill practice start`", shown(range));
    };
    client::get(record.port, path).with_context(|| format!("GET {path} from 127.0.0.1:{}", record.port))
}

fn start(dir: &std::path::Path, port: Option<u16>, idle: Duration) -> anyhow::Result<ExitCode> {
    let range = Range::create(dir, Utc::now())?;
    if let Some(r) = daemon::running(&range) {
        bail!(
            "the practice range in {} is already running on http://127.0.0.1:{} (pid {}): stop it with `firedrill practice stop`",
            shown(&range),
            r.port,
            r.pid
        );
    }
    let record = daemon::start(&range, port.unwrap_or(0), idle)?;
    crate::tell!("practice range running on http://127.0.0.1:{} (pid {})", record.port, record.pid);
    crate::tell!("folder: {}", shown(&range));
    describe(&range)?;
    crate::tell!("next: `firedrill practice break` deploys the bad release {BAD} (the incident)");
    Ok(ExitCode::SUCCESS)
}

/// The live release and the kill switches, two lines.
fn describe(range: &Range) -> anyhow::Result<()> {
    let live = range.live()?;
    crate::tell!(
        "live release: {} (deployed {} by {})",
        live.release,
        live.at.to_rfc3339_opts(SecondsFormat::Secs, true),
        live.by
    );
    let flags: Vec<String> =
        range.flags()?.iter().map(|(n, on)| format!("{n} {}", if *on { "on" } else { "off" })).collect();
    crate::tell!("kill switches: {}", flags.join(", "));
    Ok(())
}

fn stop(range: &Range) -> anyhow::Result<ExitCode> {
    match daemon::stop(range)? {
        Some(pid) => {
            crate::tell!("practice range stopped (pid {pid})");
            Ok(ExitCode::SUCCESS)
        }
        None => bail!("the practice range in {} is not running", shown(range)),
    }
}

fn status(range: &Range) -> anyhow::Result<ExitCode> {
    let running: Option<RangeRecord> = daemon::running(range);
    match running {
        Some(r) => {
            crate::tell!("practice range in {}: running on http://127.0.0.1:{} (pid {})", shown(range), r.port, r.pid);
        }
        None => crate::tell!("practice range in {}: stopped (start it with `firedrill practice start`)", shown(range)),
    }
    describe(range)?;
    if let Some(r) = running {
        let signup = client::get(r.port, "/signup")?;
        crate::tell!("sign-up: GET /signup answers {}: {}", signup.status, signup.body);
    }
    crate::tell!("deploy ledger ({}):", sanitize_line(&range.path(files::LEDGER).display().to_string()));
    let deploys = range.deploys()?;
    for d in deploys.iter().skip(deploys.len().saturating_sub(5)) {
        crate::tell!("  {} {} ({})", d.at.to_rfc3339_opts(SecondsFormat::Secs, true), d.release, d.by);
    }
    Ok(ExitCode::from(u8::from(running.is_none())))
}

fn deploy(range: &Range, release: &str, by: &str) -> anyhow::Result<ExitCode> {
    let before = range.deploy(release, by, Utc::now())?;
    crate::tell!("deployed {release} (was {before})");
    match daemon::running(range).map(|r| client::get(r.port, "/version")) {
        Some(Ok(reply)) => crate::tell!("the service now serves {}", reply.body),
        _ => crate::tell!("the service is stopped: it serves {release} once started (`firedrill practice start`)"),
    }
    Ok(ExitCode::SUCCESS)
}

fn flag(range: &Range, name: &str, state: Option<Switch>) -> anyhow::Result<ExitCode> {
    let word = |on: bool| if on { "on" } else { "off" };
    let Some(state) = state else {
        let flags = range.flags()?;
        let Some(on) = flags.get(name) else {
            let known: Vec<&str> = flags.keys().map(String::as_str).collect();
            bail!("no kill switch {name} in the practice range (it has {})", known.join(", "));
        };
        crate::tell!("{}", word(*on));
        return Ok(ExitCode::SUCCESS);
    };
    let on = state == Switch::On;
    let before = range.set_flag(name, on)?;
    crate::tell!("kill switch {name}: {} -> {}", word(before), word(on));
    Ok(ExitCode::SUCCESS)
}

/// The incident's trigger: the bad release deployed with its switch on.
fn broken(range: &Range) -> anyhow::Result<ExitCode> {
    range.set_flag(KILL_SWITCH, true)?;
    deploy(range, BAD, "break")?;
    crate::tell!("kill switch {KILL_SWITCH} is on: sign-up now fails (see `firedrill practice health`)");
    crate::tell!("rehearse the rollback to {KNOWN_GOOD}: firedrill drill runbooks/practice.toml --live-commands");
    Ok(ExitCode::SUCCESS)
}
