//! Where files go: the state dir for running journals, the output folder for
//! finished postmortems (docs/design.md, "The journal").

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// Environment variable naming the output folder.
pub const OUT_ENV: &str = "FIREDRILL_DIR";

/// The extension of a proposal file: `<stem>.runbook.diff`.
pub const PROPOSAL_EXT: &str = "runbook.diff";

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "firedrill")
}

/// The folder for running journals: `state_dir()` (honouring
/// `XDG_STATE_HOME`), else `data_local_dir()`, plus `sessions`; `None` when
/// no home folder can be found.
pub fn sessions_dir() -> Option<PathBuf> {
    let p = project()?;
    let base = p.state_dir().map_or_else(|| p.data_local_dir().to_path_buf(), Path::to_path_buf);
    Some(base.join("sessions"))
}

/// The convention the default folders follow on this system, in words:
/// the XDG base directories on Linux and other Unix systems, the
/// Application Support folder on macOS (as the `directories` crate does).
pub fn convention() -> &'static str {
    if cfg!(target_os = "macos") {
        "macOS: the config, postmortems, sessions and logs are all under ~/Library/Application Support/firedrill"
    } else {
        "XDG base directories: the config in $XDG_CONFIG_HOME (else ~/.config), postmortems in $XDG_DATA_HOME \
         (else ~/.local/share), sessions and logs in $XDG_STATE_HOME (else ~/.local/state), each in firedrill/"
    }
}

/// Checks that sessions can be journaled in `dir` before one starts: the
/// folder is made if missing, and the system is asked whether this process
/// may create files in it (`access(2)`: permissions and a read-only file
/// system; no probe file, which cost a millisecond before the first frame).
/// A full disk shows at the journal's first write, on screen, with the
/// events kept in memory until it can be written.
///
/// # Errors
/// A sentence naming the folder and why it cannot be written, with the
/// way out (`XDG_STATE_HOME`).
pub fn check_writable(dir: &Path) -> Result<(), String> {
    let probe = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let may = nix::unistd::AccessFlags::W_OK | nix::unistd::AccessFlags::X_OK;
        nix::unistd::access(dir, may).map_err(std::io::Error::from)
    };
    probe().map_err(|e| {
        format!(
            "cannot write sessions to {}: {e}; point XDG_STATE_HOME at a writable folder",
            crate::core::sanitize::sanitize_line(&dir.display().to_string())
        )
    })
}

/// The file of runbooks approved to run commands, beside the sessions folder.
pub fn trust_file() -> Option<PathBuf> {
    sessions_dir().and_then(|d| d.parent().map(|p| p.join("trusted.json")))
}

/// The review cache of the folder `dir`, beside the sessions folder: one
/// file a folder (`review-cache-` and 16 hex digits of the sha256 of its
/// absolute path), so scanning two folders in turn (`report --out` into one,
/// review of another) keeps both warm; `None` without a home.
pub fn review_cache(dir: &Path) -> Option<PathBuf> {
    Some(sessions_dir()?.parent()?.join(review_cache_name(dir)))
}

/// The name of folder `dir`'s review cache file.
fn review_cache_name(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let key = crate::store::journal::sha256_hex(&absolute.to_string_lossy());
    format!("review-cache-{}.json", &key[..16])
}

/// The output folder: `--out`, else `$FIREDRILL_DIR`, else
/// `data_dir()/drills`; `None` when none can be found.
pub fn out_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(OUT_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project().map(|p| p.data_dir().join("drills"))
}

/// Where a session's events go while its journal cannot be written, in
/// order of preference: the output folder (`flag` as [`out_dir`] reads
/// it, then the default one), the runtime folder (`XDG_RUNTIME_DIR`), the
/// temp folder. Each once.
pub fn spill_dirs(flag: Option<&Path>) -> Vec<PathBuf> {
    let runtime = directories::BaseDirs::new().and_then(|b| b.runtime_dir().map(Path::to_path_buf));
    let mut dirs: Vec<PathBuf> = Vec::new();
    for d in [out_dir(flag), out_dir(None), runtime, Some(std::env::temp_dir())].into_iter().flatten() {
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    dirs
}

/// A folder as typed into a prompt, made absolute: a leading `~` is the
/// home folder, and a relative path is taken from the current folder (so
/// the path printed afterwards works from anywhere).
pub fn typed_folder(typed: &Path) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let expanded = match typed.strip_prefix("~") {
        Ok(rest) => home().map_or_else(|| typed.to_path_buf(), |h| h.join(rest)),
        Err(_) => typed.to_path_buf(),
    };
    std::path::absolute(&expanded).unwrap_or(expanded)
}

/// The file stem of a finished session: `<UTC date>T<HHMM>Z-<slug>`.
pub fn stem(started: chrono::DateTime<chrono::Utc>, runbook_path: &str) -> String {
    format!("{}-{}", started.format("%Y-%m-%dT%H%MZ"), slug(runbook_path))
}

/// The runbook file stem reduced to `[a-z0-9-]`, at most 60 characters,
/// `session` when nothing is left.
pub fn slug(runbook_path: &str) -> String {
    let name = Path::new(runbook_path).file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "session".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_folder_has_its_own_review_cache_however_it_is_named() {
        let here = std::env::current_dir().expect("cwd");
        let (a, b) = (here.join("drills"), here.join("out"));
        assert_ne!(review_cache_name(&a), review_cache_name(&b));
        assert_eq!(review_cache_name(Path::new("drills")), review_cache_name(&a), "relative or absolute");
        assert!(review_cache_name(&a).starts_with("review-cache-") && review_cache_name(&a).len() == 34);
    }

    #[test]
    fn slug_keeps_only_safe_characters() {
        assert_eq!(slug("runbooks/Onboarding Sign_up!!.toml"), "onboarding-sign-up");
        assert_eq!(slug("../../\u{1b}[31m.toml"), "31m");
        assert_eq!(slug("###.toml"), "session");
        assert_eq!(slug(&format!("{}.toml", "a".repeat(100))).len(), 60);
    }

    #[test]
    fn a_typed_folder_is_absolute_and_tilde_is_home() {
        assert_eq!(typed_folder(Path::new("/srv/out")), PathBuf::from("/srv/out"));
        assert!(typed_folder(Path::new("rel/dir")).is_absolute());
        if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) {
            assert_eq!(typed_folder(Path::new("~/backup")), home.join("backup"));
            assert_eq!(typed_folder(Path::new("~")), home);
        }
        assert_eq!(typed_folder(Path::new("/a/~b")), PathBuf::from("/a/~b"));
    }
}
