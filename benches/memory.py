"""Peak memory and time of the release CLI on one large file, against the issue's limits.

    python3 benches/memory.py [--rustdocs PATH] [--mb 20] [--runs 3]

Writes the report seed repeated to MB megabytes and to a tenth of that (copies separated by
a blank line, as the `ratios` runner does), runs `rustdocs extract --format json FILE`
(output to /dev/null) RUNS times with one thread and with every core, and prints a Markdown
table: median wall time, the largest peak RSS of the runs, the scaling ratio and the memory
limit (3 × the file size + 50 MB). Peak RSS is the child's own `ru_maxrss` from `wait4`, so
the script needs nothing but Python and a built CLI (`cargo build --release -p rustdocs-cli`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPORT = "003_0bd08050aac06db2.md"


def report_text() -> str:
    for folder in (ROOT.parent / "shared" / "seeds", ROOT / "examples"):
        path = folder / REPORT
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise SystemExit(f"seed {REPORT} not found")


def repeat_to(unit: str, size: int) -> bytes:
    piece = (unit + "\n\n").encode()
    return piece * -(-size // len(piece))


def run_once(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes of one run of `cmd`."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return wall, usage.ru_maxrss * 1024  # Linux reports KiB


def measure(binary: str, path: Path, threads: int, runs: int) -> tuple[float, int]:
    cmd = [binary, "extract", "--threads", str(threads), "--format", "json", str(path)]
    results = [run_once(cmd) for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(r for _, r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rustdocs", default=str(ROOT / "target" / "release" / "rustdocs"))
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not Path(args.rustdocs).is_file():
        raise SystemExit(f"{args.rustdocs} is missing: cargo build --release -p rustdocs-cli")

    unit = report_text()
    big = int(args.mb * 1e6)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        large, small = Path(tmp, "large.md"), Path(tmp, "small.md")
        large.write_bytes(repeat_to(unit, big))
        small.write_bytes(repeat_to(unit, big // 10))
        size = large.stat().st_size
        limit = 3 * size + 50_000_000
        print(f"report seed repeated to {size} and {small.stat().st_size} bytes, "
              f"{args.runs} runs each, {cores} cores\n")
        print("| threads | large s | small s | large / small | peak RSS, large | limit | within |")
        print("|---:|---:|---:|---:|---:|---:|---|")
        for threads in sorted({1, cores}):
            wall_l, rss_l = measure(args.rustdocs, large, threads, args.runs)
            wall_s, _ = measure(args.rustdocs, small, threads, args.runs)
            print(f"| {threads} | {wall_l:.2f} | {wall_s:.3f} | {wall_l / wall_s:.1f} | "
                  f"{rss_l / 1e6:.1f} MB | {limit / 1e6:.1f} MB | "
                  f"{'yes' if rss_l <= limit else 'NO'} |")


if __name__ == "__main__":
    main()
