//! The range's folder and the files in it: the marker that makes it the
//! range's own, the deploy ledger (one line per deploy, the last is live),
//! the kill-switch store and the running service's record (pid and port).
//! Every write is atomic (temp file, fsync, rename) under a lock file, so
//! two commands at once never lose a deploy; every read is of a regular
//! file only, so a FIFO cannot hang a command.

use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::catalog::{self, Flags};
use crate::store::{atomic, regular};

/// The file that makes a folder the range's own.
pub const MARKER: &str = ".firedrill-practice";
/// The deploy ledger.
pub const LEDGER: &str = "deploys.log";
/// The kill-switch store.
pub const FLAGS: &str = "flags";
/// The running service's record (JSON: pid, port, since).
pub const RECORD: &str = "service.json";
/// What the service writes about itself (started, stopped and why).
pub const LOG: &str = "service.log";
const LOCK: &str = ".lock";
/// Largest state file read (a ledger of some ten thousand deploys).
const LIMIT: u64 = 4 * 1024 * 1024;

/// One line of the deploy ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deploy {
    /// When it was deployed (UTC).
    pub at: DateTime<Utc>,
    /// The release deployed.
    pub release: String,
    /// Who or what deployed it (`start`, `deploy`, `break`).
    pub by: String,
}

/// The running service's record: which process serves which port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeRecord {
    /// The service's process id.
    pub pid: u32,
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    /// When it started (UTC).
    pub since: DateTime<Utc>,
}

/// A range folder (its marker is there).
#[derive(Debug, Clone)]
pub struct Range {
    dir: PathBuf,
}

/// The default range folder: `practice` in the data folder
/// (`$XDG_DATA_HOME/firedrill/practice`, else `~/.local/share/...`).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "firedrill").map(|p| p.data_dir().join("practice"))
}

fn shown(path: &Path) -> String {
    crate::core::sanitize::sanitize_line(&path.display().to_string())
}

impl Range {
    /// The range in `dir`, which must exist and carry the marker.
    ///
    /// # Errors
    /// A sentence naming the folder: missing (start one), or not a range.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        if !dir.is_dir() {
            bail!("no practice range in {}: start one with `firedrill practice start`", shown(dir));
        }
        if !regular::is_regular(&dir.join(MARKER)) {
            bail!("{} is not a practice range folder (it has no {MARKER})", shown(dir));
        }
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        Ok(Self { dir })
    }

    /// Makes `dir` a range (or opens the range already there), with the
    /// known-good release deployed and the kill switch on when new.
    ///
    /// # Errors
    /// A folder that is not the range's own (not empty, no marker), a path
    /// that is not a folder, or an IO error.
    pub fn create(dir: &Path, now: DateTime<Utc>) -> anyhow::Result<Self> {
        if dir.exists() && !dir.is_dir() {
            bail!("{} is not a folder; choose another with --dir", shown(dir));
        }
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", shown(dir)))?;
        if !regular::is_regular(&dir.join(MARKER)) {
            let empty = fs::read_dir(dir).with_context(|| format!("cannot read {}", shown(dir)))?.next().is_none();
            if !empty {
                bail!(
                    "{} is not empty and is not a practice range (no {MARKER}): choose an empty or new folder with --dir",
                    shown(dir)
                );
            }
            atomic::replace(&dir.join(MARKER), b"firedrill practice range 1\n")
                .with_context(|| format!("cannot write {}", shown(&dir.join(MARKER))))?;
        }
        let range = Self::open(dir)?;
        let _lock = range.lock()?;
        if !range.path(LEDGER).exists() {
            range.write_ledger(&[Deploy {
                at: now,
                release: catalog::KNOWN_GOOD.to_owned(),
                by: "start".to_owned(),
            }])?;
        }
        if !range.path(FLAGS).exists() {
            range.write_flags(&catalog::default_flags())?;
        }
        Ok(range)
    }

    /// The range's folder (absolute).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A file of the range.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// True while the marker is there (the folder was not removed).
    pub fn intact(&self) -> bool {
        regular::is_regular(&self.path(MARKER))
    }

    fn lock(&self) -> anyhow::Result<File> {
        let path = self.path(LOCK);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", shown(&path)))?;
        file.lock().with_context(|| format!("cannot lock {}", shown(&path)))?;
        Ok(file)
    }

    fn read(&self, name: &str) -> anyhow::Result<String> {
        let path = self.path(name);
        let bytes = regular::read(&path, LIMIT).with_context(|| format!("cannot read {}", shown(&path)))?;
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", shown(&path)))
    }

    /// Every deploy, oldest first.
    ///
    /// # Errors
    /// An unreadable ledger, or a line that is not `TIME RELEASE BY`.
    pub fn deploys(&self) -> anyhow::Result<Vec<Deploy>> {
        let text = self.read(LEDGER)?;
        let mut deploys = Vec::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut parts = line.splitn(3, ' ');
            let (Some(at), Some(release)) = (parts.next(), parts.next()) else {
                bail!("{}:{}: not `TIME RELEASE BY`", shown(&self.path(LEDGER)), n + 1);
            };
            let at = DateTime::parse_from_rfc3339(at)
                .with_context(|| format!("{}:{}: bad time", shown(&self.path(LEDGER)), n + 1))?
                .with_timezone(&Utc);
            let by = parts.next().unwrap_or_default().trim().to_owned();
            deploys.push(Deploy { at, release: release.to_owned(), by });
        }
        Ok(deploys)
    }

    /// The live release: the ledger's last deploy.
    ///
    /// # Errors
    /// As [`Range::deploys`], or an empty ledger.
    pub fn live(&self) -> anyhow::Result<Deploy> {
        self.deploys()?.pop().with_context(|| format!("{} names no deploy", shown(&self.path(LEDGER))))
    }

    /// Deploys `release` (a release of the catalog) at `now`, by `by`;
    /// returns the release that was live before.
    ///
    /// # Errors
    /// An unknown release (naming the known ones), or an IO error.
    pub fn deploy(&self, release: &str, by: &str, now: DateTime<Utc>) -> anyhow::Result<String> {
        if catalog::find(release).is_none() {
            bail!("no release {release} in the practice range (it has {})", catalog::known_ids());
        }
        let _lock = self.lock()?;
        let mut deploys = self.deploys()?;
        let before = deploys.last().map(|d| d.release.clone()).unwrap_or_default();
        deploys.push(Deploy { at: now, release: release.to_owned(), by: by.to_owned() });
        self.write_ledger(&deploys)?;
        Ok(before)
    }

    fn write_ledger(&self, deploys: &[Deploy]) -> anyhow::Result<()> {
        let mut text =
            String::from("# firedrill practice range: deploy ledger (UTC time, release, by); the last line is live\n");
        for d in deploys {
            let _ = writeln!(text, "{} {} {}", d.at.to_rfc3339_opts(SecondsFormat::Millis, true), d.release, d.by);
        }
        atomic::replace(&self.path(LEDGER), text.as_bytes())
            .with_context(|| format!("cannot write {}", shown(&self.path(LEDGER))))
    }

    /// The kill switches and their states.
    ///
    /// # Errors
    /// An unreadable store, or a line that is not `NAME on|off`.
    pub fn flags(&self) -> anyhow::Result<Flags> {
        let text = self.read(FLAGS)?;
        let mut flags = Flags::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
            let on = match line.split_whitespace().collect::<Vec<_>>()[..] {
                [name, "on"] => (name, true),
                [name, "off"] => (name, false),
                _ => bail!("{}:{}: not `NAME on|off`", shown(&self.path(FLAGS)), n + 1),
            };
            flags.insert(on.0.to_owned(), on.1);
        }
        Ok(flags)
    }

    /// Turns the kill switch `name` on or off; returns its state before.
    ///
    /// # Errors
    /// A switch the range does not have (naming the ones it has), or an IO error.
    pub fn set_flag(&self, name: &str, on: bool) -> anyhow::Result<bool> {
        let _lock = self.lock()?;
        let mut flags = self.flags()?;
        let Some(before) = flags.insert(name.to_owned(), on) else {
            let known: Vec<&str> = flags.keys().filter(|k| *k != name).map(String::as_str).collect();
            bail!("no kill switch {name} in the practice range (it has {})", known.join(", "));
        };
        self.write_flags(&flags)?;
        Ok(before)
    }

    fn write_flags(&self, flags: &Flags) -> anyhow::Result<()> {
        let mut text = String::from("# firedrill practice range: kill switches (name on|off)\n");
        for (name, on) in flags {
            let _ = writeln!(text, "{name} {}", if *on { "on" } else { "off" });
        }
        atomic::replace(&self.path(FLAGS), text.as_bytes())
            .with_context(|| format!("cannot write {}", shown(&self.path(FLAGS))))
    }

    /// The running service's record, if one is there and readable.
    pub fn record(&self) -> Option<RangeRecord> {
        let text = self.read(RECORD).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Writes the service's record.
    ///
    /// # Errors
    /// An IO error.
    pub fn write_record(&self, record: &RangeRecord) -> anyhow::Result<()> {
        let json = serde_json::to_string(record).context("record")?;
        atomic::replace(&self.path(RECORD), format!("{json}\n").as_bytes())
            .with_context(|| format!("cannot write {}", shown(&self.path(RECORD))))
    }

    /// Removes the record if it names `pid` (a newer service's is kept).
    pub fn remove_record(&self, pid: u32) {
        if self.record().is_some_and(|r| r.pid == pid) {
            let _ = fs::remove_file(self.path(RECORD));
        }
    }
}

#[cfg(test)]
mod tests;
