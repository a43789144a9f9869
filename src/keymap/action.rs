//! The actions a key can ask for, with the words the help overlay and the
//! hint line show for each.

use serde::Deserialize;

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
    /// Write the postmortem (or, while the journal cannot be written, the
    /// whole journal) to another folder.
    OtherFolder,
    /// Apply the proposed runbook update (asks first).
    ApplyProposal,
    /// Write the selected runbook's drill card beside it.
    Card,
    /// Try writing the journal again now.
    Retry,
    /// Open the kill-switch ledger.
    Flags,
    /// Run the selected item's command.
    Run,
    /// Run every read-only command of the current step, one after another.
    RunAll,
    /// Set or change an incident's severity.
    Severity,
    /// Scroll the output pane (or, without one, the notes pane) up.
    ScrollUp,
    /// Scroll the output pane (or, without one, the notes pane) down.
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
    /// Fire the next inject card now (the facilitator's, drills only).
    Inject,
    /// Record a secret rotation: its name and where it was applied.
    RotateSecret,
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
    /// Scroll up by a page.
    PageUp,
    /// Scroll down by a page.
    PageDown,
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
                | Self::Inject
                | Self::RotateSecret
                | Self::AddNote
                | Self::StatusUpdate
                | Self::Pause
                | Self::Decide
                | Self::Handoff
                | Self::Run
                | Self::RunAll
                | Self::Severity
                | Self::TurnOff
                | Self::Restore
                | Self::Waive
        )
    }

    /// The action's name as the keymap file writes it (`toggle_item`).
    pub fn name(self) -> String {
        let name = format!("{self:?}");
        let snake =
            name.chars().flat_map(|c| if c.is_ascii_uppercase() { vec!['_', c.to_ascii_lowercase()] } else { vec![c] });
        snake.skip_while(|c| *c == '_').collect()
    }

    /// The action named `name` (`toggle_item`), if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        use serde::de::IntoDeserializer as _;
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = name.into_deserializer();
        Self::deserialize(de).ok()
    }
}

mod words;
