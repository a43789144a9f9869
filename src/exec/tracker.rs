//! Issue trackers: one action item becomes one issue through the `gh`
//! command line (`gh issue create --title --body --label`). The URL it
//! prints is what gets recorded.

use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

/// How long one `gh issue create` may take.
pub const TRACKER_TIMEOUT: Duration = Duration::from_secs(60);

/// Why an issue was not created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackerError {
    /// The program is not installed (or not on PATH).
    #[error("{0} is not installed or not on PATH")]
    Missing(String),
    /// It ran and failed (not logged in, no repository, ...): what it said.
    #[error("{0}")]
    Failed(String),
    /// It printed no issue URL.
    #[error("{0} printed no issue URL")]
    NoUrl(String),
}

/// The argv that files an issue titled `title` with `body` and `label`.
pub fn issue_argv(title: &str, body: &str, label: &str) -> Vec<String> {
    ["gh", "issue", "create", "--title", title, "--body", body, "--label", label].map(str::to_owned).to_vec()
}

/// Runs `argv` (stdin closed, killed after [`TRACKER_TIMEOUT`]) and returns
/// the first `https://` URL it printed.
///
/// # Errors
/// [`TrackerError`]: the program is missing, failed (with what it said,
/// redacted), or printed no URL.
pub async fn create_issue(argv: &[String]) -> Result<String, TrackerError> {
    let (program, rest) = argv.split_first().ok_or_else(|| TrackerError::Missing(String::new()))?;
    let child = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => TrackerError::Missing(program.clone()),
            _ => TrackerError::Failed(format!("cannot run {program}: {e}")),
        })?;
    let output = tokio::time::timeout(TRACKER_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| TrackerError::Failed(format!("{program} took longer than {}s", TRACKER_TIMEOUT.as_secs())))?
        .map_err(|e| TrackerError::Failed(format!("{program}: {e}")))?;
    let redactor = super::redact::Redactor::built_in();
    let out = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let said = redactor.apply(String::from_utf8_lossy(&output.stderr).trim());
        return Err(TrackerError::Failed(format!("{program} failed: {said}")));
    }
    out.split_whitespace()
        .find(|w| w.starts_with("https://"))
        .map(str::to_owned)
        .ok_or_else(|| TrackerError::NoUrl(program.clone()))
}
