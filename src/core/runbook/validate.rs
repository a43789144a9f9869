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
            && argv.first().is_none_or(|a| a.trim().is_empty())
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
        if value != "never" && chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err() {
            err(
                "invalid-date",
                r.span(),
                "backup.restored_last",
                &format!("is {value:?}; write a date like 2026-10-02, or \"never\""),
            );
        }
    }
    let probes = [
        ("backup.probe", rb.backup.as_ref().and_then(|b| b.probe.as_ref())),
        ("release.known_good_probe", rb.release.known_good_probe.as_ref()),
    ];
    for (field, p) in probes {
        if let Some(p) = p
            && p.get_ref().first().is_none_or(|a| a.trim().is_empty())
        {
            err("empty-command", p.span(), field, "must start with the program to run");
        }
    }
    if rb.release.health.as_ref().is_some_and(|a| a.first().is_none_or(|p| p.trim().is_empty())) {
        err("empty-command", rb.release.live.span(), "release.health", "must start with the program to run");
    }
    if rb.release.probe.as_ref().is_some_and(|a| a.first().is_none_or(|p| p.trim().is_empty())) {
        err("empty-command", rb.release.live.span(), "release.probe", "must start with the program to run");
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
