//! The screens, one file each. Each owns its state and key handling and
//! renders by shared reference; `Screen` routes to the one in front.

pub mod debrief;
pub mod drill;
pub mod effect;
pub mod follow;
pub mod home;
pub mod review;
pub mod roles;
pub mod saved;

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::core::plan::StepKind;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::journal::Loaded;
use crate::tui::context::{Ctx, Now};
use crate::tui::live::Live;
use crate::tui::screens::effect::Effect;

/// The screen in front.
#[derive(Debug)]
pub enum Screen {
    /// Pick a runbook and a mode.
    Home(home::HomeScreen),
    /// Name the driver, communicator and verifier.
    Roles(Box<roles::RolesScreen>),
    /// The running drill or incident.
    Drill(Box<drill::DrillScreen>),
    /// What slowed us down, the prevention step, the pressure question.
    Debrief(Box<debrief::DebriefScreen>),
    /// Saved sessions: the list, one postmortem, a runbook's trends.
    Review(Box<review::ReviewScreen>),
    /// Where the files went, or why they could not be written.
    Saved(Box<saved::SavedScreen>),
    /// A follower's: the running sessions to pick from, or the end of the
    /// one followed.
    Follow(Box<follow::FollowScreen>),
}

impl Screen {
    /// Effects that resume the journal at `path`: lock and open it, then
    /// show the drill screen (or the debrief when every step was done or
    /// the session stopped early).
    /// `notices` (skipped journal lines) are shown on the first frame.
    pub fn resume(journal: Loaded, path: PathBuf, now: Now, notices: &[String]) -> Vec<Effect> {
        match Live::resume(journal, path.clone(), now) {
            Ok((live, open)) => {
                let finished = live.session.in_debrief();
                let mut drill = drill::DrillScreen::new(live);
                drill.notice(notices.join("; "));
                let mut effects = vec![
                    Effect::Cmd(open),
                    Effect::Cmd(crate::tui::messages::Cmd::LoadHistory),
                    Effect::Cmd(crate::tui::messages::Cmd::CheckTrust {
                        path: drill.live.header.runbook_path.clone(),
                        sha256: drill.live.header.runbook_sha256.clone(),
                    }),
                ];
                if drill.live.header.runbook_redacted {
                    effects.push(Effect::Cmd(crate::tui::messages::Cmd::LoadCommands {
                        path: drill.live.header.runbook_path.clone(),
                        sha256: drill.live.header.runbook_sha256.clone(),
                    }));
                }
                effects.push(Effect::Go(Box::new(Self::Drill(Box::new(drill)))));
                if finished {
                    effects.push(Effect::Debrief);
                }
                effects
            }
            Err(e) => {
                vec![Effect::Go(Box::new(Self::Saved(Box::new(saved::SavedScreen::failed(e.to_string(), Some(path))))))]
            }
        }
    }

    /// A session chosen from a list, its journal `read` from `path`
    /// (`offset` bytes long before): resumed or followed as `then` says,
    /// or the reason it could not be read: on the home screen said over the
    /// list, which stays.
    pub fn opened(
        &mut self,
        read: Result<Box<Loaded>, String>,
        path: PathBuf,
        then: &crate::tui::messages::Opening,
        offset: u64,
        now: Now,
    ) -> Vec<Effect> {
        if let (Err(why), Self::Home(home)) = (&read, &mut *self) {
            home.unopened(why);
            return Vec::new();
        }
        match (read, then) {
            (Ok(j), crate::tui::messages::Opening::Resume) => Self::resume(*j, path, now, &[]),
            (Ok(j), crate::tui::messages::Opening::Follow { writer }) => Self::follow(*j, path, offset, writer, now),
            (Err(why), _) => {
                vec![Effect::Go(Box::new(Self::Saved(Box::new(saved::SavedScreen::failed(why, Some(path))))))]
            }
        }
    }

    /// A read-only view of a session another process writes, refreshed as
    /// its journal grows.
    pub fn follow(journal: Loaded, path: PathBuf, offset: u64, writer: &str, now: Now) -> Vec<Effect> {
        match Live::resume(journal, path.clone(), now) {
            Ok((mut live, _)) => {
                live.reopen_pending = false;
                live.journal_path = Some(path.clone());
                live.read_only = Some(format!("following {writer} · read-only"));
                let drill = drill::DrillScreen::new(live);
                vec![
                    Effect::Cmd(crate::tui::messages::Cmd::Follow(path, offset)),
                    Effect::Go(Box::new(Self::Drill(Box::new(drill)))),
                ]
            }
            Err(e) => {
                vec![Effect::Go(Box::new(Self::Saved(Box::new(saved::SavedScreen::failed(e.to_string(), Some(path))))))]
            }
        }
    }

    /// The keymap context of the screen (and of its open prompt, if any).
    pub fn context(&self) -> KeyContext {
        match self {
            Self::Home(s) => s.context(),
            Self::Roles(_) => KeyContext::Roles,
            Self::Drill(s) => s.context(),
            Self::Debrief(s) => s.context(),
            Self::Review(s) => s.context(),
            Self::Saved(s) => s.context(),
            Self::Follow(s) => s.context(),
        }
    }

    /// Offers a key (with the action it maps to) to the screen.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        match self {
            Self::Home(s) => s.handle(action),
            Self::Roles(s) => s.handle(action, key, now),
            Self::Drill(s) => s.handle(action, key, now),
            Self::Debrief(s) => s.handle(action, key, now),
            Self::Saved(s) => s.handle(action, key),
            Self::Review(s) => s.handle(action, key),
            Self::Follow(s) => s.handle(action),
        }
    }

    /// The pager closed, or could not show the file (a follower's end).
    pub fn paged(&mut self, result: Result<(), String>) -> Vec<Effect> {
        if let Self::Follow(s) = self {
            s.paged(result);
        }
        Vec::new()
    }

    /// Gives pasted text to the focused text field, if any.
    pub fn paste(&mut self, text: &str, now: crate::tui::context::Now) {
        match self {
            Self::Roles(s) => s.paste(text),
            Self::Drill(s) => s.paste(text, now),
            Self::Debrief(s) => s.paste(text),
            Self::Saved(s) => s.paste(text),
            Self::Review(s) => s.paste(text),
            Self::Home(_) | Self::Follow(_) => {}
        }
    }

    /// Journals typed drafts before leaving (see [`drill::DrillScreen::save_drafts`]
    /// and [`debrief::DebriefScreen::save_draft`]).
    pub fn save_drafts(&mut self, now: Now) -> Vec<Effect> {
        match self {
            Self::Drill(s) => s.save_drafts(now),
            Self::Debrief(s) => s.save_draft(now),
            _ => Vec::new(),
        }
    }

    /// The live session, on screens that have one.
    pub fn live(&self) -> Option<&Live> {
        match self {
            Self::Drill(s) => Some(&s.live),
            Self::Debrief(s) => Some(&s.live),
            _ => None,
        }
    }

    /// Journals lines a running command printed (an event of the live
    /// session, on whichever of its screens is up).
    pub fn keep_output(&mut self, step: StepKind, item: usize, lines: Vec<String>, now: Now) -> Vec<Effect> {
        let keep = crate::core::session::Command::KeepOutput { step, item, lines };
        self.live_mut().and_then(|l| l.apply(keep, now).ok()).map(|c| vec![Effect::Cmd(c)]).unwrap_or_default()
    }

    /// The words being typed on a session's screen (`None` on others),
    /// for the draft file beside the journal.
    pub fn draft(&self) -> Option<crate::store::draft::Draft> {
        let fields = match self {
            Self::Drill(s) if s.live.read_only.is_none() => s.draft_fields(),
            Self::Debrief(s) => s.draft_fields(),
            _ => return None,
        };
        Some(crate::store::draft::Draft { fields })
    }

    /// Gives back, after a resume, the words typed before firedrill stopped.
    pub fn restore_draft(&mut self, draft: &crate::store::draft::Draft, now: Now) {
        match self {
            Self::Drill(s) => s.restore_draft(&draft.fields, now),
            Self::Debrief(s) => s.restore_draft(&draft.fields),
            _ => {}
        }
    }

    /// The live session, mutably.
    pub fn live_mut(&mut self) -> Option<&mut Live> {
        match self {
            Self::Drill(s) => Some(&mut s.live),
            Self::Debrief(s) => Some(&mut s.live),
            _ => None,
        }
    }

    /// The session the running journal must hold whole: the live one, or
    /// the one the saved screen holds until its save is written.
    pub fn kept(&self) -> Option<crate::tui::keeper::MustKeep<'_>> {
        match self {
            Self::Saved(s) => s.held().map(crate::tui::keeper::MustKeep::held),
            other => other.live().map(crate::tui::keeper::MustKeep::live),
        }
    }

    /// The running journal's path, when known.
    pub fn journal_path(&self) -> Option<PathBuf> {
        match self {
            Self::Saved(s) => s.journal.clone(),
            other => other.live().and_then(|l| l.journal_path.clone()),
        }
    }

    /// Draws the screen into `area`.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        match self {
            Self::Home(s) => s.render(ctx, area, buf),
            Self::Roles(s) => s.render(ctx, area, buf),
            Self::Drill(s) => s.render(ctx, area, buf),
            Self::Debrief(s) => s.render(ctx, area, buf),
            Self::Saved(s) => s.render(ctx, area, buf),
            Self::Review(s) => s.render(ctx, area, buf),
            Self::Follow(s) => s.render(ctx, area, buf),
        }
    }
}
