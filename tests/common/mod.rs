//! Shared fixtures for integration tests: a fixed clock, the bundled
//! runbook, and key presses.
#![allow(dead_code)]

pub mod hostile;
pub mod pty;
pub mod range;
pub mod screen;

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use firedrill::store::runbook_file;
use firedrill::tui::Now;

/// 2026-11-23 14:00:00 UTC plus `ms`, with the monotonic clock at `ms`.
pub fn at(ms: u64) -> Now {
    let base = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("valid date");
    Now { wall: base + chrono::Duration::milliseconds(i64::try_from(ms).expect("small")), mono_ms: ms }
}

/// A runbook of the repository by its relative path, labelled with that path.
pub fn loaded(relative: &str) -> runbook_file::LoadedRunbook {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let mut loaded = runbook_file::load(&path).expect("bundled runbook loads");
    relative.clone_into(&mut loaded.path);
    loaded
}

/// The bundled onboarding runbook.
pub fn onboarding() -> runbook_file::LoadedRunbook {
    loaded("runbooks/onboarding-signup.toml")
}

/// A key press with no modifiers.
pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent { code, modifiers: KeyModifiers::NONE, kind: KeyEventKind::Press, state: KeyEventState::NONE }
}

/// A key press of a character.
pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

/// Ctrl plus a character.
pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// The files in `dir` whose name ends in `.ext`, sorted; for `md`, the
/// postmortems (not the full timelines beside them, `.timeline.md`).
pub fn files_with(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| !p.to_string_lossy().ends_with(".timeline.md"))
        .collect();
    v.sort();
    v
}

/// The one postmortem written to `dir`.
pub fn postmortem_in(dir: &std::path::Path) -> String {
    let md = files_with(dir, "md");
    assert_eq!(md.len(), 1, "one postmortem in {}", dir.display());
    std::fs::read_to_string(&md[0]).expect("postmortem")
}

/// A drill journal header for `loaded`, started at [`at`]`(0)`.
pub fn header(loaded: &runbook_file::LoadedRunbook, session_id: &str) -> firedrill::core::event::Header {
    firedrill::core::event::Header {
        format: firedrill::core::event::JOURNAL_FORMAT,
        session_id: session_id.into(),
        mode: firedrill::core::event::Mode::Drill,
        runbook_path: loaded.path.clone(),
        runbook_sha256: firedrill::store::journal::sha256_hex(&loaded.text),
        runbook_redacted: false,
        runbook_text: loaded.text.clone(),
        started_at: at(0).wall,
        update_every_ms: None,
        deck: None,
        live_commands: false,
    }
}

/// A real journal's text: header and a few events of a drill.
pub fn sample_journal() -> String {
    use firedrill::core::event::{Mode, Stamp};

    use firedrill::core::roles::Roles;
    use firedrill::core::session::{Command, Session};
    let loaded = onboarding();
    let header = header(&loaded, "sample");
    let mut s = Session::new(Mode::Drill, &loaded.runbook);
    let mut out = serde_json::to_string(&header).expect("header") + "\n";
    let cmds = [Command::Start(Roles::new("A", "B", "C")), Command::ToggleItem(0), Command::AddNote("n".into())];
    for (i, c) in cmds.into_iter().enumerate() {
        let e = s.apply(c, Stamp { at: at(0).wall, t_ms: i as u64 * 1000 }).expect("apply");
        out += &(serde_json::to_string(&e).expect("event") + "\n");
    }
    out
}
