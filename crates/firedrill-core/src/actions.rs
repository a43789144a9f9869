//! Action items: those a session proposes (kept with the session, which
//! checks an item's number against them) and the team's reviews of them in
//! the debrief (kept, dropped, edited; each edit checked here).

mod review;

pub use review::{ActionError, MAX_DUE_DAYS, apply, parse_due, replace, review, reviewed};

pub use crate::session::action_items::{ActionItem, DUE_DAYS, candidates, kept_and_dropped, proposed};
