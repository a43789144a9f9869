//! The layers over a screen are one stack: the one on top takes the keys,
//! names the keymap context and closes back to the one under it.

use crossterm::event::KeyCode;
use firedrill::keymap::KeyContext;
use firedrill::tui::app::Msg;

use crate::common::screen::{drill_on, screen};
use crate::common::{at, ch, key, onboarding};

#[test]
fn the_layer_on_top_takes_the_keys_and_closes_to_the_one_under_it() {
    let mut app = drill_on(onboarding());
    assert_eq!(app.context(), KeyContext::Drill);
    app.update(Msg::Key(ch('f')), at(1_000));
    assert_eq!(app.context(), KeyContext::Flags, "the ledger opens over the drill");
    // `j` moves in the ledger, not on the checklist under it.
    app.update(Msg::Key(ch('j')), at(1_100));
    assert_eq!(app.context(), KeyContext::Flags);
    app.update(Msg::Key(key(KeyCode::Esc)), at(1_200));
    assert_eq!(app.context(), KeyContext::Drill, "closing the ledger shows the drill again");
    app.update(Msg::Key(ch('?')), at(1_300));
    assert_eq!(app.context(), KeyContext::Help);
    assert!(screen(&app, 80, 24).contains("keys"), "help is drawn:\n{}", screen(&app, 80, 24));
    app.update(Msg::Key(ch('q')), at(1_400));
    assert_eq!(app.context(), KeyContext::Drill, "q closes help, it does not open the quit menu");
    app.update(Msg::Key(ch('q')), at(1_500));
    assert_eq!(app.context(), KeyContext::QuitMenu, "q on the drill opens the quit menu");
    app.update(Msg::Key(key(KeyCode::Esc)), at(1_600));
    assert_eq!(app.context(), KeyContext::Drill, "esc closes the quit menu");
}

#[test]
fn last_times_promise_takes_no_key_typed_ahead_of_it() {
    let history =
        firedrill::store::review::history(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("drills"), None);
    let mut app = drill_on(onboarding());
    app.update(Msg::History(history), at(0));
    assert_eq!(app.context(), KeyContext::Followup, "the bundled drills promised something");
    // A `y` typed ahead, meant for what came before, answers nothing.
    let early = crate::common::screen::appended(&app.update(Msg::Key(ch('y')), at(100)));
    assert!(early.is_empty() && app.context() == KeyContext::Followup, "typed ahead, dropped: {early:?}");
    // Nor the keys of someone still typing, a key every 800 ms: a `y` in a
    // word meant for a note once answered "done?" (a walk found it).
    for t in [900, 1_700, 2_500] {
        let typing = crate::common::screen::appended(&app.update(Msg::Key(ch('y')), at(t)));
        assert!(typing.is_empty() && app.context() == KeyContext::Followup, "mid-typing, dropped: {typing:?}");
    }
    let answered = crate::common::screen::appended(&app.update(Msg::Key(ch('y')), at(3_600)));
    assert!(
        answered.iter().any(|e| matches!(e, firedrill::core::event::EventKind::FollowedUp { done: true, .. })),
        "a key after it settled answers: {answered:?}"
    );
}
