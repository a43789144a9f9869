//! The postmortem's "Secrets rotated": each rotation the team recorded
//! (`c` on the drill screen), by name and where it was applied, never a
//! value; each place is also an action item to confirm (`core::actions`).
//! Left out when nothing was rotated.

use std::fmt::Write as _;

use super::Input;
use crate::markdown::{code, inline};
use crate::secrets::rotations;

/// The rotations, one row each: the secret, where it was applied, when.
pub(super) fn secrets(i: &Input<'_>) -> String {
    let found = rotations(&i.session.events);
    if found.is_empty() {
        return String::new();
    }
    let mut out = String::from("## Secrets rotated\n\n| Secret | Applied in | When (UTC) |\n| --- | --- | --- |\n");
    for r in found {
        let places: Vec<String> = r.applied.iter().map(|p| inline(p)).collect();
        let _ = writeln!(out, "| {} | {} | {} |", code(&r.name), places.join(", "), r.at.format("%H:%M:%S"));
    }
    out.push_str(
        "\nEach rotation is claimed by a key press: nothing measured it. Each place is an action item: confirm the new value is live there, and nowhere else holds the old one.\n",
    );
    out
}
