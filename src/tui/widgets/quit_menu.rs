//! The quit menu: finish and write, keep for resume, or back. Ctrl-C and
//! `q` open it, so nobody loses a session by reflex.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::popup::render_popup;
use crate::core::session::Command;
use crate::tui::app::{App, Ctx, Effect};
use crate::tui::keymap::Action;
use crate::tui::screens::saved::SavedScreen;

/// Acts on a quit-menu key.
pub fn handle(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Back) => {
            app.overlay = None;
            Vec::new()
        }
        Some(Action::Finish) => {
            app.overlay = None;
            let now = app.now;
            let Some(live) = app.screen.live_mut().filter(|l| l.read_only.is_none()) else { return Vec::new() };
            let mut effects = Vec::new();
            match live.apply(Command::Finish, now) {
                Ok(cmd) => effects.push(Effect::Cmd(cmd)),
                Err(e) => live.journal_error = Some(e.to_string()),
            }
            effects.extend(SavedScreen::save(live.journal_path.clone(), Box::new(live.journal()), None));
            effects
        }
        Some(Action::Keep) => {
            app.overlay = None;
            if let Some(path) = app.screen.journal_path() {
                app.farewell = Some(format!("firedrill: session kept; its journal is {}", path.display()));
            }
            vec![Effect::Exit(0)]
        }
        _ => Vec::new(),
    }
}

/// Draws the menu; without a live session it only offers to leave.
pub fn render(ctx: &Ctx<'_>, has_session: bool, area: Rect, buf: &mut Buffer) {
    let inner = render_popup(ctx, "quit?", 52, 7, area, buf);
    let key = |a| Span::styled(ctx.keymap.first_key("quit_menu", a), ctx.theme.key);
    let mut lines = Vec::new();
    if has_session {
        lines.push(Line::from(vec![key(Action::Finish), Span::raw("  finish now and write the postmortem")]));
    }
    lines.push(Line::from(vec![
        key(Action::Keep),
        Span::raw(if has_session { "  leave; keep the journal to resume" } else { "  leave firedrill" }),
    ]));
    lines.push(Line::from(vec![key(Action::Back), Span::raw("  back")]));
    Paragraph::new(lines).render(inner, buf);
}
