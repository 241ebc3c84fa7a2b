"""parse_many: same results as parse, in order, from many Python threads at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import rustdocs

from conftest import EXAMPLES, SHARED


def _corpus() -> list[Path]:
    paths = sorted(EXAMPLES.glob("*.md"))
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        paths += sorted(corpus.rglob("*.md"))
    return paths


def _texts() -> list[str]:
    # A dozen real documents keep the threaded tests quick in a debug build.
    texts = [p.read_text(encoding="utf-8") for p in _corpus()[:12]]
    texts += ["---\nbad: [\n---\n", "", "😀 2023 年 4 月 8 日 14:00 北京市海淀区中关村大街 27 号"]
    return texts


def _key(doc):
    if isinstance(doc, BaseException):
        return (type(doc).__name__, str(doc), doc.line, doc.column, doc.kind)
    return (doc.to_json(), doc.source, doc.entities, doc.diagnostics)


def _sequential(texts):
    out = []
    for t in texts:
        try:
            out.append(_key(rustdocs.parse(t)))
        except rustdocs.RustdocsError as e:
            out.append(_key(e))
    return out


def test_parse_many_equals_parse_in_order():
    texts = _texts()
    expected = _sequential(texts)
    for threads in (None, 1, 2, 3):
        assert [_key(d) for d in rustdocs.parse_many(texts, threads=threads)] == expected


def test_paths_and_texts_give_the_same_documents():
    paths = _corpus()
    by_path = rustdocs.parse_many(paths)
    by_text = [rustdocs.parse(p.read_text(encoding="utf-8"), path=str(p)) for p in paths]
    assert by_path == by_text
    assert all(d.source == p.read_text(encoding="utf-8") for d, p in zip(by_path, paths))


def test_many_python_threads_calling_parse_many_concurrently():
    texts = _texts()
    expected = _sequential(texts)
    barrier = threading.Barrier(8)

    def job(i: int):
        barrier.wait()  # start together so calls really overlap
        rotated = texts[i % len(texts) :] + texts[: i % len(texts)]
        got = [_key(d) for d in rustdocs.parse_many(rotated, threads=(None, 1, 2)[i % 3])]
        return got == expected[i % len(texts) :] + expected[: i % len(texts)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(job, range(8)))


def test_parse_from_many_threads():
    texts = _texts()
    expected = _sequential(texts)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: _sequential(texts), range(6)))
    assert all(r == expected for r in results)


def test_bad_thread_counts():
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="threads"):
            rustdocs.parse_many(["x"], threads=bad)  # type: ignore[arg-type]
    assert rustdocs.parse_many([], threads=1) == []


def test_unreadable_and_invalid_files_are_error_entries(tmp_path):
    latin = tmp_path / "latin1.md"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    missing = tmp_path / "missing.md"
    directory = tmp_path
    docs = rustdocs.parse_many([latin, missing, directory, "正文 2023 年 4 月 8 日"])
    # The invalid byte of latin1.md is on line 1, column 4 (after "caf"); the others have no position.
    positions = [(1, 4), (None, None), (None, None)]
    for err, path, (line, column) in zip(docs[:3], (latin, missing, directory), positions):
        assert isinstance(err, rustdocs.RustdocsError) and not isinstance(err, rustdocs.FrontMatterError)
        assert err.path == str(path) and str(path) in str(err)
        assert (err.line, err.column, err.kind) == (line, column, None)
    assert "invalid UTF-8 at byte 3" in str(docs[0])
    assert isinstance(docs[3], rustdocs.Document) and docs[3].datetimes
