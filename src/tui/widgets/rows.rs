//! Rows stacked top to bottom: fixed heights and at most one row that
//! takes what is left. The same rectangles ratatui's `Layout::vertical`
//! gives for `Length`s and one `Fill(1)` when they fit, without its
//! constraint solver: a first frame pays for one solve per layout
//! (docs/design.md, "First frame").

use ratatui::layout::Rect;

/// A row's height: a number of terminal rows, or the rest of the area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Height {
    /// Exactly this many rows.
    Rows(u16),
    /// The rows the others leave (at most one such row in a stack).
    Rest,
}

/// Splits `area` into rows of `heights`, top to bottom, full width; a
/// `Rest` row takes the rows the others leave. When the fixed rows are more
/// than the area holds, the rows past its bottom are cut (height 0 at the
/// bottom edge).
pub fn stack<const N: usize>(area: Rect, heights: [Height; N]) -> [Rect; N] {
    let fixed: u16 = heights
        .iter()
        .map(|h| match h {
            Height::Rows(n) => *n,
            Height::Rest => 0,
        })
        .fold(0, u16::saturating_add);
    let mut rest = area.height.saturating_sub(fixed);
    let mut y = area.y;
    heights.map(|h| {
        let want = match h {
            Height::Rows(n) => n,
            Height::Rest => std::mem::take(&mut rest),
        };
        let height = want.min(area.bottom().saturating_sub(y));
        let row = Rect::new(area.x, y, area.width, height);
        y = y.saturating_add(height);
        row
    })
}

#[cfg(test)]
mod tests {
    use ratatui::layout::{Constraint, Layout};

    use super::*;

    fn constraint(h: Height) -> Constraint {
        match h {
            Height::Rows(n) => Constraint::Length(n),
            Height::Rest => Constraint::Fill(1),
        }
    }

    /// Where the rows fit, the stack is ratatui's layout of the same rows.
    #[test]
    fn same_rows_as_ratatui_when_they_fit() {
        let shapes: [[Height; 5]; 3] = [
            [Height::Rows(2), Height::Rows(0), Height::Rows(3), Height::Rest, Height::Rows(1)],
            [Height::Rest, Height::Rows(4), Height::Rows(3), Height::Rows(1), Height::Rows(1)],
            [Height::Rows(1), Height::Rows(1), Height::Rows(1), Height::Rows(1), Height::Rows(1)],
        ];
        for shape in shapes {
            for (w, h) in [(40, 12), (80, 24), (160, 48), (7, 9)] {
                let area = Rect::new(3, 2, w, h);
                let ours = stack(area, shape);
                let theirs: [Rect; 5] = Layout::vertical(shape.map(constraint)).areas(area);
                assert_eq!(ours, theirs, "{shape:?} in {area:?}");
            }
        }
    }

    /// Rows past the bottom are cut, never drawn outside the area.
    #[test]
    fn rows_past_the_bottom_are_cut() {
        let area = Rect::new(0, 5, 10, 4);
        let [a, b, c, d] = stack(area, [Height::Rows(3), Height::Rest, Height::Rows(3), Height::Rows(1)]);
        assert_eq!((a.y, a.height), (5, 3));
        assert_eq!((b.y, b.height), (8, 0));
        assert_eq!((c.y, c.height), (8, 1));
        assert_eq!((d.y, d.height), (9, 0));
        assert!([a, b, c, d].iter().all(|r| r.bottom() <= area.bottom() && r.width == 10));
    }
}
