//! Words the postmortem and the screens share for what the session did.

use crate::session::Session;

/// What step 3's recovery means under the session's decision ("Back on
/// the known-good release", "Patch release live", "Data restored").
pub fn recovery_label(s: &Session) -> &'static str {
    // The step 3 the session ran (a format 1 journal ran the roll back's).
    match crate::timing::recovery_meaning(s) {
        Some(crate::plan::Meaning::ShipPatch) => "Patch release live",
        Some(crate::plan::Meaning::Restore) => "Data restored",
        _ => "Back on the known-good release",
    }
}
