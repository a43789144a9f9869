//! Which rows of the review list a frame draws: only those the table
//! shows, picked as ratatui's table picks them, so a frame over 2,000
//! saved sessions costs what one page of them costs.

/// The rows of `len` a table `height` lines high (rows `row_height` lines
/// each) shows with row `selected` selected: the first and how many. The
/// same rows ratatui's table picks from an offset of 0 (the selected row
/// last when it is below the first page, then a partial row when there is
/// room); every row when not one fits.
pub fn window(len: usize, selected: usize, height: u16, row_height: u16) -> (usize, usize) {
    let fit = usize::from(height / row_height.max(1));
    let selected = selected.min(len.saturating_sub(1));
    if fit == 0 || len == 0 {
        return (0, len);
    }
    let first = if selected >= fit { selected + 1 - fit } else { 0 };
    (first, (len - first).min(fit + 1))
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Constraint;
    use ratatui::text::{Line, Text};
    use ratatui::widgets::{Block, Row, Table, TableState};

    use super::window;

    /// The rows `first..first + n` of `len`, each `row_height` lines.
    fn rows(first: usize, n: usize, row_height: u16) -> Vec<Row<'static>> {
        (first..first + n)
            .map(|i| {
                let lines: Vec<Line<'static>> =
                    (0..row_height).map(|l| Line::from(format!("row {i} line {l}"))).collect();
                Row::new(vec![Text::from(lines)]).height(row_height)
            })
            .collect()
    }

    /// The screen a bordered table with a header draws.
    fn draw(rows: Vec<Row<'static>>, selected: usize, height: u16) -> ratatui::buffer::Buffer {
        let mut term = Terminal::new(TestBackend::new(30, height)).expect("terminal");
        let table = Table::new(rows, [Constraint::Fill(1)])
            .header(Row::new(["head"]))
            .block(Block::bordered())
            .highlight_symbol("› ");
        let mut state = TableState::default().with_selected(Some(selected));
        term.draw(|f| f.render_stateful_widget(table, f.area(), &mut state)).expect("draw");
        term.backend().buffer().clone()
    }

    #[test]
    fn the_rows_drawn_are_the_rows_the_whole_table_shows() {
        for row_height in [1, 2] {
            for height in 3..12u16 {
                for len in [0, 1, 3, 9, 20] {
                    for selected in 0..=len.max(1) {
                        let whole = draw(rows(0, len, row_height), selected, height);
                        let (first, n) = window(len, selected, height - 3, row_height);
                        assert!(first + n <= len);
                        let part = draw(rows(first, n, row_height), selected.saturating_sub(first), height);
                        assert_eq!(part, whole, "{len} rows of {row_height}, {height} high, row {selected} selected");
                    }
                }
            }
        }
    }

    #[test]
    fn a_page_is_all_that_is_made_of_thousands() {
        assert_eq!(window(2_001, 0, 37, 1), (0, 38));
        assert_eq!(window(2_001, 2_000, 37, 1), (1_964, 37));
        assert_eq!(window(2_001, 100, 20, 2), (91, 11));
    }
}
