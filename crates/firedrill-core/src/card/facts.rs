//! The card's fact sections: the kill switches (where each lives, who may
//! flip it, how fast it takes effect), the checks with the recovery
//! signals none covers, the minimum to redeploy from scratch, and the
//! restore facts. Each is empty or a whole section.

use super::{WIDTH, bullet, item_text, section, wrap};
use crate::command::show_argv;
use crate::markdown::{code, heading, inline};
use crate::plan::{self, Meaning, StepPlan};
use crate::redact::Redactor;
use crate::runbook::{Runbook, Signal};
use crate::vocab::StepKind;

/// The kill switches as items under step 4: each with its `how`, where it
/// lives, who may flip it and how fast it takes effect.
pub(super) fn kill_switches(rb: &Runbook, redactor: &Redactor) -> String {
    if rb.flags.is_empty() {
        return bullet("   - ", "No kill switch in the runbook: every big change needs one.");
    }
    let mut out = String::new();
    for f in rb.flags.iter().map(toml::Spanned::get_ref) {
        let how = f.how.as_deref().map(|h| format!(": {}", code(&redactor.apply(h)))).unwrap_or_default();
        let mut facts = vec![
            f.lives_in.as_deref().map(|l| format!("lives in {}", inline(l))),
            f.who.as_deref().map(|w| format!("{} may flip it", inline(w))),
            f.takes_effect.map(|t| format!("takes effect in {t}")),
        ];
        let missing: Vec<&str> = ["where it lives", "who may flip it", "how fast"]
            .into_iter()
            .zip(&facts)
            .filter(|(_, f)| f.is_none())
            .map(|(m, _)| m)
            .collect();
        if !missing.is_empty() {
            facts.push(Some(format!("not stated: {}", missing.join(", "))));
        }
        let facts: Vec<String> = facts.into_iter().flatten().collect();
        out +=
            &bullet("   - ", &format!("[ ] Turn {} {}{how} ({})", code(&f.name), inline(&f.safe), facts.join(" · ")));
    }
    out
}

/// The checks as items under step 5, each with the signal it covers, then
/// the recovery signals no check covers.
pub(super) fn checks(rb: &Runbook, verify: &StepPlan, redactor: &Redactor) -> String {
    let mut out = String::new();
    for it in verify.items.iter().filter(|i| matches!(i.meaning, Meaning::Check(_))) {
        let signal = match it.meaning {
            Meaning::Check(i) => rb.checks().get(i).and_then(|c| c.signal).map(|s| format!(" · {s}")),
            _ => None,
        };
        out += &bullet("   - ", &format!("[ ] {}{}", item_text(it, redactor), signal.unwrap_or_default()));
    }
    let uncovered = Signal::uncovered(rb);
    if !uncovered.is_empty() {
        let names: Vec<&str> = uncovered.iter().map(|s| s.key()).collect();
        out += &bullet("   - ", &format!("No check covers these signals: {}", names.join(", ")));
    }
    out
}

pub(super) fn redeploy(rb: &Runbook, redactor: &Redactor) -> String {
    let Some(r) = &rb.redeploy else {
        let text = "Not in the runbook: add `[redeploy]` with the runtime, the env var names, the services, \
                    the one deploy command, where to check health and Plan B.";
        return section("Redeploy from scratch", &(wrap(text, WIDTH, "", "") + "\n"));
    };
    let mut out = String::new();
    let mut line = |label: &str, value: Option<String>| {
        let value = value.unwrap_or_else(|| "not stated".to_owned());
        out += &bullet("- ", &format!("{label}: {value}"));
    };
    let set_by = r.runtime_set_by.as_deref().map(|s| format!(", set by {}", code(s))).unwrap_or_default();
    line("Runtime", r.runtime.as_deref().map(|rt| format!("{}{set_by}", inline(rt))));
    let env: Vec<String> = r.env_names().iter().map(|n| code(n)).collect();
    line("Env names (values never here)", (!env.is_empty()).then(|| env.join(", ")));
    let services: Vec<String> = r.services.iter().map(|s| inline(s)).collect();
    line("Services", (!services.is_empty()).then(|| services.join(", ")));
    line("Deploy", r.command.as_ref().map(|c| code(&show_argv(&redactor.argv(c.get_ref())))));
    line("Health", r.health.as_deref().map(|h| if h.contains("://") { code(h) } else { inline(h) }));
    line("Plan B", r.plan_b.as_deref().map(|p| inline(&redactor.apply(p))));
    section("Redeploy from scratch", &out)
}

pub(super) fn restore(rb: &Runbook, redactor: &Redactor) -> String {
    let Some(b) = &rb.backup else { return String::new() };
    let mut backup = vec![b.latest.as_deref().map_or_else(|| "not named".to_owned(), inline)];
    if let Some(w) = b.window {
        backup.push(format!("must be under {w} old"));
    }
    if let Some(o) = &b.owner {
        backup.push(format!("owner {}", inline(o)));
    }
    let mut out = bullet("- ", &format!("Latest backup: {}", backup.join(" · ")));
    let probes = [("Backup probe", b.probe.as_ref()), ("Access (account, keys)", b.access_probe.as_ref())];
    for (label, p) in probes {
        if let Some(p) = p {
            out += &bullet("- ", &format!("{label}: {}", code(&show_argv(&redactor.argv(p.get_ref())))));
        }
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
    out += &bullet("- ", &super::capitalize(&facts.join(" · ")));
    let step = plan::derive_step(rb, StepKind::Revert, Some(crate::vocab::Decision::Restore));
    // The metrics to watch are on step 3's line above.
    let mut items = super::step_parts(rb, &step, redactor);
    items.retain(|p| !p.starts_with("watch "));
    out += &bullet(
        "- ",
        &format!(
            "Step 3 if the decision is restore: **{}** ({}): {}.",
            heading(&step.title),
            step.target,
            items.join("; ")
        ),
    );
    section("Restore (data)", &out)
}
