//! The postmortem of a drill with a deck of inject cards: the deck named,
//! each card with its time to acknowledge, its effects and the notes
//! under it; the kill switch a card kept on and the check a card failed
//! said where they are listed, beside what really happened; and the same
//! document again from the journal alone. Kept for CI's markdownlint.

use crate::common;

use std::path::Path;

use chrono::{TimeZone, Utc};
use firedrill::core::command::{RunEnd, RunResult};
use firedrill::core::event::{Header, Mode, Stamp};
use firedrill::core::plan::StepKind;
use firedrill::core::postmortem::{Input, render};
use firedrill::core::roles::Roles;
use firedrill::core::session::{Command, Session};
use firedrill::store::runbook_file;

fn stamp(t_ms: u64) -> Stamp {
    let base = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
    Stamp { at: base + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn leave() -> Command {
    Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }
}

/// A drill of the onboarding runbook with the onboarding deck: its header,
/// runbook and session.
fn drill_with_deck() -> (Header, runbook_file::LoadedRunbook, Session) {
    let mut loaded = common::onboarding();
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decks/onboarding.toml");
    let mut deck = runbook_file::load_deck(&deck, &loaded.runbook).expect("deck");
    "tests/fixtures/decks/onboarding.toml".clone_into(&mut deck.path);
    let record = deck.kept(&firedrill::core::redact::Redactor::built_in(), &loaded.runbook).expect("the copy reads").0;
    let header = Header { deck: Some(record), ..common::header(&loaded, "20261123T140000Z-onboarding-deck") };
    let key = deck.deck.key(&deck.path);
    let mut s = Session::new(Mode::Drill, &loaded.runbook).with_deck(Some((&key, &deck.deck)));
    loaded.deck = Some(deck);
    let passed =
        RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 900, tail: vec!["ok".into()], output_bytes: 3 };
    let script: Vec<(u64, Command)> = vec![
        (0, Command::Start(Roles::new("Ana", "Ben", "Cy"))),
        (3_000, Command::FireInject(0)),
        (5_500, Command::AckInject(0)),
        (6_000, Command::AddNote("Flag service down: straight to the rollback".into())),
        (40_000, Command::NameLive("prod-2026-11-03.2".into())),
        (41_000, leave()),
        (60_000, leave()),
        (200_000, Command::RevertTo("prod-2026-10-30.1".into())),
        (201_000, leave()),
        (230_000, leave()),
        (231_000, Command::FireInject(1)),
        (240_000, Command::AckInject(1)),
        (250_000, Command::StartCommand { item: 0, shown_argv: vec![] }),
        (251_000, Command::FinishCommand { step: StepKind::Verify, item: 0, result: passed }),
        (260_000, Command::OverrideCheck { item: 0, reason: "signed up by hand in prod".into() }),
        (270_000, leave()),
        (280_000, Command::Finish),
    ];
    for (t, c) in script {
        if t == 40_000 {
            assert!(s.apply(Command::TurnFlagOff(0), stamp(t)).is_err(), "the card keeps the kill switch on");
        }
        s.apply(c.clone(), stamp(t)).unwrap_or_else(|e| panic!("{c:?}: {e}"));
    }
    (header, loaded, s)
}

#[test]
fn the_postmortem_names_the_deck_each_card_its_effects_and_what_they_overruled() {
    let (header, loaded, s) = drill_with_deck();
    let md = render(&Input { header: &header, runbook: &loaded.runbook, session: &s, history: &[] });
    for expected in [
        "Deck: Onboarding surprises (`tests/fixtures/decks/onboarding.toml`, 2 cards), kept apart from the runbook",
        "- The flag service is unreachable (shown at T+00:03, from the deck): acknowledged after 00:02\n  - Effect: the kill switch onboarding_v2 cannot be turned off\n  - Note: Flag service down: straight to the rollback\n",
        "- The known-good build fails its health check (shown at T+03:51, from the deck): acknowledged after 00:09",
        "- `onboarding_v2`: untouched (could not be turned off: inject card \"The flag service is unreachable\")",
        "  - overruled by the inject card \"The known-good build fails its health check\": counted as failed (simulated); the result above is what the command really did",
        "passed (exit 0)",
        "- [x] Create an account end to end (counted as failed by an inject card; accepted by the verifier: signed up by hand in prod)",
        "accepted by the verifier anyway: signed up by hand in prod",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems");
    std::fs::create_dir_all(&dir).expect("lint folder");
    std::fs::write(dir.join("injects.md"), &md).expect("keep for lint");
}

#[test]
fn the_journal_alone_gives_the_same_session_and_postmortem() {
    let (header, loaded, s) = drill_with_deck();
    let mut text = serde_json::to_string(&header).expect("header") + "\n";
    for e in &s.events {
        text += &(serde_json::to_string(e).expect("event") + "\n");
    }
    let journal = firedrill::store::journal::parse(&text).expect("journal");
    let (runbook, replayed) = journal.session().expect("replays with its deck");
    assert_eq!(replayed, s);
    let again = render(&Input { header: &journal.header, runbook: &runbook, session: &replayed, history: &[] });
    assert_eq!(again, render(&Input { header: &header, runbook: &loaded.runbook, session: &s, history: &[] }));
}
