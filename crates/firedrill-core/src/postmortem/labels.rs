//! Words the postmortem and the screens share for what the session did.

use crate::session::Session;
use crate::vocab::StepKind;

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

/// What step `step` of `s` left open when it was completed, as the
/// completion asked it: items left unchecked, and apart from them the
/// cautions not ticked as read (a caution needs no "are you sure", so the
/// question did not count it).
pub fn left_open(s: &Session, step: StepKind, left: &[usize]) -> String {
    let caution = |i: &usize| {
        s.step(step).and_then(|st| st.plan.items.get(*i)).is_some_and(|it| it.meaning == crate::plan::Meaning::Caution)
    };
    let cautions = left.iter().filter(|i| caution(i)).count();
    let items = crate::words::count(left.len() - cautions, "item");
    match cautions {
        0 => format!("{items} left unchecked"),
        c if c == left.len() => format!("{} not ticked as read", crate::words::count(c, "caution")),
        c => format!("{items} left unchecked, {} not ticked as read", crate::words::count(c, "caution")),
    }
}
