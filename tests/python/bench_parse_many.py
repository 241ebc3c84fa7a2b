"""Times ``rustdocs.parse_many`` on N documents (the bundled examples and ../shared/corpus,
repeated) with one thread and with every core. Not collected by pytest; run it by hand:

    python tests/python/bench_parse_many.py [N] [REPEATS]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import rustdocs

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    paths = sorted((ROOT / "examples").glob("*.md"))
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        paths += sorted(corpus.rglob("*.md"))
    base = [p.read_text(encoding="utf-8") for p in paths]
    texts = [base[i % len(base)] for i in range(n)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{n} documents from {len(base)} distinct files, {size / 1e6:.1f} MB, {os.cpu_count()} cores")
    for threads in (1, None):
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            docs = rustdocs.parse_many(texts, threads=threads)
            best = min(best, time.perf_counter() - start)
        entities = sum(len(d.entities) for d in docs if isinstance(d, rustdocs.Document))
        label = "1 thread" if threads == 1 else "all cores"
        print(f"{label:>9}: {best:6.2f} s  {n / best:8.0f} docs/s  {size / 1e6 / best:6.1f} MB/s  ({entities} entities)")


if __name__ == "__main__":
    main()
