//! What can open over the drill screen, one at a time: a text prompt, a
//! yes/no question, a one-key chooser, or last drill's promises. Matched
//! once for keys (`DrillScreen::handle`) and once for drawing (`view`).

use super::PromptKind;
use super::run::Ask;

/// A one-key chooser over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chooser {
    /// Roll back, fix forward or restore data.
    Decision,
    /// Which role to hand over.
    Handoff,
    /// An incident's severity, SEV1 to SEV3.
    Severity,
}

/// The one thing open over the drill screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// Nothing: keys act on the checklist.
    None,
    /// A text prompt of this kind.
    Prompt(PromptKind),
    /// Approve the runbook's commands, or run one.
    Ask(Ask),
    /// "Complete with N items unchecked? (y/n)".
    Unchecked(usize),
    /// "Leave these kill switches off? (y/n)" (incidents).
    FlagsOff(Vec<String>),
    /// A one-key chooser.
    Choose(Chooser),
    /// "Last time you promised ...: done? (y/n)".
    FollowUp,
    /// A facilitator's inject card; enter acknowledges it.
    Inject(usize),
}
