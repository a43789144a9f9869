//! Inject cards on the drill screen, headless: a card shown at its time
//! and acknowledged with enter, `i` showing the next one, and a deck's
//! card whose effect is on the card and refuses the kill switch.

use crate::common;

use common::screen::{appended, drill_on, screen};
use common::{at, ch, key};
use crossterm::event::KeyCode;
use firedrill::core::event::EventKind;
use firedrill::keymap::KeyContext;
use firedrill::store::runbook_file;
use firedrill::tui::app::Msg;

#[test]
fn an_inject_card_shows_at_its_time_and_enter_acknowledges_it() {
    let mut app = drill_on(common::loaded("tests/fixtures/injects.toml"));
    app.update(Msg::Tick, at(29_000));
    assert!(!screen(&app, 80, 24).contains("CI is down"));
    let cmds = app.update(Msg::Tick, at(30_000));
    assert!(appended(&cmds).contains(&EventKind::InjectFired { index: 0 }), "{cmds:?}");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("CI is down") && shown.contains("plan B"), "{shown}");
    assert_eq!(app.context(), KeyContext::Notice, "the card is in front; the clock keeps running");
    let cmds = app.update(Msg::Key(key(KeyCode::Enter)), at(41_000));
    assert_eq!(appended(&cmds), vec![EventKind::InjectAcknowledged { index: 0 }]);
    assert_eq!(app.context(), KeyContext::Drill);
}

#[test]
fn the_facilitator_fires_the_next_card_with_i() {
    let mut app = drill_on(common::loaded("tests/fixtures/injects.toml"));
    let cmds = app.update(Msg::Key(ch('i')), at(5_000));
    assert!(appended(&cmds).contains(&EventKind::InjectFired { index: 0 }), "{cmds:?}");
    assert!(screen(&app, 80, 24).contains("CI is down"));
}

#[test]
fn a_decks_card_says_its_effect_and_the_kill_switch_then_refuses_to_go_off() {
    let mut loaded = common::onboarding();
    let deck = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decks/onboarding.toml");
    loaded.deck = Some(runbook_file::load_deck(&deck, &loaded.runbook).expect("deck"));
    let mut app = drill_on(loaded);
    let cmds = app.update(Msg::Tick, at(3_000));
    assert!(appended(&cmds).contains(&EventKind::InjectFired { index: 0 }), "the deck's first card: {cmds:?}");
    let card = screen(&app, 80, 24);
    assert!(card.contains("The flag service is unreachable"), "{card}");
    assert!(card.contains("▸ the kill switch onboarding_v2 cannot be turned off"), "{card}");
    app.update(Msg::Key(key(KeyCode::Enter)), at(5_000));
    app.update(Msg::Key(ch('f')), at(6_000));
    assert!(screen(&app, 80, 24).contains("◆ stuck (inject card)"));
    let cmds = app.update(Msg::Key(ch('o')), at(7_000));
    assert!(appended(&cmds).is_empty(), "refused: nothing journaled");
    let refused = screen(&app, 80, 24);
    assert!(refused.contains("onboarding_v2 cannot be turned off: The flag service is"), "{refused}");
}

#[test]
fn a_card_due_behind_an_open_prompt_is_shown_and_journaled_when_the_prompt_closes() {
    let mut app = drill_on(common::loaded("tests/fixtures/injects.toml"));
    app.update(Msg::Key(ch('n')), at(29_000));
    let cmds = app.update(Msg::Tick, at(30_000));
    assert!(appended(&cmds).is_empty(), "nobody could read it yet: {cmds:?}");
    let cmds = app.update(Msg::Key(key(KeyCode::Esc)), at(35_000));
    let fired: Vec<u64> = cmds
        .iter()
        .filter_map(|c| match c {
            firedrill::tui::app::Cmd::Append(e) if e.kind == EventKind::InjectFired { index: 0 } => Some(e.t_ms),
            _ => None,
        })
        .collect();
    assert_eq!(fired, vec![35_000], "shown, and so journaled, once the prompt closed");
    assert!(screen(&app, 80, 24).contains("CI is down"));
}
