//! The user's config file, `config.toml` in the platform's config folder
//! (XDG on Linux, Application Support on macOS; `--config FILE` and
//! `$FIREDRILL_CONFIG` override): the runbooks and output folders, the
//! update cadence, the team roster, theme styles and key overrides. An
//! edge layer like `cli`: it reads one file and hands the
//! screens a finished [`Keymap`] and [`Theme`].

pub mod file;
pub mod keys;
pub mod print;
pub mod theme;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::core::duration::HumanDuration;
use crate::core::runbook::Location;
use crate::core::sanitize::sanitize_line;
use crate::keymap::Keymap;
use crate::theme::Theme;

/// Environment variable naming the config file.
pub const CONFIG_ENV: &str = "FIREDRILL_CONFIG";

/// Largest config file read, in bytes.
pub const MAX_BYTES: u64 = 256 * 1024;

/// One problem in a config file, printed as `path:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The config path as shown to the user.
    pub path: String,
    /// Where the problem is; `None` for the file as a whole.
    pub at: Option<Location>,
    /// What is wrong, sanitized.
    pub message: String,
}

impl ConfigError {
    /// An error at `at` in the file at `path`.
    pub fn at(path: &str, at: Location, message: impl AsRef<str>) -> Self {
        Self { path: sanitize_line(path), at: Some(at), message: sanitize_line(message.as_ref()) }
    }

    /// An error about the file as a whole.
    pub fn file(path: &str, message: impl AsRef<str>) -> Self {
        Self { path: sanitize_line(path), at: None, message: sanitize_line(message.as_ref()) }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}:{}:{}: {}", self.path, at.line, at.col, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// How the config file was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// `--config FILE`.
    Flag,
    /// `$FIREDRILL_CONFIG`.
    Env,
    /// The platform's config folder: XDG on Linux, Application Support on
    /// macOS (the file may not exist).
    Default,
}

/// A setting with the config line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromLine<T> {
    /// The value.
    pub value: T,
    /// The 1-based line of the config file that set it.
    pub line: usize,
}

/// The effective configuration: the file's settings over the defaults.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file, and how it was chosen; `None` without a home folder.
    pub path: Option<(PathBuf, Chosen)>,
    /// Whether that file exists and was read.
    pub read: bool,
    /// The runbooks folder for the home screen, if the file sets one.
    pub runbooks: Option<FromLine<PathBuf>>,
    /// The output folder, if the file sets one.
    pub out: Option<FromLine<PathBuf>>,
    /// The status update cadence when a runbook sets none, if the file sets one.
    pub update_every: Option<FromLine<HumanDuration>>,
    /// Names offered on the roles screen, in the file's order.
    pub team: Option<FromLine<Vec<String>>>,
    /// The default keymap with the file's `[keys]` over it.
    pub keymap: Keymap,
    /// The line of each `(context, action)` the file rebinds.
    pub key_lines: keys::Overrides,
    /// The theme with the file's `[theme]` over it.
    pub theme: Theme,
    /// The styles the file sets, with their lines.
    pub theme_lines: Vec<(String, usize)>,
}

impl Config {
    /// The defaults alone, as if no config file existed.
    pub fn defaults(no_color: bool) -> Self {
        Self {
            path: None,
            read: false,
            runbooks: None,
            out: None,
            update_every: None,
            team: None,
            keymap: Keymap::default_keys(),
            key_lines: keys::Overrides::new(),
            theme: Theme::pick(no_color),
            theme_lines: Vec::new(),
        }
    }

    /// Parses config `text`; `shown` labels errors and `base` is the folder
    /// relative paths are resolved against (`~/` means the home folder).
    ///
    /// # Errors
    /// Every problem in the file, sorted by position.
    pub fn parse(shown: &str, text: &str, base: &Path, no_color: bool) -> Result<Self, Vec<ConfigError>> {
        let (raw, mut errors) = file::read(shown, text)?;
        let mut cfg = Self::defaults(no_color);
        match keys::overlay(shown, &mut cfg.keymap, &raw.keys) {
            Ok(lines) => cfg.key_lines = lines,
            Err(e) => errors.extend(e),
        }
        match theme::overlay(shown, &mut cfg.theme, &raw.theme, no_color) {
            Ok(lines) => cfg.theme_lines = lines,
            Err(e) => errors.extend(e),
        }
        let folder = |l: &file::Located<String>| FromLine { value: resolve(base, &l.value), line: l.at.line };
        cfg.runbooks = raw.runbooks.as_ref().map(folder);
        cfg.out = raw.out.as_ref().map(folder);
        cfg.update_every = raw.update_every.map(|l| FromLine { value: l.value, line: l.at.line });
        cfg.team = raw.team.map(|l| FromLine {
            value: l.value.iter().map(|n| sanitize_line(n.trim())).filter(|n| !n.is_empty()).collect(),
            line: l.at.line,
        });
        if errors.is_empty() {
            Ok(cfg)
        } else {
            errors.sort_by_key(|e| e.at.map(|a| (a.line, a.col)));
            Err(errors)
        }
    }

    /// The team roster, empty when the file names none.
    pub fn team(&self) -> Vec<String> {
        self.team.as_ref().map(|t| t.value.clone()).unwrap_or_default()
    }
}

/// `~/x` under the home folder, an absolute path as is, else under `base`.
fn resolve(base: &Path, written: &str) -> PathBuf {
    if let Some(rest) = written.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    let p = Path::new(written);
    if p.is_absolute() { p.to_path_buf() } else { base.join(p) }
}

/// Which config file to read: `flag`, else `$FIREDRILL_CONFIG`, else
/// `config.toml` in the platform's config folder (XDG on Linux,
/// Application Support on macOS); `None` without a home folder.
pub fn locate(flag: Option<&Path>) -> Option<(PathBuf, Chosen)> {
    if let Some(p) = flag {
        return Some((p.to_path_buf(), Chosen::Flag));
    }
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(p), Chosen::Env));
    }
    directories::ProjectDirs::from("", "", "firedrill").map(|d| (d.config_dir().join("config.toml"), Chosen::Default))
}

/// Finds and reads the config file (see [`locate`]); a missing file at the
/// default location gives the defaults.
///
/// # Errors
/// A named file that is missing, a folder, too large or not UTF-8, and
/// every problem [`Config::parse`] finds.
pub fn load(flag: Option<&Path>, no_color: bool) -> Result<Config, Vec<ConfigError>> {
    let Some((path, chosen)) = locate(flag) else { return Ok(Config::defaults(no_color)) };
    let shown = path.display().to_string();
    let fail = |m: String| vec![ConfigError::file(&shown, m)];
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && chosen == Chosen::Default => {
            return Ok(Config { path: Some((path, chosen)), ..Config::defaults(no_color) });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(fail("no such config file".to_owned())),
        Err(e) => return Err(fail(format!("cannot read config: {e}"))),
    };
    if !meta.is_file() {
        return Err(fail("is not a regular file; a config is a TOML file".to_owned()));
    }
    if meta.len() > MAX_BYTES {
        return Err(fail(format!("config is larger than {} KiB", MAX_BYTES / 1024)));
    }
    let bytes = std::fs::read(&path).map_err(|e| fail(format!("cannot read config: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| fail("invalid UTF-8: save the config as UTF-8".to_owned()))?;
    let base = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let cfg = Config::parse(&shown, &text, &base, no_color)?;
    Ok(Config { path: Some((path, chosen)), read: true, ..cfg })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_folders_are_under_the_config_folder() {
        let cfg = Config::parse("c.toml", "runbooks = \"rb\"\nout = \"/abs/out\"\n", Path::new("/etc/fd"), false)
            .expect("valid");
        assert_eq!(cfg.runbooks.map(|r| (r.value, r.line)), Some((PathBuf::from("/etc/fd/rb"), 1)));
        assert_eq!(cfg.out.map(|o| o.value), Some(PathBuf::from("/abs/out")));
    }

    #[test]
    fn every_error_is_reported_in_file_order() {
        let text = "teem = []\n[keys.drill]\npause = [\"s\"]\n[theme]\nkey = \"neon\"\n";
        let errors = Config::parse("c.toml", text, Path::new("/"), false).expect_err("three mistakes");
        let at: Vec<(usize, usize)> = errors.iter().filter_map(|e| e.at.map(|a| (a.line, a.col))).collect();
        assert_eq!(at, vec![(1, 1), (3, 10), (5, 7)], "{errors:?}");
        assert!(errors[0].message.contains("did you mean `team`?"), "{errors:?}");
    }

    #[test]
    fn team_names_are_trimmed_sanitized_and_blank_ones_dropped() {
        let cfg = Config::parse("c.toml", "team = [\" Ana \", \"\", \"B\\u001b[31m\"]\n", Path::new("/"), false)
            .expect("valid");
        assert_eq!(cfg.team(), vec!["Ana".to_owned(), "B\\u{1b}[31m".to_owned()]);
    }
}
