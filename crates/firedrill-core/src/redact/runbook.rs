//! The redacted copy of a runbook or deck (TOML) that a journal keeps, and
//! where `check` finds each secret in it. Every string value is redacted
//! (an array of strings as a command line, so `["--password", "x"]` hides
//! `x`) and so is every comment; the runbook's own `redact` patterns are
//! kept as written. Only the secrets change: the copy parses to the same
//! runbook with its secrets masked, keys, numbers and layout untouched.

use std::ops::Range;

use toml_edit::{Document, Item, Table, Value};

use super::{MASK, Redactor};
use crate::sanitize::toml_string;

/// A secret found in a runbook's text: 1-based line and column (in
/// characters) and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
    /// The kind, as `docs/secrets.md` names it.
    pub kind: &'static str,
}

/// A runbook or deck text with its secrets masked, and where they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// The text to keep: equal to the original when it held no secret.
    pub text: String,
    /// Each secret found, in the order of the text.
    pub spots: Vec<Spot>,
}

/// The kind named for a value hidden because of the option before it.
const OPTION_VALUE: &str = "password, secret or token value";

/// The redacted copy of TOML `text` under `redactor`. A text that is not
/// TOML (refused before any session starts) is redacted line by line.
pub fn copy(text: &str, redactor: &Redactor) -> Copy {
    let Ok(doc) = Document::parse(text) else {
        let spots = line_spots(text, 0, text.len(), redactor);
        return Copy { text: redactor.apply(text), spots };
    };
    let mut edits: Vec<Edit> = Vec::new();
    walk_table(doc.as_table(), true, redactor, &mut edits);
    let mut spots: Vec<Spot> = Vec::new();
    for (span, _, kinds) in &edits {
        // Where the raw literal shows the secret, its own column; else
        // (an escape inside it, a value hidden for its option) the literal's.
        let found = line_spots(text, span.start, span.end, redactor);
        if found.is_empty() {
            let (line, col) = line_col(text, span.start);
            spots.extend(kinds.iter().map(|kind| Spot { line, col, kind }));
        } else {
            spots.extend(found);
        }
    }
    // Comments: masked in place (a mask holds no newline, so a comment
    // stays one).
    for token in toml_parser::Source::new(text).lex() {
        if token.kind() != toml_parser::lexer::TokenKind::Comment {
            continue;
        }
        let span = token.span().start()..token.span().end();
        let Some(raw) = text.get(span.clone()) else { continue };
        let hidden = redactor.apply(raw);
        if hidden != raw {
            spots.extend(line_spots(text, span.start, span.end, redactor));
            edits.push((span, hidden, Vec::new()));
        }
    }
    edits.sort_by_key(|e| e.0.start);
    spots.sort_by_key(|s| (s.line, s.col));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, with, _) in edits {
        if span.start < at {
            continue;
        }
        out.push_str(text.get(at..span.start).unwrap_or_default());
        out.push_str(&with);
        at = span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Copy { text: out, spots }
}

/// The secrets in `text[from..to]`, line by line.
fn line_spots(text: &str, from: usize, to: usize, redactor: &Redactor) -> Vec<Spot> {
    let mut spots = Vec::new();
    let mut start = from;
    for piece in text.get(from..to).unwrap_or_default().split('\n') {
        for (kind, at) in redactor.find_all(piece) {
            let (line, col) = line_col(text, start + at);
            spots.push(Spot { line, col, kind });
        }
        start += piece.len() + 1;
    }
    spots
}

/// 1-based line and character column of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, col)
}

/// A literal to replace: its span, the new literal, the kinds it held.
type Edit = (Range<usize>, String, Vec<&'static str>);

fn walk_table(table: &Table, top: bool, r: &Redactor, edits: &mut Vec<Edit>) {
    for (key, item) in table {
        // The runbook's own patterns are expressions, never secrets.
        if top && key == "redact" {
            continue;
        }
        match item {
            Item::Value(v) => walk_value(v, is_command(key), r, edits),
            Item::Table(t) => walk_table(t, false, r, edits),
            Item::ArrayOfTables(a) => a.iter().for_each(|t| walk_table(t, false, r, edits)),
            Item::None => {}
        }
    }
}

/// True for the keys whose array is a command line (argv): `command`,
/// `safe_command`, `probe`, `access_probe`, `health`, `notify`. Other lists
/// (`env`, `watch`, `services`, role names) are values each on its own:
/// `env = ["SESSION_SECRET", "STRIPE_API_KEY"]` names two variables, it
/// does not give one as the other's value.
fn is_command(key: &str) -> bool {
    key.ends_with("command") || key.ends_with("probe") || matches!(key, "health" | "notify")
}

fn walk_value(value: &Value, argv: bool, r: &Redactor, edits: &mut Vec<Edit>) {
    match value {
        Value::String(s) => {
            let hidden = r.apply(s.value());
            if hidden != *s.value()
                && let Some(span) = value.span()
            {
                let kinds = kinds_in(s.value(), r);
                edits.push((span, toml_string(&hidden), kinds));
            }
        }
        Value::Array(a) if argv && a.iter().all(Value::is_str) && !a.is_empty() => {
            let argv: Vec<String> = a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
            for ((v, was), now) in a.iter().zip(&argv).zip(r.argv(&argv)) {
                if now != *was
                    && let Some(span) = v.span()
                {
                    let mut kinds = kinds_in(was, r);
                    if kinds.is_empty() {
                        kinds.push(if now.starts_with("-p") { "MySQL password option" } else { OPTION_VALUE });
                    }
                    edits.push((span, toml_string(&now), kinds));
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| walk_value(v, false, r, edits)),
        Value::InlineTable(t) => t.iter().for_each(|(k, v)| walk_value(v, is_command(k), r, edits)),
        _ => {}
    }
}

/// The kinds of secret in a string value, each once, in order.
fn kinds_in(text: &str, r: &Redactor) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = Vec::new();
    for line in text.split('\n') {
        for (kind, _) in r.find_all(line) {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    if kinds.is_empty() && r.apply(text).contains(MASK) {
        kinds.push("private key");
    }
    kinds
}
