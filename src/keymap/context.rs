//! The contexts keys are bound in: one per screen, prompt and overlay,
//! named as the sections of `assets/keybindings.toml` and of a user's
//! `[keys]` config. A typed enum, so a misspelt context does not compile.

use std::fmt;

/// Where a key press is read: its bindings are the section of this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyContext {
    /// The home screen: runbooks and unfinished sessions.
    Home,
    /// A notice over the home screen.
    Notice,
    /// Drill or incident, after picking a runbook.
    ModeMenu,
    /// The roles form.
    Roles,
    /// The running drill.
    Drill,
    /// The running incident.
    Incident,
    /// A follower watching a session.
    Follow,
    /// The picker of running sessions to follow.
    FollowPick,
    /// A followed session that has ended.
    FollowEnd,
    /// A one-line prompt (note, skip, release...).
    Prompt,
    /// A yes/no question.
    Confirm,
    /// The debrief form.
    Debrief,
    /// The action items in the debrief.
    DebriefActions,
    /// Editing one action item.
    ActionEdit,
    /// The quit menu.
    QuitMenu,
    /// The quit menu while the journal cannot be written.
    QuitUnwritten,
    /// The multi-line status update editor.
    Editor,
    /// The kill-switch ledger.
    Flags,
    /// The decision chooser.
    Decide,
    /// The severity chooser.
    Severity,
    /// Handing a role over.
    Handoff,
    /// The list of saved sessions.
    Review,
    /// One saved postmortem or a runbook's trends.
    ReviewView,
    /// Last time's promises: done?
    Followup,
    /// The help overlay.
    Help,
    /// Where the files went.
    Saved,
}

impl KeyContext {
    /// Every context, in the order of `assets/keybindings.toml`.
    pub const ALL: [Self; 26] = [
        Self::Home,
        Self::Notice,
        Self::ModeMenu,
        Self::Roles,
        Self::Drill,
        Self::Incident,
        Self::Follow,
        Self::FollowPick,
        Self::FollowEnd,
        Self::Prompt,
        Self::Confirm,
        Self::Debrief,
        Self::DebriefActions,
        Self::ActionEdit,
        Self::QuitMenu,
        Self::QuitUnwritten,
        Self::Editor,
        Self::Flags,
        Self::Decide,
        Self::Severity,
        Self::Handoff,
        Self::Review,
        Self::ReviewView,
        Self::Followup,
        Self::Help,
        Self::Saved,
    ];

    /// The section name in the keymap file (`follow_pick`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::Notice => "notice",
            Self::ModeMenu => "mode_menu",
            Self::Roles => "roles",
            Self::Drill => "drill",
            Self::Incident => "incident",
            Self::Follow => "follow",
            Self::FollowPick => "follow_pick",
            Self::FollowEnd => "follow_end",
            Self::Prompt => "prompt",
            Self::Confirm => "confirm",
            Self::Debrief => "debrief",
            Self::DebriefActions => "debrief_actions",
            Self::ActionEdit => "action_edit",
            Self::QuitMenu => "quit_menu",
            Self::QuitUnwritten => "quit_unwritten",
            Self::Editor => "editor",
            Self::Flags => "flags",
            Self::Decide => "decide",
            Self::Severity => "severity",
            Self::Handoff => "handoff",
            Self::Review => "review",
            Self::ReviewView => "review_view",
            Self::Followup => "followup",
            Self::Help => "help",
            Self::Saved => "saved",
        }
    }

    /// The context named `name` in a keymap file, if any.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == name)
    }
}

impl fmt::Display for KeyContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
