"""Throughput of rustdocs against the extractors a user would pick instead.

Run `bash benches/setup-peers.sh` once, build the CLI (`cargo build --release -p rustdocs-cli`),
then:

    benches/.venv/bin/python benches/peers.py [--rustdocs PATH] [--budget SECONDS]

On the same documents in the same run it times

* rustdocs: the release CLI on one thread, `rustdocs extract --threads 1 --format json DIR`
  over copies of the document (see `time_rustdocs`): all four recognizers, validation and
  JSON output; median of several runs;
* JioNLP `jio.ner.extract_time(text, time_base=..., with_parsing=True)`;
* Microsoft Recognizers-Text `recognize_datetime(text, Culture.Chinese)`;
* dateparser `search_dates(text, languages=['zh'])`.

The peers are given the document one paragraph (blank-line separated block) at a time, the
unit they are built for; rustdocs gets the whole file, its own unit. A peer that has not
finished a document within the time budget is stopped and its throughput is computed over
the paragraphs it did finish (marked "partial"). Results go to `benches/results/peers.md`
and `benches/results/peers.png`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = [
    ("report (seed 003)", "003_0bd08050aac06db2.md"),
    ("meetup (seed 000)", "000_22672fd967c890d3.md"),
]


def seed_path(name: str) -> Path:
    shared = ROOT.parent / "shared" / "seeds" / name
    return shared if shared.is_file() else ROOT / "examples" / name


def paragraphs(text: str) -> list[str]:
    return [p for p in (b.strip() for b in text.split("\n\n")) if p]


def default_binary() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "rustdocs"


def time_rustdocs(binary: Path, path: Path, runs: int) -> tuple[float, int, int, float]:
    """Warm single-threaded throughput of the CLI on one document.

    The document is copied into a temporary directory until the copies reach 4 MB, and
    `rustdocs extract --threads 1 --format json DIR` runs over them, so the ~40 ms of process
    start (regexes, gazetteer) is spread over many documents as it is in a Python session.
    Returns the median seconds, the bytes processed, datetimes found in one copy, and the
    cold time of one run on the single file.
    """
    import json
    import shutil
    import tempfile

    size = path.stat().st_size
    copies = max(1, -(-4_000_000 // size))

    def run(target: Path, threads: list[str]) -> tuple[float, bytes]:
        start = time.perf_counter()
        out = subprocess.run(
            [str(binary), "extract", *threads, "--format", "json", str(target)],
            check=True,
            stdout=subprocess.PIPE,
        ).stdout
        return time.perf_counter() - start, out

    cold, out = run(path, [])
    found = sum(1 for e in json.loads(out)[0]["entities"] if e["kind"] == "datetime")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(copies):
            shutil.copyfile(path, Path(tmp) / f"{i:05}.md")
        times = [run(Path(tmp), ["--threads", "1"])[0] for _ in range(runs)]
    return statistics.median(times), size * copies, found, cold


def load_peers() -> dict[str, object]:
    """Each installed peer as a function from one paragraph to the number of matches."""
    peers: dict[str, object] = {}
    base = time.mktime((2023, 1, 1, 0, 0, 0, 0, 0, -1))
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp as jio  # prints a banner on import

        def jionlp(text: str) -> int:
            return len(jio.ner.extract_time(text, time_base=base, with_parsing=True))

        peers["JioNLP extract_time"] = jionlp
    except ImportError as e:
        print(f"JioNLP not installed: {e}", file=sys.stderr)
    try:
        from recognizers_date_time import Culture, recognize_datetime

        def microsoft(text: str) -> int:
            return len(recognize_datetime(text, Culture.Chinese))

        peers["Recognizers-Text datetime (zh-cn)"] = microsoft
    except ImportError as e:
        print(f"Recognizers-Text not installed: {e}", file=sys.stderr)
    try:
        from dateparser.search import search_dates

        def dateparser(text: str) -> int:
            return len(search_dates(text, languages=["zh"]) or [])

        peers["dateparser search_dates (zh)"] = dateparser
    except ImportError as e:
        print(f"dateparser not installed: {e}", file=sys.stderr)
    return peers


def time_peer(fn, paras: list[str], budget: float) -> tuple[float, int, int, bool]:
    """Seconds spent, bytes processed, matches found, and whether the budget ran out."""
    fn(paras[0])  # warm-up: lazy model and pattern loading is not throughput
    spent = 0.0
    done = 0
    found = 0
    for p in paras:
        start = time.perf_counter()
        try:
            found += fn(p)
        except Exception:  # a peer crashing on a paragraph still spent the time
            pass
        spent += time.perf_counter() - start
        done += len(p.encode())
        if spent > budget:
            return spent, done, found, True
    return spent, done, found, False


def chart(rows: list[dict], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    docs = list(dict.fromkeys(r["doc"] for r in rows))
    tools = list(dict.fromkeys(r["tool"] for r in rows))
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / len(tools)
    for i, tool in enumerate(tools):
        xs, ys = [], []
        for j, doc in enumerate(docs):
            for r in rows:
                if r["doc"] == doc and r["tool"] == tool:
                    xs.append(j + i * width)
                    ys.append(r["mbps"])
        bars = ax.bar(xs, ys, width, label=tool)
        ax.bar_label(bars, fmt="%.3g", fontsize=7)
    ax.set_yscale("log")
    ax.set_ylabel("MB/s (log scale, higher is better)")
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(docs))], docs)
    ax.set_title("Datetime extraction throughput on the same Chinese documents")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rustdocs", type=Path, default=default_binary())
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per peer and document")
    parser.add_argument("--runs", type=int, default=5, help="rustdocs runs per document")
    args = parser.parse_args()
    if not args.rustdocs.is_file():
        sys.exit(f"{args.rustdocs} not found: cargo build --release -p rustdocs-cli")

    peers = load_peers()
    # JioNLP logs a traceback for every phrase it cannot parse; writing them is not extraction.
    logging.disable(logging.CRITICAL)
    rows = []
    for doc, name in SEEDS:
        path = seed_path(name)
        text = path.read_text(encoding="utf-8")
        secs, done, found, cold = time_rustdocs(args.rustdocs, path, args.runs)
        print(f"{doc}: rustdocs cold run on the one file: {cold * 1000:.0f} ms", file=sys.stderr)
        rows.append({"doc": doc, "tool": "rustdocs (CLI, 1 thread, all kinds)", "secs": secs,
                     "bytes": done, "found": found, "partial": False})
        paras = paragraphs(text)
        for tool, fn in peers.items():
            print(f"{doc}: {tool} …", file=sys.stderr, flush=True)
            secs, done, found, partial = time_peer(fn, paras, args.budget)
            rows.append({"doc": doc, "tool": tool, "secs": secs, "bytes": done,
                         "found": found, "partial": partial})
    for r in rows:
        r["mbps"] = r["bytes"] / 1e6 / r["secs"]

    lines = [
        "| document | tool | bytes timed | seconds | MB/s | datetimes found | rustdocs is … × faster |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ours = next(x for x in rows if x["doc"] == r["doc"] and x["tool"].startswith("rustdocs"))
        ratio = ours["mbps"] / r["mbps"]
        note = " (partial)" if r["partial"] else ""
        lines.append(
            f"| {r['doc']} | {r['tool']} | {r['bytes']}{note} | {r['secs']:.3f} | "
            f"{r['mbps']:.3g} | {r['found']} | {ratio:.0f} |"
        )
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "peers.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    try:
        chart(rows, results / "peers.png")
    except ImportError as e:
        print(f"matplotlib not installed, no chart: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
