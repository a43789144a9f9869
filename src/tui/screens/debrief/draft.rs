//! The debrief's words being typed, kept as a draft beside the journal
//! (store/draft.rs) and given back, marked as a draft, after a resume.

use super::DebriefScreen;
use crate::tui::widgets::field::{new_field, text};

/// The draft key of a debrief field: `debrief:` and its title.
fn key(title: &str) -> String {
    format!("debrief:{title}")
}

impl DebriefScreen {
    /// The words being typed: each field whose text differs from the
    /// debrief already journaled.
    pub fn draft_fields(&self) -> Vec<(String, String)> {
        let journaled = self.live.session.debrief.as_ref();
        self.fields
            .iter()
            .zip(&self.kinds)
            .filter_map(|(field, kind)| {
                let body = text(field);
                let kept = journaled.map_or("", |d| kind.value(d));
                (!body.is_empty() && body != kept.trim()).then(|| (key(kind.title()), body))
            })
            .collect()
    }

    /// Gives back the words typed before firedrill stopped, each into its
    /// field, and says they are a restored draft.
    pub fn restore_draft(&mut self, fields: &[(String, String)]) {
        let mut restored = 0;
        for (field, kind) in self.fields.iter_mut().zip(&self.kinds) {
            if let Some((_, body)) = fields.iter().find(|(k, _)| *k == key(kind.title())) {
                *field = new_field(kind.title(), kind.example());
                field.insert_str(body);
                restored += 1;
            }
        }
        if restored > 0 {
            let n = crate::core::words::count(restored, "field");
            self.flash = Some(format!("▲ restored draft ({n}): typed before firedrill stopped; ctrl-s saves it"));
        }
    }
}
