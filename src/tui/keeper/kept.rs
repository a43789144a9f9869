//! The session a journal must hold, as the keeper reads it.

use crate::core::event::{Event, Header};
use crate::store::save::HeldSession;
use crate::tui::live::Live;

/// The session the running journal must hold whole: the journal's header
/// and every event, whether it is only followed (never written here) and
/// whether it finished. The drill and debrief screens' live session, or
/// the session the saved screen holds until its save is written: the
/// events after the finish are never only in memory.
#[derive(Debug, Clone, Copy)]
pub struct MustKeep<'a> {
    /// The journal header.
    pub header: &'a Header,
    /// Every event, in order.
    pub events: &'a [Event],
    /// Followed from another process: this one never writes its journal.
    pub read_only: bool,
    /// The session finished.
    pub finished: bool,
}

impl<'a> MustKeep<'a> {
    /// The live session of a drill or debrief screen.
    pub fn live(live: &'a Live) -> Self {
        Self {
            header: &live.header,
            events: &live.session.events,
            read_only: live.read_only.is_some(),
            finished: live.session.finished_ms.is_some(),
        }
    }

    /// The session the saved screen holds while it is being written.
    pub fn held(held: &'a HeldSession) -> Self {
        Self {
            header: &held.header,
            events: &held.session.events,
            read_only: false,
            finished: held.session.finished_ms.is_some(),
        }
    }
}
