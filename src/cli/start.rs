//! The handlers of the commands that open the terminal app or read the
//! sessions (home, drill, incident, resume, review, follow, actions): each
//! checks its input, says plainly what is wrong, and starts the app.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::files::{running, running_sessions, shown, unfinished};
use crate::cli::settings::{Settings, runbooks_folder, with_cadence};
use crate::cli::{ActionsOp, SessionArgs, actions};
use crate::config::Config;
use crate::core::event::Mode;
use crate::core::roles::Roles;
use crate::core::sanitize::sanitize_line;
use crate::store::{paths, runbook_file};
use crate::tui::{self, Start};

/// The home screen: the runbooks of the folder (or the practice runbook
/// when there is none) and the unfinished sessions.
///
/// # Errors
/// When the terminal app cannot start or fails (printed by `main`).
pub fn home(runbooks: Option<PathBuf>, s: Settings) -> anyhow::Result<ExitCode> {
    crate::logging::init();
    let (dir, _) = runbooks_folder(runbooks, &s.cfg);
    let mut entries = runbook_file::list(&dir);
    if entries.is_empty() && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        // No runbook yet: the practice runbook (written only for a screen that shows it).
        entries.extend(crate::practice::offer::entry());
    }
    let start = Start::Home {
        unfinished: unfinished(s.out.as_deref()),
        entries: with_cadence(entries, &s.cfg),
        runbooks_dir: Some(dir),
        out: s.out,
    };
    interactive(start, s.cfg)
}

/// `firedrill resume` alone: the unfinished sessions to pick from.
///
/// # Errors
/// When the terminal app cannot start or fails (printed by `main`).
pub fn resume_any(s: Settings) -> anyhow::Result<ExitCode> {
    let sessions = unfinished(s.out.as_deref());
    if sessions.is_empty() {
        crate::tell!("firedrill: no unfinished sessions");
        return Ok(ExitCode::SUCCESS);
    }
    interactive(Start::Home { unfinished: sessions, entries: Vec::new(), runbooks_dir: None, out: s.out }, s.cfg)
}

/// Runs the terminal app from `start`; exit 2 when standard input or
/// output is not a terminal.
///
/// # Errors
/// When the terminal app cannot start or fails (printed by `main`).
pub fn interactive(start: Start, cfg: Config) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        crate::say!(
            "firedrill: not a terminal: run it in a terminal (for scripts use `firedrill check` or `firedrill report`)"
        );
        return Ok(ExitCode::from(2));
    }
    let code = tui::run(start, cfg)?;
    Ok(ExitCode::from(code))
}

/// Starts a session of `mode` (a drill, with its deck of inject cards when given).
///
/// # Errors
/// When the terminal app cannot start or fails (printed by `main`).
pub fn session_cmd(
    args: SessionArgs,
    (mode, deck): (Mode, Option<PathBuf>),
    live_commands: bool,
    out: Option<PathBuf>,
    cfg: Config,
) -> anyhow::Result<ExitCode> {
    let loaded = match runbook_file::load(&args.runbook) {
        Ok(l) if crate::exec::redact::Redactor::new(&l.runbook.redact).is_err() => {
            let why = crate::exec::redact::Redactor::new(&l.runbook.redact).err().unwrap_or_default();
            crate::say!("{}: redact: {}", l.path, sanitize_line(&why));
            return Ok(ExitCode::from(1));
        }
        Ok(mut l) => {
            l.update_every = cfg.update_every.as_ref().map(|u| u.value);
            match deck.as_deref().map(|d| runbook_file::load_deck(d, &l.runbook)).transpose() {
                Ok(d) => l.deck = d,
                Err(errors) => return Ok(crate::cli::check::print_errors(&errors)),
            }
            l
        }
        Err(errors) => {
            for e in errors {
                crate::say!("{e}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    // Names typed on the command line pass the same sanitizer as typed keys.
    let name = |n: Option<String>| sanitize_line(&n.unwrap_or_default());
    let roles = match (args.driver, args.communicator, args.verifier, args.solo) {
        (None, None, None, None) => None,
        (_, _, _, Some(solo)) => Some(Roles::solo_practice(&name(Some(solo)))),
        (d @ Some(_), c @ Some(_), v @ Some(_), None) => Some(Roles::new(&name(d), &name(c), &name(v))),
        _ => {
            crate::say!(
                "firedrill: give all three of --driver, --communicator and --verifier, --solo NAME, or none to use the roles screen"
            );
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(Err(e)) = roles.as_ref().map(|r| r.validate(mode == Mode::Incident)) {
        crate::say!("firedrill: {}", sanitize_line(&e.to_string()));
        return Ok(ExitCode::from(2));
    }
    if let Some(Err(why)) = paths::sessions_dir().map(|d| paths::check_writable(&d)) {
        crate::say!("firedrill: {why}");
        return Ok(ExitCode::from(1));
    }
    interactive(Start::Session { loaded: Box::new(loaded), mode, roles, live_commands, out }, cfg)
}

/// `firedrill review`: the saved sessions of `dir` (else the output
/// folder), on screen or as JSON.
///
/// # Errors
/// When no folder is given or found, standard output closes, or the
/// terminal app fails (printed by `main`).
pub fn review(dir: Option<PathBuf>, out: Option<&Path>, json: bool, cfg: Config) -> anyhow::Result<ExitCode> {
    let dir = dir.or_else(|| paths::out_dir(out)).ok_or_else(|| anyhow::anyhow!("no folder: pass DIR"))?;
    if !dir.is_dir() {
        crate::say!("firedrill: {}: not a folder of saved sessions", shown(&dir));
        return Ok(ExitCode::from(1));
    }
    if json {
        return crate::cli::review::json(&dir);
    }
    crate::logging::init();
    let (scanned, preflights) = crate::store::review::folder_to_show(&dir, paths::review_cache(&dir).as_deref());
    interactive(Start::Review { scanned, preflights, dir }, cfg)
}

/// `firedrill follow` alone: the sessions running here to pick from (one
/// alone is followed at once), listed for a script, or, with none, why
/// there is nothing to follow (exit 1).
///
/// # Errors
/// When the terminal app cannot start or fails (printed by `main`).
pub fn follow_running(cfg: Config) -> anyhow::Result<ExitCode> {
    let live = running_sessions();
    if live.is_empty() {
        return Ok(crate::cli::files::none_running());
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Ok(running(live));
    }
    if let [one] = live.as_slice() {
        // One alone is followed at once: read whole now, so the first frame shows it.
        return follow(&one.path, cfg);
    }
    crate::logging::init();
    interactive(Start::Pick { running: live }, cfg)
}

/// Follows the session written to `path`, read-only.
///
/// # Errors
/// When the terminal app cannot start or fails (printed by `main`).
pub fn follow(path: &Path, cfg: Config) -> anyhow::Result<ExitCode> {
    crate::logging::init();
    let offset = std::fs::metadata(path).map_or(0, |m| m.len());
    let journal = match crate::store::journal::read(path) {
        Ok(j) => j,
        Err(e) => {
            crate::say!("firedrill: {}", sanitize_line(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    let writer = crate::store::lock::holder(path)
        .map_or_else(|| "no running writer".to_owned(), |h| format!("{}:{}", h.host, h.pid));
    interactive(Start::Follow { journal: Box::new(journal), path: path.to_path_buf(), offset, writer }, cfg)
}

/// `firedrill resume JOURNAL`: the session of `path`, unless it has
/// finished (then `report` is the way).
///
/// # Errors
/// When the terminal app cannot start or fails (printed by `main`).
pub fn resume(path: &Path, out: Option<PathBuf>, cfg: Config) -> anyhow::Result<ExitCode> {
    let mut journal = match crate::store::journal::read(path) {
        Ok(j) => j,
        Err(e) => {
            let why = match e {
                crate::store::journal::JournalError::Io { .. } => e.to_string(),
                other => format!("{}: {other}", shown(path)),
            };
            crate::say!("firedrill: {}", sanitize_line(&why));
            return Ok(ExitCode::from(1));
        }
    };
    let mut notices: Vec<String> = journal
        .skipped
        .iter()
        .map(|s| format!("journal line {} skipped: {}", s.line, sanitize_line(&s.reason)))
        .collect();
    notices.extend(crate::cli::files::merge_pending(path, &mut journal, out.as_deref()));
    for n in &notices {
        crate::say!("firedrill: {n}");
    }
    if let Some(why) = crate::store::sessions::unresumable(&journal, path) {
        crate::say!("firedrill: {why}");
        return Ok(ExitCode::from(1));
    }
    interactive(Start::Resume { journal: Box::new(journal), path: path.to_path_buf(), notices, out }, cfg)
}

/// `firedrill actions`: list, close or export, in the folder given (or the
/// output folder).
pub fn actions_cmd(op: Option<ActionsOp>, dir: Option<PathBuf>, json: bool, open: bool, s: &Settings) -> ExitCode {
    let given = match &op {
        Some(ActionsOp::Close { dir: d, .. } | ActionsOp::Export { dir: d, .. }) => d.clone(),
        None => dir,
    };
    let Some(dir) = given.or_else(|| s.folder()) else {
        crate::say!("firedrill: no folder of saved sessions: pass DIR or --out");
        return ExitCode::from(2);
    };
    // A wrong folder is not "nothing open": say so, as review does.
    if !dir.is_dir() {
        crate::say!("firedrill: {}: not a folder of saved sessions", shown(&dir));
        return ExitCode::from(1);
    }
    match op {
        None => actions::list(&dir, json, open),
        Some(ActionsOp::Close { id, note, .. }) => actions::close(&dir, &id, &note),
        Some(ActionsOp::Export { format, repo, .. }) => actions::export(&dir, format, repo.as_deref()),
    }
}
