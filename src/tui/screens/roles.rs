//! The roles screen: driver, communicator and verifier by name, refused on
//! screen with the reason when empty or when one person holds all three.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::core::event::Mode;
use crate::core::roles::{Role, Roles};
use crate::core::sanitize::sanitize_line;
use crate::store::runbook_file::Loaded;
use crate::tui::app::{Ctx, Effect, Now};
use crate::tui::keymap::Action;
use crate::tui::live::Live;
use crate::tui::screens::{Screen, drill::DrillScreen, home::HomeScreen};
use crate::tui::widgets::field::{new_field, paste, set_focus, text};
use crate::tui::widgets::hints::render_hints;

/// The roles screen's state.
#[derive(Debug)]
pub struct RolesScreen {
    loaded: Loaded,
    mode: Mode,
    fields: [TextArea<'static>; 3],
    focus: usize,
    error: Option<String>,
    back: Option<Box<HomeScreen>>,
}

impl RolesScreen {
    /// A roles form for a session of `mode` on `loaded`.
    pub fn new(loaded: Loaded, mode: Mode) -> Self {
        let fields = Role::ALL.map(|r| new_field(r.key(), "name"));
        Self { loaded, mode, fields, focus: 0, error: None, back: None }
    }

    /// Where `esc` goes: the home screen it came from.
    #[must_use]
    pub fn with_back(mut self, home: Box<HomeScreen>) -> Self {
        self.back = Some(home);
        self
    }

    /// Handles an action, or types the key into the focused field.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        match action {
            Some(Action::NextField) => self.focus = (self.focus + 1) % 3,
            Some(Action::PrevField) => self.focus = (self.focus + 2) % 3,
            Some(Action::Submit) if self.focus < 2 && text(&self.fields[self.focus]).is_empty() => {
                self.error = Some(format!("the {} needs a name", Role::ALL[self.focus]));
            }
            Some(Action::Submit) if self.focus < 2 => self.focus += 1,
            Some(Action::Submit) => return self.submit(now),
            Some(Action::Back) => {
                return match self.back.take() {
                    Some(home) => vec![Effect::Go(Box::new(Screen::Home(*home)))],
                    None => vec![Effect::Exit(0)],
                };
            }
            Some(Action::Quit) => return vec![Effect::Exit(0)],
            _ => {
                crate::tui::widgets::field::input(&mut self.fields[self.focus], key);
            }
        }
        Vec::new()
    }

    fn submit(&mut self, now: Now) -> Vec<Effect> {
        let [d, c, v] = &self.fields;
        let roles = Roles::new(&text(d), &text(c), &text(v));
        if let Err(e) = roles.validate(self.mode == Mode::Incident) {
            self.error = Some(e.to_string());
            return Vec::new();
        }
        match Live::start(self.loaded.clone(), self.mode, roles, now) {
            Ok((live, cmds)) => {
                let mut effects: Vec<Effect> = cmds.into_iter().map(Effect::Cmd).collect();
                effects.push(Effect::Go(Box::new(Screen::Drill(Box::new(DrillScreen::new(live))))));
                effects
            }
            Err(e) => {
                self.error = Some(e.to_string());
                Vec::new()
            }
        }
    }

    /// Pastes into the focused field (one line).
    pub fn paste(&mut self, text: &str) {
        paste(&mut self.fields[self.focus], text, true);
    }

    /// Draws the form.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let [head, rule, f0, f1, f2, err, _, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(2),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(format!(" firedrill · {} · ", self.mode.key().to_uppercase()), t.title),
                Span::styled(sanitize_line(self.loaded.runbook.title()), t.title),
            ]),
            Line::styled(" Who holds which role?", t.text),
        ])
        .render(head, buf);
        Paragraph::new(" One person may hold two roles, never all three: one pushes the button, one confirms the system is back, one tells everyone.")
            .style(t.dim)
            .wrap(Wrap { trim: true })
            .render(rule, buf);
        for (i, area) in [f0, f1, f2].into_iter().enumerate() {
            let mut field = self.fields[i].clone();
            set_focus(&mut field, Role::ALL[i].key(), i == self.focus, t);
            field.render(area, buf);
        }
        if let Some(e) = &self.error {
            Paragraph::new(Line::from(vec![Span::styled(" ✖ ", t.bad), Span::styled(sanitize_line(e), t.bad)]))
                .wrap(Wrap { trim: true })
                .render(err, buf);
        }
        render_hints(ctx, "roles", foot, buf);
    }
}
