//! A live-fire drill on the practice range: at verify, with the kill
//! switch still safe, enter opens the ledger, and restoring the switch by
//! its command (measured: it reads `on` again) completes the step once the
//! command has passed, as restoring by a key press does.

use crate::common;

use common::range::{Range, name_live_and_mitigate, session};

#[test]
fn restoring_the_last_switch_by_its_command_completes_verify() {
    let range = Range::new();
    range.ok(&["practice", "start"]);
    range.ok(&["practice", "break"]);
    let runbook = concat!(env!("CARGO_MANIFEST_DIR"), "/runbooks/practice.toml");
    let mut app = session(&range, &["drill", runbook, "--live-commands", "--solo", "Ana"]);
    app.wait_for("approve this runbook's commands?");
    app.send(b"y");
    app.wait_for("Decide first");
    app.send(b"1");
    name_live_and_mitigate(&app);
    app.send(b"\x1b");
    app.wait_for("health ✓");
    app.send(b"\ry");
    app.wait_for("step 3/5 REVERT");
    app.send(b"jjr");
    app.wait_for("Run it? (y/n)");
    app.send(b"y");
    app.wait_for("[x] Redeploy");
    app.send(b"\ry\ry");
    app.wait_for("step 5/5 VERIFY");
    app.send(b"R");
    app.wait_for("2/2 checked");
    // Enter with the switch still safe opens the ledger; `r` runs the
    // restore command, and its pass completes the step.
    app.send(b"\r");
    app.wait_for("kill switches");
    app.send(b"r");
    app.wait_for("DEBRIEF");
    assert_eq!(range.ok(&["practice", "flag", "onboarding_v2"]), "on\n", "the switch file really changed back");
    app.send(b"\x13");
    app.wait_for("written");
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);
    let md = common::postmortem_in(&range.tmp.path().join("out"));
    assert!(
        md.contains("`onboarding_v2`: restored (on) (measured by `firedrill practice flag onboarding_v2 on`"),
        "{md}"
    );
}
