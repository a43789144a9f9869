//! Keys as data: the embedded `assets/keybindings.toml` resolves a key press
//! to an [`Action`] per screen context; help and hints are generated from it.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod action;
mod context;

pub use action::Action;
pub use context::KeyContext;

/// The default keymap, embedded in the binary.
pub const DEFAULT: &str = include_str!("../assets/keybindings.toml");

/// One section of the compiled default keymap: `(action, [key names])` pairs.
type KeySection = &'static [(&'static str, &'static [&'static str])];

/// [`DEFAULT`] as build.rs compiled it: `(context, section)` pairs.
const DEFAULT_TABLE: &[(&str, KeySection)] = include!(concat!(env!("OUT_DIR"), "/default_keys.rs"));

/// The contexts where plain keys type into a text field: a plain character
/// cannot be bound there, and a burst of keys with a line break is a paste.
pub const TEXT_CONTEXTS: [KeyContext; 5] =
    [KeyContext::Roles, KeyContext::Prompt, KeyContext::Debrief, KeyContext::Editor, KeyContext::ActionEdit];

/// A key as written in the keymap: a code plus whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
}

impl Key {
    /// Parses `q`, `?`, `space`, `enter`, `ctrl-s`...; `None` when unknown.
    pub fn parse(text: &str) -> Option<Self> {
        let (ctrl, name) = text.strip_prefix("ctrl-").map_or((false, text), |n| (true, n));
        let code = match name {
            "space" => KeyCode::Char(' '),
            "enter" => KeyCode::Enter,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "esc" => KeyCode::Esc,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "backspace" => KeyCode::Backspace,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            one if one.chars().count() == 1 => KeyCode::Char(one.chars().next()?),
            _ => return None,
        };
        Some(Self { code, ctrl })
    }

    /// True for a plain printable character (no Ctrl), which a text field types.
    pub fn is_plain_char(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl
    }

    /// The key of a crossterm event; Shift is already in the character.
    pub fn of(event: KeyEvent) -> Self {
        Self { code: event.code, ctrl: event.modifiers.contains(KeyModifiers::CONTROL) }
    }
}

/// The resolved keymap: per context, key to action and action to key names.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(KeyContext, Key), Action>,
    names: HashMap<(KeyContext, Action), Vec<String>>,
}

/// Why a keymap file was refused.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// The TOML does not match `[context] action = ["key", ...]`.
    #[error("keymap: {0}")]
    Toml(#[from] toml::de::Error),
    /// A section names no context.
    #[error("keymap: unknown context [{0}]")]
    UnknownContext(String),
    /// A key name is unknown.
    #[error("keymap: [{context}] unknown key name {key:?}")]
    UnknownKey {
        /// The section.
        context: String,
        /// The key name.
        key: String,
    },
}

impl Keymap {
    /// Parses a keymap file.
    ///
    /// # Errors
    /// [`KeymapError`] for bad TOML, an unknown action or key name.
    pub fn parse(text: &str) -> Result<Self, KeymapError> {
        let raw: HashMap<String, HashMap<Action, Vec<String>>> = toml::from_str(text)?;
        Self::resolve(raw.into_iter().map(|(name, actions)| (name, actions.into_iter().collect())))
    }

    /// The keymap of `(context name, [(action, key names)])` sections.
    fn resolve(sections: impl IntoIterator<Item = (String, Vec<(Action, Vec<String>)>)>) -> Result<Self, KeymapError> {
        let mut bindings = HashMap::new();
        let mut names = HashMap::new();
        for (name, actions) in sections {
            let context = KeyContext::parse(&name).ok_or(KeymapError::UnknownContext(name))?;
            for (action, keys) in actions {
                for k in &keys {
                    let key = Key::parse(k)
                        .ok_or_else(|| KeymapError::UnknownKey { context: context.key().to_owned(), key: k.clone() })?;
                    bindings.insert((context, key), action);
                }
                names.insert((context, action), keys);
            }
        }
        Ok(Self { bindings, names })
    }

    /// The embedded default keymap, from the table build.rs compiled out of
    /// [`DEFAULT`] (no TOML parse at start).
    ///
    /// # Panics
    /// Never in a released build: a test proves the table resolves as the
    /// embedded file parses.
    pub fn default_keys() -> Self {
        let sections = DEFAULT_TABLE.iter().map(|(context, actions)| {
            let actions = actions
                .iter()
                .filter_map(|(action, keys)| {
                    Some((Action::from_name(action)?, keys.iter().map(|&k| k.to_owned()).collect()))
                })
                .collect();
            ((*context).to_owned(), actions)
        });
        Self::resolve(sections).unwrap_or_else(|_| Self { bindings: HashMap::new(), names: HashMap::new() })
    }

    /// The action bound to `event` in `context`, if any.
    pub fn action(&self, context: KeyContext, event: KeyEvent) -> Option<Action> {
        self.bindings.get(&(context, Key::of(event))).copied()
    }

    /// `(keys, action)` pairs of a context in [`Action`] order, for help and hints.
    pub fn entries(&self, context: KeyContext) -> Vec<(String, Action)> {
        let mut out: Vec<(String, Action)> =
            self.names.iter().filter(|((c, _), _)| *c == context).map(|((_, a), keys)| (keys.join("/"), *a)).collect();
        out.sort_by_key(|(_, a)| *a as u8);
        out
    }

    /// The contexts of the keymap, sorted by name.
    pub fn contexts(&self) -> Vec<KeyContext> {
        let mut out: Vec<KeyContext> = self.names.keys().map(|(c, _)| *c).collect();
        out.sort_unstable_by_key(|c| c.key());
        out.dedup();
        out
    }

    /// The actions bound in `context`, in [`Action`] order.
    pub fn actions(&self, context: KeyContext) -> Vec<Action> {
        self.entries(context).into_iter().map(|(_, a)| a).collect()
    }

    /// The key names of `action` in `context`, as written.
    pub fn keys_of(&self, context: KeyContext, action: Action) -> &[String] {
        self.names.get(&(context, action)).map_or(&[], Vec::as_slice)
    }

    /// The action `key` is bound to in `context`, if any.
    pub fn bound(&self, context: KeyContext, key: Key) -> Option<Action> {
        self.bindings.get(&(context, key)).copied()
    }

    /// Removes every key of `action` in `context` (before binding new ones).
    pub fn unbind(&mut self, context: KeyContext, action: Action) {
        self.bindings.retain(|(c, _), a| !(*c == context && *a == action));
        self.names.remove(&(context, action));
    }

    /// Binds `key`, written as `name`, to `action` in `context`, replacing
    /// what the key did there; the caller refuses conflicts first.
    pub fn bind(&mut self, context: KeyContext, action: Action, name: &str, key: Key) {
        self.bindings.insert((context, key), action);
        self.names.entry((context, action)).or_default().push(name.to_owned());
    }

    /// The first key name of `action` in `context`, for inline prompts.
    pub fn first_key(&self, context: KeyContext, action: Action) -> String {
        self.names.get(&(context, action)).and_then(|k| k.first().cloned()).unwrap_or_default()
    }

    /// Every key bound to `action` in `context`, joined with " / ".
    pub fn all_keys(&self, context: KeyContext, action: Action) -> String {
        self.names.get(&(context, action)).map(|k| k.join(" / ")).unwrap_or_default()
    }

    /// "(y/n)" as the keys of a confirmation are bound now.
    pub fn yes_no(&self) -> String {
        format!(
            "({}/{})",
            self.first_key(KeyContext::Confirm, Action::Yes),
            self.first_key(KeyContext::Confirm, Action::No)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent { code, modifiers, kind: KeyEventKind::Press, state: crossterm::event::KeyEventState::NONE }
    }

    #[test]
    fn the_embedded_keymap_parses_and_resolves() {
        let k = Keymap::parse(DEFAULT).expect("default keymap parses");
        assert_eq!(
            k.action(KeyContext::Drill, press(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Action::ToggleItem)
        );
        assert_eq!(k.action(KeyContext::Drill, press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(k.action(KeyContext::Drill, press(KeyCode::Char('?'), KeyModifiers::SHIFT)), Some(Action::Help));
        assert_eq!(k.action(KeyContext::Debrief, press(KeyCode::Char('s'), KeyModifiers::CONTROL)), Some(Action::Save));
        assert_eq!(
            k.action(KeyContext::Debrief, press(KeyCode::Char('s'), KeyModifiers::NONE)),
            None,
            "plain letters type text"
        );
    }

    /// The compiled table is the file: every context, action and key.
    #[test]
    fn the_default_table_is_the_embedded_file() {
        let parsed = Keymap::parse(DEFAULT).expect("parses");
        let table = Keymap::default_keys();
        assert_eq!(table.bindings, parsed.bindings);
        assert_eq!(table.names, parsed.names);
        assert!(table.bindings.len() > 150, "{} bindings", table.bindings.len());
    }

    #[test]
    fn hints_follow_action_order() {
        let k = Keymap::parse(DEFAULT).expect("parses");
        let first: Vec<Action> = k.entries(KeyContext::Drill).into_iter().map(|(_, a)| a).take(2).collect();
        assert_eq!(first, vec![Action::ToggleItem, Action::CompleteStep]);
    }

    #[test]
    fn unknown_key_names_are_refused() {
        assert!(matches!(Keymap::parse("[drill]\npause = [\"hyper-p\"]"), Err(KeymapError::UnknownKey { .. })));
    }
}
