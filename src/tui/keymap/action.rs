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

    /// One sentence for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Self::ToggleItem => "check or uncheck the selected item",
            Self::CompleteStep => "complete the step (asks first if items are open)",
            Self::SkipStep => "skip the step, with a reason",
            Self::Undo => "undo the last step done or skipped",
            Self::Inject => "fire the next inject card now (facilitator)",
            Self::RotateSecret => "record a secret rotation: its name and where it was applied",
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
            Self::ApplyProposal => "apply the proposed runbook update (asks first)",
            Self::Card => "write the drill card beside the runbook, to print",
            Self::Retry => "try writing the journal again now",
            Self::Flags => "the kill-switch ledger: turn off, restore or leave off",
            Self::Run => "run the selected item's command (asks first)",
            Self::ScrollUp => "scroll the command output (or the notes) up",
            Self::ScrollDown => "scroll the command output (or the notes) down",
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
            Self::PageUp => "scroll up a page",
            Self::PageDown => "scroll down a page",
            Self::Left => "previous choice",
            Self::Right => "next choice",
            Self::Help => "show these keys",
            Self::Cancel => "cancel",
            Self::Back => "go back",
            Self::Quit => "open the quit menu",
        }
    }

    /// The sentence for the help overlay of `context`, where one action
    /// means something particular there.
    pub fn describe_in(self, context: &str) -> &'static str {
        match (self, context) {
            (Self::Select, "review") => "open the selected session's postmortem",
            (Self::Select, "home") => "resume the session, or start the runbook",
            (Self::Back, "notice") => "close",
            (Self::ToggleItem, "debrief_actions") => "keep or drop the selected action item",
            (Self::Select, "debrief_actions") => "edit the selected action item: text, owner, due date, kind",
            (Self::Submit, "action_edit") => "keep the action item as edited",
            (Self::Cancel, "action_edit") => "leave the action item as it was",
            (Self::Left | Self::Right, "action_edit") => "change the kind (on the kind field)",
            (Self::Quit, "review" | "home") => "quit firedrill",
            (Self::OtherFolder, "quit_unwritten") => "write the whole journal to another folder, then leave",
            (Self::Finish, "quit_unwritten") => "finish: the postmortem and the whole journal to the output folder",
            (Self::Save, "editor") => "post the status update (recorded, and sent where the runbook says)",
            _ => self.describe(),
        }
    }

    /// The hint line's label in `context`, where the action means
    /// something particular there (in the update editor the save key posts,
    /// and says so: the field under it says "posts" too).
    pub fn label_in(self, context: &str) -> &'static str {
        match (self, context) {
            (Self::Save, "editor") => "post",
            (Self::ToggleItem, "debrief_actions") => "keep/drop",
            (Self::Select, "debrief_actions") => "edit",
            (Self::Left | Self::Right, "action_edit") => "kind",
            _ => self.label(),
        }
    }

    /// A short label for the hint line.
    pub fn label(self) -> &'static str {
        match self {
            Self::ToggleItem => "check",
            Self::CompleteStep => "done",
            Self::SkipStep => "skip",
            Self::Undo => "undo",
            Self::Inject => "inject",
            Self::RotateSecret => "secret",
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
            Self::ApplyProposal => "apply update",
            Self::Card => "card",
            Self::Retry => "retry",
            Self::Flags => "flags",
            Self::Run => "run",
            Self::ScrollUp | Self::ScrollDown => "scroll",
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
            Self::PageUp => "previous page",
            Self::PageDown => "next page",
            Self::Left | Self::Right => "choose",
            Self::Help => "help",
            Self::Cancel => "cancel",
            Self::Back => "back",
            Self::Quit => "quit",
        }
    }
}
