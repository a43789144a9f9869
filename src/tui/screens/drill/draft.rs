//! The drill screen's words being typed, kept as a draft beside the journal
//! (store/draft.rs) and given back, marked as a draft, after a resume: a
//! note, a skip reason, a status update, a failed check's override reason.

use super::{DrillScreen, Modal, PromptKind};
use crate::tui::context::Now;
use crate::tui::widgets::field::{new_field, text};

/// The draft key of a prompt whose words are kept, if they are.
fn key(kind: PromptKind) -> Option<String> {
    match kind {
        PromptKind::Note => Some("note".to_owned()),
        PromptKind::Skip => Some("skip".to_owned()),
        PromptKind::Status => Some("status".to_owned()),
        PromptKind::Override(item) => Some(format!("override:{item}")),
        _ => None,
    }
}

/// The prompt a draft key belongs to.
fn kind_of(key: &str) -> Option<PromptKind> {
    match key {
        "note" => Some(PromptKind::Note),
        "skip" => Some(PromptKind::Skip),
        "status" => Some(PromptKind::Status),
        _ => key.strip_prefix("override:").and_then(|i| i.parse().ok()).map(PromptKind::Override),
    }
}

impl DrillScreen {
    /// The words being typed: each kept prompt's text that differs from
    /// what the prompt opened with (an override's only while it is open:
    /// it starts afresh each time).
    pub fn draft_fields(&self) -> Vec<(String, String)> {
        let open = match self.modal {
            Modal::Prompt(k @ PromptKind::Override(_)) => Some(k),
            _ => None,
        };
        let kinds = [PromptKind::Note, PromptKind::Skip, PromptKind::Status].into_iter().chain(open);
        kinds
            .filter_map(|kind| {
                let field = self.drafts[kind.index()].as_ref()?;
                let body = text(field);
                let seed = self.seeds[kind.index()].as_deref().unwrap_or("").trim();
                (!body.is_empty() && body != seed).then(|| key(kind).map(|k| (k, body))).flatten()
            })
            .collect()
    }

    /// Gives back the words typed before firedrill stopped: each into its
    /// prompt, the first one opened (unless a question is up) and marked as
    /// a restored draft.
    pub fn restore_draft(&mut self, fields: &[(String, String)], now: Now) {
        let before = self.modal.clone();
        let mut first = None;
        for (key, body) in fields {
            let Some(kind) = kind_of(key) else { continue };
            // A check's override reason only while that check still waits for one.
            if let PromptKind::Override(item) = kind
                && self.live.session.active().and_then(|i| self.live.session.steps[i].plan.items.get(item)).is_none()
            {
                continue;
            }
            self.open(kind, now);
            let mut field = new_field(&kind.title(self.live.runbook.channel.as_deref()), "");
            field.insert_str(body);
            self.drafts[kind.index()] = Some(field);
            first.get_or_insert(kind);
        }
        self.modal = match (before, first) {
            (Modal::None, Some(kind)) => {
                self.flash = Some("▲ restored draft: typed before firedrill stopped; enter saves it".to_owned());
                Modal::Prompt(kind)
            }
            (before, _) => before,
        };
    }
}
