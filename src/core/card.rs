//! The drill card: the whole drill on one printable page of markdown, made
//! from the same derived plan a drill runs (DOMAIN.md, "How it is used":
//! "the printed card"), so a card printed today matches the drill tomorrow.
//! Pure: the runbook and its path arrive as data; the shell writes the file.

use std::fmt::Write as _;

use crate::core::command::show_argv;
use crate::core::markdown::{code, heading, inline};
use crate::core::plan::{self, Item, Meaning, StepKind, StepPlan};
use crate::core::redact::Redactor;
use crate::core::roles::Role;
use crate::core::runbook::{MigrationPhase, Runbook};

/// The pressure question asked at the end of every drill (DOMAIN.md).
pub const PRESSURE_QUESTION: &str =
    "If a database migration had been the problem, could we still roll back without losing data?";

/// Renders the card of `runbook` (read from `source`, a path shown in the
/// footer) as CommonMark/GFM ending in one newline: title, triggers with
/// thresholds, roles, releases and ledger, the five steps of a roll back
/// with their owners, targets and items (kill switches with their exact
/// `how`, checks with their commands), restore and migration facts, and the
/// pressure question. Commands and `how` texts pass the runbook's redactor.
pub fn render(runbook: &Runbook, source: &str) -> String {
    let redactor = Redactor::new(&runbook.redact).unwrap_or_else(|_| Redactor::built_in());
    let steps = plan::derive(runbook, None);
    let sections = [
        title(runbook),
        triggers(runbook),
        roles(runbook, &steps),
        releases(runbook, &redactor),
        steps_list(runbook, &steps, &redactor),
        restore(runbook, &redactor),
        pressure(),
        footer(source),
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
    format!("# Drill card: {}\n\n{}.", heading(rb.title()), capitalize(&facts.join(" · ")))
}

fn triggers(rb: &Runbook) -> String {
    let mut out = "## Act when any trigger holds\n\n".to_owned();
    for t in rb.triggers() {
        let threshold = t.threshold.as_deref().map(|th| format!(": {}", code(th))).unwrap_or_default();
        let _ = writeln!(out, "- {}{threshold}", inline(&t.signal));
    }
    out
}

fn roles(rb: &Runbook, steps: &[StepPlan]) -> String {
    let owned = |role: Role| {
        let labels: Vec<&str> = steps.iter().filter(|s| s.owner == role).map(|s| s.label).collect();
        if labels.is_empty() { String::new() } else { format!(" (owns {})", labels.join(", ")) }
    };
    let channel = rb.channel.as_deref().map_or_else(|| "the one agreed channel".to_owned(), code);
    format!(
        "## Roles\n\n- Driver executes the steps{}.\n- Communicator posts updates in {channel}{}.\n\
         - Verifier checks the app and the data after each action{}.\n\n\
         One person may hold two roles, never all three.",
        owned(Role::Driver),
        owned(Role::Communicator),
        owned(Role::Verifier)
    )
}

fn releases(rb: &Runbook, redactor: &Redactor) -> String {
    let r = &rb.release;
    let mut out = format!(
        "## Releases\n\n- Live: {}\n- Known-good, the revert target: {}\n",
        code(rb.live()),
        code(rb.known_good())
    );
    if let Some(l) = &r.ledger {
        let _ = writeln!(out, "- Ledger (what is live): {}", code(l));
    }
    if let Some(p) = &r.probe {
        let _ = writeln!(out, "- Probe: {}", code(&show_argv(&redactor.argv(p))));
    }
    if let Some(c) = &r.change {
        let _ = writeln!(out, "- Change: {}", inline(c));
    }
    if let Some(m) = migration(rb) {
        let _ = writeln!(out, "- Migration: {m}");
    }
    out
}

/// One checklist item as a task: kill switches and commands in code spans,
/// exactly as they are typed.
fn item(rb: &Runbook, it: &Item, redactor: &Redactor, indent: &str) -> String {
    let text = match it.meaning {
        Meaning::Flag(i) => match rb.flags.get(i).map(toml::Spanned::get_ref) {
            Some(f) => {
                let how = f.how.as_deref().map(|h| format!(": {}", code(&redactor.apply(h)))).unwrap_or_default();
                format!("Turn {} {}{how}", code(&f.name), inline(&f.safe))
            }
            None => inline(&it.text),
        },
        Meaning::Trigger(_) => return String::new(),
        _ => inline(&it.text),
    };
    let command = it.command.as_ref().map(|c| format!(": {}", code(&show_argv(&redactor.argv(&c.argv)))));
    format!("{indent}- [ ] {text}{}", command.unwrap_or_default())
}

fn steps_list(rb: &Runbook, steps: &[StepPlan], redactor: &Redactor) -> String {
    let total: u64 = steps.iter().map(|s| s.target.0.as_secs()).sum();
    let mut out = format!(
        "## The five steps (roll back; targets {} of the {} time-box)\n\n",
        crate::core::duration::HumanDuration::from_secs(total),
        rb.timebox
    );
    for (n, s) in steps.iter().enumerate() {
        let _ = writeln!(out, "{}. **{}** · {} · {}", n + 1, heading(&s.title), s.owner, s.target);
        if s.kind == StepKind::Trigger && !rb.triggers().is_empty() {
            let _ = writeln!(out, "   - [ ] Confirm a trigger above");
        }
        for it in &s.items {
            let line = item(rb, it, redactor, "   ");
            if !line.is_empty() {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

fn restore(rb: &Runbook, redactor: &Redactor) -> String {
    let Some(b) = &rb.backup else { return String::new() };
    let mut out = "## Restore (data)\n\n".to_owned();
    let mut backup = vec![b.latest.as_deref().map_or_else(|| "not named".to_owned(), inline)];
    if let Some(w) = b.window {
        backup.push(format!("must be under {w} old"));
    }
    if let Some(o) = &b.owner {
        backup.push(format!("owner {}", inline(o)));
    }
    let _ = writeln!(out, "- Latest backup: {}", backup.join(" · "));
    if let Some(p) = &b.probe {
        let _ = writeln!(out, "- Backup probe: {}", code(&show_argv(&redactor.argv(p.get_ref()))));
    }
    let mut facts = Vec::new();
    if let Some(t) = &b.restore_target {
        facts.push(format!("restore into {} first", code(t)));
    }
    if let Some(t) = b.restore_time {
        facts.push(format!("takes {t}"));
    }
    if let Some(m) = b.max_data_loss {
        facts.push(format!("lose at most {m} of data"));
    }
    let last = b.restored_last.as_ref().map_or("not stated", |r| r.get_ref().as_str());
    facts.push(format!("last restored {} (practise every {})", inline(last), b.practice_every()));
    let _ = writeln!(out, "- {}", capitalize(&facts.join(" · ")));
    let step = plan::derive_step(rb, StepKind::Revert, Some(crate::core::incident::Decision::Restore));
    let _ = writeln!(out, "- If the decision is restore, step 3 is **{}** ({}):", heading(&step.title), step.target);
    for it in step.items.iter().filter(|i| !matches!(i.meaning, Meaning::Watch(_))) {
        let _ = writeln!(out, "{}", item(rb, it, redactor, "  "));
    }
    out
}

/// The migration in one line: its phase and whether a rollback keeps the data.
fn migration(rb: &Runbook) -> Option<String> {
    let m = rb.migration.as_ref().filter(|m| m.phase != MigrationPhase::None)?;
    let phase = format!("{:?}", m.phase).to_lowercase();
    let compatible = match m.backward_compatible {
        Some(true) => "backward compatible",
        Some(false) => "**not backward compatible**: a rollback may lose data",
        None => "backward compatibility not stated",
    };
    let cleanup = if m.phase == MigrationPhase::Cleanup { "; cleanup is irreversible" } else { "" };
    Some(format!("{phase} phase, {compatible}{cleanup}"))
}

fn pressure() -> String {
    format!("## The pressure question\n\n{PRESSURE_QUESTION} An unclear answer is the next thing to fix.")
}

fn footer(source: &str) -> String {
    format!("Made by `firedrill card` from {}: a drill of it runs these same steps.", code(source))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
