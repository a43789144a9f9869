//! What a journal keeps of a runbook and its deck: the redacted copies of
//! their texts (`core::redact::runbook`), each with the sha256 of the file
//! as read, parsed again so the session shows and records only the copy.

use crate::core::event::DeckRecord;
use crate::core::redact::{Redactor, runbook::copy};
use crate::core::runbook::{Deck, Runbook, RunbookError};
use crate::store::journal::sha256_hex;

use super::{DeckFile, LoadedRunbook};

/// A runbook (and deck) as the journal keeps it.
#[derive(Debug, Clone)]
pub struct KeptRunbook {
    /// The runbook text to keep: the file's, with its secrets masked.
    pub text: String,
    /// True when `text` differs from the file (secrets were masked).
    pub redacted: bool,
    /// The sha256 of the file as read.
    pub sha256: String,
    /// `text` parsed: what the session derives its steps from and shows.
    pub runbook: Runbook,
    /// The deck as kept, with its cards parsed from the kept text.
    pub deck: Option<(DeckRecord, Deck)>,
}

impl LoadedRunbook {
    /// The runbook and deck as a journal keeps them.
    ///
    /// # Errors
    /// When a copy does not read (a redact pattern masked a value that
    /// must parse, such as a duration): a journal keeping it could never
    /// be resumed or reported, so no session starts from it.
    pub fn kept(&self) -> Result<KeptRunbook, RunbookError> {
        let redactor = Redactor::of_patterns(&self.runbook.redact);
        let text = copy(&self.text, &redactor).text;
        let runbook = Runbook::parse(&self.path, &text).map_err(|e| unreadable_copy(&self.path, e))?;
        let deck = self.deck.as_ref().map(|d| d.kept(&redactor, &runbook)).transpose()?;
        Ok(KeptRunbook { redacted: text != self.text, sha256: sha256_hex(&self.text), text, runbook, deck })
    }
}

impl DeckFile {
    /// The deck as the journal keeps it (its text redacted by `redactor`,
    /// the sha256 of the file), with its cards parsed from that text.
    ///
    /// # Errors
    /// As [`LoadedRunbook::kept`], for the deck's copy.
    pub fn kept(&self, redactor: &Redactor, runbook: &Runbook) -> Result<(DeckRecord, Deck), RunbookError> {
        let text = copy(&self.text, redactor).text;
        let deck = Deck::parse(&self.path, &text, runbook).map_err(|e| unreadable_copy(&self.path, e))?;
        let record =
            DeckRecord { path: self.path.clone(), redacted: text != self.text, text, sha256: sha256_hex(&self.text) };
        Ok((record, deck))
    }
}

/// The first of `errors` of a file's copy with its secrets masked, said as
/// what it is: the mask broke a value the copy must read.
fn unreadable_copy(path: &str, errors: Vec<RunbookError>) -> RunbookError {
    let Some(mut e) = errors.into_iter().next() else {
        return RunbookError::file(path, "its copy with the secrets masked does not read: narrow the redact patterns");
    };
    e.message = format!(
        "a redact pattern masks this value, and the copy a journal keeps must still read ({}): narrow the pattern",
        e.message
    );
    e.code = "redact-breaks-copy";
    e
}

/// The runbook file at `path` when its sha256 is still `sha256` (the file
/// a session started with, whose journal keeps a redacted copy).
///
/// # Errors
/// How the file differs, or why it cannot be read, in words that follow
/// its path.
pub fn unchanged(path: &str, sha256: &str) -> Result<Runbook, String> {
    match super::load(std::path::Path::new(path)) {
        Ok(l) if sha256_hex(&l.text) == sha256 => Ok(l.runbook),
        Ok(_) => Err("has changed since the session started (its sha256 differs)".to_owned()),
        Err(e) => Err(format!("cannot be read ({})", e.first().map_or("", |e| e.message.as_str()))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::load_from;

    const RUNBOOK: &str = include_str!("../../../runbooks/onboarding-signup.toml");

    #[test]
    fn a_copy_that_reads_is_kept_and_one_that_does_not_is_refused() {
        let secret = RUNBOOK.replace("timebox = \"30m\"\n", "timebox = \"30m\"\nredact = [\"Node 20\"]\n");
        let kept = load_from("rb.toml", secret.as_bytes()).expect("loads").kept().expect("the copy reads");
        assert!(kept.redacted && !kept.text.contains("runtime = \"Node 20.11\""), "masked in the copy");
        let broken = RUNBOOK.replace("timebox = \"30m\"\n", "timebox = \"30m\"\nredact = [\"30m\"]\n");
        let e = load_from("rb.toml", broken.as_bytes()).expect("the file itself loads").kept().expect_err("refused");
        assert_eq!((e.code, e.field.as_deref()), ("redact-breaks-copy", Some("timebox")));
        assert!(e.to_string().starts_with("rb.toml:6:11: timebox: a redact pattern masks this value"), "{e}");
    }
}
