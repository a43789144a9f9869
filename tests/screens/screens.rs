//! Every screen rendered on `TestBackend` at 80x24 and 120x40 (insta
//! snapshots), the too-small message at 30x10, and the styles that carry
//! meaning asserted explicitly (snapshots do not show colour).

use crate::common;

use common::screen::{appended, draw, drill_on};
use common::{at, ch, ctrl, key, onboarding};
use crossterm::event::KeyCode;
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::Keymap;
use firedrill::store::runbook_file;
use firedrill::theme::THEME;
use firedrill::tui::app::{App, Msg};
use firedrill::tui::{Now, Start};

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h).backend());
    }
}

fn home() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks");
    let mut entries = runbook_file::list(&dir);
    for e in &mut entries {
        e.path = std::path::Path::new("runbooks").join(e.path.file_name().expect("file name"));
    }
    let start = Start::Home { unfinished: Vec::new(), entries, runbooks_dir: Some("runbooks".into()), out: None };
    App::new(start, Keymap::default_keys(), THEME, at(0)).0
}

fn drill() -> App {
    drill_on(onboarding())
}

fn press(app: &mut App, keys: &[crossterm::event::KeyEvent], now: Now) {
    for k in keys {
        app.update(Msg::Key(*k), now);
    }
}

fn typed(app: &mut App, text: &str, now: Now) {
    for c in text.chars() {
        app.update(Msg::Key(ch(c)), now);
    }
}

#[test]
fn home_screen() {
    let mut app = home();
    snap("home", &app);
    press(&mut app, &[ch('j'), key(KeyCode::Enter)], at(0));
    snap("home_mode_menu", &app);
}

#[test]
fn roles_screen_refuses_one_person_in_all_roles() {
    let mut app = home();
    press(&mut app, &[key(KeyCode::Enter), ch('d')], at(0));
    for name in ["Ana", "ana", "Ana"] {
        typed(&mut app, name, at(0));
        press(&mut app, &[key(KeyCode::Enter)], at(0));
    }
    snap("roles_refused", &app);
    let screen = format!("{}", draw(&app, 80, 24).backend());
    assert!(screen.contains("holds all three roles"), "{screen}");
}

#[test]
fn drill_screen_through_a_step() {
    let mut app = drill();
    snap("drill_start", &app);
    press(&mut app, &[ch(' '), ch(' '), key(KeyCode::Enter)], at(65_000));
    typed(&mut app, "prod-2026-11-03.2", at(65_500));
    press(&mut app, &[key(KeyCode::Enter)], at(65_000));
    press(&mut app, &[ch('n')], at(70_000));
    typed(&mut app, "Ledger was two clicks away", at(70_000));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)], at(100_000));
    press(&mut app, &[ch('j'), ch(' ')], at(130_000));
    app.update(Msg::Tick, at(200_000));
    snap("drill_freeze", &app);
    press(&mut app, &[key(KeyCode::Enter)], at(210_000));
    snap("drill_confirm_unchecked", &app);
}

#[test]
fn drill_prompts_and_overlays() {
    let mut app = drill();
    press(&mut app, &[ch('s')], at(5_000));
    typed(&mut app, "alert already confirmed by on-call", at(5_000));
    snap("drill_skip_prompt", &app);
    press(&mut app, &[key(KeyCode::Esc), ch('?')], at(6_000));
    snap("drill_help", &app);
    press(&mut app, &[key(KeyCode::Esc), ctrl('c')], at(7_000));
    snap("drill_quit_menu", &app);
}

#[test]
fn timebox_warning_and_over_carry_a_symbol_and_a_style() {
    let app = drill();
    let mut warn = drill();
    warn.update(Msg::Tick, at(25 * 60_000));
    let mut over = drill();
    over.update(Msg::Tick, at(31 * 60_000));
    let text = |a: &App| format!("{}", draw(a, 120, 40).backend());
    assert!(text(&app).contains("● 30:00 left"));
    assert!(text(&warn).contains("▲ 05:00 left"), "{}", text(&warn));
    assert!(text(&over).contains("✖ OVER by 01:00"), "{}", text(&over));
    let term = draw(&over, 120, 40);
    let buf = term.backend().buffer();
    let cell = buf.content.iter().find(|c| c.symbol() == "✖").expect("the over symbol is on screen");
    assert_eq!(cell.fg, THEME.bad.fg.expect("bad has a colour"));
}

#[test]
fn debrief_and_saved_screens() {
    let mut app = drill();
    for t in 1..=5 {
        common::screen::complete_unchecked(&mut app, at(t * 60_000));
    }
    typed(&mut app, "The deploy job needed a manual approval", at(400_000));
    press(&mut app, &[key(KeyCode::Tab)], at(400_000));
    typed(&mut app, "Pre-approve rollback deploys", at(400_000));
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Left)], at(400_000));
    snap("debrief", &app);
    let cmds = app.update(Msg::Key(ctrl('s')), at(400_500));
    assert!(cmds.iter().any(|c| matches!(c, firedrill::tui::app::Cmd::Save { .. })), "{cmds:?}");
    app.update(
        Msg::Saved(Box::new(firedrill::store::save::Saved {
            paths: vec![
                "/tmp/out/2026-11-23T1400Z-onboarding-signup.md".into(),
                "/tmp/out/2026-11-23T1400Z-onboarding-signup.jsonl".into(),
            ],
            proposal: Ok(None),
        })),
        at(401_000),
    );
    snap("saved", &app);
    let screen = format!("{}", draw(&app, 80, 24).backend());
    assert!(screen.contains("▲ unverified"), "nothing was verified, and the saved screen says so:\n{screen}");
    assert!(screen.contains("check not verified: Create an account end to end"), "{screen}");
}

#[test]
fn too_small_keeps_the_clock() {
    let mut app = drill();
    app.update(Msg::Tick, at(83_000));
    insta::assert_snapshot!("too_small_30x10", draw(&app, 30, 10).backend());
    for (w, h) in [(1, 1), (39, 11), (40, 12), (2, 40), (200, 3)] {
        draw(&app, w, h);
    }
}

#[test]
fn a_failed_save_keeps_the_session_and_offers_another_folder() {
    let mut app = drill();
    press(&mut app, &[ctrl('c'), ch('f')], at(5_000));
    let screen = format!("{}", draw(&app, 80, 24).backend());
    assert!(screen.contains("5 steps are not done"), "finishing early asks first:\n{screen}");
    // Finishing early still goes through the debrief.
    press(&mut app, &[ch('y')], at(6_000));
    assert!(format!("{}", draw(&app, 80, 24).backend()).contains("DEBRIEF"));
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab), ch('u')], at(6_000));
    let cmds = app.update(Msg::Key(ctrl('s')), at(6_000));
    assert!(cmds.iter().any(|c| matches!(c, firedrill::tui::app::Cmd::Save { dir: None, .. })), "{cmds:?}");
    app.update(Msg::SaveFailed("cannot use output folder /ro: Read-only file system".into()), at(6_100));
    snap("save_failed", &app);
    press(&mut app, &[ch('o')], at(7_000));
    typed(&mut app, "/tmp/elsewhere", at(7_000));
    let cmds = app.update(Msg::Key(key(KeyCode::Enter)), at(8_000));
    let retried = cmds.iter().find_map(|c| match c {
        firedrill::tui::app::Cmd::Save { dir: Some(d), held } => Some((d.clone(), held.session.events.len())),
        _ => None,
    });
    assert_eq!(
        retried,
        Some(("/tmp/elsewhere".into(), 5)),
        "start, decision, stopped early, debrief and finish, written to the chosen folder"
    );
}

#[test]
fn drafts_survive_esc_and_are_journaled_when_leaving() {
    let mut app = drill();
    press(&mut app, &[ch('n')], at(1_000));
    typed(&mut app, "half a thought", at(1_000));
    press(&mut app, &[key(KeyCode::Esc), ch('n')], at(2_000));
    assert!(format!("{}", draw(&app, 80, 24).backend()).contains("half a thought"), "esc keeps the draft");
    press(&mut app, &[key(KeyCode::Esc), ch('u')], at(3_000));
    typed(&mut app, " Rolling back", at(3_000));
    let notes = notes(&app.shutdown(at(4_000)));
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(notes[0], "unsent note: half a thought");
    assert!(
        notes[1].starts_with("unsent status update: Condition:") && notes[1].ends_with("Rolling back"),
        "{notes:?}"
    );

    let mut untouched = drill();
    press(&mut untouched, &[ch('u'), key(KeyCode::Esc)], at(1_000));
    assert!(appended(&untouched.shutdown(at(2_000))).is_empty(), "an untouched drafted update is not a note");
}

/// The texts of the notes `cmds` journal, in order.
fn notes(cmds: &[firedrill::tui::app::Cmd]) -> Vec<String> {
    appended(cmds)
        .into_iter()
        .filter_map(|k| match k {
            firedrill::core::event::EventKind::NoteAdded { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

/// A tab typed in a note separates words as a space; it once vanished,
/// joining them.
#[test]
fn a_tab_typed_in_a_note_is_a_space() {
    let mut app = drill();
    press(&mut app, &[key(KeyCode::Esc), ch('n'), ch('a'), key(KeyCode::Tab), ch('b')], at(1_000));
    let cmds = app.update(Msg::Key(key(KeyCode::Enter)), at(2_000));
    assert_eq!(notes(&cmds), vec!["a b".to_owned()]);
}

/// A note kept with esc, then the last step completed: the debrief opens
/// and the draft is journaled as an unsent note, never dropped.
#[test]
fn a_draft_kept_with_esc_is_journaled_when_the_last_step_ends() {
    let mut app = drill();
    press(&mut app, &[ch('n')], at(1_000));
    typed(&mut app, "kept with esc", at(1_000));
    press(&mut app, &[key(KeyCode::Esc)], at(2_000));
    let mut cmds = Vec::new();
    for t in 1..=5 {
        cmds.extend(common::screen::complete_unchecked(&mut app, at(t * 60_000)));
    }
    assert!(format!("{}", draw(&app, 80, 24).backend()).contains("DEBRIEF"), "the debrief is open");
    assert_eq!(notes(&cmds), vec!["unsent note: kept with esc".to_owned()]);
}

#[test]
fn no_key_acts_while_the_terminal_is_too_small() {
    let mut app = drill();
    app.update(Msg::Resize(39, 11), at(0));
    for k in [ch(' '), key(KeyCode::Enter), ch('y'), ch('n')] {
        assert!(app.update(Msg::Key(k), at(1_000)).is_empty(), "{k:?} acted blind");
    }
    app.update(Msg::Resize(80, 24), at(2_000));
    assert_eq!(appended(&app.update(Msg::Key(ch(' ')), at(3_000))).len(), 1, "keys work again once it fits");
}

#[test]
fn a_pasted_line_break_is_a_space_in_a_one_line_field() {
    let mut app = drill();
    press(&mut app, &[ch('n')], at(1_000));
    // A terminal sends a pasted CRLF as two carriage returns: still one space.
    app.update(Msg::Paste("first\r\nsecond\r\rthird".into()), at(1_000));
    let cmds = app.update(Msg::Key(key(KeyCode::Enter)), at(2_000));
    assert_eq!(
        appended(&cmds),
        vec![firedrill::core::event::EventKind::NoteAdded { text: "first second third".into(), happened_at: None }]
    );
}

fn incident() -> App {
    let start = Start::Session {
        loaded: Box::new(common::loaded("runbooks/restore-backup.toml")),
        mode: Mode::Incident,
        roles: Some(Roles::new("Ana", "Ana", "Ana")),
        live_commands: false,
        out: None,
    };
    App::new(start, Keymap::default_keys(), THEME, at(0)).0
}

#[test]
fn incident_screen_decides_first_and_leads_with_the_wall_clock() {
    let mut app = incident();
    snap("incident_decide", &app);
    // At the smallest size the three options and the keys to press stay.
    let small = format!("{}", draw(&app, 40, 12).backend());
    for must in ["1 roll back", "2 fix forward", "3 restore data", "press 1, 2 or 3"] {
        assert!(small.contains(must), "{must:?} missing at 40x12: {small}");
    }
    press(&mut app, &[ch('3')], at(2_000));
    app.update(Msg::Tick, at(25 * 60_000));
    snap("incident_update_due_soon", &app);
    let screen = format!("{}", draw(&app, 120, 40).backend());
    assert!(screen.contains("decision: restore data"), "{screen}");
    assert!(screen.contains("first update 14:30 UTC in 05:00 ▲"), "{screen}");
    assert!(
        screen.contains("· restore  driver   25:00"),
        "the restore step takes the runbook's restore time: {screen}"
    );
    app.update(Msg::Tick, at(31 * 60_000));
    assert!(format!("{}", draw(&app, 120, 40).backend()).contains("✖ OVERDUE by 01:00"));
}

#[test]
fn the_update_editor_opens_with_a_can_draft() {
    let mut app = incident();
    press(&mut app, &[ch('1'), ch(' '), ch('j'), key(KeyCode::Enter)], at(60_000));
    typed(&mut app, "prod-2026-11-12.3", at(60_500));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)], at(61_000));
    press(&mut app, &[ch('u')], at(120_000));
    snap("incident_update_editor", &app);
    let cmds = app.update(Msg::Key(ctrl('s')), at(130_000));
    let posted = appended(&cmds);
    assert!(
        matches!(&posted[..], [firedrill::core::event::EventKind::StatusPosted { text, .. }] if text.starts_with("Condition: invoices table row count reported; live: prod-2026-11-12.3 (as named); decision: roll back; now at step 2/5 freeze") && text.ends_with("Next update at 14:32 UTC.")),
        "{posted:?}"
    );
}

#[test]
fn the_kill_switch_ledger_restores_and_waives() {
    let mut app = drill();
    for t in 1..=3 {
        common::screen::complete_unchecked(&mut app, at(t * 1_000));
    }
    press(&mut app, &[ch(' '), ch('f')], at(5_000));
    snap("flags_ledger", &app);
    press(&mut app, &[ch('w')], at(6_000));
    typed(&mut app, "stays off until the fix ships", at(6_000));
    let cmds = app.update(Msg::Key(key(KeyCode::Enter)), at(7_000));
    assert!(matches!(
        &appended(&cmds)[..],
        [firedrill::core::event::EventKind::FlagChanged { state: firedrill::core::switch::FlagState::Waived, reason: Some(r), .. }] if &**r == "stays off until the fix ships"
    ));
    // The waived row is longer than the box and wraps: the box grows with
    // it, so the legend's last words are still shown (they were cut).
    for (w, h) in [(80, 24), (160, 48)] {
        let s = common::screen::screen(&app, w, h);
        assert!(s.contains("left safe"), "{w}x{h}: {s}");
        assert!(s.contains("a key press only."), "{w}x{h}: the legend is whole: {s}");
    }
}

#[test]
fn a_posted_update_goes_to_notify_and_a_failure_is_shown_and_recorded() {
    let start = Start::Session {
        loaded: Box::new(common::loaded("tests/fixtures/incident-fast.toml")),
        mode: Mode::Incident,
        roles: Some(Roles::new("Ana", "Ben", "Cy")),
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    // Its runbook sets no severity: SEV2, then roll back, then the update.
    press(&mut app, &[ch('2'), ch('1'), ch('u')], at(1_000));
    let cmds = app.update(Msg::Key(ctrl('s')), at(2_000));
    let seq = cmds
        .iter()
        .find_map(|c| match c {
            firedrill::tui::app::Cmd::Notify { seq, argv, text, redactor } => {
                assert_eq!(argv[0], "sh");
                assert!(text.starts_with("Condition:"));
                // What notify prints is hidden with the runbook's patterns too.
                assert_eq!(redactor.apply("acct-123456 ghp_0123456789abcdefghijABCDEFGHIJ"), "[redacted] [redacted]");
                Some(*seq)
            }
            _ => None,
        })
        .expect("the update is handed to notify");
    let cmds = app.update(Msg::Delivered { seq, result: Err("chat API 503".into()) }, at(3_000));
    assert_eq!(
        appended(&cmds),
        vec![firedrill::core::event::EventKind::UpdateDelivered {
            update: seq,
            delivered: false,
            detail: "chat API 503".into()
        }]
    );
    assert!(format!("{}", draw(&app, 100, 30).backend()).contains("status update not delivered: chat API 503"));
}

#[test]
fn an_incident_debrief_shows_the_impact_fields() {
    let mut app = incident();
    press(&mut app, &[ch('1')], at(1_000));
    for t in 2..=6 {
        common::screen::complete_unchecked(&mut app, at(t * 1_000));
    }
    let big = format!("{}", draw(&app, 120, 40).backend());
    assert!(big.contains("users affected") && big.contains("duration of impact"), "{big}");
    // On a short terminal the focused field is drawn alone, with its place.
    for _ in 0..4 {
        press(&mut app, &[key(KeyCode::Tab)], at(7_000));
    }
    let small = format!("{}", draw(&app, 80, 24).backend());
    assert!(small.contains("field 5/14") && small.contains("users affected"), "{small}");
}

#[test]
fn a_secret_rotation_is_recorded_and_verify_names_the_uncovered_signals() {
    let mut app = drill();
    press(&mut app, &[ch('c')], at(5_000));
    typed(&mut app, "DB_PASSWORD=hunter2; app", at(5_000));
    press(&mut app, &[key(KeyCode::Enter)], at(5_000));
    let s = draw(&app, 80, 24).backend().to_string();
    assert!(s.contains("that looks like a value"), "refused, the text kept to mend: {s}");
    for _ in 0.."DB_PASSWORD=hunter2; app".len() {
        press(&mut app, &[key(KeyCode::Backspace)], at(6_000));
    }
    typed(&mut app, "FLAGCTL_TOKEN; app, CI", at(6_000));
    press(&mut app, &[key(KeyCode::Enter)], at(6_000));
    let s = draw(&app, 80, 24).backend().to_string();
    assert!(s.contains("secret rotation recorded"), "{s}");
    // Through to the verify step, leaving items open (y confirms each).
    for n in 0..4 {
        common::screen::complete_unchecked(&mut app, at(10_000 + n * 1_000));
    }
    let s = draw(&app, 80, 24).backend().to_string();
    assert!(s.contains("VERIFY") && s.contains("▲ no check: errors, latency, jobs"), "{s}");
    let narrow = draw(&app, 60, 40).backend().to_string();
    assert!(narrow.contains("▲ 3 signals without a check"), "{narrow}");
}
