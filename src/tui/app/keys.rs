//! Routing a key press: nothing acts below the minimum size (Ctrl-C
//! still leaves), then the kill-switch ledger, an overlay (help, the quit
//! menu and its folder prompt, the finish question), or the screen.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::quit_menu;
use super::{App, Ctx, Effect, Layer};
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::widgets::too_small;

impl App {
    /// Handles one key press; returns what the screen asks of the app.
    pub(super) fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Nothing is visible below the minimum size: no key may act blind.
        // Ctrl-C still leaves, keeping the journal.
        if too_small::is_too_small(Rect::new(0, 0, self.size.0, self.size.1)) {
            if key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                let mut effects = self.screen.save_drafts(self.now);
                effects.push(Effect::Exit(0));
                return effects;
            }
            return Vec::new();
        }
        // The layer on top takes the key; the screen only when none is open.
        match self.top() {
            Some(Layer::Flags(_)) => {
                let Some(Layer::Flags(panel)) = self.pop() else { return Vec::new() };
                let Some(live) = self.screen.live_mut() else { return Vec::new() };
                let (panel, effects) = (*panel).handle(&self.keymap, key, live, self.now);
                if let Some(panel) = panel {
                    self.push(Layer::Flags(Box::new(panel)));
                }
                effects
            }
            Some(&Layer::Help(context, scroll)) => {
                let ctx = Ctx { theme: &self.theme, keymap: &self.keymap, now: self.now };
                let most = crate::tui::widgets::help::most(&ctx, context, Rect::new(0, 0, self.size.0, self.size.1));
                match self.keymap.action(KeyContext::Help, key) {
                    Some(Action::Down) => self.replace_top(Layer::Help(context, scroll.saturating_add(1).min(most))),
                    Some(Action::Up) => self.replace_top(Layer::Help(context, scroll.saturating_sub(1))),
                    Some(_) => {
                        self.pop();
                    }
                    None if self.keymap.action(context, key) == Some(Action::Quit) => {
                        self.pop();
                    }
                    None => {}
                }
                Vec::new()
            }
            Some(Layer::QuitMenu) => {
                let action = self.keymap.action(quit_menu::context(self), key);
                quit_menu::handle(self, action, key, false)
            }
            Some(Layer::ConfirmFinish) => {
                let action = self.keymap.action(KeyContext::Confirm, key);
                quit_menu::handle(self, action, key, true)
            }
            None => {
                let context = self.screen.context();
                let action = self.keymap.action(context, key);
                let now = self.now;
                self.screen.handle(action, key, now)
            }
        }
    }
}
