//! End to end: a drill run with a deck of inject cards (`--injects`). The
//! card due at `at = "3s"` appears on its own, `enter` acknowledges it,
//! and the saved postmortem lists it with its time to acknowledge; the
//! saved journal holds the deck, so it replays alone.

use crate::common;

use std::fs;

use common::pty::Pty;
use firedrill::core::event::EventKind;

#[test]
fn a_decks_card_fires_at_its_time_is_acknowledged_and_lands_in_the_postmortem() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let args = [
        "drill",
        "runbooks/onboarding-signup.toml",
        "--injects",
        "tests/fixtures/decks/onboarding.toml",
        "--driver",
        "Ana",
        "--communicator",
        "Ben",
        "--verifier",
        "Cy",
    ];
    let mut app = Pty::start_in(tmp.path(), &args);
    app.wait_for("Decide first");
    app.send(b"1");
    app.wait_for("decision: roll back");
    // Nobody presses anything: the card comes when its time does.
    app.wait_for("The flag service is unreachable");
    app.wait_for("cannot be turned off");
    // A card is read before enter acknowledges it (core refuses sooner than 1 s).
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    app.send(b"\r");
    app.wait_for("step 1/5 TRIGGER");
    assert!(!app.screen().contains("inject: what just went wrong"), "acknowledged:\n{}", app.screen());

    app.end_early_and_save();
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);

    let out = tmp.path().join("out");
    let md = common::postmortem_in(&out);
    assert!(md.contains("Deck: Onboarding surprises (`tests/fixtures/decks/onboarding.toml`, 2 cards)"), "{md}");
    let line = md
        .lines()
        .find(|l| {
            l.starts_with("- The flag service is unreachable (shown at T+00:03, from the deck): acknowledged after 00:")
        })
        .unwrap_or_else(|| panic!("the card with its time to acknowledge:\n{md}"));
    assert!(line.ends_with(|c: char| c.is_ascii_digit()), "{line}");
    assert!(md.contains("- The known-good build fails its health check: never shown"), "{md}");

    let jsonl = common::files_with(&out, "jsonl");
    let loaded = firedrill::store::journal::read(&jsonl[0]).expect("journal");
    assert_eq!(loaded.header.deck.as_ref().map(|d| d.path.as_str()), Some("tests/fixtures/decks/onboarding.toml"));
    let fired = loaded.events.iter().find(|e| e.kind == EventKind::InjectFired { index: 0 }).expect("fired");
    let acked = loaded.events.iter().find(|e| e.kind == EventKind::InjectAcknowledged { index: 0 }).expect("acked");
    assert!((3_000..4_500).contains(&fired.t_ms), "fired at its time: {} ms", fired.t_ms);
    let (_, session) = loaded.session().expect("replays from the journal alone");
    assert_eq!(session.injects[0].acked_ms, Some(acked.t_ms));
    fs::create_dir_all(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems")).expect("lint dir");
    fs::write(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems/pty-injects.md"), &md)
        .expect("keep for lint");
}
