//! Secret rotations and recovery signals in the postmortem: a rotation is
//! recorded by name and places (never a value), listed, and proposes one
//! action item per place; tagged checks list the signals none covers.

use chrono::{TimeZone, Utc};

use super::*;
use crate::event::{EventKind, Header, Stamp};
use crate::roles::Roles;
use crate::session::{Command, SessionError};
use crate::vocab::Mode;

const RUNBOOK: &str = "version = 1\ntitle = \"T\"\n[release]\nlive = \"a\"\nknown_good = \"b\"\n\
    [[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"Sign up\"\nsignal = \"signups\"\n\
    [[checks]]\nname = \"Queue drains\"\nsignal = \"jobs\"\n";

fn header() -> Header {
    Header {
        format: crate::event::JOURNAL_FORMAT,
        session_id: "s".into(),
        mode: Mode::Drill,
        runbook_path: "t.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: "0".repeat(64),
        started_at: Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date"),
        update_every_ms: None,
        deck: None,
        live_commands: false,
        runbook_redacted: false,
    }
}

#[test]
fn a_secret_rotation_is_listed_with_an_action_item_per_place() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let head = header();
    let stamp = |t_ms: u64| Stamp { at: head.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    let mut s = Session::new(Mode::Drill, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
    let refused = s.apply(
        Command::RotateSecret { name: "STRIPE_KEY=sk_live_abcdefghijkl".into(), applied: vec!["app".into()] },
        stamp(5),
    );
    assert!(matches!(refused, Err(SessionError::Secret(_))), "{refused:?}");
    let e = s
        .apply(
            Command::RotateSecret { name: " STRIPE_API_KEY ".into(), applied: vec!["app".into(), "CI".into()] },
            stamp(65_000),
        )
        .expect("recorded");
    assert_eq!(
        e.kind,
        EventKind::SecretRotated { name: "STRIPE_API_KEY".into(), applied: vec!["app".into(), "CI".into()].into() }
    );
    assert_eq!(Session::replay(Mode::Drill, &rb, &s.events), s, "replay gives the same state");

    let md = render(&Input { header: &head, runbook: &rb, session: &s, history: &[] });
    assert!(md.contains("## Secrets rotated\n\n| Secret | Applied in | When (UTC) |\n| --- | --- | --- |\n| `STRIPE_API_KEY` | app, CI | 14:01:05 |"), "{md}");
    assert!(md.contains("| Confirm secret STRIPE_API_KEY is rotated in CI (and nothing there still holds the old value) | process | Ana (driver) |"), "{md}");
    let items = crate::actions::proposed(&s, head.started_at);
    let sources: Vec<&str> = items.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["secret:2:0", "secret:2:1"]);
}

#[test]
fn tagged_checks_show_the_signals_they_cover_and_those_none_covers() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let head = header();
    let mut s = Session::new(Mode::Drill, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), Stamp { at: head.started_at, t_ms: 0 }).expect("start");
    let md = render(&Input { header: &head, runbook: &rb, session: &s, history: &[] });
    assert!(md.contains("## Recovery signals\n\n- sign-up and login success: Sign up (not checked)\n- background jobs: Queue drains (not checked)\n- No check covers: error rate, latency, database write failures, third-party failures\n"), "{md}");
    assert!(!md.contains("## Secrets rotated"), "nothing rotated, no section");
    let untagged =
        Runbook::parse("t.toml", &RUNBOOK.replace("signal = \"signups\"\n", "").replace("signal = \"jobs\"\n", ""))
            .expect("runbook");
    let plain = render(&Input {
        header: &head,
        runbook: &untagged,
        session: &Session::new(Mode::Drill, &untagged),
        history: &[],
    });
    assert!(!plain.contains("## Recovery signals"), "no tags, no section");
}

#[test]
fn solo_practice_says_so_in_the_heading_the_roles_and_the_timeline() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let head = header();
    let stamp = |t_ms: u64| Stamp { at: head.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    let mut s = Session::new(Mode::Drill, &rb);
    s.apply(Command::Start(Roles::solo_practice("Ana")), stamp(0)).expect("start");
    let md = render(&Input { header: &head, runbook: &rb, session: &s, history: &[] });
    assert!(
        md.starts_with("# Postmortem: ") && md.lines().next().is_some_and(|l| l.contains("(solo practice 2026-11-23)")),
        "{md}"
    );
    assert!(md.contains("- Solo practice: Ana held all three roles on purpose."), "{md}");
    assert!(!md.contains("solo responder"), "practice is not an incident's lone responder: {md}");
    assert!(md.contains("Started solo practice: Ana"), "the timeline too: {md}");
}
