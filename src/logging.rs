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
/// the log folder, or `None` when logging is off or the folder cannot be
/// made (then firedrill runs without a log, silently).
pub fn init() -> Option<PathBuf> {
    let level = level(std::env::var(LOG_ENV).ok().as_deref());
    if level == LevelFilter::OFF {
        return None;
    }
    init_in(log_dir()?, level)
}

/// Starts logging at `level` to the daily file in `dir` and installs the
/// panic hook; returns `dir`, or `None` when the folder cannot be made or a
/// logger is already set.
pub fn init_in(dir: PathBuf, level: LevelFilter) -> Option<PathBuf> {
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("firedrill")
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(&dir)
        .ok()?;
    tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(appender))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    install_panic_hook(dir.clone());
    Some(dir)
}

/// Logs a panic with its backtrace, then tells the user where it went.
/// `ratatui::init` wraps this hook, so the terminal is restored first.
fn install_panic_hook(dir: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        let info = crate::core::sanitize::sanitize_line(&info.to_string());
        tracing::error!("panic: {info}\n{backtrace}");
        eprintln!(
            "firedrill: internal error: {info}\nfiredrill: the details and a backtrace are in {}\nfiredrill: every event was on disk before it was shown; `firedrill resume` continues an unfinished session",
            today(&dir).display()
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_defaults_to_info_and_reads_names() {
        assert_eq!(level(None), LevelFilter::INFO);
        assert_eq!(level(Some("debug")), LevelFilter::DEBUG);
        assert_eq!(level(Some("off")), LevelFilter::OFF);
        assert_eq!(level(Some("loud")), LevelFilter::INFO);
    }
}
