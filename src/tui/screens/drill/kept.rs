//! "Note kept at 14:03:12 UTC (12 notes)": the word that a note just added
//! is on disk, on the row above the key line, whenever the notes pane does
//! not show it (a small terminal has no pane, command output replaced it,
//! or it is scrolled back). Shown until the next key or for
//! [`SHOWN_MS`]; "kept" only once the journal confirmed it
//! (`Live::on_disk`), the failure instead when a write failed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use super::DrillScreen;
use super::feed_view;
use crate::core::event::EventKind;
use crate::tui::context::{Ctx, Now};
use crate::tui::live::written::WriteState;
use crate::tui::messages::Cmd;
use crate::tui::screens::effect::Effect;

/// How long the word stays up without a key, in milliseconds.
pub const SHOWN_MS: u64 = 5_000;

/// The note just added: the event that recorded it, the time the journal
/// has for it, how many notes there were then, and until when (monotonic
/// ms) the word stays up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteKept {
    seq: u64,
    at: chrono::DateTime<chrono::Utc>,
    notes: usize,
    until_ms: u64,
}

impl DrillScreen {
    /// Remembers the note that `effects` (what `apply` returned for an
    /// `AddNote`) journals, to say it was kept.
    pub(super) fn note_added(&mut self, effects: &[Effect], now: Now) {
        self.kept = effects.iter().find_map(|e| match e {
            Effect::Cmd(Cmd::Append(event)) if matches!(event.kind, EventKind::NoteAdded { .. }) => Some(NoteKept {
                seq: event.seq,
                at: event.at,
                notes: self.live.session.note_count(),
                until_ms: now.mono_ms.saturating_add(SHOWN_MS),
            }),
            _ => None,
        });
    }
}

/// The line for `kept` as the journal stands: kept, failed or unconfirmed.
fn line<'a>(s: &DrillScreen, ctx: &Ctx<'_>, kept: &NoteKept) -> Line<'a> {
    let t = ctx.theme;
    match s.live.on_disk(kept.seq) {
        WriteState::Kept => Line::styled(
            format!(
                " ✓ Note kept at {} UTC ({})",
                kept.at.format("%H:%M:%S"),
                crate::core::words::count(kept.notes, "note")
            ),
            t.good,
        ),
        WriteState::Failed => Line::styled(" ✖ Note NOT on disk: held in memory, retrying", t.bad),
        WriteState::Unconfirmed => Line::styled(" … Note not yet confirmed on disk", t.warn),
    }
}

/// Draws the word on `row` when a note was just added and `notes` (the
/// notes pane drawn this frame, if any) does not show it.
pub fn render_kept(s: &DrillScreen, ctx: &Ctx<'_>, notes: Option<Rect>, row: Rect, buf: &mut Buffer) {
    let Some(kept) = s.kept.filter(|k| ctx.now.mono_ms < k.until_ms) else { return };
    let shown = notes.is_some_and(|pane| feed_view::shows(&s.live.session, s.pane.scroll, pane.height, kept.seq));
    if shown || row.height == 0 {
        return;
    }
    Clear.render(row, buf);
    line(s, ctx, &kept).render(row, buf);
}
