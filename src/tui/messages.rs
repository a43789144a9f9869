//! The messages of the Elm-style loop: what arrives at the app (`Msg`),
//! what the loop must run (`Cmd`), and what a screen asks of the app
//! (`Effect`). Intents are imperative, results past tense.

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use crate::core::event::Event;

/// What arrives at the app.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (bracketed paste): never a key, never a step completion.
    Paste(String),
    /// A second passed while a clock is visible.
    Tick,
    /// The terminal changed size.
    Resize(u16, u16),
    /// The journal file was created, or opened for resuming, at this path;
    /// for a resume, the last heartbeat of the process that ran it.
    JournalCreated(PathBuf, Option<chrono::DateTime<chrono::Utc>>),
    /// Another live firedrill holds the journal: who, since when.
    LockHeld(String),
    /// The followed journal grew: what was appended, a rewrite, or the save.
    Followed(crate::store::follow::News),
    /// The followed journal was rewritten: its whole contents again.
    FollowReplaced(Box<crate::store::journal::Loaded>),
    /// A journal chosen from a list was read whole (or why it could not
    /// be), to be opened as `then` says.
    JournalRead {
        /// The journal.
        path: PathBuf,
        /// Resume it, or follow it.
        then: Opening,
        /// Its length in bytes before it was read (a follower goes on from there).
        offset: u64,
        /// What it holds, or why it could not be read.
        read: Result<Box<crate::store::journal::Loaded>, String>,
    },
    /// A journal write failed; the reason.
    JournalFailed(String),
    /// The journal is not complete on disk: "journal cannot be written:
    /// <reason>; <where the events are held>, retrying; journal <path>";
    /// events are held in memory (and a spill file) and retried.
    JournalBehind(String),
    /// Every event is on disk again; then this message, if any.
    JournalRecovered(Option<Box<Msg>>),
    /// Event `seq`, and every one before it, is in the journal and fsynced.
    JournalWritten(u64),
    /// Something about the journal to tell the person (not an error).
    JournalNotice(String),
    /// The whole journal was written to this file in the folder asked for.
    JournalCopied(PathBuf),
    /// The whole journal could not be written to the folder asked for: why.
    JournalCopyFailed(String),
    /// The `notify` program finished with status update `seq`.
    Delivered {
        /// The status update's event number.
        seq: u64,
        /// What it said, or why it failed.
        result: Result<String, String>,
    },
    /// Whether the runbook's commands are approved here.
    Trusted(crate::store::trust::Trust),
    /// The runbook whose commands a resumed session runs, or why none.
    CommandsRead(crate::tui::live::commands::Commands),
    /// Lines a running command printed.
    CommandOutput(Vec<String>),
    /// Lines a running command printed, to journal (at most a second
    /// after they were shown).
    OutputKept {
        /// The step.
        step: crate::core::plan::StepKind,
        /// The item's index.
        item: usize,
        /// The lines, oldest first.
        lines: Vec<String>,
    },
    /// The draft kept beside a resumed session's journal: words typed
    /// before firedrill stopped.
    DraftFound(crate::store::draft::Draft),
    /// A command ended.
    CommandDone {
        /// The step.
        step: crate::core::plan::StepKind,
        /// The item's index.
        item: usize,
        /// How it ended.
        result: crate::core::command::RunResult,
    },
    /// A sensor or a kill switch's command ended.
    JobDone {
        /// What ran.
        job: Job,
        /// How it ended.
        result: crate::core::command::RunResult,
    },
    /// The saved sessions of the output folder.
    History(Vec<crate::core::review::Summary>),
    /// A file asked for by `Cmd::ReadFile`, or why it could not be read.
    FileRead(PathBuf, Result<String, String>),
    /// The review of a folder is ready: its sessions, its pre-release
    /// check records, the folder.
    Reviewed(std::sync::Arc<[crate::store::review::Scanned]>, Vec<(PathBuf, crate::core::preflight::Record)>, PathBuf),
    /// The postmortem, the runbook proposal (if any) and the journal were
    /// written; with what the session proposes for its runbook.
    Saved(Box<crate::store::save::Saved>),
    /// Saving failed; the reason.
    SaveFailed(String),
    /// The runbook proposal was applied (the check's lines), or why not.
    ProposalApplied(Result<Vec<String>, String>),
    /// A runbook's drill card was written (its path and lines), or why not.
    CardWritten(Result<(PathBuf, usize), String>),
    /// The pager closed on the file it showed, or why it did not show it.
    Paged(Result<(), String>),
}

/// A command the session runs on its own, without the output pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// One of the runbook's sensors (health, probe, a switch's state).
    Sensor(crate::core::evidence::Sensor),
    /// Kill switch `index`'s safe or restore command.
    Switch(usize, crate::core::switch::SwitchAction),
}

/// Effects the event loop runs, in order, before the next frame.
#[derive(Debug, Clone)]
pub enum Cmd {
    /// Create the journal file with this header.
    CreateJournal(Box<crate::core::event::Header>),
    /// Lock and open an existing journal to append to it (resume).
    OpenJournal(PathBuf),
    /// Follow a journal another process writes, from this byte on.
    Follow(PathBuf, u64),
    /// Append and fsync one event.
    Append(Event),
    /// Try again now to write the events pending for the journal.
    RetryJournal,
    /// Write the whole journal, from memory, into this folder.
    WriteJournalTo(PathBuf),
    /// Find out whether the runbook's commands are approved here.
    CheckTrust {
        /// The runbook path.
        path: String,
        /// Its text's sha256.
        sha256: String,
    },
    /// Read the runbook file whose commands a resumed session runs (its
    /// journal keeps a redacted copy): used only while its sha256 is this.
    LoadCommands {
        /// The runbook path.
        path: String,
        /// The sha256 of the file the session started with.
        sha256: String,
    },
    /// Approve the runbook's commands (this exact text).
    Approve {
        /// The runbook path.
        path: String,
        /// Its text's sha256.
        sha256: String,
    },
    /// Run an item's command in the background.
    RunCommand {
        /// The step.
        step: crate::core::plan::StepKind,
        /// The item's index.
        item: usize,
        /// What to run.
        spec: crate::core::command::CommandSpec,
        /// The folder to run it in.
        cwd: PathBuf,
        /// The runbook's extra secret patterns.
        redact: Vec<String>,
    },
    /// Run a sensor or a kill switch's command in the background (no pane:
    /// its result comes back as [`Msg::JobDone`]).
    RunJob {
        /// What runs.
        job: Job,
        /// The program and its arguments, as the runbook gives them.
        argv: Vec<String>,
        /// Killed with its process group after this long.
        timeout: std::time::Duration,
        /// The folder to run it in.
        cwd: PathBuf,
        /// The runbook's extra secret patterns.
        redact: Vec<String>,
    },
    /// Read the saved sessions of the output folder (for splits and promises).
    LoadHistory,
    /// The same, in the background after the first frame: the home screen's
    /// readiness board (answered with [`Msg::History`]).
    LoadBoard,
    /// Read a text file (a postmortem to show).
    ReadFile(PathBuf),
    /// Scan the output folder and open the review.
    OpenReview,
    /// Give status update `seq` to the runbook's `notify` program (in the background).
    Notify {
        /// The status update's event number.
        seq: u64,
        /// The program and its arguments.
        argv: Vec<String>,
        /// The update's text, given on stdin.
        text: String,
        /// The session's redactor (built-in and runbook patterns), for
        /// what the program prints.
        redactor: crate::core::redact::Redactor,
    },
    /// Apply the runbook proposal saved as this file (confirmed on screen).
    ApplyProposal(PathBuf),
    /// Write the drill card of the runbook at this path beside it.
    WriteCard(PathBuf),
    /// Show this file in the pager, the terminal given back meanwhile
    /// (answered with [`Msg::Paged`]).
    Page(PathBuf),
    /// Read a journal chosen from a list whole, to open it as `then` says.
    ReadJournal {
        /// The journal.
        path: PathBuf,
        /// Resume it, or follow it.
        then: Opening,
    },
    /// Write the postmortem and journal copy to `dir`, else the output folder.
    Save {
        /// A folder the user chose after a failure.
        dir: Option<PathBuf>,
        /// The session to write, shared with the saved screen (for a retry).
        held: std::sync::Arc<crate::store::save::HeldSession>,
    },
}

impl Cmd {
    /// True for a command that may take seconds (a save of a large
    /// session): the screen that says it is running is drawn before it runs.
    pub fn draws_first(&self) -> bool {
        matches!(self, Cmd::Save { .. })
    }
}

/// How a session chosen from a list opens once its journal is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// Resume it here (read-only when another process holds it).
    Resume,
    /// Follow it read-only.
    Follow {
        /// Who writes it, `host:pid`, for the band.
        writer: String,
    },
}
