use std::path::PathBuf;

use super::*;

fn scripts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts")
}

fn go(script: &str, timeout: Duration) -> (RunResult, Vec<String>, u32) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let argv = vec![scripts().join(script).to_string_lossy().into_owned()];
    let redactor = Redactor::new(&[]).expect("redactor");
    let mut seen = Vec::new();
    let mut group = 0;
    let result = rt.block_on(run(&argv, &scripts(), timeout, &redactor, |g| group = g, |batch| seen.extend(batch)));
    (result, seen, group)
}

#[test]
fn a_passing_check_exits_zero_with_its_output() {
    let (r, seen, _) = go("pass.sh", Duration::from_secs(10));
    assert_eq!(r.end, RunEnd::Exited { code: 0 });
    assert_eq!(seen, vec!["sign-up: 201 Created in 340 ms"]);
    assert_eq!(r.tail, seen);
}

#[test]
fn a_failing_check_keeps_its_code_and_stderr() {
    let (r, seen, _) = go("fail.sh", Duration::from_secs(10));
    assert_eq!(r.end, RunEnd::Exited { code: 2 });
    assert_eq!(seen, vec!["sign-in: 502 Bad Gateway"]);
}

#[test]
fn a_hang_is_killed_with_its_child() {
    let (r, seen, group) = go("hang.sh", Duration::from_millis(500));
    assert_eq!(r.end, RunEnd::TimedOut);
    let child: i32 =
        seen.iter().find_map(|l| l.strip_prefix("child ")).and_then(|p| p.trim().parse().ok()).expect("child pid");
    std::thread::sleep(Duration::from_millis(200));
    let alive = |pid: i32| std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "));
    assert!(!alive(child), "the child left behind was killed too");
    assert!(group > 0);
}

#[test]
fn escape_sequences_never_come_through() {
    let (_, seen, _) = go("escapes.sh", Duration::from_secs(10));
    let line = seen.join("\n");
    assert!(!line.contains('\u{1b}') && !line.contains('\u{7}') && !line.contains('\u{202e}'), "{line:?}");
    assert!(line.contains("\\u{1b}[31mred"), "{line:?}");
}

#[test]
fn tokens_are_redacted_before_anyone_sees_them() {
    let (r, seen, _) = go("token.sh", Duration::from_secs(10));
    let all = seen.join("\n") + &r.tail.join("\n");
    assert!(!all.contains("eyJhbGci") && !all.contains("ghp_0123"), "{all}");
    assert_eq!(seen, vec!["Authorization: [redacted]", "using token [redacted] for the API"]);
}

#[test]
fn five_megabytes_are_counted_and_one_is_kept() {
    let (r, seen, _) = go("flood.sh", Duration::from_secs(30));
    assert_eq!(r.end, RunEnd::Exited { code: 0 });
    // fold puts a newline after every 100 bytes but the last, short line.
    assert_eq!(r.output_bytes, 5 * 1024 * 1024 + 5 * 1024 * 1024 / 100);
    let kept: usize = seen.iter().map(|l| l.len() + 1).sum();
    assert!(kept as u64 <= KEEP_BYTES + 200, "kept {kept}");
    assert_eq!(r.tail.len(), TAIL_LINES);
}

#[test]
fn a_missing_program_is_a_clear_not_started() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let redactor = Redactor::new(&[]).expect("redactor");
    let r = rt.block_on(run(
        &["/nonexistent/smoke".to_owned()],
        &scripts(),
        Duration::from_secs(1),
        &redactor,
        |_| {},
        |_| {},
    ));
    assert!(matches!(r.end, RunEnd::NotStarted { .. }));
}

#[test]
fn a_token_across_the_old_4_kib_cut_is_still_hidden() {
    let redactor = Redactor::built_in();
    let mut lines = Lines {
        carry: [Vec::new(), Vec::new()],
        redactors: [redactor.stream(), redactor.stream()],
        kept: 0,
        total: 0,
        tail: VecDeque::new(),
    };
    let token = "ghp_0123456789abcdefghijABCDEFGHIJ";
    let line = format!("{}{token} done\n", "x".repeat(4096 - 10));
    let mut out = Vec::new();
    // Fed in the chunks a pipe gives: the token straddles byte 4096.
    for chunk in line.as_bytes().chunks(4096) {
        lines.take(0, chunk, &mut out);
    }
    lines.finish(&mut out);
    assert_eq!(out.len(), 1);
    assert!(!out[0].contains("ghp_") && out[0].ends_with("[redacted] done"), "{}", &out[0][4000..]);
}

#[test]
fn a_pem_key_printed_by_a_command_is_hidden_whole() {
    let redactor = Redactor::built_in();
    let mut lines = Lines {
        carry: [Vec::new(), Vec::new()],
        redactors: [redactor.stream(), redactor.stream()],
        kept: 0,
        total: 0,
        tail: VecDeque::new(),
    };
    let mut out = Vec::new();
    lines.take(0, b"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\nok\n", &mut out);
    assert_eq!(out, vec!["[redacted]", "[redacted]", "[redacted]", "ok"]);
}

proptest::proptest! {
    #[test]
    fn a_token_is_hidden_wherever_the_pipe_cuts_the_output(cut in 1usize..200, pad in 0usize..5000) {
        let redactor = Redactor::built_in();
        let mut lines = Lines {
            carry: [Vec::new(), Vec::new()],
            redactors: [redactor.stream(), redactor.stream()],
            kept: 0,
            total: 0,
            tail: VecDeque::new(),
        };
        let text = format!("{}ghp_0123456789abcdefghijABCDEFGHIJ tail\nnext line\n", "y".repeat(pad));
        let mut out = Vec::new();
        for chunk in text.as_bytes().chunks(cut) {
            lines.take(0, chunk, &mut out);
        }
        lines.finish(&mut out);
        proptest::prop_assert!(out.iter().all(|l| !l.contains("ghp_") && !l.contains("ABCDEFGHIJ")), "{out:?}");
    }
}

#[test]
fn the_program_firedrill_is_this_executable_and_no_other_name_is() {
    let exe = std::env::current_exe().expect("current exe").into_os_string();
    assert_eq!(program_for("firedrill"), exe);
    assert_eq!(program_for("./firedrill"), std::ffi::OsString::from("./firedrill"));
    assert_eq!(program_for("sh"), std::ffi::OsString::from("sh"));
}
