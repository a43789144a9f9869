//! The drill screen's text prompts: notes (backdated with `@HH:MM`), skip
//! reasons, status updates (a CAN draft in a multi-line editor), handoffs,
//! the releases a step names, and a failed check's reason. `esc` keeps a
//! draft for later. What a prompt's answer may be is decided by the core.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{DrillScreen, Modal};
use crate::core::incident::draft_update;
use crate::core::roles::Role;
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::context::Now;
use crate::tui::screens::effect::Effect;
use crate::tui::widgets::field::{new_field, text};

/// What a prompt is collecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A note for the timeline.
    Note,
    /// Why the step is skipped.
    Skip,
    /// A status update for the channel.
    Status,
    /// Who takes over a role.
    Handoff(Role),
    /// The live release, as the team names it.
    NameLive,
    /// The release production was rolled back to.
    RevertTo,
    /// The patch release shipped (fix forward).
    Patch,
    /// Why a failed check is accepted anyway (the verifier's call).
    Override(usize),
    /// Why an item its own passing command checked is unchecked.
    Uncheck(usize),
    /// A secret rotated: its name, then where it was applied.
    Secret,
}

/// Number of draft slots, one per prompt kind.
pub const KINDS: usize = 10;

impl PromptKind {
    /// True for the prompts that name a release (live, revert-to, patch).
    pub fn names_release(self) -> bool {
        matches!(self, Self::NameLive | Self::RevertTo | Self::Patch)
    }

    /// The kinds whose drafts are journaled as notes when leaving.
    pub const KEPT: [Self; 3] = [Self::Note, Self::Skip, Self::Status];

    /// The draft slot of this kind.
    pub fn index(self) -> usize {
        match self {
            Self::Note => 0,
            Self::Skip => 1,
            Self::Status => 2,
            Self::Handoff(_) => 3,
            Self::NameLive => 4,
            Self::RevertTo => 5,
            Self::Patch => 6,
            Self::Override(_) => 7,
            Self::Uncheck(_) => 8,
            Self::Secret => 9,
        }
    }

    /// The prompt's title: what it asks.
    pub fn title(self, channel: Option<&str>) -> String {
        match self {
            Self::Note => "note · @14:02 if it happened earlier (UTC) · TODO: makes an action item".to_owned(),
            Self::Skip => "why skip this step?".to_owned(),
            Self::Status => {
                format!("status update for {}", channel.map_or_else(|| "the agreed channel".to_owned(), sanitize_line))
            }
            Self::Handoff(role) => format!("who takes over as {role}?"),
            Self::NameLive => "which release is live? the ledger's answer".to_owned(),
            Self::RevertTo => "which release is production on now?".to_owned(),
            Self::Patch => "which patch release is live now?".to_owned(),
            Self::Override(_) => "the check failed: why accept it anyway?".to_owned(),
            Self::Uncheck(_) => "its command passed: why uncheck it?".to_owned(),
            Self::Secret => "secret rotated: its NAME (never the value); where applied".to_owned(),
        }
    }

    /// What the keys that end the prompt do, shown under the field, with
    /// the keys the keymap gives (the same words as the hint line's).
    pub fn keys_hint(self, keymap: &crate::keymap::Keymap) -> String {
        use crate::keymap::Action;
        let context = self.context();
        let done = keymap.first_key(context, if self == Self::Status { Action::Save } else { Action::Submit });
        let esc = keymap.first_key(context, Action::Cancel);
        match self {
            Self::NameLive | Self::RevertTo | Self::Patch => {
                format!("{done} records it and checks the item · {esc} cancels")
            }
            Self::Status => format!("{done} posts · {esc} keeps the draft"),
            Self::Note | Self::Skip => format!("{done} saves · {esc} keeps the draft"),
            Self::Handoff(_) | Self::Override(_) | Self::Uncheck(_) | Self::Secret => {
                format!("{done} saves · {esc} cancels")
            }
        }
    }

    /// The kind in words, for notices.
    pub fn label(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Skip => "skip reason",
            Self::Status => "status update",
            Self::Handoff(_) => "handoff",
            Self::NameLive => "live release",
            Self::RevertTo => "release rolled back to",
            Self::Patch => "patch release",
            Self::Override(_) => "override reason",
            Self::Uncheck(_) => "reason to uncheck",
            Self::Secret => "secret rotation",
        }
    }

    /// The keymap context: the update editor is multi-line (Ctrl-S posts).
    pub fn context(self) -> KeyContext {
        if self == Self::Status { KeyContext::Editor } else { KeyContext::Prompt }
    }

    /// The release this prompt starts from, if any: the live release as
    /// the release probe read it from the ledger (measured; never the
    /// runbook's, which would time pressing enter: docs/domain.md, "Words": one
    /// source of truth), the release the probe reads now for the revert
    /// (else the known-good one the runbook decided).
    pub(super) fn seed(self, live: &crate::tui::live::Live) -> Option<String> {
        let probed = live.session.probe_release().map(str::to_owned);
        match self {
            Self::NameLive => probed,
            Self::RevertTo => {
                probed.filter(|p| p == live.runbook.known_good()).or_else(|| Some(live.runbook.known_good().to_owned()))
            }
            _ => None,
        }
    }
}

impl DrillScreen {
    /// Opens the prompt of `kind`, bringing back its draft or starting one
    /// (a CAN update drafted from live state; a release prefilled).
    pub(super) fn open(&mut self, kind: PromptKind, now: Now) {
        self.flash = None;
        self.modal = Modal::Prompt(kind);
        self.settle_until_ms = None;
        let fresh = matches!(kind, PromptKind::Handoff(_) | PromptKind::Override(_) | PromptKind::Uncheck(_));
        if self.drafts[kind.index()].is_some() && !fresh {
            return;
        }
        let runbook = &self.live.runbook;
        let probed = self.live.session.probe_release().is_some();
        let hint = match (kind, runbook.release.ledger.as_deref()) {
            (PromptKind::NameLive, _) if probed => "as the release probe read it: enter confirms".to_owned(),
            (PromptKind::NameLive, Some(ledger)) => format!("the release ID as {} shows it", sanitize_line(ledger)),
            (PromptKind::NameLive, None) => "the release ID as the ledger shows it".to_owned(),
            (PromptKind::Secret, _) => "STRIPE_API_KEY; app, CI, hosting, database".to_owned(),
            _ => "type, then enter".to_owned(),
        };
        let mut field = new_field(&kind.title(runbook.channel.as_deref()), &hint);
        if kind == PromptKind::Status {
            field = new_field(&kind.title(runbook.channel.as_deref()), "");
            field.insert_str(draft_update(&self.live.session, runbook, now.wall));
        }
        // The runbook's release, selected: enter keeps it, typing replaces it.
        if let Some(release) = kind.seed(&self.live) {
            field.insert_str(release);
            field.select_all();
        }
        self.seeds[kind.index()] = Some(text(&field));
        self.drafts[kind.index()] = Some(field);
    }

    pub(super) fn handle_prompt(
        &mut self,
        kind: PromptKind,
        action: Option<Action>,
        key: KeyEvent,
        now: Now,
    ) -> Vec<Effect> {
        // Keys typed ahead of a prompt `enter` opened are not typed in; no
        // release name holds a space, so a space is never typed into one.
        if (self.settling(now) && action != Some(Action::Cancel))
            || (key.code == crossterm::event::KeyCode::Char(' ') && kind.names_release())
        {
            return Vec::new();
        }
        // A release prompt untouched since it opened: 1, 2 pick its choices.
        if let (crossterm::event::KeyCode::Char(c @ '1'..='9'), true) = (key.code, self.untouched(kind)) {
            let n = (c as usize) - ('1' as usize);
            if let Some((release, _)) = self.release_choices(kind).get(n).cloned() {
                self.drafts[kind.index()] = None;
                let command =
                    if kind == PromptKind::NameLive { Command::NameLive(release) } else { Command::RevertTo(release) };
                let effects = self.apply(command, now).unwrap_or_default();
                self.close();
                self.after_check();
                return effects;
            }
        }
        match action {
            Some(Action::Submit | Action::Save) => {
                let body = self.drafts[kind.index()].as_ref().map(text).unwrap_or_default();
                let Some(effects) = self.submit(kind, body, now) else { return Vec::new() };
                // A handoff to someone the runbook's [roles] does not name is said;
                // a secret rotation says where it will show.
                let roster = self.live.runbook.roles.as_ref();
                self.flash = match kind {
                    PromptKind::Handoff(_) => crate::core::roles::outside_notice(roster, &self.live.session.roles),
                    PromptKind::Secret => Some(
                        "secret rotation recorded: the postmortem lists it, with an action item per place".to_owned(),
                    ),
                    _ => None,
                };
                self.close();
                self.drafts[kind.index()] = None;
                if kind == PromptKind::Skip { self.after_step(effects) } else { effects }
            }
            Some(Action::Cancel) => {
                self.close();
                self.flash = None;
                if PromptKind::KEPT.contains(&kind)
                    && self.drafts[kind.index()].as_ref().is_some_and(|d| !text(d).is_empty())
                {
                    self.flash = Some(format!("{} draft kept: open it again to finish", kind.label()));
                }
                Vec::new()
            }
            _ => {
                if let Some(field) = &mut self.drafts[kind.index()] {
                    if kind == PromptKind::Status {
                        crate::tui::widgets::field::input(field, key);
                    } else if key.code == crossterm::event::KeyCode::Tab && !kind.names_release() {
                        // One field, nothing to move to: a tab typed between
                        // words is a space, never a join ("ab" for "a<tab>b").
                        field.insert_char(' ');
                    } else {
                        crate::tui::widgets::field::input_line(field, key);
                    }
                }
                Vec::new()
            }
        }
    }

    /// True for a release prompt whose field still holds what it opened with.
    fn untouched(&self, kind: PromptKind) -> bool {
        kind.names_release()
            && self.drafts[kind.index()].as_ref().map(text).unwrap_or_default()
                == self.seeds[kind.index()].clone().unwrap_or_default()
    }

    /// The field of the open prompt, if any.
    pub(super) fn prompt_field(&self) -> Option<(PromptKind, &TextArea<'static>)> {
        match self.modal {
            Modal::Prompt(k) => self.drafts[k.index()].as_ref().map(|f| (k, f)),
            _ => None,
        }
    }
}
