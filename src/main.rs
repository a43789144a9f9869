//! The `firedrill` binary: parse arguments, dispatch, report errors plainly.
//! Exit codes: 0 ok, 1 invalid runbook, config or failed check, 2 usage,
//! 128+N after signal N.

use std::process::ExitCode;

use clap::Parser;

use firedrill::cli::files::{new, report};
use firedrill::cli::settings::{Settings, config_cmd};
use firedrill::cli::start::{actions_cmd, follow, follow_running, home, resume, resume_any, review, session_cmd};
use firedrill::cli::{
    ApplyProposalArgs, CardArgs, CheckArgs, Cli, CliCommand, Common, CompletionsArgs, ConfigArgs, DrillArgs,
    FollowArgs, Later, ManArgs, NewArgs, PracticeArgs, PreflightArgs, ProposeArgs, ReportArgs, ResumeArgs, ReviewArgs,
    check, docs,
};
use firedrill::core::event::Mode;
use firedrill::core::sanitize::sanitize_line;

fn main() -> ExitCode {
    // A guard between firedrill and a command it runs never reaches clap.
    firedrill::exec::guard::run_if_asked();
    let cli = Cli::parse();
    let ran = run(cli);
    // A review cache still being written is finished before the process ends.
    firedrill::store::review::cache_written();
    match ran {
        Ok(code) => code,
        Err(e) => {
            tracing::error!("{e:#}");
            firedrill::say!("firedrill: {}", sanitize_line(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

/// The one dispatch: each parsed command to its handler. A command that
/// reads the config loads it in its arm (exit 1 when it is broken).
fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Cli { command, runbooks, common: outer } = cli;
    macro_rules! settings {
        ($own:expr, $reads_sessions:expr) => {
            match Settings::load($own, &outer, $reads_sessions) {
                Some(s) => s,
                None => return Ok(ExitCode::from(1)),
            }
        };
    }
    match command {
        None => home(runbooks, settings!(&Common::default(), true)),
        Some(CliCommand::Check(Later(CheckArgs { runbooks, strict, json, injects }))) => {
            Ok(check::run(&runbooks, check::CheckOptions { strict, json, deck: injects.as_deref() }))
        }
        Some(CliCommand::New(Later(NewArgs { path, deck }))) => new(path.as_deref(), deck.as_deref()),
        Some(CliCommand::Card(Later(CardArgs { runbook, out }))) => firedrill::cli::card::run(&runbook, out.as_deref()),
        Some(CliCommand::Propose(Later(ProposeArgs { journal, previous, apply }))) => {
            firedrill::cli::propose::run(&journal, previous.as_deref(), apply)
        }
        Some(CliCommand::ApplyProposal(Later(ApplyProposalArgs { diff, yes }))) => {
            firedrill::cli::propose::apply_saved(&diff, yes)
        }
        Some(CliCommand::Completions(Later(CompletionsArgs { shell }))) => {
            docs::completions(shell).map(|()| ExitCode::SUCCESS)
        }
        Some(CliCommand::Man(Later(ManArgs { page, dir }))) => {
            firedrill::cli::man::run(page.as_deref(), dir.as_deref())
        }
        Some(CliCommand::Schema) => docs::schema().map(|()| ExitCode::SUCCESS),
        Some(CliCommand::Practice(PracticeArgs { op })) => firedrill::practice::commands::run(op),
        Some(CliCommand::Config(Later(ConfigArgs { print, common }))) => {
            let s = settings!(&common, false);
            config_cmd(print, runbooks, &s.common, &s.cfg)
        }
        Some(CliCommand::Resume(Later(ResumeArgs { journal, common }))) => {
            let s = settings!(&common, true);
            firedrill::logging::init();
            match journal {
                None => resume_any(s),
                Some(path) => resume(&path, s.out, s.cfg),
            }
        }
        Some(CliCommand::Review(Later(ReviewArgs { dir, json, common }))) => {
            let s = settings!(&common, true);
            review(dir, s.out.as_deref(), json, s.cfg)
        }
        Some(CliCommand::Follow(Later(FollowArgs { journal, common }))) => {
            let s = settings!(&common, true);
            match journal {
                None => follow_running(s.cfg),
                Some(path) => follow(&path, s.cfg),
            }
        }
        Some(CliCommand::Actions { op, dir, json, open, common }) => {
            let s = settings!(&common, false);
            Ok(actions_cmd(op, dir, json, open, &s))
        }
        Some(CliCommand::Drill(Later(DrillArgs { session, live_commands, injects }))) => {
            let s = settings!(&session.common, true);
            firedrill::logging::init();
            session_cmd(session, (Mode::Drill, injects), live_commands, s.out, s.cfg)
        }
        Some(CliCommand::Incident(Later(args))) => {
            let s = settings!(&args.common, true);
            firedrill::logging::init();
            session_cmd(args, (Mode::Incident, None), false, s.out, s.cfg)
        }
        Some(CliCommand::Report(Later(ReportArgs { journal, common }))) => {
            let s = settings!(&common, true);
            report(&journal, s.out.as_deref())
        }
        Some(CliCommand::Preflight(Later(PreflightArgs {
            runbooks,
            json,
            strict,
            trust,
            within,
            no_record,
            phase,
            env,
            common,
        }))) => {
            let s = settings!(&common, false);
            let opts = firedrill::cli::preflight::PreflightOptions { json, strict, trust, within: within.0 };
            let dir = s.folder();
            let record = if no_record { None } else { dir.as_deref() };
            let folders = firedrill::cli::preflight::Folders { ships: dir.as_deref(), record };
            firedrill::cli::preflight::check_all(&runbooks, opts, folders, &phase.map(|p| (p.phase(), env)))
        }
        Some(CliCommand::Schedule(Later(a))) => {
            let s = settings!(&a.common, false);
            firedrill::cli::schedule::run(&a, s.folder().as_deref())
        }
        Some(CliCommand::Ship(Later(a))) => {
            let s = settings!(&a.common, false);
            let folder = s.folder();
            firedrill::cli::ship::run(a, folder.as_deref())
        }
    }
}
