//! Running a runbook's read-only probes for `preflight` all at once, each
//! exactly as a drill runs a command (argv, no shell, its own process group,
//! timeout, output sanitized and redacted), and waiting for every one.

use std::path::Path;
use std::time::Duration;

use super::redact::Redactor;
use crate::core::command::RunResult;

/// A probe to run: its argv and how long it may run.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The program and its arguments.
    pub argv: Vec<String>,
    /// Killed with its process group after this long.
    pub timeout: Duration,
}

/// Runs every probe in `cwd` at the same time and returns their results in
/// the same order; each result's `duration_ms` is that probe's own time.
///
/// # Errors
/// When the async runtime cannot be built.
pub fn run_all(probes: &[Probe], cwd: &Path, redactor: &Redactor) -> std::io::Result<Vec<RunResult>> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let runs = probes.iter().map(|p| super::run::run(&p.argv, cwd, p.timeout, redactor, |_| {}, |_| {}));
    Ok(rt.block_on(futures::future::join_all(runs)))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::core::command::RunEnd;

    fn script(name: &str) -> Vec<String> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts");
        vec![dir.join(name).to_string_lossy().into_owned()]
    }

    #[test]
    fn probes_run_together_and_keep_their_order() {
        let probes = [
            Probe { argv: script("probe.sh"), timeout: Duration::from_secs(10) },
            Probe { argv: script("hang.sh"), timeout: Duration::from_millis(300) },
            Probe { argv: script("fail.sh"), timeout: Duration::from_secs(10) },
        ];
        let redactor = Redactor::new(&[]).expect("redactor");
        let results = run_all(&probes, Path::new(env!("CARGO_MANIFEST_DIR")), &redactor).expect("runtime");
        let ends: Vec<&RunEnd> = results.iter().map(|r| &r.end).collect();
        assert_eq!(ends, vec![&RunEnd::Exited { code: 0 }, &RunEnd::TimedOut, &RunEnd::Exited { code: 2 }]);
        assert_eq!(results[0].tail, vec!["live: prod-2026-10-30.1"]);
    }
}
