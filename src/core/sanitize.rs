//! One sanitizer for every piece of text people or runbooks typed, applied at
//! the boundary before it reaches the terminal, the journal view or the
//! postmortem (DESIGN.md, "The session").

use std::fmt::Write as _;

/// Returns `text` with every C0/C1 control character (but newline and tab),
/// DEL, bidi override/isolate and zero-width character replaced by a visible
/// escape such as `\u{1b}`, so nothing typed can move a cursor, recolour a
/// terminal, set a clipboard (OSC 52) or reorder what a reader sees.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hostile(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`sanitize`] but for one line of text: newlines and tabs become
/// single spaces too (names, titles, list items).
pub fn sanitize_line(text: &str) -> String {
    sanitize(&text.replace("\r\n", " ").replace(['\n', '\t', '\r'], " "))
}

/// True for characters that must never reach a terminal or a document raw:
/// C0 controls except `\n` and `\t`, DEL, C1 controls, bidi embeddings,
/// overrides and isolates (U+202A-202E, U+2066-2069), the implicit marks
/// U+200E/F and U+061C, and zero-width characters (U+200B-200D, U+2060, U+FEFF).
pub fn is_hostile(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2060}'
        | '\u{feff}'
        | '\u{061c}' => true,
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
    fn plain_text_is_untouched() {
        assert_eq!(sanitize("Ana · café ✓"), "Ana · café ✓");
    }
}
