//! `firedrill preflight RUNBOOK... [--json] [--strict] [--trust]`: the
//! five-minute pre-release check of each runbook in turn. Loads it, runs
//! its probes (only when its commands are approved on this machine, or
//! with `--trust`), lets `core::preflight` decide each question, and
//! prints one screenful, or one JSON object per question naming its
//! `file` (an invalid runbook is one object: its file, `"verdict":
//! "invalid"` and its errors). Exit 0 all pass, 1 any fails (or a runbook
//! is invalid), 3 only unknowns remain: over several runbooks, the worst.
//! Each check is recorded in the output folder (`store::preflight`) unless
//! `--no-record`, so review can show how fast the live release was named.
//! A change plan is checked with the `firedrill ship` records of the output
//! folder and the environments' probes, in the team's local time (risky hours).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::core::command::DEFAULT_TIMEOUT;
use crate::core::duration::HumanDuration;
use crate::core::preflight::{self, Answer, Grade, ProbeEvidence, Record};
use crate::core::runbook::{MigrationPhase, Runbook};
use crate::core::sanitize::sanitize_line;
use crate::exec::probe::{Probe, run_all};
use crate::exec::redact::Redactor;
use crate::store::{journal::sha256_hex, paths, runbook_file, trust};

/// How the check is run.
#[derive(Debug, Clone, Copy)]
pub struct PreflightOptions {
    /// One JSON object per question instead of the human form.
    pub json: bool,
    /// An unknown fails too (exit 1).
    pub strict: bool,
    /// Run the probes even when the runbook is not approved here (CI).
    pub trust: bool,
    /// How fast the live release must be named (default 30 s).
    pub within: Duration,
}

/// The folders a check reads and writes: where `firedrill ship` records
/// are (the output folder), and where the check is recorded (the same,
/// or nowhere with `--no-record`).
#[derive(Debug, Clone, Copy)]
pub struct Folders<'a> {
    /// The output folder, read for ship records.
    pub ships: Option<&'a Path>,
    /// Where the check's record goes, if anywhere.
    pub record: Option<&'a Path>,
}

/// The phase (and environment) of the change plan asked about
/// (`--phase`, `--env`); the next one by the evidence when absent.
pub type Asked = Option<(MigrationPhase, Option<String>)>;

/// Parses `--within` like a runbook duration (`30s`, `2m`).
///
/// # Errors
/// The duration's error in words.
pub fn parse_within(text: &str) -> Result<HumanDuration, String> {
    HumanDuration::parse(text).map_err(|e| e.to_string())
}

/// The worse of two exit codes: a failure (1), else unknowns (3), else 0.
pub fn worse(a: u8, b: u8) -> u8 {
    let rank = |c: u8| match c {
        0 => 0,
        3 => 1,
        _ => 2,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// Runs the check on each runbook of `paths` in turn; the exit code is the
/// worst of them.
///
/// # Errors
/// When standard output is closed mid-write (other than a closed pipe).
pub fn check_all(
    paths: &[PathBuf],
    opts: PreflightOptions,
    folders: Folders<'_>,
    asked: &Asked,
) -> anyhow::Result<ExitCode> {
    let mut worst = 0;
    for (n, path) in paths.iter().enumerate() {
        if n > 0 && !opts.json {
            crate::cli::docs::print_bytes(b"\n")?;
        }
        worst = worse(worst, run(path, opts, folders, asked.clone())?);
    }
    if paths.len() > 1 && !opts.json {
        crate::tell!("\n{} runbooks: exit {worst} (the worst of them)", paths.len());
    }
    Ok(ExitCode::from(worst))
}

/// An invalid runbook: its errors on standard error, or one JSON line
/// (`file`, `"verdict": "invalid"`, `errors` as `check --json` gives them).
fn invalid(path: &Path, errors: &[crate::core::runbook::RunbookError], json: bool) -> anyhow::Result<u8> {
    if json {
        let file = sanitize_line(&path.display().to_string());
        let errors: Vec<_> = errors.iter().map(crate::store::check::Finding::error).collect();
        let line = serde_json::json!({ "file": file, "verdict": "invalid", "errors": errors });
        crate::cli::docs::print_bytes(format!("{line}\n").as_bytes())?;
    } else {
        for e in errors {
            crate::say!("{e}");
        }
    }
    Ok(1)
}

/// Runs the check on the runbook at `path`; returns its exit code.
///
/// # Errors
/// When standard output is closed mid-write (other than a closed pipe).
pub fn run(path: &Path, opts: PreflightOptions, folders: Folders<'_>, asked: Asked) -> anyhow::Result<u8> {
    let loaded = match runbook_file::load(path) {
        Ok(l) => l,
        Err(errors) => return invalid(path, &errors, opts.json),
    };
    let redactor = match Redactor::new(&loaded.runbook.redact) {
        Ok(r) => r,
        Err(why) => {
            let e = crate::core::runbook::RunbookError::file(&loaded.path, format!("redact: {why}"));
            return invalid(path, &[e], opts.json);
        }
    };
    let mut evidence = gather(&loaded, &redactor, opts)?;
    evidence.phase = asked;
    if let Some(dir) = folders.ships {
        evidence.plan.records = crate::store::ship::list(dir, &crate::core::review::runbook_key(&loaded.path));
    }
    let answers = preflight::answer(&loaded.runbook, &evidence);
    let recorded = folders.record.and_then(|dir| {
        let key = crate::core::review::runbook_key(&loaded.path);
        let sha = sha256_hex(&loaded.text);
        let record = Record::new(&loaded.runbook, &key, &sha, &answers, &evidence, opts.strict, &redactor);
        // The check's answer stands even when its record cannot be kept.
        crate::store::preflight::write(dir, &loaded.path, &record)
            .map_err(|e| crate::say!("firedrill: the check was not recorded: {}", sanitize_line(&e.to_string())))
            .ok()
            .map(|p| sanitize_line(&p.display().to_string()))
    });
    let text = if opts.json {
        if let Some(p) = &recorded {
            crate::say!("firedrill: recorded {p}");
        }
        json(&loaded.path, &answers)
    } else {
        human(&loaded.runbook, &loaded.path, &answers, opts.strict, recorded.as_deref())
    };
    crate::cli::docs::print_bytes(text.as_bytes())?;
    Ok(preflight::exit_code(&answers, opts.strict))
}

/// Runs the probes the runbook names, when allowed, and stamps the time
/// (UTC, with the local offset for the risky hours).
fn gather(
    loaded: &runbook_file::LoadedRunbook,
    redactor: &Redactor,
    opts: PreflightOptions,
) -> anyhow::Result<ProbeEvidence> {
    let rb = &loaded.runbook;
    let mut evidence = ProbeEvidence {
        now: chrono::Utc::now(),
        utc_offset_secs: chrono::Local::now().offset().local_minus_utc(),
        name_within: opts.within,
        ..ProbeEvidence::default()
    };
    let probe = |p: Option<&toml::Spanned<Vec<String>>>| {
        p.map(|p| Probe { argv: p.get_ref().clone(), timeout: DEFAULT_TIMEOUT.0 })
    };
    let backup = rb.backup.as_ref();
    let wanted = [
        rb.release.probe.clone().map(|argv| Probe { argv, timeout: opts.within }),
        probe(rb.release.known_good_probe.as_ref()),
        probe(backup.and_then(|b| b.probe.as_ref())),
        probe(backup.and_then(|b| b.access_probe.as_ref())),
    ];
    let envs: Vec<(String, Probe)> = rb
        .migration
        .iter()
        .filter(|m| !m.phases.is_empty())
        .flat_map(|m| m.probes.iter())
        .filter_map(|(env, p)| probe(Some(p)).map(|p| (env.clone(), p)))
        .collect();
    if wanted.iter().all(Option::is_none) && envs.is_empty() {
        return Ok(evidence);
    }
    if !opts.trust && !approved(loaded) {
        evidence.not_run =
            Some("this runbook's commands are not approved here (approve them in a drill, or pass --trust)".to_owned());
        return Ok(evidence);
    }
    let mut probes: Vec<Probe> = wanted.iter().flatten().cloned().collect();
    probes.extend(envs.iter().map(|(_, p)| p.clone()));
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut results = run_all(&probes, &cwd, redactor)?.into_iter();
    let [live, known_good, backup, access] = &wanted;
    evidence.live = live.as_ref().and_then(|_| results.next());
    evidence.known_good = known_good.as_ref().and_then(|_| results.next());
    evidence.backup = backup.as_ref().and_then(|_| results.next());
    evidence.access = access.as_ref().and_then(|_| results.next());
    evidence.plan.probes = envs.into_iter().filter_map(|(env, _)| results.next().map(|r| (env, r))).collect();
    Ok(evidence)
}

fn approved(loaded: &runbook_file::LoadedRunbook) -> bool {
    paths::trust_file()
        .is_some_and(|f| trust::status(&f, &loaded.path, &sha256_hex(&loaded.text)) == trust::Trust::Approved)
}

/// One JSON line per answer, each naming its `file` (the path as given)
/// and its `runbook` (the key review groups by), as docs/json.md lists.
fn json(file: &str, answers: &[Answer]) -> String {
    let runbook = crate::core::review::runbook_key(file);
    answers.iter().fold(String::new(), |mut out, a| {
        let mut v = serde_json::to_value(a).unwrap_or_default();
        v["file"] = file.into();
        v["runbook"] = runbook.clone().into();
        let _ = writeln!(out, "{}", crate::core::sanitize::json::to_string(&v).unwrap_or_default());
        out
    })
}

/// Widest line of the human form, in columns (a 100-column screen).
const WIDTH: usize = 100;

/// One screenful: a title, each question with its evidence below it
/// (wrapped at [`WIDTH`]), where it was recorded, and the verdict with its
/// exit code last.
fn human(rb: &Runbook, path: &str, answers: &[Answer], strict: bool, recorded: Option<&str>) -> String {
    let mut out = format!("Pre-release check: {} ({})\n\n", sanitize_line(rb.title()), sanitize_line(path));
    let indent = " ".repeat(11);
    let wrap = textwrap::Options::new(WIDTH).initial_indent(&indent).subsequent_indent(&indent);
    for a in answers {
        let _ = writeln!(out, "{:<10} {}", a.verdict.label(), a.text);
        for line in textwrap::wrap(&a.evidence, &wrap) {
            let _ = writeln!(out, "{line}");
        }
    }
    let count = |v: Grade| answers.iter().filter(|a| a.verdict == v).count();
    let (pass, fail, unknown) = (count(Grade::Pass), count(Grade::Fail), count(Grade::Unknown));
    let warn = match count(Grade::Warn) {
        0 => String::new(),
        n => format!(" · {n} warn"),
    };
    let why = match preflight::exit_code(answers, strict) {
        0 if warn.is_empty() => "all pass",
        0 => "no failure; read the warnings",
        1 if fail == 0 => "unknowns and warnings fail under --strict",
        1 => "a question failed",
        _ => "only unknowns remain",
    };
    let code = preflight::exit_code(answers, strict);
    let _ = writeln!(out, "\n{pass} pass · {fail} fail · {unknown} unknown{warn}: exit {code} ({why})");
    if let Some(p) = recorded {
        let _ = writeln!(out, "recorded in {p}");
    }
    out
}
