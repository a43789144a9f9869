//! The drill card written beside its runbook from the home screen:
//! `<runbook stem>.card.md` in the runbook's folder, never overwriting a
//! different card (`-2`, `-3`... instead), and left alone when the card
//! there is already today's. Rendering is `core::card`.

use std::path::{Path, PathBuf};

use crate::core::sanitize::sanitize_line;
use crate::store::{atomic, regular, runbook_file};

/// Writes the card of the runbook at `runbook` beside it; its path and
/// line count.
///
/// # Errors
/// Why, in one sentence: the runbook does not load (its first error), or
/// the card cannot be written.
pub fn write_beside(runbook: &Path) -> Result<(PathBuf, usize), String> {
    let loaded = runbook_file::load(runbook)
        .map_err(|e| e.first().map_or_else(|| "the runbook does not load".to_owned(), ToString::to_string))?;
    // The card is printed and pinned up: the runbook as a journal keeps it.
    let kept = loaded.kept().map_err(|e| e.to_string())?;
    let card = crate::core::card::render(&kept.runbook, &loaded.path);
    let lines = card.lines().count();
    let stem = runbook.file_stem().map_or_else(|| "runbook".to_owned(), |s| s.to_string_lossy().into_owned());
    for n in 1u32..1000 {
        let name = if n == 1 { format!("{stem}.card.md") } else { format!("{stem}.card-{n}.md") };
        let path = runbook.with_file_name(name);
        if path.symlink_metadata().is_ok() {
            // The same card already there is today's card: nothing to write.
            if regular::read(&path, 1 << 20).is_ok_and(|b| b == card.as_bytes()) {
                return Ok((path, lines));
            }
            continue;
        }
        return match atomic::write_new(&path, card.as_bytes()) {
            Ok(()) => Ok((path, lines)),
            Err(e) => Err(format!("cannot write {}: {e}", sanitize_line(&path.display().to_string()))),
        };
    }
    Err("too many cards beside the runbook; remove old ones".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_is_written_beside_once_and_a_changed_one_gets_a_new_name() {
        let dir = tempfile::tempdir().expect("tmp");
        let rb = dir.path().join("svc.toml");
        let text = "version = 1\ntitle = \"T\"\n[release]\nlive = \"a\"\nknown_good = \"b\"\n[[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"c\"\n";
        std::fs::write(&rb, text).expect("runbook");
        let (first, lines) = write_beside(&rb).expect("written");
        assert_eq!(first, dir.path().join("svc.card.md"));
        assert!(lines > 5 && lines <= 60, "{lines}");
        assert_eq!(write_beside(&rb).expect("again").0, first, "today's card is already there");
        std::fs::write(&rb, text.replace("title = \"T\"", "title = \"U\"")).expect("edit");
        assert_eq!(write_beside(&rb).expect("changed").0, dir.path().join("svc.card-2.md"), "never overwritten");
        assert!(std::fs::read_to_string(&first).expect("old card").contains('T'));
    }
}
