//! Logs to a daily file in the state folder (`logs/firedrill.YYYY-MM-DD.log`,
//! kept 7 days), never to the terminal: the screen belongs to the drill.
//! The level comes from `$FIREDRILL_LOG` (`off`, `error`, `warn`, `info`,
//! `debug`, `trace`; default `info`). A panic writes its message and a
//! backtrace there and, once the terminal is restored, says where.

use std::path::PathBuf;
use std::str::FromStr;

use tracing_subscriber::filter::LevelFilter;

/// Environment variable holding the log level.
pub const LOG_ENV: &str = "FIREDRILL_LOG";

/// Days of log files kept.
pub const KEEP_DAYS: usize = 7;

/// The log folder: `logs` beside the sessions folder in the state folder.
pub fn log_dir() -> Option<PathBuf> {
    crate::store::paths::sessions_dir().and_then(|d| d.parent().map(|p| p.join("logs")))
}

/// Today's log file in `dir` (the appender names files by UTC date).
pub fn today(dir: &std::path::Path) -> PathBuf {
    dir.join(format!("firedrill.{}.log", chrono::Utc::now().format("%Y-%m-%d")))
}

/// The level `$FIREDRILL_LOG` asks for; `info` when unset or unreadable.
pub fn level(value: Option<&str>) -> LevelFilter {
    value.and_then(|v| LevelFilter::from_str(v.trim()).ok()).unwrap_or(LevelFilter::INFO)
}

/// Starts logging to the daily file and installs the panic hook; returns
/// the log folder, or `None` when logging is off or no state folder is
/// known (then firedrill runs without a log, silently).
pub fn init() -> Option<PathBuf> {
    let level = level(std::env::var(LOG_ENV).ok().as_deref());
    if level == LevelFilter::OFF {
        return None;
    }
    init_in(log_dir()?, level)
}

/// Starts logging at `level` to the daily file in `dir` and installs the
/// panic hook; returns `dir`, or `None` when a logger is already set. The
/// folder and file are made at the first line logged, so starting touches
/// no file before the first frame; when they cannot be made, lines are
/// dropped silently.
pub fn init_in(dir: PathBuf, level: LevelFilter) -> Option<PathBuf> {
    tracing_subscriber::fmt()
        .with_writer(LogWriter(std::sync::Mutex::new(LazyFile { dir: dir.clone(), file: None, failed: false })))
        // A line that cannot be written is dropped: never said on standard
        // error, which is the drill's screen (or a closed terminal).
        .log_internal_errors(false)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    install_panic_hook(dir.clone());
    Some(dir)
}

/// The log file behind a lock, handed to one line at a time. A line
/// logged while this thread already writes one (a panic inside the
/// writer, whose hook logs the panic) is dropped instead of waiting on
/// the lock its own thread holds, which never comes free.
struct LogWriter(std::sync::Mutex<LazyFile>);

thread_local! {
    /// True while this thread holds the log file.
    static WRITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One line's hold on the log file (or nothing, for a line dropped).
enum LogLine<'a> {
    Held(std::sync::MutexGuard<'a, LazyFile>),
    Dropped,
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogWriter {
    type Writer = LogLine<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        if WRITING.get() {
            return LogLine::Dropped;
        }
        WRITING.set(true);
        LogLine::Held(self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

impl Drop for LogLine<'_> {
    fn drop(&mut self) {
        if matches!(self, LogLine::Held(_)) {
            WRITING.set(false);
        }
    }
}

impl std::io::Write for LogLine<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            LogLine::Held(f) => f.write(buf),
            LogLine::Dropped => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            LogLine::Held(f) => f.flush(),
            LogLine::Dropped => Ok(()),
        }
    }
}

/// The daily log file, opened when the first line is written.
struct LazyFile {
    dir: PathBuf,
    file: Option<tracing_appender::rolling::RollingFileAppender>,
    failed: bool,
}

impl LazyFile {
    /// The open appender, opening it (and pruning old files) the first time.
    fn open(&mut self) -> Option<&mut tracing_appender::rolling::RollingFileAppender> {
        if self.file.is_none() && !self.failed {
            self.file = std::fs::create_dir_all(&self.dir).ok().and_then(|()| {
                tracing_appender::rolling::Builder::new()
                    .rotation(tracing_appender::rolling::Rotation::DAILY)
                    .filename_prefix("firedrill")
                    .filename_suffix("log")
                    .max_log_files(KEEP_DAYS)
                    .build(&self.dir)
                    .ok()
            });
            self.failed = self.file.is_none();
        }
        self.file.as_mut()
    }
}

impl std::io::Write for LazyFile {
    /// Writes one formatted line (tracing's writer gets whole lines), its
    /// escapes shown as text: `cat` or `tail` of the log runs none. A line
    /// the disk refuses is dropped, never an error (the log is the
    /// session's least part: a full disk must not end it).
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let Some(f) = self.open() else { return Ok(buf.len()) };
        let text = String::from_utf8_lossy(buf);
        let _ = if text.chars().any(crate::core::sanitize::is_hostile) {
            f.write_all(crate::core::sanitize::sanitize(&text).as_bytes())
        } else {
            f.write_all(buf)
        };
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = self.file.as_mut().map(std::io::Write::flush);
        Ok(())
    }
}

/// Logs a panic with its backtrace, then tells the user where it went.
/// `tui::terminal::enter` wraps this hook, so the terminal is restored first.
fn install_panic_hook(dir: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        let info = crate::core::sanitize::sanitize_line(&info.to_string());
        tracing::error!("panic: {info}\n{backtrace}");
        crate::say!(
            "firedrill: internal error: {info}\nfiredrill: the details and a backtrace are in {}\nfiredrill: every event was on disk before it was shown; `firedrill resume` continues an unfinished session",
            today(&dir).display()
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_escape_is_written_as_text() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let mut f = LazyFile { dir: dir.path().to_path_buf(), file: None, failed: false };
        f.write_all(b"journal /tmp/o\x1b]0;PWNED\x07 kept\n").expect("write");
        f.flush().expect("flush");
        let logged = std::fs::read_to_string(today(dir.path())).expect("log");
        assert_eq!(logged, "journal /tmp/o\\u{1b}]0;PWNED\\u{7} kept\n");
    }

    #[test]
    fn a_line_logged_while_this_thread_writes_one_is_dropped_not_waited_for() {
        use tracing_subscriber::fmt::MakeWriter as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let writer =
            LogWriter(std::sync::Mutex::new(LazyFile { dir: dir.path().to_path_buf(), file: None, failed: false }));
        let first = writer.make_writer();
        // A panic inside the first line's write logs the panic: once, this
        // waited on the lock its own thread held, for ever.
        assert!(matches!(writer.make_writer(), LogLine::Dropped));
        drop(first);
        assert!(matches!(writer.make_writer(), LogLine::Held(_)), "the next line is written");
    }

    #[test]
    fn the_level_defaults_to_info_and_reads_names() {
        assert_eq!(level(None), LevelFilter::INFO);
        assert_eq!(level(Some("debug")), LevelFilter::DEBUG);
        assert_eq!(level(Some("off")), LevelFilter::OFF);
        assert_eq!(level(Some("loud")), LevelFilter::INFO);
    }
}
