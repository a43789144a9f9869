//! The layers over the screen, as one stack ordered once: the last is on
//! top, takes the keys, names the keymap context and is drawn last. A
//! layer opens by being pushed and closes by being popped, so which one
//! answers a key is never worked out twice.

use super::App;
use crate::keymap::KeyContext;
use crate::tui::widgets::flags::FlagsPanel;

/// One layer over the screen.
#[derive(Debug)]
pub enum Layer {
    /// The kill-switch ledger (over a live session).
    Flags(Box<FlagsPanel>),
    /// The keys of the context underneath, scrolled down this many rows.
    Help(KeyContext, u16),
    /// Finish and write / keep for resume / back (and its folder prompt).
    QuitMenu,
    /// "Steps are open: finish now? (y/n)".
    ConfirmFinish,
}

impl App {
    /// The layer on top, if any.
    pub fn top(&self) -> Option<&Layer> {
        self.layers.last()
    }

    /// Opens `layer` over everything else.
    pub fn push(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    /// Closes the layer on top.
    pub fn pop(&mut self) -> Option<Layer> {
        self.layers.pop()
    }

    /// Replaces the layer on top by `layer` (the quit menu's finish
    /// question takes the menu's place).
    pub fn replace_top(&mut self, layer: Layer) {
        self.layers.pop();
        self.layers.push(layer);
    }
}
