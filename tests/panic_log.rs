//! A panic is written to the log file with its message and a backtrace, and
//! the hook tells the user where (its own test binary: the hook is global).

use tracing_subscriber::filter::LevelFilter;

#[test]
fn a_panic_lands_in_the_log_with_a_backtrace() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = firedrill::logging::init_in(tmp.path().join("logs"), LevelFilter::INFO).expect("logging starts");
    let caught = std::panic::catch_unwind(|| panic!("boom \u{1b}[31m in a test"));
    assert!(caught.is_err());
    let log = std::fs::read_to_string(firedrill::logging::today(&dir)).expect("today's log file");
    assert!(log.contains("ERROR panic: panicked at tests/panic_log.rs"), "{log}");
    assert!(log.contains("boom \\u{1b}[31m in a test"), "sanitized: {log}");
    assert!(log.contains("a_panic_lands_in_the_log_with_a_backtrace"), "with the backtrace: {log}");
}
