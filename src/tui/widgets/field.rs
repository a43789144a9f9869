//! Text fields (ratatui-textarea) configured the same way everywhere.

use ratatui::widgets::Block;
use ratatui_textarea::{TextArea, WrapMode};

use crate::theme::Theme;

/// A new, empty field titled `title`; `focused` sets the border and cursor.
pub fn new_field(title: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_block(Block::bordered().title(format!(" {title} ")));
    t.set_placeholder_text(placeholder);
    // Dim and italic, so an example never passes for an answer (also without colour).
    t.set_placeholder_style(
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::DIM | ratatui::style::Modifier::ITALIC),
    );
    t.set_wrap_mode(WrapMode::Word);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t
}

/// Styles a field as focused or not (border colour plus a `›` marker in the
/// title so focus never relies on colour alone).
pub fn set_focus(field: &mut TextArea<'static>, title: &str, focused: bool, theme: &Theme) {
    let (marker, style) = if focused { ("› ", theme.active) } else { ("  ", theme.border) };
    field.set_block(Block::bordered().title(format!(" {marker}{title} ")).border_style(style));
    field.set_cursor_style(if focused { theme.selected } else { ratatui::style::Style::new() });
}

/// The field's text, lines joined with newlines, sanitized, trimmed: the
/// input boundary for text typed key by key (a pasted text is sanitized on
/// the way in), so no control, bidi or zero-width character reaches the journal.
pub fn text(field: &TextArea<'_>) -> String {
    crate::core::sanitize::sanitize(&field.lines().join("\n")).trim().to_owned()
}

/// Hands `key` to `field`, typing a hostile character as its visible
/// escape (`\u{202e}`) so it never reaches the screen raw either.
pub fn input(field: &mut TextArea<'static>, key: crossterm::event::KeyEvent) -> bool {
    if let crossterm::event::KeyCode::Char(c) = key.code
        && crate::core::sanitize::is_hostile(c)
    {
        field.insert_str(crate::core::sanitize::sanitize(&c.to_string()));
        return true;
    }
    field.input(key)
}

/// Hands `key` to a one-line field: `tab` types nothing there (where a form
/// has several fields it moves between them, by the keymap).
pub fn input_line(field: &mut TextArea<'static>, key: crossterm::event::KeyEvent) -> bool {
    if matches!(key.code, crossterm::event::KeyCode::Tab | crossterm::event::KeyCode::BackTab) {
        return false;
    }
    input(field, key)
}

/// Inserts pasted text; single-line fields get newlines as spaces.
pub fn paste(field: &mut TextArea<'static>, text: &str, single_line: bool) {
    // Line breaks are handled before sanitizing, which would escape a bare CR.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // On one line, a run of breaks is one space: terminals send a pasted
    // CRLF as two carriage returns.
    let text = if single_line {
        text.split('\n').filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ").replace('\t', " ")
    } else {
        text
    };
    field.insert_str(crate::core::sanitize::sanitize(&text));
}
