//! The terminal shell: one event loop, a keymap, screens that render by
//! shared reference. Business rules live in `core`; files in `store`.

pub mod app;
pub mod burst;
pub mod context;
pub mod drafts;
pub mod effects;
pub mod event_loop;
pub mod jobs;
pub mod keeper;
pub mod live;
pub mod messages;
pub mod pager;
pub mod runner;
pub mod screens;
pub mod signals;
pub mod terminal;
pub mod widgets;

use std::path::PathBuf;

pub use app::{App, Now};
pub use event_loop::run;

use crate::core::event::Mode;
use crate::core::roles::Roles;
use crate::store::runbook_file::{Entry, LoadedRunbook};
use crate::store::sessions::Unfinished;

/// How the interactive app starts; everything here was read before the
/// terminal was touched, so errors print plainly.
#[derive(Debug)]
pub enum Start {
    /// The home screen over the runbooks found in a folder.
    Home {
        /// Unfinished sessions found in the state folder, newest first.
        unfinished: Vec<Unfinished>,
        /// The runbooks found, valid or not.
        entries: Vec<Entry>,
        /// The folder they came from; `None` lists sessions only (`resume`).
        runbooks_dir: Option<PathBuf>,
        /// `--out`, if given.
        out: Option<PathBuf>,
    },
    /// Resume the journal at `path`, already read.
    Resume {
        /// The journal's contents.
        journal: Box<crate::store::journal::Loaded>,
        /// Its path.
        path: PathBuf,
        /// Lines skipped while reading it, to show on the first frame.
        notices: Vec<String>,
        /// `--out`, if given.
        out: Option<PathBuf>,
    },
    /// A live, read-only view of a session another process is running.
    Follow {
        /// The journal's contents when it was read.
        journal: Box<crate::store::journal::Loaded>,
        /// Its path.
        path: PathBuf,
        /// Its length in bytes before it was read (followed from there).
        offset: u64,
        /// Who writes it ("host:pid"), for the band.
        writer: String,
    },
    /// Pick one of the sessions running here to follow (one alone is
    /// followed at once, saying so).
    Pick {
        /// The sessions a live process runs, the latest active first.
        running: Vec<Unfinished>,
    },
    /// The review of a folder of saved sessions.
    Review {
        /// What the folder holds, newest first.
        scanned: std::sync::Arc<[crate::store::review::Scanned]>,
        /// Its pre-release check records, newest first.
        preflights: Vec<(PathBuf, crate::core::preflight::Record)>,
        /// The folder.
        dir: PathBuf,
    },
    /// A session on one runbook, at the roles screen or, with roles, running.
    Session {
        /// The runbook.
        loaded: Box<LoadedRunbook>,
        /// Drill or incident.
        mode: Mode,
        /// Roles from the command line, already checked.
        roles: Option<Roles>,
        /// Run mutating commands in a drill too (`--live-commands`).
        live_commands: bool,
        /// `--out`, if given.
        out: Option<PathBuf>,
    },
}
