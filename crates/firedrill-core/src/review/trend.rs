//! Trends over a runbook's drills (of one deck): each measure as a series
//! with its median and best, and who should drive next.

use chrono::{DateTime, Utc};

use super::Summary;
use crate::vocab::{StepKind, same_person};

/// A series over drills with its median and best (lowest).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Series {
    /// One value per drill, oldest first; `None` where the drill has none.
    pub values: Vec<Option<u64>>,
    /// The median of the values present.
    pub median: Option<u64>,
    /// The lowest value present.
    pub best: Option<u64>,
}

impl Series {
    /// A series from values, computing median (the lower middle) and best.
    pub fn of(values: Vec<Option<u64>>) -> Self {
        let mut present: Vec<u64> = values.iter().flatten().copied().collect();
        present.sort_unstable();
        let median = present.get(present.len().saturating_sub(1) / 2).copied();
        Self { best: present.first().copied(), median, values }
    }
}

/// The trends of one runbook's drills: total, each step, and the three
/// readiness figures (docs/domain.md, "The five steps": the readiness figures).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trend {
    /// When each drill started, oldest first.
    pub dates: Vec<DateTime<Utc>>,
    /// Total active time.
    pub total: Series,
    /// Each of the five steps.
    pub steps: Vec<(StepKind, Series)>,
    /// Time to name the live release.
    pub name_live: Series,
    /// Time to the known-good release.
    pub known_good: Series,
    /// Time to the first status update.
    pub first_update: Series,
}

/// The trend over `drills` (oldest first).
pub fn trend(drills: &[&Summary]) -> Trend {
    let steps = StepKind::ALL
        .iter()
        .map(|k| {
            (
                *k,
                Series::of(
                    drills.iter().map(|d| d.steps.iter().find(|t| t.kind == *k).and_then(|t| t.actual_ms)).collect(),
                ),
            )
        })
        .collect();
    Trend {
        dates: drills.iter().map(|d| d.started_at).collect(),
        total: Series::of(drills.iter().map(|d| Some(d.total_ms)).collect()),
        steps,
        name_live: Series::of(drills.iter().map(|d| d.name_live_ms).collect()),
        known_good: Series::of(drills.iter().map(|d| d.known_good_ms).collect()),
        first_update: Series::of(drills.iter().map(|d| d.first_update_ms).collect()),
    }
}

/// Who should drive next: among people who held any role in `drills`
/// (oldest first), the one whose last turn as driver is longest ago
/// (never beats any), so practice spreads across the team.
pub fn next_driver(drills: &[&Summary]) -> Option<String> {
    let mut people: Vec<String> = Vec::new();
    for d in drills {
        for name in [&d.roles.driver, &d.roles.communicator, &d.roles.verifier] {
            if !name.trim().is_empty() && !people.iter().any(|p| same_person(p, name)) {
                people.push(name.clone());
            }
        }
    }
    let last_drove = |p: &String| drills.iter().rposition(|d| same_person(&d.roles.driver, p));
    people.into_iter().min_by_key(|p| last_drove(p).map_or(-1, |i| i64::try_from(i).unwrap_or(i64::MAX)))
}
