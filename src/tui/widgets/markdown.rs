//! Markdown (a postmortem) as terminal text: headings, paragraphs, lists and
//! tables drawn with box characters, using pulldown-cmark to parse.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::sanitize::sanitize_line;
use crate::theme::Theme;

/// Renders `markdown` into lines at most `width` columns wide (tables are
/// cut, not wrapped, so their columns stay aligned).
pub fn to_lines(markdown: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut text = String::new();
    let mut heading: Option<HeadingLevel> = None;
    let mut item_depth = 0usize;
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut in_cell = false;
    let flush = |text: &mut String, out: &mut Vec<Line<'static>>, prefix: &str, style: Style| {
        if text.trim().is_empty() {
            text.clear();
            return;
        }
        let indent = " ".repeat(prefix.chars().count());
        for (i, line) in textwrap::wrap(text.trim(), width.saturating_sub(prefix.len()).max(10)).into_iter().enumerate()
        {
            let lead = if i == 0 { prefix.to_owned() } else { indent.clone() };
            out.push(Line::from(vec![Span::raw(lead), Span::styled(line.into_owned(), style)]));
        }
        text.clear();
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                let style = if heading == Some(HeadingLevel::H1) {
                    theme.title.add_modifier(Modifier::UNDERLINED)
                } else {
                    theme.active
                };
                out.push(Line::default());
                flush(&mut text, &mut out, "", style);
                heading = None;
            }
            Event::Start(Tag::Item) => {
                // A nested list: its parent item's own text is a line first.
                flush(&mut text, &mut out, &bullet(item_depth), theme.text);
                item_depth += 1;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut text, &mut out, &bullet(item_depth), theme.text);
                item_depth = item_depth.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph) if item_depth == 0 => {
                flush(&mut text, &mut out, "", theme.text);
                out.push(Line::default());
            }
            Event::Start(Tag::Table(_)) => table.clear(),
            Event::Start(Tag::TableHead | Tag::TableRow) => table.push(Vec::new()),
            Event::Start(Tag::TableCell) => in_cell = true,
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if let Some(row) = table.last_mut() {
                    row.push(std::mem::take(&mut text).trim().to_owned());
                }
            }
            Event::End(TagEnd::Table) => {
                out.extend(render_table(&table, width, theme));
                out.push(Line::default());
            }
            Event::TaskListMarker(done) => text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Text(t) | Event::Code(t) => text.push_str(&sanitize_line(&t)),
            Event::SoftBreak | Event::HardBreak if !in_cell => text.push(' '),
            _ => {}
        }
    }
    flush(&mut text, &mut out, "", theme.text);
    out
}

/// The lead of a list item at `depth` (1 for the outer list).
fn bullet(depth: usize) -> String {
    format!("{}• ", "  ".repeat(depth.saturating_sub(1)))
}

/// A table that fits `width`: each column as wide as its widest cell,
/// the widest columns narrowed until the row fits, and a cell too long for
/// its column wrapped onto more lines, never cut (a review shows all of it).
fn render_table(rows: &[Vec<String>], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0)).collect();
    let room = width.saturating_sub(3 * cols.saturating_sub(1));
    while widths.iter().sum::<usize>() > room {
        let Some((i, w)) = widths.iter().copied().enumerate().max_by_key(|(_, w)| *w) else { break };
        if w <= 6 {
            break;
        }
        widths[i] = w - 1;
    }
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(c, w)| {
                let cell = row.get(c).map_or("", String::as_str);
                textwrap::wrap(cell, (*w).max(1)).into_iter().map(std::borrow::Cow::into_owned).collect()
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let style = if i == 0 { theme.title.add_modifier(Modifier::UNDERLINED) } else { theme.text };
        for l in 0..height {
            let parts: Vec<String> = widths
                .iter()
                .zip(&cells)
                .map(|(w, lines)| format!("{:<w$}", lines.get(l).map_or("", String::as_str)))
                .collect();
            out.push(Line::styled(parts.join(" │ ").chars().take(width).collect::<String>(), style));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>().trim_end().to_owned())
            .collect()
    }

    #[test]
    fn headings_lists_and_tables_read_as_text() {
        let md = "# Postmortem\n\n## Summary\n\n- Outcome: completed\n- [x] flag off\n\n| Step | Actual |\n| --- | --- |\n| revert | 04:12 |\n";
        let lines = plain(&to_lines(md, 60, &crate::theme::MONO));
        assert!(lines.contains(&"Postmortem".to_owned()), "{lines:?}");
        assert!(lines.contains(&"• Outcome: completed".to_owned()), "{lines:?}");
        assert!(lines.contains(&"• [x] flag off".to_owned()), "{lines:?}");
        assert!(lines.contains(&"Step   │ Actual".to_owned()), "{lines:?}");
        assert!(lines.contains(&"revert │ 04:12".to_owned()), "{lines:?}");
    }

    #[test]
    fn a_nested_list_starts_below_its_parent_item() {
        let md = "- Outcome: unverified\n  - check not verified: login\n  - flag still off\n- Duration: 00:12\n";
        let lines = plain(&to_lines(md, 60, &crate::theme::MONO));
        assert_eq!(
            lines,
            ["• Outcome: unverified", "  • check not verified: login", "  • flag still off", "• Duration: 00:12"]
        );
    }
}
