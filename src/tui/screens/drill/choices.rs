//! The release prompts pick, not type: they offer the runbook's release and
//! the one the probe read as numbered choices, and keep typing possible.
//! A prompt that `enter` on an item opened takes no key for its first
//! [`SETTLE_MS`]: keys typed ahead were meant for the checklist.

use super::{DrillScreen, PromptKind};
use crate::tui::context::Now;

/// Milliseconds after `enter` on an item opens its prompt during which keys
/// are dropped, not typed in.
pub const SETTLE_MS: u64 = 150;

/// Milliseconds a question that opened by itself (last drill's promises)
/// takes no answer, from the key before it or its arrival, and again from
/// each key typed meanwhile: it answers only after a pause.
pub const QUESTION_SETTLE_MS: u64 = 1_000;

/// The prompt that names the release an item of `meaning` asks for.
pub(super) fn release_prompt(meaning: crate::core::plan::Meaning) -> PromptKind {
    use crate::core::plan::Meaning;
    match meaning {
        Meaning::NameLive => PromptKind::NameLive,
        Meaning::ShipPatch => PromptKind::Patch,
        _ => PromptKind::RevertTo,
    }
}

impl DrillScreen {
    /// What the item under the cursor offers when it names a release:
    /// " · 1 prod-2 · 2 prod-1 · enter types one" (empty on other items).
    pub(super) fn offer_line(&self, item: usize) -> String {
        let Some(meaning) = self.live.session.release_asked(item) else { return String::new() };
        let offers: Vec<String> = self
            .release_choices(release_prompt(meaning))
            .iter()
            .enumerate()
            .map(|(n, (r, _))| format!("{} {}", n + 1, crate::core::sanitize::sanitize_line(r)))
            .collect();
        let typed = if offers.is_empty() { "enter types it" } else { "enter types another" };
        offers.iter().map(|o| format!(" · {o}")).chain([format!(" · {typed}")]).collect()
    }

    /// The releases a release prompt of `kind` offers, numbered from 1:
    /// (the release, where it comes from), as the core orders them
    /// (`Session::release_offers`).
    pub(super) fn release_choices(&self, kind: PromptKind) -> Vec<(String, &'static str)> {
        let session = &self.live.session;
        match kind {
            PromptKind::NameLive => session.release_offers(false, self.live.runbook.live()),
            PromptKind::RevertTo => session.release_offers(true, self.live.runbook.known_good()),
            // A patch release is new: only the probe can know it.
            PromptKind::Patch => {
                session.probe_release().map(|p| (p.to_owned(), "the release probe read")).into_iter().collect()
            }
            _ => Vec::new(),
        }
    }

    /// Names the `n`th release the item under the cursor offers (from 0),
    /// checking it; on any other item, says what the key does.
    pub(super) fn pick_release(&mut self, n: usize, now: Now) -> Vec<crate::tui::screens::effect::Effect> {
        use crate::core::session::Command;
        let Some(kind) = self.live.session.release_asked(self.selected).map(release_prompt) else {
            self.flash = Some("1 and 2 name a release, on an item that asks for one".to_owned());
            return Vec::new();
        };
        let Some((release, _)) = self.release_choices(kind).get(n).cloned() else {
            self.flash = Some(format!("no release {} to offer here: enter types it", n + 1));
            return Vec::new();
        };
        let command =
            if kind == PromptKind::NameLive { Command::NameLive(release) } else { Command::RevertTo(release) };
        let effects = self.apply(command, now).unwrap_or_default();
        self.after_check();
        effects
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
