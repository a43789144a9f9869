//! The one redactor (pure text, so it lives in core beside the sanitizer):
//! hides secrets before anything is shown, journaled or written to a
//! postmortem. Built-in patterns (GitHub, AWS, Slack, Stripe
//! tokens, JWTs, `Authorization` headers, passwords in URLs, `password`/
//! `secret`/`token` values in JSON, YAML, TOML and env form, PEM private key
//! blocks) plus the runbook's own `redact` expressions. It works on whole
//! lines: a PEM block spans lines, so a [`Stream`] remembers being inside one.
//!
//! No maintained crate on crates.io offers a pattern set as a library (the
//! secret scanners there are command-line tools), so the table is ours and
//! each pattern has a test line in `redact/tests.rs`.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

/// What replaces a secret.
pub const MASK: &str = "[redacted]";

/// Largest compiled size of one runbook pattern, in bytes.
const SIZE_LIMIT: usize = 1 << 20;

/// A built-in pattern: its name (for `check` warnings), the expression, and
/// the replacement (`$k` keeps the group named `k`, such as a header name).
const BUILT_IN: [(&str, &str, &str); 14] = [
    ("private key", r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----.*", MASK),
    ("Authorization header", r"(?i)(?P<k>\b(?:proxy-)?authorization\s*[:=]\s*)\S.*", "${k}[redacted]"),
    ("bearer token", r"(?i)(?P<k>\bbearer\s+)[A-Za-z0-9._~+/=-]{8,}", "${k}[redacted]"),
    ("basic credentials", r"(?i)(?P<k>\bbasic\s+)[A-Za-z0-9+/]{8,}={0,2}", "${k}[redacted]"),
    ("password in a URL", r"(?P<k>[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:)[^\s@/]+@", "${k}[redacted]@"),
    ("GitHub token", r"gh[pousr]_[A-Za-z0-9]{20,}", MASK),
    ("GitHub fine-grained token", r"github_pat_[A-Za-z0-9_]{20,}", MASK),
    ("AWS access key id", r"(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]{16}", MASK),
    (
        "AWS secret access key",
        r#"(?i)(?P<k>aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{20,}"#,
        "${k}[redacted]",
    ),
    ("Slack token", r"xox[abposr]-[A-Za-z0-9-]{10,}|hooks\.slack\.com/services/[A-Za-z0-9/_-]+", MASK),
    ("Stripe key", r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{10,}", MASK),
    ("JSON web token", r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}", MASK),
    (
        "URL token parameter",
        r"(?i)(?P<k>[?&](?:access_token|token|key|sig|signature|password)=)[^&\s]+",
        "${k}[redacted]",
    ),
    (
        "password, secret or token value",
        r#"(?i)(?P<k>[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]*["']?\s*(?:=|:)\s*)(?:"[^"]*"|'[^']*'|[^\s,;}\]\[&"'][^\s,;}\]&]*)"#,
        "${k}[redacted]",
    ),
];

/// The end of a PEM private key block.
const PEM_END: &str = r"-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----";

/// The built-in patterns, compiled once per process on first use (so a
/// screen that redacts nothing never pays for them).
fn built_ins() -> &'static [(&'static str, Regex, &'static str)] {
    static COMPILED: LazyLock<Vec<(&'static str, Regex, &'static str)>> =
        LazyLock::new(|| BUILT_IN.iter().filter_map(|(n, p, r)| Regex::new(p).ok().map(|re| (*n, re, *r))).collect());
    &COMPILED
}

/// The end of a PEM block, compiled once per process on first use.
fn pem_end() -> Option<&'static Regex> {
    static COMPILED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(PEM_END).ok());
    COMPILED.as_ref()
}

/// A set of secret patterns: the built-in ones plus a runbook's own
/// (compiled when the redactor is made).
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    extra: Vec<Regex>,
}

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

    /// `text` with every secret replaced by [`MASK`], line by line (a PEM
    /// block is hidden from its BEGIN line to its END line).
    pub fn apply(&self, text: &str) -> String {
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

    /// A line-by-line redactor for one output stream.
    pub fn stream(&self) -> Stream<'_> {
        Stream { redactor: self, in_pem: false }
    }

    /// Each argument with its secrets hidden; the value after a flag named
    /// like a secret (`--password X`, `-H 'Authorization: ...'`) too.
    pub fn argv(&self, argv: &[String]) -> Vec<String> {
        let mut out = Vec::with_capacity(argv.len());
        let mut hide_next = false;
        for arg in argv {
            if std::mem::take(&mut hide_next) {
                out.push(MASK.to_owned());
                continue;
            }
            let flag = arg.trim_start_matches('-').to_ascii_lowercase();
            hide_next = arg.starts_with('-')
                && !arg.contains('=')
                && ["password", "passwd", "secret", "token", "api-key", "apikey", "api_key", "key"]
                    .iter()
                    .any(|w| flag.ends_with(w));
            out.push(self.line(arg));
        }
        out
    }

    /// The name of the pattern that matches first in `line`, with the byte
    /// offset of its match (for `check` warnings).
    pub fn find(&self, line: &str) -> Option<(&'static str, usize)> {
        self.patterns().filter_map(|(name, re, _)| re.find(line).map(|m| (name, m.start()))).min_by_key(|f| f.1)
    }

    /// Every pattern: name, expression and replacement, built-in ones first.
    fn patterns(&self) -> impl Iterator<Item = (&'static str, &Regex, &'static str)> {
        built_ins()
            .iter()
            .map(|(n, re, with)| (*n, re, *with))
            .chain(self.extra.iter().map(|re| ("runbook redact pattern", re, MASK)))
    }

    fn line(&self, line: &str) -> String {
        let mut out = line.to_owned();
        for (_, re, with) in self.patterns() {
            if re.is_match(&out) {
                out = re.replace_all(&out, with).into_owned();
            }
        }
        out
    }
}

/// Redacts one stream line by line, remembering an open PEM block.
#[derive(Debug)]
pub struct Stream<'a> {
    redactor: &'a Redactor,
    in_pem: bool,
}

impl Stream<'_> {
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
        let ends = pem_end().is_some_and(|re| re.is_match(line));
        if begins && !ends {
            self.in_pem = true;
        }
        self.redactor.line(line)
    }
}

/// Where credentials are written literally in a runbook's `text`: 1-based
/// `(line, col, kind)` each (the runbook is copied into every journal, so a
/// secret in it is saved with every session). Comment lines are skipped.
pub fn literal_secret_spots(text: &str) -> Vec<(usize, usize, &'static str)> {
    let r = Redactor::built_in();
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with('#'))
        .filter_map(|(n, line)| {
            let (kind, at) = r.find(line)?;
            Some((n + 1, line[..at].chars().count() + 1, kind))
        })
        .collect()
}

/// The message of a literal credential of `kind` in a runbook.
pub fn literal_secret_message(kind: &str) -> String {
    format!(
        "a {kind} is written in the runbook; read it from the environment instead (the runbook is copied into every journal)"
    )
}

/// Warnings for credentials written literally in a runbook's `text`, each
/// `path:line:col: warning: ...`.
pub fn literal_secrets(path: &str, text: &str) -> Vec<String> {
    literal_secret_spots(text)
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
