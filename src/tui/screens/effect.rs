//! What a screen asks of the app after handling a message: a command to
//! run, another screen in front, an overlay. It lives with the screens
//! because it can carry one (`Go`).

use super::Screen;
use crate::tui::messages::Cmd;

/// What a screen asks of the app after handling a message.
#[derive(Debug)]
pub enum Effect {
    /// Run a command.
    Cmd(Cmd),
    /// Replace the screen.
    Go(Box<Screen>),
    /// Move the live session from the drill screen to the debrief.
    Debrief,
    /// Move the live session (drill or debrief screen) to the saved
    /// screen and write its postmortem and journal copy to the output folder.
    Save,
    /// Show the keys of the current context.
    Help,
    /// Open the quit menu.
    QuitMenu,
    /// Open the kill-switch ledger.
    Flags,
    /// Open the kill-switch ledger because completing the step needs the
    /// switches restored: once none is left off, the step completes.
    FlagsThenComplete,
    /// Complete the drill screen's step, as `enter` there would.
    CompleteStep,
    /// Leave firedrill with this exit code.
    Exit(u8),
}
