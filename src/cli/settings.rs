//! The settings a command runs with: the config file (errors printed as
//! `path:line:col`), the output and runbooks folders with where each came
//! from (flag, environment, config line, default), `firedrill config`, and
//! the config's status update cadence given to runbooks that set none.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Common, docs};
use crate::config::print::Origin;
use crate::config::{self, Config};
use crate::core::sanitize::sanitize_line;
use crate::store::{paths, runbook_file};

/// Reads the config named by `common` (or found by default); prints every
/// error as `path:line:col: message` and gives `None` when it is broken.
pub fn load_config(common: &Common) -> Option<Config> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match config::load(common.config.as_deref(), no_color) {
        Ok(c) => Some(c),
        Err(errors) => {
            for e in errors {
                crate::say!("{e}");
            }
            None
        }
    }
}

/// The output folder with its source: `--out`, else `$FIREDRILL_DIR`, else
/// the config's `out`, else `data_dir()/drills` (docs/design.md, "The journal").
pub fn out_folder(flag: Option<&Path>, cfg: &Config) -> Option<(PathBuf, Origin)> {
    if let Some(p) = flag {
        return Some((p.to_path_buf(), Origin::Flag("--out")));
    }
    if let Some(p) = std::env::var_os(paths::OUT_ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(p), Origin::Env(paths::OUT_ENV)));
    }
    if let Some(o) = &cfg.out {
        return Some((o.value.clone(), Origin::Line(o.line)));
    }
    paths::out_dir(None).map(|p| (p, Origin::Default("the data folder's drills")))
}

/// What to hand the screens as `--out`: the folder unless it is the default.
pub fn out_arg(flag: Option<&Path>, cfg: &Config) -> Option<PathBuf> {
    out_folder(flag, cfg).filter(|(_, s)| matches!(s, Origin::Flag(_) | Origin::Line(_))).map(|(p, _)| p)
}

/// The runbooks folder with its source: `--runbooks`, else the config's
/// `runbooks`, else `./runbooks`.
pub fn runbooks_folder(flag: Option<PathBuf>, cfg: &Config) -> (PathBuf, Origin) {
    match (flag, &cfg.runbooks) {
        (Some(p), _) => (p, Origin::Flag("--runbooks")),
        (None, Some(r)) => (r.value.clone(), Origin::Line(r.line)),
        (None, None) => (PathBuf::from("runbooks"), Origin::Default("./runbooks")),
    }
}

/// `firedrill config [--print]`: where the config is, or every value with its source.
///
/// # Errors
/// A closed standard output.
pub fn config_cmd(print: bool, runbooks: Option<PathBuf>, common: &Common, cfg: &Config) -> anyhow::Result<ExitCode> {
    let (runbooks, rsrc) = runbooks_folder(runbooks, cfg);
    let out = out_folder(common.out.as_deref(), cfg);
    if !print {
        let shown = cfg.path.as_ref().map_or_else(|| "none".to_owned(), |(p, _)| p.display().to_string());
        crate::tell!(
            "config file: {}\n(firedrill config --print shows every value and its source)",
            sanitize_line(&shown)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = config::print::render(cfg, (&runbooks, &rsrc), out.as_ref().map(|(p, s)| (p.as_path(), s)));
    let level = std::env::var(crate::logging::LOG_ENV).ok();
    let source = if level.is_some() { "from $FIREDRILL_LOG" } else { "default" };
    let logs = crate::logging::log_dir().map_or_else(|| "none".to_owned(), |d| d.display().to_string());
    let _ = writeln!(
        text,
        "\n# logs: {} (level {}, {source}; not set in this file)",
        sanitize_line(&logs),
        crate::logging::level(level.as_deref())
    );
    let sessions = paths::sessions_dir().map_or_else(|| "none".to_owned(), |d| d.display().to_string());
    let _ = writeln!(text, "# sessions: {} (running journals; not set in this file)", sanitize_line(&sessions));
    let _ = writeln!(text, "# folders: {}", paths::convention());
    docs::print_bytes(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The runbooks of the home screen, each with the config's status update
/// cadence for when it sets none.
pub fn with_cadence(mut entries: Vec<runbook_file::Entry>, cfg: &Config) -> Vec<runbook_file::Entry> {
    for e in &mut entries {
        if let Ok(l) = &mut e.loaded {
            l.update_every = cfg.update_every.as_ref().map(|u| u.value);
        }
    }
    entries
}

/// What a command that reads the config has: the flags as merged (the
/// subcommand's over the outer ones), the config, and the output folder a
/// flag or the config's line named.
pub struct Settings {
    /// The flags, the subcommand's over the outer ones.
    pub common: Common,
    /// The config as read.
    pub cfg: Config,
    /// The output folder a flag or a config line named.
    pub out: Option<PathBuf>,
}

impl Settings {
    /// Loads the config for a command given `own` flags (after the
    /// subcommand) over `outer` ones; for a command that reads sessions,
    /// first finishes saves a kill interrupted. `None` when the config is
    /// broken (already said on stderr).
    pub fn load(own: &Common, outer: &Common, reads_sessions: bool) -> Option<Self> {
        let common = own.clone().or(outer);
        let cfg = load_config(&common)?;
        let out = out_arg(common.out.as_deref(), &cfg);
        if reads_sessions {
            crate::cli::files::recover_saves(out_folder(common.out.as_deref(), &cfg).map(|(p, _)| p).as_deref());
        }
        Some(Self { common, cfg, out })
    }

    /// The output folder for a command that writes beside the sessions.
    pub fn folder(&self) -> Option<PathBuf> {
        out_folder(self.common.out.as_deref(), &self.cfg).map(|(p, _)| p)
    }
}
