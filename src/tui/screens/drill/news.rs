//! What reaches the drill screen from outside its keys: inject cards
//! coming due, and the saved sessions (for splits and last time's promises).

use super::{DrillScreen, Modal};
use crate::core::review::{Summary, drills_with_deck, promised, runbook_key};
use crate::core::session::Command;
use crate::tui::context::Now;
use crate::tui::screens::effect::Effect;

impl DrillScreen {
    /// Fires the first inject card that is due (its time came, or its step
    /// began) once nothing else is open over the screen, and shows it: the
    /// journal's "shown" is when the team could read it, so the time to
    /// acknowledge is true. The next due card follows on a later tick. A
    /// follower only shows what its writer fired.
    pub fn check_injects(&mut self, now: Now) -> Vec<Effect> {
        if self.live.read_only.is_some() || self.modal != Modal::None || !self.cards.is_empty() {
            return Vec::new();
        }
        let mut effects = Vec::new();
        if let Some(index) = self.live.session.due_injects(self.live.t_ms(now)).first().copied()
            && let Some(e) = self.apply(Command::FireInject(index), now)
        {
            effects.extend(e);
            self.cards.push(index);
        }
        if self.modal == Modal::None && !self.cards.is_empty() {
            self.close();
        }
        effects
    }

    /// The saved sessions arrived: keep this runbook's earlier drills (of
    /// the same deck) for the splits, and at the start of a fresh drill ask about what the
    /// previous drill promised.
    pub fn history_arrived(&mut self, history: &[Summary], now: crate::tui::context::Now) {
        let key = runbook_key(&self.live.header.runbook_path);
        let started = self.live.header.started_at;
        let id = &self.live.header.session_id;
        // Compared with drills of the fire this one runs with.
        let fire = if self.live.session.live_commands {
            crate::core::session::Fire::LiveFire
        } else {
            crate::core::session::Fire::Dry
        };
        let (deck, solo) = (self.live.session.deck.as_deref(), self.live.session.solo_practice());
        self.live.earlier = drills_with_deck(history, &key, deck, Some(fire), solo)
            .into_iter()
            .filter(|s| s.started_at < started && s.session_id != *id)
            .cloned()
            .collect();
        if !self.live.is_incident() && self.live.session.is_fresh() {
            self.followups = promised(history, &key);
            if self.modal == Modal::None {
                // The question opens now, by itself: its settle counts from here.
                self.last_key_ms = self.last_key_ms.max(now.mono_ms);
                self.close();
            }
        }
    }
}
