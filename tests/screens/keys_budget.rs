//! The key budget of docs/keys.md, replayed: each journey's table is typed
//! into the real event loop, key by key; the journey must end where the
//! page says, every key it calls a tick must record a fact (and no other
//! key may), and the counts and budgets must hold.

use crate::common;

use common::{at, ch, ctrl, key, loaded};
use crossterm::event::{KeyCode, KeyEvent};
use firedrill::core::event::{EventKind, Mode};
use firedrill::core::roles::Roles;
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::app::{App, Cmd, Msg};
use firedrill::tui::{Now, Start};

/// One row of a journey's table: the key (or typed text) and its kind.
struct Press {
    key: String,
    kind: String,
}

/// A journey of docs/keys.md.
struct Journey {
    title: String,
    runbook: String,
    mode: Mode,
    roles: Roles,
    presses: Vec<Press>,
    ends_on: String,
    /// keys, ticks, runs, overhead, as the page states them.
    stated: [usize; 4],
}

/// The text between the first pair of backticks in `s` after `from`.
fn quoted(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

fn journeys() -> Vec<Journey> {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md")).expect("docs/keys.md");
    page.split("\n## ")
        .skip(1)
        .map(|section| {
            let title = section.lines().next().unwrap_or_default().to_owned();
            let runbook = section.split('`').find(|w| w.starts_with("runbooks/")).expect("a runbook").to_owned();
            let mode = if title.starts_with("Incident") { Mode::Incident } else { Mode::Drill };
            let flag = |name: &str| {
                let at = section.find(&format!("--{name} ")).expect("the roles") + name.len() + 3;
                section[at..].split(|c: char| c.is_whitespace() || c == '`').next().unwrap_or_default().to_owned()
            };
            let roles = Roles::new(&flag("driver"), &flag("communicator"), &flag("verifier"));
            let presses = section
                .lines()
                .filter(|l| l.starts_with("| `"))
                .map(|l| Press {
                    key: quoted(l).expect("a key").to_owned(),
                    kind: l.split('|').nth(2).expect("a kind").trim().to_owned(),
                })
                .collect();
            let ends = section.lines().find(|l| l.starts_with("Ends on: ")).expect("an end line");
            let ends_on = ends["Ends on: ".len()..].split('.').next().unwrap_or_default().to_owned();
            let numbers: Vec<usize> =
                ends.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
            let stated = [numbers[0], numbers[1], numbers[2], numbers[3]];
            Journey { title, runbook, mode, roles, presses, ends_on, stated }
        })
        .collect()
}

fn key_of(name: &str) -> KeyEvent {
    match name {
        "space" => ch(' '),
        "enter" => key(KeyCode::Enter),
        "esc" => key(KeyCode::Esc),
        "tab" => key(KeyCode::Tab),
        n if n.starts_with("ctrl-") => ctrl(n.chars().last().expect("a letter")),
        n if n.chars().count() == 1 => ch(n.chars().next().expect("a char")),
        n => panic!("unknown key {n:?} in docs/keys.md"),
    }
}

/// True for an event that records a fact a tick stands for.
fn is_fact(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::ItemToggled { checked: true, .. }
            | EventKind::LiveNamed { .. }
            | EventKind::RevertedTo { .. }
            | EventKind::FlagChanged { .. }
    )
}

fn play(j: &Journey) -> (App, Vec<String>) {
    let start = Start::Session {
        loaded: Box::new(loaded(&j.runbook)),
        mode: j.mode,
        roles: Some(j.roles.clone()),
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    let mut trace = Vec::new();
    for (n, p) in j.presses.iter().enumerate() {
        // A second apart: a person reading the screen between keys.
        let now: Now = at(1_000 * (n as u64 + 1));
        let keys: Vec<KeyEvent> =
            if p.kind == "typed" { p.key.chars().map(ch).collect() } else { vec![key_of(&p.key)] };
        let cmds: Vec<Cmd> = keys.into_iter().flat_map(|k| app.update(Msg::Key(k), now)).collect();
        let facts = cmds.iter().filter(|c| matches!(c, Cmd::Append(e) if is_fact(&e.kind))).count();
        let runs = cmds.iter().filter(|c| matches!(c, Cmd::RunCommand { .. } | Cmd::RunJob { .. })).count();
        trace.push(format!(
            "{:>2} {:<8} {:<9} -> {:<8} facts {facts} runs {runs}",
            n + 1,
            p.key,
            p.kind,
            app.context()
        ));
        let ok = match p.kind.as_str() {
            "tick" => facts > 0,
            "run" => runs > 0,
            "typed" | "overhead" => facts == 0 && runs == 0,
            other => panic!("unknown kind {other:?}"),
        };
        assert!(ok, "{}: key {} is not what the page calls it:\n{}", j.title, n + 1, trace.join("\n"));
    }
    (app, trace)
}

#[test]
fn every_journey_of_the_page_is_true_and_within_its_budget() {
    let all = journeys();
    assert_eq!(all.len(), 3, "three journeys");
    for j in &all {
        let (app, trace) = play(j);
        assert_eq!(app.context().key(), j.ends_on, "{} ends elsewhere:\n{}", j.title, trace.join("\n"));
        let count = |kind: &str| j.presses.iter().filter(|p| p.kind == kind).count();
        let keys = j.presses.iter().filter(|p| p.kind != "typed").count();
        let counted = [keys, count("tick"), count("run"), count("overhead")];
        assert_eq!(counted, j.stated, "{}: the totals line says otherwise", j.title);
        let (most, most_overhead) = if j.mode == Mode::Incident { (30, 10) } else { (25, 8) };
        assert!(keys <= most && counted[3] <= most_overhead, "{}: {counted:?} over the budget", j.title);
    }
}
