//! Text fields (ratatui-textarea) configured the same way everywhere.

use ratatui::widgets::Block;
use ratatui_textarea::{TextArea, WrapMode};

use crate::tui::theme::Theme;

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

/// The field's text, lines joined with newlines, trimmed.
pub fn text(field: &TextArea<'_>) -> String {
    field.lines().join("\n").trim().to_owned()
}

/// Inserts pasted text; single-line fields get newlines as spaces.
pub fn paste(field: &mut TextArea<'static>, text: &str, single_line: bool) {
    // Line breaks are handled before sanitizing, which would escape a bare CR.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = if single_line { text.replace(['\n', '\t'], " ") } else { text };
    field.insert_str(crate::core::sanitize::sanitize(&text));
}
