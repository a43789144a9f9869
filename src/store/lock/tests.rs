//! Locks decided by the OS: a held lock refuses a second writer with who
//! holds it; a file naming a process that no longer holds the lock (dead,
//! or its pid reused by another program) is taken over at once.

use super::*;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default()
}

#[test]
fn a_second_writer_is_refused_with_the_holder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("s.jsonl");
    let first = Lock::acquire(&journal, now()).expect("first");
    match Lock::acquire(&journal, now()) {
        Err(LockError::Held(h)) => {
            assert_eq!((h.pid, h.host.as_str(), h.since), (std::process::id(), host_name().as_str(), now()));
        }
        other => panic!("expected held, got {other:?}"),
    }
    assert_eq!(holder(&journal).map(|h| h.pid), Some(std::process::id()));
    drop(first);
    assert!(!lock_path(&journal).exists(), "released and removed");
    assert_eq!(holder(&journal), None);
    assert!(Lock::acquire(&journal, now()).is_ok(), "free again");
}

#[test]
fn a_lock_file_naming_a_live_pid_that_holds_no_lock_is_taken_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("s.jsonl");
    // pid 1 is alive: the old /proc check kept such a session read-only forever.
    let reused = Holder { pid: 1, host: host_name(), since: now() };
    fs::write(lock_path(&journal), serde_json::to_string(&reused).expect("json")).expect("write");
    assert_eq!(holder(&journal), None, "nobody holds the OS lock");
    let lock = Lock::acquire(&journal, now()).expect("taken over");
    assert_eq!(holder(&journal).map(|h| h.pid), Some(std::process::id()));
    drop(lock);
}

#[test]
fn a_fifo_at_the_lock_path_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("s.jsonl");
    let made = std::process::Command::new("mkfifo").arg(lock_path(&journal)).status().expect("mkfifo");
    assert!(made.success());
    assert!(matches!(Lock::acquire(&journal, now()), Err(LockError::Io { .. })));
    assert_eq!(holder(&journal), None);
}
