//! Reading runbook files: size limit, UTF-8 check with a location, then the
//! core parser. Every failure is a located [`RunbookError`], never a panic.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::core::runbook::{Deck, Runbook, RunbookError};

mod kept;
pub use kept::{KeptRunbook, unchanged};

/// Largest runbook read, in bytes; a runbook is one page.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The runbook template `firedrill new` writes.
pub const TEMPLATE: &str = include_str!("../../assets/runbook-template.toml");

/// A runbook loaded from disk with its exact text.
#[derive(Debug, Clone)]
pub struct LoadedRunbook {
    /// The path as given.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// The parsed runbook.
    pub runbook: Runbook,
    /// The team config's status update cadence, used when the runbook sets
    /// none (recorded in the journal header, so resume and report agree).
    pub update_every: Option<crate::core::duration::HumanDuration>,
    /// The deck of inject cards given with `--injects`, when one was.
    pub deck: Option<DeckFile>,
}

/// Reads and parses the runbook at `path`.
///
/// # Errors
/// One or more [`RunbookError`]s: a missing file, a folder, a file over
/// [`MAX_BYTES`], invalid UTF-8 (with its location), or what the parser finds.
pub fn load(path: &Path) -> Result<LoadedRunbook, Vec<RunbookError>> {
    let (shown, text) = read_text(path, "runbook")?;
    parse(shown, text)
}

/// What [`load`] gives for a runbook read from `reader` (standard input for
/// `check -`), labelled `shown` in errors (`<stdin>:line:col`); at most
/// [`MAX_BYTES`] are read.
///
/// # Errors
/// As [`load`]: a read error, too large, invalid UTF-8, or what the parser finds.
pub fn load_from(shown: &str, reader: impl Read) -> Result<LoadedRunbook, Vec<RunbookError>> {
    let bytes = read_capped(reader, shown, "runbook")?;
    parse(shown.to_owned(), utf8(shown, bytes, "runbook")?)
}

fn parse(shown: String, text: String) -> Result<LoadedRunbook, Vec<RunbookError>> {
    if text.trim().is_empty() {
        return Err(vec![RunbookError::file(&shown, "the runbook is empty: start from `firedrill new PATH`")]);
    }
    let runbook = Runbook::parse(&shown, &text)?;
    let bad = check_redact(&shown, &text);
    if !bad.is_empty() {
        return Err(bad);
    }
    Ok(LoadedRunbook { path: shown, text, runbook, update_every: None, deck: None })
}

/// A deck of inject cards read from disk (`--injects FILE`), with its text.
#[derive(Debug, Clone)]
pub struct DeckFile {
    /// The path as given.
    pub path: String,
    /// The file's text (the journal keeps its redacted copy).
    pub text: String,
    /// The parsed deck.
    pub deck: Deck,
}

/// Reads the deck at `path` and checks it against `runbook`.
///
/// # Errors
/// One or more [`RunbookError`]s, as [`load`] gives for a runbook, and
/// each card effect that names a check, kill switch or probe `runbook` lacks.
pub fn load_deck(path: &Path, runbook: &Runbook) -> Result<DeckFile, Vec<RunbookError>> {
    let (shown, text) = read_text(path, "deck")?;
    let deck = Deck::parse(&shown, &text, runbook)?;
    Ok(DeckFile { path: shown, text, deck })
}

/// The text of the file at `path` (a `what`: runbook or deck), with the
/// path as shown in errors.
fn read_text(path: &Path, what: &str) -> Result<(String, String), Vec<RunbookError>> {
    let shown = crate::core::sanitize::sanitize_line(&path.display().to_string());
    let fail = |message: String| vec![RunbookError::file(&shown, message)];
    let too_large = || format!("{what} is larger than {} KiB; a {what} is one page", MAX_BYTES / 1024);
    let file = crate::store::regular::open(path, MAX_BYTES).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidInput if e.to_string().contains("folder") => {
            fail(format!("is a folder, not a {what} file"))
        }
        std::io::ErrorKind::InvalidInput => fail(e.to_string()),
        std::io::ErrorKind::FileTooLarge => fail(too_large()),
        _ => fail(format!("cannot read {what}: {}", io_reason(&e))),
    })?;
    let bytes = read_capped(file, &shown, what)?;
    Ok((shown.clone(), utf8(&shown, bytes, what)?))
}

/// At most [`MAX_BYTES`] of `reader`; more is refused as too large.
fn read_capped(reader: impl Read, shown: &str, what: &str) -> Result<Vec<u8>, Vec<RunbookError>> {
    let fail = |message: String| vec![RunbookError::file(shown, message)];
    // Room for a whole page at once: an empty vector reads 32 bytes, then
    // doubles (eight reads for a 2 KB runbook).
    let mut bytes = Vec::with_capacity(16 << 10);
    reader
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read {what}: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(fail(format!("{what} is larger than {} KiB; a {what} is one page", MAX_BYTES / 1024)));
    }
    Ok(bytes)
}

/// `bytes` as text, or the place of the first byte that is not UTF-8.
fn utf8(shown: &str, bytes: Vec<u8>, what: &str) -> Result<String, Vec<RunbookError>> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            Err(vec![RunbookError::at(shown, &prefix, valid, None, format!("invalid UTF-8: save the {what} as UTF-8"))])
        }
    }
}

/// Largest compiled size of one `redact` pattern, in bytes.
pub const REDACT_SIZE_LIMIT: usize = 1 << 20;

/// Every `redact` entry of `text` that is not a valid regular expression,
/// located at its string (`path:line:col`).
pub fn check_redact(path: &str, text: &str) -> Vec<RunbookError> {
    #[derive(serde::Deserialize)]
    struct Patterns {
        #[serde(default)]
        redact: Vec<toml::Spanned<String>>,
    }
    let Ok(found) = toml::from_str::<Patterns>(text) else { return Vec::new() };
    found
        .redact
        .iter()
        .filter_map(|p| {
            let why = regex::RegexBuilder::new(p.get_ref()).size_limit(REDACT_SIZE_LIMIT).build().err()?;
            let first = why.to_string().lines().last().unwrap_or_default().trim().to_owned();
            let mut message = format!("not a valid regular expression: {}", first.trim_start_matches("error: "));
            if first.contains("Unicode property") {
                // The release binary links no property tables (Cargo.toml, regex).
                message.push_str(" (no \\p{..} classes: spell the characters out, such as [α-ω])");
            }
            Some(RunbookError::at(path, text, p.span().start, Some("redact"), message))
        })
        .collect()
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// A runbook found in a folder, for the home screen.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub path: std::path::PathBuf,
    /// The runbook, or why it does not load (its first error).
    pub loaded: Result<LoadedRunbook, RunbookError>,
    /// Its drill on the calendar (`<stem>.ics` beside it, from
    /// `firedrill schedule`), when there is one that reads.
    pub schedule: Option<crate::core::schedule::Scheduled>,
}

/// The `*.toml` files directly in `dir`, sorted by name, each loaded with
/// its calendar file; an unreadable folder gives an empty list.
pub fn list(dir: &Path) -> Vec<Entry> {
    let Ok(read) = fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<std::path::PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| Entry {
            loaded: load(&path).map_err(|mut e| e.remove(0)),
            schedule: crate::store::schedule::read(&crate::store::schedule::beside(&path)).ok(),
            path,
        })
        .collect()
}
