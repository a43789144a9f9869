//! Wrapping markdown to the printed page's 80 columns without changing
//! what it means: a line is only ever broken at a space, and never so that
//! a continuation line starts with something `CommonMark` reads as a new
//! block (a list marker, a heading, a quote, a fence, a table pipe, an
//! HTML tag, a setext underline). A code span broken at a space reads the
//! same: `CommonMark` turns the line ending inside it into a space.

/// The printed page's width, in columns.
pub const WIDTH: usize = 80;

/// `text` wrapped at `width` columns: the first line starts with `first`,
/// the others with `rest` (the indentation that keeps them in a list item).
/// A word longer than a line stays whole (the line is then wider).
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut lines: Vec<Vec<&str>> = vec![Vec::new()];
    for word in words {
        let prefix = if lines.len() == 1 { first } else { rest };
        let Some(line) = lines.last_mut() else { break };
        let len = prefix.chars().count() + line.iter().map(|w| w.chars().count() + 1).sum::<usize>();
        if line.is_empty() || len + word.chars().count() <= width {
            line.push(word);
            continue;
        }
        // Break here, but never before a word that would open a block:
        // move words down with it until the new line starts safely.
        let mut moved = vec![word];
        while moved.first().is_some_and(|w| opens_block(w)) && line.len() > 1 {
            if let Some(w) = line.pop() {
                moved.insert(0, w);
            }
        }
        if moved.first().is_some_and(|w| opens_block(w)) {
            // Nothing safe to break before: keep it on this line.
            line.extend(moved);
        } else {
            lines.push(moved);
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}{}", if i == 0 { first } else { rest }, l.join(" ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// True for a word that, at the start of a line, `CommonMark` could read as
/// the start of a block or a setext underline: a list marker (`-`, `+`,
/// `*`, `1.`, `1)`), a thematic break or underline (`---`, `===`), a
/// heading (`#`), a quote (`>`), a fence, a table pipe or an HTML tag.
fn opens_block(word: &str) -> bool {
    let Some(c) = word.chars().next() else { return false };
    let only = |m: char| word.chars().all(|x| x == m);
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    match c {
        '-' | '+' | '*' | '_' | '=' => only(c),
        '#' => only('#') && word.len() <= 6,
        '>' | '|' | '<' => true,
        '`' => word.starts_with("```"),
        '~' => word.starts_with("~~~"),
        _ => digits > 0 && matches!(&word[digits..], "." | ")"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_continuations_are_indented() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let out = wrap(text, 20, "- ", "  ");
        assert!(out.lines().all(|l| l.chars().count() <= 20), "{out}");
        assert!(out.starts_with("- one") && out.lines().skip(1).all(|l| l.starts_with("  ")), "{out}");
        assert_eq!(out.replace("\n  ", " "), format!("- {text}"));
    }

    #[test]
    fn a_continuation_never_opens_a_block() {
        // Broken plainly, the second line would start with `- b` (a list).
        let out = wrap("aaaa bbbb cccc - b 1. c # d --- e > f", 14, "", "");
        for line in out.lines().skip(1) {
            assert!(!opens_block(line.split(' ').next().unwrap_or("")), "{out}");
        }
        assert_eq!(out.replace('\n', " "), "aaaa bbbb cccc - b 1. c # d --- e > f");
        assert!(!opens_block("--env") && !opens_block("`code`") && !opens_block("1.5"));
    }

    #[test]
    fn a_long_word_stays_whole() {
        assert_eq!(wrap("a averyveryverylongword b", 8, "", ""), "a\naveryveryverylongword\nb");
    }
}
