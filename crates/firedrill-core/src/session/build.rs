//! Building a session for its journal: the deck given with `--injects`,
//! the config's cadence and `--live-commands` from the header; and the
//! runbook's releases it keeps.

use super::{InjectState, Session};

use crate::runbook::Deck;
use crate::vocab::Mode;

impl Session {
    /// Adds the cards of `deck` (given with `--injects`, named `key`)
    /// after the runbook's own; before any event, as the journal's header
    /// records the deck beside the runbook.
    #[must_use]
    pub fn with_deck(mut self, deck: Option<(&str, &Deck)>) -> Self {
        if let Some((key, deck)) = deck {
            self.injects.extend(deck.injects.iter().map(|i| InjectState::of(i, true)));
            self.deck = Some(key.to_owned());
        }
        self
    }

    /// Runs the commands that change a system in a drill too (the journal
    /// header's `live_commands`); an incident always runs them.
    #[must_use]
    pub fn with_live_commands(mut self, live_commands: bool) -> Self {
        self.live_commands = self.mode == Mode::Incident || live_commands;
        self
    }

    /// Uses the cadence `ms` (the team config's, recorded in the journal
    /// header) when the runbook sets none.
    #[must_use]
    pub fn with_update_every(mut self, ms: Option<u64>) -> Self {
        if let Some(ms) = ms {
            self.update_every_ms = ms;
        }
        self
    }

    /// The runbook's live release (the one the trigger step names).
    pub fn runbook_live(&self) -> &str {
        &self.spec.live
    }

    /// The runbook's known-good release (the roll back target).
    pub fn runbook_known_good(&self) -> &str {
        &self.spec.known_good
    }
}
