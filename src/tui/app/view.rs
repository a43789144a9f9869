//! Drawing the whole frame: the screen in front, then the kill-switch
//! ledger and any overlay over it; and the read-only questions about what is
//! in front (its keymap context, whether a clock or a session runs).
//! Mutates nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;

use super::quit_menu;
use super::{App, Ctx, Layer};
use crate::core::session::StepStatus;
use crate::keymap::KeyContext;
use crate::tui::screens::Screen;
use crate::tui::widgets::{help, hints, too_small};

impl App {
    /// The keymap context of what is in front (for tests and help).
    pub fn context(&self) -> KeyContext {
        match self.top() {
            Some(Layer::Flags(p)) => p.context(),
            Some(Layer::Help(..)) => KeyContext::Help,
            Some(Layer::QuitMenu) => quit_menu::context(self),
            Some(Layer::ConfirmFinish) => KeyContext::Confirm,
            None => self.screen.context(),
        }
    }

    /// True while a running clock is on screen: the loop ticks only then.
    pub fn clock_visible(&self) -> bool {
        matches!(&self.screen, Screen::Drill(d) if d.live.session.finished_ms.is_none())
    }

    /// True while an unfinished session is on screen, its steps or its
    /// debrief: the heartbeat runs, so a crash is dated when it happened.
    pub fn session_open(&self) -> bool {
        match &self.screen {
            Screen::Drill(d) => d.live.session.finished_ms.is_none(),
            Screen::Debrief(d) => d.live.session.finished_ms.is_none(),
            _ => false,
        }
    }

    /// Draws the whole frame; mutates nothing. Every cell then passes the
    /// terminal sink's last guard (`scrub`): nothing hostile is drawn.
    pub fn render(&self, frame: &mut Frame<'_>) {
        self.render_screen(frame);
        scrub(frame.buffer_mut());
    }

    fn render_screen(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        let ctx = Ctx { theme: &self.theme, keymap: &self.keymap, now: self.now };
        if too_small::is_too_small(area) {
            too_small::render(&ctx, self.screen.live(), area, frame.buffer_mut());
            return;
        }
        self.screen.render(&ctx, area, frame.buffer_mut());
        // Bottom to top: the same order that gives the top layer the keys.
        for layer in &self.layers {
            self.render_layer(&ctx, layer, area, frame);
        }
        if !self.layers.is_empty() {
            // A layer's own keys replace the screen's hint line underneath.
            let foot = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
            ratatui::widgets::Clear.render(foot, frame.buffer_mut());
            hints::render_hints(&ctx, self.context(), foot, frame.buffer_mut());
        }
    }

    fn render_layer(&self, ctx: &Ctx<'_>, layer: &Layer, area: Rect, frame: &mut Frame<'_>) {
        match layer {
            Layer::Flags(panel) => {
                if let Some(live) = self.screen.live() {
                    panel.render(ctx, live, area, frame.buffer_mut());
                }
            }
            &Layer::Help(context, scroll) => help::render(ctx, context, scroll, area, frame.buffer_mut()),
            Layer::ConfirmFinish => {
                let open = self.screen.live().map_or(0, |l| {
                    l.session
                        .steps
                        .iter()
                        .filter(|s| !matches!(s.status, StepStatus::Done | StepStatus::Skipped))
                        .count()
                });
                quit_menu::render_confirm(ctx, open, area, frame.buffer_mut());
            }
            Layer::QuitMenu => quit_menu::render(ctx, self, area, frame.buffer_mut()),
        }
    }
}

/// Replaces each cell whose symbol holds a hostile character (a bidi
/// override, a C1 control, a tag: what a screen forgot to sanitize) by one
/// that shows it was there, keeping the layout.
pub fn scrub(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        if let Some(shown) = crate::core::sanitize::scrub_symbol(cell.symbol()) {
            cell.set_symbol(shown);
        }
    }
}
