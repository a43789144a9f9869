//! Reading a journal back, line by line: only a regular file is opened
//! (a FIFO or device is refused at once), the file is capped at
//! [`MAX_BYTES`] and each line at [`MAX_LINE_BYTES`], and a line with
//! numbers no firedrill writes (a `t_ms` past [`MAX_T_MS`], a `seq` past
//! [`MAX_SEQ`], a date past year 9999) refuses the journal with its line
//! number, as does a `t_ms` that goes back in time (firedrill never
//! writes one). A run of NUL bytes is left out and reported.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::batch::{self, Line, ParsedLine};
use super::{JournalError, Loaded, Skipped};
use crate::core::event::{Event, Header, JOURNAL_FORMAT};
use crate::core::postmortem::NoteTexts;
use crate::store::regular;

/// Largest journal read, in bytes (256 MiB: about 1.5 million events).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// Longest line read, in bytes (8 MiB: the header holds the runbook, at
/// most 1 MiB, escaped).
pub const MAX_LINE_BYTES: u64 = 8 * 1024 * 1024;
pub use super::absurd::{MAX_SEQ, MAX_T_MS};

/// Reads a journal file.
///
/// # Errors
/// [`JournalError`] when the file is not a regular file, is larger than
/// [`MAX_BYTES`], cannot be read, has no valid header, or holds absurd numbers.
pub fn read(path: &Path) -> Result<Loaded, JournalError> {
    read_with(path, None)
}

/// [`read`] for the postmortem alone (`firedrill report`): the text of
/// every note no postmortem section reads is left empty as the journal
/// is read (`core::postmortem::NoteTexts`), so what is held grows with
/// the events, not with what people typed. Never write these events
/// anywhere: the journal's copy comes from its file. Returns how many
/// texts were left out.
///
/// # Errors
/// As [`read`].
pub fn read_for_postmortem(path: &Path) -> Result<(Loaded, usize), JournalError> {
    let mut texts = NoteTexts::default();
    let loaded = read_with(path, Some(&mut texts))?;
    Ok((loaded, texts.emptied()))
}

fn read_with(path: &Path, texts: Option<&mut NoteTexts>) -> Result<Loaded, JournalError> {
    let io = |source| JournalError::Io { path: path.to_path_buf(), source };
    let file = regular::open(path, MAX_BYTES).map_err(io)?;
    // Buffers as large as the file, up to their most: a review of 2,000
    // short journals asks 64 KiB to read and a batch the file's size for
    // each, not 3 MB.
    let size = file.metadata().map_or(MAX_BYTES, |m| m.len()).saturating_add(1);
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    // Large reads: a million-event journal in a few hundred calls, not tens
    // of thousands; never tiny ones (a file that says it is empty may not be).
    let reader = BufReader::with_capacity(size.clamp(64 << 10, 1 << 20), file.take(MAX_BYTES));
    from_reader(reader, size, texts).map_err(|e| match e {
        Failure::Io(source) => io(source),
        Failure::Journal(e) => e,
    })
}

/// Reads only the header line of the journal at `path`.
///
/// # Errors
/// [`JournalError`] as [`read`], for the first line only.
pub fn read_header(path: &Path) -> Result<Header, JournalError> {
    let io = |source| JournalError::Io { path: path.to_path_buf(), source };
    let file = regular::open(path, MAX_BYTES).map_err(io)?;
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    reader.by_ref().take(MAX_LINE_BYTES).read_until(b'\n', &mut line).map_err(io)?;
    header(&String::from_utf8_lossy(&line))
}

/// Parses journal text: a header line, then events; lines that are not
/// events are skipped and reported, a half-written last line included.
///
/// # Errors
/// [`JournalError`] for an empty text, a bad header, a newer format or
/// absurd numbers.
pub fn parse(text: &str) -> Result<Loaded, JournalError> {
    from_reader(text.as_bytes(), text.len(), None).map_err(|e| match e {
        Failure::Io(source) => JournalError::Io { path: "<text>".into(), source },
        Failure::Journal(e) => e,
    })
}

enum Failure {
    Io(std::io::Error),
    Journal(JournalError),
}

/// The header's format alone, read before the rest: a newer firedrill's
/// header is refused as newer, not as malformed.
#[derive(serde::Deserialize)]
struct Format {
    #[serde(default)]
    format: Option<serde_json::Value>,
}

fn header(line: &str) -> Result<Header, JournalError> {
    let line = line.trim();
    let newer = |found: u64| JournalError::NewerFormat { found: u32::try_from(found).unwrap_or(u32::MAX) };
    // Read into its type directly, one pass over the runbook it holds; only
    // a header that does not read is looked at again for its format.
    let header: Header = match serde_json::from_str(line) {
        Ok(h) => h,
        Err(e) => {
            let probe: Option<Format> = serde_json::from_str(line).ok();
            return Err(match probe.and_then(|p| p.format).as_ref().and_then(serde_json::Value::as_u64) {
                Some(found) if found > u64::from(JOURNAL_FORMAT) => newer(found),
                _ => JournalError::BadHeader(e.to_string()),
            });
        }
    };
    if header.format > JOURNAL_FORMAT {
        return Err(newer(u64::from(header.format)));
    }
    if let Some(why) = super::absurd::bad_date(header.started_at) {
        return Err(JournalError::Absurd { line: 1, why: format!("started_at {why}") });
    }
    Ok(header)
}

/// The journal `reader` gives, about `size` bytes long (a hint for its buffers).
fn from_reader(mut reader: impl BufRead, size: usize, mut texts: Option<&mut NoteTexts>) -> Result<Loaded, Failure> {
    let mut head: Option<Header> = None;
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    // Lines after the header are read straight into `batch`; a full batch
    // is parsed on other threads while the next one is read.
    let mut batch: Vec<u8> = Vec::with_capacity(size.min(batch::BATCH_BYTES + (64 << 10)));
    let mut lines: Vec<Line> = Vec::new();
    let workers = crate::store::cores::workers();
    let mut n = 0usize;
    std::thread::scope(|scope| -> Result<(), Failure> {
        let mut parsing: Option<std::thread::ScopedJoinHandle<'_, Batch>> = None;
        loop {
            let start = batch.len();
            let got = reader.by_ref().take(MAX_LINE_BYTES).read_until(b'\n', &mut batch).map_err(Failure::Io)?;
            if got == 0 {
                break;
            }
            n += 1;
            // A run of zeros (a file cut while open, or blocks never written
            // after a crash) is left out, and said, so the line around it reads.
            if memchr::memchr(0, &batch[start..]).is_some() {
                let mut line = batch.split_off(start);
                let zeros = memchr::memchr_iter(0, &line).count();
                line.retain(|b| *b != 0);
                batch.extend_from_slice(&line);
                let reason =
                    format!("{zeros} NUL bytes left out (zeros where the file was cut short or never written)");
                skipped.push(Skipped { line: n, reason });
            }
            let complete = batch[start..].last() == Some(&b'\n');
            if !complete && got as u64 >= MAX_LINE_BYTES {
                batch.truncate(start);
                if head.is_none() {
                    let why = format!("the first line is longer than {} MiB", MAX_LINE_BYTES >> 20);
                    return Err(Failure::Journal(JournalError::BadHeader(why)));
                }
                skip_rest_of_line(&mut reader).map_err(Failure::Io)?;
                skipped.push(Skipped { line: n, reason: format!("line longer than {} MiB", MAX_LINE_BYTES >> 20) });
                continue;
            }
            if head.is_none() {
                let line = batch::text(&batch[start..]);
                let read = if line.trim().is_empty() { None } else { Some(header(&line).map_err(Failure::Journal)?) };
                head = read;
                batch.truncate(start);
                continue;
            }
            lines.push(Line { n, span: start..batch.len(), complete });
            if batch.len() >= batch::BATCH_BYTES {
                let full =
                    Batch { buf: std::mem::take(&mut batch), lines: std::mem::take(&mut lines), parsed: Vec::new() };
                // The batch before is taken first, in order; its buffers hold the next.
                if let Some(before) = parsing.take() {
                    let before = joined(before)?;
                    take(&before.lines, before.parsed, &mut events, &mut skipped, texts.as_deref_mut())
                        .map_err(Failure::Journal)?;
                    (batch, lines) = (before.buf, before.lines);
                    batch.clear();
                    lines.clear();
                }
                parsing = Some(scope.spawn(move || {
                    let parsed = batch::parse(&full.buf, &full.lines, workers);
                    Batch { parsed, ..full }
                }));
            }
        }
        if let Some(before) = parsing.take() {
            let before = joined(before)?;
            take(&before.lines, before.parsed, &mut events, &mut skipped, texts.as_deref_mut())
                .map_err(Failure::Journal)?;
        }
        take(&lines, batch::parse(&batch, &lines, workers), &mut events, &mut skipped, texts).map_err(Failure::Journal)
    })?;
    let header = head.ok_or(Failure::Journal(JournalError::Empty))?;
    // Growth leaves up to half the vector unused; a large journal is held once, exactly.
    events.shrink_to_fit();
    // A line's NUL bytes are said before why it could not be read, as read.
    skipped.sort_by_key(|s| s.line);
    Ok(Loaded { header, events, skipped })
}

/// A batch of lines, and once parsed, what each held.
struct Batch {
    buf: Vec<u8>,
    lines: Vec<Line>,
    parsed: Vec<ParsedLine>,
}

/// The parsed batch of `handle`; a parsing thread that stopped (none
/// should) is an error, never a panic here.
fn joined(handle: std::thread::ScopedJoinHandle<'_, Batch>) -> Result<Batch, Failure> {
    handle.join().map_err(|_| Failure::Io(std::io::Error::other("a thread parsing the journal stopped")))
}

/// Takes a parsed batch's events in order, refusing the journal at the
/// first absurd one.
fn take(
    lines: &[Line],
    parsed: Vec<ParsedLine>,
    events: &mut Vec<Event>,
    skipped: &mut Vec<Skipped>,
    mut texts: Option<&mut NoteTexts>,
) -> Result<(), JournalError> {
    for (line, parsed) in lines.iter().zip(parsed) {
        match parsed {
            ParsedLine::Blank => {}
            ParsedLine::Absurd(why) => return Err(JournalError::Absurd { line: line.n, why }),
            ParsedLine::Event(e) => {
                let before = events.last().map_or(0, |p: &Event| p.t_ms);
                if e.t_ms < before {
                    let why = format!("t_ms {} goes back in time (the event before is at {before})", e.t_ms);
                    return Err(JournalError::Absurd { line: line.n, why });
                }
                match texts.as_deref_mut() {
                    Some(texts) => texts.push(events, e),
                    None => events.push(e),
                }
            }
            ParsedLine::Bad(reason) => {
                let reason = if line.complete {
                    reason
                } else {
                    "half-written last line (the process stopped mid-write)".to_owned()
                };
                skipped.push(Skipped { line: line.n, reason });
            }
        }
    }
    Ok(())
}

fn skip_rest_of_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let (done, used) = {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            match buf.iter().position(|b| *b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, buf.len()),
            }
        };
        reader.consume(used);
        if done {
            return Ok(());
        }
    }
}
