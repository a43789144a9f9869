//! Turns TOML and schema errors into `path:line:col: field: message`, with
//! the dotted field path (`release.known_good`, `checks[2].command`) found
//! from the error's byte span, and a "did you mean" for misspelled keys.

use std::fmt;

use toml::de::{DeTable, DeValue};

use crate::sanitize::sanitize_line;

/// A 1-based line and column (in characters) inside a runbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl Location {
    /// The location of byte `offset` in `text` (clamped to the text).
    pub fn of(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Self { line, col }
    }
}

/// One problem in a runbook, printed as `path:line:col: field: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunbookError {
    /// The runbook path as the user gave it.
    pub path: String,
    /// Where the problem is; `None` when the file itself is the problem
    /// (missing, a folder, too large).
    pub location: Option<Location>,
    /// The dotted field path, when the problem belongs to one field.
    pub field: Option<String>,
    /// What is wrong, sanitized (no control characters from the file).
    pub message: String,
    /// The stable code `check --json` prints (listed in docs/runbook.md).
    pub code: &'static str,
}

impl RunbookError {
    /// Builds an error at byte `offset` of `text`; the message is sanitized.
    pub fn at(path: &str, text: &str, offset: usize, field: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            path: sanitize_line(path),
            location: Some(Location::of(text, offset)),
            field: field.map(sanitize_line),
            message: sanitize_line(&message.into()),
            code: "invalid-value",
        }
    }

    /// The same error with the stable `code`.
    #[must_use]
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }
}

impl RunbookError {
    /// An error about the file as a whole, printed as `path: message`.
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: sanitize_line(path),
            location: None,
            field: None,
            message: sanitize_line(&message.into()),
            code: "file",
        }
    }
}

impl fmt::Display for RunbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(at) => write!(f, "{}:{}:{}: ", self.path, at.line, at.col)?,
            None => write!(f, "{}: ", self.path)?,
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RunbookError {}

/// Converts a `toml` error into a located [`RunbookError`] in plain words:
/// the field, what is wrong, and the allowed values or the expected form.
pub fn from_toml(path: &str, text: &str, error: &toml::de::Error) -> RunbookError {
    let span = error.span().unwrap_or(0..0);
    let parsed = DeTable::parse(text).ok();
    let mut field = parsed.as_ref().and_then(|doc| field_path(doc.get_ref(), span.start, ""));
    let raw = error.message().trim();
    let (mut message, mut code) = plain(raw);
    if parsed.is_none() {
        code = "syntax";
    }
    if raw.starts_with("missing field") && span.start == 0 {
        field = None;
    }
    if raw == "duplicate key" {
        field = text.get(span.clone()).map(|k| k.trim().trim_matches('"').to_owned());
        "duplicate key: each key may appear once per table".clone_into(&mut message);
        code = "duplicate-key";
    }
    if field.as_deref().is_some_and(|f| f.ends_with("command")) && code == "wrong-type" {
        "must be an argv array such as [\"./smoke.sh\", \"signup\"], never a shell string (write [\"sh\", \"-c\", \"...\"] to use a shell)".clone_into(&mut message);
        code = "shell-string-command";
    }
    RunbookError::at(path, text, span.start, field.as_deref(), message).with_code(code)
}

/// serde's message in plain words, with its stable code.
fn plain(raw: &str) -> (String, &'static str) {
    if raw.starts_with("unknown field `") {
        return (explain(raw), "unknown-key");
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `")
        && let Some((value, expected)) = rest.split_once('`')
    {
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let list = allowed.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        let hint = closest(value, &allowed).map(|c| format!(": did you mean `{c}`?")).unwrap_or_default();
        return (format!("`{value}` is not one of the allowed values{hint} (allowed: {list})"), "unknown-value");
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return (format!("the required key `{key}` is missing"), "missing-key");
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        let expected = match expected {
            "a string" => "a string in quotes",
            "i64" | "u64" | "u32" | "an integer" => "a whole number",
            "a boolean" => "true or false",
            "a sequence" => "a list [...]",
            e if e.starts_with("struct") || e == "a map" => "a table",
            e => e,
        };
        return (format!("must be {expected}, not {found}"), "wrong-type");
    }
    if raw.contains("duration") {
        return (raw.to_owned(), "invalid-duration");
    }
    (raw.to_owned(), "invalid-value")
}

fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The deepest dotted key path whose key or value holds byte `offset`.
fn field_path(table: &DeTable<'_>, offset: usize, prefix: &str) -> Option<String> {
    for (key, value) in table {
        let here = if prefix.is_empty() { key.get_ref().to_string() } else { format!("{prefix}.{}", key.get_ref()) };
        if key.span().contains(&offset) {
            return Some(here);
        }
        if value.span().contains(&offset) || value.span().start == offset {
            return Some(value_path(value.get_ref(), offset, &here).unwrap_or(here));
        }
        if let DeValue::Table(inner) = value.get_ref()
            && let Some(found) = field_path(inner, offset, &here)
        {
            return Some(found);
        }
        if let DeValue::Array(items) = value.get_ref() {
            for (i, item) in items.iter().enumerate() {
                if let DeValue::Table(inner) = item.get_ref() {
                    let indexed = format!("{here}[{}]", i + 1);
                    if item.span().contains(&offset) {
                        return Some(field_path(inner, offset, &indexed).unwrap_or(indexed));
                    }
                    if let Some(found) = field_path(inner, offset, &indexed) {
                        return Some(found);
                    }
                }
            }
        }
    }
    None
}

fn value_path(value: &DeValue<'_>, offset: usize, here: &str) -> Option<String> {
    match value {
        DeValue::Table(inner) => field_path(inner, offset, here),
        DeValue::Array(items) => {
            items.iter().enumerate().find(|(_, item)| item.span().contains(&offset)).map(|(i, item)| {
                let indexed = format!("{here}[{}]", i + 1);
                value_path(item.get_ref(), offset, &indexed).unwrap_or(indexed)
            })
        }
        _ => None,
    }
}

/// Rewrites serde's "unknown field `x`, expected one of ..." with a
/// "did you mean"; other messages pass through.
fn explain(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_owned();
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(unknown, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let allowed = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    match best {
        Some((_, c)) => format!("unknown key `{unknown}`: did you mean `{c}`? (allowed: {allowed})"),
        None if allowed.is_empty() => format!("unknown key `{unknown}`"),
        None => format!("unknown key `{unknown}` (allowed: {allowed})"),
    }
}
