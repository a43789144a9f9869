//! The debrief's text fields: what each asks, its example, and where its
//! answer goes in the [`Debrief`].

use crate::core::event::Debrief;

/// A text field of the debrief, in focus order after the pressure choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Slowed,
    Prevention,
    Why,
    Users,
    Duration,
    RootCause,
    Started,
    Noticed,
    WentWell,
    WentWrong,
    Lucky,
    Summary,
}

impl Field {
    /// The fields of a drill (lessons, no impact) or an incident (impact,
    /// cause and detection too), in focus order.
    pub(super) fn all(incident: bool) -> Vec<Self> {
        let mut v = vec![Self::Slowed, Self::Prevention, Self::Why];
        if incident {
            v.extend([Self::Users, Self::Duration, Self::RootCause, Self::Started, Self::Noticed]);
        }
        v.extend([Self::WentWell, Self::WentWrong, Self::Lucky, Self::Summary]);
        v
    }

    pub(super) fn title(self) -> &'static str {
        match self {
            Self::Slowed => "what slowed us down?",
            Self::Prevention => "the one prevention step",
            Self::Why => "why that answer?",
            Self::Users => "users affected (who, how many)",
            Self::Duration => "duration of impact",
            Self::RootCause => "root cause and contributing factors",
            Self::Started => "when did the problem start? (@HH:MM UTC, what began)",
            Self::Noticed => "when was it noticed, by what signal? (@HH:MM UTC)",
            Self::WentWell => "what went well (optional)",
            Self::WentWrong => "what went wrong (optional)",
            Self::Lucky => "where we got lucky (optional)",
            Self::Summary => "summary in your words (optional; empty keeps the generated one shown)",
        }
    }

    pub(super) fn example(self) -> &'static str {
        match self {
            Self::Slowed => "e.g. the ledger was two clicks away",
            Self::Prevention => "e.g. a health check in the deploy job",
            Self::Why => "e.g. the legacy column still exists",
            Self::Users => "e.g. about 4% of new sign-ups, web only",
            Self::Duration => "e.g. 14:02 to 14:31 UTC, 29 minutes",
            Self::RootCause => "e.g. the purge job's filter lost its date bound in the refactor",
            Self::Started => "e.g. @13:52 the purge job started deleting",
            Self::Noticed => "e.g. @14:02 row-count alert paged on-call",
            Self::WentWell => "e.g. the kill switch stopped the harm in a minute",
            Self::WentWrong => "e.g. nobody could find the restore runbook",
            Self::Lucky => "e.g. it happened at 2 p.m., not 2 a.m.",
            Self::Summary => "two or three sentences: what broke, what we decided, how it ended",
        }
    }

    /// The debrief's text for this field.
    pub(super) fn value(self, d: &Debrief) -> &str {
        match self {
            Self::Slowed => &d.slowed_us_down,
            Self::Prevention => &d.prevention,
            Self::Why => &d.pressure_why,
            Self::Users => &d.users_affected,
            Self::Duration => &d.impact_duration,
            Self::RootCause => &d.root_cause,
            Self::Started => &d.started,
            Self::Noticed => &d.noticed,
            Self::WentWell => &d.went_well,
            Self::WentWrong => &d.went_wrong,
            Self::Lucky => &d.lucky,
            Self::Summary => &d.summary,
        }
    }

    pub(super) fn slot(self, d: &mut Debrief) -> &mut String {
        match self {
            Self::Slowed => &mut d.slowed_us_down,
            Self::Prevention => &mut d.prevention,
            Self::Why => &mut d.pressure_why,
            Self::Users => &mut d.users_affected,
            Self::Duration => &mut d.impact_duration,
            Self::RootCause => &mut d.root_cause,
            Self::Started => &mut d.started,
            Self::Noticed => &mut d.noticed,
            Self::WentWell => &mut d.went_well,
            Self::WentWrong => &mut d.went_wrong,
            Self::Lucky => &mut d.lucky,
            Self::Summary => &mut d.summary,
        }
    }
}
