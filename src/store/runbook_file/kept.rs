//! What a journal keeps of a runbook and its deck: the redacted copies of
//! their texts (`core::redact::runbook`), each with the sha256 of the file
//! as read, parsed again so the session shows and records only the copy.

use crate::core::event::DeckRecord;
use crate::core::redact::{Redactor, runbook::copy};
use crate::core::runbook::{Deck, Runbook};
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
    /// The runbook and deck as a journal keeps them. A copy that does not
    /// parse alike (never seen; the copy only changes string values and
    /// comments) falls back to the file's runbook for the session, so the
    /// screen never shows less than the file: the journal still keeps
    /// only the copy.
    pub fn kept(&self) -> KeptRunbook {
        let redactor = Redactor::of_patterns(&self.runbook.redact);
        let text = copy(&self.text, &redactor).text;
        let runbook = Runbook::parse(&self.path, &text).unwrap_or_else(|_| self.runbook.clone());
        let deck = self.deck.as_ref().map(|d| d.kept(&redactor, &runbook));
        KeptRunbook { redacted: text != self.text, sha256: sha256_hex(&self.text), text, runbook, deck }
    }
}

impl DeckFile {
    /// The deck as the journal keeps it (its text redacted by `redactor`,
    /// the sha256 of the file), with its cards parsed from that text.
    pub fn kept(&self, redactor: &Redactor, runbook: &Runbook) -> (DeckRecord, Deck) {
        let text = copy(&self.text, redactor).text;
        let deck = Deck::parse(&self.path, &text, runbook).unwrap_or_else(|_| self.deck.clone());
        let record =
            DeckRecord { path: self.path.clone(), redacted: text != self.text, text, sha256: sha256_hex(&self.text) };
        (record, deck)
    }
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
