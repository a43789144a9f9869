//! The practice runbook offered on the home screen when no other runbook
//! is found: the bundled `runbooks/practice.toml`, written once beside the
//! range's folder (never overwriting, so an edited copy is kept) and
//! listed as the home screen's only runbook.

use std::path::PathBuf;

use crate::store::runbook_file::{self, Entry};

/// The bundled practice runbook's text.
pub const RUNBOOK: &str = include_str!("../../runbooks/practice.toml");

/// Where the home screen keeps its copy: `practice.toml` in the data folder.
pub fn runbook_path() -> Option<PathBuf> {
    super::files::default_dir().and_then(|d| d.parent().map(|p| p.join("practice.toml")))
}

/// The practice runbook as a home screen entry, its file written first if
/// missing; `None` when it cannot be written (the home says "no runbooks").
pub fn entry() -> Option<Entry> {
    let path = runbook_path()?;
    if !path.exists() {
        let dir = path.parent()?;
        std::fs::create_dir_all(dir).ok()?;
        crate::store::atomic::write_new(&path, RUNBOOK.as_bytes()).ok()?;
    }
    let loaded = match runbook_file::load(&path) {
        Ok(l) => Ok(l),
        Err(errors) => Err(errors.into_iter().next()?),
    };
    Some(Entry { path, loaded, schedule: None })
}
