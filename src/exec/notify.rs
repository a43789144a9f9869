//! The `notify` program: each posted status update on its stdin. What it
//! prints is redacted (whole lines, the built-in patterns and the
//! runbook's) before it is kept.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use super::redact::Redactor;

/// How long a `notify` program may take before it is killed.
pub const NOTIFY_TIMEOUT: Duration = Duration::from_secs(15);

/// The last `n` characters of `bytes` as text, redacted line by line, trimmed.
fn tail(bytes: &[u8], n: usize, redactor: &Redactor) -> String {
    let text = redactor.apply(&String::from_utf8_lossy(bytes));
    let chars: Vec<char> = text.trim().chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

/// Runs `argv` with `text` on its stdin, in its own process group, killed
/// after `timeout` or when dropped; what it prints is kept through `redactor`.
///
/// # Errors
/// Why it failed: it could not start, it timed out, or it exited non-zero
/// (with the end of what it printed). `Ok` holds the end of its output.
pub async fn deliver(argv: &[String], text: &str, timeout: Duration, redactor: &Redactor) -> Result<String, String> {
    let (program, rest) = argv.split_first().ok_or_else(|| "notify is empty".to_owned())?;
    let mut child = Command::new(program)
        .args(rest)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A program that does not read its input is not a failure by itself.
        let _ = stdin.write_all(text.as_bytes()).await;
    }
    let output = tokio::time::timeout(timeout, child.wait_with_output())
        .await
        .map_err(|_| format!("{program} took longer than {}s and was stopped", timeout.as_secs()))?
        .map_err(|e| format!("{program}: {e}"))?;
    let said = tail(if output.stderr.is_empty() { &output.stdout } else { &output.stderr }, 200, redactor);
    if output.status.success() {
        Ok(said)
    } else {
        let code = output.status.code().map_or_else(|| "a signal".to_owned(), |c| format!("exit {c}"));
        Err(if said.is_empty() {
            format!("{program} failed with {code}")
        } else {
            format!("{program} failed with {code}: {said}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(argv: &[&str], timeout: Duration) -> Result<String, String> {
        run_with(argv, timeout, &Redactor::built_in())
    }

    fn run_with(argv: &[&str], timeout: Duration, redactor: &Redactor) -> Result<String, String> {
        let argv: Vec<String> = argv.iter().map(|s| (*s).to_owned()).collect();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(deliver(&argv, "Condition: checkout down", timeout, redactor))
    }

    #[test]
    fn the_update_arrives_on_stdin() {
        assert_eq!(run(&["sh", "-c", "cat; echo ' posted' >&2"], NOTIFY_TIMEOUT), Ok("posted".to_owned()));
        assert_eq!(run(&["cat"], NOTIFY_TIMEOUT), Ok("Condition: checkout down".to_owned()));
    }

    #[test]
    fn what_it_prints_is_redacted() {
        assert_eq!(
            run(&["sh", "-c", "cat >/dev/null; echo 'posted with xoxb-123456789012-abcdefghijkl'"], NOTIFY_TIMEOUT),
            Ok("posted with [redacted]".to_owned())
        );
        assert_eq!(
            run(&["sh", "-c", "echo 'bad token: ghp_0123456789abcdefghijABCDEFGHIJ' >&2; exit 1"], NOTIFY_TIMEOUT),
            Err("sh failed with exit 1: bad token: [redacted]".to_owned())
        );
        let runbook = Redactor::new(&[r"acct-\d{6}".to_owned()]).expect("pattern");
        assert_eq!(
            run_with(&["sh", "-c", "echo 'posted for acct-123456'"], NOTIFY_TIMEOUT, &runbook),
            Ok("posted for [redacted]".to_owned())
        );
    }

    #[test]
    fn failures_say_why() {
        assert_eq!(
            run(&["sh", "-c", "echo 'chat API 503' >&2; exit 3"], NOTIFY_TIMEOUT),
            Err("sh failed with exit 3: chat API 503".to_owned())
        );
        assert!(
            run(&["/nonexistent/chatctl"], NOTIFY_TIMEOUT)
                .is_err_and(|e| e.starts_with("cannot run /nonexistent/chatctl"))
        );
        assert!(run(&["sleep", "5"], Duration::from_millis(200)).is_err_and(|e| e.contains("was stopped")));
    }
}
