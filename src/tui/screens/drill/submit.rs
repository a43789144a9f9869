//! What a prompt's answer does once submitted: the command it becomes, and
//! for a status update its delivery by the runbook's program. The core
//! decides whether it may be recorded; a refusal keeps the text.

use super::DrillScreen;
use super::prompt::PromptKind;
use crate::core::session::Command;
use crate::tui::context::Now;
use crate::tui::messages::Cmd;
use crate::tui::screens::effect::Effect;

impl DrillScreen {
    /// Applies what a prompt collected; `None` (with the core's reason
    /// shown under the field, the text kept) when refused.
    pub(super) fn submit(&mut self, kind: PromptKind, body: String, now: Now) -> Option<Vec<Effect>> {
        match kind {
            PromptKind::Note => {
                let effects = self.apply(Command::AddNote(body), now)?;
                self.note_added(&effects, now);
                Some(effects)
            }
            PromptKind::Skip => self.apply(Command::SkipStep(body), now),
            PromptKind::Status => {
                let cmd = match self.live.apply(Command::PostStatus(body), now) {
                    Ok(cmd) => cmd,
                    Err(e) => {
                        self.flash = Some(e.to_string());
                        return None;
                    }
                };
                // The channel gets the update as the core recorded it
                // (redacted), by the runbook file's program (never the
                // journal's copy).
                let posted = match &cmd {
                    Cmd::Append(e) => match &e.kind {
                        crate::core::event::EventKind::StatusPosted { text, .. } => Some((e.seq, text.clone())),
                        _ => None,
                    },
                    _ => None,
                };
                let mut effects = vec![Effect::Cmd(cmd)];
                if let (Some(_), Some((seq, text))) = (&self.live.runbook.notify, posted) {
                    match self.live.commands_runbook().map(|r| r.notify.clone()) {
                        Ok(Some(argv)) => {
                            let redactor = self.live.redactor.clone();
                            effects.push(Effect::Cmd(Cmd::Notify { seq, argv, text, redactor }));
                        }
                        Ok(None) => {}
                        Err(detail) => {
                            effects.extend(self.apply(Command::RecordDelivery { seq, delivered: false, detail }, now)?);
                        }
                    }
                }
                Some(effects)
            }
            PromptKind::Handoff(role) => self.apply(Command::Handoff(role, body), now),
            PromptKind::Override(item) => self.apply(Command::OverrideCheck { item, reason: body }, now),
            PromptKind::Uncheck(item) => self.apply(Command::UncheckItem { item, reason: body }, now),
            PromptKind::Secret => {
                // The runbook's own patterns too: a value never reaches the journal.
                if self.live.redactor.apply(&body) != body {
                    self.flash = Some(crate::core::secrets::SecretError::LooksLikeValue.to_string());
                    return None;
                }
                match crate::core::secrets::parse(&body) {
                    Ok((name, applied)) => self.apply(Command::RotateSecret { name, applied }, now),
                    Err(e) => {
                        self.flash = Some(e.to_string());
                        None
                    }
                }
            }
            PromptKind::NameLive | PromptKind::RevertTo | PromptKind::Patch => {
                // An ID the runbook does not name is allowed, once confirmed: a
                // stale runbook is real, a stray keystroke is not a release.
                if let Err(e) = crate::core::session::release_id(&body) {
                    self.flash = Some(e.to_string());
                    return None;
                }
                let expected = kind.seed(&self.live);
                let waiting = self.waiting_release.take();
                if let Err(notice) =
                    crate::core::session::confirm_release(&body, expected.as_deref(), waiting.as_deref())
                {
                    self.flash = Some(notice);
                    self.waiting_release = Some(body.trim().to_owned());
                    return None;
                }
                let command =
                    if kind == PromptKind::NameLive { Command::NameLive(body) } else { Command::RevertTo(body) };
                let effects = self.apply(command, now);
                self.after_check();
                effects
            }
        }
    }
}
