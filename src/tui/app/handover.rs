//! The live session handed from one screen to the next, moved, never
//! copied: from the drill to the debrief, and to the saved screen that
//! writes it.

use std::sync::Arc;

use super::App;
use crate::tui::messages::Cmd;
use crate::tui::screens::Screen;
use crate::tui::screens::debrief::DebriefScreen;
use crate::tui::screens::saved::SavedScreen;

impl App {
    /// The drill screen's live session moves to the debrief, the drafts
    /// its prompts kept (esc) journaled first as unsent notes: the debrief
    /// has no place for them. The commands that journal them.
    pub(super) fn hand_to_debrief(&mut self) -> Vec<Cmd> {
        let drafts = self.screen.save_drafts(self.now);
        let cmds = self.run(drafts);
        let old = std::mem::replace(&mut self.screen, Screen::Saved(Box::default()));
        self.screen = match old {
            Screen::Drill(d) => Screen::Debrief(Box::new(DebriefScreen::new(d.live))),
            other => other,
        };
        cmds
    }

    /// The live session (drill or debrief screen) moves to the saved
    /// screen, which writes it: the commands that do.
    pub(super) fn hand_to_saved(&mut self) -> Vec<Cmd> {
        let old = std::mem::replace(&mut self.screen, Screen::Saved(Box::default()));
        let live = match old {
            Screen::Drill(d) => d.live,
            Screen::Debrief(d) => d.live,
            other => {
                self.screen = other;
                return Vec::new();
            }
        };
        let journal = live.journal_path.clone();
        self.run(SavedScreen::save(journal, Arc::new(live.into_held()), None))
    }
}
