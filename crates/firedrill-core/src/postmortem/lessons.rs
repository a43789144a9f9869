//! The postmortem's story around the figures (the industry templates'
//! sections): a narrative summary generated from the events, impact,
//! detection, root cause, lessons, and the action items as a table. A
//! section with nothing to say is one line, never left out.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::Input;
use super::labels::recovery_label;
use crate::actions::kept_and_dropped;
use crate::duration::clock;
use crate::vocab::Mode;

use crate::markdown::{block, code, inline};
use crate::outcome::{Outcome, verdict};
use crate::sanitize::sanitize_line;
use crate::timing::Kpis;

/// Two or three sentences from the events, in markdown: what broke or was
/// rehearsed, the decision with the times to mitigation and recovery, the
/// outcome; the team's own summary from the debrief when it wrote one.
pub fn narrative(i: &Input<'_>) -> String {
    match i.session.debrief.as_ref().map(|d| d.summary.trim()) {
        Some(own) if !own.is_empty() => {
            format!("In the team's words: {}\n\nFrom the events: {}", block(own), generated(i, true))
        }
        _ => generated(i, true),
    }
}

/// The summary generated from the events as plain text (what the debrief
/// offers before the team writes its own).
pub fn generated_summary(i: &Input<'_>) -> String {
    generated(i, false).trim_end().to_owned()
}

fn generated(i: &Input<'_>, md: bool) -> String {
    let code = |t: &str| if md { code(t) } else { sanitize_line(t) };
    let inline = |t: &str| if md { inline(t) } else { sanitize_line(t) };
    let s = i.session;
    let k = Kpis::of(s, s.record_end_ms(), i.runbook.timebox.as_ms());
    let what = i.runbook.service.as_deref().map_or_else(|| inline(i.runbook.title()), inline);
    let live = s.live_named.as_ref().map_or(i.runbook.live(), |(r, _)| r.as_str());
    let first = match i.header.mode {
        Mode::Drill => format!(
            "A rehearsal on {what}: production on {} was to go back to the known-good {}.",
            code(live),
            code(i.runbook.known_good())
        ),
        Mode::Incident => {
            let signals: Vec<String> = i.runbook.triggers().iter().map(|t| inline(&t.signal)).collect();
            format!("A live incident on {what} ({}) with {} live.", signals.join(", "), code(live))
        }
    };
    let decision = s.decision.map_or_else(|| "roll back (the default)".to_owned(), |(d, _)| d.label().to_owned());
    // A figure a key press alone stands for says so: never "confirmed".
    let how = |f: Option<crate::session::Fact>| {
        f.and_then(|f| f.evidence.qualifier()).map_or_else(String::new, |q| format!(" ({q})"))
    };
    let mitigated = k.mitigated_ms.map_or_else(
        || "nothing mitigated the harm".to_owned(),
        |ms| format!("the harm was mitigated at T+{}{}", clock(ms), how(s.mitigation())),
    );
    let recovery = recovery_label(s).to_lowercase();
    let recovered = k.known_good_ms.map_or_else(
        || format!("the recovery ({recovery}) was not confirmed"),
        |ms| match how(s.recovery()) {
            q if q.is_empty() => format!("the recovery ({recovery}) was confirmed at T+{}", clock(ms)),
            q => format!("the recovery ({recovery}) was recorded at T+{}{q}", clock(ms)),
        },
    );
    let second = format!("The team chose to {decision}; {mitigated} and {recovered}.");
    let v = verdict(s);
    let third = match v.outcome {
        Outcome::Verified => format!("Outcome: {}, in {}.", v.describe(), clock(k.total_ms)),
        other => {
            format!("Outcome: {}, with {} listed below.", other.key(), crate::words::count(v.missing.len(), "thing"))
        }
    };
    format!("{first} {second} {third}\n")
}

/// Impact: an incident's users and duration; a drill had none.
pub fn impact(i: &Input<'_>) -> String {
    if i.header.mode == Mode::Drill {
        return "## Impact\n\nNone: a rehearsal.".to_owned();
    }
    let d = i.session.debrief.as_ref();
    format!(
        "## Impact\n\nUsers affected: {}\n\nDuration of impact: {}",
        block(d.map_or("", |d| d.users_affected.as_str())),
        block(d.map_or("", |d| d.impact_duration.as_str()))
    )
}

/// Detection: when an incident began and was noticed (from the debrief's
/// `@HH:MM` times), the time to detect, and when the session started.
pub fn detection(i: &Input<'_>) -> String {
    if i.header.mode == Mode::Drill {
        return "## Detection\n\nNot applicable: a rehearsal starts on purpose.".to_owned();
    }
    let d = i.session.debrief.as_ref();
    let (started, noticed) = (d.map_or("", |d| d.started.as_str()), d.map_or("", |d| d.noticed.as_str()));
    let start = i.header.started_at;
    let mut out = String::from("## Detection\n\n");
    let _ = writeln!(out, "- Began: {}", inline(if started.is_empty() { "not written" } else { started }));
    let _ = writeln!(out, "- Noticed: {}", inline(if noticed.is_empty() { "not written" } else { noticed }));
    let _ = writeln!(out, "- Session started: {} UTC", start.format("%Y-%m-%d %H:%M"));
    match (at_time(started, start), at_time(noticed, start)) {
        (Some(a), Some(b)) if b >= a => {
            let _ =
                writeln!(out, "- Time to detect: {}", clock(u64::try_from((b - a).num_milliseconds()).unwrap_or(0)));
        }
        _ => out.push_str("- Time to detect: unknown (write both times as @HH:MM)\n"),
    }
    out
}

/// The `@HH:MM` a text starts with, as the last such time at or before the
/// session's start day's end (the day before when later than `start`'s
/// day allows); `None` without one.
fn at_time(text: &str, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let rest = text.trim_start().strip_prefix('@')?;
    let hhmm: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
    let t = NaiveTime::parse_from_str(&hhmm, "%H:%M").ok()?;
    let same_day = start.date_naive().and_time(t).and_utc();
    // Detection comes before the session, or soon after it started.
    Some(if same_day > start + Duration::hours(12) { same_day - Duration::days(1) } else { same_day })
}

/// Root cause and contributing factors (incidents).
pub fn root_cause(i: &Input<'_>) -> String {
    if i.header.mode == Mode::Drill {
        return "## Root cause and contributing factors\n\nNot applicable: a rehearsal.".to_owned();
    }
    let text = i.session.debrief.as_ref().map_or("", |d| d.root_cause.as_str());
    format!("## Root cause and contributing factors\n\n{}", block(if text.is_empty() { "Not written." } else { text }))
}

/// What went well, what went wrong, where we got lucky.
pub fn lessons(i: &Input<'_>) -> String {
    let d = i.session.debrief.clone().unwrap_or_default();
    let mut out = String::from("## Lessons\n\n");
    for (title, text) in
        [("What went well", &d.went_well), ("What went wrong", &d.went_wrong), ("Where we got lucky", &d.lucky)]
    {
        let shown = if text.trim().is_empty() { "not written".to_owned() } else { inline(text) };
        let _ = writeln!(out, "- {title}: {shown}");
    }
    out
}

/// The action items as a table: what, kind, owner, due, and the issue
/// each was exported to once any was (`firedrill actions export`); then
/// the proposals the team dropped in the debrief, so nothing vanishes unseen.
pub fn actions(i: &Input<'_>) -> String {
    let (items, gone) = kept_and_dropped(i.session, i.header.started_at);
    // The last URL recorded for item n (from 1), as `actions` reads it.
    let issue = |n: usize| i.session.actions_exported.iter().rev().find(|(k, _)| *k == n).map(|(_, u)| u.as_str());
    let with_issues = (1..=items.len()).any(|n| issue(n).is_some());
    let mut out = String::from("## Action items\n\n| Action | Kind | Owner | Due |");
    out.push_str(if with_issues {
        " Issue |\n| --- | --- | --- | --- | --- |\n"
    } else {
        "\n| --- | --- | --- | --- |\n"
    });
    if items.is_empty() {
        out.push_str("| None | - | - | - |\n");
    }
    for (n, a) in items.iter().enumerate() {
        // The role is named only while its holder still owns the item.
        let owner = a.role_shown().map_or_else(|| inline(&a.owner), |r| format!("{} ({r})", inline(&a.owner)));
        let _ = write!(out, "| {} | {} | {owner} | {} |", inline(&a.text), a.kind.key(), a.due);
        if with_issues {
            let _ = write!(out, " {} |", issue(n + 1).map_or_else(|| "-".to_owned(), link));
        }
        out.push('\n');
    }
    if !gone.is_empty() {
        let _ = writeln!(out, "\nDropped in the debrief:\n");
        for a in gone {
            let _ = writeln!(out, "- {}", inline(&a.text));
        }
    }
    out
}

/// A URL as a markdown autolink when it is plainly one (no character that
/// could end or break the link), else as code.
fn link(url: &str) -> String {
    let plain = url.starts_with("https://")
        && url.chars().all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c));
    if plain { format!("<{url}>") } else { code(url) }
}
