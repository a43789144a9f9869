//! The schema's own rules, after TOML and types are fine: versions, required
//! lists, non-empty names, argv commands, flag states, backup dates and
//! sane durations (DESIGN.md, "Runbook"). Every problem is collected.

use std::ops::Range;

use toml::Spanned;

use super::{Runbook, RunbookError, SCHEMA_VERSION};
use crate::core::plan::StepKind;

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
    // One override per step and decision (none: every decision).
    let mut seen: Vec<(StepKind, Option<crate::core::incident::Decision>)> = Vec::new();
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
