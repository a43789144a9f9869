//! A follower's screens around the read-only drill view: the sessions
//! running here to pick from (`firedrill follow` with no journal), and the
//! end of the one followed once its writer saved it: the outcome as the
//! saved screen gives it, the postmortem's path, and a key that opens it in
//! the pager.

mod ended;
mod picker;

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::sessions::Unfinished;
use crate::tui::context::Ctx;
use crate::tui::live::Live;
use crate::tui::screens::Screen;
use crate::tui::screens::effect::Effect;

pub use ended::Ended;
pub use picker::Picker;

/// What the follower shows besides the session itself.
#[derive(Debug)]
pub enum FollowScreen {
    /// The sessions running here, to pick one.
    Pick(Picker),
    /// The followed session ended and was saved.
    Ended(Box<Ended>),
}

/// The effects that start following: the picker over `running`, or, with
/// one session alone, that session at once (its state line says whose it
/// is and that it is read-only).
pub fn pick(mut running: Vec<Unfinished>) -> Vec<Effect> {
    if running.len() == 1 {
        return picker::follow(&running.remove(0));
    }
    vec![Effect::Go(Box::new(Screen::Follow(Box::new(FollowScreen::Pick(Picker::new(running))))))]
}

impl FollowScreen {
    /// The end of the session `live` followed, saved as `paths` (the
    /// postmortem first, as the save marks it).
    pub fn ended(live: &Live, paths: Vec<PathBuf>) -> Self {
        Self::Ended(Box::new(Ended::new(live, paths)))
    }

    /// The keymap context.
    pub fn context(&self) -> KeyContext {
        match self {
            Self::Pick(_) => KeyContext::FollowPick,
            Self::Ended(_) => KeyContext::FollowEnd,
        }
    }

    /// Handles a key.
    pub fn handle(&mut self, action: Option<Action>) -> Vec<Effect> {
        match self {
            Self::Pick(p) => p.handle(action),
            Self::Ended(e) => e.handle(action),
        }
    }

    /// The pager closed, or said why it did not show the postmortem.
    pub fn paged(&mut self, result: Result<(), String>) {
        if let Self::Ended(e) = self {
            e.paged(result);
        }
    }

    /// Draws the screen.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        match self {
            Self::Pick(p) => p.render(ctx, area, buf),
            Self::Ended(e) => e.render(ctx, area, buf),
        }
    }
}

/// `text` wrapped to `width` columns, later lines indented by `indent`.
fn wrap(text: &str, width: u16, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(usize::from(width).max(8))
        .subsequent_indent(indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options).into_iter().map(std::borrow::Cow::into_owned).collect()
}
