//! The one redactor (pure text, so it lives in core beside the sanitizer):
//! hides secrets before anything is shown, journaled or written to a
//! postmortem. 31 built-in kinds (`kinds.rs`; listed with the published
//! format each follows in `docs/secrets.md`) plus the runbook's own
//! `redact` expressions. It works on whole lines: a PEM block spans lines,
//! so a [`Stream`] remembers being inside one. The session applies it to
//! every event it records (`Session::apply`), and `runbook.rs` here makes
//! the redacted copy of a runbook or deck a journal keeps.
//!
//! No maintained crate on crates.io offers a pattern set as a library (the
//! secret scanners there are command-line tools), so the table is ours and
//! each kind has a test line in `redact/tests.rs`.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

mod event;
mod gate;
mod kinds;
pub mod runbook;
mod stream;
pub use kinds::{BUILT_IN, Kind};
pub use stream::Stream;

/// What replaces a secret.
pub const MASK: &str = "[redacted]";

/// Largest compiled size of one runbook pattern, in bytes.
const SIZE_LIMIT: usize = 1 << 20;

/// Each built-in pattern, compiled once by whichever thread needs it first.
static PATTERNS: [OnceLock<Option<Regex>>; BUILT_IN.len()] = [const { OnceLock::new() }; BUILT_IN.len()];

/// The `i`-th built-in pattern, compiled now unless it was (`None` when it
/// does not compile with this build's regex features).
fn built_in(i: usize) -> Option<&'static Regex> {
    PATTERNS[i].get_or_init(|| Regex::new(BUILT_IN[i].pattern).ok()).as_ref()
}

/// Compiles the built-in patterns now, first to last, so text typed later
/// does not wait for them (about 3 ms of one core): the app calls it on a
/// thread of its own once a screen's first frame is out; that frame's
/// texts compiled only the patterns they could match (docs/design.md,
/// "First frame").
pub fn warm() {
    for i in 0..BUILT_IN.len() {
        built_in(i);
    }
    let _ = stream::pem_end();
}

/// A set of secret patterns: the built-in ones plus a runbook's own
/// (compiled when the redactor is made). Two redactors are equal when
/// their own patterns are (the built-in ones are the same for all).
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    extra: Vec<Regex>,
}

impl PartialEq for Redactor {
    fn eq(&self, other: &Self) -> bool {
        self.extra.len() == other.extra.len()
            && self.extra.iter().zip(&other.extra).all(|(a, b)| a.as_str() == b.as_str())
    }
}

impl Eq for Redactor {}

/// One pattern as the redactor uses it: name, expression, replacement
/// and the test a match must pass.
type Pattern<'a> = (&'static str, &'a Regex, &'static str, Option<fn(&str) -> bool>);

/// The name `check` gives the runbook's own `redact` patterns.
pub const RUNBOOK_KIND: &str = "secret matching a redact pattern";

impl Redactor {
    /// The built-in patterns alone.
    pub fn built_in() -> Self {
        Self::default()
    }

    /// The built-in patterns plus `extra` (the runbook's `redact`).
    ///
    /// # Errors
    /// The first extra pattern that is not a valid regular expression, with why.
    pub fn new(extra: &[String]) -> Result<Self, String> {
        let extra = extra
            .iter()
            .map(|p| {
                RegexBuilder::new(p)
                    .size_limit(SIZE_LIMIT)
                    .build()
                    .map_err(|e| format!("redact pattern {p:?} is not a valid regular expression: {e}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { extra })
    }

    /// The runbook's `redact` patterns, or the built-in ones alone when one
    /// is invalid (such a runbook is refused before a session starts).
    pub fn of_patterns(extra: &[String]) -> Self {
        Self::new(extra).unwrap_or_default()
    }

    /// `text` with every secret replaced by [`MASK`], line by line (a PEM
    /// block is hidden from its BEGIN line to its END line).
    pub fn apply(&self, text: &str) -> String {
        if !text.contains('\n') {
            return self.line(text);
        }
        let mut stream = self.stream();
        let mut out = String::with_capacity(text.len());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&stream.line(line));
        }
        out
    }

    /// [`Redactor::apply`] in place: `text` is left as it is (no copy)
    /// when it holds no secret.
    pub fn hide(&self, text: &mut String) {
        let hidden = self.apply(text);
        if hidden != *text {
            *text = hidden;
        }
    }

    /// A line-by-line redactor for one output stream.
    pub fn stream(&self) -> Stream<'_> {
        Stream::new(self)
    }

    /// Each argument with its secrets hidden (a multi-line argument as
    /// text, so a PEM block in it goes whole); the value after a flag named
    /// like a secret (`--password X`, `-H 'Authorization: ...'`) or after
    /// a compound secret name (`set aws_secret_access_key X`) too, and a
    /// `MySQL` client's `-pPASSWORD`.
    pub fn argv(&self, argv: &[String]) -> Vec<String> {
        let program = argv.first().map(|p| p.rsplit('/').next().unwrap_or(p)).unwrap_or_default();
        let p_is_password = kinds::PASSWORD_P.contains(&program);
        let mut out = Vec::with_capacity(argv.len());
        let mut hide_next = false;
        for arg in argv {
            if std::mem::take(&mut hide_next) {
                out.push(MASK.to_owned());
                continue;
            }
            hide_next = names_a_secret(arg);
            if p_is_password && arg.len() > 2 && arg.starts_with("-p") && !arg.starts_with("-p=") {
                out.push(format!("-p{MASK}"));
                continue;
            }
            out.push(self.apply(arg));
        }
        out
    }

    /// The name of the pattern that matches first in `line`, with the byte
    /// offset of its match (for `check` warnings).
    pub fn find(&self, line: &str) -> Option<(&'static str, usize)> {
        self.find_all(line).into_iter().next()
    }

    /// Every secret in `line`: the kind and byte offset of each match, in
    /// order of where it starts (a spot two kinds match is named once,
    /// by the first kind in the table).
    pub fn find_all(&self, line: &str) -> Vec<(&'static str, usize)> {
        let mut found: Vec<(&'static str, usize, usize)> = Vec::new();
        for (kind, re, _, accept) in self.patterns() {
            for m in re.find_iter(line).filter(|m| accept.is_none_or(|ok| ok(m.as_str()))) {
                if !found.iter().any(|(_, s, e)| m.start() < *e && *s < m.end()) {
                    found.push((kind, m.start(), m.end()));
                }
            }
        }
        found.sort_by_key(|f| f.1);
        found.into_iter().map(|(k, s, _)| (k, s)).collect()
    }

    /// Every pattern: name, expression, replacement and the test a match
    /// must pass, built-in ones first.
    fn patterns(&self) -> impl Iterator<Item = Pattern<'_>> {
        (0..BUILT_IN.len())
            .filter_map(|i| built_in(i).map(|re| (BUILT_IN[i].name, re, BUILT_IN[i].with, BUILT_IN[i].accept)))
            .chain(self.extra.iter().map(|re| (RUNBOOK_KIND, re, MASK, None)))
    }

    /// One line redacted. A built-in pattern not yet compiled (the warm
    /// thread is still at it) is compiled only if the line could match it
    /// ([`gate`]); a compiled one just runs.
    fn line(&self, line: &str) -> String {
        self.line_gated(line, |i| PATTERNS[i].get().is_none())
    }

    /// [`Redactor::line`], asking the gate for the built-in patterns
    /// `ask` names by index (the tests ask it for all or none).
    fn line_gated(&self, line: &str, ask: impl Fn(usize) -> bool) -> String {
        let mut out: Option<String> = None;
        let mut folded: Option<String> = None;
        for (i, kind) in BUILT_IN.iter().enumerate() {
            let text = out.as_deref().unwrap_or(line);
            if ask(i) && !kind.could_match(text, &mut folded) {
                continue;
            }
            if let Some(next) = built_in(i).and_then(|re| replaced(re, kind.with, kind.accept, text)) {
                out = Some(next);
                folded = None;
            }
        }
        for re in &self.extra {
            if let Some(next) = replaced(re, MASK, None, out.as_deref().unwrap_or(line)) {
                out = Some(next);
            }
        }
        out.unwrap_or_else(|| line.to_owned())
    }
}

/// `text` with each match of `re` that passes `accept` replaced by
/// `with`; `None` when nothing matches.
fn replaced(re: &Regex, with: &str, accept: Option<fn(&str) -> bool>, text: &str) -> Option<String> {
    if !re.is_match(text) {
        return None;
    }
    Some(match accept {
        None => re.replace_all(text, with).into_owned(),
        Some(ok) => re
            .replace_all(text, |c: &regex::Captures<'_>| {
                let m = c.get(0).map_or("", |m| m.as_str());
                if ok(m) { with.to_owned() } else { m.to_owned() }
            })
            .into_owned(),
    })
}

/// True when `arg` names a secret whose value is the next argument: a
/// flag (`--password`, `-token`, `--api-key`) without `=`, or a compound
/// name such as `aws_secret_access_key` or `db-password`.
fn names_a_secret(arg: &str) -> bool {
    if arg.contains('=') || arg.is_empty() {
        return false;
    }
    let name = arg.trim_start_matches('-').to_ascii_lowercase();
    if arg.starts_with('-') {
        return kinds::SECRET_FLAGS.iter().any(|w| name.ends_with(w));
    }
    let compound = name.contains(['_', '-']) && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    compound && kinds::SECRET_NAMES.iter().any(|w| name.contains(w))
}

/// Where credentials are written literally in a runbook's or deck's TOML
/// `text` under `redactor` (the built-in kinds and the runbook's own):
/// 1-based `(line, col, kind)` each, comments included.
pub fn literal_secret_spots(text: &str, redactor: &Redactor) -> Vec<(usize, usize, &'static str)> {
    runbook::copy(text, redactor).spots.into_iter().map(|s| (s.line, s.col, s.kind)).collect()
}

/// The message of a literal credential of `kind` in a runbook or deck.
pub fn literal_secret_message(kind: &str) -> String {
    format!(
        "{kind} written here: read it from the environment instead (journals keep a redacted copy, but the file itself holds it)"
    )
}

/// Warnings for credentials written literally in a runbook's `text`, each
/// `path:line:col: warning: ...`.
pub fn literal_secrets(path: &str, text: &str) -> Vec<String> {
    literal_secret_spots(text, &Redactor::built_in())
        .into_iter()
        .map(|(line, col, kind)| format!("{path}:{line}:{col}: warning: {}", literal_secret_message(kind)))
        .collect()
}

/// `argv` with secrets hidden by the built-in patterns, for every place a
/// command line is shown or saved (pane title, confirm dialog, journal,
/// postmortem).
pub fn redact_argv(argv: &[String]) -> Vec<String> {
    Redactor::built_in().argv(argv)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_copy;
#[cfg(test)]
mod tests_gate;
