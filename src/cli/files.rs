//! The commands about files that need no screen: write a runbook
//! template, the postmortem of a journal, finish saves a kill cut short,
//! list the sessions running now. Every path printed is sanitized.

use std::path::Path;
use std::process::ExitCode;

use crate::core::sanitize::sanitize_line;
use crate::store::{paths, save};

/// The unfinished sessions in the state folder, newest first, with the
/// events held in a spill (`out` is the output folder) merged back.
pub fn unfinished(out: Option<&Path>) -> Vec<crate::store::sessions::Unfinished> {
    let spill = paths::spill_dirs(out);
    paths::sessions_dir().map(|d| crate::store::sessions::unfinished(&d, &spill)).unwrap_or_default()
}

/// The sessions a live process is running now, the latest active first: unfinished
/// (no `finished` event, not saved) and their journal's lock held, the OS
/// lock resume and the home screen read (a killed writer lets go at once).
pub fn running_sessions() -> Vec<crate::store::sessions::Unfinished> {
    unfinished(None).into_iter().filter(|u| u.holder.is_some()).collect()
}

/// Says that no session runs here, so there is nothing to follow: exit 1.
pub fn none_running() -> ExitCode {
    let folder = paths::sessions_dir().map(|d| format!(" (in {})", shown(&d))).unwrap_or_default();
    crate::say!(
        "firedrill: no session is running here now{folder}: nothing to follow; `firedrill follow JOURNAL` follows one written elsewhere"
    );
    ExitCode::from(1)
}

/// Lists `live`, the sessions running here, one a line with the command
/// that follows each (for scripts: standard output is not a terminal).
pub fn running(live: Vec<crate::store::sessions::Unfinished>) -> ExitCode {
    for u in live {
        // Who drives and where they are, as the picker shows them.
        let (driver, step) = u.progress.as_ref().map_or_else(
            || (String::new(), String::new()),
            |s| (format!("driver {} · ", s.roles.driver), format!(" · {}", s.step("debrief"))),
        );
        let h = &u.header;
        let by = u.holder.map(|w| format!("{}:{}", w.host, w.pid)).unwrap_or_default();
        crate::tell!(
            "{} · {} · {}{} since {} UTC{} · firedrill follow {}",
            sanitize_line(&h.session_id),
            h.mode.key(),
            sanitize_line(&driver),
            sanitize_line(&by),
            h.started_at.format("%H:%M"),
            step,
            shown(&u.path)
        );
    }
    ExitCode::SUCCESS
}

/// The deck `firedrill new --deck` writes: three inject cards, commented.
pub const DECK_TEMPLATE: &str = include_str!("../../assets/deck-template.toml");

/// `firedrill new [PATH] [--deck FILE]`: writes the runbook template and,
/// or, a deck of inject cards, never overwriting.
///
/// # Errors
/// A file cannot be written (its folder is missing or read-only).
pub fn new(path: Option<&Path>, deck: Option<&Path>) -> anyhow::Result<ExitCode> {
    let wanted = [(path, crate::store::runbook_file::TEMPLATE), (deck, DECK_TEMPLATE)];
    if let Some(taken) = wanted.iter().filter_map(|(p, _)| *p).find(|p| p.exists()) {
        crate::say!("firedrill: {} exists; choose another path", shown(taken));
        return Ok(ExitCode::from(1));
    }
    for (p, text) in wanted {
        if let Some(p) = p {
            crate::store::atomic::write_new(p, text.as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", shown(p)))?;
        }
    }
    match (path, deck) {
        (Some(p), None) => {
            crate::tell!("wrote {}; edit it, then run: firedrill check {}", shown(p), shown(p));
            schema_beside(p);
        }
        (p, Some(d)) => {
            let runbook = p.map_or_else(|| "RUNBOOK".to_owned(), shown);
            if let Some(p) = p {
                crate::tell!("wrote {}", shown(p));
                schema_beside(p);
            }
            crate::tell!(
                "wrote {}; match its names to the runbook, then run: firedrill check {runbook} --injects {}",
                shown(d),
                shown(d)
            );
        }
        (None, None) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The file the template's `#:schema ./runbook.schema.json` line names.
pub const SCHEMA_FILE: &str = "runbook.schema.json";

/// The runbook's JSON Schema as committed (`assets/runbook.schema.json`,
/// which the schema test proves equal to `core::runbook::json_schema()`):
/// built in as text, so the binary carries no schema generator.
pub const SCHEMA: &str = include_str!("../../assets/runbook.schema.json");

/// Writes this firedrill's runbook schema beside the new runbook at `path`
/// (what its `#:schema` line names, for taplo and editors), unless a file
/// is there: the same schema is left as it is, another one is named with
/// the command that refreshes it. Never fails the command: a runbook
/// without its schema still works.
fn schema_beside(path: &Path) {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let target = dir.join(SCHEMA_FILE);
    let schema = SCHEMA;
    // Only a regular file is read: a FIFO named like the schema cannot hang `new`.
    let have = crate::store::regular::open(&target, 1 << 20).and_then(|f| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(f, 1 << 20), &mut bytes).map(|_| bytes)
    });
    match have {
        Ok(have) if have == schema.as_bytes() => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match crate::store::atomic::write_new(&target, schema.as_bytes()) {
                Ok(()) => crate::tell!("wrote {} (the schema its #:schema line names, for editors)", shown(&target)),
                Err(e) => crate::say!("firedrill: cannot write {}: {e}; `firedrill schema` prints it", shown(&target)),
            }
        }
        Ok(_) => crate::tell!(
            "{} is another firedrill's schema; refresh it with: firedrill schema > {}",
            shown(&target),
            shown(&target)
        ),
        Err(e) => {
            crate::say!("firedrill: {} is not readable ({e}); `firedrill schema` prints the schema", shown(&target));
        }
    }
}

/// `firedrill report JOURNAL`: the postmortem and a copy of any journal,
/// finished or not, into `out`.
///
/// # Errors
/// The journal is unreadable or invalid, or nothing can be written to `out`.
pub fn report(journal: &Path, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    // The sessions already in the folder (the postmortem's history) are
    // read first, once: read before this journal, a large earlier session
    // is never held beside it.
    let dir = paths::out_dir(out);
    let saved_before = dir.as_deref().map(save::folder).unwrap_or_default();
    // The error names the file and its cause once (no anyhow source chain).
    let (mut loaded, _) = crate::store::journal::read_for_postmortem(journal).map_err(|e| anyhow::anyhow!("{e}"))?;
    let spills = paths::spill_dirs(out);
    if spills.iter().any(|d| crate::store::journal::spill::path_in(d, &loaded.header.session_id).is_file()) {
        // A spill is merged by comparing events and may be written whole: every text is read.
        loaded = crate::store::journal::read(journal).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    for s in &loaded.skipped {
        crate::say!("{}:{}: skipped: {}", shown(journal), s.line, sanitize_line(&s.reason));
    }
    let dir = dir.ok_or_else(|| anyhow::anyhow!("no output folder: pass --out DIR"))?;
    let before = loaded.events.len();
    let merged = crate::store::journal::spill::merge(&mut loaded, &spills, journal);
    if let Some(spill) = &merged {
        let n = crate::core::words::count(loaded.events.len() - before, "event");
        crate::say!("firedrill: {n} held in {} while the journal could not be written are included", shown(spill));
    }
    // Only a finished session nobody writes any more is marked saved: an
    // interim report of a running (or crashed) one must leave it resumable.
    let finished = loaded.finished();
    let writer = crate::store::lock::holder(journal);
    let saved = if merged.is_some() {
        save::save(&dir, &loaded)?
    } else {
        save::save_file(&dir, loaded, journal, &saved_before)?
    };
    let running = paths::sessions_dir().is_some_and(|d| journal.parent() == Some(d.as_path()));
    if running && finished && writer.is_none() {
        save::mark_saved(journal, &saved.paths)?;
    } else if running {
        crate::say!("firedrill: an interim postmortem: the session is not finished, and stays resumable");
    }
    for p in &saved.paths {
        crate::tell!("{}", shown(p));
    }
    if let Err(why) = &saved.proposal {
        crate::say!("firedrill: no runbook proposal written: {}", sanitize_line(why));
    }
    Ok(ExitCode::SUCCESS)
}

/// Before a resume: the events the session's spill holds past the end of
/// its journal at `path` (kept there while the journal could not be
/// written) are merged into `loaded` and written into the journal, unless
/// a live process writes it; returns what to say when some were. When the
/// journal cannot take them yet, the session holds them and its keeper
/// writes the journal whole once it can.
pub fn merge_pending(path: &Path, loaded: &mut crate::store::journal::Loaded, out: Option<&Path>) -> Option<String> {
    if crate::store::lock::holder(path).is_some() {
        return None;
    }
    let before = loaded.events.len();
    match crate::store::journal::spill::merge_back(loaded, &paths::spill_dirs(out), path) {
        Ok(None) => None,
        Ok(Some(spill)) => {
            let n = crate::core::words::count(loaded.events.len() - before, "event");
            Some(format!(
                "{n} held in {} while the journal could not be written are back in it",
                shown(spill.as_path())
            ))
        }
        Err(e) => Some(format!(
            "{} held while the journal could not be written are in the session, not yet in the journal ({e}); retrying",
            crate::core::words::count(loaded.events.len() - before, "event")
        )),
    }
}

/// A path as printed: sanitized, so a file name cannot drive the terminal.
pub fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Finishes or rolls back saves a kill interrupted, and says which
/// sessions are saved without their postmortem.
pub fn recover_saves(out: Option<&Path>) {
    let Some(sessions) = paths::sessions_dir() else { return };
    let recovery = save::recover(&sessions, out);
    for (_, postmortem) in &recovery.completed {
        crate::say!("firedrill: finished a save that was cut short: wrote {}", shown(postmortem));
    }
    for journal in recovery.missing {
        let shown = shown(&journal);
        crate::say!("firedrill: saved? postmortem missing for {shown}: write it with: firedrill report {shown}");
    }
}
