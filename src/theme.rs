//! Named styles. Colour always comes with a symbol beside it, so a
//! monochrome theme (`NO_COLOR`) loses no meaning.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: labels, hints, pending steps.
    pub dim: Style,
    /// Titles and the big clock.
    pub title: Style,
    /// Keys in the hint line.
    pub key: Style,
    /// The selected row.
    pub selected: Style,
    /// Within target / done.
    pub good: Style,
    /// Warning: 80% of the time-box, over a step target.
    pub warn: Style,
    /// Over the time-box; errors.
    pub bad: Style,
    /// The active step.
    pub active: Style,
    /// Box borders.
    pub border: Style,
}

/// The colour theme.
pub const THEME: Theme = Theme {
    text: Style::new(),
    dim: Style::new().fg(Color::DarkGray),
    title: Style::new().add_modifier(Modifier::BOLD),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    good: Style::new().fg(Color::Green),
    warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    active: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::Gray),
};

/// The theme without colour, for `NO_COLOR` (<https://no-color.org>).
pub const MONO: Theme = Theme {
    text: Style::new(),
    dim: Style::new(),
    title: Style::new().add_modifier(Modifier::BOLD),
    key: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    good: Style::new(),
    warn: Style::new().add_modifier(Modifier::BOLD),
    bad: Style::new().add_modifier(Modifier::BOLD),
    active: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
};

impl Theme {
    /// [`MONO`] when `no_color` (the `NO_COLOR` variable is set and not empty), else [`THEME`].
    pub fn pick(no_color: bool) -> Self {
        if no_color { MONO } else { THEME }
    }
}
