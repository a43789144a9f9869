//! The release prompts pick, not type: they offer the runbook's release and
//! the one the probe read as numbered choices, and keep typing possible.

use super::{DrillScreen, PromptKind};

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
}
