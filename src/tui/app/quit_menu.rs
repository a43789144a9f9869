//! The quit menu: Ctrl-C and `q` open it, so nobody loses a session by
//! reflex. What it offers is core's rule (core/leaving.rs); this maps keys
//! to offers. With the journal complete: finish and write, keep for resume,
//! or back. With events pending: finish and write elsewhere, retry now, or
//! write the whole journal to another folder (a folder prompt, with the
//! error and another try on failure). Finishing with steps open asks
//! first; leaving by any path journals typed drafts.

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::core::leaving::{Offer, OnDisk, Standing, allowed, offers};
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::app::{App, Layer};
use crate::tui::context::Ctx;
use crate::tui::messages::Cmd;
use crate::tui::screens::effect::Effect;
use crate::tui::widgets::field::{self, new_field, paste, text};
use crate::tui::widgets::hints::render_hints;
use crate::tui::widgets::popup::render_popup;

/// The menu's own state while it is open.
#[derive(Debug, Default)]
pub struct QuitState {
    /// "Retry now" was asked at least once since the menu opened.
    pub retried: bool,
    /// The folder prompt, while open.
    pub folder: Option<TextArea<'static>>,
    /// Why the last write to the folder failed.
    pub error: Option<String>,
}

/// Where the session stands, for core's rule.
pub fn standing(app: &App) -> Standing {
    Standing {
        session: app.screen.live().is_some_and(|l| l.read_only.is_none()),
        journal_complete: !app.journal_behind,
    }
}

/// The keymap context of the open menu.
pub fn context(app: &App) -> KeyContext {
    match (&app.quit.folder, standing(app)) {
        (Some(_), _) => KeyContext::Prompt,
        (None, Standing { session: true, journal_complete: false }) => KeyContext::QuitUnwritten,
        _ => KeyContext::QuitMenu,
    }
}

/// Acts on a quit-menu key (or on the finish confirmation's y/n).
pub fn handle(app: &mut App, action: Option<Action>, key: KeyEvent, confirming: bool) -> Vec<Effect> {
    if app.quit.folder.is_some() {
        return folder_key(app, action, key);
    }
    let standing = standing(app);
    let offer = match (action, confirming) {
        (Some(Action::Back | Action::No), _) => Offer::Back,
        (Some(Action::Yes), true) => return finish(app),
        (Some(Action::Finish), false) => Offer::Finish,
        (Some(Action::Keep), false) if standing.session => Offer::Keep,
        (Some(Action::Keep), false) => Offer::Leave,
        (Some(Action::Retry), false) => Offer::Retry,
        (Some(Action::OtherFolder), false) => Offer::WriteElsewhere,
        _ => return Vec::new(),
    };
    if !allowed(standing, offer) {
        return Vec::new();
    }
    match offer {
        Offer::Back => close(app),
        Offer::Finish if app.screen.live().is_some_and(|l| !l.session.steps_finished()) => {
            app.replace_top(Layer::ConfirmFinish);
        }
        Offer::Finish => return finish(app),
        Offer::Keep | Offer::Leave => {
            close(app);
            if let Some(path) = app.screen.journal_path().filter(|_| offer == Offer::Keep) {
                app.farewell = Some(OnDisk::Kept { journal: path.display().to_string() }.line());
            }
            let mut effects = app.screen.save_drafts(app.now);
            effects.push(Effect::Exit(0));
            return effects;
        }
        Offer::Retry => {
            app.quit.retried = true;
            return vec![Effect::Cmd(Cmd::RetryJournal)];
        }
        Offer::WriteElsewhere => {
            let mut field = new_field("write the whole journal to which folder?", "/path/to/folder");
            if let Some(dir) = crate::store::paths::out_dir(app.out.as_deref()) {
                field.insert_str(sanitize_line(&dir.display().to_string()));
            }
            app.quit = QuitState { folder: Some(field), ..QuitState::default() };
        }
    }
    Vec::new()
}

fn close(app: &mut App) {
    if matches!(app.top(), Some(Layer::QuitMenu | Layer::ConfirmFinish)) {
        app.pop();
    }
    app.quit = QuitState::default();
}

/// A key in the folder prompt: type, write there (then leave), or back.
fn folder_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(field) = &mut app.quit.folder else { return Vec::new() };
    match action {
        Some(Action::Submit) => {
            let dir = text(field);
            if dir.is_empty() {
                app.quit.error = Some("name a folder".to_owned());
                return Vec::new();
            }
            app.quit.error = None;
            // Drafts first, so the copy holds them too.
            let mut effects = app.screen.save_drafts(app.now);
            effects.push(Effect::Cmd(Cmd::WriteJournalTo(PathBuf::from(dir))));
            effects
        }
        Some(Action::Cancel) => {
            app.quit = QuitState::default();
            Vec::new()
        }
        _ => {
            field::input(field, key);
            Vec::new()
        }
    }
}

/// Pastes into the folder prompt, if open; true when it took the text.
pub fn paste_into(app: &mut App, pasted: &str) -> bool {
    let Some(field) = app.quit.folder.as_mut().filter(|_| matches!(app.layers.last(), Some(Layer::QuitMenu))) else {
        return false;
    };
    paste(field, pasted, true);
    true
}

fn finish(app: &mut App) -> Vec<Effect> {
    close(app);
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
    effects.push(Effect::Save);
    effects
}

/// What each offer says on the menu.
fn says(offer: Offer, standing: Standing) -> &'static str {
    match offer {
        Offer::Finish if standing.journal_complete => "  finish now: debrief, then the postmortem",
        Offer::Finish => "  finish: debrief, then the postmortem and the whole journal to the output folder",
        Offer::Keep => "  leave; keep the journal to resume",
        Offer::Retry => "  try writing the journal again now",
        Offer::WriteElsewhere => "  write the whole journal to another folder, then leave",
        Offer::Leave => "  leave firedrill",
        Offer::Back => "  back",
    }
}

/// The menu's key for `offer`.
fn action_of(offer: Offer) -> Action {
    match offer {
        Offer::Finish => Action::Finish,
        Offer::Keep | Offer::Leave => Action::Keep,
        Offer::Retry => Action::Retry,
        Offer::WriteElsewhere => Action::OtherFolder,
        Offer::Back => Action::Back,
    }
}

/// Draws the menu: core's offers, and while events are pending why the
/// journal cannot be written (and what a retry found), or the folder prompt.
pub fn render(ctx: &Ctx<'_>, app: &App, area: Rect, buf: &mut Buffer) {
    let standing = standing(app);
    let context = context(app);
    let behind = !standing.journal_complete && standing.session;
    let inner = render_popup(ctx, "quit?", if behind { 72 } else { 54 }, if behind { 14 } else { 7 }, area, buf);
    let t = ctx.theme;
    let mut lines = Vec::new();
    if behind {
        let why = app.screen.live().and_then(|l| l.journal_error.as_deref()).unwrap_or("it cannot be written");
        let head = if app.quit.retried { "✖ tried again, still incomplete: " } else { "✖ incomplete: " };
        lines.push(Line::from(vec![Span::styled(head, t.bad), Span::raw(sanitize_line(why))]));
    } else if app.quit.retried && standing.session {
        lines.push(Line::styled("✓ tried again: every event is on disk now", t.good));
    }
    if let Some(field) = &app.quit.folder {
        let [top, input, bottom] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(top, buf);
        field.render(input, buf);
        let after = match &app.quit.error {
            Some(e) => Line::from(vec![Span::styled("✖ not written: ", t.bad), Span::raw(sanitize_line(e))]),
            None => Line::styled("a file <session id>.jsonl is written there; firedrill then ends", t.dim),
        };
        Paragraph::new(after).wrap(Wrap { trim: true }).render(bottom, buf);
    } else {
        for offer in offers(standing) {
            let key = Span::styled(ctx.keymap.first_key(context, action_of(*offer)), t.key);
            lines.push(Line::from(vec![key, Span::raw(says(*offer, standing))]));
        }
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
    }
    render_footer(ctx, context, area, buf);
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
                ctx.keymap.first_key(KeyContext::Confirm, Action::Yes),
                ctx.keymap.first_key(KeyContext::Confirm, Action::No)
            ),
            ctx.theme.key,
        ),
    ])
    .wrap(Wrap { trim: true })
    .render(inner, buf);
    render_footer(ctx, KeyContext::Confirm, area, buf);
}

fn render_footer(ctx: &Ctx<'_>, context: KeyContext, area: Rect, buf: &mut Buffer) {
    let [_, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    ratatui::widgets::Clear.render(foot, buf);
    render_hints(ctx, context, foot, buf);
}
