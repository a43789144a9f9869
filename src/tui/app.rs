//! `App` routes messages to the screen in front and collects the commands
//! the event loop must run. It owns no screen's state.

use std::path::PathBuf;

use crate::keymap::Keymap;
use crate::theme::Theme;
use crate::tui::screens::review::ReviewScreen;
use crate::tui::screens::{Screen, drill::DrillScreen, home::HomeScreen, roles::RolesScreen, saved::SavedScreen};
use crate::tui::widgets::flags::FlagsPanel;

use crate::tui::{Start, live::Live};

mod handover;
mod keys;
mod layers;
mod news;
pub mod quit_menu;
mod view;

pub use crate::tui::context::{Ctx, Now};
pub use crate::tui::messages::{Cmd, Job, Msg, Opening};
pub use crate::tui::screens::effect::Effect;
pub use layers::Layer;

/// The application: the screen in front, the layers over it, and the
/// things every screen shares.
#[derive(Debug)]
pub struct App {
    /// The screen in front.
    pub screen: Screen,
    /// The layers over it, the last on top.
    pub layers: Vec<Layer>,
    /// The keys.
    pub keymap: Keymap,
    /// The styles.
    pub theme: Theme,
    /// The time of the last message.
    pub now: Now,
    /// The output folder chosen on the command line, if any.
    pub out: Option<PathBuf>,
    /// Set when the app should end, with the exit code.
    pub exit: Option<u8>,
    /// A line to print after the terminal is restored.
    pub farewell: Option<String>,
    /// The terminal size, columns by rows.
    pub size: (u16, u16),
    /// The team roster from the config: names offered on the roles screen.
    pub team: Vec<String>,
    /// True while the journal is not complete on disk (the quit menu then
    /// never offers to keep it).
    pub journal_behind: bool,
    /// The quit menu's own state (a retry asked, the folder prompt).
    pub quit: quit_menu::QuitState,
}

impl App {
    /// Builds the app for `start` at `now`; returns the commands to run first.
    pub fn new(start: Start, keymap: Keymap, theme: Theme, now: Now) -> (Self, Vec<Cmd>) {
        let out = match &start {
            Start::Home { out, .. } | Start::Resume { out, .. } | Start::Session { out, .. } => out.clone(),
            Start::Follow { .. } | Start::Pick { .. } | Start::Review { .. } => None,
        };
        let effects = match start {
            Start::Home { unfinished, entries, runbooks_dir, .. } => {
                let board = runbooks_dir.is_some();
                let home = Effect::Go(Box::new(Screen::Home(HomeScreen::new(unfinished, entries, runbooks_dir))));
                if board { vec![home, Effect::Cmd(Cmd::LoadBoard)] } else { vec![home] }
            }
            Start::Resume { journal, path, notices, .. } => Screen::resume(*journal, path, now, &notices),
            Start::Follow { journal, path, offset, writer } => Screen::follow(*journal, path, offset, &writer, now),
            Start::Pick { running } => crate::tui::screens::follow::pick(running),
            Start::Review { scanned, preflights, dir } => {
                let review = ReviewScreen::new(scanned, dir).with_preflights(preflights);
                vec![Effect::Go(Box::new(Screen::Review(Box::new(review))))]
            }
            Start::Session { loaded, mode, roles: None, live_commands, .. } => {
                let roles = RolesScreen::new(*loaded, mode).with_live_commands(live_commands);
                let roles = Effect::Go(Box::new(Screen::Roles(Box::new(roles))));
                vec![roles, Effect::Cmd(Cmd::LoadBoard)]
            }
            Start::Session { loaded, mode, roles: Some(roles), live_commands, .. } => {
                match Live::start(*loaded, mode, roles, live_commands, now) {
                    Ok((live, cmds)) => cmds
                        .into_iter()
                        .map(Effect::Cmd)
                        .chain([Effect::Go(Box::new(Screen::Drill(Box::new(DrillScreen::new(live)))))])
                        .collect(),
                    Err(e) => {
                        vec![Effect::Go(Box::new(Screen::Saved(Box::new(SavedScreen::failed(e.to_string(), None)))))]
                    }
                }
            }
        };
        let mut app = Self {
            screen: Screen::Saved(Box::default()),
            layers: Vec::new(),
            keymap,
            theme,
            now,
            out,
            exit: None,
            farewell: None,
            size: (80, 24),
            team: Vec::new(),
            journal_behind: false,
            quit: quit_menu::QuitState::default(),
        };
        let cmds = app.run(effects);
        (app, cmds)
    }

    /// Sets the team roster offered on the roles screen, now and later.
    pub fn set_team(&mut self, team: Vec<String>) {
        if let Screen::Roles(r) = &mut self.screen {
            r.offer(&team);
        }
        self.team = team;
    }

    /// Journals what is typed but not yet submitted (notes, updates, the
    /// debrief) before the app ends on a signal or a hang-up.
    pub fn shutdown(&mut self, now: Now) -> Vec<Cmd> {
        self.now = now;
        let effects = self.screen.save_drafts(now);
        self.run(effects)
    }

    /// Handles one message at `now` and returns the commands to run.
    pub fn update(&mut self, msg: Msg, now: Now) -> Vec<Cmd> {
        self.now = now;
        let effects = match msg {
            Msg::Key(key) => self.key(key),
            Msg::Paste(text) => {
                if !quit_menu::paste_into(self, &text) {
                    self.screen.paste(&text, now);
                }
                Vec::new()
            }
            Msg::Tick => Vec::new(),
            Msg::Resize(w, h) => {
                self.size = (w, h);
                if let Screen::Review(r) = &mut self.screen {
                    r.set_height(h);
                }
                Vec::new()
            }
            Msg::JournalCreated(path, alive_at) => self.journal_created(path, alive_at),
            Msg::LockHeld(_) | Msg::Followed(_) | Msg::FollowReplaced(_) => self.follow_news(msg),
            // On disk: nothing to run, so no settle either.
            Msg::JournalWritten(seq) => {
                if let Some(live) = self.screen.live_mut() {
                    live.written(seq);
                }
                return Vec::new();
            }
            Msg::JournalFailed(reason) => {
                if let Some(live) = self.screen.live_mut() {
                    live.journal_error = Some(reason);
                }
                Vec::new()
            }
            Msg::JournalBehind(_)
            | Msg::JournalRecovered(_)
            | Msg::JournalNotice(_)
            | Msg::JournalCopied(_)
            | Msg::JournalCopyFailed(_) => self.journal_news(msg, now),
            Msg::Delivered { seq, result } => self.delivered(seq, result),
            Msg::Trusted(trust) => self.trust_arrived(trust),
            Msg::CommandsRead(commands) => {
                if let Some(live) = self.screen.live_mut() {
                    live.commands = commands;
                }
                Vec::new()
            }
            Msg::CommandOutput(lines) => {
                if let Screen::Drill(d) = &mut self.screen {
                    d.output_arrived(lines);
                }
                Vec::new()
            }
            Msg::OutputKept { step, item, lines } => self.screen.keep_output(step, item, lines, now),
            Msg::DraftFound(draft) => {
                self.screen.restore_draft(&draft, now);
                Vec::new()
            }
            Msg::CommandDone { step, item, result } => {
                let now = self.now;
                match &mut self.screen {
                    Screen::Drill(d) => d.command_done(step, item, result, now),
                    Screen::Debrief(d) => d
                        .live
                        .apply(crate::core::session::Command::FinishCommand { step, item, result }, now)
                        .map(|c| vec![Effect::Cmd(c)])
                        .unwrap_or_default(),
                    _ => Vec::new(),
                }
            }
            Msg::JobDone { job, result } => self.job_done(job, result, now),
            Msg::History(history) => {
                match &mut self.screen {
                    Screen::Drill(d) => d.history_arrived(&history, self.now),
                    Screen::Roles(r) => r.history_arrived(&history),
                    Screen::Home(h) => h.history_arrived(history),
                    _ => {}
                }
                Vec::new()
            }
            Msg::Paged(result) => self.screen.paged(result),
            Msg::FileRead(path, result) => {
                if let Screen::Review(r) = &mut self.screen {
                    r.file_read(&path, result);
                }
                Vec::new()
            }
            Msg::Reviewed(scanned, preflights, dir) => {
                let back = match &self.screen {
                    Screen::Home(h) => Some(Box::new(h.clone())),
                    _ => None,
                };
                vec![Effect::Go(Box::new(Screen::Review(Box::new(
                    ReviewScreen::new(scanned, dir).with_preflights(preflights).with_back(back),
                ))))]
            }
            Msg::JournalRead { path, then, offset, read } => self.screen.opened(read, path, &then, offset, now),
            Msg::Saved(_) | Msg::SaveFailed(_) | Msg::ProposalApplied(_) | Msg::CardWritten(_) => {
                self.file_news(msg);
                Vec::new()
            }
        };
        self.settle(effects, now)
    }

    /// What follows every message: inject cards fire when their time comes
    /// (each tick) or their step starts (after each key); sensors due and
    /// switch commands started run in the background; then the effects run.
    fn settle(&mut self, mut effects: Vec<Effect>, now: Now) -> Vec<Cmd> {
        if let Screen::Drill(d) = &mut self.screen {
            effects.extend(d.check_injects(now));
        }
        if let Some(live) = self.screen.live_mut() {
            effects.extend(live.due_jobs(now).into_iter().map(Effect::Cmd));
        }
        self.run(effects)
    }

    fn run(&mut self, effects: Vec<Effect>) -> Vec<Cmd> {
        let mut cmds = Vec::new();
        for effect in effects {
            match effect {
                Effect::Cmd(c) => cmds.push(c),
                Effect::Go(screen) => {
                    self.screen = *screen;
                    match &mut self.screen {
                        Screen::Roles(r) => r.offer(&self.team),
                        Screen::Review(r) => r.set_height(self.size.1),
                        Screen::Saved(s) => s.journal_behind = self.journal_behind,
                        _ => {}
                    }
                }
                Effect::Debrief => cmds.extend(self.hand_to_debrief()),
                Effect::Save => cmds.extend(self.hand_to_saved()),
                Effect::Help => self.push(Layer::Help(self.context(), 0)),
                Effect::QuitMenu => self.push(Layer::QuitMenu),
                Effect::Flags => self.push(Layer::Flags(Box::default())),
                Effect::FlagsThenComplete => self.push(Layer::Flags(Box::new(FlagsPanel::resuming()))),
                Effect::CompleteStep => {
                    if let Screen::Drill(d) = &mut self.screen {
                        let then = d.complete_step(self.now);
                        cmds.extend(self.run(then));
                    }
                }
                Effect::Exit(code) => self.exit = Some(code),
            }
        }
        cmds
    }
}
