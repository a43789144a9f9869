//! Redaction of a stream of lines: a PEM private key block spans lines,
//! so the stream remembers being inside one and hides it whole.

use std::sync::LazyLock;

use regex::Regex;

use super::{MASK, Redactor};

/// The end of a PEM private key block.
const PEM_END: &str = r"-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----";

/// The end of a PEM block, compiled once per process on first use.
pub(super) fn pem_end() -> Option<&'static Regex> {
    static COMPILED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(PEM_END).ok());
    COMPILED.as_ref()
}

/// Redacts one stream line by line, remembering an open PEM block.
#[derive(Debug)]
pub struct Stream<'a> {
    redactor: &'a Redactor,
    in_pem: bool,
}

impl<'a> Stream<'a> {
    /// A stream outside any PEM block.
    pub(super) fn new(redactor: &'a Redactor) -> Self {
        Self { redactor, in_pem: false }
    }

    /// One whole line (without its newline), redacted.
    pub fn line(&mut self, line: &str) -> String {
        if self.in_pem {
            if let Some(end) = pem_end().and_then(|re| re.find(line)) {
                self.in_pem = false;
                return format!("{MASK}{}", self.redactor.line(&line[end.end()..]));
            }
            return MASK.to_owned();
        }
        let begins = line.contains("-----BEGIN ") && line.contains("PRIVATE KEY");
        // The end's expression starts with these words: most lines need no pass of it.
        let ends = line.contains("-----END ") && pem_end().is_some_and(|re| re.is_match(line));
        if begins && !ends {
            self.in_pem = true;
        }
        self.redactor.line(line)
    }
}
