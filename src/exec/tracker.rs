//! Issue trackers: one action item becomes one issue through the `gh`
//! command line (`gh issue create --title --body --label [--repo]`), after
//! the label is made sure of (`gh label create --force`: created when
//! missing, left as it is otherwise). The URL gh prints, without any
//! credentials in it, is what gets recorded. What gh prints is capped like
//! any command's output ([`MAX_OUTPUT`] a stream; the rest is read and
//! dropped) and redacted.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;

/// How long one `gh issue create` may take.
pub const TRACKER_TIMEOUT: Duration = Duration::from_secs(60);

/// Most bytes kept of what a tracker program prints on each stream.
pub const MAX_OUTPUT: usize = 256 * 1024;

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

/// The argv that lists the issues (open or closed) whose body holds
/// `marker`, as JSON (`url` and `body` of each), in `repo` when given.
pub fn search_argv(marker: &str, repo: Option<&str>) -> Vec<String> {
    let query = format!("\"{marker}\" in:body");
    let mut argv: Vec<String> =
        ["gh", "issue", "list", "--state", "all", "--search", &query, "--json", "url,body", "--limit", "20"]
            .map(str::to_owned)
            .to_vec();
    argv.extend(repo.into_iter().flat_map(|r| ["--repo".to_owned(), r.to_owned()]));
    argv
}

/// Runs `argv` and returns the first `https://` URL it printed, without
/// credentials (`https://user:token@host/..` gives `https://host/..`).
///
/// # Errors
/// [`TrackerError`]: the program is missing, failed (with what it said,
/// redacted), or printed no URL.
pub async fn create_issue(argv: &[String]) -> Result<String, TrackerError> {
    let out = run(argv).await?;
    out.split_whitespace()
        .find(|w| w.starts_with("https://"))
        .map(without_credentials)
        .ok_or_else(|| TrackerError::NoUrl(argv.first().cloned().unwrap_or_default()))
}

/// The URL of the issue `search` (a [`search_argv`]) finds whose body
/// really holds `marker`, if any.
///
/// # Errors
/// As [`run`]; output that is not gh's JSON is [`TrackerError::Failed`].
pub async fn find_issue(search: &[String], marker: &str) -> Result<Option<String>, TrackerError> {
    #[derive(serde::Deserialize)]
    struct Found {
        url: String,
        #[serde(default)]
        body: String,
    }
    let out = run(search).await?;
    let found: Vec<Found> = serde_json::from_str(&out)
        .map_err(|e| TrackerError::Failed(format!("gh issue list printed no issue list: {e}")))?;
    Ok(found.into_iter().find(|f| f.body.contains(marker)).map(|f| without_credentials(&f.url)))
}

/// `url` without a user or password before its host.
fn without_credentials(url: &str) -> String {
    let Some(rest) = url.strip_prefix("https://") else { return url.to_owned() };
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if path.is_empty() { format!("https://{host}") } else { format!("https://{host}/{path}") }
}

/// Runs `argv` (stdin closed, killed after [`TRACKER_TIMEOUT`]) and returns
/// what it printed on standard output, at most [`MAX_OUTPUT`] bytes of it,
/// redacted.
///
/// # Errors
/// [`TrackerError`]: the program is missing, or failed (with what it said,
/// redacted).
pub async fn run(argv: &[String]) -> Result<String, TrackerError> {
    let (program, rest) = argv.split_first().ok_or_else(|| TrackerError::Missing(String::new()))?;
    let mut child = Command::new(program)
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
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    let work = async {
        let (out, err) = tokio::join!(read_capped(stdout), read_capped(stderr));
        (out, err, child.wait().await)
    };
    let (out, err, status) = tokio::time::timeout(TRACKER_TIMEOUT, work)
        .await
        .map_err(|_| TrackerError::Failed(format!("{program} took longer than {}s", TRACKER_TIMEOUT.as_secs())))?;
    let status = status.map_err(|e| TrackerError::Failed(format!("{program}: {e}")))?;
    let redactor = super::redact::Redactor::built_in();
    if !status.success() {
        let said = redactor.apply(String::from_utf8_lossy(&err).trim());
        return Err(TrackerError::Failed(format!("{program} failed: {said}")));
    }
    Ok(redactor.apply(&String::from_utf8_lossy(&out)))
}

/// What `stream` gives, at most [`MAX_OUTPUT`] bytes of it: the first
/// half and the last half (gh prints its URL last), the middle read and
/// dropped, so the program never blocks on a full pipe and memory stays
/// bounded whatever it prints.
async fn read_capped(stream: Option<impl AsyncRead + Unpin>) -> Vec<u8> {
    let half = MAX_OUTPUT / 2;
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    let Some(mut stream) = stream else { return head };
    let mut buf = vec![0u8; 8192];
    while let Ok(n) = stream.read(&mut buf).await {
        if n == 0 {
            break;
        }
        let to_head = n.min(half.saturating_sub(head.len()));
        head.extend_from_slice(&buf[..to_head]);
        tail.extend_from_slice(&buf[to_head..n]);
        if tail.len() > 2 * half {
            tail.drain(..tail.len() - half);
        }
    }
    if tail.len() > half {
        tail.drain(..tail.len() - half);
        head.push(b'\n');
    }
    head.extend_from_slice(&tail);
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_loses_its_credentials() {
        assert_eq!(
            without_credentials("https://x-access-token:ghp_abc@github.com/a/b/issues/3"),
            "https://github.com/a/b/issues/3"
        );
        assert_eq!(without_credentials("https://github.com/a/b/issues/3"), "https://github.com/a/b/issues/3");
    }

    #[test]
    fn a_flood_of_output_keeps_its_head_and_its_tail_and_the_url_last() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let script = "head -c 20000000 /dev/zero | tr '\\0' x; echo; echo https://u:ghp_FAKE0123456789abcdefghijklmnopqrstuv@github.com/a/b/issues/9";
        let argv: Vec<String> = ["sh", "-c", script].map(str::to_owned).to_vec();
        let out = rt.block_on(run(&argv)).expect("ran");
        assert!(out.len() <= MAX_OUTPUT + 16, "20 MB printed, {} bytes kept", out.len());
        assert_eq!(rt.block_on(create_issue(&argv)), Ok("https://github.com/a/b/issues/9".to_owned()));
    }
}
