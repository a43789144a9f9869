//! The debrief's action items and summary, as a team uses them: drop a
//! proposal, edit one (text, owner, due date, kind), see a refused edit's
//! reason, and find exactly that in the journal and the postmortem.

use crate::common;

use common::{at, ch, ctrl, key};
use crossterm::event::{KeyCode, KeyEvent};
use firedrill::core::event::{ActionKind, Debrief, EventKind, Mode, PressureAnswer, Stamp};
use firedrill::core::postmortem::{Input, render};
use firedrill::core::roles::Roles;
use firedrill::core::session::{Command, Session};
use firedrill::keymap::KeyContext;
use firedrill::tui::Now;
use firedrill::tui::app::{App, Cmd, Msg};

fn screen(app: &App) -> String {
    common::screen::screen(app, 100, 30)
}

fn press(app: &mut App, keys: &[KeyEvent], now: Now) -> Vec<Cmd> {
    keys.iter().flat_map(|k| app.update(Msg::Key(*k), now)).collect()
}

fn typed(app: &mut App, text: &str, now: Now) {
    for c in text.chars() {
        app.update(Msg::Key(ch(c)), now);
    }
}

/// The debriefs `cmds` journal, in order.
fn journaled(cmds: &[Cmd]) -> Vec<Debrief> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::Append(e) => match &e.kind {
                EventKind::Debriefed(d) => Some((**d).clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn clear(app: &mut App, now: Now) {
    press(app, &[key(KeyCode::End)], now);
    for _ in 0..80 {
        press(app, &[key(KeyCode::Backspace)], now);
    }
}

/// A drill run through its five steps with every item left unchecked, in
/// the debrief with a prevention step and "no" to the pressure question.
fn debrief() -> App {
    let mut app = common::screen::drill_on(common::onboarding());
    for t in 1..=5 {
        common::screen::complete_unchecked(&mut app, at(t * 60_000));
    }
    assert_eq!(app.context(), KeyContext::Debrief);
    typed(&mut app, "The deploy job needed a manual approval", at(400_000));
    press(&mut app, &[key(KeyCode::Tab)], at(400_000));
    typed(&mut app, "Pre-approve rollback deploys", at(400_000));
    press(&mut app, &[key(KeyCode::Tab), ch('n')], at(400_000));
    app
}

#[test]
fn the_team_drops_edits_and_keeps_action_items_and_the_journal_says_so() {
    let mut app = debrief();
    // From the first field, back-tab reaches the action items (the last part).
    press(&mut app, &[key(KeyCode::BackTab), key(KeyCode::BackTab), key(KeyCode::BackTab)], at(401_000));
    assert_eq!(app.context(), KeyContext::DebriefActions);
    let shown = screen(&app);
    assert!(
        shown.contains("Ana 2026-11-30  Pre-approve rollback deploys"),
        "the prevention step is proposed:\n{shown}"
    );
    assert!(shown.contains("keep/drop") && shown.contains("? help"), "the hint line names the list's keys:\n{shown}");
    press(&mut app, &[ch('?')], at(401_000));
    assert_eq!(app.context(), KeyContext::Help, "? opens the help from the list");
    press(&mut app, &[key(KeyCode::Esc)], at(401_000));
    assert_eq!(app.context(), KeyContext::DebriefActions);

    // Drop the pressure item (second), then edit the prevention step (first).
    let mut all: Vec<Cmd> = Vec::new();
    all.extend(press(&mut app, &[key(KeyCode::Down), ch(' '), key(KeyCode::Up), key(KeyCode::Enter)], at(402_000)));
    assert_eq!(app.context(), KeyContext::ActionEdit);
    clear(&mut app, at(402_000));
    all.extend(press(&mut app, &[key(KeyCode::Enter)], at(402_000)));
    assert!(screen(&app).contains("an action item needs its text"), "an empty text is refused with its reason");
    typed(&mut app, "Pre-approve rollback deploys in CI", at(403_000));
    all.extend(press(&mut app, &[key(KeyCode::Tab)], at(403_000)));
    clear(&mut app, at(403_000));
    typed(&mut app, "Cy", at(403_000));
    all.extend(press(&mut app, &[key(KeyCode::Tab)], at(403_000)));
    clear(&mut app, at(403_000));
    typed(&mut app, "next week", at(403_000));
    all.extend(press(&mut app, &[key(KeyCode::Enter)], at(403_000)));
    assert!(screen(&app).contains("write +7d, +2w or a date"), "a bad due date is refused:\n{}", screen(&app));
    clear(&mut app, at(403_000));
    typed(&mut app, "+2w", at(403_000));
    all.extend(press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Right), key(KeyCode::Enter)], at(404_000)));
    assert_eq!(app.context(), KeyContext::DebriefActions, "enter keeps the edit and closes the editor");
    let shown = screen(&app);
    assert!(shown.contains("[x] mitigate Cy 2026-12-07  Pre-approve rollback deploys in CI"), "{shown}");
    assert!(
        shown.contains("[ ] prevent  Ana 2026-11-30  Make the rollback path"),
        "the dropped item is shown unchecked:\n{shown}"
    );

    let cmds = press(&mut app, &[ctrl('s')], at(405_000));
    assert!(cmds.iter().any(|c| matches!(c, Cmd::Save { .. })), "{cmds:?}");
    all.extend(cmds);
    let debriefs = journaled(&all);
    // Each decision was journaled as it was made; the last draft is the debrief.
    assert!(debriefs.len() >= 2, "{all:?}");
    assert_eq!(debriefs[0].actions.len(), 1, "the drop was on disk before the edit began");
    let debriefs = [debriefs[debriefs.len() - 1].clone()];
    let reviews = &debriefs[0].actions;
    assert_eq!(reviews.len(), 2, "only the touched proposals are recorded: {reviews:?}");
    assert_eq!((reviews[0].source.as_str(), reviews[0].keep), ("pressure", false));
    let edit = &reviews[1];
    assert_eq!(
        (edit.source.as_str(), edit.keep, edit.text.as_deref(), edit.owner.as_deref(), edit.kind),
        ("prevention", true, Some("Pre-approve rollback deploys in CI"), Some("Cy"), Some(ActionKind::Mitigate))
    );
    assert_eq!(edit.due.map(|d| d.to_string()).as_deref(), Some("2026-12-07"));
    assert_eq!((reviews[0].text.as_ref(), reviews[0].owner.as_ref()), (None, None), "a drop records no copy");
}

#[test]
fn saving_keeps_the_item_being_edited_or_says_why_it_cannot() {
    let mut app = debrief();
    press(
        &mut app,
        &[key(KeyCode::BackTab), key(KeyCode::BackTab), key(KeyCode::BackTab), key(KeyCode::Enter)],
        at(411_000),
    );
    clear(&mut app, at(411_000));
    let cmds = press(&mut app, &[ctrl('s')], at(412_000));
    assert!(cmds.iter().all(|c| !matches!(c, Cmd::Save { .. } | Cmd::Append(_))), "{cmds:?}");
    assert!(screen(&app).contains("an action item needs its text"), "{}", screen(&app));
    typed(&mut app, "Pre-approve rollback deploys in CI", at(413_000));
    let cmds = press(&mut app, &[ctrl('s')], at(414_000));
    assert!(cmds.iter().any(|c| matches!(c, Cmd::Save { .. })), "{cmds:?}\n{}", screen(&app));
    let kept = cmds.iter().any(|c| {
        matches!(c, Cmd::Append(e) if matches!(&e.kind, EventKind::Debriefed(d)
            if d.actions.iter().any(|r| r.text.as_deref() == Some("Pre-approve rollback deploys in CI"))))
    });
    assert!(kept, "the edit open at save time is in the debrief: {cmds:?}");
}

#[test]
fn the_postmortem_shows_the_reviewed_items_the_dropped_ones_and_the_team_summary() {
    let loaded = common::onboarding();
    let header = common::header(&loaded, "20261123T140000Z-onboarding-signup-0009");
    let mut s = Session::new(Mode::Drill, &loaded.runbook);
    let stamp = |t_ms: u64| Stamp {
        at: header.started_at + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")),
        t_ms,
    };
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Ana")), stamp(0)).expect("start");
    s.apply(Command::AddNote("TODO: put the ledger link in the channel topic".into()), stamp(1_000)).expect("note");
    let start = header.started_at.date_naive();
    let debrief = |reviews| Debrief {
        prevention: "Add a health check to the deploy job".into(),
        pressure: PressureAnswer::Yes,
        summary: "We rolled back onboarding_v2 in five minutes; the ledger was slow to find.".into(),
        actions: reviews,
        ..Debrief::default()
    };
    let cands = firedrill::core::actions::candidates(&s, Some(&debrief(Vec::new())), header.started_at);
    let prevention = cands.iter().find(|c| c.source == "prevention").expect("prevention proposed");
    let todo = cands.iter().find(|c| c.source.starts_with("note:")).expect("TODO proposed");
    let edited = firedrill::core::actions::review(
        prevention,
        true,
        ("Add a health check to deploy_job", "Ben", "+10d"),
        ActionKind::Detect,
        start,
    )
    .expect("valid edit");
    let dropped = firedrill::core::actions::review(todo, false, (&todo.text, &todo.owner, "+7d"), todo.kind, start)
        .expect("valid drop");
    for (t, c) in [
        (2_000, Command::SkipStep("rehearsal cut short".into())),
        (3_000, Command::Debrief(Box::new(debrief(vec![edited, dropped])))),
    ] {
        s.apply(c, stamp(t)).expect("allowed");
    }
    let md = render(&Input { header: &header, runbook: &loaded.runbook, session: &s, history: &[] });
    assert!(
        md.contains("In the team's words: We rolled back onboarding_v2 in five minutes")
            && md.contains("From the events: A rehearsal on"),
        "the team's summary leads, and the generated one stays:\n{md}"
    );
    assert!(md.contains("| Add a health check to deploy_job | detect | Ben | 2026-12-03 |"), "{md}");
    assert!(md.contains("Dropped in the debrief:\n\n- put the ledger link in the channel topic"), "{md}");
    assert!(!md.contains("\\_"), "identifiers inside words are not backslash-escaped:\n{md}");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems");
    std::fs::create_dir_all(&dir).expect("lint folder");
    std::fs::write(dir.join("reviewed-actions.md"), &md).expect("write for lint");
}

#[test]
fn an_edit_left_open_is_journaled_when_leaving_and_a_closed_action_needs_a_finished_session() {
    let mut app = debrief();
    press(
        &mut app,
        &[key(KeyCode::BackTab), key(KeyCode::BackTab), key(KeyCode::BackTab), key(KeyCode::Enter)],
        at(420_000),
    );
    clear(&mut app, at(420_000));
    typed(&mut app, "Pin the ledger link in the channel", at(421_000));
    let left = journaled(&app.shutdown(at(422_000)));
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].actions[0].text.as_deref(), Some("Pin the ledger link in the channel"));

    let loaded = common::onboarding();
    let mut s = Session::new(Mode::Drill, &loaded.runbook);
    let t0 = at(0).wall;
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Ana")), Stamp { at: t0, t_ms: 0 }).expect("start");
    s.apply(Command::AddNote("TODO: a".into()), Stamp { at: t0, t_ms: 1 }).expect("note");
    let early = s.apply(Command::CloseAction { item: 1, note: "done".into() }, Stamp { at: t0, t_ms: 2 });
    assert_eq!(
        early.map(|_| ()),
        Err(firedrill::core::session::SessionError::NotFinished),
        "numbers are settled by the debrief"
    );
}

#[test]
fn each_field_left_is_on_disk_and_an_unanswered_question_stays_unanswered() {
    let mut app = common::screen::drill_on(common::onboarding());
    for t in 1..=5 {
        common::screen::complete_unchecked(&mut app, at(t * 60_000));
    }
    typed(&mut app, "The ledger was two clicks away", at(400_000));
    let cmds = press(&mut app, &[key(KeyCode::Tab)], at(401_000));
    let drafts = journaled(&cmds);
    assert_eq!(drafts.len(), 1, "leaving a field journals the debrief so far");
    assert_eq!(drafts[0].slowed_us_down, "The ledger was two clicks away");
    assert!(drafts[0].pressure_unanswered, "a draft never claims an answer nobody gave");
    let unchanged = press(&mut app, &[key(KeyCode::BackTab)], at(402_000));
    assert!(unchanged.iter().all(|c| !matches!(c, Cmd::Append(_))), "nothing new, nothing journaled: {unchanged:?}");
}
