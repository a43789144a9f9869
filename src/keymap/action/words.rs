//! The words the help overlay and the hint line show for each action.

use super::Action;
use crate::keymap::KeyContext;

impl Action {
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
            Self::Flags => "the kill-switch ledger: make safe, restore or leave safe",
            Self::Run => "run the selected command (asks first if it changes a system)",
            Self::RunAll => "run every read-only check of this step, one after another",
            Self::Severity => "set or change the incident's severity (SEV1 to SEV3)",
            Self::ScrollUp => "scroll the command output (or the notes) up",
            Self::ScrollDown => "scroll the command output (or the notes) down",
            Self::Review => "review saved sessions: splits and trends",
            Self::Trends => "trends of the selected runbook",
            Self::Search => "search by title, runbook, person or date",
            Self::FilterMode => "show all, drills only, incidents only",
            Self::FilterRunbook => "show one runbook, the next, or all",
            Self::TurnOff => "put the selected kill switch in its safe state (at any step; runs its command)",
            Self::Restore => "restore the selected kill switch (runs its command)",
            Self::Waive => "leave the selected kill switch in its safe state, with a reason",
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
    pub fn describe_in(self, context: KeyContext) -> &'static str {
        match (self, context) {
            (Self::Select, KeyContext::Review) => "open the selected session's postmortem",
            (Self::Trends, KeyContext::Review) => {
                "a drill's runbook trends; an incident beside the team's drills of its runbook"
            }
            (Self::Select, KeyContext::Home) => "resume the session, or start the runbook",
            (Self::Select, KeyContext::FollowPick) => "follow the selected session, read-only",
            (Self::Select, KeyContext::FollowEnd) => "read the postmortem in $PAGER (else less)",
            (Self::Quit, KeyContext::FollowPick | KeyContext::FollowEnd) => "leave firedrill",
            (Self::Back, KeyContext::Notice) => "close",
            (Self::ToggleItem, KeyContext::DebriefActions) => "keep or drop the selected action item",
            (Self::Select, KeyContext::DebriefActions) => "edit the selected action item: text, owner, due date, kind",
            (Self::Submit, KeyContext::ActionEdit) => "keep the action item as edited",
            (Self::Cancel, KeyContext::ActionEdit) => "leave the action item as it was",
            (Self::Left | Self::Right, KeyContext::ActionEdit) => "change the kind (on the kind field)",
            (Self::Quit, KeyContext::Review | KeyContext::Home) => "quit firedrill",
            (Self::OtherFolder, KeyContext::QuitUnwritten) => "write the whole journal to another folder, then leave",
            (Self::Finish, KeyContext::QuitUnwritten) => {
                "finish: the postmortem and the whole journal to the output folder"
            }
            (Self::Save, KeyContext::Editor) => "post the status update (recorded, and sent where the runbook says)",
            (Self::Submit, KeyContext::Decide) => "confirm the change of decision picked",
            (Self::First, KeyContext::Drill | KeyContext::Incident) => {
                "on a release item: name the 1st release it offers"
            }
            (Self::Second, KeyContext::Drill | KeyContext::Incident) => {
                "on a release item: name the 2nd release it offers"
            }
            _ => self.describe(),
        }
    }

    /// The hint line's label in `context`, where the action means
    /// something particular there (in the update editor the save key posts,
    /// and says so: the field under it says "posts" too).
    pub fn label_in(self, context: KeyContext) -> &'static str {
        match (self, context) {
            (Self::Save, KeyContext::Editor) => "post",
            (Self::ToggleItem, KeyContext::DebriefActions) => "keep/drop",
            (Self::Select, KeyContext::DebriefActions) => "edit",
            (Self::Select, KeyContext::FollowPick) => "follow",
            (Self::Select, KeyContext::FollowEnd) => "read postmortem",
            (Self::Left | Self::Right, KeyContext::ActionEdit) => "kind",
            (Self::First, KeyContext::Drill | KeyContext::Incident) => "release 1",
            (Self::Second, KeyContext::Drill | KeyContext::Incident) => "release 2",
            _ => self.label(),
        }
    }

    /// [`Action::label_in`] cut to one word, for a hint line too narrow
    /// for every key needed to finish (the kill-switch ledger and the quit
    /// menu at 40 columns).
    pub fn tight_label_in(self, context: KeyContext) -> &'static str {
        match self {
            Self::TurnOff => "safe",
            Self::Waive => "leave",
            Self::Finish => "finish",
            Self::Keep => "keep",
            _ => self.label_in(context),
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
            Self::RunAll => "run all",
            Self::Severity => "severity",
            Self::ScrollUp | Self::ScrollDown => "scroll",
            Self::Review => "review",
            Self::Trends => "trends",
            Self::Search => "search",
            Self::FilterMode => "mode",
            Self::FilterRunbook => "runbook",
            Self::TurnOff => "make safe",
            Self::Restore => "restore",
            Self::Waive => "leave safe",
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
