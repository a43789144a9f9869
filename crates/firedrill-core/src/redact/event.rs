//! Redacting an event before the session records it: every text a person
//! typed (notes, updates, reasons, names, the debrief), every command line
//! and everything a command printed. `Session::apply` calls this on each
//! event it makes, so no secret reaches the journal, the screen, the
//! postmortem or anything read from them (one place, proven by core tests).

use crate::command::{RunEnd, RunResult};
use crate::event::{Debrief, EventKind};
use crate::plan::StepPlan;
use crate::roles::Roles;

use super::Redactor;

impl Redactor {
    /// Hides the secrets in every text of `kind` (a command line as argv).
    pub fn event(&self, kind: &mut EventKind) {
        use EventKind as K;
        match kind {
            K::Started { roles, plan } => {
                self.roles(roles);
                self.plan(plan.as_deref_mut());
            }
            K::Decided { plan, .. } => self.plan(plan.as_deref_mut()),
            K::ItemToggled { reason, .. } | K::FlagChanged { reason, .. } => {
                if let Some(r) = reason {
                    self.hide_boxed(r);
                }
            }
            K::CheckOverridden { reason, .. } => self.hide_boxed(reason),
            K::StepSkipped { reason: text, .. }
            | K::NoteAdded { text, .. }
            | K::LiveNamed { release: text }
            | K::RevertedTo { release: text }
            | K::StatusPosted { text, .. }
            | K::UpdateDelivered { detail: text, .. }
            | K::FollowedUp { item: text, .. }
            | K::ActionClosed { note: text, .. }
            | K::ActionExported { url: text, .. } => self.hide(text),
            K::CommandStarted { argv, .. } | K::SwitchCommandStarted { argv, .. } => *argv = self.argv(argv).into(),
            K::CommandFinished { result, .. } | K::SwitchCommandFinished { result, .. } => self.result(result),
            K::CommandOutput { lines, .. } => self.lines(lines),
            K::SensorRead(r) => {
                r.argv = self.argv(&r.argv);
                self.result(&mut r.result);
                self.maybe(r.value.as_mut());
            }
            K::Handoff { from, to, .. } => {
                self.hide_boxed(from);
                self.hide_boxed(to);
            }
            K::Debriefed(d) => self.debrief(d),
            K::SecretRotated { name, applied } => {
                self.hide_boxed(name);
                self.lines(applied);
            }
            K::StepCompleted { .. }
            | K::Undone { .. }
            | K::SeveritySet { .. }
            | K::Paused
            | K::Resumed
            | K::Reopened { .. }
            | K::InjectFired { .. }
            | K::InjectAcknowledged { .. }
            | K::StoppedEarly
            | K::Finished => {}
        }
    }

    /// [`Redactor::hide`] for a text held as `Box<str>` (small events).
    fn hide_boxed(&self, text: &mut Box<str>) {
        let mut owned = String::from(std::mem::take(text));
        self.hide(&mut owned);
        *text = owned.into_boxed_str();
    }

    fn maybe(&self, text: Option<&mut String>) {
        if let Some(t) = text {
            self.hide(t);
        }
    }

    fn lines(&self, lines: &mut [String]) {
        for line in lines {
            self.hide(line);
        }
    }

    /// The plan's texts and command lines, as the runbook copy shows them.
    fn plan(&self, plan: Option<&mut [StepPlan]>) {
        for item in plan.into_iter().flatten().flat_map(|s| s.items.iter_mut()) {
            self.hide(&mut item.text);
            if let Some(c) = &mut item.command {
                c.argv = self.argv(&c.argv);
                self.maybe(c.expect.as_mut());
            }
        }
    }

    fn roles(&self, roles: &mut Roles) {
        self.hide(&mut roles.driver);
        self.hide(&mut roles.communicator);
        self.hide(&mut roles.verifier);
    }

    fn result(&self, result: &mut RunResult) {
        self.lines(&mut result.tail);
        if let RunEnd::NotStarted { reason } = &mut result.end {
            self.hide(reason);
        }
    }

    fn debrief(&self, d: &mut Debrief) {
        for text in [
            &mut d.slowed_us_down,
            &mut d.prevention,
            &mut d.pressure_why,
            &mut d.users_affected,
            &mut d.impact_duration,
            &mut d.root_cause,
            &mut d.started,
            &mut d.noticed,
            &mut d.went_well,
            &mut d.went_wrong,
            &mut d.lucky,
            &mut d.summary,
        ] {
            self.hide(text);
        }
        for a in &mut d.actions {
            self.hide(&mut a.source);
            self.maybe(a.text.as_mut());
            self.maybe(a.owner.as_mut());
        }
    }
}
