use super::*;
use crate::runbook::Runbook;
use crate::session::Session;
use crate::vocab::Mode;

const MIN: u64 = 60_000;

#[test]
fn the_due_state_warns_in_the_last_fifth_and_then_is_overdue() {
    let every = 30 * MIN;
    assert_eq!(UpdateDue::of(0, every, every), UpdateDue::Later { left_ms: every });
    assert_eq!(UpdateDue::of(24 * MIN, every, every), UpdateDue::Soon { left_ms: 6 * MIN });
    assert_eq!(UpdateDue::of(every, every, every), UpdateDue::Soon { left_ms: 0 });
    assert_eq!(UpdateDue::of(every + 1, every, every), UpdateDue::Overdue { by_ms: 1 });
}

#[test]
fn promises_are_the_ones_typed_and_count_late_updates_and_a_silent_end() {
    // Updates at 4 (promises 14), 16 (late; promises nothing), 20 (promises 30); the end at 35 is past 30.
    let p = promises(&[(4 * MIN, Some(14 * MIN)), (16 * MIN, None), (20 * MIN, Some(30 * MIN))]);
    let broken: Vec<bool> = p.iter().map(|p| p.broken(35 * MIN)).collect();
    assert_eq!(broken, vec![true, true]);
    assert_eq!(longest_silence(&[4 * MIN, 16 * MIN, 20 * MIN], 35 * MIN), 15 * MIN);
}

#[test]
fn one_update_is_one_promise_and_none_is_one_long_silence() {
    let one = promises(&[(4 * MIN, Some(14 * MIN))]);
    assert_eq!(one.len(), 1);
    assert!(!one[0].broken(10 * MIN), "not yet due at the end");
    assert!(promises(&[]).is_empty());
    assert_eq!(longest_silence(&[], 42 * MIN), 42 * MIN);
}

#[test]
fn a_draft_update_claims_no_live_release_before_one_is_named_from_the_ledger() {
    use crate::event::Stamp;
    use crate::roles::Roles;
    use crate::session::Command;
    let rb = Runbook::parse("t.toml", crate::session::tests::RUNBOOK).expect("runbook");
    let t0 = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH + chrono::Duration::days(20_000);
    let mut s = Session::new(Mode::Incident, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ana", "Ana")), Stamp { at: t0, t_ms: 0 }).expect("start");
    let before = draft_update(&s, &rb, t0);
    assert!(before.contains("prod-2026-01-14.1 (the runbook's; not yet confirmed from the ledger)"), "{before}");
    s.apply(Command::NameLive("prod-2026-01-14.2".into()), Stamp { at: t0, t_ms: 1_000 }).expect("named");
    let after = draft_update(&s, &rb, t0);
    assert!(after.contains("live: prod-2026-01-14.2 (as named)"), "the release named from the ledger: {after}");
}

#[test]
fn a_promise_still_ahead_at_the_end_is_not_due_and_a_final_update_owes_nothing() {
    let p = promises(&[(4 * MIN, Some(14 * MIN))]);
    assert!(!p[0].is_due(10 * MIN) && !p[0].broken(10 * MIN), "the session ended first: neither kept nor broken");
    assert!(p[0].is_due(15 * MIN) && p[0].broken(15 * MIN));
    assert!(is_final("RESOLVED: sign-ups are back; no further updates."));
    assert!(is_final("All clear at 14:40."));
    assert!(!is_final("Unresolved: still rolling back"), "a word that contains it is not it");
}
