//! End to end: the real binary in a pseudo-terminal runs a whole drill with
//! role flags, and the `.md` and `.jsonl` it writes agree.

use crate::common;

use std::fs;

use common::pty::Pty;
use firedrill::core::event::EventKind;
use firedrill::store::journal;

#[test]
fn a_whole_drill_writes_its_postmortem_and_journal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (out, state) = (tmp.path().join("out"), tmp.path().join("state"));
    let args =
        ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Ana"];
    let mut app = Pty::start_in(tmp.path(), &args);
    app.wait_for("step 1/5 TRIGGER");

    // Decide, then trigger: check all three items (the live release is
    // named, as in an incident), add a note, complete.
    app.roll_back_and_name_live();
    app.send(b"n");
    app.wait_for("type, then enter");
    app.send(b"Ledger was two clicks away");
    app.send(b"\r");
    app.wait_for("notes (1)");
    app.send(b"\r");
    app.wait_for("step 2/5 FREEZE");

    // Freeze: post a status update, then complete with items open (asks first).
    // The update editor opens with a CAN draft; add to it and post with Ctrl-S.
    app.send(b"u");
    app.wait_for("Condition:");
    app.send(b" Rolling back web-signup\x13");
    app.wait_for("updates (1)");
    app.send(b"\r");
    app.wait_for("(y/n)");
    app.send(b"y");
    app.wait_for("step 3/5 REVERT");

    // Revert: pause and resume, skip with a reason.
    app.send(b"p");
    app.wait_for("PAUSED");
    app.send(b"p");
    app.send(b"s");
    app.send(b"rehearsed on staging only\r");
    app.wait_for("step 4/5 DISABLE");

    pasted_text_stays_text_and_a_skip_is_undone(&app);
    app.send(b" \r");
    app.wait_for("step 5/5 VERIFY");
    // The drill turned a kill switch off: restore it, or the drill cannot finish.
    app.send(b"f");
    app.wait_for("set to safe (off)");
    app.send(b"r");
    app.wait_for("restored");
    app.send(b"\x1b");
    app.send(b"    \r");
    app.wait_for("DEBRIEF");

    debrief(&app);
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);
    assert!(app.left_alternate_screen(), "the terminal is restored");

    let (md, jsonl) = (common::files_with(&out, "md"), common::files_with(&out, "jsonl"));
    assert_eq!((md.len(), jsonl.len()), (1, 1), "one postmortem and one journal");
    let text = fs::read_to_string(&md[0]).expect("postmortem");
    full_timeline_beside(&md[0], &text);
    let name = md[0].file_name().and_then(|n| n.to_str()).expect("name").to_owned();
    assert!(name.ends_with("Z-onboarding-signup.md"), "{name}");
    for expected in [
        "# Postmortem: Onboarding release broke sign-ups (drill ",
        "- Outcome: unverified",
        "  - not confirmed back on the known-good release: `prod-2026-10-30.1`",
        "Ledger was two clicks away",
        "Rolling back web-signup",
        "skipped: rehearsed on staging only",
        "The deploy job needed a manual approval",
        "Answer: no.",
        "- Driver: Ana",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(text.contains("Note: pasted s and h"), "a paste is a note, never keys:\n{text}");
    assert_eq!(text.matches("Step skipped: disable").count(), 1, "only the skip typed, never a pasted one:\n{text}");
    assert!(text.contains("Step skipped: disable (by mistake)"), "{text}");

    assert!(text.contains("Note: one s two h three"), "{text}");
    assert!(text.contains("Note: raw s skip h hand"), "{text}");
    assert!(text.contains("Undone: disable reopened"), "the skip and its undo are both on record:\n{text}");
    let loaded = journal::read(&jsonl[0]).expect("journal reads back");
    assert!(loaded.events.iter().any(|e| matches!(e.kind, EventKind::Undone { .. })));
    assert!(
        loaded
            .events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::StepSkipped { reason, .. } if reason == "by mistake"))
    );
    assert!(
        !loaded.events.iter().any(|e| matches!(e.kind, EventKind::Handoff { .. })),
        "a pasted h hands nothing over"
    );
    assert!(loaded.skipped.is_empty());
    assert!(matches!(loaded.events.last().map(|e| &e.kind), Some(EventKind::Finished)));
    let (_, session) = loaded.session().expect("replays");
    assert!(session.steps_finished());
    let total = firedrill::core::duration::clock(session.elapsed_ms(u64::MAX));
    assert!(
        text.contains(&format!("- Total: {total} against a time-box of 30:00")),
        "postmortem total {total} agrees with the journal"
    );

    let mut running: Vec<String> = fs::read_dir(state.join("firedrill/sessions"))
        .expect("state journal")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    running.sort();
    assert_eq!(running.len(), 2, "the running journal lives in the state folder: {running:?}");
    assert!(running[1].ends_with(".jsonl.saved"), "and is marked saved once the save is whole: {running:?}");
    fs::create_dir_all(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems")).expect("lint dir");
    fs::write(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems/pty-drill.md"), &text)
        .expect("keep for lint");
}

/// In step 4: pastes (bracketed on the screen and in a note, unbracketed
/// in a note) become notes and never keys; a skip by mistake is undone.
fn pasted_text_stays_text_and_a_skip_is_undone(app: &Pty) {
    // A bracketed paste with a newline and command keys must not complete
    // or skip the step: it opens a note holding the text.
    app.send(b"\x1b[200~pasted s and h\r\x1b[201~");
    app.wait_for("pasted s and h");
    app.send(b"\r");
    app.wait_for("notes (2)");
    app.wait_for("step 4/5 DISABLE");
    // Inside a note, a paste of three lines (bracketed, then not) is text.
    app.send(b"n");
    app.wait_for("type, then enter");
    app.send(b"\x1b[200~one\rs two\rh three\x1b[201~");
    app.wait_for("one s two h three");
    app.send(b"\r");
    app.wait_for("notes (3)");
    app.send(b"n");
    app.wait_for("type, then enter");
    app.send(b"raw\rs skip\rh hand\r");
    app.wait_for("raw s skip h hand");
    app.wait_for("notes (3)");
    app.send(b"\r");
    app.wait_for("notes (4)");
    app.wait_for("step 4/5 DISABLE");
    // A skip by mistake is undone: the step is open again.
    app.send(b"s");
    app.wait_for("why skip this step?");
    app.send(b"by mistake\r");
    app.wait_for("step 5/5 VERIFY");
    app.send(b"z");
    app.wait_for("undone: the step is open again");
    app.wait_for("step 4/5 DISABLE");
}

/// The debrief: what slowed us, the prevention step, the pressure answer
/// and why; Ctrl-S writes it all.
fn debrief(app: &Pty) {
    app.send(b"The deploy job needed a manual approval\t");
    app.send(b"Pre-approve rollback deploys\t");
    app.send(b"n\t");
    app.send(b"contract release still writes the legacy column");
    app.send(b"\x13"); // Ctrl-S
    app.wait_for("written");
    // The save's own frame came first: a large session's save takes seconds.
    assert!(String::from_utf8_lossy(&app.raw()).contains("writing the postmortem..."), "no frame said it was writing");
}

/// Items checked one after another share a row of the postmortem at `md`;
/// the full timeline beside it has a row for each, and passes the same lint.
fn full_timeline_beside(md: &std::path::Path, text: &str) {
    let full = fs::read_to_string(md.with_extension("timeline.md")).expect("full timeline beside the postmortem");
    let checks = full.lines().filter(|l| l.contains("| Checked (claimed by a key press): ")).count();
    assert!(full.starts_with("# Timeline: ") && checks >= 3, "{full}");
    assert!(text.contains("each has its own in the `.timeline.md` file beside this one"), "{text}");
    let lint = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems");
    fs::create_dir_all(&lint).expect("lint folder");
    fs::write(lint.join("pty-drill.timeline.md"), &full).expect("keep for lint");
}
