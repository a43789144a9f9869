//! Golden records: every committed journal (the sample sessions in
//! `drills/` and the frozen fixtures of every journal format in
//! `tests/fixtures/journals/`) has its postmortem committed beside it, with
//! its full timeline and runbook proposal when it has them. Each is rendered
//! again with the code `firedrill report` uses (the other sessions of its
//! folder as history) and compared byte for byte, so a change to what a
//! saved journal means is a visible diff in review, never a silent one.
//!
//! To accept a change on purpose: `FIREDRILL_BLESS=1 cargo test --test golden`
//! rewrites the committed files; review the diff before committing it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use firedrill::store::journal;
use firedrill::store::save;

/// The folders of committed journals, relative to the repository.
const FOLDERS: [&str; 2] = ["drills", "tests/fixtures/journals"];

/// What a save writes beside the journal, by extension.
const EXTS: [&str; 3] = ["md", "runbook.diff", "timeline.md"];

fn journals(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder of committed journals")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    v.sort();
    v
}

fn bless() -> bool {
    std::env::var_os("FIREDRILL_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares (or, blessing, writes) the files rendered for `path`; the
/// mismatches, each with its diff.
fn check(dir: &Path, path: &Path) -> Vec<String> {
    let loaded = journal::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(loaded.skipped.is_empty(), "{}: lines skipped: {:?}", path.display(), loaded.skipped);
    let rendered = save::rendered(dir, path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 name");
    let mut failures = Vec::new();
    for ext in EXTS {
        let file = dir.join(format!("{stem}.{ext}"));
        let want = rendered.iter().find(|(e, _)| *e == ext).map(|(_, t)| t.as_str());
        let have = std::fs::read_to_string(&file).ok();
        if want == have.as_deref() {
            continue;
        }
        if bless() {
            match want {
                Some(text) => std::fs::write(&file, text).expect("bless: write"),
                None => std::fs::remove_file(&file).expect("bless: remove"),
            }
            continue;
        }
        let diff = similar::TextDiff::from_lines(have.as_deref().unwrap_or(""), want.unwrap_or(""))
            .unified_diff()
            .context_radius(2)
            .header(&format!("{} (committed)", file.display()), "rendered now")
            .to_string();
        failures.push(match (&have, want) {
            (None, _) => format!("{} is missing; it should be:\n{diff}", file.display()),
            (Some(_), None) => format!("{} is committed but nothing renders it now", file.display()),
            _ => diff,
        });
    }
    failures
}

#[test]
fn every_committed_journal_renders_its_committed_postmortem_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut formats = Vec::new();
    let mut count = 0;
    for folder in FOLDERS {
        let dir = root.join(folder);
        for path in journals(&dir) {
            formats.push(journal::read_header(&path).expect("header").format);
            failures.extend(check(&dir, &path));
            count += 1;
        }
    }
    formats.sort_unstable();
    formats.dedup();
    assert!(count >= 10, "the committed journals are all there: {count}");
    assert_eq!(formats, vec![1, 2], "fixtures of every journal format are kept");
    if !failures.is_empty() {
        let mut msg = String::new();
        for f in &failures {
            let _ = writeln!(msg, "{f}");
        }
        panic!(
            "{} committed record(s) differ from what the code renders now:\n\n{msg}\n\
             If the change is intended, regenerate them and review the diff:\n    \
             FIREDRILL_BLESS=1 cargo test --test golden",
            failures.len()
        );
    }
}

#[test]
fn the_frozen_fixtures_cover_both_formats_and_every_ending() {
    // Frozen: these journals are never re-recorded; a format change must
    // keep reading them exactly as before.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journals");
    let mut endings = Vec::new();
    for path in journals(&dir) {
        let loaded = journal::read(&path).expect("reads");
        let (_, session) = loaded.session().expect("replays");
        let v = firedrill::core::outcome::verdict(&session);
        endings.push((loaded.header.format, v.outcome.key()));
    }
    for want in [(1, "verified"), (2, "unverified"), (2, "ended early"), (2, "abandoned")] {
        assert!(endings.contains(&want), "a fixture of format {} that ends {}: {endings:?}", want.0, want.1);
    }
}

#[test]
fn every_committed_journal_line_writes_back_as_it_was_read() {
    // Events are held small (boxed payloads, boxed strings): the JSON
    // they write must stay the journal's, byte for byte.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Kinds no committed journal has, as firedrill writes them.
    let written = "x\n\
        {\"seq\":2,\"at\":\"2026-12-07T04:56:08.731Z\",\"t_ms\":9,\"role\":\"verifier\",\"kind\":\"item_toggled\",\"step\":\"verify\",\"item\":1,\"id\":\"check-1\",\"checked\":false,\"reason\":\"the check ran against staging\"}\n\
        {\"seq\":3,\"at\":\"2026-12-07T04:56:09Z\",\"t_ms\":10,\"role\":\"driver\",\"kind\":\"flag_changed\",\"flag\":\"onboarding_v2\",\"state\":\"waived\",\"reason\":\"stays off until the fix ships\"}\n\
        {\"seq\":4,\"at\":\"2026-12-07T04:56:10Z\",\"t_ms\":11,\"kind\":\"secret_rotated\",\"name\":\"STRIPE_API_KEY\",\"applied\":[\"app\",\"CI\"]}\n";
    let mut texts = vec![("literal".to_owned(), written.to_owned())];
    for dir in FOLDERS.iter().map(|f| root.join(f)).chain([root.join("tests/fixtures/versus")]) {
        for path in journals(&dir) {
            texts.push((path.display().to_string(), std::fs::read_to_string(&path).expect("journal")));
        }
    }
    let mut kinds = std::collections::BTreeSet::new();
    for (name, text) in &texts {
        for (n, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
            let event: firedrill::core::event::Event =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", n + 1));
            let back = firedrill::core::sanitize::json::to_string(&event).expect("writes");
            assert_eq!(back, line, "{name}:{}", n + 1);
            let value: serde_json::Value = serde_json::from_str(line).expect("json");
            kinds.insert(value["kind"].as_str().unwrap_or_default().to_owned());
        }
    }
    for kind in ["sensor_read", "handoff", "command_started", "command_output", "check_overridden", "secret_rotated"] {
        assert!(kinds.contains(kind), "no {kind} line read: {kinds:?}");
    }
}
