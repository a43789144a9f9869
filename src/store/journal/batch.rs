//! Parsing a batch of journal lines on every core: the lines are read
//! and checked in order by the reader, only the JSON of each event is
//! parsed here in parallel, and the results come back in line order, so
//! a large journal reads at the speed of all cores with what is held
//! bounded by one batch.

use std::borrow::Cow;
use std::ops::Range;

use crate::core::event::Event;

/// Bytes of lines gathered before a batch is parsed (two batches are in
/// flight: one read while the other is parsed).
pub(super) const BATCH_BYTES: usize = 2 << 20;

/// One line's bytes in the batch buffer, its 1-based number, and whether
/// it ended with a newline.
pub(super) struct Line {
    pub n: usize,
    pub span: Range<usize>,
    pub complete: bool,
}

/// What one line of the batch held.
pub(super) enum ParsedLine {
    /// Only white space.
    Blank,
    /// An event.
    Event(Event),
    /// An event with numbers firedrill never writes: why.
    Absurd(String),
    /// Not an event: serde's reason.
    Bad(String),
}

/// Parses the `lines` of `buf`, in order, on `workers` threads.
pub(super) fn parse(buf: &[u8], lines: &[Line], workers: usize) -> Vec<ParsedLine> {
    if workers <= 1 || lines.len() < 1024 {
        return lines.iter().map(|l| one(&buf[l.span.clone()])).collect();
    }
    let chunk = lines.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let parts: Vec<_> = lines
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|l| one(&buf[l.span.clone()])).collect::<Vec<_>>()))
            .collect();
        // A worker that panicked (none should) leaves its lines unread, said as such.
        let mut out = Vec::with_capacity(lines.len());
        for (part, handle) in lines.chunks(chunk).zip(parts) {
            match handle.join() {
                Ok(parsed) => out.extend(parsed),
                Err(_) => out.extend(part.iter().map(|_| ParsedLine::Bad("the line could not be parsed".to_owned()))),
            }
        }
        out
    })
}

/// A line's text: valid UTF-8 (every line firedrill writes) is checked at
/// full speed; only a damaged line takes the slower replacing read.
pub(super) fn text(bytes: &[u8]) -> Cow<'_, str> {
    std::str::from_utf8(bytes).map_or_else(|_| String::from_utf8_lossy(bytes), Cow::Borrowed)
}

/// Parses one line.
fn one(bytes: &[u8]) -> ParsedLine {
    let line = text(bytes);
    if line.trim().is_empty() {
        return ParsedLine::Blank;
    }
    match Event::from_json_line(&line) {
        Ok(e) => super::absurd::absurd(&e).map_or(ParsedLine::Event(e), ParsedLine::Absurd),
        Err(e) => ParsedLine::Bad(e.to_string()),
    }
}
