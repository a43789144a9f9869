//! Keys as data: the embedded `assets/keybindings.toml` resolves a key press
//! to an [`Action`] per screen context; help and hints are generated from it.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// The default keymap, embedded in the binary.
pub const DEFAULT: &str = include_str!("../../assets/keybindings.toml");

/// Everything a key can ask for. Declaration order is the order of the
/// hint line and the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Check or uncheck the selected checklist item.
    ToggleItem,
    /// Complete the current step (asks when items are unchecked).
    CompleteStep,
    /// Skip the current step, with a reason.
    SkipStep,
    /// Add a note to the timeline.
    AddNote,
    /// Post a status update.
    StatusUpdate,
    /// Pause or resume the drill clock.
    Pause,
    /// Open the selected entry.
    Select,
    /// Start the selected runbook as a drill.
    StartDrill,
    /// Start the selected runbook as a live incident.
    StartIncident,
    /// Confirm the form or prompt.
    Submit,
    /// Write the debrief, the postmortem and the journal.
    Save,
    /// Answer yes.
    Yes,
    /// Answer no.
    No,
    /// Finish the session and write the postmortem.
    Finish,
    /// Leave, keeping the journal to resume later.
    Keep,
    /// Write the postmortem to another folder.
    OtherFolder,
    /// Open the kill-switch ledger.
    Flags,
    /// Run the selected item's command.
    Run,
    /// Scroll the output pane up.
    ScrollUp,
    /// Scroll the output pane down.
    ScrollDown,
    /// Open the review of saved sessions.
    Review,
    /// Show the trends of the selected runbook.
    Trends,
    /// Search the list.
    Search,
    /// Cycle the mode filter: all, drills, incidents.
    FilterMode,
    /// Cycle the runbook filter.
    FilterRunbook,
    /// Turn the selected kill switch to its safe state.
    TurnOff,
    /// Restore the selected kill switch.
    Restore,
    /// Leave the selected kill switch off, with a reason.
    Waive,
    /// Choose: roll back, fix forward or restore data.
    Decide,
    /// Hand a role to someone else.
    Handoff,
    /// Undo the last step completed or skipped.
    Undo,
    /// Choose the first option.
    First,
    /// Choose the second option.
    Second,
    /// Choose the third option.
    Third,
    /// Show the keys of this screen.
    Help,
    /// Cancel the prompt.
    Cancel,
    /// Go back.
    Back,
    /// Open the quit menu (or quit where nothing is at stake).
    Quit,
    /// Move to the next field.
    NextField,
    /// Move to the previous field.
    PrevField,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Previous choice.
    Left,
    /// Next choice.
    Right,
}

impl Action {
    /// True for an action that would record something in the session: a
    /// read-only view refuses these and leaves them out of its hints.
    pub fn changes_session(self) -> bool {
        matches!(
            self,
            Self::ToggleItem
                | Self::CompleteStep
                | Self::SkipStep
                | Self::Undo
                | Self::AddNote
                | Self::StatusUpdate
                | Self::Pause
                | Self::Decide
                | Self::Handoff
                | Self::Run
                | Self::TurnOff
                | Self::Restore
                | Self::Waive
        )
    }

    /// One sentence for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Self::ToggleItem => "check or uncheck the selected item",
            Self::CompleteStep => "complete the step (asks first if items are open)",
            Self::SkipStep => "skip the step, with a reason",
            Self::Undo => "undo the last step done or skipped",
            Self::AddNote => "add a note to the timeline",
            Self::StatusUpdate => "post a status update",
            Self::Pause => "pause or resume the drill clock",
            Self::Select => "open the selected runbook",
            Self::StartDrill => "start a drill",
            Self::StartIncident => "start a live incident",
            Self::Submit => "confirm",
            Self::Save => "write the debrief, the postmortem and the journal",
            Self::Yes => "yes",
            Self::No => "no",
            Self::Finish => "finish now and write the postmortem",
            Self::Keep => "leave and keep the journal to resume",
            Self::OtherFolder => "write the postmortem to another folder",
            Self::Flags => "the kill-switch ledger: turn off, restore or leave off",
            Self::Run => "run the selected item's command (asks first)",
            Self::ScrollUp => "scroll the command output up",
            Self::ScrollDown => "scroll the command output down",
            Self::Review => "review saved sessions: splits and trends",
            Self::Trends => "trends of the selected runbook",
            Self::Search => "search by title, runbook, person or date",
            Self::FilterMode => "show all, drills only, incidents only",
            Self::FilterRunbook => "show one runbook, the next, or all",
            Self::TurnOff => "turn the selected kill switch off (at any step)",
            Self::Restore => "restore the selected kill switch",
            Self::Waive => "leave the selected kill switch off, with a reason",
            Self::Decide => "decide: roll back, fix forward or restore data",
            Self::Handoff => "hand a role to someone else",
            Self::First | Self::Second | Self::Third => "choose this option",
            Self::NextField => "next field",
            Self::PrevField => "previous field",
            Self::Up => "move up",
            Self::Down => "move down",
            Self::Left => "previous choice",
            Self::Right => "next choice",
            Self::Help => "show these keys",
            Self::Cancel => "cancel",
            Self::Back => "go back",
            Self::Quit => "open the quit menu",
        }
    }

    /// A short label for the hint line.
    pub fn label(self) -> &'static str {
        match self {
            Self::ToggleItem => "check",
            Self::CompleteStep => "done",
            Self::SkipStep => "skip",
            Self::Undo => "undo",
            Self::AddNote => "note",
            Self::StatusUpdate => "update",
            Self::Pause => "pause",
            Self::Select => "open",
            Self::StartDrill => "drill",
            Self::StartIncident => "incident",
            Self::Submit => "ok",
            Self::Save => "save",
            Self::Yes => "yes",
            Self::No => "no",
            Self::Finish => "finish and write",
            Self::Keep => "keep for resume",
            Self::OtherFolder => "other folder",
            Self::Flags => "flags",
            Self::Run => "run",
            Self::ScrollUp | Self::ScrollDown => "scroll output",
            Self::Review => "review",
            Self::Trends => "trends",
            Self::Search => "search",
            Self::FilterMode => "mode",
            Self::FilterRunbook => "runbook",
            Self::TurnOff => "turn off",
            Self::Restore => "restore",
            Self::Waive => "leave off",
            Self::Decide => "decide",
            Self::Handoff => "handoff",
            Self::First => "1st",
            Self::Second => "2nd",
            Self::Third => "3rd",
            Self::NextField => "next field",
            Self::PrevField => "previous field",
            Self::Up => "up",
            Self::Down => "down",
            Self::Left | Self::Right => "choose",
            Self::Help => "help",
            Self::Cancel => "cancel",
            Self::Back => "back",
            Self::Quit => "quit",
        }
    }
}

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

    /// The key of a crossterm event; Shift is already in the character.
    pub fn of(event: KeyEvent) -> Self {
        Self { code: event.code, ctrl: event.modifiers.contains(KeyModifiers::CONTROL) }
    }
}

/// The resolved keymap: per context, key to action and action to key names.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(String, Key), Action>,
    names: HashMap<(String, Action), Vec<String>>,
}

/// Why a keymap file was refused.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// The TOML does not match `[context] action = ["key", ...]`.
    #[error("keymap: {0}")]
    Toml(#[from] toml::de::Error),
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
        let mut bindings = HashMap::new();
        let mut names = HashMap::new();
        for (context, actions) in raw {
            for (action, keys) in actions {
                for k in &keys {
                    let key = Key::parse(k)
                        .ok_or_else(|| KeymapError::UnknownKey { context: context.clone(), key: k.clone() })?;
                    bindings.insert((context.clone(), key), action);
                }
                names.insert((context.clone(), action), keys);
            }
        }
        Ok(Self { bindings, names })
    }

    /// The embedded default keymap.
    ///
    /// # Panics
    /// Never in a released build: a test proves the embedded file parses.
    pub fn default_keys() -> Self {
        Self::parse(DEFAULT).unwrap_or_else(|_| Self { bindings: HashMap::new(), names: HashMap::new() })
    }

    /// The action bound to `event` in `context`, if any.
    pub fn action(&self, context: &str, event: KeyEvent) -> Option<Action> {
        self.bindings.get(&(context.to_owned(), Key::of(event))).copied()
    }

    /// `(keys, action)` pairs of a context in [`Action`] order, for help and hints.
    pub fn entries(&self, context: &str) -> Vec<(String, Action)> {
        let mut out: Vec<(String, Action)> =
            self.names.iter().filter(|((c, _), _)| c == context).map(|((_, a), keys)| (keys.join("/"), *a)).collect();
        out.sort_by_key(|(_, a)| *a as u8);
        out
    }

    /// The first key name of `action` in `context`, for inline prompts.
    pub fn first_key(&self, context: &str, action: Action) -> String {
        self.names.get(&(context.to_owned(), action)).and_then(|k| k.first().cloned()).unwrap_or_default()
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
        assert_eq!(k.action("drill", press(KeyCode::Char(' '), KeyModifiers::NONE)), Some(Action::ToggleItem));
        assert_eq!(k.action("drill", press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(k.action("drill", press(KeyCode::Char('?'), KeyModifiers::SHIFT)), Some(Action::Help));
        assert_eq!(k.action("debrief", press(KeyCode::Char('s'), KeyModifiers::CONTROL)), Some(Action::Save));
        assert_eq!(k.action("debrief", press(KeyCode::Char('s'), KeyModifiers::NONE)), None, "plain letters type text");
    }

    #[test]
    fn hints_follow_action_order() {
        let k = Keymap::parse(DEFAULT).expect("parses");
        let first: Vec<Action> = k.entries("drill").into_iter().map(|(_, a)| a).take(2).collect();
        assert_eq!(first, vec![Action::ToggleItem, Action::CompleteStep]);
    }

    #[test]
    fn unknown_key_names_are_refused() {
        assert!(matches!(Keymap::parse("[drill]\npause = [\"hyper-p\"]"), Err(KeymapError::UnknownKey { .. })));
    }
}
