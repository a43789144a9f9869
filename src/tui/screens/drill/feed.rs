//! The updates and notes of a session in the order they tell, as the
//! follower's feed lists them, read from the core's feed index (kept in
//! order as events fold: nothing is sorted here).

use super::DrillScreen;

/// One update or note: the event that recorded it (seq), the time it tells
/// (a backdated note's own), its mark and its text.
pub(super) type FeedEntry<'a> = (u64, chrono::DateTime<chrono::Utc>, &'static str, &'a str);

/// The updates and notes by the time they tell, then as written (the
/// writer's notes pane lists them alike, each cut to a line).
pub(super) fn entries(s: &DrillScreen) -> Vec<FeedEntry<'_>> {
    let session = &s.live.session;
    session
        .feed_rows(0..session.feed_len())
        .map(|r| {
            let mark = match (r.update, r.backdated) {
                (true, _) => "⇢ update: ",
                (false, true) => "↶ ",
                (false, false) => "",
            };
            (r.seq, r.at, mark, r.text)
        })
        .collect()
}
