//! The saved screen's recap: the session's verdict, its figures and what
//! was missing, computed once when saving starts and drawn as lines.

use ratatui::text::{Line, Span};

use crate::core::duration::clock;
use crate::core::outcome::{Outcome, Verdict, verdict};
use crate::core::postmortem::recovery_label;
use crate::core::sanitize::sanitize_line;
use crate::core::timing::Kpis;
use crate::tui::context::Ctx;

/// The session's verdict and figures, computed once when saving starts.
#[derive(Debug, Clone)]
pub(crate) struct Recap {
    verdict: Verdict,
    kpis: Kpis,
    recovery: &'static str,
    mode: crate::core::event::Mode,
    restore: Option<crate::core::restore::RestoreTiming>,
    fire: Option<crate::core::session::Fire>,
}

impl Recap {
    /// The recap of `session` over `runbook`, a session of `mode` (a
    /// follower holds these, folded from the same journal).
    pub(crate) fn of_session(
        runbook: &crate::core::runbook::Runbook,
        session: &crate::core::session::Session,
        mode: crate::core::event::Mode,
    ) -> Self {
        Self {
            verdict: verdict(session),
            kpis: Kpis::of(session, session.record_end_ms(), runbook.timebox.as_ms()),
            recovery: recovery_label(session),
            mode,
            restore: crate::core::restore::RestoreTiming::of(runbook, session),
            fire: session.fire(),
        }
    }

    /// The verdict with its symbol: "✓ verified with 1 accepted failure";
    /// a drill says whether it was dry or live-fire.
    fn label(&self) -> String {
        let symbol = self.verdict.outcome.label().split_whitespace().next().unwrap_or_default();
        match self.fire {
            Some(fire) => format!("{symbol} {} ({})", self.verdict.describe(), fire.key()),
            None => format!("{symbol} {}", self.verdict.describe()),
        }
    }

    /// The recap's lines for a body `width` columns wide (the figures'
    /// labels are padded to a column that fits it).
    pub(crate) fn lines<'a>(&self, ctx: &Ctx<'_>, width: u16) -> Vec<Line<'a>> {
        let t = ctx.theme;
        let k = &self.kpis;
        let style = match self.verdict.outcome {
            Outcome::Verified => t.good,
            Outcome::Unverified => t.warn,
            Outcome::EndedEarly | Outcome::Abandoned => t.bad,
        };
        // Each figure says how it is known: measured by a command, or claimed.
        let at = |v: Option<u64>, none: &str, n: usize| {
            v.map_or_else(
                || none.to_owned(),
                |ms| {
                    let how = k.facts[n].as_ref().map_or("", |f| f.evidence.key());
                    format!("T+{} {how}", clock(ms))
                },
            )
        };
        // Room for "  label  not confirmed" on one line where the width allows.
        let pad = usize::from(width).saturating_sub(17).clamp(9, 30);
        let total = match self.mode {
            crate::core::event::Mode::Drill => {
                let over = match crate::core::timing::TimeboxState::of(k.total_ms, k.timebox_ms) {
                    crate::core::timing::TimeboxState::Over => {
                        format!(" ✖ over by {}", clock(k.total_ms.saturating_sub(k.timebox_ms)))
                    }
                    _ => " ● within".to_owned(),
                };
                format!("total {} of time-box {}{over}", clock(k.total_ms), clock(k.timebox_ms))
            }
            crate::core::event::Mode::Incident => format!("duration {}", clock(k.total_ms)),
        };
        let mut lines = vec![
            Line::from(vec![Span::styled(format!("{} ", self.label()), style), Span::raw(total)]),
            Line::from(format!("  {:<pad$} {}", "name the live release", at(k.name_live_ms, "not reached", 0))),
            Line::from(format!("  {:<pad$} {}", "mitigated", at(k.mitigated_ms, "not reached", 1))),
            Line::from(format!("  {:<pad$} {}", self.recovery.to_lowercase(), at(k.known_good_ms, "not confirmed", 2))),
            Line::from(format!("  {:<pad$} {}", "first status update", at(k.first_update_ms, "not reached", 3))),
        ];
        if let Some(r) = &self.restore {
            let style = if r.over_ms().is_some() || r.actual_ms.is_none() { t.warn } else { t.text };
            let mark = if r.over_ms().is_some() {
                "✖"
            } else if r.actual_ms.is_none() {
                "?"
            } else {
                "●"
            };
            lines.push(Line::styled(format!("  {mark} {r}"), style));
        }
        for m in &self.verdict.missing {
            lines.push(Line::styled(format!("  ▲ {}", sanitize_line(&m.to_string())), t.warn));
        }
        lines.push(Line::default());
        lines
    }
}
