//! `firedrill report` on two 1,000,000-event journals, mixed events and
//! long notes only (budget: under 150 MB peak RSS and under 1.5 s each),
//! run as the release binary would be: the binary is spawned and its peak
//! RSS read from the kernel's accounting of children, in a copy of this
//! bench that spawns nothing else (so each figure is one report's). Criterion
//! also times the same report on 100,000 events.
//!
//! `FIREDRILL_BENCH_KEEP=DIR cargo bench --bench report` leaves the
//! journals in DIR (about 150 and 250 MB) for measuring by hand.

use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};

mod support;

/// Runs `firedrill report` on `journal` into a fresh folder; returns the
/// wall time.
fn report(journal: &Path) -> Duration {
    let out = tempfile::tempdir().expect("out");
    let started = Instant::now();
    let status = Process::new(env!("CARGO_BIN_EXE_firedrill"))
        .arg("report")
        .arg(journal)
        .arg("--out")
        .arg(out.path())
        .env("XDG_STATE_HOME", out.path())
        .env("XDG_CACHE_HOME", out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("spawn");
    let took = started.elapsed();
    assert!(status.success(), "report failed: {status}");
    took
}

/// In the copy of this bench started by [`measured`]: one report, then
/// its wall time (ms) and peak RSS (kB) on stdout.
const CHILD: &str = "FIREDRILL_BENCH_REPORT_OF";

/// One report of `journal` in a copy of this process, whose only child it
/// is: (wall time, peak RSS in MB).
fn measured(journal: &Path) -> (Duration, f64) {
    let exe = std::env::current_exe().expect("exe");
    let out = Process::new(exe).env(CHILD, journal).output().expect("spawn");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut figures = text.split_whitespace().filter_map(|w| w.parse::<u64>().ok());
    let (ms, kb) = (figures.next().expect("ms"), figures.next().expect("kB"));
    #[allow(clippy::cast_precision_loss)]
    (Duration::from_millis(ms), kb as f64 / 1024.0)
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = support::fixture_dir(tmp.path());
    std::fs::create_dir_all(&dir).expect("dir");
    for (name, script) in [("mixed", support::mixed as support::Script), ("long notes", support::long_notes)] {
        let big = dir.join(format!("report-1m-{}.jsonl", name.replace(' ', "-")));
        support::write_journal(&big, 1_000_000, script);
        for run in 1..=3 {
            let (took, mb) = measured(&big);
            eprintln!("report of 1,000,000 events ({name}), run {run}: {took:?}, peak RSS {mb:.1} MB");
        }
    }

    let small = tmp.path().join("100k.jsonl");
    support::write_journal(&small, 100_000, support::mixed);
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("firedrill report of 100k events", |b| b.iter(|| report(&small)));
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    if let Some(journal) = std::env::var_os(CHILD) {
        let took = report(Path::new(&journal));
        let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).expect("rusage");
        println!("{} {}", took.as_millis(), usage.max_rss());
        return;
    }
    benches();
    criterion::Criterion::default().configure_from_args().final_summary();
}
