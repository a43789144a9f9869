//! The same-day update on the saved screen: the proposal is shown with its
//! diff's path, `a` asks "(y/n)" before anything changes, `y` asks the loop
//! to apply it and the check's answer is shown; and the home screen's `c`
//! writes the selected runbook's drill card beside it.

use crate::common;

use common::{at, ch, ctrl, key, onboarding};
use crossterm::event::KeyCode;
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::KeyContext;
use firedrill::keymap::Keymap;
use firedrill::store::proposal::Proposed;
use firedrill::store::save::Saved;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Cmd, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| app.render(f)).expect("draw");
    format!("{}", term.backend())
}

/// A drill of the onboarding runbook, finished and saved with a proposal.
fn saved_with_proposal() -> App {
    let mut app = common::screen::drill_on(onboarding());
    for t in 1..=5 {
        common::screen::complete_unchecked(&mut app, at(t * 60_000));
    }
    let typed = |app: &mut App, text: &str| {
        for c in text.chars() {
            app.update(Msg::Key(ch(c)), at(400_000));
        }
    };
    typed(&mut app, "The deploy job needed a manual approval");
    app.update(Msg::Key(key(KeyCode::Tab)), at(400_000));
    typed(&mut app, "Pre-approve rollback deploys");
    for k in [key(KeyCode::Tab), key(KeyCode::Left)] {
        app.update(Msg::Key(k), at(400_000));
    }
    let cmds = app.update(Msg::Key(ctrl('s')), at(400_000));
    assert!(cmds.iter().any(|c| matches!(c, Cmd::Save { .. })), "{cmds:?}");
    let proposed = Proposed {
        lines: vec!["trigger: target 2m was missed by more than half (04:10): set it to 4m".into()],
        runbook: "runbooks/onboarding-signup.toml".into(),
        session_id: "s".into(),
        before: String::new(),
        after: String::new(),
        redact: Vec::new(),
    };
    let dir = "/tmp/out/2026-11-23T1400Z-onboarding-signup";
    let paths = ["md", "runbook.diff", "jsonl"].iter().map(|e| format!("{dir}.{e}").into()).collect();
    app.update(Msg::Saved(Box::new(Saved { paths, proposal: Ok(Some(proposed)) })), at(401_000));
    app
}

#[test]
fn the_saved_screen_shows_the_proposal_and_applies_it_only_after_yes() {
    let mut app = saved_with_proposal();
    insta::assert_snapshot!("saved_proposal_80x24", screen(&app, 80, 24));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("set it to 4m") && shown.contains("onboarding-signup.runbook.diff"), "{shown}");
    assert!(shown.contains("a applies it to runbooks/onboarding-signup.toml (asks first)"), "{shown}");
    assert!(app.update(Msg::Key(ch('a')), at(402_000)).is_empty(), "a only asks");
    assert_eq!(app.context(), KeyContext::Confirm);
    assert!(screen(&app, 80, 24).contains("Apply it to runbooks/onboarding-signup.toml now? (y/n)"));
    assert!(app.update(Msg::Key(ch('n')), at(403_000)).is_empty(), "n changes nothing");
    assert_eq!(app.context(), KeyContext::Saved);
    app.update(Msg::Key(ch('a')), at(404_000));
    let cmds = app.update(Msg::Key(ch('y')), at(405_000));
    let want = std::path::PathBuf::from("/tmp/out/2026-11-23T1400Z-onboarding-signup.runbook.diff");
    assert!(matches!(cmds.as_slice(), [Cmd::ApplyProposal(p)] if *p == want), "{cmds:?}");
    assert!(app.update(Msg::Key(ch('y')), at(405_500)).is_empty(), "applied once");
    let check = vec!["runbooks/onboarding-signup.toml: ok (0 warnings)".to_owned()];
    app.update(Msg::ProposalApplied(Ok(check)), at(406_000));
    insta::assert_snapshot!("saved_proposal_applied_80x24", screen(&app, 80, 24));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("✓ applied to runbooks/onboarding-signup.toml; firedrill check says:"), "{shown}");
    assert!(shown.contains("runbooks/onboarding-signup.toml: ok (0 warnings)"), "{shown}");
}

#[test]
fn the_home_screen_writes_the_card_of_the_selected_runbook() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks");
    let entries = firedrill::store::runbook_file::list(&dir);
    let first = entries[0].path.clone();
    let start = Start::Home { unfinished: Vec::new(), entries, runbooks_dir: Some(dir), out: None };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    assert!(screen(&app, 80, 24).contains("c card"), "the hint line offers the card");
    let cmds = app.update(Msg::Key(ch('c')), at(0));
    assert!(matches!(cmds.as_slice(), [Cmd::WriteCard(p)] if *p == first), "{cmds:?}");
    app.update(Msg::CardWritten(Ok(("runbooks/onboarding-signup.card.md".into(), 54))), at(0));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("the card (54 lines) is in") && shown.contains("runbooks/onboarding-signup.card.md"),
        "{shown}"
    );
    app.update(Msg::Key(key(KeyCode::Esc)), at(0));
    assert_eq!(app.context(), KeyContext::Home);
}

#[test]
fn the_saved_screen_compares_a_restore_with_the_restore_time() {
    let start = Start::Session {
        loaded: Box::new(common::loaded("runbooks/restore-backup.toml")),
        mode: Mode::Drill,
        roles: Some(Roles::new("Ana", "Ben", "Cy")),
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    let mut press = |keys: &[crossterm::event::KeyEvent], ms: u64| {
        for k in keys {
            app.update(Msg::Key(*k), at(ms));
        }
    };
    press(&[ch('3')], 0);
    press(&[key(KeyCode::Enter), ch('y')], 60_000);
    press(&[key(KeyCode::Enter), ch('y')], 120_000);
    // Step 3 started at 2:00; the restore item (the second) is checked 30:00 later.
    press(&[ch('j'), ch(' ')], 1_920_000);
    for t in [1_930_000, 1_940_000, 1_950_000] {
        press(&[key(KeyCode::Enter), ch('y')], t);
    }
    press(&[ch('x'), key(KeyCode::Tab), ch('y'), key(KeyCode::Tab), key(KeyCode::Left)], 1_960_000);
    press(&[ctrl('s')], 1_960_000);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("✖ restore took 30:00 against a restore time of 25:00: over by 05:00"), "{shown}");
}
