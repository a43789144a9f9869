//! The key that groups a runbook's sessions: its file stem.

/// The runbook key of a runbook path: its file stem.
pub fn runbook_key(runbook_path: &str) -> String {
    std::path::Path::new(runbook_path)
        .file_stem()
        .map_or_else(|| runbook_path.to_owned(), |s| s.to_string_lossy().into_owned())
}
