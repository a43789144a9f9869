//! The one task that owns the terminal: it selects over key events, a 1 Hz
//! tick (only while a clock is visible), signals and a tty watchdog; it runs
//! the app's commands (journal, save) before drawing, and draws only when
//! something changed. Every exit path restores the terminal.

use std::io::stdout;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream, KeyEventKind};
use crossterm::execute;
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tokio::time::{MissedTickBehavior, interval};

use crate::store::journal::Journal;
use crate::store::lock::{Lock, LockError};
use crate::store::{paths, save};
use crate::tui::Start;
use crate::tui::app::{App, Cmd, Msg, Now};
use crate::tui::keeper::Keeper;
use crate::tui::keymap::Keymap;
use crate::tui::live::Live;
use crate::tui::theme::Theme;

/// Runs the interactive app until it exits; returns the process exit code
/// (0, or 128+N after signal N).
///
/// # Errors
/// Terminal IO errors, after the terminal was restored.
pub fn run(start: Start) -> anyhow::Result<u8> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(main_loop(start))
}

/// Restores the terminal when dropped: on quit, error, signal or unwinding.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Runs the app's commands: the open journal and the output folder.
struct Effects {
    /// Results of background work (status update delivery) come back here.
    results: UnboundedSender<Msg>,
    keeper: Keeper,
    /// Process groups of commands still running: killed when firedrill exits.
    groups: std::sync::Arc<std::sync::Mutex<Vec<u32>>>,
    sessions_dir: Option<PathBuf>,
    out: Option<PathBuf>,
}

impl Effects {
    /// Starts an item's command in the background; its output and end come
    /// back as messages, and its process group is remembered until it ends.
    fn run_command(
        &self,
        step: crate::core::plan::StepKind,
        item: usize,
        spec: crate::core::command::CommandSpec,
        cwd: PathBuf,
        redact: Vec<String>,
    ) {
        let results = self.results.clone();
        let groups = std::sync::Arc::clone(&self.groups);
        tokio::spawn(async move {
            // A runbook's bad pattern was refused at start; keep the built-ins anyway.
            let redactor = crate::exec::redact::Redactor::new(&redact)
                .unwrap_or_else(|_| crate::exec::redact::Redactor::built_in());
            let timeout = spec.timeout.0;
            let lines = results.clone();
            let mut group = 0;
            let started = |pgid: u32| {
                group = pgid;
                if let Ok(mut g) = groups.lock() {
                    g.push(pgid);
                }
            };
            let result = crate::exec::run::run(&spec.argv, &cwd, timeout, &redactor, started, |batch| {
                let _ = lines.send(Msg::CommandOutput(batch));
            })
            .await;
            // Its group is gone: never signal a number the system may reuse.
            if let Ok(mut g) = groups.lock() {
                g.retain(|p| *p != group);
            }
            let _ = results.send(Msg::CommandDone { step, item, result });
        });
    }

    fn run(&mut self, cmd: Cmd, live: Option<&Live>) -> Option<Msg> {
        match cmd {
            Cmd::CreateJournal(header) => {
                let Some(dir) = &self.sessions_dir else {
                    return Some(Msg::JournalFailed("no state folder could be found (is HOME set?)".to_owned()));
                };
                match self.keeper.create(dir, header) {
                    Ok(path) => Some(Msg::JournalCreated(path)),
                    Err(msg) => Some(msg),
                }
            }
            Cmd::OpenJournal(path) => match Lock::acquire(&path, Utc::now()) {
                Err(LockError::Held(holder)) => Some(Msg::LockHeld(holder.to_string())),
                Err(e) => Some(Msg::JournalFailed(e.to_string())),
                Ok(lock) => match Journal::open_append(&path) {
                    Ok(j) => {
                        self.keeper.opened(j, lock);
                        Some(Msg::JournalCreated(path))
                    }
                    Err(e) => Some(Msg::JournalFailed(format!("{}: {e}", path.display()))),
                },
            },
            Cmd::Append(event) => {
                if matches!(event.kind, crate::core::event::EventKind::Finished) {
                    // Phase 0 of the save: where it will go, before it can be cut short.
                    self.keeper.intend_save(paths::out_dir(self.out.as_deref()).as_deref());
                }
                self.keeper.append(&event, live)
            }
            Cmd::CheckTrust { path, sha256 } => {
                let file = paths::trust_file()?;
                Some(Msg::Trusted(crate::store::trust::status(&file, &path, &sha256)))
            }
            Cmd::Approve { path, sha256 } => {
                let file = paths::trust_file()?;
                crate::store::trust::approve(&file, &path, &sha256)
                    .err()
                    .map(|e| Msg::JournalFailed(format!("cannot record the approval: {e}")))
            }
            Cmd::RunCommand { step, item, spec, cwd, redact } => {
                self.run_command(step, item, spec, cwd, redact);
                None
            }
            Cmd::LoadHistory => {
                let dir = paths::out_dir(self.out.as_deref())?;
                Some(Msg::History(crate::store::review::history(&dir, paths::review_cache().as_deref())))
            }
            Cmd::ReadFile(path) => {
                let result = crate::store::regular::read(&path, 64 << 20)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .map_err(|e| e.to_string());
                Some(Msg::FileRead(path, result))
            }
            Cmd::OpenReview => {
                let Some(dir) = paths::out_dir(self.out.as_deref()) else {
                    return Some(Msg::SaveFailed("no output folder: pass --out DIR".to_owned()));
                };
                let scanned = crate::store::review::scan(&dir, paths::review_cache().as_deref());
                Some(Msg::Reviewed(scanned, dir))
            }
            Cmd::Notify { seq, argv, text } => {
                let results = self.results.clone();
                tokio::spawn(async move {
                    let result = crate::exec::deliver(&argv, &text, crate::exec::NOTIFY_TIMEOUT).await;
                    let _ = results.send(Msg::Delivered { seq, result });
                });
                None
            }
            Cmd::Save { dir, session: loaded } => {
                let Some(dir) = dir.or_else(|| paths::out_dir(self.out.as_deref())) else {
                    return Some(Msg::SaveFailed("no output folder: pass --out DIR".to_owned()));
                };
                self.keeper.intend_save(Some(&dir));
                Some(match save::save(&dir, &loaded) {
                    Ok(paths) => {
                        // The last phase: mark the running journal saved, release its lock.
                        self.keeper.saved(&loaded.header.session_id, &paths);
                        Msg::Saved(paths)
                    }
                    Err(e) => Msg::SaveFailed(e.to_string()),
                })
            }
        }
    }
}

fn clock(origin: Instant) -> Now {
    Now { wall: Utc::now(), mono_ms: u64::try_from(origin.elapsed().as_millis()).unwrap_or(u64::MAX) }
}

/// Feeds the messages that commands produce back into the app until none is left.
fn settle(app: &mut App, effects: &mut Effects, mut cmds: Vec<Cmd>, origin: Instant) {
    while !cmds.is_empty() {
        let mut next = Vec::new();
        for cmd in cmds {
            if let Some(msg) = effects.run(cmd, app.screen.live()) {
                next.extend(app.update(msg, clock(origin)));
            }
        }
        cmds = next;
    }
}

/// Journals typed drafts on the way out after signal `signo`; returns 128+signo.
fn leave(app: &mut App, effects: &mut Effects, origin: Instant, signo: u8) -> u8 {
    let cmds = app.shutdown(clock(origin));
    settle(app, effects, cmds, origin);
    128 + signo
}

fn tty_gone() -> bool {
    std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_err()
}

async fn main_loop(start: Start) -> anyhow::Result<u8> {
    let origin = Instant::now();
    let keymap = Keymap::default_keys();
    let theme = Theme::pick(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sigquit = signal(SignalKind::quit())?;

    let mut terminal = ratatui::init();
    let guard = TerminalGuard;
    execute!(stdout(), EnableBracketedPaste)?;

    let (mut app, cmds) = App::new(start, keymap, theme, clock(origin));
    let (results, mut finished_work) = unbounded_channel();
    let mut effects = Effects {
        results,
        keeper: Keeper::default(),
        groups: std::sync::Arc::default(),
        sessions_dir: paths::sessions_dir(),
        out: app.out.clone(),
    };
    settle(&mut app, &mut effects, cmds, origin);
    if let Ok(size) = terminal.size() {
        app.update(Msg::Resize(size.width, size.height), clock(origin));
    }

    let mut events = EventStream::new();
    let mut tick = interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut watchdog = interval(Duration::from_secs(2));
    watchdog.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut dirty = true;
    // Without a controlling terminal at start (setsid), /dev/tty never opens:
    // that is not a hang-up, so the watchdog only watches a tty it saw.
    let had_tty = !tty_gone();
    let result: anyhow::Result<u8> = loop {
        if let Some(code) = app.exit {
            break Ok(code);
        }
        if dirty {
            if let Err(e) = terminal.draw(|f| app.render(f)) {
                break Err(e.into());
            }
            dirty = false;
        }
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind == KeyEventKind::Press => Msg::Key(k),
                Some(Ok(Event::Paste(text))) => Msg::Paste(text),
                Some(Ok(Event::Resize(w, h))) => Msg::Resize(w, h),
                Some(Ok(_)) => continue,
                Some(Err(e)) => break Err(e.into()),
                None => break Ok(leave(&mut app, &mut effects, origin, 1)),
            },
            _ = tick.tick(), if app.clock_visible() => Msg::Tick,
            Some(msg) = finished_work.recv() => msg,
            _ = sigterm.recv() => break Ok(leave(&mut app, &mut effects, origin, 15)),
            _ = sighup.recv() => break Ok(leave(&mut app, &mut effects, origin, 1)),
            _ = sigint.recv() => break Ok(leave(&mut app, &mut effects, origin, 2)),
            _ = sigquit.recv() => break Ok(leave(&mut app, &mut effects, origin, 3)),
            _ = watchdog.tick() => {
                // crossterm spins after a hang-up when we are not the session leader (crossterm issue 793).
                if had_tty && tty_gone() { break Ok(leave(&mut app, &mut effects, origin, 1)) }
                // A journal that could not be written is retried every tick.
                match effects.keeper.retry(app.screen.live()) {
                    Some(msg) => msg,
                    None => continue,
                }
            }
        };
        let cmds = app.update(msg, clock(origin));
        settle(&mut app, &mut effects, cmds, origin);
        dirty = true;
    };
    // No command outlives firedrill: kill every group still running.
    if let Ok(groups) = effects.groups.lock() {
        for pgid in groups.iter() {
            crate::exec::run::signal_group(*pgid, nix::sys::signal::Signal::SIGKILL);
        }
    }
    drop(guard);
    let out = paths::out_dir(effects.out.as_deref());
    let lost = effects.keeper.exit(app.screen.live(), out.as_deref(), &mut app.farewell);
    if let Some(line) = app.farewell {
        eprintln!("{line}");
    }
    result.map(|code| if lost && code == 0 { 1 } else { code })
}
