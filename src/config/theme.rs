//! `[theme]` overrides: a named style written as words, such as
//! `"magenta bold"` or `"black on yellow"`. Only styles change; the symbols
//! beside every colour stay, so no meaning is carried by colour alone.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use super::ConfigError;
use super::file::{Located, did_you_mean};
use crate::theme::Theme;

/// The style names a theme may set, in the order `config --print` shows them.
pub const NAMES: [&str; 10] = ["text", "dim", "title", "key", "selected", "good", "warn", "bad", "active", "border"];

const MODIFIERS: [(&str, Modifier); 6] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// The style slot called `name` in `theme`.
pub fn slot<'t>(theme: &'t mut Theme, name: &str) -> Option<&'t mut Style> {
    Some(match name {
        "text" => &mut theme.text,
        "dim" => &mut theme.dim,
        "title" => &mut theme.title,
        "key" => &mut theme.key,
        "selected" => &mut theme.selected,
        "good" => &mut theme.good,
        "warn" => &mut theme.warn,
        "bad" => &mut theme.bad,
        "active" => &mut theme.active,
        "border" => &mut theme.border,
        _ => return None,
    })
}

/// Parses `"[FG] [on BG] [modifier...]"`; colours are names (`red`,
/// `lightblue`), `#rrggbb` or a 0-255 index.
///
/// # Errors
/// A sentence naming the word that is neither a colour nor a modifier.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if lower == "on" {
            let bg = words.next().ok_or("`on` needs a colour after it")?;
            style = style.bg(Color::from_str(bg).map_err(|_| unknown(bg))?);
        } else if let Some((_, m)) = MODIFIERS.iter().find(|(n, _)| *n == lower) {
            style = style.add_modifier(*m);
        } else {
            style = style.fg(Color::from_str(word).map_err(|_| unknown(word))?);
        }
    }
    Ok(style)
}

fn unknown(word: &str) -> String {
    format!(
        "`{word}` is neither a colour (a name such as red or lightblue, #rrggbb, or 0-255) nor a modifier ({})",
        MODIFIERS.map(|(n, _)| n).join(", ")
    )
}

/// Writes `style` back as words, the inverse of [`parse_style`].
pub fn show_style(style: Style) -> String {
    let mut words = Vec::new();
    if let Some(fg) = style.fg {
        words.push(color_name(fg));
    }
    if let Some(bg) = style.bg {
        words.push(format!("on {}", color_name(bg)));
    }
    for (name, m) in MODIFIERS {
        if style.add_modifier.contains(m) {
            words.push(name.to_owned());
        }
    }
    words.join(" ")
}

fn color_name(c: Color) -> String {
    c.to_string().to_ascii_lowercase()
}

/// Applies `lines` over `theme`; under `no_color`, colours are dropped and
/// only modifiers apply. Returns the line of each style set.
///
/// # Errors
/// Every unknown style name or unreadable style, at `path:line:col`.
pub fn overlay(
    path: &str,
    theme: &mut Theme,
    lines: &[(Located<String>, Located<String>)],
    no_color: bool,
) -> Result<Vec<(String, usize)>, Vec<ConfigError>> {
    let mut errors = Vec::new();
    let mut set = Vec::new();
    for (name, value) in lines {
        let Some(slot) = slot(theme, &name.value) else {
            errors.push(ConfigError::at(
                path,
                name.at,
                format!(
                    "theme: unknown style `{}`{} (allowed: {})",
                    name.value,
                    did_you_mean(&name.value, &NAMES),
                    NAMES.map(|n| format!("`{n}`")).join(", ")
                ),
            ));
            continue;
        };
        match parse_style(&value.value) {
            Ok(style) if no_color => *slot = Style { fg: None, bg: None, ..style },
            Ok(style) => *slot = style,
            Err(why) => {
                errors.push(ConfigError::at(path, value.at, format!("theme.{}: {why}", name.value)));
                continue;
            }
        }
        set.push((name.value.clone(), name.at.line));
    }
    if errors.is_empty() { Ok(set) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::{MONO, THEME};

    #[test]
    fn every_default_style_reads_back_from_its_words() {
        let mut theme = THEME;
        for name in NAMES {
            let style = *slot(&mut theme, name).expect("a slot");
            assert_eq!(parse_style(&show_style(style)), Ok(style), "{name}");
        }
    }

    #[test]
    fn words_give_colours_backgrounds_and_modifiers() {
        assert_eq!(
            parse_style("white on #aa0000 bold underlined"),
            Ok(Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(0xaa, 0, 0))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED))
        );
        assert!(parse_style("on").is_err());
        assert!(parse_style("blinking").is_err_and(|e| e.contains("`blinking`")));
    }

    #[test]
    fn no_color_keeps_only_the_modifiers() {
        let at = crate::core::runbook::Location { line: 1, col: 1 };
        let line = |v: &str| (Located { value: "bad".to_owned(), at }, Located { value: v.to_owned(), at });
        let mut theme = MONO;
        overlay("c.toml", &mut theme, &[line("red underlined")], true).expect("valid");
        assert_eq!(theme.bad, Style::new().add_modifier(Modifier::UNDERLINED));
    }
}
