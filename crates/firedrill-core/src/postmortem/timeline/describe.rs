//! One timeline row's words for each kind of event.

use crate::duration::clock;
use crate::event::{Event, EventKind, SensorReading};
use crate::evidence::{BY_KEY_PRESS, Sensor};
use crate::markdown::{code, inline};
use crate::vocab::{FlagState, StepKind, SwitchAction};

use crate::session::Session;

/// A step's label as the session ran it (`restore` for a restore's step 3).
pub(super) fn label(s: &Session, step: StepKind) -> &'static str {
    s.step(step).map_or(step.label(), |st| st.plan.label)
}

/// An item's text as the timeline and the resolution show it.
pub(in crate::postmortem) fn item_text(s: &Session, step: StepKind, n: usize) -> String {
    s.steps
        .iter()
        .find(|st| st.plan.kind == step)
        .and_then(|st| st.plan.items.get(n))
        .map_or_else(|| format!("item {}", n + 1), |t| inline(&t.text))
}

/// One event's row words. A fact a person asserted (a tick, a release
/// typed, a kill switch moved by hand, a promise answered, a secret
/// recorded as rotated) says it is claimed by a key press; a named release
/// the probe had read says measured (`Session::naming`, the fold's rule);
/// a command's or sensor's answer says how it ended (docs/domain.md,
/// "Measured vs claimed").
pub(super) fn describe(s: &Session, e: &Event) -> String {
    let item = |step: &StepKind, n: u32| item_text(s, *step, n as usize);
    match &e.kind {
        EventKind::Started { roles, .. } if roles.solo => format!("Started solo practice: {}", inline(&roles.driver)),
        EventKind::ItemToggled { step, item: n, checked: true, .. } => {
            format!("Checked ({BY_KEY_PRESS}): {}", item(step, *n))
        }
        EventKind::LiveNamed { release } => {
            let (_, evidence) = s.naming(release, e);
            format!("Live release named: {} ({})", code(release), crate::postmortem::evidence::evidence(&evidence))
        }
        EventKind::RevertedTo { release } => format!("Production now on {} ({BY_KEY_PRESS})", code(release)),
        EventKind::FlagChanged { flag, state, reason } => flag_row(s, flag, *state, reason.as_deref()),
        EventKind::FollowedUp { item, done } => {
            let answer = if *done { format!("done, {BY_KEY_PRESS}") } else { "not done".to_owned() };
            format!("Promised last time: {} ({answer})", inline(item))
        }
        EventKind::SecretRotated { name, applied } => format!(
            "Secret rotated ({BY_KEY_PRESS}): {}, applied in {}",
            code(name),
            applied.iter().map(|p| inline(p)).collect::<Vec<_>>().join(", ")
        ),
        EventKind::Started { roles, .. } => format!(
            "Started: driver {}, communicator {}, verifier {}",
            inline(&roles.driver),
            inline(&roles.communicator),
            inline(&roles.verifier)
        ),
        EventKind::ItemToggled { step, item: n, checked: false, reason: None, .. } => {
            format!("Unchecked: {}", item(step, *n))
        }
        EventKind::ItemToggled { step, item: n, checked: false, reason: Some(why), .. } => {
            format!("Unchecked though its command passed: {} ({})", item(step, *n), inline(why))
        }
        EventKind::StepCompleted { step, left_unchecked } if left_unchecked.is_empty() => {
            format!("Step done: {}", label(s, *step))
        }
        EventKind::StepCompleted { step, left_unchecked } => {
            let left = crate::postmortem::labels::left_open(s, *step, left_unchecked);
            format!("Step done: {} ({left})", label(s, *step))
        }
        EventKind::StepSkipped { step, reason } => format!("Step skipped: {} ({})", label(s, *step), inline(reason)),
        EventKind::NoteAdded { text, happened_at: None } => format!("Note: {}", inline(text)),
        EventKind::NoteAdded { text, happened_at: Some(_) } => {
            format!("Note (noted at {} UTC): {}", e.at.format("%H:%M:%S"), inline(text))
        }
        EventKind::StatusPosted { text, .. } => format!("Status update: {}", inline(text)),
        EventKind::Undone { step } => format!("Undone: {step} reopened"),
        EventKind::Decided { decision, .. } => format!("Decision: {decision}"),
        EventKind::SwitchCommandStarted { .. } | EventKind::SwitchCommandFinished { .. } | EventKind::SensorRead(_) => {
            measured(&e.kind)
        }
        EventKind::SeveritySet { severity } => format!("Severity: {severity} ({})", severity.meaning()),
        EventKind::UpdateDelivered { update, delivered: true, .. } => {
            format!("Update {} delivered", update_number(s, *update))
        }
        EventKind::UpdateDelivered { update, delivered: false, detail } => {
            format!("Update {} NOT delivered: {}", update_number(s, *update), inline(detail))
        }
        EventKind::CommandStarted { step, item: n, argv, .. } => {
            format!("Ran for {}: {}", item(step, *n), code(&crate::command::show_argv(argv)))
        }
        EventKind::CommandFinished { step, item: n, id, result } => {
            // Judged against what the plan expected when it ended (a later
            // decision may derive another plan), as the session kept it.
            // Only an exit 0 reads the expected words: no search otherwise.
            let at = s.item_index(*step, *n, id.as_deref());
            let run = result.end.passed().then(|| {
                s.runs.iter().find(|r| r.step == *step && r.item == at && r.result.as_ref() == Some(&**result))
            });
            let said = result.said_with(run.flatten().and_then(|r| r.expect.as_deref()), code);
            format!("Command for {}: {said} in {}", item(step, *n), clock(result.duration_ms))
        }
        EventKind::CommandOutput { step, item: n, lines, .. } => {
            format!("Output of {}: {}", item(step, *n), crate::words::count(lines.len(), "line"))
        }
        EventKind::CheckOverridden { step, item: n, reason, .. } => {
            format!("Check accepted despite failure: {} ({})", item(step, *n), inline(reason))
        }
        EventKind::Paused => "Paused".to_owned(),
        EventKind::Resumed => "Resumed".to_owned(),
        EventKind::Handoff { handed: role, from, to } => {
            format!("Handoff: {role} from {} to {}", inline(from), inline(to))
        }
        EventKind::Reopened { interrupted_at, interrupted_ms } => format!(
            "Interrupted at {} UTC, resumed at {} UTC (gap {}, {})",
            interrupted_at.format("%Y-%m-%d %H:%M:%S"),
            e.at.format("%Y-%m-%d %H:%M:%S"),
            clock(e.t_ms.saturating_sub(*interrupted_ms)),
            s.pauses.gap_words()
        ),
        EventKind::Debriefed(_) => "Debrief written".to_owned(),
        EventKind::Finished => "Finished".to_owned(),
        EventKind::InjectFired { index } => {
            format!("Inject: {}", s.injects.get(*index).map_or_else(String::new, |c| inline(&c.title)))
        }
        EventKind::InjectAcknowledged { index } => {
            format!("Inject acknowledged: {}", s.injects.get(*index).map_or_else(String::new, |c| inline(&c.title)))
        }
        EventKind::StoppedEarly => "Stopped early: on to the debrief".to_owned(),
        EventKind::ActionClosed { item, note } => format!("Action item {item} closed: {}", inline(note)),
        EventKind::ActionExported { item, url } => format!("Action item {item} exported: {}", code(url)),
    }
}

/// The row of kill switch `flag` moved to `state` by hand (claimed by the
/// key press), or left safe with `reason`.
fn flag_row(s: &Session, flag: &str, state: FlagState, reason: Option<&str>) -> String {
    let safe = s.flags.iter().find(|f| f.name == flag).map_or("off", |f| f.safe.as_str());
    let what = match state {
        FlagState::Waived => return format!("Kill switch {} left safe: {}", code(flag), inline(reason.unwrap_or(""))),
        FlagState::Safe => format!("set to safe ({safe}), {BY_KEY_PRESS}"),
        FlagState::Restored => format!("restored, {BY_KEY_PRESS}"),
        FlagState::Untouched => "untouched".to_owned(),
    };
    format!("Kill switch {}: {what}", code(flag))
}

/// "#N": a status update's number among the session's updates, from 1
/// (the event that posted it is `seq`).
fn update_number(s: &Session, seq: u64) -> String {
    s.updates.iter().position(|u| u.seq == seq).map_or_else(|| "?".to_owned(), |n| format!("#{}", n + 1))
}

fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// A kill switch's command or a sensor's answer.
fn measured(kind: &EventKind) -> String {
    match kind {
        EventKind::SwitchCommandStarted { flag, action, argv } => {
            let what = if *action == SwitchAction::Safe { "set to safe" } else { "restore" };
            format!("Kill switch {}: {what}: {}", code(flag), code(&crate::command::show_argv(argv)))
        }
        EventKind::SwitchCommandFinished { flag, action, result } => {
            let what = if *action == SwitchAction::Safe { "set to safe" } else { "restore" };
            format!("Kill switch {}: {what} {} in {}", code(flag), result.end.label(), clock(result.duration_ms))
        }
        EventKind::SensorRead(r) => {
            let SensorReading { sensor, result, value, deployed_at, .. } = &**r;
            let read = match (sensor, value) {
                (Sensor::Health, _) if result.end.passed() => "passing".to_owned(),
                (Sensor::Health, _) => format!("FAILING ({})", result.end.label()),
                (_, Some(v)) => format!("reads {}", code(v)),
                (_, None) => format!("read nothing ({})", result.end.label()),
            };
            let deployed =
                deployed_at.map(|d| format!(", deployed {} UTC", d.format("%Y-%m-%d %H:%M:%S"))).unwrap_or_default();
            format!("{}: {read}{deployed} (measured)", capital(&sensor.label()))
        }
        _ => String::new(),
    }
}
