//! How the postmortem writes evidence: every figure, ledger line and
//! checked item says whether a command measured it (which one, how it
//! ended, when) or a person claimed it (docs/domain.md, "Measured vs
//! claimed").

use std::fmt::Write as _;

use crate::command::show_argv;
use crate::evidence::Evidence;
use crate::markdown::code;
use crate::session::Fact;

/// `evidence` in markdown: "measured by `./probe` (passed (exit 0)) at
/// 00:27:31 UTC", "claimed by the driver at 00:27:18 UTC", "rehearsed,
/// not run (dry drill)".
pub fn evidence(evidence: &Evidence) -> String {
    match evidence {
        Evidence::Measured { command, end, at } => {
            format!("measured by {} ({}) at {} UTC", code(&show_argv(command)), end.label(), at.format("%H:%M:%S"))
        }
        Evidence::Claimed { .. } | Evidence::Rehearsed { .. } => evidence.describe(),
    }
}

/// A figure's evidence, with the action before a measured figure (`after
/// onboarding_v2 set to safe (off) at 00:27:18 UTC`).
pub fn fact(f: &Fact) -> String {
    let mut out = evidence(&f.evidence);
    if let Some(a) = &f.after {
        let _ = write!(out, ", after {} at {} UTC", crate::markdown::inline(&a.what), a.at.format("%H:%M:%S"));
    }
    out
}
