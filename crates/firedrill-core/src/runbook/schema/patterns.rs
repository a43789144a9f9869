//! The regular expressions the runbook schema carries, built from the same
//! bounds the parsers enforce: durations (`90s`, `2m`, `1h30m`: more than
//! zero, at most 24h), calendar periods (`90d`, `1d12h`: at most 3650d),
//! dates (`YYYY-MM-DD`, real calendar days), and non-blank text. Patterns
//! use only what every JSON Schema client understands (ECMA 262, Rust
//! `regex`, Python `re`): no look-around, `[0-9]` rather than `\d`.
//!
//! A regular expression cannot add numbers, so one case is left to
//! `firedrill check`: a duration mixing units where a later unit is 60 or
//! more (`23h120m`) is accepted by the pattern whatever its total. Every
//! other duration gets the same verdict from the pattern as from the parser.

use crate::duration::MAX;
use crate::period::MAX_DAYS;

/// Text with at least one character that is not white space (the parser
/// trims before it checks a name is there).
pub const NON_BLANK: &str = "\\S";

/// Seconds in a day.
const DAY: u64 = 24 * 3600;

/// Digits (any number of leading zeros) whose value lies in `lo..=hi`;
/// nothing when `lo > hi`.
pub fn number(lo: u64, hi: u64) -> String {
    let positive = positive(lo.max(1), hi);
    match (lo, positive) {
        (0, None) => "0+".to_owned(),
        (0, Some(p)) => format!("0*(?:0|{p})"),
        (_, Some(p)) => format!("0*{p}"),
        // An empty range: a class of nothing matches nothing.
        (_, None) => "[^\\s\\S]".to_owned(),
    }
}

/// `lo..=hi` (both at least 1) as digits without leading zeros; `None`
/// when the range is empty.
fn positive(lo: u64, hi: u64) -> Option<String> {
    if lo > hi {
        return None;
    }
    let mut parts = Vec::new();
    let (lo_len, hi_len) = (lo.to_string().len(), hi.to_string().len());
    for len in lo_len..=hi_len {
        let exp = u32::try_from(len).unwrap_or(u32::MAX);
        let first = 10u64.saturating_pow(exp - 1);
        let last = 10u64.saturating_pow(exp) - 1;
        parts.push(same_length(&lo.max(first).to_string(), &hi.min(last).to_string()));
    }
    Some(format!("(?:{})", parts.join("|")))
}

/// Digit strings of one length from `lo` to `hi` (same length, `lo <= hi`).
fn same_length(lo: &str, hi: &str) -> String {
    let (Some(a), Some(b)) = (lo.chars().next(), hi.chars().next()) else { return String::new() };
    let (lo_rest, hi_rest) = (&lo[1..], &hi[1..]);
    let class = |from: char, to: char| if from == to { from.to_string() } else { format!("[{from}-{to}]") };
    if lo_rest.is_empty() {
        return class(a, b);
    }
    if a == b {
        return format!("{a}{}", same_length(lo_rest, hi_rest));
    }
    let n = lo_rest.len();
    let any = if n == 1 { "[0-9]".to_owned() } else { format!("[0-9]{{{n}}}") };
    if lo_rest.chars().all(|c| c == '0') && hi_rest.chars().all(|c| c == '9') {
        return format!("{}{any}", class(a, b));
    }
    let next = |c: char, by: i8| char::from_u32(u32::from(c).wrapping_add_signed(i32::from(by))).unwrap_or(c);
    let mut alts = vec![format!("{a}{}", same_length(lo_rest, &"9".repeat(n)))];
    if next(a, 1) < b {
        alts.push(format!("{}{any}", class(next(a, 1), next(b, -1))));
    }
    alts.push(format!("{b}{}", same_length(&"0".repeat(n), hi_rest)));
    format!("(?:{})", alts.join("|"))
}

/// The alternatives of a duration of at most `max` seconds (a day, or a
/// day less a second), more than zero: one unit; or hours under 24 with
/// minutes and seconds under 60; or (the case left to the parser's sum) a
/// mix where a later unit is 60 or more.
fn duration_forms(max: u64) -> String {
    let (h, m, s) = (
        |lo, hi| format!("{}h", number(lo, hi)),
        |lo, hi| format!("{}m", number(lo, hi)),
        |lo, hi| format!("{}s", number(lo, hi)),
    );
    let opt = |p: String| format!("(?:{p})?");
    let mut forms = vec![
        h(1, max / 3600),
        m(1, max / 60),
        s(1, max),
        format!("{}{}{}", h(1, 23), opt(m(0, 59)), opt(s(0, 59))),
        format!("{}{}{}", opt(h(0, 23)), m(1, 59), opt(s(0, 59))),
        format!("{}{}{}", opt(h(0, 23)), opt(m(0, 59)), s(1, 59)),
        format!("{}{}{}", opt(h(0, max / 3600)), m(60, max / 60), opt(s(0, max))),
        format!("{}{}{}", opt(h(0, max / 3600)), opt(m(0, max / 60)), s(60, max)),
    ];
    if max >= DAY {
        forms.push(format!("{}{}{}", h(24, 24), opt(m(0, 0)), opt(s(0, 0))));
    }
    format!("(?:{})", forms.join("|"))
}

/// A whole duration as the runbook writes it (`90s`, `2m`, `1h30m`):
/// white space around it is allowed, as the parser trims it.
pub fn duration() -> String {
    format!("^\\s*{}\\s*$", duration_forms(MAX.as_secs()))
}

/// A calendar period (`90d`, `12h`, `1d12h`): whole days up to 3650, then
/// optionally a duration under a day; or a duration alone (`0d` before it
/// is allowed), more than zero.
pub fn period() -> String {
    let days = |lo, hi| format!("{}d", number(lo, hi));
    let forms = [
        days(1, MAX_DAYS),
        format!("{}\\s*{}", days(1, MAX_DAYS - 1), duration_forms(DAY - 1)),
        format!("(?:{}\\s*)?{}", days(0, 0), duration_forms(DAY)),
    ];
    format!("^\\s*(?:{})\\s*$", forms.join("|"))
}

/// A real calendar date written `YYYY-MM-DD` (February 29th only in leap
/// years), or `never`, with white space around it allowed.
pub fn date_or_never() -> String {
    let month = "(?:0[1-9]|1[0-2])";
    let leap_year = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)";
    let dates = [
        format!("[0-9]{{4}}-{month}-(?:0[1-9]|1[0-9]|2[0-8])"),
        "[0-9]{4}-(?:0[13-9]|1[0-2])-(?:29|30)".to_owned(),
        "[0-9]{4}-(?:0[13578]|1[02])-31".to_owned(),
        format!("{leap_year}-02-29"),
    ];
    format!("^\\s*(?:never|{})\\s*$", dates.join("|"))
}

/// One release ID: no white space or control character inside it.
pub const ONE_WORD: &str = "^\\s*[^\\s\\x00-\\x1f\\x7f-\\x9f]+\\s*$";

#[cfg(test)]
mod tests;
