//! One sanitizer for every piece of text people or runbooks typed, applied at
//! each sink: the terminal (visible `\u{..}` escapes, here, and every frame's
//! cells through `scrub`), markdown (`core::markdown`) and JSON (`json`, with
//! `\uXXXX` escapes).

pub mod json;

use std::fmt::Write as _;

/// Returns `text` with every C0/C1 control character (but newline and tab),
/// DEL, bidi override/isolate, zero-width, invisible-operator, soft-hyphen,
/// line/paragraph-separator and Unicode tag character replaced by a visible
/// escape such as `\u{1b}`, so nothing typed can move a cursor, recolour a
/// terminal, set a clipboard (OSC 52), hide text or reorder what a reader
/// sees. A zero-width joiner or non-joiner between two letters or emoji is
/// text (Persian words, `👩‍💻`) and is kept.
pub fn sanitize(text: &str) -> String {
    escape_with(text, |out, c| {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    })
}

/// `text` with each hostile character (as [`sanitize`] decides, joiners
/// between letters kept) written by `escape`, the rest as it is: one rule
/// for every sink, each with its own escape (the terminal's visible
/// `\u{..}`, JSON's `\uXXXX`).
pub fn escape_with(text: &str, mut escape: impl FnMut(&mut String, char)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let joiner =
            matches!(c, '\u{200c}' | '\u{200d}') && prev.is_some_and(joins) && chars.peek().is_some_and(|n| joins(*n));
        if is_hostile(c) && !joiner {
            escape(&mut out, c);
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// True for what a zero-width joiner may sit between: letters, marks and
/// digits of any script, emoji, skin tones and the emoji variation selector.
fn joins(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{300}'..='\u{36f}'
            | '\u{64b}'..='\u{65f}'
            | '\u{fe0f}'
            | '\u{2600}'..='\u{27bf}'
            | '\u{1f000}'..='\u{1faff}')
}

/// The terminal's last guard: a cell whose symbol holds a hostile
/// character (one that slipped past the screens' own sanitizing) is
/// replaced by U+FFFD, one cell wide, so the frame keeps its layout.
pub fn scrub_symbol(symbol: &str) -> Option<&'static str> {
    (symbol.chars().any(is_hostile) && sanitize(symbol) != symbol).then_some("\u{fffd}")
}

/// `text` as a TOML basic string (`"..."`): quotes, backslashes, controls
/// and every hostile character escaped (`\uXXXX`, `\UXXXXXXXX`), the TOML
/// sink (`config --print`, a runbook's redacted copy).
pub fn toml_string(text: &str) -> String {
    // The escapes TOML needs first (they give printable ASCII), then ours.
    let plain = text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\t', "\\t");
    let body = escape_with(&plain, |out, c| {
        let _ = match u32::from(c) {
            n @ 0..=0xffff => write!(out, "\\u{n:04X}"),
            n => write!(out, "\\U{n:08X}"),
        };
    });
    format!("\"{body}\"")
}

/// Like [`sanitize`] but for one line of text: newlines and tabs become
/// single spaces too (names, titles, list items).
pub fn sanitize_line(text: &str) -> String {
    sanitize(&text.replace("\r\n", " ").replace(['\n', '\t', '\r'], " "))
}

/// True for characters that must never reach a terminal or a document raw:
/// C0 controls except `\n` and `\t`, DEL, C1 controls, bidi embeddings,
/// overrides and isolates (U+202A-202E, U+2066-2069), the implicit marks
/// U+200E/F and U+061C, zero-width characters (U+200B-200D, U+2060, U+FEFF),
/// invisible operators (U+2061-2064), the soft hyphen (U+00AD), line and
/// paragraph separators (U+2028/2029) and tag characters (U+E0000-E007F).
/// [`sanitize`] keeps U+200C/D between two letters or emoji.
pub fn is_hostile(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{ad}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{061c}'
        | '\u{e0000}'..='\u{e007f}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences_and_keeps_newlines() {
        let s = sanitize("a\u{1b}[31mred\u{7}\nb\tc\u{9b}2J");
        assert_eq!(s, "a\\u{1b}[31mred\\u{7}\nb\tc\\u{9b}2J");
    }

    #[test]
    fn escapes_bidi_and_zero_width() {
        assert_eq!(sanitize("x\u{202e}y\u{200b}z"), "x\\u{202e}y\\u{200b}z");
    }

    #[test]
    fn line_variant_flattens_whitespace() {
        assert_eq!(sanitize_line("a\nb\tc\rd"), "a b c d");
    }

    #[test]
    fn escapes_tags_separators_invisible_operators_and_soft_hyphens() {
        assert_eq!(sanitize("a\u{e0041}\u{e007f}b"), "a\\u{e0041}\\u{e007f}b");
        assert_eq!(sanitize("a\u{2028}b\u{2029}c"), "a\\u{2028}b\\u{2029}c");
        assert_eq!(sanitize("x\u{2061}y\u{2064}z"), "x\\u{2061}y\\u{2064}z");
        assert_eq!(sanitize("pass\u{ad}word"), "pass\\u{ad}word");
    }

    #[test]
    fn joiners_between_letters_or_emoji_are_text() {
        assert_eq!(sanitize("👩\u{200d}💻"), "👩\u{200d}💻");
        assert_eq!(sanitize("❤\u{fe0f}\u{200d}🔥"), "❤\u{fe0f}\u{200d}🔥");
        assert_eq!(sanitize("می\u{200c}خواهم"), "می\u{200c}خواهم");
        // Alone, at an edge, or beside a space or symbol, they hide things.
        assert_eq!(sanitize("\u{200d}a"), "\\u{200d}a");
        assert_eq!(sanitize("a\u{200c}"), "a\\u{200c}");
        assert_eq!(sanitize("a \u{200d} b"), "a \\u{200d} b");
        assert_eq!(sanitize("a\u{200b}b"), "a\\u{200b}b");
    }

    #[test]
    fn a_toml_string_escapes_what_toml_needs_and_what_a_terminal_fears() {
        let text = "C:\\out \"x\"\n\u{202e}\u{9b}\u{e0041} 👩\u{200d}💻";
        let quoted = toml_string(text);
        assert_eq!(quoted, r#""C:\\out \"x\"\n\u202E\u009B\U000E0041 👩‍💻""#);
        let back: toml::Table = toml::from_str(&format!("k = {quoted}")).expect("TOML");
        assert_eq!(back["k"].as_str(), Some(text));
    }

    #[test]
    fn plain_text_is_untouched() {
        assert_eq!(sanitize("Ana · café ✓"), "Ana · café ✓");
    }
}
