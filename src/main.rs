//! The `firedrill` binary: parse arguments, dispatch, report errors plainly.
//! Exit codes: 0 ok, 1 invalid runbook or failed check, 2 usage, 128+N after signal N.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use firedrill::cli::{Cli, Command, SessionArgs};
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::core::runbook::warnings;
use firedrill::core::sanitize::sanitize_line;
use firedrill::store::{paths, runbook_file, save};
use firedrill::tui::{self, Start};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("firedrill: {}", sanitize_line(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if matches!(cli.command, None | Some(Command::Resume { journal: None })) {
        // Finish or roll back saves a kill interrupted; say which are missing.
        if let Some(sessions) = paths::sessions_dir() {
            let recovery = save::recover(&sessions, paths::out_dir(cli.out.as_deref()).as_deref());
            for (_, postmortem) in &recovery.completed {
                eprintln!("firedrill: finished a save that was cut short: wrote {}", shown(postmortem));
            }
            for journal in recovery.missing {
                let shown = sanitize_line(&journal.display().to_string());
                eprintln!("firedrill: saved? postmortem missing for {shown}: write it with: firedrill report {shown}");
            }
        }
    }
    match cli.command {
        None => interactive(Start::Home {
            unfinished: unfinished(),
            entries: runbook_file::list(&cli.runbooks),
            runbooks_dir: Some(cli.runbooks),
            out: cli.out,
        }),
        Some(Command::Resume { journal: None }) => {
            let sessions = unfinished();
            if sessions.is_empty() {
                println!("firedrill: no unfinished sessions");
                return Ok(ExitCode::SUCCESS);
            }
            interactive(Start::Home { unfinished: sessions, entries: Vec::new(), runbooks_dir: None, out: cli.out })
        }
        Some(Command::Resume { journal: Some(path) }) => resume(&path, cli.out),
        Some(Command::Review { dir, json }) => review(dir, cli.out.as_deref(), json),
        Some(Command::Drill(args)) => session(args, Mode::Drill, cli.out),
        Some(Command::Incident(args)) => session(args, Mode::Incident, cli.out),
        Some(Command::Check { runbooks }) => Ok(check(&runbooks)),
        Some(Command::New { path }) => new(&path),
        Some(Command::Report { journal }) => report(&journal, cli.out.as_deref()),
    }
}

fn interactive(start: Start) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "firedrill: not a terminal: run it in a terminal (for scripts use `firedrill check` or `firedrill report`)"
        );
        return Ok(ExitCode::from(2));
    }
    let code = tui::run(start)?;
    Ok(ExitCode::from(code))
}

fn session(args: SessionArgs, mode: Mode, out: Option<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    let loaded = match runbook_file::load(&args.runbook) {
        Ok(l) if firedrill::exec::redact::Redactor::new(&l.runbook.redact).is_err() => {
            let why = firedrill::exec::redact::Redactor::new(&l.runbook.redact).err().unwrap_or_default();
            eprintln!("{}: redact: {}", l.path, sanitize_line(&why));
            return Ok(ExitCode::from(1));
        }
        Ok(l) => l,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let roles = match (args.driver, args.communicator, args.verifier) {
        (None, None, None) => None,
        (Some(d), Some(c), Some(v)) => {
            // Names typed on the command line pass the same sanitizer as typed keys.
            let roles = Roles::new(&sanitize_line(&d), &sanitize_line(&c), &sanitize_line(&v));
            if let Err(e) = roles.validate(mode == Mode::Incident) {
                eprintln!("firedrill: {}", sanitize_line(&e.to_string()));
                return Ok(ExitCode::from(2));
            }
            Some(roles)
        }
        _ => {
            eprintln!(
                "firedrill: give all three of --driver, --communicator and --verifier, or none to use the roles screen"
            );
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(Err(why)) = paths::sessions_dir().map(|d| paths::check_writable(&d)) {
        eprintln!("firedrill: {why}");
        return Ok(ExitCode::from(1));
    }
    interactive(Start::Session { loaded: Box::new(loaded), mode, roles, live_commands: args.live_commands, out })
}

fn review(dir: Option<std::path::PathBuf>, out: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
    let dir = dir.or_else(|| paths::out_dir(out)).ok_or_else(|| anyhow::anyhow!("no folder: pass DIR"))?;
    if !dir.is_dir() {
        eprintln!("firedrill: {}: not a folder of saved sessions", shown(&dir));
        return Ok(ExitCode::from(1));
    }
    let scanned = firedrill::store::review::scan(&dir, paths::review_cache().as_deref());
    if !json {
        return interactive(Start::Review { scanned, dir });
    }
    let mut stdout = std::io::stdout().lock();
    for s in scanned {
        match s.summary {
            Ok(summary) => {
                use std::io::Write as _;
                writeln!(stdout, "{}", serde_json::to_string(&summary)?)?;
            }
            Err(why) => eprintln!("{}: unreadable: {}", shown(&s.path), sanitize_line(&why)),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A path as printed: sanitized, so a file name cannot drive the terminal.
fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

fn unfinished() -> Vec<firedrill::store::sessions::Unfinished> {
    paths::sessions_dir().map(|d| firedrill::store::sessions::unfinished(&d)).unwrap_or_default()
}

fn resume(path: &Path, out: Option<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    let journal = match firedrill::store::journal::read(path) {
        Ok(j) => j,
        Err(e) => {
            let why = match e {
                firedrill::store::journal::JournalError::Io { .. } => e.to_string(),
                other => format!("{}: {other}", shown(path)),
            };
            eprintln!("firedrill: {}", sanitize_line(&why));
            return Ok(ExitCode::from(1));
        }
    };
    let notices: Vec<String> = journal
        .skipped
        .iter()
        .map(|s| format!("journal line {} skipped: {}", s.line, sanitize_line(&s.reason)))
        .collect();
    for n in &notices {
        eprintln!("firedrill: {n}");
    }
    if journal.events.iter().any(|e| matches!(e.kind, firedrill::core::event::EventKind::Finished)) {
        eprintln!("firedrill: this session has finished; write its postmortem with: firedrill report {}", shown(path));
        return Ok(ExitCode::from(1));
    }
    interactive(Start::Resume { journal: Box::new(journal), path: path.to_path_buf(), notices, out })
}

fn check(runbooks: &[std::path::PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in runbooks {
        match runbook_file::load(path) {
            Ok(l) => {
                let warns = warnings(&l.runbook, &l.text);
                for w in &warns {
                    println!("{}: warning: {w}", l.path);
                }
                let secrets = firedrill::exec::redact::literal_secrets(&l.path, &l.text);
                for w in &secrets {
                    println!("{w}");
                }
                println!("{}: ok ({} warning(s))", l.path, warns.len() + secrets.len());
            }
            Err(errors) => {
                failed = true;
                for e in errors {
                    eprintln!("{e}");
                }
            }
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn new(path: &Path) -> anyhow::Result<ExitCode> {
    if path.exists() {
        eprintln!("firedrill: {} exists; choose another path", shown(path));
        return Ok(ExitCode::from(1));
    }
    firedrill::store::atomic::write_new(path, tui::TEMPLATE.as_bytes())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", shown(path)))?;
    println!("wrote {}; edit it, then run: firedrill check {}", shown(path), shown(path));
    Ok(ExitCode::SUCCESS)
}

fn report(journal: &Path, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    // The error names the file and its cause once (no anyhow source chain).
    let loaded = firedrill::store::journal::read(journal).map_err(|e| anyhow::anyhow!("{e}"))?;
    for s in &loaded.skipped {
        eprintln!("{}:{}: skipped: {}", shown(journal), s.line, sanitize_line(&s.reason));
    }
    let dir = paths::out_dir(out).ok_or_else(|| anyhow::anyhow!("no output folder: pass --out DIR"))?;
    let written = save::save_file(&dir, &loaded, journal)?;
    if paths::sessions_dir().is_some_and(|d| journal.parent() == Some(d.as_path())) {
        save::mark_saved(journal, &written)?;
    }
    for p in written {
        println!("{}", shown(&p));
    }
    Ok(ExitCode::SUCCESS)
}
