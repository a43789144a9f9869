//! Review over the repository's `drills/` folder: real saved sessions made
//! by running drills. The list, one postmortem, the trends (snapshots), the
//! JSON for dashboards, and the splits and promises the later drills carry.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{ch, key};
use crossterm::event::KeyCode;
use firedrill::keymap::Keymap;
use firedrill::store::review::scan;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Cmd, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn drills() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("drills")
}

fn app() -> App {
    let scanned = scan(&drills(), None)
        .into_iter()
        .map(|mut s| {
            s.path = Path::new("drills").join(s.path.file_name().expect("name"));
            s
        })
        .collect();
    App::new(
        Start::Review { scanned, preflights: Vec::new(), dir: "drills".into() },
        Keymap::default_keys(),
        THEME,
        common::at(0),
    )
    .0
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| app.render(f)).expect("draw");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

#[test]
fn the_folder_lists_newest_first() {
    let scanned = scan(&drills(), None);
    let summaries: Vec<_> = scanned.iter().filter_map(|s| s.summary.as_ref().ok()).collect();
    assert!(summaries.len() >= 4, "the bundled drills read back");
    assert!(summaries.windows(2).all(|w| w[0].started_at >= w[1].started_at));
    assert!(scanned.iter().all(|s| s.summary.is_ok()), "every bundled file is readable");
}

#[test]
fn list_session_and_trend_views() {
    let mut app = app();
    snap("review_list", &app);
    // Open the newest onboarding drill's postmortem: the screen asks for the file.
    app.update(Msg::Key(ch('j')), common::at(0));
    app.update(Msg::Key(ch('j')), common::at(0));
    let cmds = app.update(Msg::Key(key(KeyCode::Enter)), common::at(0));
    let path = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::ReadFile(p) => Some(p.clone()),
            _ => None,
        })
        .expect("the postmortem is read off the event loop");
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).expect("postmortem");
    app.update(Msg::FileRead(path, Ok(text)), common::at(0));
    snap("review_session", &app);
    app.update(Msg::Key(key(KeyCode::Esc)), common::at(0));
    app.update(Msg::Key(ch('t')), common::at(0));
    snap("review_trends", &app);
}

#[test]
fn filters_and_search_narrow_the_list() {
    let mut app = app();
    app.update(Msg::Key(ch('/')), common::at(0));
    for c in "schema".chars() {
        app.update(Msg::Key(ch(c)), common::at(0));
    }
    app.update(Msg::Key(key(KeyCode::Enter)), common::at(0));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    let screen = format!("{}", term.backend());
    assert!(screen.contains("Order status contract"), "{screen}");
    assert!(!screen.contains("Onboarding release broke"), "{screen}");
}

#[test]
fn json_gives_one_object_per_session() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_firedrill")).args(["review", "--json"]).arg(drills()).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(lines.len() >= 4);
    for l in &lines {
        assert_eq!(l["kind"], "session", "{l}");
        for field in
            ["session_id", "runbook", "mode", "outcome", "total_ms", "timebox_ms", "roles", "steps", "name_live_ms"]
        {
            assert!(l.get(field).is_some(), "{field} missing in {l}");
        }
        // Each step counts its items by evidence; the sample drills' ticks are key presses.
        for step in l["steps"].as_array().expect("steps") {
            assert!(step["items_claimed"].is_u64(), "{step}");
            let measured = step["items_measured"].as_u64().expect("items_measured");
            assert!(measured == 0 || step["measured"] == true || step["actual_ms"].is_null(), "{step}");
        }
    }
    let claimed: u64 = lines
        .iter()
        .flat_map(|l| l["steps"].as_array().into_iter().flatten())
        .map(|s| s["items_claimed"].as_u64().unwrap_or(0))
        .sum();
    assert!(claimed > 0, "the sample drills' ticks are counted as claimed");
}

#[test]
fn later_drills_carry_splits_and_last_times_promises() {
    let mut onboarding: Vec<PathBuf> = fs::read_dir(drills())
        .expect("drills")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.to_string_lossy().contains("onboarding"))
        .filter(|p| !p.to_string_lossy().ends_with(".timeline.md"))
        .collect();
    onboarding.sort();
    assert!(onboarding.len() >= 3);
    let first = fs::read_to_string(&onboarding[0]).expect("first");
    let last = fs::read_to_string(onboarding.last().expect("last")).expect("last");
    assert!(!first.contains("## Splits"), "the first drill has nothing to compare with");
    assert!(
        last.contains("## Splits") && last.contains("| Step | This drill | Previous | Best | vs previous | vs best |")
    );
    assert!(last.contains("## Promised last time"), "{last}");
}

#[test]
fn page_down_scrolls_a_page_and_help_says_what_enter_does() {
    let mut app = app();
    app.update(Msg::Resize(80, 24), common::at(0));
    app.update(Msg::Key(ch('?')), common::at(0));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    let help = format!("{}", term.backend());
    assert!(help.contains("open the selected session's postmortem"), "{help}");
    app.update(Msg::Key(key(KeyCode::Esc)), common::at(0));
    let cmds = app.update(Msg::Key(key(KeyCode::Enter)), common::at(0));
    let path = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::ReadFile(p) => Some(p.clone()),
            _ => None,
        })
        .expect("read");
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).expect("postmortem");
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    app.update(Msg::FileRead(path, Ok(text)), common::at(0));
    let top = |app: &App| {
        let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        term.draw(|f| app.render(f)).expect("draw");
        let buf = term.backend().buffer().clone();
        (0..buf.area.width).map(|x| buf[(x, 3)].symbol().to_owned()).collect::<String>()
    };
    let first = top(&app);
    app.update(Msg::Key(key(KeyCode::PageDown)), common::at(0));
    let paged = top(&app);
    assert_ne!(first, paged);
    app.update(Msg::Key(key(KeyCode::PageUp)), common::at(0));
    assert_eq!(top(&app), first, "page up returns to the top");
    assert!(lines.len() > 19, "the postmortem is longer than a page");
    for _ in 0..200 {
        app.update(Msg::Key(key(KeyCode::PageDown)), common::at(0));
    }
    let end = top(&app);
    assert!(!end.trim_matches(|c: char| c == '│' || c.is_whitespace()).is_empty(), "no blank page past the end");
    app.update(Msg::Key(key(KeyCode::PageUp)), common::at(0));
    assert_ne!(top(&app), end, "the scroll stopped at the last page: one page up moves back at once");
}

#[test]
fn a_drill_with_a_deck_is_its_own_group_and_its_trends_show_the_cards_it_faced() {
    let mut scanned = scan(&drills(), None);
    let mut decked = scanned
        .iter()
        .find(|s| s.summary.as_ref().is_ok_and(|x| x.runbook == "onboarding-signup"))
        .cloned()
        .expect("an onboarding drill");
    if let Ok(sum) = &mut decked.summary {
        sum.session_id = "with-a-deck".into();
        sum.started_at += chrono::Duration::days(30);
        sum.deck = Some("Q4 surprises".into());
        sum.injects = vec![firedrill::core::review::Faced {
            title: "CI is down".into(),
            from_deck: true,
            shown_ms: 3_000,
            ack_ms: Some(2_000),
        }];
    }
    scanned.insert(0, decked);
    let mut app = App::new(
        Start::Review { scanned: scanned.into(), preflights: Vec::new(), dir: "drills".into() },
        Keymap::default_keys(),
        THEME,
        common::at(0),
    )
    .0;
    let draw = |app: &App| {
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        term.draw(|f| app.render(f)).expect("draw");
        format!("{}", term.backend())
    };
    let list = draw(&app);
    assert!(list.contains("drill ◆") && list.contains("sign-ups ◆ Q4"), "the deck is marked:\n{list}");
    app.update(Msg::Key(ch('t')), common::at(0));
    let trends = draw(&app);
    assert!(trends.contains("1 verified drill with the deck Q4 surprises"), "compared only with its deck:\n{trends}");
    assert!(trends.contains("◆ CI is down (00:02)"), "{trends}");
    app.update(Msg::Key(key(KeyCode::Esc)), common::at(0));
    // Past the restore incident (t shows it beside the drills) to a drill.
    app.update(Msg::Key(ch('j')), common::at(0));
    app.update(Msg::Key(ch('j')), common::at(0));
    app.update(Msg::Key(ch('t')), common::at(0));
    assert!(draw(&app).contains("without a deck"), "{}", draw(&app));
    app.update(Msg::Key(key(KeyCode::Esc)), common::at(0));
    // The runbook filter steps through groups: the deck's is one of them.
    let mut seen = Vec::new();
    for _ in 0..6 {
        app.update(Msg::Key(ch('r')), common::at(0));
        seen.push(draw(&app).lines().nth(1).unwrap_or_default().to_owned());
    }
    assert!(seen.iter().any(|l| l.contains("runbook onboarding-signup + Q4 surprises")), "{seen:?}");
}

/// The practice range's sessions: a live-fire drill (kill switch step
/// skipped), a dry drill, then the incident, recorded with tmux.
fn versus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versus")
}

#[test]
fn an_incident_beside_the_drills_at_three_sizes() {
    let scanned = scan(&versus_dir(), None);
    let start = Start::Review { scanned: scanned.into(), preflights: Vec::new(), dir: "tests/fixtures/versus".into() };
    let mut app = App::new(start, Keymap::default_keys(), THEME, common::at(0)).0;
    // Newest first: the incident is the first row; t shows it beside the drills.
    app.update(Msg::Key(ch('t')), common::at(0));
    for (w, h) in [(40, 12), (80, 24), (160, 48)] {
        app.update(Msg::Resize(w, h), common::at(0));
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| app.render(f)).expect("draw");
        let screen = format!("{}", term.backend());
        insta::assert_snapshot!(format!("review_versus_{w}x{h}"), screen);
        assert!(screen.contains("INCIDENT vs DRILLS") && screen.contains("▼0:05"), "{screen}");
        if w >= 80 {
            for line in
                ["freeze     00:11     00:07     ▲0:04     ✖ never: no check", "disable: done in dry drills only"]
            {
                assert!(screen.contains(line), "{line:?} at {w}x{h}: {screen}");
            }
        } else {
            assert!(screen.contains("▼ more: pagedown"), "{screen}");
        }
    }
    // At 40x12 the rest is a page or two below (drawn first, as the loop does).
    app.update(Msg::Resize(40, 12), common::at(0));
    let mut term = Terminal::new(TestBackend::new(40, 12)).expect("terminal");
    for _ in 0..4 {
        term.draw(|f| app.render(f)).expect("draw");
        app.update(Msg::Key(key(KeyCode::PageDown)), common::at(0));
    }
    term.draw(|f| app.render(f)).expect("draw");
    let end = format!("{}", term.backend());
    assert!(end.contains("disable: done in dry") && !end.contains("▼ more"), "{end}");
    // A drill's row still opens its runbook's trends.
    app.update(Msg::Key(key(KeyCode::Esc)), common::at(0));
    app.update(Msg::Key(ch('j')), common::at(0));
    app.update(Msg::Key(ch('t')), common::at(0));
    term.draw(|f| app.render(f)).expect("draw");
    assert!(format!("{}", term.backend()).contains("TRENDS"));
}

#[test]
fn json_sets_an_incident_beside_the_drills() {
    let out = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .args(["review", "--json"])
        .arg(versus_dir())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let incident = lines.iter().find(|l| l["mode"] == "incident").expect("the incident");
    let p = &incident["practice"];
    assert_eq!((p["drills"].as_u64(), p["timed"].as_u64()), (Some(2), Some(1)), "{p}");
    let steps: Vec<(String, String, Option<u64>)> = p["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| (s["step"].to_string(), s["practice"].to_string(), s["drills_median_ms"].as_u64()))
        .collect();
    let want = [
        ("\"trigger\"", "\"practised\"", Some(21_058)),
        ("\"freeze\"", "\"no_check\"", Some(7_131)),
        ("\"revert\"", "\"practised\"", Some(12_469)),
        ("\"disable_flags\"", "\"dry\"", None),
        ("\"verify\"", "\"practised\"", Some(5_075)),
    ];
    let want: Vec<(String, String, Option<u64>)> =
        want.iter().map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), *c)).collect();
    assert_eq!(steps, want);
    assert!(lines.iter().filter(|l| l["mode"] == "drill").all(|l| l["practice"].is_null()), "null for a drill");
}
