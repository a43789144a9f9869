//! The config file: every broken fixture in `tests/fixtures/config/` fails
//! with exactly the message in its `.expected` file; a valid one is shown by
//! `config --print` with each value's source; a key override changes both
//! what the key does and what the help overlay says.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{at, ch, onboarding};
use firedrill::config::Config;
use firedrill::core::event::{EventKind, Mode};
use firedrill::core::roles::Roles;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Cmd, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn firedrill(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let home = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_firedrill"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("FIREDRILL_CONFIG")
        .env_remove("FIREDRILL_DIR")
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run firedrill")
}

fn fixtures(ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

fn relative(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(p).display().to_string()
}

#[test]
fn broken_configs_fail_with_their_expected_messages() {
    let expected = fixtures("expected");
    assert!(expected.len() >= 5, "the broken fixtures are there");
    for exp in expected {
        let config = relative(&exp.with_extension("toml"));
        let o = firedrill(&["config", "--print", "--config", &config], &[]);
        let want = fs::read_to_string(&exp).expect("expected file");
        assert_eq!(o.status.code(), Some(1), "{config}");
        assert_eq!(String::from_utf8_lossy(&o.stderr), want, "{config}");
        assert!(o.stdout.is_empty(), "{config}");
    }
}

#[test]
fn a_broken_config_stops_a_session_before_the_terminal_is_touched() {
    let o = firedrill(
        &["drill", "runbooks/onboarding-signup.toml", "--config", "tests/fixtures/config/key-twice.toml"],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("key-twice.toml:2:10: keys.drill: key `s` is bound twice"));
}

#[test]
fn print_shows_each_value_with_its_source() {
    let o = firedrill(&["config", "--print", "--config", "tests/fixtures/config/valid.toml", "--out", "/o"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    for line in [
        "# config file: tests/fixtures/config/valid.toml (chosen by --config; read)",
        "runbooks = \"/srv/ops/runbooks\"  # from config line 2",
        "out = \"/o\"  # from --out",
        "update_every = \"15m\"  # from config line 4",
        "team = [\"Ana\", \"Ben\", \"Chen\"]  # from config line 5",
        "key = \"magenta bold\"  # from config line 8",
        "bad = \"white on red bold\"  # from config line 9",
        "dim = \"darkgray\"  # default",
        "pause = [\"P\"]  # from config line 12",
        "add_note = [\"a\", \"n\"]  # from config line 13",
        "skip_step = [\"s\"]  # default",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in:\n{text}");
    }
    // Which folder convention applies, and where the sessions are (XDG_STATE_HOME here).
    let convention = if cfg!(target_os = "macos") { "# folders: macOS" } else { "# folders: XDG base directories" };
    assert!(text.lines().any(|l| l.starts_with(convention)), "{text}");
    let sessions = text.lines().find(|l| l.starts_with("# sessions: ")).expect("the sessions folder");
    assert!(cfg!(target_os = "macos") || sessions.contains("/state/firedrill/sessions"), "{sessions}");
    // The printed file reads back as a valid config.
    let dir = tempfile::tempdir().expect("tempdir");
    let printed = dir.path().join("printed.toml");
    fs::write(&printed, text.as_bytes()).expect("write");
    let again = firedrill(&["config", "--print", "--config", printed.to_str().expect("utf-8")], &[]);
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stderr));
}

#[test]
fn the_output_folder_follows_flag_then_environment_then_config() {
    let cfg = "tests/fixtures/config/valid.toml";
    let env_dir = Path::new("/from/env");
    let o = firedrill(&["config", "--print", "--config", cfg], &[("FIREDRILL_DIR", env_dir)]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("out = \"/from/env\"  # from $FIREDRILL_DIR"));
    let o = firedrill(&["config", "--print", "--config", cfg], &[]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("out = \"/srv/ops/drills\"  # from config line 3"));
}

#[test]
fn the_config_is_found_by_environment_or_in_the_xdg_folder() {
    let o = firedrill(&["config", "--print"], &[("FIREDRILL_CONFIG", Path::new("tests/fixtures/config/valid.toml"))]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("(chosen by $FIREDRILL_CONFIG; read)"));
    let o = firedrill(&["config", "--print"], &[]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("config.toml (the default location; not found, defaults used)"), "{text}");
    assert!(text.contains("runbooks = \"runbooks\"  # default: ./runbooks"), "{text}");
    let o = firedrill(&["config", "--print", "--config", "no/such/config.toml"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "no/such/config.toml: no such config file\n");
}

fn drill_with(config: &Config) -> App {
    let start = Start::Session {
        loaded: Box::new(onboarding()),
        mode: Mode::Drill,
        roles: Some(Roles::new("Ana", "Ben", "Ana")),
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, config.keymap.clone(), config.theme, at(0)).0;
    app.update(Msg::Key(ch('1')), at(0)); // the decision comes first: roll back
    app
}

fn paused(cmds: &[Cmd]) -> bool {
    cmds.iter().any(|c| matches!(c, Cmd::Append(e) if matches!(e.kind, EventKind::Paused)))
}

#[test]
fn a_key_override_changes_the_action_the_hints_and_the_help() {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/valid.toml"))
        .expect("fixture");
    let config = Config::parse("valid.toml", &text, Path::new("/"), false).expect("valid config");
    let mut app = drill_with(&config);
    assert!(!paused(&app.update(Msg::Key(ch('p')), at(1_000))), "p no longer pauses");
    assert!(paused(&app.update(Msg::Key(ch('P')), at(2_000))), "P pauses");
    app.update(Msg::Key(ch('P')), at(3_000));
    let mut wide = Terminal::new(TestBackend::new(140, 30)).expect("terminal");
    wide.draw(|f| app.render(f)).expect("draw");
    let hints = format!("{}", wide.backend());
    assert!(hints.contains("P pause"), "{hints}");
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    app.update(Msg::Key(ch('?')), at(4_000));
    term.draw(|f| app.render(f)).expect("draw");
    insta::assert_snapshot!("help_with_remapped_keys", term.backend());
    let help = format!("{}", term.backend());
    assert!(help.contains("a/n  add a note"), "{help}");
    assert!(help.contains("P  pause or resume"), "{help}");
}

#[test]
fn the_team_is_offered_on_the_roles_screen() {
    let config = Config::parse("c.toml", "team = [\"Ana\", \"Ben\"]\n", Path::new("/"), false).expect("valid");
    let start = Start::Session {
        loaded: Box::new(onboarding()),
        mode: Mode::Drill,
        roles: None,
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, config.keymap.clone(), config.theme, at(0)).0;
    app.set_team(config.team());
    let down = common::key(crossterm::event::KeyCode::Down);
    app.update(Msg::Key(down), at(0));
    app.update(Msg::Key(down), at(0));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    let screen = format!("{}", term.backend());
    assert!(screen.contains("team: Ana · Ben"), "{screen}");
    assert!(screen.contains("│Ben"), "the second name is in the driver field: {screen}");
}
