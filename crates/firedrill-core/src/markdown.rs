//! Escaping typed text for CommonMark/GFM so a note cannot break a table,
//! open a fence, forge a heading, inject HTML or trip markdownlint.

use crate::sanitize::{sanitize, sanitize_line};

/// Characters CommonMark/GFM may treat as markup anywhere in a line.
const MARKUP: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '@'];

/// One line of text, safe inside a paragraph, a list item or a table cell:
/// sanitized, newlines folded to spaces, markup escaped with backslashes,
/// line-start syntax (`#`, `>`, `-`, `1.`) and bare URLs neutralised.
/// An empty result becomes `-` so table cells are never blank.
pub fn inline(text: &str) -> String {
    let flat = sanitize_line(text);
    let out = escape_line(flat.trim());
    if out.is_empty() { "-".to_owned() } else { out }
}

/// Multi-line text as paragraphs: each line escaped like [`inline`] and
/// kept as its own line (a backslash hard break), runs of blank lines
/// folded to one, leading spaces dropped (no code blocks).
pub fn block(text: &str) -> String {
    let clean = sanitize(&text.replace("\r\n", "\n").replace('\r', "\n")).replace('\t', " ");
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in clean.lines() {
        let line = line.trim();
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(escape_line(line));
        }
    }
    let text = paragraphs.iter().filter(|p| !p.is_empty()).map(|p| p.join("\\\n")).collect::<Vec<_>>().join("\n\n");
    if text.is_empty() { "Not recorded.".to_owned() } else { text }
}

/// Multi-line text as the text of a list item: each non-blank line escaped
/// like [`inline`], kept as its own line (a backslash hard break, the next
/// line indented under the item); `-` when there is none.
pub fn item_lines(text: &str) -> String {
    let lines: Vec<String> = text.replace("\r\n", "\n").split(['\n', '\r']).map(inline).filter(|l| l != "-").collect();
    if lines.is_empty() { "-".to_owned() } else { lines.join("\\\n  ") }
}

/// Heading text: like [`inline`] without trailing punctuation (markdownlint MD026).
pub fn heading(text: &str) -> String {
    let escaped = inline(text);
    escaped.trim_end_matches(['.', ',', ';', ':', '!', '?']).trim_end_matches('\\').to_owned()
}

/// A code span for identifiers such as release IDs, or escaped text when
/// the value holds a backtick or edge spaces. A `|` is written `\|`: GFM
/// splits table cells on it even inside a code span.
pub fn code(text: &str) -> String {
    let flat = sanitize_line(text);
    let t = flat.trim();
    if t.is_empty() || t.contains('`') { inline(t) } else { format!("`{}`", t.replace('|', "\\|")) }
}

/// True for a markup character CommonMark/GFM reads as itself at `i`, so it
/// needs no backslash (identifiers like `orders_v2` and `p99 >= 2%` stay as
/// typed): `_` inside a word (it cannot open or close emphasis there), `>`
/// after the line start (only a line-start `>` quotes), and `&` that cannot
/// start an entity.
fn literal_here(chars: &[char], i: usize) -> bool {
    // ASCII only: CommonMark counts some Unicode "letters" (Ⓐ) as punctuation.
    let word = |c: Option<&char>| c.is_some_and(char::is_ascii_alphanumeric);
    match chars[i] {
        '_' => {
            let (mut a, mut b) = (i, i);
            while a > 0 && chars[a - 1] == '_' {
                a -= 1;
            }
            while b + 1 < chars.len() && chars[b + 1] == '_' {
                b += 1;
            }
            a > 0 && word(chars.get(a - 1)) && word(chars.get(b + 1))
        }
        '>' => i > 0,
        '&' => !chars.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '#'),
        // An email autolink needs its local part right before the `@`.
        '@' => !i
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_some_and(|c| c.is_ascii_alphanumeric() || ".-_+".contains(*c)),
        _ => false,
    }
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = i == 0;
        let after_digits = i > 0 && chars[..i].iter().all(char::is_ascii_digit);
        let url_slash = c == '/' && i > 0 && chars[i - 1] == ':';
        let www_dot = c == '.' && i >= 3 && chars[i - 3..i].iter().collect::<String>().eq_ignore_ascii_case("www");
        if (MARKUP.contains(&c) && !literal_here(&chars, i))
            || (at_start && c.is_ascii_punctuation() && c != '@')
            || (after_digits && matches!(c, '.' | ')'))
            || url_slash
            || www_dot
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_in_a_code_span_does_not_split_a_table_cell() {
        assert_eq!(code("grep -c 5xx | wc -l"), "`grep -c 5xx \\| wc -l`");
    }

    #[test]
    fn a_list_item_keeps_its_lines_each_escaped() {
        let text = "Condition: degraded\r\n\n# Next update: 14:30\n";
        assert_eq!(item_lines(text), "Condition: degraded\\\n  \\# Next update: 14:30");
        assert_eq!(item_lines("\n \n"), "-");
    }

    #[test]
    fn table_breakers_are_escaped() {
        assert_eq!(inline("a | b `c` <b>x</b>"), "a \\| b \\`c\\` \\<b>x\\</b>");
    }

    #[test]
    fn line_start_syntax_cannot_forge_structure() {
        assert_eq!(inline("# Heading"), "\\# Heading");
        assert_eq!(inline("> quote"), "\\> quote");
        assert_eq!(inline("1. item"), "1\\. item");
        assert_eq!(block("ok\n```\n---"), "ok\\\n\\`\\`\\`\\\n\\---");
    }

    #[test]
    fn identifiers_read_as_typed_where_they_cannot_be_markup() {
        assert_eq!(inline("turn orders_status_v2 off"), "turn orders_status_v2 off");
        assert_eq!(inline("p99 >= 2% & rising"), "p99 >= 2% & rising");
        assert_eq!(inline("_a_ __b__ c_ &amp; <i>"), "\\_a\\_ \\_\\_b\\_\\_ c\\_ \\&amp; \\<i>");
        assert_eq!(inline("> quoted"), "\\> quoted");
        assert_eq!(inline("call Ⓐ_orders_Ⓑ"), "call Ⓐ\\_orders\\_Ⓑ");
        assert_eq!(inline("@14:02 paged; mail ops@example.com"), "@14:02 paged; mail ops\\@example.com");
    }

    #[test]
    fn bare_urls_are_not_autolinked() {
        assert_eq!(inline("see https://x.io or www.y.io"), "see https:\\//x.io or www\\.y.io");
    }

    #[test]
    fn blank_runs_fold_and_empty_is_marked() {
        assert_eq!(block("a\n\n\n\n  b"), "a\n\nb");
        assert_eq!(block("  \n "), "Not recorded.");
        assert_eq!(inline(" "), "-");
    }

    #[test]
    fn headings_lose_trailing_punctuation() {
        assert_eq!(heading("Rollback drill."), "Rollback drill");
    }
}
