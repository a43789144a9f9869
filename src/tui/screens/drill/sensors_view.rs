//! The sensors on the state line: the health check's last answer and the
//! release the probe read, each with its time, so the screen shows what
//! was measured beside what was pressed.

use ratatui::text::Span;

use super::DrillScreen;
use crate::core::sanitize::sanitize_line;
use crate::store::trust::Trust;
use crate::tui::context::Ctx;

/// " · health ✓ 00:27:31 · live prod-1 (probe)"; `short` keeps health only.
pub fn sensor_spans<'a>(s: &DrillScreen, ctx: &Ctx<'_>, short: bool) -> Vec<Span<'a>> {
    let t = ctx.theme;
    let session = &s.live.session;
    let mut spans = Vec::new();
    if !session.has_health() && !session.has_probe() {
        return spans;
    }
    if s.live.trust.is_some_and(|tr| tr != Trust::Approved) && s.live.read_only.is_none() {
        spans.push(Span::styled(" · sensors off (commands not approved)", t.warn));
        return spans;
    }
    match session.last_health() {
        Some(h) if h.passed => spans.push(Span::styled(format!(" · health ✓ {}", h.at.format("%H:%M:%S")), t.good)),
        Some(h) => spans.push(Span::styled(format!(" · health ✖ {}", h.at.format("%H:%M:%S")), t.bad)),
        // A follower cannot know whether the writer's sensors run (that is
        // the writer's approval, not in the journal): it says only that no
        // reading has come, never that one is on its way.
        None if session.has_health() && s.live.read_only.is_some() => {
            spans.push(Span::styled(" · health: no reading in the journal yet", t.dim));
        }
        None if session.has_health() => spans.push(Span::styled(" · health …", t.dim)),
        None => {}
    }
    if !short && let Some(release) = session.probe_release() {
        spans.push(Span::styled(format!(" · live {} (probe)", sanitize_line(release)), t.dim));
    }
    spans
}
