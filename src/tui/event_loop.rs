//! The one task that owns the terminal: it selects over key events, a 1 Hz
//! tick (only while a clock is visible), signals and a tty watchdog; it runs
//! the app's commands (journal, save) before drawing, and draws only when
//! something changed. Every exit path restores the terminal.

use std::time::{Duration, Instant};

use chrono::Utc;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::sync::mpsc::unbounded_channel;
use tokio::time::{MissedTickBehavior, interval};

use crate::config::Config;
use crate::store::{heartbeat, paths};
use crate::tui::Start;
use crate::tui::app::App;
use crate::tui::burst::{event_msg, read_burst, resized};
use crate::tui::context::Now;
use crate::tui::drafts::DraftKeeper;
use crate::tui::effects::CmdRunner;
use crate::tui::messages::{Cmd, Msg};
use crate::tui::signals::{Caught, Signals};
use crate::tui::terminal::{self, Term};

/// Runs the interactive app until it exits; returns the process exit code
/// (0, or 128+N after signal N).
///
/// # Errors
/// Terminal IO errors, after the terminal was restored.
pub fn run(start: Start, config: Config) -> anyhow::Result<u8> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let code = rt.block_on(main_loop(start, config));
    // Everything is on disk and said by now: a blocking task still running
    // (a reader of a command's output) is not waited for past a second.
    rt.shutdown_timeout(Duration::from_secs(1));
    code
}

/// How long after the first frame the secret patterns start compiling.
const WARM_AFTER: Duration = Duration::from_millis(100);

/// Compiles the secret patterns the first frame's texts could not match
/// (`core::redact`'s gate skipped them) on a thread of their own, a moment
/// after the frame is out: they take no core from the terminal drawing it
/// and are ready before anyone types (docs/design.md, "First frame"). A
/// thread that cannot start leaves them to first use.
fn warm_later() {
    let _ = std::thread::Builder::new().name("warm".into()).spawn(|| {
        std::thread::sleep(WARM_AFTER);
        crate::core::redact::warm();
    });
}

/// Restores the terminal when dropped: on quit, error, signal or unwinding.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        terminal::leave();
    }
}

fn clock(origin: Instant) -> Now {
    Now { wall: Utc::now(), mono_ms: u64::try_from(origin.elapsed().as_millis()).unwrap_or(u64::MAX) }
}

/// Feeds the messages that commands produce back into the app until none is left.
fn settle(app: &mut App, effects: &mut CmdRunner, mut cmds: Vec<Cmd>, origin: Instant) {
    while !cmds.is_empty() {
        let mut next = Vec::new();
        for cmd in cmds {
            if let Some(msg) = effects.run(cmd, app.screen.kept()) {
                next.extend(app.update(msg, clock(origin)));
            }
        }
        cmds = next;
    }
}

/// Keeps the words being typed in the draft file beside the journal: now
/// when a second has passed since the last write (or `now` is forced, on
/// the way out), else when the loop's timer says it is due.
fn keep_draft(app: &App, effects: &CmdRunner, drafts: &mut DraftKeeper, force: bool) {
    let (Some(draft), Some(path)) = (app.screen.draft(), effects.keeper.path()) else { return };
    let now = Instant::now();
    let write = drafts.offer(&draft, now) || (force && drafts.due().is_some());
    if write {
        // Typing is kept as it would be recorded: with its secrets masked
        // (redacted only when written, at most once a second).
        let mut kept = draft.clone();
        if let Some(live) = app.screen.live() {
            for (_, text) in &mut kept.fields {
                live.session.redactor().hide(text);
            }
        }
        // Losing a draft write loses typing, never an event: no banner.
        let _ = drafts.file(path).put(&kept);
        drafts.wrote(draft, now);
    }
}

/// Journals typed drafts on the way out after signal `signo`; returns 128+signo.
fn leave(app: &mut App, effects: &mut CmdRunner, origin: Instant, signo: u8) -> u8 {
    tracing::warn!(session = %effects.session, signal = signo, "leaving on a signal or hang-up; the journal is kept");
    let cmds = app.shutdown(clock(origin));
    settle(app, effects, cmds, origin);
    128 + signo
}

/// Draws a frame: the app, then over a window larger than the frame a
/// note saying so.
fn draw(terminal: &mut Term, app: &App) -> std::io::Result<()> {
    let real = terminal.backend().clamped_from();
    terminal.draw(|f| {
        app.render(f);
        if let Some(real) = real {
            crate::tui::widgets::render_clamp_note(real, terminal::MAX, f.area(), f.buffer_mut());
        }
    })?;
    Ok(())
}

/// A timer ticking every `every`, late ticks delayed (never bunched).
fn timer(every: Duration) -> tokio::time::Interval {
    let mut t = interval(every);
    t.set_missed_tick_behavior(MissedTickBehavior::Delay);
    t
}

/// A terminal that fails a write or a read: a hang-up when the terminal
/// went away meanwhile (its signal not yet read: a long save ran), left
/// as one (128+1, the typing kept), else the error.
fn hung_up_or(
    had_tty: bool,
    e: std::io::Error,
    app: &mut App,
    effects: &mut CmdRunner,
    origin: Instant,
) -> anyhow::Result<u8> {
    if had_tty && tty_gone() { Ok(leave(app, effects, origin, 1)) } else { Err(e.into()) }
}

fn tty_gone() -> bool {
    std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_err()
}

/// Gives `msg` to the app and runs what it asks; a file it asked to page
/// is shown in the pager, the terminal given back meanwhile, and the app
/// told how it went. Returns the key reader (made again after a page).
fn handle(
    msg: Msg,
    events: EventStream,
    terminal: &mut Term,
    app: &mut App,
    effects: &mut CmdRunner,
    origin: Instant,
) -> EventStream {
    let cmds = app.update(msg, clock(origin));
    if cmds.iter().any(Cmd::draws_first) {
        // A failed draw is met at the loop's next one.
        let _ = draw(terminal, app);
    }
    settle(app, effects, cmds, origin);
    let Some(path) = effects.page.take() else { return events };
    // The key reader lets go of the terminal while the pager reads it:
    // dropped first (a new one would wait on the old one's lock until a key
    // came), made again after.
    drop(events);
    let paged = crate::tui::pager::page(terminal, &path);
    let cmds = app.update(Msg::Paged(paged), clock(origin));
    settle(app, effects, cmds, origin);
    key_reader()
}

/// crossterm's key reader, the terminal it reads watched for a hang-up
/// first (`terminal::HangupWatch`; after the first frame, which it would
/// only delay).
fn key_reader() -> EventStream {
    terminal::watch_keys_once();
    EventStream::new()
}

async fn main_loop(start: Start, config: Config) -> anyhow::Result<u8> {
    let origin = Instant::now();
    let team = config.team();
    let mut signals = Signals::register()?;
    let mut terminal = terminal::enter()?;
    let guard = TerminalGuard;

    let (mut app, cmds) = App::new(start, config.keymap, config.theme, clock(origin));
    app.set_team(team);
    let (results, mut finished_work) = unbounded_channel();
    let mut effects = CmdRunner::new(results, app.out.clone());
    if let Ok(size) = terminal.size() {
        app.update(Msg::Resize(size.width, size.height), clock(origin));
    }
    // The first frame shows only what is already on disk or not recorded at
    // all (the decision chooser, a roles form, a journal read back), so it is
    // drawn before the first commands run: creating the journal costs
    // several fsyncs. No key is read before they ran, and the frame after
    // them shows their outcome (a journal that could not be created too).
    draw(&mut terminal, &app)?;
    warm_later();
    settle(&mut app, &mut effects, cmds, origin);

    let mut events = key_reader();
    let mut tick = timer(Duration::from_secs(1));
    // A followed journal is looked at five times a second (a stat, no read
    // unless it grew): an event shows within a quarter second or so.
    let mut follow = timer(Duration::from_millis(200));
    let mut watchdog = timer(Duration::from_secs(heartbeat::EVERY_SECS));
    let mut dirty = true;
    let mut drafts = DraftKeeper::default();
    // Without a controlling terminal at start (setsid), /dev/tty never opens:
    // that is not a hang-up, so the watchdog only watches a tty it saw.
    let had_tty = !tty_gone();
    // A signal whose default action kills: re-raised once all is kept.
    let mut die: Option<u8> = None;
    let result: anyhow::Result<u8> = loop {
        if let Some(code) = app.exit {
            break Ok(code);
        }
        if dirty {
            if let Err(e) = draw(&mut terminal, &app) {
                break hung_up_or(had_tty, e, &mut app, &mut effects, origin);
            }
            dirty = false;
        }
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind == KeyEventKind::Press => {
                    // Keys that arrived together may be an unbracketed paste.
                    let (keys, after) = read_burst(&mut events, k).await;
                    let mut msgs = crate::tui::burst::coalesce(keys, app.context());
                    msgs.extend(after.and_then(event_msg));
                    let last = msgs.pop();
                    for m in msgs {
                        let cmds = app.update(m, clock(origin));
                        settle(&mut app, &mut effects, cmds, origin);
                    }
                    match last {
                        Some(m) => m,
                        None => continue,
                    }
                }
                Some(Ok(Event::Paste(text))) => Msg::Paste(text),
                Some(Ok(Event::Resize(w, h))) => resized(w, h),
                Some(Ok(_)) => continue,
                Some(Err(e)) => break hung_up_or(had_tty, e, &mut app, &mut effects, origin),
                None => break Ok(leave(&mut app, &mut effects, origin, 1)),
            },
            _ = tick.tick(), if app.clock_visible() => Msg::Tick,
            _ = follow.tick(), if effects.follower.is_some() => match effects.follow() {
                Some(msg) => msg,
                None => continue,
            },
            Some(msg) = finished_work.recv() => msg,
            () = tokio::time::sleep_until(drafts.due().unwrap_or_else(Instant::now).into()), if drafts.due().is_some() => {
                keep_draft(&app, &effects, &mut drafts, false);
                continue;
            }
            caught = signals.recv() => match caught {
                Caught::Leave(n) | Caught::Die(n) => {
                    die = matches!(caught, Caught::Die(_)).then_some(n);
                    break Ok(leave(&mut app, &mut effects, origin, n));
                }
                Caught::Suspend | Caught::Continue => {
                    // The words being typed are kept before a stop.
                    keep_draft(&app, &effects, &mut drafts, true);
                    if let Err(e) = terminal::job_control(&mut terminal, caught == Caught::Suspend) { break Err(e.into()) }
                    dirty = true;
                    continue;
                }
            },
            _ = watchdog.tick() => {
                // No SIGHUP comes when firedrill is not the session leader (crossterm issue 793).
                if had_tty && tty_gone() { break Ok(leave(&mut app, &mut effects, origin, 1)) }
                // The heartbeat: a resume measures the gap from the last one.
                if app.session_open() {
                    effects.keeper.beat();
                }
                // A journal that could not be written is retried every tick.
                match effects.keeper.retry(app.screen.kept()) {
                    Some(msg) => msg,
                    None => continue,
                }
            }
        };
        events = handle(msg, events, &mut terminal, &mut app, &mut effects, origin);
        keep_draft(&app, &effects, &mut drafts, false);
        dirty = true;
    };
    // What is typed now is what a resume gives back (nothing, after a
    // signal journaled it as notes).
    keep_draft(&app, &effects, &mut drafts, true);
    let lost = finish(&mut app, &mut effects, (guard, terminal));
    if let Some(signo) = die {
        crate::tui::signals::die_by(signo);
    }
    // Exit never claims success when events were lost.
    result.map(|code| if lost && code == 0 { 1 } else { code })
}

/// After the loop: no command outlives firedrill, the terminal is
/// restored, and the last line says exactly what is on disk; true when
/// events were lost.
fn finish(app: &mut App, effects: &mut CmdRunner, (guard, terminal): (TerminalGuard, Term)) -> bool {
    // No command outlives firedrill: kill every group still running.
    if let Ok(groups) = effects.groups.lock() {
        for pgid in groups.iter() {
            crate::exec::run::signal_group(*pgid, nix::sys::signal::Signal::SIGKILL);
        }
    }
    drop(guard);
    terminal::close(terminal);
    let out = paths::out_dir(effects.out.as_deref());
    let lost = effects.keeper.exit(app.screen.kept(), out.as_deref(), &mut app.farewell);
    if app.screen.live().is_some_and(|l| l.session.finished_ms.is_none()) {
        tracing::info!(session = %effects.session, lost, "session left unfinished");
    }
    if let Some(line) = app.farewell.take() {
        crate::say!("{line}");
    }
    lost
}
