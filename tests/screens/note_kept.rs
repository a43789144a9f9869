//! A note just added is said to be kept whenever the notes pane does not
//! show it: at 40x12 (no pane), with command output in the pane, scrolled
//! back. "Kept" only once the journal confirmed it (`Msg::JournalWritten`),
//! the failure when a write failed; the key line keeps `n note` at 40x12.

use crate::common;

use common::screen::{complete_unchecked, drill_on, screen};
use common::{at, ch, key, onboarding};
use crossterm::event::KeyCode;
use firedrill::core::event::EventKind;
use firedrill::store::trust::Trust;
use firedrill::tui::Now;
use firedrill::tui::app::{App, Cmd, Msg};

/// Adds note `text` at `now`; the seq of the event it asked to journal.
fn note(app: &mut App, text: &str, now: Now) -> u64 {
    let mut cmds = app.update(Msg::Key(ch('n')), now);
    for c in text.chars() {
        cmds.extend(app.update(Msg::Key(ch(c)), now));
    }
    cmds.extend(app.update(Msg::Key(key(KeyCode::Enter)), now));
    let seqs: Vec<u64> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Append(e) if matches!(e.kind, EventKind::NoteAdded { .. }) => Some(e.seq),
            _ => None,
        })
        .collect();
    assert_eq!(seqs.len(), 1, "one note journalled: {cmds:?}");
    seqs[0]
}

/// The last two rows: the word above the keys, and the keys.
fn foot(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    rows[rows.len().saturating_sub(2)..].join("\n")
}

#[test]
fn at_40x12_the_key_line_offers_a_note_and_the_screen_says_it_was_kept() {
    let mut app = drill_on(onboarding());
    let before = screen(&app, 40, 12);
    assert!(foot(&before).contains("n note"), "the key line offers a note at 40x12: {before}");
    assert!(foot(&before).contains("space check") && foot(&before).contains("enter done"), "{before}");
    let seq = note(&mut app, "Ledger was two clicks away", at(65_432));
    // Journalled, not yet confirmed: never "kept" on the strength of no news.
    let waiting = screen(&app, 40, 12);
    assert!(waiting.contains("Note not yet confirmed on disk") && !waiting.contains("kept"), "{waiting}");
    app.update(Msg::JournalWritten(seq), at(65_440));
    let kept = screen(&app, 40, 12);
    insta::assert_snapshot!("note_kept_40x12", kept);
    // The journal's time for the note (14:01:05), and how many there are.
    assert!(foot(&kept).contains("✓ Note kept at 14:01:05 UTC (1 note)"), "{kept}");
    assert!(foot(&kept).contains("n note"), "{kept}");
    // Gone after a few seconds, or at the next key.
    app.update(Msg::Tick, at(71_000));
    assert!(!screen(&app, 40, 12).contains("Note kept"), "gone after a few seconds");
    let seq = note(&mut app, "second", at(80_000));
    app.update(Msg::JournalWritten(seq), at(80_000));
    assert!(screen(&app, 40, 12).contains("(2 notes)"));
    app.update(Msg::Key(key(KeyCode::Down)), at(81_000));
    assert!(!screen(&app, 40, 12).contains("Note kept"), "gone at the next key");
}

#[test]
fn a_failed_write_is_said_instead_of_kept() {
    let mut app = drill_on(onboarding());
    let written = note(&mut app, "first", at(10_000));
    app.update(Msg::JournalWritten(written), at(10_000));
    let seq = note(&mut app, "on a full disk", at(20_000));
    app.update(
        Msg::JournalBehind("journal cannot be written: No space left on device (os error 28)".into()),
        at(20_000),
    );
    let failed = screen(&app, 40, 12);
    assert!(foot(&failed).contains("✖ Note NOT on disk"), "{failed}");
    assert!(!failed.contains("Note kept"), "{failed}");
    // Written once the disk has room again (the retry confirms it).
    app.update(Msg::JournalRecovered(Some(Box::new(Msg::JournalWritten(seq)))), at(20_500));
    assert!(foot(&screen(&app, 40, 12)).contains("✓ Note kept at 14:00:20 UTC (2 notes)"));
}

#[test]
fn at_80x24_a_note_in_the_pane_needs_no_word_and_one_scrolled_away_does() {
    let mut app = drill_on(onboarding());
    let seq = note(&mut app, "Ledger was two clicks away", at(30_000));
    app.update(Msg::JournalWritten(seq), at(30_000));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Ledger was two clicks away") && !shown.contains("Note kept"), "{shown}");
    // Scrolled back past it, the next note is out of sight: the word says it.
    let seq = note(&mut app, "second", at(31_000));
    let seq = seq.max(note(&mut app, "third", at(32_000)));
    app.update(Msg::JournalWritten(seq), at(32_000));
    app.update(Msg::Key(key(KeyCode::PageUp)), at(33_000));
    let seq = note(&mut app, "fourth, out of sight", at(34_000));
    app.update(Msg::JournalWritten(seq), at(34_000));
    let scrolled = screen(&app, 80, 24);
    assert!(!scrolled.contains("fourth, out of sight"), "{scrolled}");
    assert!(foot(&scrolled).contains("✓ Note kept at 14:00:34 UTC (4 notes)"), "{scrolled}");
}

#[test]
fn at_80x24_with_command_output_in_the_pane_the_word_says_the_note_was_kept() {
    let mut app = drill_on(onboarding());
    for t in 1..=4 {
        complete_unchecked(&mut app, at(t * 60_000));
    }
    app.update(Msg::Trusted(Trust::Approved), at(240_500));
    app.update(Msg::Key(ch('r')), at(241_000));
    app.update(Msg::CommandOutput(vec!["smoke: SMOKE_BASE_URL is not set; checked nothing".into()]), at(242_000));
    let running = screen(&app, 80, 24);
    assert!(running.contains("output: ./scripts/smoke.sh signup"), "the output replaced the notes: {running}");
    let seq = note(&mut app, "smoke test checked nothing", at(245_000));
    app.update(Msg::JournalWritten(seq), at(245_000));
    let kept = screen(&app, 80, 24);
    insta::assert_snapshot!("note_kept_output_80x24", kept);
    assert!(foot(&kept).contains("✓ Note kept at 14:04:05 UTC (1 note)"), "{kept}");
    assert!(foot(&kept).contains("n note"), "{kept}");
}
