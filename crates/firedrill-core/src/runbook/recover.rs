//! Every mistake in a runbook, not just the first: serde stops at the first
//! bad value, so each located error's line (or, for a table header, its
//! whole table) is blanked with spaces, keeping every byte offset, and the
//! text is parsed again. Blanking stops at a syntax error, at a required key
//! it removed itself, or after [`MAX_ERRORS`], so no error is invented.

use super::{Runbook, RunbookError, locate, validate};

/// The most errors reported for one file.
pub const MAX_ERRORS: usize = 50;

/// Parses `text`, collecting every type and schema error.
///
/// # Errors
/// All errors found, in file order.
pub fn parse_all(path: &str, text: &str) -> Result<Runbook, Vec<RunbookError>> {
    let mut errors: Vec<RunbookError> = Vec::new();
    let mut work = text.to_owned();
    let mut removed: Vec<String> = Vec::new();
    let mut parsed = None;
    let mut last = None;
    loop {
        match toml::from_str::<Runbook>(&work) {
            // A runbook that reads is parsed once: the syntax is only
            // checked on its own once the whole text failed.
            Err(e) if removed.is_empty() && toml::de::DeTable::parse(text).is_err() => {
                // A syntax error: nothing after it can be read reliably.
                return Err(vec![locate::from_toml(path, text, &e)]);
            }
            Ok(runbook) => {
                errors.extend(validate::validate(&runbook, path, text));
                errors.extend(super::inject::check(&runbook.injects, &runbook, path, text));
                parsed = Some(runbook);
                break;
            }
            Err(e) => {
                let error = locate::from_toml(path, text, &e);
                let span = e.span().unwrap_or(0..0);
                // A missing key ends the search: serde cannot go past it, and
                // when this pass blanked that key itself, it is no finding.
                let missing = error.code == "missing-key";
                let caused = missing
                    && (removed.iter().any(|k| error.message.contains(&format!("`{k}`")))
                        || errors.iter().any(|e| e.code == "unknown-key" && misspelled(&e.message, &error.message)));
                if !caused && !errors.contains(&error) {
                    errors.push(error);
                }
                if caused && let Some(offset) = last.take() {
                    // The blanked line was required in its table: blank the whole table.
                    let Some(table) = blank_table(&mut work, offset) else { break };
                    removed.push(table);
                    continue;
                }
                if missing || span.start == 0 || errors.len() >= MAX_ERRORS {
                    break;
                }
                last = Some(span.start);
                let Some(key) = blank(&mut work, span.start) else { break };
                removed.push(key);
                if toml::de::DeTable::parse(&work).is_err() {
                    break;
                }
            }
        }
    }
    errors.sort_by_key(|e| e.location.map(|l| (l.line, l.col)));
    match parsed {
        Some(runbook) if errors.is_empty() => Ok(runbook),
        _ => Err(errors),
    }
}

/// True when `unknown` ("... did you mean `x`? ...") points at the key that
/// `missing` ("the required key `x` is missing") names: one mistake, one finding.
fn misspelled(unknown: &str, missing: &str) -> bool {
    let meant = unknown.split("did you mean `").nth(1).and_then(|r| r.split('`').next());
    meant.is_some_and(|k| missing.contains(&format!("key `{k}`")))
}

/// Blanks the table (header and keys) around byte `offset`; returns its
/// name, or `None` at the top level, where there is no header to remove.
fn blank_table(work: &mut String, offset: usize) -> Option<String> {
    let mut start = work[..offset.min(work.len())].rfind('\n').map_or(0, |i| i + 1);
    loop {
        let end = work[start..].find('\n').map_or(work.len(), |i| start + i);
        if work[start..end].trim_start().starts_with('[') {
            return blank(work, start);
        }
        if start == 0 {
            return None;
        }
        start = work[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
}

/// Blanks the line holding `offset` (its whole table when it is a table
/// header) with spaces; returns the key name that was there.
fn blank(work: &mut String, offset: usize) -> Option<String> {
    let start = work[..offset.min(work.len())].rfind('\n').map_or(0, |i| i + 1);
    let line_end = work[start..].find('\n').map_or(work.len(), |i| start + i);
    let line = work[start..line_end].trim();
    let header = line.starts_with('[');
    let key = line.trim_start_matches('[').trim_end_matches(']').split('=').next().unwrap_or("").trim().to_owned();
    let key = key.rsplit('.').next().unwrap_or("").trim_matches('"').to_owned();
    let end = if header {
        // Up to the next table header, so its keys do not fall into the table above.
        let mut at = line_end;
        loop {
            if at >= work.len() {
                break work.len();
            }
            let next_start = at + 1;
            let next_end = work[next_start..].find('\n').map_or(work.len(), |i| next_start + i);
            if work[next_start..next_end].trim_start().starts_with('[') {
                break at;
            }
            at = next_end;
        }
    } else {
        line_end
    };
    // Keep every byte offset: a multi-byte character becomes as many spaces.
    let pad: String =
        work[start..end].chars().map(|c| if c == '\n' { "\n".to_owned() } else { " ".repeat(c.len_utf8()) }).collect();
    work.replace_range(start..end, &pad);
    if key.is_empty() { None } else { Some(key) }
}
