//! The app's handling of news from outside the keyboard: the journal
//! created, opened, behind or caught up; a followed journal that grew; a
//! status update delivered or not; files written (the save, the runbook
//! proposal applied, a drill card).

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::{App, Cmd, Effect, Msg, Now};
use crate::tui::screens::Screen;

impl App {
    /// Whether the runbook's commands are approved here arrived: the drill
    /// screen asks at once when its runbook runs commands on its own.
    pub(super) fn trust_arrived(&mut self, trust: crate::store::trust::Trust) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Drill(d) => d.trust_arrived(trust),
            screen => {
                if let Some(live) = screen.live_mut() {
                    live.trust = Some(trust);
                }
            }
        }
        Vec::new()
    }

    /// A sensor or a switch's command ended: the session records it (a
    /// refusal, such as a reading after the session ended, is dropped:
    /// nothing is shown that is not recorded).
    pub(super) fn job_done(
        &mut self,
        job: crate::tui::messages::Job,
        result: crate::core::command::RunResult,
        now: Now,
    ) -> Vec<Effect> {
        let mut effects = match self.screen.live_mut() {
            Some(live) => match live.job_done(job, result, now) {
                Ok(cmd) => vec![Effect::Cmd(cmd)],
                Err(e) => {
                    tracing::debug!("job result not recorded: {e}");
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        // A ledger opened to finish verify closes and completes the step
        // once the last switch's restore command has put it back (a
        // restore that runs a command ends here, not on its key press).
        let resuming = matches!(self.top(), Some(super::Layer::Flags(p)) if p.completes_step());
        if resuming && self.screen.live().is_some_and(|l| l.session.flags_left_off().is_empty()) {
            self.pop();
            effects.push(Effect::CompleteStep);
        }
        effects
    }

    /// Files were written, or could not be: the save, the runbook
    /// proposal applied, a drill card.
    pub(super) fn file_news(&mut self, msg: Msg) {
        match (msg, &mut self.screen) {
            (Msg::Saved(saved), screen) => {
                let list: Vec<String> = saved.paths.iter().map(|p| p.display().to_string()).collect();
                self.farewell = Some(format!("firedrill: wrote {}", list.join(" and ")));
                if let Screen::Saved(s) = screen {
                    s.written(*saved);
                }
            }
            (Msg::SaveFailed(reason), Screen::Saved(s)) => s.write_failed(reason),
            (Msg::ProposalApplied(result), Screen::Saved(s)) => s.proposal_applied(result),
            (Msg::CardWritten(result), Screen::Home(h)) => h.card_written(result),
            _ => {}
        }
    }

    /// The journal fell behind (banner up), caught up (banner down, then
    /// the message that came with it), or has news to show.
    pub(super) fn journal_news(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        match msg {
            Msg::JournalBehind(reason) => {
                self.journal_behind = true;
                if let Screen::Saved(s) = &mut self.screen {
                    s.journal_behind = true;
                }
                if let Some(live) = self.screen.live_mut() {
                    live.journal_error = Some(reason);
                }
                Vec::new()
            }
            Msg::JournalRecovered(then) => {
                self.journal_behind = false;
                if let Screen::Saved(s) = &mut self.screen {
                    s.journal_behind = false;
                }
                if let Some(live) = self.screen.live_mut() {
                    live.journal_error = None;
                }
                then.map(|m| self.update(*m, now).into_iter().map(Effect::Cmd).collect()).unwrap_or_default()
            }
            // The whole journal is in the folder asked for: leave (the
            // farewell says where, from the keeper).
            Msg::JournalCopied(_) => {
                self.layers.clear();
                vec![Effect::Exit(0)]
            }
            Msg::JournalCopyFailed(reason) => {
                self.quit.error = Some(reason);
                Vec::new()
            }
            Msg::JournalNotice(text) => {
                if let Screen::Drill(d) = &mut self.screen {
                    d.notice(text);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The journal is open: note its path; a resumed session records its
    /// gap from the last heartbeat and says so until the next key.
    pub(super) fn journal_created(&mut self, path: PathBuf, alive_at: Option<DateTime<Utc>>) -> Vec<Effect> {
        let now = self.now;
        match self.screen.live_mut() {
            Some(live) if live.reopen_pending => {
                live.reopen_pending = false;
                live.journal_path = Some(path);
                match live.apply(crate::core::session::Command::Reopen { alive_at }, now) {
                    Ok(cmd) => {
                        // What the core recorded, as it returned it.
                        let recorded = match &cmd {
                            crate::tui::messages::Cmd::Append(e) => Some(e),
                            _ => None,
                        };
                        let words = live.session.pauses.gap_words();
                        let banner = recorded.and_then(|e| match e.kind {
                            crate::core::event::EventKind::Reopened { interrupted_at, interrupted_ms } => {
                                Some(format!(
                                    "interrupted at {} UTC for {} ({words})",
                                    interrupted_at.format("%H:%M:%S"),
                                    crate::core::duration::clock(e.t_ms.saturating_sub(interrupted_ms))
                                ))
                            }
                            _ => None,
                        });
                        match (banner, &mut self.screen) {
                            (Some(b), Screen::Drill(d)) => d.interrupted(b),
                            (Some(b), Screen::Debrief(d)) => d.interrupted(b),
                            _ => {}
                        }
                        vec![Effect::Cmd(cmd)]
                    }
                    Err(e) => {
                        live.journal_error = Some(e.to_string());
                        Vec::new()
                    }
                }
            }
            Some(live) => {
                live.journal_path = Some(path);
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// The `notify` program finished: record it, and say so when it failed.
    /// Another process writes this session (look, and follow it), or the
    /// followed journal grew or was rewritten.
    pub(super) fn follow_news(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::LockHeld(holder) => {
                let mut effects = Vec::new();
                if let Some(live) = self.screen.live_mut() {
                    live.reopen_pending = false;
                    live.read_only = Some(holder);
                    if let Some(path) = live.journal_path.clone() {
                        effects.push(Effect::Cmd(Cmd::Follow(path, 0)));
                    }
                }
                effects
            }
            Msg::Followed(news) => self.followed(news),
            Msg::FollowReplaced(loaded) => {
                if let Some(live) = self.screen.live_mut()
                    && let Ok((_, session)) = loaded.session()
                {
                    live.session = session;
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The followed session moved on: fold what its writer appended; once
    /// saved, show its end (the outcome, where its postmortem is).
    fn followed(&mut self, news: crate::store::follow::News) -> Vec<Effect> {
        use crate::store::follow::Writer;
        let Screen::Drill(d) = &mut self.screen else { return Vec::new() };
        for e in news.events {
            d.live.session.follow(e);
        }
        // A writer killed lets go of its lock: the session stopped unsaved.
        let finished = d.live.session.finished_ms.is_some();
        match news.writer {
            Some(Writer::Holding(w)) => d.live.read_only = Some(format!("following {w} · read-only")),
            Some(Writer::Gone) if news.saved.is_none() && !finished => {
                d.live.read_only = Some(
                    "following · no writer now: it stopped without saving; firedrill resume continues it".to_owned(),
                );
            }
            Some(Writer::Gone) if news.saved.is_none() => {
                // Finished, and its writer left without a save: nothing is being written.
                let journal = d.live.journal_path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
                let journal = crate::core::sanitize::sanitize_line(&journal);
                d.live.read_only = Some("following · no writer now".to_owned());
                d.notice(format!("◉ session ended unsaved; write its postmortem with: firedrill report {journal}"));
                return Vec::new();
            }
            _ => {}
        }
        if let Some(paths) = news.saved {
            // Saved: the outcome and the postmortem, which enter opens.
            let ended = crate::tui::screens::follow::FollowScreen::ended(&d.live, paths);
            return vec![Effect::Go(Box::new(Screen::Follow(Box::new(ended))))];
        } else if d.live.session.finished_ms.is_some() {
            d.notice("◉ session ended; the postmortem is being written".to_owned());
        }
        Vec::new()
    }

    pub(super) fn delivered(&mut self, seq: u64, result: Result<String, String>) -> Vec<Effect> {
        let now = self.now;
        let failure = result.as_ref().err().cloned();
        let (delivered, detail) = match result {
            Ok(said) => (true, said),
            Err(why) => (false, why),
        };
        let mut effects = Vec::new();
        if let Some(live) = self.screen.live_mut() {
            let command = crate::core::session::Command::RecordDelivery { seq, delivered, detail };
            match live.apply(command, now) {
                Ok(cmd) => effects.push(Effect::Cmd(cmd)),
                Err(e) => live.journal_error = Some(e.to_string()),
            }
        }
        if let (Some(why), Screen::Drill(d)) = (failure, &mut self.screen) {
            d.notice(format!("status update not delivered: {why}"));
        }
        effects
    }
}
