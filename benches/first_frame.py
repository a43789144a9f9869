#!/usr/bin/env python3
"""Time to first frame of the release binary, whole process, in a pseudo-
terminal: from spawning it to the moment `--marker` arrives in its output
(raw bytes, no terminal emulator), and its peak memory once it is drawn.
Several binaries given with `--bin` (and the reference app given with
`--floor`) run in turn, in a new random order each round, so a
before/after comparison holds while the machine's speed drifts. Standard
library only; not part of `cargo bench`, which times code in process.

  python3 benches/first_frame.py --marker "role?" --bin target/release/firedrill \\
      -- drill runbooks/onboarding-signup.toml
  python3 benches/first_frame.py --marker "role?" --floor ../floor/target/release/floor \\
      --bin target/release/firedrill -- drill runbooks/onboarding-signup.toml
  python3 benches/first_frame.py --marker checked --size 120x40 \\
      --fresh /tmp/fx/resume-1m.jsonl /tmp/r/j.jsonl --bin A --bin B -- resume /tmp/r/j.jsonl
  python3 benches/first_frame.py --marker abandoned --cold '~/.local/state/firedrill/review-cache-*.json' \\
      --bin target/release/firedrill -- review /tmp/fx/sessions

The marker must be one word: a frame positions words one by one.
"""

import argparse
import fcntl
import glob
import os
import pty
import random
import select
import shutil
import signal
import statistics
import struct
import termios
import time


def once(argv, marker, rows, cols, timeout):
    """Milliseconds until `marker` was written, and peak RSS in MiB."""
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvp(argv[0], argv)
    start = time.perf_counter()
    seen, shown = b"", None
    while time.perf_counter() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            seen += os.read(fd, 1 << 16)
        except OSError:
            break
        if marker in seen:
            shown = (time.perf_counter() - start) * 1000
            break
    time.sleep(0.2)
    peak = None
    try:
        with open(f"/proc/{pid}/status") as status:
            peak = next((int(l.split()[1]) // 1024 for l in status if l.startswith("VmHWM")), None)
    except OSError:
        pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return shown, peak


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--marker", required=True, help="one word the first frame shows")
    p.add_argument("--bin", action="append", required=True, help="a binary; give several to compare")
    p.add_argument("--size", default="80x24", help="COLSxROWS")
    p.add_argument("--runs", type=int, default=11)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the marker")
    p.add_argument("--fresh", nargs=2, metavar=("SRC", "DST"), help="copy SRC to DST before each run")
    p.add_argument("--cold", metavar="GLOB", help="remove the files GLOB names before each run (a cache)")
    p.add_argument("--floor", metavar="BIN", help="a reference app run in the same rotation, with no arguments")
    p.add_argument("--floor-marker", default="Rollback", help="the word the reference app's first frame shows")
    p.add_argument("args", nargs="*", help="the arguments after --")
    a = p.parse_args()
    cols, rows = (int(n) for n in a.size.lower().split("x"))
    results = {b: [] for b in a.bin}
    if a.floor:
        results[a.floor] = []
    turns = [(b, [b, *a.args], a.marker) for b in a.bin]
    if a.floor:
        turns.append((a.floor, [a.floor], a.floor_marker))
    for _ in range(a.runs):
        # A new order each round: no binary always follows the same one.
        random.shuffle(turns)
        for b, argv, marker in turns:
            if a.fresh:
                shutil.copyfile(*a.fresh)
                os.sync()
            for cached in glob.glob(os.path.expanduser(a.cold)) if a.cold else []:
                os.remove(cached)
            results[b].append(once(argv, marker.encode(), rows, cols, a.timeout))
    for b, runs in results.items():
        times = [t for t, _ in runs if t is not None]
        peaks = [m for _, m in runs if m is not None]
        if len(times) < 2:
            print(f"{b}: the marker was seen in {len(times)} of {len(runs)} runs")
            continue
        q1, _, q3 = statistics.quantiles(times, n=4)
        peak = f"  peak {statistics.median(peaks)} MiB" if peaks else ""
        ratio = ""
        floor = [t for t, _ in results.get(a.floor, []) if t is not None] if a.floor and b != a.floor else []
        if len(floor) >= 2:
            ratio = f"  {statistics.median(times) / statistics.median(floor):.2f}x the floor"
        print(f"{b}: median {statistics.median(times):.1f} ms (p25 {q1:.1f}, p75 {q3:.1f}, n={len(times)}){peak}{ratio}")


if __name__ == "__main__":
    main()
