//! The drill card: the whole drill on one printed page of markdown (at most
//! 60 lines of 80 columns), made from the same derived plan a drill runs
//! (docs/domain.md, "How teams use it": "the printed card"), so a card printed
//! today matches the drill tomorrow: the decision rule and the revert
//! target, the roles rule, the five steps with their targets, the kill
//! switches, the checks and the signals none covers, the redeploy facts
//! and the restore facts. Pure: the runbook and its path arrive as data.

mod facts;
mod wrap;

use std::fmt::Write as _;

use crate::command::show_argv;
use crate::markdown::{code, heading, inline};
use crate::plan::{self, Item, Meaning, StepPlan};
use crate::redact::Redactor;
use crate::vocab::{Role, StepKind};

use crate::runbook::{MigrationPhase, Runbook};

pub use wrap::WIDTH;
use wrap::wrap;

/// The most lines a card may have: one printed page.
pub const LINES: usize = 60;

/// The pressure question asked at the end of every drill (docs/domain.md, "The five steps").
pub const PRESSURE_QUESTION: &str =
    "If a database migration had been the problem, could we still roll back without losing data?";

/// Renders the card of `runbook` (read from `source`, a path shown in the
/// footer) as CommonMark/GFM ending in one newline, wrapped at [`WIDTH`]
/// columns. Commands and `how` texts pass the runbook's redactor.
pub fn render(runbook: &Runbook, source: &str) -> String {
    let redactor = Redactor::new(&runbook.redact).unwrap_or_else(|_| Redactor::built_in());
    let steps = plan::derive(runbook, None);
    let sections = [
        title(runbook),
        decide(runbook),
        steps_list(runbook, &steps, &redactor),
        facts::redeploy(runbook, &redactor),
        facts::restore(runbook, &redactor),
        wrap(
            &format!("**Ask at the end**: {PRESSURE_QUESTION} An unclear answer is the next thing to fix."),
            WIDTH,
            "",
            "",
        ),
        wrap(&format!("Made by `firedrill card` from {}.", code(source)), WIDTH, "", ""),
    ];
    let mut out = String::new();
    for body in sections.iter().filter(|s| !s.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", body.trim_end());
    }
    out
}

/// A section: its heading, a blank line, then its body.
fn section(name: &str, body: &str) -> String {
    format!("## {name}\n\n{body}")
}

/// One list item wrapped at the page width (`- ` or `N. `).
fn bullet(marker: &str, text: &str) -> String {
    wrap(text, WIDTH, marker, &" ".repeat(marker.chars().count())) + "\n"
}

fn title(rb: &Runbook) -> String {
    let mut facts = Vec::new();
    if let Some(s) = &rb.service {
        facts.push(format!("service {}", code(s)));
    }
    if let Some(o) = &rb.owner {
        facts.push(format!("owner {}", inline(o)));
    }
    facts.push(format!("time-box {}", rb.timebox));
    let channel = rb.channel.as_deref().map_or_else(|| "the agreed channel (none named)".to_owned(), code);
    facts.push(format!("updates only in {channel}"));
    let line = format!("{}.", capitalize(&facts.join(" · ")));
    format!("# Drill card: {}\n\n{}", heading(rb.title()), wrap(&line, WIDTH, "", ""))
}

/// When to act, what to do (the decision rule and the revert target), and
/// what the release carries (change, migration, config).
fn decide(rb: &Runbook) -> String {
    let triggers: Vec<String> = rb
        .triggers()
        .iter()
        .map(|t| {
            let threshold = t.threshold.as_deref().map(|th| format!(" {}", code(th))).unwrap_or_default();
            format!("{}{threshold}", inline(&t.signal))
        })
        .collect();
    let mut out = bullet("- ", &format!("Act when any holds: {}.", triggers.join("; ")));
    let ledger = rb.release.ledger.as_deref().map(|l| format!(", read from {}", code(l))).unwrap_or_default();
    let change = rb.release.change.as_deref().map(|c| format!(" Change: {}", inline(c))).unwrap_or_default();
    out += &bullet("- ", &format!("Live: {}{ledger}.{change}", code(rb.live())));
    out += &bullet(
        "- ",
        &format!(
            "Harms users or data: roll back to the known-good {}. Stable but wrong in a small area: fix forward. \
             Data lost: restore.",
            code(rb.known_good())
        ),
    );
    if let Some(m) = migration(rb) {
        out += &bullet("- ", &format!("Migration: {m}"));
    }
    if let Some(c) = config(rb) {
        out += &bullet("- ", &c);
    }
    section("Decide", &out)
}

/// The config line: kept apart from the code, or brought back by a rollback.
fn config(rb: &Runbook) -> Option<String> {
    let r = &rb.release;
    let now = r.config.as_deref()?;
    Some(match r.known_good_config.as_deref().filter(|g| g.trim() != now.trim()) {
        Some(good) => format!(
            "**Config**: rolling back to {} also brings config {} back (now {}): secrets and third-party \
             settings may change.",
            code(rb.known_good()),
            code(good),
            code(now)
        ),
        None => format!("Config: {} stays; a code rollback must not change it.", code(now)),
    })
}

fn roles(rb: &Runbook) -> String {
    let who = |role: Role| {
        let names = rb.roles.as_ref().map(|r| r.names(role)).unwrap_or_default();
        if names.is_empty() {
            String::new()
        } else {
            format!(" ({})", names.iter().map(|n| inline(n)).collect::<Vec<_>>().join(" or "))
        }
    };
    let decided = if rb.roles.is_some() { " Decided in advance:" } else { "" };
    let the = if rb.roles.is_some() { "the" } else { "The" };
    let text = format!(
        "Roles: one person may hold two, never all three.{decided} {the} driver{} executes the steps · the \
         communicator{} posts the updates · the verifier{} checks after each action.",
        who(Role::Driver),
        who(Role::Communicator),
        who(Role::Verifier),
    );
    wrap(&text, WIDTH, "", "")
}

/// One checklist item in a step line: what it says, and its command. The
/// revert target and the backup are named above, so the items that name
/// them say what to do, not the names again.
fn item_text(it: &Item, redactor: &Redactor) -> String {
    let text = match it.meaning {
        Meaning::Redeploy => "Redeploy the known-good release with the normal pipeline".to_owned(),
        Meaning::RestoreRehearsal => "Restore the backup into a non-production target first".to_owned(),
        Meaning::Restore => "Restore production data from the backup".to_owned(),
        _ => inline(it.text.trim_end_matches('.')),
    };
    let command = it.command.as_ref().map(|c| format!(": {}", code(&show_argv(&redactor.argv(&c.argv)))));
    format!("{text}{}", command.unwrap_or_default())
}

/// The parts of a step line: its items but triggers, kill switches and
/// checks (each has its own line), the watched metrics in one part.
fn step_parts(rb: &Runbook, s: &StepPlan, redactor: &Redactor) -> Vec<String> {
    let mut parts = Vec::new();
    let watched: Vec<String> = s
        .items
        .iter()
        .filter_map(|i| match i.meaning {
            Meaning::Watch(w) => rb.release.watch.get(w).map(|m| inline(m)),
            _ => None,
        })
        .collect();
    for it in &s.items {
        match it.meaning {
            // The first watched metric stands for all of them, in one part.
            Meaning::Watch(0) => parts.push(format!("watch {}", watched.join(", "))),
            // The title says it; the triggers and the ledger are on the
            // Decide lines; switches and checks have lines of their own.
            Meaning::Trigger(_) | Meaning::NameLive | Meaning::Flag(_) | Meaning::Check(_) | Meaning::Watch(_) => {}
            _ => parts.push(item_text(it, redactor)),
        }
    }
    parts
}

fn steps_list(rb: &Runbook, steps: &[StepPlan], redactor: &Redactor) -> String {
    let total: u64 = steps.iter().map(|s| s.target.0.as_secs()).sum();
    let mut out = String::new();
    for (n, s) in steps.iter().enumerate() {
        let parts = step_parts(rb, s, redactor);
        let what = if parts.is_empty() { String::new() } else { format!(": {}", parts.join("; ")) };
        let line = format!("**{}** · {} · {}{what}", heading(&s.title), s.owner, s.target);
        out += &bullet(&format!("{}. ", n + 1), &line);
        match s.kind {
            StepKind::DisableFlags => out += &facts::kill_switches(rb, redactor),
            StepKind::Verify => out += &facts::checks(rb, s, redactor),
            _ => {}
        }
    }
    let name = format!(
        "The five steps (roll back: targets {} of the {} time-box)",
        crate::duration::HumanDuration::from_secs(total),
        rb.timebox
    );
    section(&name, &format!("{}\n\n{out}", roles(rb)))
}

/// The migration in one line: its phase and whether a rollback keeps the data.
fn migration(rb: &Runbook) -> Option<String> {
    let m = rb.migration.as_ref().filter(|m| m.phase != MigrationPhase::None)?;
    let compatible = match m.backward_compatible {
        Some(true) => "backward compatible",
        Some(false) => "**not backward compatible**: a rollback may lose data",
        None => "backward compatibility not stated",
    };
    let cleanup = if m.phase == MigrationPhase::Cleanup { "; cleanup is irreversible" } else { "" };
    Some(format!("{} phase, {compatible}{cleanup}", m.phase.key()))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
