//! The roles screen: driver, communicator and verifier by name, refused on
//! screen with the reason when empty or, in a drill, when one person holds
//! all three. In an incident one responder may hold every role: `tab` on a
//! named field fills the empty ones after it. `↑`/`↓` offer the names the
//! runbook's `[roles]` decided for the focused role, else the config's
//! team; someone not named there may take a role, and the screen says so
//! (`core::roles::outside_notice`). A drill refused because one person
//! holds all three offers solo practice: `enter` again starts it.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::core::event::Mode;
use crate::core::redact::Redactor;
use crate::core::roles::{Role, Roles};
use crate::core::sanitize::sanitize_line;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::runbook_file::LoadedRunbook;
use crate::tui::context::{Ctx, Now};
use crate::tui::live::Live;
use crate::tui::screens::effect::Effect;
use crate::tui::screens::{Screen, drill::DrillScreen};
use crate::tui::widgets::field::{new_field, paste, set_focus, text};
use crate::tui::widgets::hints::render_hints;
use crate::tui::widgets::rows::{Height, stack};

/// The roles screen's state.
#[derive(Debug)]
pub struct RolesScreen {
    loaded: LoadedRunbook,
    /// The runbook's title as shown: redacted once, not every frame.
    title: String,
    /// The runbook's secret patterns with the built-in ones: what is shown
    /// of the names typed (a notice, an error) goes through it.
    redactor: Redactor,
    mode: Mode,
    fields: [TextArea<'static>; 3],
    focus: usize,
    error: Option<String>,
    back: Option<Box<Screen>>,
    team: Vec<String>,
    suggested: Option<String>,
    live_commands: bool,
    /// Set when a drill was refused for one person in all three roles:
    /// submitting the same names again starts solo practice.
    solo_offered: bool,
}

impl RolesScreen {
    /// A roles form for a session of `mode` on `loaded`.
    pub fn new(loaded: LoadedRunbook, mode: Mode) -> Self {
        let fields = Role::ALL.map(|r| new_field(r.key(), "name"));
        let redactor = Redactor::of_patterns(&loaded.runbook.redact);
        let title = sanitize_line(&redactor.apply(loaded.runbook.title()));
        Self {
            loaded,
            title,
            redactor,
            mode,
            fields,
            focus: 0,
            error: None,
            back: None,
            team: Vec::new(),
            suggested: None,
            live_commands: false,
            solo_offered: false,
        }
    }

    /// Runs the commands that change a system in a drill too (`--live-commands`).
    #[must_use]
    pub fn with_live_commands(mut self, live_commands: bool) -> Self {
        self.live_commands = live_commands;
        self
    }

    /// Offers `team` (the config's roster) in every field with `↑`/`↓`.
    pub fn offer(&mut self, team: &[String]) {
        self.team = team.to_vec();
    }

    /// The saved sessions arrived: suggest who drives next, by rotation
    /// over this runbook's completed drills (`core::review::next_driver`).
    pub fn history_arrived(&mut self, history: &[crate::core::review::Summary]) {
        let key = crate::core::review::runbook_key(&self.loaded.path);
        self.suggested = crate::core::review::next_driver(&crate::core::review::drills_of(history, &key));
    }

    fn set(&mut self, i: usize, name: &str) {
        self.fields[i] = new_field(Role::ALL[i].key(), "name");
        self.fields[i].insert_str(name);
    }

    /// The names offered in field `i`: the runbook's `[roles]` for that
    /// role when it names any, else the config's team.
    fn offered(&self, i: usize) -> &[String] {
        let decided = self.loaded.runbook.roles.as_ref().map(|r| r.names(Role::ALL[i])).unwrap_or_default();
        if decided.is_empty() { &self.team } else { decided }
    }

    /// Puts the next (`forward`) or previous offered name, after the focused field's text, in that field.
    fn cycle(&mut self, forward: bool) {
        let names = self.offered(self.focus);
        let n = names.len();
        if n == 0 {
            return;
        }
        let now = text(&self.fields[self.focus]);
        let next = match (names.iter().position(|t| *t == now), forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let name = names[next].clone();
        self.set(self.focus, &name);
    }

    /// "Cy is not named for driver (Ana, Ben) in the runbook's [roles]"
    /// for the names typed so far, if anyone is.
    fn outside(&self) -> Option<String> {
        let [d, c, v] = &self.fields;
        crate::core::roles::outside_notice(
            self.loaded.runbook.roles.as_ref(),
            &Roles::new(&text(d), &text(c), &text(v)),
        )
        .map(|notice| self.redactor.apply(&notice))
    }

    fn all_named(&self) -> bool {
        self.fields.iter().all(|f| !text(f).is_empty())
    }

    /// Where `esc` goes: the home screen it came from.
    #[must_use]
    pub fn with_back(mut self, back: Screen) -> Self {
        self.back = Some(Box::new(back));
        self
    }

    /// Handles an action, or types the key into the focused field.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        if action != Some(Action::Submit) {
            // An error, and the solo practice it offers, stay only until the form changes.
            self.error = None;
            self.solo_offered = false;
        }
        match action {
            Some(Action::NextField) if self.mode == Mode::Incident && !text(&self.fields[self.focus]).is_empty() => {
                let name = text(&self.fields[self.focus]);
                for i in self.focus + 1..3 {
                    if text(&self.fields[i]).is_empty() {
                        self.set(i, &name);
                    }
                }
                self.focus = (self.focus + 1) % 3;
            }
            Some(Action::NextField) => self.focus = (self.focus + 1) % 3,
            Some(Action::Down) => self.cycle(true),
            Some(Action::Up) => self.cycle(false),
            Some(Action::Submit) if self.all_named() => return self.submit(now),
            Some(Action::PrevField) => self.focus = (self.focus + 2) % 3,
            Some(Action::Submit) if self.focus < 2 && text(&self.fields[self.focus]).is_empty() => {
                self.error = Some(format!("the {} needs a name", Role::ALL[self.focus]));
            }
            Some(Action::Submit) if self.focus < 2 => self.focus += 1,
            Some(Action::Submit) => return self.submit(now),
            Some(Action::Back) => {
                return match self.back.take() {
                    Some(back) => vec![Effect::Go(back)],
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
        let mut roles = Roles::new(&text(d), &text(c), &text(v));
        if std::mem::take(&mut self.solo_offered) {
            roles = Roles::solo_practice(&roles.driver);
        }
        if let Err(e) = roles.validate(self.mode == Mode::Incident) {
            self.error = Some(self.redactor.apply(&match e {
                crate::core::roles::RoleError::AllThree(name) => {
                    self.solo_offered = true;
                    format!("enter again for solo practice: {name} holds all three roles (not a team drill)")
                }
                e => e.to_string(),
            }));
            return Vec::new();
        }
        match Live::start(self.loaded.clone(), self.mode, roles, self.live_commands, now) {
            Ok((live, cmds)) => {
                let mut effects: Vec<Effect> = cmds.into_iter().map(Effect::Cmd).collect();
                effects.push(Effect::Go(Box::new(Screen::Drill(Box::new(DrillScreen::new(live))))));
                effects
            }
            Err(e) => {
                self.error = Some(self.redactor.apply(&e.to_string()));
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
        // Below 18 rows the rule's sentence and the second header line give
        // way, so the three fields, a notice line and the keys always fit.
        let roomy = area.height >= 18;
        let [head, rule, f0, f1, f2, err, _, foot] = stack(
            area,
            [
                Height::Rows(if roomy { 2 } else { 1 }),
                Height::Rows(match (roomy, area.width >= 76) {
                    (false, _) => 0,
                    (true, true) => 2,
                    (true, false) => 3,
                }),
                Height::Rows(3),
                Height::Rows(3),
                Height::Rows(3),
                Height::Rows(if roomy { 2 } else { 1 }),
                Height::Rest,
                Height::Rows(1),
            ],
        );
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(format!(" firedrill · {} · ", self.mode.key().to_uppercase()), t.title),
                Span::styled(self.title.as_str(), t.title),
            ]),
            Line::styled(" Who holds which role?", t.text),
        ])
        .render(head, buf);
        let rule_text = if self.mode == Mode::Incident {
            format!(
                " Alone? Type your name and press {} to fill the other roles. With a team: one pushes the button, one confirms, one tells everyone.",
                ctx.keymap.first_key(KeyContext::Roles, Action::NextField)
            )
        } else {
            " One person may hold two roles, never all three: one pushes the button, one confirms the system is back, one tells everyone.".to_owned()
        };
        Paragraph::new(rule_text).style(t.dim).wrap(Wrap { trim: true }).render(rule, buf);
        for (i, area) in [f0, f1, f2].into_iter().enumerate() {
            let mut field = self.fields[i].clone();
            set_focus(&mut field, Role::ALL[i].key(), i == self.focus, t);
            field.render(area, buf);
        }
        if !roomy && self.mode == Mode::Incident && self.error.is_none() {
            // The sentence above is gone at this size; the solo way in stays.
            let tab = ctx.keymap.first_key(KeyContext::Roles, Action::NextField);
            Paragraph::new(format!(" alone? type a name, {tab} fills the rest")).style(t.dim).render(err, buf);
        } else if let Some(outside) = self.error.is_none().then(|| self.outside()).flatten() {
            let line = Line::from(vec![Span::styled(" ▲ ", t.warn), Span::styled(sanitize_line(&outside), t.warn)]);
            Paragraph::new(line).wrap(Wrap { trim: true }).render(err, buf);
        } else if (!self.offered(self.focus).is_empty() || self.suggested.is_some()) && self.error.is_none() {
            let names: Vec<String> = self.offered(self.focus).iter().map(|n| sanitize_line(n)).collect();
            let decided = names.as_slice() != self.team.as_slice();
            let mut spans = Vec::new();
            if !names.is_empty() {
                spans.extend([
                    Span::styled(if decided { " decided in advance: " } else { " team: " }, t.dim),
                    Span::styled(names.join(" · "), t.text),
                    Span::styled(
                        format!(
                            "  ({}/{} picks a name)",
                            ctx.keymap.first_key(KeyContext::Roles, Action::Up),
                            ctx.keymap.first_key(KeyContext::Roles, Action::Down)
                        ),
                        t.dim,
                    ),
                ]);
            }
            // The rotation on a line of its own when decided names fill the first.
            let mut lines = vec![Line::from(spans)];
            if let Some(next) = &self.suggested {
                let rotation = vec![
                    Span::styled(" next driver by rotation: ", t.dim),
                    Span::styled(sanitize_line(next), t.active),
                ];
                match lines.first_mut() {
                    Some(first) if !decided => first.spans.extend(rotation),
                    _ => lines.push(Line::from(rotation)),
                }
            }
            Paragraph::new(lines).wrap(Wrap { trim: false }).render(err, buf);
        }
        if let Some(e) = &self.error {
            Paragraph::new(Line::from(vec![Span::styled(" ✖ ", t.bad), Span::styled(sanitize_line(e), t.bad)]))
                .wrap(Wrap { trim: true })
                .render(err, buf);
        }
        render_hints(ctx, KeyContext::Roles, foot, buf);
    }
}
