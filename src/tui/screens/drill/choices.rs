//! The release prompts pick, not type: they offer the runbook's release and
//! the one the probe read as numbered choices, and keep typing possible.
//! A prompt that `enter` on an item opened takes no key for its first
//! [`SETTLE_MS`]: keys typed ahead were meant for the checklist.

use super::{DrillScreen, PromptKind};
use crate::tui::app::Now;

/// Milliseconds after `enter` on an item opens its prompt during which keys
/// are dropped, not typed in.
pub const SETTLE_MS: u64 = 150;

impl DrillScreen {
    /// The releases a release prompt of `kind` offers, numbered from 1:
    /// (the release, where it comes from); the probe's answer first.
    pub(super) fn release_choices(&self, kind: PromptKind) -> Vec<(String, &'static str)> {
        if !kind.names_release() {
            return Vec::new();
        }
        let session = &self.live.session;
        let runbook = match kind {
            PromptKind::NameLive => Some((self.live.runbook.live().to_owned(), "the runbook's live release")),
            PromptKind::RevertTo => Some((self.live.runbook.known_good().to_owned(), "the runbook's known-good")),
            _ => None,
        };
        let probed = session.probe_release().map(|r| (r.to_owned(), "the release probe read"));
        let mut v: Vec<(String, &'static str)> = probed.into_iter().collect();
        if let Some(r) = runbook.filter(|r| v.iter().all(|(p, _)| *p != r.0)) {
            v.push(r);
        }
        v
    }

    /// Opens the prompt of `kind` for the item under the cursor, deaf to
    /// keys for its first [`SETTLE_MS`].
    pub(super) fn open_from_item(&mut self, kind: PromptKind, now: Now) {
        self.open(kind, now);
        self.settle_until_ms = Some(now.mono_ms + SETTLE_MS);
    }

    /// True while the open prompt is too new to take keys (cleared by the
    /// first key after it settles).
    pub(super) fn settling(&mut self, now: Now) -> bool {
        match self.settle_until_ms {
            Some(until) if now.mono_ms < until => true,
            _ => {
                self.settle_until_ms = None;
                false
            }
        }
    }
}
