//! The `firedrill` binary: parse arguments, dispatch, report errors plainly.
//! Exit codes: 0 ok, 1 invalid runbook, config or failed check, 2 usage,
//! 128+N after signal N.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use firedrill::cli::files::{new, recover_saves, report, running, running_sessions, shown, unfinished};
use firedrill::cli::settings::{config_cmd, load_config, out_arg, out_folder, runbooks_folder, with_cadence};
use firedrill::cli::{ActionsOp, Cli, Command, Common, SessionArgs, actions, check, docs};
use firedrill::config::Config;
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::core::sanitize::sanitize_line;
use firedrill::store::{paths, runbook_file};
use firedrill::tui::{self, Start};

fn main() -> ExitCode {
    // A guard between firedrill and a command it runs never reaches clap.
    firedrill::exec::guard::run_if_asked();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            tracing::error!("{e:#}");
            firedrill::say!("firedrill: {}", sanitize_line(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

/// The commands that need no config or output folder: run them (`Ok`), or
/// hand the command back (`Err`).
fn standalone(command: Option<Command>) -> Result<anyhow::Result<ExitCode>, Box<Option<Command>>> {
    Ok(match command {
        Some(Command::Check { runbooks, strict, json, injects }) => {
            Ok(check::run(&runbooks, check::CheckOptions { strict, json, deck: injects.as_deref() }))
        }
        Some(Command::New { path, deck }) => new(path.as_deref(), deck.as_deref()),
        Some(Command::Card { runbook, out }) => firedrill::cli::card::run(&runbook, out.as_deref()),
        Some(Command::Propose { journal, previous, apply }) => {
            firedrill::cli::propose::run(&journal, previous.as_deref(), apply)
        }
        Some(Command::ApplyProposal { diff, yes }) => firedrill::cli::propose::apply_saved(&diff, yes),
        Some(Command::Completions { shell }) => docs::completions(shell).map(|()| ExitCode::SUCCESS),
        Some(Command::Man { page, dir }) => firedrill::cli::man::run(page.as_deref(), dir.as_deref()),
        Some(Command::Schema) => docs::schema().map(|()| ExitCode::SUCCESS),
        Some(Command::Practice { op }) => firedrill::practice::commands::run(op),
        other => return Err(Box::new(other)),
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let outer = cli.common;
    let command = match standalone(cli.command) {
        Ok(code) => return code,
        Err(other) => *other,
    };
    let common = match &command {
        Some(
            Command::Drill { session: SessionArgs { common, .. }, .. }
            | Command::Incident(SessionArgs { common, .. })
            | Command::Resume { common, .. }
            | Command::Review { common, .. }
            | Command::Actions { common, .. }
            | Command::Follow { common, .. }
            | Command::Report { common, .. }
            | Command::Preflight { common, .. }
            | Command::Ship(firedrill::cli::ship::ShipArgs { common, .. })
            | Command::Schedule(firedrill::cli::schedule::ScheduleArgs { common, .. })
            | Command::Config { common, .. },
        ) => common.clone().or(&outer),
        _ => outer.clone(),
    };
    let Some(cfg) = load_config(&common) else { return Ok(ExitCode::from(1)) };
    let out = out_arg(common.out.as_deref(), &cfg);
    if firedrill::cli::files::reads_sessions(command.as_ref()) {
        recover_saves(out_folder(common.out.as_deref(), &cfg).map(|(p, _)| p).as_deref());
    }
    match command {
        None => {
            firedrill::logging::init();
            let (dir, _) = runbooks_folder(cli.runbooks, &cfg);
            let mut entries = runbook_file::list(&dir);
            if entries.is_empty() && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
                // No runbook yet: the practice runbook (written only for a screen that shows it).
                entries.extend(firedrill::practice::offer::entry());
            }
            let start = Start::Home {
                unfinished: unfinished(out.as_deref()),
                entries: with_cadence(entries, &cfg),
                runbooks_dir: Some(dir),
                out,
            };
            interactive(start, cfg)
        }
        Some(Command::Config { print, .. }) => config_cmd(print, cli.runbooks, &common, &cfg),
        Some(Command::Resume { journal: None, .. }) => {
            firedrill::logging::init();
            let sessions = unfinished(out.as_deref());
            if sessions.is_empty() {
                firedrill::tell!("firedrill: no unfinished sessions");
                return Ok(ExitCode::SUCCESS);
            }
            interactive(Start::Home { unfinished: sessions, entries: Vec::new(), runbooks_dir: None, out }, cfg)
        }
        Some(Command::Resume { journal: Some(path), .. }) => {
            firedrill::logging::init();
            resume(&path, out, cfg)
        }
        Some(Command::Review { dir, json, .. }) => review(dir, out.as_deref(), json, cfg),
        Some(Command::Follow { journal: None, .. }) => follow_running(cfg),
        Some(Command::Follow { journal: Some(path), .. }) => follow(&path, cfg),
        Some(Command::Actions { op, dir, json, open, .. }) => Ok(actions_cmd(op, dir, json, open, &common, &cfg)),
        Some(Command::Drill { session, live_commands, injects }) => {
            firedrill::logging::init();
            session_cmd(session, (Mode::Drill, injects), live_commands, out, cfg)
        }
        Some(Command::Incident(args)) => {
            firedrill::logging::init();
            session_cmd(args, (Mode::Incident, None), false, out, cfg)
        }
        Some(Command::Report { journal, .. }) => report(&journal, out.as_deref()),
        Some(Command::Preflight { runbooks, json, strict, trust, within, no_record, phase, env, .. }) => {
            let opts = firedrill::cli::preflight::PreflightOptions { json, strict, trust, within: within.0 };
            let dir = out_folder(common.out.as_deref(), &cfg).map(|(p, _)| p);
            let record = if no_record { None } else { dir.as_deref() };
            let folders = firedrill::cli::preflight::Folders { ships: dir.as_deref(), record };
            firedrill::cli::preflight::check_all(&runbooks, opts, folders, &phase.map(|p| (p.phase(), env)))
        }
        Some(Command::Schedule(a)) => {
            firedrill::cli::schedule::run(&a, out_folder(common.out.as_deref(), &cfg).map(|(p, _)| p).as_deref())
        }
        Some(Command::Ship(a)) => {
            firedrill::cli::ship::run(a, out_folder(common.out.as_deref(), &cfg).map(|(p, _)| p).as_deref())
        }
        Some(
            Command::Check { .. }
            | Command::New { .. }
            | Command::Card { .. }
            | Command::Propose { .. }
            | Command::ApplyProposal { .. }
            | Command::Completions { .. }
            | Command::Practice { .. }
            | Command::Man { .. }
            | Command::Schema,
        ) => Ok(ExitCode::SUCCESS),
    }
}

fn interactive(start: Start, cfg: Config) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        firedrill::say!(
            "firedrill: not a terminal: run it in a terminal (for scripts use `firedrill check` or `firedrill report`)"
        );
        return Ok(ExitCode::from(2));
    }
    let code = tui::run(start, cfg)?;
    Ok(ExitCode::from(code))
}

/// Starts a session of `mode` (a drill, with its deck of inject cards when given).
fn session_cmd(
    args: SessionArgs,
    (mode, deck): (Mode, Option<PathBuf>),
    live_commands: bool,
    out: Option<PathBuf>,
    cfg: Config,
) -> anyhow::Result<ExitCode> {
    let loaded = match runbook_file::load(&args.runbook) {
        Ok(l) if firedrill::exec::redact::Redactor::new(&l.runbook.redact).is_err() => {
            let why = firedrill::exec::redact::Redactor::new(&l.runbook.redact).err().unwrap_or_default();
            firedrill::say!("{}: redact: {}", l.path, sanitize_line(&why));
            return Ok(ExitCode::from(1));
        }
        Ok(mut l) => {
            l.update_every = cfg.update_every.as_ref().map(|u| u.value);
            match deck.as_deref().map(|d| runbook_file::load_deck(d, &l.runbook)).transpose() {
                Ok(d) => l.deck = d,
                Err(errors) => return Ok(firedrill::cli::check::print_errors(&errors)),
            }
            l
        }
        Err(errors) => {
            for e in errors {
                firedrill::say!("{e}");
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
            firedrill::say!(
                "firedrill: give all three of --driver, --communicator and --verifier, --solo NAME, or none to use the roles screen"
            );
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(Err(e)) = roles.as_ref().map(|r| r.validate(mode == Mode::Incident)) {
        firedrill::say!("firedrill: {}", sanitize_line(&e.to_string()));
        return Ok(ExitCode::from(2));
    }
    if let Some(Err(why)) = paths::sessions_dir().map(|d| paths::check_writable(&d)) {
        firedrill::say!("firedrill: {why}");
        return Ok(ExitCode::from(1));
    }
    interactive(Start::Session { loaded: Box::new(loaded), mode, roles, live_commands, out }, cfg)
}

fn review(dir: Option<PathBuf>, out: Option<&Path>, json: bool, cfg: Config) -> anyhow::Result<ExitCode> {
    let dir = dir.or_else(|| paths::out_dir(out)).ok_or_else(|| anyhow::anyhow!("no folder: pass DIR"))?;
    if !dir.is_dir() {
        firedrill::say!("firedrill: {}: not a folder of saved sessions", shown(&dir));
        return Ok(ExitCode::from(1));
    }
    if json {
        return firedrill::cli::review::json(&dir);
    }
    firedrill::logging::init();
    let scanned = firedrill::store::review::scan(&dir, paths::review_cache().as_deref());
    let preflights = firedrill::store::preflight::list(&dir);
    interactive(Start::Review { scanned, preflights, dir }, cfg)
}

/// `firedrill follow` alone: the sessions running here to pick from (one
/// alone is followed at once), listed for a script, or, with none, why
/// there is nothing to follow (exit 1).
fn follow_running(cfg: Config) -> anyhow::Result<ExitCode> {
    let live = running_sessions();
    if live.is_empty() {
        return Ok(firedrill::cli::files::none_running());
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Ok(running(live));
    }
    firedrill::logging::init();
    interactive(Start::Pick { running: live }, cfg)
}

/// Follows the session written to `path`, read-only.
fn follow(path: &Path, cfg: Config) -> anyhow::Result<ExitCode> {
    let offset = std::fs::metadata(path).map_or(0, |m| m.len());
    let journal = match firedrill::store::journal::read(path) {
        Ok(j) => j,
        Err(e) => {
            firedrill::say!("firedrill: {}", sanitize_line(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    let writer = firedrill::store::lock::holder(path)
        .map_or_else(|| "no running writer".to_owned(), |h| format!("{}:{}", h.host, h.pid));
    interactive(Start::Follow { journal: Box::new(journal), path: path.to_path_buf(), offset, writer }, cfg)
}

fn resume(path: &Path, out: Option<PathBuf>, cfg: Config) -> anyhow::Result<ExitCode> {
    let mut journal = match firedrill::store::journal::read(path) {
        Ok(j) => j,
        Err(e) => {
            let why = match e {
                firedrill::store::journal::JournalError::Io { .. } => e.to_string(),
                other => format!("{}: {other}", shown(path)),
            };
            firedrill::say!("firedrill: {}", sanitize_line(&why));
            return Ok(ExitCode::from(1));
        }
    };
    let mut notices: Vec<String> = journal
        .skipped
        .iter()
        .map(|s| format!("journal line {} skipped: {}", s.line, sanitize_line(&s.reason)))
        .collect();
    notices.extend(firedrill::cli::files::merge_pending(path, &mut journal, out.as_deref()));
    for n in &notices {
        firedrill::say!("firedrill: {n}");
    }
    if journal.events.iter().any(|e| matches!(e.kind, firedrill::core::event::EventKind::Finished)) {
        firedrill::say!(
            "firedrill: this session has finished; write its postmortem with: firedrill report {}",
            shown(path)
        );
        return Ok(ExitCode::from(1));
    }
    interactive(Start::Resume { journal: Box::new(journal), path: path.to_path_buf(), notices, out }, cfg)
}

/// `firedrill actions`: list, close or export, in the folder given (or the
/// output folder).
fn actions_cmd(
    op: Option<ActionsOp>,
    dir: Option<PathBuf>,
    json: bool,
    open: bool,
    common: &Common,
    cfg: &Config,
) -> ExitCode {
    let given = match &op {
        Some(ActionsOp::Close { dir: d, .. } | ActionsOp::Export { dir: d, .. }) => d.clone(),
        None => dir,
    };
    let Some(dir) = given.or_else(|| out_folder(common.out.as_deref(), cfg).map(|(p, _)| p)) else {
        firedrill::say!("firedrill: no folder of saved sessions: pass DIR or --out");
        return ExitCode::from(2);
    };
    // A wrong folder is not "nothing open": say so, as review does.
    if !dir.is_dir() {
        firedrill::say!("firedrill: {}: not a folder of saved sessions", shown(&dir));
        return ExitCode::from(1);
    }
    match op {
        None => actions::list(&dir, json, open),
        Some(ActionsOp::Close { id, note, .. }) => actions::close(&dir, &id, &note),
        Some(ActionsOp::Export { format, repo, .. }) => actions::export(&dir, format, repo.as_deref()),
    }
}
