//! Which built-in patterns a line could match at all, asked before a
//! pattern not yet compiled is compiled: each kind lists words one of
//! which every match of it contains ([`Kind::needs`](super::Kind)), and
//! how long the shortest match is, so a line holding none of them, or too
//! short, is left to the others without compiling it.
//! A screen's first frame redacts a title that holds no secret; it then
//! waits for no pattern instead of for half of them (docs/design.md,
//! "First frame"). `redact/tests_gate.rs` proves each kind's words from
//! the syntax of its expression.

/// `text` with each character folded the way the words in `needs` are:
/// ASCII letters to lower case, and the two non-ASCII letters that a
/// case-insensitive expression also takes for an ASCII one (KELVIN SIGN
/// for `k`, LATIN SMALL LETTER LONG S for `s`) to that letter. Folding
/// goes character by character, so a part of `text` folds to a part of
/// the folded text.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(fold_char).collect()
}

/// One character folded as [`fold`] folds it.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{212A}' => 'k',
        '\u{017F}' => 's',
        c => c.to_ascii_lowercase(),
    }
}

/// False only when no match is possible: `folded` (a line passed through
/// [`fold`]) holds none of `needs`; an empty `needs` says nothing.
pub fn may_match(needs: &[&str], folded: &str) -> bool {
    needs.is_empty() || needs.iter().any(|n| folded.contains(n))
}

impl super::Kind {
    /// False only when no match of this kind is possible in `text`: it is
    /// shorter than [`shortest`](super::Kind::shortest), or holds none of
    /// [`needs`](super::Kind::needs) once folded (`folded` keeps the fold
    /// of `text` for the next kind).
    pub fn could_match(&self, text: &str, folded: &mut Option<String>) -> bool {
        text.len() >= self.shortest && may_match(self.needs, folded.get_or_insert_with(|| fold(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, may_match};

    #[test]
    fn folding_keeps_positions_of_letters_that_fold_to_ascii() {
        assert_eq!(fold("Bearer X"), "bearer x");
        assert_eq!(fold("\u{212A}EY \u{017F}ecret é"), "key secret é");
        assert!(may_match(&["secret"], &fold("DB_\u{017F}ECRET=x")));
        assert!(!may_match(&["secret"], &fold("Checkout rollback")));
        assert!(may_match(&[], "anything"));
    }
}
