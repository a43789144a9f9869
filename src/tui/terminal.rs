//! The terminal's lifecycle in one place: entering (raw mode, alternate
//! screen, bracketed paste, cursor hidden), leaving (all of it undone,
//! cursor shown), suspending on `SIGTSTP` (leave, stop, and on `SIGCONT`
//! enter again and redraw whole), and a backend whose size is clamped to
//! [`MAX`], so a huge window never costs memory in proportion to its area.

use std::cell::Cell;
use std::io::{self, stdout};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell as BufferCell;
use ratatui::layout::{Position, Size};

mod frame;
mod hangup;
pub use frame::FrameOut;
pub use hangup::{HangupWatch, watch_keys_once};

/// The largest area drawn, in columns and rows: a bigger window is drawn
/// in its top-left corner, with a note (two frame buffers of this area
/// hold about 80 MB; a 65535x65535 window would need 200 GB).
pub const MAX: Size = Size { width: 1000, height: 1000 };

/// The terminal firedrill draws on: each frame reaches it in one `write`.
pub type Term = Terminal<Clamped<CrosstermBackend<FrameOut>>>;

/// A backend that reports at most [`MAX`] and remembers the real size,
/// and the cursor position it last set: on the alternate screen the
/// position is always one firedrill set, so it is never asked of the
/// terminal (a query a stopped-and-continued or slow terminal may never
/// answer, which `Terminal::clear` would wait two seconds for).
#[derive(Debug)]
pub struct Clamped<B> {
    inner: B,
    real: Cell<Size>,
    cursor: Position,
}

impl<B> Clamped<B> {
    /// Wraps `inner`.
    pub fn new(inner: B) -> Self {
        Self { inner, real: Cell::new(Size::default()), cursor: Position::ORIGIN }
    }

    /// The window's real size when it is over [`MAX`] (it was clamped).
    pub fn clamped_from(&self) -> Option<Size> {
        let real = self.real.get();
        (real.width > MAX.width || real.height > MAX.height).then_some(real)
    }
}

/// `size` clamped to [`MAX`].
pub fn clamp(size: Size) -> Size {
    Size { width: size.width.min(MAX.width), height: size.height.min(MAX.height) }
}

impl<B: Backend> Backend for Clamped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a BufferCell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        let real = self.inner.size()?;
        self.real.set(real);
        Ok(clamp(real))
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let w = self.inner.window_size()?;
        Ok(WindowSize { columns_rows: clamp(w.columns_rows), pixels: w.pixels })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

/// Takes the terminal: raw mode, alternate screen, bracketed paste; a
/// panic leaves it first (the hook then prints the panic plainly).
///
/// # Errors
/// When the terminal refuses a mode.
pub fn enter() -> io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        hook(info);
    }));
    enable()?;
    Terminal::new(Clamped::new(CrosstermBackend::new(FrameOut::stdout())))
}

fn enable() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, Hide)
}

/// Gives the terminal back as it was: paste mode off, raw mode off, the
/// main screen, the cursor shown. Safe to call twice.
pub fn leave() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// Lets `terminal` go once [`leave`] gave the terminal back. Dropping it
/// would show the cursor again and, when that write fails (the terminal
/// closed: a hang-up), ratatui prints the failure on a standard error that
/// is gone too, which panics and aborts instead of exiting 128+N; so a
/// terminal that refuses the write is forgotten, not dropped (the process
/// is ending).
pub fn close(mut terminal: Term) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}

/// `SIGTSTP` (`stop`) or `SIGCONT`: [`suspend`] or [`resume`].
///
/// # Errors
/// When the terminal refuses a mode after the stop.
pub fn job_control(terminal: &mut Term, stop: bool) -> io::Result<()> {
    if stop { suspend(terminal) } else { resume(terminal) }
}

/// `SIGTSTP`: gives the terminal back, stops as the default action would,
/// and once continued (`fg`) takes it again and redraws it whole.
///
/// # Errors
/// When the terminal refuses a mode after the stop.
pub fn suspend(terminal: &mut Term) -> io::Result<()> {
    leave();
    // Stops here (SIGSTOP); returns when a SIGCONT continues the process.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    resume(terminal)
}

/// Takes the terminal again after a stop and forgets what was drawn, so
/// the next frame is drawn whole.
///
/// # Errors
/// When the terminal refuses a mode.
pub fn resume(terminal: &mut Term) -> io::Result<()> {
    enable()?;
    terminal.clear()
}
