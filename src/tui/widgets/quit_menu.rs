//! The quit menu: finish and write, keep for resume, or back. Ctrl-C and
//! `q` open it, so nobody loses a session by reflex. Finishing with steps
//! still open asks first; leaving by any path journals typed drafts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::hints::render_hints;
use super::popup::render_popup;
use crate::core::session::Command;
use crate::tui::app::{App, Ctx, Effect, Overlay};
use crate::tui::keymap::Action;
use crate::tui::screens::saved::SavedScreen;

/// Acts on a quit-menu key (or on the finish confirmation's y/n).
pub fn handle(app: &mut App, action: Option<Action>, confirming: bool) -> Vec<Effect> {
    match (action, confirming) {
        (Some(Action::Back | Action::No), _) => {
            app.overlay = None;
            Vec::new()
        }
        (Some(Action::Finish), false) if app.screen.live().is_some_and(|l| !l.session.steps_finished()) => {
            app.overlay = Some(Overlay::ConfirmFinish);
            Vec::new()
        }
        (Some(Action::Finish), false) | (Some(Action::Yes), true) => {
            app.overlay = None;
            finish(app)
        }
        (Some(Action::Keep), false) => {
            app.overlay = None;
            // An incomplete journal is never called kept: the exit path
            // retries it, else writes a whole copy and says where.
            if let Some(path) = app.screen.journal_path().filter(|_| !app.journal_behind) {
                app.farewell =
                    Some(format!("firedrill: session kept; resume it with: firedrill resume {}", path.display()));
            }
            let mut effects = app.screen.save_drafts(app.now);
            effects.push(Effect::Exit(0));
            effects
        }
        _ => Vec::new(),
    }
}

fn finish(app: &mut App) -> Vec<Effect> {
    let now = app.now;
    if app.screen.live().is_none_or(|l| l.read_only.is_some()) {
        return Vec::new();
    }
    // From the drill screen, finishing goes through the debrief: a session
    // that ends early (a false alarm, a fix forward) is debriefed too.
    if matches!(app.screen, crate::tui::screens::Screen::Drill(_)) {
        let mut effects = app.screen.save_drafts(now);
        // The clocks stop now: the debrief is not session time.
        if let Some(live) = app.screen.live_mut()
            && !live.session.steps_finished()
        {
            match live.apply(Command::StopEarly, now) {
                Ok(cmd) => effects.push(Effect::Cmd(cmd)),
                Err(e) => live.journal_error = Some(e.to_string()),
            }
        }
        effects.push(Effect::Debrief);
        return effects;
    }
    let mut effects = app.screen.save_drafts(now);
    let Some(live) = app.screen.live_mut() else { return effects };
    match live.apply(Command::Finish, now) {
        Ok(cmd) => effects.push(Effect::Cmd(cmd)),
        Err(e) => live.journal_error = Some(e.to_string()),
    }
    effects.extend(SavedScreen::save(live.journal_path.clone(), Box::new(live.journal()), None));
    effects
}

/// Draws the menu; without a writable session it only offers to leave, and
/// with a journal not complete on disk it never offers to keep it.
pub fn render(ctx: &Ctx<'_>, has_session: bool, journal_behind: bool, area: Rect, buf: &mut Buffer) {
    let inner = render_popup(ctx, "quit?", 54, 7, area, buf);
    let key = |a| Span::styled(ctx.keymap.first_key("quit_menu", a), ctx.theme.key);
    let mut lines = Vec::new();
    if has_session {
        lines.push(Line::from(vec![key(Action::Finish), Span::raw("  finish now: debrief, then the postmortem")]));
    }
    lines.push(Line::from(vec![
        key(Action::Keep),
        Span::raw(match (has_session, journal_behind) {
            (true, false) => "  leave; keep the journal to resume",
            (true, true) => "  leave: journal incomplete, copy to output folder",
            (false, _) => "  leave firedrill",
        }),
    ]));
    lines.push(Line::from(vec![key(Action::Back), Span::raw("  back")]));
    Paragraph::new(lines).render(inner, buf);
    render_footer(ctx, "quit_menu", area, buf);
}

/// Draws the "finish with steps open?" question.
pub fn render_confirm(ctx: &Ctx<'_>, open_steps: usize, area: Rect, buf: &mut Buffer) {
    let inner = render_popup(ctx, "finish now?", 56, 7, area, buf);
    Paragraph::new(vec![
        Line::from(format!(
            "{} {} not done. Finish the session now?",
            crate::core::words::count(open_steps, "step"),
            crate::core::words::is_are(open_steps)
        )),
        Line::from("The postmortem will say it ended early."),
        Line::styled(
            format!(
                "({}/{})",
                ctx.keymap.first_key("confirm", Action::Yes),
                ctx.keymap.first_key("confirm", Action::No)
            ),
            ctx.theme.key,
        ),
    ])
    .wrap(Wrap { trim: true })
    .render(inner, buf);
    render_footer(ctx, "confirm", area, buf);
}

fn render_footer(ctx: &Ctx<'_>, context: &str, area: Rect, buf: &mut Buffer) {
    let [_, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    ratatui::widgets::Clear.render(foot, buf);
    render_hints(ctx, context, foot, buf);
}
