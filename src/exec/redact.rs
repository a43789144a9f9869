//! Hiding secrets in command output before it is shown, journaled or
//! written to a postmortem: built-in patterns for common tokens and
//! `Authorization` headers, plus the runbook's own `redact` expressions.

use regex::Regex;

/// What replaces a secret.
pub const MASK: &str = "[redacted]";

/// Built-in secret patterns: headers, bearer tokens, cloud and chat tokens,
/// JWTs, and `password=`/`token:`-style assignments.
const BUILT_IN: [&str; 8] = [
    r"(?i)authorization:\s*\S.*",
    r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}",
    r"\bgh[pousr]_[A-Za-z0-9]{20,}",
    r"\bAKIA[0-9A-Z]{16}\b",
    r"\bxox[abprs]-[A-Za-z0-9-]{10,}",
    r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}",
    r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}",
    r"(?i)(?:password|passwd|secret|token|api[_-]?key)\s*[=:]\s*\S+",
];

/// A compiled set of secret patterns.
#[derive(Debug, Clone)]
pub struct Redactor {
    patterns: Vec<Regex>,
}

impl Redactor {
    /// The built-in patterns alone.
    pub fn built_in() -> Self {
        Self { patterns: BUILT_IN.iter().filter_map(|p| Regex::new(p).ok()).collect() }
    }

    /// The built-in patterns plus `extra` (the runbook's `redact`).
    ///
    /// # Errors
    /// The first extra pattern that is not a valid regular expression, with why.
    pub fn new(extra: &[String]) -> Result<Self, String> {
        let mut patterns = Self::built_in().patterns;
        for p in extra {
            patterns.push(
                Regex::new(p).map_err(|e| format!("redact pattern {p:?} is not a valid regular expression: {e}"))?,
            );
        }
        Ok(Self { patterns })
    }

    /// `line` with every secret replaced by [`MASK`].
    pub fn apply(&self, line: &str) -> String {
        let mut out = line.to_owned();
        for p in &self.patterns {
            if p.is_match(&out) {
                out = p.replace_all(&out, MASK).into_owned();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_tokens_and_headers_are_hidden() {
        let r = Redactor::new(&[]).expect("built-ins compile");
        assert_eq!(r.apply("Authorization: Bearer abc.def.ghi"), MASK);
        assert_eq!(r.apply("using ghp_0123456789abcdefghijABCDEFGHIJ now"), format!("using {MASK} now"));
        assert_eq!(r.apply("key AKIAABCDEFGHIJKLMNOP"), format!("key {MASK}"));
        assert_eq!(r.apply("DB_PASSWORD=hunter2 ok"), format!("DB_{MASK} ok"));
        assert_eq!(r.apply("deploy ok: prod-2026-10-30.1"), "deploy ok: prod-2026-10-30.1");
    }

    #[test]
    fn runbook_patterns_add_to_them_and_bad_ones_are_refused() {
        let r = Redactor::new(&[r"acct-\d{6}".to_owned()]).expect("valid");
        assert_eq!(r.apply("account acct-123456"), format!("account {MASK}"));
        assert!(Redactor::new(&["(".to_owned()]).is_err_and(|e| e.contains("not a valid regular expression")));
    }
}
