//! Issue trackers: one action item becomes one issue through the `gh`
//! command line (`gh issue create --title --body --label [--repo]`), after
//! the label is made sure of (`gh label create --force`: created when
//! missing, left as it is otherwise). The URL gh prints is what gets
//! recorded.

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

/// The argv that files an issue titled `title` with `body` and `label`, in
/// `repo` (`OWNER/NAME`) when given, else in gh's default repository.
pub fn issue_argv(title: &str, body: &str, label: &str, repo: Option<&str>) -> Vec<String> {
    let mut argv: Vec<String> =
        ["gh", "issue", "create", "--title", title, "--body", body, "--label", label].map(str::to_owned).to_vec();
    argv.extend(repo.into_iter().flat_map(|r| ["--repo".to_owned(), r.to_owned()]));
    argv
}

/// The argv that makes sure `label` exists (in `repo` when given): `gh
/// label create --force` creates it, or updates it to this colour and
/// description, and succeeds either way.
pub fn label_argv(label: &str, repo: Option<&str>) -> Vec<String> {
    let description = "Action items from firedrill drills and incidents";
    let mut argv: Vec<String> =
        ["gh", "label", "create", label, "--force", "--color", "D93F0B", "--description", description]
            .map(str::to_owned)
            .to_vec();
    argv.extend(repo.into_iter().flat_map(|r| ["--repo".to_owned(), r.to_owned()]));
    argv
}

/// Runs `argv` and returns the first `https://` URL it printed.
///
/// # Errors
/// [`TrackerError`]: the program is missing, failed (with what it said,
/// redacted), or printed no URL.
pub async fn create_issue(argv: &[String]) -> Result<String, TrackerError> {
    let out = run(argv).await?;
    out.split_whitespace()
        .find(|w| w.starts_with("https://"))
        .map(str::to_owned)
        .ok_or_else(|| TrackerError::NoUrl(argv.first().cloned().unwrap_or_default()))
}

/// Runs `argv` (stdin closed, killed after [`TRACKER_TIMEOUT`]) and returns
/// what it printed on standard output.
///
/// # Errors
/// [`TrackerError`]: the program is missing, or failed (with what it said,
/// redacted).
pub async fn run(argv: &[String]) -> Result<String, TrackerError> {
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
    if !output.status.success() {
        let said = redactor.apply(String::from_utf8_lossy(&output.stderr).trim());
        return Err(TrackerError::Failed(format!("{program} failed: {said}")));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
