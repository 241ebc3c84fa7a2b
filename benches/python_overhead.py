"""Python overhead: `rustdocs.parse` against the Rust `rustdocs::analyze` call it wraps.

Needs the package built in release mode in the interpreter that runs this script, and the
`per_call` runner; `bash benches/setup-peers.sh` does both for `benches/.venv`:

    benches/.venv/bin/python benches/python_overhead.py [CALLS] [ROUNDS]

Both sides take the median of CALLS calls (after a warm-up) on the same seed, in ROUNDS
alternating rounds of one run; the table gives the medians over rounds and the median of
the per-round ratios. The Python call does everything `analyze` does, then converts the result (entity
tuples, sections, diagnostics, the JSON text) and builds the `Document`. Results go to
`benches/results/python.md`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import rustdocs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUNNER = ROOT / "target" / "release" / "per_call"
SEEDS = {"meetup": "000_22672fd967c890d3.md", "report": "003_0bd08050aac06db2.md"}


def seed_text(name: str) -> str:
    for folder in (ROOT.parent / "shared" / "seeds", ROOT / "examples"):
        path = folder / SEEDS[name]
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise SystemExit(f"seed {SEEDS[name]} not found")


def python_us(text: str, calls: int) -> float:
    rustdocs.parse(text)
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        rustdocs.parse(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def rust_us(name: str, calls: int) -> float:
    if not RUNNER.is_file():
        raise SystemExit(
            f"{RUNNER} is missing: cargo build --profile bench -p rustdocs-benches --bin per_call"
        )
    out = subprocess.run([str(RUNNER), name, str(calls)], check=True, capture_output=True, text=True)
    return float(json.loads(out.stdout)["analyze_us"])


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rows = []
    for name in ("meetup", "report"):
        text = seed_text(name)
        n = calls if name == "meetup" else max(calls // 20, 20)
        # Alternate the two sides so a slow spell of a shared machine hits both.
        pairs = [(rust_us(name, n), python_us(text, n)) for _ in range(rounds)]
        rust = statistics.median(r for r, _ in pairs)
        py = statistics.median(p for _, p in pairs)
        ratio = statistics.median(p / r for r, p in pairs)
        rows.append((name, len(text.encode("utf-8")), n, rust, py, ratio))
    lines = [
        "| document | bytes | calls per round | Rust `analyze` µs | Python `parse` µs | Python / Rust |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {n} | {b} | {c} | {r:.1f} | {p:.1f} | {x:.2f} |" for n, b, c, r, p, x in rows]
    table = "\n".join(lines)
    print(table)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "python.md").write_text(
        "Medians of one run of `benches/python_overhead.py`.\n\n" + table + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
