//! `firedrill schedule RUNBOOK [--every month] [--at "first Tuesday 10:00"]`:
//! the drill on the calendar. Writes an iCalendar file (`store::schedule`),
//! beside the runbook as `<stem>.ics` unless `--ics FILE`, with the
//! recurrence, the runbook, a 20-minute length and the next rotation of
//! roles from the saved drills of the runbook (`core::review::rotation`).
//! The home board reads it back to show the next drill.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::review::{drills_of, rotation, runbook_key};
use crate::core::sanitize::sanitize_line;
use crate::core::schedule::{Rule, Scheduled, roles_text};
use crate::store::runbook_file;

/// How many drills in turn the calendar entry names roles for.
const TURNS: usize = 3;

/// `firedrill schedule`'s arguments.
#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// The runbook (TOML).
    #[arg(value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
    pub runbook: PathBuf,
    /// How often: month or week.
    #[arg(long, value_name = "PERIOD", default_value = "month")]
    pub every: String,
    /// When, in local time: "first Tuesday 10:00" (monthly: first to fourth, or last) or "Tuesday 10:00" (weekly).
    #[arg(long, value_name = "WHEN", default_value = "first Tuesday 10:00")]
    pub at: String,
    /// Write the calendar file here instead of beside the runbook as <stem>.ics.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub ics: Option<PathBuf>,
    /// Write over an existing calendar file.
    #[arg(long)]
    pub replace: bool,
    /// Output folder (where the saved drills are, for the rotation of roles) and config.
    #[command(flatten)]
    pub common: crate::cli::Common,
}

/// Writes the calendar file of the runbook `opts` names, with the roles in
/// turn from the saved sessions in `out`; exit 2 when the rule does not
/// read, 1 when the runbook does not load or the file exists (without
/// `--replace`) or cannot be written.
///
/// # Errors
/// Never in practice; the signature matches the other commands.
pub fn run(opts: &ScheduleArgs, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let runbook = opts.runbook.as_path();
    let loaded = match runbook_file::load(runbook) {
        Ok(l) => l,
        Err(errors) => {
            for e in errors {
                crate::say!("{e}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let rule = match Rule::parse(&opts.every, &opts.at) {
        Ok(r) => r,
        Err(e) => {
            crate::say!("firedrill: {}", sanitize_line(&e.to_string()));
            return Ok(ExitCode::from(2));
        }
    };
    let history = out.map(|dir| crate::store::review::history(dir, None)).unwrap_or_default();
    let drills = drills_of(&history, &runbook_key(&loaded.path));
    let past: Vec<_> = drills.iter().map(|d| d.roles.clone()).collect();
    let roles = rotation(&past, loaded.runbook.roles.as_ref(), TURNS);
    let now = chrono::Local::now().naive_local();
    let scheduled = Scheduled::new(loaded.runbook.title(), &loaded.path, rule, now, roles);
    let path = opts.ics.clone().unwrap_or_else(|| crate::store::schedule::beside(runbook));
    if let Err(why) = crate::store::schedule::write(&path, &scheduled, chrono::Utc::now(), opts.replace) {
        crate::say!("firedrill: {why}");
        return Ok(ExitCode::from(1));
    }
    // One fact a line, so the answer reads whole in 80 columns.
    crate::tell!("wrote {}", sanitize_line(&path.display().to_string()));
    crate::tell!("  when:  {} ({} minutes)", scheduled.rule, crate::core::schedule::MINUTES);
    crate::tell!("  first: {}", scheduled.start.format("%a %Y-%m-%d %H:%M"));
    match scheduled.roles.split_first() {
        Some((next, later)) => {
            crate::tell!("  roles: {} (by rotation over {} drills)", sanitize_line(&roles_text(next)), drills.len());
            if let Some((first, rest)) = later.split_first() {
                let turns: Vec<String> = std::iter::once(first).chain(rest).map(|r| sanitize_line(&r.driver)).collect();
                crate::tell!("  then:  {} drive in turn", turns.join(", then "));
            }
        }
        None => crate::tell!("  roles: pick them on the roles screen (no verified drill of it saved yet)"),
    }
    crate::tell!("import it into the team's calendar; the home screen shows the next drill");
    Ok(ExitCode::SUCCESS)
}
