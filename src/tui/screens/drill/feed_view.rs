//! The notes-and-updates pane of the drill screen: the newest rows that
//! fit (or older ones after page up), read from the session's feed index
//! one row at a time, so a frame reads the rows it shows and no others.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::DrillScreen;
use crate::core::sanitize::sanitize_line;
use crate::core::session::{FeedRow, Session};
use crate::keymap::Action;
use crate::theme::Theme;
use crate::tui::context::Ctx;

/// Where the pane's rows come from: the session's feed (a test counts
/// the rows read through it).
pub trait FeedSource {
    /// How many rows there are.
    fn len(&self) -> usize;
    /// Row `n`, oldest first.
    fn row(&self, n: usize) -> Option<FeedRow<'_>>;
}

impl FeedSource for Session {
    fn len(&self) -> usize {
        self.feed_len()
    }

    fn row(&self, n: usize) -> Option<FeedRow<'_>> {
        self.feed_row(n)
    }
}

/// The rows shown of `total` in `room` lines, `scroll` rows back from the newest.
fn window(total: usize, scroll: usize, room: usize) -> Range<usize> {
    let end = total.saturating_sub(scroll.min(total));
    end.saturating_sub(room)..end
}

/// True when a pane `height` rows tall (borders included), `scroll` rows
/// back from the newest, shows the row event `seq` recorded: the rows it
/// reads are the ones the pane draws.
pub(super) fn shows(feed: &impl FeedSource, scroll: usize, height: u16, seq: u64) -> bool {
    window(feed.len(), scroll, usize::from(height.saturating_sub(2))).filter_map(|n| feed.row(n)).any(|r| r.seq == seq)
}

/// The lines of rows `range` of `feed`, each read once.
fn lines<'a>(feed: &'a impl FeedSource, range: Range<usize>, t: &Theme) -> Vec<Line<'a>> {
    range
        .filter_map(|n| feed.row(n))
        .map(|r| {
            let mark = match (r.update, r.backdated) {
                (true, _) => "⇢ update: ",
                (false, true) => "↶ ",
                (false, false) => "",
            };
            Line::from(vec![
                Span::styled(format!("{} ", r.at.format("%H:%M")), t.dim),
                Span::styled(mark, t.active),
                Span::raw(sanitize_line(r.text)),
            ])
        })
        .collect()
}

/// Draws the pane: notes and updates in the order they happened.
pub fn render(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let session = &s.live.session;
    let room = usize::from(area.height.saturating_sub(2));
    let total = FeedSource::len(session);
    let shown = window(total, s.pane.scroll, room);
    let (older, newer) = (shown.start > 0, shown.end < total);
    let lines = lines(session, shown, t);
    let title = format!(" notes ({}) · updates ({}) ", session.note_count(), session.updates.len());
    let context = s.context();
    let mut more = Vec::new();
    if older {
        more.push(format!("▲ older: {}", ctx.keymap.first_key(context, Action::ScrollUp)));
    }
    if newer {
        more.push(format!("▼ newer: {}", ctx.keymap.first_key(context, Action::ScrollDown)));
    }
    let more = if more.is_empty() { String::new() } else { format!(" {} ", more.join(" · ")) };
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(title)
                .title_bottom(Line::styled(more, t.warn).right_aligned())
                .border_style(t.border),
        )
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use chrono::TimeZone;

    use super::*;
    use crate::core::event::{Mode, Stamp};
    use crate::core::roles::Roles;
    use crate::core::runbook::Runbook;
    use crate::core::session::Command;

    const RUNBOOK: &str = include_str!("../../../../runbooks/onboarding-signup.toml");

    /// The session's feed, counting every row read.
    struct Counting<'a> {
        session: &'a Session,
        read: Cell<usize>,
    }

    impl FeedSource for Counting<'_> {
        fn len(&self) -> usize {
            self.session.feed_len()
        }

        fn row(&self, n: usize) -> Option<FeedRow<'_>> {
            self.read.set(self.read.get() + 1);
            self.session.feed_row(n)
        }
    }

    /// A session of `n` events: notes, status updates and item toggles.
    fn session(n: u64) -> Session {
        let rb = Runbook::parse("r.toml", RUNBOOK).expect("runbook");
        let start = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
        let mut s = Session::new(Mode::Drill, &rb);
        for i in 0..n {
            let cmd = match i {
                0 => Command::Start(Roles::new("A", "B", "C")),
                _ if i % 2 == 1 => Command::AddNote(format!("note {i}")),
                _ if i % 10 == 0 => Command::PostStatus(format!("update {i}")),
                _ => Command::ToggleItem(0),
            };
            let at = start + chrono::Duration::seconds(i64::try_from(i).expect("small"));
            s.apply(cmd, Stamp { at, t_ms: i * 1000 }).expect("apply");
        }
        s
    }

    /// Rows read to draw `room` lines `scroll` rows back, and the texts drawn.
    fn drawn(s: &Session, scroll: usize, room: usize) -> (usize, Vec<String>) {
        let feed = Counting { session: s, read: Cell::new(0) };
        let shown = window(feed.len(), scroll, room);
        let texts = lines(&feed, shown, &crate::theme::THEME)
            .iter()
            .map(|l| l.spans.last().map(|s| s.content.to_string()).unwrap_or_default())
            .collect();
        (feed.read.get(), texts)
    }

    #[test]
    fn a_frame_reads_the_rows_it_shows_however_many_there_are() {
        let (small, large) = (session(100), session(5_000));
        assert!(large.feed_len() > 2_500, "{}", large.feed_len());
        for (scroll, room) in [(0, 6), (3, 6), (20, 20)] {
            let (read_small, _) = drawn(&small, scroll, room);
            let (read_large, _) = drawn(&large, scroll, room);
            assert_eq!(read_small, room, "scroll {scroll}, room {room}");
            assert_eq!(read_large, room, "scroll {scroll}, room {room}");
        }
        // The newest rows, oldest of them first; page up shows older ones.
        let (_, newest) = drawn(&large, 0, 3);
        assert_eq!(newest, ["note 4995", "note 4997", "note 4999"]);
        let (_, back) = drawn(&large, 3, 3);
        assert_eq!(back, ["update 4990", "note 4991", "note 4993"]);
        // More scroll than rows stops at the oldest; a short feed shows all it has.
        let (read, all) = drawn(&session(4), usize::MAX, 6);
        assert_eq!((read, all.len()), (0, 0));
        let (read, all) = drawn(&session(4), 0, 6);
        assert_eq!((read, all), (2, vec!["note 1".to_owned(), "note 3".to_owned()]));
    }
}
