//! The schema's own rules, after TOML and types are fine: versions, required
//! lists, non-empty names, argv commands, flag states, backup dates and
//! sane durations (docs/runbook.md). Every problem is collected.

use std::ops::Range;

use toml::Spanned;

use super::{Runbook, RunbookError, SCHEMA_VERSION};
use crate::vocab::StepKind;

fn span_or_start<T>(value: Option<&Spanned<T>>) -> Range<usize> {
    value.map_or(0..0, Spanned::span)
}

/// Every rule broken by `rb`, located in `text`.
pub fn validate(rb: &Runbook, path: &str, text: &str) -> Vec<RunbookError> {
    let mut errors = Vec::new();
    let mut err = |code: &'static str, span: Range<usize>, field: &str, message: &str| {
        errors.push(RunbookError::at(path, text, span.start, Some(field), message).with_code(code));
    };
    if *rb.version.get_ref() != SCHEMA_VERSION {
        let found = rb.version.get_ref();
        err(
            "unsupported-version",
            rb.version.span(),
            "version",
            &format!("schema version {found} is not supported; this firedrill reads version {SCHEMA_VERSION}"),
        );
    }
    if rb.title.get_ref().trim().is_empty() {
        err("empty", rb.title.span(), "title", "must not be empty");
    }
    for (field, value) in [("release.live", &rb.release.live), ("release.known_good", &rb.release.known_good)] {
        if value.get_ref().trim().is_empty() {
            err("empty", value.span(), field, "must name a release ID");
        }
    }
    let triggers = span_or_start(rb.triggers.as_ref());
    if rb.triggers().is_empty() {
        err("required", triggers.clone(), "triggers", "at least one [[triggers]] is required: what forces action?");
    }
    for (i, t) in rb.triggers().iter().enumerate() {
        if t.signal.trim().is_empty() {
            err("empty", triggers.clone(), &format!("triggers[{}].signal", i + 1), "must name the signal watched");
        }
    }
    let checks = span_or_start(rb.checks.as_ref());
    if rb.checks().is_empty() {
        err(
            "required",
            checks.clone(),
            "checks",
            "at least one [[checks]] is required: which core flow proves the revert worked?",
        );
    }
    for (i, c) in rb.checks().iter().enumerate() {
        if c.name.trim().is_empty() {
            err("empty", checks.clone(), &format!("checks[{}].name", i + 1), "must say what is verified");
        }
        if let Some(argv) = &c.command
            && no_program(argv)
        {
            err(
                "empty-command",
                checks.clone(),
                &format!("checks[{}].command", i + 1),
                "must start with the program to run",
            );
        }
    }
    flags(rb, &mut err);
    if let Some(r) = rb.backup.as_ref().and_then(|b| b.restored_last.as_ref()) {
        let value = r.get_ref().trim();
        if value != "never" && super::backup::parse_date(value).is_none() {
            err(
                "invalid-date",
                r.span(),
                "backup.restored_last",
                &format!("is {value:?}; write a date like 2026-10-02, or \"never\""),
            );
        }
    }
    argvs(rb, &mut err);
    redeploy_and_roles(rb, &mut err);
    if let Some(m) = &rb.migration {
        migration(m, &mut err);
    }
    // One override per step and decision (none: every decision).
    let mut seen: Vec<(StepKind, Option<crate::vocab::Decision>)> = Vec::new();
    for step in &rb.steps {
        let key = (step.get_ref().kind, step.get_ref().decision);
        let kind = key.0;
        if seen.contains(&key) {
            err("duplicate-step", step.span(), "steps.kind", &format!("step `{}` is overridden twice", kind.key()));
        }
        seen.push(key);
    }
    errors.extend(commands(rb, path, text));
    errors
}

/// The kill switches' rules: a name, a known safe state, commands that
/// start with a program.
fn flags(rb: &Runbook, err: &mut impl FnMut(&'static str, Range<usize>, &str, &str)) {
    for (i, f) in rb.flags.iter().enumerate() {
        let flag = f.get_ref();
        if flag.name.trim().is_empty() {
            err("empty", f.span(), &format!("flags[{}].name", i + 1), "must name the flag");
        }
        for (name, argv) in [
            ("safe_command", &flag.safe_command),
            ("restore_command", &flag.restore_command),
            ("state_command", &flag.state_command),
        ] {
            if argv.as_ref().is_some_and(|a| a.first().is_none_or(|p| p.trim().is_empty())) {
                err(
                    "empty-command",
                    f.span(),
                    &format!("flags[{}].{name}", i + 1),
                    "must start with the program to run",
                );
            }
        }
        if !matches!(flag.safe.as_str(), "off" | "on") {
            err(
                "unknown-value",
                f.span(),
                &format!("flags[{}].safe", i + 1),
                &format!("is {:?}; the safe state is \"off\" or \"on\"", flag.safe),
            );
        }
    }
}

/// Every command of `rb` that does not start with a program, as the
/// schema says of every list of strings but `redact` and `watch`.
fn commands(rb: &Runbook, path: &str, text: &str) -> Vec<RunbookError> {
    let mut errors = Vec::new();
    let mut err = |span: Range<usize>, field: &str| {
        let message = "must start with the program to run";
        errors.push(RunbookError::at(path, text, span.start, Some(field), message).with_code("empty-command"));
    };
    let probes = [
        ("backup.probe", rb.backup.as_ref().and_then(|b| b.probe.as_ref())),
        ("release.known_good_probe", rb.release.known_good_probe.as_ref()),
    ];
    for (field, p) in probes {
        if let Some(p) = p
            && no_program(p.get_ref())
        {
            err(p.span(), field);
        }
    }
    let unspanned = [
        ("notify", &["notify"][..], rb.notify.as_ref()),
        ("release.probe", &["release", "probe"], rb.release.probe.as_ref()),
        ("release.health", &["release", "health"], rb.release.health.as_ref()),
    ];
    for (field, keys, argv) in unspanned {
        if argv.is_some_and(|a| no_program(a)) {
            err(key_span(text, keys), field);
        }
    }
    for (i, step) in rb.steps.iter().enumerate() {
        for (j, item) in step.get_ref().items.iter().enumerate() {
            if let super::DoItem::Run(run) = item
                && no_program(&run.command)
            {
                err(step.span(), &format!("steps[{}].do[{}].command", i + 1, j + 1));
            }
        }
    }
    errors
}

/// True when `argv` does not start with a program: empty, or a blank first item.
fn no_program(argv: &[String]) -> bool {
    argv.first().is_none_or(|a| a.trim().is_empty())
}

/// The span of the value at `keys` (a table path) in `text`; the start of
/// the file when it cannot be found.
fn key_span(text: &str, keys: &[&str]) -> Range<usize> {
    let Ok(root) = toml::de::DeTable::parse(text) else { return 0..0 };
    let mut table = root.get_ref();
    let mut span = 0..0;
    for key in keys {
        let Some(value) = table.get(*key) else { return span };
        span = value.span();
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => table = inner,
            _ => break,
        }
    }
    span
}

/// Every probe and command argv outside the checklist starts with a program.
fn argvs(rb: &Runbook, err: &mut impl FnMut(&'static str, Range<usize>, &str, &str)) {
    // backup.probe and release.known_good_probe: `commands`, with the rest.
    let mut probes = vec![
        ("backup.access_probe".to_owned(), rb.backup.as_ref().and_then(|b| b.access_probe.as_ref())),
        ("redeploy.command".to_owned(), rb.redeploy.as_ref().and_then(|r| r.command.as_ref())),
    ];
    if let Some(m) = &rb.migration {
        probes.extend(m.probes.iter().map(|(env, p)| (format!("migration.probes.{env}"), Some(p))));
    }
    for (field, p) in probes {
        if let Some(p) = p
            && p.get_ref().first().is_none_or(|a| a.trim().is_empty())
        {
            err("empty-command", p.span(), &field, "must start with the program to run");
        }
    }
}

/// `[redeploy]` names env vars, never values; `[roles]` names people.
fn redeploy_and_roles(rb: &Runbook, err: &mut impl FnMut(&'static str, Range<usize>, &str, &str)) {
    if let Some(r) = &rb.redeploy {
        for (i, name) in r.env.iter().enumerate() {
            if !super::is_env_name(name.get_ref()) {
                // Never echo it: what was written may be the secret itself.
                err(
                    "env-value",
                    name.span(),
                    &format!("redeploy.env[{}]", i + 1),
                    "must be a variable name such as DATABASE_URL (letters, digits, _), never its value",
                );
            }
        }
    }
    if let Some(roster) = &rb.roles {
        for role in crate::vocab::Role::ALL {
            if roster.names(role).iter().any(|n| n.trim().is_empty()) {
                err("empty", 0..0, &format!("roles.{role}"), "must name people, not empty strings");
            }
        }
    }
}

/// The change plan's rules: known environments, readable risky hours,
/// phases named and in order (expand, migrate, contract, cleanup: cleanup last).
fn migration(m: &super::Migration, err: &mut impl FnMut(&'static str, Range<usize>, &str, &str)) {
    use super::MigrationPhase;
    let envs = m.environments();
    if let Some(e) = &m.environments
        && (e.get_ref().is_empty() || e.get_ref().iter().any(|n| n.trim().is_empty()))
    {
        err("empty", e.span(), "migration.environments", "must name each environment, staging before production");
    }
    for (env, p) in &m.probes {
        if !envs.contains(env) {
            let known = envs.join(", ");
            err(
                "unknown-name",
                p.span(),
                &format!("migration.probes.{env}"),
                &format!("is not one of migration.environments ({known})"),
            );
        }
    }
    if let Some(list) = &m.risky_hours {
        for entry in list.get_ref() {
            if let Err(e) = super::hours::parse(entry) {
                err("invalid-hours", list.span(), "migration.risky_hours", &e.to_string());
            }
        }
    }
    let mut last: Option<MigrationPhase> = None;
    for (i, p) in m.phases.iter().enumerate() {
        let (phase, field) = (p.get_ref(), format!("migration.phases[{}]", i + 1));
        if phase.phase == MigrationPhase::None {
            err(
                "unknown-value",
                p.span(),
                &format!("{field}.phase"),
                "a phase of the plan is expand, migrate, contract or cleanup",
            );
        }
        if phase.release.trim().is_empty() {
            err("empty", p.span(), &format!("{field}.release"), "must name the release that ships this phase");
        }
        if phase.environments.as_ref().is_some_and(|e| e.is_empty() || e.iter().any(|n| n.trim().is_empty())) {
            err("empty", p.span(), &format!("{field}.environments"), "must name each environment, in order");
        }
        if let Some(before) = last
            && phase.phase <= before
        {
            let message = format!(
                "{} after {}: phases ship one each, in order expand, migrate, contract, cleanup (cleanup last)",
                phase.phase.key(),
                before.key()
            );
            err("phase-order", p.span(), &format!("{field}.phase"), &message);
        }
        last = Some(phase.phase);
    }
}
