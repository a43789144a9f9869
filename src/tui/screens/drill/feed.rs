//! The updates and notes of a session in the order they tell, as the
//! follower's feed lists them, read from the core's feed index (kept in
//! order as events fold: nothing is sorted here).

use std::ops::Range;

use super::DrillScreen;

/// One update or note: the event that recorded it (seq), the time it tells
/// (a backdated note's own), its mark and its text.
pub(super) type FeedEntry<'a> = (u64, chrono::DateTime<chrono::Utc>, &'static str, &'a str);

/// How many updates and notes the session holds.
pub(super) fn len(s: &DrillScreen) -> usize {
    s.live.session.feed_len()
}

/// The updates and notes in `range` (from 0, oldest first; clamped), by
/// the time they tell, then as written (the writer's notes pane lists them
/// alike, each cut to a line): read lazily, so a pane that walks back from
/// the newest reads only the entries it shows.
pub(super) fn entries(s: &DrillScreen, range: Range<usize>) -> impl DoubleEndedIterator<Item = FeedEntry<'_>> {
    s.live.session.feed_rows(range).map(|r| {
        let mark = match (r.update, r.backdated) {
            (true, _) => "⇢ update: ",
            (false, true) => "↶ ",
            (false, false) => "",
        };
        (r.seq, r.at, mark, r.text)
    })
}
