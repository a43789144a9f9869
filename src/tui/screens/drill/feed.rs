//! The updates and notes of a session in the order they tell, for the
//! writer's notes pane and the follower's feed alike.

use super::DrillScreen;

/// One update or note: its time in the session (ms), the time it tells
/// (a backdated note's own), its mark and its text.
pub(super) type FeedEntry<'a> = (u64, chrono::DateTime<chrono::Utc>, &'static str, &'a str);

/// The updates and notes by the time they tell, then as written (the
/// writer's notes pane lists them alike, each cut to a line).
pub(super) fn entries(s: &DrillScreen) -> Vec<FeedEntry<'_>> {
    let session = &s.live.session;
    let mut entries: Vec<FeedEntry<'_>> = session
        .notes()
        .map(|n| match n.happened_at {
            Some(h) => (n.t_ms, h, "↶ ", n.text),
            None => (n.t_ms, n.at, "", n.text),
        })
        .chain(session.updates.iter().map(|u| (u.t_ms, u.at, "⇢ update: ", u.text.as_str())))
        .collect();
    entries.sort_by_key(|e| (e.1, e.0));
    entries
}
